/**
 * The office-wide grid of yearly figures: every commune (or residential area) that existed in the
 * year, with editable households/residents cells and the trọng điểm flag, totals that follow the
 * edits, keyboard movement between rows, one save for all changes, and Excel import/export.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call, useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { StatsRowDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import type { ListFilter } from '../../../../shared/domain/registries';
import { KINDS_BY_LEVEL } from '../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { STATS_STATUSES, STATS_STATUS_LABELS, type StatsLevel } from '../../../../shared/domain/lineage';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ListFilters } from '../../components/ListFilters';
import { ImportExportButtons, ImportedNotice, type ImportResult } from '../../components/ImportExport';
import { yearShowing } from '../../components/importedSpan';
import { UNITS } from './texts';
import { formatCount, parseCount } from './numbers';
import { Allowed, RoleLocked } from '../auth/session';

interface Edit {
  households: number | null;
  residents: number | null;
  trongDiem: boolean;
}

type Field = 'households' | 'residents';

export function yearOptions(today: string, back = 10): { value: string; label: string }[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: back + 1 }, (_, i) => String(current - i)).map((y) => ({ value: y, label: y }));
}

function withYear(options: { value: string; label: string }[], year: number): { value: string; label: string }[] {
  return options.some((o) => o.value === String(year)) ? options : [...options, { value: String(year), label: String(year) }];
}

/** A number cell: shows 1.250 at rest, the plain digits while typing; Enter/↑/↓ move between rows. */
function CountCell(props: {
  value: number | null;
  field: Field;
  label: string;
  invalid: string | undefined;
  onChange: (v: number | null | undefined, text: string) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? formatCount(props.value);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = e.key === 'Enter' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    // The next cell of the same column in what is shown (sorted, windowed): DOM order is row order.
    const table = e.currentTarget.closest('[role="table"]');
    const cells = table ? [...table.querySelectorAll<HTMLInputElement>(`input[data-field="${props.field}"]`)] : [];
    cells[cells.indexOf(e.currentTarget) + step]?.focus();
  };
  return (
    <input
      className="grid-cell"
      aria-label={props.label}
      aria-invalid={props.invalid ? true : undefined}
      title={props.invalid}
      data-field={props.field}
      inputMode="numeric"
      value={shown}
      onFocus={(e) => {
        setText(props.value === null ? '' : String(props.value));
        e.currentTarget.select();
      }}
      onBlur={() => setText(null)}
      onChange={(e) => {
        setText(e.currentTarget.value);
        props.onChange(parseCount(e.currentTarget.value), e.currentTarget.value);
      }}
      onKeyDown={onKeyDown}
      style={{
        width: '100%',
        height: 28,
        textAlign: 'right',
        font: 'inherit',
        padding: '0 6px',
        border: `1px solid ${props.invalid ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-4)'}`,
        borderRadius: 4,
        background: props.invalid ? 'var(--mantine-color-red-0)' : 'white',
      }}
    />
  );
}

type Cells = Map<string, string>;

/** The typed changes over the loaded rows: edits per unit, cells that are not numbers, the rows as shown. */
function useStatsEdits(loaded: readonly StatsRowDto[] | undefined) {
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [invalid, setInvalid] = useState<Cells>(new Map());

  const rows = useMemo(() => {
    const base = loaded ?? [];
    return base.map((r) => {
      const e = edits.get(r.unitId);
      return e ? { ...r, households: e.households, residents: e.residents, trongDiem: e.trongDiem } : r;
    });
  }, [loaded, edits]);

  const setCell = (row: StatsRowDto, patch: Partial<Edit>) => {
    setEdits((prev) => {
      const next = new Map(prev);
      const original = loaded?.find((r) => r.unitId === row.unitId);
      const current = next.get(row.unitId) ?? { households: row.households, residents: row.residents, trongDiem: row.trongDiem };
      const merged = { ...current, ...patch };
      if (
        original &&
        original.households === merged.households &&
        original.residents === merged.residents &&
        original.trongDiem === merged.trongDiem
      ) {
        next.delete(row.unitId);
      } else next.set(row.unitId, merged);
      return next;
    });
  };

  /** Marks a cell as not a number (with the message), or clears that mark (null). */
  const markInvalid = (unitId: string, field: Field, message: string | null) =>
    setInvalid((prev) => {
      const next = new Map(prev);
      if (message !== null) next.set(`${unitId}:${field}`, message);
      else next.delete(`${unitId}:${field}`);
      return next;
    });

  return { edits, setEdits, invalid, setInvalid, rows, setCell, markInvalid };
}

/** A refused save as one message and the cells it names (details keyed rows.<i>.<field> of the rows sent). */
function saveErrors(err: unknown, changed: readonly [string, Edit][]): { message: string; cells: Cells } {
  if (!(err instanceof ApiError)) return { message: String(err), cells: new Map() };
  const cells: Cells = new Map();
  for (const [key, message] of Object.entries(err.details)) {
    const m = /^rows\.(\d+)\.(\w+)$/.exec(key);
    const sent = m ? changed[Number(m[1])] : undefined;
    if (m && sent) cells.set(`${sent[0]}:${m[2] === 'residents' || m[2] === 'households' ? m[2] : 'residents'}`, message);
  }
  return { message: err.message, cells };
}

interface ColumnsArgs {
  year: number;
  level: StatsLevel;
  cellError: (unitId: string, field: Field) => string | undefined;
  setCell: (row: StatsRowDto, patch: Partial<Edit>) => void;
  markInvalid: (unitId: string, field: Field, message: string | null) => void;
}

function statsColumns({ year, level, cellError, setCell, markInvalid }: ColumnsArgs): DataColumn<StatsRowDto>[] {
  return [
    {
      key: 'name',
      header: UNITS.grid.unit,
      sortValue: (r) => r.name,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <span>{r.name}</span>
          {r.validTo && (
            <Badge size="xs" color="gray" variant="light">
              {UNITS.grid.endedOn(formatDateVi(r.validTo))}
            </Badge>
          )}
          {r.validFrom && r.validFrom > `${year}-01-01` && (
            <Badge size="xs" variant="light">
              {UNITS.grid.startedOn(formatDateVi(r.validFrom))}
            </Badge>
          )}
        </Group>
      ),
      total: (list) => `${UNITS.grid.unit}: ${list.length.toLocaleString('vi-VN')}`,
    },
    { key: 'parent', header: UNITS.grid.parent, sortValue: (r) => r.parentName, render: (r) => r.parentName ?? '' },
    { key: 'code', header: UNITS.grid.code, width: 80, sortValue: (r) => r.code, render: (r) => r.code ?? '' },
    ...(['households', 'residents'] as const).map((field): DataColumn<StatsRowDto> => ({
      key: field,
      header: field === 'households' ? UNITS.grid.households : UNITS.grid.residents,
      width: 140,
      align: 'right',
      sortValue: (r) => r[field],
      render: (r) => (
        <CountCell
          value={r[field]}
          field={field}
          label={UNITS.grid.cellLabel(field === 'households' ? UNITS.grid.households : UNITS.grid.residents, r.name)}
          invalid={cellError(r.unitId, field)}
          onChange={(v, text) => {
            markInvalid(r.unitId, field, v === undefined ? `${UNITS.grid.notNumber} ("${text}")` : null);
            if (v !== undefined) setCell(r, { [field]: v });
          }}
        />
      ),
      total: (list) => formatCount(list.reduce((s, r) => s + (r[field] ?? 0), 0)),
    })),
    ...(level === 'xa'
      ? [
          {
            key: 'trongDiem',
            header: UNITS.grid.trongDiem,
            width: 130,
            align: 'center' as const,
            sortValue: (r: StatsRowDto) => (r.trongDiem ? 1 : 0),
            render: (r: StatsRowDto) => (
              <Checkbox
                aria-label={UNITS.grid.cellLabel(UNITS.year.trongDiemLong, r.name)}
                checked={r.trongDiem}
                onChange={(e) => setCell(r, { trongDiem: e.currentTarget.checked })}
                styles={{ body: { justifyContent: 'center' } }}
              />
            ),
            total: (list: readonly StatsRowDto[]) => formatCount(list.filter((r) => r.trongDiem).length),
          },
        ]
      : []),
  ];
}

interface StatsFiltersProps {
  today: string;
  year: number;
  level: StatsLevel;
  filter: ListFilter;
  units: readonly UnitDto[];
  onFilter: (f: ListFilter) => void;
  onLevel: (level: StatsLevel) => void;
}

/** Year, level (communes or residential areas) and the list filters. */
function StatsFilters({ today, year, level, filter, units, onFilter, onLevel }: StatsFiltersProps) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={UNITS.grid.year}
        // A year an import moved to (issue 14 item 6) stays choosable even when older than the list.
        data={withYear(yearOptions(today), year)}
        value={String(year)}
        onChange={(v) => v && onFilter({ ...filter, year: Number(v) })}
        allowDeselect={false}
        w={100}
      />
      <div>
        <Text size="sm" fw={500} mb={2}>
          {UNITS.grid.level}
        </Text>
        <SegmentedControl
          aria-label={UNITS.grid.level}
          value={level}
          onChange={onLevel}
          data={[
            { value: 'xa', label: UNITS.grid.levelXa },
            { value: 'khu_dan_cu', label: UNITS.grid.levelKdc },
          ]}
        />
      </div>
      <ListFilters
        value={filter}
        onChange={onFilter}
        units={units}
        kinds={KINDS_BY_LEVEL[level].map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        statuses={STATS_STATUSES.filter((st) => level === 'xa' || st !== 'trong_diem').map((st) => ({
          value: st,
          label: STATS_STATUS_LABELS[st],
        }))}
        statusLabel={UNITS.grid.statusLabel}
      />
    </Group>
  );
}

/**
 * After an import (issue 14 item 6): the grid moves to the latest year written when the chosen one
 * is not among them (asking first when edits would be lost), and says so while that year is shown.
 */
function useImportedYear(year: number, moveTo: (year: number) => boolean, reload: () => void) {
  const [moved, setMoved] = useState<{ text: string; year: number } | null>(null);
  function imported(result: ImportResult) {
    reload();
    const written = result.created + result.updated;
    const next = result.dates && written > 0 ? yearShowing(year, result.dates) : null;
    if (next !== null && result.dates && moveTo(next)) setMoved({ text: UNITS.grid.importedYear(next, written, result.dates), year: next });
    else setMoved(null);
  }
  return { imported, notice: moved?.year === year ? moved.text : null, dismissNotice: () => setMoved(null) };
}

/** Discard and save of the grid's edits, for a role that may save the figures. */
function SaveButtons(p: { dirty: boolean; saving: boolean; invalid: number; edits: number; onDiscard: () => void; onSave: () => void }) {
  return (
    <Allowed method="unitStats.upsert">
      <Button size="xs" variant="default" disabled={!p.dirty} onClick={p.onDiscard}>
        {UNITS.grid.discard}
      </Button>
      <Button size="xs" loading={p.saving} disabled={!p.dirty && p.invalid === 0} onClick={p.onSave}>
        {UNITS.grid.save(p.edits)}
      </Button>
    </Allowed>
  );
}

export function StatsGrid({ today, units }: { today: string; units: readonly UnitDto[] }) {
  const [level, setLevel] = useState<StatsLevel>('xa');
  const [filter, setFilter] = useState<ListFilter>({ unitId: null, year: Number(today.slice(0, 4)), search: '', kind: null, status: null });
  const query = useQuery('unitStats.list', { ...filter, level });
  const { edits, setEdits, invalid, setInvalid, rows, setCell, markInvalid } = useStatsEdits(query.data?.rows);
  const [serverErrors, setServerErrors] = useState<{ message: string; cells: Map<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);

  // Edits belong to one year and level: switching discards nothing silently, it asks first.
  const dirty = edits.size > 0;
  const year = filter.year ?? Number(today.slice(0, 4));
  useEffect(() => {
    setServerErrors(null);
  }, [filter.year, level]);
  const confirmDiscard = () => !dirty || window.confirm(UNITS.grid.discard + '?');
  const changeFilter = (f: ListFilter): boolean => {
    if (f.year !== filter.year && !confirmDiscard()) return false;
    if (f.year !== filter.year) {
      setEdits(new Map());
      setInvalid(new Map());
    }
    setFilter(f);
    return true;
  };
  const { imported, notice, dismissNotice } = useImportedYear(year, (y) => changeFilter({ ...filter, year: y }), query.reload);

  async function save() {
    if (invalid.size > 0) {
      setServerErrors({ message: UNITS.grid.notNumber, cells: new Map(invalid) });
      return;
    }
    const changed = [...edits.entries()];
    if (changed.length === 0) {
      notifications.show({ message: UNITS.grid.nothing });
      return;
    }
    setSaving(true);
    setServerErrors(null);
    try {
      const out = await call('unitStats.upsert', {
        rows: changed.map(([unitId, e]) => ({ unitId, year, households: e.households, residents: e.residents, trongDiem: e.trongDiem })),
      });
      notifications.show({ color: 'green', message: UNITS.grid.saved(out) });
      setEdits(new Map());
      query.reload();
    } catch (err) {
      setServerErrors(saveErrors(err, changed));
    } finally {
      setSaving(false);
    }
  }

  const cellError = (unitId: string, field: Field) => invalid.get(`${unitId}:${field}`) ?? serverErrors?.cells.get(`${unitId}:${field}`);

  const columns = statsColumns({ year, level, cellError, setCell, markInvalid });

  return (
    <Stack gap="sm" h="100%">
      <StatsFilters
        today={today}
        year={year}
        level={level}
        filter={filter}
        units={units}
        onFilter={changeFilter}
        onLevel={(v) => {
          if (!confirmDiscard()) return;
          setEdits(new Map());
          setInvalid(new Map());
          setLevel(v);
          setFilter((f) => ({ ...f, kind: null }));
        }}
      />
      <Group justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {UNITS.grid.hint}
        </Text>
        <Group gap="xs">
          <ImportExportButtons registry="unit_year_stats" filter={{ ...filter, year }} onImported={imported} />
          <SaveButtons
            dirty={dirty}
            saving={saving}
            invalid={invalid.size}
            edits={edits.size}
            onDiscard={() => {
              setEdits(new Map());
              setInvalid(new Map());
              setServerErrors(null);
            }}
            onSave={() => void save()}
          />
        </Group>
      </Group>
      {serverErrors && (
        <Alert color="red" role="alert">
          {serverErrors.message}
        </Alert>
      )}
      <ImportedNotice text={notice} onClose={dismissNotice} />
      {query.error && <Alert color="red">{query.error.message}</Alert>}
      {/* The figures are typed into the grid: its cells are disabled for a role that may not save them. */}
      <RoleLocked method="unitStats.upsert" style={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 240 }}>
          {query.loading && !query.data ? (
            <Loader size="sm" />
          ) : (
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(r) => r.unitId}
              ariaLabel={UNITS.grid.tableLabel}
              emptyText={UNITS.grid.empty}
              height="100%"
            />
          )}
        </div>
      </RoleLocked>
    </Stack>
  );
}
