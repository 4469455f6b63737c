/**
 * The province package (issue 12 item 9): what the manifest of a kind "province-package" file says
 * besides the common fields, and the schema of its payload (payload.json.gz, canonical JSON,
 * gzip, signed through the manifest's sha256, not encrypted). Both are checked strictly: a field
 * too many or missing refuses the whole package. See docs/snapshot-format.md ("Province package").
 */
import { z } from 'zod';
import { personalPolicySchema } from '../../../shared/domain/handoff-policy';
import { ERAS, UNIT_KINDS } from '../../../shared/domain/units';
import { findUnsafeChar } from '../../../shared/lib/text-safety';

export const PACKAGE_KIND = 'province-package';
export const PACKAGE_PAYLOAD_NAME = 'payload.json.gz';
export const PACKAGE_PAYLOAD_FORMAT = 'antq-province-package';
/** 2: each unit carries the province's unit id and its parent's (the list is applied, matched by id after the first time). */
export const PACKAGE_PAYLOAD_VERSION = 2;
/** Decompressed payload limit of a package (rule sets and rubrics are small JSON files). */
export const PACKAGE_PAYLOAD_MAX_BYTES = 64 * 1024 * 1024;

/** `ANTQ_TINH_<province office code>_<sequence>.antq` (ASCII; the code as the office typed it, made file-safe). */
export function packageFileName(provinceOfficeCode: string, sequence: number): string {
  return `ANTQ_TINH_${fileSafe(provinceOfficeCode)}_${sequence}.antq`;
}

export function fileSafe(code: string): string {
  const ascii = code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  return ascii.replace(/[^A-Za-z0-9-]/g, '-') || 'x';
}

/** Text shown to people: no control characters, no bidi overrides (a name cannot disguise itself). */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => findUnsafeChar(s) === null);
const officeCode = text(20);
const fingerprintText = z.string().regex(/^\d{4}(-\d{4}){5}$/);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sequence = z.number().int().min(1).max(1_000_000_000);

/** The province as it names itself. `provinceCode` is the catalogue code an office compares with its own. */
export const packageProvince = z.object({ code: officeCode, name: text(200), provinceCode: z.string().regex(/^\d{2,5}$/) }).strict();

export const packageKeys = z.object({ signPublicKey: text(200), ageRecipient: text(200) }).strict();

/**
 * A key rotation: the new keys, and the new key's minisign signature of rotationMessage(...) so a
 * package cannot carry a key its holder never agreed to replace the old one with.
 */
export const packageRotation = z
  .object({
    newSignPublicKey: text(200),
    newAgeRecipient: text(200),
    newFingerprint: fingerprintText,
    signatureByNew: z.string().min(1).max(2000),
  })
  .strict();
export type PackageRotation = z.infer<typeof packageRotation>;

/** The manifest fields a province package adds to the common ones (format, version, kind, sender, createdAt, payload). */
export const packageManifestFields = z
  .object({ province: packageProvince, sequence, keys: packageKeys, rotation: packageRotation.optional() })
  .strict();
export type PackageManifestFields = z.infer<typeof packageManifestFields>;

/** What the new key signs: the old key's fingerprint, bound to the province and the package. */
export function rotationMessage(provinceCode: string, oldFingerprint: string, newFingerprint: string): Uint8Array {
  return new TextEncoder().encode(`antq key rotation\nprovince ${provinceCode}\nold ${oldFingerprint}\nnew ${newFingerprint}\n`);
}
export function rotationTrustedComment(oldFingerprint: string): string {
  return `antq rotation ${oldFingerprint}`;
}

export const packageOffice = z
  .object({
    code: officeCode,
    name: text(200),
    level: z.enum(['huyen', 'xa']).nullable(),
    fingerprint: fingerprintText,
    signPublicKey: text(200),
  })
  .strict();
export type PackageOffice = z.infer<typeof packageOffice>;

/** A rule-set or rubric file, byte-for-byte as the province holds it. */
export const packageFile = z.object({ fileName: text(255), sha256: sha256Hex, base64 }).strict();
export type PackageFile = z.infer<typeof packageFile>;

const unitId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const packageUnit = z
  .object({
    /** The province's own unit id (stable): an office matches the unit by it once matched by code. */
    id: unitId,
    parentId: unitId.nullable(),
    code: z.string().regex(/^[0-9A-Za-z._-]{1,20}$/),
    name: text(200),
    kind: z.enum(UNIT_KINDS),
    parentCode: z.string().max(20).nullable(),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
  })
  .strict();
export type PackageUnit = z.infer<typeof packageUnit>;

export const packagePayload = z
  .object({
    format: z.literal(PACKAGE_PAYLOAD_FORMAT),
    version: z.literal(PACKAGE_PAYLOAD_VERSION),
    province: packageProvince,
    sequence,
    policy: personalPolicySchema,
    offices: z.array(packageOffice).max(10_000),
    ruleSets: z.array(packageFile).max(1000),
    rubrics: z.array(packageFile).max(1000),
    /** The province's units that have an official code (districts, communes), ended ones included; ids unique. */
    units: z
      .object({ era: z.enum(ERAS), list: z.array(packageUnit).max(50_000) })
      .strict()
      .refine((u) => new Set(u.list.map((x) => x.id)).size === u.list.length, { message: 'units.list: duplicate id' }),
  })
  .strict();
export type PackagePayload = z.infer<typeof packagePayload>;
