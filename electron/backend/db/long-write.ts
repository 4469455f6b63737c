/**
 * Long write transactions that do not hold the host (issue 16 item 3): freezing a year (8.600
 * sealed rows) and committing a large Excel import stay all-or-nothing — one transaction — but that
 * transaction runs on a second connection to the same file and yields between statements.
 *
 * - Readers go on: the app's connection reads the last committed state (WAL) while the long write
 *   is open, so lists, the board and app.info answer during it.
 * - Writers wait: the gate (db/write-gate.ts) is held for the whole transaction; the app's
 *   connection waits for it before BEGIN and before a write outside a transaction (db/open.ts), and
 *   dispatch keeps calls that write from starting meanwhile (index.ts). No writer ever meets
 *   SQLITE_BUSY, whose wait would hold the thread.
 * - The transaction begins IMMEDIATE once the app's connection has no transaction open, so nothing
 *   can commit between its first read and its first write.
 * - Between statements (and every 100 rows of a batch) it calls the job's checkpoint: it yields
 *   once the slice has run 50 ms and throws CANCELLED once cancelled, which rolls everything back.
 *   A crash in the middle leaves the uncommitted frames in the -wal, which SQLite ignores.
 * - The audit log's triggers and its entry before COMMIT are installed on this connection too,
 *   moving the app connection's table generations (the caches' invalidation).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { applyPragmas, kyselyOver, registerFunctions, type OpenedDatabase, type TransactionHooks } from './open';

export interface LongWriteConnection {
  raw: BetterSqlite3.Database;
  hooks: TransactionHooks;
  generations: OpenedDatabase['generations'];
}

/** Sets up what every write connection needs besides the pragmas (the audit log): given by index.ts. */
export type InstallWriter = (conn: LongWriteConnection) => void;

/** What a long write's body receives: the transaction, and the data stamp of the app's connection now. */
export type LongWriteBody<T> = (trx: Kysely<Database>, stamp: () => Promise<string>) => Promise<T>;

export class LongWriter {
  private conn: { raw: BetterSqlite3.Database; db: Kysely<Database> } | null = null;
  private pause: (() => Promise<void>) | null = null;

  /**
   * `afterWrite`: called once a long write has ended (committed or not) and released the gate — the
   * WAL's checkpoint of what it wrote, on a worker (db/checkpointer.ts).
   */
  constructor(
    private readonly main: OpenedDatabase,
    private readonly install: InstallWriter,
    private readonly afterWrite: () => void = () => {},
  ) {}

  /** True while a long write holds the file. */
  busy(): boolean {
    return this.main.gate.busy();
  }

  idle(): Promise<void> {
    return this.main.gate.idle();
  }

  /**
   * The app connection's data stamp (repos/data-stamp.repo.ts, same text): rows it changed, and
   * SQLite's data_version (commits of other connections, this one's included). Read on the raw
   * connection: its Kysely may be held by a call waiting for this very write.
   */
  stamp(): string {
    const changes = this.main.raw.prepare('SELECT total_changes() AS c').get() as { c: number };
    const version = Number(this.main.raw.pragma('data_version', { simple: true }));
    return `${changes.c}:${version}`;
  }

  /** Runs `body` in one transaction on the long-write connection, pausing with `pause` between statements. */
  async run<T>(pause: () => Promise<void>, body: LongWriteBody<T>): Promise<T> {
    try {
      return await this.write(pause, body);
    } finally {
      this.afterWrite();
    }
  }

  private write<T>(pause: () => Promise<void>, body: LongWriteBody<T>): Promise<T> {
    return this.main.gate.hold(async () => {
      // A transaction the app's connection opened before the gate closed finishes first.
      while (this.main.raw.inTransaction) await new Promise((resolve) => setTimeout(resolve, 5));
      const conn = this.open();
      this.pause = pause;
      try {
        return await conn.db.transaction().execute(async (trx) => {
          // One turn for the host right after BEGIN: even a short write lets waiting reads through.
          await new Promise((resolve) => setImmediate(resolve));
          return body(trx, () => Promise.resolve(this.stamp()));
        });
      } finally {
        this.pause = null;
      }
    });
  }

  private open(): { raw: BetterSqlite3.Database; db: Kysely<Database> } {
    if (this.conn) return this.conn;
    const raw = new BetterSqlite3(this.main.path, { fileMustExist: true });
    try {
      applyPragmas(raw);
      registerFunctions(raw);
      const hooks: TransactionHooks = { beforeCommit: null };
      this.install({ raw, hooks, generations: this.main.generations });
      const db = kyselyOver(raw, hooks, { immediate: true, pause: () => this.pause });
      this.conn = { raw, db };
      return this.conn;
    } catch (err) {
      raw.close();
      throw err;
    }
  }

  /** Closes the second connection (before the app's connection closes or the file is replaced). */
  close(): void {
    this.conn?.raw.close();
    this.conn = null;
  }
}
