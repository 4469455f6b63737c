/**
 * Dialogs of one model: create/edit, the next lifecycle step, retirement, deletion, a yearly
 * effectiveness rating and an exemplar recognition. Each keeps what was typed when the backend
 * refuses, and shows field messages under their fields.
 */
import { useMemo, useState } from 'react';
import { Alert, Group, Select, Text, TextInput, Textarea } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ModelDto, ModelRatingDto, ModelTypeDto } from '../../../../shared/ipc/contracts/models.contract';
import {
  INITIAL_STATUSES,
  MODEL_EVENT_LABELS,
  MODEL_RATINGS,
  MODEL_RATING_LABELS,
  MODEL_STATUS_LABELS,
  ORIGIN_LEVELS,
  ORIGIN_LEVEL_LABELS,
  defaultOriginLevel,
  type ChangeStatus,
  type InitialStatus,
  type ModelRating,
  type ModelStatus,
  type OriginLevel,
} from '../../../../shared/domain/models';
import { unitOptions } from '../../components/ListFilters';
import { VnDateInput } from '../../components/VnDateInput';
import { DateReasonFields, FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { wholeNumber } from './numbers';
import { MODELS } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

const F = MODELS.form;

/** Unit options with ended units marked, so a past model can still name its unit. */
export function unitChoices(units: readonly UnitDto[]) {
  const ended = new Set(units.filter((u) => u.validTo !== null).map((u) => u.id));
  return unitOptions(units).map((o) => (ended.has(o.value) ? { ...o, label: `${o.label}${MODELS.sites.ended}` } : o));
}

interface ModelFormProps {
  model: ModelDto | null;
  types: readonly ModelTypeDto[];
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onSaved: (model: ModelDto) => void;
}

/** The checks made before asking the backend: the required fields. */
function modelLocalErrors(v: {
  name: string;
  typeId: string | null;
  originUnitId: string | null;
  foundedOn: string | null;
}): Record<string, string> {
  const local: Record<string, string> = {};
  if (v.name.trim() === '') local['name'] = F.nameRequired;
  if (!v.typeId) local['typeId'] = F.typeRequired;
  if (!v.originUnitId) local['originUnitId'] = F.originRequired;
  if (!v.foundedOn) local['foundedOn'] = F.dateRequired;
  return local;
}

/** The unit a model comes from and the level it counts at. */
function OriginFields({
  unitData,
  unitId,
  onUnit,
  level,
  onLevel,
  errors,
}: {
  unitData: ReturnType<typeof unitChoices>;
  unitId: string | null;
  onUnit: (id: string | null) => void;
  level: string | null;
  onLevel: (level: string | null) => void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <Group grow align="flex-start">
      <SearchSelect
        label={MODELS.fields.origin}
        description={F.originHint}
        data={unitData}
        value={unitId}
        onChange={onUnit}
        error={errors['originUnitId']}
        withAsterisk
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={MODELS.fields.originLevel}
        description=" "
        data={ORIGIN_LEVELS.map((l) => ({ value: l, label: ORIGIN_LEVEL_LABELS[l] }))}
        value={level}
        onChange={onLevel}
        allowDeselect={false}
        error={errors['originLevel']}
        withAsterisk
      />
    </Group>
  );
}

export function ModelFormModal({ model, types, units, today, onClose, onSaved }: ModelFormProps) {
  const [name, setName] = useState(model?.name ?? '');
  const [typeId, setTypeId] = useState<string | null>(model?.typeId ?? null);
  const [originUnitId, setOriginUnitId] = useState<string | null>(model?.originUnitId ?? null);
  const [originLevel, setOriginLevel] = useState<string | null>(model?.originLevel ?? null);
  const [foundedOn, setFoundedOn] = useState<string | null>(model?.foundedOn ?? today);
  const [status, setStatus] = useState<string | null>(model ? null : 'hoat_dong');
  const [note, setNote] = useState(model?.note ?? '');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const typeData = useMemo(
    () =>
      types
        .filter((t) => t.active || t.id === model?.typeId)
        .map((t) => ({ value: t.id, label: t.active ? t.name : `${t.name} ${F.inactiveType}` })),
    [types, model],
  );
  const unitData = useMemo(() => unitChoices(units), [units]);

  function pickUnit(id: string | null) {
    setOriginUnitId(id);
    const unit = units.find((u) => u.id === id);
    if (unit) setOriginLevel(defaultOriginLevel(unit.level));
  }

  async function save() {
    errors.clear();
    const local = modelLocalErrors({ name, typeId, originUnitId, foundedOn });
    if (Object.keys(local).length > 0 || !typeId || !originUnitId || !foundedOn) {
      errors.setLocal(local);
      return;
    }
    const level = (originLevel ?? 'xa') as OriginLevel;
    await run(async () => {
      const saved = model
        ? await call('models.update', { id: model.id, name, typeId, originUnitId, originLevel: level, foundedOn, note })
        : await call('models.create', {
            name,
            typeId,
            originUnitId,
            originLevel: level,
            foundedOn,
            status: (status ?? 'hoat_dong') as InitialStatus,
            note,
          });
      notifications.show({ color: 'green', message: F.saved });
      onSaved(saved);
    });
  }

  return (
    <FormModal
      title={model ? F.editTitle(model.name) : F.addTitle}
      size="lg"
      onClose={onClose}
      onSubmit={() => void save()}
      message={errors.message}
    >
      <TextInput
        label={MODELS.fields.name}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.fields['name']}
        withAsterisk
        data-autofocus
      />
      <SearchSelect
        label={MODELS.fields.type}
        data={typeData}
        value={typeId}
        onChange={setTypeId}
        error={errors.fields['typeId']}
        withAsterisk
        comboboxProps={{ withinPortal: true }}
      />
      <OriginFields
        unitData={unitData}
        unitId={originUnitId}
        onUnit={pickUnit}
        level={originLevel}
        onLevel={setOriginLevel}
        errors={errors.fields}
      />
      <Group grow align="flex-start">
        <VnDateInput
          label={MODELS.fields.foundedOn}
          value={foundedOn}
          onChange={setFoundedOn}
          error={errors.fields['foundedOn']}
          required
        />
        {!model && (
          <Select
            label={MODELS.fields.initialStatus}
            description={F.initialHint}
            data={INITIAL_STATUSES.map((s) => ({ value: s, label: MODEL_STATUS_LABELS[s] }))}
            value={status}
            onChange={setStatus}
            allowDeselect={false}
            error={errors.fields['status']}
            withAsterisk
          />
        )}
      </Group>
      <Textarea
        label={MODELS.fields.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.fields['note']}
      />
      <FormActions cancelLabel={F.cancel} submitLabel={F.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

export function StatusModal({
  model,
  next,
  today,
  onClose,
  onSaved,
}: {
  model: ModelDto;
  next: readonly ModelStatus[];
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  // Nothing pre-selected: the officer names the step taken (a default step got recorded unread).
  const [status, setStatus] = useState<string | null>(null);
  const [on, setOn] = useState<string | null>(today);
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    if (!status || !on) {
      errors.setLocal({ ...(!status && { status: MODELS.status.statusRequired }), ...(!on && { on: F.dateRequired }) });
      return;
    }
    await run(async () => {
      await call('models.changeStatus', { id: model.id, status: status as ChangeStatus, on, note });
      notifications.show({ color: 'green', message: MODELS.status.done(MODEL_EVENT_LABELS[status as ModelStatus]) });
      onSaved();
    });
  }

  return (
    <FormModal title={MODELS.status.title(model.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <Select
        label={MODELS.status.next}
        data={next.map((s) => ({ value: s, label: MODEL_EVENT_LABELS[s] }))}
        value={status}
        onChange={setStatus}
        allowDeselect={false}
        error={errors.fields['status']}
        withAsterisk
      />
      <VnDateInput label={MODELS.status.on} value={on} onChange={setOn} error={errors.fields['on']} required />
      <Textarea
        label={MODELS.status.note}
        placeholder={MODELS.status.notePlaceholder}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.fields['note']}
      />
      <FormActions cancelLabel={F.cancel} submitLabel={MODELS.status.submit} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

export function RetireModal({
  model,
  openSites,
  today,
  onClose,
  onSaved,
}: {
  model: ModelDto;
  openSites: number;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [on, setOn] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!on) local['on'] = F.dateRequired;
    if (reason.trim() === '') local['reason'] = MODELS.retire.reasonRequired;
    if (Object.keys(local).length > 0 || !on) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      await call('models.retire', { id: model.id, on, reason });
      notifications.show({ color: 'green', message: MODELS.retire.done(model.name) });
      onSaved();
    });
  }

  return (
    <FormModal title={MODELS.retire.title(model.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <DateReasonFields
        dateLabel={MODELS.retire.on}
        date={on}
        onDate={setOn}
        dateError={errors.fields['on']}
        reasonLabel={MODELS.retire.reason}
        reasonPlaceholder={MODELS.retire.reasonPlaceholder}
        reason={reason}
        onReason={setReason}
        reasonError={errors.fields['reason']}
      />
      {openSites > 0 && <Alert color="yellow">{MODELS.retire.cascade(openSites)}</Alert>}
      <FormActions cancelLabel={F.cancel} submitLabel={MODELS.retire.submit} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}

export function DeleteModelModal({ model, onClose, onDeleted }: { model: ModelDto; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmModal
      title={MODELS.del.title}
      body={MODELS.del.body(model.name)}
      cancelLabel={F.cancel}
      confirmLabel={MODELS.del.confirm}
      onClose={onClose}
      onConfirm={async () => {
        await call('models.delete', { id: model.id });
        notifications.show({ color: 'green', message: MODELS.del.done(model.name) });
        onDeleted();
      }}
    />
  );
}

export function RatingModal({
  model,
  ratings,
  today,
  onClose,
  onSaved,
}: {
  model: ModelDto;
  ratings: readonly ModelRatingDto[];
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const R = MODELS.ratings;
  const [year, setYear] = useState<number | string>(Number(today.slice(0, 4)));
  const existing = ratings.find((r) => r.year === wholeNumber(year));
  const [rating, setRating] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  // Until the person picks, the fields show the year's current rating (if any).
  const shownRating = rating ?? existing?.rating ?? null;
  const shownNote = note ?? existing?.note ?? '';

  async function save() {
    errors.clear();
    const y = wholeNumber(year);
    if (y === null || !shownRating) {
      errors.setLocal({ ...(y === null && { year: R.yearRequired }), ...(!shownRating && { rating: R.ratingRequired }) });
      return;
    }
    await run(async () => {
      await call('models.rate', { id: model.id, year: y, rating: shownRating as ModelRating, note: shownNote });
      notifications.show({ color: 'green', message: R.done(y) });
      onSaved();
    });
  }

  return (
    <FormModal title={R.title(model.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <Text size="sm" c="dimmed">
        {R.hint}
      </Text>
      <Group grow align="flex-start">
        <CountInput
          label={R.year}
          value={year}
          onChange={setYear}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          error={errors.fields['year']}
          withAsterisk
        />
        <Select
          label={R.rating}
          data={MODEL_RATINGS.map((r) => ({ value: r, label: MODEL_RATING_LABELS[r] }))}
          value={shownRating}
          onChange={setRating}
          allowDeselect={false}
          error={errors.fields['rating']}
          withAsterisk
        />
      </Group>
      <Textarea
        label={R.note}
        value={shownNote}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.fields['note']}
      />
      <FormActions cancelLabel={F.cancel} submitLabel={F.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

export function RecognitionModal({
  model,
  today,
  onClose,
  onSaved,
}: {
  model: ModelDto;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const R = MODELS.recognitions;
  const [by, setBy] = useState('');
  const [number, setNumber] = useState('');
  const [on, setOn] = useState<string | null>(today);
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    const local: Record<string, string> = {};
    if (by.trim() === '') local['recognisedBy'] = R.byRequired;
    if (!on) local['recognisedOn'] = F.dateRequired;
    if (Object.keys(local).length > 0 || !on) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      await call('models.recognise', { id: model.id, recognisedBy: by, decisionNumber: number, recognisedOn: on, note });
      notifications.show({ color: 'green', message: R.done });
      onSaved();
    });
  }

  return (
    <FormModal title={R.title(model.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <TextInput
        label={R.by}
        placeholder={R.byPlaceholder}
        value={by}
        onChange={(e) => setBy(e.currentTarget.value)}
        error={errors.fields['recognisedBy']}
        withAsterisk
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput
          label={R.number}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={errors.fields['decisionNumber']}
        />
        <VnDateInput label={R.on} value={on} onChange={setOn} error={errors.fields['recognisedOn']} required />
      </Group>
      <Textarea
        label={R.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.fields['note']}
      />
      <FormActions cancelLabel={F.cancel} submitLabel={F.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
