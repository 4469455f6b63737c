/**
 * Takes a file's schema back to what a list of migrations leaves: drops the tables and the named
 * indexes later migrations created (they create them again when the file opens). Used by the tests
 * of a migration that rewrite data "as the previous version left it".
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Migration } from '../../electron/backend/db/migrations';
import { tableNames } from './sqlite';

/** The named (not automatic) indexes of a file. */
export function indexNames(db: BetterSqlite3.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

/** The triggers of a file's main schema (the audit's per-connection ones are TEMP, not listed). */
function triggerNames(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function columnNames(db: BetterSqlite3.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((r) => r.name);
}

export interface SchemaShape {
  tables: string[];
  indexes: string[];
  triggers: string[];
  /** Table → its columns. */
  columns: Record<string, string[]>;
}

/** The tables, indexes, triggers and columns a fresh file has after `steps`. */
export async function schemaAfter(steps: readonly Migration[]): Promise<SchemaShape> {
  const raw = new BetterSqlite3(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    for (const step of steps) await step.up(db);
    const tables = tableNames(raw);
    return {
      tables,
      indexes: indexNames(raw),
      triggers: triggerNames(raw),
      columns: Object.fromEntries(tables.map((t) => [t, columnNames(raw, t)])),
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Drops from `db` every trigger, named index and table that `steps` would not have created. Columns
 * later migrations added stay (those migrations add a column only when it is missing, e.g. 0021, 0025).
 */
export function dropLaterSchema(db: BetterSqlite3.Database, previous: SchemaShape): void {
  for (const name of triggerNames(db).filter((n) => !previous.triggers.includes(n))) db.exec(`DROP TRIGGER "${name}"`);
  for (const name of indexNames(db).filter((n) => !previous.indexes.includes(n))) db.exec(`DROP INDEX "${name}"`);
  for (const name of tableNames(db).filter((n) => !previous.tables.includes(n))) db.exec(`DROP TABLE "${name}"`);
}
