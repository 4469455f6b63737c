/**
 * Create/edit form of one organisation. Fields follow the kind: ownership and the Decree 80 size
 * inputs for enterprises, the school level for schools. The TT124 eligibility of what is being
 * typed is shown live (the same pure function the backend uses). Typed values survive a change of
 * kind and a refused save.
 */
import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { FormActions, FormModal } from '../../components/FormActions';
import { FutureDateNotice, futureDates, useFutureConfirm, withdrawing } from '../../components/FutureDates';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../../shared/ipc/contracts/organizations.contract';
import { isSubKindOf, orgEligibility, type OrgSubKind } from '../../../../shared/domain/organizations';
import {
  EligibilityPreview,
  EnterpriseFields,
  FlagFields,
  IdentityFields,
  fromInput,
  toNumber,
  useUnitOptions,
  type FormState,
  type Num,
} from './OrganizationFormParts';
import { ORGS } from './texts';

function initialState(org: OrganizationDto | null): FormState {
  if (!org) {
    return {
      name: '',
      kind: null,
      subKind: null,
      unitId: null,
      managingLevel: null,
      taxCode: '',
      address: '',
      validFrom: null,
      subUnitCount: '',
      isArmedForces: false,
      bcaMonitored: false,
      hasPartyOrg: false,
      hasSecurityForce: false,
      sectorGroup: null,
      insuredEmployees: '',
      revenueBillion: '',
      capitalBillion: '',
    };
  }
  const num = (n: number | null): Num => (n === null ? '' : n);
  return {
    name: org.name,
    kind: org.kind,
    subKind: org.subKind,
    unitId: org.unitId,
    managingLevel: org.managingLevel,
    taxCode: org.taxCode ?? '',
    address: org.address ?? '',
    validFrom: org.validFrom,
    subUnitCount: num(org.subUnitCount),
    isArmedForces: org.isArmedForces,
    bcaMonitored: org.bcaMonitored,
    hasPartyOrg: org.hasPartyOrg,
    hasSecurityForce: org.hasSecurityForce,
    sectorGroup: org.sectorGroup,
    insuredEmployees: num(org.insuredEmployees),
    revenueBillion: num(org.revenueBillion),
    capitalBillion: num(org.capitalBillion),
  };
}

/** The checks made before asking the backend: the required fields. */
function orgLocalErrors(s: FormState, subKindValid: boolean): Record<string, string> {
  const local: Record<string, string> = {};
  if (s.name.trim() === '') local['name'] = ORGS.form.nameRequired;
  if (!s.kind) local['kind'] = ORGS.form.kindRequired;
  if (!subKindValid) local['subKind'] = ORGS.form.subKindRequired;
  if (!s.unitId) local['unitId'] = ORGS.form.unitRequired;
  if (!s.managingLevel) local['managingLevel'] = ORGS.form.managingLevelRequired;
  return local;
}

interface Props {
  /** null = create. */
  org: OrganizationDto | null;
  units: readonly UnitDto[];
  /** The "active from" date records something that happened: a later one is asked about on save. */
  today: string;
  onClose: () => void;
  onSaved: (org: OrganizationDto) => void;
}

export function OrganizationFormModal({ org, units, today, onClose, onSaved }: Props) {
  const future = useFutureConfirm();
  const [s, setState] = useState<FormState>(() => initialState(org));
  // Any edit withdraws the question about a future date (FutureDates.tsx).
  const setS = withdrawing(future, setState);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setS((prev) => ({ ...prev, [key]: value }));

  const unitOptions = useUnitOptions(units, org);

  const isEnterprise = s.kind === 'doanh_nghiep';
  const subKindValid = s.kind !== null && s.subKind !== null && isSubKindOf(s.kind, s.subKind);
  const eligibility =
    s.kind !== null && subKindValid
      ? orgEligibility({
          kind: s.kind,
          subKind: s.subKind!,
          isArmedForces: s.isArmedForces,
          sectorGroup: isEnterprise ? s.sectorGroup : null,
          insuredEmployees: isEnterprise ? toNumber(s.insuredEmployees) : null,
          revenueBillion: isEnterprise ? toNumber(s.revenueBillion) : null,
          capitalBillion: isEnterprise ? toNumber(s.capitalBillion) : null,
        })
      : null;

  function save() {
    const local = orgLocalErrors(s, subKindValid);
    errors.setLocal(local);
    if (Object.keys(local).length > 0 || !s.kind || !s.unitId || !s.managingLevel) return;
    const input = {
      name: s.name,
      kind: s.kind,
      subKind: s.subKind as OrgSubKind,
      isArmedForces: s.isArmedForces,
      unitId: s.unitId,
      managingLevel: s.managingLevel,
      bcaMonitored: s.bcaMonitored,
      hasPartyOrg: s.hasPartyOrg,
      hasSecurityForce: s.hasSecurityForce,
      subUnitCount: toNumber(s.subUnitCount),
      // Size inputs typed for an enterprise stay in the form if the kind is switched, but only an
      // enterprise sends them.
      sectorGroup: isEnterprise ? s.sectorGroup : null,
      insuredEmployees: isEnterprise ? toNumber(s.insuredEmployees) : null,
      revenueBillion: isEnterprise ? toNumber(s.revenueBillion) : null,
      capitalBillion: isEnterprise ? toNumber(s.capitalBillion) : null,
      taxCode: s.taxCode,
      address: s.address,
      validFrom: s.validFrom,
    };
    future.guard(futureDates([{ label: ORGS.fields.validFrom, value: s.validFrom }], today), () => {
      void run(async () => {
        const saved = org ? await call('organizations.update', { id: org.id, ...input }) : await call('organizations.create', input);
        notifications.show({ color: 'green', message: org ? ORGS.form.saved(saved.name) : ORGS.form.created(saved.name) });
        onSaved(saved);
      });
    });
  }

  const kind = s.kind;
  return (
    <FormModal
      title={org ? ORGS.form.editTitle(org.name) : ORGS.form.addTitle}
      size="xl"
      gap="sm"
      onClose={onClose}
      onSubmit={save}
      message={errors.message}
    >
      <TextInput
        label={ORGS.fields.name}
        value={s.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.fields['name']}
        withAsterisk
        data-autofocus
      />
      <IdentityFields
        s={s}
        setS={setS}
        set={set}
        today={today}
        errors={errors.fields}
        unitOptions={unitOptions}
        subKindValid={subKindValid}
      />
      <TextInput
        label={ORGS.fields.address}
        value={s.address}
        onChange={(e) => set('address', e.currentTarget.value)}
        error={errors.fields['address']}
      />
      <FlagFields s={s} set={set} />
      <CountInput
        label={ORGS.fields.subUnitCount[kind ?? 'co_quan']}
        value={s.subUnitCount}
        onChange={(v) => set('subUnitCount', fromInput(v))}
        error={errors.fields['subUnitCount']}
        allowDecimal={false}
        thousandSeparator="."
        decimalSeparator=","
        w={260}
      />
      {isEnterprise && <EnterpriseFields s={s} set={set} errors={errors.fields} />}
      {eligibility && <EligibilityPreview eligibility={eligibility} />}
      <FutureDateNotice confirm={future} today={today} />
      <FormActions cancelLabel={ORGS.form.cancel} submitLabel={ORGS.form.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
