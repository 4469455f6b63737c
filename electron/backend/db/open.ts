/**
 * Opening the office's database file: checks the file is ours and not newer than this app before
 * anything writes to it, then sets the pragmas every connection needs (architecture.md §3).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { AppError } from '../errors';

/** 'ANTQ' as a 32-bit big-endian integer, stored in the SQLite header's application_id. */
export const APPLICATION_ID = 0x414e5451;

export interface OpenedDatabase {
  raw: BetterSqlite3.Database;
  db: Kysely<Database>;
  path: string;
}

export interface FileHeader {
  applicationId: number;
  userVersion: number;
  /** Pages in the main file: more than one means it already holds a schema. */
  pageCount: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads application_id and user_version without writing anything. The 100-byte SQLite header is
 * read directly: opening a WAL database even read-only would create -wal/-shm files beside it.
 * Only when a -wal file already exists (the header may be behind it) does SQLite itself read it.
 */
export function readHeader(file: string): FileHeader | null {
  if (!fs.existsSync(file)) return null;
  const name = path.basename(file);
  const notDb = () => new AppError('INTERNAL', `Tệp "${name}" không phải là cơ sở dữ liệu hợp lệ.`);
  const size = fs.statSync(file).size;
  if (size === 0) return null;
  if (size < 100) throw notDb();
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
      ...fromFile,
      applicationId: Number(ro.pragma('application_id', { simple: true })),
      userVersion: Number(ro.pragma('user_version', { simple: true })),
    };
  } catch {
    throw notDb();
  } finally {
    ro.close();
  }
}

/**
 * Refuses a file that belongs to another program or to a newer version of this app. Called before
 * the read-write open, so a refused file is left exactly as it was.
 */
export function assertOpenable(header: FileHeader | null, latestVersion: number, file: string): void {
  if (!header) return;
  const name = path.basename(file);
  // A file with no application id is ours only while it is still empty (set at the first open).
  const empty = header.applicationId === 0 && header.userVersion === 0 && header.pageCount <= 1;
  if (!empty && header.applicationId !== APPLICATION_ID) {
    throw new AppError('INTERNAL', `Tệp "${name}" không phải là cơ sở dữ liệu của phần mềm này.`);
  }
  if (header.userVersion > latestVersion) {
    throw new AppError(
      'INTERNAL',
      `Dữ liệu trong tệp "${name}" được tạo bởi phiên bản mới hơn của phần mềm ` +
        `(phiên bản dữ liệu ${header.userVersion}, phần mềm này chỉ đọc được đến ${latestVersion}). ` +
        'Hãy cài đặt phiên bản mới của phần mềm; dữ liệu chưa bị thay đổi.',
    );
  }
}

export function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('trusted_schema = OFF');
  raw.pragma('busy_timeout = 5000');
  if (Number(raw.pragma('application_id', { simple: true })) === 0) {
    raw.pragma(`application_id = ${APPLICATION_ID}`);
  }
}

export function openDatabase(file: string, latestVersion: number): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  assertOpenable(readHeader(file), latestVersion, file);
  const raw = new BetterSqlite3(file);
  try {
    applyPragmas(raw);
  } catch (err) {
    raw.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { raw, db, path: file };
}
