/**
 * A cheap "has anything been written since?" mark for the database: the rows this connection has
 * changed so far (total_changes()) and SQLite's data_version (bumped by writes from any other
 * connection). Equal stamps taken at two moments mean no row changed in between, so work checked
 * against the data at the first moment still holds at the second (the Excel import checks a file
 * outside its write transaction, in slices, and writes it only if the stamp did not move).
 */
import { sql } from 'kysely';
import type { Db } from './units.repo';

export async function dataStamp(db: Db): Promise<string> {
  const changes = await sql<{ c: number }>`SELECT total_changes() AS c`.execute(db);
  const version = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return `${changes.rows[0]?.c ?? -1}:${version.rows[0]?.data_version ?? -1}`;
}
