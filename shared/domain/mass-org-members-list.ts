/**
 * The members list on the wire: 135,000 rows travel as parallel columns with ratings encoded as
 * small numbers, and are decoded into rows in the renderer. Pure.
 */
import {
  GENDERS,
  MEMBER_ROLES,
  NOT_RATED_REASONS,
  RATING_LEVELS,
  type Gender,
  type MemberRole,
  type NotRatedReason,
  type RatingLevel,
} from './mass-orgs';

// ---------------------------------------------------------------------------------------------
// The members list on the wire
// ---------------------------------------------------------------------------------------------

/** A rating as lists show it. */
export interface RatingCell {
  level: RatingLevel | null;
  notRatedReason: NotRatedReason | null;
}

/**
 * Ratings in the column layout of members.list: the index of the level in RATING_LEVELS, or
 * RATING_LEVELS.length + the index of the reason for "không xếp loại"; -1 when there is none.
 */
export function encodeRatingCell(cell: RatingCell | null): number {
  if (cell === null) return -1;
  if (cell.level !== null) return RATING_LEVELS.indexOf(cell.level);
  return cell.notRatedReason === null ? -1 : RATING_LEVELS.length + NOT_RATED_REASONS.indexOf(cell.notRatedReason);
}

export function decodeRatingCell(code: number): RatingCell | null {
  if (code >= 0 && code < RATING_LEVELS.length) return { level: RATING_LEVELS[code]!, notRatedReason: null };
  const reason = NOT_RATED_REASONS[code - RATING_LEVELS.length];
  return reason === undefined ? null : { level: null, notRatedReason: reason };
}

/**
 * members.list sends one array per field (a 135,000-row list as objects repeats every key and
 * every organisation id 135,000 times; as columns it is less than half the size and parses faster).
 * Organisations are indexes into `orgs`; gender and role indexes into GENDERS and MEMBER_ROLES.
 */
export interface MemberColumns {
  id: string[];
  /** null: not known here (an office's file left it out). */
  fullName: (string | null)[];
  org: number[];
  /** Index into GENDERS; -1: not known here. */
  gender: number[];
  birthYear: (number | null)[];
  ethnicity: (string | null)[];
  role: number[];
  phoneMasked: (string | null)[];
  joinedOn: string[];
  leftOn: (string | null)[];
  rating: number[];
}

/** One row of a members list, as the screens use it (the phone already masked by the backend). */
export interface MemberRow {
  id: string;
  massOrgId: string;
  /** null: not known here (at the province, a personal column the office's file left out). */
  fullName: string | null;
  gender: Gender | null;
  birthYear: number | null;
  ethnicity: string | null;
  role: MemberRole;
  phoneMasked: string | null;
  joinedOn: string;
  leftOn: string | null;
  rating: RatingCell | null;
}

/** Members by gender: women, and those whose gender is not known here (never counted as men or women). */
export function genderTotals(rows: readonly { gender: Gender | null }[]): { women: number; men: number; unknown: number; total: number } {
  let women = 0;
  let men = 0;
  for (const r of rows) {
    if (r.gender === 'nu') women++;
    else if (r.gender === 'nam') men++;
  }
  return { women, men, unknown: rows.length - women - men, total: rows.length };
}

export function decodeMemberColumns(list: { orgs: readonly { id: string }[]; columns: MemberColumns }): MemberRow[] {
  const c = list.columns;
  const out = new Array<MemberRow>(c.id.length);
  for (let i = 0; i < c.id.length; i++) {
    out[i] = {
      id: c.id[i]!,
      massOrgId: list.orgs[c.org[i]!]?.id ?? '',
      fullName: c.fullName[i] ?? null,
      gender: GENDERS[c.gender[i]!] ?? null,
      birthYear: c.birthYear[i] ?? null,
      ethnicity: c.ethnicity[i] ?? null,
      role: MEMBER_ROLES[c.role[i]!] ?? 'khac',
      phoneMasked: c.phoneMasked[i] ?? null,
      joinedOn: c.joinedOn[i]!,
      leftOn: c.leftOn[i] ?? null,
      rating: decodeRatingCell(c.rating[i]!),
    };
  }
  return out;
}
