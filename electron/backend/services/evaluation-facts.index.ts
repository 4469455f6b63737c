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

/** `positions` for one key per row (most indexes): no key list made per row. */
function positionsByOne<T>(rows: readonly T[], keyOf: (row: T) => string | null): Positions {
  const out: Positions = new Map();
  for (let i = 0; i < rows.length; i++) {
    const k = keyOf(rows[i]!);
    if (k === null) continue;
    const list = out.get(k);
    if (!list) out.set(k, [i]);
    else list.push(i);
  }
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

/**
 * Parts of the index kept per array they index (the board's cache, evaluation-cache.ts, keeps each
 * slice's array while its tables are unwritten, so after an edit only the changed slice's positions
 * are built again). Keyed on the array's identity and the part's name; the scope finders on the units
 * array and the lineage array together.
 */
const PARTS = new WeakMap<object, Map<string, { with: object | null; value: unknown }>>();

function part<T>(on: object, name: string, make: () => T, withAlso: object | null = null): T {
  let parts = PARTS.get(on);
  if (!parts) PARTS.set(on, (parts = new Map<string, { with: object | null; value: unknown }>()));
  const had = parts.get(name);
  if (had && had.with === withAlso) return had.value as T;
  const value = make();
  parts.set(name, { with: withAlso, value });
  return value;
}

function buildIndex(data: IndexedYear): YearIndex {
  const scope = part(
    data.units,
    'scope',
    () => {
      const scopes = new Map<string, Set<string>>();
      const findScope = scopeFinder(data.units, data.links);
      return (unitId: string) => {
        let s = scopes.get(unitId);
        if (!s) scopes.set(unitId, (s = findScope(unitId)));
        return s;
      };
    },
    data.links,
  );
  return {
    of: data.subjects,
    scope,
    subtree: part(data.units, 'subtree', () => scopeFinder(data.units, [])),
    incidentsByUnit: part(data.incidents, 'byUnit', () => positionsByOne(data.incidents, (r) => r.unitId)),
    incidentsByOrg: part(data.incidents, 'byOrg', () => positionsByOne(data.incidents, (r) => r.organizationId)),
    propagandaByUnit: part(data.propaganda, 'byUnit', () => positionsByOne(data.propaganda, (r) => r.unitId)),
    propagandaByOrg: part(data.propaganda, 'byOrg', () => positionsByOne(data.propaganda, (r) => r.organizationId)),
    tipsByUnit: part(data.tips, 'byUnit', () => positionsByOne(data.tips, (r) => r.unitId)),
    teamRatingsByUnit: part(data.teamRatings, 'byUnit', () => positionsByOne(data.teamRatings, (r) => r.unitId)),
    modelsByUnit: part(data.models, 'byUnit', () => positions(data.models, (m) => [m.originUnitId, ...m.sites.map((x) => x.unitId)])),
    modelsByOrg: part(data.models, 'byOrg', () => positions(data.models, (m) => m.sites.map((x) => x.organizationId))),
    subjectsByUnit: part(data.subjects, 'byUnit', () => positionsByOne(data.subjects, (s) => s.unitId)),
    orgsByUnit: part(data.orgs, 'byUnit', () => positionsByOne(data.orgs, (o) => o.unitId)),
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
