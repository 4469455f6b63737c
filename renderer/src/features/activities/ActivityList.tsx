/**
 * One kind's tab: the filters (unit subtree, period with quick presets, the kind's main category,
 * diacritic-free search), the list with its totals and count, and the actions: add (form), many
 * rows at once (grid), Excel, the bin of recently deleted records. Deleting moves a record to the
 * bin at once and offers "Hoàn tác" in the notification (a tip whose informant would be erased
 * asks first: RecordDelete.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Stack } from '@mantine/core';
import { ImportedNotice } from '../../components/ImportExport';
import { useDebouncedValue } from '@mantine/hooks';
import { usePagedQuery } from '../../api/paged';
import { useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ActivityKind } from '../../../../shared/domain/activities';
import type { TipRow } from '../../../../shared/ipc/contracts/activities.contract';
import { DataTable, type DataColumn, type PagedRows, type Sort } from '../../components/DataTable';
import { EntryGridModal } from './grid/EntryGridModal';
import { ActivityFilterBar, excelFilter, useActivityFilters, useImportedPeriod } from './ActivityFilters';
import { ActivityForm, type FormMode } from './ActivityForm';
import { DeletedModal } from './DeletedModal';
import { TipDetail } from './TipDetail';
import { ListToolbar } from './ListToolbar';
import { useRecordDelete } from './RecordDelete';
import { useListColumns } from './listColumns';
import { carriedValues, formatNumber, lastEnteredValues, valuesFromRow, type ActivityRow, type Values } from './fields';
import type { ActivityFilter, ActivitySortKey } from '../../../../shared/ipc/contracts/activities.contract';
import { ACTIVITY_FIELDS } from '../../../../shared/domain/activities';
import type { Drill } from '../consolidation/drill';
import { ACT } from './texts';
import { useCan } from '../auth/session';

interface Props {
  kind: ActivityKind;
  units: readonly UnitDto[];
  unitData: readonly { value: string; label: string }[];
  today: string;
  /** The unit and period to open on (from the province's breakdown by office). */
  start?: Drill | null;
}

interface TableProps {
  kind: ActivityKind;
  error: { message: string } | null;
  loading: boolean;
  paged: PagedRows<ActivityRow> | undefined;
  columns: readonly DataColumn<ActivityRow>[];
  minWidth: number;
  onOpen: (row: ActivityRow) => void;
}

/** The list itself, or why it could not be read. */
function ListTable({ kind, error, loading, paged, columns, minWidth, onOpen }: TableProps) {
  return error ? (
    <Alert color="red" role="alert">
      {error.message}
    </Alert>
  ) : (
    // Wide lists scroll sideways inside their box; the page itself never scrolls.
    <div style={{ flex: 1, minHeight: 0, overflowX: 'auto', overflowY: 'hidden' }}>
      <div style={{ height: '100%', minWidth }}>
        <DataTable
          rows={NO_ROWS}
          paged={paged}
          columns={columns}
          rowKey={(r) => r.id}
          onRowClick={onOpen}
          ariaLabel={ACT.tableLabel(kind)}
          emptyText={loading ? ACT.loading : ACT.empty}
        />
      </div>
    </div>
  );
}

/** How often the backfill's progress is asked for while it runs. */
const KEYS_POLL_MS = 1000;
const NO_INPUT = {};

/**
 * The backfill of the lists' keys after an upgrade (backend: ListKeysBackfill), while it runs: the
 * rows keyed so far. The list is correct meanwhile (it computes the keys), only slower.
 */
function KeysProgress() {
  const progress = useQuery('activities.keysProgress', NO_INPUT);
  const running = progress.data != null;
  const { reload } = progress;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, KEYS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
  if (!progress.data) return null;
  return (
    <Alert color="blue" role="status" py={6}>
      {ACT.keysProgress(progress.data.done, progress.data.total)}
    </Alert>
  );
}

const NO_ROWS: readonly ActivityRow[] = [];
const DEFAULT_ORDER = { key: 'default' as ActivitySortKey, dir: 'asc' as const };

/**
 * The list read page by page (2 M records at a province): the backend filters, searches, orders and
 * totals it; the table asks for the rows in view. No column chosen: newest first (the default order).
 */
function useActivityPages(kind: ActivityKind, filter: ActivityFilter) {
  const [sort, setSort] = useState<Sort>(null);
  const order = sort ? { key: sort.key, dir: sort.dir === 1 ? ('asc' as const) : ('desc' as const) } : DEFAULT_ORDER;
  const list = usePagedQuery('activities.page', filter, order, JSON.stringify(filter));
  const sortable = useMemo<ReadonlySet<string>>(() => new Set(ACTIVITY_FIELDS[kind].map((f) => f.key)), [kind]);
  const source = useMemo<PagedRows<ActivityRow>>(
    () => ({ total: list.total, rowAt: list.rowAt, onRange: list.ensure, sort, onSort: setSort, sortable }),
    [list.total, list.rowAt, list.ensure, sort, sortable],
  );
  const page = list.last?.kind === kind ? list.last : undefined;
  return { list, source: page ? source : undefined, page };
}

export function ActivityList({ kind, units, unitData, today, start = null }: Props) {
  const filters = useActivityFilters(kind, today, start);
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filters.filter, 200);
  const { list, source, page } = useActivityPages(kind, debounced);

  const [form, setForm] = useState<{ key: number; mode: FormMode; row: ActivityRow | null; values: Values } | null>(null);
  const [tip, setTip] = useState<ActivityRow | null>(null);
  const [binOpen, setBinOpen] = useState(false);
  const [gridOpen, setGridOpen] = useState(false);
  const can = useCan();
  const { imported, notice, dismissNotice } = useImportedPeriod(filters, list.reload);

  function newRecord() {
    // Carried fields come from the last record entered in this session, else the newest one listed.
    let carried = lastEnteredValues(kind);
    if (!carried && page?.newest) carried = valuesFromRow(kind, page.newest);
    setForm({ key: Date.now(), mode: 'create', row: null, values: carriedValues(kind, today, carried) });
  }

  function open(row: ActivityRow) {
    if (kind === 'tips') setTip(row);
    // The record's dialog is its edit form: a role that may not save sees the row in the list only.
    else if (can('activities.save')) edit(row);
  }

  function edit(row: ActivityRow) {
    setForm({ key: Date.now(), mode: 'edit', row, values: valuesFromRow(kind, row) });
  }

  function duplicate(row: ActivityRow) {
    setTip(null);
    setForm({ key: Date.now(), mode: 'duplicate', row: null, values: valuesFromRow(kind, row) });
  }

  const { remove, confirm: deleteConfirm } = useRecordDelete(
    kind,
    () => {
      setForm(null);
      setTip(null);
    },
    list.reload,
  );

  const { columns: listColumns, minWidth } = useListColumns(kind, { open, duplicate, remove });
  // The totals row shows the backend's sums over the whole filtered list, not the rows read so far.
  const totals = page?.totals;
  const columns = useMemo(
    () => listColumns.map((c) => (c.total ? { ...c, total: () => (totals ? formatNumber(totals[c.key] ?? 0) : '') } : c)),
    [listColumns, totals],
  );

  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <ActivityFilterBar kind={kind} unitData={unitData} filters={filters} />
      <ListToolbar
        kind={kind}
        count={list.total}
        xlsxFilter={excelFilter(debounced)}
        onImported={imported}
        onBin={() => setBinOpen(true)}
        onGrid={() => setGridOpen(true)}
        onAdd={newRecord}
      />
      <ImportedNotice text={notice} onClose={dismissNotice} />
      <KeysProgress />
      <ListTable
        kind={kind}
        error={list.error}
        loading={list.loading && !page}
        paged={source}
        columns={columns}
        minWidth={minWidth}
        onOpen={open}
      />
      {form && (
        <ActivityForm
          key={form.key}
          kind={kind}
          mode={form.mode}
          row={form.row}
          initial={form.values}
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
      <EntryGridModal
        kind={kind}
        units={units}
        today={today}
        opened={gridOpen}
        onClose={() => setGridOpen(false)}
        onSaved={() => list.reload()}
      />
      {deleteConfirm}
      {binOpen && <DeletedModal kind={kind} onClose={() => setBinOpen(false)} onRestored={list.reload} />}
    </Stack>
  );
}
