/** Row types of the report tables (see migrations/0015_reports.ts). */

export interface ReportSettingsTable {
  id: string;
  singleton: number;
  header_json: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  kind: string;
  title: string;
  period_from: string;
  period_to: string;
  unit_id: string | null;
  status: string;
  sections_json: string;
  edits_json: string;
  header_json: string;
  document_number: string | null;
  document_date: string | null;
  document_json: string | null;
  figures_json: string | null;
  chain_head: string | null;
  issued_at: string | null;
  issued_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportTables {
  report_settings: ReportSettingsTable;
  reports: ReportsTable;
}
