/**
 * Reading a database file the way a person inspecting it would: a separate read-only connection,
 * every table dumped in rowid order, so a test can say "this refusal changed nothing".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

export type Row = Record<string, unknown>;

export function withReadonly<T>(file: string, fn: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function tableNames(db: BetterSqlite3.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

/**
 * Tables derived from the others (migration 0026: the write counters and the figures kept across
 * restarts): not the office's data, so a dump or a fingerprint leaves them out. A commit moves a
 * counter even when the test drops the table it wrote (a refusal log, say); stored-reads.test.ts
 * checks them on their own.
 */
export const DERIVED_TABLES: readonly string[] = ['table_versions', 'stored_reads'];

/** Every user table with all its rows, plus user_version: equal dumps mean nothing was written. */
export function dumpDatabase(file: string): { userVersion: number; tables: Record<string, Row[]> } {
  return withReadonly(file, (db) => {
    const tables: Record<string, Row[]> = {};
    for (const name of tableNames(db)) {
      if (DERIVED_TABLES.includes(name)) continue;
      tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Row[];
    }
    return { userVersion: Number(db.pragma('user_version', { simple: true })), tables };
  });
}

export function queryAll<T = Row>(file: string, sql: string, ...params: unknown[]): T[] {
  return withReadonly(file, (db) => db.prepare(sql).all(...params) as T[]);
}

export function queryOne<T = Row>(file: string, sql: string, ...params: unknown[]): T | undefined {
  return withReadonly(file, (db) => db.prepare(sql).get(...params) as T | undefined);
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Writes to the file as another program would (foreign keys off): the tests of tampering and damage. */
export function editOutsideApp(file: string, fn: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('foreign_keys = OFF');
    fn(db);
  } finally {
    db.close();
  }
}
