/**
 * Heavy reads off the host's thread (issue 16 item 3). better-sqlite3 runs a statement to its end
 * on the thread that calls it, so one long SELECT (the board's slices, the period GROUP BYs, a list's
 * first count) holds the host for seconds, and no yielding between statements can split it. A
 * `Reader` is a Kysely whose driver posts each compiled query to a worker_threads thread
 * (reader-worker.ts) with its own read-only connection to the same file: the host compiles, the
 * worker runs, the rows come back by structured clone. See docs/decisions.md (h16-reader).
 *
 * - Only reads: no transaction (a read that must see a write transaction's own rows stays on that
 *   transaction), and the worker refuses any statement that returns no rows, with query_only on.
 *   The SQL it runs is only ever what the host's own Kysely compiled; nothing comes from the screen.
 * - Consistency: WAL gives each statement the last committed state when it starts, which is after
 *   every commit made before the host posted it. Caches keyed on table generations take their key
 *   before the read; a commit landing in between makes the read newer than its key, which is
 *   harmless (the key has already moved, the entry is read again next time).
 * - The worker is started on the first read, or as the file opens where the shell asks (`start()`,
 *   BackendOptions.readerAtOpen), and kept (ref'd only while reads are pending). If it
 *   cannot start (no bundle found, a packaged app that cannot load it), reads run on the app's
 *   connection as before (`fallback`), so the worst case is the old behaviour, never a failure.
 * - No cancel of a running statement (better-sqlite3 has no interrupt): long work cancels between
 *   reads, as before. Closing the file terminates the worker (close()); a statement in flight then
 *   finishes on the worker's thread before it exits, which close() waits for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema';
import type { ReaderReply, ReaderRequest } from './reader-protocol';

/** The worker's bundle, beside the Electron main and web host bundles (scripts/build.mjs). */
export const READER_WORKER_FILE = 'reader-worker.cjs';
const WORKER_SOURCE = path.join('electron', 'backend', 'db', 'reader-worker.ts');

function moduleDir(): string | null {
  if (typeof __dirname === 'string' && __dirname) return __dirname;
  const url: unknown = (import.meta as { url?: unknown }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return null;
}

/** The project whose source holds the worker: this module's own (unbundled), else up from the working directory. */
function sourceRoot(here: string | null): string | null {
  if (here && fs.existsSync(path.join(here, 'reader-worker.ts'))) return path.resolve(here, '..', '..', '..');
  let dir = path.resolve(process.cwd());
  for (;;) {
    if (fs.existsSync(path.join(dir, WORKER_SOURCE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let built: Promise<string> | null = null;

/**
 * Bundles reader-worker.ts with esbuild (where TypeScript is not bundled: vitest, the benches) into
 * node_modules/.cache/antq-reader/reader-worker-<content hash>.cjs, inside the project so the bundle
 * resolves better-sqlite3; the hash keeps checkouts that share one node_modules apart.
 */
async function buildWorker(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, WORKER_SOURCE)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(root, 'node_modules', '.cache', 'antq-reader');
  const file = path.join(dir, `reader-worker-${hash}.cjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Several test processes may build at once: each writes its own file and renames it into place.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  return file;
}

/**
 * Where the worker's bundle is: reader-worker.cjs beside this module's bundle (npm run build), or
 * one built from source on first use (tests, benches). Rejects when neither is possible.
 */
export function readerWorkerPath(): Promise<string> {
  const here = moduleDir();
  if (here) {
    const bundled = path.join(here, READER_WORKER_FILE);
    if (fs.existsSync(bundled)) return Promise.resolve(bundled);
  }
  if (!built) {
    const root = sourceRoot(here);
    built = root
      ? buildWorker(root)
      : Promise.reject(new Error(`reader: no ${READER_WORKER_FILE} beside ${here ?? '?'} and no source to build it from`));
    built.catch(() => (built = null));
  }
  return built;
}

/** Runs a read on the app's own connection: used when the worker cannot start. */
export type ReadFallback = (sql: string, parameters: readonly unknown[]) => Record<string, unknown>[];

interface Pending {
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (err: Error) => void;
  /** The slices received so far (reader-protocol.ts: a large result comes in several messages). */
  rows: Record<string, unknown>[];
}

/**
 * Resolves on the worker's first message (its "ready"); rejects if it fails or exits before it
 * (`who` names it in the error). The listeners are removed once it is ready.
 */
export function workerReady(worker: Worker, who: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const early = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
    const earlyExit = (code: number) => reject(new Error(`${who}: the worker exited with code ${code} before it was ready`));
    worker.once('error', early);
    worker.once('exit', earlyExit);
    worker.once('message', () => {
      worker.off('error', early);
      worker.off('exit', earlyExit);
      resolve();
    });
  });
}

/** How long a synchronous close waits for a worker's connection to close (the end of a step running). */
const CLOSE_WAIT_MS = 5_000;

/**
 * A worker's synchronous close (the keys backfill's, the checkpoint worker's): posts `request` (the
 * worker closes its connection and sets `flags[flag]`), waits for the flag, bounded, so that when the
 * caller returns no connection of the worker is left on the file, then ends the thread.
 */
export function closeWorkerAndWait(worker: Worker, request: unknown, flags: Int32Array, flag: number, who: string): void {
  worker.postMessage(request);
  try {
    Atomics.wait(flags, flag, 0, CLOSE_WAIT_MS);
  } catch (err) {
    // A thread that may not block (not Node's or Electron's main thread): the connection then
    // closes when the worker handles the request, just after.
    console.error(`${who}: close could not wait for the connection to close`, err);
  }
  void worker.terminate();
}

/** An error thrown on a worker's thread, rebuilt on the host with its SQLite code and name (reader, keys backfill). */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    name: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** The worker and its queue of pending reads. */
export class Reader {
  readonly db: Kysely<Database>;
  #worker: Worker | null = null;
  #starting: Promise<Worker | null> | null = null;
  #pending = new Map<number, Pending>();
  #next = 1;
  #closed = false;
  #exited: Promise<void> = Promise.resolve();
  /** Set when the worker could not start: reads go to the fallback from then on. */
  #broken = false;
  /** Reads run on the worker since it started (tests check that reads really went there). */
  ran = 0;

  constructor(
    private readonly file: string,
    private readonly fallback: ReadFallback,
    private readonly workerPath: () => Promise<string> = readerWorkerPath,
    /** Open the file read-write (query_only still on): see quickCheckOffHost's `writable`. */
    private readonly writable = false,
  ) {
    this.db = new Kysely<Database>({ dialect: new ReaderDialect(this) });
  }

  /** Reads posted and not yet answered. */
  inFlight(): number {
    return this.#pending.size;
  }

  /** True once the worker could not start (reads then run on the app's connection). */
  broken(): boolean {
    return this.#broken;
  }

  /**
   * Starts the worker now, without a read (the app's shells do it as the file opens, so the first
   * screen's heavy read does not wait for the thread's start). Nothing is posted: `ran` is unchanged,
   * and a worker that cannot start leaves reads on the fallback, as a first read would.
   */
  start(): void {
    if (this.#closed || this.#worker) return;
    void this.#start();
  }

  async run(sql: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> {
    if (this.#closed) throw new Error('reader: the file is closed');
    const worker = this.#worker ?? (await this.#start());
    if (!worker) {
      if (this.#closed) throw new Error('reader: the file is closed');
      return this.fallback(sql, parameters);
    }
    const id = this.#next++;
    const rows = new Promise<Record<string, unknown>[]>((resolve, reject) => this.#pending.set(id, { resolve, reject, rows: [] }));
    worker.ref();
    worker.postMessage({ id, sql, parameters } satisfies ReaderRequest);
    return rows;
  }

  #start(): Promise<Worker | null> {
    if (this.#broken) return Promise.resolve(null);
    this.#starting ??= this.#spawn().then(
      (worker) => {
        this.#starting = null;
        return worker;
      },
      (err: unknown) => {
        this.#starting = null;
        this.#broken = true;
        console.error('reader: the read-only worker did not start; reads run on the app connection', err);
        return null;
      },
    );
    return this.#starting;
  }

  async #spawn(): Promise<Worker | null> {
    const file = await this.workerPath();
    if (this.#closed) return null;
    const worker = new Worker(file, { workerData: { file: this.file, writable: this.writable } });
    let exited!: () => void;
    this.#exited = new Promise((resolve) => (exited = resolve));
    await workerReady(worker, 'reader').catch((err: unknown) => {
      exited();
      throw err;
    });
    worker.on('message', (reply: ReaderReply) => this.#answer(reply));
    worker.on('error', (err) => this.#lost(err));
    worker.on('exit', (code) => {
      exited();
      if (this.#worker === worker) this.#worker = null;
      if (this.#pending.size > 0) this.#lost(new Error(`reader: the worker exited with code ${code}`));
    });
    worker.unref();
    if (this.#closed) {
      await worker.terminate();
      return null;
    }
    this.#worker = worker;
    return worker;
  }

  #answer(reply: ReaderReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if ('error' in reply) {
      this.#settled(reply.id);
      pending.reject(new WorkerError(reply.error.message, reply.error.code, reply.error.name));
      return;
    }
    const { rows, blobs } = reply;
    // Structured clone gives back Uint8Arrays; the app's code expects better-sqlite3's Buffers.
    for (const col of blobs) {
      for (const row of rows) {
        const v = row[col];
        if (v instanceof Uint8Array) row[col] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      }
    }
    if (pending.rows.length === 0) pending.rows = rows;
    else for (const row of rows) pending.rows.push(row);
    if (!reply.done) {
      // The next slice in a later turn, so the host answers others between two slices.
      setImmediate(() => this.#worker?.postMessage({ id: reply.id, next: true } satisfies ReaderRequest));
      return;
    }
    this.#settled(reply.id);
    this.ran++;
    pending.resolve(pending.rows);
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker?.unref();
  }

  /** The worker died (an uncaught error): every pending read fails; the next read starts a new worker. */
  #lost(err: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(err);
  }

  /**
   * Stops the worker (the file closes or is replaced). Resolves once its thread has exited and so
   * closed its connection; reads still pending fail.
   */
  async close(): Promise<void> {
    this.#closed = true;
    // A worker still starting sees #closed once ready and terminates itself.
    if (this.#starting) await this.#starting;
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      // The connection is closed on the worker's thread (after the reads posted before), then the
      // thread ends: a thread's end alone leaves the file's descriptor to a later clean-up.
      const id = this.#next++;
      await new Promise<void>((resolve) => {
        this.#pending.set(id, { resolve: () => resolve(), reject: () => resolve(), rows: [] });
        worker.ref();
        worker.postMessage({ id, close: true } satisfies ReaderRequest);
      });
      await worker.terminate();
    }
    await this.#exited;
    this.#lost(new Error('reader: the file was closed'));
  }
}

class ReaderConnection implements DatabaseConnection {
  constructor(private readonly reader: Reader) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.reader.run(query.sql, query.parameters)) as R[] };
  }
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('reader: streaming is not supported');
  }
}

const NO_TRANSACTION = 'reader: read-only, no transactions (a read inside a write transaction stays on it)';

class ReaderDriver implements Driver {
  readonly #connection: ReaderConnection;
  constructor(private readonly reader: Reader) {
    this.#connection = new ReaderConnection(reader);
  }
  async init(): Promise<void> {}
  // One connection for every caller: the worker answers reads in the order they were posted.
  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(this.#connection);
  }
  beginTransaction(): Promise<void> {
    return Promise.reject(new Error(NO_TRANSACTION));
  }
  commitTransaction(): Promise<void> {
    return Promise.reject(new Error(NO_TRANSACTION));
  }
  rollbackTransaction(): Promise<void> {
    return Promise.reject(new Error(NO_TRANSACTION));
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.reader.close();
  }
}

class ReaderDialect implements Dialect {
  constructor(private readonly reader: Reader) {}
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new ReaderDriver(this.reader);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * PRAGMA quick_check of a copy of the database (a backup's file, the inbox's copy before an apply)
 * or of the office's file before it opens (db/open.ts `openDatabaseChecked`), on a worker of its
 * own, started for that file and closed after: the check reads every page (≈ 0.5 s for 300 MB,
 * 1.5 s for 1 GB here) on the worker's thread, never the host's. If the worker cannot start, the
 * check runs on the host as before. Returns quick_check's rows ("ok" alone when the file is sound);
 * an error (a file SQLite cannot read) is thrown with SQLite's code.
 * `writable`: the connection is opened read-write (query_only on), as the app's own open does, so
 * the -wal/-shm SQLite creates beside a WAL file are removed when it closes: a refused file is left
 * with nothing created beside it.
 */
/** How many quick_checks ran on a worker (tests check that the check really went there). */
export const QUICK_CHECKS = { onWorker: 0, /** reads of quickCheckThenOffHost's `more` run on the worker */ moreOnWorker: 0 };

export async function quickCheckOffHost(file: string, options: { writable?: boolean } = {}): Promise<string[]> {
  return (await quickCheckThenOffHost(file, null, options)).rows;
}

/** A read on the worker of quickCheckThenOffHost: the rows of one statement. */
export type WorkerRead = (sql: string, parameters: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * quickCheckOffHost, then — only when quick_check answered "ok" alone — `more` with reads on the
 * same worker before it closes (a backup's counts per registry: docs/decisions-h20-blocks.md). What
 * `more` throws is returned as a rejected result, not thrown: the caller decides when it counts.
 */
export async function quickCheckThenOffHost<T>(
  file: string,
  more: ((read: WorkerRead) => Promise<T>) | null,
  options: { writable?: boolean } = {},
): Promise<{ rows: string[]; more: PromiseSettledResult<T> | null }> {
  const writable = options.writable ?? false;
  const reader = new Reader(
    file,
    (sql, parameters) => {
      const conn = new BetterSqlite3(file, { readonly: !writable, fileMustExist: true });
      try {
        return conn.prepare(sql).all(parameters) as Record<string, unknown>[];
      } finally {
        conn.close();
      }
    },
    readerWorkerPath,
    writable,
  );
  try {
    const rows = (await reader.run('SELECT quick_check FROM pragma_quick_check', [])).map((r) => String(r['quick_check']));
    QUICK_CHECKS.onWorker += reader.ran;
    if (more === null || rows.length !== 1 || rows[0] !== 'ok') return { rows, more: null };
    const ran = reader.ran;
    const [settled] = await Promise.allSettled([more((sql, parameters) => reader.run(sql, parameters))]);
    QUICK_CHECKS.moreOnWorker += reader.ran - ran;
    return { rows, more: settled };
  } finally {
    await reader.close();
  }
}
