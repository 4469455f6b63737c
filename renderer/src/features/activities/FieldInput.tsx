/**
 * One input of an activity form, chosen by the field's type in ACTIVITY_FIELDS: dates as
 * dd/MM/yyyy, units / organisations / mediation teams / enums as searchable selects (diacritics
 * ignored), numbers in Vietnamese format (51.511), yes/no as a checkbox.
 */
import { Checkbox, TextInput } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { AWARD_FORM_INFO, type ActivityKind, type AwardForm, type FieldSpec } from '../../../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../../../shared/domain/mass-orgs';
import { VnDateInput } from '../../components/VnDateInput';
import { enumOptions, type Values } from './fields';
import { ACT } from './texts';
import { MassOrgPicker, OrgPicker } from '../../components/OrgPicker';
import { SearchSelect } from '../../components/SearchSelect';

interface Option {
  value: string;
  label: string;
}

export interface FieldInputProps {
  kind: ActivityKind;
  field: FieldSpec;
  values: Values;
  onChange: (key: string, value: unknown) => void;
  error: string | undefined;
  unitData: readonly Option[];
  /** Names of the organisation / team the record already refers to (an edited row's). */
  refNames: ReadonlyMap<string, string>;
  /** Every date of an activity records what happened: one after today is a warning (FutureDates.tsx). */
  today: string;
}

const MEDIATION_TEAM_KIND = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;

export function FieldInput({ kind, field: f, values, onChange, error, unitData, refNames, today }: FieldInputProps) {
  const value = values[f.key];
  const set = (v: unknown) => onChange(f.key, v);
  const common = { label: f.label, error, withAsterisk: f.required ?? false };
  const description = f.hint;

  switch (f.type) {
    case 'date':
      return (
        <VnDateInput
          label={f.label}
          value={(value as string | null) ?? null}
          onChange={set}
          error={error}
          required={f.required ?? false}
          description={description ?? ''}
          warnAfter={today}
        />
      );
    case 'unit':
      return (
        <SearchSelect
          {...common}
          data={unitData as Option[]}
          value={(value as string | null) ?? null}
          onChange={set}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...(description ? { description } : {})}
        />
      );
    case 'org':
      return (
        <OrgSelect
          {...common}
          refNames={refNames}
          unitId={(values['unitId'] as string | null) ?? null}
          value={(value as string | null) ?? null}
          onChange={set}
          description={description}
        />
      );
    case 'team':
      return (
        <TeamSelect
          {...common}
          refNames={refNames}
          unitId={(values['unitId'] as string | null) ?? null}
          value={(value as string | null) ?? null}
          onChange={set}
          description={description}
        />
      );
    case 'enum':
      return (
        <SearchSelect
          {...common}
          data={enumOptions(kind, f, values)}
          value={(value as string | null) ?? null}
          onChange={set}
          allowDeselect={!f.required}
          clearable={!f.required}
          comboboxProps={{ withinPortal: true }}
          {...(description ? { description } : {})}
        />
      );
    case 'int':
    case 'money':
      return (
        <CountInput
          {...common}
          value={value === null || value === undefined ? '' : (value as number | string)}
          onChange={(v) => set(typeof v === 'number' ? v : '')}
          placeholder="0"
          allowDecimal={false}
          thousandSeparator="."
          decimalSeparator=","
          hideControls
          {...(description ? { description } : {})}
        />
      );
    case 'year':
      return (
        <CountInput
          {...common}
          value={value === null || value === undefined ? '' : (value as number | string)}
          onChange={(v) => set(typeof v === 'number' ? v : '')}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          hideControls
          {...(description ? { description } : {})}
        />
      );
    case 'bool':
      return <Checkbox label={f.label} checked={value === true} onChange={(e) => set(e.currentTarget.checked)} error={error} mt="lg" />;
    default: {
      const placeholder =
        kind === 'awards' && f.key === 'issuer'
          ? ACT.form.issuerDefault(AWARD_FORM_INFO[values['form'] as AwardForm]?.defaultIssuer ?? '')
          : undefined;
      return (
        <TextInput
          {...common}
          value={(value as string | null) ?? ''}
          onChange={(e) => set(e.currentTarget.value)}
          {...(placeholder ? { placeholder } : {})}
          {...(description ? { description } : {})}
        />
      );
    }
  }
}

interface RefSelectProps {
  label: string;
  error: string | undefined;
  withAsterisk: boolean;
  unitId: string | null;
  value: string | null;
  onChange: (v: string | null) => void;
  description: string | undefined;
  refNames: ReadonlyMap<string, string>;
}

/** Agencies, enterprises and schools of the record's unit (and the units below it), searched as one types. */
function OrgSelect({ unitId, value, onChange, description, refNames, ...common }: RefSelectProps) {
  return (
    <OrgPicker
      {...common}
      unitId={unitId}
      value={value}
      onChange={onChange}
      clearable
      endedMark={ACT.endedOrg}
      // A record keeps its organisation even when the unit was changed afterwards.
      knownLabel={value ? refNames.get(value) : undefined}
      emptyMessage={ACT.form.noOrgs}
      description={description}
    />
  );
}

/** Mediation teams (tổ hòa giải) of the record's unit, the units above it and below it, searched as one types. */
function TeamSelect({ unitId, value, onChange, description, refNames, ...common }: RefSelectProps) {
  return (
    <MassOrgPicker
      {...common}
      kindId={MEDIATION_TEAM_KIND}
      nearUnitId={unitId}
      value={value}
      onChange={onChange}
      clearable
      endedMark={ACT.endedOrg}
      // A record keeps its team when the unit was changed afterwards, or when the team has ended.
      knownLabel={value ? refNames.get(value) : undefined}
      emptyMessage={ACT.form.noTeams}
      description={description}
    />
  );
}
