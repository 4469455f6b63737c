/**
 * Playwright fixtures: a fresh data directory and running host per test, and read-only access to
 * the database file so each flow can assert what was stored, not only what is shown.
 */
import { test as base, expect } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { newDataDir, startHost, type RunningHost } from './host';

export interface DbReader {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
}

export function readDb(dataDir: string): DbReader {
  const file = path.join(dataDir, 'antq.db');
  const withDb = <R>(fn: (db: BetterSqlite3.Database) => R): R => {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    all: (sql, ...params) => withDb((db) => db.prepare(sql).all(...params) as never),
    get: (sql, ...params) => withDb((db) => db.prepare(sql).get(...params) as never),
  };
}

export const test = base.extend<{ host: RunningHost; db: DbReader }>({
  // Playwright reads the fixtures a function needs from its first parameter's pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost(newDataDir());
    await use(host);
    await host.stop();
  },
  db: async ({ host }, use) => {
    await use(readDb(host.dataDir));
  },
});

export { expect };
