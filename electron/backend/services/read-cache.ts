/**
 * A small cache of read results that do not depend on the activity records of a period (issue 16
 * item 4): the period figures' frame and report inputs, the models' world, the registry blocks, the
 * registration figures and the overview. Each entry is keyed on `ctx.generations.key(tables)`, the
 * tables its computation reads (`cachedReadOf`; `cachedRead` keys on every table): a commit on one of
 * them makes the entry stale, a commit elsewhere leaves it, and a restore (a new file, a new epoch)
 * leaves nothing. The lists are declared beside each block (read-tables.ts) and checked by a test that
 * runs every block with a driver recording the tables each one reads (period-block-tables.test.ts):
 * a table read but not declared fails it.
 *
 * Without `ctx.generations` (hand-built contexts) nothing is cached. Values are shared between
 * callers: they must be treated as read-only (the DTOs built from them are serialised, never changed).
 */
import type { ServiceContext } from '../context';
import type { TableGenerations } from '../db/generations';
import { TABLES } from '../../../shared/domain/table-registry';

const EVERY_TABLE = TABLES.map((t) => t.name);
/** Entries per open file; a period screen needs ~8 (two periods × four blocks). */
const LIMIT = 48;

interface Entry {
  tables: readonly string[];
  generation: string;
  value: Promise<unknown>;
}

const caches = new WeakMap<TableGenerations, Map<string, Entry>>();

/** How many times each block was computed since the process started (tests count recomputations). */
export const readStats: { computed: Record<string, number> } = { computed: {} };

/**
 * Tests only: wraps each computation (the tables test records which tables each block reads). The
 * wrapper must call `compute` and return its value.
 */
export const readProbe: { wrap: (<T>(name: string, compute: () => Promise<T>) => Promise<T>) | null } = { wrap: null };

/** `compute()`, or the value it gave for the same `name` and `args` since the last commit on any table. */
export function cachedRead<T>(ctx: ServiceContext, name: string, args: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  return cachedReadOf(ctx, name, EVERY_TABLE, args, compute);
}

/** A cached read: `compute()`, or the value it gave for the same `name` and `args` while none of `tables` was written. */
export type ReadOf = <T>(
  ctx: ServiceContext,
  name: string,
  tables: readonly string[],
  args: readonly unknown[],
  compute: () => Promise<T>,
) => Promise<T>;

/**
 * How a value kept in the file is written and read back when one JSON.parse of it would hold the
 * host too long (the board of a province: ~5 MB): `encode` gives valid JSON text, `decode` reads
 * it back, yielding between slices.
 */
export interface StoredCodec<T> {
  encode: (value: T) => string;
  decode: (text: string) => Promise<T>;
}

const readOf =
  (persist: boolean, block: boolean, codec?: StoredCodec<never>): ReadOf =>
  (ctx, name, tables, args, compute) =>
    cachedWith(ctx, name, tables, args, compute, persist, block, codec as StoredCodec<unknown> | undefined);

/** `compute()`, or the value it gave for the same `name` and `args` since the last commit on one of `tables`. */
export const cachedReadOf: ReadOf = readOf(false, true);

/**
 * As `cachedReadOf`, for a value several blocks take as an input (the file's organisations,
 * organizations-of-file.ts) rather than a block of its own: it is not counted in `readStats` nor
 * wrapped by `readProbe`, so its reads are those of the block that asks for it (each block's list
 * of tables must name them; period-block-tables.test.ts, run without generations, sees every block
 * read them).
 */
export const sharedReadOf: ReadOf = readOf(false, false);

/**
 * As `cachedReadOf`, and the value is also kept in the file (db/stored-reads.ts): after a restart
 * it is read back while none of `tables` has been written since. Only for values that are plain
 * JSON data (arrays, objects, strings, numbers, booleans, null): stored-reads.test.ts checks each
 * stored block reads back equal.
 */
export const storedReadOf: ReadOf = readOf(true, true);

/** As `storedReadOf`, with the value written and read back through `codec` (one value's own form). */
export const storedReadWith = <T>(
  ctx: ServiceContext,
  name: string,
  tables: readonly string[],
  args: readonly unknown[],
  compute: () => Promise<T>,
  codec: StoredCodec<T>,
): Promise<T> => cachedWith(ctx, name, tables, args, compute, true, true, codec as StoredCodec<unknown>);

/**
 * The value `name` with `args` holds in memory now, if none of `tables` was written since it was
 * computed (nothing is read or computed): for a reader that can take a wider value another block
 * already made (the overview takes the period's two years of mass organisation figures).
 */
export function keptInMemory<T>(
  ctx: ServiceContext,
  name: string,
  tables: readonly string[],
  args: readonly unknown[],
): Promise<T> | undefined {
  const generations = ctx.generations;
  if (!generations) return undefined;
  const hit = caches.get(generations)?.get(`${name}|${JSON.stringify(args)}`);
  return hit && hit.generation === generations.key(tables) ? (hit.value as Promise<T>) : undefined;
}

async function cachedWith<T>(
  ctx: ServiceContext,
  name: string,
  tables: readonly string[],
  args: readonly unknown[],
  compute: () => Promise<T>,
  persist: boolean,
  block: boolean,
  codec?: StoredCodec<unknown>,
): Promise<T> {
  const computeCounted = () => {
    if (!block) return compute();
    readStats.computed[name] = (readStats.computed[name] ?? 0) + 1;
    return readProbe.wrap ? readProbe.wrap(name, compute) : compute();
  };
  const stored = persist ? ctx.stored : undefined;
  const run = stored
    ? async () => {
        // The file's counters, taken before computing (see db/stored-reads.ts).
        const key = stored.key(tables);
        const argsText = JSON.stringify(args);
        if (codec) {
          const text = stored.getText(name, argsText, key);
          if (text !== undefined) return (await codec.decode(text)) as T;
        } else {
          const kept = stored.get<T>(name, argsText, key);
          if (kept !== undefined) return kept;
        }
        const value = await computeCounted();
        stored.put(name, argsText, key, value, tables, codec?.encode);
        return value;
      }
    : computeCounted;
  const generations = ctx.generations;
  if (!generations) return run();
  // Taken before computing: a commit during the computation leaves the value under a generation never asked again.
  const generation = generations.key(tables);
  const key = `${name}|${JSON.stringify(args)}`;
  let entries = caches.get(generations);
  if (!entries) {
    entries = new Map();
    caches.set(generations, entries);
  }
  const hit = entries.get(key);
  if (hit && hit.generation === generation) {
    // Most recently used last (a Map keeps insertion order).
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  // Entries whose tables moved are dropped first, then the least recently used beyond the limit.
  for (const [k, e] of entries) if (generations.key(e.tables) !== e.generation) entries.delete(k);
  const value = run();
  const entry: Entry = { tables, generation, value };
  entries.set(key, entry);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  for (const old of entries.keys()) {
    if (entries.size <= LIMIT) break;
    entries.delete(old);
  }
  return value;
}
