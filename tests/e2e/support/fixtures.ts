/**
 * Playwright fixtures: a fresh data directory and running host per test, and read-only access to
 * the database file so each flow can assert what was stored, not only what is shown.
 *
 * Starting a host costs a second or more of one core (loading the bundle, migrating the new file),
 * most of it while the previous test's page sits waiting. So each worker keeps ONE spare: a host
 * started on its own new, empty data directory, exactly as the fixture would start it, and never
 * touched until a test takes it; taking it starts the next spare in the background. Every test
 * still gets a fresh folder and a fresh process; the spare left at the end of a worker is stopped.
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

/** A spare starts beside a running test on a busy machine: no 20 s start deadline (see StartOptions). */
const SPARE_START_TIMEOUT_MS = 180_000;

/** The worker's spare host (see the header): `take` hands it out and starts the next one. */
export class SpareHosts {
  private spare: Promise<RunningHost> | null = null;

  private startSpare(): Promise<RunningHost> {
    const starting = startHost(newDataDir(), { startTimeoutMs: SPARE_START_TIMEOUT_MS });
    // A failed start surfaces in the test that takes it, not as an unhandled rejection meanwhile.
    starting.catch(() => undefined);
    return starting;
  }

  async take(): Promise<RunningHost> {
    const next = this.spare ?? this.startSpare();
    this.spare = null;
    const host = await next;
    this.spare = this.startSpare();
    return host;
  }

  async close(): Promise<void> {
    const left = this.spare;
    this.spare = null;
    if (left) await left.then((h) => h.stop()).catch(() => undefined);
  }
}

export const test = base.extend<{ host: RunningHost; db: DbReader }, { spareHosts: SpareHosts }>({
  spareHosts: [
    // Playwright reads the fixtures a function needs from its first parameter's pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const spares = new SpareHosts();
      await use(spares);
      await spares.close();
    },
    { scope: 'worker' },
  ],
  host: async ({ spareHosts }, use) => {
    const host = await spareHosts.take();
    await use(host);
    await host.stop();
  },
  db: async ({ host }, use) => {
    await use(readDb(host.dataDir));
  },
});

export { expect };
