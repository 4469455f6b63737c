/**
 * The unit tree's use cases. Each one runs in a single transaction, checks the pure rules of
 * shared/domain/unit-tree against the current rows, writes, and logs the change.
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput, UnitDto } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import {
  findUnit,
  insertChanges,
  insertUnits,
  listChanges,
  listChildren,
  listUnits,
  searchUnitIds,
  updateUnit,
  type Db,
  type NewChange,
} from '../repos/units.repo';
import { countReferences } from '../repos/references.repo';
import { planTransfer, writeTransfer } from './unit-history/transfer';
import { getOffice } from '../repos/office.repo';
import {
  checkEffectiveDate,
  checkEndDate,
  checkKindForEra,
  checkMove,
  checkPlacement,
  descendantIds,
  pathOf,
  sameUnitName,
} from '../../../shared/domain/unit-tree';
import { levelOfKind, type Era } from '../../../shared/domain/units';
import { previousDay } from '../../../shared/domain/lineage';
import { closeLabelPeriod, closeParentPeriod, lineageTouching } from '../repos/unit-history.repo';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { addDaysIso, formatDateVi } from '../../../shared/lib/dates';
import { KIND_LABELS } from '../../../shared/domain/labels';

export type { ServiceContext };

export async function requireEra(db: Db): Promise<Era> {
  const office = await getOffice(db);
  if (!office) throw new AppError('SETUP_STATE', 'Chưa thiết lập thông tin cơ quan sử dụng phần mềm.');
  return office.era;
}

export async function requireUnit(db: Db, id: string): Promise<UnitDto> {
  const unit = await findUnit(db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị (có thể đã bị xóa).');
  return unit;
}

/** Do two periods share a day? A null start is "since always", a null end "still active". */
function overlaps(
  a: { validFrom: string | null; validTo: string | null },
  b: { validFrom: string | null; validTo: string | null },
): boolean {
  const aStartsAfterB = a.validFrom !== null && b.validTo !== null && a.validFrom > b.validTo;
  const bStartsAfterA = b.validFrom !== null && a.validTo !== null && b.validFrom > a.validTo;
  return !aStartsAfterB && !bStartsAfterA;
}

export interface SiblingCandidate {
  id: string | null;
  name: string;
  code: string | null;
  /** The candidate's period; an official code is unique among siblings whose periods overlap. */
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Refuses a code that a live sibling holds during an overlapping period, or a name that an active
 * sibling has. Codes are compared over time because the 2025 reform reused old codes for other
 * communes: old Xã Gia Phú (14482, ended 30/06/2025) and new Xã Gia Hưng (14482, from 01/07/2025)
 * may sit under the same district in an office's records. `ignore` lists units that end in the
 * same operation (a merge's predecessors).
 */
export async function assertUniqueAmongSiblings(
  db: Db,
  parentId: string,
  candidate: SiblingCandidate,
  ignore: ReadonlySet<string> = new Set(),
): Promise<void> {
  const siblings = (await listChildren(db, parentId)).filter((s) => s.id !== candidate.id && !ignore.has(s.id));
  if (candidate.code !== null) {
    const period = { validFrom: candidate.validFrom ?? null, validTo: candidate.validTo ?? null };
    const clash = siblings.find((s) => s.code === candidate.code && overlaps(s, period));
    if (clash) {
      throw new AppError('CONFLICT', `Mã "${candidate.code}" đã được dùng cho "${clash.name}" trong cùng đơn vị cấp trên.`, {
        code: 'Mã đã được dùng',
      });
    }
  }
  const sameName = siblings.find((s) => s.validTo === null && sameUnitName(s.name, candidate.name));
  if (sameName) {
    throw new AppError('CONFLICT', `Đã có đơn vị "${sameName.name}" đang hoạt động trong cùng đơn vị cấp trên.`, {
      name: 'Tên đã có',
    });
  }
}

function refuse(message: string | null): void {
  if (message !== null) throw new AppError('RULE', message);
}

export async function listUnitTree(ctx: ServiceContext, includeEnded: boolean): Promise<UnitDto[]> {
  return listUnits(ctx.db, includeEnded);
}

export async function searchUnits(ctx: ServiceContext, input: ParsedInput<'units.search'>): Promise<MethodOutput<'units.search'>> {
  const words = foldVietnamese(input.query)
    .split(' ')
    .filter((w) => w.length > 0);
  const all = await listUnits(ctx.db, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  if (words.length === 0) return [];
  const ids = await searchUnitIds(ctx.db, words, input.includeEnded);
  const hits = ids
    .map((id) => byId.get(id))
    .filter((u): u is UnitDto => u !== undefined)
    .map((unit) => ({ unit, path: pathOf(byId, unit.id).map((p) => p.name) }));
  // Closest to the top of the tree first, then Vietnamese order of the full path.
  hits.sort((a, b) => a.path.length - b.path.length || compareVietnamese(a.path.join('/'), b.path.join('/')));
  return hits.slice(0, input.limit);
}

export async function getUnitDetail(ctx: ServiceContext, id: string): Promise<MethodOutput<'units.get'>> {
  const unit = await requireUnit(ctx.db, id);
  const all = await listUnits(ctx.db, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  const children = all.filter((u) => u.parentId === id);
  return {
    unit,
    path: pathOf(byId, id).map((u) => ({ id: u.id, name: u.name })),
    activeChildren: children.filter((c) => c.validTo === null).length,
    endedChildren: children.filter((c) => c.validTo !== null).length,
    history: await listChanges(ctx.db, id),
  };
}

export async function createUnit(ctx: ServiceContext, input: ParsedInput<'units.create'>): Promise<UnitDto> {
  return ctx.db.transaction().execute((trx) => createUnitIn(ctx, trx, input));
}

/**
 * The rules and writes of adding a unit, inside the caller's transaction (a province package
 * applies its unit list with these same functions); `reason` goes to the history row.
 */
export async function createUnitIn(
  ctx: ServiceContext,
  trx: Db,
  // A unit the province lists with an unknown start (the pre-2025 catalogue) comes without one.
  input: Omit<ParsedInput<'units.create'>, 'validFrom'> & { validFrom: string | null },
  reason: string | null = null,
): Promise<UnitDto> {
  const era = await requireEra(trx);
  const parent = await requireUnit(trx, input.parentId);
  if (parent.validTo !== null) {
    throw new AppError('RULE', `Không thể thêm đơn vị vào "${parent.name}" vì đơn vị này đã kết thúc hoạt động.`);
  }
  refuse(checkPlacement(era, parent.level, input.kind));
  await assertUniqueAmongSiblings(trx, parent.id, { id: null, name: input.name, code: input.code, validFrom: input.validFrom });
  const at = ctx.clock.timestamp();
  const id = ctx.newId();
  await insertUnits(trx, [
    {
      id,
      parentId: parent.id,
      level: levelOfKind(input.kind),
      kind: input.kind,
      name: input.name,
      code: input.code,
      validFrom: input.validFrom,
      source: 'manual',
      at,
    },
  ]);
  await insertChanges(trx, [
    {
      id: ctx.newId(),
      unitId: id,
      at,
      action: 'create',
      summary: `Thêm ${KIND_LABELS[input.kind].toLowerCase()} "${input.name}" thuộc "${parent.name}"${input.validFrom ? `, hoạt động từ ${formatDateVi(input.validFrom)}` : ''}.`,
      reason,
      data: { after: input },
    },
  ]);
  return requireUnit(trx, id);
}

export async function editUnit(ctx: ServiceContext, input: ParsedInput<'units.update'>): Promise<UnitDto> {
  return ctx.db.transaction().execute((trx) => editUnitIn(ctx, trx, input));
}

/** The rules and writes of an edit (rename, re-code, kind), inside the caller's transaction. */
export async function editUnitIn(
  ctx: ServiceContext,
  trx: Db,
  input: ParsedInput<'units.update'>,
  reason: string | null = null,
): Promise<UnitDto> {
  const unit = await requireUnit(trx, input.id);
  if (levelOfKind(input.kind) !== unit.level) {
    throw new AppError('RULE', 'Không thể đổi sang loại đơn vị thuộc cấp khác; hãy dùng chức năng chuyển đơn vị.');
  }
  if (input.kind !== unit.kind) refuse(checkKindForEra(await requireEra(trx), input.kind));
  if (unit.validTo !== null && input.validFrom !== null) refuse(checkEndDate(input.validFrom, unit.validTo));
  if (unit.parentId !== null) {
    await assertUniqueAmongSiblings(trx, unit.parentId, {
      id: unit.id,
      name: input.name,
      code: input.code,
      validFrom: input.validFrom,
      validTo: unit.validTo,
    });
  }
  const parts: string[] = [];
  if (input.name !== unit.name) parts.push(`đổi tên "${unit.name}" thành "${input.name}"`);
  if (input.code !== unit.code) parts.push(`đổi mã "${unit.code ?? '—'}" thành "${input.code ?? '—'}"`);
  if (input.kind !== unit.kind) parts.push(`đổi loại ${KIND_LABELS[unit.kind]} thành ${KIND_LABELS[input.kind]}`);
  if (input.validFrom !== unit.validFrom) {
    parts.push(`đổi ngày bắt đầu thành ${input.validFrom ? formatDateVi(input.validFrom) : 'không rõ'}`);
  }
  if (parts.length === 0) return unit;
  const at = ctx.clock.timestamp();
  const today = ctx.clock.today();
  const effective = input.effectiveDate ?? today;
  if (input.name !== unit.name || input.code !== unit.code || input.kind !== unit.kind) {
    refuse(checkEffectiveDate({ validFrom: input.validFrom, validTo: unit.validTo }, effective, today));
    // The old label stays true up to the day before the change, so a report for an earlier year
    // keeps the name the unit had then. A change made on the unit's first day leaves no history.
    refuse(await closeLabelPeriod(trx, unit, previousDay(effective), ctx.newId(), at));
    if (effective !== today) parts.push(`có hiệu lực từ ngày ${formatDateVi(effective)}`);
  }
  await updateUnit(trx, unit, { name: input.name, kind: input.kind, code: input.code, validFrom: input.validFrom }, at);
  const summary = parts.join('; ');
  await insertChanges(trx, [
    {
      id: ctx.newId(),
      unitId: unit.id,
      at,
      action: 'update',
      summary: summary.charAt(0).toUpperCase() + summary.slice(1) + '.',
      reason,
      data: { before: unit, after: input },
    },
  ]);
  return requireUnit(trx, unit.id);
}

export async function moveUnit(ctx: ServiceContext, input: ParsedInput<'units.move'>): Promise<UnitDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const era = await requireEra(trx);
    const unit = await requireUnit(trx, input.id);
    const newParent = await requireUnit(trx, input.newParentId);
    if (unit.parentId === newParent.id) return unit;
    const all = await listUnits(trx, true);
    const parentOf = new Map(all.map((u) => [u.id, u.parentId]));
    refuse(checkMove((id) => parentOf.get(id), unit, newParent, era));
    await assertUniqueAmongSiblings(trx, newParent.id, {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      validFrom: unit.validFrom,
      validTo: unit.validTo,
    });
    const oldParent = unit.parentId ? all.find((u) => u.id === unit.parentId) : undefined;
    const at = ctx.clock.timestamp();
    const today = ctx.clock.today();
    const effective = input.effectiveDate ?? today;
    refuse(checkEffectiveDate(unit, effective, today));
    if (newParent.validFrom !== null && effective < newParent.validFrom) {
      refuse(`"${newParent.name}" chỉ hoạt động từ ngày ${formatDateVi(newParent.validFrom)}; không thể chuyển vào trước ngày đó.`);
    }
    // Up to the day before the move the unit belonged to its old parent.
    refuse(await closeParentPeriod(trx, unit, previousDay(effective), ctx.newId(), at));
    await updateUnit(trx, unit, { parentId: newParent.id }, at);
    await insertChanges(trx, [
      {
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'move',
        summary:
          effective === today
            ? `Chuyển từ "${oldParent?.name ?? '—'}" sang "${newParent.name}".`
            : `Chuyển từ "${oldParent?.name ?? '—'}" sang "${newParent.name}", có hiệu lực từ ngày ${formatDateVi(effective)}.`,
        reason: null,
        data: { from: unit.parentId, to: newParent.id, ...(effective !== today && { effectiveDate: effective }) },
      },
    ]);
    return requireUnit(trx, unit.id);
  });
}

export async function endUnit(ctx: ServiceContext, input: ParsedInput<'units.end'>): Promise<MethodOutput<'units.end'>> {
  return ctx.db.transaction().execute((trx) => endUnitIn(ctx, trx, input));
}

/** The rules and writes of ending a unit (and the units below it), inside the caller's transaction. */
export async function endUnitIn(ctx: ServiceContext, trx: Db, input: ParsedInput<'units.end'>): Promise<MethodOutput<'units.end'>> {
  const unit = await requireUnit(trx, input.id);
  if (unit.parentId === null) {
    throw new AppError('RULE', 'Không thể kết thúc đơn vị gốc (cơ quan sử dụng phần mềm).');
  }
  if (unit.validTo !== null) {
    throw new AppError('RULE', `Đơn vị "${unit.name}" đã kết thúc từ ngày ${formatDateVi(unit.validTo)}.`);
  }
  refuse(checkEndDate(unit.validFrom, input.validTo));
  const all = await listUnits(trx, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  // Units still active below it end with it: a residential area cannot outlive its commune.
  const below = descendantIds(all, unit.id)
    .map((id) => byId.get(id)!)
    .filter((u) => u.validTo === null);
  for (const d of below) {
    const late = checkEndDate(d.validFrom, input.validTo);
    if (late) throw new AppError('RULE', `Đơn vị trực thuộc "${d.name}": ${late}`);
  }
  // The records the officer chose follow the unit to the one that takes them over from the next day.
  const takeOver = addDaysIso(input.validTo, 1);
  const ending = new Set([unit.id, ...below.map((d) => d.id)]);
  const successor = input.transfer.length > 0 ? await requireSuccessor(trx, input.successorId, ending, takeOver) : null;
  const rows = successor ? await planTransfer(trx, input.transfer, ending, successor) : [];
  const at = ctx.clock.timestamp();
  const changes: NewChange[] = [];
  for (const u of [unit, ...below]) {
    await updateUnit(trx, u, { validTo: input.validTo, endReason: input.reason }, at);
    changes.push({
      id: ctx.newId(),
      unitId: u.id,
      at,
      action: 'end',
      summary:
        u.id === unit.id
          ? `Kết thúc hoạt động từ ngày ${formatDateVi(input.validTo)}.`
          : `Kết thúc hoạt động từ ngày ${formatDateVi(input.validTo)} cùng với "${unit.name}".`,
      reason: input.reason,
      data: { validTo: input.validTo },
    });
  }
  await insertChanges(trx, changes);
  const moved = successor ? await writeTransfer(trx, ctx, rows, successor, takeOver) : { transferBatchId: null, transferred: 0 };
  return { unit: await requireUnit(trx, unit.id), endedDescendants: below.length, ...moved };
}

/** The unit that takes over an ending unit's records: active on `from`, not one of those ending. */
async function requireSuccessor(db: Db, id: string | null, ending: ReadonlySet<string>, from: string): Promise<UnitDto> {
  if (id === null) {
    throw new AppError('VALIDATION', 'Hãy chọn đơn vị tiếp nhận hồ sơ.', { successorId: 'Chọn đơn vị tiếp nhận' });
  }
  const successor = await requireUnit(db, id);
  if (ending.has(successor.id)) refuse(`"${successor.name}" cũng kết thúc hoạt động nên không thể tiếp nhận hồ sơ.`);
  if (successor.validTo !== null) refuse(`"${successor.name}" đã kết thúc hoạt động nên không thể tiếp nhận hồ sơ.`);
  if (successor.validFrom !== null && successor.validFrom > from) {
    refuse(
      `"${successor.name}" chỉ hoạt động từ ngày ${formatDateVi(successor.validFrom)}; hồ sơ cần chuyển từ ngày ${formatDateVi(from)}.`,
    );
  }
  return successor;
}

export async function reopenUnit(ctx: ServiceContext, id: string): Promise<UnitDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, id);
    if (unit.validTo === null) return unit;
    const parent = unit.parentId ? await requireUnit(trx, unit.parentId) : null;
    if (parent && parent.validTo !== null) {
      throw new AppError('RULE', `Không thể khôi phục vì đơn vị cấp trên "${parent.name}" đã kết thúc hoạt động.`);
    }
    // A merged or split unit lives on in its successors; reopening it would count it twice.
    const successors = (await lineageTouching(trx, unit.id)).filter((l) => l.predecessorId === unit.id);
    if (successors.length > 0) {
      const names = await Promise.all(successors.map(async (l) => (await findUnit(trx, l.successorId))?.name ?? ''));
      throw new AppError(
        'RULE',
        `Không thể khôi phục "${unit.name}" vì đơn vị này đã được hợp nhất hoặc chia tách vào ${names.map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    if (parent)
      await assertUniqueAmongSiblings(trx, parent.id, { id: unit.id, name: unit.name, code: unit.code, validFrom: unit.validFrom });
    const at = ctx.clock.timestamp();
    await updateUnit(trx, unit, { validTo: null, endReason: null }, at);
    await insertChanges(trx, [
      {
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'reopen',
        summary: `Khôi phục hoạt động (trước đó kết thúc từ ngày ${formatDateVi(unit.validTo)}).`,
        reason: unit.endReason,
        data: { validTo: unit.validTo },
      },
    ]);
    return requireUnit(trx, unit.id);
  });
}

/**
 * What still points at a unit, in words ("2 điểm mô hình"): a unit entered by mistake can only be
 * deleted once nothing refers to it, so no record is left pointing at a deleted unit. Which tables
 * refer to a unit is declared in the table registry, not here.
 */
async function recordsUsingUnit(db: Db, unitId: string): Promise<string[]> {
  return (await countReferences(db, 'unit', [unitId])).map((c) => `${c.n.toLocaleString('vi-VN')} ${c.label}`);
}

/**
 * Active records attached to a unit or any unit below it. Ending a unit does not end them (an
 * organisation may move to the successor commune), so the end dialog lists them for the officer.
 */
export async function unitUsage(ctx: ServiceContext, id: string): Promise<{ organizations: number; massOrgs: number; modelSites: number }> {
  const unit = await requireUnit(ctx.db, id);
  const all = await listUnits(ctx.db, true);
  const counts = await countReferences(ctx.db, 'unit', [unit.id, ...descendantIds(all, unit.id)], { transferableOnly: true });
  const n = (table: string) => counts.find((c) => c.table === table)?.n ?? 0;
  return { organizations: n('organizations'), massOrgs: n('mass_orgs'), modelSites: n('model_sites') };
}

/** Deleting is for units entered by mistake; a unit that really stopped existing is ended. */
export async function deleteUnit(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, id);
    if (unit.parentId === null) throw new AppError('RULE', 'Không thể xóa đơn vị gốc (cơ quan sử dụng phần mềm).');
    const children = await listChildren(trx, id);
    if ((await lineageTouching(trx, id)).length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa "${unit.name}" vì đơn vị này có quan hệ kế thừa (hợp nhất, chia tách) với đơn vị khác; số liệu các năm trước dựa vào quan hệ đó.`,
      );
    }
    if (children.length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa "${unit.name}" vì còn ${children.length} đơn vị trực thuộc. Nếu đơn vị không còn hoạt động, hãy dùng chức năng kết thúc.`,
      );
    }
    const usedBy = await recordsUsingUnit(trx, id);
    if (usedBy.length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa "${unit.name}" vì đơn vị đang được dùng trong: ${usedBy.join('; ')}. Nếu đơn vị không còn hoạt động, hãy dùng chức năng kết thúc.`,
      );
    }
    const at = ctx.clock.timestamp();
    await updateUnit(trx, unit, { deletedAt: at }, at);
    await insertChanges(trx, [
      {
        id: ctx.newId(),
        unitId: id,
        at,
        action: 'delete',
        summary: `Xóa "${unit.name}" (nhập nhầm).`,
        reason: null,
        data: { before: unit },
      },
    ]);
    return { id };
  });
}
