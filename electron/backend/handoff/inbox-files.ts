/**
 * The files the province's inbox touches on disk: the .antq files of a chosen folder (each size
 * checked with stat before it is read), the automatic copy of the database before an apply
 * (VACUUM INTO a temporary name, quick_check, rename, folder flushed), and files written with a
 * temporary name, flushed and renamed (receipts, the Excel matrix).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ANTQ_LIMITS } from './container';
import { refuse } from './texts';
import { AppError } from '../errors';

export interface FoundFile {
  path: string;
  name: string;
}

/** The .antq files of a folder (not its sub-folders), or the one file named; sorted by name. */
export function listAntqFiles(target: string): FoundFile[] {
  if (!path.isAbsolute(target)) throw refuse('FOLDER_INVALID', '(hãy nhập đường dẫn đầy đủ)');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw refuse('FILE_MISSING', `(${target})`);
  }
  if (stat.isFile()) return [{ path: target, name: path.basename(target) }];
  if (!stat.isDirectory()) throw refuse('FOLDER_INVALID');
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.antq') && !e.name.startsWith('.'))
    .map((e) => ({ path: path.join(target, e.name), name: e.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Reads a file whole after checking its size (refusals FILE_MISSING, FILE_TOO_LARGE, FILE_UNREADABLE). */
export function readBounded(file: string): Uint8Array {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw refuse('FILE_UNREADABLE');
    size = stat.size;
  } catch (err) {
    if (err instanceof Error && err.name === 'HandoffRefusal') throw err;
    throw refuse('FILE_MISSING', `(${path.basename(file)})`);
  }
  if (size > ANTQ_LIMITS.fileBytes) throw refuse('FILE_TOO_LARGE');
  try {
    const bytes = fs.readFileSync(file);
    if (bytes.length > ANTQ_LIMITS.fileBytes) throw refuse('FILE_TOO_LARGE');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (err) {
    if (err instanceof Error && err.name === 'HandoffRefusal') throw err;
    throw refuse('FILE_UNREADABLE');
  }
}

function fsyncPath(p: string, flags: string): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; the rename is durable there once the file is.
  if (process.platform === 'win32') return;
  fsyncPath(folder, 'r');
}

/** Writes bytes to folder/name: temporary name, flushed, renamed, folder flushed. Refuses an existing file. */
export function writeFileSafely(folder: string, name: string, bytes: Uint8Array): string {
  if (!path.isAbsolute(folder)) throw refuse('FOLDER_INVALID', '(hãy nhập đường dẫn đầy đủ)');
  try {
    if (!fs.statSync(folder).isDirectory()) throw new Error('not a folder');
  } catch {
    throw refuse('FOLDER_INVALID', `(${folder})`);
  }
  const final = path.join(folder, name);
  if (fs.existsSync(final)) throw refuse('FILE_EXISTS', `(${name})`);
  const temp = path.join(folder, `.${name}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, final);
    fsyncFolder(folder);
  } catch {
    fs.rmSync(temp, { force: true });
    throw refuse('WRITE_FAILED', `(${name})`);
  }
  return final;
}

/** Checks a database copy with quick_check (read-only connection). */
function quickCheck(file: string): boolean {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } finally {
    db.close();
  }
}

/**
 * The automatic copy before an apply: `copy(temp)` writes a consistent copy (VACUUM INTO), which
 * is flushed, checked, and only then renamed to its final name in <dataDir>/sao-luu/.
 */
export async function backupDatabase(databaseFile: string, label: string, copy: (temp: string) => Promise<void>): Promise<string> {
  const folder = path.join(path.dirname(databaseFile), 'sao-luu');
  fs.mkdirSync(folder, { recursive: true });
  let final = path.join(folder, `${label}.db`);
  for (let n = 2; fs.existsSync(final); n++) final = path.join(folder, `${label}-${n}.db`);
  const temp = `${final}.tmp`;
  fs.rmSync(temp, { force: true });
  try {
    await copy(temp);
    fsyncPath(temp, 'r+');
    if (!quickCheck(temp)) throw new Error('quick_check failed');
    fs.renameSync(temp, final);
    fsyncFolder(folder);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    console.error('handoff inbox: backup failed', err);
    throw new AppError('RULE', `Không sao lưu được cơ sở dữ liệu vào thư mục "${folder}" trước khi áp dụng; chưa có gì thay đổi.`);
  }
  return final;
}
