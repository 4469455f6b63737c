/**
 * One running app per data folder. The web host has no equivalent of Electron's single-instance
 * lock, and two hosts on one folder make each other's saves fail ("database is locked").
 *
 * The lock is an OS file lock, taken through SQLite on a small side file (antq.lock): a connection
 * in EXCLUSIVE locking mode that has written once keeps its exclusive lock until it is closed, and
 * the operating system drops the lock when the process ends, however it ends (crash, kill, power
 * cut). So a lock can never be stale, and there is no pid or start time to compare (pids are
 * reused, clocks move). SQLite does the locking the same way on Windows (LockFileEx) and on
 * Linux/macOS (fcntl), and inside one process too, so tests can take it twice in-process.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import { openStorageError, storageProblemOf, withCause } from './failures';
import { DB_TEXTS } from './texts';
import { ensureDataFolder } from './open';

export const LOCK_FILE = 'antq.lock';

/**
 * Open lock connections. better-sqlite3 closes a connection that is garbage-collected, which would
 * silently drop the lock if the caller let go of its FolderLock; this set keeps them reachable.
 */
const HELD = new Set<BetterSqlite3.Database>();

export interface FolderLock {
  readonly file: string;
  release(): void;
}

/** Takes the data folder's lock, or throws a Vietnamese AppError when another app holds it. */
export function lockDataFolder(dataDir: string): FolderLock {
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, LOCK_FILE);
  let conn: BetterSqlite3.Database;
  try {
    conn = new BetterSqlite3(file, { timeout: 0 });
  } catch (err) {
    throw openStorageError(err, dataDir, LOCK_FILE, dataDir);
  }
  try {
    conn.pragma('locking_mode = EXCLUSIVE');
    conn.pragma('journal_mode = MEMORY');
    // The write takes the exclusive lock; EXCLUSIVE locking mode keeps it after the commit.
    conn.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, started_at TEXT)');
    conn.exec('BEGIN IMMEDIATE');
    conn.exec('DELETE FROM holder');
    conn.prepare('INSERT INTO holder (pid, started_at) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    conn.exec('COMMIT');
  } catch (err) {
    conn.close();
    if (storageProblemOf(err) === 'busy') throw withCause(DB_TEXTS.folderInUse(dataDir), err);
    if (err instanceof AppError) throw err;
    throw openStorageError(err, dataDir, LOCK_FILE, dataDir);
  }
  HELD.add(conn);
  return {
    file,
    release() {
      if (!HELD.delete(conn)) return;
      conn.close();
    },
  };
}
