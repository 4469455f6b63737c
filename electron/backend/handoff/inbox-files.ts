/**
 * The files the province's inbox touches on disk: the .antq files of a chosen folder (each size
 * checked with stat before it is read), the automatic copy of the database before an apply
 * (VACUUM INTO a temporary name, quick_check, rename, folder flushed); reading and writing the
 * files themselves goes through h12-core's files.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { quickCheckOffHost } from '../db/reader';
import { ANTQ_LIMITS } from './container';
import { refuse } from './texts';
import { readBoundedFile, writeNewFile } from './files';
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

/** A file's size from stat, 0 when it cannot be read (gone, no permission): for the log of a file refused unread. */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Reads a file whole after checking its size with stat (refusals FILE_MISSING, FILE_TOO_LARGE, FILE_UNREADABLE). */
export function readBounded(file: string): Uint8Array {
  return readBoundedFile(file, ANTQ_LIMITS.fileBytes);
}

/** Writes a new file (temporary name, flushed, linked or renamed, read back): h12-core's writer. */
export function writeFileSafely(folder: string, name: string, bytes: Uint8Array): string {
  return writeNewFile(folder, name, bytes);
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

/** Checks a database copy with quick_check, on a read-only worker (db/reader.ts): never on the host's thread. */
async function quickCheck(file: string): Promise<boolean> {
  const rows = await quickCheckOffHost(file);
  return rows.length === 1 && rows[0] === 'ok';
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
    if (!(await quickCheck(temp))) throw new Error('quick_check failed');
    fs.renameSync(temp, final);
    fsyncFolder(folder);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    console.error('handoff inbox: backup failed', err);
    throw new AppError('RULE', `Không sao lưu được cơ sở dữ liệu vào thư mục "${folder}" trước khi áp dụng; chưa có gì thay đổi.`);
  }
  return final;
}
