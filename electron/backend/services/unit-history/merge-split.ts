/** Merge and split of units (by the officer, one event at a time), and a unit's lineage. */
import type { ServiceContext } from '../../context';
import type { MethodOutput, ParsedInput, UnitDto } from '../../../../shared/ipc/contract';
import { AppError } from '../../errors';
import { findUnit, listChildren } from '../../repos/units.repo';
import { lineageTouching, linkDto } from '../../repos/unit-history.repo';
import { requireEra, requireUnit } from '../units.service';
import { checkMerge, checkSplit } from '../../../../shared/domain/lineage';
import { compareVietnamese } from '../../../../shared/lib/text';
import { refuse } from './common';
import { reorganise, type SuccessorSpec } from './reorganise';
import { planTransfer, writeTransfer } from './transfer';

export async function mergeUnits(ctx: ServiceContext, input: ParsedInput<'units.merge'>): Promise<MethodOutput<'units.merge'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const era = await requireEra(trx);
    const members: UnitDto[] = [];
    for (const id of input.unitIds) members.push(await requireUnit(trx, id));
    const chosen = input.successor;
    const survivor = chosen.mode === 'existing' ? (members.find((m) => m.id === chosen.unitId) ?? null) : null;
    if (chosen.mode === 'existing' && !survivor) {
      throw new AppError('VALIDATION', 'Đơn vị được giữ lại phải là một trong các đơn vị được chọn.', {
        successor: 'Chọn một trong các đơn vị hợp nhất',
      });
    }
    const ending = members.filter((m) => m.id !== survivor?.id);
    const parentId = members[0]!.parentId;
    const parent = parentId ? await findUnit(trx, parentId) : null;
    refuse(
      checkMerge({
        era,
        today: ctx.clock.today(),
        effectiveDate: input.effectiveDate,
        ending,
        survivor,
        newKind: input.successor.mode === 'new' ? input.successor.kind : null,
        parent,
        requireSameParent: true,
      }),
    );
    const eventId = ctx.newId();
    const successor: SuccessorSpec =
      input.successor.mode === 'new'
        ? {
            eventId,
            existing: null,
            relabel: null,
            reparent: null,
            create: {
              name: input.successor.name,
              kind: input.successor.kind,
              code: input.successor.code,
              parentId: parent!.id,
              source: 'manual',
            },
            codeEra: null,
          }
        : { eventId, existing: survivor, relabel: null, reparent: null, create: null, codeEra: null };
    const result = await reorganise(trx, ctx, {
      era,
      kindEra: era,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      note: input.note,
      kind: 'merge',
      successors: [successor],
      links: ending.map((p) => ({ predecessor: p, successor: 0, primary: true })),
    });
    const successorUnit = await requireUnit(trx, result.successorIds[0]!);
    // The records the officer chose follow the ending units to the successor, in the same step.
    const rows = await planTransfer(trx, input.transfer, new Set(ending.map((u) => u.id)), successorUnit);
    const moved = await writeTransfer(trx, ctx, rows, successorUnit, input.effectiveDate);
    return { eventId, successor: successorUnit, ended: result.ended, movedChildren: result.movedChildren, ...moved };
  });
}

export async function splitUnit(ctx: ServiceContext, input: ParsedInput<'units.split'>): Promise<MethodOutput<'units.split'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const era = await requireEra(trx);
    const unit = await requireUnit(trx, input.id);
    const parent = unit.parentId ? await findUnit(trx, unit.parentId) : null;
    const activeChildren = (await listChildren(trx, unit.id)).filter((c) => c.validTo === null);
    const assigned = new Map<string, number>();
    for (const c of input.children) {
      if (!activeChildren.some((a) => a.id === c.childId)) {
        throw new AppError('VALIDATION', `Đơn vị được phân chia không phải là đơn vị trực thuộc đang hoạt động của "${unit.name}".`);
      }
      assigned.set(c.childId, c.successor);
    }
    refuse(
      checkSplit({
        today: ctx.clock.today(),
        effectiveDate: input.effectiveDate,
        unit,
        parent,
        era,
        successors: input.successors,
        children: activeChildren.map((child) => ({ child, to: assigned.get(child.id) })),
      }),
    );
    const eventId = ctx.newId();
    const result = await reorganise(trx, ctx, {
      era,
      kindEra: era,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      note: input.note,
      kind: 'split',
      successors: input.successors.map((s) => ({
        eventId,
        existing: null,
        relabel: null,
        reparent: null,
        create: { name: s.name, kind: s.kind, code: s.code, parentId: parent!.id, source: 'manual' },
        codeEra: null,
      })),
      links: input.successors.map((s, i) => ({ predecessor: unit, successor: i, primary: s.primary })),
      childTarget: assigned,
    });
    const successors: UnitDto[] = [];
    for (const id of result.successorIds) successors.push(await requireUnit(trx, id));
    return { eventId, successors, movedChildren: result.movedChildren };
  });
}

export async function unitLineage(ctx: ServiceContext, id: string): Promise<MethodOutput<'units.lineage'>> {
  await requireUnit(ctx.db, id);
  const links = await lineageTouching(ctx.db, id);
  const out: MethodOutput<'units.lineage'> = { predecessors: [], successors: [] };
  for (const l of links) {
    const otherId = l.predecessorId === id ? l.successorId : l.predecessorId;
    const other = await findUnit(ctx.db, otherId);
    if (!other) continue;
    if (l.successorId === id) out.predecessors.push(linkDto(l, other));
    else out.successors.push(linkDto(l, other));
  }
  const byName = (a: { unit: { name: string } }, b: { unit: { name: string } }) => compareVietnamese(a.unit.name, b.unit.name);
  out.predecessors.sort(byName);
  out.successors.sort(byName);
  return out;
}
