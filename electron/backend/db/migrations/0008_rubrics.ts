/**
 * 0008_rubrics: what the office adds to the criteria engine (issue 5): the rule-set and rubric
 * files it imported from its province, the evaluation settings of domain.md §5.6, and the point
 * scores (self-score and reviewed score) of each unit or organisation under a rubric.
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * Imported files are kept as the bytes that were imported (BLOB), so an export gives back exactly
 * the file the province sent; the parsed columns next to them are only for listing and lookups.
 * Shipped files live in resources/rulesets/ and are never copied here.
 *
 * Scores keep the inputs per item (JSON), not the total or the class: those come from the rubric
 * each time, so a province's new rubric version changes the classes without touching the scores.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rule_set_files (
      id TEXT PRIMARY KEY NOT NULL,
      rule_set_id TEXT NOT NULL CHECK (length(rule_set_id) BETWEEN 1 AND 64),
      version TEXT NOT NULL CHECK (version GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      name TEXT NOT NULL,
      hash TEXT NOT NULL,
      file_name TEXT NOT NULL,
      content BLOB NOT NULL,
      imported_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (rule_set_id, version)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE rubric_files (
      id TEXT PRIMARY KEY NOT NULL,
      rubric_id TEXT NOT NULL CHECK (length(rubric_id) BETWEEN 1 AND 64),
      version TEXT NOT NULL CHECK (version GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      name TEXT NOT NULL,
      hash TEXT NOT NULL,
      file_name TEXT NOT NULL,
      content BLOB NOT NULL,
      imported_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (rubric_id, version)
    ) STRICT`.execute(db);

  // One row: the office's answers to the open questions of domain.md §5.6. No row = the defaults.
  await sql`
    CREATE TABLE evaluation_settings (
      id TEXT PRIMARY KEY NOT NULL,
      singleton INTEGER NOT NULL UNIQUE CHECK (singleton = 1),
      reduced_means TEXT NOT NULL CHECK (reduced_means IN ('lte', 'lt')),
      subunit_pool TEXT NOT NULL CHECK (subunit_pool IN ('pooled', 'per_category')),
      updated_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  // subject_id is a units.id or an organizations.id (subject_type says which): no foreign key can
  // span both, so the service checks the subject exists before writing.
  await sql`
    CREATE TABLE rubric_scores (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      rubric_id TEXT NOT NULL,
      rubric_version TEXT NOT NULL,
      rubric_hash TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('tu_cham', 'tham_dinh')),
      inputs TEXT NOT NULL CHECK (json_valid(inputs) AND json_type(inputs) = 'object'),
      scored_by TEXT NOT NULL CHECK (length(trim(scored_by)) > 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (subject_id, year, rubric_id, kind)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX rubric_scores_year_rubric ON rubric_scores(year, rubric_id)`.execute(db);
}
