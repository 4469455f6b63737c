/**
 * The registration of a subject for the year (Q1 documents; households registered for residential
 * areas; staff briefed and departments for organisations), inline as the first step or in a modal to
 * edit it. Dates outside the first quarter are accepted — the Q1 criterion then fails — and the form
 * says so before saving.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { CountInput as NonNegativeInput } from '../../components/CountInput';
import { IconAlertTriangle } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { EvaluationSubjectDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import { RESOLUTION_FORMS, RESOLUTION_FORM_LABELS, type ResolutionForm } from '../../../../shared/domain/evaluation';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormActions, FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit, type FormErrors } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { EVAL } from './texts';

const R = EVAL.registration;
const vi = (n: number | null) => (n === null ? EVAL.none : n.toLocaleString('vi-VN'));
const num = (v: string | number): number | null => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));
const text = (v: string): string | null => (v.trim() === '' ? null : v);

interface Fields {
  registeredOn: string | null;
  resolutionNumber: string;
  resolutionDate: string | null;
  resolutionForm: ResolutionForm | null;
  planNumber: string;
  planDate: string | null;
  householdsRegistered: number | null;
  staffBriefed: number | null;
  staffTotal: number | null;
  departmentsGood: number | null;
  departmentsTotal: number | null;
  note: string;
}

function initial(s: EvaluationSubjectDto): Fields {
  const r = s.registration;
  return {
    registeredOn: r?.registeredOn ?? null,
    resolutionNumber: r?.resolutionNumber ?? '',
    resolutionDate: r?.resolutionDate ?? null,
    resolutionForm: r?.resolutionForm ?? null,
    planNumber: r?.planNumber ?? '',
    planDate: r?.planDate ?? null,
    householdsRegistered: r?.householdsRegistered ?? null,
    staffBriefed: r?.staffBriefed ?? null,
    staffTotal: r?.staffTotal ?? null,
    departmentsGood: r?.departmentsGood ?? null,
    departmentsTotal: r?.departmentsTotal ?? null,
    note: r?.note ?? '',
  };
}

const isOrg = (s: EvaluationSubjectDto) => s.category === 'co_quan_doanh_nghiep' || s.category === 'co_so_giao_duc';

/** Sentences for every date outside Q1 of the year. */
function q1Warnings(f: Fields, year: number): string[] {
  const out: string[] = [];
  const check = (what: string, d: string | null) => {
    if (d !== null && (d < `${year}-01-01` || d > `${year}-03-31`)) out.push(R.outsideQ1(what, formatDateVi(d), year));
  };
  check(R.registeredOn, f.registeredOn);
  check(R.resolutionDate, f.resolutionDate);
  check(R.planDate, f.planDate);
  return out;
}

interface Props {
  subject: EvaluationSubjectDto;
  today: string;
  /** In a modal (editing) rather than inline (first step). */
  modal?: boolean;
  onClose?: () => void;
  onSaved: (s: EvaluationSubjectDto) => void;
}

type CountKey = 'householdsRegistered' | 'staffBriefed' | 'staffTotal' | 'departmentsGood' | 'departmentsTotal';

interface FieldsProps {
  subject: EvaluationSubjectDto;
  f: Fields;
  set: (patch: Partial<Fields>) => void;
  errors: FormErrors['fields'];
}

function CountInput({ name, f, set, errors }: Omit<FieldsProps, 'subject'> & { name: CountKey }) {
  return (
    <NonNegativeInput
      label={R[name]}
      value={f[name] ?? ''}
      onChange={(v) => set({ [name]: num(v) })}
      allowDecimal={false}
      thousandSeparator="."
      decimalSeparator=","
      error={errors[name]}
    />
  );
}

/** Dates and numbers of the Q1 documents, the counts the subject's category asks for, the note. */
function RegistrationFields({ subject: s, f, set, errors }: FieldsProps) {
  const count = (name: CountKey) => <CountInput name={name} f={f} set={set} errors={errors} />;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <VnDateInput
          label={R.registeredOn}
          value={f.registeredOn}
          onChange={(v) => set({ registeredOn: v })}
          error={errors['registeredOn']}
          required
        />
        <TextInput
          label={R.resolutionNumber}
          value={f.resolutionNumber}
          onChange={(e) => set({ resolutionNumber: e.currentTarget.value })}
          error={errors['resolutionNumber']}
        />
        <VnDateInput
          label={R.resolutionDate}
          value={f.resolutionDate}
          onChange={(v) => set({ resolutionDate: v })}
          error={errors['resolutionDate']}
        />
        <Select
          label={R.resolutionForm}
          data={RESOLUTION_FORMS.map((r) => ({ value: r, label: RESOLUTION_FORM_LABELS[r] }))}
          value={f.resolutionForm}
          onChange={(v) => set({ resolutionForm: v })}
          clearable
          error={errors['resolutionForm']}
        />
        <TextInput
          label={R.planNumber}
          value={f.planNumber}
          onChange={(e) => set({ planNumber: e.currentTarget.value })}
          error={errors['planNumber']}
        />
        <VnDateInput label={R.planDate} value={f.planDate} onChange={(v) => set({ planDate: v })} error={errors['planDate']} />
        {s.category === 'khu_dan_cu' && count('householdsRegistered')}
        {isOrg(s) && (
          <>
            {count('staffBriefed')}
            {count('staffTotal')}
            {count('departmentsGood')}
            {count('departmentsTotal')}
          </>
        )}
      </SimpleGrid>
      <Textarea
        label={R.note}
        value={f.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        autosize
        minRows={1}
        error={errors['note']}
      />
    </>
  );
}

function Q1Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={16} />} role="status" aria-label={R.late}>
      <Stack gap={2}>
        {warnings.map((w) => (
          <Text size="sm" key={w}>
            {w}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** The input of evaluation.register; counts the subject's category does not use are sent as null. */
function registrationInput(s: EvaluationSubjectDto, f: Fields, registeredOn: string): MethodInput<'evaluation.register'> {
  return {
    subjectType: s.subjectType,
    subjectId: s.subjectId,
    year: s.year,
    registeredOn,
    resolutionNumber: text(f.resolutionNumber),
    resolutionDate: f.resolutionDate,
    resolutionForm: f.resolutionForm,
    planNumber: text(f.planNumber),
    planDate: f.planDate,
    householdsRegistered: s.category === 'khu_dan_cu' ? f.householdsRegistered : null,
    staffBriefed: isOrg(s) ? f.staffBriefed : null,
    staffTotal: isOrg(s) ? f.staffTotal : null,
    departmentsGood: isOrg(s) ? f.departmentsGood : null,
    departmentsTotal: isOrg(s) ? f.departmentsTotal : null,
    note: text(f.note),
  };
}

export function RegistrationForm({ subject: s, modal, onClose, onSaved }: Props) {
  const [f, setF] = useState<Fields>(() => initial(s));
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const set = (patch: Partial<Fields>) => setF((old) => ({ ...old, ...patch }));
  const warnings = q1Warnings(f, s.year);

  const submit = () => {
    if (!f.registeredOn) return errors.setLocal({ registeredOn: EVAL.required(R.registeredOn) });
    const registeredOn = f.registeredOn;
    void run(async () => {
      const r = await call('evaluation.register', registrationInput(s, f, registeredOn));
      onSaved(r);
    });
  };

  const body = (
    <form
      aria-label={modal ? R.editTitle : R.title}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm" mt={modal ? 0 : 'sm'}>
        {!modal && <Text fw={600}>{EVAL.steps.nextTitle(R.title)}</Text>}
        <FormAlert message={errors.message} />
        <RegistrationFields subject={s} f={f} set={set} errors={errors.fields} />
        <Q1Warnings warnings={warnings} />
        {modal ? (
          <FormActions cancelLabel={EVAL.cancel} submitLabel={R.saveEdit} onCancel={() => onClose?.()} saving={saving} />
        ) : (
          <Group justify="flex-end">
            <Button type="submit" loading={saving}>
              {R.submit}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );

  return modal ? (
    <Modal opened onClose={() => onClose?.()} title={R.editTitle} size="xl">
      {body}
    </Modal>
  ) : (
    body
  );
}

/** What was registered, in a few lines. */
export function RegistrationSummary({ subject: s }: { subject: EvaluationSubjectDto }) {
  const r = s.registration;
  if (!r) return null;
  const d = (v: string | null) => (v ? formatDateVi(v) : EVAL.none);
  const items: [string, string][] = [
    [R.registeredOn, d(r.registeredOn) + (r.late ? ` — ${R.late}` : '')],
    [R.resolutionNumber, r.resolutionNumber ?? EVAL.none],
    [R.resolutionDate, d(r.resolutionDate)],
    [R.resolutionForm, r.resolutionForm ? RESOLUTION_FORM_LABELS[r.resolutionForm] : EVAL.none],
    [R.planNumber, r.planNumber ?? EVAL.none],
    [R.planDate, d(r.planDate)],
  ];
  if (s.category === 'khu_dan_cu') items.push([R.householdsRegistered, vi(r.householdsRegistered)]);
  if (isOrg(s)) {
    items.push([R.staffBriefed, `${vi(r.staffBriefed)} / ${vi(r.staffTotal)}`]);
    items.push([R.departmentsGood, `${vi(r.departmentsGood)} / ${vi(r.departmentsTotal)}`]);
  }
  if (r.note) items.push([R.note, r.note]);
  return (
    <SimpleGrid cols={3} spacing={4} verticalSpacing={2}>
      {items.map(([k, v]) => (
        <Text size="sm" key={k}>
          <Text span c="dimmed" size="sm">
            {k}:
          </Text>{' '}
          <Text span size="sm" {...(k === R.registeredOn && r.late ? { c: 'red' } : {})}>
            {v}
          </Text>
        </Text>
      ))}
    </SimpleGrid>
  );
}
