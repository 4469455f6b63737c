/**
 * Dialogs for merging units (into a new unit or into one of them) and splitting a unit into new
 * ones. The backend checks every rule and writes everything in one transaction; these forms keep
 * what was typed when it refuses.
 */
import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Radio,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { KINDS_BY_LEVEL, communeKindsFor, type Era, type UnitKind, type UnitLevel } from '../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { compareVietnamese } from '../../../../shared/lib/text';
import { VnDateInput } from '../../components/VnDateInput';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { UNITS } from './texts';
import { AttachedPicker, transferList, useAttached } from './AttachedRecords';

function kindOptions(level: UnitLevel, era: Era) {
  const kinds = level === 'xa' ? communeKindsFor(era) : KINDS_BY_LEVEL[level];
  return kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }));
}

interface DateReasonProps {
  date: string | null;
  setDate: (v: string | null) => void;
  reason: string;
  setReason: (v: string) => void;
  fieldErrors: Readonly<Record<string, string>>;
}

/** The effective date and the reason, side by side (merge and split). */
function DateReasonFields({ date, setDate, reason, setReason, fieldErrors }: DateReasonProps) {
  return (
    <Group grow align="flex-start">
      <VnDateInput
        label={UNITS.merge.date}
        description={UNITS.merge.dateHint}
        value={date}
        onChange={setDate}
        error={fieldErrors['effectiveDate']}
        required
      />
      <Textarea
        label={UNITS.merge.reason}
        placeholder={UNITS.merge.reasonPlaceholder}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldErrors['reason']}
        withAsterisk
        autosize
        minRows={2}
      />
    </Group>
  );
}

interface MergeProps {
  unit: UnitDto;
  units: readonly UnitDto[];
  era: Era;
  today: string;
  onClose: () => void;
  onMerged: (successor: UnitDto) => void;
}

interface MergeSuccessorProps {
  mode: 'new' | 'existing';
  kinds: { value: string; label: string }[];
  name: string;
  setName: (v: string) => void;
  kind: string | null;
  setKind: (v: string | null) => void;
  code: string;
  setCode: (v: string) => void;
  keptOptions: { value: string; label: string }[];
  kept: string | null;
  setKept: (v: string | null) => void;
  keptError: string | undefined;
  /** The error of a successor field (by its own key or under "successor."). */
  field: (key: string) => string | undefined;
}

/** The unit that carries on after a merge: a new one (name, kind, code) or one of the merged units. */
function MergeSuccessorFields(p: MergeSuccessorProps) {
  const { mode, kinds, name, setName, kind, setKind, code, setCode, keptOptions, kept, setKept, keptError, field } = p;
  return (
    <>
      {mode === 'new' ? (
        <Group grow align="flex-start">
          <TextInput
            label={UNITS.fields.name}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={field('name')}
            withAsterisk
          />
          <Select label={UNITS.fields.kind} data={kinds} value={kind} onChange={setKind} allowDeselect={false} error={field('kind')} />
          <TextInput label={UNITS.fields.code} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={field('code')} />
        </Group>
      ) : (
        <Select label={UNITS.merge.kept} data={keptOptions} value={kept} onChange={setKept} error={keptError} withAsterisk />
      )}
    </>
  );
}

export function MergeUnitsModal({ unit, units, era, today, onClose, onMerged }: MergeProps) {
  const siblings = useMemo(
    () =>
      units
        .filter((u) => u.parentId === unit.parentId && u.level === unit.level && u.validTo === null)
        .sort((a, b) => compareVietnamese(a.name, b.name)),
    [units, unit],
  );
  const [chosen, setChosen] = useState<string[]>([unit.id]);
  const [date, setDate] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string | null>(unit.kind);
  const [code, setCode] = useState('');
  const [kept, setKept] = useState<string | null>(null);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  const ending = useMemo(() => chosen.filter((id) => mode === 'new' || id !== kept), [chosen, mode, kept]);
  const movingChildren = useMemo(() => {
    const set = new Set(ending);
    return units.filter((u) => u.parentId !== null && set.has(u.parentId) && u.validTo === null).length;
  }, [units, ending]);
  // Records placed in the ending units, offered to the successor (children move on their own).
  const attached = useAttached(
    useMemo(() => (chosen.length > 0 ? chosen : [unit.id]), [chosen, unit.id]),
    false,
    ending,
  );
  const successorName = mode === 'new' ? name.trim() || null : (units.find((u) => u.id === kept)?.name ?? null);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (chosen.length < 2) local['unitIds'] = UNITS.merge.pickTwo;
    if (!date) local['effectiveDate'] = UNITS.merge.dateRequired;
    if (reason.trim() === '') local['reason'] = UNITS.end.reasonRequired;
    if (mode === 'new' && name.trim() === '') local['name'] = UNITS.form.nameRequired;
    if (mode === 'existing' && (!kept || !chosen.includes(kept))) local['successor'] = UNITS.merge.pickKept;
    if (Object.keys(local).length > 0 || !date) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      const out = await call('units.merge', {
        unitIds: chosen,
        effectiveDate: date,
        reason,
        note,
        successor:
          mode === 'new' ? { mode: 'new', name, kind: (kind ?? unit.kind) as UnitKind, code } : { mode: 'existing', unitId: kept! },
        transfer: transferList(attached.items, attached.chosen),
      });
      const moved = out.transferred > 0 ? ` ${UNITS.transfer.moved(out.transferred, out.successor.name)}` : '';
      notifications.show({ color: 'green', message: `${UNITS.merge.done(out.successor.name, out.ended)}${moved}` });
      onMerged(out.successor);
    });
  }

  const field = (key: string) => errors.fields[key] ?? errors.fields[`successor.${key}`];
  return (
    <FormModal title={UNITS.merge.title(unit.name)} size="xl" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <Checkbox.Group
        label={UNITS.merge.members}
        description={UNITS.merge.membersHint}
        value={chosen}
        onChange={setChosen}
        error={errors.fields['unitIds']}
        withAsterisk
      >
        <ScrollArea.Autosize mah={180} mt={6}>
          <Group gap="xs">
            {siblings.map((s) => (
              <Checkbox key={s.id} value={s.id} label={s.name} w={230} />
            ))}
          </Group>
        </ScrollArea.Autosize>
      </Checkbox.Group>
      <DateReasonFields date={date} setDate={setDate} reason={reason} setReason={setReason} fieldErrors={errors.fields} />
      <Radio.Group label={UNITS.merge.successorMode} value={mode} onChange={(v) => setMode(v)}>
        <Group mt={6}>
          <Radio value="new" label={UNITS.merge.modeNew} />
          <Radio value="existing" label={UNITS.merge.modeExisting} />
        </Group>
      </Radio.Group>
      <MergeSuccessorFields
        mode={mode}
        kinds={kindOptions(unit.level, era)}
        name={name}
        setName={setName}
        kind={kind}
        setKind={setKind}
        code={code}
        setCode={setCode}
        keptOptions={siblings.filter((s) => chosen.includes(s.id)).map((s) => ({ value: s.id, label: s.name }))}
        kept={kept}
        setKept={setKept}
        keptError={errors.fields['successor']}
        field={field}
      />
      <TextInput label={UNITS.merge.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {movingChildren > 0 && <Alert color="blue">{UNITS.merge.childrenMove(movingChildren)}</Alert>}
      <AttachedPicker items={attached.items} chosen={attached.chosen} onChange={attached.setChosen} successorName={successorName} />
      <FormActions cancelLabel={UNITS.form.cancel} submitLabel={UNITS.merge.submit} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

interface SplitProps {
  unit: UnitDto;
  units: readonly UnitDto[];
  era: Era;
  today: string;
  onClose: () => void;
  onSplit: (first: UnitDto) => void;
}

interface SuccessorDraft {
  key: number;
  name: string;
  kind: string | null;
  code: string;
}

interface SuccessorRowsProps {
  successors: readonly SuccessorDraft[];
  kinds: { value: string; label: string }[];
  patch: (key: number, p: Partial<SuccessorDraft>) => void;
  onRemove: (key: number) => void;
  fieldErrors: Readonly<Record<string, string>>;
}

/** One row per new unit: name, kind, code, the primary choice and a remove button. */
function SuccessorRows({ successors, kinds, patch, onRemove, fieldErrors }: SuccessorRowsProps) {
  return (
    <>
      {successors.map((s, i) => (
        <Group key={s.key} align="flex-end" wrap="nowrap" role="group" aria-label={UNITS.split.successorLabel(i)}>
          <TextInput
            label={UNITS.fields.name}
            value={s.name}
            onChange={(e) => patch(s.key, { name: e.currentTarget.value })}
            error={fieldErrors[`successors.${i}.name`]}
            withAsterisk
            style={{ flex: 2 }}
          />
          <Select
            label={UNITS.fields.kind}
            data={kinds}
            value={s.kind}
            onChange={(v) => patch(s.key, { kind: v })}
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <TextInput
            label={UNITS.fields.code}
            value={s.code}
            onChange={(e) => patch(s.key, { code: e.currentTarget.value })}
            error={fieldErrors[`successors.${i}.code`]}
            style={{ flex: 1 }}
          />
          <Radio value={String(s.key)} label={UNITS.split.primary} mb={8} />
          <ActionIcon
            variant="subtle"
            color="red"
            mb={6}
            aria-label={`${UNITS.split.remove} ${UNITS.split.successorLabel(i)}`}
            disabled={successors.length <= 2}
            onClick={() => onRemove(s.key)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
    </>
  );
}

interface ChildTargetsProps {
  childUnits: readonly UnitDto[];
  successors: readonly SuccessorDraft[];
  label: (s: SuccessorDraft, i: number) => string;
  targets: Record<string, string | null>;
  setTargets: Dispatch<SetStateAction<Record<string, string | null>>>;
  fieldErrors: Readonly<Record<string, string>>;
}

/** Which new unit each child of the split unit goes to. */
function ChildTargets({ childUnits, successors, label, targets, setTargets, fieldErrors }: ChildTargetsProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {UNITS.split.children}
      </Text>
      <ScrollArea.Autosize mah={220}>
        <Table verticalSpacing={2}>
          <Table.Tbody>
            {childUnits.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td w={300}>
                  <Select
                    size="xs"
                    aria-label={UNITS.split.childTarget(c.name)}
                    data={successors.map((s, i) => ({ value: String(s.key), label: label(s, i) }))}
                    value={targets[c.id] ?? null}
                    onChange={(v) => setTargets((t) => ({ ...t, [c.id]: v }))}
                    error={fieldErrors[`child.${c.id}`]}
                    comboboxProps={{ withinPortal: true }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

export function SplitUnitModal({ unit, units, era, today, onClose, onSplit }: SplitProps) {
  const children = useMemo(
    () => units.filter((u) => u.parentId === unit.id && u.validTo === null).sort((a, b) => compareVietnamese(a.name, b.name)),
    [units, unit],
  );
  const [date, setDate] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [nextKey, setNextKey] = useState(2);
  const [successors, setSuccessors] = useState<SuccessorDraft[]>([
    { key: 0, name: '', kind: unit.kind, code: '' },
    { key: 1, name: '', kind: unit.kind, code: '' },
  ]);
  const [primary, setPrimary] = useState<string>('0');
  const [targets, setTargets] = useState<Record<string, string | null>>({});
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  const patch = (key: number, p: Partial<SuccessorDraft>) => setSuccessors((list) => list.map((s) => (s.key === key ? { ...s, ...p } : s)));
  const label = (s: SuccessorDraft, i: number) => (s.name.trim() !== '' ? s.name : UNITS.split.successorLabel(i));

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!date) local['effectiveDate'] = UNITS.merge.dateRequired;
    if (reason.trim() === '') local['reason'] = UNITS.end.reasonRequired;
    successors.forEach((s, i) => {
      if (s.name.trim() === '') local[`successors.${i}.name`] = UNITS.form.nameRequired;
    });
    for (const c of children) if (!targets[c.id]) local[`child.${c.id}`] = UNITS.split.childTargetRequired(c.name);
    if (Object.keys(local).length > 0 || !date) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      const out = await call('units.split', {
        id: unit.id,
        effectiveDate: date,
        reason,
        note,
        successors: successors.map((s) => ({
          name: s.name,
          kind: (s.kind ?? unit.kind) as UnitKind,
          code: s.code,
          primary: String(s.key) === primary,
        })),
        children: children.map((c) => ({ childId: c.id, successor: successors.findIndex((s) => String(s.key) === targets[c.id]) })),
      });
      notifications.show({ color: 'green', message: UNITS.split.done(unit.name) });
      onSplit(out.successors[0]!);
    });
  }

  return (
    <FormModal title={UNITS.split.title(unit.name)} size="xl" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <DateReasonFields date={date} setDate={setDate} reason={reason} setReason={setReason} fieldErrors={errors.fields} />
      <Radio.Group label={UNITS.split.successors} description={UNITS.split.primaryHint} value={primary} onChange={setPrimary}>
        <Stack gap="xs" mt={6}>
          <SuccessorRows
            successors={successors}
            kinds={kindOptions(unit.level, era)}
            patch={patch}
            onRemove={(key) => setSuccessors((list) => list.filter((x) => x.key !== key))}
            fieldErrors={errors.fields}
          />
        </Stack>
      </Radio.Group>
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => {
            setSuccessors((list) => [...list, { key: nextKey, name: '', kind: unit.kind, code: '' }]);
            setNextKey((k) => k + 1);
          }}
        >
          {UNITS.split.add}
        </Button>
      </Group>
      {children.length > 0 && (
        <ChildTargets
          childUnits={children}
          successors={successors}
          label={label}
          targets={targets}
          setTargets={setTargets}
          fieldErrors={errors.fields}
        />
      )}
      <TextInput label={UNITS.merge.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <FormActions cancelLabel={UNITS.form.cancel} submitLabel={UNITS.split.submit} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
