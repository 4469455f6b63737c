/**
 * 0007_evaluation: the yearly evaluation of residential areas, communes and organisations
 * (issue 5): registration and workflow per subject and year, the officer's attestations, overrides
 * and recorded figures, the history of every change, and the frozen results of a year.
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * A subject is a units.id or an organizations.id (subject_type says which): no foreign key can span
 * both, so the service checks the subject exists before writing. Enum lists in CHECKs are copies,
 * not imports (a migration keeps meaning what it meant when it ran).
 *
 * Frozen results are stored as the sealed JSON of shared/domain/criteria/freeze.ts with their hash
 * next to it; nothing updates them (an unfreeze only closes the freeze row), so a later edit of a
 * record or rule set can never reach them, and a row altered outside the app is detected on read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE evaluation_registrations (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      status TEXT NOT NULL CHECK (status IN ('da_dang_ky', 'tu_danh_gia', 'de_nghi', 'tham_dinh', 'cong_nhan', 'khong_cong_nhan')),
      registered_on TEXT NOT NULL CHECK (registered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      resolution_number TEXT,
      resolution_date TEXT CHECK (resolution_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      resolution_form TEXT CHECK (resolution_form IN ('chuyen_de_rieng', 'long_ghep')),
      plan_number TEXT,
      plan_date TEXT CHECK (plan_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      households_registered INTEGER CHECK (households_registered >= 0),
      staff_briefed INTEGER CHECK (staff_briefed >= 0),
      staff_total INTEGER CHECK (staff_total >= 0),
      departments_good INTEGER CHECK (departments_good >= 0),
      departments_total INTEGER CHECK (departments_total >= 0),
      note TEXT,
      self_assessed_on TEXT,
      self_assessment_chair TEXT,
      proposal_number TEXT,
      proposed_on TEXT,
      appraised_on TEXT,
      appraised_by TEXT,
      decision TEXT CHECK (decision IN ('cong_nhan', 'khong_cong_nhan')),
      decision_number TEXT,
      decided_on TEXT,
      decision_signer TEXT,
      decision_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (staff_briefed IS NULL OR staff_total IS NULL OR staff_briefed <= staff_total),
      CHECK (departments_good IS NULL OR departments_total IS NULL OR departments_good <= departments_total),
      CHECK ((decision IS NULL) = (status NOT IN ('cong_nhan', 'khong_cong_nhan')))
    ) STRICT`.execute(db);
  // One live registration per subject and year; an undone registration keeps its row (tombstone).
  await sql`
    CREATE UNIQUE INDEX evaluation_registrations_key
      ON evaluation_registrations(subject_type, subject_id, year) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX evaluation_registrations_year ON evaluation_registrations(year, status)`.execute(db);

  await sql`
    CREATE TABLE evaluation_attestations (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      rule_id TEXT NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 64),
      value INTEGER NOT NULL CHECK (value IN (0, 1)),
      attested_by TEXT NOT NULL CHECK (length(trim(attested_by)) > 0),
      attested_on TEXT NOT NULL CHECK (attested_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (subject_type, subject_id, year, rule_id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX evaluation_attestations_year ON evaluation_attestations(year)`.execute(db);

  await sql`
    CREATE TABLE evaluation_overrides (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      rule_id TEXT NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 64),
      verdict TEXT NOT NULL CHECK (verdict IN ('dat', 'khong_dat', 'khong_ap_dung')),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
      decided_on TEXT NOT NULL CHECK (decided_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (subject_type, subject_id, year, rule_id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX evaluation_overrides_year ON evaluation_overrides(year)`.execute(db);

  await sql`
    CREATE TABLE evaluation_figures (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      stats_complete INTEGER NOT NULL CHECK (stats_complete IN (0, 1)),
      ky_luat_luc_luong_bao_ve INTEGER CHECK (ky_luat_luc_luong_bao_ve >= 0),
      ky_luat_can_bo INTEGER CHECK (ky_luat_can_bo >= 0),
      pham_toi_trong_truong INTEGER CHECK (pham_toi_trong_truong >= 0),
      te_nan_trong_truong INTEGER CHECK (te_nan_trong_truong >= 0),
      security_force_level TEXT CHECK (security_force_level IN ('hoan_thanh_xuat_sac_nhiem_vu', 'hoan_thanh_tot_nhiem_vu',
        'hoan_thanh_nhiem_vu', 'khong_hoan_thanh_nhiem_vu')),
      security_force_titles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(security_force_titles) AND json_type(security_force_titles) = 'array'),
      security_force_eligible_for_titles INTEGER CHECK (security_force_eligible_for_titles IN (0, 1)),
      recorded_by TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
      recorded_on TEXT NOT NULL CHECK (recorded_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (subject_type, subject_id, year)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE evaluation_history (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      at TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('register', 'update_registration', 'advance', 'undo', 'attest', 'clear_attest',
        'override', 'clear_override', 'figures')),
      summary TEXT NOT NULL,
      done_by TEXT,
      reason TEXT,
      data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
    ) STRICT`.execute(db);
  await sql`CREATE INDEX evaluation_history_subject ON evaluation_history(subject_type, subject_id, year, at)`.execute(db);

  // One row per freezing of a year; the open one (unfrozen_at NULL) is the year's current freeze.
  await sql`
    CREATE TABLE evaluation_freezes (
      id TEXT PRIMARY KEY NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      frozen_at TEXT NOT NULL,
      frozen_by TEXT NOT NULL CHECK (length(trim(frozen_by)) > 0),
      note TEXT,
      subjects INTEGER NOT NULL CHECK (subjects >= 0),
      unfrozen_at TEXT,
      unfrozen_by TEXT,
      unfreeze_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((unfrozen_at IS NULL) = (unfrozen_by IS NULL) AND (unfrozen_at IS NULL) = (unfreeze_reason IS NULL))
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX evaluation_freezes_open ON evaluation_freezes(year) WHERE unfrozen_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE evaluation_frozen_results (
      id TEXT PRIMARY KEY NOT NULL,
      freeze_id TEXT NOT NULL REFERENCES evaluation_freezes(id),
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      overall TEXT NOT NULL CHECK (overall IN ('dat', 'chua_dat', 'thieu_du_lieu')),
      content TEXT NOT NULL,
      hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (freeze_id, subject_type, subject_id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX evaluation_frozen_results_year ON evaluation_frozen_results(year)`.execute(db);
}
