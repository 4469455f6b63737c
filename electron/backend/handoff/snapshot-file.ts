/**
 * The snapshot file of an office (issue 12 item 2): the payload as canonical JSON, gzip, age to
 * the province AND the office itself, in a signed `.antq` container (container.ts); written to a
 * folder durably (temporary name, fsync, link/rename, fsync of the folder where the system allows
 * it), then read back whole and verified the way the province will: container structure,
 * signature and trusted comment with the office's own public key, payload hash, decryption with
 * the office's own age identity, decompression, and byte equality with what was meant.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { canonicalJsonBytes } from './canonical-json';
import { ageDecrypt, ageEncrypt } from './age';
import { ANTQ_LIMITS, openContainer, sha256Hex, verifyContainerSignature, writeContainer } from './container';
import { readBoundedFile, writeNewFile } from './files';
import { gunzipBounded } from './codec';
import type { OfficeIdentity } from './identity';
import { isHandoffRefusal, refuse } from './texts';
import type { SnapshotManifestFields, SnapshotPayload } from './payload';

/** The ASCII form of an office code for file names: diacritics folded, anything else unsafe dropped. */
export function asciiCode(code: string): string {
  const folded = code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const safe = folded.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return safe.length > 0 ? safe.slice(0, 40) : 'X';
}

export function snapshotFileName(officeCode: string, year: number, sequence: number): string {
  return `ANTQ_${asciiCode(officeCode)}_${year}_${sequence}.antq`;
}

/** The highest sequence among this office's snapshot files already in a folder (0: none). */
export function highestSequenceInFolder(folder: string, officeCode: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  const pattern = new RegExp(`^ANTQ_${asciiCode(officeCode).replace(/-/g, '\\-')}_\\d{4}_(\\d{1,9})\\.antq$`);
  let max = 0;
  for (const n of names) {
    const m = pattern.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export interface SnapshotSender {
  code: string;
  name: string;
  level: 'xa' | 'huyen';
}

export interface EncodedSnapshot {
  bytes: Uint8Array;
  /** The canonical JSON of the payload (what the province will decrypt and decompress to). */
  payloadJson: Uint8Array;
  sha256: string;
}

/** The bytes of a snapshot file. */
export async function encodeSnapshot(input: {
  payload: SnapshotPayload;
  fields: SnapshotManifestFields;
  sender: SnapshotSender;
  createdAt: string;
  fileName: string;
  identity: OfficeIdentity;
  provinceRecipient: string;
}): Promise<EncodedSnapshot> {
  const payloadJson = canonicalJsonBytes(input.payload);
  if (payloadJson.length > ANTQ_LIMITS.payloadBytes) throw refuse('PAYLOAD_TOO_LARGE');
  const gz = zlib.gzipSync(payloadJson, { level: 6 });
  const encrypted = await ageEncrypt(gz, [input.provinceRecipient, input.identity.ageRecipient]);
  const bytes = writeContainer({
    manifest: {
      format: 'antq',
      version: 1,
      kind: 'snapshot',
      sender: { ...input.sender, fingerprint: input.identity.fingerprint },
      createdAt: input.createdAt,
      ...input.fields,
    },
    fileName: input.fileName,
    signer: input.identity.sign,
    payload: encrypted,
  });
  return { bytes, payloadJson, sha256: sha256Hex(bytes) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/**
 * Verifies a written snapshot file as the province will, with the office's own keys. Any failure
 * is READBACK_FAILED naming the step.
 */
export async function verifySnapshotFile(
  bytes: Uint8Array,
  expected: EncodedSnapshot,
  fileName: string,
  identity: OfficeIdentity,
): Promise<void> {
  const fail = (step: string) => refuse('READBACK_FAILED', `(${step})`);
  if (sha256Hex(bytes) !== expected.sha256) throw fail('mã băm của tệp khác với tệp định ghi');
  let plain: Uint8Array;
  try {
    const opened = openContainer(bytes);
    if (opened.manifest.kind !== 'snapshot') throw fail('loại tệp');
    verifyContainerSignature(opened, identity.signPublicKey, fileName);
    plain = gunzipBounded(await ageDecrypt(opened.payload!, identity.ageIdentity, ANTQ_LIMITS.payloadBytes), ANTQ_LIMITS.payloadBytes);
  } catch (err) {
    if (isHandoffRefusal(err) && err.reason === 'READBACK_FAILED') throw err;
    throw fail(isHandoffRefusal(err) ? err.message : 'không mở được tệp');
  }
  if (!sameBytes(plain, expected.payloadJson)) throw fail('dữ liệu giải mã khác với dữ liệu định gửi');
}

/** Flushes a folder's entry table (the rename) where the system allows it (not on Windows). */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some USB file systems cannot open or fsync a directory: the file itself is synced.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Checks the folder exists, is a folder, and can be written (a probe file is created and removed). */
export function checkWritableFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw refuse('FOLDER_INVALID', '(cần đường dẫn đầy đủ, ví dụ E:\\ hoặc /media/usb)');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw refuse('FOLDER_INVALID', '(thư mục không tồn tại)');
  }
  if (!stat.isDirectory()) throw refuse('FOLDER_INVALID', '(đường dẫn không phải thư mục)');
  const probe = path.join(folder, `.antq-probe-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(probe, 'antq', { flag: 'wx' });
    fs.rmSync(probe, { force: true });
  } catch {
    throw refuse('WRITE_FAILED', '(thư mục chỉ đọc hoặc không có quyền ghi)');
  }
  return path.resolve(folder);
}

/** How the file reaches the disk and comes back (tests inject a faulty disk). */
export interface SnapshotDisk {
  write(folder: string, fileName: string, bytes: Uint8Array): string;
  read(filePath: string): Uint8Array;
  remove(filePath: string): void;
}

export const realDisk: SnapshotDisk = {
  write(folder, fileName, bytes) {
    const target = writeNewFile(folder, fileName, bytes);
    fsyncFolder(folder);
    return target;
  },
  read: (filePath) => readBoundedFile(filePath, ANTQ_LIMITS.fileBytes),
  remove: (filePath) => fs.rmSync(filePath, { force: true }),
};

/**
 * Writes the file, reads it back whole and verifies it. A file that fails verification is removed
 * (it never leaves the office) and the refusal names the step.
 */
export async function writeVerifiedSnapshot(
  disk: SnapshotDisk,
  folder: string,
  fileName: string,
  encoded: EncodedSnapshot,
  identity: OfficeIdentity,
): Promise<string> {
  const target = disk.write(folder, fileName, encoded.bytes);
  try {
    let back: Uint8Array;
    try {
      back = disk.read(target);
    } catch {
      throw refuse('READBACK_FAILED', '(không đọc lại được tệp vừa ghi)');
    }
    await verifySnapshotFile(back, encoded, fileName, identity);
  } catch (err) {
    disk.remove(target);
    throw err;
  }
  return target;
}
