/**
 * Which calendar years of each activity table a transaction touched (issue 16 item 4): the period
 * figures keep each kind's groups per year slice (services/period-slices.ts), and a slice depends
 * only on the live rows of its kind placed in its year. Per-connection TEMP triggers note, for every
 * inserted, updated or deleted row of an activity table, the year of its placement before (OLD) and
 * after (NEW) the change, so an edit that moves a record from 2026 to 2010 names both years. The
 * temp table is part of the transaction: a rollback empties it too. Read and emptied right before
 * COMMIT by the audit hook (audit/recorder.ts), beside the touched rows. The triggers skip a year
 * already noted by an upsert's DO NOTHING, not by INSERT OR IGNORE: a conflict clause inside a
 * trigger gives way to the firing statement's policy (the hand-off lands rows by upsert, ABORT
 * outside its own target, which turned a second row of one year into a UNIQUE error and refused
 * the file), an upsert's does not.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { ACTIVITY_KINDS, ACTIVITY_KIND_INFO } from '../../../shared/domain/activities';
import { ACTIVITY_TABLES } from '../db/tables/activities';

const YEARS_TABLE = 'temp.placement_touch';
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A year the row's placement does not name (NULL): every year of the table is taken as touched. */
export const ANY_YEAR = '*';

/** The placement year of a row as text ('2026'): a date's first four characters, an awards' year cast. */
function yearExpr(row: string, column: string, isYear: boolean): string {
  const year = isYear ? `CAST(${row}."${column}" AS TEXT)` : `substr(${row}."${column}", 1, 4)`;
  return `coalesce(${year}, '${ANY_YEAR}')`;
}

/** True for an activity table (its rows have a placement year; its commits move its years' counters). */
export function hasPlacement(table: string): boolean {
  return ACTIVITY_KINDS.some((k) => ACTIVITY_TABLES[k] === table);
}

/** The placement column of an activity table, or null for any other table. */
function placementOf(table: string): { column: string; isYear: boolean } | null {
  const kind = ACTIVITY_KINDS.find((k) => ACTIVITY_TABLES[k] === table);
  if (kind === undefined) return null;
  const info = ACTIVITY_KIND_INFO[kind];
  return { column: snake(info.placement), isYear: info.placement === 'year' };
}

/** The name every placement trigger starts with (its INSERT trigger: `${PLACEMENT_TRIGGER}${table}_I`). */
export const PLACEMENT_TRIGGER = 'placement_touch_';

/**
 * The statement that notes, by set, the years of rows just inserted into `table` (their keys as one
 * JSON array, its only parameter), as the INSERT trigger notes them row by row; null for a table
 * without placement triggers. audit.repo.ts insertNotedBySet lifts that trigger for one write.
 */
export function placementBySetSql(table: string): string | null {
  const placement = placementOf(table);
  if (placement === null) return null;
  return `INSERT INTO ${YEARS_TABLE} (tbl, year)
    SELECT DISTINCT '${table}', ${yearExpr('r', placement.column, placement.isYear)}
    FROM main."${table}" AS r WHERE r.id IN (SELECT value FROM json_each(?))
    ON CONFLICT (tbl, year) DO NOTHING`;
}

/**
 * The statement that notes years given as one JSON array (its only parameter) for `table`: what
 * placementBySetSql notes when the caller already holds the rows' years (placementYearsOf) and need
 * not read the rows back by key (saveMany's 5.000 rows: 5–13 ms of lookups; docs/decisions-h21-writes.md).
 */
export function placementYearsSql(table: string): string {
  return `INSERT INTO ${YEARS_TABLE} (tbl, year)
    SELECT '${table.replace(/'/g, "''")}', value FROM json_each(?) WHERE true
    ON CONFLICT (tbl, year) DO NOTHING`;
}

/**
 * The distinct placement years of records about to be inserted into `table` (the values bound, each
 * record's placement field), as yearExpr computes them from the stored row: a date's first four
 * characters, an awards' year as text, ANY_YEAR for none; null for a table without placement or a
 * value of another type (then read back by key).
 */
export function placementYearsOf(table: string, records: readonly Readonly<Record<string, unknown>>[]): string[] | null {
  const kind = ACTIVITY_KINDS.find((k) => ACTIVITY_TABLES[k] === table);
  if (kind === undefined) return null;
  const field = ACTIVITY_KIND_INFO[kind].placement;
  const years = new Set<string>();
  for (const r of records) {
    const v = r[field];
    if (v === null || v === undefined) years.add(ANY_YEAR);
    else if (field === 'year' && typeof v === 'number' && Number.isInteger(v)) years.add(String(v));
    else if (field !== 'year' && typeof v === 'string') years.add(v.slice(0, 4));
    // Any other value (not what the contract gives): the caller reads the years back by key.
    else return null;
  }
  return [...years];
}

/** Creates the temp table and the triggers on each activity table of this connection; returns the tables watched. */
export function installPlacementTriggers(raw: BetterSqlite3.Database): number {
  raw.exec(`CREATE TEMP TABLE IF NOT EXISTS placement_touch (
    tbl TEXT NOT NULL, year TEXT NOT NULL, PRIMARY KEY (tbl, year)) WITHOUT ROWID`);
  const present = new Set(
    (raw.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  let watched = 0;
  for (const kind of ACTIVITY_KINDS) {
    const table = ACTIVITY_TABLES[kind];
    if (!present.has(table)) continue;
    const { column, isYear } = placementOf(table)!;
    const note = (row: 'NEW' | 'OLD') =>
      `INSERT INTO ${YEARS_TABLE} (tbl, year) VALUES ('${table}', ${yearExpr(row, column, isYear)}) ON CONFLICT (tbl, year) DO NOTHING;`;
    for (const [op, event, rows] of [
      ['I', 'INSERT', ['NEW']],
      ['U', 'UPDATE', ['OLD', 'NEW']],
      ['D', 'DELETE', ['OLD']],
    ] as const) {
      raw.exec(`CREATE TEMP TRIGGER IF NOT EXISTS "${PLACEMENT_TRIGGER}${table}_${op}" AFTER ${event} ON main."${table}" BEGIN
        ${rows.map(note).join('\n        ')}
      END`);
    }
    watched++;
  }
  return watched;
}

/** The years each activity table's rows were placed in, before or after the changes of the open transaction. */
export function readTouchedYears(raw: BetterSqlite3.Database): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of raw.prepare(`SELECT tbl, year FROM ${YEARS_TABLE}`).all() as { tbl: string; year: string }[]) {
    const list = out.get(r.tbl) ?? [];
    list.push(r.year);
    out.set(r.tbl, list);
  }
  return out;
}

export function clearTouchedYears(raw: BetterSqlite3.Database): void {
  raw.prepare(`DELETE FROM ${YEARS_TABLE}`).run();
}
