/**
 * Opening the office's database file: checks the folder and the file before anything writes to
 * them (ours, not newer than this app, not empty, not a foreign schema, not damaged), then sets the
 * pragmas every connection needs (architecture.md §3). Every refusal is a Vietnamese AppError that
 * says what to do; the low-level error it explains stays attached as `cause` for the log.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { Database } from './schema';
import { AppError } from '../errors';
import { openStorageError, withCause } from './failures';
import { BACKUP_FOLDER, DB_TEXTS } from './texts';
import { isBatchQuery, runBatch, runBatchPausing } from './batch';
import { registerFunctions } from './sql-functions';
import { TableGenerations } from './generations';
import { WriteGate } from './write-gate';

/** 'ANTQ' as a 32-bit big-endian integer, stored in the SQLite header's application_id. */
export const APPLICATION_ID = 0x414e5451;

export interface OpenedDatabase {
  raw: BetterSqlite3.Database;
  db: Kysely<Database>;
  path: string;
  /** Set once the audit log is installed (audit/recorder.ts); see TransactionHooks. */
  hooks: TransactionHooks;
  /** Per-table write counters for caches, moved by the audit hook (db/generations.ts). */
  generations: TableGenerations;
  /**
   * Held while a long write runs on the second connection (db/long-write.ts): a transaction or a
   * write on this connection waits for it (never an SQLITE_BUSY wait that would hold the thread).
   */
  gate: WriteGate;
}

/**
 * How a connection's Kysely driver behaves. The app's connection waits at `gate` before it begins
 * a transaction or writes alone; the long-write connection begins with BEGIN IMMEDIATE and calls
 * `pause()` between statements (and every few rows of a batch), so its one transaction yields to
 * the host and stops (rolled back) when the job is cancelled.
 */
export interface DriverOptions {
  gate?: WriteGate;
  immediate?: boolean;
  pause?: () => (() => Promise<void>) | null;
}

/**
 * Work that must be part of every write transaction on this connection: `beforeCommit` runs
 * inside each Kysely transaction right before its COMMIT (an error there rolls the whole
 * transaction back), and a write sent outside any transaction is wrapped in one so it runs too.
 * The audit log appends its entry here, in the same transaction as the change (issue 15 item 3).
 */
export interface TransactionHooks {
  beforeCommit: (() => void) | null;
}

export interface FileHeader {
  applicationId: number;
  userVersion: number;
  /** Pages in the main file: more than one means it already holds a schema. */
  pageCount: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function backupDirOf(file: string): string {
  return path.join(path.dirname(file), BACKUP_FOLDER);
}

/**
 * Reads application_id and user_version without writing anything. The 100-byte SQLite header is
 * read directly: opening a WAL database even read-only would create -wal/-shm files beside it.
 * Only when a -wal file already exists (the header may be behind it) does SQLite itself read it.
 * A missing file is null (a new office); an empty one or a folder in its place is refused.
 */
export function readHeader(file: string): FileHeader | null {
  if (!fs.existsSync(file)) return null;
  const name = path.basename(file);
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new AppError('INTERNAL', DB_TEXTS.fileIsFolder(name, path.dirname(file)));
  const notDb = () => new AppError('INTERNAL', DB_TEXTS.notDatabase(name));
  if (stat.size === 0) throw new AppError('INTERNAL', DB_TEXTS.emptyFile(name, backupDirOf(file)));
  if (stat.size < 100) throw notDb();
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw notDb();
  const fromFile: FileHeader = {
    userVersion: header.readUInt32BE(60),
    applicationId: header.readUInt32BE(68),
    pageCount: header.readUInt32BE(28),
  };
  if (!fs.existsSync(`${file}-wal`)) return fromFile;
  const ro = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      applicationId: Number(ro.pragma('application_id', { simple: true })),
      userVersion: Number(ro.pragma('user_version', { simple: true })),
      pageCount: Number(ro.pragma('page_count', { simple: true })),
    };
  } catch {
    throw notDb();
  } finally {
    ro.close();
  }
}

/**
 * Refuses a file that belongs to another program, to a newer version of this app, or that carries
 * our id but a schema no version of this app wrote. Called before the read-write open, so a refused
 * file is left exactly as it was.
 */
export function assertOpenable(header: FileHeader | null, latestVersion: number, file: string): void {
  if (!header) return;
  const name = path.basename(file);
  // A file with no application id is ours only while it is still empty (set at the first open).
  const empty = header.applicationId === 0 && header.userVersion === 0 && header.pageCount <= 1;
  if (!empty && header.applicationId !== APPLICATION_ID) throw new AppError('INTERNAL', DB_TEXTS.notOurs(name));
  // Migration 1 creates the tables and sets user_version 1 in one transaction, so a file of ours
  // at version 0 has no pages beyond the header page: more means someone else's schema.
  if (header.applicationId === APPLICATION_ID && header.userVersion === 0 && header.pageCount > 1) {
    throw new AppError('INTERNAL', DB_TEXTS.foreignSchema(name));
  }
  if (header.userVersion > latestVersion) {
    throw new AppError('INTERNAL', DB_TEXTS.newerVersion(name, header.userVersion, latestVersion));
  }
}

/**
 * The data folder must be a folder we can write in (the database needs its -wal/-shm files beside
 * it). Creates it when missing; refuses a file in its place and a read-only folder.
 */
export function ensureDataFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw withCause(DB_TEXTS.folderIsFile(dir), err);
    throw openStorageError(err, dir, '', backupDirOf(path.join(dir, 'x')));
  }
  if (!fs.statSync(dir).isDirectory()) throw new AppError('INTERNAL', DB_TEXTS.folderIsFile(dir));
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw withCause(DB_TEXTS.readOnly(dir), err);
  }
}

/**
 * PRAGMA quick_check over the whole file (every page, every b-tree, without the index-content
 * comparison of integrity_check). A damaged file is refused before anything writes to it.
 */
export function assertIntact(raw: BetterSqlite3.Database, file: string): void {
  const rows = raw.pragma('quick_check') as { quick_check: string }[];
  assertQuickCheck(
    rows.map((r) => r.quick_check),
    file,
  );
}

/** Refuses the file unless quick_check's rows are "ok" alone (the damage found kept as the cause, for the log). */
export function assertQuickCheck(rows: readonly string[], file: string): void {
  if (rows.length === 1 && rows[0] === 'ok') return;
  const found = rows.slice(0, 5).join('; ');
  throw withCause(DB_TEXTS.damaged(path.basename(file), backupDirOf(file)), new Error(`quick_check: ${found}`));
}

export function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('trusted_schema = OFF');
  raw.pragma('busy_timeout = 5000');
  // A deleted or overwritten value (an informant cleared, a deleted tip's informant) is zeroed in
  // the file, not left in a free page (issue 15 item 2; docs/decisions.md (h15-crypt)).
  raw.pragma('secure_delete = ON');
  if (Number(raw.pragma('application_id', { simple: true })) === 0) {
    raw.pragma(`application_id = ${APPLICATION_ID}`);
  }
}

// The SQL functions (antq_vi_sort_key, antq_has_words, antq_fold) live in sql-functions.ts, which the read-only
// worker (reader-worker.ts) bundles too; re-exported here for the repos that name them.
export { FOLD_SQL, HAS_WORDS_SQL, registerFunctions, VI_SORT_KEY_SQL } from './sql-functions';

/**
 * Kysely's SQLite driver always sends ROLLBACK when a transaction fails. SQLite has already rolled
 * the whole transaction back itself after some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM), so
 * that ROLLBACK fails with "no transaction is active" and replaces the real cause. This driver
 * skips the ROLLBACK when no transaction is open, so the original error is the one thrown.
 */
/** Kysely's SQLite connection, plus batches (db/batch.ts): one statement prepared once, run for many parameter rows. */
const CONTROL = /^\s*(commit|rollback|end|release|savepoint|begin)\b/i;

class BatchingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly raw: BetterSqlite3.Database,
    private readonly hooks: TransactionHooks,
    private readonly options: DriverOptions = {},
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Never before COMMIT or ROLLBACK: a cancel there would leave the transaction open.
    const pause = this.raw.inTransaction && !CONTROL.test(query.sql) ? (this.options.pause?.() ?? null) : null;
    if (pause) {
      await pause();
      if (isBatchQuery(query)) return (await runBatchPausing(this.raw, query, pause)) as QueryResult<R>;
    }
    const hook = this.hooks.beforeCommit;
    if (hook && !this.raw.inTransaction) {
      const gate = this.options.gate;
      if (gate?.busy() && !this.raw.prepare(query.sql).readonly) await gate.idle();
      return this.runAlone(query, hook) as QueryResult<R>;
    }
    if (isBatchQuery(query)) return runBatch(this.raw, query) as QueryResult<R>;
    return this.inner.executeQuery<R>(query);
  }
  /** A query outside any transaction: a write gets its own transaction, with the hook before its commit. */
  private runAlone(query: CompiledQuery, hook: () => void): QueryResult<unknown> {
    const stmt = this.raw.prepare(query.sql);
    const run = (): QueryResult<unknown> => {
      if (isBatchQuery(query)) return runBatch(this.raw, query);
      if (stmt.reader) return { rows: stmt.all(query.parameters) };
      const { changes, lastInsertRowid } = stmt.run(query.parameters);
      return { rows: [], insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes) };
    };
    // BEGIN, COMMIT, ROLLBACK and every read are read-only statements: they run as they are.
    if (stmt.readonly) return run();
    this.raw.exec('BEGIN IMMEDIATE');
    try {
      const result = run();
      hook();
      this.raw.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw err;
    }
  }
  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class SafeRollbackDriver extends SqliteDriver {
  readonly #raw: BetterSqlite3.Database;
  readonly #hooks: TransactionHooks;
  readonly #options: DriverOptions;
  #connection: BatchingConnection | null = null;
  constructor(raw: BetterSqlite3.Database, hooks: TransactionHooks, options: DriverOptions) {
    super({ database: raw });
    this.#raw = raw;
    this.#hooks = hooks;
    this.#options = options;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    if (this.#connection?.inner !== inner) this.#connection = new BatchingConnection(inner, this.#raw, this.#hooks, this.#options);
    return this.#connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Not in the middle of another call's transaction: the gate is only waited for at BEGIN.
    if (this.#options.gate && !this.#raw.inTransaction) await this.#options.gate.idle();
    if (this.#options.immediate) {
      // Straight on the connection: through executeQuery a write outside a transaction is wrapped in one.
      this.#raw.exec('BEGIN IMMEDIATE');
      return;
    }
    await super.beginTransaction(connection);
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#hooks.beforeCommit && this.#raw.inTransaction) this.#hooks.beforeCommit();
    await super.commitTransaction(connection);
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class SafeRollbackDialect extends SqliteDialect {
  readonly #raw: BetterSqlite3.Database;
  readonly #hooks: TransactionHooks;
  readonly #options: DriverOptions;
  constructor(raw: BetterSqlite3.Database, hooks: TransactionHooks, options: DriverOptions) {
    super({ database: raw });
    this.#raw = raw;
    this.#hooks = hooks;
    this.#options = options;
  }
  override createDriver(): Driver {
    return new SafeRollbackDriver(this.#raw, this.#hooks, this.#options);
  }
}

/** A Kysely instance over a raw connection, with the app's driver (hooks, batches, the options above). */
export function kyselyOver(raw: BetterSqlite3.Database, hooks: TransactionHooks, options: DriverOptions = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SafeRollbackDialect(raw, hooks, options) });
}

export function openDatabase(file: string, latestVersion: number): OpenedDatabase {
  const header = checkBeforeOpen(file, latestVersion);
  return openAfterChecks(file, header, true);
}

/** The folder and the file's header, checked before anything opens the file (nothing written). */
export function checkBeforeOpen(file: string, latestVersion: number): FileHeader | null {
  ensureDataFolder(path.dirname(file));
  const header = readHeader(file);
  assertOpenable(header, latestVersion, file);
  return header;
}

/** Opens the app's connection on a file checkBeforeOpen passed; `quickCheck` false when it was checked already (open-checked.ts). */
export function openAfterChecks(file: string, header: FileHeader | null, quickCheck: boolean): OpenedDatabase {
  const dir = path.dirname(file);
  const fail = (err: unknown) => openStorageError(err, dir, path.basename(file), backupDirOf(file));
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
  } catch (err) {
    throw fail(err);
  }
  try {
    if (header && quickCheck) assertIntact(raw, file);
    applyPragmas(raw);
    registerFunctions(raw);
  } catch (err) {
    raw.close();
    throw fail(err);
  }
  const hooks: TransactionHooks = { beforeCommit: null };
  const gate = new WriteGate();
  const db = kyselyOver(raw, hooks, { gate });
  return { raw, db, path: file, hooks, generations: new TableGenerations(), gate };
}
