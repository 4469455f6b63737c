/**
 * Is this row valid in this period: the one test of a dated row (a unit, an organisation, a team, a
 * member) against a period, used wherever the app asks it. A null start means "since before the
 * records", a null end "still valid"; both ends are inclusive ISO dates, so text comparison is date
 * comparison. The SQL form of the same test, for queries, is electron/backend/repos/validity.sql.ts.
 */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** Begun by the day: an open start, or a start on or before it. */
export function startedBy(v: Pick<Validity, 'validFrom'>, day: string): boolean {
  return v.validFrom === null || v.validFrom <= day;
}

/** Not ended before the day: an open end, or an end on or after it (the end is the last valid day). */
export function notEndedBefore(v: Pick<Validity, 'validTo'>, day: string): boolean {
  return v.validTo === null || v.validTo >= day;
}

/** Valid on at least one day of [from, to]. */
export function validDuring(v: Validity, from: string, to: string): boolean {
  return startedBy(v, to) && notEndedBefore(v, from);
}

/** Valid on the day. */
export function validOn(v: Validity, day: string): boolean {
  return validDuring(v, day, day);
}

/** Valid on at least one day of the calendar year. */
export function validInYear(v: Validity, year: number): boolean {
  return validDuring(v, `${year}-01-01`, `${year}-12-31`);
}
