/**
 * The .antq container (docs/snapshot-format.md): a strict ustar tar of
 *   1. manifest.json          RFC 8785 canonical JSON, UTF-8
 *   2. manifest.json.minisig  minisign signature of the manifest bytes, trusted comment
 *                             "antq <kind> <file name>"
 *   3. the payload, optional: payload.json.gz.age (snapshot) or payload.json.gz (province package),
 *      bound to the signature by `payload: {name, bytes, sha256}` in the manifest.
 * `openContainer` checks structure only (no trust); `verifyContainerSignature` checks the signature
 * against a key the caller trusts, the trusted comment and the payload hash.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { canonicalJsonBytes, parseCanonicalJson } from './canonical-json';
import {
  formatSignature,
  parsePublicKey,
  parseSignature,
  sign,
  verify,
  type MinisignKeyPair,
  type MinisignPublicKey,
  type MinisignSignature,
} from './minisign';
import { readTar, TarError, writeTar } from './tar';
import { refuse } from './texts';

export const ANTQ_FORMAT = 'antq';
export const ANTQ_VERSION = 1;
export const CONTAINER_KINDS = ['snapshot', 'receipt', 'province-package', 'key'] as const;
export type ContainerKind = (typeof CONTAINER_KINDS)[number];

const MiB = 1024 * 1024;
/** Limits checked before anything is decoded further. */
export const ANTQ_LIMITS = {
  /** The whole .antq file. */
  fileBytes: 64 * MiB,
  /** manifest.json. */
  manifestBytes: 64 * 1024,
  /** manifest.json.minisig. */
  signatureBytes: 4096,
  /** The payload once decrypted and decompressed. */
  payloadBytes: 128 * MiB,
  /** Entries in the tar. */
  entries: 3,
} as const;

export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.json.minisig';
/** The payload entry each kind carries (null: none). */
export const PAYLOAD_NAME: Record<ContainerKind, string | null> = {
  snapshot: 'payload.json.gz.age',
  receipt: null,
  'province-package': 'payload.json.gz',
  key: null,
};
/** ASCII file names only: letters, digits, '.', '_', '-', ending in .antq. */
export const ANTQ_FILE_NAME = /^[A-Za-z0-9_.-]{1,95}\.antq$/;

export const FINGERPRINT_PATTERN = /^\d{4}(-\d{4}){5}$/;
export const officeLevelSchema = z.enum(['tinh', 'huyen', 'xa']);
export const senderSchema = z.object({
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
  level: officeLevelSchema,
  fingerprint: z.string().regex(FINGERPRINT_PATTERN),
});
export type ManifestSender = z.infer<typeof senderSchema>;

export const payloadRefSchema = z.object({
  name: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PayloadRef = z.infer<typeof payloadRefSchema>;

/** The fields every manifest has; the per-kind fields pass through for the kind's own schema. */
export const manifestBaseSchema = z.looseObject({
  format: z.literal(ANTQ_FORMAT),
  version: z.literal(ANTQ_VERSION),
  kind: z.enum(CONTAINER_KINDS),
  sender: senderSchema,
  createdAt: z.iso.datetime({ offset: true }),
  payload: payloadRefSchema.optional(),
});
export type ManifestBase = z.infer<typeof manifestBaseSchema>;

export interface OpenedContainer {
  manifest: ManifestBase;
  manifestBytes: Uint8Array;
  signature: MinisignSignature;
  signatureText: string;
  payloadName: string | null;
  payload: Uint8Array | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function trustedCommentFor(kind: ContainerKind, fileName: string): string {
  return `antq ${kind} ${fileName}`;
}

/** Not covered by the signature, so fixed: any other text is refused. */
export function untrustedCommentFor(kind: ContainerKind, fingerprint: string): string {
  return `antq ${kind} signed by ${fingerprint}`;
}

export interface WriteContainerInput {
  /** The manifest without `payload` (added here from the payload bytes). */
  manifest: Record<string, unknown>;
  fileName: string;
  signer: MinisignKeyPair;
  /** The payload entry's bytes (already encrypted / compressed), for the kinds that have one. */
  payload?: Uint8Array;
}

/** The bytes of a signed .antq file. Programming errors (bad manifest, name) throw Error. */
export function writeContainer(input: WriteContainerInput): Uint8Array {
  if (!ANTQ_FILE_NAME.test(input.fileName)) throw new Error(`Bad .antq file name: ${input.fileName}`);
  if ('payload' in input.manifest) throw new Error('The manifest payload field is filled in by writeContainer.');
  const kind = input.manifest['kind'] as ContainerKind;
  const payloadName = PAYLOAD_NAME[kind];
  if (payloadName === undefined) throw new Error(`Unknown container kind: ${String(kind)}`);
  if ((payloadName === null) !== (input.payload === undefined)) throw new Error(`Kind ${kind} payload presence mismatch.`);
  const manifest =
    payloadName && input.payload
      ? { ...input.manifest, payload: { name: payloadName, bytes: input.payload.length, sha256: sha256Hex(input.payload) } }
      : input.manifest;
  const checked = manifestBaseSchema.safeParse(manifest);
  if (!checked.success) throw new Error(`Bad manifest: ${checked.error.message}`);
  const manifestBytes = canonicalJsonBytes(manifest);
  if (manifestBytes.length > ANTQ_LIMITS.manifestBytes) throw new Error('Manifest too large.');
  const signatureText = sign(
    manifestBytes,
    input.signer,
    trustedCommentFor(kind, input.fileName),
    untrustedCommentFor(kind, checked.data.sender.fingerprint),
  );
  const entries = [
    { name: MANIFEST_NAME, data: manifestBytes },
    { name: SIGNATURE_NAME, data: new TextEncoder().encode(signatureText) },
  ];
  if (payloadName && input.payload) entries.push({ name: payloadName, data: input.payload });
  const bytes = writeTar(entries);
  if (bytes.length > ANTQ_LIMITS.fileBytes) throw refuse('FILE_TOO_LARGE');
  return bytes;
}

const PAYLOAD_NAMES = [...new Set(Object.values(PAYLOAD_NAME).filter((n): n is string => n !== null))];

function readEntries(bytes: Uint8Array) {
  try {
    return readTar(bytes, {
      names: [[MANIFEST_NAME], [SIGNATURE_NAME], PAYLOAD_NAMES],
      minEntries: 2,
      maxSize: (name) => (name === SIGNATURE_NAME ? ANTQ_LIMITS.signatureBytes : ANTQ_LIMITS.fileBytes),
      canonical: true,
    });
  } catch (err) {
    if (err instanceof TarError) throw refuse(err.entries ? 'CONTAINER_ENTRIES' : 'CONTAINER_MALFORMED');
    throw err;
  }
}

function parseManifest(manifestBytes: Uint8Array): ManifestBase {
  if (manifestBytes.length > ANTQ_LIMITS.manifestBytes) throw refuse('MANIFEST_TOO_LARGE');
  const value = parseCanonicalJson(manifestBytes);
  if (value === null) {
    let loose: unknown;
    try {
      loose = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
    } catch {
      throw refuse('MANIFEST_INVALID');
    }
    if (loose === null || typeof loose !== 'object') throw refuse('MANIFEST_INVALID');
    throw refuse('MANIFEST_NOT_CANONICAL');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw refuse('MANIFEST_INVALID');
  const record = value as Record<string, unknown>;
  if (record['format'] !== ANTQ_FORMAT) throw refuse('FORMAT_UNKNOWN');
  const version = record['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > ANTQ_VERSION) {
    throw refuse('VERSION_UNSUPPORTED', `(phiên bản ${version})`);
  }
  const parsed = manifestBaseSchema.safeParse(value);
  if (!parsed.success) throw refuse('MANIFEST_INVALID');
  return parsed.data;
}

/** Opens an .antq file's bytes: structure, limits, manifest, signature syntax. No trust yet. */
export function openContainer(bytes: Uint8Array): OpenedContainer {
  if (bytes.length === 0) throw refuse('FILE_EMPTY');
  if (bytes.length > ANTQ_LIMITS.fileBytes) throw refuse('FILE_TOO_LARGE');
  const entries = readEntries(bytes);
  const manifestBytes = entries[0]!.data;
  const manifest = parseManifest(manifestBytes);
  let signatureText: string;
  try {
    signatureText = new TextDecoder('utf-8', { fatal: true }).decode(entries[1]!.data);
  } catch {
    throw refuse('SIGNATURE_MALFORMED');
  }
  const signature = parseSignature(signatureText);
  // Exactly as written: the untrusted comment names kind and signer, the text has one form only.
  if (!signature || formatSignature(signature) !== signatureText) throw refuse('SIGNATURE_MALFORMED');
  if (signature.untrustedComment !== untrustedCommentFor(manifest.kind, manifest.sender.fingerprint)) throw refuse('SIGNATURE_MALFORMED');
  const expected = PAYLOAD_NAME[manifest.kind];
  const entry = entries[2];
  if (expected === null) {
    if (entry || manifest.payload) throw refuse('PAYLOAD_UNEXPECTED');
  } else {
    if (!manifest.payload || !entry) throw refuse('PAYLOAD_MISSING');
    if (entry.name !== expected || manifest.payload.name !== expected) throw refuse('CONTAINER_ENTRIES');
    if (entry.data.length !== manifest.payload.bytes) throw refuse('PAYLOAD_SIZE_MISMATCH');
  }
  return { manifest, manifestBytes, signature, signatureText, payloadName: entry?.name ?? null, payload: entry?.data ?? null };
}

export interface VerifiedSignature {
  /** The file name the sender signed (from the trusted comment). */
  signedFileName: string;
}

const COMMENT = /^antq (snapshot|receipt|province-package|key) ([A-Za-z0-9_.-]{1,95}\.antq)$/;

/**
 * Checks the manifest's signature with the sender's public key (minisign base64 line or parsed),
 * the trusted comment ("antq <kind> <file name>", the kind must be the manifest's, and the name
 * `expectFileName` when given), and the payload's SHA-256 against the signed manifest.
 */
export function verifyContainerSignature(
  opened: OpenedContainer,
  signPublicKey: string | MinisignPublicKey,
  expectFileName?: string,
): VerifiedSignature {
  const key = typeof signPublicKey === 'string' ? parsePublicKey(signPublicKey) : signPublicKey;
  if (!key) throw refuse('SIGNATURE_WRONG_KEY');
  const verdict = verify(opened.manifestBytes, opened.signature, key);
  if (!verdict.ok) {
    const reason = {
      malformed: 'SIGNATURE_MALFORMED',
      'wrong-key': 'SIGNATURE_WRONG_KEY',
      'bad-signature': 'SIGNATURE_INVALID',
      'bad-trusted-comment': 'TRUSTED_COMMENT_INVALID',
    } as const;
    throw refuse(reason[verdict.reason]);
  }
  const m = COMMENT.exec(verdict.trustedComment);
  if (!m || m[1] !== opened.manifest.kind) throw refuse('TRUSTED_COMMENT_MISMATCH');
  if (expectFileName !== undefined && m[2] !== expectFileName) throw refuse('TRUSTED_COMMENT_MISMATCH');
  if (opened.manifest.payload) {
    if (!opened.payload || sha256Hex(opened.payload) !== opened.manifest.payload.sha256) throw refuse('PAYLOAD_HASH_MISMATCH');
  }
  return { signedFileName: m[2]! };
}

/** The key id of the signature (to find which enrolled key to try). */
export function signatureKeyId(opened: OpenedContainer): Uint8Array {
  return opened.signature.keyId;
}
