/**
 * Records that follow a unit to its successor (issue 9 item 9). When a unit is merged or ended,
 * the officer sees the open records placed in it (organisations, mass organisations, mediation
 * teams, model sites: whatever the table registry marks `transfer`) and chooses which move to the
 * successor in the same transaction. Each move is logged in unit_transfers by batch, so the
 * officer can undo it later and put the records back.
 *
 * A moved record keeps its id (snapshots and the evaluation stay linked); only its unit changes.
 */
import type { ServiceContext } from '../../context';
import type { MethodOutput, ParsedInput, UnitDto } from '../../../../shared/ipc/contract';
import type { AttachedItemDto, TransferBatchDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { AppError } from '../../errors';
import { findUnit, insertChanges, listUnits, type Db, type NewChange } from '../../repos/units.repo';
import { describeRows, listAttached, moveRow, naturalKeyValues, type AttachedRow } from '../../repos/references.repo';
import {
  insertTransfers,
  latestOpenTransferOf,
  markBatchUndone,
  transfersOfBatch,
  transfersTouching,
  type TransferRow,
} from '../../repos/unit-transfers.repo';
import { requireUnit } from '../units.service';
import { TRANSFER_GROUPS, TRANSFER_GROUP_LABELS, type TransferTable } from '../../../../shared/domain/table-registry';
import { descendantIds } from '../../../../shared/domain/unit-tree';
import { formatDateVi } from '../../../../shared/lib/dates';
import { compareVietnamese } from '../../../../shared/lib/text';
import { quoteList, refuse } from './common';

export type TransferChoice = readonly { table: TransferTable; id: string }[];

export interface TransferOutcome {
  transferBatchId: string | null;
  transferred: number;
}

const NOTHING: TransferOutcome = { transferBatchId: null, transferred: 0 };
const groupOrder = (g: AttachedRow['group']) => TRANSFER_GROUPS.indexOf(g);

// --- reading -------------------------------------------------------------------------------------

export async function attachedItems(ctx: ServiceContext, input: ParsedInput<'units.attached'>): Promise<MethodOutput<'units.attached'>> {
  const all = await listUnits(ctx.db, true);
  const names = new Map(all.map((u) => [u.id, u.name]));
  const ids = new Set<string>();
  for (const id of input.unitIds) {
    await requireUnit(ctx.db, id);
    ids.add(id);
    if (input.withDescendants) for (const d of descendantIds(all, id)) ids.add(d);
  }
  const rows = await listAttached(ctx.db, [...ids]);
  const items: AttachedItemDto[] = rows.map((r) => ({ ...r, table: r.table as TransferTable, unitName: names.get(r.unitId) ?? '' }));
  items.sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id));
  return { items };
}

export async function unitTransfers(ctx: ServiceContext, unitId: string): Promise<MethodOutput<'units.transfers'>> {
  await requireUnit(ctx.db, unitId);
  const rows = await transfersTouching(ctx.db, unitId);
  const batches = new Map<string, TransferRow[]>();
  for (const r of rows) batches.set(r.batchId, [...(batches.get(r.batchId) ?? []), r]);
  const name = async (id: string) => (await findUnit(ctx.db, id))?.name ?? '';
  const out: TransferBatchDto[] = [];
  for (const [batchId, list] of batches) {
    const first = list[0]!;
    out.push({
      batchId,
      at: first.at,
      effectiveDate: first.effectiveDate,
      from: { id: first.fromUnitId, name: await name(first.fromUnitId) },
      to: { id: first.toUnitId, name: await name(first.toUnitId) },
      count: list.length,
      undoneAt: first.undoneAt,
    });
  }
  return { batches: out };
}

// --- check and plan ------------------------------------------------------------------------------

/**
 * Checks the officer's choice against the database: every chosen record is open, live and placed
 * in one of `fromUnitIds`, and none would share its natural key with another in `to` afterwards.
 * Returns the rows to move. Nothing is written.
 */
export async function planTransfer(trx: Db, choice: TransferChoice, fromUnitIds: ReadonlySet<string>, to: UnitDto): Promise<AttachedRow[]> {
  if (choice.length === 0) return [];
  const seen = new Set<string>();
  const byTable = new Map<string, string[]>();
  for (const c of choice) {
    const key = `${c.table}/${c.id}`;
    if (seen.has(key)) throw new AppError('VALIDATION', 'Một hồ sơ được chọn hai lần để chuyển.');
    seen.add(key);
    byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.id]);
  }
  const rows: AttachedRow[] = [];
  for (const [table, ids] of byTable) {
    const found = await describeRows(trx, table, ids);
    if (found.length !== ids.length) {
      refuse('Có hồ sơ được chọn không còn để chuyển (đã bị xóa hoặc đã kết thúc). Hãy mở lại hộp thoại để xem danh sách mới.');
    }
    for (const r of found) {
      if (!fromUnitIds.has(r.unitId)) refuse(`"${r.name}" không thuộc đơn vị đang kết thúc nên không chuyển cùng được.`);
    }
    await checkNaturalKeys(trx, table, found, to);
    rows.push(...found);
  }
  return rows;
}

/** Two records of one kind may not end up in `to` under the same natural key (e.g. a mass organisation's name). */
async function checkNaturalKeys(trx: Db, table: string, moving: readonly AttachedRow[], to: UnitDto): Promise<void> {
  const movingIds = new Set(moving.map((r) => r.id));
  const values = await naturalKeyValues(trx, table, [...movingIds], to.id);
  const owner = new Map<string, string>();
  const nameOf = new Map(moving.map((r) => [r.id, r]));
  for (const v of values) {
    if (!movingIds.has(v.id) && v.unitId !== to.id) continue;
    const other = owner.get(v.key);
    if (other !== undefined) {
      const r = nameOf.get(v.id) ?? nameOf.get(other)!;
      refuse(
        `Sau khi chuyển, "${to.name}" sẽ có hai ${TRANSFER_GROUP_LABELS[r.group].toLowerCase()} cùng tên "${r.name}". ` +
          'Hãy đổi tên hoặc bỏ chọn trước khi thực hiện.',
      );
    }
    owner.set(v.key, v.id);
  }
}

// --- write ---------------------------------------------------------------------------------------

/** Moves the planned rows to `to`, logs the batch and the change on every unit involved. */
export async function writeTransfer(
  trx: Db,
  ctx: ServiceContext,
  rows: readonly AttachedRow[],
  to: UnitDto,
  effectiveDate: string,
): Promise<TransferOutcome> {
  if (rows.length === 0) return NOTHING;
  const at = ctx.clock.timestamp();
  const batchId = ctx.newId();
  const log: TransferRow[] = [];
  for (const r of rows) {
    const moved = await moveRow(trx, r.table, r.id, r.unitId, to.id, at);
    if (moved !== 1) refuse(`"${r.name}" đã thay đổi trong lúc chuyển; hãy thử lại.`);
    log.push({
      id: ctx.newId(),
      batchId,
      table: r.table,
      rowId: r.id,
      column: 'unit_id',
      fromUnitId: r.unitId,
      toUnitId: to.id,
      effectiveDate,
      at,
      undoneAt: null,
    });
  }
  await insertTransfers(trx, log);
  const changes: NewChange[] = [];
  const fromIds = [...new Set(rows.map((r) => r.unitId))];
  for (const fromId of fromIds) {
    const mine = rows.filter((r) => r.unitId === fromId);
    changes.push({
      id: ctx.newId(),
      unitId: fromId,
      at,
      action: 'update',
      summary: `Chuyển ${mine.length} hồ sơ sang "${to.name}" từ ngày ${formatDateVi(effectiveDate)}: ${quoteList(mine.map((r) => r.name))}.`,
      reason: null,
      data: { transferBatchId: batchId, to: to.id, rows: mine.map((r) => ({ table: r.table, id: r.id })) },
    });
  }
  changes.push({
    id: ctx.newId(),
    unitId: to.id,
    at,
    action: 'update',
    summary: `Nhận ${rows.length} hồ sơ chuyển sang từ ngày ${formatDateVi(effectiveDate)}.`,
    reason: null,
    data: { transferBatchId: batchId, from: fromIds },
  });
  await insertChanges(trx, changes);
  return { transferBatchId: batchId, transferred: rows.length };
}

/**
 * Puts the records of one batch back. A record moved again since (a later batch not undone) or
 * changed by hand is left where it is and counted as skipped.
 */
export async function undoTransfer(ctx: ServiceContext, batchId: string): Promise<MethodOutput<'units.untransfer'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await transfersOfBatch(trx, batchId);
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'Không tìm thấy lần chuyển hồ sơ này.');
    const open = rows.filter((r) => r.undoneAt === null);
    if (open.length === 0) throw new AppError('RULE', 'Lần chuyển hồ sơ này đã được hoàn tác.');
    const at = ctx.clock.timestamp();
    let restored = 0;
    for (const r of open) {
      const latest = await latestOpenTransferOf(trx, r.table, r.rowId);
      if (latest?.id !== r.id) continue;
      restored += await moveRow(trx, r.table, r.rowId, r.toUnitId, r.fromUnitId, at);
    }
    await markBatchUndone(trx, batchId, at);
    const first = open[0]!;
    const to = await findUnit(trx, first.toUnitId);
    const changes: NewChange[] = [...new Set(open.map((r) => r.fromUnitId))].map((fromId) => ({
      id: ctx.newId(),
      unitId: fromId,
      at,
      action: 'update',
      summary: `Hoàn tác chuyển hồ sơ sang "${to?.name ?? ''}": ${restored} hồ sơ trở lại đơn vị này.`,
      reason: null,
      data: { transferBatchId: batchId, restored },
    }));
    await insertChanges(trx, changes);
    return { restored, skipped: open.length - restored };
  });
}
