/**
 * A deterministic POSIX ustar writer and a strict reader for the few entries of an .antq file.
 *
 * Writer: for each entry a 512-byte header (name ≤ 100 ASCII bytes, no prefix, mode 0644, uid/gid 0,
 * mtime 0, type '0' regular file, magic "ustar\0" version "00", empty user/group names, device
 * numbers 0), the data zero-padded to 512 bytes; then two zero blocks, nothing more. Same entries in
 * → same bytes out.
 *
 * Reader: every header's checksum is verified and its numeric fields must be NUL/space-terminated
 * octal; only regular files (type '0'), no links, directories, pax or GNU extensions, no prefix;
 * names must be the ones expected, in order; sizes are bounded before anything is copied; the data
 * padding, the two end blocks and the absence of anything after them are checked.
 */

export const TAR_BLOCK = 512;

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

export class TarError extends Error {
  /** True when the archive is well-formed but holds an entry not allowed (name, position, size). */
  readonly entries: boolean;
  constructor(message: string, entries = false) {
    super(message);
    this.name = 'TarError';
    this.entries = entries;
  }
}

const ascii = new TextEncoder();

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = ascii.encode(text);
  if (bytes.length > length) throw new TarError('Field too long.');
  header.set(bytes, offset);
}

/** Octal of `value` on length-1 digits, then NUL. */
function octal(value: number, length: number): string {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new TarError('Number too large for the field.');
  return `${digits.padStart(length - 1, '0')}\0`;
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

function headerFor(name: string, size: number): Uint8Array {
  if (!SAFE_NAME.test(name)) throw new TarError(`Unsafe entry name: ${name}`);
  const h = new Uint8Array(TAR_BLOCK);
  writeField(h, 0, 100, name);
  writeField(h, 100, 8, octal(0o644, 8));
  writeField(h, 108, 8, octal(0, 8));
  writeField(h, 116, 8, octal(0, 8));
  writeField(h, 124, 12, octal(size, 12));
  writeField(h, 136, 12, octal(0, 12));
  h[156] = 0x30; // '0': regular file
  writeField(h, 257, 6, 'ustar\0');
  writeField(h, 263, 2, '00');
  writeField(h, 329, 8, octal(0, 8));
  writeField(h, 337, 8, octal(0, 8));
  writeField(h, 148, 8, `${checksum(h).toString(8).padStart(6, '0')}\0 `);
  return h;
}

function padded(size: number): number {
  return Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
}

/** The tar bytes of the entries, in the order given. */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const total = entries.reduce((n, e) => n + TAR_BLOCK + padded(e.data.length), 0) + 2 * TAR_BLOCK;
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out.set(headerFor(e.name, e.data.length), at);
    at += TAR_BLOCK;
    out.set(e.data, at);
    at += padded(e.data.length);
  }
  return out;
}

/** Parses a NUL- or space-terminated octal field (at least one digit). */
function readOctal(h: Uint8Array, offset: number, length: number, what: string): number {
  let i = offset;
  const end = offset + length;
  let value = 0;
  let digits = 0;
  while (i < end && h[i]! >= 0x30 && h[i]! <= 0x37) {
    value = value * 8 + (h[i]! - 0x30);
    digits++;
    i++;
  }
  if (digits === 0) throw new TarError(`Bad ${what} field.`);
  for (; i < end; i++) if (h[i] !== 0 && h[i] !== 0x20) throw new TarError(`Bad ${what} field.`);
  return value;
}

/** A NUL-terminated (or full-length) text field; bytes after the first NUL must be NUL. */
function readText(h: Uint8Array, offset: number, length: number, what: string): string {
  let end = offset;
  while (end < offset + length && h[end] !== 0) end++;
  for (let i = end; i < offset + length; i++) if (h[i] !== 0) throw new TarError(`Bad ${what} field.`);
  let text = '';
  for (let i = offset; i < end; i++) {
    if (h[i]! < 0x20 || h[i]! > 0x7e) throw new TarError(`Non-ASCII ${what}.`);
    text += String.fromCharCode(h[i]!);
  }
  return text;
}

function isZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

export interface TarReadRules {
  /**
   * The names allowed at each position: entry i must be one of `names[i]`; the archive may stop
   * after `minEntries` entries.
   */
  names: readonly (readonly string[])[];
  minEntries: number;
  /** Largest size allowed for an entry, by name. */
  maxSize: (name: string) => number;
  /** Accept only the exact bytes writeTar would make for the same entries. */
  canonical?: boolean;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readHeader(bytes: Uint8Array, at: number): { name: string; size: number } {
  const h = bytes.subarray(at, at + TAR_BLOCK);
  const stored = readOctal(h, 148, 8, 'checksum');
  if (stored !== checksum(h)) throw new TarError('Header checksum mismatch.');
  if (h[156] !== 0x30) throw new TarError('Only regular files are allowed.');
  if (readText(h, 257, 6, 'magic') !== 'ustar' || h[263] !== 0x30 || h[264] !== 0x30) throw new TarError('Not a POSIX ustar header.');
  for (const [offset, length, what] of [
    [100, 8, 'mode'],
    [108, 8, 'uid'],
    [116, 8, 'gid'],
    [136, 12, 'mtime'],
  ] as const) {
    readOctal(h, offset, length, what);
  }
  if (readText(h, 157, 100, 'link name') !== '') throw new TarError('Links are not allowed.');
  if (readText(h, 345, 155, 'prefix') !== '') throw new TarError('A name prefix is not allowed.');
  readText(h, 265, 32, 'user name');
  readText(h, 297, 32, 'group name');
  if (!isZero(h, 500, TAR_BLOCK)) throw new TarError('Header padding is not zero.');
  return { name: readText(h, 0, 100, 'name'), size: readOctal(h, 124, 12, 'size') };
}

/** Reads a strict tar (see the module comment); throws TarError naming what is wrong. */
export function readTar(bytes: Uint8Array, rules: TarReadRules): TarEntry[] {
  if (bytes.length % TAR_BLOCK !== 0) throw new TarError('Length is not a multiple of 512.');
  const entries: TarEntry[] = [];
  let at = 0;
  for (;;) {
    if (at + TAR_BLOCK > bytes.length) throw new TarError('Truncated: no end blocks.');
    if (isZero(bytes, at, at + TAR_BLOCK)) break;
    const index = entries.length;
    if (index >= rules.names.length) throw new TarError('Too many entries.', true);
    const { name, size } = readHeader(bytes, at);
    if (!rules.names[index]!.includes(name)) throw new TarError(`Unexpected entry "${name}" at position ${index + 1}.`, true);
    if (size > rules.maxSize(name)) throw new TarError(`Entry "${name}" is too large.`, true);
    at += TAR_BLOCK;
    if (at + padded(size) > bytes.length) throw new TarError(`Entry "${name}" is truncated.`);
    entries.push({ name, data: bytes.slice(at, at + size) });
    if (!isZero(bytes, at + size, at + padded(size))) throw new TarError(`Padding of "${name}" is not zero.`);
    at += padded(size);
  }
  if (entries.length < rules.minEntries) throw new TarError('Missing entries.', true);
  if (at + 2 * TAR_BLOCK !== bytes.length) throw new TarError('Bad end of archive (two zero blocks expected, nothing after).');
  if (!isZero(bytes, at, bytes.length)) throw new TarError('End blocks are not zero.');
  // Only the one serialisation the writer makes: every header byte (mode, owner, mtime, checksum
  // terminators…) is then fixed by the names and sizes, and a flipped bit cannot pass unnoticed.
  if (rules.canonical && !equalBytes(writeTar(entries), bytes)) throw new TarError('Not the canonical serialisation of its entries.');
  return entries;
}
