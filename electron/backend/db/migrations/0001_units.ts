/**
 * 0001: the office and its unit tree. Frozen: never edit a migration that has shipped; add one.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE units (
      id TEXT PRIMARY KEY NOT NULL,
      parent_id TEXT REFERENCES units(id),
      level TEXT NOT NULL CHECK (level IN ('tinh', 'huyen', 'xa', 'khu_dan_cu')),
      kind TEXT NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL,
      code TEXT,
      valid_from TEXT,
      valid_to TEXT,
      end_reason TEXT,
      source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('catalogue', 'manual')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
      CHECK (parent_id IS NULL OR parent_id <> id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX units_parent ON units(parent_id)`.execute(db);
  // Official codes are unique among the live children of one parent (the root has parent NULL).
  await sql`
    CREATE UNIQUE INDEX units_code_per_parent
      ON units(ifnull(parent_id, ''), code)
      WHERE code IS NOT NULL AND deleted_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE office (
      id TEXT PRIMARY KEY NOT NULL,
      singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
      level TEXT NOT NULL CHECK (level IN ('tinh', 'huyen', 'xa')),
      era TEXT NOT NULL CHECK (era IN ('truoc_2025', 'sau_2025')),
      name TEXT NOT NULL,
      code TEXT NOT NULL,
      province_code TEXT NOT NULL,
      root_unit_id TEXT NOT NULL REFERENCES units(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE unit_changes (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      at TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'move', 'end', 'reopen', 'delete')),
      summary TEXT NOT NULL,
      reason TEXT,
      data TEXT NOT NULL DEFAULT '{}'
    ) STRICT`.execute(db);
  await sql`CREATE INDEX unit_changes_unit ON unit_changes(unit_id, at)`.execute(db);
}
