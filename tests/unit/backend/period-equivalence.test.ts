/**
 * Issue 16: the period figures read the records in yearly slices straight from their tables, and the
 * overview folds the registries per unit in memory. These tests hold both to the paths they
 * replaced, on a generated office (Gia Viễn's 2022 seed plus 1.200 seeded records over 2019–2026):
 *
 * - the activity figures (this and the previous period, the whole office and each commune), the
 *   excused occurrences and the per-unit rows equal what the domain counts from the records as
 *   `activities.list` returns them (the rows the service used to count);
 * - each unit's overview block equals the figures the registries' own per-unit functions give
 *   (period.figures for that unit still reads organizations/mass organisations per unit in SQL,
 *   models.summary per unit);
 * - an edited or deleted record changes the figures at once (there is no cache to go stale).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import {
  MAIN_INDICATORS,
  activityFigures,
  countingRules,
  excusedOccurrences,
  previousPeriod,
  type ActivityRecordSets,
} from '../../../shared/domain/period';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import type { UnitDto } from '../../../shared/ipc/contract';
import { yearSlices } from '../../../electron/backend/services/period-records';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { loadGiaVien2022 } from '../../fixtures/activity-seeds';
import { activityApi, fieldsOf, sampleRecords, type AnyRecordInput, type RecordInput } from './activities-records';

const TODAY = '2026-11-22';

/** A small seeded generator (mulberry-style mixing of a Weyl sequence): the same office every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** One record of `kind` on `unitId`, its dates moved into `year` and its counts varied. */
function generated<K extends ActivityKind>(kind: K, communes: readonly UnitDto[], r: ReturnType<typeof rng>): RecordInput<K> {
  const y = r.int(2019, 2026);
  const m = r.int(1, y === 2026 ? 10 : 12);
  const d = r.int(1, 20);
  const on = iso(y, m, d);
  // A commune open on the day (Gia Viễn's communes merged on 1/7/2025) and through the year for awards.
  const open = (u: UnitDto, day: string) => (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || u.validTo >= day);
  const yearEnd = iso(Math.min(y, 2025), 12, 31);
  const unit = r.pick(communes.filter((u) => open(u, on) && open(u, iso(y, m, d + 8)) && (kind !== 'awards' || open(u, yearEnd))));
  const base: AnyRecordInput = sampleRecords(unit.id);
  const later = iso(y, m, d + r.int(0, 8));
  const out: AnyRecordInput = {
    propaganda: { ...base.propaganda, date: on, attendance: r.int(10, 500), leaflets: r.int(0, 300), commitments: r.int(0, 50) },
    events: { ...base.events, date: on, attendance: r.int(50, 900), gifts: r.int(0, 40) },
    tips: { ...base.tips, receivedOn: on, resolvedOn: later, personsHandled: r.int(0, 5), valuable: r.next() < 0.5 },
    mediations: { ...base.mediations, receivedOn: on, closedOn: later },
    incidents: { ...base.incidents, occurredOn: on, count: r.int(1, 4), solved: r.int(0, 1) },
    awards: {
      ...base.awards,
      year: Math.min(y, 2025),
      // Few names, so that recipients repeat (one recipient, several awards) across units and years.
      recipientName: r.pick(['Ban Công an xã', 'Nguyễn Văn An', 'Trần Thị Bình', 'Tổ tự quản số 1']),
      recipient: r.next() < 0.5 ? 'tap_the' : 'ca_nhan',
    },
  };
  return out[kind];
}

const SHARE: Readonly<Record<ActivityKind, number>> = {
  propaganda: 360,
  events: 80,
  tips: 300,
  mediations: 160,
  incidents: 220,
  awards: 80,
};

describe('period figures and overview: the new reading equals the old one on a generated office', () => {
  let b: TestBackend;
  let dir: string;
  let units: UnitDto[];
  let communes: UnitDto[];

  /** The old path: every kind as activities.list rows, counted by the domain. */
  async function reference(from: string, to: string, scope: ReadonlySet<string> | null) {
    const api = activityApi(b);
    const sets = Object.fromEntries(
      await Promise.all(ACTIVITY_KINDS.map(async (k) => [k, await api.list(k, { from: previousPeriod(from, to).from, to })] as const)),
    ) as unknown as ActivityRecordSets;
    const settings = await b.call('period.settings', {});
    const rules = countingRules(settings.categories);
    const inScope = (id: string) => scope === null || scope.has(id);
    const prev = previousPeriod(from, to);
    return {
      current: activityFigures(sets, inScope, from, to, TODAY, rules),
      previous: activityFigures(sets, inScope, prev.from, prev.to, TODAY, rules),
      excused: excusedOccurrences(sets, inScope, from, to).map((e) => e.id),
    };
  }

  const subtree = (id: string) => {
    const out = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of units) if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) grew = Boolean(out.add(u.id));
    }
    return out;
  };

  beforeAll(async () => {
    dir = makeTempDir('antq-period-equiv-');
    b = await startBackend(dir);
    await loadGiaVien2022((m, i) => b.backend.dispatch(m, i));
    units = await b.call('units.list', { includeEnded: true });
    communes = units.filter((u) => u.level === 'xa');
    const r = rng(20_261_205);
    const api = activityApi(b);
    for (const kind of ACTIVITY_KINDS) {
      const records = Array.from({ length: SHARE[kind] }, () => generated(kind, communes, r));
      await b.call('activities.saveMany', api.saveManyInput(kind, records));
    }
  }, 180_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  const PERIODS = [
    ['one year', '2022-01-01', '2022-12-31'],
    ['six months', '2026-01-01', '2026-06-30'],
    ['three years', '2020-01-01', '2022-12-31'],
    ['odd days across years', '2021-03-15', '2024-08-09'],
  ] as const;

  for (const [name, from, to] of PERIODS) {
    it(`whole office, ${name}: every figure, the excused occurrences and the per-unit rows`, async () => {
      const f: PeriodFiguresDto = await b.call('period.figures', { from, to, unitId: null });
      const ref = await reference(from, to, null);
      expect(f.activities.current).toEqual(ref.current);
      expect(f.activities.previous).toEqual(ref.previous);
      expect(f.excused.map((e) => e.id)).toEqual(ref.excused);
      expect(f.activities.current['propaganda.records']).toBeGreaterThan(0);
      // Before the 2025 merges each commune's row is its own subtree; after them, the communes that
      // neither ended nor began (the merged ones roll up through the lineage, period.test.ts).
      const steady = (u: UnitDto) => to < '2025-01-01' || (u.validTo === null && (u.validFrom === null || u.validFrom < '2019-01-01'));
      const checked = f.perUnit.filter((p) => !p.direct && steady(units.find((u) => u.id === p.unitId)!));
      if (to < '2025-01-01') expect(checked.length).toBeGreaterThan(10);
      for (const row of checked) {
        const own = await reference(from, to, subtree(row.unitId));
        for (const k of MAIN_INDICATORS) expect(row.figures[k], `${row.name} ${k}`).toBe(own.current[k]);
      }
    }, 120_000);
  }

  it('one commune: its figures and the previous period equal the old reading', async () => {
    const c = communes[3]!;
    const f: PeriodFiguresDto = await b.call('period.figures', { from: '2021-01-01', to: '2025-12-31', unitId: c.id });
    const ref = await reference('2021-01-01', '2025-12-31', subtree(c.id));
    expect(f.activities.current).toEqual(ref.current);
    expect(f.activities.previous).toEqual(ref.previous);
  }, 60_000);

  it("overview: each unit's block equals the registries' per-unit figures", async () => {
    const o = await b.call('registry.overview', { from: '2022-01-01', to: '2022-12-31', unitId: null });
    expect(o.perUnit.length).toBeGreaterThan(10);
    for (const row of o.perUnit) {
      const p: PeriodFiguresDto = await b.call('period.figures', { from: '2022-01-01', to: '2022-12-31', unitId: row.unitId });
      expect(row.organizations, row.name).toEqual(p.registry.current.organizations);
      expect(row.massOrgs, row.name).toEqual(p.registry.current.massOrgs);
      expect(row.models, row.name).toEqual(await b.call('models.summary', { from: '2022-01-01', to: '2022-12-31', unitId: row.unitId }));
    }
    const whole: PeriodFiguresDto = await b.call('period.figures', { from: '2022-01-01', to: '2022-12-31', unitId: null });
    expect({ organizations: o.organizations, massOrgs: o.massOrgs, models: o.models }).toEqual({
      organizations: whole.registry.current.organizations,
      massOrgs: whole.registry.current.massOrgs,
      models: whole.registry.current.models,
    });
  }, 120_000);

  it('an edited record and a deleted one change the figures at once', async () => {
    const api = activityApi(b);
    const period = { from: '2022-01-01', to: '2022-12-31', unitId: null };
    const before: PeriodFiguresDto = await b.call('period.figures', period);
    const [row] = await api.list('propaganda', { from: '2022-01-01', to: '2022-12-31', category: 'truc_tiep' });
    const fields = fieldsOf<'propaganda'>(row!);
    const id = row!.id;
    await api.save('propaganda', { ...fields, attendance: fields.attendance + 1000 }, id);
    const edited: PeriodFiguresDto = await b.call('period.figures', period);
    expect(edited.activities.current['propaganda.attendance']).toBe(before.activities.current['propaganda.attendance'] + 1000);
    await b.call('activities.delete', { kind: 'propaganda', id });
    const deleted: PeriodFiguresDto = await b.call('period.figures', period);
    expect(deleted.activities.current['propaganda.records']).toBe(before.activities.current['propaganda.records'] - 1);
  }, 60_000);
});

describe('yearSlices', () => {
  it('cuts a period at each 1 January, covering every day once', () => {
    expect(yearSlices('2021-03-15', '2023-02-01')).toEqual([
      { from: '2021-03-15', to: '2021-12-31' },
      { from: '2022-01-01', to: '2022-12-31' },
      { from: '2023-01-01', to: '2023-02-01' },
    ]);
    expect(yearSlices('2026-01-01', '2026-06-30')).toEqual([{ from: '2026-01-01', to: '2026-06-30' }]);
  });
});

describe('period figures as a job', () => {
  let b: TestBackend;
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir('antq-period-job-');
    b = await startBackend(dir);
    await loadGiaVien2022((m, i) => b.backend.dispatch(m, i));
  }, 120_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('reports the records read under its jobId, and a cancelled reading fails with CANCELLED', async () => {
    const jobId = '3f0c9a52-8d1e-4b7a-9c3e-2a6f5d8e1b40';
    await b.call('period.figures', { from: '2013-01-01', to: '2022-12-31', unitId: null, jobId });
    const done = await b.call('jobs.progress', { jobId });
    expect(done).toMatchObject({ finished: true, cancelled: false });
    expect(done!.label).toMatch(/^Đã đọc [\d.]+ bản ghi$/);
    expect(done!.done).toBe(done!.total);

    // The same figures again are kept (read-cache.ts): another period is computed, and can be cancelled.
    const second = '7b1d2e43-5c6f-4a8b-9d0e-1f2a3b4c5d6e';
    const running = b.send('period.figures', { from: '2012-01-01', to: '2022-12-31', unitId: null, jobId: second });
    await b.call('jobs.cancel', { jobId: second });
    const r = await running;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
  }, 60_000);
});
