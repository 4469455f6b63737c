/**
 * The criteria of a subject: for each criterion its clause, title, value, threshold, verdict (with
 * the computed one beside an override), explanation, sources and missing inputs; the frozen verdict
 * beside the live one when the year is frozen; "Xác nhận" for attested criteria and "Điều chỉnh"
 * for every criterion, with their dialogs.
 */
import { Allowed, useCan } from '../auth/session';
import { useState } from 'react';
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { EvaluationSubjectDto, RuleResultDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import { OVERALL_LABELS, OVERRIDE_VERDICTS, VERDICT_LABELS, type OverrideVerdict } from '../../../../shared/domain/criteria/vocabulary';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormActions, FormModal } from '../../components/FormActions';
import { errorText, useFormErrors, useSubmit } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { OverallBadge, VerdictBadge } from './Badges';
import { EVAL } from './texts';

const C = EVAL.criteria;

type Dialog = { kind: 'attest' | 'override'; rule: RuleResultDto } | null;

interface Props {
  subject: EvaluationSubjectDto;
  today: string;
  disabled: boolean;
  onChanged: (s: EvaluationSubjectDto, message: string) => void;
}

type Attestation = EvaluationSubjectDto['attestations'][number];

/** Clause and id; title, explanation, missing inputs, attestation and override of one criterion. */
function CriterionCells({ rule: r, attestation: att }: { rule: RuleResultDto; attestation: Attestation | undefined }) {
  return (
    <>
      <Table.Td>
        <Text size="sm" fw={600}>
          {r.clause}
        </Text>
        <Text size="xs" c="dimmed">
          {r.ruleId}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {r.title}
        </Text>
        <Text size="xs" c="dimmed">
          {r.explanation}
        </Text>
        {r.missing.length > 0 && (
          <Text size="xs" c="yellow.9">
            {C.missing(r.missing.join('; '))}
          </Text>
        )}
        {att && (
          <Text size="xs" c="blue.8">
            {C.attestedBy(att.value ? EVAL.attest.valueYes : EVAL.attest.valueNo, att.by, formatDateVi(att.on))}
            {att.note ? ` — ${att.note}` : ''}
          </Text>
        )}
        {r.override && (
          <Text size="xs" c="orange.9">
            {C.overriddenBy(r.override.by, formatDateVi(r.override.on), r.override.reason)}
          </Text>
        )}
      </Table.Td>
    </>
  );
}

/** Value, threshold and verdict (with the computed one under an override). */
function VerdictCells({ rule: r }: { rule: RuleResultDto }) {
  return (
    <>
      <Table.Td>
        <Text size="sm">{r.value}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{r.threshold}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <VerdictBadge verdict={r.verdict} />
          {r.override && (
            <Text size="xs" c="dimmed">
              {C.computed(VERDICT_LABELS[r.computedVerdict])}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </>
  );
}

/** The frozen verdict, marked where the live one differs. */
function FrozenVerdictCell({ rule: r, frozen: fr }: { rule: RuleResultDto; frozen: RuleResultDto | undefined }) {
  return (
    <Table.Td>
      {fr ? (
        <Stack gap={2} align="flex-start">
          <Group gap={4} wrap="nowrap">
            <IconLock size={12} />
            <VerdictBadge verdict={fr.verdict} variant="outline" />
          </Group>
          {fr.verdict !== r.verdict && (
            <Badge size="xs" color="orange" variant="light" style={{ textTransform: 'none' }}>
              {EVAL.board.frozenMarker(VERDICT_LABELS[fr.verdict], VERDICT_LABELS[r.verdict])}
            </Badge>
          )}
        </Stack>
      ) : (
        <Text size="sm">{EVAL.none}</Text>
      )}
    </Table.Td>
  );
}

/** The first six sources of a criterion and how many more there are. */
function SourcesCell({ rule: r }: { rule: RuleResultDto }) {
  return (
    <Table.Td>
      {r.sources.length === 0 ? (
        <Text size="xs" c="dimmed">
          {C.noSources}
        </Text>
      ) : (
        <Stack gap={0}>
          {r.sources.slice(0, 6).map((src, i) => (
            <Text size="xs" key={`${src.kind}-${src.id ?? i}`} lineClamp={2} title={src.label}>
              {src.label}
            </Text>
          ))}
          {r.sources.length > 6 && (
            <Text size="xs" c="dimmed">
              {`+${(r.sources.length - 6).toLocaleString('vi-VN')}`}
            </Text>
          )}
        </Stack>
      )}
    </Table.Td>
  );
}

interface ActionsProps {
  rule: RuleResultDto;
  attested: boolean;
  disabled: boolean;
  busy: string | null;
  onDialog: (dialog: Dialog) => void;
  onClear: (rule: RuleResultDto, what: 'override' | 'attest') => void;
}

/** "Xác nhận" (attested criteria), "Điều chỉnh", and clearing either. */
function ActionsCell({ rule: r, attested, disabled, busy, onDialog, onClear }: ActionsProps) {
  const can = useCan();
  return (
    <Table.Td>
      <Stack gap={4}>
        {r.type === 'ATTESTED' && can('evaluation.attest') && (
          <Button
            size="compact-xs"
            variant="light"
            disabled={disabled}
            onClick={() => onDialog({ kind: 'attest', rule: r })}
            aria-label={`${C.attest} ${r.clause}`}
          >
            {C.attest}
          </Button>
        )}
        {attested && can('evaluation.clearAttestation') && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            disabled={disabled}
            loading={busy === `attest:${r.ruleId}`}
            onClick={() => onClear(r, 'attest')}
          >
            {C.clearAttest}
          </Button>
        )}
        <Allowed method="evaluation.override">
          <Button
            size="compact-xs"
            variant="light"
            color="orange"
            disabled={disabled}
            onClick={() => onDialog({ kind: 'override', rule: r })}
            aria-label={`${C.override} ${r.clause}`}
          >
            {C.override}
          </Button>
        </Allowed>
        {r.override && can('evaluation.clearOverride') && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            disabled={disabled}
            loading={busy === `override:${r.ruleId}`}
            onClick={() => onClear(r, 'override')}
          >
            {C.clearOverride}
          </Button>
        )}
      </Stack>
    </Table.Td>
  );
}

/** Title, rule sets, overall result and warnings above the table. */
function CriteriaHeader({ subject: s }: { subject: EvaluationSubjectDto }) {
  const ruleSetNames = s.live.ruleSets.map((r) => `${r.name} (${r.version})${r.example ? EVAL.subject.example : ''}`).join('; ');
  return (
    <>
      <Group justify="space-between" mb="xs" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>{C.title}</Text>
          <Text size="xs" c="dimmed">
            {EVAL.subject.ruleSets(ruleSetNames)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Text size="sm">{C.overall(OVERALL_LABELS[s.live.overall])}</Text>
          <OverallBadge result={s.live.overall} />
        </Group>
      </Group>
      {s.live.warnings.map((w) => (
        <Text size="xs" c="orange.8" key={w}>
          {w}
        </Text>
      ))}
    </>
  );
}

export function CriteriaTable({ subject: s, today, disabled, onChanged }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const frozenById = new Map((s.frozen?.result.rules ?? []).map((r) => [r.ruleId, r]));
  const attestations = new Map(s.attestations.map((a) => [a.ruleId, a]));
  const key = { subjectType: s.subjectType, subjectId: s.subjectId, year: s.year };

  const clear = async (rule: RuleResultDto, what: 'override' | 'attest') => {
    setBusy(`${what}:${rule.ruleId}`);
    try {
      const r =
        what === 'override'
          ? await call('evaluation.clearOverride', { ...key, ruleId: rule.ruleId })
          : await call('evaluation.clearAttestation', { ...key, ruleId: rule.ruleId });
      onChanged(r, what === 'override' ? EVAL.override.cleared : EVAL.attest.cleared);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder p="sm">
      <CriteriaHeader subject={s} />
      <Table.ScrollContainer minWidth={1000}>
        <Table aria-label={C.tableLabel} verticalSpacing={6} withTableBorder withColumnBorders striped style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{C.columns.clause}</Table.Th>
              <Table.Th>{C.columns.criterion}</Table.Th>
              <Table.Th w="15%">{C.columns.value}</Table.Th>
              <Table.Th w="13%">{C.columns.threshold}</Table.Th>
              <Table.Th w={150}>{C.columns.verdict}</Table.Th>
              {s.frozen && <Table.Th w={120}>{C.columns.frozen}</Table.Th>}
              <Table.Th w="15%">{C.columns.sources}</Table.Th>
              <Table.Th w={120}>{C.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.live.rules.map((r) => {
              const att = attestations.get(r.ruleId);
              return (
                <Table.Tr key={r.ruleId} data-rule={r.ruleId} style={{ verticalAlign: 'top' }}>
                  <CriterionCells rule={r} attestation={att} />
                  <VerdictCells rule={r} />
                  {s.frozen && <FrozenVerdictCell rule={r} frozen={frozenById.get(r.ruleId)} />}
                  <SourcesCell rule={r} />
                  <ActionsCell
                    rule={r}
                    attested={Boolean(att)}
                    disabled={disabled}
                    busy={busy}
                    onDialog={setDialog}
                    onClear={(rule, what) => void clear(rule, what)}
                  />
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog?.kind === 'attest' && (
        <AttestModal
          subject={s}
          rule={dialog.rule}
          today={today}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            onChanged(r, EVAL.attest.done);
          }}
        />
      )}
      {dialog?.kind === 'override' && (
        <OverrideModal
          subject={s}
          rule={dialog.rule}
          today={today}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            onChanged(r, EVAL.override.done);
          }}
        />
      )}
    </Paper>
  );
}

interface ModalProps {
  subject: EvaluationSubjectDto;
  rule: RuleResultDto;
  today: string;
  onClose: () => void;
  onDone: (s: EvaluationSubjectDto) => void;
}

function AttestModal({ subject: s, rule, today, onClose, onDone }: ModalProps) {
  const A = EVAL.attest;
  const existing = s.attestations.find((a) => a.ruleId === rule.ruleId);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [value, setValue] = useState<'yes' | 'no'>(existing ? (existing.value ? 'yes' : 'no') : 'yes');
  const [by, setBy] = useState(existing?.by ?? '');
  const [on, setOn] = useState<string | null>(existing?.on ?? today);
  const [note, setNote] = useState(existing?.note ?? '');
  const submit = () => {
    const local: Record<string, string> = {};
    if (!by.trim()) local['by'] = EVAL.required(A.by);
    if (!on) local['on'] = EVAL.required(A.on);
    if (Object.keys(local).length > 0 || !on) return errors.setLocal(local);
    void run(async () =>
      onDone(
        await call('evaluation.attest', {
          subjectType: s.subjectType,
          subjectId: s.subjectId,
          year: s.year,
          ruleId: rule.ruleId,
          value: value === 'yes',
          by,
          on,
          note: note.trim() === '' ? null : note,
        }),
      ),
    );
  };
  return (
    <FormModal title={A.title(rule.clause)} onClose={onClose} onSubmit={submit} message={errors.message}>
      <Text size="sm" fw={600}>
        {rule.title}
      </Text>
      <Text size="xs" c="dimmed">
        {rule.description}
      </Text>
      <Stack gap={2}>
        <Text size="sm" fw={500} id="attest-value-label">
          {A.value}
        </Text>
        <SegmentedControl
          aria-labelledby="attest-value-label"
          data={[
            { value: 'yes', label: A.yes },
            { value: 'no', label: A.no },
          ]}
          value={value}
          onChange={(v) => setValue(v)}
        />
      </Stack>
      <TextInput label={A.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} withAsterisk />
      <VnDateInput label={A.on} value={on} onChange={setOn} error={errors.fields['on']} required />
      <Textarea
        label={A.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fields['note']}
        autosize
        minRows={1}
      />
      <FormActions cancelLabel={EVAL.cancel} submitLabel={EVAL.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

function OverrideModal({ subject: s, rule, today, onClose, onDone }: ModalProps) {
  const O = EVAL.override;
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [verdict, setVerdict] = useState<OverrideVerdict | null>(rule.override?.verdict ?? null);
  const [reason, setReason] = useState(rule.override?.reason ?? '');
  const [by, setBy] = useState(rule.override?.by ?? '');
  const [on, setOn] = useState<string | null>(rule.override?.on ?? today);
  const submit = () => {
    const local: Record<string, string> = {};
    if (!verdict) local['verdict'] = EVAL.required(O.verdict);
    if (!reason.trim()) local['reason'] = O.reasonRequired;
    if (!by.trim()) local['by'] = EVAL.required(O.by);
    if (!on) local['on'] = EVAL.required(O.on);
    if (Object.keys(local).length > 0 || !on || !verdict) return errors.setLocal(local);
    void run(async () =>
      onDone(
        await call('evaluation.override', {
          subjectType: s.subjectType,
          subjectId: s.subjectId,
          year: s.year,
          ruleId: rule.ruleId,
          verdict,
          reason,
          by,
          on,
        }),
      ),
    );
  };
  return (
    <FormModal title={O.title(rule.clause)} onClose={onClose} onSubmit={submit} message={errors.message}>
      <Text size="sm" fw={600}>
        {rule.title}
      </Text>
      <Group gap="xs">
        <Text size="sm">{O.computed('')}</Text>
        <VerdictBadge verdict={rule.computedVerdict} />
      </Group>
      <Text size="xs" c="dimmed">
        {rule.explanation}
      </Text>
      <Select
        label={O.verdict}
        data={OVERRIDE_VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }))}
        value={verdict}
        onChange={(v) => setVerdict(v)}
        error={errors.fields['verdict']}
        withAsterisk
      />
      <Textarea
        label={O.reason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fields['reason']}
        withAsterisk
        autosize
        minRows={2}
      />
      <TextInput label={O.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} withAsterisk />
      <VnDateInput label={O.on} value={on} onChange={setOn} error={errors.fields['on']} required />
      <FormActions cancelLabel={EVAL.cancel} submitLabel={EVAL.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
