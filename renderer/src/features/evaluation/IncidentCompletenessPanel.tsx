/**
 * Whether a subject's incident statistics are complete, per group (issue 9 item 3): each group is
 * entered when it has a record in the evaluation window or an officer declared it complete
 * ("đã nhập đủ"); otherwise its "không để xảy ra" criteria are "thiếu dữ liệu". The dialog sets
 * the declared groups (`incidentStats.declare`), then the subject is read again.
 */
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { EvaluationSubjectDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import type { CompletenessGroupDto, IncidentCompletenessDto } from '../../../../shared/ipc/contracts/incident-stats.contract';
import type { CompletenessGroup } from '../../../../shared/domain/incident-categories';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { EVAL } from './texts';
import { Allowed } from '../auth/session';

const C = EVAL.completeness;

function statusOf(g: CompletenessGroupDto): { text: string; color: string } {
  if (g.rows > 0) return { text: C.rows(g.rows.toLocaleString('vi-VN')), color: 'teal' };
  if (g.declaration) return { text: C.declared(g.declaration.by, formatDateVi(g.declaration.on)), color: 'teal' };
  if (g.wholeYear) return { text: C.wholeYear, color: 'teal' };
  return { text: C.missing, color: 'orange' };
}

interface Props {
  subject: EvaluationSubjectDto;
  today: string;
  disabled: boolean;
  onChanged: (s: EvaluationSubjectDto, message: string) => void;
}

export function IncidentCompletenessPanel({ subject: s, today, disabled, onChanged }: Props) {
  const key = { subjectType: s.subjectType, subjectId: s.subjectId, year: s.year };
  // Reloaded whenever the subject view changes (a record or a declaration elsewhere).
  const q = useQuery('incidentStats.completeness', key, `${JSON.stringify(key)}:${JSON.stringify(s.live.rules.map((r) => r.verdict))}`);
  const [open, setOpen] = useState(false);
  const c = q.data;
  return (
    <Paper withBorder p="sm" role="region" aria-label={C.title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>{C.title}</Text>
          <Text size="xs" c="dimmed">
            {C.hint}
            {c ? ` ${C.window(formatDateVi(c.from), formatDateVi(c.to))}.` : ''}
          </Text>
        </div>
        <Allowed method="incidentStats.declare">
          <Button
            size="xs"
            variant="default"
            style={{ flexShrink: 0 }}
            leftSection={<IconListCheck size={16} />}
            onClick={() => setOpen(true)}
            disabled={disabled || !c}
          >
            {C.open}
          </Button>
        </Allowed>
      </Group>
      {c && (
        <Stack gap={2} mt={6}>
          {c.groups.map((g) => {
            const st = statusOf(g);
            return (
              <Group key={g.group} gap="xs" wrap="nowrap" role="group" aria-label={g.label}>
                <Badge size="xs" variant="light" color={st.color}>
                  {g.complete ? '✓' : '?'}
                </Badge>
                <Text size="sm">
                  {g.label}: {st.text}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
      {open && c && (
        <DeclareModal
          current={c}
          today={today}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            q.reload();
            onChanged(next, C.done);
          }}
        />
      )}
    </Paper>
  );
}

function DeclareModal({
  current,
  today,
  onClose,
  onDone,
}: {
  current: IncidentCompletenessDto;
  today: string;
  onClose: () => void;
  onDone: (s: EvaluationSubjectDto) => void;
}) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const first = current.groups.find((g) => g.declaration)?.declaration ?? null;
  const [groups, setGroups] = useState<CompletenessGroup[]>(current.groups.filter((g) => g.declaration || g.wholeYear).map((g) => g.group));
  const [by, setBy] = useState(first?.by ?? '');
  const [on, setOn] = useState<string | null>(today);
  const [note, setNote] = useState(first?.note ?? '');
  const key = { subjectType: current.subjectType, subjectId: current.subjectId, year: current.year };

  const submit = () => {
    const local: Record<string, string> = {};
    if (!by.trim()) local['by'] = EVAL.required(C.by);
    if (!on) local['on'] = EVAL.required(C.on);
    if (Object.keys(local).length > 0 || !on) return errors.setLocal(local);
    void run(async () => {
      await call('incidentStats.declare', { ...key, groups, by, on, note: note.trim() === '' ? null : note });
      onDone(await call('evaluation.subject', key));
    });
  };

  return (
    <FormModal title={C.dialog(current.year)} size="lg" onClose={onClose} onSubmit={submit} message={errors.message}>
      <Text size="sm">{C.dialogHint}</Text>
      <Stack gap={6}>
        {current.groups.map((g) => (
          <Checkbox
            key={g.group}
            label={g.label}
            description={g.rows > 0 ? C.hasRows(g.rows.toLocaleString('vi-VN')) : undefined}
            checked={groups.includes(g.group)}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setGroups((xs) => (checked ? [...xs, g.group] : xs.filter((x) => x !== g.group)));
            }}
          />
        ))}
      </Stack>
      <TextInput label={C.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} withAsterisk />
      <VnDateInput label={C.on} value={on} onChange={setOn} error={errors.fields['on']} required />
      <Textarea
        label={C.note}
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
