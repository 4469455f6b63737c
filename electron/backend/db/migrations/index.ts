/**
 * The explicit, ordered list of migrations. The position in this list is the schema version that
 * PRAGMA user_version records once the step has run.
 */
import type { Kysely } from 'kysely';
import * as m0001 from './0001_units';
import * as m0002 from './0002_unit_history';
import * as m0003 from './0003_organizations';
import * as m0004 from './0004_models';
import * as m0005 from './0005_mass_orgs';
import * as m0006 from './0006_activities';
import * as m0007 from './0007_evaluation';
import * as m0008 from './0008_rubrics';
import * as m0009 from './0009_incident_completeness';
import * as m0010 from './0010_evaluation_seal';
import * as m0011 from './0011_period';
import * as m0012 from './0012_unit_transfers';
import * as m0013 from './0013_handoff';
import * as m0014 from './0014_package_units';
import * as m0015 from './0015_reports';
import * as m0016 from './0016_handoff_unknowns';
import * as m0017 from './0017_slides';
import * as m0018 from './0018_model_status_undos';
import * as m0019 from './0019_accounts';
import * as m0020 from './0020_list_search';
import * as m0021 from './0021_frozen_rule_texts';
import * as m0022 from './0022_audit_log';
import * as m0023 from './0023_encrypted_fields';
import * as m0024 from './0024_period_indexes';
import * as m0025 from './0025_list_keys';
import * as m0026 from './0026_stored_reads';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
  /**
   * Runs with foreign keys off (SQLite's procedure for rebuilding a table that others reference):
   * the runner turns them off before its transaction, runs PRAGMA foreign_key_check before the
   * commit (any dangling reference fails the step) and turns them back on.
   */
  foreignKeysOff?: true;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_units', up: m0001.up },
  { version: 2, name: '0002_unit_history', up: m0002.up },
  { version: 3, name: '0003_organizations', up: m0003.up },
  { version: 4, name: '0004_models', up: m0004.up },
  { version: 5, name: '0005_mass_orgs', up: m0005.up },
  { version: 6, name: '0006_activities', up: m0006.up },
  { version: 7, name: '0007_evaluation', up: m0007.up },
  { version: 8, name: '0008_rubrics', up: m0008.up },
  { version: 9, name: '0009_incident_completeness', up: m0009.up },
  { version: 10, name: '0010_evaluation_seal', up: m0010.up },
  { version: 11, name: '0011_period', up: m0011.up },
  { version: 12, name: '0012_unit_transfers', up: m0012.up },
  { version: 13, name: '0013_handoff', up: m0013.up },
  { version: 14, name: '0014_package_units', up: m0014.up },
  { version: 15, name: '0015_reports', up: m0015.up },
  { version: 16, name: '0016_handoff_unknowns', up: m0016.up, foreignKeysOff: true },
  { version: 17, name: '0017_slides', up: m0017.up },
  { version: 18, name: '0018_model_status_undos', up: m0018.up },
  { version: 19, name: '0019_accounts', up: m0019.up },
  { version: 20, name: '0020_list_search', up: m0020.up },
  { version: 21, name: '0021_frozen_rule_texts', up: m0021.up },
  { version: 22, name: '0022_audit_log', up: m0022.up },
  { version: 23, name: '0023_encrypted_fields', up: m0023.up, foreignKeysOff: true },
  { version: 24, name: '0024_period_indexes', up: m0024.up },
  { version: 25, name: '0025_list_keys', up: m0025.up },
  { version: 26, name: '0026_stored_reads', up: m0026.up },
];

export const LATEST_VERSION = MIGRATIONS.length;
