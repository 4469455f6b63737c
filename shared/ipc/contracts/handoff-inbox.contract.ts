/** The province's inbox (issue 12 items 4-8): inspect, dry run, apply, roll back, receipts, completeness matrix. */
import { z } from 'zod';
import { empty, requiredText, uuid } from '../common';
import { jobIdInput } from './jobs.contract';

const filePath = requiredText('Đường dẫn', 4096);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Mã băm không hợp lệ.' });
const int = z.number().int();

export const inboxRefusalDto = z.object({ code: z.string(), message: z.string() });

export const inboxChangeDto = z.object({
  table: z.string(),
  label: z.string(),
  added: int,
  changed: int,
  removed: int,
  unchanged: int,
});

export const inboxFigureDto = z.object({ key: z.string(), label: z.string(), before: z.number(), after: z.number() });

export const inboxDryRunDto = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** What would change for that office, per record kind. */
  changes: z.array(inboxChangeDto),
  /** Live records of the whole province per record kind, before and after. */
  counts: z.array(inboxFigureDto),
  /** The main period indicators of the whole province for the file's period, before and after. */
  indicators: z.array(inboxFigureDto),
});
export type InboxDryRunDto = z.infer<typeof inboxDryRunDto>;

export const inboxFileDto = z.object({
  path: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: int,
  /** A snapshot of an office's data, or an office's key file (to enrol the office). */
  kind: z.enum(['snapshot', 'key']),
  /** ready: every check passed (dry run attached); replay: received before; held: office to confirm; refused. */
  status: z.enum(['ready', 'replay', 'held', 'refused']),
  office: z.object({ code: z.string(), name: z.string() }).nullable(),
  year: int.nullable(),
  sequence: int.nullable(),
  reason: inboxRefusalDto.nullable(),
  /** An office to confirm by its fingerprint: its pending key (peerId) or its key file (this file). */
  enrol: z.object({ peerId: z.string().nullable(), code: z.string(), name: z.string(), fingerprint: z.string() }).nullable(),
  dryRun: inboxDryRunDto.nullable(),
});
export type InboxFileDto = z.infer<typeof inboxFileDto>;

export const receivedFileDto = z.object({
  id: z.string(),
  officeCode: z.string().nullable(),
  officeName: z.string().nullable(),
  year: int.nullable(),
  sequence: int.nullable(),
  fileName: z.string(),
  /** null: a refused file that was never read (too large, unreadable). */
  sha256: z.string().nullable(),
  bytes: int,
  /** replay: a file accepted before, presented again (logged once, not counted as refused). */
  status: z.enum(['applied', 'superseded', 'refused', 'replay']),
  reason: inboxRefusalDto.nullable(),
  receivedAt: z.string(),
  appliedAt: z.string().nullable(),
  receiptWrittenAt: z.string().nullable(),
  /** The sender's audit-log head carried by the file ("#seq · short hash"), null when it carried none. */
  auditHead: z.string().nullable(),
});
export type ReceivedFileDto = z.infer<typeof receivedFileDto>;

export const matrixCellDto = z.object({
  year: int,
  /** The last file accepted for that year (null: none). */
  sequence: int.nullable(),
  appliedAt: z.string().nullable(),
  /** True when that file is the office's file applied now. */
  current: z.boolean(),
  refused: int,
});

export const matrixOfficeDto = z.object({
  code: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  status: z.string(),
  neverSent: z.boolean(),
  cells: z.array(matrixCellDto),
});

export const inboxMatrixDto = z.object({ years: z.array(int), offices: z.array(matrixOfficeDto) });
export type InboxMatrixDto = z.infer<typeof inboxMatrixDto>;

export const handoffInboxContract = {
  'handoffInbox.inspect': {
    input: z
      .object({
        path: filePath,
        /**
         * The screen's own refresh after an apply or a confirmation: the file just applied is not
         * logged as presented again ('replay'); refusals are logged as always.
         */
        refresh: z.boolean().optional(),
        /** Progress ("Đã kiểm tra n/N bản ghi") and cancel through jobs.progress / jobs.cancel (issue 16 item 3). */
        jobId: jobIdInput,
      })
      .strict(),
    output: z.object({ files: z.array(inboxFileDto) }),
  },
  'handoffInbox.confirmOffice': {
    input: z
      .object({ peerId: uuid.nullable(), path: filePath.nullable(), fingerprint: z.string().trim().max(40) })
      .strict()
      .refine((v) => (v.peerId === null) !== (v.path === null), { error: 'Hãy chọn đơn vị hoặc tệp khóa cần xác nhận.' }),
    output: z.object({ peerId: z.string() }),
  },
  'handoffInbox.apply': {
    input: z.object({ path: filePath, sha256, jobId: jobIdInput }).strict(),
    output: z.object({ receivedId: z.string(), backupPath: z.string(), officeCode: z.string(), sequence: int }),
  },
  'handoffInbox.history': {
    input: z.object({ officeCode: z.string().max(20).nullable() }).strict(),
    output: z.object({ files: z.array(receivedFileDto) }),
  },
  'handoffInbox.rollback': {
    input: z.object({ receivedId: uuid }).strict(),
    output: z.object({ receivedId: z.string(), backupPath: z.string(), officeCode: z.string(), sequence: int }),
  },
  'handoffInbox.matrix': {
    input: empty,
    output: inboxMatrixDto,
  },
  'handoffInbox.exportMatrix': {
    input: z.object({ folder: filePath }).strict(),
    output: z.object({ path: z.string() }),
  },
  'handoffInbox.writeReceipt': {
    input: z.object({ receivedId: uuid, folder: filePath }).strict(),
    output: z.object({ path: z.string(), fileName: z.string() }),
  },
} as const;
