/**
 * 0014_package_units: the unit list of a province package is applied at an office, and a package
 * is made in recoverable steps (issue 12 item 9). Frozen once shipped; add a new migration instead.
 *
 * - handoff_packages.state: a package made at the province is recorded as 'pending' (its sequence
 *   taken inside the write transaction, unique per province) before its file is written and the key
 *   switched, and marked 'done' after; a row left 'pending' by a crash is finished ('done') or given
 *   up ('abandoned', the sequence never reused) by the next make. Applied packages are 'done'.
 * - handoff_packages.path: where a made package was written (to find it again after a crash).
 * - handoff_package_units (at an office): for each office unit matched to a province unit, the
 *   province unit's id and what the last package applied said about it (name, kind, code, end):
 *   the id matches the unit again after the province changed its code, and the values are the base
 *   of the three-way comparison (the office changed it since / the province changed it since).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE handoff_packages ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('pending', 'done', 'abandoned'))`.execute(
    db,
  );
  await sql`ALTER TABLE handoff_packages ADD COLUMN path TEXT`.execute(db);
  await sql`
    CREATE TABLE handoff_package_units (
      unit_id TEXT PRIMARY KEY NOT NULL REFERENCES units(id),
      province_code TEXT NOT NULL,
      province_unit_id TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      code TEXT NOT NULL,
      valid_to TEXT,
      package_id TEXT NOT NULL REFERENCES handoff_packages(id),
      updated_at TEXT NOT NULL,
      UNIQUE (province_code, province_unit_id)
    ) STRICT`.execute(db);
}
