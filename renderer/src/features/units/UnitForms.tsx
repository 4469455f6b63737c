import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { KINDS_BY_LEVEL, childLevel, communeKindsFor, type Era, type UnitKind, type UnitLevel } from '../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { descendantIds, pathOf } from '../../../../shared/domain/unit-tree';
import { VnDateInput } from '../../components/VnDateInput';
import { DateReasonFields, FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { UNITS } from './texts';
import { SearchSelect } from '../../components/SearchSelect';
import { formatDateVi } from '../../../../shared/lib/dates';
import { AttachedPicker, transferList, useAttached } from './AttachedRecords';

/** Local check of an effective date (the backend checks the same and more). */
function effectiveError(date: string | null, validFrom: string | null, today: string): string | null {
  if (!date) return UNITS.effective.required;
  if (date > today) return UNITS.effective.future;
  if (validFrom !== null && date < validFrom) return UNITS.effective.beforeStart(formatDateVi(validFrom));
  return null;
}

function kindsFor(level: UnitLevel, era: Era): readonly UnitKind[] {
  return level === 'xa' ? communeKindsFor(era) : KINDS_BY_LEVEL[level];
}

interface UnitFormProps {
  mode: 'create' | 'edit';
  era: Era;
  today: string;
  /** The parent for a new unit, or the unit being edited. */
  target: UnitDto;
  onClose: () => void;
  onSaved: (unit: UnitDto) => void;
  /** Create mode: "Lưu và thêm tiếp" saved this unit and the dialog stays open for the next one. */
  onAdded?: ((unit: UnitDto) => void) | undefined;
}

export function UnitFormModal({ mode, era, today, target, onClose, onSaved, onAdded }: UnitFormProps) {
  const level: UnitLevel | null = mode === 'create' ? childLevel(era, target.level) : target.level;
  const kinds = level ? kindsFor(level, era) : [];
  const [name, setName] = useState(mode === 'edit' ? target.name : '');
  const [kind, setKind] = useState<string | null>(mode === 'edit' ? target.kind : (kinds[0] ?? null));
  const [code, setCode] = useState(mode === 'edit' ? (target.code ?? '') : '');
  const [validFrom, setValidFrom] = useState<string | null>(mode === 'edit' ? target.validFrom : today);
  const [effective, setEffective] = useState<string | null>(today);
  const relabel = mode === 'edit' && (name.trim() !== target.name || kind !== target.kind || (code.trim() || null) !== target.code);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const nameInput = useRef<HTMLInputElement>(null);

  async function save(addNext = false) {
    errors.clear();
    const local: Record<string, string> = {};
    if (name.trim() === '') local['name'] = UNITS.form.nameRequired;
    if (!kind) local['kind'] = UNITS.form.kindRequired;
    if (mode === 'create' && !validFrom) local['validFrom'] = UNITS.form.validFromRequired;
    const badEffective = relabel ? effectiveError(effective, validFrom, today) : null;
    if (badEffective) local['effectiveDate'] = badEffective;
    if (Object.keys(local).length > 0) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      const unit =
        mode === 'create'
          ? await call('units.create', { parentId: target.id, name, kind: kind as UnitKind, code, validFrom: validFrom ?? today })
          : await call('units.update', {
              id: target.id,
              name,
              kind: kind as UnitKind,
              code,
              validFrom,
              ...(relabel && effective ? { effectiveDate: effective } : {}),
            });
      if (addNext && onAdded) {
        // The parent, kind and start date stay: the next unit is usually a sibling entered from the same list.
        notifications.show({ color: 'green', message: UNITS.form.savedNext(unit.name) });
        setName('');
        setCode('');
        nameInput.current?.focus();
        onAdded(unit);
        return;
      }
      notifications.show({ color: 'green', message: UNITS.form.saved });
      onSaved(unit);
    });
  }

  return (
    <FormModal
      title={mode === 'create' ? UNITS.form.addTitle(target.name) : UNITS.form.editTitle(target.name)}
      size="lg"
      onClose={onClose}
      onSubmit={() => void save()}
      message={errors.message}
    >
      <TextInput
        label={UNITS.fields.name}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.fields['name']}
        withAsterisk
        data-autofocus
        ref={nameInput}
      />
      <Select
        label={UNITS.fields.kind}
        data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        value={kind}
        onChange={setKind}
        error={errors.fields['kind']}
        allowDeselect={false}
        withAsterisk
      />
      <TextInput
        label={UNITS.fields.code}
        description={UNITS.form.codeHint}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        error={errors.fields['code']}
      />
      <VnDateInput
        label={UNITS.fields.validFrom}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fields['validFrom']}
        required={mode === 'create'}
      />
      {relabel && (
        <VnDateInput
          label={UNITS.effective.label}
          description={UNITS.effective.hint}
          value={effective}
          onChange={setEffective}
          error={errors.fields['effectiveDate']}
          required
        />
      )}
      {mode === 'create' && onAdded ? (
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {UNITS.form.cancel}
          </Button>
          <Button variant="light" loading={saving} onClick={() => void save(true)}>
            {UNITS.form.saveAndNext}
          </Button>
          <Button type="submit" loading={saving}>
            {UNITS.form.save}
          </Button>
        </Group>
      ) : (
        <FormActions cancelLabel={UNITS.form.cancel} submitLabel={UNITS.form.save} onCancel={onClose} saving={saving} />
      )}
    </FormModal>
  );
}

interface MoveProps {
  unit: UnitDto;
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onMoved: (unit: UnitDto) => void;
}

export function MoveUnitModal({ unit, units, today, onClose, onMoved }: MoveProps) {
  const currentParent = units.find((u) => u.id === unit.parentId);
  const options = useMemo(() => {
    const below = new Set(descendantIds(units, unit.id));
    const byId = new Map(units.map((u) => [u.id, u]));
    return units
      .filter(
        (u) =>
          currentParent &&
          u.level === currentParent.level &&
          u.validTo === null &&
          u.id !== unit.parentId &&
          u.id !== unit.id &&
          !below.has(u.id),
      )
      .map((u) => ({
        value: u.id,
        label: pathOf(byId, u.id)
          .map((p) => p.name)
          .join(' › '),
      }));
  }, [units, unit, currentParent]);
  const [target, setTarget] = useState<string | null>(null);
  const [effective, setEffective] = useState<string | null>(today);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!target) local['newParentId'] = UNITS.move.targetRequired;
    const badEffective = effectiveError(effective, unit.validFrom, today);
    if (badEffective) local['effectiveDate'] = badEffective;
    if (Object.keys(local).length > 0 || !target || !effective) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      const moved = await call('units.move', { id: unit.id, newParentId: target, effectiveDate: effective });
      const name = units.find((u) => u.id === target)?.name ?? '';
      notifications.show({ color: 'green', message: UNITS.move.done(unit.name, name) });
      onMoved(moved);
    });
  }

  return (
    <FormModal title={UNITS.move.title(unit.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      {options.length === 0 ? (
        <Text size="sm">{UNITS.move.noTargets}</Text>
      ) : (
        <SearchSelect
          label={UNITS.move.target}
          data={options}
          value={target}
          onChange={setTarget}
          error={errors.fields['newParentId']}
          withAsterisk
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <VnDateInput
        label={UNITS.effective.label}
        description={UNITS.effective.hint}
        value={effective}
        onChange={setEffective}
        error={errors.fields['effectiveDate']}
        required
      />
      <FormActions
        cancelLabel={UNITS.form.cancel}
        submitLabel={UNITS.move.submit}
        onCancel={onClose}
        saving={saving}
        disabled={options.length === 0}
      />
    </FormModal>
  );
}

interface EndProps {
  unit: UnitDto;
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onEnded: (unit: UnitDto) => void;
}

export function EndUnitModal({ unit, units, today, onClose, onEnded }: EndProps) {
  const [validTo, setValidTo] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const activeBelow = useMemo(() => {
    const byId = new Map(units.map((u) => [u.id, u]));
    return descendantIds(units, unit.id).filter((id) => byId.get(id)?.validTo === null).length;
  }, [units, unit]);
  const attached = useAttached(
    useMemo(() => [unit.id], [unit.id]),
    true,
  );
  const [successorId, setSuccessorId] = useState<string | null>(null);
  const successorOptions = useMemo(() => {
    const ending = new Set([unit.id, ...descendantIds(units, unit.id)]);
    const byId = new Map(units.map((u) => [u.id, u]));
    return units
      .filter((u) => u.validTo === null && !ending.has(u.id))
      .map((u) => ({
        value: u.id,
        label: pathOf(byId, u.id)
          .map((p) => p.name)
          .join(' › '),
      }));
  }, [units, unit]);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!validTo) local['validTo'] = UNITS.end.dateRequired;
    if (reason.trim() === '') local['reason'] = UNITS.end.reasonRequired;
    // Without a unit to take them, the records stay with the ended unit (as before this choice existed).
    const transfer = successorId ? transferList(attached.items, attached.chosen) : [];
    if (Object.keys(local).length > 0 || !validTo) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      const result = await call('units.end', {
        id: unit.id,
        validTo,
        reason,
        successorId: transfer.length > 0 ? successorId : null,
        transfer,
      });
      const to = units.find((u) => u.id === successorId)?.name ?? '';
      const moved = result.transferred > 0 ? ` ${UNITS.transfer.moved(result.transferred, to)}` : '';
      notifications.show({ color: 'green', message: `${UNITS.end.done(unit.name)}${moved}` });
      onEnded(result.unit);
    });
  }

  return (
    <FormModal title={UNITS.end.title(unit.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <DateReasonFields
        dateLabel={UNITS.end.date}
        date={validTo}
        onDate={setValidTo}
        dateError={errors.fields['validTo']}
        reasonLabel={UNITS.end.reason}
        reasonPlaceholder={UNITS.end.reasonPlaceholder}
        reason={reason}
        onReason={setReason}
        reasonError={errors.fields['reason']}
      />
      {activeBelow > 0 && <Alert color="yellow">{UNITS.end.cascade(activeBelow)}</Alert>}
      {attached.items.length > 0 && (
        <SearchSelect
          label={UNITS.transfer.successor}
          description={UNITS.transfer.successorHint}
          data={successorOptions}
          value={successorId}
          onChange={setSuccessorId}
          error={errors.fields['successorId']}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <AttachedPicker
        items={attached.items}
        chosen={attached.chosen}
        onChange={attached.setChosen}
        successorName={units.find((u) => u.id === successorId)?.name ?? null}
        disabledNote={successorId ? null : UNITS.transfer.pickSuccessorFirst}
      />
      <FormActions cancelLabel={UNITS.form.cancel} submitLabel={UNITS.end.submit} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}
