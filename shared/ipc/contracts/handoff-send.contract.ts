/**
 * Sending to the province (issue 12 items 2-3): preview what a snapshot of a year (or a period of
 * it) would carry, write the snapshot file into a folder the officer names, the list of files
 * sent ("Đã gửi") with their receipts, and importing the province's receipt.
 */
import { z } from 'zod';
import { isoDate, year } from '../common';
import { BOARD_CATEGORIES } from '../../domain/evaluation';

const folderPath = z
  .string({ error: 'Cần nhập đường dẫn thư mục.' })
  .trim()
  .min(1, { error: 'Cần nhập đường dẫn thư mục.' })
  .max(1000, { error: 'Đường dẫn quá dài.' });
const filePath = z
  .string({ error: 'Cần nhập đường dẫn tệp.' })
  .trim()
  .min(1, { error: 'Cần nhập đường dẫn tệp biên nhận.' })
  .max(1000, { error: 'Đường dẫn quá dài.' });

/** The reported year, and optionally a period inside it (both ends or neither: the whole year). */
export const sendScopeInput = z
  .object({ year, from: isoDate.nullable(), to: isoDate.nullable() })
  .strict()
  .refine((v) => (v.from === null) === (v.to === null), {
    error: 'Cần nhập cả ngày bắt đầu và ngày kết thúc của kỳ (hoặc bỏ trống cả hai).',
  })
  .refine((v) => v.from === null || v.to === null || v.from <= v.to, { error: 'Ngày bắt đầu của kỳ phải trước ngày kết thúc.' })
  .refine((v) => v.from === null || (v.from.startsWith(`${v.year}-`) && v.to!.startsWith(`${v.year}-`)), {
    error: 'Kỳ báo cáo phải nằm trong năm đã chọn.',
  });

export const sendKindDto = z.object({
  table: z.string(),
  label: z.string(),
  rows: z.number().int(),
  /** Deleted records sent as tombstones (the province deletes them too). */
  deleted: z.number().int(),
});

export const sendUnitDto = z.object({ unitId: z.string(), name: z.string(), rows: z.number().int() });

export const sendEvaluationDto = z.object({
  /** Null: the year is not frozen, live results go. */
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
  subjects: z.number().int(),
  byBasis: z.object({ frozen: z.number().int(), live: z.number().int(), unverified: z.number().int() }),
  byCategory: z.array(
    z.object({
      category: z.enum(BOARD_CATEGORIES),
      label: z.string(),
      subjects: z.number().int(),
      /** null: no subject of the category was evaluated (no rule set that year) — "không đánh giá". */
      dat: z.number().int().nullable(),
      basis: z.string(),
    }),
  ),
});

export const sendPreviewDto = z.object({
  year: z.number().int(),
  period: z.object({ from: z.string(), to: z.string() }),
  office: z.object({ code: z.string(), name: z.string() }),
  province: z.object({ name: z.string(), fingerprint: z.string() }).nullable(),
  /** The sequence the next file will carry (the folder may raise it: a file with it already there). */
  nextSequence: z.number().int(),
  fileName: z.string(),
  kinds: z.array(sendKindDto),
  units: z.array(sendUnitDto),
  evaluation: sendEvaluationDto,
  /** What never goes, in sentences ("Danh tính người cung cấp tin …"). */
  never: z.array(z.string()),
  /** Personal fields the province's policy asks for (they go), in sentences. */
  personalSent: z.array(z.string()),
  /** Why a file cannot be written now (no trusted province key…); empty when it can. */
  blockers: z.array(z.string()),
});
export type SendPreviewDto = z.infer<typeof sendPreviewDto>;

export const sentFileDto = z.object({
  sequence: z.number().int(),
  year: z.number().int(),
  periodFrom: z.string(),
  periodTo: z.string(),
  fileName: z.string(),
  folder: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  /** Null until the province's receipt is imported. */
  receipt: z.object({ at: z.string(), status: z.string() }).nullable(),
});
export type SentFileDto = z.infer<typeof sentFileDto>;

export const handoffSendContract = {
  'handoffSend.preview': { input: sendScopeInput, output: sendPreviewDto },
  /**
   * Writes the snapshot file into `folder` (an existing folder): temporary name, flushed, renamed,
   * then read back and verified (signature, hash, decryption with the office's own key). Refused
   * without a trusted province key, or when the folder is missing or not writable.
   */
  'handoffSend.write': {
    input: z.object({ scope: sendScopeInput, folder: folderPath }).strict(),
    output: sentFileDto.extend({ path: z.string(), counts: z.record(z.string(), z.number().int()) }),
  },
  'handoffSend.list': { input: z.object({}).strict(), output: z.object({ files: z.array(sentFileDto) }) },
  /** Imports the province's signed receipt of a file sent: the file is marked received. */
  'handoffSend.importReceipt': {
    input: z.object({ path: filePath }).strict(),
    output: z.object({ sequence: z.number().int(), fileName: z.string(), receivedAt: z.string(), alreadyImported: z.boolean() }),
  },
} as const;
