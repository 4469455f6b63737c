/**
 * The evaluation board's cache (issue 16 item 4): the year's records as read (`YearData`) and each
 * subject's verdicts, kept while none of the tables the evaluation reads has been written.
 *
 * Keyed on `ctx.generations.key(EVALUATION_INPUTS)` (db/generations.ts: moved by the audit hook
 * before every commit, whatever the write path), the date (documents count as absent once Q1 is
 * over, so the verdicts depend on today) and the year. The key is taken before the reads, so a write
 * that lands between two reads leaves an entry that can never be hit again. A restore opens a new
 * file with a new `TableGenerations`, so the cache (held per generations object) is dropped with
 * it; a context built by hand has no generations and never caches.
 *
 * What is not cached: the seal check of a frozen year (its key file lives outside the database, so
 * it is verified on every read — it costs a few milliseconds) and the board's rows, counts and order
 * (made from the verdicts on each read). The subject view, the export and the freeze build the full
 * results with their texts from the records, as before.
 */
import type { TableGenerations } from '../db/generations';
import { TABLES } from '../../../shared/domain/table-registry';
import type { SubjectVerdicts, YearData } from './evaluation-facts.service';

/**
 * Tables the evaluation never reads (checked against its repos: evaluation-facts.repo.ts,
 * evaluation.repo.ts, unit-history.repo.ts, rubrics.repo.ts). Every other registered table is an
 * input: a table missing here only costs a recomputation when it is written, never a stale verdict.
 */
const NOT_READ = new Set([
  'audit_log',
  'accounts',
  'data_key_wraps',
  'auth_settings',
  'mass_org_members',
  'mass_org_member_ratings',
  'activity_events',
  'mediations',
  'awards',
  'tip_informants',
  'evaluation_history',
  'rubric_files',
  'rubric_scores',
  'report_settings',
  'reports',
  'slide_preferences',
  'leadership_documents',
  'period_settings',
]);

export const EVALUATION_INPUTS: readonly string[] = TABLES.map((t) => t.name).filter((n) => !NOT_READ.has(n));

export interface BoardCacheEntry {
  key: string;
  data: YearData;
  verdicts: Map<string, SubjectVerdicts>;
}

/** Entries kept per file: a couple of years side by side (this year and last), the oldest dropped. */
const MAX_ENTRIES = 2;

const caches = new WeakMap<TableGenerations, Map<number, BoardCacheEntry>>();

export function cacheKey(generations: TableGenerations, year: number, today: string): string {
  return `${generations.key(EVALUATION_INPUTS)}|${year}|${today}`;
}

/** The entry of the year when its key still holds; undefined otherwise (or without generations). */
export function cachedYear(generations: TableGenerations | undefined, year: number, key: string): BoardCacheEntry | undefined {
  if (!generations) return undefined;
  const entry = caches.get(generations)?.get(year);
  return entry && entry.key === key ? entry : undefined;
}

/** Keeps the year's records and verdicts under `key` (replacing an older entry of the year). */
export function keepYear(generations: TableGenerations | undefined, year: number, entry: BoardCacheEntry): void {
  if (!generations) return;
  let years = caches.get(generations);
  if (!years) caches.set(generations, (years = new Map<number, BoardCacheEntry>()));
  years.delete(year);
  years.set(year, entry);
  while (years.size > MAX_ENTRIES) years.delete(years.keys().next().value!);
}
