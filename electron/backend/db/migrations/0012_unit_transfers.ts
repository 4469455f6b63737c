/**
 * 0012_unit_transfers: records moved to a successor when a unit is merged or ended (issue 9
 * item 9). Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * One row per moved record: which table and row, which column held the unit, from which unit to
 * which, and the batch (one merge or end) it was part of, so the officer can undo the batch and
 * put the records back. An undone row keeps its place with undone_at set (the move happened, and
 * the province learns both).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE unit_transfers (
      id TEXT PRIMARY KEY NOT NULL,
      batch_id TEXT NOT NULL,
      table_name TEXT NOT NULL CHECK (table_name IN ('organizations', 'mass_orgs', 'model_sites')),
      row_id TEXT NOT NULL,
      column_name TEXT NOT NULL CHECK (column_name IN ('unit_id')),
      from_unit_id TEXT NOT NULL REFERENCES units(id),
      to_unit_id TEXT NOT NULL REFERENCES units(id),
      effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      at TEXT NOT NULL,
      undone_at TEXT,
      CHECK (from_unit_id <> to_unit_id),
      UNIQUE (batch_id, table_name, row_id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX unit_transfers_from ON unit_transfers(from_unit_id, at)`.execute(db);
  await sql`CREATE INDEX unit_transfers_row ON unit_transfers(table_name, row_id)`.execute(db);
}
