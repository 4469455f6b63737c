/**
 * Reading a .zip package (what an .xlsx is) without trusting it: the central directory is read
 * here, every entry's declared sizes are checked against limits before anything is inflated, and
 * inflating stops as soon as a part grows past what it declared (node:zlib's maxOutputLength), so a
 * zip bomb costs at most the limit in memory and a few milliseconds. Encrypted entries, ZIP64,
 * methods other than stored/deflate, and names that could escape a folder are refused outright:
 * no spreadsheet written by Excel, LibreOffice or this app has them.
 */
import zlib from 'node:zlib';

export type ZipProblem = 'not_zip' | 'damaged' | 'encrypted' | 'unsupported' | 'bad_name' | 'too_many_parts' | 'too_big';

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Largest declared unpacked size of any one entry. */
  maxEntryBytes: number;
  /** Largest sum of declared unpacked sizes. */
  maxTotalBytes: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_MIN = 22;

function findEndOfCentralDirectory(buf: Buffer): number {
  if (buf.length < EOCD_MIN) throw new ZipError('not_zip', 'too short');
  const stop = Math.max(0, buf.length - EOCD_MIN - 0xffff);
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new ZipError(buf.readUInt32LE(0) === LOCAL_SIG ? 'damaged' : 'not_zip', 'no end of central directory');
}

/** A part name that stays inside the package: relative, forward slashes, no "..", no controls. */
export function isSafeName(name: string): boolean {
  if (name.length === 0 || name.length > 512) return false;
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return name.split('/').every((seg) => seg !== '..' && seg !== '.');
}

/** Lists the entries of the central directory, checking every declared size against the limits. */
export function listEntries(buf: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipError('unsupported', 'zip64');
  }
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw new ZipError('unsupported', 'multi-disk');
  if (count > limits.maxEntries) throw new ZipError('too_many_parts', String(count));
  if (cdOffset + cdSize > eocd) throw new ZipError('damaged', 'central directory out of range');

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipError('damaged', 'central header');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > eocd) throw new ZipError('damaged', 'central header length');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p = end;

    if (flags & 0x1 || flags & 0x40) throw new ZipError('encrypted', name);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipError('unsupported', 'zip64 entry');
    }
    if (!isSafeName(name)) throw new ZipError('bad_name', JSON.stringify(name));
    if (entries.has(name.toLowerCase())) throw new ZipError('bad_name', `duplicate ${JSON.stringify(name)}`);
    if (method !== 0 && method !== 8) throw new ZipError('unsupported', `method ${method}`);
    if (method === 0 && compressedSize !== size) throw new ZipError('damaged', 'stored sizes differ');
    if (size > limits.maxEntryBytes) throw new ZipError('too_big', `${name} declares ${size} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError('too_big', `total declared ${total} bytes`);
    if (localOffset + 30 + compressedSize > cdOffset) throw new ZipError('damaged', `${name} data out of range`);
    // Part names are compared case-insensitively in OPC; keys are lower case.
    entries.set(name.toLowerCase(), { name, method, crc, compressedSize, size, localOffset });
  }
  return entries;
}

/** The entry's stored bytes, after its header checks and the declared-size limit. */
function storedBytes(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipError('too_big', `${entry.name} declares ${entry.size} bytes`);
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) throw new ZipError('damaged', `${entry.name} local header`);
  if (buf.readUInt16LE(p + 6) & 0x1) throw new ZipError('encrypted', entry.name);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipError('damaged', `${entry.name} data truncated`);
  return buf.subarray(start, end);
}

function inflateError(entry: ZipEntry, err: unknown): ZipError {
  if (err instanceof RangeError) return new ZipError('too_big', `${entry.name} inflates past its declared size`);
  return new ZipError('damaged', `${entry.name} does not inflate`);
}

function checked(entry: ZipEntry, data: Buffer): Buffer {
  if (data.length !== entry.size) throw new ZipError('damaged', `${entry.name} size differs from its header`);
  if (zlib.crc32(data) !== entry.crc) throw new ZipError('damaged', `${entry.name} checksum`);
  return data;
}

/**
 * The entry's bytes, at most `maxBytes` of them: refused before inflating when it declares more,
 * and while inflating as soon as it produces more than it declared. The CRC is checked too.
 */
export function readEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const raw = storedBytes(buf, entry, maxBytes);
  if (entry.method === 0) return checked(entry, raw);
  let data: Buffer;
  try {
    // maxOutputLength makes zlib stop (RangeError) once the output would pass the declared size.
    data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
  } catch (err) {
    throw inflateError(entry, err);
  }
  return checked(entry, data);
}

/**
 * readEntry with the inflating done off the host's thread (node:zlib's asynchronous inflate runs
 * in libuv's thread pool), the same limits and checks: for the large parts of an import (the
 * sheet, the shared strings), which would otherwise hold the host for the time they take.
 */
export async function readEntryAsync(buf: Buffer, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  const raw = storedBytes(buf, entry, maxBytes);
  if (entry.method === 0) return checked(entry, raw);
  const data = await new Promise<Buffer>((resolve, reject) =>
    zlib.inflateRaw(raw, { maxOutputLength: Math.max(1, entry.size) }, (err, out) =>
      err ? reject(inflateError(entry, err)) : resolve(out),
    ),
  );
  return checked(entry, data);
}

/**
 * Sets every entry's modification time, in the central directory and in its local header, to
 * 01/01/1980 00:00 (the first DOS date). The zip writer under exceljs stamps each entry with the
 * time of writing, so two exports of the same frozen content would otherwise differ by their
 * timestamps. Changes the buffer in place and returns it; a buffer that is not a well-formed zip is
 * refused with a ZipError, as when reading.
 */
export function withFixedEntryTimes(buf: Buffer): Buffer {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipError('damaged', 'central header');
    buf.writeUInt16LE(DOS_TIME, p + 12);
    buf.writeUInt16LE(DOS_DATE, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL_SIG) throw new ZipError('damaged', 'local header');
    buf.writeUInt16LE(DOS_TIME, local + 10);
    buf.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}
