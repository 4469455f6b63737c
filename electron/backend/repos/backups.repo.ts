/**
 * Reads of a backup file on its own read-only connection (not the app's Kysely instance): the
 * header fields the checks compare, quick_check, and the live records per registry it holds.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { encryptedTables } from '../../../shared/domain/table-registry';
import { BACKUP_COUNTED, type BackupCounted } from '../../../shared/ipc/contracts/backups.contract';

export function headerOf(conn: BetterSqlite3.Database): { applicationId: number; userVersion: number } {
  return {
    applicationId: Number(conn.pragma('application_id', { simple: true })),
    userVersion: Number(conn.pragma('user_version', { simple: true })),
  };
}

/** The rows of PRAGMA quick_check ("ok" alone when the file is sound). */
export function quickCheckRows(conn: BetterSqlite3.Database): string[] {
  return (conn.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
}

/** The rows of one statement, on the host's connection to a copy or on a worker's (backup-file.ts). */
type ReadRows = (sql: string, parameters: readonly unknown[]) => Record<string, unknown>[];
type ReadRowsAsync = (sql: string, parameters: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const TABLE_EXISTS = "SELECT 1 AS present FROM sqlite_schema WHERE type = 'table' AND name = ?";
const TABLE_COLUMNS = 'SELECT name FROM pragma_table_info(?)';

/** The count of a counted table's live records (its rows, when it has no deleted_at). */
function liveCountSql(table: string, columns: readonly Record<string, unknown>[]): string {
  const live = columns.some((c) => c['name'] === 'deleted_at') ? ' WHERE deleted_at IS NULL' : '';
  return `SELECT count(*) AS n FROM "${table}"${live}`;
}

/** The counts of clear values, one per encrypted column the file's table has. */
function clearCountSqls(table: string, encrypted: readonly string[], columns: readonly Record<string, unknown>[]): string[] {
  const present = new Set(columns.map((c) => String(c['name'])));
  return encrypted
    .filter((c) => present.has(c))
    .map((column) => `SELECT count(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL AND substr("${column}", 1, 5) <> 'enc1:'`);
}

const onConnection =
  (conn: BetterSqlite3.Database): ReadRows =>
  (sql, parameters) =>
    conn.prepare(sql).all(...parameters) as Record<string, unknown>[];

/** Live records per counted table; null for a table the file does not have (an older schema). */
export function registryCounts(conn: BetterSqlite3.Database): Record<BackupCounted, number | null> {
  const read = onConnection(conn);
  const out = {} as Record<BackupCounted, number | null>;
  for (const table of BACKUP_COUNTED) {
    if (read(TABLE_EXISTS, [table]).length === 0) {
      out[table] = null;
      continue;
    }
    out[table] = Number(read(liveCountSql(table, read(TABLE_COLUMNS, [table])), [])[0]?.['n']);
  }
  return out;
}

/**
 * registryCounts and clearProtectedValues with the same statements, through `read` (the read-only
 * worker that ran the copy's quick_check: the counts read every live row of the file, which at 2 M
 * records held the host's thread; docs/decisions-h20-blocks.md).
 */
export async function backupCountsVia(read: ReadRowsAsync): Promise<{ counts: Record<BackupCounted, number | null>; clear: number }> {
  const counts = {} as Record<BackupCounted, number | null>;
  for (const table of BACKUP_COUNTED) {
    if ((await read(TABLE_EXISTS, [table])).length === 0) {
      counts[table] = null;
      continue;
    }
    counts[table] = Number((await read(liveCountSql(table, await read(TABLE_COLUMNS, [table])), []))[0]?.['n']);
  }
  let clear = 0;
  for (const { table, columns } of encryptedTables()) {
    if ((await read(TABLE_EXISTS, [table.name])).length === 0) continue;
    for (const sql of clearCountSqls(table.name, columns, await read(TABLE_COLUMNS, [table.name]))) {
      clear += Number((await read(sql, []))[0]?.['n']);
    }
  }
  return { counts, clear };
}

/** Writes a consistent copy of the open database into `file` (which must not exist). */
export function vacuumIntoFile(conn: BetterSqlite3.Database, file: string): void {
  conn.prepare('VACUUM INTO ?').run(file);
}

/** Pages copied per step of the online backup: about 1 MB, a few ms of work between two turns of the host. */
export const BACKUP_PAGES_PER_STEP = 256;

/**
 * Writes a consistent copy of the open database into `file` (which must not exist) with SQLite's
 * online backup, BACKUP_PAGES_PER_STEP pages at a time, a turn of the event loop between two steps
 * (better-sqlite3 steps on setImmediate). A write on this connection meanwhile is copied into the
 * backup as it lands; a commit of another connection makes the next step start the copy again; a
 * step while this connection holds a write transaction copies nothing (SQLITE_BUSY, tried again).
 * `onStep(done, total)` runs after each step; what it throws stops the copy and removes the file.
 */
export async function backupInSteps(
  conn: BetterSqlite3.Database,
  file: string,
  onStep?: (done: number, total: number) => void,
): Promise<void> {
  await conn.backup(file, {
    progress: ({ totalPages, remainingPages }) => {
      onStep?.(totalPages - remainingPages, totalPages);
      return BACKUP_PAGES_PER_STEP;
    },
  });
}

/**
 * The online backup copies the source's header, whose bytes 18/19 say "WAL": the copy is put in
 * rollback-journal mode (as VACUUM INTO writes it), so a read-only open leaves nothing beside it.
 */
export function setRollbackJournal(file: string): void {
  const conn = new BetterSqlite3(file, { fileMustExist: true });
  try {
    conn.pragma('journal_mode = DELETE');
  } finally {
    conn.close();
  }
}

/**
 * "Has anything been written since?" for a backup, on the app's connection, synchronously: rows this
 * connection changed (total_changes(), rolled-back ones included), SQLite's data_version (commits of
 * any other connection: the long-write connection, the keys worker, another program), and the
 * schema and user versions (DDL and header writes, which total_changes does not count). Two equal
 * stamps of the same connection mean nothing was written to the file in between.
 */
export function dataStampOf(conn: BetterSqlite3.Database): string {
  const changes = (conn.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const version = Number(conn.pragma('data_version', { simple: true }));
  const schema = Number(conn.pragma('schema_version', { simple: true }));
  const user = Number(conn.pragma('user_version', { simple: true }));
  return `${changes}:${version}:${schema}:${user}`;
}

/** The database file held still for a copy of its bytes: every committed page in it, nothing moving it. */
export interface PinnedFile {
  /** Pages of the database and their size: the copy is pages × pageSize bytes. */
  pages: number;
  pageSize: number;
  /** Ends the read that holds the file still; the checkpoints may move pages into it again. */
  release(): void;
}

/**
 * Checkpoints the WAL into the main file (TRUNCATE: every frame copied, the -wal emptied) on a
 * connection of its own that never waits (busy timeout 0), then opens a read on it while the -wal is
 * still empty. Such a read uses no frame of the -wal (read mark 0), and SQLite lets no checkpoint of
 * any connection write into the main file while it lasts: until `release()`, the main file holds
 * exactly the database as committed at the checkpoint, and its bytes do not change. Writes meanwhile
 * go to the -wal. Null (nothing held) when the file is not in WAL mode, or when the checkpoint could
 * not complete (a reader on an older snapshot, a writer): the caller copies another way.
 */
export function pinCheckpointed(file: string): PinnedFile | null {
  let pin: BetterSqlite3.Database;
  try {
    pin = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return null;
  }
  try {
    if (String(pin.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') throw new Error('not WAL');
    const [r] = pin.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!r || r.busy !== 0 || r.log !== 0) throw new Error('checkpoint incomplete');
    pin.exec('BEGIN');
    pin.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
    // A commit between the checkpoint and the read would have put frames in the -wal: the read may
    // then rest on them, and a checkpoint could still move pages into the main file.
    if (walBytes(file) !== 0) throw new Error('written since the checkpoint');
    const pages = Number(pin.pragma('page_count', { simple: true }));
    const pageSize = Number(pin.pragma('page_size', { simple: true }));
    return {
      pages,
      pageSize,
      release: () => {
        try {
          if (pin.inTransaction) pin.exec('COMMIT');
        } finally {
          pin.close();
        }
      },
    };
  } catch {
    try {
      if (pin.inTransaction) pin.exec('ROLLBACK');
    } finally {
      pin.close();
    }
    return null;
  }
}

/** Bytes in the -wal beside `file` (0 when there is none). */
export function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

/** Rows changed by this connection since it opened (a backup is due when it moved). */
export function totalChanges(conn: BetterSqlite3.Database): number {
  return (conn.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/**
 * How many values of the columns the table registry marks `encrypted` this file holds in clear
 * (not in the `enc1:` sealed format): a file made before set-up sealed them (a pre-upgrade backup)
 * holds informants' identities and phones readable by anyone with the file. Tables or columns the
 * file's schema does not have yet count nothing.
 */
export function clearProtectedValues(conn: BetterSqlite3.Database): number {
  const read = onConnection(conn);
  let n = 0;
  for (const { table, columns } of encryptedTables()) {
    if (read(TABLE_EXISTS, [table.name]).length === 0) continue;
    for (const sql of clearCountSqls(table.name, columns, read(TABLE_COLUMNS, [table.name]))) n += Number(read(sql, [])[0]?.['n']);
  }
  return n;
}
