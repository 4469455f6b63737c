/**
 * One chunk of the backfill of the activity lists' stored keys (repos/activities.keys.ts builds the
 * statements; `ListKeysBackfill` runs the chunks). Plain SQL text and better-sqlite3 only, so the
 * chunk runs the same on the host (the fallback) and on the keys worker (keys-worker.ts, bundled
 * into reader-worker.cjs), which must not pull in Kysely or the domain modules.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** A compiled statement: its SQL and the parameters before the bounded ones. */
export interface KeysStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The fill statements in bounded forms (activities.keys.ts `keysPlan`): index 0 the units, then one
 * per kind's table.
 * - `marked`: the first `?` rows still marked, found by the pending index;
 * - `range` (records only): the marked rows of a range of rowids (`… AND a.rowid > ? AND a.rowid <= ?`);
 * - `maxRowid` (records only): the table's last rowid, where its sweep ends.
 */
export interface KeysPlanEntry {
  marked: KeysStatement;
  range: KeysStatement | null;
  maxRowid: string | null;
}
export type KeysPlan = readonly KeysPlanEntry[];

/**
 * Where the backfill is, kept between its chunks: `at` 0 = units; 1..6 = the sweep of each kind's
 * table by rowid ranges (`lo` the last rowid done, `max` the table's last rowid when its sweep
 * began); then passes over units and every table through the pending indexes (rows marked behind
 * the sweep by edits meanwhile, rows added after it) until a whole pass finds nothing.
 */
export interface BackfillCursor {
  at: number;
  lo: number;
  max: number | null;
  /** Rows changed in the current pass over the pending indexes. */
  pass: number;
}

export const newBackfillCursor = (): BackfillCursor => ({ at: 0, lo: 0, max: null, pass: 0 });

export interface ChunkResult {
  /** Rows whose keys this chunk computed (units and records, not the trigger's copies). */
  changed: number;
  /** Nothing marked is left: the backfill is over. */
  finished: boolean;
}

/** Rows per bounded statement: units (each rewrites its records through the trigger), then records. */
export const BACKFILL_UNITS_PER_STEP = 2;
export const BACKFILL_ROWS_PER_STEP = 120;

export interface ChunkSteps {
  unitsPerStep: number;
  rowsPerStep: number;
}

interface PreparedEntry {
  marked: BetterSqlite3.Statement;
  range: BetterSqlite3.Statement | null;
  maxRowid: BetterSqlite3.Statement | null;
}
const preparedPlans = new WeakMap<BetterSqlite3.Database, WeakMap<KeysPlan, PreparedEntry[]>>();

function preparedOf(raw: BetterSqlite3.Database, plan: KeysPlan): PreparedEntry[] {
  let byPlan = preparedPlans.get(raw);
  if (!byPlan) preparedPlans.set(raw, (byPlan = new WeakMap()));
  let stmts = byPlan.get(plan);
  if (!stmts) {
    stmts = plan.map((e) => ({
      marked: raw.prepare(e.marked.sql),
      range: e.range ? raw.prepare(e.range.sql) : null,
      maxRowid: e.maxRowid ? raw.prepare(e.maxRowid) : null,
    }));
    byPlan.set(plan, stmts);
  }
  return stmts;
}

/**
 * One chunk of the backfill, in its own short transaction: bounded steps from `cursor` on until
 * `budgetMs` of wall time has passed, nothing marked is left, or `stop()` says so, then COMMIT. A
 * chunk interrupted (the app closed) leaves its rows marked: the next open finds them again by the
 * pending indexes.
 */
export function runKeysChunk(
  raw: BetterSqlite3.Database,
  plan: KeysPlan,
  budgetMs: number,
  cursor: BackfillCursor,
  steps: ChunkSteps = { unitsPerStep: BACKFILL_UNITS_PER_STEP, rowsPerStep: BACKFILL_ROWS_PER_STEP },
  stop: () => boolean = () => false,
): ChunkResult {
  const stmts = preparedOf(raw, plan);
  const kinds = plan.length; // units + each kind
  const start = performance.now();
  let changed = 0;
  let finished = false;
  raw.exec('BEGIN IMMEDIATE');
  try {
    while (!finished) {
      const c = cursor;
      if (c.at === 0) {
        const n = stmts[0]!.marked.run([...plan[0]!.marked.parameters, steps.unitsPerStep]).changes;
        changed += n;
        if (n < steps.unitsPerStep) c.at = 1;
      } else if (c.at < kinds) {
        const st = stmts[c.at]!;
        c.max ??= (st.maxRowid!.get() as { m: number }).m;
        const hi = c.lo + steps.rowsPerStep;
        changed += st.range!.run([...plan[c.at]!.range!.parameters, c.lo, hi]).changes;
        c.lo = hi;
        if (c.lo >= c.max) Object.assign(c, { at: c.at + 1, lo: 0, max: null });
      } else {
        // The passes over the pending indexes: units, then each table, until one finds nothing.
        const i = c.at - kinds;
        const limit = i === 0 ? steps.unitsPerStep : steps.rowsPerStep;
        const n = stmts[i]!.marked.run([...plan[i]!.marked.parameters, limit]).changes;
        changed += n;
        c.pass += n;
        if (n < limit) c.at++;
        if (c.at === 2 * kinds) {
          if (c.pass === 0) finished = true;
          else Object.assign(c, { at: kinds, pass: 0 });
        }
      }
      if (performance.now() - start >= budgetMs || stop()) break;
    }
    raw.exec('COMMIT');
    return { changed, finished };
  } catch (err) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw err;
  }
}

/**
 * The pragmas of the backfill's own connection (the app's, applyPragmas in open.ts, but these):
 * - `busy_timeout = 0`: never wait at the database; a busy file is tried again a little later;
 * - `synchronous = NORMAL`: no flush per chunk. Keys lost to a power cut are NULL again, found at
 *   the next open (the WAL keeps the file consistent; the app's next commit, at FULL, flushes them
 *   with its own).
 * The WAL's auto-checkpoint stays on: on the keys worker it runs on that thread, after the chunk's
 * commit has released the write lock.
 */
export function applyKeysPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('trusted_schema = OFF');
  raw.pragma('secure_delete = ON');
  raw.pragma('busy_timeout = 0');
  raw.pragma('synchronous = NORMAL');
}

export const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};
