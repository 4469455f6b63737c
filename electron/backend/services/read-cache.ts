/**
 * A small cache of read results that do not depend on the activity records of a period (issue 16
 * item 4): the period figures' report inputs, the models' world, the registry blocks and the
 * registration figures. Each entry is keyed on `ctx.generations.key(every table)`, so any commit
 * (through any write path the audit hook sees) makes every entry stale, and a restore (a new file,
 * a new epoch) leaves none. Keying on every table rather than on the tables each block reads is a
 * choice of safety over hit rate: those blocks read through a dozen services, and a table left out
 * of a list would serve a stale figure; an edit costs one recomputation.
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

const caches = new WeakMap<TableGenerations, { generation: string; entries: Map<string, Promise<unknown>> }>();

/** `compute()`, or the value it gave for the same `name` and `args` since the last commit. */
export async function cachedRead<T>(ctx: ServiceContext, name: string, args: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const generations = ctx.generations;
  if (!generations) return compute();
  // Taken before computing: a commit during the computation leaves the value under a key never asked again.
  const generation = generations.key(EVERY_TABLE);
  const key = `${name}|${JSON.stringify(args)}`;
  let cache = caches.get(generations);
  if (!cache || cache.generation !== generation) {
    // A commit made every entry stale: drop them all at once (memory holds one generation's values).
    cache = { generation, entries: new Map() };
    caches.set(generations, cache);
  }
  const entries = cache.entries;
  const hit = entries.get(key) as Promise<T> | undefined;
  if (hit) {
    // Most recently used last (a Map keeps insertion order).
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const value = compute();
  entries.set(key, value);
  value.catch(() => entries.delete(key));
  for (const old of entries.keys()) {
    if (entries.size <= LIMIT) break;
    entries.delete(old);
  }
  return value;
}
