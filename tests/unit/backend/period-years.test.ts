/**
 * The period figures after an edit (issue 16 items 2 and 4): a commit moves only the year slices of
 * its kind that the changed rows were placed in, before and after the change (the TEMP triggers of
 * repos/placement-touch.repo.ts, generations.yearKey), and only that kind's groups are added again
 * (the other kinds' parts kept per frame, services/period-records.ts). Each answer after an edit
 * equals a cold computation (the folder opened again, nothing in memory).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import { TableGenerations } from '../../../electron/backend/db/generations';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { partStats } from '../../../electron/backend/services/period-records';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, sampleRecords, seedPeriodCommunes } from './activities-records';

const tmp = useTempDir('antq-period-years-');
let t: TestBackend;
let communes: UnitDto[];

const TEN_YEARS = { from: '2017-01-01', to: '2026-12-31', unitId: null };
const figures = (p = TEN_YEARS): Promise<PeriodFiguresDto> => t.call('period.figures', p);

/** Slices read and statements run per kind, and parts counted per kind, since `at`. */
type Seen = { statements: number; slices: Record<string, number>; counted: Record<string, number> };
const seen = (): Seen => ({
  statements: sliceStats.statements,
  slices: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, sliceStats.queries[k] ?? 0])),
  counted: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, partStats.counted[k] ?? 0])),
});
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
    // Propaganda's twenty years in one statement (none of its slices in memory yet); the five other kinds from the file.
    expect(since(at)).toEqual({ statements: 1, slices: { propaganda: 20 }, counted: { propaganda: 1 } });
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
