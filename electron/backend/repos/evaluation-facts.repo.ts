/**
 * The reads of the yearly evaluation's facts builder (services/evaluation-facts.service.ts): every
 * record kind a criterion reads, for one year, in one query each, mapped to camelCase rows. The
 * evaluation's own tables (registrations, attestations, figures …) are read by evaluation.repo.ts.
 */
import type { Db } from './units.repo';
import { notEndedBeforeSql, validDuringSql, validInYearSql } from './validity.sql';
import type { IncidentCategory, IncidentExcuse } from '../../../shared/domain/activities';
import type { SubjectType } from '../../../shared/domain/evaluation';

export async function liveOrganizations(db: Db) {
  return db.selectFrom('organizations').selectAll().where('deleted_at', 'is', null).execute();
}

export interface FactsIncidentRow {
  id: string;
  unitId: string;
  organizationId: string | null;
  category: IncidentCategory;
  count: number;
  excuse: IncidentExcuse | null;
  excuseReason: string | null;
  excuseApprovedBy: string | null;
  excuseApprovedOn: string | null;
  occurredOn: string;
  description: string | null;
}

/** Live incident rows that occurred in [from, to]. */
export async function incidentsBetween(db: Db, from: string, to: string): Promise<FactsIncidentRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .select([
      'id',
      'unit_id',
      'organization_id',
      'category',
      'count',
      'excuse',
      'excuse_reason',
      'excuse_approved_by',
      'excuse_approved_on',
      'occurred_on',
      'description',
    ])
    .where('deleted_at', 'is', null)
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    organizationId: r.organization_id,
    category: r.category as IncidentCategory,
    count: r.count,
    excuse: r.excuse as IncidentExcuse | null,
    excuseReason: r.excuse_reason,
    excuseApprovedBy: r.excuse_approved_by,
    excuseApprovedOn: r.excuse_approved_on,
    occurredOn: r.occurred_on,
    description: r.description,
  }));
}

export async function householdsOfYear(db: Db, year: number): Promise<Map<string, { id: string; households: number | null }>> {
  const rows = await db.selectFrom('unit_year_stats').select(['id', 'unit_id', 'households']).where('year', '=', year).execute();
  return new Map(rows.map((s) => [s.unit_id, { id: s.id, households: s.households }]));
}

export interface FactsModelRow {
  id: string;
  name: string;
  originUnitId: string;
  /** The model's effectiveness rating for the year, if rated. */
  rating: string | null;
}

/**
 * Models that operate in the year: launched (not a mere proposal), live, not retired before it;
 * with their rating of the year when there is one.
 */
export async function modelsOfYear(db: Db, year: number): Promise<FactsModelRow[]> {
  const rows = await db
    .selectFrom('models')
    .leftJoin('model_ratings', (j) => j.onRef('model_ratings.model_id', '=', 'models.id').on('model_ratings.year', '=', year))
    .select(['models.id as id', 'models.name as name', 'models.origin_unit_id as origin', 'model_ratings.rating as rating'])
    .where('models.deleted_at', 'is', null)
    .where('models.status', '!=', 'de_xuat')
    .where(notEndedBeforeSql('models.retired_on', `${year}-01-01`))
    .execute();
  return rows.map((m) => ({ id: m.id, name: m.name, originUnitId: m.origin, rating: m.rating }));
}

export interface FactsSiteRow {
  modelId: string;
  unitId: string;
  organizationId: string | null;
}

/** Live sites of the models that run on at least one day of [from, to]. */
export async function sitesActiveBetween(db: Db, modelIds: readonly string[], from: string, to: string): Promise<FactsSiteRow[]> {
  if (modelIds.length === 0) return [];
  const rows = await db
    .selectFrom('model_sites')
    .select(['model_id', 'unit_id', 'organization_id'])
    .where('deleted_at', 'is', null)
    .where('model_id', 'in', [...modelIds])
    .where(validDuringSql({ from: 'started_on', to: 'ended_on' }, from, to))
    .execute();
  return rows.map((s) => ({ modelId: s.model_id, unitId: s.unit_id, organizationId: s.organization_id }));
}

export interface FactsTeamRating {
  teamId: string;
  teamName: string;
  unitId: string;
  level: string | null;
  notRatedReason: string | null;
  ratingId: string;
}

/** Ratings of the year of the Tổ bảo vệ ANTT teams active in it. */
export async function teamRatingsOfYear(db: Db, year: number): Promise<FactsTeamRating[]> {
  return db
    .selectFrom('mass_orgs')
    .innerJoin('mass_org_kinds', 'mass_org_kinds.id', 'mass_orgs.kind_id')
    .innerJoin('mass_org_ratings', 'mass_org_ratings.mass_org_id', 'mass_orgs.id')
    .select([
      'mass_orgs.id as teamId',
      'mass_orgs.name as teamName',
      'mass_orgs.unit_id as unitId',
      'mass_org_ratings.id as ratingId',
      'mass_org_ratings.level as level',
      'mass_org_ratings.not_rated_reason as notRatedReason',
    ])
    .where('mass_org_kinds.code', '=', 'to_bao_ve_antt')
    .where('mass_orgs.deleted_at', 'is', null)
    .where('mass_org_ratings.deleted_at', 'is', null)
    .where('mass_org_ratings.year', '=', year)
    .where(validInYearSql({ from: 'mass_orgs.valid_from', to: 'mass_orgs.valid_to' }, year))
    .execute();
}

export async function propagandaBetween(
  db: Db,
  from: string,
  to: string,
): Promise<{ id: string; unitId: string; organizationId: string | null; date: string }[]> {
  const rows = await db
    .selectFrom('propaganda_sessions')
    .select(['id', 'unit_id', 'organization_id', 'date'])
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return rows.map((p) => ({ id: p.id, unitId: p.unit_id, organizationId: p.organization_id, date: p.date }));
}

export async function valuableTipsBetween(db: Db, from: string, to: string): Promise<{ id: string; unitId: string; date: string }[]> {
  const rows = await db
    .selectFrom('tips')
    .select(['id', 'unit_id', 'received_on'])
    .where('deleted_at', 'is', null)
    .where('valuable', '=', 1)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .execute();
  return rows.map((t) => ({ id: t.id, unitId: t.unit_id, date: t.received_on }));
}

// ---------------------------------------------------------------------------------------------
// Completeness declarations (migration 0009)

export interface StoredDeclaration {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  year: number;
  group: string;
  by: string;
  on: string;
  note: string | null;
}

/** Live declarations "đã nhập đủ" of the years, optionally of one subject. */
export async function declarationsOfYears(
  db: Db,
  years: readonly number[],
  subject?: { subjectType: SubjectType; subjectId: string },
): Promise<StoredDeclaration[]> {
  let q = db
    .selectFrom('incident_stats_declarations')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('year', 'in', [...years]);
  if (subject) q = q.where('subject_type', '=', subject.subjectType).where('subject_id', '=', subject.subjectId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    year: r.year,
    group: r.group_code,
    by: r.declared_by,
    on: r.declared_on,
    note: r.note,
  }));
}

/** Declares a group complete (reviving a withdrawn row) or withdraws it. */
export async function setDeclaration(
  db: Db,
  newId: () => string,
  k: { subjectType: SubjectType; subjectId: string; year: number; group: string },
  value: { by: string; on: string; note: string | null } | null,
  at: string,
): Promise<void> {
  const existing = await db
    .selectFrom('incident_stats_declarations')
    .select(['id', 'deleted_at'])
    .where('subject_type', '=', k.subjectType)
    .where('subject_id', '=', k.subjectId)
    .where('year', '=', k.year)
    .where('group_code', '=', k.group)
    .executeTakeFirst();
  if (value === null) {
    if (existing && existing.deleted_at === null) {
      await db.updateTable('incident_stats_declarations').set({ deleted_at: at, updated_at: at }).where('id', '=', existing.id).execute();
    }
    return;
  }
  if (existing) {
    await db
      .updateTable('incident_stats_declarations')
      .set({ declared_by: value.by, declared_on: value.on, note: value.note, deleted_at: null, updated_at: at })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  await db
    .insertInto('incident_stats_declarations')
    .values({
      id: newId(),
      subject_type: k.subjectType,
      subject_id: k.subjectId,
      year: k.year,
      group_code: k.group,
      declared_by: value.by,
      declared_on: value.on,
      note: value.note,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
}
