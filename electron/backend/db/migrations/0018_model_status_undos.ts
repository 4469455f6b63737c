/**
 * 0018_model_status_undos: a status step of a model recorded by mistake can be undone (issue 14,
 * item 9). The step leaves the model's log (model_events keeps only steps that happened, so the
 * counting and the hand-off see the model as it is) and is kept here with the time it was undone,
 * so the office can still see what was entered and taken back. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE model_status_undos (
      id TEXT PRIMARY KEY NOT NULL,
      model_id TEXT NOT NULL REFERENCES models(id),
      seq INTEGER NOT NULL CHECK (seq >= 2),
      status TEXT NOT NULL,
      on_date TEXT NOT NULL,
      note TEXT,
      recorded_at TEXT NOT NULL,
      undone_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX model_status_undos_model ON model_status_undos (model_id)`.execute(db);
}
