/**
 * Taking an app-made snapshot file apart and putting a changed one together again, as an attacker
 * who holds a signing key would (an enrolled office's own key file, or a key of their own): the
 * manifest as JSON, the decrypted and inflated payload as JSON, and a builder that re-compresses,
 * re-encrypts to chosen recipients, re-signs with a chosen key and re-packs with chosen tar entries.
 * With no change at all, `assemble(await disassemble(file))` gives the app's bytes back except for
 * the age ciphertext (fresh randomness): the corpus test checks the parts that must be identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Decrypter, Encrypter } from 'age-encryption';
import { canonical, forgeKey, minisignSign, parseMinisig, readUstar, sha256Hex, ustar, type ForgeKey, type TarEntrySpec } from './forge';

/** A party's keys as an attacker holding its key file has them. */
export interface PartyKeys {
  code: string;
  key: ForgeKey;
  /** The minisign public key line ("RW…"). */
  signPublicKey: string;
  ageIdentity: string;
  ageRecipient: string;
  fingerprint: string;
}

interface IdentityKeyFile {
  keyId: string;
  signSecretKey: string;
  ageIdentity: string;
}

/** The keys in a data folder's identity file (h12-core: khoa-nhan-dien.key, JSON). */
export async function partyFromDataDir(dataDir: string, code: string, fingerprintOf: (raw: Uint8Array) => string): Promise<PartyKeys> {
  const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'khoa-nhan-dien.key'), 'utf8')) as IdentityKeyFile;
  const key = forgeKey(Buffer.from(file.signSecretKey, 'hex'), Buffer.from(file.keyId, 'hex'));
  const { identityToRecipient } = await import('age-encryption');
  return {
    code,
    key,
    signPublicKey: Buffer.concat([Buffer.from('Ed'), key.keyId, key.publicKey]).toString('base64'),
    ageIdentity: file.ageIdentity,
    ageRecipient: await identityToRecipient(file.ageIdentity),
    fingerprint: fingerprintOf(key.publicKey),
  };
}

/** Keys nobody enrolled. */
export async function strangerParty(code: string, fingerprintOf: (raw: Uint8Array) => string): Promise<PartyKeys> {
  const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
  const key = forgeKey();
  const ageIdentity = await generateX25519Identity();
  return {
    code,
    key,
    signPublicKey: Buffer.concat([Buffer.from('Ed'), key.keyId, key.publicKey]).toString('base64'),
    ageIdentity,
    ageRecipient: await identityToRecipient(ageIdentity),
    fingerprint: fingerprintOf(key.publicKey),
  };
}

export interface SnapshotTable {
  columns: string[];
  rows: unknown[][];
}

export interface SnapshotPayload {
  tables: Record<string, SnapshotTable>;
  [field: string]: unknown;
}

export interface SnapshotParts {
  fileName: string;
  manifest: Record<string, unknown>;
  manifestBytes: Buffer;
  signatureText: string;
  untrustedComment: string;
  trustedComment: string;
  /** The payload entry as stored (age ciphertext). */
  payloadEntry: Buffer;
  /** gzip of the canonical JSON, as the sender wrote it. */
  gzipped: Buffer;
  payload: SnapshotPayload;
}

export async function ageDecrypt(ciphertext: Uint8Array, identity: string): Promise<Buffer> {
  const d = new Decrypter();
  d.addIdentity(identity);
  return Buffer.from(await d.decrypt(ciphertext));
}

export async function ageEncrypt(plaintext: Uint8Array, recipients: readonly string[]): Promise<Buffer> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return Buffer.from(await e.encrypt(plaintext));
}

/** Takes a snapshot file apart with any identity it was encrypted to. */
export async function disassemble(fileName: string, bytes: Uint8Array, ageIdentity: string): Promise<SnapshotParts> {
  const entries = readUstar(bytes);
  const [m, s, p] = entries;
  if (!m || !s || !p) throw new Error('disassemble: not a snapshot file');
  const sig = parseMinisig(s.data.toString('utf8'));
  const gzipped = await ageDecrypt(p.data, ageIdentity);
  return {
    fileName,
    manifest: JSON.parse(m.data.toString('utf8')) as Record<string, unknown>,
    manifestBytes: m.data,
    signatureText: s.data.toString('utf8'),
    untrustedComment: sig.untrustedComment,
    trustedComment: sig.trustedComment,
    payloadEntry: p.data,
    gzipped,
    payload: JSON.parse(zlib.gunzipSync(gzipped).toString('utf8')) as SnapshotPayload,
  };
}

export function gzipJson(value: unknown): Buffer {
  return zlib.gzipSync(Buffer.from(canonical(value), 'utf8'));
}

export interface AssembleInput {
  fileName: string;
  /** The manifest; its `payload` field is recomputed from the payload entry unless `keepPayloadRef`. */
  manifest: Record<string, unknown>;
  /** The payload entry's bytes (null: none). */
  payloadEntry: Buffer | null;
  signer: ForgeKey;
  untrustedComment: string;
  /** Default "antq <manifest.kind> <fileName>". */
  trustedComment?: string;
  keepPayloadRef?: boolean;
  /** The manifest bytes to write (and sign) instead of its canonical form. */
  manifestText?: string;
  /** Payload entry name (default payload.json.gz.age). */
  payloadName?: string;
  /** Changes the tar entries before packing (extra entries, links, names…). */
  tar?: (entries: TarEntrySpec[]) => TarEntrySpec[];
  /** Changes the signature text after signing (re-signing the trusted comment or not). */
  signature?: (text: string) => string;
}

export function assemble(input: AssembleInput): Buffer {
  const payloadName = input.payloadName ?? 'payload.json.gz.age';
  const manifest = { ...input.manifest };
  if (!input.keepPayloadRef) {
    if (input.payloadEntry)
      manifest['payload'] = { name: payloadName, bytes: input.payloadEntry.length, sha256: sha256Hex(input.payloadEntry) };
    else delete manifest['payload'];
  }
  const manifestBytes = Buffer.from(input.manifestText ?? canonical(manifest), 'utf8');
  const trusted = input.trustedComment ?? `antq ${String(manifest['kind'])} ${input.fileName}`;
  let signatureText = minisignSign(input.signer, manifestBytes, trusted, input.untrustedComment);
  if (input.signature) signatureText = input.signature(signatureText);
  let entries: TarEntrySpec[] = [
    { name: 'manifest.json', data: manifestBytes },
    { name: 'manifest.json.minisig', data: Buffer.from(signatureText, 'utf8') },
  ];
  if (input.payloadEntry) entries.push({ name: payloadName, data: input.payloadEntry });
  if (input.tar) entries = input.tar(entries);
  return ustar(entries);
}

/** A copy of the payload (deep, JSON-only). */
export function clonePayload(p: SnapshotPayload): SnapshotPayload {
  return JSON.parse(JSON.stringify(p)) as SnapshotPayload;
}

export function tableOf(p: SnapshotPayload, name: string): SnapshotTable {
  const t = p.tables[name];
  if (!t) throw new Error(`payload has no table ${name} (has ${Object.keys(p.tables).join(', ')})`);
  return t;
}

export function columnIndex(t: SnapshotTable, column: string): number {
  const i = t.columns.indexOf(column);
  if (i < 0) throw new Error(`no column ${column} (has ${t.columns.join(', ')})`);
  return i;
}

/** The first row of `table` for which `where` holds (by column values), with its index. */
export function findRow(
  p: SnapshotPayload,
  table: string,
  where: (get: (column: string) => unknown) => boolean,
): { row: unknown[]; index: number } {
  const t = tableOf(p, table);
  const index = t.rows.findIndex((r) => where((c) => r[columnIndex(t, c)]));
  if (index < 0) throw new Error(`no matching row in ${table}`);
  return { row: t.rows[index]!, index };
}

export function setCell(p: SnapshotPayload, table: string, rowIndex: number, column: string, value: unknown): void {
  const t = tableOf(p, table);
  t.rows[rowIndex]![columnIndex(t, column)] = value;
}
