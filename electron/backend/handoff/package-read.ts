/**
 * Reading a province package at an office (issue 12 item 9): bounded read, container structure,
 * the per-kind manifest fields, the signature against the pinned province key (or, when none is
 * pinned yet, the package's own key, which the officer must then confirm by fingerprint), the key
 * rotation's second signature, and the payload (gzip within limits, canonical JSON, schema, and
 * agreement with the manifest). Everything here runs before any write; every failure is a
 * HandoffRefusal with its Vietnamese reason.
 */
import zlib from 'node:zlib';
import { isAgeRecipient } from './age';
import { parseCanonicalJson } from './canonical-json';
import { ANTQ_LIMITS, openContainer, sha256Hex, verifyContainerSignature, type OpenedContainer } from './container';
import { readBoundedFile } from './files';
import { fingerprintOfPublicKey } from './identity';
import { parsePublicKey, parseSignature, verify } from './minisign';
import { refuse } from './texts';
import {
  PACKAGE_KIND,
  PACKAGE_PAYLOAD_MAX_BYTES,
  packageFileName,
  packageManifestFields,
  packagePayload,
  rotationMessage,
  rotationTrustedComment,
  type PackageManifestFields,
  type PackagePayload,
} from './package-payload';

/** Reads a package file, its size checked first (h12-core's bounded read, the container's limit). */
export function readPackageFile(filePath: string): Uint8Array {
  return readBoundedFile(filePath, ANTQ_LIMITS.fileBytes);
}

export interface OpenedPackage {
  opened: OpenedContainer;
  fields: PackageManifestFields;
  fileSha256: string;
  bytes: number;
}

const COMMON_FIELDS = new Set(['format', 'version', 'kind', 'sender', 'createdAt', 'payload']);

/** Structure and manifest of a package; no trust yet. */
export function openPackage(bytes: Uint8Array): OpenedPackage {
  const opened = openContainer(bytes);
  if (opened.manifest.kind !== PACKAGE_KIND) throw refuse('KIND_UNEXPECTED', '(cần gói của Công an tỉnh)');
  const own = Object.fromEntries(Object.entries(opened.manifest).filter(([k]) => !COMMON_FIELDS.has(k)));
  const fields = packageManifestFields.safeParse(own);
  if (!fields.success) throw refuse('MANIFEST_INVALID');
  const { sender } = opened.manifest;
  if (sender.level !== 'tinh' || sender.code !== fields.data.province.code)
    throw refuse('MANIFEST_INVALID', '(bên gửi không phải Công an tỉnh)');
  if (fingerprintOfPublicKey(fields.data.keys.signPublicKey) !== sender.fingerprint)
    throw refuse('MANIFEST_INVALID', '(mã nhận diện không khớp khóa)');
  if (!isAgeRecipient(fields.data.keys.ageRecipient)) throw refuse('MANIFEST_INVALID');
  return { opened, fields: fields.data, fileSha256: sha256Hex(bytes), bytes: bytes.length };
}

/**
 * Checks the manifest signature with `signPublicKey` (the pinned key, or the package's own when
 * none is pinned) and that the signed name is the package's canonical name: the file may have been
 * renamed on the way, its signed identity may not.
 */
export function verifyPackageSignature(pkg: OpenedPackage, signPublicKey: string): void {
  verifyContainerSignature(pkg.opened, signPublicKey, packageFileName(pkg.fields.province.code, pkg.fields.sequence));
}

/** The rotation's own signature: the new key signs the old key's fingerprint. */
export function verifyRotation(pkg: OpenedPackage): { oldFingerprint: string; newFingerprint: string } | null {
  const r = pkg.fields.rotation;
  if (!r) return null;
  const oldFingerprint = pkg.opened.manifest.sender.fingerprint;
  const key = parsePublicKey(r.newSignPublicKey);
  if (!key || fingerprintOfPublicKey(r.newSignPublicKey) !== r.newFingerprint || !isAgeRecipient(r.newAgeRecipient)) {
    throw refuse('SIGNATURE_INVALID', '(khóa mới của gói thay khóa không hợp lệ)');
  }
  if (r.newSignPublicKey === pkg.fields.keys.signPublicKey) throw refuse('SIGNATURE_INVALID', '(khóa mới trùng khóa cũ)');
  const sig = parseSignature(r.signatureByNew);
  if (!sig) throw refuse('SIGNATURE_INVALID', '(chữ ký của khóa mới không đúng định dạng)');
  const verdict = verify(rotationMessage(pkg.fields.province.provinceCode, oldFingerprint, r.newFingerprint), sig, key);
  if (!verdict.ok || verdict.trustedComment !== rotationTrustedComment(oldFingerprint)) {
    throw refuse('SIGNATURE_INVALID', '(chữ ký của khóa mới trên mã nhận diện của khóa cũ không đúng)');
  }
  return { oldFingerprint, newFingerprint: r.newFingerprint };
}

/** The payload, after the signature (its SHA-256 was checked against the signed manifest). */
export function readPackagePayload(pkg: OpenedPackage): PackagePayload {
  const gz = pkg.opened.payload;
  if (!gz) throw refuse('PAYLOAD_MISSING');
  let json: Uint8Array;
  try {
    json = new Uint8Array(zlib.gunzipSync(gz, { maxOutputLength: PACKAGE_PAYLOAD_MAX_BYTES }));
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw refuse('PAYLOAD_TOO_LARGE');
    throw refuse('DECOMPRESS_FAILED');
  }
  const value = parseCanonicalJson(json);
  if (value === null) throw refuse('PAYLOAD_INVALID', '(không phải JSON chuẩn hóa)');
  const parsed = packagePayload.safeParse(value);
  if (!parsed.success) throw refuse('PAYLOAD_INVALID', `(${parsed.error.issues[0]?.path.join('.') ?? ''})`);
  const p = parsed.data;
  const m = pkg.fields;
  if (p.sequence !== m.sequence || JSON.stringify(p.province) !== JSON.stringify(m.province)) {
    throw refuse('PAYLOAD_INVALID', '(phần dữ liệu không khớp phần mô tả)');
  }
  for (const f of [...p.ruleSets, ...p.rubrics]) {
    if (sha256Hex(new Uint8Array(Buffer.from(f.base64, 'base64'))) !== f.sha256) throw refuse('PAYLOAD_INVALID', `(tệp ${f.fileName})`);
  }
  return p;
}
