/**
 * 0011_period: what the office decides for its period figures and the leadership documents it
 * records (issue 9 items 11–13). Frozen once shipped; never edit a migration that has shipped.
 *
 * - period_settings: one row, the first day ("MM-DD") of the statistical year; no row = 01-01, the
 *   calendar year (domain.md §8.1: the police's 15/12 year is unconfirmed).
 * - incident_category_settings: per crime category, whether the office counts it as "trọng án" and
 *   the field of crime it counts under; no row = the shipped default (shared/domain/period/incident-rules.ts).
 * - leadership_documents: resolutions, directives, programmes and plans issued, per unit and date.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE period_settings (
      id TEXT PRIMARY KEY NOT NULL,
      singleton INTEGER NOT NULL UNIQUE CHECK (singleton = 1),
      stat_year_start TEXT NOT NULL CHECK (stat_year_start GLOB '[0-1][0-9]-[0-3][0-9]'),
      updated_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE incident_category_settings (
      category TEXT PRIMARY KEY NOT NULL CHECK (category IN (
        'toi_pham_it_nghiem_trong', 'toi_pham_nghiem_trong', 'toi_pham_rat_nghiem_trong', 'toi_pham_dac_biet_nghiem_trong')),
      grave INTEGER NOT NULL CHECK (grave IN (0, 1)),
      crime_field TEXT CHECK (crime_field IN ('trat_tu_xa_hoi', 'kinh_te', 'ma_tuy', 'moi_truong')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE leadership_documents (
      id TEXT PRIMARY KEY NOT NULL,
      unit_id TEXT NOT NULL REFERENCES units(id),
      issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      doc_type TEXT NOT NULL CHECK (doc_type IN ('nghi_quyet', 'chi_thi', 'chuong_trinh', 'ke_hoach', 'khac')),
      number TEXT NOT NULL CHECK (length(trim(number)) > 0),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX leadership_documents_issued ON leadership_documents(issued_on)`.execute(db);
  await sql`CREATE INDEX leadership_documents_unit ON leadership_documents(unit_id)`.execute(db);
}
