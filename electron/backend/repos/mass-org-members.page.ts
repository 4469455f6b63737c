/**
 * One page of the members list (135,000 rows at a province): filter, search, sort, count and the
 * page itself, all in SQL. The default order (name) is read straight from the index on
 * full_name_sort, so the first page costs a few index steps, not a sort of the whole table.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { MemberSortKey } from '../../../shared/ipc/contracts/mass-orgs.contract';
import type { PageRequest } from '../../../shared/ipc/common';
import { GENDERS, MEMBER_ROLES, NOT_RATED_LABEL, RATING_LABELS, RATING_LEVELS, genderText } from '../../../shared/domain/mass-orgs';
import { compareVietnamese } from '../../../shared/lib/text';
import { VI_SORT_KEY_SQL } from '../db/open';
import type { Db } from './units.repo';
import { inUnitSubtree, MEMBER_VALIDITY, ORG_VALIDITY, wordStartsFolded } from './mass-orgs.rows';
import { validInYearSql } from './validity.sql';

export interface MemberPageQuery {
  massOrgId: string | null;
  unitId: string | null;
  kindId: string | null;
  /** Organisations and members active at some time in this calendar year. */
  activeYear: number | null;
  /** The year whose rating each row carries (and the rating statuses test). */
  ratingYear: number;
  /** Folded search words; each must begin a word of the name. */
  words: readonly string[];
  /** Taking part / left (on today), or a rating of the rating year; null: every member. */
  status: string | null;
  today: string;
}

export interface MemberPageTuple {
  id: string;
  mass_org_id: string;
  full_name: string | null;
  gender: string | null;
  birth_year: number | null;
  ethnicity: string | null;
  role: string;
  phone: string | null;
  joined_on: string;
  left_on: string | null;
}

/** A CASE that gives each value its rank in Vietnamese order of its label (how the screen sorted it). */
function rankByLabel(column: RawBuilder<unknown>, entries: readonly (readonly [string, string])[]): RawBuilder<number> {
  const ordered = [...entries].sort((a, b) => compareVietnamese(a[1], b[1]));
  const whens = ordered.map(([value], i) => sql`WHEN ${value} THEN ${i}`);
  return sql<number>`CASE ${column} ${sql.join(whens, sql` `)} END`;
}

const GENDER_RANK = rankByLabel(
  sql`m.gender`,
  GENDERS.map((g) => [g, genderText(g)]),
);
const ROLE_RANK = rankByLabel(
  sql`m.role`,
  MEMBER_ROLES.map((r, i) => [r, String(i)]),
);
// A rating shows its level's label, "Không xếp loại" without a level, nothing when there is none.
const RATING_LABEL_RANK = rankByLabel(sql`ifnull(r.level, '')`, [
  ...RATING_LEVELS.map((l) => [l, RATING_LABELS[l]] as const),
  ['', NOT_RATED_LABEL],
]);

/** The member's live rating of the year, as a correlated subquery's FROM/WHERE. */
const ratingOf = (year: number) => sql`mass_org_member_ratings r WHERE r.member_id = m.id AND r.year = ${year} AND r.deleted_at IS NULL`;

/**
 * Each sort key's SQL expression (the whitelist: the contract's enum picks one of these, never
 * text from the caller). NULL sorts last going up, first going down, as the table sorted before.
 */
function sortSql(key: Exclude<MemberSortKey, 'fullName'>, ratingYear: number): RawBuilder<unknown> {
  switch (key) {
    // Unknown gender sorts by its label ("không rõ") like the others: before "Nam" and "Nữ".
    case 'gender':
      return sql`CASE WHEN m.gender IS NULL THEN -1 ELSE ${GENDER_RANK} END`;
    case 'birthYear':
      return sql`m.birth_year`;
    case 'ethnicity':
      return sql`${sql.raw(VI_SORT_KEY_SQL)}(nullif(m.ethnicity, ''))`;
    case 'role':
      return ROLE_RANK;
    case 'org': // queryMemberPageByOrg; kept for the whitelist's completeness
      return sql`(SELECT ${sql.raw(VI_SORT_KEY_SQL)}(o.name) FROM mass_orgs o WHERE o.id = m.mass_org_id)`;
    case 'joinedOn':
      return sql`m.joined_on`;
    case 'leftOn':
      return sql`m.left_on`;
    case 'rating':
      return sql`(SELECT ${RATING_LABEL_RANK} FROM ${ratingOf(ratingYear)})`;
  }
}

function statusSql(status: string | null, today: string, ratingYear: number): RawBuilder<SqlBool> | null {
  if (status === null) return null;
  if (status === 'active') return sql<SqlBool>`(m.left_on IS NULL OR m.left_on >= ${today})`;
  if (status === 'left') return sql<SqlBool>`(m.left_on IS NOT NULL AND m.left_on < ${today})`;
  if (status === 'chua_xep_loai') return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM ${ratingOf(ratingYear)})`;
  if (status === 'khong_xep_loai') return sql<SqlBool>`EXISTS (SELECT 1 FROM ${ratingOf(ratingYear)} AND r.level IS NULL)`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${ratingOf(ratingYear)} AND r.level = ${status})`;
}

/** The conditions on the member's organisation (filter of the list: one organisation, unit subtree, kind, year). */
function orgConditions(q: MemberPageQuery): Expression<SqlBool>[] {
  const orgConds: Expression<SqlBool>[] = [sql<SqlBool>`o.deleted_at IS NULL`];
  if (q.massOrgId !== null) orgConds.push(sql<SqlBool>`o.id = ${q.massOrgId}`);
  if (q.unitId !== null) orgConds.push(inUnitSubtree('o.unit_id', q.unitId));
  if (q.kindId !== null) orgConds.push(sql<SqlBool>`o.kind_id = ${q.kindId}`);
  if (q.activeYear !== null) orgConds.push(validInYearSql(ORG_VALIDITY, q.activeYear));
  return orgConds;
}

/** The conditions on the member row itself (live, year, search words, status). */
function memberConditions(q: MemberPageQuery): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [sql<SqlBool>`m.deleted_at IS NULL`];
  if (q.activeYear !== null) out.push(validInYearSql(MEMBER_VALIDITY, q.activeYear));
  for (const w of q.words) out.push(wordStartsFolded('m.full_name_folded', w));
  const status = statusSql(q.status, q.today, q.ratingYear);
  if (status !== null) out.push(status);
  return out;
}

/**
 * The conditions on a member row. The organisation's conditions are one IN over a subquery
 * (SQLite builds it once, then each member row is a lookup), written `+m.mass_org_id` so that the
 * planner walks mass_org_members_list (0019) rather than the natural key's index.
 */
function conditions(q: MemberPageQuery): Expression<SqlBool>[] {
  const [live, ...rest] = memberConditions(q);
  return [live!, sql<SqlBool>`+m.mass_org_id IN (SELECT o.id FROM mass_orgs o WHERE ${sql.join(orgConditions(q), sql` AND `)})`, ...rest];
}

// INDEXED BY: the count reads only columns the list's index holds; without it the planner picks the
// smaller natural-key index and reads every row besides (measured: ~5 × slower at 135,716 members).
const FROM_MEMBERS = sql`mass_org_members AS m INDEXED BY mass_org_members_list`;

/** The whole filtered list's size, by gender. */
export async function countMemberPage(db: Db, q: MemberPageQuery): Promise<{ total: number; women: number; men: number }> {
  const r = await sql<{ total: number; women: number | null; men: number | null }>`
    SELECT count(*) AS total, sum(m.gender = 'nu') AS women, sum(m.gender = 'nam') AS men
    FROM ${FROM_MEMBERS} WHERE ${sql.join(conditions(q), sql` AND `)}`.execute(db);
  const row = r.rows[0]!;
  return { total: Number(row.total), women: Number(row.women ?? 0), men: Number(row.men ?? 0) };
}

const PAGE_COLUMNS = sql`m.id, m.mass_org_id, m.full_name, m.gender, m.birth_year, m.ethnicity, m.role, m.phone, m.joined_on, m.left_on`;

/**
 * The page in organisation order (issue 16: "members sorted by organisation" took 8,4 s at 135,716).
 * The organisations matching the filter are ranked once (dense_rank over their names' Vietnamese
 * sort key: 10,546 keys, not one per member row; equal names share a rank, so their members
 * interleave in name order as before). The page's ids are then chosen from the list's covering index
 * (mass_org_members_list holds every column the conditions and the order read), so the sort carries
 * (rank, name key, id) only, and the page's 100 rows are read last by id. Same rows in the same order
 * as the old ORDER BY on a correlated subquery per member (EXPLAIN QUERY PLAN and CPU in
 * docs/decisions.md (h16-pickers); bench/support/members-org-sort.mjs).
 */
async function queryMemberPageByOrg(db: Db, q: MemberPageQuery, page: PageRequest<MemberSortKey>): Promise<MemberPageTuple[]> {
  const dir = sql.raw(page.dir === 'desc' ? 'DESC' : 'ASC');
  const key = sql.raw(VI_SORT_KEY_SQL);
  const r = await sql<MemberPageTuple>`
    WITH r AS MATERIALIZED (
      SELECT o.id, dense_rank() OVER (ORDER BY ${key}(o.name)) AS rk FROM mass_orgs o WHERE ${sql.join(orgConditions(q), sql` AND `)}
    ), p AS MATERIALIZED (
      SELECT m.id, r.rk, m.full_name_sort FROM ${FROM_MEMBERS} JOIN r ON r.id = m.mass_org_id
      WHERE ${sql.join(memberConditions(q), sql` AND `)}
      ORDER BY r.rk ${dir}, m.full_name_sort, m.id LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT ${PAGE_COLUMNS} FROM p JOIN mass_org_members AS m ON m.id = p.id
    ORDER BY p.rk ${dir}, p.full_name_sort, p.id`.execute(db);
  return r.rows;
}

/** One page of the filtered list in the asked order; ties keep name order. */
export async function queryMemberPage(db: Db, q: MemberPageQuery, page: PageRequest<MemberSortKey>): Promise<MemberPageTuple[]> {
  if (page.sort === 'org') return queryMemberPageByOrg(db, q, page);
  const dir = sql.raw(page.dir === 'desc' ? 'DESC' : 'ASC');
  let order: RawBuilder<unknown>;
  if (page.sort === 'fullName') {
    // The index's own order going up (the list's default: the first page is a few index steps);
    // NULL names (not known here) come first going up. Names that tie keep the same order both ways.
    order = sql`m.full_name_sort ${dir}, m.id`;
  } else {
    const expr = sortSql(page.sort, q.ratingYear);
    order = sql`(${expr}) IS NULL ${dir}, ${expr} ${dir}, m.full_name_sort, m.id`;
  }
  const r = await sql<MemberPageTuple>`
    SELECT ${PAGE_COLUMNS}
    FROM ${FROM_MEMBERS} WHERE ${sql.join(conditions(q), sql` AND `)}
    ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return r.rows;
}

/** The organisations of a page's rows. */
export async function pageOrgs(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; kind_id: string; unit_id: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('mass_orgs')
    .select(['id', 'name', 'kind_id', 'unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((o) => [o.id, o]));
}

/** The live ratings of a year of a page's members. */
export async function pageRatings(
  db: Db,
  memberIds: readonly string[],
  year: number,
): Promise<Map<string, { level: string | null; not_rated_reason: string | null }>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('mass_org_member_ratings')
    .select(['member_id', 'level', 'not_rated_reason'])
    .where('member_id', 'in', [...memberIds])
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.member_id, r]));
}
