/**
 * 0015_reports: the office's own reports (issue 13 item 2) and the header fields it keeps for them.
 * Frozen once shipped; never edit a migration that has shipped.
 *
 * - report_settings: one row, the Decree 30 header and closing fields of the office (issuing body
 *   and its parent, symbol, place, signer, "Kính gửi", "Nơi nhận") as JSON; copied into each new
 *   report, where they stay editable while the report is a draft.
 * - reports: a report of a kind for a period and a part of the territory (null = the whole office).
 *   The written sections and the edited sentences are JSON keyed by stable keys
 *   (shared/domain/report/report.ts); an edited sentence keeps the generated text it was edited
 *   from, so a later change in the data is detected and shown beside it. Issuing freezes the
 *   document and the figures it was built from (JSON) with the audit-chain head when one exists.
 *   A draft may be deleted (a plain delete: reports never leave the office, see the registry).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE report_settings (
      id TEXT PRIMARY KEY NOT NULL,
      singleton INTEGER NOT NULL UNIQUE CHECK (singleton = 1),
      header_json TEXT NOT NULL CHECK (json_valid(header_json)),
      updated_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE reports (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('tong_ket_nam', 'so_ket_6_thang', 'chuyen_de')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      period_from TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      period_to TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND period_to >= period_from),
      unit_id TEXT REFERENCES units(id),
      status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
      sections_json TEXT NOT NULL CHECK (json_valid(sections_json)),
      edits_json TEXT NOT NULL CHECK (json_valid(edits_json)),
      header_json TEXT NOT NULL CHECK (json_valid(header_json)),
      document_number TEXT,
      document_date TEXT CHECK (document_date IS NULL OR document_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      document_json TEXT CHECK (document_json IS NULL OR json_valid(document_json)),
      figures_json TEXT CHECK (figures_json IS NULL OR json_valid(figures_json)),
      chain_head TEXT,
      issued_at TEXT,
      issued_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((status = 'issued') = (document_json IS NOT NULL AND figures_json IS NOT NULL AND issued_at IS NOT NULL AND document_date IS NOT NULL))
    ) STRICT`.execute(db);
  await sql`CREATE INDEX reports_unit ON reports(unit_id)`.execute(db);
}
