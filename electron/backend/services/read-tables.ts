import { TABLES } from '../../../shared/domain/table-registry';

/**
 * The tables each cached block of the period figures and the overview reads (read-cache.ts
 * `cachedReadOf`): an entry stays valid until a commit writes one of its tables. A block that takes
 * another block's value as an input (the registry block takes the models' world and the frame's
 * units) lists that block's tables too. tests/unit/backend/period-block-tables.test.ts runs every
 * block with a driver that records the tables its queries name and fails on a table read but not
 * listed here.
 */
/** period.frame: the units with their lineage, the office's root, the counting rules. */
export const FRAME_TABLES = ['units', 'unit_lineage', 'office', 'incident_category_settings'];
/** period.reportInputs: leadership documents, Tổ bảo vệ ANTT ratings, Decision 510 classes (rubric scores of units and organisations). */
export const REPORT_INPUT_TABLES = [
  'leadership_documents',
  'mass_orgs',
  'mass_org_ratings',
  'organizations',
  'rubric_files',
  'rubric_scores',
  'units',
  'unit_lineage',
];
/**
 * organizations.file: every live organisation with its eligibility (organizations-of-file.ts), an
 * input the blocks share (read-cache.ts `sharedReadOf`): not a block, so not in BLOCK_TABLES; every
 * block that takes it lists `organizations`.
 */
export const ORGANIZATIONS_FILE_TABLES = ['organizations'];
/** massOrgs.years: mass organisations, their members and ratings (mass-org-figures.ts), shared like organizations.file. */
export const MASS_ORG_FIGURES_TABLES = ['mass_orgs', 'mass_org_members', 'mass_org_ratings'];
/** models.world: the models with their sites, events, types, ratings and recognitions. */
export const WORLD_TABLES = ['models', 'model_sites', 'model_events', 'model_types', 'model_ratings', 'model_recognitions', 'units'];
/** period.registryBlock: mass organisations with members and ratings, organisations; it takes the world and the frame's units. */
export const REGISTRY_BLOCK_TABLES = union(
  ['mass_orgs', 'mass_org_kinds', 'mass_org_members', 'mass_org_ratings', 'organizations', 'units'],
  WORLD_TABLES,
  FRAME_TABLES,
);
/** registrations.block: the registrations of the year and the subjects they name. */
export const REGISTRATION_TABLES = ['evaluation_registrations', 'organizations', 'units', 'unit_lineage'];
/** registry.overview: every registry of the year, the territory's figures, the registrations and the world inside it. */
export const OVERVIEW_TABLES = union(
  [
    'office',
    'units',
    'unit_lineage',
    'unit_year_stats',
    'organizations',
    'mass_orgs',
    'mass_org_kinds',
    'mass_org_members',
    'mass_org_ratings',
  ],
  WORLD_TABLES,
  REGISTRATION_TABLES,
);

function union(...lists: (readonly string[])[]): readonly string[] {
  return [...new Set(lists.flat())];
}

/** Block name (the `name` given to cachedReadOf) → its tables. */
export const BLOCK_TABLES: Record<string, readonly string[]> = {
  'period.frame': FRAME_TABLES,
  'period.reportInputs': REPORT_INPUT_TABLES,
  'models.world': WORLD_TABLES,
  'period.registryBlock': REGISTRY_BLOCK_TABLES,
  'registrations.block': REGISTRATION_TABLES,
  'registry.overview': OVERVIEW_TABLES,
};

/**
 * Tables no figure reads but ordinary use writes (a login, the slides' preferences) or that are not
 * data: a result keyed on every other table (the period figures as a whole, kept in the file by
 * read-cache.ts `storedReadOf`) stays valid across a login. period-block-tables.test.ts checks that
 * the period figures read none of them.
 */
const NOT_FIGURES = new Set([
  'accounts',
  'auth_settings',
  'data_key_wraps',
  'slide_preferences',
  'audit_log',
  'table_versions',
  'stored_reads',
]);
/** period.figures as a whole: every table but NOT_FIGURES. */
export const FIGURES_TABLES: readonly string[] = TABLES.map((t) => t.name).filter((n) => !NOT_FIGURES.has(n));
