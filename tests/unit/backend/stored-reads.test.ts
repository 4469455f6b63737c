/**
 * Figures kept in the file across restarts (migration 0026, db/stored-reads.ts, read-cache.ts
 * `storedReadOf`): the period figures and the overview read back after the app starts again, never
 * once a table they read has been written, and the counters they are keyed on move with the rows
 * of each commit (a rollback takes the move back).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { UnitDto } from '../../../shared/ipc/contract';
import { readProbe, readStats } from '../../../electron/backend/services/read-cache';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { StoredReads } from '../../../electron/backend/db/stored-reads';
import { installAudit } from '../../../electron/backend/audit/recorder';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { organizationInput } from '../../support/offices';
import { queryAll } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-stored-reads-');
let t: TestBackend;
let hoa: UnitDto;

/** The values kept in the file, by the name given to storedReadOf. */
const STORED = ['period.figures', 'period.reportInputs', 'period.registryBlock', 'registrations.block', 'registry.overview'];
const counts = (): Record<string, number> => Object.fromEntries(STORED.map((n) => [n, readStats.computed[n] ?? 0]));
const recomputed = (before: Record<string, number>): string[] => STORED.filter((n) => (readStats.computed[n] ?? 0) > before[n]!).sort();

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const figures = () => t.call('period.figures', YEAR);
const overview = () => t.call('registry.overview', YEAR);
const restart = async () => {
  t.close();
  t = await startBackend(tmp.path());
};

beforeEach(async () => {
  t = await startBackend(tmp.path());
  const byName = await setupGiaVien(t);
  hoa = byName('Xã Gia Hòa');
  await activityApi(t).save('propaganda', sampleRecords(hoa.id).propaganda);
}, 60_000);
afterEach(() => {
  readProbe.wrap = null;
  t.close();
});

describe('figures kept in the file', () => {
  it('every stored value reads back equal from its JSON', async () => {
    const seen = new Map<string, unknown>();
    readProbe.wrap = async (name, compute) => {
      const value = await compute();
      if (STORED.includes(name)) seen.set(name, value);
      return value;
    };
    await figures();
    await overview();
    await t.call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: hoa.id });
    expect([...seen.keys()].sort()).toEqual([...STORED].sort());
    for (const [name, value] of seen) expect(isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value), name).toBe(true);
  });

  it('after a restart the figures and the overview are read back, not computed', async () => {
    const first = await figures();
    const view = await overview();
    await restart();
    const at = counts();
    expect(await figures()).toEqual(first);
    expect(await overview()).toEqual(view);
    expect(recomputed(at)).toEqual([]);
  });

  it('an edit after a restart changes the figures; the blocks it does not reach are read back', async () => {
    const first = await figures();
    await overview();
    await restart();
    const at = counts();
    await activityApi(t).save('propaganda', { ...sampleRecords(hoa.id).propaganda, date: '2026-04-02' });
    const after = await figures();
    expect(after.activities.current['propaganda.sessions']).toBe(first.activities.current['propaganda.sessions'] + 1);
    // Only the whole is computed again: its blocks do not read the propaganda sessions.
    expect(recomputed(at)).toEqual(['period.figures']);
  });

  it('an edit made before closing is never hidden by the value stored before it', async () => {
    const first = await figures();
    const view = await overview();
    await activityApi(t).save('propaganda', { ...sampleRecords(hoa.id).propaganda, date: '2026-05-02' });
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    await restart();
    const after = await figures();
    expect(after.activities.current['propaganda.sessions']).toBe(first.activities.current['propaganda.sessions'] + 1);
    expect(await overview()).not.toEqual(view);
    expect(after).not.toEqual(first);
  });
});

describe('the evaluation board kept in the file', () => {
  const BOARD = { year: 2026, category: null, unitId: null };
  const board = () => t.call('evaluation.board', BOARD);
  const computed = () => readStats.computed['evaluation.board'] ?? 0;

  it('reads back after a restart; an organisation added after it is on the board at once', async () => {
    const first = await board();
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    await restart();
    const at = computed();
    expect(await board()).toEqual(first);
    expect(computed()).toBe(at);
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    const after = await board();
    expect(computed()).toBe(at + 1);
    expect(after.rows.map((r) => r.name)).toContain('Trường THCS Gia Hòa');
    expect(after.rows.length).toBe(first.rows.length + 1);
  });

  it('a frozen year is made afresh on every load, never read back', async () => {
    await board();
    await t.call('evaluation.freeze', { year: 2026, by: 'Thượng tá Trần Văn Dũng', note: null });
    const frozen = await board();
    expect(frozen.frozen).not.toBeNull();
    await restart();
    expect((await board()).frozen).not.toBeNull();
    // An open year's board is kept (when the file closes at the latest) ...
    expect((await t.call('evaluation.board', { ...BOARD, year: 2025 })).frozen).toBeNull();
    await restart();
    // ... and only open years' boards: no frozen board is in the file.
    const kept = queryAll<{ value: string }>(t.backend.databasePath, "SELECT value FROM stored_reads WHERE name = 'evaluation.board'");
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) expect((JSON.parse(row.value) as { frozen: unknown }).frozen).toBeNull();
  });
});

describe('the counters and the store', () => {
  it('a commit moves the counters of the tables it wrote; a rollback moves nothing', async () => {
    const path = t.backend.databasePath;
    t.close();
    const opened = openDatabase(path, LATEST_VERSION);
    try {
      installAudit(opened, () => new Date('2026-11-22T03:00:00Z'));
      const version = (name: string) =>
        (opened.raw.prepare('SELECT version FROM table_versions WHERE name = ?').pluck().get(name) as number | undefined) ?? 0;
      const office = version('office');
      const units = version('units');
      await expect(
        opened.db.transaction().execute(async (trx) => {
          await sql`UPDATE office SET name = name || ' (thử)'`.execute(trx);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(version('office')).toBe(office);
      await opened.db.transaction().execute(async (trx) => {
        await sql`UPDATE office SET name = name`.execute(trx);
      });
      expect(version('office')).toBe(office + 1);
      expect(version('units')).toBe(units);
      // Storing a value moves no counter and logs nothing.
      const auditBefore = opened.raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const store = new StoredReads(opened.raw, 'build-a');
      store.put('x', '[]', store.key(['office']), { n: 1 }, ['office']);
      store.flush();
      expect(version('stored_reads')).toBe(0);
      expect(opened.raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
    } finally {
      opened.raw.close();
    }
    t = await startBackend(tmp.path());
  });

  it('a value is served only under the same counters and by the same build', async () => {
    const path = t.backend.databasePath;
    t.close();
    const opened = openDatabase(path, LATEST_VERSION);
    try {
      installAudit(opened, () => new Date('2026-11-22T03:00:00Z'));
      const a = new StoredReads(opened.raw, 'build-a');
      const key = a.key(['office', 'units']);
      a.put('figures', '["2026"]', key, { total: 3, rows: [1, 2] }, ['office', 'units']);
      a.flush();
      expect(a.get('figures', '["2026"]', key)).toEqual({ total: 3, rows: [1, 2] });
      expect(a.get('figures', '["2025"]', key)).toBeUndefined();
      expect(new StoredReads(opened.raw, 'build-b').get('figures', '["2026"]', key)).toBeUndefined();
      await opened.db.transaction().execute(async (trx) => {
        await sql`UPDATE office SET name = name`.execute(trx);
      });
      expect(a.key(['office', 'units'])).not.toBe(key);
      expect(a.get('figures', '["2026"]', a.key(['office', 'units']))).toBeUndefined();
      // Inside another caller's transaction nothing is stored (and nothing fails).
      const now = a.key(['office', 'units']);
      opened.raw.exec('BEGIN');
      a.put('late', '[]', now, 1, ['office', 'units']);
      a.flush();
      opened.raw.exec('ROLLBACK');
      expect(a.get('late', '[]', now)).toBeUndefined();
      // A value whose tables moved before it was written is dropped, not written.
      a.put('moved', '[]', now, 2, ['office', 'units']);
      await opened.db.transaction().execute(async (trx) => {
        await sql`UPDATE office SET name = name`.execute(trx);
      });
      a.flush();
      expect(opened.raw.prepare("SELECT count(*) FROM stored_reads WHERE name = 'moved'").pluck().get()).toBe(0);
      // Bounded: the most recent values are kept, at most 64 of them and 48 MB of JSON.
      const big = 'x'.repeat(7_000_000);
      const fresh = a.key(['office', 'units']);
      for (let i = 0; i < 8; i++) a.put('big', JSON.stringify([i]), fresh, big, ['office', 'units']);
      for (let i = 0; i < 70; i++) a.put('small', JSON.stringify([i]), fresh, i, ['office', 'units']);
      a.flush();
      const kept = opened.raw.prepare('SELECT name, args FROM stored_reads ORDER BY used_at').all() as { name: string; args: string }[];
      expect(kept).toHaveLength(64);
      expect(kept.at(-1)).toEqual({ name: 'small', args: '[69]' });
      for (let i = 0; i < 8; i++) a.put('big', JSON.stringify([i]), fresh, big, ['office', 'units']);
      a.flush();
      const bytes = opened.raw.prepare('SELECT sum(length(value)) FROM stored_reads').pluck().get() as number;
      expect(bytes).toBeLessThanOrEqual(48_000_000);
      expect(opened.raw.prepare("SELECT args FROM stored_reads WHERE name = 'big' ORDER BY used_at").pluck().all()).toEqual([
        '[2]',
        '[3]',
        '[4]',
        '[5]',
        '[6]',
        '[7]',
      ]);
      expect(a.get('late', '[]', key)).toBeUndefined();
    } finally {
      opened.raw.close();
    }
    // The file now holds 48 MB of stored values: its open is checked on a worker (db/open-checked.ts).
    t = await startBackend(tmp.path());
  }, 60_000);
});
