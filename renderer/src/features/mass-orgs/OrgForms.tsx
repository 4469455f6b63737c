/** Dialogs of one organisation: create/edit, end, delete (a mistaken entry). */
import { useMemo, useState } from 'react';
import { Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { unitOptions } from '../../components/ListFilters';
import { VnDateInput } from '../../components/VnDateInput';
import { FutureDateNotice, futureDates, useFutureConfirm, useWithdrawingState } from '../../components/FutureDates';
import { DateReasonFields, FormActions, FormAlert, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { MASS } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

interface OrgFormProps {
  org: MassOrgDto | null;
  kinds: readonly MassOrgKindDto[];
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onSaved: (org: MassOrgDto) => void;
}

/** The decision and the start of activity record what happened: a later date waits for the officer's word. */
const recordDates = (decisionDate: string | null, validFrom: string) => [
  { label: MASS.fields.decisionDate, value: decisionDate },
  { label: MASS.fields.validFrom, value: validFrom },
];

/** The checks made before asking the backend: the required fields. */
function orgLocalErrors(v: {
  kindId: string | null;
  name: string;
  unitId: string | null;
  validFrom: string | null;
}): Record<string, string> {
  const local: Record<string, string> = {};
  if (!v.kindId) local['kindId'] = MASS.form.required(MASS.fields.kind);
  if (v.name.trim() === '') local['name'] = MASS.form.required(MASS.fields.name);
  if (!v.unitId) local['unitId'] = MASS.form.required(MASS.fields.unit);
  if (!v.validFrom) local['validFrom'] = MASS.form.required(MASS.fields.validFrom);
  return local;
}

export function OrgFormModal({ org, kinds, units, today, onClose, onSaved }: OrgFormProps) {
  const future = useFutureConfirm();
  // Any edit withdraws the question about future dates (FutureDates.tsx).
  const [kindId, setKindId] = useWithdrawingState<string | null>(future, org?.kindId ?? null);
  const [name, setName] = useWithdrawingState(future, org?.name ?? '');
  const [unitId, setUnitId] = useWithdrawingState<string | null>(future, org?.unitId ?? null);
  const [decisionIssuer, setDecisionIssuer] = useWithdrawingState(future, org?.decisionIssuer ?? '');
  const [decisionNumber, setDecisionNumber] = useWithdrawingState(future, org?.decisionNumber ?? '');
  const [decisionDate, setDecisionDate] = useWithdrawingState<string | null>(future, org?.decisionDate ?? null);
  const [validFrom, setValidFrom] = useWithdrawingState<string | null>(future, org?.validFrom ?? today);
  const [note, setNote] = useWithdrawingState(future, org?.note ?? '');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  // A deactivated kind stays selectable only for the organisation that already has it.
  const kindData = useMemo(
    () => kinds.filter((k) => k.active || k.id === org?.kindId).map((k) => ({ value: k.id, label: k.name })),
    [kinds, org],
  );
  const unitData = useMemo(() => unitOptions(units.filter((u) => u.validTo === null || u.id === org?.unitId)), [units, org]);

  function save() {
    errors.clear();
    const local = orgLocalErrors({ kindId, name, unitId, validFrom });
    if (Object.keys(local).length > 0 || !kindId || !unitId || !validFrom) {
      errors.setLocal(local);
      return;
    }
    const fields = { kindId, unitId, name, decisionIssuer, decisionNumber, decisionDate, validFrom, note };
    future.guard(futureDates(recordDates(decisionDate, validFrom), today), () => {
      void run(async () => {
        const saved = org ? await call('massOrgs.update', { id: org.id, ...fields }) : await call('massOrgs.create', fields);
        notifications.show({ color: 'green', message: MASS.form.saved });
        onSaved(saved);
      });
    });
  }

  return (
    <FormModal
      title={org ? MASS.form.editTitle(org.name) : MASS.form.addTitle}
      size="lg"
      gap="sm"
      onClose={onClose}
      onSubmit={save}
      message={errors.message}
    >
      <SearchSelect
        label={MASS.fields.kind}
        data={kindData}
        value={kindId}
        onChange={setKindId}
        error={errors.fields['kindId']}
        allowDeselect={false}
        withAsterisk
      />
      <TextInput
        label={MASS.fields.name}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.fields['name']}
        withAsterisk
        data-autofocus
      />
      <SearchSelect
        label={MASS.fields.unit}
        description={MASS.form.unitHint}
        data={unitData}
        value={unitId}
        onChange={setUnitId}
        error={errors.fields['unitId']}
        allowDeselect={false}
        withAsterisk
      />
      <Group grow align="flex-start">
        <TextInput
          label={MASS.fields.decisionNumber}
          value={decisionNumber}
          onChange={(e) => setDecisionNumber(e.currentTarget.value)}
          error={errors.fields['decisionNumber']}
        />
        <VnDateInput
          label={MASS.fields.decisionDate}
          value={decisionDate}
          onChange={setDecisionDate}
          error={errors.fields['decisionDate']}
          warnAfter={today}
        />
      </Group>
      <TextInput
        label={MASS.fields.decisionIssuer}
        value={decisionIssuer}
        onChange={(e) => setDecisionIssuer(e.currentTarget.value)}
        error={errors.fields['decisionIssuer']}
      />
      <VnDateInput
        label={MASS.fields.validFrom}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fields['validFrom']}
        warnAfter={today}
        required
      />
      <Textarea
        label={MASS.fields.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fields['note']}
        autosize
        minRows={2}
      />
      <FutureDateNotice confirm={future} today={today} />
      <FormActions cancelLabel={MASS.form.cancel} submitLabel={MASS.form.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}

export function EndOrgModal({
  org,
  activeMembers,
  today,
  onClose,
  onEnded,
}: {
  org: MassOrgDto;
  activeMembers: number;
  today: string;
  onClose: () => void;
  onEnded: () => void;
}) {
  const [validTo, setValidTo] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    errors.clear();
    const local: Record<string, string> = {};
    if (!validTo) local['validTo'] = MASS.form.required(MASS.end.date);
    if (reason.trim() === '') local['reason'] = MASS.form.required(MASS.end.reason);
    if (Object.keys(local).length > 0 || !validTo) {
      errors.setLocal(local);
      return;
    }
    await run(async () => {
      await call('massOrgs.end', { id: org.id, validTo, reason });
      notifications.show({ color: 'green', message: MASS.end.done(org.name) });
      onEnded();
    });
  }

  return (
    <Modal opened onClose={onClose} title={MASS.end.title(org.name)}>
      <Stack gap="sm">
        <FormAlert message={errors.message} />
        <DateReasonFields
          dateLabel={MASS.end.date}
          date={validTo}
          onDate={setValidTo}
          dateError={errors.fields['validTo']}
          reasonLabel={MASS.end.reason}
          reasonPlaceholder={MASS.end.reasonPlaceholder}
          reason={reason}
          onReason={setReason}
          reasonError={errors.fields['reason']}
        />
        {activeMembers > 0 && <Text size="sm">{MASS.end.cascade(activeMembers)}</Text>}
        <FormActions
          cancelLabel={MASS.form.cancel}
          submitLabel={MASS.end.submit}
          onCancel={onClose}
          saving={saving}
          color="red"
          onConfirm={() => void submit()}
        />
      </Stack>
    </Modal>
  );
}

export function DeleteOrgModal({
  org,
  members,
  onClose,
  onDeleted,
}: {
  org: MassOrgDto;
  members: number;
  onClose: () => void;
  onDeleted: () => void;
}) {
  return (
    <ConfirmModal
      title={MASS.deleteOrg.title}
      body={MASS.deleteOrg.body(org.name, members)}
      cancelLabel={MASS.form.cancel}
      confirmLabel={MASS.deleteOrg.confirm}
      onClose={onClose}
      onConfirm={async () => {
        await call('massOrgs.delete', { id: org.id });
        notifications.show({ color: 'green', message: MASS.deleteOrg.done(org.name) });
        onDeleted();
      }}
    />
  );
}
