/**
 * Issue 16 item 3, the write phase of long work: freezing a year and committing an Excel import are
 * one transaction each (all rows or none), run on the second connection (db/long-write.ts) so the
 * host is not held while they write. While that transaction is open — seen from outside: another
 * connection cannot take the write lock — the host answers app.info and lists, a writing call waits
 * its turn (and then succeeds, the audit chain intact), and a cancel rolls everything back. No
 * assertion depends on a time: turns of the event loop during the write are counted.
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';
import { propagandaSheet } from '../../support/propaganda-sheet';

const tmp = useTempDir('antq-long-write-');
let t: TestBackend;
let hoa: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
}, 60_000);
afterEach(() => t.close());

const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Everything but the audit log (a freeze's backup is logged before its write). */
const data = () => {
  const d = dumpDatabase(t.backend.databasePath);
  delete d.tables['audit_log'];
  return d;
};

/** True while some connection holds a write transaction on the file (this one cannot take the lock). */
function writeLockHeld(file: string): boolean {
  const probe = new BetterSqlite3(file, { timeout: 0, fileMustExist: true });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  } finally {
    probe.close();
  }
}

interface Watch {
  /** Turns the test's ticker got while the write transaction was open. */
  turnsWhileWriting: number;
  /** Calls answered while the write transaction was open (checked again after each answer). */
  answeredWhileWriting: string[];
}

/**
 * Ticks while `call` runs; on the first turn that finds the write lock held, asks the host for
 * app.info and a list (and runs `whileWriting`), and notes whether the lock was still held after.
 */
async function watch<T>(call: Promise<T>, whileWriting?: () => Promise<void>): Promise<Watch & { result: Promise<T> }> {
  let settled = false;
  const result = call.finally(() => (settled = true));
  result.catch(() => undefined);
  const w: Watch = { turnsWhileWriting: 0, answeredWhileWriting: [] };
  let asked = false;
  while (!settled) {
    await turn();
    if (settled || !writeLockHeld(t.backend.databasePath)) continue;
    w.turnsWhileWriting++;
    if (asked) continue;
    asked = true;
    const info = await t.call('app.info', {});
    if (info.version && writeLockHeld(t.backend.databasePath)) w.answeredWhileWriting.push('app.info');
    await t.call('units.list', { includeEnded: false });
    if (writeLockHeld(t.backend.databasePath)) w.answeredWhileWriting.push('units.list');
    await whileWriting?.();
  }
  return { ...w, result };
}

describe('the import commit writes in one transaction that yields', () => {
  it('answers reads during the write, queues a writing call behind it, and writes every row', async () => {
    const file = await propagandaSheet(6000);
    expect((await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file })).counts.new).toBe(6000);
    const api = activityApi(t);
    const record = { ...sampleRecords(hoa.id).propaganda, venue: null, leaflets: 0, posts: 0, commitments: 0, topic: 'Buổi nhập tay' };
    const pending: { saved: Promise<unknown> | null } = { saved: null };
    let savedBeforeCommit = false;
    let committed = false;
    const jobId = randomUUID();
    const w = await watch(
      t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file, jobId }).finally(() => (committed = true)),
      async () => {
        // A write during the long write waits for it instead of failing on a locked file.
        pending.saved = api.save('propaganda', record).then((r) => {
          savedBeforeCommit = !committed;
          return r;
        });
        await turn();
      },
    );
    expect(await w.result).toMatchObject({ created: 6000, updated: 0 });
    expect(pending.saved).not.toBeNull();
    await pending.saved;
    console.log(`import commit: ${w.turnsWhileWriting} turns of the host while its transaction was open`);
    expect(w.turnsWhileWriting).toBeGreaterThan(0);
    expect(w.answeredWhileWriting).toEqual(['app.info', 'units.list']);
    expect(savedBeforeCommit).toBe(false);
    expect(queryAll(t.backend.databasePath, 'SELECT count(*) AS n FROM propaganda_sessions')).toEqual([{ n: 6001 }]);
    // Both writes are in the audit log, chained (the long write's entry was made on its own connection).
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    const methods = queryAll(
      t.backend.databasePath,
      "SELECT method FROM audit_log WHERE method IN ('xlsx.commit', 'activities.save') ORDER BY seq",
    );
    expect(methods).toEqual([{ method: 'xlsx.commit' }, { method: 'activities.save' }]);
  }, 180_000);

  it('a cancel while the transaction is open rolls every row back', async () => {
    const file = await propagandaSheet(6000);
    await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    const before = data();
    const jobId = randomUUID();
    const w = await watch(t.send('xlsx.commit', { registry: 'propaganda', fileBase64: file, jobId }), async () => {
      expect(await t.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    });
    const r: Result<unknown> = await w.result;
    expect(w.turnsWhileWriting).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('CANCELLED');
    expect(data()).toEqual(before);
    expect(writeLockHeld(t.backend.databasePath)).toBe(false);
    // The file imports whole afterwards.
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toMatchObject({ created: 6000 });
  }, 180_000);
});

describe('the freeze writes in one transaction that yields', () => {
  const input = (jobId: string) => ({ year: 2025, by: 'Thượng tá Trần Văn Dũng', note: null, jobId });

  it('a cancel during the write leaves nothing; a freeze left to run answers reads while it writes', async () => {
    const before = data();
    const cancelled = randomUUID();
    const stopped = await watch(t.send('evaluation.freeze', input(cancelled)), async () => {
      expect((await t.call('jobs.progress', { jobId: cancelled }))?.label).toMatch(/^Đang ghi .*kết quả đã chốt/);
      expect(await t.call('jobs.cancel', { jobId: cancelled })).toEqual({ cancelled: true });
    });
    const r = await stopped.result;
    expect(stopped.turnsWhileWriting).toBeGreaterThan(0);
    expect(!r.ok && r.error.code).toBe('CANCELLED');
    expect(data()).toEqual(before);

    const w = await watch(t.call('evaluation.freeze', input(randomUUID())), async () => {
      // The board reads the year as it was before the freeze while the freeze is being written. Its
      // reads run on the read-only worker (db/reader.ts) and give the host turns, so the freeze may
      // commit before the board's last read: then the board shows the committed freeze, never a
      // freeze that is not committed yet.
      const board = await t.call('evaluation.board', { year: 2025, category: null, unitId: null });
      if (writeLockHeld(t.backend.databasePath)) expect(board.frozen).toBeNull();
      else if (board.frozen !== null) expect(board.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    });
    const frozen = await w.result;
    console.log(`freeze: ${w.turnsWhileWriting} turns of the host while its transaction was open`);
    expect(w.answeredWhileWriting).toEqual(['app.info', 'units.list']);
    expect(frozen.subjects).toBeGreaterThan(0);
    const count = queryAll(t.backend.databasePath, 'SELECT count(*) AS n FROM evaluation_frozen_results');
    expect(count).toEqual([{ n: frozen.subjects }]);
    const board = await t.call('evaluation.board', { year: 2025, category: null, unitId: null });
    expect(board.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    expect(board.rows.every((row) => !row.tampered && row.frozen === row.live)).toBe(true);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  }, 180_000);
});
