/**
 * 0010_evaluation_seal: the sealed ledger of freezes and unfreezes (issue 10 items 5–6).
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * Each entry records one freeze (with the MAC of every frozen row it covers and the freeze record
 * itself) or one unfreeze, chained by keyed MACs (electron/backend/seal/). A migration has no key
 * (the key lives outside the database), so every year frozen before this version gets a 'legacy'
 * entry without a MAC; the app seals it under its key the first time it needs the seal, after
 * checking the old FNV-1a hashes (rows whose hash no longer matches stay "không xác định"). Once
 * any entry carries a MAC, an entry without one is a forgery, never adopted.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE evaluation_seal_ledger (
      seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
      id TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      event TEXT NOT NULL CHECK (event IN ('freeze', 'unfreeze', 'legacy')),
      freeze_id TEXT NOT NULL,
      at TEXT NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      mac TEXT CHECK ((mac IS NULL) = (event = 'legacy')),
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX evaluation_seal_ledger_year ON evaluation_seal_ledger(year, seq)`.execute(db);

  const open = await sql<{ id: string; year: number; frozen_at: string }>`
    SELECT id, year, frozen_at FROM evaluation_freezes WHERE unfrozen_at IS NULL ORDER BY frozen_at, rowid`.execute(db);
  let seq = 0;
  for (const f of open.rows) {
    seq += 1;
    await sql`
      INSERT INTO evaluation_seal_ledger (seq, id, year, event, freeze_id, at, body, mac, created_at)
      VALUES (${seq}, ${`legacy-${f.id}`}, ${f.year}, 'legacy', ${f.id}, ${f.frozen_at}, '{}', NULL, ${f.frozen_at})`.execute(db);
  }
}
