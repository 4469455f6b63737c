/**
 * Is this row valid in this period: the one test of a dated row (a unit, an organisation, a team, a
 * member) against a period, used wherever the app asks it. A null start means "since before the
 * records", a null end "still valid"; both ends are inclusive ISO dates, so text comparison is date
 * comparison.
 */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** Valid on at least one day of [from, to]. */
export function validDuring(v: Validity, from: string, to: string): boolean {
  return (v.validFrom === null || v.validFrom <= to) && (v.validTo === null || v.validTo >= from);
}

/** Valid on the day. */
export function validOn(v: Validity, day: string): boolean {
  return validDuring(v, day, day);
}

/** Valid on at least one day of the calendar year. */
export function validInYear(v: Validity, year: number): boolean {
  return validDuring(v, `${year}-01-01`, `${year}-12-31`);
}
