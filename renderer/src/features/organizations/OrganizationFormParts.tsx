/**
 * Parts of the organisation form: the identity fields, the flags, the enterprise size inputs and the
 * live eligibility preview, with the form's state type and number helpers.
 */
import { useMemo } from 'react';
import { Alert, Checkbox, Divider, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
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
  type Eligibility,
  type ManagingLevel,
  type OrgKind,
  type SectorGroup,
} from '../../../../shared/domain/organizations';
import { pathOf } from '../../../../shared/domain/unit-tree';
import { VnDateInput } from '../../components/VnDateInput';
import { SearchSelect } from '../../components/SearchSelect';
import { EligibilityBadge } from './EligibilityBadge';
import { ORGS } from './texts';

export type Num = number | '';

export interface FormState {
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

export const toNumber = (v: Num): number | null => (v === '' ? null : v);
export const fromInput = (v: number | string): Num =>
  typeof v === 'number' ? v : v.trim() === '' ? '' : Number.isFinite(Number(v)) ? Number(v) : '';

export type SetField = <K extends keyof FormState>(key: K, value: FormState[K]) => void;
type Errors = Record<string, string | undefined>;

/** Active units, plus the current one when it has ended since (a record can stay where it is). */
export function useUnitOptions(units: readonly UnitDto[], org: OrganizationDto | null) {
  return useMemo(() => {
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
}

/** Kind and sub-kind, unit, managing level, tax code and start date. */
export function IdentityFields({
  s,
  setS,
  set,
  errors,
  unitOptions,
  subKindValid,
  today,
}: {
  s: FormState;
  setS: (update: (prev: FormState) => FormState) => void;
  set: SetField;
  errors: Errors;
  unitOptions: { value: string; label: string }[];
  subKindValid: boolean;
  /** A start date after this is a warning to confirm (FutureDates.tsx). */
  today: string;
}) {
  const kind = s.kind;
  return (
    <>
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
          error={errors['kind']}
          allowDeselect={false}
          withAsterisk
        />
        <Select
          label={kind ? ORGS.fields.subKind[kind] : ORGS.fields.subKind.co_quan}
          data={kind ? SUB_KINDS_BY_KIND[kind].map((v) => ({ value: v, label: SUB_KIND_LABELS[kind][v] ?? v })) : []}
          value={subKindValid ? s.subKind : null}
          onChange={(v) => set('subKind', v)}
          error={errors['subKind']}
          disabled={!kind}
          allowDeselect={false}
          withAsterisk
        />
        <SearchSelect
          label={ORGS.fields.unit}
          data={unitOptions}
          value={s.unitId}
          onChange={(v) => set('unitId', v)}
          error={errors['unitId']}
          withAsterisk
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={ORGS.fields.managingLevel}
          data={MANAGING_LEVELS.map((l) => ({ value: l, label: MANAGING_LEVEL_LABELS[l] }))}
          value={s.managingLevel}
          onChange={(v) => set('managingLevel', v)}
          error={errors['managingLevel']}
          allowDeselect={false}
          withAsterisk
        />
        <TextInput
          label={ORGS.fields.taxCode}
          description={ORGS.form.codeHint}
          value={s.taxCode}
          onChange={(e) => set('taxCode', e.currentTarget.value)}
          error={errors['taxCode']}
        />
        <VnDateInput
          label={ORGS.fields.validFrom}
          description={ORGS.form.validFromHint}
          value={s.validFrom}
          onChange={(v) => set('validFrom', v)}
          error={errors['validFrom']}
          warnAfter={today}
        />
      </SimpleGrid>
    </>
  );
}

/** The yes/no facts of the organisation. */
export function FlagFields({ s, set }: { s: FormState; set: SetField }) {
  return (
    <>
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
    </>
  );
}

/** The Decree 80 size inputs, shown for enterprises only. */
export function EnterpriseFields({ s, set, errors }: { s: FormState; set: SetField; errors: Errors }) {
  return (
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
          error={errors['sectorGroup']}
          clearable
        />
        <CountInput
          label={ORGS.fields.insuredEmployees}
          value={s.insuredEmployees}
          onChange={(v) => set('insuredEmployees', fromInput(v))}
          error={errors['insuredEmployees']}
          decimalScale={2}
          thousandSeparator="."
          decimalSeparator=","
        />
        <CountInput
          label={ORGS.fields.revenueBillion}
          value={s.revenueBillion}
          onChange={(v) => set('revenueBillion', fromInput(v))}
          error={errors['revenueBillion']}
          decimalScale={3}
          thousandSeparator="."
          decimalSeparator=","
        />
        <CountInput
          label={ORGS.fields.capitalBillion}
          value={s.capitalBillion}
          onChange={(v) => set('capitalBillion', fromInput(v))}
          error={errors['capitalBillion']}
          decimalScale={3}
          thousandSeparator="."
          decimalSeparator=","
        />
      </SimpleGrid>
    </>
  );
}

/** The TT124 eligibility of what is being typed. */
export function EligibilityPreview({ eligibility }: { eligibility: Eligibility }) {
  return (
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
  );
}
