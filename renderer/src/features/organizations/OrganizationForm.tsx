/**
 * Create/edit form of one organisation. Fields follow the kind: ownership and the Decree 80 size
 * inputs for enterprises, the school level for schools. The TT124 eligibility of what is being
 * typed is shown live (the same pure function the backend uses). Typed values survive a change of
 * kind and a refused save.
 */
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Divider, Group, NumberInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../../shared/ipc/contracts/organizations.contract';
import {
  MANAGING_LEVELS,
  MANAGING_LEVEL_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  SECTOR_GROUPS,
  SECTOR_GROUP_LABELS,
  SUB_KINDS_BY_KIND,
  SUB_KIND_LABELS,
  isSubKindOf,
  orgEligibility,
  type ManagingLevel,
  type OrgKind,
  type OrgSubKind,
  type SectorGroup,
} from '../../../../shared/domain/organizations';
import { pathOf } from '../../../../shared/domain/unit-tree';
import { VnDateInput } from '../../components/VnDateInput';
import { EligibilityBadge } from './EligibilityBadge';
import { ORGS } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

type Num = number | '';

interface FormState {
  name: string;
  kind: OrgKind | null;
  subKind: string | null;
  unitId: string | null;
  managingLevel: ManagingLevel | null;
  taxCode: string;
  address: string;
  validFrom: string | null;
  subUnitCount: Num;
  isArmedForces: boolean;
  bcaMonitored: boolean;
  hasPartyOrg: boolean;
  hasSecurityForce: boolean;
  sectorGroup: SectorGroup | null;
  insuredEmployees: Num;
  revenueBillion: Num;
  capitalBillion: Num;
}

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

const toNumber = (v: Num): number | null => (v === '' ? null : v);
const fromInput = (v: number | string): Num =>
  typeof v === 'number' ? v : v.trim() === '' ? '' : Number.isFinite(Number(v)) ? Number(v) : '';

interface Props {
  /** null = create. */
  org: OrganizationDto | null;
  units: readonly UnitDto[];
  onClose: () => void;
  onSaved: (org: OrganizationDto) => void;
}

export function OrganizationFormModal({ org, units, onClose, onSaved }: Props) {
  const [s, setS] = useState<FormState>(() => initialState(org));
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setS((prev) => ({ ...prev, [key]: value }));

  // Active units, plus the current one when it has ended since (a record can stay where it is).
  const unitOptions = useMemo(() => {
    const byId = new Map(units.map((u) => [u.id, u]));
    return units
      .filter((u) => u.validTo === null || u.id === org?.unitId)
      .map((u) => ({
        value: u.id,
        label: pathOf(byId, u.id)
          .map((p) => p.name)
          .join(' › '),
      }))
      .sort((a, b) => a.label.split(' › ').length - b.label.split(' › ').length || a.label.localeCompare(b.label, 'vi', { numeric: true }));
  }, [units, org]);

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

  async function save() {
    const local: Record<string, string> = {};
    if (s.name.trim() === '') local['name'] = ORGS.form.nameRequired;
    if (!s.kind) local['kind'] = ORGS.form.kindRequired;
    if (!subKindValid) local['subKind'] = ORGS.form.subKindRequired;
    if (!s.unitId) local['unitId'] = ORGS.form.unitRequired;
    if (!s.managingLevel) local['managingLevel'] = ORGS.form.managingLevelRequired;
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
    await run(async () => {
      const saved = org ? await call('organizations.update', { id: org.id, ...input }) : await call('organizations.create', input);
      notifications.show({ color: 'green', message: org ? ORGS.form.saved(saved.name) : ORGS.form.created(saved.name) });
      onSaved(saved);
    });
  }

  const kind = s.kind;
  return (
    <FormModal
      title={org ? ORGS.form.editTitle(org.name) : ORGS.form.addTitle}
      size="xl"
      gap="sm"
      onClose={onClose}
      onSubmit={() => void save()}
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
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={ORGS.fields.kind}
          data={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
          value={s.kind}
          onChange={(v) => {
            const next = v;
            setS((prev) => ({
              ...prev,
              kind: next,
              // Keep the sub-kind only when it exists for the new kind.
              subKind: next && prev.subKind && isSubKindOf(next, prev.subKind) ? prev.subKind : null,
            }));
          }}
          error={errors.fields['kind']}
          allowDeselect={false}
          withAsterisk
        />
        <Select
          label={kind ? ORGS.fields.subKind[kind] : ORGS.fields.subKind.co_quan}
          data={kind ? SUB_KINDS_BY_KIND[kind].map((v) => ({ value: v, label: SUB_KIND_LABELS[kind][v] ?? v })) : []}
          value={subKindValid ? s.subKind : null}
          onChange={(v) => set('subKind', v)}
          error={errors.fields['subKind']}
          disabled={!kind}
          allowDeselect={false}
          withAsterisk
        />
        <SearchSelect
          label={ORGS.fields.unit}
          data={unitOptions}
          value={s.unitId}
          onChange={(v) => set('unitId', v)}
          error={errors.fields['unitId']}
          withAsterisk
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={ORGS.fields.managingLevel}
          data={MANAGING_LEVELS.map((l) => ({ value: l, label: MANAGING_LEVEL_LABELS[l] }))}
          value={s.managingLevel}
          onChange={(v) => set('managingLevel', v)}
          error={errors.fields['managingLevel']}
          allowDeselect={false}
          withAsterisk
        />
        <TextInput
          label={ORGS.fields.taxCode}
          description={ORGS.form.codeHint}
          value={s.taxCode}
          onChange={(e) => set('taxCode', e.currentTarget.value)}
          error={errors.fields['taxCode']}
        />
        <VnDateInput
          label={ORGS.fields.validFrom}
          description={ORGS.form.validFromHint}
          value={s.validFrom}
          onChange={(v) => set('validFrom', v)}
          error={errors.fields['validFrom']}
        />
      </SimpleGrid>
      <TextInput
        label={ORGS.fields.address}
        value={s.address}
        onChange={(e) => set('address', e.currentTarget.value)}
        error={errors.fields['address']}
      />
      <Divider label={ORGS.form.flagsSection} labelPosition="left" />
      <SimpleGrid cols={2} spacing="xs">
        <Checkbox
          label={ORGS.fields.isArmedForces}
          checked={s.isArmedForces}
          onChange={(e) => set('isArmedForces', e.currentTarget.checked)}
        />
        <Checkbox
          label={ORGS.fields.bcaMonitored}
          checked={s.bcaMonitored}
          onChange={(e) => set('bcaMonitored', e.currentTarget.checked)}
        />
        <Checkbox label={ORGS.fields.hasPartyOrg} checked={s.hasPartyOrg} onChange={(e) => set('hasPartyOrg', e.currentTarget.checked)} />
        <Checkbox
          label={ORGS.fields.hasSecurityForce}
          checked={s.hasSecurityForce}
          onChange={(e) => set('hasSecurityForce', e.currentTarget.checked)}
        />
      </SimpleGrid>
      <NumberInput
        label={ORGS.fields.subUnitCount[kind ?? 'co_quan']}
        value={s.subUnitCount}
        onChange={(v) => set('subUnitCount', fromInput(v))}
        error={errors.fields['subUnitCount']}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator="."
        decimalSeparator=","
        w={260}
      />
      {isEnterprise && (
        <>
          <Divider label={ORGS.form.enterpriseSection} labelPosition="left" />
          <Text size="xs" c="dimmed">
            {ORGS.form.enterpriseHint}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label={ORGS.fields.sectorGroup}
              data={SECTOR_GROUPS.map((g) => ({ value: g, label: SECTOR_GROUP_LABELS[g] }))}
              value={s.sectorGroup}
              onChange={(v) => set('sectorGroup', v)}
              error={errors.fields['sectorGroup']}
              clearable
            />
            <NumberInput
              label={ORGS.fields.insuredEmployees}
              value={s.insuredEmployees}
              onChange={(v) => set('insuredEmployees', fromInput(v))}
              error={errors.fields['insuredEmployees']}
              min={0}
              decimalScale={2}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
            />
            <NumberInput
              label={ORGS.fields.revenueBillion}
              value={s.revenueBillion}
              onChange={(v) => set('revenueBillion', fromInput(v))}
              error={errors.fields['revenueBillion']}
              min={0}
              decimalScale={3}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
            />
            <NumberInput
              label={ORGS.fields.capitalBillion}
              value={s.capitalBillion}
              onChange={(v) => set('capitalBillion', fromInput(v))}
              error={errors.fields['capitalBillion']}
              min={0}
              decimalScale={3}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
            />
          </SimpleGrid>
        </>
      )}
      {eligibility && (
        <Alert
          color={eligibility.status === 'eligible' ? 'green' : eligibility.status === 'incomplete' ? 'yellow' : 'gray'}
          title={ORGS.form.preview}
          aria-label={ORGS.form.preview}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <EligibilityBadge eligibility={eligibility} withTooltip={false} />
            <Text size="sm">{eligibility.reason}</Text>
          </Group>
        </Alert>
      )}
      <FormActions cancelLabel={ORGS.form.cancel} submitLabel={ORGS.form.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
