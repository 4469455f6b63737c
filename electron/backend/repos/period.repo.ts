/**
 * The period figures' own reads and writes: the office's period settings (statistical year, incident-category rules), the
 * leadership documents, and the Tổ bảo vệ ANTT ratings of a year. Plain functions over a Kysely db
 * or transaction; rows are mapped to plain objects here and nowhere else.
 */
import type { Database } from '../db/schema';
import type { Db } from './units.repo';
import type { CategoryRule, CrimeField } from '../../../shared/domain/period';
import type { IncidentCategory } from '../../../shared/domain/activities';
import type { LeadershipDoc, LeadershipDocType } from '../../../shared/domain/leadership';
import type { Hd01Level } from '../../../shared/domain/mass-orgs';

export type { Db };

// ---------------------------------------------------------------------------------------------
// Settings

export async function getStatYearStart(db: Db): Promise<{ start: string; updatedBy: string | null; updatedAt: string } | null> {
  const r = await db.selectFrom('period_settings').selectAll().where('singleton', '=', 1).executeTakeFirst();
  return r ? { start: r.stat_year_start, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export async function saveStatYearStart(db: Db, s: { id: string; start: string; updatedBy: string | null; at: string }): Promise<void> {
  await db
    .insertInto('period_settings')
    .values({ id: s.id, singleton: 1, stat_year_start: s.start, updated_by: s.updatedBy, created_at: s.at, updated_at: s.at })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ stat_year_start: s.start, updated_by: s.updatedBy, updated_at: s.at }))
    .execute();
}

export async function listCategoryRules(db: Db): Promise<CategoryRule[]> {
  const rows = await db.selectFrom('incident_category_settings').selectAll().execute();
  return rows.map((r) => ({ category: r.category as IncidentCategory, grave: r.grave === 1, field: r.crime_field as CrimeField | null }));
}

export async function saveCategoryRules(db: Db, rules: readonly CategoryRule[], at: string): Promise<void> {
  for (const r of rules) {
    await db
      .insertInto('incident_category_settings')
      .values({ category: r.category, grave: r.grave ? 1 : 0, crime_field: r.field, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('category').doUpdateSet({ grave: r.grave ? 1 : 0, crime_field: r.field, updated_at: at }))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Leadership documents

export interface StoredLeadershipDoc extends LeadershipDoc {
  note: string | null;
  updatedAt: string;
}

type DocRow = Database['leadership_documents'];

function toDoc(r: DocRow): StoredLeadershipDoc {
  return {
    id: r.id,
    unitId: r.unit_id,
    issuedOn: r.issued_on,
    docType: r.doc_type as LeadershipDocType,
    number: r.number,
    title: r.title,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

/** Documents not deleted, issued in [from, to] when given, newest first. */
export async function listLeadershipDocs(db: Db, range: { from: string; to: string } | null): Promise<StoredLeadershipDoc[]> {
  let q = db.selectFrom('leadership_documents').selectAll().where('deleted_at', 'is', null);
  if (range) q = q.where('issued_on', '>=', range.from).where('issued_on', '<=', range.to);
  const rows = await q.orderBy('issued_on', 'desc').orderBy('number').execute();
  return rows.map(toDoc);
}

export async function findLeadershipDoc(db: Db, id: string): Promise<StoredLeadershipDoc | null> {
  const r = await db.selectFrom('leadership_documents').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return r ? toDoc(r) : null;
}

export async function insertLeadershipDoc(db: Db, d: Omit<StoredLeadershipDoc, 'updatedAt'>, at: string): Promise<void> {
  await db
    .insertInto('leadership_documents')
    .values({
      id: d.id,
      unit_id: d.unitId,
      issued_on: d.issuedOn,
      doc_type: d.docType,
      number: d.number,
      title: d.title,
      note: d.note,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
}

export async function updateLeadershipDoc(db: Db, d: Omit<StoredLeadershipDoc, 'updatedAt'>, at: string): Promise<void> {
  await db
    .updateTable('leadership_documents')
    .set({ unit_id: d.unitId, issued_on: d.issuedOn, doc_type: d.docType, number: d.number, title: d.title, note: d.note, updated_at: at })
    .where('id', '=', d.id)
    .execute();
}

export async function deleteLeadershipDoc(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('leadership_documents').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Tổ bảo vệ ANTT ratings

/** The HD01 ratings of a rating year of the organisations of one kind, with each organisation's unit. */
export async function teamRatingsOfYear(db: Db, year: number, kindId: string): Promise<{ unitId: string; level: Hd01Level }[]> {
  const rows = await db
    .selectFrom('mass_org_ratings as r')
    .innerJoin('mass_orgs as o', 'o.id', 'r.mass_org_id')
    .select(['o.unit_id', 'r.level'])
    .where('r.year', '=', year)
    .where('r.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where('o.kind_id', '=', kindId)
    .where('r.level', 'in', ['hoan_thanh_xuat_sac', 'hoan_thanh_tot', 'hoan_thanh', 'khong_hoan_thanh'])
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, level: r.level as Hd01Level }));
}

/**
 * The kind (id and name) of each of the given mass organisations, deleted ones included (a
 * mediation keeps the team that received it): the sources of the mediations (issue 14 item 8).
 */
export async function massOrgKindsOf(db: Db, ids: readonly string[]): Promise<Map<string, { kindId: string; kind: string }>> {
  const out = new Map<string, { kindId: string; kind: string }>();
  // SQLite limits the number of bound parameters: ask in slices.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('mass_orgs as o')
      .innerJoin('mass_org_kinds as k', 'k.id', 'o.kind_id')
      .select(['o.id', 'k.id as kind_id', 'k.name'])
      .where('o.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { kindId: r.kind_id, kind: r.name });
  }
  return out;
}

/** The households, residents and "trọng điểm" flag recorded per unit for a year (overview). */
export async function unitYearStats(
  db: Db,
  year: number,
): Promise<Map<string, { households: number | null; residents: number | null; trongDiem: boolean }>> {
  const rows = await db
    .selectFrom('unit_year_stats')
    .select(['unit_id', 'households', 'residents', 'trong_diem'])
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { households: r.households, residents: r.residents, trongDiem: r.trong_diem === 1 }]));
}
