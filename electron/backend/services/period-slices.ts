/**
 * The grouped activity counts of the period figures, kept per kind and per year slice (issue 16
 * item 4). `countedGroups` (repos/period-counts.repo.ts) answers, for one kind and one slice, the
 * records grouped by unit class, period flags and COUNTED_FIELDS; that answer depends only on
 *  - the rows of that kind's table: keyed on `generations.key([that table])`, so a commit on
 *    propaganda_sessions recomputes propaganda alone, and a restore (a new epoch) drops everything;
 *  - the unit → class partition (the JSON of unit classes, hashed): a re-parented, merged or new
 *    unit changes the partition, hence the key. What a class MEANS (its breakdown group, in scope or
 *    not) is applied by the caller at each call, so two scopes with the same partition share slices;
 *  - the slice and the two period flags. A flag that is the same for every row of the slice (the
 *    slice lies wholly inside the period, or wholly outside it) is keyed as that constant, so a one-year
 *    call and a ten-year call share their common calendar years.
 * Today and the counting rules are not part of the SQL: the adders apply them to the groups at each
 * call (a criminal tip's group carries its dates; its timing is decided against today then).
 *
 * Keying on the table's generation (not per year) is deliberate: an edit can move a record from one
 * year to another, and the commit's touched ids do not say which year it left.
 *
 * Bounds: at most MAX_ENTRIES slices and MAX_GROUPS groups kept per open file, least recently used
 * dropped first; entries of a kind whose table moved are dropped at its next lookup.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../repos/units.repo';
import type { TableGenerations } from '../db/generations';
import type { StoredActivity } from '../repos/activities.repo';
import { countedGroups, excusedIncidents, type CountedGroup } from '../repos/period-counts.repo';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { placementBound, type ActivityKind } from '../../../shared/domain/activities';
import type { DatePeriod } from '../../../shared/domain/period';

/** A ten-year call with its previous ten years is 20 slices × 6 kinds = 120 entries: room for two such calls. */
export const MAX_ENTRIES = 240;
/** Groups kept in all (the 500k province's ten-year call with its previous period holds ~67.000). */
export const MAX_GROUPS = 300_000;

interface Entry {
  kind: ActivityKind;
  value: unknown;
  size: number;
}

interface Cache {
  entries: Map<string, Entry>;
  /** Each kind's table key when its entries were made. */
  seen: Map<ActivityKind, string>;
  groups: number;
}

const caches = new WeakMap<TableGenerations, Cache>();

/** What the cache did since the process started (tests observe which kinds were recomputed). */
export const sliceStats = {
  queries: {} as Partial<Record<ActivityKind | 'excused', number>>,
  hits: 0,
  /** Groups kept now, over every open file (the bench reports it beside the memory). */
  kept: 0,
};

function cacheOf(generations: TableGenerations): Cache {
  let cache = caches.get(generations);
  if (!cache) {
    cache = { entries: new Map(), seen: new Map(), groups: 0 };
    caches.set(generations, cache);
  }
  return cache;
}

/** The cached entries and groups of one open file (tests, the decision's memory bound). */
export function sliceCacheSize(generations: TableGenerations): { entries: number; groups: number } {
  const cache = caches.get(generations);
  return { entries: cache?.entries.size ?? 0, groups: cache?.groups ?? 0 };
}

/** The JSON of unit classes as a short key (the partition; ~100 KB at a province). */
export function partitionKey(unitClasses: string): string {
  return createHash('sha1').update(unitClasses).digest('base64');
}

/** A period flag over the slice: constant '1' / '0' when the slice is wholly in / out, else the bounds. */
function flagKey(kind: ActivityKind, slice: DatePeriod, range: DatePeriod): string {
  const [sf, st] = [placementBound(kind, slice.from, 'from'), placementBound(kind, slice.to, 'to')];
  const [rf, rt] = [placementBound(kind, range.from, 'from'), placementBound(kind, range.to, 'to')];
  if (sf >= rf && st <= rt) return '1';
  if (st < rf || sf > rt) return '0';
  return `${rf}..${rt}`;
}

function drop(cache: Cache, key: string): void {
  const entry = cache.entries.get(key);
  if (!entry) return;
  cache.entries.delete(key);
  cache.groups -= entry.size;
  sliceStats.kept -= entry.size;
}

async function cached<T extends unknown[]>(
  generations: TableGenerations | undefined,
  kind: ActivityKind,
  key: string,
  compute: () => Promise<T>,
  stat: ActivityKind | 'excused',
): Promise<T> {
  const count = () => (sliceStats.queries[stat] = (sliceStats.queries[stat] ?? 0) + 1);
  if (!generations) {
    count();
    return compute();
  }
  const cache = cacheOf(generations);
  // Taken before computing: a commit meanwhile leaves the value under a key that is swept next time.
  const tableKey = generations.key([ACTIVITY_TABLES[kind]]);
  if (cache.seen.get(kind) !== tableKey) {
    for (const [k, e] of cache.entries) if (e.kind === kind) drop(cache, k);
    cache.seen.set(kind, tableKey);
  }
  const hit = cache.entries.get(key);
  if (hit) {
    sliceStats.hits++;
    cache.entries.delete(key);
    cache.entries.set(key, hit); // most recently used last
    return hit.value as T;
  }
  count();
  const value = await compute();
  if (cache.seen.get(kind) !== tableKey) return value; // the table moved while computing: keep nothing
  drop(cache, key);
  cache.entries.set(key, { kind, value, size: Math.max(1, value.length) });
  cache.groups += Math.max(1, value.length);
  sliceStats.kept += Math.max(1, value.length);
  for (const k of cache.entries.keys()) {
    if (cache.entries.size <= MAX_ENTRIES && cache.groups <= MAX_GROUPS) break;
    if (k !== key) drop(cache, k);
  }
  return value;
}

export interface SliceAt {
  slice: DatePeriod;
  period: DatePeriod;
  previous: DatePeriod;
  unitClasses: string;
  /** partitionKey(unitClasses), computed once per call. */
  partition: string;
}

/** The groups of one slice; `flags`: the two period flags of every group when the slice lies wholly in one range. */
export interface SliceGroups<K extends ActivityKind> {
  groups: CountedGroup<K>[];
  flags: { current: boolean; previous: boolean } | null;
}

/**
 * countedGroups of one kind and slice, or the groups it gave for the same key since that table last
 * moved. A slice wholly inside the period or the previous period is kept without its flags (the
 * caller takes them from `flags`), so a one-year call and a ten-year call share their calendar years
 * whichever range each year falls in.
 */
export async function cachedCountedGroups<K extends ActivityKind>(
  generations: TableGenerations | undefined,
  db: Db,
  kind: K,
  at: SliceAt,
): Promise<SliceGroups<K>> {
  const { slice, period, previous, unitClasses } = at;
  const [current, prior] = [flagKey(kind, slice, period), flagKey(kind, slice, previous)];
  const whole = (current === '1' || current === '0') && (prior === '1' || prior === '0');
  const key = [kind, slice.from, slice.to, whole ? 'whole' : `${current}|${prior}`, at.partition].join('|');
  const groups = await cached(generations, kind, key, () => countedGroups(db, kind, { slice, period, previous, unitClasses }), kind);
  return { groups, flags: whole ? { current: current === '1', previous: prior === '1' } : null };
}

/** The excused incidents placed in the slice, kept like the incidents' groups. */
export function cachedExcusedIncidents(
  generations: TableGenerations | undefined,
  db: Db,
  slice: DatePeriod,
): Promise<StoredActivity<'incidents'>[]> {
  return cached(generations, 'incidents', `excused|${slice.from}|${slice.to}`, () => excusedIncidents(db, slice), 'excused');
}
