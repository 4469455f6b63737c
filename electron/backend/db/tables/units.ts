/** Row types of the office and the unit tree (see migrations/0001_units.ts). */
import type { Generated } from 'kysely';

export interface OfficeTable {
  id: string;
  singleton: Generated<number>;
  level: string;
  era: string;
  name: string;
  code: string;
  province_code: string;
  root_unit_id: string;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  level: string;
  kind: string;
  name: string;
  /** foldVietnamese(name + ' ' + code): what diacritic-free search matches against. */
  name_folded: string;
  code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  end_reason: string | null;
  source: string;
  created_at: string;
  updated_at: string;
  /** Tombstone: the row stays so the deletion can later reach the province. */
  deleted_at: string | null;
  /** vietnameseSortKey(name), NULL until computed before the commit (0025, repos/activities.keys.ts). */
  sort_key: Generated<string | null>;
}

export interface UnitChangesTable {
  id: string;
  unit_id: string;
  at: string;
  action: string;
  summary: string;
  reason: string | null;
  /** JSON of the fields before and after, for audit. */
  data: string;
}

export interface UnitTables {
  office: OfficeTable;
  units: UnitsTable;
  unit_changes: UnitChangesTable;
}
