/** The log of records moved to a successor unit (0012), read to list and undo a batch. */
import type { Db } from './units.repo';

export interface TransferRow {
  id: string;
  batchId: string;
  table: string;
  rowId: string;
  column: string;
  fromUnitId: string;
  toUnitId: string;
  effectiveDate: string;
  at: string;
  undoneAt: string | null;
}

function toRow(r: {
  id: string;
  batch_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  from_unit_id: string;
  to_unit_id: string;
  effective_date: string;
  at: string;
  undone_at: string | null;
}): TransferRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    table: r.table_name,
    rowId: r.row_id,
    column: r.column_name,
    fromUnitId: r.from_unit_id,
    toUnitId: r.to_unit_id,
    effectiveDate: r.effective_date,
    at: r.at,
    undoneAt: r.undone_at,
  };
}

export async function insertTransfers(db: Db, rows: readonly TransferRow[]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('unit_transfers')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          id: r.id,
          batch_id: r.batchId,
          table_name: r.table,
          row_id: r.rowId,
          column_name: r.column,
          from_unit_id: r.fromUnitId,
          to_unit_id: r.toUnitId,
          effective_date: r.effectiveDate,
          at: r.at,
          undone_at: r.undoneAt,
        })),
      )
      .execute();
  }
}

export async function transfersOfBatch(db: Db, batchId: string): Promise<TransferRow[]> {
  const rows = await db.selectFrom('unit_transfers').selectAll().where('batch_id', '=', batchId).orderBy('id').execute();
  return rows.map(toRow);
}

/** Transfers out of or into a unit, newest first. */
export async function transfersTouching(db: Db, unitId: string): Promise<TransferRow[]> {
  const rows = await db
    .selectFrom('unit_transfers')
    .selectAll()
    .where((eb) => eb.or([eb('from_unit_id', '=', unitId), eb('to_unit_id', '=', unitId)]))
    .orderBy('at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/** The latest transfer of a row that is not undone (a row moved twice is put back only by the latest). */
export async function latestOpenTransferOf(db: Db, table: string, rowId: string): Promise<TransferRow | null> {
  const row = await db
    .selectFrom('unit_transfers')
    .selectAll()
    .where('table_name', '=', table)
    .where('row_id', '=', rowId)
    .where('undone_at', 'is', null)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function markBatchUndone(db: Db, batchId: string, at: string): Promise<void> {
  await db.updateTable('unit_transfers').set({ undone_at: at }).where('batch_id', '=', batchId).where('undone_at', 'is', null).execute();
}
