/**
 * The mass-organisation repositories' shared edge: rows → the contract's DTOs, and the SQL pieces
 * both the organisation and the member queries use (unit subtree, word-start search, activity in a
 * year). Used by mass-orgs.repo.ts and mass-org-members.repo.ts only.
 */
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { ValidityColumns } from './validity.sql';
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
import type { Gender, MemberRole, NotRatedReason, RatingLevel, RatingScheme } from '../../../shared/domain/mass-orgs';
import { foldVietnamese } from '../../../shared/lib/text';
import type { FieldCodec } from '../keys/fields';

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
export function ratingFields(row: Selectable<MassOrgRatingsTable> | Selectable<MassOrgMemberRatingsTable>): OrgRatingDto {
  return {
    year: row.year,
    level: row.level as RatingLevel | null,
    notRatedReason: row.not_rated_reason as NotRatedReason | null,
    reasonNote: row.reason_note,
    updatedAt: row.updated_at,
  };
}

export function toOrgRatingDto(row: Selectable<MassOrgRatingsTable>): OrgRatingDto {
  return ratingFields(row);
}

/** A member as the screens see it: the phone opened with the session's key. */
export function toMemberDto(row: Selectable<MassOrgMembersTable>, fields: FieldCodec): MemberDto {
  return {
    id: row.id,
    massOrgId: row.mass_org_id,
    fullName: row.full_name,
    gender: row.gender as Gender | null,
    birthYear: row.birth_year,
    ethnicity: row.ethnicity,
    phone: fields.open('mass_org_members', 'phone', row.id, row.phone),
    role: row.role as MemberRole,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    leftReason: row.left_reason,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toMemberRatingDto(row: Selectable<MassOrgMemberRatingsTable>): MemberRatingDto {
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

/** The dated columns of a team (`o`) and of a member (`m`), for the conditions of validity.sql.ts. */
export const ORG_VALIDITY: ValidityColumns = { from: 'o.valid_from', to: 'o.valid_to' };
export const MEMBER_VALIDITY: ValidityColumns = { from: 'm.joined_on', to: 'm.left_on' };

/** A rating as the use cases write it (team or member). */
export interface RatingWrite {
  level: RatingLevel | null;
  notRatedReason: NotRatedReason | null;
  reasonNote: string | null;
}
