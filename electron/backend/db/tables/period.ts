/** Row types of the period tables (see migrations/0011_period.ts). */

export interface PeriodSettingsTable {
  id: string;
  singleton: number;
  stat_year_start: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentCategorySettingsTable {
  category: string;
  grave: number;
  crime_field: string | null;
  created_at: string;
  updated_at: string;
}

export interface LeadershipDocumentsTable {
  id: string;
  unit_id: string;
  issued_on: string;
  doc_type: string;
  number: string;
  title: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PeriodTables {
  period_settings: PeriodSettingsTable;
  incident_category_settings: IncidentCategorySettingsTable;
  leadership_documents: LeadershipDocumentsTable;
}
