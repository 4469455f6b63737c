/**
 * Guidance 22's figures of a unit subtree and a period, counted (models.ts's hd22Sets gives the ids
 * behind them). Its own module: models.ts is at the size its lint allows.
 */
import {
  inPeriod,
  inUnits,
  prepare,
  spanOverlaps,
  type CountableModel,
  type CountableSite,
  type CountScope,
  type Hd22Counts,
  type Period,
  type Prepared,
} from './models';

/** Guidance 22's figures with nothing counted (the start of hd22Counts, and the tests' empty figures). */
export function noHd22Counts(): Hd22Counts {
  return {
    modelTypes: 0,
    models: 0,
    sites: 0,
    teams: 0,
    members: 0,
    newModels: 0,
    newSites: 0,
    replicated: 0,
    retired: 0,
    effective: 0,
    exemplary: 0,
  };
}

/**
 * The figures of hd22Sets (their sizes, and the teams and members of the sites counted) in one pass
 * over each model's places: hd22Sets walks a model's places up to five times (its sites, whether it
 * is present, its first presence, present on the day it was replicated, on the day it retired) and
 * keeps every id in a set; the overview counts 27 subtrees per call this way
 * (docs/decisions-h21-writes.md). Ids are unique (models and sites by primary key, an implicit
 * origin place per model), so counting each once is the size of its set; only the types are a set.
 */
export function hd22Counts(
  models: readonly CountableModel[],
  sites: readonly CountableSite[],
  scope: CountScope,
  only?: readonly number[],
): Hd22Counts {
  const out = noHd22Counts();
  const types = new Set<string>();
  const period: Period = { from: scope.from, to: scope.to };
  const units = scope.unitIds;
  const all = prepare(models, sites);
  const count = (p: Prepared): void => {
    const m = p.model;
    const replicatedOn = m.events.find((e) => e.status === 'nhan_rong')?.on ?? null;
    const retired = p.span?.to ?? null;
    const replicatedDay = inPeriod(replicatedOn, period) ? { from: replicatedOn!, to: replicatedOn! } : null;
    const retiredDay = inPeriod(retired, period) ? { from: retired!, to: retired! } : null;
    const originIn = inUnits(units, m.originUnitId);
    // Among the places in the units: any operating in the period, the first day of any, any operating
    // on the day of replication, on the day of retirement.
    let here = false;
    let first: string | null = null;
    let hereReplicated = false;
    let hereRetired = false;
    for (const s of p.sites) {
      if (!inUnits(units, s.site.unitId)) continue;
      const span = s.span;
      if (spanOverlaps(span, period)) {
        out.sites++;
        out.teams += s.site.teams;
        out.members += s.site.members;
        here = true;
      }
      if (span === null) continue;
      if (inPeriod(span.from, period)) out.newSites++;
      if (first === null || span.from < first) first = span.from;
      if (replicatedDay !== null && !hereReplicated) hereReplicated = spanOverlaps(span, replicatedDay);
      if (retiredDay !== null && !hereRetired) hereRetired = spanOverlaps(span, retiredDay);
    }
    // presentDuring: the model operates in the period, at its origin or at one of these places.
    if (!spanOverlaps(p.span, period) || !(originIn || here)) return;
    out.models++;
    types.add(m.typeId);
    // firstPresence: the model's first day when its origin is in the units, else its places' first.
    if (inPeriod(originIn ? p.span!.from : first, period)) out.newModels++;
    if (replicatedDay !== null && spanOverlaps(p.span, replicatedDay) && (originIn || hereReplicated)) out.replicated++;
    if (retiredDay !== null && spanOverlaps(p.span, retiredDay) && (originIn || hereRetired)) out.retired++;
    if (m.ratings.some((r) => r.year === scope.ratingYear && r.rating === 'hieu_qua')) out.effective++;
    if (m.recognitions.some((r) => r.on <= scope.to)) out.exemplary++;
  };
  if (only === undefined) for (const p of all) count(p);
  else for (const i of only) count(all[i]!);
  out.modelTypes = types.size;
  return out;
}
