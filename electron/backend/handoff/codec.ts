/**
 * Payload encoding shared by the snapshot (gzip then age) and the province package (gzip only):
 * canonical JSON → gzip, and back with every size bounded while decoding (a compression bomb stops
 * at the limit, it is never inflated whole).
 */
import zlib from 'node:zlib';
import { ageDecrypt, ageEncrypt } from './age';
import { canonicalJsonBytes } from './canonical-json';
import { ANTQ_LIMITS } from './container';
import { refuse } from './texts';

/** Canonical JSON of `value`, gzipped (level 9, no file name, mtime 0). */
export function gzipJson(value: unknown): Uint8Array {
  return new Uint8Array(zlib.gzipSync(canonicalJsonBytes(value), { level: 9 }));
}

/**
 * Gunzips with the output bounded: DECOMPRESS_FAILED for anything that is not a complete gzip
 * stream, PAYLOAD_TOO_LARGE beyond `maxBytes`.
 */
export function gunzipBounded(bytes: Uint8Array, maxBytes: number = ANTQ_LIMITS.payloadBytes): Uint8Array {
  // A gzip stream starts with 1f 8b 08 (deflate); anything else is not ours.
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 0x08) throw refuse('DECOMPRESS_FAILED');
  try {
    return new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength: maxBytes }));
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw refuse('PAYLOAD_TOO_LARGE');
    throw refuse('DECOMPRESS_FAILED');
  }
}

/** UTF-8 JSON bytes → value; PAYLOAD_INVALID for invalid UTF-8 or JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    throw refuse('PAYLOAD_INVALID');
  }
}

/** A snapshot payload entry: gzip of the canonical JSON, encrypted to every recipient given. */
export async function sealPayload(value: unknown, recipients: readonly string[]): Promise<Uint8Array> {
  return ageEncrypt(gzipJson(value), recipients);
}

/**
 * A snapshot payload entry back to its JSON value: decrypted (bounded by the file limit, a
 * ciphertext can hold no more), gunzipped within `maxBytes`, parsed. Refusals: NOT_RECIPIENT,
 * DECRYPT_FAILED, DECOMPRESS_FAILED, PAYLOAD_TOO_LARGE, PAYLOAD_INVALID.
 */
export async function openSealedPayload(
  entry: Uint8Array,
  ageIdentity: string,
  maxBytes: number = ANTQ_LIMITS.payloadBytes,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<unknown> {
  const gz = await ageDecrypt(entry, ageIdentity, ANTQ_LIMITS.fileBytes);
  // The host's turn between the steps (issue 16 item 3): each is one call into native code.
  await pause();
  const json = gunzipBounded(gz, maxBytes);
  await pause();
  return parseJsonBytes(json);
}

/** A province package payload entry back to its JSON value (not encrypted). */
export function openGzipPayload(entry: Uint8Array, maxBytes: number = ANTQ_LIMITS.payloadBytes): unknown {
  return parseJsonBytes(gunzipBounded(entry, maxBytes));
}
