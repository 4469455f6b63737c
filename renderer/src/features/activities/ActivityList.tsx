/**
 * One kind's tab: the filters (unit subtree, period with quick presets, the kind's main category,
 * diacritic-free search), the list with its totals and count, and the actions: add (form), many
 * rows at once (grid), Excel, the bin of recently deleted records. Deleting moves a record to the
 * bin at once and offers "Hoàn tác" in the notification (a tip whose informant would be erased
 * asks first: RecordDelete.tsx).
 */
import { useMemo, useState } from 'react';
import { Alert, Stack } from '@mantine/core';
import { ImportedNotice } from '../../components/ImportExport';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ActivityKind } from '../../../../shared/domain/activities';
import type { TipRow } from '../../../../shared/ipc/contracts/activities.contract';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EntryGridModal } from './grid/EntryGridModal';
import { ActivityFilterBar, excelFilter, useActivityFilters, useImportedPeriod } from './ActivityFilters';
import { ActivityForm, type FormMode } from './ActivityForm';
import { DeletedModal } from './DeletedModal';
import { TipDetail } from './TipDetail';
import { ListToolbar } from './ListToolbar';
import { useRecordDelete } from './RecordDelete';
import { useListColumns } from './listColumns';
import { carriedValues, lastEnteredValues, valuesFromRow, type ActivityRow, type Values } from './fields';
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
  rows: readonly ActivityRow[];
  columns: readonly DataColumn<ActivityRow>[];
  minWidth: number;
  onOpen: (row: ActivityRow) => void;
}

/** The list itself, or why it could not be read. */
function ListTable({ kind, error, loading, rows, columns, minWidth, onOpen }: TableProps) {
  return error ? (
    <Alert color="red" role="alert">
      {error.message}
    </Alert>
  ) : (
    // Wide lists scroll sideways inside their box; the page itself never scrolls.
    <div style={{ flex: 1, minHeight: 0, overflowX: 'auto', overflowY: 'hidden' }}>
      <div style={{ height: '100%', minWidth }}>
        <DataTable
          rows={rows}
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

export function ActivityList({ kind, units, unitData, today, start = null }: Props) {
  const filters = useActivityFilters(kind, today, start);
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filters.filter, 200);
  const list = useQuery('activities.list', debounced);
  const rows = useMemo<readonly ActivityRow[]>(() => (list.data?.kind === kind ? list.data.rows : []), [list.data, kind]);

  const [form, setForm] = useState<{ key: number; mode: FormMode; row: ActivityRow | null; values: Values } | null>(null);
  const [tip, setTip] = useState<ActivityRow | null>(null);
  const [binOpen, setBinOpen] = useState(false);
  const [gridOpen, setGridOpen] = useState(false);
  const can = useCan();
  const { imported, notice, dismissNotice } = useImportedPeriod(filters, list.reload);

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

  const { columns, minWidth } = useListColumns(kind, { open, duplicate, remove });

  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <ActivityFilterBar kind={kind} unitData={unitData} filters={filters} />
      <ListToolbar
        kind={kind}
        count={rows.length}
        xlsxFilter={excelFilter(debounced)}
        onImported={imported}
        onBin={() => setBinOpen(true)}
        onGrid={() => setGridOpen(true)}
        onAdd={newRecord}
      />
      <ImportedNotice text={notice} onClose={dismissNotice} />
      <ListTable
        kind={kind}
        error={list.error}
        loading={list.loading && !list.data}
        rows={rows}
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
