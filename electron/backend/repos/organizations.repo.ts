/**
 * The organizations table: plain functions over a Kysely db or transaction. Rows become
 * OrgRecords (camelCase facts) here and nowhere else; the service adds eligibility and unit paths.
 */
import { sql, type Selectable } from 'kysely';
import type { OrganizationsTable } from '../db/tables/organizations';
import type { Db } from './units.repo';
import { validInYearSql } from './validity.sql';
import type { OrganizationDto } from '../../../shared/ipc/contracts/organizations.contract';
import type { ManagingLevel, OrgEligibilityFacts, OrgKind, OrgSubKind, SectorGroup } from '../../../shared/domain/organizations';
import { foldVietnamese } from '../../../shared/lib/text';
import { VI_SORT_KEY_SQL } from '../db/open';

type OrgRow = Selectable<OrganizationsTable>;

/** One organisation's stored facts. */
export type OrgRecord = Omit<OrganizationDto, 'unitPath' | 'eligibility'>;

/** What create/update/import write: every fact except id and timestamps. */
export type OrgWrite = Omit<OrgRecord, 'id' | 'createdAt' | 'updatedAt'>;

export function toOrgRecord(row: OrgRow): OrgRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrgKind,
    subKind: row.sub_kind as OrgSubKind,
    isArmedForces: row.is_armed_forces === 1,
    unitId: row.unit_id,
    managingLevel: row.managing_level as ManagingLevel,
    bcaMonitored: row.bca_monitored === 1,
    hasPartyOrg: row.has_party_org === 1,
    hasSecurityForce: row.has_security_force === 1,
    subUnitCount: row.sub_unit_count,
    sectorGroup: row.sector_group as SectorGroup | null,
    insuredEmployees: row.insured_employees,
    revenueBillion: row.revenue_billion,
    capitalBillion: row.capital_billion,
    taxCode: row.tax_code,
    address: row.address,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    endReason: row.end_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function orgSearchKey(name: string, taxCode: string | null): string {
  return foldVietnamese(taxCode ? `${name} ${taxCode}` : name);
}

function toColumns(w: OrgWrite) {
  return {
    name: w.name,
    name_folded: orgSearchKey(w.name, w.taxCode),
    kind: w.kind,
    sub_kind: w.subKind,
    is_armed_forces: w.isArmedForces ? 1 : 0,
    unit_id: w.unitId,
    managing_level: w.managingLevel,
    bca_monitored: w.bcaMonitored ? 1 : 0,
    has_party_org: w.hasPartyOrg ? 1 : 0,
    has_security_force: w.hasSecurityForce ? 1 : 0,
    sub_unit_count: w.subUnitCount,
    sector_group: w.sectorGroup,
    insured_employees: w.insuredEmployees,
    revenue_billion: w.revenueBillion,
    capital_billion: w.capitalBillion,
    tax_code: w.taxCode,
    address: w.address,
    valid_from: w.validFrom,
    valid_to: w.validTo,
    end_reason: w.endReason,
  };
}

export async function findOrganization(db: Db, id: string): Promise<OrgRecord | null> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toOrgRecord(row) : null;
}

/** Live records with these ids (any order; ids not found are left out). */
export async function findOrganizations(db: Db, ids: readonly string[]): Promise<OrgRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return rows.map(toOrgRecord);
}

export async function findByTaxCode(db: Db, taxCode: string): Promise<OrgRecord | null> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('tax_code', '=', taxCode)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toOrgRecord(row) : null;
}

/** Live organisations of one unit (not its subtree), ended ones included. */
export async function listInUnit(db: Db, unitId: string): Promise<OrgRecord[]> {
  const rows = await db.selectFrom('organizations').selectAll().where('unit_id', '=', unitId).where('deleted_at', 'is', null).execute();
  return rows.map(toOrgRecord);
}

export interface OrgQuery {
  /** Root of the unit subtree, or null for the whole office. */
  unitId: string | null;
  /** Active at any time in this calendar year. */
  year: number | null;
  /** Folded words that must all occur in the name or tax code. */
  words: readonly string[];
  kind: OrgKind | null;
  /** true = ended only, false = active only, null = both. */
  ended: boolean | null;
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function queryOrganizations(db: Db, q: OrgQuery): Promise<OrgRecord[]> {
  let query = db.selectFrom('organizations').selectAll().where('deleted_at', 'is', null);
  if (q.unitId !== null) {
    // The unit and everything below it, however deep the tree (a province has thousands of units).
    const root = q.unitId;
    query = query.where(
      'unit_id',
      'in',
      sql<string>`(WITH RECURSIVE subtree(id) AS (
        SELECT id FROM units WHERE id = ${root}
        UNION ALL
        SELECT units.id FROM units JOIN subtree ON units.parent_id = subtree.id
      ) SELECT id FROM subtree)`,
    );
  }
  if (q.year !== null) {
    query = query.where(validInYearSql({ from: 'valid_from', to: 'valid_to' }, q.year));
  }
  for (const w of q.words) {
    query = query.where(sql<boolean>`name_folded LIKE ${`%${escapeLike(w)}%`} ESCAPE '\\'`);
  }
  if (q.kind !== null) query = query.where('kind', '=', q.kind);
  if (q.ended === true) query = query.where('valid_to', 'is not', null);
  if (q.ended === false) query = query.where('valid_to', 'is', null);
  const rows = await query.execute();
  return rows.map(toOrgRecord);
}

/** The facts an organisation is counted by: where, what, when, and what decides its TT124 eligibility. */
export interface OrgCountingFacts extends OrgEligibilityFacts {
  id: string;
  unitId: string;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Every live organisation's counting facts, in stored order: the overview's and the registration
 * figures' read (the eleven columns they count by, not the record's twenty-four: about half the
 * CPU of `select *` at a province's 8,000 organisations).
 */
export async function organizationCountingFacts(db: Db): Promise<OrgCountingFacts[]> {
  const rows = await db
    .selectFrom('organizations')
    .select([
      'id',
      'unit_id',
      'kind',
      'sub_kind',
      'is_armed_forces',
      'sector_group',
      'insured_employees',
      'revenue_billion',
      'capital_billion',
      'valid_from',
      'valid_to',
    ])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as OrgKind,
    subKind: r.sub_kind,
    isArmedForces: r.is_armed_forces === 1,
    sectorGroup: r.sector_group as SectorGroup | null,
    insuredEmployees: r.insured_employees,
    revenueBillion: r.revenue_billion,
    capitalBillion: r.capital_billion,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

/**
 * The unit and every unit row below it in the stored tree, as the organisations' subtree filter
 * (organizations.repo.ts queryOrganizations' WITH RECURSIVE, ended and deleted rows included).
 */
export async function storedSubtreeIds(db: Db, rootId: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`WITH RECURSIVE subtree(id) AS (
      SELECT id FROM units WHERE id = ${rootId}
      UNION ALL
      SELECT units.id FROM units JOIN subtree ON units.parent_id = subtree.id
    ) SELECT id FROM subtree`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** One organisation as a picker shows it (organizations.choices). */
export interface OrgChoiceRow {
  id: string;
  name: string;
  unit_id: string;
  unit_name: string | null;
  valid_to: string | null;
}

export interface OrgChoiceQuery {
  unitId: string | null;
  unitOnly: boolean;
  /** Folded words; each must occur in name_folded (name and tax code), as queryOrganizations searches. */
  words: readonly string[];
  limit: number;
}

/**
 * At most `limit` live organisations in Vietnamese order of names (then of their unit's name, then
 * id), only the columns a picker shows. The sort key is computed per matching row (at most the
 * office's 8,000 with an empty search, a few hundred once a word is typed), never sent.
 */
export async function queryOrgChoices(db: Db, q: OrgChoiceQuery): Promise<OrgChoiceRow[]> {
  const conds = [sql`o.deleted_at IS NULL`];
  if (q.unitId !== null && q.unitOnly) conds.push(sql`o.unit_id = ${q.unitId}`);
  if (q.unitId !== null && !q.unitOnly) {
    conds.push(sql`o.unit_id IN (WITH RECURSIVE subtree(id) AS (
        SELECT id FROM units WHERE id = ${q.unitId}
        UNION ALL
        SELECT units.id FROM units JOIN subtree ON units.parent_id = subtree.id
      ) SELECT id FROM subtree)`);
  }
  for (const w of q.words) conds.push(sql`o.name_folded LIKE ${`%${escapeLike(w)}%`} ESCAPE '\\'`);
  const key = sql.raw(VI_SORT_KEY_SQL);
  const r = await sql<OrgChoiceRow>`
    SELECT o.id, o.name, o.unit_id, u.name AS unit_name, o.valid_to
    FROM organizations o LEFT JOIN units u ON u.id = o.unit_id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY ${key}(o.name), ${key}(u.name), o.id
    LIMIT ${q.limit}`.execute(db);
  return r.rows;
}

/** The same fields of the given live organisations (a picker's current value). */
export async function orgChoicesByIds(db: Db, ids: readonly string[]): Promise<OrgChoiceRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<OrgChoiceRow>`
    SELECT o.id, o.name, o.unit_id, u.name AS unit_name, o.valid_to
    FROM organizations o LEFT JOIN units u ON u.id = o.unit_id
    WHERE o.deleted_at IS NULL AND o.id IN (${sql.join([...ids])})`.execute(db);
  return r.rows;
}

export async function insertOrganization(db: Db, id: string, w: OrgWrite, at: string): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ id, ...toColumns(w), created_at: at, updated_at: at, deleted_at: null })
    .execute();
}

export async function updateOrganization(db: Db, id: string, w: OrgWrite, at: string): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ ...toColumns(w), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function tombstoneOrganization(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('organizations').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** The writable facts of a record (for updates that change only some of them). */
export function writableOf(r: OrgRecord): OrgWrite {
  const { id: _id, createdAt: _c, updatedAt: _u, ...w } = r;
  return w;
}
