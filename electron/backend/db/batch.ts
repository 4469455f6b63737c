/**
 * One SQL statement run for many parameter rows in one query of Kysely: the connection (db/open.ts)
 * prepares the statement once and runs it for each row, synchronously, on the same better-sqlite3
 * connection (so inside the caller's transaction when the query goes through one). Bulk writes of
 * the hand-off inbox use it: a prepared single-row INSERT reused for 200.000 rows costs what the
 * raw driver costs, where a query per row (or a multi-row statement prepared per chunk) paid
 * Kysely's round trip and SQLite's parse each time. The SQL is still built by Kysely, in the repos.
 */
import { CompiledQuery } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

export type BatchValue = string | number | bigint | null | Uint8Array;

const BATCH_ROWS = Symbol('antq.batchRows');
const KEEP = Symbol('antq.batchKeep');

interface BatchQuery extends CompiledQuery {
  readonly [BATCH_ROWS]: Iterable<readonly BatchValue[]>;
  /** Kept prepared on its connection for the next batch of the same SQL (`keep` below). */
  readonly [KEEP]?: true;
}

/**
 * `sql` (one statement with `?` placeholders) for every row of `params`. A reader (SELECT) returns
 * the rows of every run, in order; a writer returns the total of rows changed. Its own parameters
 * are empty, so a connection that does not know batches fails on the first placeholder. `params`
 * may be a generator, read once while the statement runs (no array of every row held at once).
 */
export function batchQuery(sql: string, params: Iterable<readonly BatchValue[]>, options: { keep?: boolean } = {}): CompiledQuery {
  const query: BatchQuery = { ...CompiledQuery.raw(sql, []), [BATCH_ROWS]: params, ...(options.keep ? { [KEEP]: true as const } : {}) };
  return Object.freeze(query);
}

/**
 * Statements of `keep` batches, per connection: a write that runs the same large statement many
 * times in one call (the freeze's 100-row INSERT of 900 parameters, 87 times at 50 k) parses it once.
 * A few SQL texts at most (the full chunk and the last one); cleared past KEPT_MAX, so it never grows.
 * better-sqlite3 prepares again by itself when the schema changed; `run` and `all` leave no
 * statement busy, so a kept one is never in use when the next batch takes it.
 */
const kept = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
const KEPT_MAX = 16;

function statementOf(raw: BetterSqlite3.Database, query: BatchQuery): BetterSqlite3.Statement {
  if (!query[KEEP]) return raw.prepare(query.sql);
  let byText = kept.get(raw);
  if (!byText) kept.set(raw, (byText = new Map<string, BetterSqlite3.Statement>()));
  let stmt = byText.get(query.sql);
  if (!stmt) {
    if (byText.size >= KEPT_MAX) byText.clear();
    stmt = raw.prepare(query.sql);
    byText.set(query.sql, stmt);
  }
  return stmt;
}

export function isBatchQuery(query: CompiledQuery): query is BatchQuery {
  return BATCH_ROWS in query;
}

/** Runs a batch on the raw connection: one prepare, one run (or all) per parameter row. */
export function runBatch(raw: BetterSqlite3.Database, query: BatchQuery): { rows: unknown[]; numAffectedRows: bigint } {
  const stmt = statementOf(raw, query);
  const params = query[BATCH_ROWS];
  if (stmt.reader) {
    const rows: unknown[] = [];
    for (const p of params) for (const r of stmt.all(p)) rows.push(r);
    return { rows, numAffectedRows: 0n };
  }
  let changes = 0;
  for (const p of params) changes += stmt.run(p).changes;
  return { rows: [], numAffectedRows: BigInt(changes) };
}

/** Rows of a batch run between two pauses on the long-write connection (db/long-write.ts). */
const ROWS_PER_PAUSE = 100;

/** The same as runBatch, with `pause()` every ROWS_PER_PAUSE rows (it yields to the host, or throws when cancelled). */
export async function runBatchPausing(
  raw: BetterSqlite3.Database,
  query: CompiledQuery,
  pause: () => Promise<void>,
): Promise<{ rows: unknown[]; numAffectedRows: bigint }> {
  if (!isBatchQuery(query)) throw new Error('runBatchPausing: not a batch');
  const stmt = statementOf(raw, query);
  const rows: unknown[] = [];
  let changes = 0;
  let n = 0;
  for (const p of query[BATCH_ROWS]) {
    if (++n % ROWS_PER_PAUSE === 0) await pause();
    if (stmt.reader) for (const r of stmt.all(p)) rows.push(r);
    else changes += stmt.run(p).changes;
  }
  return { rows, numAffectedRows: BigInt(changes) };
}
