import { useMemo } from 'react';
import { Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { pathOf } from '../../../shared/domain/unit-tree';
import { FILTERS } from './texts';
import { SearchSelect } from './SearchSelect';

interface Option {
  value: string;
  label: string;
}

interface Props {
  value: ListFilter;
  onChange: (f: ListFilter) => void;
  units: readonly UnitDto[];
  kinds?: Option[];
  kindLabel?: string;
  statuses?: Option[];
  statusLabel?: string;
  showYear?: boolean;
  searchPlaceholder?: string;
}

/** Options for a unit picker: every unit with its path, top of the tree first. */
export function unitOptions(units: readonly UnitDto[]): Option[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return units
    .map((u) => ({
      value: u.id,
      label: pathOf(byId, u.id)
        .map((p) => p.name)
        .join(' › '),
    }))
    .sort((a, b) => a.label.split(' › ').length - b.label.split(' › ').length || a.label.localeCompare(b.label, 'vi', { numeric: true }));
}

/** The filter bar every registry list shares: search, unit subtree, kind, status, year. */
export function ListFilters({ value, onChange, units, kinds, kindLabel, statuses, statusLabel, showYear, searchPlaceholder }: Props) {
  const unitData = useMemo(() => unitOptions(units), [units]);
  const set = (patch: Partial<ListFilter>) => onChange({ ...value, ...patch });
  const dirty = JSON.stringify(value) !== JSON.stringify({ ...EMPTY_FILTER, year: value.year });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={FILTERS.search}
        aria-label={FILTERS.search}
        placeholder={searchPlaceholder ?? FILTERS.searchPlaceholder}
        leftSection={<IconSearch size={16} />}
        value={value.search}
        onChange={(e) => set({ search: e.currentTarget.value })}
        w={220}
      />
      <SearchSelect
        label={FILTERS.unit}
        placeholder={FILTERS.unitAll}
        data={unitData}
        value={value.unitId}
        onChange={(v) => set({ unitId: v })}
        clearable
        w={250}
        comboboxProps={{ withinPortal: true }}
      />
      {kinds && (
        <SearchSelect
          label={kindLabel ?? FILTERS.kind}
          placeholder={FILTERS.all}
          data={kinds}
          value={value.kind}
          onChange={(v) => set({ kind: v })}
          clearable
          w={190}
        />
      )}
      {statuses && (
        <Select
          label={statusLabel ?? FILTERS.status}
          placeholder={FILTERS.all}
          data={statuses}
          value={value.status}
          onChange={(v) => set({ status: v })}
          clearable
          w={170}
        />
      )}
      {showYear && (
        <NumberInput
          label={FILTERS.year}
          value={value.year ?? ''}
          onChange={(v) => set({ year: typeof v === 'number' ? v : null })}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          w={90}
        />
      )}
      {dirty && (
        <Button variant="subtle" onClick={() => onChange({ ...EMPTY_FILTER, year: value.year })}>
          {FILTERS.clear}
        </Button>
      )}
    </Group>
  );
}
