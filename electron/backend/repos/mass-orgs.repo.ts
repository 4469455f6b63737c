/**
 * Mass organisations, their kinds, members and ratings: plain functions over a Kysely db or
 * transaction. Rows become the contract's DTOs here and nowhere else; the members list is written
 * for 135,000 rows (one indexed query in name order, only the columns the table shows).
 */
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type {
  MassOrgKindDto,
  MassOrgDto,
  MemberDto,
  MemberRatingDto,
  OrgRatingDto,
} from '../../../shared/ipc/contracts/mass-orgs.contract';
import type {
  MassOrgKindsTable,
  MassOrgMemberRatingsTable,
  MassOrgMembersTable,
  MassOrgRatingsTable,
  MassOrgsTable,
} from '../db/tables/mass-orgs';
import type {
  Gender,
  MemberRole,
  NotRatedReason,
  RatingLevel,
  RatingScheme,
} from '../../../shared/domain/mass-orgs';
import { EFFECTIVE_LEVELS, vietnameseSortKey } from '../../../shared/domain/mass-orgs';
import { foldVietnamese } from '../../../shared/lib/text';
import type { Db } from './units.repo';

export type { Db };

// ---------------------------------------------------------------------------------------------
// Row → DTO
// ---------------------------------------------------------------------------------------------

export function toKindDto(row: Selectable<MassOrgKindsTable>, organizations: number): MassOrgKindDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    scheme: row.rating_scheme as RatingScheme,
    builtIn: row.built_in === 1,
    active: row.active === 1,
    sortOrder: row.sort_order,
    organizations,
  };
}

export function toOrgDto(row: Selectable<MassOrgsTable>): MassOrgDto {
  return {
    id: row.id,
    kindId: row.kind_id,
    unitId: row.unit_id,
    name: row.name,
    decisionIssuer: row.decision_issuer,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    endReason: row.end_reason,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns an organisation's rating and a member's rating share. */
function ratingFields(row: Selectable<MassOrgRatingsTable> | Selectable<MassOrgMemberRatingsTable>): OrgRatingDto {
  return {
    year: row.year,
    level: row.level as RatingLevel | null,
    notRatedReason: row.not_rated_reason as NotRatedReason | null,
    reasonNote: row.reason_note,
    updatedAt: row.updated_at,
  };
}

function toOrgRatingDto(row: Selectable<MassOrgRatingsTable>): OrgRatingDto {
  return ratingFields(row);
}

export function toMemberDto(row: Selectable<MassOrgMembersTable>): MemberDto {
  return {
    id: row.id,
    massOrgId: row.mass_org_id,
    fullName: row.full_name,
    gender: row.gender as Gender,
    birthYear: row.birth_year,
    ethnicity: row.ethnicity,
    phone: row.phone,
    role: row.role as MemberRole,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    leftReason: row.left_reason,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMemberRatingDto(row: Selectable<MassOrgMemberRatingsTable>): MemberRatingDto {
  return {
    ...ratingFields(row),
    actingLeader: row.acting_leader === 1,
    newlyTransferred: row.newly_transferred === 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared SQL pieces
// ---------------------------------------------------------------------------------------------

/** `column IN (the unit and every unit below it)`, by a recursive walk down the unit tree. */
export function inUnitSubtree(column: string, rootId: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (
    WITH RECURSIVE sub(id) AS (
      SELECT ${rootId}
      UNION ALL
      SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id
    )
    SELECT id FROM sub)`;
}

/**
 * The words of a search, folded (no diacritics, no case) and split at anything that is not a letter
 * or digit. Each word must begin a word of the name: "an" finds "Nguyễn Văn An" and "Ấn" but not
 * every "Văn", which matters when a province searches 135,000 names.
 */
export function searchWords(search: string): string[] {
  return foldVietnamese(search)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Does every search word begin a word of the text? (The same rule as wordStartsFolded in SQL.) */
export function matchesWordStarts(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const tokens = foldVietnamese(text).split(/[^a-z0-9]+/);
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

/**
 * `word` begins a word of a folded column whose words are separated by spaces (people's names).
 * Search words hold only [a-z0-9], so no LIKE wildcard can slip in.
 */
export function wordStartsFolded(column: string, word: string): Expression<SqlBool> {
  return sql<SqlBool>`(' ' || ${sql.ref(column)}) LIKE ${`% ${word}%`}`;
}

/** Active at any time in a calendar year: started by its end, not ended before its start. */
export function activeInYear(fromCol: string, toCol: string, year: number): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(fromCol)} <= ${`${year}-12-31`} AND (${sql.ref(toCol)} IS NULL OR ${sql.ref(toCol)} >= ${`${year}-01-01`}))`;
}

/** Still active on a date (the end date is the last active day). */
export function activeOn(toCol: string, date: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(toCol)} IS NULL OR ${sql.ref(toCol)} >= ${date})`;
}

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

export async function listKinds(db: Db): Promise<MassOrgKindDto[]> {
  const rows = await db.selectFrom('mass_org_kinds').selectAll().execute();
  const counts = await db
    .selectFrom('mass_orgs')
    .select(['kind_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('kind_id')
    .execute();
  const byKind = new Map(counts.map((c) => [c.kind_id, Number(c.n)]));
  return rows.map((r) => toKindDto(r, byKind.get(r.id) ?? 0));
}

export async function findKind(db: Db, id: string): Promise<MassOrgKindDto | null> {
  const row = await db.selectFrom('mass_org_kinds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const n = await db
    .selectFrom('mass_orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toKindDto(row, Number(n.n));
}

export async function findKindByFoldedName(db: Db, folded: string): Promise<{ id: string; name: string } | null> {
  const row = await db.selectFrom('mass_org_kinds').select(['id', 'name']).where('name_folded', '=', folded).executeTakeFirst();
  return row ?? null;
}

export async function insertKind(db: Db, k: { id: string; name: string; sortOrder: number; at: string }): Promise<void> {
  await db
    .insertInto('mass_org_kinds')
    .values({
      id: k.id,
      code: null,
      name: k.name,
      name_folded: foldVietnamese(k.name),
      rating_scheme: 'hieu_qua',
      built_in: 0,
      active: 1,
      sort_order: k.sortOrder,
      created_at: k.at,
      updated_at: k.at,
    })
    .execute();
}

export async function updateKind(db: Db, id: string, patch: { name: string; active: boolean }, at: string): Promise<void> {
  await db
    .updateTable('mass_org_kinds')
    .set({ name: patch.name, name_folded: foldVietnamese(patch.name), active: patch.active ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

export async function findOrg(db: Db, id: string): Promise<MassOrgDto | null> {
  const row = await db
    .selectFrom('mass_orgs')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toOrgDto(row) : null;
}

/** The live organisation with this natural key (unit, kind, folded name), if any. */
export async function findOrgByKey(db: Db, unitId: string, kindId: string, name: string): Promise<MassOrgDto | null> {
  const row = await db
    .selectFrom('mass_orgs')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('kind_id', '=', kindId)
    .where('name_folded', '=', foldVietnamese(name))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toOrgDto(row) : null;
}

/** Every live organisation (≈10,000 at the scale of Hà Nội), for imports and list look-ups. */
export async function listAllOrgs(db: Db): Promise<MassOrgDto[]> {
  const rows = await db.selectFrom('mass_orgs').selectAll().where('deleted_at', 'is', null).execute();
  return rows.map(toOrgDto);
}

export interface OrgWrite {
  kindId: string;
  unitId: string;
  name: string;
  decisionIssuer: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  validFrom: string;
  validTo: string | null;
  endReason: string | null;
  note: string | null;
}

export async function insertOrg(db: Db, id: string, o: OrgWrite, at: string): Promise<void> {
  await db
    .insertInto('mass_orgs')
    .values({
      id,
      kind_id: o.kindId,
      unit_id: o.unitId,
      name: o.name,
      name_folded: foldVietnamese(o.name),
      decision_issuer: o.decisionIssuer,
      decision_number: o.decisionNumber,
      decision_date: o.decisionDate,
      valid_from: o.validFrom,
      valid_to: o.validTo,
      end_reason: o.endReason,
      note: o.note,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
}

export async function updateOrg(db: Db, id: string, o: Partial<OrgWrite> & { deletedAt?: string }, at: string): Promise<void> {
  await db
    .updateTable('mass_orgs')
    .set({
      ...(o.kindId !== undefined && { kind_id: o.kindId }),
      ...(o.unitId !== undefined && { unit_id: o.unitId }),
      ...(o.name !== undefined && { name: o.name, name_folded: foldVietnamese(o.name) }),
      ...(o.decisionIssuer !== undefined && { decision_issuer: o.decisionIssuer }),
      ...(o.decisionNumber !== undefined && { decision_number: o.decisionNumber }),
      ...(o.decisionDate !== undefined && { decision_date: o.decisionDate }),
      ...(o.validFrom !== undefined && { valid_from: o.validFrom }),
      ...(o.validTo !== undefined && { valid_to: o.validTo }),
      ...(o.endReason !== undefined && { end_reason: o.endReason }),
      ...(o.note !== undefined && { note: o.note }),
      ...(o.deletedAt !== undefined && { deleted_at: o.deletedAt }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export interface OrgListQuery {
  unitId: string | null;
  kindId: string | null;
  /** Only organisations active at some time in this calendar year. */
  activeYear: number | null;
  ratingYear: number;
  /** Members are counted as active in `activeYear`, or on this date when there is no year. */
  today: string;
  words: readonly string[];
  status: string | null;
}

export interface OrgListRow {
  id: string;
  kind_id: string;
  unit_id: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
  level: string | null;
  not_rated_reason: string | null;
  has_rating: number;
  members: number;
}

export async function queryOrgRows(db: Db, q: OrgListQuery): Promise<OrgListRow[]> {
  const memberActive =
    q.activeYear !== null ? activeInYear('m.joined_on', 'm.left_on', q.activeYear) : activeOn('m.left_on', q.today);
  let query = db
    .selectFrom('mass_orgs as o')
    .leftJoin('mass_org_ratings as r', (j) =>
      j.onRef('r.mass_org_id', '=', 'o.id').on('r.year', '=', q.ratingYear).on('r.deleted_at', 'is', null),
    )
    .select([
      'o.id',
      'o.kind_id',
      'o.unit_id',
      'o.name',
      'o.valid_from',
      'o.valid_to',
      'r.level',
      'r.not_rated_reason',
      sql<number>`r.id IS NOT NULL`.as('has_rating'),
      sql<number>`(SELECT count(*) FROM mass_org_members m
                   WHERE m.mass_org_id = o.id AND m.deleted_at IS NULL AND ${memberActive})`.as('members'),
    ])
    .where('o.deleted_at', 'is', null);
  if (q.unitId !== null) query = query.where(inUnitSubtree('o.unit_id', q.unitId));
  if (q.kindId !== null) query = query.where('o.kind_id', '=', q.kindId);
  if (q.activeYear !== null) query = query.where(activeInYear('o.valid_from', 'o.valid_to', q.activeYear));
  query = applyRatingStatus(query, q.status, q.today, 'o.valid_to');
  // Names of organisations carry punctuation ("Tổ bảo vệ an ninh, trật tự (thôn 1)"), so their
  // word starts are found here rather than in SQL; there are at most some ten thousand rows.
  const rows = (await query.execute()) as OrgListRow[];
  return q.words.length === 0 ? rows : rows.filter((r) => matchesWordStarts(r.name, q.words));
}

/**
 * The status filter shared by both lists: 'active' / 'ended' on the end column, a rating level,
 * 'khong_xep_loai' (rated as not rated) or 'chua_xep_loai' (no rating yet) on the joined `r`.
 */
function applyRatingStatus<Q extends { where: (e: Expression<SqlBool>) => Q }>(query: Q, status: string | null, today: string, endCol: string): Q {
  if (status === null) return query;
  if (status === 'active') return query.where(activeOn(endCol, today));
  if (status === 'ended') return query.where(sql<SqlBool>`${sql.ref(endCol)} < ${today}`);
  if (status === 'khong_xep_loai') return query.where(sql<SqlBool>`r.not_rated_reason IS NOT NULL`);
  if (status === 'chua_xep_loai') return query.where(sql<SqlBool>`r.id IS NULL`);
  return query.where(sql<SqlBool>`r.level = ${status}`);
}

// ---------------------------------------------------------------------------------------------
// Organisation ratings
// ---------------------------------------------------------------------------------------------

export async function listOrgRatings(db: Db, orgId: string): Promise<OrgRatingDto[]> {
  const rows = await db
    .selectFrom('mass_org_ratings')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map(toOrgRatingDto);
}

/** The row of (org, year), tombstoned or not: a rating given again revives it with the same id. */
async function findOrgRatingRow(db: Db, orgId: string, year: number) {
  return db
    .selectFrom('mass_org_ratings')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function findOrgRating(db: Db, orgId: string, year: number): Promise<OrgRatingDto | null> {
  const row = await findOrgRatingRow(db, orgId, year);
  return row && row.deleted_at === null ? toOrgRatingDto(row) : null;
}

export interface RatingWrite {
  level: RatingLevel | null;
  notRatedReason: NotRatedReason | null;
  reasonNote: string | null;
}

export async function upsertOrgRating(db: Db, newId: () => string, orgId: string, year: number, r: RatingWrite, at: string): Promise<void> {
  const existing = await findOrgRatingRow(db, orgId, year);
  const values = { level: r.level, not_rated_reason: r.notRatedReason, reason_note: r.reasonNote, updated_at: at, deleted_at: null };
  if (existing) {
    await db.updateTable('mass_org_ratings').set(values).where('id', '=', existing.id).execute();
  } else {
    await db
      .insertInto('mass_org_ratings')
      .values({ id: newId(), mass_org_id: orgId, year, created_at: at, ...values })
      .execute();
  }
}

export async function tombstoneOrgRatings(db: Db, orgId: string, year: number | null, at: string): Promise<number> {
  let q = db
    .updateTable('mass_org_ratings')
    .set({ deleted_at: at, updated_at: at })
    .where('mass_org_id', '=', orgId)
    .where('deleted_at', 'is', null);
  if (year !== null) q = q.where('year', '=', year);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

export async function findMember(db: Db, id: string): Promise<MemberDto | null> {
  const row = await db
    .selectFrom('mass_org_members')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toMemberDto(row) : null;
}

/** A member as stored, with whether the membership ended only because the organisation did. */
export type StoredMember = MemberDto & { leftWithOrg: boolean };

export async function listOrgMembers(db: Db, orgId: string): Promise<StoredMember[]> {
  const rows = await db
    .selectFrom('mass_org_members')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('full_name_sort')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...toMemberDto(r), leftWithOrg: r.left_with_org === 1 }));
}

/** Every live member in full (personal columns included): for exports of the office's own register. */
export async function listAllMembers(db: Db): Promise<MemberDto[]> {
  const rows = await db.selectFrom('mass_org_members').selectAll().where('deleted_at', 'is', null).execute();
  return rows.map(toMemberDto);
}

/** The live member of an organisation with this natural key (folded name, birth year), if any. */
export async function findMemberByKey(db: Db, orgId: string, fullName: string, birthYear: number | null): Promise<MemberDto | null> {
  const row = await db
    .selectFrom('mass_org_members')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('full_name_folded', '=', memberNameKey(fullName))
    .where(sql<SqlBool>`ifnull(birth_year, 0) = ${birthYear ?? 0}`)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toMemberDto(row) : null;
}

export interface MemberWrite {
  massOrgId: string;
  fullName: string;
  gender: Gender;
  birthYear: number | null;
  ethnicity: string | null;
  phone: string | null;
  role: MemberRole;
  joinedOn: string;
  leftOn: string | null;
  leftReason: string | null;
  note: string | null;
}

/**
 * A person's name as searched and compared: folded, punctuation as spaces ("H'Hen Niê" → "h hen
 * nie"), so that every part of a name is a word that a search can start.
 */
export function memberNameKey(fullName: string): string {
  return foldVietnamese(fullName).replace(/[^a-z0-9]+/g, ' ').trim();
}

function nameColumns(fullName: string) {
  return { full_name: fullName, full_name_folded: memberNameKey(fullName), full_name_sort: vietnameseSortKey(fullName) };
}

export async function insertMembers(db: Db, members: readonly (MemberWrite & { id: string })[], at: string): Promise<void> {
  const CHUNK = 400;
  for (let i = 0; i < members.length; i += CHUNK) {
    await db
      .insertInto('mass_org_members')
      .values(
        members.slice(i, i + CHUNK).map((m) => ({
          id: m.id,
          mass_org_id: m.massOrgId,
          ...nameColumns(m.fullName),
          gender: m.gender,
          birth_year: m.birthYear,
          ethnicity: m.ethnicity,
          phone: m.phone,
          role: m.role,
          joined_on: m.joinedOn,
          left_on: m.leftOn,
          left_reason: m.leftReason,
          left_with_org: 0,
          note: m.note,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })),
      )
      .execute();
  }
}

export async function updateMember(
  db: Db,
  id: string,
  m: Partial<Omit<MemberWrite, 'massOrgId'>> & { leftWithOrg?: boolean; deletedAt?: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('mass_org_members')
    .set({
      ...(m.fullName !== undefined && nameColumns(m.fullName)),
      ...(m.gender !== undefined && { gender: m.gender }),
      ...(m.birthYear !== undefined && { birth_year: m.birthYear }),
      ...(m.ethnicity !== undefined && { ethnicity: m.ethnicity }),
      ...(m.phone !== undefined && { phone: m.phone }),
      ...(m.role !== undefined && { role: m.role }),
      ...(m.joinedOn !== undefined && { joined_on: m.joinedOn }),
      ...(m.leftOn !== undefined && { left_on: m.leftOn }),
      ...(m.leftReason !== undefined && { left_reason: m.leftReason }),
      ...(m.leftWithOrg !== undefined && { left_with_org: m.leftWithOrg ? 1 : 0 }),
      ...(m.note !== undefined && { note: m.note }),
      ...(m.deletedAt !== undefined && { deleted_at: m.deletedAt }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function countOrgMembers(db: Db, orgId: string, today: string): Promise<{ active: number; left: number }> {
  const row = await db
    .selectFrom('mass_org_members')
    .select([
      sql<number>`sum(CASE WHEN left_on IS NULL OR left_on >= ${today} THEN 1 ELSE 0 END)`.as('active'),
      sql<number>`sum(CASE WHEN left_on IS NOT NULL AND left_on < ${today} THEN 1 ELSE 0 END)`.as('left'),
    ])
    .where('mass_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { active: Number(row.active ?? 0), left: Number(row.left ?? 0) };
}

export interface MemberOrgQuery {
  massOrgId: string | null;
  unitId: string | null;
  kindId: string | null;
  /** Only organisations active at some time in this calendar year. */
  activeYear: number | null;
}

/** The organisations whose members a list shows (live ones matching the filter). */
export async function queryMemberOrgs(db: Db, q: MemberOrgQuery): Promise<{ id: string; name: string; kind_id: string; unit_id: string }[]> {
  let query = db.selectFrom('mass_orgs as o').select(['o.id', 'o.name', 'o.kind_id', 'o.unit_id']).where('o.deleted_at', 'is', null);
  if (q.massOrgId !== null) query = query.where('o.id', '=', q.massOrgId);
  if (q.unitId !== null) query = query.where(inUnitSubtree('o.unit_id', q.unitId));
  if (q.kindId !== null) query = query.where('o.kind_id', '=', q.kindId);
  if (q.activeYear !== null) query = query.where(activeInYear('o.valid_from', 'o.valid_to', q.activeYear));
  return query.execute();
}

/** Members' ratings of one year: member id → [level, not-rated reason]. */
export async function memberRatingsOfYear(db: Db, year: number, massOrgId: string | null): Promise<Map<string, [string | null, string | null]>> {
  let query = db
    .selectFrom('mass_org_member_ratings as r')
    .select(['r.member_id', 'r.level', 'r.not_rated_reason'])
    .where('r.year', '=', year)
    .where('r.deleted_at', 'is', null);
  if (massOrgId !== null) {
    query = query.where('r.member_id', 'in', (eb) => eb.selectFrom('mass_org_members').select('id').where('mass_org_id', '=', massOrgId));
  }
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.member_id, [r.level, r.not_rated_reason]]));
}

/** Compact rows straight from SQLite, in name order (the sort key's index hands them over sorted). */
export type MemberListTuple = [
  id: string,
  massOrgId: string,
  fullName: string,
  gender: string,
  birthYear: number | null,
  ethnicity: string | null,
  role: string,
  phone: string | null,
  joinedOn: string,
  leftOn: string | null,
];

/**
 * Members for a list. No join: at 135,000 rows, matching organisations and ratings from maps in
 * the service costs less than joining row by row in SQL (measured by bench/members-list.bench.mjs).
 */
export async function queryMemberTuples(
  db: Db,
  q: { massOrgId: string | null; activeYear: number | null; words: readonly string[] },
): Promise<MemberListTuple[]> {
  let query = db
    .selectFrom('mass_org_members as m')
    .select(['m.id', 'm.mass_org_id', 'm.full_name', 'm.gender', 'm.birth_year', 'm.ethnicity', 'm.role', 'm.phone', 'm.joined_on', 'm.left_on'])
    .where('m.deleted_at', 'is', null);
  if (q.massOrgId !== null) query = query.where('m.mass_org_id', '=', q.massOrgId);
  if (q.activeYear !== null) query = query.where(activeInYear('m.joined_on', 'm.left_on', q.activeYear));
  for (const w of q.words) query = query.where(wordStartsFolded('m.full_name_folded', w));
  const rows = await query.orderBy('m.full_name_sort').orderBy('m.id').execute();
  return rows.map(
    (r) => [r.id, r.mass_org_id, r.full_name, r.gender, r.birth_year, r.ethnicity, r.role, r.phone, r.joined_on, r.left_on] as MemberListTuple,
  );
}

// ---------------------------------------------------------------------------------------------
// Member ratings
// ---------------------------------------------------------------------------------------------

export async function listMemberRatings(db: Db, memberId: string): Promise<MemberRatingDto[]> {
  const rows = await db
    .selectFrom('mass_org_member_ratings')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('deleted_at', 'is', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map(toMemberRatingDto);
}

/** Live ratings of every member of an organisation, keyed by member id then year. */
export async function memberRatingsOfOrg(db: Db, orgId: string): Promise<Map<string, MemberRatingDto[]>> {
  const rows = await db
    .selectFrom('mass_org_member_ratings as r')
    .innerJoin('mass_org_members as m', 'm.id', 'r.member_id')
    .selectAll('r')
    .where('m.mass_org_id', '=', orgId)
    .where('m.deleted_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .execute();
  const out = new Map<string, MemberRatingDto[]>();
  for (const r of rows) {
    const list = out.get(r.member_id) ?? [];
    list.push(toMemberRatingDto(r));
    out.set(r.member_id, list);
  }
  return out;
}

export interface MemberRatingWrite extends RatingWrite {
  actingLeader: boolean;
  newlyTransferred: boolean;
}

export async function upsertMemberRating(
  db: Db,
  newId: () => string,
  memberId: string,
  year: number,
  r: MemberRatingWrite,
  at: string,
): Promise<void> {
  const existing = await db
    .selectFrom('mass_org_member_ratings')
    .select('id')
    .where('member_id', '=', memberId)
    .where('year', '=', year)
    .executeTakeFirst();
  const values = {
    level: r.level,
    not_rated_reason: r.notRatedReason,
    reason_note: r.reasonNote,
    acting_leader: r.actingLeader ? 1 : 0,
    newly_transferred: r.newlyTransferred ? 1 : 0,
    updated_at: at,
    deleted_at: null,
  };
  if (existing) {
    await db.updateTable('mass_org_member_ratings').set(values).where('id', '=', existing.id).execute();
  } else {
    await db
      .insertInto('mass_org_member_ratings')
      .values({ id: newId(), member_id: memberId, year, created_at: at, ...values })
      .execute();
  }
}

export async function tombstoneMemberRatings(db: Db, memberIds: readonly string[], year: number | null, at: string): Promise<void> {
  if (memberIds.length === 0) return;
  let q = db
    .updateTable('mass_org_member_ratings')
    .set({ deleted_at: at, updated_at: at })
    .where('member_id', 'in', memberIds)
    .where('deleted_at', 'is', null);
  if (year !== null) q = q.where('year', '=', year);
  await q.execute();
}

// ---------------------------------------------------------------------------------------------
// Counts for the quota and the overview
// ---------------------------------------------------------------------------------------------

export interface LevelCounts {
  teamsExcellent: number;
  teamsGood: number;
  membersExcellent: number;
  membersGood: number;
}

/** "Hoàn thành xuất sắc" and "Hoàn thành tốt" ratings of a year, per unit of the organisations. */
export async function levelCountsByUnit(db: Db, year: number, unitId: string | null): Promise<Map<string, LevelCounts>> {
  let teams = db
    .selectFrom('mass_org_ratings as r')
    .innerJoin('mass_orgs as o', 'o.id', 'r.mass_org_id')
    .select([
      'o.unit_id',
      sql<number>`sum(r.level = 'hoan_thanh_xuat_sac')`.as('excellent'),
      sql<number>`sum(r.level = 'hoan_thanh_tot')`.as('good'),
    ])
    .where('r.year', '=', year)
    .where('r.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where('r.level', 'in', ['hoan_thanh_xuat_sac', 'hoan_thanh_tot'])
    .groupBy('o.unit_id');
  let members = db
    .selectFrom('mass_org_member_ratings as r')
    .innerJoin('mass_org_members as m', 'm.id', 'r.member_id')
    .innerJoin('mass_orgs as o', 'o.id', 'm.mass_org_id')
    .select([
      'o.unit_id',
      sql<number>`sum(r.level = 'hoan_thanh_xuat_sac')`.as('excellent'),
      sql<number>`sum(r.level = 'hoan_thanh_tot')`.as('good'),
    ])
    .where('r.year', '=', year)
    .where('r.deleted_at', 'is', null)
    .where('m.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where('r.level', 'in', ['hoan_thanh_xuat_sac', 'hoan_thanh_tot'])
    .groupBy('o.unit_id');
  if (unitId !== null) {
    teams = teams.where(inUnitSubtree('o.unit_id', unitId));
    members = members.where(inUnitSubtree('o.unit_id', unitId));
  }
  const out = new Map<string, LevelCounts>();
  const get = (id: string) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = { teamsExcellent: 0, teamsGood: 0, membersExcellent: 0, membersGood: 0 }));
    return c;
  };
  for (const r of await teams.execute()) {
    const c = get(r.unit_id);
    c.teamsExcellent += Number(r.excellent);
    c.teamsGood += Number(r.good);
  }
  for (const r of await members.execute()) {
    const c = get(r.unit_id);
    c.membersExcellent += Number(r.excellent);
    c.membersGood += Number(r.good);
  }
  return out;
}

export interface OverviewRow {
  kind_id: string;
  organizations: number;
  members: number;
  effective: number;
}

/** Per kind: organisations active in the year, their members active in the year, effective ones. */
export async function overviewByKind(db: Db, year: number, unitId: string | null): Promise<OverviewRow[]> {
  let q = db
    .selectFrom('mass_orgs as o')
    .leftJoin('mass_org_ratings as r', (j) => j.onRef('r.mass_org_id', '=', 'o.id').on('r.year', '=', year).on('r.deleted_at', 'is', null))
    .select([
      'o.kind_id',
      sql<number>`count(*)`.as('organizations'),
      sql<number>`sum(r.level IN (${sql.join(EFFECTIVE_LEVELS)}))`.as('effective'),
      sql<number>`sum((SELECT count(*) FROM mass_org_members m
                       WHERE m.mass_org_id = o.id AND m.deleted_at IS NULL AND ${activeInYear('m.joined_on', 'm.left_on', year)}))`.as('members'),
    ])
    .where('o.deleted_at', 'is', null)
    .where(activeInYear('o.valid_from', 'o.valid_to', year))
    .groupBy('o.kind_id');
  if (unitId !== null) q = q.where(inUnitSubtree('o.unit_id', unitId));
  const rows = await q.execute();
  return rows.map((r) => ({
    kind_id: r.kind_id,
    organizations: Number(r.organizations),
    members: Number(r.members ?? 0),
    effective: Number(r.effective ?? 0),
  }));
}
