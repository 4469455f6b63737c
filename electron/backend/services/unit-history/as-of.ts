/**
 * Units as they were on a date: names, kinds, codes and parents from their closed past periods.
 * The views of a past year (figures list, roll-up, tree as of) all read through this.
 */
import type { ServiceContext } from '../../context';
import type { MethodOutput, UnitDto } from '../../../../shared/ipc/contract';
import { listUnits, type Db } from '../../repos/units.repo';
import { labelHistory, parentHistory } from '../../repos/unit-history.repo';
import { treeAsOf, valueOn, type PastInterval, type UnitLabel } from '../../../../shared/domain/lineage';
import { compareVietnamese } from '../../../../shared/lib/text';

export interface History {
  all: UnitDto[];
  byId: Map<string, UnitDto>;
  parents: Map<string, PastInterval<string>[]>;
  labels: Map<string, PastInterval<UnitLabel>[]>;
}

export async function loadHistory(db: Db): Promise<History> {
  const all = await listUnits(db, true);
  return { all, byId: new Map(all.map((u) => [u.id, u])), parents: await parentHistory(db), labels: await labelHistory(db) };
}

export function labelOn(h: History, u: UnitDto, date: string): UnitLabel {
  return valueOn<UnitLabel>({ name: u.name, kind: u.kind, code: u.code }, h.labels.get(u.id) ?? [], date);
}

export function parentOn(h: History, u: UnitDto, date: string): string | null {
  return u.parentId === null ? null : valueOn(u.parentId, h.parents.get(u.id) ?? [], date);
}
/** Is `ancestorId` the unit itself or above it on `date`? */
export function isWithin(h: History, unitId: string, ancestorId: string, date: string): boolean {
  let cursor: string | null = unitId;
  for (let steps = 0; cursor !== null && steps < 10_000; steps++) {
    if (cursor === ancestorId) return true;
    const u = h.byId.get(cursor);
    cursor = u ? parentOn(h, u, date) : null;
  }
  return false;
}

export function sortByParentThenName<T extends { parentName: string | null; name: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => compareVietnamese(a.parentName ?? '', b.parentName ?? '') || compareVietnamese(a.name, b.name));
}

export async function unitsAsOf(ctx: ServiceContext, date: string): Promise<MethodOutput<'units.asOf'>> {
  const h = await loadHistory(ctx.db);
  return treeAsOf(h.all, h.parents, h.labels, date);
}
