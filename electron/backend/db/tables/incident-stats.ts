/** Row types of the incident statistics' completeness declarations (migration 0009). */

export interface IncidentStatsDeclarationsTable {
  id: string;
  subject_type: string;
  subject_id: string;
  year: number;
  /** A completeness group of shared/domain/incident-categories.ts. */
  group_code: string;
  declared_by: string;
  declared_on: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface IncidentStatsTables {
  incident_stats_declarations: IncidentStatsDeclarationsTable;
}
