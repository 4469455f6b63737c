/**
 * The office's own hand-off identity: an Ed25519 signing key (minisign layout, with its key id)
 * and an age X25519 identity, in one file of the data folder ("khoa-nhan-dien.key", JSON,
 * readable by the owner only, created with 'wx' so it is never overwritten). Like the seal key
 * (seal/key-source.ts) it lives apart from the database: a copied database cannot sign as the
 * office. Created at the first start (electron/backend/index.ts) and on first need.
 *
 * The fingerprint ("mã nhận diện") read aloud on the phone: SHA-256 of the raw 32-byte Ed25519
 * public key; the first 24 bytes as six big-endian 32-bit integers, each taken modulo 10,000 and
 * written as 4 decimal digits, joined by '-': "dddd-dddd-dddd-dddd-dddd-dddd" (about 79.7 bits).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ageRecipientOf, generateAgeIdentity } from './age';
import { generateKeyPair, parsePublicKey, publicKeyBase64, publicKeyFileText, type MinisignKeyPair } from './minisign';
import { refuse } from './texts';

export const IDENTITY_KEY_FILE = 'khoa-nhan-dien.key';
/** The key file is a few hundred bytes; anything bigger is not ours. */
const MAX_KEY_FILE_BYTES = 16 * 1024;

export interface OfficeIdentity {
  /** Key id, secret seed and public key of the Ed25519 signing key. */
  sign: MinisignKeyPair;
  /** The public key as minisign's base64 line ("RW…"), what handoff_peers.sign_public_key holds. */
  signPublicKey: string;
  /** The public key file text, as `minisign -p` would write it. */
  signPublicKeyFile: string;
  /** "AGE-SECRET-KEY-1…" */
  ageIdentity: string;
  /** "age1…" */
  ageRecipient: string;
  /** "dddd-dddd-dddd-dddd-dddd-dddd" */
  fingerprint: string;
  createdAt: string;
}

export interface IdentitySource {
  /** Where the key lives, as the messages name it. */
  readonly description: string;
  /** The identity, or null when there is none yet (or it cannot be read). */
  read(): Promise<OfficeIdentity | null>;
  /** The identity, created on first need (refusal IDENTITY_UNAVAILABLE when it cannot be). */
  readOrCreate(): Promise<OfficeIdentity>;
}

/** The fingerprint of a raw 32-byte Ed25519 public key (see the module comment). */
export function fingerprint(rawPublicKey: Uint8Array): string {
  if (rawPublicKey.length !== 32) throw new Error('An Ed25519 public key has 32 bytes.');
  const digest = crypto.createHash('sha256').update(rawPublicKey).digest();
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) groups.push(String(digest.readUInt32BE(i * 4) % 10000).padStart(4, '0'));
  return groups.join('-');
}

/** The fingerprint of a minisign public key line, or null when it is not one. */
export function fingerprintOfPublicKey(signPublicKey: string): string | null {
  const key = parsePublicKey(signPublicKey);
  return key ? fingerprint(key.publicKey) : null;
}

const keyFileSchema = z.strictObject({
  format: z.literal('antq-identity'),
  version: z.literal(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signSecretKey: z.string().regex(/^[0-9a-f]{64}$/),
  ageIdentity: z.string().regex(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/),
  createdAt: z.string(),
});
type KeyFile = z.infer<typeof keyFileSchema>;

async function fromKeyFile(file: KeyFile): Promise<OfficeIdentity> {
  const sign = generateKeyPair(Buffer.from(file.signSecretKey, 'hex'), Buffer.from(file.keyId, 'hex'));
  return {
    sign,
    signPublicKey: publicKeyBase64(sign),
    signPublicKeyFile: publicKeyFileText(sign, `antq public key ${fingerprint(sign.publicKey)}`),
    ageIdentity: file.ageIdentity,
    ageRecipient: await ageRecipientOf(file.ageIdentity),
    fingerprint: fingerprint(sign.publicKey),
    createdAt: file.createdAt,
  };
}

export async function parseKeyFileText(text: string): Promise<OfficeIdentity | null> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) return null;
  try {
    return await fromKeyFile(parsed.data);
  } catch {
    return null;
  }
}

async function newKeyFile(now: () => Date): Promise<KeyFile> {
  const sign = generateKeyPair();
  return {
    format: 'antq-identity',
    version: 1,
    keyId: Buffer.from(sign.keyId).toString('hex'),
    signSecretKey: Buffer.from(sign.secretKey).toString('hex'),
    ageIdentity: await generateAgeIdentity(),
    createdAt: now().toISOString(),
  };
}

/** The identity in `<dataDir>/khoa-nhan-dien.key`, cached once read. */
export function fileIdentity(dataDir: string, now: () => Date = () => new Date()): IdentitySource {
  const file = path.join(dataDir, IDENTITY_KEY_FILE);
  let cached: OfficeIdentity | null = null;
  const read = async (): Promise<OfficeIdentity | null> => {
    if (cached) return cached;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) return null;
      cached = await parseKeyFileText(fs.readFileSync(file, 'utf8'));
      return cached;
    } catch {
      return null;
    }
  };
  return {
    description: `tệp khóa nhận diện "${IDENTITY_KEY_FILE}" trong thư mục dữ liệu`,
    read,
    async readOrCreate(): Promise<OfficeIdentity> {
      const existing = await read();
      if (existing) return existing;
      // A file that exists but cannot be parsed is never replaced: the officer must look at it.
      if (fs.existsSync(file)) throw refuse('IDENTITY_UNAVAILABLE', `(${IDENTITY_KEY_FILE})`);
      const created = await newKeyFile(now);
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, `${JSON.stringify(created, null, 2)}\n`);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        // Another process may have created it in between: use that one.
        const again = await read();
        if (again) return again;
        throw refuse('IDENTITY_UNAVAILABLE', `(${IDENTITY_KEY_FILE})`);
      }
      cached = await fromKeyFile(created);
      return cached;
    },
  };
}

/** For a context built without an identity (some tests): nothing can be signed. */
export const NO_IDENTITY: IdentitySource = {
  description: 'khóa nhận diện (chưa được cấu hình)',
  read: () => Promise.resolve(null),
  readOrCreate: () => Promise.reject(refuse('IDENTITY_UNAVAILABLE')),
};
