/**
 * An attacker's workbench for hand-off files, written independently of the app's own container code
 * (electron/backend/handoff/) so the hostile corpus does not inherit its mistakes: a ustar writer
 * and reader that can lie (declared sizes, link entries, names with "..", extra entries), a
 * minisign signer on Node's own crypto (BLAKE2b-512 prehash + Ed25519, the "ED" layout), an RFC 8785
 * serialiser for the JSON subset the manifests use, and gzip bombs.
 *
 * The corpus test checks that re-packing and re-signing an app-made file with these tools gives the
 * app's bytes back exactly, so a forged file differs from a real one only where a case says so.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';

// ---------------------------------------------------------------------------------- ustar

export interface TarEntrySpec {
  name: string;
  data: Uint8Array;
  /** '0' file (default), '2' symlink, '1' hard link, '5' directory, or any other byte. */
  type?: string;
  linkName?: string;
  /** The size written in the header, when it should lie about `data.length`. */
  declaredSize?: number;
  mode?: number;
  mtime?: number;
  uid?: number;
  gid?: number;
  /** The ustar prefix field (a name longer than 100 bytes is split into prefix/name). */
  prefix?: string;
  /** Written instead of "ustar\0" + "00". */
  magic?: string;
  /** A wrong header checksum (added to the right one). */
  checksumDelta?: number;
}

const BLOCK = 512;

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  bytes.copy(buf, offset, 0, Math.min(bytes.length, length));
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  // length - 1 octal digits, zero-padded, then NUL (the form GNU tar and most strict readers use).
  writeString(buf, offset, length - 1, value.toString(8).padStart(length - 1, '0'));
  buf[offset + length - 1] = 0;
}

export function tarHeader(e: TarEntrySpec): Buffer {
  const h = Buffer.alloc(BLOCK);
  writeString(h, 0, 100, e.name);
  writeOctal(h, 100, 8, e.mode ?? 0o644);
  writeOctal(h, 108, 8, e.uid ?? 0);
  writeOctal(h, 116, 8, e.gid ?? 0);
  writeOctal(h, 124, 12, e.declaredSize ?? e.data.length);
  writeOctal(h, 136, 12, e.mtime ?? 0);
  h.fill(0x20, 148, 156);
  writeString(h, 156, 1, e.type ?? '0');
  writeString(h, 157, 100, e.linkName ?? '');
  if (e.magic === undefined) {
    writeString(h, 257, 6, 'ustar');
    writeString(h, 263, 2, '00');
  } else {
    writeString(h, 257, 8, e.magic);
  }
  writeOctal(h, 329, 8, 0);
  writeOctal(h, 337, 8, 0);
  writeString(h, 345, 155, e.prefix ?? '');
  let sum = 0;
  for (const b of h) sum += b;
  sum += e.checksumDelta ?? 0;
  writeString(h, 148, 7, sum.toString(8).padStart(6, '0') + '\0');
  h[155] = 0x20;
  return h;
}

/** A tar archive: header + data padded to 512 per entry, then `trailerBlocks` zero blocks (2). */
export function ustar(entries: readonly TarEntrySpec[], trailerBlocks = 2): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(tarHeader(e));
    const data = Buffer.from(e.data);
    parts.push(data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * trailerBlocks));
  return Buffer.concat(parts);
}

export interface TarEntry {
  name: string;
  data: Buffer;
}

/** Reads a well-formed ustar of regular files (an app-made file); throws on anything else. */
export function readUstar(bytes: Uint8Array): TarEntry[] {
  const buf = Buffer.from(bytes);
  const out: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= buf.length) {
    const h = buf.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) break;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    if (!Number.isFinite(size)) throw new Error('readUstar: bad size');
    const data = buf.subarray(offset + BLOCK, offset + BLOCK + size);
    out.push({ name, data: Buffer.from(data) });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

// ---------------------------------------------------------------------------------- RFC 8785

/** RFC 8785 for what manifests hold: strings, safe integers, booleans, null, arrays, objects. */
export function canonical(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical: non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new Error(`canonical: cannot encode ${typeof value}`);
}

// ---------------------------------------------------------------------------------- minisign

export interface ForgeKey {
  /** The 32-byte Ed25519 seed. */
  seed: Buffer;
  /** The 32-byte public key. */
  publicKey: Buffer;
  /** minisign's 8-byte key id. */
  keyId: Buffer;
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyOf(seed: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

export function forgeKey(seed: Buffer = crypto.randomBytes(32), keyId: Buffer = crypto.randomBytes(8)): ForgeKey {
  const spki = crypto.createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return { seed, publicKey: Buffer.from(spki.subarray(spki.length - 32)), keyId };
}

/** The minisign public key line (base64 of "Ed" + key id + key) and its file form. */
export function minisignPublicKey(key: ForgeKey): { line: string; file: string } {
  const line = Buffer.concat([Buffer.from('Ed'), key.keyId, key.publicKey]).toString('base64');
  return { line, file: `untrusted comment: minisign public key ${key.keyId.toString('hex').toUpperCase()}\n${line}\n` };
}

/** A minisign signature file ("ED": Ed25519 over BLAKE2b-512 of the message). */
export function minisignSign(key: ForgeKey, message: Uint8Array, trustedComment: string, untrustedComment = 'signature'): string {
  const sk = privateKeyOf(key.seed);
  const prehash = crypto.createHash('blake2b512').update(message).digest();
  const signature = crypto.sign(null, prehash, sk);
  const global = crypto.sign(null, Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')]), sk);
  const sigLine = Buffer.concat([Buffer.from('ED'), key.keyId, signature]).toString('base64');
  return `untrusted comment: ${untrustedComment}\n${sigLine}\ntrusted comment: ${trustedComment}\n${global.toString('base64')}\n`;
}

export interface ParsedSignature {
  untrustedComment: string;
  algorithm: string;
  keyId: Buffer;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

export function parseMinisig(text: string): ParsedSignature {
  const lines = text.split('\n');
  const raw = Buffer.from(lines[1] ?? '', 'base64');
  return {
    untrustedComment: (lines[0] ?? '').replace(/^untrusted comment: /, ''),
    algorithm: raw.subarray(0, 2).toString('latin1'),
    keyId: raw.subarray(2, 10),
    signature: raw.subarray(10),
    trustedComment: (lines[2] ?? '').replace(/^trusted comment: /, ''),
    globalSignature: Buffer.from(lines[3] ?? '', 'base64'),
  };
}

// ---------------------------------------------------------------------------------- gzip

/**
 * A gzip stream that inflates to `megabytes` MiB of `fill`: one member of 1 MiB repeated (gunzip
 * reads concatenated members), about 1 KiB per MiB on disk, built without holding the output.
 */
export function gzipBomb(megabytes: number, fill = 0x20): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024, fill), { level: 9 });
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

/**
 * One valid gzip member that inflates to about `megabytes` MiB of `fill` (CRC and ISIZE right, so
 * only a bound on the output stops it): a hand-made fixed-Huffman deflate block of one literal then
 * (length 258, distance 1) copies, 13 bits per 258 bytes, so about 50 KiB per 100 MiB.
 */
export function gzipBombSingle(megabytes: number, fill = 0x20): Buffer {
  const bits = new BitWriter();
  bits.write(1, 1); // BFINAL
  bits.write(1, 2); // BTYPE = 01, fixed Huffman
  bits.huffman(fill < 144 ? 0x30 + fill : 0x190 + fill - 144, fill < 144 ? 8 : 9);
  const copies = Math.ceil((megabytes * 1024 * 1024 - 1) / 258);
  for (let i = 0; i < copies; i++) {
    bits.huffman(0xc5, 8); // length code 285 = 258 bytes
    bits.huffman(0, 5); // distance code 0 = 1 byte back
  }
  bits.huffman(0, 7); // end of block
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  const total = 1 + copies * 258;
  const chunk = Buffer.alloc(1024 * 1024, fill);
  let crc = 0;
  for (let left = total; left > 0; left -= chunk.length) crc = zlib.crc32(chunk.subarray(0, Math.min(left, chunk.length)), crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(total % 2 ** 32, 4);
  return Buffer.concat([header, bits.bytes(), trailer]);
}

class BitWriter {
  private readonly out: number[] = [];
  private acc = 0;
  private n = 0;
  /** `count` bits of `value`, least significant first (header fields, extra bits). */
  write(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  huffman(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((code >> i) & 1);
  }
  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) {
      this.out.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }
  bytes(): Buffer {
    return Buffer.from(this.n ? [...this.out, this.acc] : this.out);
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
