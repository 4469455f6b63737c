/**
 * "Is this row valid in this period" as a Kysely condition: the SQL form of shared/lib/validity.ts,
 * built from the same two halves (begun by the period's last day, not ended before its first day),
 * with the same open ends (a NULL start or end) and inclusive ISO dates. Every repo that filters
 * dated rows (units, organisations, teams, members, model sites, models) uses these; a test runs
 * both forms on a table of cases (tests/unit/backend/validity-sql.test.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/** The columns that hold a row's first and last valid day (a qualified name such as 'o.valid_from'). */
export interface ValidityColumns {
  from: string;
  to: string;
}

/** Begun by the day: the start column is NULL or on or before the day (shared: startedBy). */
export function startedBySql(fromCol: string, day: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(fromCol)} IS NULL OR ${sql.ref(fromCol)} <= ${day})`;
}

/** Not ended before the day: the end column is NULL or on or after the day (shared: notEndedBefore). */
export function notEndedBeforeSql(toCol: string, day: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(toCol)} IS NULL OR ${sql.ref(toCol)} >= ${day})`;
}

/** Valid on at least one day of [from, to] (shared: validDuring). */
export function validDuringSql(cols: ValidityColumns, from: string, to: string): Expression<SqlBool> {
  return sql<SqlBool>`(${startedBySql(cols.from, to)} AND ${notEndedBeforeSql(cols.to, from)})`;
}

/** Valid on the day (shared: validOn). */
export function validOnSql(cols: ValidityColumns, day: string): Expression<SqlBool> {
  return validDuringSql(cols, day, day);
}

/** Valid on at least one day of the calendar year (shared: validInYear). */
export function validInYearSql(cols: ValidityColumns, year: number): Expression<SqlBool> {
  return validDuringSql(cols, `${year}-01-01`, `${year}-12-31`);
}
