import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { KINDS_BY_LEVEL, childLevel, communeKindsFor, type Era, type UnitKind, type UnitLevel } from '../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { descendantIds, pathOf } from '../../../../shared/domain/unit-tree';
import { viOptionsFilter } from '../../components/viFilter';
import { VnDateInput } from '../../components/VnDateInput';
import { UNITS } from './texts';

function kindsFor(level: UnitLevel, era: Era): readonly UnitKind[] {
  return level === 'xa' ? communeKindsFor(era) : KINDS_BY_LEVEL[level];
}

/** Shows a failed call: field messages under their fields, the rest at the top of the form. */
function useFormErrors() {
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  return {
    message,
    fields,
    clear: () => {
      setMessage(null);
      setFields({});
    },
    setLocal: (f: Record<string, string>) => setFields(f),
    fromError: (err: unknown) => {
      if (err instanceof ApiError) {
        setMessage(err.message);
        setFields(err.details);
      } else setMessage(String(err));
    },
  };
}

interface UnitFormProps {
  mode: 'create' | 'edit';
  era: Era;
  today: string;
  /** The parent for a new unit, or the unit being edited. */
  target: UnitDto;
  onClose: () => void;
  onSaved: (unit: UnitDto) => void;
}

export function UnitFormModal({ mode, era, today, target, onClose, onSaved }: UnitFormProps) {
  const level: UnitLevel | null = mode === 'create' ? childLevel(era, target.level) : target.level;
  const kinds = level ? kindsFor(level, era) : [];
  const [name, setName] = useState(mode === 'edit' ? target.name : '');
  const [kind, setKind] = useState<string | null>(mode === 'edit' ? target.kind : (kinds[0] ?? null));
  const [code, setCode] = useState(mode === 'edit' ? (target.code ?? '') : '');
  const [validFrom, setValidFrom] = useState<string | null>(mode === 'edit' ? target.validFrom : today);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors();

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (name.trim() === '') local['name'] = UNITS.form.nameRequired;
    if (!kind) local['kind'] = UNITS.form.kindRequired;
    if (mode === 'create' && !validFrom) local['validFrom'] = UNITS.form.validFromRequired;
    if (Object.keys(local).length > 0) {
      errors.setLocal(local);
      return;
    }
    setSaving(true);
    try {
      const unit =
        mode === 'create'
          ? await call('units.create', { parentId: target.id, name, kind: kind as UnitKind, code, validFrom: validFrom ?? today })
          : await call('units.update', { id: target.id, name, kind: kind as UnitKind, code, validFrom });
      notifications.show({ color: 'green', message: UNITS.form.saved });
      onSaved(unit);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={mode === 'create' ? UNITS.form.addTitle(target.name) : UNITS.form.editTitle(target.name)} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {errors.message && <Alert color="red" role="alert">{errors.message}</Alert>}
          <TextInput label={UNITS.fields.name} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields['name']} withAsterisk data-autofocus />
          <Select
            label={UNITS.fields.kind}
            data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={kind}
            onChange={setKind}
            error={errors.fields['kind']}
            allowDeselect={false}
            withAsterisk
          />
          <TextInput label={UNITS.fields.code} description={UNITS.form.codeHint} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.fields['code']} />
          <VnDateInput label={UNITS.fields.validFrom} value={validFrom} onChange={setValidFrom} error={errors.fields['validFrom']} required={mode === 'create'} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{UNITS.form.cancel}</Button>
            <Button type="submit" loading={saving}>{UNITS.form.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface MoveProps {
  unit: UnitDto;
  units: readonly UnitDto[];
  onClose: () => void;
  onMoved: (unit: UnitDto) => void;
}

export function MoveUnitModal({ unit, units, onClose, onMoved }: MoveProps) {
  const currentParent = units.find((u) => u.id === unit.parentId);
  const options = useMemo(() => {
    const below = new Set(descendantIds(units, unit.id));
    const byId = new Map(units.map((u) => [u.id, u]));
    return units
      .filter((u) => currentParent && u.level === currentParent.level && u.validTo === null && u.id !== unit.parentId && u.id !== unit.id && !below.has(u.id))
      .map((u) => ({ value: u.id, label: pathOf(byId, u.id).map((p) => p.name).join(' › ') }));
  }, [units, unit, currentParent]);
  const [target, setTarget] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors();

  async function save() {
    errors.clear();
    if (!target) {
      errors.setLocal({ newParentId: 'Hãy chọn đơn vị cấp trên mới.' });
      return;
    }
    setSaving(true);
    try {
      const moved = await call('units.move', { id: unit.id, newParentId: target });
      const name = units.find((u) => u.id === target)?.name ?? '';
      notifications.show({ color: 'green', message: UNITS.move.done(unit.name, name) });
      onMoved(moved);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={UNITS.move.title(unit.name)} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {errors.message && <Alert color="red" role="alert">{errors.message}</Alert>}
          {options.length === 0 ? (
            <Text size="sm">{UNITS.move.noTargets}</Text>
          ) : (
            <Select
              label={UNITS.move.target}
              data={options}
              value={target}
              onChange={setTarget}
              searchable
              filter={viOptionsFilter}
              error={errors.fields['newParentId']}
              withAsterisk
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{UNITS.form.cancel}</Button>
            <Button type="submit" loading={saving} disabled={options.length === 0}>{UNITS.move.submit}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors();
  const activeBelow = useMemo(() => {
    const byId = new Map(units.map((u) => [u.id, u]));
    return descendantIds(units, unit.id).filter((id) => byId.get(id)?.validTo === null).length;
  }, [units, unit]);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!validTo) local['validTo'] = 'Hãy nhập ngày kết thúc.';
    if (reason.trim() === '') local['reason'] = UNITS.end.reasonRequired;
    if (Object.keys(local).length > 0 || !validTo) {
      errors.setLocal(local);
      return;
    }
    setSaving(true);
    try {
      const result = await call('units.end', { id: unit.id, validTo, reason });
      notifications.show({ color: 'green', message: UNITS.end.done(unit.name) });
      onEnded(result.unit);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={UNITS.end.title(unit.name)} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {errors.message && <Alert color="red" role="alert">{errors.message}</Alert>}
          <VnDateInput label={UNITS.end.date} value={validTo} onChange={setValidTo} error={errors.fields['validTo']} required />
          <Textarea
            label={UNITS.end.reason}
            placeholder={UNITS.end.reasonPlaceholder}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.fields['reason']}
            withAsterisk
            autosize
            minRows={2}
          />
          {activeBelow > 0 && <Alert color="yellow">{UNITS.end.cascade(activeBelow)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{UNITS.form.cancel}</Button>
            <Button type="submit" color="red" loading={saving}>{UNITS.end.submit}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
