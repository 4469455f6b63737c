/**
 * Batches (electron/backend/db/batch.ts): one statement prepared once and run for many parameter
 * rows through the app's connection — inside the caller's transaction (rolled back with it), readers
 * returning every run's rows in order, and a connection that does not know batches failing loudly.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { batchQuery } from '../../../electron/backend/db/batch';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-batch-');
let opened: OpenedDatabase | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  opened = null;
});

async function openWithTable(): Promise<OpenedDatabase> {
  opened = openDatabase(path.join(tmp.path(), 'batch.db'), 0);
  await sql`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT`.execute(opened.db);
  return opened;
}

describe('batchQuery through the app connection', () => {
  it('runs one statement for every parameter row, inside the transaction, and rolls back with it', async () => {
    const { db, raw } = await openWithTable();
    const rows = Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]);
    function* lazily() {
      yield* rows;
    }
    const result = await db.executeQuery(batchQuery('INSERT INTO t (id, n) VALUES (?, ?)', lazily()));
    expect(result.numAffectedRows).toBe(1000n);
    expect(raw.prepare('SELECT count(*) AS c, sum(n) AS s FROM t').get()).toEqual({ c: 1000, s: 499_500 });

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(
          batchQuery('INSERT INTO t (id, n) VALUES (?, ?)', [
            ['x1', 1],
            ['x2', 2],
          ]),
        );
        expect(raw.inTransaction).toBe(true);
        expect(raw.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1002 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(raw.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1000 });
  });

  it('returns the rows of every run of a reader, in order; a failing row stops the batch with its error', async () => {
    const { db } = await openWithTable();
    await db.executeQuery(
      batchQuery('INSERT INTO t (id, n) VALUES (?, ?)', [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    const read = await db.executeQuery(batchQuery('SELECT id, n FROM t WHERE id = ?', [['c'], ['missing'], ['a']]));
    expect(read.rows).toEqual([
      { id: 'c', n: 3 },
      { id: 'a', n: 1 },
    ]);
    await expect(
      db.executeQuery(
        batchQuery('INSERT INTO t (id, n) VALUES (?, ?)', [
          ['d', 4],
          ['a', 5],
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
  });

  it('fails on a connection that does not know batches instead of running the statement without values', async () => {
    const raw = new BetterSqlite3(':memory:');
    const plain = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      await sql`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)`.execute(plain);
      await expect(plain.executeQuery(batchQuery('INSERT INTO t (id, n) VALUES (?, ?)', [['a', 1]]))).rejects.toThrow();
      expect(raw.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 0 });
    } finally {
      await plain.destroy();
    }
  });
});
