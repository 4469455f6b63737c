/** Row types of the evaluation tables (see migrations/0007_evaluation.ts). Booleans are 0/1. */

export interface EvaluationRegistrationsTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  status: string;
  registered_on: string;
  resolution_number: string | null;
  resolution_date: string | null;
  resolution_form: string | null;
  plan_number: string | null;
  plan_date: string | null;
  households_registered: number | null;
  staff_briefed: number | null;
  staff_total: number | null;
  departments_good: number | null;
  departments_total: number | null;
  note: string | null;
  self_assessed_on: string | null;
  self_assessment_chair: string | null;
  proposal_number: string | null;
  proposed_on: string | null;
  appraised_on: string | null;
  appraised_by: string | null;
  decision: string | null;
  decision_number: string | null;
  decided_on: string | null;
  decision_signer: string | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EvaluationAttestationsTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  rule_id: string;
  value: number;
  attested_by: string;
  attested_on: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EvaluationOverridesTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  rule_id: string;
  verdict: string;
  reason: string;
  decided_by: string;
  decided_on: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EvaluationFiguresTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  stats_complete: number;
  ky_luat_luc_luong_bao_ve: number | null;
  ky_luat_can_bo: number | null;
  pham_toi_trong_truong: number | null;
  te_nan_trong_truong: number | null;
  security_force_level: string | null;
  /** JSON array of emulation title codes. */
  security_force_titles: string;
  security_force_eligible_for_titles: number | null;
  recorded_by: string;
  recorded_on: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationHistoryTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  at: string;
  action: string;
  summary: string;
  done_by: string | null;
  reason: string | null;
  data: string;
}

export interface EvaluationFreezesTable {
  id: string;
  year: number;
  frozen_at: string;
  frozen_by: string;
  note: string | null;
  subjects: number;
  unfrozen_at: string | null;
  unfrozen_by: string | null;
  unfreeze_reason: string | null;
  created_at: string;
  updated_at: string;
  /**
   * Form 1: the criteria texts the freeze's rows refer to, a JSON array (migration 0021); null: rows stored
   * whole. Form 2: the rule sets of the freeze, once, a JSON object (shared/domain/criteria/frozen-v2.ts).
   */
  rule_texts: string | null;
}

export interface EvaluationFrozenResultsTable {
  id: string;
  freeze_id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  overall: string;
  /** Form 1: the FrozenResult as JSON (freeze.ts, its texts as references: frozen-texts.ts); form 2: the sealed inputs and verdicts (frozen-v2.ts). */
  content: string;
  hash: string;
  created_at: string;
}

/** One freeze or unfreeze, MAC-chained (migrations/0010_evaluation_seal.ts). */
export interface EvaluationSealLedgerTable {
  seq: number;
  id: string;
  year: number;
  event: string;
  freeze_id: string;
  at: string;
  /** Canonical JSON of what the entry seals (see services/evaluation-seal.service.ts). */
  body: string;
  /** HMAC-SHA256; null only for a 'legacy' entry written by the migration. */
  mac: string | null;
  created_at: string;
}

export interface EvaluationTables {
  evaluation_registrations: EvaluationRegistrationsTable;
  evaluation_attestations: EvaluationAttestationsTable;
  evaluation_overrides: EvaluationOverridesTable;
  evaluation_figures: EvaluationFiguresTable;
  evaluation_history: EvaluationHistoryTable;
  evaluation_freezes: EvaluationFreezesTable;
  evaluation_frozen_results: EvaluationFrozenResultsTable;
  evaluation_seal_ledger: EvaluationSealLedgerTable;
}
