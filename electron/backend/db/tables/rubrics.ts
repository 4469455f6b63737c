/** Row types of the rubrics tables (see migrations/0008_rubrics.ts). */

/** An imported rule-set file, byte-for-byte. */
export interface RuleSetFilesTable {
  id: string;
  rule_set_id: string;
  version: string;
  name: string;
  hash: string;
  file_name: string;
  content: Uint8Array;
  imported_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An imported rubric file, byte-for-byte. */
export interface RubricFilesTable {
  id: string;
  rubric_id: string;
  version: string;
  name: string;
  hash: string;
  file_name: string;
  content: Uint8Array;
  imported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationSettingsTable {
  id: string;
  singleton: number;
  reduced_means: string;
  subunit_pool: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RubricScoresTable {
  id: string;
  subject_type: 'unit' | 'organization';
  subject_id: string;
  year: number;
  rubric_id: string;
  rubric_version: string;
  rubric_hash: string;
  kind: 'tu_cham' | 'tham_dinh';
  /** JSON object: item id → number | boolean | 'khong_ap_dung'. */
  inputs: string;
  scored_by: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface RubricTables {
  rule_set_files: RuleSetFilesTable;
  rubric_files: RubricFilesTable;
  evaluation_settings: EvaluationSettingsTable;
  rubric_scores: RubricScoresTable;
}
