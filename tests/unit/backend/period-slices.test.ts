/**
 * The grouped year slices of the period figures (issue 16 item 4, services/period-slices.ts): each
 * kind's year slice is kept until a commit writes a row of that kind placed in that year (before or
 * after the change). Observed through `sliceStats`
 * (how many grouped queries each kind ran): an insert, an edit and a delete of one kind change the
 * next figures and read only that kind again; a unit moved or merged changes the per-unit rows; a
 * restore drops everything; today moving changes the criminal tips' timing. Each changed answer
 * is also compared with a cold computation (the same folder opened again: nothing cached).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, sampleRecords, seedPeriodCommunes } from './activities-records';

const tmp = useTempDir('antq-period-slices-');
let t: TestBackend;
let communes: UnitDto[];

const STATS = [...ACTIVITY_KINDS, 'excused'] as const;
type Counts = Record<(typeof STATS)[number], number>;
const snapshot = (): Counts => Object.fromEntries(STATS.map((k) => [k, sliceStats.queries[k] ?? 0])) as Counts;
const since = (before: Counts): Counts => Object.fromEntries(STATS.map((k) => [k, (sliceStats.queries[k] ?? 0) - before[k]])) as Counts;
const none: Counts = Object.fromEntries(STATS.map((k) => [k, 0])) as Counts;

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const TEN_YEARS = { from: '2017-01-01', to: '2026-12-31', unitId: null };
const figures = (p = YEAR): Promise<PeriodFiguresDto> => t.call('period.figures', p);

/** The same figures computed on a freshly opened backend (nothing cached); `t` is that backend afterwards. */
async function cold(p = YEAR): Promise<PeriodFiguresDto> {
  t.close();
  t = await startBackend(tmp.path(), t.clock.stamp());
  return figures(p);
}

beforeEach(async () => {
  t = await startBackend(tmp.path());
  communes = await seedPeriodCommunes(t);
  const api = activityApi(t);
  for (const c of communes.slice(0, 3))
    await api.save('tips', { ...sampleRecords(c.id).tips, receivedOn: '2025-02-03', resolvedOn: '2025-02-10' });
}, 60_000);
afterEach(() => t.close());

describe('period figures: grouped slices kept per kind', () => {
  it('a repeated call reads nothing again; an insert, edit and delete of tips read only tips again', async () => {
    const api = activityApi(t);
    const first = await figures(TEN_YEARS);
    let at = snapshot();
    expect(await figures(TEN_YEARS)).toEqual(first);
    expect(since(at)).toEqual(none);
    // One year shares its calendar years (2025 as the previous period, 2026) with the ten-year call.
    at = snapshot();
    const year = await figures();
    expect(since(at)).toEqual(none);

    const tip = sampleRecords(communes[0]!.id).tips;
    at = snapshot();
    const saved = await api.save('tips', { ...tip, valuable: false, receivedOn: '2026-09-01', resolvedOn: '2026-09-05' });
    const inserted = await figures();
    expect(inserted.activities.current['tips.total']).toBe(year.activities.current['tips.total'] + 1);
    expect(inserted.activities.current['tips.valuable']).toBe(year.activities.current['tips.valuable']);
    expect(since(at)).toEqual({ ...none, tips: 1 }); // the slice 2026 of tips (the year the tip is placed in), nothing else

    at = snapshot();
    await api.save('tips', { ...tip, valuable: true, receivedOn: '2026-09-01', resolvedOn: '2026-09-05' }, saved.id);
    const edited = await figures();
    expect(edited.activities.current['tips.valuable']).toBe(year.activities.current['tips.valuable'] + 1);
    expect(since(at)).toEqual({ ...none, tips: 1 });

    // An edit that moves the tip into another year (2010, in the ten years' previous period).
    at = snapshot();
    await api.save('tips', { ...tip, valuable: true, receivedOn: '2010-09-01', resolvedOn: '2010-09-05' }, saved.id);
    const moved = await figures(TEN_YEARS);
    expect(moved.activities.current['tips.total']).toBe(first.activities.current['tips.total']);
    expect(moved.activities.previous['tips.total']).toBe(first.activities.previous['tips.total'] + 1);
    expect(since(at)).toEqual({ ...none, tips: 2 }); // the year it left (2026) and the year it entered (2010)

    at = snapshot();
    await t.call('activities.delete', { kind: 'tips', id: saved.id });
    expect(await figures(TEN_YEARS)).toEqual(first);
    expect(since(at)).toEqual({ ...none, tips: 1 });
    expect(await cold(TEN_YEARS)).toEqual(first);
  }, 60_000);

  it('an incident read again keeps the other kinds; its excused occurrences follow it', async () => {
    const api = activityApi(t);
    const before = await figures();
    const at = snapshot();
    const s = sampleRecords(communes[1]!.id).incidents;
    await api.save('incidents', {
      ...s,
      category: 'chay_no',
      solved: 0,
      occurredOn: '2026-07-01',
      excuse: 'bat_kha_khang',
      excuseReason: 'Lũ quét trong đêm',
      excuseApprovedBy: 'Đại úy Lê Minh',
      excuseApprovedOn: '2026-07-05',
    });
    const after = await figures();
    expect(after.excused).toHaveLength(before.excused.length + 1);
    expect(since(at)).toEqual({ ...none, incidents: 1, excused: 1 }); // 2026 only
    expect(await cold()).toEqual(after);
  }, 60_000);

  it('a unit moved to another commune, or merged, changes the per-unit rows', async () => {
    const [a, b] = [communes[0]!, communes[1]!];
    const village = await t.call('units.create', {
      parentId: a.id,
      name: 'Thôn Đồng Mới',
      kind: 'thon',
      code: null,
      validFrom: '2015-01-01',
    });
    await activityApi(t).save('propaganda', { ...sampleRecords(village.id).propaganda, attendance: 1000 });
    const rowOf = (f: PeriodFiguresDto, u: UnitDto) => f.perUnit.find((r) => r.unitId === u.id && !r.direct)!.figures;
    const before = await figures();
    const at = snapshot();
    await t.call('units.move', { id: village.id, newParentId: b.id, effectiveDate: '2025-01-01' });
    const after = await figures();
    expect(rowOf(after, a)['propaganda.attendance']).toBe(rowOf(before, a)['propaganda.attendance'] - 1000);
    expect(rowOf(after, b)['propaganda.attendance']).toBe(rowOf(before, b)['propaganda.attendance'] + 1000);
    expect(since(at).propaganda).toBeGreaterThan(0); // the unit → class partition changed: a new key
    expect(after.activities.current).toEqual(before.activities.current);

    await t.call('units.merge', {
      unitIds: [a.id, b.id],
      effectiveDate: '2026-02-01',
      reason: 'Sắp xếp đơn vị hành chính',
      successor: { mode: 'existing', unitId: b.id },
      note: null,
      transfer: [],
    });
    const merged = await figures();
    expect(merged.perUnit).not.toEqual(after.perUnit);
    expect(await cold()).toEqual(merged);
  }, 60_000);

  it('a restore drops every slice', async () => {
    const made = await t.call('backups.create', {});
    const before = await figures();
    await activityApi(t).save('awards', { ...sampleRecords(communes[2]!.id).awards, year: 2026, recipientName: 'Tổ hòa giải thôn 3' });
    expect((await figures()).activities.current['awards.total']).toBe(before.activities.current['awards.total'] + 1);
    await t.call('backups.restore', { id: made.id });
    const at = snapshot();
    expect(await figures()).toEqual(before);
    for (const kind of ACTIVITY_KINDS) expect(since(at)[kind]).toBe(2);
  }, 60_000);

  it("today moving changes the criminal tips' timing from the kept slices", async () => {
    const tip = sampleRecords(communes[0]!.id).tips;
    // Received 10/11/2026, still being handled: the limit is 30/11/2026 (20 days).
    await activityApi(t).save('tips', { ...tip, receivedOn: '2026-11-10', status: 'dang_xu_ly', outcome: null, resolvedOn: null });
    t.clock.set('2026-11-22T03:00:00Z');
    const inTime = await figures();
    t.clock.set('2026-12-05T03:00:00Z');
    const at = snapshot();
    const late = await figures();
    expect(since(at)).toEqual(none); // no table moved: the same slices, timed against the new today
    expect(late.activities.current['tips.withinLimit']).toBe(inTime.activities.current['tips.withinLimit'] - 1);
    expect(late.activities.current['tips.overdue']).toBe(inTime.activities.current['tips.overdue'] + 1);
    expect(await cold()).toEqual(late);
  }, 60_000);
});
