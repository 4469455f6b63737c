/**
 * The year's records indexed once per evaluation call (issue 16): which rows belong to a subject is
 * looked up by its unit scope or its organisation instead of filtering every row of the two-year
 * window for every subject, and the unit tree is indexed once instead of once per subject. Built
 * lazily on first use and kept with the `YearData` it indexes (which is never changed after load).
 *
 * Every lookup returns the rows in the order of the underlying array, exactly the rows (and order)
 * the per-subject filters returned, so the facts, sources and verdicts are unchanged
 * (tests/unit/backend/evaluation-facts-index.test.ts compares both on a generated province).
 */
import { scopeFinder, type ScopeLink, type ScopeUnit } from '../../../shared/domain/scope';

type ByUnit = { unitId: string };
type ByUnitOrOrg = { unitId: string; organizationId: string | null };

/** What the index reads of `YearData` (evaluation-facts.data.ts), structurally. */
export interface IndexedYear {
  units: readonly ScopeUnit[];
  links: readonly ScopeLink[];
  incidents: readonly ByUnitOrOrg[];
  propaganda: readonly ByUnitOrOrg[];
  tips: readonly ByUnit[];
  teamRatings: readonly ByUnit[];
  models: readonly { originUnitId: string; sites: readonly ByUnitOrOrg[] }[];
  subjects: readonly ByUnit[];
  orgs: readonly ByUnit[];
}

/** Row positions by key, each list ascending. */
type Positions = Map<string, number[]>;

function positions<T>(rows: readonly T[], keysOf: (row: T) => Iterable<string | null>): Positions {
  const out: Positions = new Map();
  rows.forEach((row, i) => {
    for (const k of keysOf(row)) {
      if (k === null) continue;
      const list = out.get(k);
      if (!list) out.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i); // a row with the same key twice counts once
    }
  });
  return out;
}

export interface YearIndex {
  /** The subjects list indexed (a transition step may replace the list: the index is then rebuilt). */
  of: readonly ByUnit[];
  /** The unit, the units below it and those it carries after a merge. */
  scope: (unitId: string) => Set<string>;
  /** The unit and the units below it (no merges). */
  subtree: (unitId: string) => Set<string>;
  incidentsByUnit: Positions;
  incidentsByOrg: Positions;
  propagandaByUnit: Positions;
  propagandaByOrg: Positions;
  tipsByUnit: Positions;
  teamRatingsByUnit: Positions;
  /** Models by their origin unit and the units of their sites of the year. */
  modelsByUnit: Positions;
  /** Models by the organisation records their sites of the year are linked to. */
  modelsByOrg: Positions;
  /** Subjects (positions in data.subjects) by the unit they belong to. */
  subjectsByUnit: Positions;
  /** Organisations (positions in data.orgs) by their unit. */
  orgsByUnit: Positions;
}

const INDEXES = new WeakMap<IndexedYear, YearIndex>();

function buildIndex(data: IndexedYear): YearIndex {
  const scopes = new Map<string, Set<string>>();
  const findScope = scopeFinder(data.units, data.links);
  const findSubtree = scopeFinder(data.units, []);
  return {
    of: data.subjects,
    scope: (unitId) => {
      let s = scopes.get(unitId);
      if (!s) scopes.set(unitId, (s = findScope(unitId)));
      return s;
    },
    subtree: findSubtree,
    incidentsByUnit: positions(data.incidents, (r) => [r.unitId]),
    incidentsByOrg: positions(data.incidents, (r) => [r.organizationId]),
    propagandaByUnit: positions(data.propaganda, (r) => [r.unitId]),
    propagandaByOrg: positions(data.propaganda, (r) => [r.organizationId]),
    tipsByUnit: positions(data.tips, (r) => [r.unitId]),
    teamRatingsByUnit: positions(data.teamRatings, (r) => [r.unitId]),
    modelsByUnit: positions(data.models, (m) => [m.originUnitId, ...m.sites.map((x) => x.unitId)]),
    modelsByOrg: positions(data.models, (m) => m.sites.map((x) => x.organizationId)),
    subjectsByUnit: positions(data.subjects, (s) => [s.unitId]),
    orgsByUnit: positions(data.orgs, (o) => [o.unitId]),
  };
}

/** The index of the year's records, built on first use. */
export function yearIndex(data: IndexedYear): YearIndex {
  let index = INDEXES.get(data);
  if (!index || index.of !== data.subjects) INDEXES.set(data, (index = buildIndex(data)));
  return index;
}

/** The rows at the positions listed under any of `keys`, in array order, each once. */
export function rowsUnder<T>(rows: readonly T[], byKey: Positions, keys: Iterable<string>): T[] {
  const at: number[] = [];
  let lists = 0;
  for (const k of keys) {
    const list = byKey.get(k);
    if (!list) continue;
    lists++;
    for (const i of list) at.push(i);
  }
  if (lists > 1) {
    at.sort((a, b) => a - b);
    let w = 0;
    for (let r = 0; r < at.length; r++) if (r === 0 || at[r] !== at[r - 1]) at[w++] = at[r]!;
    at.length = w;
  }
  return at.map((i) => rows[i]!);
}
