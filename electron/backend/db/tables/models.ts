/** Row types of the models feature's tables (see migrations/0004_models.ts). */

export interface ModelTypesTable {
  id: string;
  name: string;
  /** foldVietnamese(name): uniqueness and search ignore case and diacritics. */
  name_folded: string;
  /** A ModelGroup value ("group" is an SQL keyword). */
  category: string;
  active: number;
  /** 1 for the starter types shipped with the app (fixed ids shared by every office). */
  builtin: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ModelsTable {
  id: string;
  name: string;
  name_folded: string;
  type_id: string;
  origin_unit_id: string;
  origin_level: string;
  founded_on: string;
  /** The last entry of model_events, kept here for filtering. */
  status: string;
  retired_on: string | null;
  retire_reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ModelEventsTable {
  id: string;
  model_id: string;
  /** 1, 2, 3... in the order the steps were recorded. */
  seq: number;
  status: string;
  on_date: string;
  note: string | null;
  created_at: string;
}

export interface ModelRatingsTable {
  id: string;
  model_id: string;
  year: number;
  rating: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModelRecognitionsTable {
  id: string;
  model_id: string;
  recognised_by: string;
  decision_number: string | null;
  recognised_on: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ModelSitesTable {
  id: string;
  model_id: string;
  unit_id: string;
  /** The agency, enterprise or school the site is in, as text (kept for display and for places not in the registry). */
  organization_name: string | null;
  /** The organisation record the site is in (0009); what the evaluation's facts read. */
  organization_id: string | null;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  teams: number;
  members: number;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A status step taken back (0018): what the step was and when it was undone. */
export interface ModelStatusUndosTable {
  id: string;
  model_id: string;
  seq: number;
  status: string;
  on_date: string;
  note: string | null;
  /** When the step had been recorded (its model_events.created_at). */
  recorded_at: string;
  undone_at: string;
}

export interface ModelTables {
  model_types: ModelTypesTable;
  models: ModelsTable;
  model_events: ModelEventsTable;
  model_ratings: ModelRatingsTable;
  model_recognitions: ModelRecognitionsTable;
  model_sites: ModelSitesTable;
  model_status_undos: ModelStatusUndosTable;
}
