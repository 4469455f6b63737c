/**
 * The period figures after an edit (issue 16 items 2 and 4): a commit moves only the year slices of
 * its kind that the changed rows were placed in, before and after the change (the TEMP triggers of
 * repos/placement-touch.repo.ts, generations.yearKey), and only that kind's groups are added again
 * (the other kinds' parts kept per frame, services/period-records.ts). Each answer after an edit
 * equals a cold computation (the folder opened again, nothing in memory).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import { TableGenerations } from '../../../electron/backend/db/generations';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { partStats } from '../../../electron/backend/services/period-records';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { installAudit } from '../../../electron/backend/audit/recorder';
import { PLACEMENT_TRIGGER } from '../../../electron/backend/repos/placement-touch.repo';
import { activityApi, sampleRecords, seedPeriodCommunes } from './activities-records';

const tmp = useTempDir('antq-period-years-');
let t: TestBackend;
let communes: UnitDto[];

const TEN_YEARS = { from: '2017-01-01', to: '2026-12-31', unitId: null };
const figures = (p = TEN_YEARS): Promise<PeriodFiguresDto> => t.call('period.figures', p);

/** Slices read and statements run per kind, and parts counted per kind, since `at`. */
type Seen = { statements: number; slices: Record<string, number>; counted: Record<string, number> };
const seen = (): Seen => {
  const at = {
    statements: sliceStats.statements,
    slices: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, sliceStats.queries[k] ?? 0])),
    counted: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, partStats.counted[k] ?? 0])),
  };
  filedAt.set(at, Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, sliceStats.filed[k] ?? 0])));
  return at;
};
/** Year slices taken from the file per kind since `at` (period-slices.ts SlicesInFile). */
const filedAt = new WeakMap<Seen, Record<string, number>>();
const filedSince = (at: Seen): Record<string, number> =>
  Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, (sliceStats.filed[k] ?? 0) - (filedAt.get(at)?.[k] ?? 0)]));
const since = (at: Seen): Seen => {
  const now = seen();
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).flatMap(([k, v]) => (v - b[k]! ? [[k, v - b[k]!]] : [])));
  return { statements: now.statements - at.statements, slices: minus(now.slices, at.slices), counted: minus(now.counted, at.counted) };
};

async function cold(p = TEN_YEARS): Promise<PeriodFiguresDto> {
  t.close();
  t = await startBackend(tmp.path(), t.clock.stamp());
  return figures(p);
}

beforeEach(async () => {
  t = await startBackend(tmp.path());
  communes = await seedPeriodCommunes(t);
}, 60_000);
afterEach(() => t.close());

describe('period figures after an edit: the years and the kind it touches', () => {
  it('a propaganda session saved, moved to another year and deleted: its years read again, its kind added again', async () => {
    const api = activityApi(t);
    const first = await figures();
    let at = seen();
    expect(await figures()).toEqual(first);
    expect(since(at)).toEqual({ statements: 0, slices: {}, counted: {} });

    // Saved in 2020 (inside the ten years): propaganda's 2020 slice, and propaganda's groups alone added again.
    const record = { ...sampleRecords(communes[0]!.id).propaganda, date: '2020-05-04', attendance: 300 };
    at = seen();
    const saved = await api.save('propaganda', record);
    const added = await figures();
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 1 }, counted: { propaganda: 1 } });
    expect(added.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 1);
    expect(added.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 300);
    expect(added.activities.current['tips.total']).toBe(first.activities.current['tips.total']);
    expect(added.activities.previous).toEqual(first.activities.previous);
    const moveAt = seen();

    // Moved to 2012 (the previous ten years): the year it left and the year it entered.
    await api.save('propaganda', { ...record, date: '2012-05-04' }, saved.id);
    const moved = await figures();
    expect(since(moveAt)).toEqual({ statements: 2, slices: { propaganda: 2 }, counted: { propaganda: 1 } });
    expect(moved.activities.current).toEqual(first.activities.current);
    expect(moved.activities.previous['propaganda.records']).toBe(first.activities.previous['propaganda.records'] + 1);

    // Deleted (to the bin): 2012 alone.
    at = seen();
    await t.call('activities.delete', { kind: 'propaganda', id: saved.id });
    expect(await figures()).toEqual(first);
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 1 }, counted: { propaganda: 1 } });
    expect(await cold()).toEqual(first);
  }, 90_000);

  it('records saved together (saveMany, its insert triggers lifted): their years read again, then a single save as before', async () => {
    const api = activityApi(t);
    const first = await figures();
    const base = sampleRecords(communes[1]!.id).propaganda;
    let at = seen();
    await t.call(
      'activities.saveMany',
      api.saveManyInput('propaganda', [
        { ...base, date: '2018-02-02', attendance: 11 },
        { ...base, date: '2024-07-07', attendance: 13 },
        { ...base, date: '2024-08-08', attendance: 17 },
      ]),
    );
    const after = await figures();
    expect(since(at)).toEqual({ statements: 2, slices: { propaganda: 2 }, counted: { propaganda: 1 } });
    expect(after.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 3);
    expect(after.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 41);
    // The triggers are back: one session saved alone moves its own year.
    at = seen();
    await api.save('propaganda', { ...base, date: '2021-03-03', attendance: 5 });
    const one = await figures();
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 1 }, counted: { propaganda: 1 } });
    expect(one.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 4);
    expect(one).toEqual(await cold());
  }, 90_000);

  it('an award and an incident change their own kinds; today moving counts every kind again from the kept slices', async () => {
    const api = activityApi(t);
    const first = await figures();
    let at = seen();
    await api.save('awards', { ...sampleRecords(communes[1]!.id).awards, year: 2018, recipientName: 'Tổ tự quản số 9' });
    await api.save('incidents', { ...sampleRecords(communes[2]!.id).incidents, occurredOn: '2023-03-03' });
    const after = await figures();
    expect(since(at)).toEqual({ statements: 3, slices: { incidents: 1, awards: 1 }, counted: { incidents: 1, awards: 1 } });
    expect(after.activities.current['awards.total']).toBe(first.activities.current['awards.total'] + 1);
    expect(after.activities.current['incidents.records']).toBe(first.activities.current['incidents.records'] + 1);
    expect(after.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records']);

    at = seen();
    t.clock.set('2027-01-05T03:00:00Z');
    const later = await figures();
    // Today is part of a kept part's key (a criminal tip's timing): every kind is added again, no slice read.
    expect(since(at)).toEqual({ statements: 0, slices: {}, counted: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 1])) });
    expect(later).toEqual(await cold());
  }, 90_000);
});

describe("period figures after a restart and an edit: the kinds' parts kept in the file", () => {
  const restart = async () => {
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
  };

  it('the figures read back from the file, then a propaganda edit: propaganda alone counted again, the other kinds read back', async () => {
    const first = await figures();
    await restart();
    let at = seen();
    const filed = partStats.filed;
    // Read back whole from the file: nothing counted, no slice in memory.
    expect(await figures()).toEqual(first);
    expect(since(at)).toEqual({ statements: 0, slices: {}, counted: {} });

    at = seen();
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[0]!.id).propaganda, date: '2020-05-04', attendance: 300 });
    const added = await figures();
    // Propaganda's 2020 alone read (its nineteen other years from the file, under their year counters); the five other kinds' parts from the file.
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 1 }, counted: { propaganda: 1 } });
    expect(filedSince(at).propaganda).toBe(19);
    expect(partStats.filed - filed).toBe(ACTIVITY_KINDS.length - 1);
    expect(added.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 1);
    expect(added.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 300);
    expect(added.activities.previous).toEqual(first.activities.previous);

    // The next edit in this session: the one year touched, as before a restart.
    at = seen();
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[1]!.id).propaganda, date: '2024-06-06', attendance: 7 });
    const again = await figures();
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 1 }, counted: { propaganda: 1 } });
    expect(again.activities.current['propaganda.attendance']).toBe(added.activities.current['propaganda.attendance'] + 7);
    expect(await cold()).toEqual(again);
  }, 90_000);

  it("a kind written by a session that did not look at the figures: that kind counted again, the file's part of it never served", async () => {
    const first = await figures();
    await restart();
    // This session writes a tip and an incident and closes without asking for the figures.
    const tip = await activityApi(t).save('tips', { ...sampleRecords(communes[2]!.id).tips, receivedOn: '2019-09-09' });
    await activityApi(t).save('incidents', { ...sampleRecords(communes[1]!.id).incidents, occurredOn: '2025-02-02' });
    await restart();
    const at = seen();
    const after = await figures();
    expect(since(at).counted).toEqual({ tips: 1, incidents: 1 });
    expect(after.activities.current['tips.total']).toBe(first.activities.current['tips.total'] + 1);
    expect(after.activities.current['incidents.records']).toBe(first.activities.current['incidents.records'] + 1);
    expect(after.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records']);
    // Deleted in yet another session: the figures go back.
    await t.call('activities.delete', { kind: 'tips', id: tip.id });
    await restart();
    const back = await figures();
    expect(back.activities.current['tips.total']).toBe(first.activities.current['tips.total']);
    expect(back).toEqual(await cold());
  }, 90_000);

  it('a unit renamed in between: no part read back (the frame moved), every kind counted again', async () => {
    const first = await figures();
    await restart();
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[0]!.id).propaganda, date: '2021-01-21' });
    const unit = (await t.call('units.list', { includeEnded: false })).find((u) => u.id === communes[0]!.id)!;
    await t.call('units.update', { id: unit.id, name: `${unit.name} mới`, kind: unit.kind, code: unit.code, validFrom: unit.validFrom });
    await restart();
    const [at, filed] = [seen(), partStats.filed];
    const after = await figures();
    expect(partStats.filed - filed).toBe(0);
    expect(Object.keys(since(at).counted).sort()).toEqual([...ACTIVITY_KINDS].sort());
    expect(after.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 1);
    expect(after).toEqual(await cold());
  }, 90_000);
});

describe("period figures after a restart and an edit: each kind's year slices kept in the file under a counter per table and year", () => {
  const restart = async () => {
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
  };
  /** The file's counters of propaganda's years (table_versions rows `propaganda_sessions@year`). */
  const yearCounters = (): Record<string, number> =>
    Object.fromEntries(
      queryAll<{ name: string; version: number }>(
        t.backend.databasePath,
        "SELECT name, version FROM table_versions WHERE name LIKE 'propaganda_sessions@%'",
      ).map((r) => [r.name.slice('propaganda_sessions@'.length), r.version]),
    );

  it('a record moved from a year of the previous period to one of the period: both years read again, both figures change', async () => {
    const api = activityApi(t);
    const record = { ...sampleRecords(communes[0]!.id).propaganda, date: '2012-05-04', attendance: 40 };
    const saved = await api.save('propaganda', record);
    const first = await figures();
    await restart();
    expect(await figures()).toEqual(first);
    const counters = yearCounters();
    await activityApi(t).save('propaganda', { ...record, date: '2020-05-04' }, saved.id);
    // The commit moved the counters of the year the record left and the year it entered, and no other.
    const moved = yearCounters();
    expect(
      Object.keys(moved)
        .filter((y) => moved[y] !== counters[y])
        .sort(),
    ).toEqual(['2012', '2020']);
    const at = seen();
    const after = await figures();
    expect(since(at)).toEqual({ statements: 2, slices: { propaganda: 2 }, counted: { propaganda: 1 } });
    expect(filedSince(at).propaganda).toBe(18);
    expect(after.activities.previous['propaganda.records']).toBe(first.activities.previous['propaganda.records'] - 1);
    expect(after.activities.current['propaganda.records']).toBe(first.activities.current['propaganda.records'] + 1);
    expect(after.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 40);
    expect(await cold()).toEqual(after);
  }, 90_000);

  it('records saved together and a record deleted in a session that did not look: only their years read again', async () => {
    const api = activityApi(t);
    const base = sampleRecords(communes[1]!.id).propaganda;
    const gone = await api.save('propaganda', { ...base, date: '2015-01-15', attendance: 9 });
    const first = await figures();
    await restart();
    // saveMany (its insert triggers lifted, the years noted by set) and a delete, then closed unseen.
    await t.call(
      'activities.saveMany',
      api.saveManyInput('propaganda', [
        { ...base, date: '2018-02-02', attendance: 11 },
        { ...base, date: '2024-07-07', attendance: 13 },
      ]),
    );
    await t.call('activities.delete', { kind: 'propaganda', id: gone.id });
    await restart();
    const at = seen();
    const after = await figures();
    expect(since(at)).toEqual({ statements: 3, slices: { propaganda: 3 }, counted: { propaganda: 1 } });
    expect(filedSince(at).propaganda).toBe(17);
    expect(after.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 24);
    expect(after.activities.previous['propaganda.records']).toBe(first.activities.previous['propaganda.records'] - 1);
    expect(await cold()).toEqual(after);
  }, 90_000);

  it("a write that does not say its years moves the table's any-year counter: every year of it read again, never a stale slice", async () => {
    const first = await figures();
    const path = t.backend.databasePath;
    t.close();
    // Another connection with the audit hook but without the placement triggers (a write path that cannot
    // say which years it touched): the commit moves propaganda's counter and its any-year counter.
    const opened = openDatabase(path, LATEST_VERSION);
    try {
      installAudit(opened, () => new Date('2026-11-22T03:00:00Z'));
      for (const op of ['I', 'U', 'D']) opened.raw.exec(`DROP TRIGGER temp."${PLACEMENT_TRIGGER}propaganda_sessions_${op}"`);
      const any = () => opened.raw.prepare("SELECT version FROM table_versions WHERE name = 'propaganda_sessions@*'").pluck().get() ?? 0;
      const before = any();
      await opened.db.transaction().execute(async (trx) => {
        await sql`UPDATE propaganda_sessions SET attendance = attendance + 1000
          WHERE id = (SELECT min(id) FROM propaganda_sessions WHERE date BETWEEN '2017-01-01' AND '2026-12-31')`.execute(trx);
      });
      expect(any()).toBe((before as number) + 1);
    } finally {
      opened.raw.close();
    }
    t = await startBackend(tmp.path(), t.clock.stamp());
    const at = seen();
    const after = await figures();
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 20 }, counted: { propaganda: 1 } });
    expect(filedSince(at).propaganda).toBe(0);
    expect(after.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 1000);
    expect(await cold()).toEqual(after);
  }, 90_000);

  it("a year's counter moved by another connection is never vouched for by this session's slices", async () => {
    await figures();
    await restart();
    await figures();
    // An edit and a look: propaganda's twenty slices in this session's memory (nineteen from the file).
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[1]!.id).propaganda, date: '2025-05-25', attendance: 1 });
    await figures();
    // Another backend on the folder saves a session of 2021 (its commit moves the file's counter of 2021,
    // which this session's year keys in memory do not see); this session then edits 2019 and closes.
    const other = await startBackend(tmp.path(), t.clock.stamp());
    try {
      await activityApi(other).save('propaganda', { ...sampleRecords(communes[2]!.id).propaganda, date: '2021-04-04', attendance: 77 });
    } finally {
      other.close();
    }
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[0]!.id).propaganda, date: '2019-09-19', attendance: 5 });
    await figures();
    await restart();
    const at = seen();
    await activityApi(t).save('propaganda', { ...sampleRecords(communes[0]!.id).propaganda, date: '2023-03-23', attendance: 3 });
    const after = await figures();
    // 2023 (edited now) and 2021 (the other connection's commit: its slice in the file is under an older counter) read again.
    expect(since(at).slices).toEqual({ propaganda: 2 });
    expect(await cold()).toEqual(after);
  }, 120_000);
});

describe('TableGenerations.yearKey', () => {
  it('moves for the years a commit names, for every year when it names none, and on bumpAll', () => {
    const g = new TableGenerations();
    const k = (year: string) => g.yearKey('tips', year);
    const [y2010, y2026] = [k('2010'), k('2026')];
    g.touched([{ table: 'tips', ids: ['a'], count: 1, years: ['2026'] }]);
    expect(k('2010')).toBe(y2010);
    expect(k('2026')).not.toBe(y2026);
    g.touched([{ table: 'propaganda_sessions', ids: ['b'], count: 1, years: ['2010'] }]);
    expect(k('2010')).toBe(y2010);
    const before = [k('2010'), k('2026')];
    g.touched([{ table: 'tips', ids: ['c'], count: 1 }]);
    expect([k('2010'), k('2026')].every((key, i) => key !== before[i])).toBe(true);
    const again = [k('2010'), k('2026')];
    g.touched([{ table: 'tips', ids: ['d'], count: 1, years: ['*'] }]);
    expect([k('2010'), k('2026')].every((key, i) => key !== again[i])).toBe(true);
    const last = k('2010');
    g.bumpAll();
    expect(k('2010')).not.toBe(last);
  });
});
