/**
 * Methods of the office's reports (issue 13 item 2): the list, a new report of a kind for a period
 * and a part of the territory, the draft's written sections, edited sentences and header fields,
 * issuing (the document and its figures frozen), deleting a draft, the document every output
 * renders (shared/domain/report/document.ts), the appendix tables as XLSX, and the header fields
 * kept in the office's settings.
 */
import { z } from 'zod';
import { empty, isoDate, optionalText, requiredText, uuid } from '../common';
import { REPORT_KINDS, type ReportDocument } from '../../domain/report/document';
import { REPORT_STATUSES, WRITTEN_SECTIONS } from '../../domain/report/report';
import { PERIOD_SECTIONS } from '../../domain/period/indicators';

const kind = z.enum(REPORT_KINDS, { error: 'Loại báo cáo không hợp lệ.' });

const line = (label: string, max = 300) =>
  z
    .string({ error: `${label} không hợp lệ.` })
    .trim()
    .max(max, { error: `${label} quá dài (tối đa ${max} ký tự).` })
    .refine((s) => !/[\r\n]/.test(s), { error: `${label} chỉ được có một dòng.` });

const lines = (label: string) => z.array(line(label)).max(30, { error: `${label}: tối đa 30 dòng.` });

export const reportHeaderFieldsDto = z
  .object({
    parentBody: line('Cơ quan chủ quản'),
    issuingBody: line('Cơ quan ban hành'),
    symbol: line('Ký hiệu', 40),
    place: line('Địa danh', 100),
    signerAuthority: line('Quyền hạn ký', 100),
    signerTitle: line('Chức vụ người ký', 100),
    signerName: line('Họ tên người ký', 100),
    addressees: lines('Kính gửi'),
    recipients: lines('Nơi nhận'),
  })
  .strict();

export const reportSettingsDto = z.object({
  header: reportHeaderFieldsDto,
  /** false while the office has never saved: the fields start empty. */
  saved: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ReportSettingsDto = z.infer<typeof reportSettingsDto>;

/** The keys of the generated sentences an officer may edit (shared/domain/report/build.ts sentenceKey). */
export const SENTENCE_KEYS = [...PERIOD_SECTIONS, 'recognition'].map((s) => `sentence.${s}`) as [string, ...string[]];
const sentenceKey = z.enum(SENTENCE_KEYS, { error: 'Câu không hợp lệ.' });
const writtenKey = z.enum(WRITTEN_SECTIONS, { error: 'Phần báo cáo không hợp lệ.' });

export const reportSummaryDto = z.object({
  id: z.string(),
  kind,
  title: z.string(),
  from: z.string(),
  to: z.string(),
  /** The part of the territory; null = the whole office. */
  unitId: z.string().nullable(),
  unitName: z.string(),
  status: z.enum(REPORT_STATUSES),
  number: z.string().nullable(),
  date: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReportSummaryDto = z.infer<typeof reportSummaryDto>;

export const reportDto = reportSummaryDto.extend({
  header: reportHeaderFieldsDto,
  sections: z.partialRecord(writtenKey, z.string()),
  /** Edited sentences: the officer's text and the generated text it was edited from. */
  edits: z.record(z.string(), z.object({ text: z.string(), from: z.string() })),
  chainHead: z.string().nullable(),
});
export type ReportDto = z.infer<typeof reportDto>;

// ---------------------------------------------------------------------------------------------
// The document (checked on the way out like every output)

const textRun = z.object({ text: z.string(), bold: z.boolean().optional(), italic: z.boolean().optional() });
const reportTable = z.object({
  title: z.string(),
  columns: z.array(z.object({ label: z.string(), width: z.number(), align: z.enum(['left', 'center', 'right']) })),
  header: z.array(z.array(z.object({ text: z.string(), span: z.number().int(), rowSpan: z.number().int().optional() }))).optional(),
  rows: z.array(z.array(z.string())),
  total: z.array(z.string()).optional(),
  landscape: z.boolean().optional(),
});
const reportChart = z.object({
  title: z.string(),
  type: z.enum(['bar', 'line']),
  categories: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  unit: z.string(),
});
const reportBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), label: z.string(), text: z.string() }),
  z.object({
    kind: z.literal('paragraph'),
    runs: z.array(textRun),
    origin: z.enum(['written', 'generated', 'edited']),
    stale: z.boolean().optional(),
    key: z.string().optional(),
    generated: z.string().optional(),
  }),
  z.object({ kind: z.literal('table'), table: reportTable }),
  z.object({ kind: z.literal('chart'), chart: reportChart }),
]);

export const reportDocumentDto = z.object({
  header: z.object({
    parentBody: z.string(),
    issuingBody: z.string(),
    number: z.string().nullable(),
    symbol: z.string(),
    place: z.string(),
    date: z.string().nullable(),
    draftYear: z.number().int().optional(),
    kindTitle: z.string(),
    summary: z.string(),
    addressees: z.array(z.string()),
    signerAuthority: z.string(),
    signerTitle: z.string(),
    signerName: z.string(),
    recipients: z.array(z.string()),
    secrecy: z.string().nullable(),
    circulation: z.string().nullable(),
  }),
  body: z.array(reportBlock),
  appendices: z.array(z.object({ label: z.string(), title: z.string(), blocks: z.array(reportBlock) })),
  figures: z.enum(['frozen', 'live']),
  chainHead: z.string().nullable(),
});
export type ReportDocumentDto = z.infer<typeof reportDocumentDto>;
/** Compile-time check: every ReportDocument the backend builds passes the output schema's type. */
export const asReportDocumentDto = (d: ReportDocument): ReportDocumentDto => d;

const fileDto = z.object({ fileName: z.string(), base64: z.string() });
const byId = z.object({ id: uuid }).strict();

export const reportsContract = {
  'reports.list': { input: empty, output: z.array(reportSummaryDto) },
  'reports.create': {
    input: z
      .object({
        kind,
        from: isoDate,
        to: isoDate,
        /** The part of the territory; null = the whole office. */
        unitId: uuid.nullable(),
        /** The trích yếu; empty = the kind's usual wording for the period. */
        title: optionalText('Trích yếu', 500).optional(),
      })
      .strict(),
    output: reportDto,
  },
  'reports.get': { input: byId, output: reportDto },
  /** Changes a draft: only the parts given. An issued report is refused. */
  'reports.update': {
    input: z
      .object({
        id: uuid,
        title: requiredText('Trích yếu', 500).optional(),
        number: optionalText('Số văn bản', 20).optional(),
        header: reportHeaderFieldsDto.optional(),
        sections: z.partialRecord(writtenKey, z.string().max(50_000, { error: 'Nội dung quá dài (tối đa 50.000 ký tự).' })).optional(),
        /** The officer's text of a generated sentence; null returns it to the generated text. */
        edits: z
          .partialRecord(sentenceKey, z.string().trim().max(5_000, { error: 'Câu quá dài (tối đa 5.000 ký tự).' }).nullable())
          .optional(),
      })
      .strict(),
    output: reportDto,
  },
  /** Freezes the document and its figures; the report is read-only afterwards. */
  'reports.issue': {
    input: z.object({ id: uuid, date: isoDate, by: optionalText('Người ban hành', 200).optional() }).strict(),
    output: reportDto,
  },
  'reports.delete': { input: byId, output: z.object({ id: z.string() }) },
  /** The document: built from the live figures for a draft, the frozen one for an issued report. */
  'reports.document': { input: byId, output: reportDocumentDto },
  /** The appendix tables per unit as an .xlsx workbook. */
  'reports.exportXlsx': { input: byId, output: fileDto },
  /** The document as a Word file in the Decree 30/2020 layout (electron/backend/reports/report-docx.ts). */
  'reports.exportDocx': { input: byId, output: fileDto },
  'reports.settings': { input: empty, output: reportSettingsDto },
  'reports.saveSettings': {
    input: z.object({ header: reportHeaderFieldsDto, by: optionalText('Người thay đổi', 200).optional() }).strict(),
    output: reportSettingsDto,
  },
} as const;
