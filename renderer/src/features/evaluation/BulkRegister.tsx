/**
 * Registering many subjects of the board at once (issue 14 item 2): the checkbox column (only rows
 * not yet registered can be chosen; the header box chooses every one read for the rows shown — the
 * board comes by pages, so the rows read so far of the current filter), "Chọn cả N đơn vị …" for
 * every unregistered row of the filter (`evaluation.boardUnregistered`, N said before the click),
 * the bar that counts the choice, and the dialog that records one date and one set of documents
 * for all of them (`evaluation.registerMany`, all or none).
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist } from '@tabler/icons-react';
import { call } from '../../api/client';
import { REGISTER_MANY_MAX, type BoardRowDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import { RESOLUTION_FORMS, RESOLUTION_FORM_LABELS, type ResolutionForm } from '../../../../shared/domain/evaluation';
import type { DataColumn } from '../../components/DataTable';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { ImportExportButtons } from '../../components/ImportExport';
import { EMPTY_FILTER } from '../../../../shared/domain/registries';
import { EVAL } from './texts';

const K = EVAL.bulk;
const R = EVAL.registration;

/** A chosen subject: a row read, or a key the backend answered for the whole filter (not registered then). */
export type Choice = Pick<BoardRowDto, 'subjectType' | 'subjectId' | 'status'>;

export const rowKeyOf = (r: Pick<BoardRowDto, 'subjectType' | 'subjectId'>) => `${r.subjectType}:${r.subjectId}`;
export const selectable = (r: Pick<BoardRowDto, 'status'>) => r.status === 'chua_dang_ky';

/**
 * The checkbox column; clicking a box never opens the row. The choice keeps the rows themselves
 * (by key), so a row stays chosen when it scrolls out of the pages read or another filter hides it.
 */
export function selectColumn(
  visible: readonly BoardRowDto[],
  chosen: ReadonlyMap<string, Choice>,
  setChosen: (s: Map<string, Choice>) => void,
): DataColumn<BoardRowDto> {
  const open = visible.filter(selectable);
  const all = open.length > 0 && open.every((r) => chosen.has(rowKeyOf(r)));
  const some = open.some((r) => chosen.has(rowKeyOf(r)));
  const toggleAll = () => {
    const next = new Map(chosen);
    for (const r of open) {
      if (all) next.delete(rowKeyOf(r));
      else next.set(rowKeyOf(r), r);
    }
    setChosen(next);
  };
  const toggle = (r: BoardRowDto) => {
    const next = new Map(chosen);
    if (next.has(rowKeyOf(r))) next.delete(rowKeyOf(r));
    else next.set(rowKeyOf(r), r);
    setChosen(next);
  };
  return {
    key: 'select',
    header: '',
    width: 40,
    // The name column carries the total; this one stays empty.
    total: () => null,
    headerNode: (
      <Checkbox
        size="xs"
        aria-label={K.selectAll}
        checked={all}
        indeterminate={some && !all}
        disabled={open.length === 0}
        onChange={toggleAll}
      />
    ),
    render: (r) =>
      selectable(r) ? (
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <Checkbox size="xs" aria-label={K.selectRow(r.name)} checked={chosen.has(rowKeyOf(r))} onChange={() => toggle(r)} />
        </span>
      ) : null,
  };
}

/** "Chọn cả N …": every unregistered row of the filter, when the rows read so far do not hold them all. */
export interface ChooseAll {
  /** How many unregistered rows the filter has (the backend's count for the page's question). */
  count: number;
  busy: boolean;
  onChoose: () => void;
}

interface ToolsProps {
  year: number;
  unitId: string | null;
  count: number;
  chooseAll: ChooseAll | null;
  onRegister: () => void;
  onClear: () => void;
  onImported: () => void;
}

/**
 * Beside the board's actions: the Excel template, import and fill-in export of the year's
 * registrations, and — once rows are chosen — "Đã chọn N …" with the button that opens the dialog.
 */
export function BulkTools({ year, unitId, count, chooseAll, onRegister, onClear, onImported }: ToolsProps) {
  return (
    <Group wrap="wrap" gap="sm" preventGrowOverflow={false}>
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {K.importLabel}
        </Text>
        <ImportExportButtons
          registry="evaluation_registrations"
          filter={{ ...EMPTY_FILTER, year, unitId }}
          onImported={onImported}
          exportLabel={K.exportForm}
        />
      </Group>
      {chooseAll && <ChooseAllButton {...chooseAll} />}
      {count > 0 && (
        <Paper withBorder px="sm" py={2} bg="blue.0" role="region" aria-label={K.selected(count)}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {K.selected(count)}
            </Text>
            <Button size="xs" variant="subtle" onClick={onClear}>
              {K.clear}
            </Button>
            <Button size="xs" leftSection={<IconChecklist size={16} />} onClick={onRegister}>
              {K.register(count)}
            </Button>
          </Group>
        </Paper>
      )}
    </Group>
  );
}

function ChooseAllButton({ count, busy, onChoose }: ChooseAll) {
  const tooMany = count > REGISTER_MANY_MAX;
  const button = (
    <Button size="xs" variant="light" loading={busy} disabled={tooMany} onClick={onChoose}>
      {K.chooseAll(count)}
    </Button>
  );
  if (!tooMany) return button;
  return (
    <Tooltip label={K.chooseAllTooMany(REGISTER_MANY_MAX)} multiline w={320}>
      <span>{button}</span>
    </Tooltip>
  );
}

interface ModalProps {
  year: number;
  rows: readonly Choice[];
  onClose: () => void;
  onDone: (fresh: BoardRowDto[]) => void;
}

const text = (v: string): string | null => (v.trim() === '' ? null : v);

export function BulkRegisterModal({ year, rows, onClose, onDone }: ModalProps) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [registeredOn, setRegisteredOn] = useState<string | null>(null);
  const [resolutionNumber, setResolutionNumber] = useState('');
  const [resolutionDate, setResolutionDate] = useState<string | null>(null);
  const [resolutionForm, setResolutionForm] = useState<ResolutionForm | null>(null);
  const [planNumber, setPlanNumber] = useState('');
  const [planDate, setPlanDate] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [by, setBy] = useState('');
  const submit = () => {
    if (!registeredOn) return errors.setLocal({ registeredOn: EVAL.required(R.registeredOn) });
    void run(async () => {
      const r = await call('evaluation.registerMany', {
        year,
        subjects: rows.map((x) => ({ subjectType: x.subjectType, subjectId: x.subjectId })),
        registeredOn,
        resolutionNumber: text(resolutionNumber),
        resolutionDate,
        resolutionForm,
        planNumber: text(planNumber),
        planDate,
        note: text(note),
        by: text(by),
      });
      notifications.show({ color: 'green', message: K.done(r.registered) });
      onDone(r.rows);
    });
  };
  return (
    <FormModal title={K.title(rows.length, year)} onClose={onClose} onSubmit={submit} message={errors.message} size="lg">
      <Alert color="blue" py={6}>
        {K.body}
      </Alert>
      <SimpleGrid cols={2} spacing="sm">
        <VnDateInput
          label={R.registeredOn}
          value={registeredOn}
          onChange={setRegisteredOn}
          error={errors.fields['registeredOn']}
          required
        />
        <TextInput label={K.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} error={errors.fields['by']} />
        <TextInput
          label={R.resolutionNumber}
          value={resolutionNumber}
          onChange={(e) => setResolutionNumber(e.currentTarget.value)}
          error={errors.fields['resolutionNumber']}
        />
        <VnDateInput label={R.resolutionDate} value={resolutionDate} onChange={setResolutionDate} error={errors.fields['resolutionDate']} />
        <Select
          label={R.resolutionForm}
          data={RESOLUTION_FORMS.map((f) => ({ value: f, label: RESOLUTION_FORM_LABELS[f] }))}
          value={resolutionForm}
          onChange={(v) => setResolutionForm(v)}
          clearable
        />
        <TextInput
          label={R.planNumber}
          value={planNumber}
          onChange={(e) => setPlanNumber(e.currentTarget.value)}
          error={errors.fields['planNumber']}
        />
        <VnDateInput label={R.planDate} value={planDate} onChange={setPlanDate} error={errors.fields['planDate']} />
      </SimpleGrid>
      <Textarea label={R.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
      <FormActions cancelLabel={EVAL.cancel} submitLabel={K.register(rows.length)} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
