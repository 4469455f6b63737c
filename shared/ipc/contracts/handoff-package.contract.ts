/**
 * Province packages (issue 12 item 9): made at the province (policy of personal fields, enrolled
 * offices, rule sets, rubrics, unit list, optional key rotation), verified, previewed and applied
 * at an office. Files are read and written by the backend from the path the officer gives.
 */
import { z } from 'zod';
import { empty } from '../common';

const absolutePath = z
  .string({ error: 'Thiếu đường dẫn.' })
  .trim()
  .min(1, { error: 'Hãy nhập đường dẫn.' })
  .max(1000, { error: 'Đường dẫn quá dài (tối đa 1.000 ký tự).' });

const columnName = z.string({ error: 'Tên trường không hợp lệ.' }).max(64, { error: 'Tên trường không hợp lệ.' });
const tableName = z.string({ error: 'Tên bảng không hợp lệ.' }).max(64, { error: 'Tên bảng không hợp lệ.' });

/** `{ "<table>": ["column", ...] }`, checked against the table registry by the service. */
export const policyValue = z.record(tableName, z.array(columnName, { error: 'Danh sách trường không hợp lệ.' }).max(64), {
  error: 'Chính sách trường cá nhân không hợp lệ.',
});
export type PolicyValue = z.infer<typeof policyValue>;

export const policyDto = z.object({
  policy: policyValue,
  updatedAt: z.string().nullable(),
  /** The package that set it (at an office), or the last package made carrying it (at the province). */
  packageSequence: z.number().int().nullable(),
});
export type PolicyDto = z.infer<typeof policyDto>;

export const packageSummaryDto = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  sequence: z.number().int(),
  policyTables: z.number().int(),
  offices: z.number().int(),
  ruleSets: z.number().int(),
  rubrics: z.number().int(),
  units: z.number().int(),
  /** Fingerprints when the package carried a key rotation. */
  rotation: z.object({ oldFingerprint: z.string(), newFingerprint: z.string() }).nullable(),
});
export type PackageSummaryDto = z.infer<typeof packageSummaryDto>;

export const packageRecordDto = z.object({
  id: z.string(),
  direction: z.enum(['made', 'applied']),
  sequence: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  summary: packageSummaryDto,
});
export type PackageRecordDto = z.infer<typeof packageRecordDto>;

const fileChange = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  fileName: z.string(),
  status: z.enum(['new', 'unchanged']),
});

export const unitChangeKind = z.enum(['renamed', 'recoded', 'ended', 'added', 'missing']);
/** office-changed: the office changed the same field itself since the last package; code-taken: another unit here holds the code. */
export const unitConflict = z.enum(['office-changed', 'code-taken']);
export const unitChoice = z.enum(['province', 'office']);
export const packagePreviewDto = z.object({
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  province: z.object({ code: z.string(), name: z.string(), provinceCode: z.string() }),
  sequence: z.number().int(),
  lastApplied: z.number().int().nullable(),
  signer: z.object({
    fingerprint: z.string(),
    /** 'trusted': the pinned key signed it; 'unpinned': no province key yet, the officer must confirm this fingerprint. */
    status: z.enum(['trusted', 'unpinned']),
  }),
  rotation: z.object({ oldFingerprint: z.string(), newFingerprint: z.string() }).nullable(),
  policy: z.object({
    before: policyValue,
    after: policyValue,
    changes: z.array(z.object({ table: z.string(), added: z.array(z.string()), removed: z.array(z.string()) })),
  }),
  ruleSets: z.array(fileChange),
  rubrics: z.array(fileChange),
  offices: z.array(
    z.object({ code: z.string(), name: z.string(), level: z.string().nullable(), fingerprint: z.string(), self: z.boolean() }),
  ),
  /** Whether the province lists this office with this office's own key. */
  ownEnrolment: z.enum(['match', 'mismatch', 'absent']),
  units: z.object({
    era: z.string(),
    /** false when the province works with the other era's catalogue: codes are not compared. */
    compared: z.boolean(),
    total: z.number().int(),
    changes: z.array(
      z.object({
        /** What the officer's choice names (`unitChoices[].key`). */
        key: z.string(),
        kind: unitChangeKind,
        code: z.string(),
        /** The unit's name here (the province's for an added unit). */
        name: z.string(),
        /** Old → new: the name (renamed), the code (recoded), the end date (ended), the name (added). */
        before: z.string().nullable(),
        after: z.string().nullable(),
        /** false: shown only (missing at the province; the office's own root ended). */
        applicable: z.boolean(),
        conflict: unitConflict.nullable(),
        /** office-changed: the office's own value; code-taken: the name of the unit holding the code. */
        ours: z.string().nullable(),
      }),
    ),
  }),
});
export type PackagePreviewDto = z.infer<typeof packagePreviewDto>;

const fingerprintInput = z
  .string({ error: 'Mã nhận diện không hợp lệ.' })
  .trim()
  .max(40, { error: 'Mã nhận diện không hợp lệ.' })
  .regex(/^[0-9 -]*$/, { error: 'Mã nhận diện chỉ gồm chữ số và dấu gạch.' });

export const handoffPackageContract = {
  'handoffPackage.policy': { input: empty, output: policyDto },
  /** At the province: the policy the next package carries. */
  'handoffPackage.setPolicy': { input: z.object({ policy: policyValue }).strict(), output: policyDto },
  'handoffPackage.list': { input: empty, output: z.array(packageRecordDto) },
  /** At the province: writes ANTQ_TINH_<code>_<sequence>.antq into the folder. */
  'handoffPackage.make': {
    input: z.object({ folder: absolutePath, rotateKey: z.boolean({ error: 'Hãy chọn có thay khóa hay không.' }) }).strict(),
    output: z.object({
      record: packageRecordDto,
      path: z.string(),
      /** The province's fingerprint after the package (the new one after a rotation). */
      fingerprint: z.string(),
    }),
  },
  /** At an office: verifies a package file and says what applying it would change; writes nothing. */
  'handoffPackage.inspect': { input: z.object({ path: absolutePath }).strict(), output: packagePreviewDto },
  /**
   * At an office: applies the package previewed. `sha256` is the previewed file's (a file changed
   * since is refused); `confirmFingerprint` is required when no province key is pinned yet.
   */
  'handoffPackage.apply': {
    input: z
      .object({
        path: absolutePath,
        sha256: z.string({ error: 'Thiếu mã băm của tệp.' }).regex(/^[0-9a-f]{64}$/, { error: 'Mã băm của tệp không hợp lệ.' }),
        confirmFingerprint: fingerprintInput.nullable(),
        /** The officer's choice for each unit change in conflict (every one is required). */
        unitChoices: z
          .array(z.object({ key: z.string().max(100), choice: unitChoice }).strict())
          .max(50_000)
          .default([]),
      })
      .strict(),
    output: z.object({
      record: packageRecordDto,
      message: z.string(),
      units: z.object({ renamed: z.number().int(), recoded: z.number().int(), ended: z.number().int(), added: z.number().int() }),
    }),
  },
} as const;
