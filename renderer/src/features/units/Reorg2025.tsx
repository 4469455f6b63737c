/**
 * The guided "Sắp xếp đơn vị hành chính 2025" step: the catalogue's old → new mapping turned into
 * one proposed merge per new commune, which the officer confirms or corrects (untick a commune,
 * rename the successor, skip a group, choose the primary successor of a divided commune, add an
 * unmapped commune to a group) before applying everything in one transaction.
 */
import { useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call, useQuery } from '../../api/client';
import { errorText } from '../../components/formErrors';
import { FormActions, FormAlert } from '../../components/FormActions';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import type { ReorgProposalDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { communeKindsFor, type UnitKind } from '../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { UNITS } from './texts';
import { Allowed, RoleLocked } from '../auth/session';

interface GroupDraft {
  key: string;
  include: boolean;
  name: string;
  kind: UnitKind;
  code: string;
  ticked: Set<string>;
}

const NEW_KINDS = communeKindsFor('sau_2025').map((k) => ({ value: k, label: KIND_LABELS[k] }));

function initialDrafts(p: ReorgProposalDto): GroupDraft[] {
  return p.groups.map((g) => ({
    key: g.key,
    include: true,
    name: g.successor.name,
    kind: g.successor.kind,
    code: g.successor.code,
    ticked: new Set(g.predecessors.map((x) => x.unitId)),
  }));
}

type Proposal = ReorgProposalDto;
type ProposedGroup = Proposal['groups'][number];
type DividedCommune = { unitId: string; name: string; keys: string[] };

/** The drafts still proposed, the communes divided between groups, and what apply would send. */
function useReorgPlan(
  proposal: Proposal | undefined,
  drafts: GroupDraft[],
  setDrafts: Dispatch<SetStateAction<GroupDraft[]>>,
  extra: Record<string, string | null>,
  primaries: Record<string, string | null>,
) {
  const byKey = useMemo(() => new Map((proposal?.groups ?? []).map((g) => [g.key, g])), [proposal]);
  const divided = useMemo(() => {
    const seen = new Map<string, { unitId: string; name: string; keys: string[] }>();
    for (const g of proposal?.groups ?? []) {
      for (const x of g.predecessors) {
        if (x.splitInto.length < 2) continue;
        const d = seen.get(x.unitId) ?? { unitId: x.unitId, name: x.name, keys: [] };
        d.keys.push(g.key);
        seen.set(x.unitId, d);
      }
    }
    return [...seen.values()];
  }, [proposal]);

  // Drafts are rebuilt from each new proposal (an effect, one render later): never use a draft whose
  // group is no longer proposed, e.g. right after applying.
  const live = useMemo(() => drafts.filter((d) => byKey.has(d.key)), [drafts, byKey]);
  const patch = (key: string, p: Partial<GroupDraft>) => setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...p } : d)));

  /** What apply sends: included groups with at least one commune, unmapped communes added. */
  const plan = useMemo(() => {
    const groups = live
      .filter((d) => d.include)
      .map((d) => {
        const added = Object.entries(extra)
          .filter(([, k]) => k === d.key)
          .map(([id]) => id);
        const unitIds = [
          ...byKey
            .get(d.key)!
            .predecessors.map((x) => x.unitId)
            .filter((id) => d.ticked.has(id)),
          ...added,
        ];
        const g = byKey.get(d.key)!;
        const mode = g.mode === 'keep' && unitIds.length === 1 && added.length === 0 ? ('keep' as const) : ('merge' as const);
        return { key: d.key, mode, successorId: g.existing?.id ?? null, successor: { name: d.name, kind: d.kind, code: d.code }, unitIds };
      })
      .filter((g) => g.unitIds.length > 0);
    const chosen = divided
      .map((d) => ({ d, groups: groups.map((g, i) => ({ g, i })).filter(({ g }) => g.unitIds.includes(d.unitId)) }))
      .filter(({ groups: gs }) => gs.length > 1)
      .map(({ d, groups: gs }) => ({ unitId: d.unitId, group: gs.find(({ g }) => g.key === primaries[d.unitId])?.i ?? -1 }));
    return { groups, primaries: chosen };
  }, [live, extra, byKey, divided, primaries]);
  return { byKey, divided, live, patch, plan };
}

function ResultAlert({ result }: { result: MethodOutput<'reorg.apply'> }) {
  return (
    <Alert color="green" role="status">
      {UNITS.reorg.applied(result)}
      {result.eraChanged && (
        <Group mt="xs" gap="xs">
          <Text size="sm">{UNITS.reorg.eraChanged}</Text>
          <Button size="xs" onClick={() => window.location.reload()}>
            {UNITS.reorg.reload}
          </Button>
        </Group>
      )}
    </Alert>
  );
}

interface GroupCardProps {
  d: GroupDraft;
  g: ProposedGroup;
  endsDistricts: boolean;
  patch: (key: string, p: Partial<GroupDraft>) => void;
}

/** One proposed new commune: include it or not, its name, kind and code, the communes it takes in. */
function GroupCard({ d, g, endsDistricts, patch }: GroupCardProps) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={UNITS.reorg.group(g.successor.name)} opacity={d.include ? 1 : 0.6}>
      <Group justify="space-between" mb={6}>
        <Checkbox label={UNITS.reorg.include} checked={d.include} onChange={(e) => patch(d.key, { include: e.currentTarget.checked })} />
        <Badge variant="light">{g.key}</Badge>
      </Group>
      {g.existing ? (
        <Text size="sm" mb={6}>
          {UNITS.reorg.existing(g.existing.name)}
        </Text>
      ) : (
        <Group grow align="flex-start" mb={6}>
          <TextInput
            label={UNITS.reorg.successorName}
            value={d.name}
            onChange={(e) => patch(d.key, { name: e.currentTarget.value })}
            disabled={!d.include}
          />
          <Select
            label={UNITS.reorg.successorKind}
            data={NEW_KINDS}
            value={d.kind}
            onChange={(v) => v && patch(d.key, { kind: v })}
            allowDeselect={false}
            disabled={!d.include}
          />
          <TextInput
            label={UNITS.reorg.successorCode}
            value={d.code}
            onChange={(e) => patch(d.key, { code: e.currentTarget.value })}
            disabled={!d.include}
          />
        </Group>
      )}
      {g.mode === 'keep' && !g.existing && (
        <Text size="xs" c="dimmed" mb={4}>
          {UNITS.reorg.keep}
        </Text>
      )}
      <Text size="sm" fw={500}>
        {UNITS.reorg.predecessors}
      </Text>
      <Group gap="md">
        {g.predecessors.map((x) => (
          <Checkbox
            key={x.unitId}
            label={endsDistricts && x.parentName ? `${x.name} (${x.parentName})` : x.name}
            checked={d.ticked.has(x.unitId)}
            disabled={!d.include}
            onChange={(e) => {
              const ticked = new Set(d.ticked);
              if (e.currentTarget.checked) ticked.add(x.unitId);
              else ticked.delete(x.unitId);
              patch(d.key, { ticked });
            }}
          />
        ))}
      </Group>
      {g.outside.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {UNITS.reorg.outside(g.outside.map((o) => o.name).join(', '))}
        </Text>
      )}
    </Paper>
  );
}

interface DividedPanelProps {
  divided: readonly DividedCommune[];
  live: readonly GroupDraft[];
  primaries: Record<string, string | null>;
  setPrimaries: Dispatch<SetStateAction<Record<string, string | null>>>;
  missing: (unitId: string) => boolean;
}

/** Communes divided between several new ones: which new commune is the primary successor. */
function DividedPanel({ divided, live, primaries, setPrimaries, missing }: DividedPanelProps) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={UNITS.reorg.divided}>
      <Text fw={500}>{UNITS.reorg.divided}</Text>
      <Text size="xs" c="dimmed" mb={6}>
        {UNITS.reorg.dividedHint}
      </Text>
      <Stack gap="xs">
        {divided.map((x) => (
          <Select
            key={x.unitId}
            label={UNITS.reorg.primaryOf(x.name)}
            data={x.keys.map((k) => ({ value: k, label: live.find((d) => d.key === k)?.name ?? k }))}
            value={primaries[x.unitId] ?? null}
            onChange={(v) => setPrimaries((p) => ({ ...p, [x.unitId]: v }))}
            error={missing(x.unitId) ? UNITS.reorg.pickPrimary : undefined}
            w={360}
            comboboxProps={{ withinPortal: true }}
          />
        ))}
      </Stack>
    </Paper>
  );
}

interface UnmappedPanelProps {
  unmapped: Proposal['unmapped'];
  live: readonly GroupDraft[];
  extra: Record<string, string | null>;
  setExtra: Dispatch<SetStateAction<Record<string, string | null>>>;
}

/** Communes the catalogue does not map: add each to a group, or leave it for later. */
function UnmappedPanel({ unmapped, live, extra, setExtra }: UnmappedPanelProps) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={UNITS.reorg.unmapped}>
      <Text fw={500}>{UNITS.reorg.unmapped}</Text>
      <Text size="xs" c="dimmed" mb={6}>
        {UNITS.reorg.unmappedHint}
      </Text>
      <Stack gap="xs">
        {unmapped.map((x) => (
          <Group key={x.unitId} align="flex-end">
            <Stack gap={0} w={320}>
              <Text size="sm">
                {x.name}
                {x.code ? ` (${x.code})` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {x.why}
              </Text>
            </Stack>
            <Select
              aria-label={UNITS.reorg.addTo(x.name)}
              placeholder={UNITS.reorg.later}
              data={live.map((d) => ({ value: d.key, label: d.name }))}
              value={extra[x.unitId] ?? null}
              onChange={(v) => setExtra((e) => ({ ...e, [x.unitId]: v }))}
              clearable
              w={300}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** The reason and "Áp dụng N nhóm", for a role that may apply the plan. */
function ApplyBar(p: { reason: string; setReason: (r: string) => void; groups: number; onApply: () => void }) {
  return (
    <Allowed method="reorg.apply">
      <Group align="flex-end" wrap="nowrap">
        <Textarea
          label={UNITS.reorg.reason}
          value={p.reason}
          onChange={(e) => p.setReason(e.currentTarget.value)}
          autosize
          minRows={1}
          style={{ flex: 1 }}
        />
        <Button disabled={p.groups === 0} onClick={p.onApply}>
          {UNITS.reorg.apply(p.groups)}
        </Button>
      </Group>
    </Allowed>
  );
}

export function Reorg2025({ onApplied }: { onApplied: (eraChanged: boolean) => void }) {
  const q = useQuery('reorg.propose', {});
  const [drafts, setDrafts] = useState<GroupDraft[]>([]);
  const [primaries, setPrimaries] = useState<Record<string, string | null>>({});
  const [extra, setExtra] = useState<Record<string, string | null>>({});
  const [reason, setReason] = useState<string>(UNITS.reorg.defaultReason);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MethodOutput<'reorg.apply'> | null>(null);
  const [markMissing, setMarkMissing] = useState(false);

  useEffect(() => {
    if (!q.data) return;
    setDrafts(initialDrafts(q.data));
    setPrimaries({});
    setExtra({});
  }, [q.data]);

  const proposal = q.data;
  const { byKey, divided, live, patch, plan } = useReorgPlan(proposal, drafts, setDrafts, extra, primaries);
  const missingPrimary = (unitId: string) => markMissing && plan.primaries.some((p) => p.unitId === unitId && p.group < 0);

  async function apply() {
    setSaving(true);
    setError(null);
    try {
      const missing = plan.primaries.find((p) => p.group < 0);
      if (missing) {
        const d = divided.find((x) => x.unitId === missing.unitId)!;
        setMarkMissing(true);
        throw new ApiError({ code: 'VALIDATION', message: UNITS.reorg.missingPrimary(d.name) });
      }
      const out = await call('reorg.apply', { groups: plan.groups, primaries: plan.primaries, reason });
      setResult(out);
      notifications.show({ color: 'green', message: UNITS.reorg.applied(out) });
      setConfirming(false);
      q.reload();
      onApplied(out.eraChanged);
    } catch (err) {
      setError(errorText(err));
      setConfirming(false);
    } finally {
      setSaving(false);
    }
  }

  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!proposal) return <Loader size="sm" />;

  const resultAlert = result && <ResultAlert result={result} />;
  if (!proposal.applicable) {
    return (
      <Stack gap="sm">
        <Title order={3}>{UNITS.reorg.title}</Title>
        {resultAlert}
        {!result && (
          <Alert color="gray" title={UNITS.reorg.notApplicable}>
            {proposal.reason}
          </Alert>
        )}
      </Stack>
    );
  }

  const communes = plan.groups.reduce((n, g) => n + g.unitIds.length, 0);
  return (
    <Stack gap="sm" h="100%">
      <Title order={3}>{UNITS.reorg.title}</Title>
      {resultAlert}
      {proposal.groups.length === 0 && proposal.unmapped.length === 0 ? (
        <Alert color="gray">{UNITS.reorg.done}</Alert>
      ) : (
        <>
          <Text size="sm">{UNITS.reorg.intro(proposal.groups.length, proposal.parent.name)}</Text>
          {proposal.endsDistricts && <Text size="sm">{UNITS.reorg.province}</Text>}
          <FormAlert message={error} />
          <ScrollArea style={{ flex: 1 }} type="auto">
            {/* The plan is edited only to be applied: locked for a role that may not apply it. */}
            <RoleLocked method="reorg.apply">
              <Stack gap="sm" pr="sm">
                {live.map((d) => (
                  <GroupCard key={d.key} d={d} g={byKey.get(d.key)!} endsDistricts={proposal.endsDistricts} patch={patch} />
                ))}
                {divided.length > 0 && (
                  <DividedPanel divided={divided} live={live} primaries={primaries} setPrimaries={setPrimaries} missing={missingPrimary} />
                )}
                {proposal.unmapped.length > 0 && (
                  <UnmappedPanel unmapped={proposal.unmapped} live={live} extra={extra} setExtra={setExtra} />
                )}
              </Stack>
            </RoleLocked>
          </ScrollArea>
          <ApplyBar reason={reason} setReason={setReason} groups={plan.groups.length} onApply={() => setConfirming(true)} />
        </>
      )}
      {confirming && (
        <Modal opened onClose={() => setConfirming(false)} title={UNITS.reorg.confirmTitle}>
          <Stack>
            <Text size="sm">{UNITS.reorg.confirmBody(plan.groups.length, communes)}</Text>
            <FormActions
              cancelLabel={UNITS.form.cancel}
              submitLabel={UNITS.reorg.confirm}
              onCancel={() => setConfirming(false)}
              saving={saving}
              onConfirm={() => void apply()}
            />
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
