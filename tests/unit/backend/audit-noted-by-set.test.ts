/**
 * New rows noted by set (insertNotedBySet, repos/audit.repo.ts; saveMany's write, h18-writes): the
 * table's audit INSERT trigger lifted for one write inside the caller's transaction, the rows noted in
 * temp.audit_touch as the trigger notes them row by row, and the trigger back afterwards — after a
 * write that succeeds, one that throws, and a transaction rolled back.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { batchQuery } from '../../../electron/backend/db/batch';
import { clearTouched, installTouchTriggers, insertNotedBySet, readTouched } from '../../../electron/backend/repos/audit.repo';
import { AUDIT_MAX_IDS } from '../../../shared/domain/audit';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-noted-');
const opened: OpenedDatabase[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.db.destroy();
});

async function openWatched(name: string): Promise<OpenedDatabase> {
  const o = openDatabase(path.join(tmp.path(), `${name}.db`), 0);
  opened.push(o);
  await sql`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT`.execute(o.db);
  await sql`CREATE TABLE other (id TEXT PRIMARY KEY) STRICT`.execute(o.db);
  installTouchTriggers(o.raw, () => null);
  return o;
}

const INSERT = 'INSERT INTO t (id, n) VALUES (?, ?)';
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `r${from + i}`);
const triggerCount = (o: OpenedDatabase) =>
  (o.raw.prepare("SELECT count(*) AS c FROM temp.sqlite_master WHERE type = 'trigger' AND name = 'audit_touch_t_I'").get() as { c: number })
    .c;

describe('rows noted by set', () => {
  it('notes the same count and first ids as the trigger, before and after rows the trigger noted', async () => {
    for (const [before, count] of [
      [0, 3],
      [0, 45],
      [5, 30],
      [AUDIT_MAX_IDS + 2, 7],
    ] as const) {
      const byTrigger = await openWatched(`trigger-${before}-${count}`);
      const bySet = await openWatched(`set-${before}-${count}`);
      const touched = await Promise.all(
        [byTrigger, bySet].map((o) =>
          o.db.transaction().execute(async (trx) => {
            await trx.executeQuery(batchQuery('INSERT INTO other (id) VALUES (?)', [['x']]));
            if (before > 0)
              await trx.executeQuery(
                batchQuery(
                  INSERT,
                  ids(0, before).map((id, i) => [id, i]),
                ),
              );
            const rows = ids(before, count).map((id, i) => [id, i]);
            if (o === byTrigger) await trx.executeQuery(batchQuery(INSERT, rows));
            else
              await insertNotedBySet(trx, 't', ids(before, count), async () => {
                await trx.executeQuery(batchQuery(INSERT, rows));
              });
            return readTouched(o.raw);
          }),
        ),
      );
      expect(touched[1]).toEqual(touched[0]);
      expect(touched[1]!.find((x) => x.table === 't')).toMatchObject({ op: 'I', count: before + count });
      expect(triggerCount(bySet)).toBe(1);
      // The trigger is back: a later row is noted by it (the list emptied as the audit's commit empties it).
      clearTouched(bySet.raw);
      await bySet.db.transaction().execute(async (trx) => {
        await trx.executeQuery(batchQuery(INSERT, [['later', 0]]));
        expect(readTouched(bySet.raw).find((x) => x.table === 't')!.count).toBe(1);
      });
    }
  });

  it('brings the trigger back when the write fails, and a rolled-back transaction leaves nothing noted', async () => {
    const o = await openWatched('fails');
    await o.db.executeQuery(batchQuery(INSERT, [['r0', 0]]));
    clearTouched(o.raw); // as the audit's commit does (no recorder on this connection)
    await expect(
      o.db.transaction().execute(async (trx) => {
        await insertNotedBySet(trx, 't', ['r1', 'r0'], async () => {
          await trx.executeQuery(
            batchQuery(INSERT, [
              ['r1', 1],
              ['r0', 2],
            ]),
          );
        });
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(triggerCount(o)).toBe(1);
    expect(o.raw.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 });
    expect(readTouched(o.raw)).toEqual([]);

    // A failure of the caller's own code inside the write: the trigger is created again at once.
    await expect(
      o.db.transaction().execute(async (trx) => {
        await insertNotedBySet(trx, 't', ['r2'], () => Promise.reject(new Error('stop')));
      }),
    ).rejects.toThrow('stop');
    expect(triggerCount(o)).toBe(1);
    // A caller that catches the failure and goes on in the same transaction: its next row is noted.
    await o.db.transaction().execute(async (trx) => {
      await expect(insertNotedBySet(trx, 't', ['r2'], () => Promise.reject(new Error('stop')))).rejects.toThrow('stop');
      expect(triggerCount(o)).toBe(1);
      await trx.executeQuery(batchQuery(INSERT, [['r3', 3]]));
      expect(readTouched(o.raw)).toEqual([{ table: 't', op: 'I', count: 1, ids: ['r3'] }]);
    });
  });

  it('only writes on a connection without the audit trigger', async () => {
    const o = openDatabase(path.join(tmp.path(), 'plain.db'), 0);
    opened.push(o);
    await sql`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT`.execute(o.db);
    await o.db.transaction().execute(async (trx) => {
      await insertNotedBySet(trx, 't', ['a'], async () => {
        await trx.executeQuery(batchQuery(INSERT, [['a', 1]]));
      });
    });
    expect(o.raw.prepare('SELECT id, n FROM t').all()).toEqual([{ id: 'a', n: 1 }]);
  });
});
