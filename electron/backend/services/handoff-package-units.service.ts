/**
 * Applying a province package's unit list at an office (issue 12 item 9), inside the package's one
 * transaction and through the units service's own functions (createUnitIn, editUnitIn, endUnitIn):
 * the same rules an officer's edit meets (unique codes and names among siblings, placement, end
 * dates) and the same history rows, with the reason "Theo gói dữ liệu Công an tỉnh số N ngày …".
 * Never deletes; a unit the province ended is ended with its records kept. A conflict is applied as
 * the officer chose; one without a choice refuses the whole package.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import type { Db } from '../repos/handoff-package.repo';
import { listUnits } from '../repos/units.repo';
import { listUnitLinks, PACKAGE_REASON_PREFIX, saveUnitLink, unitsChangedByOffice } from '../repos/handoff-package-units.repo';
import { createUnitIn, editUnitIn, endUnitIn, requireUnit } from './units.service';
import { planUnitChanges, type UnitChange, type UnitPlan } from '../handoff/package-units';
import type { PackagePayload } from '../handoff/package-payload';
import type { OfficeDto, UnitDto } from '../../../shared/ipc/contract';
import { formatDateVi, vietnamDateOf } from '../../../shared/lib/dates';

export type UnitChoice = 'province' | 'office';

/** "Theo gói dữ liệu Công an tỉnh số 3 ngày 05/12/2026": the reason on every history row a package writes. */
export function packageReason(sequence: number, createdAt: string): string {
  return `${PACKAGE_REASON_PREFIX} số ${sequence} ngày ${formatDateVi(vietnamDateOf(new Date(createdAt)))}`;
}

export async function planForOffice(db: Db, office: OfficeDto, payload: PackagePayload): Promise<UnitPlan> {
  return planUnitChanges(
    {
      units: await listUnits(db, true),
      rootId: office.rootUnitId,
      era: office.era,
      links: await listUnitLinks(db, payload.province.code),
      relabelledByOffice: await unitsChangedByOffice(db, 'label'),
      recodedByOffice: await unitsChangedByOffice(db, 'code'),
    },
    payload.units,
  );
}

export interface UnitsApplied {
  renamed: number;
  recoded: number;
  ended: number;
  added: number;
}

const describe = (c: UnitChange) => `"${c.name}" (mã ${c.code})`;

/** Every conflict needs the officer's choice; the changes to make, after the choices. */
function chosen(plan: UnitPlan, choices: ReadonlyMap<string, UnitChoice>): UnitChange[] {
  const open = plan.changes.filter((c) => c.applicable && c.conflict !== null && !choices.has(c.key));
  if (open.length > 0) {
    throw new AppError(
      'VALIDATION',
      `Hãy chọn "Theo tỉnh" hoặc "Giữ của đơn vị" cho ${open.map(describe).join(', ')} trước khi áp dụng gói.`,
    );
  }
  const take = plan.changes.filter((c) => c.applicable && (c.conflict === null || choices.get(c.key) === 'province'));
  // An added unit whose parent is not added goes with it.
  const added = new Set(take.filter((c) => c.kind === 'added').map((c) => c.key));
  for (let dropped = true; dropped;) {
    dropped = false;
    for (const c of take) {
      if (c.kind === 'added' && c.parentKey !== null && !added.has(c.parentKey) && added.has(c.key)) {
        added.delete(c.key);
        dropped = true;
      }
    }
  }
  return take.filter((c) => c.kind !== 'added' || added.has(c.key));
}

async function fresh(trx: Db, id: string): Promise<UnitDto> {
  return requireUnit(trx, id);
}

/** Re-labels and re-codes, one edit per unit; codes another changed unit still holds wait for it. */
async function applyEdits(ctx: ServiceContext, trx: Db, take: readonly UnitChange[], reason: string): Promise<void> {
  const byUnit = new Map<string, { name?: UnitChange; code?: UnitChange }>();
  for (const c of take) {
    if (c.kind !== 'renamed' && c.kind !== 'recoded') continue;
    const e = byUnit.get(c.unitId!) ?? {};
    if (c.kind === 'renamed') e.name = c;
    else e.code = c;
    byUnit.set(c.unitId!, e);
  }
  // A code-taken choice for the province: the holder gives the code up first (its own history row).
  for (const c of take.filter((x) => x.conflict === 'code-taken' && x.holderId !== null)) {
    const holder = await fresh(trx, c.holderId!);
    const edit = { id: holder.id, name: holder.name, kind: holder.kind, code: null, validFrom: holder.validFrom };
    await forUnit(holder, () => editUnitIn(ctx, trx, edit, reason));
  }
  const pending = [...byUnit.entries()];
  while (pending.length > 0) {
    const current = new Map((await listUnits(trx, false)).map((u) => [u.id, u]));
    const waiting = (newCode: string | undefined, unitId: string) =>
      newCode !== undefined &&
      pending.some(
        ([other]) =>
          other !== unitId && current.get(other)?.code === newCode && current.get(other)?.parentId === current.get(unitId)?.parentId,
      );
    const ready = pending.findIndex(([id, e]) => !waiting(e.code?.after ?? undefined, id));
    const [unitId, e] = pending.splice(ready === -1 ? 0 : ready, 1)[0]!;
    const u = await fresh(trx, unitId);
    const edit = {
      id: u.id,
      name: e.name?.after ?? u.name,
      kind: e.name?.newKind ?? u.kind,
      code: e.code?.after ?? u.code,
      validFrom: u.validFrom,
    };
    await forUnit(u, () => editUnitIn(ctx, trx, edit, reason));
  }
}

/** Runs one unit's change; a refusal of the units service names the unit and says nothing was changed. */
async function forUnit<T>(what: { name: string; code: string | null }, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'RULE' || err.code === 'CONFLICT' || err.code === 'VALIDATION')) {
      throw new AppError(
        err.code,
        `Không áp dụng được gói (không có gì thay đổi): đơn vị "${what.name}"${what.code ? ` (mã ${what.code})` : ''}: ${err.message}`,
      );
    }
    throw err;
  }
}

/**
 * Applies the plan with the officer's choices and records, for every matched unit, what this
 * package said of it (the base of the next comparison). Any refusal of the units service throws
 * and the caller's transaction rolls the whole package back.
 */
export async function applyUnitChanges(
  ctx: ServiceContext,
  trx: Db,
  input: { plan: UnitPlan; choices: ReadonlyMap<string, UnitChoice>; reason: string; packageId: string; provinceCode: string },
): Promise<UnitsApplied> {
  const { plan, reason } = input;
  const take = chosen(plan, input.choices);
  const at = ctx.clock.timestamp();
  await applyEdits(ctx, trx, take, reason);
  const done: UnitsApplied = {
    renamed: take.filter((c) => c.kind === 'renamed').length,
    recoded: take.filter((c) => c.kind === 'recoded').length,
    ended: 0,
    added: 0,
  };
  for (const c of take.filter((x) => x.kind === 'ended')) {
    // A unit below one that ended in this package has ended with it.
    if ((await fresh(trx, c.unitId!)).validTo !== null) continue;
    await forUnit(c, () => endUnitIn(ctx, trx, { id: c.unitId!, validTo: c.after!, reason, successorId: null, transfer: [] }));
    done.ended++;
  }
  const created = new Map<string, string>();
  const links = [...plan.matches];
  for (const c of take.filter((x) => x.kind === 'added')) {
    const parentId = c.parentUnitId ?? created.get(c.parentKey!)!;
    const input = { parentId, name: c.name, kind: c.newKind!, code: c.code, validFrom: c.validFrom };
    const unit = await forUnit(c, () => createUnitIn(ctx, trx, input, reason));
    created.set(c.key, unit.id);
    links.push({ unitId: unit.id, theirs: plan.added.get(c.key)! });
    done.added++;
  }
  for (const { unitId, theirs: t } of links) {
    const link = { unitId, provinceUnitId: t.id, name: t.name, kind: t.kind, code: t.code, validTo: t.validTo };
    await saveUnitLink(trx, input.provinceCode, link, input.packageId, at);
  }
  return done;
}
