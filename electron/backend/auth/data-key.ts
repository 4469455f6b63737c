/**
 * The office's data key (32 random bytes, encrypting protected fields) and its wraps: AES-256-GCM
 * under a key derived by scrypt from an account's password (its own salt, separate from the
 * password hash) or from the recovery key printed at set-up. The associated data names what the
 * wrap is for (the account's id, or "recovery"), so a wrap copied onto another account does not
 * open. The recovery key is 20 random bytes written in Crockford's base32 (no I, L, O, U: nothing
 * to misread on paper), 8 groups of 4.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey, decodeKdf, encodeKdf, type ScryptParams } from './password';

export const DATA_KEY_BYTES = 32;
const RECOVERY_BYTES = 20;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface KeyWrap {
  kdf: string;
  salt: Buffer;
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  wrapped: Buffer;
}

export type WrapSubject = { kind: 'account'; accountId: string } | { kind: 'recovery' };

function aad(subject: WrapSubject): Buffer {
  return Buffer.from(subject.kind === 'account' ? `antq-data-key/account/${subject.accountId}` : 'antq-data-key/recovery', 'utf8');
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** Wraps the data key under a key derived from `secret` (a password, or the recovery key's bytes). */
export async function wrapDataKey(
  dataKey: Uint8Array,
  secret: string | Uint8Array,
  subject: WrapSubject,
  params: ScryptParams,
): Promise<KeyWrap> {
  const salt = randomBytes(16);
  const kek = await deriveKey(secret, salt, { ...params, keyLength: 32 });
  const nonce = randomBytes(12);
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, nonce);
    cipher.setAAD(aad(subject));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return { kdf: encodeKdf({ ...params, keyLength: 32 }), salt, nonce, wrapped };
  } finally {
    kek.fill(0);
  }
}

/** The data key, or null when `secret` (or the subject) is not the one the wrap was made for. */
export async function unwrapDataKey(wrap: KeyWrap, secret: string | Uint8Array, subject: WrapSubject): Promise<Buffer | null> {
  const kek = await deriveKey(secret, wrap.salt, decodeKdf(wrap.kdf));
  try {
    if (wrap.wrapped.length !== DATA_KEY_BYTES + 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', kek, wrap.nonce);
    decipher.setAAD(aad(subject));
    decipher.setAuthTag(wrap.wrapped.subarray(DATA_KEY_BYTES));
    return Buffer.concat([decipher.update(wrap.wrapped.subarray(0, DATA_KEY_BYTES)), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/**
 * A value that tells whether a key in memory is this file's data key without holding the key: an
 * HMAC of a fixed label (used after a restore, when the file under the session may have changed).
 */
export function dataKeyCheck(dataKey: Uint8Array): Buffer {
  return createHmac('sha256', dataKey).update('antq-data-key-check/v1').digest();
}

export function matchesCheck(dataKey: Uint8Array, check: Buffer | null): boolean {
  if (!check) return false;
  const mine = dataKeyCheck(dataKey);
  return mine.length === check.length && timingSafeEqual(mine, check);
}

/** A new recovery key: its bytes and the text to print ("XXXX-XXXX-…", 8 groups of 4). */
export function newRecoveryKey(): { bytes: Buffer; text: string } {
  const bytes = randomBytes(RECOVERY_BYTES);
  return { bytes, text: formatRecoveryKey(bytes) };
}

export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/**
 * The bytes of a recovery key as typed: case, spaces and dashes ignored, I/L read as 1 and O as 0
 * (Crockford); null when it cannot be one.
 */
export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== Math.ceil((RECOVERY_BYTES * 8) / 5)) return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return out.length === RECOVERY_BYTES ? Buffer.from(out) : null;
}
