/**
 * The grouped activity counts of the period figures, kept per kind and per year slice (issue 16
 * item 4). `countedGroups` (repos/period-counts.repo.ts) answers, for one kind and one slice, the
 * records grouped by unit class, period flags and COUNTED_FIELDS (the slices a call misses are read
 * together by `countedGroupsByYear`, one statement per run of consecutive missing years, and kept slice by slice); that answer
 * depends only on
 *  - the rows of that kind's table placed in that slice's year: each slice is kept with
 *    `generations.yearKey(that table, its year)`, which a commit moves when it touches a row of the
 *    table placed in that year before or after the change (repos/placement-touch.repo.ts notes both
 *    years of an edit that moves a record). So saving a propaganda session of 2020 reads propaganda's
 *    2020 slice again and nothing else; a restore (a new epoch) or a write that cannot say what it
 *    touched (`bumpAll`) drops everything;
 *  - the unit → class partition (the JSON of unit classes, hashed): a re-parented, merged or new
 *    unit changes the partition, hence the key. What a class MEANS (its breakdown group, in scope or
 *    not) is applied by the caller at each call, so two scopes with the same partition share slices;
 *  - the slice and the two period flags. A flag that is the same for every row of the slice (the
 *    slice lies wholly inside the period, or wholly outside it) is keyed as that constant, so a one-year
 *    call and a ten-year call share their common calendar years.
 * Today and the counting rules are not part of the SQL: the adders apply them to the groups at each
 * call (a criminal tip's group carries its dates; its timing is decided against today then).
 *
 * Bounds: at most MAX_ENTRIES slices and MAX_GROUPS groups kept per open file, least recently used
 * dropped first; an entry whose year moved is dropped at its next lookup.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../repos/units.repo';
import type { TableGenerations } from '../db/generations';
import type { StoredActivity } from '../repos/activities.repo';
import { countedGroupsByYear, excusedIncidents, type CountedGroup } from '../repos/period-counts.repo';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { placementBound, type ActivityKind } from '../../../shared/domain/activities';
import type { DatePeriod } from '../../../shared/domain/period';

/** A ten-year call with its previous ten years is 20 slices × 6 kinds = 120 entries: room for two such calls. */
export const MAX_ENTRIES = 240;
/** Groups kept in all (the 500k province's ten-year call with its previous period holds ~67.000). */
export const MAX_GROUPS = 300_000;

interface Entry {
  /** generations.yearKey of the slice's table and year when the value was read. */
  yearKey: string;
  value: unknown;
  size: number;
}

interface Cache {
  entries: Map<string, Entry>;
  groups: number;
}

const caches = new WeakMap<TableGenerations, Cache>();

/** What the cache did since the process started (tests observe which kinds were recomputed). */
export const sliceStats = {
  /** Year slices read from the table per kind (a statement reads a run of consecutive slices a call misses). */
  queries: {} as Partial<Record<ActivityKind | 'excused', number>>,
  /** Statements run (one per run of consecutive missing slices of a kind, and likewise for the excused incidents). */
  statements: 0,
  hits: 0,
  /** Groups kept now, over every open file (the bench reports it beside the memory). */
  kept: 0,
};

function cacheOf(generations: TableGenerations): Cache {
  let cache = caches.get(generations);
  if (!cache) {
    cache = { entries: new Map(), groups: 0 };
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

/** The year a slice key is placed in: every slice lies in one calendar year (yearSlices). */
export function yearKeyOf(generations: TableGenerations, kind: ActivityKind, slice: DatePeriod): string {
  return generations.yearKey(ACTIVITY_TABLES[kind], slice.from.slice(0, 4));
}

function lookup(cache: Cache, key: string, yearKey: string): unknown {
  const hit = cache.entries.get(key);
  if (!hit) return undefined;
  if (hit.yearKey !== yearKey) {
    drop(cache, key); // a commit touched the slice's year since it was read
    return undefined;
  }
  sliceStats.hits++;
  cache.entries.delete(key);
  cache.entries.set(key, hit); // most recently used last
  return hit.value;
}

/** Keeps `value` unless its year moved since `yearKey` was taken (before computing). */
function keep(
  cache: Cache,
  generations: TableGenerations,
  kind: ActivityKind,
  slice: DatePeriod,
  yearKey: string,
  key: string,
  value: unknown[],
): void {
  if (yearKeyOf(generations, kind, slice) !== yearKey) return; // the year moved while computing: keep nothing
  drop(cache, key);
  cache.entries.set(key, { yearKey, value, size: Math.max(1, value.length) });
  cache.groups += Math.max(1, value.length);
  sliceStats.kept += Math.max(1, value.length);
  for (const k of cache.entries.keys()) {
    if (cache.entries.size <= MAX_ENTRIES && cache.groups <= MAX_GROUPS) break;
    if (k !== key) drop(cache, k);
  }
}

/**
 * The values of `keys` (one per slice of `slices`, in order): those kept since a commit last touched
 * their year of `kind`'s table, the others from one `compute(run)` per run of consecutive missing
 * slices (one statement for a run rather than one per slice), each then kept under its own key.
 */
async function cachedSlices<T extends unknown[]>(
  generations: TableGenerations | undefined,
  kind: ActivityKind,
  slices: readonly DatePeriod[],
  keys: readonly string[],
  compute: (missing: readonly number[]) => Promise<Map<number, T>>,
  stat: ActivityKind | 'excused',
): Promise<T[]> {
  const out: (T | undefined)[] = keys.map(() => undefined);
  // Taken before computing: a commit meanwhile leaves the values unkept.
  const cache = generations ? cacheOf(generations) : null;
  const yearKeys = generations ? slices.map((slice) => yearKeyOf(generations, kind, slice)) : [];
  if (cache) keys.forEach((key, i) => (out[i] = lookup(cache, key, yearKeys[i]!) as T | undefined));
  const missing = keys.flatMap((_, i) => (out[i] === undefined ? [i] : []));
  if (missing.length === 0) return out as T[];
  sliceStats.queries[stat] = (sliceStats.queries[stat] ?? 0) + missing.length;
  // One statement per run of consecutive missing slices: an edit of 2010 and 2026 reads those two
  // years, not the sixteen kept between them.
  const runs: number[][] = [];
  for (const i of missing) {
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  for (const run of runs) {
    sliceStats.statements++;
    const computed = await compute(run);
    for (const i of run) {
      const value = computed.get(i) ?? ([] as unknown[] as T);
      out[i] = value;
      if (cache && generations) keep(cache, generations, kind, slices[i]!, yearKeys[i]!, keys[i]!, value);
    }
  }
  return out as T[];
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
 * countedGroups of one kind for each of `slices` (calendar-year slices, in order), or the groups a
 * slice gave for the same key since a commit last touched that year of the table. The slices not
 * kept are read by one statement per run of consecutive ones, over the run's span grouped by year
 * too (countedGroupsByYear). A slice wholly inside the period or the
 * previous period is kept without its flags (the caller takes them from `flags`), so a one-year
 * call and a ten-year call share their calendar years whichever range each year falls in.
 */
export async function cachedCountedSlices<K extends ActivityKind>(
  generations: TableGenerations | undefined,
  db: Db,
  kind: K,
  slices: readonly DatePeriod[],
  at: Omit<SliceAt, 'slice'>,
): Promise<SliceGroups<K>[]> {
  const { period, previous, unitClasses } = at;
  const shapes = slices.map((slice) => {
    const [current, prior] = [flagKey(kind, slice, period), flagKey(kind, slice, previous)];
    const whole = (current === '1' || current === '0') && (prior === '1' || prior === '0');
    const key = [kind, slice.from, slice.to, whole ? 'whole' : `${current}|${prior}`, at.partition].join('|');
    return { key, flags: whole ? { current: current === '1', previous: prior === '1' } : null };
  });
  const values = await cachedSlices(
    generations,
    kind,
    slices,
    shapes.map((s) => s.key),
    async (missing) => {
      const span = { from: slices[missing[0]!]!.from, to: slices[missing.at(-1)!]!.to };
      const byYear = await countedGroupsByYear(db, kind, { slice: span, period, previous, unitClasses });
      return new Map(missing.map((i) => [i, byYear.get(slices[i]!.from.slice(0, 4)) ?? []]));
    },
    kind,
  );
  return values.map((groups, i) => ({ groups, flags: shapes[i]!.flags }));
}

/** The excused incidents placed in each of `slices`, kept like the incidents' groups (one read for the slices missing). */
export function cachedExcusedSlices(
  generations: TableGenerations | undefined,
  db: Db,
  slices: readonly DatePeriod[],
): Promise<StoredActivity<'incidents'>[][]> {
  return cachedSlices(
    generations,
    'incidents',
    slices,
    slices.map((slice) => `excused|${slice.from}|${slice.to}`),
    async (missing) => {
      const rows = await excusedIncidents(db, { from: slices[missing[0]!]!.from, to: slices[missing.at(-1)!]!.to });
      const byYear = new Map<string, StoredActivity<'incidents'>[]>();
      for (const r of rows) {
        const year = r.occurredOn.slice(0, 4);
        const list = byYear.get(year);
        if (list) list.push(r);
        else byYear.set(year, [r]);
      }
      return new Map(missing.map((i) => [i, byYear.get(slices[i]!.from.slice(0, 4)) ?? []]));
    },
    'excused',
  );
}
