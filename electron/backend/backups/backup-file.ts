/**
 * One backup file on disk: written to a temporary name beside its final name (SQLite's online
 * backup in steps that let the host answer between them, or VACUUM INTO on a connection being
 * opened for an upgrade), flushed, checked (opens read-only, quick_check ok, our application_id, the expected
 * user_version), then renamed and the folder flushed; and the same checks for a file about to be
 * restored, each refusal a Vietnamese message that says nothing was changed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import { APPLICATION_ID } from '../db/open';
import { storageProblemOf } from '../db/failures';
import { quickCheckOffHost } from '../db/reader';
import {
  backupInSteps,
  clearProtectedValues,
  headerOf,
  quickCheckRows,
  registryCounts,
  setRollbackJournal,
  vacuumIntoFile,
} from '../repos/backups.repo';
import type { BackupCounted } from '../../../shared/ipc/contracts/backups.contract';
import { BACKUP_TEXTS } from './texts';
import type { ReadsMeanwhile } from './gate';

const SQLITE_MAGIC = 'SQLite format 3\0';

export interface CheckedFile {
  userVersion: number;
  counts: Record<BackupCounted, number | null>;
  /** It holds values of protected columns in clear (made before set-up sealed them). */
  clearProtected: boolean;
}

export interface WrittenFile extends CheckedFile {
  file: string;
  bytes: number;
  sha256: string;
}

function refuse(message: string, cause?: unknown): AppError {
  const e = new AppError('RULE', message);
  if (cause !== undefined) e.cause = cause;
  return e;
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; a rename there is durable once the file is flushed.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256OfFile(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** The same digest, read 1 MB at a time off the host's thread (a turn of the event loop between reads). */
export async function sha256OfFileAsync(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const handle = await fs.promises.open(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The first 100 bytes (the SQLite header), or null when the file is shorter or not SQLite. */
function sqliteHeader(file: string): Buffer | null {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const n = fs.readSync(fd, header, 0, 100, 0);
    if (n < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null;
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every check a backup must pass to be listed or restored: SQLite, our application_id, a version of
 * this app's data (1..latest), and quick_check on a read-only connection. Returns what it holds.
 * In one synchronous call: the upgrade's backup, before the host answers anything; the calls use
 * checkBackupFileOffHost.
 */
export function checkBackupFile(file: string, latestVersion: number): CheckedFile {
  const version = checkHeader(file, latestVersion);
  return checkOpened(file, version, quickCheckRows);
}

/**
 * The same checks, with quick_check (which reads every page of the file) on a read-only worker
 * (db/reader.ts quickCheckOffHost), so a backup's check never holds the host; the rest (the header
 * read back, the counts per registry) are a few small reads here.
 */
export async function checkBackupFileOffHost(file: string, latestVersion: number): Promise<CheckedFile> {
  const version = checkHeader(file, latestVersion);
  let rows: string[];
  try {
    rows = await quickCheckOffHost(file);
  } catch (err) {
    const name = path.basename(file);
    throw refuse(storageProblemOf(err) === 'corrupt' ? BACKUP_TEXTS.damaged(name) : BACKUP_TEXTS.notSqlite(name), err);
  }
  return checkOpened(file, version, () => rows);
}

/** The checks made on the file's bytes before it is opened; returns its user_version. */
function checkHeader(file: string, latestVersion: number): number {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw refuse(BACKUP_TEXTS.fileMissing(name), err);
  }
  if (!stat.isFile()) throw refuse(BACKUP_TEXTS.fileMissing(name));
  const header = sqliteHeader(file);
  if (!header) throw refuse(BACKUP_TEXTS.notSqlite(name));
  if (header.readUInt32BE(68) !== APPLICATION_ID) throw refuse(BACKUP_TEXTS.notOurs(name));
  const version = header.readUInt32BE(60);
  if (version === 0) throw refuse(BACKUP_TEXTS.noVersion(name));
  if (version > latestVersion) throw refuse(BACKUP_TEXTS.newer(name, version, latestVersion));
  return version;
}

/** The checks on a read-only connection: quick_check's rows (`quick`), the header read back, the counts. */
function checkOpened(file: string, version: number, quick: (conn: BetterSqlite3.Database) => string[]): CheckedFile {
  const name = path.basename(file);
  let conn: BetterSqlite3.Database;
  try {
    conn = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw refuse(BACKUP_TEXTS.notSqlite(name), err);
  }
  try {
    const rows = quick(conn);
    if (rows.length !== 1 || rows[0] !== 'ok')
      throw refuse(BACKUP_TEXTS.damaged(name), new Error(`quick_check: ${rows.slice(0, 5).join('; ')}`));
    const h = headerOf(conn);
    if (h.applicationId !== APPLICATION_ID) throw refuse(BACKUP_TEXTS.notOurs(name));
    if (h.userVersion !== version) throw refuse(BACKUP_TEXTS.damaged(name));
    return { userVersion: h.userVersion, counts: registryCounts(conn), clearProtected: clearProtectedValues(conn) > 0 };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const problem = storageProblemOf(err);
    throw refuse(problem === 'corrupt' ? BACKUP_TEXTS.damaged(name) : BACKUP_TEXTS.notSqlite(name), err);
  } finally {
    conn.close();
  }
}

/** Why a write failed, in words the person can act on. */
function whyFailed(err: unknown): string {
  const problem = storageProblemOf(err);
  if (problem === 'full') return BACKUP_TEXTS.whyFull;
  if (problem === 'readonly' || problem === 'cantopen') return BACKUP_TEXTS.whyReadOnly;
  if (err instanceof AppError) return BACKUP_TEXTS.whyCheck;
  return BACKUP_TEXTS.whyOther;
}

/** A file name not taken yet in `folder`: `<stem>.db`, else `<stem>-2.db`, `<stem>-3.db`… */
function freeName(folder: string, stem: string): string {
  let name = `${stem}.db`;
  for (let n = 2; fs.existsSync(path.join(folder, name)); n++) name = `${stem}-${n}.db`;
  return name;
}

/** A temporary name for `stem` in `folder` (made first), and the final name it is renamed to. */
function names(folder: string, stem: string): { final: string; temp: string } {
  fs.mkdirSync(folder, { recursive: true });
  const name = freeName(folder, stem);
  const temp = path.join(folder, `.${name}.tmp`);
  fs.rmSync(temp, { force: true });
  fs.rmSync(`${temp}-journal`, { force: true });
  return { final: path.join(folder, name), temp };
}

function failed(folder: string, temp: string | null, err: unknown): AppError {
  if (temp !== null) {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
  }
  // A cancel (the job that asked for the backup) is not a failure of the backup.
  if (err instanceof AppError && err.code === 'CANCELLED') return err;
  const e = new AppError('INTERNAL', BACKUP_TEXTS.writeFailed(folder, whyFailed(err)));
  e.cause = err;
  return e;
}

/** The written and checked temporary file takes its final name; the folder is flushed. */
function settle(temp: string, final: string, folder: string, checked: CheckedFile, sha256: string): WrittenFile {
  const bytes = fs.statSync(temp).size;
  fs.renameSync(temp, final);
  fsyncFolder(folder);
  return { file: final, bytes, sha256, ...checked };
}

/**
 * Writes a checked backup of the open database `conn` into `folder` as `<stem>.db` with VACUUM INTO,
 * in one synchronous call: the upgrade's backup, on the connection being opened before the host
 * answers anything. On any failure the temporary file is removed and a Vietnamese AppError says why.
 */
export function writeBackupFile(conn: BetterSqlite3.Database, folder: string, stem: string, latestVersion: number): WrittenFile {
  let temp: string | null = null;
  try {
    const n = names(folder, stem);
    temp = n.temp;
    const expected = headerOf(conn).userVersion;
    vacuumIntoFile(conn, temp);
    fsyncFile(temp);
    const checked = checkBackupFile(temp, latestVersion);
    if (checked.userVersion !== expected) throw refuse(BACKUP_TEXTS.whyCheck);
    const written = settle(temp, n.final, folder, checked, sha256OfFile(temp));
    temp = null;
    return written;
  } catch (err) {
    throw failed(folder, temp, err);
  }
}

export interface SteppedOptions {
  /** Lets the calls that only read run during the copy and the checks (gate.ts). */
  readsMeanwhile?: ReadsMeanwhile;
  /** After each step of the copy: pages copied and in all. What it throws (a cancel) stops the backup. */
  onStep?: ((done: number, total: number) => void) | undefined;
}

/**
 * Writes a checked backup of the open database `conn` into `folder` as `<stem>.db` without holding
 * the host: SQLite's online backup in steps of about 1 MB, the flush and the digest off the host's
 * thread. The same checks and the same file as writeBackupFile (rollback-journal mode); the copy is
 * the database as it is when the copy ends (writes meanwhile included, repos/backups.repo.ts).
 */
export async function writeBackupFileStepped(
  conn: BetterSqlite3.Database,
  folder: string,
  stem: string,
  latestVersion: number,
  opts: SteppedOptions = {},
): Promise<WrittenFile> {
  let temp: string | null = null;
  try {
    const n = names(folder, stem);
    temp = n.temp;
    const expected = headerOf(conn).userVersion;
    const meanwhile: ReadsMeanwhile = opts.readsMeanwhile ?? ((work) => work());
    const { checked, sha256 } = await meanwhile(async () => {
      await backupInSteps(conn, n.temp, opts.onStep);
      setRollbackJournal(n.temp);
      await fsyncFileAsync(n.temp);
      const c = await checkBackupFileOffHost(n.temp, latestVersion);
      return { checked: c, sha256: await sha256OfFileAsync(n.temp) };
    });
    if (checked.userVersion !== expected) throw refuse(BACKUP_TEXTS.whyCheck);
    const written = settle(temp, n.final, folder, checked, sha256);
    temp = null;
    return written;
  } catch (err) {
    throw failed(folder, temp, err);
  }
}

/**
 * Copies a backup into `folder` under its own name: a temporary name, flushed, linked to the final
 * name (never overwriting), then read back and compared with the sha256 the manifest holds.
 */
export function copyBackupFile(source: string, folder: string, expectedSha256: string): string {
  if (!path.isAbsolute(folder)) throw refuse(BACKUP_TEXTS.copyFolderRelative);
  let dir: fs.Stats;
  try {
    dir = fs.statSync(folder);
  } catch {
    throw refuse(BACKUP_TEXTS.copyFolderMissing(folder));
  }
  if (!dir.isDirectory()) throw refuse(BACKUP_TEXTS.copyFolderMissing(folder));
  const name = path.basename(source);
  const target = path.join(folder, name);
  if (fs.existsSync(target)) throw refuse(BACKUP_TEXTS.copyExists(name));
  const temp = path.join(folder, `.${name}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL);
    fsyncFile(temp);
    try {
      fs.linkSync(temp, target);
      fs.unlinkSync(temp);
    } catch (err) {
      // FAT-formatted USB sticks have no hard links: rename after a last check.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' || fs.existsSync(target)) throw refuse(BACKUP_TEXTS.copyExists(name));
      fs.renameSync(temp, target);
    }
    fsyncFolder(folder);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof AppError) throw err;
    throw refuse(BACKUP_TEXTS.copyFailed(folder), err);
  }
  if (sha256OfFile(target) !== expectedSha256) {
    fs.rmSync(target, { force: true });
    throw refuse(BACKUP_TEXTS.copyMismatch(folder));
  }
  return target;
}

/**
 * Does this backup file hold protected values in clear? Read on its own read-only connection; null
 * when the file cannot be read as a database (missing, damaged): nothing is claimed either way.
 */
export function holdsClearProtected(file: string): boolean | null {
  let conn: BetterSqlite3.Database | null = null;
  try {
    conn = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return clearProtectedValues(conn) > 0;
  } catch {
    return null;
  } finally {
    conn?.close();
  }
}

/**
 * Erases a file of the app's own: its bytes overwritten with zeros and flushed, then the file
 * deleted and the folder flushed. A journaling or copy-on-write file system, or an SSD's wear
 * levelling, may still keep old blocks elsewhere (docs/decisions.md (h15-keys)); this removes what the
 * app and any program reading the folder can reach.
 */
export function overwriteAndDelete(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.unlinkSync(file);
  fsyncFolder(path.dirname(file));
}
