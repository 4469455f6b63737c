/**
 * 0002_unit_history: units across time (issue 3). Frozen once shipped; never edit a migration that
 * has shipped, add a new one.
 *
 * - unit_attributes: per-unit values the core units row does not hold (kept apart so the core
 *   row keeps its shape): area_type nông thôn / đô thị (nullable: not decided yet), and code_era,
 *   the catalogue the unit's official code belongs to (codes are reused across eras with another
 *   meaning; no row or NULL = the office's era at set-up). The guided 2025 step writes
 *   'sau_2025' on the communes it creates or keeps, so it never proposes them again.
 * - unit_year_stats: households, residents and the "xã trọng điểm, phức tạp về ANTT" flag per unit
 *   per year (natural key unit + year).
 * - unit_parents / unit_names: closed past intervals of a unit's parent and label. The units row
 *   keeps the current value, so units that never changed have no history rows.
 * - unit_lineage: predecessor → successor links written by merges and splits, grouped by event.
 * - Official codes become unique among the *active* children of a parent instead of among all
 *   live ones: the 2025 reform reused old codes for different new communes (new Xã Gia Hưng has
 *   14482, which was old Xã Gia Phú's code), and both sit under the same parent in an office's
 *   records. Overlapping periods are refused by the service.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE unit_attributes (
      unit_id TEXT PRIMARY KEY NOT NULL REFERENCES units(id),
      area_type TEXT CHECK (area_type IN ('nong_thon', 'do_thi')),
      code_era TEXT CHECK (code_era IN ('truoc_2025', 'sau_2025')),
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`DROP INDEX units_code_per_parent`.execute(db);
  await sql`
    CREATE UNIQUE INDEX units_code_per_parent_active
      ON units(ifnull(parent_id, ''), code)
      WHERE code IS NOT NULL AND deleted_at IS NULL AND valid_to IS NULL`.execute(db);

  await sql`
    CREATE TABLE unit_year_stats (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      households INTEGER CHECK (households IS NULL OR households >= 0),
      residents INTEGER CHECK (residents IS NULL OR residents >= 0),
      trong_diem INTEGER NOT NULL DEFAULT 0 CHECK (trong_diem IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (households IS NULL OR residents IS NULL OR residents >= households)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX unit_year_stats_key ON unit_year_stats(unit_id, year)`.execute(db);
  await sql`CREATE INDEX unit_year_stats_year ON unit_year_stats(year)`.execute(db);

  await sql`
    CREATE TABLE unit_parents (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      parent_id TEXT NOT NULL REFERENCES units(id),
      valid_from TEXT,
      valid_to TEXT NOT NULL,
      created_at TEXT NOT NULL,
      CHECK (valid_from IS NULL OR valid_to >= valid_from),
      CHECK (parent_id <> unit_id)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX unit_parents_key ON unit_parents(unit_id, valid_to)`.execute(db);

  await sql`
    CREATE TABLE unit_names (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      kind TEXT NOT NULL,
      code TEXT,
      valid_from TEXT,
      valid_to TEXT NOT NULL,
      created_at TEXT NOT NULL,
      CHECK (valid_from IS NULL OR valid_to >= valid_from)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX unit_names_key ON unit_names(unit_id, valid_to)`.execute(db);

  await sql`
    CREATE TABLE unit_lineage (
      id TEXT PRIMARY KEY NOT NULL,
      event_id TEXT NOT NULL,
      predecessor_id TEXT NOT NULL REFERENCES units(id),
      successor_id TEXT NOT NULL REFERENCES units(id),
      effective_date TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
      is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
      note TEXT,
      created_at TEXT NOT NULL,
      CHECK (predecessor_id <> successor_id)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX unit_lineage_pair ON unit_lineage(predecessor_id, successor_id)`.execute(db);
  // Figures follow exactly one link per predecessor: never counted twice.
  await sql`CREATE UNIQUE INDEX unit_lineage_primary ON unit_lineage(predecessor_id) WHERE is_primary = 1`.execute(db);
  await sql`CREATE INDEX unit_lineage_successor ON unit_lineage(successor_id)`.execute(db);
  await sql`CREATE INDEX unit_lineage_event ON unit_lineage(event_id)`.execute(db);
}
