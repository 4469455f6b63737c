/**
 * The scoring form of one subject under a rubric: one field per scored item, generated from the
 * rubric file (points met or not, a number of points in a range, a number of occurrences to deduct
 * with a floor of 0, knock-out events, "không áp dụng" where the rubric allows it). The total and
 * the class are computed live with the same scoreRubric the backend uses. Self-score and reviewed
 * score are kept as two drafts, so switching between them loses nothing typed.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Checkbox, Divider, Group, Paper, Radio, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CountInput } from '../../components/CountInput';
import { call } from '../../api/client';
import {
  CLASS_LABELS,
  scoreRubric,
  type Rubric,
  type RubricInput,
  type RubricItem,
  type RubricLeaf,
} from '../../../../shared/domain/criteria/rubric';
import type { ScoreKind, ScoreRowDto } from '../../../../shared/ipc/contracts/rubrics.contract';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { formatStamp } from './files';
import { RB } from './texts';

type Inputs = Record<string, RubricInput | undefined>;
interface Draft {
  inputs: Inputs;
  by: string;
  note: string;
}

const F = RB.form;

function draftOf(row: ScoreRowDto, kind: ScoreKind): Draft {
  const cell = kind === 'tu_cham' ? row.self : row.reviewed;
  return { inputs: { ...(cell?.inputs ?? {}) }, by: cell?.by ?? '', note: cell?.note ?? '' };
}

function defined(inputs: Inputs): Record<string, RubricInput> {
  const out: Record<string, RubricInput> = {};
  for (const [k, v] of Object.entries(inputs)) if (v !== undefined) out[k] = v;
  return out;
}

export function ScoreForm(p: {
  rubric: Rubric;
  rubricId: string;
  year: number;
  row: ScoreRowDto;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState<ScoreKind>(p.row.self && !p.row.reviewed ? 'tham_dinh' : 'tu_cham');
  const [drafts, setDrafts] = useState<Record<ScoreKind, Draft>>(() => ({
    tu_cham: draftOf(p.row, 'tu_cham'),
    tham_dinh: draftOf(p.row, 'tham_dinh'),
  }));
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const draft = drafts[kind];
  const live = useMemo(() => scoreRubric(p.rubric, defined(draft.inputs)), [p.rubric, draft.inputs]);
  const points = useMemo(() => pointsById(live), [live]);
  const existing = kind === 'tu_cham' ? p.row.self : p.row.reviewed;

  const setDraft = (patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [kind]: { ...d[kind], ...patch } }));
  const setInput = (id: string, v: RubricInput | undefined) => setDraft({ inputs: { ...draft.inputs, [id]: v } });

  const submit = () =>
    run(async () => {
      errors.clear();
      if (draft.by.trim() === '') {
        errors.setLocal({ by: 'Người chấm là bắt buộc.' });
        return;
      }
      await call('rubrics.score', {
        subject: p.row.subjectId,
        year: p.year,
        rubricId: p.rubricId,
        kind,
        items: defined(draft.inputs),
        by: draft.by,
        note: draft.note,
      });
      notifications.show({ color: 'green', message: F.saved(p.row.name, F.kinds[kind]!) });
      p.onSaved();
    });

  const leaf = (it: RubricLeaf) => (
    <ScoreLeaf
      key={it.id}
      item={it}
      value={draft.inputs[it.id]}
      error={errors.fields[`items.${it.id}`]}
      pt={points.get(it.id)}
      rubric={p.rubric}
      onInput={setInput}
    />
  );

  const item = (it: RubricItem) =>
    it.kind === 'group' ? (
      <Paper key={it.id} withBorder p="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={700}>
            {it.id}. {it.title}
          </Text>
          <Text size="sm" fw={600} w={70} ta="right">
            {F.itemPoints(points.get(it.id)?.points ?? null, points.get(it.id)?.max ?? 0)}
          </Text>
        </Group>
        <Stack gap={0} pl="sm">
          {it.items.map(leaf)}
        </Stack>
      </Paper>
    ) : (
      leaf(it)
    );

  return (
    <FormModal title={F.title(p.row.name)} size="xl" gap="sm" onClose={p.onClose} onSubmit={() => void submit()} message={errors.message}>
      <Group justify="space-between" align="flex-end">
        <SegmentedControl
          aria-label={F.kind}
          value={kind}
          onChange={(v) => {
            errors.clear();
            setKind(v);
          }}
          data={[
            { value: 'tu_cham', label: F.kinds['tu_cham']! },
            { value: 'tham_dinh', label: F.kinds['tham_dinh']! },
          ]}
        />
        <LiveTotal total={live.total} max={live.maxTotal} label={live.classLabel} />
      </Group>
      {existing && (
        <Text size="xs" c="dimmed">
          {F.previous(existing.by, formatStamp(existing.updatedAt))}
          {existing.enteredVersion !== p.rubric.version ? ` ${F.olderVersion(existing.enteredVersion)}` : ''}
        </Text>
      )}
      <Stack gap={4}>{p.rubric.items.map(item)}</Stack>
      <Divider />
      <Alert color={live.class ? 'green' : 'gray'} variant="light" role="status" aria-live="polite" data-testid="live-explanation">
        {live.explanation}
      </Alert>
      <ScorerFields draft={draft} onDraft={setDraft} errors={errors.fields} />
      <FormActions cancelLabel={F.cancel} submitLabel={F.save} onCancel={p.onClose} saving={saving} />
    </FormModal>
  );
}

interface LeafProps {
  item: RubricLeaf;
  value: RubricInput | undefined;
  error: string | undefined;
  pt: { points: number | null; max: number } | undefined;
  rubric: Rubric;
  onInput: (id: string, v: RubricInput | undefined) => void;
}

/** The input of one scored item, by its kind. */
function leafInput({ item, value, error: err, rubric, onInput }: LeafProps, label: string, na: boolean) {
  switch (item.kind) {
    case 'fixed':
      return (
        <Radio.Group
          aria-label={label}
          value={typeof value === 'boolean' ? (value ? 'dat' : 'khong_dat') : null}
          onChange={(v) => onInput(item.id, v === 'dat')}
          error={err}
        >
          <Group gap="md">
            <Radio value="dat" label={F.fixedLabel(item.points)} disabled={na} />
            <Radio value="khong_dat" label="Không đạt (0 điểm)" disabled={na} />
          </Group>
        </Radio.Group>
      );
    case 'range':
      return (
        <CountInput
          aria-label={label}
          description={F.rangeHelp(item.max, item.step)}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onInput(item.id, typeof v === 'number' ? v : v === '' ? undefined : Number(String(v).replace(',', '.')))}
          max={item.max}
          step={item.step ?? 0.5}
          decimalScale={2}
          decimalSeparator=","
          disabled={na}
          error={err}
          w={220}
          size="xs"
        />
      );
    case 'deduction':
      return (
        <CountInput
          aria-label={label}
          description={`${F.deductionLabel}. ${F.deductionHelp(item.perOccurrence, item.max)}`}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onInput(item.id, typeof v === 'number' ? v : undefined)}
          allowDecimal={false}
          disabled={na}
          error={err}
          w={400}
          size="xs"
        />
      );
    case 'knockout':
      return (
        <Radio.Group
          aria-label={label}
          description={F.knockoutHelp(
            rubric.bands.find((b) => b.class === item.forcesClass)?.label ?? CLASS_LABELS[item.forcesClass ?? lowestClass(rubric)],
          )}
          value={typeof value === 'boolean' ? (value ? 'co' : 'khong') : null}
          onChange={(v) => onInput(item.id, v === 'co')}
          error={err}
        >
          <Group gap="md" mt={4}>
            <Radio value="khong" label="Không xảy ra" />
            <Radio value="co" label={F.knockoutLabel} />
          </Group>
        </Radio.Group>
      );
  }
}

/** One scored item: its title, its input, "không áp dụng" where allowed, and its live points. */
function ScoreLeaf(props: LeafProps) {
  const { item, value, pt, onInput } = props;
  const na = value === 'khong_ap_dung';
  const label = `${item.id}. ${item.title}`;
  const field = leafInput(props, label, na);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" py={4} role="group" aria-label={label}>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm">
          <Text span fw={600}>
            {item.id}.
          </Text>{' '}
          {item.title}
          {item.kind === 'knockout' && (
            <Badge ml={6} size="xs" color="red" variant="light">
              Điểm liệt
            </Badge>
          )}
        </Text>
        {field}
        {item.kind !== 'knockout' && item.allowNotApplicable && (
          <Checkbox
            size="xs"
            label={F.notApplicable}
            checked={na}
            onChange={(e) => onInput(item.id, e.currentTarget.checked ? 'khong_ap_dung' : undefined)}
          />
        )}
      </Stack>
      {item.kind !== 'knockout' && (
        <Text size="sm" fw={500} w={70} ta="right" style={{ flexShrink: 0 }} data-testid={`points-${item.id}`}>
          {F.itemPoints(pt?.points ?? null, pt?.max ?? 0)}
        </Text>
      )}
    </Group>
  );
}

/** The live points of every item and group, by id. */
function pointsById(live: ReturnType<typeof scoreRubric>): Map<string, { points: number | null; max: number }> {
  const m = new Map<string, { points: number | null; max: number }>();
  const walk = (xs: typeof live.items) => xs.forEach((x) => (m.set(x.id, { points: x.points, max: x.max }), x.items && walk(x.items)));
  walk(live.items);
  return m;
}

/** Who scored, and a note. */
function ScorerFields({
  draft,
  onDraft,
  errors,
}: {
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <Group grow align="flex-start">
      <TextInput label={F.by} withAsterisk value={draft.by} onChange={(e) => onDraft({ by: e.currentTarget.value })} error={errors['by']} />
      <Textarea
        label={F.note}
        value={draft.note}
        onChange={(e) => onDraft({ note: e.currentTarget.value })}
        autosize
        minRows={1}
        error={errors['note']}
      />
    </Group>
  );
}

function lowestClass(r: Rubric) {
  return [...r.bands].sort((a, b) => a.min - b.min)[0]!.class;
}

function LiveTotal({ total, max, label }: { total: number; max: number; label: string | null }) {
  return (
    <Group gap="lg" data-testid="live-total">
      <Stack gap={0} align="flex-end">
        <Text size="xs" c="dimmed">
          {F.liveTotal}
        </Text>
        <Text fw={700} size="lg">
          {RB.points(total, max)}
        </Text>
      </Stack>
      <Stack gap={0} align="flex-end">
        <Text size="xs" c="dimmed">
          {F.liveClass}
        </Text>
        <Text fw={700} size="lg" c={label ? 'blue.8' : 'dimmed'}>
          {label ?? F.pending}
        </Text>
      </Stack>
    </Group>
  );
}
