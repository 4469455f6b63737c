/**
 * Whole-list figures of a paged list (count, totals), kept per question until a commit writes one of
 * the tables they were read from (ctx.generations, db/generations.ts). Scrolling asks for page after
 * page of the same question; only the first pays for the figures. Without generations (hand-built
 * contexts) nothing is kept. A few questions per opened file: a person flips between tabs and
 * filters, rarely more; the oldest is dropped first.
 */
import type { ServiceContext } from '../context';
import type { TableGenerations } from '../db/generations';

const CACHE_SIZE = 24;
const caches = new WeakMap<TableGenerations, Map<string, unknown>>();

export async function cachedFigures<T>(
  ctx: ServiceContext,
  tables: readonly string[],
  question: string,
  compute: () => Promise<T>,
): Promise<T> {
  const gens = ctx.generations;
  if (!gens) return compute();
  let cache = caches.get(gens);
  if (!cache) caches.set(gens, (cache = new Map<string, unknown>()));
  const key = `${gens.key(tables)}|${question}`;
  if (cache.has(key)) return cache.get(key) as T;
  const fresh = await compute();
  cache.set(key, fresh);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return fresh;
}

/** The figures of a question if they are kept for the current data (no computing), else undefined. */
export function peekFigures<T>(ctx: ServiceContext, tables: readonly string[], question: string): T | undefined {
  const gens = ctx.generations;
  if (!gens) return undefined;
  return caches.get(gens)?.get(`${gens.key(tables)}|${question}`) as T | undefined;
}
