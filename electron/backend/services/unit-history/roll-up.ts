/**
 * The roll-up of a year's figures: by the units of that year ("as of year"), or carried through
 * merges and splits onto today's units with the ones that cannot be placed listed apart.
 */
import type { ServiceContext } from '../../context';
import type { MethodOutput, ParsedInput, UnitDto } from '../../../../shared/ipc/contract';
import type { RollUpRowDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { allLineage, statsOfYear } from '../../repos/unit-history.repo';
import {
  activeOn,
  existedInYear,
  referenceDateInYear,
  rollUp,
  totalOf,
  yearEndOrToday,
  type DatedUnit,
} from '../../../../shared/domain/lineage';
import { compareVietnamese } from '../../../../shared/lib/text';
import { isWithin, labelOn, loadHistory, parentOn, sortByParentThenName } from './as-of';

export async function rollUpFigures(ctx: ServiceContext, input: ParsedInput<'figures.rollup'>): Promise<MethodOutput<'figures.rollup'>> {
  const today = ctx.clock.today();
  const h = await loadHistory(ctx.db);
  const stats = (await statsOfYear(ctx.db, input.year)).filter((s) => h.byId.get(s.unitId)?.level === input.level);
  const figureOf = new Map(stats.map((s) => [s.unitId, s]));
  const sourceRow = (unitId: string): RollUpRowDto['sources'][number] => {
    const u = h.byId.get(unitId)!;
    const s = figureOf.get(unitId);
    return {
      unitId,
      name: labelOn(h, u, referenceDateInYear(u, input.year, today)).name,
      households: s?.households ?? null,
      residents: s?.residents ?? null,
    };
  };
  const describe = (
    u: UnitDto,
    date: string,
    figures: { households: number | null; residents: number | null },
    sources: string[],
  ): RollUpRowDto => {
    const label = labelOn(h, u, date);
    const parentId = parentOn(h, u, date);
    const parent = parentId ? h.byId.get(parentId) : undefined;
    return {
      unitId: u.id,
      name: label.name,
      code: label.code,
      kind: label.kind,
      parentId,
      parentName: parent ? labelOn(h, parent, date).name : null,
      validFrom: u.validFrom,
      validTo: u.validTo,
      households: figures.households,
      residents: figures.residents,
      sources: sources.map(sourceRow).sort((a, b) => compareVietnamese(a.name, b.name)),
    };
  };

  if (input.view === 'as_of_year') {
    const rows: RollUpRowDto[] = [];
    for (const u of h.all) {
      if (u.level !== input.level || !existedInYear(u, input.year)) continue;
      const ref = referenceDateInYear(u, input.year, today);
      if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
      const s = figureOf.get(u.id);
      rows.push(describe(u, ref, { households: s?.households ?? null, residents: s?.residents ?? null }, s ? [u.id] : []));
    }
    sortByParentThenName(rows);
    return {
      year: input.year,
      view: input.view,
      asOf: yearEndOrToday(input.year, today),
      rows,
      unresolved: [],
      total: { households: totalOf(rows, 'households'), residents: totalOf(rows, 'residents') },
    };
  }

  const lineage = await allLineage(ctx.db);
  const dated = new Map<string, DatedUnit>(h.all.map((u) => [u.id, u]));
  const rolled = rollUp(
    stats.map((s) => ({ unitId: s.unitId, households: s.households, residents: s.residents })),
    dated,
    lineage,
    today,
  );
  const byCarrier = new Map(rolled.rows.map((r) => [r.unitId, r]));
  const rows: RollUpRowDto[] = [];
  for (const u of h.all) {
    if (u.level !== input.level || !activeOn(u, today)) continue;
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, today)) continue;
    const r = byCarrier.get(u.id);
    rows.push(describe(u, today, { households: r?.households ?? null, residents: r?.residents ?? null }, r?.sourceIds ?? []));
  }
  const unresolved: RollUpRowDto[] = [];
  for (const r of rolled.unresolved) {
    const u = h.byId.get(r.unitId);
    if (!u) continue;
    const ref = referenceDateInYear(u, input.year, today);
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
    unresolved.push(describe(u, ref, r, r.sourceIds));
  }
  sortByParentThenName(rows);
  sortByParentThenName(unresolved);
  return {
    year: input.year,
    view: input.view,
    asOf: today,
    rows,
    unresolved,
    total: { households: totalOf(rows, 'households'), residents: totalOf(rows, 'residents') },
  };
}
