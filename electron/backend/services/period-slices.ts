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
/**
 * A kind's slices of one call are kept in the file only up to this many groups (~90 bytes of JSON
 * each, ~4.5 MB): the store keeps 48 MB in all, the board's values included, and the value is written
 * and read back on the host's thread. Beyond it (a kind at 2 M rows) the kind's years are read again.
 */
export const MAX_FILED_GROUPS = 50_000;

interface Entry {
  /** generations.yearKey of the slice's table and year when the value was read. */
  yearKey: string;
  /** The file's year key (SlicesInFile.yearKeys) it was read under, when a file keeps slices: the only one it is written back under. */
  fileKey: string | undefined;
  value: unknown;
  size: number;
}

/**
 * Year slices kept in the file (db/stored-reads.ts), so that the first edit after the app starts
 * again reads the edited year(s) only, not the kind's every year: one value per kind and call shape
 * (the slices' keys, which hold the partition and the period flags), each slice beside the file's
 * counter of its table AND year (`table_versions` rows `table@year` and `table@*`, moved by every commit
 * through the audit hook, audit/recorder.ts). A slice is served from the file only while that counter is
 * the one taken before it was read; it is written back only under the counter it was read or taken under.
 */
export interface SlicesInFile {
  /** The file's year key of `kind`'s table for each of `years` ('2026'), now. */
  yearKeys(kind: ActivityKind, years: readonly string[]): string[];
  /** The slices kept under `args` (a kind and a call shape), or null. */
  read(args: string): FiledSlices | null;
  /** Notes the slices to be kept (`make` is called when they are written, the backend idle). */
  write(args: string, make: () => FiledSlices): void;
}

/** Slice key → [the file's year key it was read under, its values in a compact form (packValues)]. */
export type FiledSlices = Record<string, [string, PackedValues]>;

/**
 * A slice's values as plain JSON without the repeated field names: each value an array of its
 * fields' values in the order `fields` gives (every value of one slice has the same fields; the
 * counted groups' `record` spread after the group's own fields). A third of the text of the objects
 * and read back faster; the values read back equal the values written (period-years tests compare
 * the figures with a cold computation).
 */
export interface PackedValues {
  fields: string[];
  record: string[];
  rows: unknown[][];
}

function packValues(values: readonly unknown[]): PackedValues {
  const first = values[0] as Record<string, unknown> | undefined;
  const fields = first ? Object.keys(first).filter((k) => k !== 'record') : [];
  const record = first && typeof first['record'] === 'object' && first['record'] !== null ? Object.keys(first['record']) : [];
  const rows = values.map((v) => {
    const o = v as Record<string, unknown>;
    const r = (o['record'] ?? {}) as Record<string, unknown>;
    return [...fields.map((f) => o[f]), ...record.map((f) => r[f])];
  });
  return { fields, record, rows };
}

function unpackValues(packed: PackedValues): unknown[] {
  const { fields, record, rows } = packed;
  const hasRecord = record.length > 0;
  return rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) o[fields[i]!] = row[i];
    if (hasRecord) {
      const r: Record<string, unknown> = {};
      for (let i = 0; i < record.length; i++) r[record[i]!] = row[fields.length + i];
      o['record'] = r;
    }
    return o;
  });
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
  /** Slices taken from the file (SlicesInFile), per kind. */
  filed: {} as Partial<Record<ActivityKind, number>>,
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

function lookup(cache: Cache, key: string, yearKey: string): Entry | undefined {
  const hit = cache.entries.get(key);
  if (!hit) return undefined;
  if (hit.yearKey !== yearKey) {
    drop(cache, key); // a commit touched the slice's year since it was read
    return undefined;
  }
  sliceStats.hits++;
  cache.entries.delete(key);
  cache.entries.set(key, hit); // most recently used last
  return hit;
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
  fileKey: string | undefined,
): void {
  if (yearKeyOf(generations, kind, slice) !== yearKey) return; // the year moved while computing: keep nothing
  drop(cache, key);
  cache.entries.set(key, { yearKey, fileKey, value, size: Math.max(1, value.length) });
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
  file?: SlicesInFile,
): Promise<T[]> {
  const out: (T | undefined)[] = keys.map(() => undefined);
  // Taken before computing: a commit meanwhile leaves the values unkept.
  const cache = generations ? cacheOf(generations) : null;
  const yearKeys = generations ? slices.map((slice) => yearKeyOf(generations, kind, slice)) : [];
  const fileKeys = file?.yearKeys(
    kind,
    slices.map((slice) => slice.from.slice(0, 4)),
  );
  // Per slice, the file's year key under which its value may be written back (undefined: not written).
  const vouched: (string | undefined)[] = keys.map(() => undefined);
  if (cache)
    keys.forEach((key, i) => {
      const hit = lookup(cache, key, yearKeys[i]!);
      if (!hit) return;
      out[i] = hit.value as T;
      // Kept in memory under another file counter: another connection's commit, which the year keys in memory do not see.
      if (fileKeys && hit.fileKey === fileKeys[i]) vouched[i] = hit.fileKey;
    });
  let missing = keys.flatMap((_, i) => (out[i] === undefined ? [i] : []));
  if (missing.length === 0) return out as T[];
  const args = file ? `${kind}|${sliceShape(keys)}` : '';
  if (file && fileKeys) {
    // The slices kept in the file under the counters of their years now (the first look after a restart).
    const filed = file.read(args);
    for (const i of missing) {
      const f = filed?.[keys[i]!];
      if (!f || f[0] !== fileKeys[i]) continue;
      out[i] = unpackValues(f[1]) as T;
      vouched[i] = fileKeys[i];
      sliceStats.filed[kind] = (sliceStats.filed[kind] ?? 0) + 1;
      if (cache && generations) keep(cache, generations, kind, slices[i]!, yearKeys[i]!, keys[i]!, out[i], fileKeys[i]);
    }
    missing = missing.filter((i) => out[i] === undefined);
    if (missing.length === 0) return out as T[];
  }
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
      vouched[i] = fileKeys?.[i];
      if (cache && generations) keep(cache, generations, kind, slices[i]!, yearKeys[i]!, keys[i]!, value, fileKeys?.[i]);
    }
  }
  // Noted for the file: each slice under the counter of its year taken before it was read (a commit
  // since leaves it under a stale counter, never served). Made into JSON only when written.
  const values = out as T[];
  if (file && values.reduce((n, v) => n + v.length, 0) <= MAX_FILED_GROUPS) {
    file.write(args, () => {
      const kept: FiledSlices = {};
      keys.forEach((key, i) => {
        const at = vouched[i];
        if (at !== undefined) kept[key] = [at, packValues(values[i]!)];
      });
      return kept;
    });
  }
  return out as T[];
}

/** The call shape of a kind's slices (their keys: slices, flags and partition) as a short key. */
function sliceShape(keys: readonly string[]): string {
  return createHash('sha1').update(keys.join('\n')).digest('base64');
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
  file?: SlicesInFile,
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
    file,
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
