/** Row types of the organizations feature's table (see migrations/0003_organizations.ts). */

export interface OrganizationsTable {
  id: string;
  name: string;
  /** foldVietnamese(name + ' ' + tax code): what diacritic-free search matches against. */
  name_folded: string;
  kind: string;
  sub_kind: string;
  /** 0/1 booleans (STRICT tables have no boolean type). */
  is_armed_forces: number;
  unit_id: string;
  managing_level: string;
  bca_monitored: number;
  has_party_org: number;
  has_security_force: number;
  sub_unit_count: number | null;
  sector_group: string | null;
  insured_employees: number | null;
  revenue_billion: number | null;
  capital_billion: number | null;
  tax_code: string | null;
  address: string | null;
  valid_from: string | null;
  valid_to: string | null;
  end_reason: string | null;
  created_at: string;
  updated_at: string;
  /** Tombstone for records entered by mistake; the row stays so the province can learn of it. */
  deleted_at: string | null;
}

export interface OrganizationTables {
  organizations: OrganizationsTable;
}
