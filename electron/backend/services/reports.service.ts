/**
 * The office's reports (issue 13 item 2): create a report of a kind for a period and a part of the
 * territory with the office's header fields; edit a draft's written sections, header fields and
 * generated sentences (an edit keeps the generated text it started from, so a later change in the
 * data is flagged beside it, never overwritten); issue it (the document and the figures it was built
 * from are frozen with the audit-chain head, none yet); delete a draft; the document every output
 * renders; the document as DOCX and the appendix tables as XLSX. Each write is one transaction; an issued report is refused
 * every change with a Vietnamese message.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import * as repo from '../repos/reports.repo';
import { findUnit, listUnits } from '../repos/units.repo';
import { getOffice } from '../repos/office.repo';
import { reportSource } from './reports-source';
import { reportXlsx } from '../reports/report-xlsx';
import { reportDocx } from '../reports/report-docx';
import { appendixTables, buildReportDocument, sentenceKey } from '../../../shared/domain/report/build';
import type { ReportDocument, ReportKind } from '../../../shared/domain/report/document';
import type { ReportSource } from '../../../shared/domain/report/source';
import {
  EMPTY_HEADER_FIELDS,
  defaultReportTitle,
  type ReportContent,
  type ReportHeaderFields,
  type WrittenSection,
} from '../../../shared/domain/report/report';
import { PERIOD_SECTIONS } from '../../../shared/domain/period/indicators';
import { recognitionText } from '../../../shared/domain/report/build';
import { formatDateVi } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';
import type { ReportDto, ReportSettingsDto, ReportSummaryDto } from '../../../shared/ipc/contracts/reports.contract';
import { auditHead } from './audit.service';
import { AUDIT_TEXTS } from '../audit/texts';

/** "Nhật ký thao tác đến mục số 1.234 (mã 9f2c4a1b)": the log's head when the file is made. */
async function auditHeadLine(ctx: ServiceContext): Promise<string | null> {
  const head = await auditHead(ctx);
  return head ? AUDIT_TEXTS.reportHead(head.seq, head.shortHash) : null;
}

const ISSUED = 'Báo cáo đã ban hành: không sửa, không xóa được (số liệu và nội dung đã được chốt).';
const NOT_FOUND = 'Không tìm thấy báo cáo (có thể đã bị xóa).';

// ---------------------------------------------------------------------------------------------
// Settings

export async function getReportSettings(ctx: ServiceContext): Promise<ReportSettingsDto> {
  const s = await repo.getReportSettings(ctx.db);
  return s
    ? { header: s.header, saved: true, updatedBy: s.updatedBy, updatedAt: s.updatedAt }
    : { header: EMPTY_HEADER_FIELDS, saved: false, updatedBy: null, updatedAt: null };
}

export async function saveReportSettings(
  ctx: ServiceContext,
  input: { header: ReportHeaderFields; by?: string | null | undefined },
): Promise<ReportSettingsDto> {
  const at = ctx.clock.timestamp();
  await ctx.db
    .transaction()
    .execute((trx) => repo.saveReportSettings(trx, { id: ctx.newId(), header: input.header, by: input.by ?? null, at }));
  return getReportSettings(ctx);
}

// ---------------------------------------------------------------------------------------------
// Reading

async function unitNames(ctx: ServiceContext): Promise<{ names: Map<string, string>; office: string }> {
  const [units, office] = await Promise.all([listUnits(ctx.db, true), getOffice(ctx.db)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const root = units.find((u) => u.id === office?.rootUnitId);
  return { names, office: root?.name ?? office?.name ?? '' };
}

function summaryOf(r: repo.ReportRow, n: { names: Map<string, string>; office: string }): ReportSummaryDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    from: r.from,
    to: r.to,
    unitId: r.unitId,
    unitName: r.unitId === null ? n.office : (n.names.get(r.unitId) ?? '(đơn vị đã xóa)'),
    status: r.status,
    number: r.number,
    date: r.date,
    issuedAt: r.issuedAt,
    issuedBy: r.issuedBy,
    updatedAt: r.updatedAt,
  };
}

function dtoOf(r: repo.ReportRow, n: { names: Map<string, string>; office: string }): ReportDto {
  const sections: Partial<Record<WrittenSection, string>> = r.sections;
  return { ...summaryOf(r, n), header: r.header, sections, edits: r.edits, chainHead: r.chainHead };
}

async function requireReport(ctx: ServiceContext, id: string): Promise<repo.ReportRow> {
  const r = await repo.findReport(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND', NOT_FOUND);
  return r;
}

export async function listReports(ctx: ServiceContext): Promise<ReportSummaryDto[]> {
  const [rows, n] = await Promise.all([repo.listReports(ctx.db), unitNames(ctx)]);
  return rows.map((r) => summaryOf(r, n));
}

export async function getReport(ctx: ServiceContext, id: string): Promise<ReportDto> {
  const [r, n] = await Promise.all([requireReport(ctx, id), unitNames(ctx)]);
  return dtoOf(r, n);
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function createReport(
  ctx: ServiceContext,
  input: { kind: ReportKind; from: string; to: string; unitId: string | null; title?: string | null | undefined },
): Promise<ReportDto> {
  if (input.to < input.from) {
    const msg = `Ngày cuối kỳ (${formatDateVi(input.to)}) không được trước ngày đầu kỳ (${formatDateVi(input.from)}).`;
    throw new AppError('VALIDATION', msg, { to: msg });
  }
  if (input.unitId !== null && !(await findUnit(ctx.db, input.unitId))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  }
  const settings = await getReportSettings(ctx);
  const id = ctx.newId();
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute((trx) =>
    repo.insertReport(trx, {
      id,
      kind: input.kind,
      title: input.title ?? defaultReportTitle(input.kind, input.from, input.to),
      from: input.from,
      to: input.to,
      unitId: input.unitId,
      sections: {},
      edits: {},
      header: settings.header,
      number: null,
      createdAt: at,
      updatedAt: at,
    }),
  );
  return getReport(ctx, id);
}

function contentOf(r: repo.ReportRow, date: string | null = r.date): ReportContent {
  return {
    kind: r.kind,
    title: r.title,
    from: r.from,
    to: r.to,
    header: r.header,
    number: r.number,
    date,
    sections: r.sections,
    edits: r.edits,
  };
}

/** The generated text of each editable sentence now (what an edit starts from). */
function generatedNow(r: repo.ReportRow, source: ReportSource): Map<string, string> {
  const out = new Map<string, string>(PERIOD_SECTIONS.map((s) => [sentenceKey(s), source.sentences[s]]));
  out.set(sentenceKey('recognition'), recognitionText(source, r.from, r.to));
  return out;
}

export interface DraftChanges {
  id: string;
  title?: string | undefined;
  number?: string | null | undefined;
  header?: ReportHeaderFields | undefined;
  sections?: Partial<Record<WrittenSection, string>> | undefined;
  edits?: Partial<Record<string, string | null>> | undefined;
}

export async function updateReport(ctx: ServiceContext, input: DraftChanges): Promise<ReportDto> {
  const before = await requireReport(ctx, input.id);
  if (before.status !== 'draft') throw new AppError('RULE', ISSUED);
  // The generated texts are read before the transaction (they need the period figures).
  const generated = input.edits ? generatedNow(before, await reportSource(ctx, before)) : new Map<string, string>();
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.findReport(trx, input.id);
    if (!r) throw new AppError('NOT_FOUND', NOT_FOUND);
    const edits = { ...r.edits };
    for (const [key, text] of Object.entries(input.edits ?? {})) {
      const now = generated.get(key);
      // Back to the generated text: no edit is kept (a text equal to the generated one is no edit).
      if (text === null || text === undefined || text === '' || text === now) delete edits[key];
      else edits[key] = { text, from: now ?? '' };
    }
    const sections = { ...r.sections, ...input.sections };
    const ok = await repo.updateDraft(
      trx,
      r.id,
      {
        title: input.title ?? r.title,
        number: input.number === undefined ? r.number : input.number,
        header: input.header ?? r.header,
        sections,
        edits,
      },
      at,
    );
    if (!ok) throw new AppError('RULE', ISSUED);
  });
  return getReport(ctx, input.id);
}

export async function issueReport(
  ctx: ServiceContext,
  input: { id: string; date: string; by?: string | null | undefined },
): Promise<ReportDto> {
  const r = await requireReport(ctx, input.id);
  if (r.status !== 'draft') throw new AppError('RULE', 'Báo cáo đã được ban hành trước đó.');
  const source = await reportSource(ctx, r);
  // The audit log's head at issue (issue 15 item 3), frozen with the document.
  const chainHead = await auditHeadLine(ctx);
  const document = buildReportDocument(contentOf(r, input.date), source, { figures: 'frozen', chainHead });
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.markIssued(trx, r.id, {
      date: input.date,
      documentJson: JSON.stringify(document),
      figuresJson: JSON.stringify(source),
      chainHead,
      by: input.by ?? null,
      at,
    });
    if (!ok) throw new AppError('RULE', 'Báo cáo đã được ban hành trước đó.');
  });
  return getReport(ctx, r.id);
}

export async function deleteReport(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  const r = await requireReport(ctx, id);
  if (r.status !== 'draft') throw new AppError('RULE', ISSUED);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraft(trx, id))) throw new AppError('RULE', ISSUED);
  });
  return { id };
}

// ---------------------------------------------------------------------------------------------
// The document and its files

/** An issued report's frozen source; a draft's is gathered now. */
async function sourceOf(ctx: ServiceContext, r: repo.ReportRow): Promise<ReportSource> {
  if (r.status === 'issued' && r.figuresJson !== null) return JSON.parse(r.figuresJson) as ReportSource;
  return reportSource(ctx, r);
}

export async function reportDocument(ctx: ServiceContext, id: string): Promise<ReportDocument> {
  const r = await requireReport(ctx, id);
  if (r.status === 'issued' && r.documentJson !== null) return JSON.parse(r.documentJson) as ReportDocument;
  return buildReportDocument(contentOf(r), await reportSource(ctx, r), { figures: 'live', chainHead: await auditHeadLine(ctx) });
}

/** "bao-cao-tong-ket-nam-2026-cong-an-xa-sa-pa" (ASCII, for every file system). */
export async function reportFileStem(ctx: ServiceContext, r: repo.ReportRow): Promise<string> {
  const n = await unitNames(ctx);
  const unit = summaryOf(r, n).unitName;
  const slug = (s: string) =>
    foldVietnamese(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const years = r.from.slice(0, 4) === r.to.slice(0, 4) ? r.to.slice(0, 4) : `${r.from.slice(0, 4)}-${r.to.slice(0, 4)}`;
  return `bao-cao-${slug(r.kind.replace(/_/g, ' '))}-${years}-${slug(unit)}`.slice(0, 120);
}

export async function exportReportXlsx(ctx: ServiceContext, id: string): Promise<{ fileName: string; base64: string }> {
  const r = await requireReport(ctx, id);
  const source = await sourceOf(ctx, r);
  const bytes = await reportXlsx({
    title: r.title,
    unitName: source.unitName,
    tables: appendixTables(source, r.to),
    auditHead: r.status === 'issued' ? r.chainHead : await auditHeadLine(ctx),
  });
  return { fileName: `${await reportFileStem(ctx, r)}-phu-luc.xlsx`, base64: Buffer.from(bytes).toString('base64') };
}

/** The document as DOCX: the frozen one of an issued report, a draft's built now. */
export async function exportReportDocx(ctx: ServiceContext, id: string): Promise<{ fileName: string; base64: string }> {
  const r = await requireReport(ctx, id);
  const bytes = await reportDocx(await reportDocument(ctx, id));
  return { fileName: `${await reportFileStem(ctx, r)}.docx`, base64: Buffer.from(bytes).toString('base64') };
}
