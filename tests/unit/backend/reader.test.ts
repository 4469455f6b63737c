/**
 * Issue 16 item 3, single long statements: heavy reads run on the read-only SQL worker
 * (electron/backend/db/reader.ts), a worker_threads thread with its own read-only connection, so a
 * long SELECT never holds the host's thread. Checked here: a read on the worker sees what the app's
 * connection committed; a deliberately long statement (a recursive CTE counting to a few million)
 * leaves the host's event loop turning while the same statement on the app's connection gives it
 * no turn at all; the app's SQL functions answer on the worker as on the app's connection; nothing
 * but a read runs there; a context whose db is a transaction reads on it; the worker's connection
 * to the file is gone once the file is closed. No assertion depends on a time: turns are counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { Reader, readerWorkerPath } from '../../../electron/backend/db/reader';
import { READER_CHUNK_ROWS } from '../../../electron/backend/db/reader-protocol';
import { readDb, type ServiceContext } from '../../../electron/backend/context';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { startBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { setupGiaVien } from './activities-records';
import { handlesOn } from '../../support/file-handles';

const tmp = useTempDir('antq-reader-');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A WAL file with one table, the app's connection on it and a Reader beside it. */
function openPair(): { main: BetterSqlite3.Database; reader: Reader; file: string } {
  const file = path.join(tmp.path(), 'reader.db');
  const main = new BetterSqlite3(file);
  main.pragma('journal_mode = WAL');
  main.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)');
  const reader = new Reader(file, () => {
    throw new Error('the fallback must not run: the worker starts here');
  });
  cleanups.push(() => void main.close());
  cleanups.push(() => reader.close());
  return { main, reader, file };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A statement that runs for a while inside SQLite alone (no function calls back into JavaScript). */
const SLOW = sql<{
  n: number;
}>`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT count(*) AS n FROM c`;

describe('the read-only SQL worker', () => {
  it('reads what the app connection committed, each read after the commit that preceded it', async () => {
    const { main, reader } = openPair();
    main.prepare('INSERT INTO t (name) VALUES (?)').run('một');
    const first = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(reader.db);
    expect(first.rows).toEqual([{ n: 1 }]);
    main.transaction(() => {
      for (const name of ['hai', 'ba']) main.prepare('INSERT INTO t (name) VALUES (?)').run(name);
    })();
    const names = await reader.db
      .selectFrom('t' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`id`)
      .execute();
    expect(names.map((r) => r.name)).toEqual(['một', 'hai', 'ba']);
    // An open, uncommitted write transaction is not seen.
    main.exec('BEGIN');
    main.prepare('INSERT INTO t (name) VALUES (?)').run('bốn');
    const during = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(reader.db);
    main.exec('COMMIT');
    expect(during.rows).toEqual([{ n: 3 }]);
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(reader.db)).rows).toEqual([{ n: 4 }]);
    expect(reader.ran).toBe(4);
  }, 60_000);

  it('keeps the host turning while a long statement runs on it; on the app connection the host gets no turn', async () => {
    const { main, reader } = openPair();
    // Started and warm first, so the count below is of the statement alone.
    await sql`SELECT 1 AS one`.execute(reader.db);
    let done = false;
    let turnsDuring = 0;
    const read = SLOW.execute(reader.db).then((r) => {
      done = true;
      return r;
    });
    while (!done) {
      await turn();
      turnsDuring++;
    }
    expect((await read).rows).toEqual([{ n: 3_000_000 }]);
    expect(turnsDuring).toBeGreaterThan(20);

    // The same statement on the app's connection: the host's loop does not turn until it ends.
    let turnsOnMain = 0;
    let mainDone = false;
    const ticker = (async () => {
      while (!mainDone) {
        await turn();
        turnsOnMain++;
      }
    })();
    await turn();
    const before = turnsOnMain;
    const onMain = main.prepare(SLOW.compile(reader.db).sql).get() as { n: number };
    const turnsWhileMainRan = turnsOnMain - before;
    mainDone = true;
    await ticker;
    expect(onMain.n).toBe(3_000_000);
    expect(turnsWhileMainRan).toBe(0);
  }, 120_000);

  it("answers the app's SQL functions as the app's connection does", async () => {
    const { main, reader } = openPair();
    const words = ['Xã Hoằng Phụ', 'Thôn Đông', 'Ấp Bình An', 'đường Lê Lợi'];
    const fromWorker = await sql<{ key: string; has: number; none: number }>`
      SELECT antq_vi_sort_key(${words[0]}) AS key, antq_has_words(${words[0]}, 'hoang phu') AS has, antq_has_words(${words[1]}, 'hoang') AS none
    `.execute(reader.db);
    expect(fromWorker.rows).toEqual([{ key: vietnameseSortKey(words[0]!), has: 1, none: 0 }]);
    for (const w of words) main.prepare('INSERT INTO t (name) VALUES (?)').run(w);
    const order = await sql<{ name: string }>`SELECT name FROM t ORDER BY antq_vi_sort_key(name)`.execute(reader.db);
    expect(order.rows.map((r) => r.name)).toEqual([...words].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : 1)));
  }, 60_000);

  it('runs nothing but reads, and gives BLOBs back as Buffers', async () => {
    const { main, reader } = openPair();
    main.prepare('INSERT INTO t (name, data) VALUES (?, ?)').run('x', Buffer.from([1, 2, 3]));
    await expect(sql`INSERT INTO t (name) VALUES ('y')`.execute(reader.db)).rejects.toThrow(/only statements that return rows/);
    await expect(sql`INSERT INTO t (name) VALUES ('z') RETURNING id`.execute(reader.db)).rejects.toThrow(/readonly|read-only/i);
    await expect(reader.db.transaction().execute(async () => 1)).rejects.toThrow(/no transactions/);
    expect(main.prepare('SELECT name FROM t').all()).toEqual([{ name: 'x' }]);
    const rows = await sql<{ data: Buffer }>`SELECT data FROM t WHERE data = ${Buffer.from([1, 2, 3])}`.execute(reader.db);
    expect(rows.rows).toHaveLength(1);
    expect(Buffer.isBuffer(rows.rows[0]!.data)).toBe(true);
    expect([...rows.rows[0]!.data]).toEqual([1, 2, 3]);
  }, 60_000);

  it('gives a result of several slices whole and in order', async () => {
    const { main, reader } = openPair();
    const insert = main.prepare('INSERT INTO t (id, name) VALUES (?, ?)');
    main.transaction(() => {
      for (let i = 1; i <= READER_CHUNK_ROWS * 2 + 17; i++) insert.run(i, `dòng ${i}`);
    })();
    const [all, none] = await Promise.all([
      sql<{ id: number; name: string }>`SELECT id, name FROM t ORDER BY id`.execute(reader.db),
      sql<{ id: number }>`SELECT id FROM t WHERE id < 0`.execute(reader.db),
    ]);
    expect(all.rows).toHaveLength(READER_CHUNK_ROWS * 2 + 17);
    expect(all.rows.every((r, i) => r.id === i + 1 && r.name === `dòng ${i + 1}`)).toBe(true);
    expect(none.rows).toEqual([]);
  }, 60_000);

  it('closes its connection to the file with close(); later reads are refused', async () => {
    const { main, reader, file } = openPair();
    const alone = handlesOn(file);
    await sql`SELECT 1 AS one`.execute(reader.db);
    if (alone !== null) expect(handlesOn(file)).toBe(alone + 1);
    await reader.close();
    await expect(sql`SELECT 1 AS one`.execute(reader.db)).rejects.toThrow(/closed/);
    // SQLite keeps a closed connection's descriptor while another connection of the process holds
    // locks on the file (POSIX locks are per process), and closes it with the last one.
    main.close();
    if (alone !== null) expect(handlesOn(file)).toBe(0);
  }, 60_000);

  it('start() opens the worker and its connection before any read, and the first read runs there', async () => {
    const { main, reader, file } = openPair();
    const alone = handlesOn(file);
    reader.start();
    reader.start();
    // The worker's connection appears with no read posted (bounded by turns, not by a clock).
    if (alone !== null) {
      for (let i = 0; i < 2000 && handlesOn(file) === alone; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(handlesOn(file)).toBe(alone + 1);
    }
    expect(reader.ran).toBe(0);
    main.prepare('INSERT INTO t (name) VALUES (?)').run('một');
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(reader.db)).rows).toEqual([{ n: 1 }]);
    // One worker: started once, its one connection.
    expect(reader.ran).toBe(1);
    if (alone !== null) expect(handlesOn(file)).toBe(alone + 1);
  }, 60_000);

  it('is built from source where TypeScript is not bundled', async () => {
    const file = await readerWorkerPath();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('antq_has_words');
  }, 60_000);

  it('a context whose db is a transaction reads on that transaction', async () => {
    const file = path.join(tmp.path(), 'ctx.db');
    const opened = openDatabase(file, LATEST_VERSION);
    cleanups.push(() => void opened.raw.close());
    const reader = new Reader(file, () => []);
    cleanups.push(() => reader.close());
    const ctx = { db: opened.db, reader: reader.db } as ServiceContext;
    expect(readDb(ctx)).toBe(reader.db);
    const { reader: _, ...without } = ctx;
    expect(readDb(without)).toBe(opened.db);
    await opened.db.transaction().execute(async (trx) => {
      expect(readDb({ ...ctx, db: trx })).toBe(trx);
    });
  }, 60_000);
});

describe('the backend and its reader', () => {
  it('reads the overview through the worker and stops it with the file', async () => {
    const t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
    let closed = false;
    cleanups.push(() => {
      if (!closed) t.close();
    });
    await setupGiaVien(t);
    const file = t.backend.databasePath;
    const before = handlesOn(file);
    await t.call('registry.overview', { from: '2026-01-01', to: '2026-12-31', unitId: null });
    const during = handlesOn(file);
    // One more descriptor on the file: the worker's read-only connection.
    if (before !== null) expect(during).toBe(before + 1);
    t.close();
    closed = true;
    if (before === null) return;
    // The worker exits on its own thread; wait for its turn to come (bounded by turns, not by a clock).
    for (let i = 0; i < 2000 && handlesOn(file) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(handlesOn(file)).toBe(0);
  }, 120_000);

  it('with readerAtOpen the worker is up as the file opens, before any screen reads', async () => {
    const waitFor = async (file: string, n: number) => {
      // The worker's connection appears on its own thread: wait by turns (bounded), not by a clock.
      for (let i = 0; i < 2000 && handlesOn(file) !== n; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      return handlesOn(file);
    };
    // Without it (tests' default): no worker until the first heavy read.
    const plain = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
    const file = plain.backend.databasePath;
    const host = handlesOn(file);
    await plain.backend.readerStarted();
    if (host !== null) expect(handlesOn(file)).toBe(host + 1);
    plain.close();
    if (host !== null) expect(await waitFor(file, 0)).toBe(0);
    // With it, the same file: the worker's connection is there with no call made.
    const t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z', { readerAtOpen: true });
    cleanups.push(() => t.close());
    if (host === null) return;
    expect(await waitFor(file, host + 1)).toBe(host + 1);
    await t.backend.readerStarted();
    expect(handlesOn(file)).toBe(host + 1);
  }, 120_000);
});
