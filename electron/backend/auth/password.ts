/**
 * Password hashing and key derivation with Node's scrypt (memory-hard, built in, no native
 * package). Parameters travel with every hash and every wrap (as JSON), so they can be raised later
 * without breaking old accounts; a login with parameters below the current ones hashes again
 * (auth.service.ts). docs/decisions.md (h15-auth) records the measurements behind the defaults.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface ScryptParams {
  /** CPU/memory cost, a power of two: memory ≈ 128 · N · r bytes. */
  N: number;
  r: number;
  p: number;
  /** Bytes of output. */
  keyLength: number;
}

/** Production cost: 128 MiB and ~0.3 s per derivation on an idle PC (docs/decisions.md (h15-auth)). */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1, keyLength: 64 };

const kdfJson = z.object({
  alg: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2)
    .max(2 ** 22)
    .refine((n) => (n & (n - 1)) === 0),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  keyLength: z.number().int().min(32).max(128),
});

export function encodeKdf(params: ScryptParams): string {
  return JSON.stringify({ alg: 'scrypt', N: params.N, r: params.r, p: params.p, keyLength: params.keyLength });
}

/** The parameters stored beside a hash or a wrap (throws on anything else: the file was altered). */
export function decodeKdf(json: string): ScryptParams {
  const parsed = kdfJson.parse(JSON.parse(json));
  return { N: parsed.N, r: parsed.r, p: parsed.p, keyLength: parsed.keyLength };
}

/** scrypt of `secret` (a password in NFC, or raw bytes), on libuv's thread pool. */
export function deriveKey(secret: string | Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  const input = typeof secret === 'string' ? Buffer.from(secret.normalize('NFC'), 'utf8') : secret;
  // Node refuses work above `maxmem` (32 MiB by default); allow the chosen cost with room to spare.
  const maxmem = 2 * 128 * params.N * params.r * params.p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(input, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export interface PasswordHash {
  kdf: string;
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string, params: ScryptParams): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await deriveKey(password, salt, params);
  return { kdf: encodeKdf(params), salt, hash };
}

/** Whether `password` matches the stored hash, compared in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const params = decodeKdf(stored.kdf);
  const candidate = await deriveKey(password, stored.salt, params);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}

/** Whether a stored hash was made with less work than `current` asks for (it is redone at the next login). */
export function weakerThan(kdf: string, current: ScryptParams): boolean {
  const p = decodeKdf(kdf);
  return p.N < current.N || p.r < current.r || p.p < current.p || p.keyLength < current.keyLength;
}
