/**
 * One backup file on disk: written to a temporary name beside its final name (the database file
 * copied by the file system after a checkpoint, with SQLite's online backup in steps as its
 * fallback — both let the host answer meanwhile —, or VACUUM INTO on a connection being opened for
 * an upgrade), flushed, checked (opens read-only, quick_check ok, our application_id, the expected
 * user_version) while its SHA-256 is read, then renamed and the folder flushed; and the same checks
 * for a file about to be restored, each refusal a Vietnamese message that says nothing was changed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import { APPLICATION_ID } from '../db/open';
import { storageProblemOf } from '../db/failures';
import { quickCheckThenOffHost } from '../db/reader';
import {
  backupCountsVia,
  backupInSteps,
  clearProtectedValues,
  dataStampOf,
  headerOf,
  pinCheckpointed,
  walBytes,
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

/**
 * How a backup's bytes were made: the main file copied by the file system after a checkpoint
 * (`copy`), SQLite's online backup in steps (`stepped`), VACUUM INTO (`vacuum`), or an earlier
 * backup of the same data linked under the new name (`reused`, backups.service.ts).
 */
export type BackupWay = 'copy' | 'stepped' | 'vacuum' | 'reused';

export interface WrittenFile extends CheckedFile {
  file: string;
  bytes: number;
  sha256: string;
  way: BackupWay;
  /**
   * The app connection's data stamp (repos/backups.repo.ts dataStampOf) the copy holds the data of;
   * null when something was written while it was made (it then holds a moment nobody can name).
   */
  stamp: string | null;
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

/**
 * The copy put in rollback-journal mode (setRollbackJournal) and flushed. It is flushed first on
 * libuv's pool: the journal-mode change commits on the host's thread, and SQLite's fsync in that
 * commit would otherwise write out every page of the fresh copy still in the page cache (943 ms of
 * the host's thread at 2 M records, docs/decisions-h20-blocks.md); after, it has only the header's.
 */
async function inRollbackJournalFlushed(file: string): Promise<void> {
  await fsyncAsync(file);
  setRollbackJournal(file);
  await fsyncAsync(file);
}

/** fsyncFile, or fsyncFolder (`folder`: not on Windows), on libuv's pool. */
export async function fsyncAsync(target: string, folder = false): Promise<void> {
  if (folder && process.platform === 'win32') return;
  const handle = await fs.promises.open(target, folder ? 'r' : 'r+');
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
  return checkOpened(file, version, quickCheckRows, (conn) => ({
    counts: registryCounts(conn),
    clearProtected: clearProtectedValues(conn) > 0,
  }));
}

/**
 * The same checks, with quick_check (which reads every page of the file) and then the counts per
 * registry and of clear values (which read every live record: 150 ms of the host's CPU, and the
 * pages' reads, at 2 M records) on a read-only worker (db/reader.ts quickCheckThenOffHost), so a
 * backup's check never holds the host; the header read back is a small read here. The checks come
 * in the same order as checkBackupFile's: a count that failed on the worker is thrown where the
 * count would have run.
 */
export async function checkBackupFileOffHost(file: string, latestVersion: number): Promise<CheckedFile> {
  const version = checkHeader(file, latestVersion);
  let checked: { rows: string[]; more: PromiseSettledResult<{ counts: CheckedFile['counts']; clear: number }> | null };
  try {
    checked = await quickCheckThenOffHost(file, backupCountsVia);
  } catch (err) {
    const name = path.basename(file);
    throw refuse(storageProblemOf(err) === 'corrupt' ? BACKUP_TEXTS.damaged(name) : BACKUP_TEXTS.notSqlite(name), err);
  }
  return checkOpened(
    file,
    version,
    () => checked.rows,
    () => {
      const more = checked.more;
      // Null only when quick_check did not answer "ok", which checkOpened refuses before this.
      if (more === null) throw new Error('backup counts: not read');
      if (more.status === 'rejected') throw more.reason;
      return { counts: more.value.counts, clearProtected: more.value.clear > 0 };
    },
  );
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

/** The checks on a read-only connection: quick_check's rows (`quick`), the header read back, the counts (`counted`). */
function checkOpened(
  file: string,
  version: number,
  quick: (conn: BetterSqlite3.Database) => string[],
  counted: (conn: BetterSqlite3.Database) => Pick<CheckedFile, 'counts' | 'clearProtected'>,
): CheckedFile {
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
    return { userVersion: h.userVersion, ...counted(conn) };
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
function settle(
  temp: string,
  final: string,
  folder: string,
  checked: CheckedFile,
  sha256: string,
  made: Pick<WrittenFile, 'way' | 'stamp'>,
): WrittenFile {
  const bytes = fs.statSync(temp).size;
  fs.renameSync(temp, final);
  fsyncFolder(folder);
  return { file: final, bytes, sha256, ...checked, ...made };
}

/** settle, its rename and the folder's flush on libuv's pool (after a copy of the whole database, the flush waits for it). */
async function settleAsync(
  temp: string,
  final: string,
  folder: string,
  checked: CheckedFile,
  sha256: string,
  made: Pick<WrittenFile, 'way' | 'stamp'>,
): Promise<WrittenFile> {
  const bytes = (await fs.promises.stat(temp)).size;
  await fs.promises.rename(temp, final);
  await fsyncAsync(folder, true);
  return { file: final, bytes, sha256, ...checked, ...made };
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
    // One synchronous call: nothing can write between this stamp and the copy.
    const stamp = dataStampOf(conn);
    vacuumIntoFile(conn, temp);
    fsyncFile(temp);
    const checked = checkBackupFile(temp, latestVersion);
    if (checked.userVersion !== expected) throw refuse(BACKUP_TEXTS.whyCheck);
    const written = settle(temp, n.final, folder, checked, sha256OfFile(temp), { way: 'vacuum', stamp });
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
  /**
   * The database file `conn` has open: given, its bytes are copied by the file system after a
   * checkpoint (writeCopiedFile) and the copy in steps is the fallback; not given, the copy in steps.
   */
  databaseFile?: string;
  /** With databaseFile: a checkpoint off the host's thread, awaited before the file's TRUNCATE checkpoint. */
  checkpointFirst?: (() => Promise<unknown>) | undefined;
}

/**
 * The checks of a written temporary file and its digest, read at the same time: quick_check on the
 * read-only worker, the SHA-256 here (1 MB per turn), so the two passes over the file overlap on the
 * two cores. Both are awaited before anything is thrown (the file is removed after a refusal).
 */
async function checkedWithDigest(file: string, latestVersion: number): Promise<{ checked: CheckedFile; sha256: string }> {
  const [checked, sha256] = await Promise.allSettled([checkBackupFileOffHost(file, latestVersion), sha256OfFileAsync(file)]);
  if (checked.status === 'rejected') throw checked.reason;
  if (sha256.status === 'rejected') throw sha256.reason;
  return { checked: checked.value, sha256: sha256.value };
}

/** Copies taken again, at most, when a commit landed during one (then the copy in steps). */
const COPY_TRIES = 2;

/**
 * Writes a checked backup of the open database `conn` into `folder` as `<stem>.db` without holding
 * the host: first by copying the database file (writeCopiedFile), else with SQLite's online backup
 * in steps of about 1 MB; the flush, the checks and the digest off the host's thread. The same
 * checks and the same kind of file as writeBackupFile (rollback-journal mode). The copy in steps is
 * the database as it is when the copy ends (writes meanwhile included, repos/backups.repo.ts); the
 * file copy is taken again when a commit landed before its checks ended, so it is too.
 */
export async function writeBackupFileStepped(
  conn: BetterSqlite3.Database,
  folder: string,
  stem: string,
  latestVersion: number,
  opts: SteppedOptions = {},
): Promise<WrittenFile> {
  if (opts.databaseFile !== undefined) {
    for (let i = 0; i < COPY_TRIES; i++) {
      const copied = await writeCopiedFile(conn, opts.databaseFile, folder, stem, latestVersion, opts);
      if (copied !== 'fallback' && copied !== 'again') return copied;
      if (copied === 'fallback') break;
    }
  }
  let temp: string | null = null;
  try {
    const n = names(folder, stem);
    temp = n.temp;
    const expected = headerOf(conn).userVersion;
    const meanwhile: ReadsMeanwhile = opts.readsMeanwhile ?? ((work) => work());
    const before = dataStampOf(conn);
    const { checked, sha256 } = await meanwhile(async () => {
      await backupInSteps(conn, n.temp, opts.onStep);
      await inRollbackJournalFlushed(n.temp);
      return checkedWithDigest(n.temp, latestVersion);
    });
    if (checked.userVersion !== expected) throw refuse(BACKUP_TEXTS.whyCheck);
    const after = dataStampOf(conn);
    const written = await settleAsync(temp, n.final, folder, checked, sha256, { way: 'stepped', stamp: before === after ? after : null });
    temp = null;
    return written;
  } catch (err) {
    throw failed(folder, temp, err);
  }
}

/**
 * The backup as a copy of the database file's bytes (issue 16: the kernel copies, not SQLite's pager
 * one page at a time): the WAL checkpointed into the main file and the file held still
 * (repos/backups.repo.ts pinCheckpointed), copied with fs.copyFile (copy_file_range, or a clone where
 * the file system has one) off the host's thread, then put in rollback-journal mode and given every
 * check of the copy in steps. Reads go on during it; writes land in the -wal, not in the copy.
 * 'fallback' when the file cannot be held or copied that way (a reader on an older snapshot, not in
 * WAL mode, the copy refused): nothing is left behind and the caller copies in steps. 'again' when a
 * commit landed before the checks ended: the copy is removed, it would not hold that commit.
 */
async function writeCopiedFile(
  conn: BetterSqlite3.Database,
  databaseFile: string,
  folder: string,
  stem: string,
  latestVersion: number,
  opts: SteppedOptions,
): Promise<WrittenFile | 'fallback' | 'again'> {
  let temp: string | null = null;
  try {
    const n = names(folder, stem);
    temp = n.temp;
    const expected = headerOf(conn).userVersion;
    const meanwhile: ReadsMeanwhile = opts.readsMeanwhile ?? ((work) => work());
    // First on the checkpoint worker: the host's TRUNCATE then has little to copy and flush (docs/decisions-h21-io.md).
    await opts.checkpointFirst?.();
    // The checkpoint and the stamp in one synchronous run, the stamp after (the checkpoint's reset
    // of the -wal moves data_version). The -wal still empty after the stamp: nothing committed since
    // the checkpoint, so the stamp names the data the held file holds.
    const pin = pinCheckpointed(databaseFile);
    if (!pin) {
      fs.rmSync(temp, { force: true });
      return 'fallback';
    }
    const stamp = dataStampOf(conn);
    if (walBytes(databaseFile) !== 0) {
      pin.release();
      fs.rmSync(temp, { force: true });
      return 'again';
    }
    const made = await meanwhile(async () => {
      try {
        opts.onStep?.(0, pin.pages);
        try {
          await fs.promises.copyFile(databaseFile, n.temp, fs.constants.COPYFILE_EXCL);
        } catch (err) {
          console.error('backups: the file copy was refused; the copy in steps follows', err);
          return 'fallback' as const;
        }
        // The main file may be longer than the database (pages freed since, not yet cut off): the copy is not.
        const bytes = pin.pages * pin.pageSize;
        const size = fs.statSync(n.temp).size;
        if (size < bytes) return 'fallback' as const;
        if (size > bytes) fs.truncateSync(n.temp, bytes);
      } finally {
        pin.release();
      }
      opts.onStep?.(pin.pages, pin.pages);
      await inRollbackJournalFlushed(n.temp);
      return checkedWithDigest(n.temp, latestVersion);
    });
    if (made === 'fallback' || dataStampOf(conn) !== stamp) {
      fs.rmSync(temp, { force: true });
      if (made !== 'fallback') console.error('backups: a commit landed while the file was copied and checked; it is copied again');
      return made === 'fallback' ? 'fallback' : 'again';
    }
    // The last moment a cancel stops it, with nothing kept.
    opts.onStep?.(pin.pages, pin.pages);
    if (made.checked.userVersion !== expected) throw refuse(BACKUP_TEXTS.whyCheck);
    const written = await settleAsync(temp, n.final, folder, made.checked, made.sha256, { way: 'copy', stamp });
    temp = null;
    return written;
  } catch (err) {
    throw failed(folder, temp, err);
  }
}

/**
 * An earlier backup of the same data under a new name in `folder` (`<stem>.db`, backups.service.ts
 * reuses an unchanged copy): a hard link, so each name is its own entry for the rotation and the
 * bytes are not copied. Null when the file system has no hard links (FAT): a new copy is made then.
 */
export function linkBackupFile(source: string, folder: string, stem: string): string | null {
  const final = path.join(folder, freeName(folder, stem));
  try {
    fs.linkSync(source, final);
  } catch (err) {
    console.error('backups: the earlier backup could not be linked; a new copy follows', err);
    return null;
  }
  fsyncFolder(folder);
  return final;
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
  // Another listed backup shares these bytes (a reused copy, linkBackupFile): only this name goes;
  // the bytes are overwritten when the last name holding them is erased.
  if (fs.statSync(file).nlink > 1) {
    fs.unlinkSync(file);
    fsyncFolder(path.dirname(file));
    return;
  }
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
