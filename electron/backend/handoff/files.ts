/**
 * Reading and writing hand-off files on a folder the officer names (a USB stick): sizes are
 * checked before reading; a file is written under a temporary name, flushed, renamed (never over an
 * existing file), then read back and compared.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from './texts';

/** Reads a whole file after checking it is a regular file of at most `maxBytes`. */
export function readBoundedFile(filePath: string, maxBytes: number): Uint8Array {
  if (!path.isAbsolute(filePath)) throw refuse('FILE_MISSING', '(cần đường dẫn đầy đủ)');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw refuse('FILE_MISSING');
  }
  if (!stat.isFile()) throw refuse('FILE_MISSING');
  if (stat.size > maxBytes) throw refuse('FILE_TOO_LARGE');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch {
    throw refuse('FILE_UNREADABLE');
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw refuse('FILE_TOO_LARGE');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Checks a folder named by the officer: absolute, existing, a directory. */
export function checkFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw refuse('FOLDER_INVALID', '(cần đường dẫn đầy đủ)');
  try {
    if (!fs.statSync(folder).isDirectory()) throw new Error('not a directory');
  } catch {
    throw refuse('FOLDER_INVALID');
  }
  return path.resolve(folder);
}

/**
 * Writes `bytes` as `<folder>/<fileName>`: refuses an existing file of that name, writes a
 * temporary file, fsyncs it, links it to the final name (atomic, never overwrites), then reads the
 * final file back and compares. Returns the full path.
 */
export function writeNewFile(folder: string, fileName: string, bytes: Uint8Array): string {
  const dir = checkFolder(folder);
  if (fileName !== path.basename(fileName) || fileName.startsWith('.')) throw new Error('Bad file name.');
  const target = path.join(dir, fileName);
  if (fs.existsSync(target)) throw refuse('FILE_EXISTS', `(${fileName})`);
  const temp = path.join(dir, `.${fileName}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // link() fails if the target exists (rename would replace it); some USB file systems (FAT)
    // have no hard links: fall back to rename after a last check.
    try {
      fs.linkSync(temp, target);
      fs.unlinkSync(temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw refuse('FILE_EXISTS', `(${fileName})`);
      if (fs.existsSync(target)) throw refuse('FILE_EXISTS', `(${fileName})`);
      fs.renameSync(temp, target);
    }
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof Error && err.name === 'HandoffRefusal') throw err;
    throw refuse('WRITE_FAILED');
  }
  let back: Buffer;
  try {
    back = fs.readFileSync(target);
  } catch {
    throw refuse('READBACK_FAILED');
  }
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(back)) throw refuse('READBACK_FAILED');
  return target;
}
