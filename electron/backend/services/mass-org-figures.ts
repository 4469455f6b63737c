/**
 * The mass organisations' figures of some years (organisations active in the year, their members
 * active in the year, the effective ones), read once for all those years and shared by the blocks
 * that count them (issue 16 items 2 and 4: the period figures counted the members once per period
 * with a correlated subquery per organisation, ~40 ms of SQL per year at 135,716 members; one GROUP
 * BY over the members' covering index counts both years of a period in ~36 ms). The folds give the
 * rows mass-orgs.repo.ts overviewByKind / overviewByUnitKind give, so foldMassOrgsOverview is
 * unchanged.
 *
 * Cached in memory (read-cache.ts `sharedReadOf`) until a commit on one of its tables; not a block
 * of its own: every block that takes it lists these tables (read-tables.ts).
 */
import type { ServiceContext } from '../context';
import { keptInMemory, sharedReadOf } from './read-cache';
import { MASS_ORG_FIGURES_TABLES } from './read-tables';
import {
  effectiveRatingsOf,
  liveOrgsForFigures,
  memberCountsByOrg,
  overviewByUnitKind,
  type FigureOrgRow,
  type OverviewRow,
} from '../repos/mass-orgs.repo';
import { activeInYear } from '../../../shared/domain/organizations';

export interface MassOrgYears {
  years: readonly number[];
  orgs: readonly FigureOrgRow[];
  /** Members active in each of `years` per organisation. */
  members: ReadonlyMap<string, readonly number[]>;
  /** "orgId|year" of the effective ratings. */
  effective: ReadonlySet<string>;
}

/** The figures' inputs for `years` (ask with the same list to share one read). */
export function massOrgYears(ctx: ServiceContext, years: readonly number[]): Promise<MassOrgYears> {
  return sharedReadOf(ctx, 'massOrgs.years', MASS_ORG_FIGURES_TABLES, [years], async () => {
    const [orgs, members, effective] = await Promise.all([
      liveOrgsForFigures(ctx.db),
      memberCountsByOrg(ctx.db, years),
      effectiveRatingsOf(ctx.db, years),
    ]);
    return { years, orgs, members, effective };
  });
}

/**
 * overviewByUnitKind's rows of `year`: folded from the pair of years holding it that a period's
 * figures already read (kept in memory, unchanged since), else counted by one statement
 * (mass-orgs.repo.ts overviewByUnitKind) — the overview counts one year's members, not the period's two.
 */
export async function massOrgRowsOfYear(ctx: ServiceContext, year: number): Promise<(OverviewRow & { unit_id: string })[]> {
  const pair = keptInMemory<MassOrgYears>(ctx, 'massOrgs.years', MASS_ORG_FIGURES_TABLES, [[year, year - 1]]);
  return pair ? massOrgRowsOf(await pair, year, null, true) : overviewByUnitKind(ctx.db, year);
}

/**
 * overviewByUnitKind's rows for `year` (one of `f.years`), or overviewByKind's when `byUnit` is
 * false, for the organisations whose unit `inSub` holds (null: all).
 */
export function massOrgRowsOf(
  f: MassOrgYears,
  year: number,
  inSub: ReadonlySet<string> | null,
  byUnit: boolean,
): (OverviewRow & { unit_id: string })[] {
  const i = f.years.indexOf(year);
  if (i < 0) throw new Error(`massOrgRowsOf: ${year} is not among ${f.years.join(', ')}`);
  // Rows by unit, then by kind (no key string made per organisation: this loop runs over every live
  // organisation of the file, 10,546 at a province); the effective ratings looked up only if any.
  const byUnitKind = new Map<string, Map<string, OverviewRow & { unit_id: string }>>();
  const out: (OverviewRow & { unit_id: string })[] = [];
  const effectiveSuffix = f.effective.size > 0 ? `|${year}` : null;
  for (const o of f.orgs) {
    if (inSub !== null && !inSub.has(o.unit_id)) continue;
    if (!activeInYear(o.valid_from, o.valid_to, year)) continue;
    const unitKey = byUnit ? o.unit_id : '';
    let kinds = byUnitKind.get(unitKey);
    if (!kinds) {
      kinds = new Map();
      byUnitKind.set(unitKey, kinds);
    }
    let r = kinds.get(o.kind_id);
    if (!r) {
      r = { unit_id: unitKey, kind_id: o.kind_id, organizations: 0, members: 0, effective: 0 };
      kinds.set(o.kind_id, r);
      out.push(r);
    }
    r.organizations++;
    r.members += f.members.get(o.id)?.[i] ?? 0;
    if (effectiveSuffix !== null && f.effective.has(o.id + effectiveSuffix)) r.effective++;
  }
  return out;
}
