/**
 * The reports' reads and writes (migrations/0015_reports.ts): the office's header settings and the
 * reports themselves. JSON columns are parsed here, so nothing above sees a JSON string; the shapes
 * are checked where they enter (the contract) and were written by this module only.
 */
import type { Db } from './units.repo';
import type { Database } from '../db/schema';
import type { ReportKind } from '../../../shared/domain/report/document';
import type { ReportHeaderFields, ReportStatus, SentenceEdit, WrittenSection } from '../../../shared/domain/report/report';

export type { Db };

export interface ReportRow {
  id: string;
  kind: ReportKind;
  title: string;
  from: string;
  to: string;
  unitId: string | null;
  status: ReportStatus;
  sections: Partial<Record<WrittenSection, string>>;
  edits: Record<string, SentenceEdit>;
  header: ReportHeaderFields;
  number: string | null;
  date: string | null;
  /** The frozen document and figures, as stored (parsed by the service). */
  documentJson: string | null;
  figuresJson: string | null;
  chainHead: string | null;
  issuedAt: string | null;
  issuedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function getReportSettings(
  db: Db,
): Promise<{ header: ReportHeaderFields; updatedBy: string | null; updatedAt: string } | null> {
  const r = await db.selectFrom('report_settings').selectAll().where('singleton', '=', 1).executeTakeFirst();
  return r ? { header: JSON.parse(r.header_json) as ReportHeaderFields, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export async function saveReportSettings(
  db: Db,
  s: { id: string; header: ReportHeaderFields; by: string | null; at: string },
): Promise<void> {
  const json = JSON.stringify(s.header);
  await db
    .insertInto('report_settings')
    .values({ id: s.id, singleton: 1, header_json: json, updated_by: s.by, created_at: s.at, updated_at: s.at })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ header_json: json, updated_by: s.by, updated_at: s.at }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reports

type Stored = Database['reports'];

function toRow(r: Stored): ReportRow {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    title: r.title,
    from: r.period_from,
    to: r.period_to,
    unitId: r.unit_id,
    status: r.status as ReportStatus,
    sections: JSON.parse(r.sections_json) as ReportRow['sections'],
    edits: JSON.parse(r.edits_json) as ReportRow['edits'],
    header: JSON.parse(r.header_json) as ReportHeaderFields,
    number: r.document_number,
    date: r.document_date,
    documentJson: r.document_json,
    figuresJson: r.figures_json,
    chainHead: r.chain_head,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Newest first. */
export async function listReports(db: Db): Promise<ReportRow[]> {
  const rows = await db.selectFrom('reports').selectAll().orderBy('period_to', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map(toRow);
}

export async function findReport(db: Db, id: string): Promise<ReportRow | null> {
  const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

export async function insertReport(
  db: Db,
  r: Omit<ReportRow, 'documentJson' | 'figuresJson' | 'chainHead' | 'issuedAt' | 'issuedBy' | 'status' | 'date'>,
): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      id: r.id,
      kind: r.kind,
      title: r.title,
      period_from: r.from,
      period_to: r.to,
      unit_id: r.unitId,
      status: 'draft',
      sections_json: JSON.stringify(r.sections),
      edits_json: JSON.stringify(r.edits),
      header_json: JSON.stringify(r.header),
      document_number: r.number,
      document_date: null,
      document_json: null,
      figures_json: null,
      chain_head: null,
      issued_at: null,
      issued_by: null,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

/** Writes a draft's editable parts. Only a draft row is changed (the status is part of the condition). */
export async function updateDraft(
  db: Db,
  id: string,
  d: Pick<ReportRow, 'title' | 'number' | 'header' | 'sections' | 'edits'>,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('reports')
    .set({
      title: d.title,
      document_number: d.number,
      header_json: JSON.stringify(d.header),
      sections_json: JSON.stringify(d.sections),
      edits_json: JSON.stringify(d.edits),
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markIssued(
  db: Db,
  id: string,
  i: { date: string; documentJson: string; figuresJson: string; chainHead: string | null; by: string | null; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('reports')
    .set({
      status: 'issued',
      document_date: i.date,
      document_json: i.documentJson,
      figures_json: i.figuresJson,
      chain_head: i.chainHead,
      issued_at: i.at,
      issued_by: i.by,
      updated_at: i.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteDraft(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('reports').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
