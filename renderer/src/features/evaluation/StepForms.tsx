/** The form of the next workflow step (self-assessment, proposal, appraisal, decision) and the undo dialog. */
import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { call } from '../../api/client';
import type { EvaluationSubjectDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import {
  ADVANCE_STEP_LABELS,
  DECISION_OUTCOMES,
  DECISION_OUTCOME_LABELS,
  type AdvanceStep,
  type DecisionOutcome,
  type SubjectType,
} from '../../../../shared/domain/evaluation';
import { FormActions, FormAlert, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit, type FormErrors } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { EVAL } from './texts';

const T = EVAL.steps;

interface StepProps {
  subject: EvaluationSubjectDto;
  step: AdvanceStep;
  today: string;
  onSaved: (s: EvaluationSubjectDto, label: string) => void;
}

/** What the steps ask besides the date; each step uses its own few. */
interface StepValues {
  chair: string;
  number: string;
  by: string;
  outcome: DecisionOutcome;
  signer: string;
  reason: string;
}

const NO_VALUES: StepValues = { chair: '', number: '', by: '', outcome: 'cong_nhan', signer: '', reason: '' };

/** Messages for the required fields of the step left empty. */
function stepErrors(step: AdvanceStep, date: string | null, v: StepValues): Record<string, string> {
  const local: Record<string, string> = {};
  if (!date) local['date'] = EVAL.required(T.date[step]);
  if (step === 'tu_danh_gia' && !v.chair.trim()) local['chair'] = EVAL.required(T.chair);
  if (step === 'de_nghi' && !v.number.trim()) local['number'] = EVAL.required(T.proposalNumber);
  if (step === 'tham_dinh' && !v.by.trim()) local['by'] = EVAL.required(T.appraisedBy);
  if (step === 'quyet_dinh' && !v.number.trim()) local['number'] = EVAL.required(T.decisionNumber);
  if (step === 'quyet_dinh' && !v.signer.trim()) local['signer'] = EVAL.required(T.signer);
  return local;
}

interface InputsProps {
  step: AdvanceStep;
  v: StepValues;
  set: (patch: Partial<StepValues>) => void;
  errors: FormErrors['fields'];
}

/** The inputs of the step beside its date. */
function StepInputs({ step, v, set, errors }: InputsProps) {
  return (
    <>
      {step === 'tu_danh_gia' && (
        <TextInput
          label={T.chair}
          value={v.chair}
          onChange={(e) => set({ chair: e.currentTarget.value })}
          error={errors['chair']}
          withAsterisk
        />
      )}
      {step === 'de_nghi' && (
        <TextInput
          label={T.proposalNumber}
          value={v.number}
          onChange={(e) => set({ number: e.currentTarget.value })}
          error={errors['number']}
          withAsterisk
        />
      )}
      {step === 'tham_dinh' && (
        <TextInput
          label={T.appraisedBy}
          value={v.by}
          onChange={(e) => set({ by: e.currentTarget.value })}
          error={errors['by']}
          withAsterisk
        />
      )}
      {step === 'quyet_dinh' && (
        <>
          <Select
            label={T.outcome}
            data={DECISION_OUTCOMES.map((o) => ({ value: o, label: DECISION_OUTCOME_LABELS[o] }))}
            value={v.outcome}
            onChange={(o) => o && set({ outcome: o })}
            allowDeselect={false}
            error={errors['outcome']}
          />
          <TextInput
            label={T.decisionNumber}
            value={v.number}
            onChange={(e) => set({ number: e.currentTarget.value })}
            error={errors['number']}
            withAsterisk
          />
          <TextInput
            label={T.signer}
            value={v.signer}
            onChange={(e) => set({ signer: e.currentTarget.value })}
            error={errors['signer']}
            withAsterisk
          />
        </>
      )}
    </>
  );
}

export function StepForm({ subject: s, step, today, onSaved }: StepProps) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  // The step is usually recorded on the day it happened; today is the common case, editable.
  const [date, setDate] = useState<string | null>(today.slice(0, 4) === String(s.year) ? today : null);
  const [v, setV] = useState<StepValues>(NO_VALUES);
  const set = (patch: Partial<StepValues>) => setV((old) => ({ ...old, ...patch }));
  const label = ADVANCE_STEP_LABELS[step];

  const submit = () => {
    const local = stepErrors(step, date, v);
    if (Object.keys(local).length > 0 || !date) return errors.setLocal(local);
    const base = { subjectType: s.subjectType, subjectId: s.subjectId, year: s.year, date };
    const { chair, number, by, outcome, signer, reason } = v;
    void run(async () => {
      const r =
        step === 'tu_danh_gia'
          ? await call('evaluation.advance', { ...base, step, chair })
          : step === 'de_nghi'
            ? await call('evaluation.advance', { ...base, step, number })
            : step === 'tham_dinh'
              ? await call('evaluation.advance', { ...base, step, by })
              : await call('evaluation.advance', { ...base, step, outcome, number, signer, reason: reason.trim() === '' ? null : reason });
      onSaved(r, label);
    });
  };

  return (
    <form
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm" mt="sm">
        <Text fw={600}>{T.nextTitle(label)}</Text>
        <FormAlert message={errors.message} />
        {errors.fields['step'] && (
          <Text size="sm" c="red">
            {errors.fields['step']}
          </Text>
        )}
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
          <VnDateInput label={T.date[step]} value={date} onChange={setDate} error={errors.fields['date']} required />
          <StepInputs step={step} v={v} set={set} errors={errors.fields} />
        </SimpleGrid>
        {step === 'quyet_dinh' && (
          <Textarea
            label={T.reason}
            description={T.reasonHint}
            value={v.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
            error={errors.fields['reason']}
            autosize
            minRows={1}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            {T.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface UndoProps {
  subjectKey: { subjectType: SubjectType; subjectId: string; year: number };
  stateLabel: string;
  onClose: () => void;
  onDone: (s: EvaluationSubjectDto) => void;
}

export function UndoModal({ subjectKey, stateLabel, onClose, onDone }: UndoProps) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const submit = () => {
    const local: Record<string, string> = {};
    if (!reason.trim()) local['reason'] = EVAL.required(T.undoReason);
    if (!by.trim()) local['by'] = EVAL.required(T.undoBy);
    if (Object.keys(local).length > 0) return errors.setLocal(local);
    void run(async () => onDone(await call('evaluation.undoStep', { ...subjectKey, reason, by })));
  };
  return (
    <FormModal title={T.undoTitle} onClose={onClose} onSubmit={submit} message={errors.message}>
      <Text size="sm">{T.undoBody(stateLabel)}</Text>
      <Textarea
        label={T.undoReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fields['reason']}
        withAsterisk
        autosize
        minRows={2}
      />
      <TextInput label={T.undoBy} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} withAsterisk />
      <FormActions cancelLabel={EVAL.cancel} submitLabel={T.undoConfirm} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}
