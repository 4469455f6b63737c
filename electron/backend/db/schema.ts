/**
 * Row types of the database as Kysely sees them. Rows are mapped to contract/domain types at the
 * repository edge; nothing above the repositories sees snake_case.
 */
import type { Generated } from 'kysely';
import type { UnitHistoryTables } from './tables/unit-history';
import type { OrganizationTables } from './tables/organizations';
import type { ModelTables } from './tables/models';
import type { MassOrgTables } from './tables/mass-orgs';
import type { ActivityTables } from './tables/activities';
import type { EvaluationTables } from './tables/evaluation';
import type { RubricTables } from './tables/rubrics';
import type { PeriodTables } from './tables/period';
import type { IncidentStatsTables } from './tables/incident-stats';

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

interface CoreTables {
  office: OfficeTable;
  units: UnitsTable;
  unit_changes: UnitChangesTable;
}

/** All tables: the core ones here, each feature's in db/tables/<feature>.ts. */
export interface Database
  extends CoreTables,
    UnitHistoryTables,
    OrganizationTables,
    ModelTables,
    MassOrgTables,
    ActivityTables,
    EvaluationTables,
    RubricTables,
    PeriodTables,
    IncidentStatsTables {}
