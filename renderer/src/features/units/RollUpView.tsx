/**
 * A year's figures shown either on the units of that year (names and parents as they were) or on
 * today's units (each figure carried to the successor that holds the old unit's records).
 */
import { useMemo, useState } from 'react';
import { Alert, Group, List, Loader, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { RollUpRowDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { yearEndOrToday, type RollUpView as View, type StatsLevel } from '../../../../shared/domain/lineage';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { unitOptions } from '../../components/ListFilters';
import { UNITS } from './texts';
import { formatCount } from './numbers';
import { yearOptions } from './StatsGrid';
import { SearchSelect } from '../../components/SearchSelect';

/** The table's columns; on today's units, also the old units each row's figures came from. */
function rollUpColumns(view: View): DataColumn<RollUpRowDto>[] {
  return [
    {
      key: 'name',
      header: UNITS.grid.unit,
      sortValue: (r) => r.name,
      render: (r) => r.name,
      total: (rows) => `${UNITS.grid.unit}: ${rows.length.toLocaleString('vi-VN')}`,
    },
    { key: 'parent', header: UNITS.grid.parent, sortValue: (r) => r.parentName, render: (r) => r.parentName ?? '' },
    {
      key: 'households',
      header: UNITS.grid.households,
      width: 130,
      align: 'right',
      sortValue: (r) => r.households,
      render: (r) => formatCount(r.households, '—'),
      total: (rows) => formatCount(rows.reduce((s, r) => s + (r.households ?? 0), 0)),
    },
    {
      key: 'residents',
      header: UNITS.grid.residents,
      width: 140,
      align: 'right',
      sortValue: (r) => r.residents,
      render: (r) => formatCount(r.residents, '—'),
      total: (rows) => formatCount(rows.reduce((s, r) => s + (r.residents ?? 0), 0)),
    },
    ...(view === 'today'
      ? [
          {
            key: 'sources',
            header: UNITS.rollup.sources,
            render: (r: RollUpRowDto) => (
              <span title={r.sources.map((s) => s.name).join(', ')}>
                {r.sources.length === 1 && r.sources[0]!.unitId === r.unitId ? '' : r.sources.map((s) => s.name).join(', ')}
              </span>
            ),
          },
        ]
      : []),
  ];
}

export function RollUpView({ today, units }: { today: string; units: readonly UnitDto[] }) {
  const [year, setYear] = useState(Number(today.slice(0, 4)) - 1);
  const [view, setView] = useState<View>('today');
  const [level, setLevel] = useState<StatsLevel>('xa');
  const [unitId, setUnitId] = useState<string | null>(null);
  const q = useQuery('figures.rollup', { year, view, unitId, level });
  // The scope picker lists the units of the view's date, with the names they had then.
  const past = useQuery('units.asOf', { date: yearEndOrToday(year, today) });
  const scopeUnits = view === 'today' ? units.filter((u) => u.validTo === null) : (past.data ?? []);
  const scopeOptions = useMemo(() => unitOptions(scopeUnits.filter((u) => u.level !== 'khu_dan_cu')), [scopeUnits]);

  const columns = rollUpColumns(view);

  return (
    <Stack gap="sm" h="100%">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={UNITS.rollup.year}
          data={yearOptions(today, 15)}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={130}
        />
        <div>
          <Text size="sm" fw={500} mb={2}>
            {UNITS.rollup.view}
          </Text>
          <SegmentedControl
            aria-label={UNITS.rollup.view}
            value={view}
            onChange={(v) => {
              setView(v);
              setUnitId(null);
            }}
            data={[
              { value: 'as_of_year', label: UNITS.rollup.viewYear(year) },
              { value: 'today', label: UNITS.rollup.viewToday },
            ]}
          />
        </div>
        <div>
          <Text size="sm" fw={500} mb={2}>
            {UNITS.grid.level}
          </Text>
          <SegmentedControl
            aria-label={UNITS.grid.level}
            value={level}
            onChange={(v) => setLevel(v)}
            data={[
              { value: 'xa', label: UNITS.grid.levelXa },
              { value: 'khu_dan_cu', label: UNITS.grid.levelKdc },
            ]}
          />
        </div>
        <SearchSelect
          label={UNITS.rollup.unit}
          placeholder={UNITS.rollup.unitAll}
          data={scopeOptions}
          value={unitId}
          onChange={setUnitId}
          clearable
          w={300}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {q.data && (
        <Text size="sm" c="dimmed">
          {UNITS.rollup.asOf(q.data.year, formatDateVi(q.data.asOf), q.data.view === 'today')}
        </Text>
      )}
      <div style={{ flex: 1, minHeight: 240 }}>
        {!q.data ? (
          <Loader size="sm" />
        ) : (
          <DataTable
            rows={q.data.rows}
            columns={columns}
            rowKey={(r) => r.unitId}
            ariaLabel={UNITS.rollup.tableLabel}
            emptyText={UNITS.rollup.empty}
            height="100%"
          />
        )}
      </div>
      {q.data && q.data.unresolved.length > 0 && (
        <Alert color="yellow">
          <Text size="sm">{UNITS.rollup.unresolved}</Text>
          <List size="sm">
            {q.data.unresolved.map((r) => (
              <List.Item key={r.unitId}>
                {r.name}: {formatCount(r.households, '—')} / {formatCount(r.residents, '—')}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
