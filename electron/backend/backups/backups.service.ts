/**
 * The office's backups (issue 15 item 4): written and checked (backup-file.ts), listed in the
 * manifest (manifest.ts), rotated (shared/domain/backup-rotation.ts) deleting only files the
 * manifest lists, made automatically (every 15 minutes when data changed, and before a migration,
 * a restore, a hand-off import and the freezing of a year — the last backup reused for these when
 * nothing was written since and its bytes are unchanged), copied to a folder, restored after a
 * backup of the current file, and a restore undone. A failure is kept in the status (and in the
 * manifest) until a later backup succeeds, so the shell shows it; it is never only logged.
 *
 * The database itself is reached through `DatabaseHost`: the current connection, and `swap`, which
 * closes it, replaces the file and reopens it through the normal open (header check, quick_check,
 * migrations). The host is the backend (index.ts), which rebuilds its services on the new file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import type { BackupDto, BackupReason, BackupStatusDto, LastRestoreDto } from '../../../shared/ipc/contracts/backups.contract';
import {
  checkBackupFileOffHost,
  copyBackupFile,
  holdsClearProtected,
  linkBackupFile,
  overwriteAndDelete,
  sha256OfFileAsync,
  writeBackupFile,
  writeBackupFileStepped,
  type BackupWay,
  type SteppedOptions,
  type WrittenFile,
} from './backup-file';
import type { ReadsMeanwhile } from './gate';
import {
  emptyManifest,
  isOwnName,
  readManifest,
  rotateManifest,
  rotateManifestAsync,
  writeManifest,
  writeManifestAsync,
  type Manifest,
} from './manifest';
import { dataStampOf, totalChanges } from '../repos/backups.repo';
import { replaceDatabaseFile } from './swap';
import { BACKUP_TEXTS } from './texts';

/** An automatic backup at most this often, and only when something was written since the last one. */
export const AUTO_INTERVAL_MS = 15 * 60 * 1000;

/** The start of each backup file's name, by reason (the name says what it is without the app). */
const STEMS: Readonly<Record<BackupReason, string>> = {
  auto: 'tu-dong',
  manual: 'thu-cong',
  migration: 'truoc-nang-cap',
  restore: 'truoc-khoi-phuc',
  handoff: 'truoc-nhan-goi',
  package: 'truoc-nhap-goi-tinh',
  freeze: 'truoc-khoa-nam',
};

export interface DatabaseHost {
  /** The database file. */
  readonly file: string;
  /** The open connection (changes after a swap). */
  connection(): BetterSqlite3.Database;
  /** A checkpoint of the WAL off the host's thread (the checkpoint worker), run before a backup copies the file. */
  checkpoint?: () => Promise<unknown>;
  /** Closes the database, runs `replace`, reopens; when the reopen fails, runs `rollback` and reopens again, then throws. */
  swap(replace: () => void, rollback: () => void): Promise<void>;
}

/** Pages of the copy done and in all, after each step; may throw (a cancel) to stop the backup. */
export type BackupProgress = (done: number, total: number) => void;

/** What the audit log is told (audit/backup-notes.ts). */
export type BackupEvent =
  | { kind: 'made'; id: string; reason: BackupReason; fileName: string }
  | { kind: 'restored'; id: string; fileName: string; before: string }
  | { kind: 'undone'; id: string; fileName: string }
  | { kind: 'erased'; id: string; fileName: string };

export interface BackupServiceOptions {
  folder: string;
  latestVersion: number;
  now: () => Date;
  /** Holds other calls back while a backup or a restore needs the connection alone, reads aside during a copy (gate.ts). */
  exclusive?: <T>(fn: (readsMeanwhile: ReadsMeanwhile) => Promise<T>) => Promise<T>;
  /** Writes the event's audit entry on the connection (called while nothing else uses it). */
  audit?: (conn: BetterSqlite3.Database, event: BackupEvent) => void;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** A detail safe inside a file name (a hand-off file's office code, a year). */
function nameSafe(detail: string): string {
  return detail.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60);
}

/**
 * The last backup known to hold the data of the open file as it is: its data stamp (taken on the
 * connection it was made from, after its own audit entry) and its bytes' digest.
 */
interface LastCopy {
  conn: BetterSqlite3.Database;
  stamp: string;
  fileName: string;
  sha256: string;
}

export class BackupService {
  private host: DatabaseHost | null = null;
  private changesAtBackup = 0;
  private last: LastCopy | null = null;
  /** How the last backup written was made (the benchmarks print it; tests look at it). */
  lastWay: BackupWay | null = null;
  private lastAttempt: Date;
  private failure: Manifest['lastFailure'] = null;
  private readonly exclusive: <T>(fn: (readsMeanwhile: ReadsMeanwhile) => Promise<T>) => Promise<T>;

  constructor(private readonly opts: BackupServiceOptions) {
    this.exclusive = opts.exclusive ?? ((fn) => fn((work) => work()));
    this.lastAttempt = opts.now();
    const manifest = this.shown();
    this.failure = manifest.lastFailure;
    const newest = manifest.entries[0];
    if (newest && new Date(newest.createdAt) > this.lastAttempt) this.lastAttempt = new Date(newest.createdAt);
  }

  get folder(): string {
    return this.opts.folder;
  }

  /** Attaches the open database (at start, and again after each reopen). */
  attach(host: DatabaseHost): void {
    this.host = host;
    this.last = null;
    this.changesAtBackup = totalChanges(host.connection());
  }

  private conn(): BetterSqlite3.Database {
    if (!this.host) throw new Error('backups: no database attached');
    return this.host.connection();
  }

  private manifest(): Manifest {
    return readManifest(this.opts.folder, this.opts.now());
  }

  /** The manifest for showing; when the folder cannot be read, none (the status says why). */
  private shown(): Manifest {
    try {
      return this.manifest();
    } catch (err) {
      console.error('backups: the manifest cannot be read', err);
      return emptyManifest();
    }
  }

  list(): { folder: string; entries: BackupDto[]; status: BackupStatusDto; lastRestore: LastRestoreDto | null } {
    const m = this.withClearMarks(this.shown());
    return { folder: this.opts.folder, entries: m.entries, status: this.statusOf(m), lastRestore: this.lastRestoreOf(m) };
  }

  status(): BackupStatusDto {
    return this.statusOf(this.shown());
  }

  private statusOf(m: Manifest): BackupStatusDto {
    const newest = m.entries[0];
    return {
      lastSuccess: newest ? { at: newest.createdAt, reason: newest.reason } : null,
      lastFailure: this.failure,
      pendingChanges: this.host !== null && totalChanges(this.conn()) !== this.changesAtBackup,
    };
  }

  private lastRestoreOf(m: Manifest): LastRestoreDto | null {
    if (!m.lastRestore) return null;
    const restored = m.entries.find((e) => e.id === m.lastRestore!.restoredId);
    const before = m.entries.find((e) => e.id === m.lastRestore!.beforeId);
    return restored && before ? { at: m.lastRestore.at, restored, before } : null;
  }

  /**
   * Entries listed before backups were marked for protected values in clear (an older version of
   * the app wrote them): each file is looked at once and the mark kept in the manifest. A file that
   * cannot be read stays unmarked (nothing is claimed either way).
   */
  private withClearMarks(m: Manifest): Manifest {
    let marked = false;
    for (const e of m.entries) {
      if (e.clearProtected !== undefined || !isOwnName(e.fileName)) continue;
      const clear = holdsClearProtected(path.join(this.opts.folder, e.fileName));
      if (clear === null) continue;
      e.clearProtected = clear;
      marked = true;
    }
    if (marked) {
      try {
        writeManifest(this.opts.folder, m);
      } catch (err) {
        console.error('backups: the marks of clear protected values could not be kept in the manifest', err);
      }
    }
    return m;
  }

  /**
   * A backup now: no other call writes meanwhile, the calls that only read go on during the copy;
   * the failure is recorded (status) and thrown. `progress` reports the copy's pages; a cancel it
   * throws stops the backup (no file, no failure recorded).
   */
  async create(reason: BackupReason, detail: string | null = null, progress?: BackupProgress): Promise<BackupDto> {
    return this.exclusive((readsMeanwhile) => this.write(reason, detail, { readsMeanwhile, onStep: progress }));
  }

  /**
   * The backup before an action (a hand-off import, freezing a year): when it fails, the action
   * is refused with the reason, and nothing is changed. When nothing was written since the last
   * backup and its file is unchanged, that backup is the copy (reusedCopy); otherwise a new one.
   */
  async before(reason: BackupReason, detail: string | null, progress?: BackupProgress): Promise<BackupDto> {
    try {
      return await this.exclusive(
        async (readsMeanwhile) =>
          (await this.reusedCopy(reason, detail, readsMeanwhile, progress)) ??
          (await this.write(reason, detail, { readsMeanwhile, onStep: progress })),
      );
    } catch (err) {
      if (err instanceof AppError && err.code !== 'CANCELLED') throw new AppError(err.code, BACKUP_TEXTS.beforeAction(err.message));
      throw err;
    }
  }

  /**
   * The last backup, listed under this action's name, when it still holds the data exactly: the
   * connection's data stamp equals the one taken after that backup was made (nothing committed since,
   * by any connection), the manifest still lists it, and its bytes' SHA-256, read again now, is the
   * one recorded when it was written and checked. Its name is hard-linked under the new one (each
   * name its own entry for the rotation), its audit entry written. Null — a new copy is made — in
   * every other case: a write since, a file changed or damaged, no hard links.
   */
  private async reusedCopy(
    reason: BackupReason,
    detail: string | null,
    readsMeanwhile: ReadsMeanwhile,
    progress?: BackupProgress,
  ): Promise<BackupDto | null> {
    const last = this.last;
    const conn = this.conn();
    if (!last || last.conn !== conn || last.stamp !== dataStampOf(conn)) return null;
    const earlier = this.shown().entries.find((e) => e.fileName === last.fileName && e.sha256 === last.sha256);
    if (!earlier || !isOwnName(earlier.fileName)) return null;
    const source = path.join(this.opts.folder, earlier.fileName);
    const pages = Math.max(1, Math.round(earlier.bytes / Number(conn.pragma('page_size', { simple: true }))));
    progress?.(0, pages);
    let sha256: string;
    try {
      sha256 = await readsMeanwhile(() => sha256OfFileAsync(source));
    } catch (err) {
      console.error('backups: the last backup cannot be read again; a new copy follows', err);
      return null;
    }
    if (sha256 !== earlier.sha256 || fs.statSync(source).size !== earlier.bytes) {
      console.error(`backups: ${earlier.fileName} changed since it was written; a new copy follows`);
      return null;
    }
    progress?.(pages, pages);
    // From here to its audit entry in one synchronous run: nothing can be written in between.
    if (last.stamp !== dataStampOf(conn)) return null;
    const at = this.attempt();
    const linked = linkBackupFile(source, this.opts.folder, this.stem(reason, detail, at));
    if (!linked) return null;
    const { userVersion, counts } = earlier;
    const written: WrittenFile = {
      file: linked,
      bytes: earlier.bytes,
      sha256,
      userVersion,
      counts,
      clearProtected: earlier.clearProtected ?? false,
      way: 'reused',
      stamp: last.stamp,
    };
    let entry: BackupDto;
    try {
      entry = this.listed(reason, detail, at, written);
    } catch (err) {
      fs.rmSync(linked, { force: true });
      throw this.failedAt(reason, at, err);
    }
    return this.noted(reason, entry, written);
  }

  /** The migration's backup, written on the connection being opened (before any host is attached). */
  beforeMigration(conn: BetterSqlite3.Database, fromVersion: number): string {
    const at = this.attempt();
    const detail = `v${fromVersion}`;
    try {
      return this.listed(
        'migration',
        detail,
        at,
        writeBackupFile(conn, this.opts.folder, this.stem('migration', detail, at), this.opts.latestVersion),
      ).fileName;
    } catch (err) {
      throw this.failedAt('migration', at, err);
    }
  }

  /** A backup of the open database in steps (the host answers reads meanwhile), listed and noted in the audit log. */
  private async write(reason: BackupReason, detail: string | null, stepped: SteppedOptions): Promise<BackupDto> {
    const at = this.attempt();
    let entry: BackupDto;
    let written: WrittenFile;
    try {
      const stem = this.stem(reason, detail, at);
      entry = await this.listedAsync(
        reason,
        detail,
        at,
        (written = await writeBackupFileStepped(this.conn(), this.opts.folder, stem, this.opts.latestVersion, {
          ...stepped,
          ...(this.host ? { databaseFile: this.host.file, checkpointFirst: this.host.checkpoint } : {}),
        })),
      );
    } catch (err) {
      throw this.failedAt(reason, at, err);
    }
    return this.noted(reason, entry, written);
  }

  /** The same backup in one synchronous VACUUM INTO (autoTick, whose callers expect the result at once). */
  private writeNow(reason: BackupReason, detail: string | null): BackupDto {
    const at = this.attempt();
    let entry: BackupDto;
    let written: WrittenFile;
    try {
      entry = this.listed(
        reason,
        detail,
        at,
        (written = writeBackupFile(this.conn(), this.opts.folder, this.stem(reason, detail, at), this.opts.latestVersion)),
      );
    } catch (err) {
      throw this.failedAt(reason, at, err);
    }
    return this.noted(reason, entry, written);
  }

  /**
   * The backup's audit entry; then, when the file holds the data as it is now (its stamp is the
   * connection's: nothing was written since it was made), it is the last copy a backup before an
   * action may reuse, under the stamp taken after that audit entry.
   */
  private noted(reason: BackupReason, entry: BackupDto, written: WrittenFile): BackupDto {
    const conn = this.conn();
    const current = written.stamp !== null && written.stamp === dataStampOf(conn);
    // Before the change count is taken: the backup's own entry is not a change still to back up.
    this.opts.audit?.(conn, { kind: 'made', id: entry.id, reason, fileName: entry.fileName });
    this.changesAtBackup = totalChanges(conn);
    this.last = current ? { conn, stamp: dataStampOf(conn), fileName: entry.fileName, sha256: entry.sha256 } : null;
    this.lastWay = written.way;
    return entry;
  }

  private attempt(): Date {
    const at = this.opts.now();
    this.lastAttempt = at;
    return at;
  }

  private stem(reason: BackupReason, detail: string | null, at: Date): string {
    return [STEMS[reason], ...(detail ? [nameSafe(detail)] : []), stamp(at)].join('-');
  }

  /** The written file's entry, first in the manifest (rotated); the failure shown before is cleared. */
  private listed(reason: BackupReason, detail: string | null, at: Date, written: WrittenFile): BackupDto {
    const { entry, manifest } = this.listing(reason, detail, at, written);
    rotateManifest(this.opts.folder, manifest, at);
    writeManifest(this.opts.folder, manifest);
    this.failure = null;
    return entry;
  }

  /**
   * listed, with the manifest's write and flushes on libuv's pool (a new copy's backup, right after
   * the copy: writeManifestAsync). Called inside the exclusive section, no reads meanwhile.
   */
  private async listedAsync(reason: BackupReason, detail: string | null, at: Date, written: WrittenFile): Promise<BackupDto> {
    const { entry, manifest } = this.listing(reason, detail, at, written);
    await rotateManifestAsync(this.opts.folder, manifest, at);
    await writeManifestAsync(this.opts.folder, manifest);
    this.failure = null;
    return entry;
  }

  /** The manifest with the written file's entry first, the failure shown before cleared (not rotated yet). */
  private listing(reason: BackupReason, detail: string | null, at: Date, written: WrittenFile): { entry: BackupDto; manifest: Manifest } {
    const fileName = path.basename(written.file);
    const entry: BackupDto = {
      id: fileName.replace(/\.db$/, ''),
      fileName,
      createdAt: at.toISOString(),
      reason,
      detail,
      bytes: written.bytes,
      sha256: written.sha256,
      userVersion: written.userVersion,
      counts: written.counts,
      clearProtected: written.clearProtected,
    };
    const m = this.manifest();
    m.entries = [entry, ...m.entries];
    m.lastFailure = null;
    return { entry, manifest: m };
  }

  /** A failed backup, recorded in the status and the manifest; a cancel is not a failure and is passed on as is. */
  private failedAt(reason: BackupReason, at: Date, err: unknown): AppError {
    if (err instanceof AppError && err.code === 'CANCELLED') return err;
    const message = err instanceof AppError ? err.message : BACKUP_TEXTS.writeFailed(this.opts.folder, BACKUP_TEXTS.whyOther);
    this.recordFailure(reason, message, at);
    console.error('backups: backup failed', err);
    return err instanceof AppError ? err : new AppError('INTERNAL', message);
  }

  private recordFailure(reason: BackupReason, message: string, at: Date): void {
    this.failure = { at: at.toISOString(), reason, message };
    try {
      const m = this.manifest();
      m.lastFailure = this.failure;
      writeManifest(this.opts.folder, m);
    } catch {
      // The folder refuses the manifest too: the status held in memory still shows the failure.
    }
  }

  /**
   * Erases listed backups that hold protected values in clear (made before set-up sealed them):
   * every one is checked first (listed, a plain name of the folder, its file holding clear values
   * now), then each file is overwritten and deleted and its entry dropped. A restore whose backup
   * is erased can no longer be undone. Other backups are left to the rotation.
   */
  async eraseClear(ids: readonly string[]): Promise<{ erased: string[] }> {
    return this.exclusive(() => Promise.resolve(this.eraseNow(ids)));
  }

  private eraseNow(ids: readonly string[]): { erased: string[] } {
    const m = this.manifest();
    const targets = [...new Set(ids)].map((id) => this.find(m, id));
    for (const e of targets) {
      const clear = isOwnName(e.fileName) ? holdsClearProtected(path.join(this.opts.folder, e.fileName)) : null;
      if (clear === null) throw new AppError('RULE', BACKUP_TEXTS.fileMissing(e.fileName));
      if (!clear) throw new AppError('RULE', BACKUP_TEXTS.notClear(e.fileName));
    }
    const erased: BackupDto[] = [];
    try {
      for (const e of targets) {
        try {
          overwriteAndDelete(path.join(this.opts.folder, e.fileName));
        } catch (err) {
          console.error('backups: erase failed', err);
          throw new AppError('INTERNAL', BACKUP_TEXTS.eraseFailed(e.fileName));
        }
        erased.push(e);
        m.entries = m.entries.filter((x) => x.id !== e.id);
        if (m.lastRestore && (m.lastRestore.beforeId === e.id || m.lastRestore.restoredId === e.id)) m.lastRestore = null;
      }
    } finally {
      // What was erased leaves the list even when a later file refused.
      if (erased.length > 0) writeManifest(this.opts.folder, m);
      for (const e of erased) this.opts.audit?.(this.conn(), { kind: 'erased', id: e.id, fileName: e.fileName });
    }
    return { erased: erased.map((e) => e.fileName) };
  }

  private autoDue(): boolean {
    if (!this.host) return false;
    const now = this.opts.now();
    if (now.getTime() - this.lastAttempt.getTime() < AUTO_INTERVAL_MS) return false;
    return totalChanges(this.conn()) !== this.changesAtBackup;
  }

  /** A backup when something changed and 15 minutes passed since the last attempt, written at once (one VACUUM INTO). */
  autoTick(): BackupDto | null {
    if (!this.autoDue()) return null;
    try {
      return this.writeNow('auto', null);
    } catch {
      return null; // recorded in the status by writeNow()
    }
  }

  /** The timer's check: the same backup, written in steps while the calls that only read go on. */
  async autoTickInSteps(): Promise<BackupDto | null> {
    if (!this.autoDue()) return null;
    try {
      return await this.exclusive((readsMeanwhile) => this.write('auto', null, { readsMeanwhile }));
    } catch {
      return null; // recorded in the status by write(), or another backup is running
    }
  }

  copy(id: string, folder: string): { path: string } {
    const entry = this.find(this.manifest(), id);
    const source = path.join(this.opts.folder, entry.fileName);
    if (!fs.existsSync(source)) throw new AppError('RULE', BACKUP_TEXTS.fileMissing(entry.fileName));
    return { path: copyBackupFile(source, folder, entry.sha256) };
  }

  private find(m: Manifest, id: string): BackupDto {
    const entry = m.entries.find((e) => e.id === id);
    if (!entry) throw new AppError('NOT_FOUND', BACKUP_TEXTS.notFound);
    return entry;
  }

  /** Every check of a listed backup before it replaces the database: the file's own checks, then its sha256. */
  private async checked(entry: BackupDto, readsMeanwhile: ReadsMeanwhile): Promise<string> {
    const file = path.join(this.opts.folder, entry.fileName);
    // quick_check and the digest read the whole file: off the host's thread, reads answered meanwhile.
    const sha256 = await readsMeanwhile(async () => {
      await checkBackupFileOffHost(file, this.opts.latestVersion);
      return sha256OfFileAsync(file);
    });
    if (sha256 !== entry.sha256) throw new AppError('RULE', BACKUP_TEXTS.changed(entry.fileName));
    return file;
  }

  /** Restores a listed backup: checked, the current file backed up, then swapped in and reopened. */
  async restore(id: string): Promise<LastRestoreDto> {
    return this.exclusive(async (readsMeanwhile) => {
      const target = this.find(this.manifest(), id);
      const source = await this.checked(target, readsMeanwhile);
      const before = await this.beforeRestore(target.fileName, readsMeanwhile);
      await this.swapIn(source, before);
      this.opts.audit?.(this.conn(), { kind: 'restored', id: target.id, fileName: target.fileName, before: before.fileName });
      const m = this.manifest();
      const at = this.opts.now().toISOString();
      m.lastRestore = { at, restoredId: target.id, beforeId: before.id };
      writeManifest(this.opts.folder, m);
      return { at, restored: target, before };
    });
  }

  /** "Hoàn tác khôi phục": the file as it was before the last restore, put back (after a backup of the current one). */
  async undoRestore(): Promise<{ restored: BackupDto }> {
    return this.exclusive(async (readsMeanwhile) => {
      const m0 = this.manifest();
      const last = this.lastRestoreOf(m0);
      if (!last) throw new AppError('RULE', BACKUP_TEXTS.noRestoreToUndo);
      const source = await this.checked(last.before, readsMeanwhile);
      const before = await this.beforeRestore(last.before.fileName, readsMeanwhile);
      await this.swapIn(source, before);
      this.opts.audit?.(this.conn(), { kind: 'undone', id: last.before.id, fileName: last.before.fileName });
      const m = this.manifest();
      m.lastRestore = null;
      writeManifest(this.opts.folder, m);
      return { restored: last.before };
    });
  }

  private async beforeRestore(detail: string, readsMeanwhile: ReadsMeanwhile): Promise<BackupDto> {
    try {
      return await this.write('restore', detail.replace(/\.db$/, '').slice(0, 40), { readsMeanwhile });
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, BACKUP_TEXTS.beforeAction(err.message));
      throw err;
    }
  }

  private async swapIn(source: string, before: BackupDto): Promise<void> {
    if (!this.host) throw new Error('backups: no database attached');
    const host = this.host;
    const beforeFile = path.join(this.opts.folder, before.fileName);
    await host.swap(
      () => replaceDatabaseFile(host.file, source),
      () => replaceDatabaseFile(host.file, beforeFile),
    );
  }
}
