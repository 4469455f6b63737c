/**
 * The key file (.antq kind "key"): how an office's or the province's public keys travel, on paper
 * (the fingerprint) and on a USB stick (this file). The manifest carries the role, the sender, the
 * signing public key (minisign base64 line) and the age recipient; it is signed by the key it
 * carries (self-signed: it proves possession, trust comes from the officer comparing the
 * fingerprint read aloud or printed).
 */
import { z } from 'zod';
import { isAgeRecipient } from './age';
import {
  ANTQ_FORMAT,
  ANTQ_VERSION,
  manifestBaseSchema,
  openContainer,
  verifyContainerSignature,
  writeContainer,
  type ManifestSender,
} from './container';
import { fingerprint, type OfficeIdentity } from './identity';
import { parsePublicKey } from './minisign';
import { refuse } from './texts';

export const KEY_ROLES = ['province', 'office'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export const keyManifestSchema = manifestBaseSchema.extend({
  kind: z.literal('key'),
  role: z.enum(KEY_ROLES),
  signPublicKey: z.string().max(100),
  ageRecipient: z.string().max(100),
});
export type KeyManifest = z.infer<typeof keyManifestSchema>;

export interface KeyFileContents {
  role: KeyRole;
  sender: ManifestSender;
  signPublicKey: string;
  ageRecipient: string;
  fingerprint: string;
  createdAt: string;
  signedFileName: string;
}

/** Letters and digits of an office code for file names: diacritics dropped, đ → d, others → '-'. */
export function fileNameCode(code: string): string {
  const ascii = code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii === '' ? 'X' : ascii.slice(0, 40);
}

export function keyFileName(officeCode: string): string {
  return `ANTQ_KHOA_${fileNameCode(officeCode)}.antq`;
}

export function roleOfLevel(level: ManifestSender['level']): KeyRole {
  return level === 'tinh' ? 'province' : 'office';
}

/** The signed key file of this office. */
export function buildKeyFile(
  identity: OfficeIdentity,
  office: { code: string; name: string; level: ManifestSender['level'] },
  createdAt: string,
): { fileName: string; bytes: Uint8Array } {
  const fileName = keyFileName(office.code);
  const manifest = {
    format: ANTQ_FORMAT,
    version: ANTQ_VERSION,
    kind: 'key',
    role: roleOfLevel(office.level),
    sender: { code: office.code, name: office.name, level: office.level, fingerprint: identity.fingerprint },
    createdAt,
    signPublicKey: identity.signPublicKey,
    ageRecipient: identity.ageRecipient,
  };
  return { fileName, bytes: writeContainer({ manifest, fileName, signer: identity.sign }) };
}

/** Opens and checks a key file: container, kind, self-signature, fingerprint, recipient, role/level. */
export function readKeyFile(bytes: Uint8Array): KeyFileContents {
  const opened = openContainer(bytes);
  if (opened.manifest.kind !== 'key') throw refuse('KIND_UNEXPECTED', '(cần tệp khóa)');
  const parsed = keyManifestSchema.safeParse(opened.manifest);
  if (!parsed.success) throw refuse('KEY_FILE_INVALID');
  const m = parsed.data;
  const key = parsePublicKey(m.signPublicKey);
  if (!key || !isAgeRecipient(m.ageRecipient)) throw refuse('KEY_FILE_INVALID');
  const { signedFileName } = verifyContainerSignature(opened, key);
  const print = fingerprint(key.publicKey);
  if (m.sender.fingerprint !== print) throw refuse('KEY_FILE_INVALID', '(mã nhận diện ghi trong tệp không khớp với khóa)');
  if (roleOfLevel(m.sender.level) !== m.role) throw refuse('KEY_FILE_INVALID', '(vai trò không khớp với cấp cơ quan)');
  return {
    role: m.role,
    sender: m.sender,
    signPublicKey: m.signPublicKey,
    ageRecipient: m.ageRecipient,
    fingerprint: print,
    createdAt: m.createdAt,
    signedFileName,
  };
}
