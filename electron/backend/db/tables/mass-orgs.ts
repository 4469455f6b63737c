/** Row types of the mass-orgs feature's tables (see migrations/0005_mass_orgs.ts). */

export interface MassOrgKindsTable {
  id: string;
  code: string | null;
  name: string;
  name_folded: string;
  rating_scheme: string;
  built_in: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface MassOrgsTable {
  id: string;
  kind_id: string;
  unit_id: string;
  name: string;
  name_folded: string;
  decision_issuer: string | null;
  decision_number: string | null;
  decision_date: string | null;
  valid_from: string;
  valid_to: string | null;
  end_reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MassOrgRatingsTable {
  id: string;
  mass_org_id: string;
  year: number;
  level: string | null;
  not_rated_reason: string | null;
  reason_note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Personal columns are listed in PERSONAL_MEMBER_FIELDS (shared/domain/mass-orgs.ts). */
export interface MassOrgMembersTable {
  id: string;
  mass_org_id: string;
  /** NULL (with the folded and sort forms): not known here, an office's file left it out (0016). */
  full_name: string | null;
  full_name_folded: string | null;
  full_name_sort: string | null;
  /** NULL: not known here (0016). */
  gender: string | null;
  birth_year: number | null;
  ethnicity: string | null;
  phone: string | null;
  role: string;
  joined_on: string;
  left_on: string | null;
  left_reason: string | null;
  left_with_org: number;
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MassOrgMemberRatingsTable {
  id: string;
  member_id: string;
  year: number;
  level: string | null;
  not_rated_reason: string | null;
  reason_note: string | null;
  acting_leader: number;
  newly_transferred: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MassOrgTables {
  mass_org_kinds: MassOrgKindsTable;
  mass_orgs: MassOrgsTable;
  mass_org_ratings: MassOrgRatingsTable;
  mass_org_members: MassOrgMembersTable;
  mass_org_member_ratings: MassOrgMemberRatingsTable;
}
