/**
 * The explicit, ordered list of migrations. The position in this list is the schema version that
 * PRAGMA user_version records once the step has run.
 */
import type { Kysely } from 'kysely';
import * as m0001 from './0001_units';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: '0001_units', up: m0001.up }];

export const LATEST_VERSION = MIGRATIONS.length;
