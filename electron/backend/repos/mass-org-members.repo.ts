/**
 * Members of mass organisations and their yearly ratings: plain functions over a Kysely db or
 * transaction. The members list is written for 135,000 rows (one indexed query in name order, only
 * the columns the table shows).
 */
import { sql, type SqlBool } from 'kysely';
import type { MemberDto, MemberRatingDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import type { Gender, MemberRole } from '../../../shared/domain/mass-orgs';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../shared/lib/text';
import type { Db } from './units.repo';
import type { FieldCodec } from '../keys/fields';
import { mapInTurns } from '../jobs/jobs';

export type { Db };

const MEMBERS = 'mass_org_members';
import {
  inUnitSubtree,
  MEMBER_VALIDITY,
  ORG_VALIDITY,
  toMemberDto,
  toMemberRatingDto,
  wordStartsFolded,
  type RatingWrite,
} from './mass-orgs.rows';
import { notEndedBeforeSql, validInYearSql } from './validity.sql';

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

export async function findMember(db: Db, fields: FieldCodec, id: string): Promise<MemberDto | null> {
  const row = await db.selectFrom('mass_org_members').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toMemberDto(row, fields) : null;
}

/** A member as stored, with whether the membership ended only because the organisation did. */
export type StoredMember = MemberDto & { leftWithOrg: boolean };

export async function listOrgMembers(db: Db, fields: FieldCodec, orgId: string): Promise<StoredMember[]> {
  const rows = await db
    .selectFrom('mass_org_members')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('full_name_sort')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...toMemberDto(r, fields), leftWithOrg: r.left_with_org === 1 }));
}

/** Every live member in full (personal columns included): for exports of the office's own register. */
export async function listAllMembers(db: Db, fields: FieldCodec): Promise<MemberDto[]> {
  const rows = await db.selectFrom('mass_org_members').selectAll().where('deleted_at', 'is', null).execute();
  return mapInTurns(rows, (r) => toMemberDto(r, fields));
}

/** The live member of an organisation with this natural key (folded name, birth year), if any. */
export async function findMemberByKey(
  db: Db,
  fields: FieldCodec,
  orgId: string,
  fullName: string,
  birthYear: number | null,
): Promise<MemberDto | null> {
  const row = await db
    .selectFrom('mass_org_members')
    .selectAll()
    .where('mass_org_id', '=', orgId)
    .where('full_name_folded', '=', memberNameKey(fullName))
    .where(sql<SqlBool>`ifnull(birth_year, 0) = ${birthYear ?? 0}`)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toMemberDto(row, fields) : null;
}

/** The key a member is found by in `findMembersByKeys`' answer: organisation, folded name, birth year. */
export function memberLookupKey(orgId: string, fullName: string, birthYear: number | null): string {
  return `${orgId}|${memberNameKey(fullName)}|${birthYear ?? 0}`;
}

/** Keys per statement of findMembersByKeys: three parameters each, far below SQLite's limit. */
const KEYS_PER_READ = 300;

/**
 * The live members with these natural keys, by `memberLookupKey` (what findMemberByKey finds, for
 * many keys at once): one statement per KEYS_PER_READ keys, each key looked up through the natural
 * key's index (`mass_org_members_natural_key`); `pause` runs between statements (a job's checkpoint).
 */
export async function findMembersByKeys(
  db: Db,
  fields: FieldCodec,
  keys: readonly { massOrgId: string; fullName: string; birthYear: number | null }[],
  pause?: () => Promise<void>,
): Promise<Map<string, MemberDto>> {
  const out = new Map<string, MemberDto>();
  for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
    if (i > 0) await pause?.();
    const chunk = keys.slice(i, i + KEYS_PER_READ);
    const values = sql.join(chunk.map((k) => sql`(${k.massOrgId}, ${memberNameKey(k.fullName)}, ${k.birthYear ?? 0})`));
    const r = await sql<Record<string, unknown>>`
      WITH k(org_id, name_folded, born) AS (VALUES ${values})
      SELECT m.* FROM k CROSS JOIN mass_org_members AS m
      WHERE m.mass_org_id = k.org_id AND m.full_name_folded = k.name_folded AND ifnull(m.birth_year, 0) = k.born
        AND m.deleted_at IS NULL`.execute(db);
    for (const row of r.rows) {
      const m = toMemberDto(row as never, fields);
      out.set(`${m.massOrgId}|${String(row['full_name_folded'])}|${m.birthYear ?? 0}`, m);
    }
  }
  return out;
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
  return foldVietnamese(fullName)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function nameColumns(fullName: string) {
  return { full_name: fullName, full_name_folded: memberNameKey(fullName), full_name_sort: vietnameseSortKey(fullName) };
}

/** Writes new members; the phone is sealed to each member's id. */
export async function insertMembers(
  db: Db,
  fields: FieldCodec,
  members: readonly (MemberWrite & { id: string })[],
  at: string,
): Promise<void> {
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
          phone: fields.seal(MEMBERS, 'phone', m.id, m.phone),
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
  fields: FieldCodec,
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
      ...(m.phone !== undefined && { phone: fields.seal(MEMBERS, 'phone', id, m.phone) }),
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
      sql<number>`sum(CASE WHEN ${notEndedBeforeSql('left_on', today)} THEN 1 ELSE 0 END)`.as('active'),
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
export async function queryMemberOrgs(
  db: Db,
  q: MemberOrgQuery,
): Promise<{ id: string; name: string; kind_id: string; unit_id: string }[]> {
  let query = db.selectFrom('mass_orgs as o').select(['o.id', 'o.name', 'o.kind_id', 'o.unit_id']).where('o.deleted_at', 'is', null);
  if (q.massOrgId !== null) query = query.where('o.id', '=', q.massOrgId);
  if (q.unitId !== null) query = query.where(inUnitSubtree('o.unit_id', q.unitId));
  if (q.kindId !== null) query = query.where('o.kind_id', '=', q.kindId);
  if (q.activeYear !== null) query = query.where(validInYearSql(ORG_VALIDITY, q.activeYear));
  return query.execute();
}

/** Members' ratings of one year: member id → [level, not-rated reason]. */
export async function memberRatingsOfYear(
  db: Db,
  year: number,
  massOrgId: string | null,
): Promise<Map<string, [string | null, string | null]>> {
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
  /** null (with gender): not known here, an office's file left it out. */
  fullName: string | null,
  gender: string | null,
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
  fields: FieldCodec,
  q: { massOrgId: string | null; activeYear: number | null; words: readonly string[] },
): Promise<MemberListTuple[]> {
  let query = db
    .selectFrom('mass_org_members as m')
    .select([
      'm.id',
      'm.mass_org_id',
      'm.full_name',
      'm.gender',
      'm.birth_year',
      'm.ethnicity',
      'm.role',
      'm.phone',
      'm.joined_on',
      'm.left_on',
    ])
    .where('m.deleted_at', 'is', null);
  if (q.massOrgId !== null) query = query.where('m.mass_org_id', '=', q.massOrgId);
  if (q.activeYear !== null) query = query.where(validInYearSql(MEMBER_VALIDITY, q.activeYear));
  for (const w of q.words) query = query.where(wordStartsFolded('m.full_name_folded', w));
  const rows = await query.orderBy('m.full_name_sort').orderBy('m.id').execute();
  // The phone is opened here (about 10 µs a value; docs/decisions.md (h15-crypt) has the measurement),
  // with turns of the host in between (135.716 members: about 1,4 s of CPU).
  return mapInTurns(
    rows,
    (r) =>
      [
        r.id,
        r.mass_org_id,
        r.full_name,
        r.gender,
        r.birth_year,
        r.ethnicity,
        r.role,
        fields.open(MEMBERS, 'phone', r.id, r.phone),
        r.joined_on,
        r.left_on,
      ] as MemberListTuple,
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
