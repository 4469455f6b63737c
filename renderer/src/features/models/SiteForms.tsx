/**
 * Dialogs of a site (điểm mô hình): create/edit (with end, reopen and delete for an existing
 * site), and ending a site with a date and a reason.
 */
import { LockedActions, OwnedNotice, useOwners } from '../consolidation/Owned';
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ModelDto, ModelSiteDto } from '../../../../shared/ipc/contracts/models.contract';
import { formatDateVi } from '../../../../shared/lib/dates';
import { VnDateInput } from '../../components/VnDateInput';
import { DateReasonFields, FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { wholeNumber } from './numbers';
import { unitChoices } from './ModelForms';
import { MODELS } from './texts';
import { OrgPicker } from '../../components/OrgPicker';
import { SearchSelect } from '../../components/SearchSelect';

const S = MODELS.sites;

/** "Xã Gia Hòa – Trường THCS Gia Hòa": the office's root is implied. */
export function siteLabel(s: ModelSiteDto): string {
  const unit = s.unitPath.length > 1 ? s.unitPath.slice(1).join(' › ') : s.unitName;
  return s.organizationName ? `${unit} – ${s.organizationName}` : unit;
}

/** The organisations located in the site's unit (the link the evaluation reads, issue 9 item 5), searched as one types. */
function SiteOrgSelect({
  unitId,
  value,
  onChange,
  error,
  current,
}: {
  unitId: string | null;
  value: string | null;
  onChange: (v: string | null) => void;
  error: string | undefined;
  current: ModelSiteDto | null;
}) {
  return (
    <OrgPicker
      label={S.fields.organizationRecord}
      description={S.fields.organizationRecordHint}
      unitId={unitId}
      unitOnly
      value={value}
      onChange={onChange}
      clearable
      disabled={unitId === null}
      knownLabel={current?.organizationId === value ? (current.organizationName ?? undefined) : undefined}
      emptyMessage={S.fields.noOrgs}
      error={error}
    />
  );
}

interface SiteFormProps {
  model: ModelDto;
  site: ModelSiteDto | null;
  units: readonly UnitDto[];
  today: string;
  retired: boolean;
  onClose: () => void;
  onSaved: () => void;
  onEnd: (site: ModelSiteDto) => void;
}

export function SiteFormModal({ model, site, units, today, retired, onClose, onSaved, onEnd }: SiteFormProps) {
  const [unitId, setUnitId] = useState<string | null>(site?.unitId ?? null);
  const [organizationId, setOrganizationId] = useState<string | null>(site?.organizationId ?? null);
  const [organizationName, setOrganizationName] = useState(site?.organizationId ? '' : (site?.organizationName ?? ''));
  const [startedOn, setStartedOn] = useState<string | null>(site?.startedOn ?? today);
  const [teams, setTeams] = useState<number | string>(site?.teams ?? 1);
  const [members, setMembers] = useState<number | string>(site?.members ?? '');
  const [note, setNote] = useState(site?.note ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  // At the province, a site an office sent: read-only (the backend refuses changes anyway).
  const siteIds = useMemo(() => (site ? [site.id] : []), [site]);
  const owners = useOwners('model_sites', siteIds);
  const owner = site ? (owners.get(site.id) ?? null) : null;
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const unitData = useMemo(() => unitChoices(units), [units]);
  const changeUnit = (v: string | null) => {
    if (v !== unitId) setOrganizationId(null); // the organisation belongs to the unit
    setUnitId(v);
  };

  async function save() {
    errors.clear();
    const t = wholeNumber(teams);
    const m = wholeNumber(members);
    const local = siteLocalErrors({ unitId, startedOn, teams: t, members: m });
    if (Object.keys(local).length > 0 || !unitId || !startedOn || t === null || m === null) return errors.setLocal(local);
    await run(async () => {
      const fields = {
        unitId,
        organizationId,
        organizationName: organizationId ? '' : organizationName,
        startedOn,
        teams: t,
        members: m,
        note,
      };
      if (site) await call('modelSites.update', { id: site.id, ...fields });
      else await call('modelSites.create', { modelId: model.id, ...fields });
      notifications.show({ color: 'green', message: S.saved });
      onSaved();
    });
  }

  async function act(kind: 'reopen' | 'delete') {
    if (!site) return;
    errors.clear();
    await run(async () => {
      if (kind === 'reopen') await call('modelSites.reopen', { id: site.id });
      else await call('modelSites.delete', { id: site.id });
      notifications.show({ color: 'green', message: kind === 'reopen' ? S.reopened : S.deleted });
      onSaved();
    });
  }

  return (
    <FormModal
      title={site ? S.editTitle : S.addTitle(model.name)}
      size="lg"
      onClose={onClose}
      onSubmit={() => void save()}
      message={errors.message}
    >
      {owner && <OwnedNotice owner={owner} />}
      {site?.endedOn && <Alert color="gray">{S.endedOn(formatDateVi(site.endedOn), site.endReason)}</Alert>}
      <LockedActions owner={owner}>
        <SearchSelect
          label={S.fields.unit}
          data={unitData}
          value={unitId}
          onChange={changeUnit}
          error={errors.fields['unitId']}
          withAsterisk
          comboboxProps={{ withinPortal: true }}
        />
        <SiteOrgSelect
          unitId={unitId}
          value={organizationId}
          onChange={setOrganizationId}
          error={errors.fields['organizationId']}
          current={site}
        />
        {organizationId === null && (
          <TextInput
            label={S.fields.organization}
            description={S.fields.organizationHint}
            value={organizationName}
            onChange={(e) => setOrganizationName(e.currentTarget.value)}
            error={errors.fields['organizationName']}
          />
        )}
        <Group grow align="flex-start">
          <VnDateInput label={S.fields.startedOn} value={startedOn} onChange={setStartedOn} error={errors.fields['startedOn']} required />
          <SiteCounts teams={teams} onTeams={setTeams} members={members} onMembers={setMembers} errors={errors.fields} />
        </Group>
        <Textarea
          label={S.fields.note}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          error={errors.fields['note']}
        />
        <SiteFormFooter
          site={site}
          retired={retired}
          saving={saving}
          confirmDelete={confirmDelete}
          onConfirmDelete={setConfirmDelete}
          onAct={(kind) => void act(kind)}
          onEnd={onEnd}
          onClose={onClose}
        />
      </LockedActions>
    </FormModal>
  );
}

/** The checks made before asking the backend: unit, start date and the two counts. */
function siteLocalErrors(v: {
  unitId: string | null;
  startedOn: string | null;
  teams: number | null;
  members: number | null;
}): Record<string, string> {
  const local: Record<string, string> = {};
  if (!v.unitId) local['unitId'] = S.unitRequired;
  if (!v.startedOn) local['startedOn'] = MODELS.form.dateRequired;
  if (v.teams === null) local['teams'] = S.countRequired;
  if (v.members === null) local['members'] = S.countRequired;
  return local;
}

/** The number of teams and of members at the site. */
function SiteCounts({
  teams,
  onTeams,
  members,
  onMembers,
  errors,
}: {
  teams: number | string;
  onTeams: (v: number | string) => void;
  members: number | string;
  onMembers: (v: number | string) => void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <CountInput
        label={S.fields.teams}
        value={teams}
        onChange={onTeams}
        allowDecimal={false}
        thousandSeparator="."
        decimalSeparator=","
        error={errors['teams']}
        withAsterisk
      />
      <CountInput
        label={S.fields.members}
        value={members}
        onChange={onMembers}
        allowDecimal={false}
        thousandSeparator="."
        decimalSeparator=","
        error={errors['members']}
        withAsterisk
      />
    </>
  );
}

/** The delete confirmation and the buttons under the site's form. */
function SiteFormFooter({
  site,
  retired,
  saving,
  confirmDelete,
  onConfirmDelete,
  onAct,
  onEnd,
  onClose,
}: {
  site: ModelSiteDto | null;
  retired: boolean;
  saving: boolean;
  confirmDelete: boolean;
  onConfirmDelete: (v: boolean) => void;
  onAct: (kind: 'reopen' | 'delete') => void;
  onEnd: (site: ModelSiteDto) => void;
  onClose: () => void;
}) {
  return (
    <>
      {confirmDelete && site && (
        <Alert color="red" title={S.deleteTitle}>
          <Stack gap="xs">
            <Text size="sm">{S.deleteBody(siteLabel(site))}</Text>
            <Group gap="xs">
              <Button size="xs" color="red" loading={saving} onClick={() => onAct('delete')}>
                {MODELS.del.confirm}
              </Button>
              <Button size="xs" variant="default" onClick={() => onConfirmDelete(false)}>
                {MODELS.form.cancel}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          {site && site.endedOn === null && !retired && (
            <Button variant="default" color="red" onClick={() => onEnd(site)}>
              {S.end}
            </Button>
          )}
          {site && site.endedOn !== null && !retired && (
            <Button variant="default" loading={saving} onClick={() => onAct('reopen')}>
              {S.reopen}
            </Button>
          )}
          {site && !confirmDelete && (
            <Button variant="subtle" color="red" onClick={() => onConfirmDelete(true)}>
              {S.delete}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>
            {MODELS.form.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {MODELS.form.save}
          </Button>
        </Group>
      </Group>
    </>
  );
}

export function EndSiteModal({
  site,
  today,
  onClose,
  onSaved,
}: {
  site: ModelSiteDto;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [endedOn, setEndedOn] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    if (!endedOn) {
      errors.setLocal({ endedOn: MODELS.form.dateRequired });
      return;
    }
    await run(async () => {
      await call('modelSites.end', { id: site.id, endedOn, reason });
      notifications.show({ color: 'green', message: S.endedDone });
      onSaved();
    });
  }

  return (
    <FormModal
      title={`${S.endTitle} "${siteLabel(site)}"`}
      size="lg"
      onClose={onClose}
      onSubmit={() => void save()}
      message={errors.message}
    >
      <DateReasonFields
        dateLabel={S.endOn}
        date={endedOn}
        onDate={setEndedOn}
        dateError={errors.fields['endedOn']}
        reasonLabel={S.endReason}
        reason={reason}
        onReason={setReason}
        reasonError={errors.fields['reason']}
        reasonRequired={false}
      />
      <FormActions cancelLabel={MODELS.form.cancel} submitLabel={S.endSubmit} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}
