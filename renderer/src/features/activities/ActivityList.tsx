/**
 * One kind's tab: the filters (unit subtree, period with quick presets, the kind's main category,
 * diacritic-free search), the list with its totals and count, and the actions: add (form), many
 * rows at once (grid), Excel, the bin of recently deleted records. Deleting moves a record to the
 * bin at once and offers "Hoàn tác" in the notification.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconRestore, IconSearch, IconTable, IconTrash } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import {
  ACTIVITY_KIND_INFO,
  TIP_TIMING_LABELS,
  placedByYear,
  type ActivityKind,
  type FieldSpec,
  type TipTiming,
} from '../../../../shared/domain/activities';
import type { ActivityFilter, TipRow } from '../../../../shared/ipc/contracts/activities.contract';
import type { ListFilter } from '../../../../shared/domain/registries';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ImportExportButtons } from '../../components/ImportExport';
import { EntryGridModal } from './grid/EntryGridModal';
import { VnDateInput } from '../../components/VnDateInput';
import { errorText } from '../../components/formErrors';
import { ActivityForm, type FormMode } from './ActivityForm';
import { DeletedModal } from './DeletedModal';
import { TipDetail } from './TipDetail';
import { flexKey, layoutOf, listFields } from './layout';
import {
  carriedValues,
  displayValue,
  fieldOf,
  formatNumber,
  lastEnteredValues,
  recordLabel,
  sortValue,
  valueOf,
  valuesFromRow,
  type ActivityRow,
  type Values,
} from './fields';
import { ACT } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

interface Props {
  kind: ActivityKind;
  units: readonly UnitDto[];
  unitData: readonly { value: string; label: string }[];
  today: string;
}

type Period = { from: string | null; to: string | null };

const yearPeriod = (y: number): Period => ({ from: `${y}-01-01`, to: `${y}-12-31` });

/** The year a period covers exactly, or null. */
function exactYear(p: Period): number | null {
  if (!p.from || !p.to) return null;
  const y = Number(p.from.slice(0, 4));
  return p.from === `${y}-01-01` && p.to === `${y}-12-31` ? y : null;
}


const TIMING_COLORS: Readonly<Record<TipTiming, string>> = {
  khong_thoi_han: 'gray',
  trong_han: 'blue',
  qua_han: 'red',
  dung_han: 'green',
  tre_han: 'orange',
};

const ACTIONS_WIDTH = 56;

function fieldColumn(kind: ActivityKind, f: FieldSpec): DataColumn<ActivityRow> {
  const numeric = f.type === 'int' || f.type === 'money';
  const layout = layoutOf(kind, f.key);
  return {
    key: f.key,
    header: f.label,
    ...(layout.flex ? {} : { width: layout.width ?? 140 }),
    ...(numeric || f.type === 'year' ? { align: 'right' as const } : f.type === 'bool' ? { align: 'center' as const } : {}),
    render: (row) => {
      const text = displayValue(kind, f, row);
      return <span title={text}>{text}</span>;
    },
    sortValue: (row) => sortValue(kind, f, row),
    ...(f.total
      ? {
          total: (rows: readonly ActivityRow[]) =>
            formatNumber(f.type === 'bool' ? rows.filter((r) => valueOf(r, f.key) === true).length : rows.reduce((n, r) => n + (Number(valueOf(r, f.key)) || 0), 0)),
        }
      : {}),
  };
}

const tipColumns: DataColumn<ActivityRow>[] = [
  {
    key: 'deadline',
    header: ACT.tipDeadline,
    width: 120,
    render: (row) => formatDateVi((row as TipRow).deadline) || ACT.none,
    sortValue: (row) => (row as TipRow).deadline,
  },
  {
    key: 'timing',
    header: ACT.tipTiming,
    width: 190,
    render: (row) => {
      const t = (row as TipRow).timing;
      return t === 'khong_thoi_han' ? (
        <Text span size="sm" c="dimmed">
          {ACT.none}
        </Text>
      ) : (
        <Badge color={TIMING_COLORS[t]} variant="light">
          {TIP_TIMING_LABELS[t]}
        </Badge>
      );
    },
    sortValue: (row) => TIP_TIMING_LABELS[(row as TipRow).timing],
  },
];

export function ActivityList({ kind, units, unitData, today }: Props) {
  const thisYear = Number(today.slice(0, 4));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>(() => yearPeriod(thisYear));
  const [category, setCategory] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // One object per change of a filter field: a new object on every render would make the debounce
  // below fire again and again, re-rendering every mounted tab several times a second.
  const filter = useMemo<ActivityFilter>(
    () => ({ kind, unitId, from: period.from, to: period.to, search, category }),
    [kind, unitId, period.from, period.to, search, category],
  );
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filter, 200);
  const list = useQuery('activities.list', debounced);
  const rows = useMemo<readonly ActivityRow[]>(() => (list.data?.kind === kind ? (list.data.rows as ActivityRow[]) : []), [list.data, kind]);

  const [form, setForm] = useState<{ key: number; mode: FormMode; row: ActivityRow | null; values: Values } | null>(null);
  const [tip, setTip] = useState<ActivityRow | null>(null);
  const [binOpen, setBinOpen] = useState(false);
  const [gridOpen, setGridOpen] = useState(false);

  // The columns are built once per kind; their row menu calls the current render's handlers.
  const actions = useRef({ open, duplicate, remove });
  actions.current = { open, duplicate, remove };

  const categoryField = fieldOf(kind, ACTIVITY_KIND_INFO[kind].category);
  const categoryData = useMemo(() => Object.entries(categoryField.options ?? {}).map(([value, label]) => ({ value, label })), [categoryField]);

  const columns = useMemo<DataColumn<ActivityRow>[]>(() => {
    const cols = listFields(kind).map((f) => fieldColumn(kind, f));
    if (kind === 'tips') cols.push(...tipColumns);
    cols.push({
      key: 'actions',
      header: '',
      width: ACTIONS_WIDTH,
      align: 'center',
      render: (row) => (
        <RowMenu
          label={recordLabel(kind, row)}
          onOpen={() => actions.current.open(row)}
          onDuplicate={() => actions.current.duplicate(row)}
          onDelete={() => void actions.current.remove(row)}
        />
      ),
    });
    return cols;
  }, [kind]);
  const minWidth = columns.reduce((n, c) => n + (c.width ?? layoutOf(kind, flexKey(kind)).width ?? 200), 0);

  function newRecord() {
    // Carried fields come from the last record entered in this session, else the newest one listed.
    let source = lastEnteredValues(kind);
    if (!source && rows.length > 0) {
      const newest = rows.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
      source = valuesFromRow(kind, newest);
    }
    setForm({ key: Date.now(), mode: 'create', row: null, values: carriedValues(kind, today, source) });
  }

  function open(row: ActivityRow) {
    if (kind === 'tips') setTip(row);
    else edit(row);
  }

  function edit(row: ActivityRow) {
    setForm({ key: Date.now(), mode: 'edit', row, values: valuesFromRow(kind, row) });
  }

  function duplicate(row: ActivityRow) {
    setTip(null);
    setForm({ key: Date.now(), mode: 'duplicate', row: null, values: valuesFromRow(kind, row) });
  }

  async function remove(row: ActivityRow) {
    const label = recordLabel(kind, row);
    try {
      await call('activities.delete', { kind, id: row.id });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
      return;
    }
    setForm(null);
    setTip(null);
    list.reload();
    const id = notifications.show({
      color: 'orange',
      autoClose: 15_000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm">{ACT.deleted(label)}</Text>
          <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => void undo()}>
            {ACT.undo}
          </Button>
        </Group>
      ),
    });
    async function undo() {
      notifications.hide(id);
      try {
        await call('activities.restore', { kind, id: row.id });
        notifications.show({ color: 'green', message: ACT.restored(label) });
        list.reload();
      } catch (err) {
        notifications.show({ color: 'red', message: errorText(err) });
      }
    }
  }

  const presets: { label: string; period: Period }[] = [
    { label: ACT.filters.thisYear, period: yearPeriod(thisYear) },
    { label: ACT.filters.lastYear, period: yearPeriod(thisYear - 1) },
    { label: ACT.filters.allTime, period: { from: null, to: null } },
  ];
  const xlsxFilter: ListFilter = {
    unitId: debounced.unitId,
    year: null,
    search: debounced.search,
    kind: debounced.category,
    status: null,
    from: debounced.from,
    to: debounced.to,
  };
  const dirty = unitId !== null || category !== null || search !== '' || exactYear(period) !== thisYear;

  let body: ReactNode;
  if (list.error) {
    body = (
      <Alert color="red" role="alert">
        {list.error.message}
      </Alert>
    );
  } else {
    body = (
      // Wide lists scroll sideways inside their box; the page itself never scrolls.
      <div style={{ flex: 1, minHeight: 0, overflowX: 'auto', overflowY: 'hidden' }}>
        <div style={{ height: '100%', minWidth }}>
          <DataTable
            rows={rows}
            columns={columns}
            rowKey={(r) => r.id}
            onRowClick={open}
            ariaLabel={ACT.tableLabel(kind)}
            emptyText={list.loading && !list.data ? ACT.loading : ACT.empty}
          />
        </div>
      </div>
    );
  }

  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={ACT.filters.search}
          placeholder={ACT.filters.searchPlaceholder[kind]}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
        />
        <SearchSelect
          label={ACT.filters.unit}
          placeholder={ACT.filters.unitAll}
          data={unitData as { value: string; label: string }[]}
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
              <Button key={p.label} size="sm" variant={active ? 'filled' : 'default'} aria-pressed={active} onClick={() => setPeriod(p.period)}>
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
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} role="status" aria-label={ACT.countLabel}>
          {ACT.count(kind, rows.length)}
          {placedByYear(kind) && (
            <Text span size="xs" c="dimmed" fw={400}>
              {' · '}
              {ACT.filters.awardsByYear}
            </Text>
          )}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" leftSection={<IconTrash size={16} />} onClick={() => setBinOpen(true)}>
            {ACT.bin}
          </Button>
          <ImportExportButtons registry={kind} filter={xlsxFilter} onImported={list.reload} />
          <Button size="xs" variant="light" leftSection={<IconTable size={16} />} onClick={() => setGridOpen(true)}>
            {ACT.grid}
          </Button>
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={newRecord}>
            {ACT.add}
          </Button>
        </Group>
      </Group>
      {body}
      {form && (
        <ActivityForm
          key={form.key}
          kind={kind}
          mode={form.mode}
          row={form.row}
          initial={form.values}
          units={units}
          unitData={unitData}
          today={today}
          onClose={() => setForm(null)}
          onSaved={(_row, next) => {
            list.reload();
            if (!next) setForm(null);
          }}
          onDuplicate={duplicate}
          onDelete={(row) => void remove(row)}
        />
      )}
      {tip && (
        <TipDetail
          row={tip as TipRow}
          onClose={() => setTip(null)}
          onEdit={() => {
            const row = tip;
            setTip(null);
            edit(row);
          }}
          onDuplicate={() => duplicate(tip)}
          onDelete={() => void remove(tip)}
        />
      )}
      <EntryGridModal kind={kind} units={units} today={today} opened={gridOpen} onClose={() => setGridOpen(false)} onSaved={() => list.reload()} />
      {binOpen && <DeletedModal kind={kind} onClose={() => setBinOpen(false)} onRestored={list.reload} />}
    </Stack>
  );
}

function RowMenu({ label, onOpen, onDuplicate, onDelete }: { label: string; onOpen: () => void; onDuplicate: () => void; onDelete: () => void }) {
  return (
    // The row opens on click and Enter; the menu's own clicks and keys must not reach it.
    <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} style={{ display: 'inline-block' }}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={ACT.rowActions(label)}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onOpen}>{ACT.rowOpen}</Menu.Item>
          <Menu.Item onClick={onDuplicate}>{ACT.form.duplicate}</Menu.Item>
          <Menu.Item color="red" onClick={onDelete}>
            {ACT.form.delete}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
