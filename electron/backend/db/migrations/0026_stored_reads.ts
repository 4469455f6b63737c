/**
 * 0026_stored_reads (issue 16): figures computed once are kept in the file, so the first look at a
 * screen after the app starts again reads them instead of computing them (db/stored-reads.ts).
 *
 * - `table_versions`: one counter per table, moved in the same transaction as every commit that
 *   writes the table (the audit hook, audit/recorder.ts). A rollback takes the move back with the
 *   rows; a backup or a restore carries the counters with the rows they count.
 * - `stored_reads`: a computed value (JSON) under its name and arguments, with the counters of the
 *   tables it was computed from. It is served only while those counters are unchanged and it was
 *   computed by the same build of the app (`code`).
 *
 * Neither table holds the office's data: both are left out of the audit log's touch triggers and of
 * the hand-off (table registry: handoff 'never'). Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE table_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE TABLE stored_reads (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    args TEXT NOT NULL,
    code TEXT NOT NULL,
    tables_key TEXT NOT NULL,
    value TEXT NOT NULL,
    used_at INTEGER NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX stored_reads_key ON stored_reads (name, args)`.execute(db);
}
