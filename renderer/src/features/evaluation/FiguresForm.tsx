/**
 * What an officer records for a subject and year because no registry holds it
 * (`evaluation.recordFigures`): for organisations, the disciplinary counts, the security force's
 * rating and titles, and whether the organisation takes part in emulation titles. Whether the
 * incident statistics are complete is declared per group in IncidentCompletenessPanel.
 */
import { Allowed } from '../auth/session';
import { useState } from 'react';
import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { IconClipboardCheck } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { EvaluationSubjectDto, FiguresDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import {
  COUNT_INFO,
  EMULATION_TITLES,
  EMULATION_TITLE_LABELS,
  SCALE_INFO,
  XEP_LOAI_TAP_THE_LEVELS,
  type EmulationTitle,
} from '../../../../shared/domain/criteria/vocabulary';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { EVAL } from './texts';

const F = EVAL.figures;
type CountKey = keyof FiguresDto['counts'];
type Level = (typeof XEP_LOAI_TAP_THE_LEVELS)[number];

/** The manual counts the shipped rule sets read, by board category (none for residential areas and communes). */
function countKeys(s: EvaluationSubjectDto): CountKey[] {
  if (s.category === 'co_quan_doanh_nghiep') return ['ky_luat_luc_luong_bao_ve', 'ky_luat_can_bo'];
  if (s.category === 'co_so_giao_duc')
    return ['ky_luat_luc_luong_bao_ve', 'ky_luat_can_bo', 'pham_toi_trong_truong', 'te_nan_trong_truong'];
  return [];
}

const isOrg = (s: EvaluationSubjectDto) => s.subjectType === 'organization';

/** The recorded figures in one or two lines, with a button to edit them. */
export function FiguresPanel({
  subject: s,
  today,
  disabled,
  onChanged,
}: {
  subject: EvaluationSubjectDto;
  today: string;
  disabled: boolean;
  onChanged: (s: EvaluationSubjectDto, message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const f = s.figures;
  const parts: string[] = [];
  if (f) {
    for (const k of countKeys(s)) if (f.counts[k] !== null) parts.push(`${COUNT_INFO[k].label}: ${f.counts[k].toLocaleString('vi-VN')}`);
    if (f.securityForceLevel) parts.push(`${F.securityForceLevel}: ${SCALE_INFO.xep_loai_tap_the.levelLabels[f.securityForceLevel]}`);
    if (f.securityForceTitles.length) parts.push(f.securityForceTitles.map((t) => EMULATION_TITLE_LABELS[t]).join(', '));
  }
  return (
    <Paper withBorder p="sm" role="region" aria-label={F.title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>{F.title}</Text>
          <Text size="xs" c="dimmed">
            {F.hint}
          </Text>
          <Text size="sm" mt={4}>
            {f ? `${parts.length ? `${parts.join(' · ')}. ` : ''}${F.recordedBy(f.by, formatDateVi(f.on))}.` : F.none}
          </Text>
        </div>
        <Allowed method="evaluation.recordFigures">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconClipboardCheck size={16} />}
            onClick={() => setOpen(true)}
            disabled={disabled}
          >
            {F.open}
          </Button>
        </Allowed>
      </Group>
      {open && (
        <FiguresModal
          subject={s}
          today={today}
          onClose={() => setOpen(false)}
          onDone={(r) => {
            setOpen(false);
            onChanged(r, F.done);
          }}
        />
      )}
    </Paper>
  );
}

function FiguresModal({
  subject: s,
  today,
  onClose,
  onDone,
}: {
  subject: EvaluationSubjectDto;
  today: string;
  onClose: () => void;
  onDone: (s: EvaluationSubjectDto) => void;
}) {
  const old = s.figures;
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [counts, setCounts] = useState<FiguresDto['counts']>(
    old?.counts ?? { ky_luat_luc_luong_bao_ve: null, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
  );
  const [level, setLevel] = useState<Level | null>(old?.securityForceLevel ?? null);
  const [titles, setTitles] = useState<EmulationTitle[]>(old?.securityForceTitles ?? []);
  const [eligible, setEligible] = useState<boolean | null>(old?.securityForceEligibleForTitles ?? null);
  const [by, setBy] = useState(old?.by ?? '');
  const [on, setOn] = useState<string | null>(old?.on ?? today);
  const [note, setNote] = useState(old?.note ?? '');

  const submit = () => {
    const local: Record<string, string> = {};
    if (!by.trim()) local['by'] = EVAL.required(F.by);
    if (!on) local['on'] = EVAL.required(F.on);
    if (Object.keys(local).length > 0 || !on) return errors.setLocal(local);
    void run(async () =>
      onDone(
        await call('evaluation.recordFigures', {
          subjectType: s.subjectType,
          subjectId: s.subjectId,
          year: s.year,
          // Completeness is declared per group in IncidentCompletenessPanel; an older whole-year
          // declaration is kept as it is until the groups are set there.
          statsComplete: old?.statsComplete ?? false,
          counts,
          securityForceLevel: level,
          securityForceTitles: titles,
          securityForceEligibleForTitles: eligible,
          by,
          on,
          note: note.trim() === '' ? null : note,
        }),
      ),
    );
  };

  return (
    <FormModal title={F.title} size="lg" onClose={onClose} onSubmit={submit} message={errors.message}>
      {countKeys(s).length > 0 && (
        <SimpleGrid cols={2} spacing="sm">
          {countKeys(s).map((k) => (
            <CountInput
              key={k}
              label={COUNT_INFO[k].label}
              value={counts[k] ?? ''}
              onChange={(v) => setCounts((c) => ({ ...c, [k]: typeof v === 'number' ? v : v.trim() === '' ? null : Number(v) }))}
              allowDecimal={false}
              thousandSeparator="."
              decimalSeparator=","
              error={errors.fields[`counts.${k}`]}
            />
          ))}
        </SimpleGrid>
      )}
      {isOrg(s) && (
        <>
          <Select
            label={F.securityForceLevel}
            data={XEP_LOAI_TAP_THE_LEVELS.map((l) => ({ value: l, label: SCALE_INFO.xep_loai_tap_the.levelLabels[l] ?? l }))}
            value={level}
            onChange={(v) => setLevel(v)}
            clearable
            error={errors.fields['securityForceLevel']}
          />
          <MultiSelect
            label={F.securityForceTitles}
            data={EMULATION_TITLES.map((t) => ({ value: t, label: EMULATION_TITLE_LABELS[t] }))}
            value={titles}
            onChange={(v) => setTitles(v)}
            clearable
            error={errors.fields['securityForceTitles']}
          />
          <Select
            label={F.eligibleForTitles}
            data={[
              { value: 'unknown', label: F.eligibleUnknown },
              { value: 'yes', label: F.eligibleYes },
              { value: 'no', label: F.eligibleNo },
            ]}
            value={eligible === null ? 'unknown' : eligible ? 'yes' : 'no'}
            onChange={(v) => setEligible(v === 'yes' ? true : v === 'no' ? false : null)}
            allowDeselect={false}
          />
        </>
      )}
      <TextInput label={F.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} withAsterisk />
      <VnDateInput label={F.on} value={on} onChange={setOn} error={errors.fields['on']} required />
      <Textarea
        label={F.note}
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
