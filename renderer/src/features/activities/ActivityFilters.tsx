/**
 * The filters of an activity list: diacritic-free search, the unit subtree, the kind's main
 * category (ACTIVITY_KIND_INFO), the period with its quick presets (this year, last year, all
 * time), and "clear" when any differs from the default (this year, everything).
 */
import { useMemo, useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { ACTIVITY_KIND_INFO, type ActivityKind } from '../../../../shared/domain/activities';
import type { ActivityFilter } from '../../../../shared/ipc/contracts/activities.contract';
import type { ListFilter } from '../../../../shared/domain/registries';
import { SearchSelect } from '../../components/SearchSelect';
import type { ImportResult } from '../../components/ImportExport';
import { periodShowing } from '../../components/importedSpan';
import { VnDateInput } from '../../components/VnDateInput';
import { fieldOf } from './fields';
import { ACT } from './texts';

type Period = { from: string | null; to: string | null };

const yearPeriod = (y: number): Period => ({ from: `${y}-01-01`, to: `${y}-12-31` });

/** The year a period covers exactly, or null. */
function exactYear(p: Period): number | null {
  if (!p.from || !p.to) return null;
  const y = Number(p.from.slice(0, 4));
  return p.from === `${y}-01-01` && p.to === `${y}-12-31` ? y : null;
}

/** `start`: the unit and period the list opens on (a drill-down from the province's breakdown or the dashboard). */
export function useActivityFilters(
  kind: ActivityKind,
  today: string,
  start: { unitId: string | null; from: string | null; to: string | null } | null = null,
) {
  const thisYear = Number(today.slice(0, 4));
  const [unitId, setUnitId] = useState<string | null>(start?.unitId ?? null);
  const [period, setPeriod] = useState<Period>(() => (start ? { from: start.from, to: start.to } : yearPeriod(thisYear)));
  const [category, setCategory] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // One object per change of a filter field: a new object on every render would make the debounce
  // below fire again and again, re-rendering every mounted tab several times a second.
  const filter = useMemo<ActivityFilter>(
    () => ({ kind, unitId, from: period.from, to: period.to, search, category }),
    [kind, unitId, period.from, period.to, search, category],
  );
  const dirty = unitId !== null || category !== null || search !== '' || exactYear(period) !== thisYear;
  return { thisYear, unitId, setUnitId, period, setPeriod, category, setCategory, search, setSearch, filter, dirty };
}

export type ActivityFilters = ReturnType<typeof useActivityFilters>;

/**
 * After an import (issue 14 item 6): the period moves to the whole years of the rows written when
 * they fall outside it, and the list says so while that period stays chosen.
 */
export function useImportedPeriod(filters: ActivityFilters, reload: () => void) {
  const [moved, setMoved] = useState<{ text: string; from: string; to: string } | null>(null);
  const { period, setPeriod } = filters;
  function imported(result: ImportResult) {
    reload();
    const written = result.created + result.updated;
    const next = result.dates && written > 0 ? periodShowing(period, result.dates) : null;
    setMoved(next === null ? null : { text: ACT.importedPeriod(next.from, next.to, written), ...next });
    if (next !== null) setPeriod(next);
  }
  const notice = moved !== null && moved.from === period.from && moved.to === period.to ? moved.text : null;
  return { imported, notice, dismissNotice: () => setMoved(null) };
}

/** The list's filter as the Excel export takes it (the category is the sheet's kind filter). */
export function excelFilter(f: ActivityFilter): ListFilter {
  return { unitId: f.unitId, year: null, search: f.search, kind: f.category, status: null, from: f.from, to: f.to };
}

interface BarProps {
  kind: ActivityKind;
  unitData: readonly { value: string; label: string }[];
  filters: ActivityFilters;
}

export function ActivityFilterBar(props: BarProps) {
  const { kind, filters } = props;
  const { thisYear, unitId, setUnitId, period, setPeriod, category, setCategory, search, setSearch, dirty } = filters;
  const categoryField = fieldOf(kind, ACTIVITY_KIND_INFO[kind].category);
  const categoryData = useMemo(
    () => Object.entries(categoryField.options ?? {}).map(([value, label]) => ({ value, label })),
    [categoryField],
  );
  const presets: { label: string; period: Period }[] = [
    { label: ACT.filters.thisYear, period: yearPeriod(thisYear) },
    { label: ACT.filters.lastYear, period: yearPeriod(thisYear - 1) },
    { label: ACT.filters.allTime, period: { from: null, to: null } },
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={ACT.filters.search}
        placeholder={ACT.filters.searchPlaceholder(kind)}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={200}
      />
      <SearchSelect
        label={ACT.filters.unit}
        placeholder={ACT.filters.unitAll}
        data={props.unitData as { value: string; label: string }[]}
        value={unitId}
        onChange={setUnitId}
        clearable
        w={230}
        comboboxProps={{ withinPortal: true }}
      />
      <SearchSelect
        label={categoryField.label}
        placeholder={ACT.filters.all}
        data={categoryData}
        value={category}
        onChange={setCategory}
        clearable
        w={200}
        comboboxProps={{ withinPortal: true }}
      />
      <div style={{ width: 130 }}>
        <VnDateInput label={ACT.filters.from} value={period.from} onChange={(v) => setPeriod((p) => ({ ...p, from: v }))} description="" />
      </div>
      <div style={{ width: 130 }}>
        <VnDateInput label={ACT.filters.to} value={period.to} onChange={(v) => setPeriod((p) => ({ ...p, to: v }))} description="" />
      </div>
      <Button.Group aria-label={ACT.filters.period}>
        {presets.map((p) => {
          const active = p.period.from === period.from && p.period.to === period.to;
          return (
            <Button
              key={p.label}
              size="sm"
              variant={active ? 'filled' : 'default'}
              aria-pressed={active}
              onClick={() => setPeriod(p.period)}
            >
              {p.label}
            </Button>
          );
        })}
      </Button.Group>
      {dirty && (
        <Button
          variant="subtle"
          onClick={() => {
            setUnitId(null);
            setCategory(null);
            setSearch('');
            setPeriod(yearPeriod(thisYear));
          }}
        >
          {ACT.filters.clear}
        </Button>
      )}
    </Group>
  );
}
