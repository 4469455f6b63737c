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
  org_name: string;
  kind_id: string;
  unit_id: string;
  full_name: string | null;
  gender: string | null;
  birth_year: number | null;
  ethnicity: string | null;
  role: string;
  phone: string | null;
  joined_on: string;
  left_on: string | null;
  level: string | null;
  not_rated_reason: string | null;
  has_rating: number;
}

/** A CASE that gives each value its rank in Vietnamese order of its label (how the screen sorted it). */
function rankByLabel(column: string, entries: readonly (readonly [string, string])[]): RawBuilder<number> {
  const ordered = [...entries].sort((a, b) => compareVietnamese(a[1], b[1]));
  const whens = ordered.map(([value], i) => sql`WHEN ${value} THEN ${i}`);
  return sql<number>`CASE ${sql.ref(column)} ${sql.join(whens, sql` `)} END`;
}

const GENDER_RANK = rankByLabel(
  'm.gender',
  GENDERS.map((g) => [g, genderText(g)]),
);
const ROLE_RANK = rankByLabel(
  'm.role',
  MEMBER_ROLES.map((r, i) => [r, String(i)]),
);
// A rating shows its level's label, "Không xếp loại" without a level, nothing when there is none.
const RATING_RANK = (() => {
  const labels: [string, string][] = RATING_LEVELS.map((l) => [l, RATING_LABELS[l]]);
  labels.push(['', NOT_RATED_LABEL]);
  const ordered = labels.sort((a, b) => compareVietnamese(a[1], b[1]));
  const whens = ordered.map(([value], i) => sql`WHEN ${value} THEN ${i}`);
  return sql<number>`CASE WHEN r.id IS NULL THEN NULL ELSE CASE ifnull(r.level, '') ${sql.join(whens, sql` `)} END END`;
})();

/**
 * Each sort key's SQL expression (the whitelist: the contract's enum picks one of these, never
 * text from the caller). NULL sorts last going up, first going down, as the table sorted before.
 */
const SORT_SQL: Readonly<Record<Exclude<MemberSortKey, 'fullName'>, Expression<unknown>>> = {
  // Unknown gender sorts by its label ("không rõ") like the others: before "Nam" and "Nữ".
  gender: sql`CASE WHEN m.gender IS NULL THEN -1 ELSE ${GENDER_RANK} END`,
  birthYear: sql.ref('m.birth_year'),
  ethnicity: sql`${sql.raw(VI_SORT_KEY_SQL)}(nullif(m.ethnicity, ''))`,
  role: ROLE_RANK,
  org: sql`${sql.raw(VI_SORT_KEY_SQL)}(o.name)`,
  joinedOn: sql.ref('m.joined_on'),
  leftOn: sql.ref('m.left_on'),
  rating: RATING_RANK,
};

function statusSql(status: string | null, today: string): Expression<SqlBool> | null {
  if (status === null) return null;
  if (status === 'active') return sql<SqlBool>`(m.left_on IS NULL OR m.left_on >= ${today})`;
  if (status === 'left') return sql<SqlBool>`(m.left_on IS NOT NULL AND m.left_on < ${today})`;
  if (status === 'chua_xep_loai') return sql<SqlBool>`r.id IS NULL`;
  if (status === 'khong_xep_loai') return sql<SqlBool>`(r.id IS NOT NULL AND r.level IS NULL)`;
  return sql<SqlBool>`r.level = ${status}`;
}

/** Members, their organisation and their rating of the year, filtered (no order, no limit). */
function baseQuery(db: Db, q: MemberPageQuery) {
  let query = db
    .selectFrom('mass_org_members as m')
    .innerJoin('mass_orgs as o', 'o.id', 'm.mass_org_id')
    .leftJoin('mass_org_member_ratings as r', (j) =>
      j.onRef('r.member_id', '=', 'm.id').on('r.year', '=', q.ratingYear).on('r.deleted_at', 'is', null),
    )
    .where('m.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null);
  if (q.massOrgId !== null) query = query.where('m.mass_org_id', '=', q.massOrgId);
  if (q.unitId !== null) query = query.where(inUnitSubtree('o.unit_id', q.unitId));
  if (q.kindId !== null) query = query.where('o.kind_id', '=', q.kindId);
  if (q.activeYear !== null) {
    query = query.where(validInYearSql(ORG_VALIDITY, q.activeYear)).where(validInYearSql(MEMBER_VALIDITY, q.activeYear));
  }
  for (const w of q.words) query = query.where(wordStartsFolded('m.full_name_folded', w));
  const status = statusSql(q.status, q.today);
  if (status !== null) query = query.where(status);
  return query;
}

/** The whole filtered list's size, by gender. */
export async function countMemberPage(db: Db, q: MemberPageQuery): Promise<{ total: number; women: number; men: number }> {
  const row = await baseQuery(db, q)
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(m.gender = 'nu')`.as('women'),
      sql<number>`sum(m.gender = 'nam')`.as('men'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), women: Number(row.women ?? 0), men: Number(row.men ?? 0) };
}

/** One page of the filtered list in the asked order; ties keep name order. */
export async function queryMemberPage(db: Db, q: MemberPageQuery, page: PageRequest<MemberSortKey>): Promise<MemberPageTuple[]> {
  let query = baseQuery(db, q).select([
    'm.id',
    'm.mass_org_id',
    'o.name as org_name',
    'o.kind_id',
    'o.unit_id',
    'm.full_name',
    'm.gender',
    'm.birth_year',
    'm.ethnicity',
    'm.role',
    'm.phone',
    'm.joined_on',
    'm.left_on',
    'r.level',
    'r.not_rated_reason',
    sql<number>`r.id IS NOT NULL`.as('has_rating'),
  ]);
  const dir = page.dir;
  if (page.sort === 'fullName') {
    // The index's own order going up (the list's default: the first page is a few index steps);
    // NULL names (not known here) come first going up. Names that tie keep the same order both ways.
    query = query.orderBy('m.full_name_sort', dir).orderBy('m.id');
  } else {
    const expr = SORT_SQL[page.sort];
    query = query
      .orderBy(sql`(${expr}) IS NULL`, dir)
      .orderBy(expr, dir)
      .orderBy('m.full_name_sort')
      .orderBy('m.id');
  }
  return query.limit(page.limit).offset(page.offset).execute();
}
