/**
 * The guard of issue 12 item 4: every table a snapshot carries ('scope' or 'catalogue' in the table
 * registry) is either checked with the forms of the screen that saves it (payload-checks.ts
 * TABLE_FORMS) or says why no screen saves it (NO_SCREEN). A table added to the registry with
 * neither is reported, and a test fails.
 */
import type { TableSpec } from '../../../shared/domain/table-registry';
import { NO_SCREEN, TABLE_FORMS } from './payload-checks';

/** Scope and catalogue tables with neither the screens' forms nor a stated reason, in registry order. */
export function uncheckedTables(tables: readonly TableSpec[]): string[] {
  return tables.filter((t) => t.handoff !== 'never' && !(t.name in TABLE_FORMS) && !(t.name in NO_SCREEN)).map((t) => t.name);
}
