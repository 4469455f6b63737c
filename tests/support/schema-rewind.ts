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

/** The tables and indexes a fresh file has after `steps`. */
export async function schemaAfter(steps: readonly Migration[]): Promise<{ tables: string[]; indexes: string[] }> {
  const raw = new BetterSqlite3(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    for (const step of steps) await step.up(db);
    return { tables: tableNames(raw), indexes: indexNames(raw) };
  } finally {
    await db.destroy();
  }
}

/** Drops from `db` every table and named index that `steps` would not have created. */
export function dropLaterSchema(db: BetterSqlite3.Database, previous: { tables: string[]; indexes: string[] }): void {
  for (const name of tableNames(db).filter((n) => !previous.tables.includes(n))) db.exec(`DROP TABLE "${name}"`);
  for (const name of indexNames(db).filter((n) => !previous.indexes.includes(n))) db.exec(`DROP INDEX "${name}"`);
}
