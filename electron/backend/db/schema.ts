/**
 * Row types of the database as Kysely sees them: the list of every feature's tables, each kept in
 * db/tables/<feature>.ts. Rows are mapped to contract/domain types at the repository edge; nothing
 * above the repositories sees snake_case.
 */
import type { UnitTables } from './tables/units';
import type { UnitHistoryTables } from './tables/unit-history';
import type { OrganizationTables } from './tables/organizations';
import type { ModelTables } from './tables/models';
import type { MassOrgTables } from './tables/mass-orgs';
import type { ActivityTables } from './tables/activities';
import type { EvaluationTables } from './tables/evaluation';
import type { RubricTables } from './tables/rubrics';
import type { PeriodTables } from './tables/period';
import type { IncidentStatsTables } from './tables/incident-stats';
import type { HandoffTables } from './tables/handoff';
import type { ReportTables } from './tables/reports';
import type { SlidesTables } from './tables/slides';
import type { AccountTables } from './tables/accounts';
import type { AuditTables } from './tables/audit';

export type { OfficeTable, UnitChangesTable, UnitsTable } from './tables/units';

/** All tables. */
export interface Database
  extends
    UnitTables,
    UnitHistoryTables,
    OrganizationTables,
    ModelTables,
    MassOrgTables,
    ActivityTables,
    EvaluationTables,
    RubricTables,
    PeriodTables,
    IncidentStatsTables,
    HandoffTables,
    ReportTables,
    SlidesTables,
    AccountTables,
    AuditTables {}
