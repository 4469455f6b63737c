/**
 * Encryption of snapshot payloads in the age format (https://age-encryption.org/v1) with X25519
 * recipients, through the `age-encryption` package (pure JS on @noble: ChaCha20-Poly1305, HKDF,
 * X25519 — the same results under Node and Electron, whose BoringSSL has no ChaCha20). Files it
 * writes decrypt with the `age` CLI and the other way round (tests/unit/backend/handoff-age.test.ts).
 *
 * Only native X25519 recipients ("age1…", 62 characters) and identities ("AGE-SECRET-KEY-1…") are
 * accepted: no passphrases, no post-quantum or plugin recipients.
 */
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { refuse } from './texts';

const RECIPIENT = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;
const IDENTITY = /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/;

/** A new X25519 identity, "AGE-SECRET-KEY-1…". */
export async function generateAgeIdentity(): Promise<string> {
  return generateX25519Identity();
}

/** The recipient ("age1…") of an X25519 identity; throws on anything else. */
export async function ageRecipientOf(identity: string): Promise<string> {
  if (!IDENTITY.test(identity)) throw new Error('Not an age X25519 identity.');
  return identityToRecipient(identity);
}

/** True for a well-formed X25519 recipient (shape and bech32 checksum). */
export function isAgeRecipient(text: string): boolean {
  if (!RECIPIENT.test(text)) return false;
  try {
    new Encrypter().addRecipient(text);
    return true;
  } catch {
    return false;
  }
}

/** Encrypts to every recipient given (each can decrypt alone). */
export async function ageEncrypt(plaintext: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  if (recipients.length === 0) throw new Error('No age recipient.');
  const e = new Encrypter();
  for (const r of recipients) {
    if (!isAgeRecipient(r)) throw new Error('Not an age X25519 recipient.');
    e.addRecipient(r);
  }
  return e.encrypt(plaintext);
}

/**
 * Decrypts with one identity, stopping as soon as the plaintext would exceed `maxBytes`.
 * Refusals: NOT_RECIPIENT (no stanza for this identity), DECRYPT_FAILED (bad header, MAC,
 * truncated or altered chunks), PAYLOAD_TOO_LARGE.
 */
export async function ageDecrypt(ciphertext: Uint8Array, identity: string, maxBytes: number): Promise<Uint8Array> {
  if (!IDENTITY.test(identity)) throw new Error('Not an age X25519 identity.');
  const d = new Decrypter();
  d.addIdentity(identity);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(ciphertext);
      controller.close();
    },
  });
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await d.decrypt(source);
  } catch (err) {
    if (err instanceof Error && /no identity matched/.test(err.message)) throw refuse('NOT_RECIPIENT');
    throw refuse('DECRYPT_FAILED');
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = plain.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) throw refuse('PAYLOAD_TOO_LARGE');
      chunks.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    if (err instanceof Error && err.name === 'HandoffRefusal') throw err;
    throw refuse('DECRYPT_FAILED');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
