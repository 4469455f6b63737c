/**
 * Mass organisations, their kinds and yearly ratings, and the counts behind the quota and the
 * overview: plain functions over a Kysely db or transaction. Members are in
 * mass-org-members.repo.ts; rows become DTOs in mass-orgs.rows.ts.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { MassOrgKindDto, MassOrgDto, OrgRatingDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { EFFECTIVE_LEVELS } from '../../../shared/domain/mass-orgs';
import { foldVietnamese } from '../../../shared/lib/text';
import type { Db } from './units.repo';
import { notEndedBeforeSql, validInYearSql } from './validity.sql';

export type { Db };
import {
  inUnitSubtree,
  MEMBER_VALIDITY,
  ORG_VALIDITY,
  matchesWordStarts,
  toKindDto,
  toOrgDto,
  toOrgRatingDto,
  type RatingWrite,
} from './mass-orgs.rows';

export { searchWords, type RatingWrite } from './mass-orgs.rows';
// The xlsx import spec reads members through this module; their home is mass-org-members.repo.ts.
export {
  findMemberByKey,
  findMembersByKeys,
  insertMembers,
  listAllMembers,
  memberLookupKey,
  memberNameKey,
  type MemberWrite,
} from './mass-org-members.repo';

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

/** The kinds with their live organisations counted (`counted`: those counts already known to the caller, per kind id). */
export async function listKinds(db: Db, counted?: ReadonlyMap<string, number>): Promise<MassOrgKindDto[]> {
  const rows = await db.selectFrom('mass_org_kinds').selectAll().execute();
  const byKind =
    counted ??
    new Map(
      (
        await db
          .selectFrom('mass_orgs')
          .select(['kind_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('deleted_at', 'is', null)
          .groupBy('kind_id')
          .execute()
      ).map((c) => [c.kind_id, Number(c.n)]),
    );
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
  const row = await db.selectFrom('mass_orgs').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
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

/** The key an organisation is found by in `findOrgsByKeys`' answer: unit, kind, folded name. */
export function orgLookupKey(unitId: string, kindId: string, name: string): string {
  return `${unitId}|${kindId}|${foldVietnamese(name)}`;
}

const KEYS_PER_READ = 300;

/**
 * The live organisations with these natural keys, by `orgLookupKey` (what findOrgByKey finds, for many
 * keys at once): one statement per KEYS_PER_READ keys through the natural key's index
 * (`mass_orgs_natural_key`); `pause` runs between statements (a job's checkpoint).
 */
export async function findOrgsByKeys(
  db: Db,
  keys: readonly { unitId: string; kindId: string; name: string }[],
  pause?: () => Promise<void>,
): Promise<Map<string, MassOrgDto>> {
  const out = new Map<string, MassOrgDto>();
  for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
    if (i > 0) await pause?.();
    const values = sql.join(keys.slice(i, i + KEYS_PER_READ).map((k) => sql`(${k.unitId}, ${k.kindId}, ${foldVietnamese(k.name)})`));
    const r = await sql<Record<string, unknown>>`
      WITH k(unit_id, kind_id, name_folded) AS (VALUES ${values})
      SELECT o.* FROM k CROSS JOIN mass_orgs AS o
      WHERE o.unit_id = k.unit_id AND o.kind_id = k.kind_id AND o.name_folded = k.name_folded AND o.deleted_at IS NULL`.execute(db);
    for (const row of r.rows) {
      const o = toOrgDto(row as never);
      out.set(`${o.unitId}|${o.kindId}|${String(row['name_folded'])}`, o);
    }
  }
  return out;
}

/** The live organisations with these ids, by id (chunks of KEYS_PER_READ ids). */
export async function findOrgsByIds(db: Db, ids: readonly string[]): Promise<Map<string, MassOrgDto>> {
  const out = new Map<string, MassOrgDto>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += KEYS_PER_READ) {
    const rows = await db
      .selectFrom('mass_orgs')
      .selectAll()
      .where('id', 'in', unique.slice(i, i + KEYS_PER_READ))
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) out.set(row.id, toOrgDto(row));
  }
  return out;
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
  await insertOrgs(db, [{ id, org: o }], at);
}

/** New organisations, 200 per multi-row INSERT (the Excel import's new rows). */
export async function insertOrgs(db: Db, orgs: readonly { id: string; org: OrgWrite }[], at: string): Promise<void> {
  const CHUNK = 200;
  for (let i = 0; i < orgs.length; i += CHUNK) {
    await db
      .insertInto('mass_orgs')
      .values(
        orgs.slice(i, i + CHUNK).map(({ id, org: o }) => ({
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
        })),
      )
      .execute();
  }
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
    q.activeYear !== null ? validInYearSql(MEMBER_VALIDITY, q.activeYear) : notEndedBeforeSql(MEMBER_VALIDITY.to, q.today);
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
  if (q.activeYear !== null) query = query.where(validInYearSql(ORG_VALIDITY, q.activeYear));
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
function applyRatingStatus<Q extends { where: (e: Expression<SqlBool>) => Q }>(
  query: Q,
  status: string | null,
  today: string,
  endCol: string,
): Q {
  if (status === null) return query;
  if (status === 'active') return query.where(notEndedBeforeSql(endCol, today));
  if (status === 'ended') return query.where(sql<SqlBool>`NOT ${notEndedBeforeSql(endCol, today)}`);
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
  return db.selectFrom('mass_org_ratings').selectAll().where('mass_org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
}

export async function findOrgRating(db: Db, orgId: string, year: number): Promise<OrgRatingDto | null> {
  const row = await findOrgRatingRow(db, orgId, year);
  return row && row.deleted_at === null ? toOrgRatingDto(row) : null;
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

/**
 * overviewByKind's figures per unit and kind for the whole office (the overview folds them per
 * subtree), in one statement: the year's members counted per organisation over their covering index
 * (the year's test in WHERE), joined to the organisations active in the year read by a
 * plain scan (liveOrgsForFigures' NOT INDEXED), with the effective rating of the year (UNIQUE
 * (mass_org_id, year): at most one row per organisation), grouped by unit and kind. About 4,700 rows at
 * a province instead of 10,546 organisations and 10,546 member counts folded in JavaScript.
 */
export async function overviewByUnitKind(db: Db, year: number): Promise<(OverviewRow & { unit_id: string })[]> {
  const rows = await sql<{ unit_id: string; kind_id: string; organizations: number; members: number; effective: number }>`
    SELECT o.unit_id, o.kind_id, count(*) AS organizations, total(m.n) AS members,
      total(r.level IN (${sql.join(EFFECTIVE_LEVELS)})) AS effective
    FROM mass_orgs AS o NOT INDEXED
    LEFT JOIN (SELECT mass_org_id, count(*) AS n FROM mass_org_members AS m INDEXED BY mass_org_members_live_org
               WHERE m.deleted_at IS NULL AND ${validInYearSql(MEMBER_VALIDITY, year)} GROUP BY mass_org_id) AS m
      ON m.mass_org_id = o.id
    LEFT JOIN mass_org_ratings AS r ON r.mass_org_id = o.id AND r.year = ${year} AND r.deleted_at IS NULL
    WHERE o.deleted_at IS NULL AND ${validInYearSql(ORG_VALIDITY, year)}
    GROUP BY o.unit_id, o.kind_id`.execute(db);
  return rows.rows.map((r) => ({
    unit_id: r.unit_id,
    kind_id: r.kind_id,
    organizations: Number(r.organizations),
    members: Number(r.members),
    effective: Number(r.effective),
  }));
}

/** A live mass organisation as the registry figures count it. */
export interface FigureOrgRow {
  id: string;
  unit_id: string;
  kind_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

/**
 * Every live mass organisation (the registry figures filter them by year and subtree in memory), in
 * stored order. NOT INDEXED: the planner walks the partial index mass_orgs_natural_key (its WHERE is
 * `deleted_at IS NULL`) and looks up each row by rowid, 11–14 ms CPU at 10,546 organisations; a plain
 * scan of the table reads the same rows in 6–7 ms (the figures do not depend on their order).
 */
export async function liveOrgsForFigures(db: Db): Promise<FigureOrgRow[]> {
  const rows = await sql<FigureOrgRow>`SELECT id, unit_id, kind_id, valid_from, valid_to
    FROM mass_orgs NOT INDEXED WHERE deleted_at IS NULL`.execute(db);
  return rows.rows;
}

/**
 * Live members active in each of `years`, per organisation (organisations without members are
 * absent): `counts[i]` is the count for `years[i]`, the same test as overviewQuery's subquery. One
 * pass over the covering index mass_org_members_live_org (mass_org_id, joined_on, left_on) for every
 * year; without INDEXED BY the planner walks mass_org_members_natural_key and reads each row (about
 * 8× the CPU at 135,716 members).
 */
export async function memberCountsByOrg(db: Db, years: readonly number[]): Promise<Map<string, number[]>> {
  const sums = years.map((y, i) => sql`sum(${validInYearSql({ from: 'joined_on', to: 'left_on' }, y)}) AS ${sql.ref(`y${i}`)}`);
  const rows = await sql<Record<string, string | number>>`SELECT mass_org_id, ${sql.join(sums)}
    FROM mass_org_members INDEXED BY mass_org_members_live_org
    WHERE deleted_at IS NULL GROUP BY mass_org_id`.execute(db);
  return new Map(rows.rows.map((r) => [String(r['mass_org_id']), years.map((_, i) => Number(r[`y${i}`] ?? 0))]));
}

/** The live ratings of `years` that count as effective (overviewQuery's `effective`): "orgId|year". */
export async function effectiveRatingsOf(db: Db, years: readonly number[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('mass_org_ratings')
    .select(['mass_org_id', 'year'])
    .where('deleted_at', 'is', null)
    .where('year', 'in', [...years])
    .where('level', 'in', [...EFFECTIVE_LEVELS])
    .execute();
  return new Set(rows.map((r) => `${r.mass_org_id}|${r.year}`));
}

/** Per kind: organisations active in the year, their members active in the year, effective ones. */
export async function overviewByKind(db: Db, year: number, unitId: string | null): Promise<OverviewRow[]> {
  let q = overviewQuery(db, year);
  if (unitId !== null) q = q.where(inUnitSubtree('o.unit_id', unitId));
  const rows = await q.execute();
  return rows.map((r) => ({
    kind_id: r.kind_id,
    organizations: Number(r.organizations),
    members: Number(r.members ?? 0),
    effective: Number(r.effective ?? 0),
  }));
}

/** Organisations active in the year by kind, with their members active in the year (through mass_org_members_live_org). */
function overviewQuery(db: Db, year: number) {
  return db
    .selectFrom('mass_orgs as o')
    .leftJoin('mass_org_ratings as r', (j) => j.onRef('r.mass_org_id', '=', 'o.id').on('r.year', '=', year).on('r.deleted_at', 'is', null))
    .select([
      'o.kind_id',
      sql<number>`count(*)`.as('organizations'),
      sql<number>`sum(r.level IN (${sql.join(EFFECTIVE_LEVELS)}))`.as('effective'),
      sql<number>`sum((SELECT count(*) FROM mass_org_members m
                       WHERE m.mass_org_id = o.id AND m.deleted_at IS NULL AND ${validInYearSql(MEMBER_VALIDITY, year)}))`.as('members'),
    ])
    .where('o.deleted_at', 'is', null)
    .where(validInYearSql(ORG_VALIDITY, year))
    .groupBy('o.kind_id');
}
