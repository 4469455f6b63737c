/**
 * Turning storage failures (SQLite result codes, Node file-system errors) into Vietnamese messages
 * that say what to do, while the original error stays attached as `cause` for the log.
 */
import fs from 'node:fs';
import type { ErrorCode } from '../../../shared/ipc/errors';
import { AppError } from '../errors';
import { DB_TEXTS } from './texts';

export type StorageProblem = 'full' | 'readonly' | 'corrupt' | 'io' | 'busy' | 'cantopen';

function codeOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : null;
}

/** What kind of storage failure an error is, or null when it is something else. */
export function storageProblemOf(err: unknown): StorageProblem | null {
  const code = codeOf(err);
  if (code === null) return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readonly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cantopen';
  return null;
}

/** An AppError carrying the message and, as `cause`, the error it explains. */
export function withCause(message: string, cause: unknown, code: ErrorCode = 'INTERNAL'): AppError {
  const e = new AppError(code, message);
  e.cause = cause;
  return e;
}

/**
 * Can the data file and its -wal still be written? SQLite reports a write refused by the file
 * system (EPERM/EROFS on a file made read-only or immutable under the running app) as a plain
 * SQLITE_IOERR_WRITE, the same code as a failing disk; asking the file system tells them apart.
 */
export function dataFileWritable(file: string): boolean {
  try {
    for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) fs.accessSync(f, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The message for a storage failure during work (a save that hit a full disk, a file made
 * read-only under the running app), or null for any other error. The code is STORAGE: nothing of
 * the failed operation was written (its transaction is rolled back whole), and the renderer shows
 * the message as it shows every refusal. `dataFile`, when given, tells a read-only file from a
 * failing disk after an I/O error.
 */
export function runtimeStorageError(err: unknown, dataFile?: string): AppError | null {
  let problem = storageProblemOf(err);
  if (problem === null) return null;
  if (problem === 'io' && dataFile !== undefined && !dataFileWritable(dataFile)) problem = 'readonly';
  const message = {
    full: DB_TEXTS.diskFull,
    readonly: DB_TEXTS.readOnlyNow,
    corrupt: DB_TEXTS.damagedNow,
    io: DB_TEXTS.ioError,
    busy: DB_TEXTS.busy,
    cantopen: DB_TEXTS.ioError,
  }[problem];
  return withCause(message, err, 'STORAGE');
}

/** The message for a failure while opening or migrating the data file at start. */
export function openStorageError(err: unknown, dataDir: string, fileName: string, backupDir: string): AppError {
  if (err instanceof AppError) return err;
  const problem = storageProblemOf(err);
  switch (problem) {
    case 'full':
      return withCause(DB_TEXTS.diskFull, err);
    case 'readonly':
    case 'cantopen':
      return withCause(problem === 'readonly' ? DB_TEXTS.readOnly(dataDir) : DB_TEXTS.cannotOpen(dataDir), err);
    case 'corrupt':
      return withCause(DB_TEXTS.damaged(fileName, backupDir), err);
    case 'io':
      return withCause(DB_TEXTS.ioError, err);
    case 'busy':
      return withCause(DB_TEXTS.busy, err);
    default:
      return withCause(DB_TEXTS.cannotOpen(dataDir), err);
  }
}
