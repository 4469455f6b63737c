/**
 * 0024_period_indexes (issue 16): indexes the period figures and the overview read through,
 * each chosen from the plan SQLite made without it (docs/decisions.md (h16-period) quotes both plans).
 *
 * - `<table>_live_<placement>`: the live records of an activity table by placement date (with the
 *   unit, so a count per unit never visits the table). Before, every query with
 *   `deleted_at IS NULL AND <date> BETWEEN …` walked `<table>_deleted (deleted_at=?)`, that is
 *   every live record of the table whatever the period.
 * - `<table>_deleted` becomes partial (`WHERE deleted_at IS NOT NULL`): it serves the deleted-records
 *   list only, and no longer lures the planner into the scan above.
 * - `mass_org_members_live_org`: the live members of an organisation with their dates, so the
 *   count of an organisation's members in a year reads the index alone.
 *
 * Indexes only: no row changes. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

/** Activity table → the column that places its records in a period (ACTIVITY_KIND_INFO.placement). */
const PLACEMENT: readonly (readonly [table: string, column: string])[] = [
  ['propaganda_sessions', 'date'],
  ['activity_events', 'date'],
  ['tips', 'received_on'],
  ['mediations', 'received_on'],
  ['incidents', 'occurred_on'],
  ['awards', 'year'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of PLACEMENT) {
    await sql`DROP INDEX ${sql.id(`${table}_deleted`)}`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_deleted`)} ON ${sql.id(table)}(deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_live_${column}`)} ON ${sql.id(table)}(${sql.id(column)}, unit_id) WHERE deleted_at IS NULL`.execute(
      db,
    );
  }
  await sql`
    CREATE INDEX mass_org_members_live_org
      ON mass_org_members(mass_org_id, joined_on, left_on) WHERE deleted_at IS NULL`.execute(db);
}
