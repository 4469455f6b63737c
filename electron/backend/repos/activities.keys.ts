/**
 * The activity lists' stored keys (migration 0025): the unit's and the title's Vietnamese sort keys
 * and the folded search text of each record, and the units' sort keys. The page query
 * (activities.page.ts) orders and searches by these columns, so a deep page is an index walk and a
 * search folds no text.
 *
 * Who keeps them:
 * - `insertActivities` (save, saveMany, Excel import) writes them with the row (`newRowKeys`).
 * - Everything else (an edit, a hand-off apply's generic rows, a unit created or renamed, rows
 *   written by another program) leaves or marks them NULL — the triggers of 0025 mark them on any
 *   change of a column they are made of — and `fillListKeys` computes what is marked, before every
 *   commit (the transaction hook, on both connections) and once after opening: a few rows at once,
 *   many (the first open after 0025) in chunks after the host is up (`ListKeysBackfill`).
 *   A unit's new key is copied to its records by a trigger, so a rename re-sorts the lists.
 */
import BetterSqlite3 from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KIND_INFO,
  ACTIVITY_KINDS,
  activityField,
  type ActivityKind,
  type FieldSpec,
} from '../../../shared/domain/activities';
import { OWNERSHIP_TEXTS } from '../../../shared/domain/ownership';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../shared/lib/text';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { FOLD_SQL, registerFunctions, VI_SORT_KEY_SQL } from '../db/open';
import {
  applyKeysPragmas,
  BACKFILL_ROWS_PER_STEP,
  BACKFILL_UNITS_PER_STEP,
  isBusy,
  newBackfillCursor,
  runKeysChunk,
  type BackfillCursor,
  type ChunkResult,
  type ChunkSteps,
  type KeysPlan,
  type KeysStatement,
} from '../db/keys-chunk';
import { KeysWorker } from '../db/keys-offhost';
import type { TransactionHooks } from '../db/open';
import { ownSearchText, shownText, titleKeyColumns, unitKeyOf } from './activities.page';

// ---------------------------------------------------------------------------------------------
// Computed in JavaScript for a new row (the same texts the SQL below builds)

/** A stored text or enum value as text ('' for none; these fields hold strings). */
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What the list shows for a text or enum title field of a stored value (shownText in SQL). */
function shownValue(f: FieldSpec, v: unknown): string {
  if (f.type === 'enum') return v === null || v === undefined ? '' : (f.options?.[str(v)] ?? str(v));
  if (v === null || v === undefined) return f.required ? OWNERSHIP_TEXTS.unknown : '';
  return str(v);
}

/** What a kind's new row is keyed from: its title fields (in titleKeyColumns' order) and its searched fields. */
interface KeyPlan {
  readonly columns: readonly string[];
  readonly titles: readonly { key: string; field: FieldSpec }[];
  readonly searched: readonly FieldSpec[];
}

const keyPlans = new Map<ActivityKind, KeyPlan>();

function keyPlanOf(kind: ActivityKind): KeyPlan {
  let plan = keyPlans.get(kind);
  if (!plan) {
    const { fields } = ACTIVITY_KIND_INFO[kind].title;
    const titles = titleKeyColumns(kind).map((_, i) => {
      const key = fields[i] as string;
      return { key, field: activityField(kind, key) };
    });
    const searched = ACTIVITY_FIELDS[kind].filter((f) => f.type === 'text' || f.type === 'longtext' || (f.type === 'enum' && !!f.options));
    plan = { columns: [...titleKeyColumns(kind), 'search_folded'], titles, searched };
    keyPlans.set(kind, plan);
  }
  return plan;
}

/** The list's key columns a new row carries, in the order pushRowKeys pushes them (but sort_unit). */
export function rowKeyColumns(kind: ActivityKind): readonly string[] {
  return keyPlanOf(kind).columns;
}

/**
 * Pushes the keys of a new record (its field values as stored) onto `out`, in rowKeyColumns' order —
 * the values of one INSERT, without an object per row (saveMany's 5.000 rows). sort_unit is read
 * from its unit in SQL.
 */
export function pushRowKeys(kind: ActivityKind, record: Readonly<Record<string, unknown>>, out: unknown[]): void {
  const plan = keyPlanOf(kind);
  for (const t of plan.titles) out.push(vietnameseSortKey(shownValue(t.field, record[t.key])));
  let text = '';
  plan.searched.forEach((f, i) => {
    const v = record[f.key];
    const part = f.type === 'enum' ? (v === null || v === undefined ? '' : (f.options![str(v)] ?? '')) : str(v);
    text = i === 0 ? part : `${text} ${part}`;
  });
  out.push(foldVietnamese(text));
}

/** The keys of a new record (its field values as stored), but sort_unit (read from its unit in SQL), by column. */
export function newRowKeys(kind: ActivityKind, record: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: unknown[] = [];
  pushRowKeys(kind, record, values);
  const out: Record<string, string> = {};
  rowKeyColumns(kind).forEach((c, i) => (out[c] = values[i] as string));
  return out;
}

/** A unit's key as SQL, for a record's `unit_id` (activities.page.ts, where the lists compute it too). */
export { unitKeyOf };

// ---------------------------------------------------------------------------------------------
// Computed in SQL for the rows marked

const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Statement = KeysStatement;

function fillStatements(): Statement[] {
  const out: Statement[] = [{ sql: `UPDATE units SET sort_key = ${VI_SORT_KEY_SQL}(name) WHERE sort_key IS NULL`, parameters: [] }];
  for (const kind of ACTIVITY_KINDS) {
    const { fields } = ACTIVITY_KIND_INFO[kind].title;
    const titles = titleKeyColumns(kind).map(
      (c, i) => sql`${sql.id(c)} = ${sql.raw(VI_SORT_KEY_SQL)}(${shownText(kind, activityField(kind, fields[i] as string))})`,
    );
    const q = sql`
      UPDATE ${sql.table(ACTIVITY_TABLES[kind])} AS a
      SET sort_unit = ${unitKeyOf(sql.ref('a.unit_id'))}, ${sql.join(titles)},
          search_folded = ${sql.raw(FOLD_SQL)}(${ownSearchText(kind)})
      WHERE a.sort_title IS NULL`.compile(compiler);
    out.push({ sql: q.sql, parameters: q.parameters });
  }
  return out;
}

let statements: Statement[] | null = null;
const prepared = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement[]>();

/** Computes every key marked NULL (units first: their new keys are copied to their records). Rows changed. */
export function fillListKeys(raw: BetterSqlite3.Database): number {
  statements ??= fillStatements();
  let stmts = prepared.get(raw);
  if (!stmts) prepared.set(raw, (stmts = statements.map((s) => raw.prepare(s.sql))));
  let changed = 0;
  stmts.forEach((stmt, i) => (changed += stmt.run(statements![i]!.parameters).changes));
  return changed;
}

/**
 * Runs fillListKeys before every commit of this connection, ahead of what the hook did already (the
 * audit). While `deferred()` holds (the backfill of a file's unkeyed rows is running, see
 * ListKeysBackfill), the hook computes nothing: the backfill would find every row still unkeyed
 * and hold the commit for as long as the whole backfill; it finds the rows this commit marked
 * itself, and the lists read computed keys until it ends.
 */
export function installListKeys(conn: { raw: BetterSqlite3.Database; hooks: TransactionHooks }, deferred?: () => boolean): void {
  const next = conn.hooks.beforeCommit;
  conn.hooks.beforeCommit = () => {
    if (!deferred?.()) fillListKeys(conn.raw);
    next?.();
  };
}

/** After opening (and migrating): the keys no commit computed yet, in a transaction of their own. */
export function backfillListKeys(raw: BetterSqlite3.Database): number {
  raw.exec('BEGIN IMMEDIATE');
  try {
    const changed = fillListKeys(raw);
    raw.exec('COMMIT');
    return changed;
  } catch (err) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The backfill in chunks (a file upgraded to 0025, or many rows written by another program)

/** Units, then each kind's records, whose keys are to be computed (through the pending indexes). */
export function countPendingKeys(raw: BetterSqlite3.Database): number {
  const parts = ['SELECT count(*) FROM units WHERE sort_key IS NULL'];
  for (const kind of ACTIVITY_KINDS) parts.push(`SELECT count(*) FROM "${ACTIVITY_TABLES[kind]}" WHERE sort_title IS NULL`);
  return (raw.prepare(`SELECT ${parts.map((p) => `(${p})`).join(' + ')} AS n`).get() as { n: number }).n;
}

/**
 * The fill statements in bounded forms (keys-chunk.ts `KeysPlan`), so one statement's cost is bounded:
 * - `marked`: the first `?` rows still marked, found by the pending index (units: a few per step,
 *   each rewrites its records' `sort_unit` through the trigger of 0025; records: rows marked here
 *   and there, as edits leave them);
 * - `range` (records only): the marked rows of a range of rowids, for the sweep of a file whose
 *   rows are all marked (the upgrade): the table's pages are walked in order, each written once,
 *   where the pending index (by id, a UUID) would visit them in random order and rewrite each page
 *   in many small transactions.
 * Plain SQL text: the keys worker (db/keys-worker.ts) receives it as it is.
 */
let plan: KeysPlan | null = null;
export function keysPlan(): KeysPlan {
  statements ??= fillStatements();
  return (plan ??= statements.map((s, i) => {
    const table = i === 0 ? 'units' : ACTIVITY_TABLES[ACTIVITY_KINDS[i - 1]!];
    const marked = i === 0 ? 'sort_key IS NULL' : 'sort_title IS NULL';
    return {
      marked: { sql: `${s.sql} AND rowid IN (SELECT rowid FROM "${table}" WHERE ${marked} LIMIT ?)`, parameters: s.parameters },
      range: i === 0 ? null : { sql: `${s.sql} AND a.rowid > ? AND a.rowid <= ?`, parameters: s.parameters },
      maxRowid: i === 0 ? null : `SELECT ifnull(max(rowid), 0) AS m FROM "${table}"`,
    };
  }));
}

export { BACKFILL_ROWS_PER_STEP, BACKFILL_UNITS_PER_STEP, newBackfillCursor, type BackfillCursor, type ChunkResult };

/** One chunk of the backfill on this connection (keys-chunk.ts `runKeysChunk` with the lists' statements). */
export function fillListKeysChunk(
  raw: BetterSqlite3.Database,
  budgetMs: number,
  cursor: BackfillCursor,
  steps: ChunkSteps = { unitsPerStep: BACKFILL_UNITS_PER_STEP, rowsPerStep: BACKFILL_ROWS_PER_STEP },
): ChunkResult {
  return runKeysChunk(raw, keysPlan(), budgetMs, cursor, steps);
}

/**
 * Wall time of one chunk's steps (its COMMIT comes after). The chunks run on the keys worker, so
 * this bounds how long the app's writes wait for one (they wait at the write gate, asynchronously).
 */
export const BACKFILL_CHUNK_MS = 25;
/** Files with fewer unkeyed rows than this are keyed at open, in one transaction (≈ 60 ms of CPU here). */
export const BACKFILL_AT_OPEN_MAX = 2_000;

export interface BackfillOptions {
  /** The database file (the backfill writes on a connection of its own: no audit notes, no hooks). */
  file: string;
  /** Rows unkeyed when the file opened (countPendingKeys). */
  total: number;
  /**
   * Runs one chunk when it may write: through the backend's call gate (so a backup's copy is never
   * written under it), only when no transaction is open on the app's connections, and holding the
   * app connection's write gate while the chunk runs on the worker (the app's writes wait for it
   * asynchronously, never at the database).
   */
  run: (chunk: () => Promise<void>) => Promise<void>;
  budgetMs?: number;
  /** Rows per bounded statement (tests make them small); default BACKFILL_UNITS_PER_STEP / _ROWS_. */
  steps?: ChunkSteps;
  /** Tests only: awaited before each chunk (its number from 0), to hold the backfill at a known point. */
  beforeChunk?: (n: number) => Promise<void> | void;
  /** Tests only: run the chunks on the host's thread (what happens when the worker cannot start). */
  onHost?: boolean;
}

/** Where the chunks run: the keys worker (db/keys-offhost.ts), or this thread when it cannot start. */
interface ChunkRunner {
  chunk(budgetMs: number, steps: ChunkSteps | undefined): Promise<ChunkResult | 'busy'>;
  /** Stops now: the connection is closed when it returns. */
  close(): void;
  /** The backfill is over: closes without holding the host. */
  end(): Promise<void>;
}

/** The chunks on the host's thread, on a connection of its own (the fallback, and h16-open's way). */
class HostChunks implements ChunkRunner {
  readonly #raw: BetterSqlite3.Database;
  readonly #cursor = newBackfillCursor();
  constructor(file: string) {
    const raw = new BetterSqlite3(file, { fileMustExist: true });
    try {
      applyKeysPragmas(raw);
      registerFunctions(raw);
    } catch (err) {
      raw.close();
      throw err;
    }
    this.#raw = raw;
  }
  chunk(budgetMs: number, steps: ChunkSteps | undefined): Promise<ChunkResult | 'busy'> {
    if (!this.#raw.open) return Promise.resolve({ changed: 0, finished: false });
    try {
      return Promise.resolve(runKeysChunk(this.#raw, keysPlan(), budgetMs, this.#cursor, steps));
    } catch (err) {
      if (isBusy(err)) return Promise.resolve('busy');
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  close(): void {
    this.#raw.close();
  }
  end(): Promise<void> {
    this.close();
    return Promise.resolve();
  }
}

/** How many chunks ran on the keys worker and on the host (tests check where they ran). */
export const KEYS_CHUNKS = { onWorker: 0, onHost: 0 };

/**
 * The keys of a file's unkeyed rows (the first open after the upgrade to 0025: every row), computed
 * after the host is up, in chunks of BACKFILL_CHUNK_MS each in its own transaction, on the keys
 * worker's thread (db/keys-worker.ts; on the host's only if the worker cannot start), with a turn
 * of the host's loop between chunks. Meanwhile:
 * - the commit hooks compute nothing (installListKeys `deferred`): the rows an edit marks are found
 *   by a later chunk;
 * - the lists read the keys computed in SQL, as the fill computes them (activities.page.ts
 *   `keyed: false`): the same results, slower;
 * - `progress()` says how far it is (the lists show it, activities.keysProgress).
 * Closing the app stops it between chunks (a chunk running commits what it did and returns); the
 * rows still marked are found at the next open.
 */
export class ListKeysBackfill {
  readonly #opts: BackfillOptions;
  #runner: ChunkRunner | null = null;
  #done = 0;
  #running = true;
  #stopped = false;
  readonly #ended: Promise<void>;

  constructor(opts: BackfillOptions) {
    this.#opts = opts;
    this.#ended = this.#loop().catch((err: unknown) => {
      // The lists keep reading computed keys (correct, slower); the next open tries again.
      console.error('list keys: the backfill stopped', err);
    });
  }

  /** Still running: the lists must not trust the stored keys yet. */
  running(): boolean {
    return this.#running;
  }

  /** Rows keyed so far of those found unkeyed (null once the backfill is over). */
  progress(): { done: number; total: number } | null {
    return this.#running ? { done: this.#done, total: Math.max(this.#opts.total, this.#done) } : null;
  }

  /** Resolves when the backfill is over (or stopped). */
  settled(): Promise<void> {
    return this.#ended;
  }

  /**
   * Stops between chunks and closes its connection (the app closes, or a restore swaps the file).
   * The worker's connection is closed when this returns (a chunk running on it commits first).
   */
  stop(): void {
    this.#stopped = true;
    this.#runner?.close();
    this.#runner = null;
  }

  /** The keys worker, started; the host's own connection if it cannot start. */
  async #start(): Promise<ChunkRunner | null> {
    if (!this.#opts.onHost) {
      const worker = new KeysWorker(this.#opts.file, keysPlan());
      this.#runner = worker;
      try {
        await worker.ready;
        return this.#stopped ? null : worker;
      } catch (err) {
        worker.close();
        if (this.#stopped) return null;
        console.error('list keys: the keys worker did not start; the chunks run on the host', err);
      }
    }
    const host = new HostChunks(this.#opts.file);
    this.#runner = host;
    return host;
  }

  async #loop(): Promise<void> {
    try {
      const runner = await this.#start();
      if (!runner) return;
      const onWorker = runner instanceof KeysWorker;
      for (let n = 0; !this.#stopped && this.#running; n++) {
        // A turn of the host's loop between chunks (setImmediate runs after pending I/O).
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.#opts.beforeChunk?.(n);
        if (this.#stopped) break;
        let busy = false;
        await this.#opts.run(async () => {
          if (this.#stopped) return;
          const r = await runner.chunk(this.#opts.budgetMs ?? BACKFILL_CHUNK_MS, this.#opts.steps);
          if (this.#stopped) return;
          if (onWorker) KEYS_CHUNKS.onWorker++;
          else KEYS_CHUNKS.onHost++;
          if (r === 'busy') busy = true;
          else {
            this.#done += r.changed;
            if (r.finished) this.#running = false;
          }
        });
        // Another program writes the file: try again a little later.
        if (busy) await new Promise<void>((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      const runner = this.#runner;
      this.#runner = null;
      this.#stopped = true;
      if (runner) await runner.end();
    }
  }
}
