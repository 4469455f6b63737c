/**
 * Ed25519 signatures in the minisign layout (https://jedisct1.github.io/minisign/), so a file the
 * app signs verifies with `minisign -Vm <file> -P <public key>` and nothing of ours is needed.
 *
 * - Key id: 8 random bytes naming the key pair.
 * - Public key: base64("Ed" || key id || 32-byte Ed25519 public key), 56 characters; as a file
 *   "untrusted comment: <text>\n<base64>\n".
 * - Signature file, four lines:
 *     untrusted comment: <text>
 *     base64("ED" || key id || Ed25519(secret, BLAKE2b-512(message)))
 *     trusted comment: <text>
 *     base64(Ed25519(secret, signature || trusted comment))   -- the "global signature"
 *   Only the prehashed algorithm "ED" is made and accepted (minisign's default since 0.8).
 * Ed25519 comes from @noble/curves and BLAKE2b from @noble/hashes (pure JS, the same under Node
 * and Electron); verification is RFC 8032 strict (no ZIP-215 leniency), like libsodium.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { randomBytes } from '@noble/hashes/utils.js';

export const MINISIGN_KEY_ID_BYTES = 8;
const PUBLIC_KEY_ALG = 'Ed';
const PREHASHED_ALG = 'ED';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
/** Longest comment line we make or accept (minisign's own limit is 1024 bytes per line). */
export const MINISIGN_MAX_COMMENT = 1000;

export interface MinisignKeyPair {
  keyId: Uint8Array;
  /** The 32-byte Ed25519 seed. */
  secretKey: Uint8Array;
  /** The 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export interface MinisignPublicKey {
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

export interface MinisignSignature {
  keyId: Uint8Array;
  /** The 64-byte Ed25519 signature of BLAKE2b-512(message). */
  signature: Uint8Array;
  untrustedComment: string;
  trustedComment: string;
  /** The 64-byte Ed25519 signature of signature || trusted comment. */
  globalSignature: Uint8Array;
}

export type MinisignFailure = 'malformed' | 'wrong-key' | 'bad-signature' | 'bad-trusted-comment';
export type MinisignVerdict = { ok: true; trustedComment: string } | { ok: false; reason: MinisignFailure };

const utf8 = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 (padding required, no whitespace) or null. */
function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  return Buffer.from(bytes).toString('base64') === text ? bytes : null;
}

function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function validComment(text: string): boolean {
  return text.length <= MINISIGN_MAX_COMMENT && !/[\r\n\0]/.test(text);
}

/** A new key pair (random seed and key id unless given, for tests). */
export function generateKeyPair(seed?: Uint8Array, keyId?: Uint8Array): MinisignKeyPair {
  const secretKey = seed ?? ed25519.utils.randomSecretKey();
  const id = keyId ?? randomBytes(MINISIGN_KEY_ID_BYTES);
  if (secretKey.length !== 32 || id.length !== MINISIGN_KEY_ID_BYTES) throw new Error('Bad key pair material.');
  return { keyId: id, secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/** The public key as minisign's base64 line (what `minisign -P` takes). */
export function publicKeyBase64(key: MinisignPublicKey): string {
  return encodeBase64(concat(utf8.encode(PUBLIC_KEY_ALG), key.keyId, key.publicKey));
}

/** The public key file text ("untrusted comment: …" then the base64 line). */
export function publicKeyFileText(key: MinisignPublicKey, comment = `minisign public key ${keyIdHex(key.keyId)}`): string {
  if (!validComment(comment)) throw new Error('Bad comment.');
  return `${UNTRUSTED_PREFIX}${comment}\n${publicKeyBase64(key)}\n`;
}

/** The key id as minisign prints it (the 8 bytes little-endian, upper-case hex). */
export function keyIdHex(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

/** Parses a public key: the base64 line alone, or a public key file's text. Null when malformed. */
export function parsePublicKey(text: string): MinisignPublicKey | null {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  let line: string | undefined;
  if (lines.length === 1) line = lines[0];
  else if (lines.length === 2 && lines[0]!.startsWith(UNTRUSTED_PREFIX)) line = lines[1];
  if (line === undefined) return null;
  const bytes = decodeBase64(line.trim());
  if (!bytes || bytes.length !== 2 + MINISIGN_KEY_ID_BYTES + 32) return null;
  if (bytes[0] !== 0x45 || bytes[1] !== 0x64) return null; // "Ed"
  const publicKey = bytes.slice(10, 42);
  try {
    ed25519.Point.fromBytes(publicKey, false);
  } catch {
    return null;
  }
  return { keyId: bytes.slice(2, 10), publicKey };
}

/** The .minisig text of a parsed signature (what `sign` writes): parse ∘ format is the identity on what we write. */
export function formatSignature(sig: MinisignSignature): string {
  return [
    `${UNTRUSTED_PREFIX}${sig.untrustedComment}`,
    encodeBase64(concat(utf8.encode(PREHASHED_ALG), sig.keyId, sig.signature)),
    `${TRUSTED_PREFIX}${sig.trustedComment}`,
    encodeBase64(sig.globalSignature),
    '',
  ].join('\n');
}

/** Signs a message; returns the .minisig file text. */
export function sign(message: Uint8Array, key: MinisignKeyPair, trustedComment: string, untrustedComment = 'signature from antq'): string {
  if (!validComment(trustedComment) || !validComment(untrustedComment)) throw new Error('Bad comment.');
  const signature = ed25519.sign(blake2b(message, { dkLen: 64 }), key.secretKey);
  const globalSignature = ed25519.sign(concat(signature, utf8.encode(trustedComment)), key.secretKey);
  return formatSignature({ keyId: key.keyId, signature, untrustedComment, trustedComment, globalSignature });
}

/** Parses a .minisig text (strict: four lines, prehashed "ED" only). Null when malformed. */
export function parseSignature(text: string): MinisignSignature | null {
  if (text.length > 4 * (MINISIGN_MAX_COMMENT + 200)) return null;
  const lines = text.split('\n');
  if (lines.length === 5 && lines[4] === '') lines.pop();
  if (lines.length !== 4) return null;
  const [untrusted, sigLine, trusted, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX) || !trusted.startsWith(TRUSTED_PREFIX)) return null;
  const untrustedComment = untrusted.slice(UNTRUSTED_PREFIX.length);
  const trustedComment = trusted.slice(TRUSTED_PREFIX.length);
  if (!validComment(untrustedComment) || !validComment(trustedComment)) return null;
  const sig = decodeBase64(sigLine);
  const global = decodeBase64(globalLine);
  if (!sig || sig.length !== 2 + MINISIGN_KEY_ID_BYTES + 64 || !global || global.length !== 64) return null;
  if (sig[0] !== 0x45 || sig[1] !== 0x44) return null; // "ED"
  return { keyId: sig.slice(2, 10), signature: sig.slice(10), untrustedComment, trustedComment, globalSignature: global };
}

function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Verifies a parsed or textual signature of a message with a public key, naming why it fails. */
export function verify(message: Uint8Array, signature: MinisignSignature | string, key: MinisignPublicKey): MinisignVerdict {
  const sig = typeof signature === 'string' ? parseSignature(signature) : signature;
  if (!sig) return { ok: false, reason: 'malformed' };
  if (!equalBytes(sig.keyId, key.keyId)) return { ok: false, reason: 'wrong-key' };
  if (!verifyEd25519(sig.signature, blake2b(message, { dkLen: 64 }), key.publicKey)) return { ok: false, reason: 'bad-signature' };
  const signedComment = concat(sig.signature, utf8.encode(sig.trustedComment));
  if (!verifyEd25519(sig.globalSignature, signedComment, key.publicKey)) return { ok: false, reason: 'bad-trusted-comment' };
  return { ok: true, trustedComment: sig.trustedComment };
}

export { equalBytes };
