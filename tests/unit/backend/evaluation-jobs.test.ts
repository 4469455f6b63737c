/**
 * The evaluation board and freezing as jobs (issue 16 item 3): while they compute, the host
 * answers other calls (the work yields between slices), `jobs.progress` tells how far they got,
 * and `jobs.cancel` stops a freeze before it writes anything. A generated district (Gia Viễn with
 * 12.000 incidents over its communes, loaded through activities.saveMany) makes the work long
 * enough to be seen; no assertion depends on a time: the yields are counted (a ticker the test
 * runs gets turns during the call) and the longest block is printed, the bench reports it at
 * province scale.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { loadHeavyIncidents, watchJob } from '../../support/long-task';

const tmp = useTempDir('antq-eval-jobs-');
let t: TestBackend;
const YEAR = 2025;
const JOB = 'a1b2c3d4-0000-4000-8000-00000000000';
const jobId = (n: number) => `${JOB}${n}`;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const communes = (await t.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  await loadHeavyIncidents(
    t,
    communes.map((c) => c.id),
    YEAR,
  );
}, 120_000);
afterEach(() => t.close());

const watched = <T>(id: string, call: Promise<T>, onFirstTurn?: () => Promise<void>) => watchJob(t, id, call, onFirstTurn);

describe('evaluation jobs', () => {
  it('the board yields to the host while it evaluates, and reports its progress by subject', async () => {
    const w = await watched(jobId(1), t.call('evaluation.board', { year: YEAR, category: null, unitId: null, jobId: jobId(1) }));
    const board = await w.result;
    console.log(`board: ${w.turns} turns of the host during the call, longest block ${Math.round(w.maxBlockMs)} ms`);
    expect(w.turns).toBeGreaterThan(0);
    expect(w.appInfoBeforeEnd).toBe(true);
    expect(w.seen.length).toBeGreaterThan(0);
    const counted = w.seen.filter((p) => p.total !== null);
    for (const p of counted) {
      expect(p.total).toBe(board.rows.length);
      expect(p.label).toMatch(/^Đang đánh giá [\d.]+\/[\d.]+ đối tượng$/);
    }
    // After the end the job says it finished, with every subject counted.
    expect(await t.call('jobs.progress', { jobId: jobId(1) })).toMatchObject({ finished: true, cancelled: false, done: board.rows.length });
  }, 120_000);

  it('a cancelled freeze writes nothing and says so in Vietnamese; a freeze left to run completes', async () => {
    // Everything but the audit log, which records the backup made before a freeze (issue 15 item 4).
    const data = () => {
      const d = dumpDatabase(t.backend.databasePath);
      delete d.tables['audit_log'];
      return d;
    };
    const before = data();
    let cancelled: boolean | null = null;
    const input = { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: null, jobId: jobId(2) };
    const w = await watched(jobId(2), t.send('evaluation.freeze', input), async () => {
      cancelled = (await t.call('jobs.cancel', { jobId: jobId(2) })).cancelled;
    });
    const r = await w.result;
    expect(cancelled).toBe(true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CANCELLED');
    expect(isVietnameseMessage(r.error.message)).toBe(true);
    expect(data()).toEqual(before);
    expect(await t.call('jobs.progress', { jobId: jobId(2) })).toMatchObject({ cancelled: true, finished: true });
    // Cancelling what is not running changes nothing.
    expect(await t.call('jobs.cancel', { jobId: jobId(2) })).toEqual({ cancelled: false });
    expect(await t.call('jobs.progress', { jobId: jobId(9) })).toBeNull();

    const again = await watched(jobId(3), t.call('evaluation.freeze', { ...input, jobId: jobId(3) }));
    const frozen = await again.result;
    console.log(`freeze: ${again.turns} turns of the host during the call, longest block ${Math.round(again.maxBlockMs)} ms`);
    expect(again.turns).toBeGreaterThan(0);
    expect(again.appInfoBeforeEnd).toBe(true);
    expect(frozen.subjects).toBeGreaterThan(0);
    const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(board.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    expect(board.rows.every((row) => !row.tampered && row.frozen === row.live)).toBe(true);
  }, 180_000);
});
