/**
 * dashboard.get through the real backend on the fixture that reproduces the Sa Pa seed page
 * (2020–2022: 631 buổi, 51.511 lượt người, 924 nguồn tin of which 345 valuable): the five-year
 * series sum to the page's figures, every year equals period.figures for that year, years without
 * data are null (never 0), the change from last year, the commune ranking, a recognition decision
 * in the series, one commune's scope, refusals.
 */
import { formatIntVi } from '../../../shared/lib/numbers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto } from '../../../shared/ipc/contracts/dashboard.contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import { compare } from '../../../shared/domain/period';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';
import { LAI_CHAU_SETUP } from '../../support/offices';
import { sampleRecords } from './activities-records';
import { SAPA_FIGURES, loadSaPaActivities, setupSaPaOffice, type Call } from '../../fixtures/activity-seeds';

const callOf =
  (b: TestBackend): Call =>
  (m, i) =>
    b.backend.dispatch(m, i);

const sumOver = (d: DashboardDto, key: keyof DashboardDto['series'][number]['figures']) =>
  d.series.reduce((a, y) => a + (y.figures[key] ?? 0), 0);

describe('dashboard on Sa Pa 2020–2022', () => {
  let b: TestBackend;
  let dir: string;
  let d: DashboardDto;
  let years: PeriodFiguresDto[];
  beforeAll(async () => {
    dir = makeTempDir('antq-dashboard-sapa-');
    b = await startBackend(dir);
    await setupSaPaOffice(callOf(b));
    await loadSaPaActivities(callOf(b));
    const started = Date.now();
    d = await b.call('dashboard.get', { year: 2022, unitId: null });
    console.log(`dashboard.get (Sa Pa, whole office): ${Date.now() - started} ms`);
    years = await Promise.all(
      [2020, 2021, 2022].map((y) => b.call('period.figures', { from: `${y}-01-01`, to: `${y}-12-31`, unitId: null })),
    );
  }, 120_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('covers the five years ending with the chosen one, and the series sum to the page', () => {
    expect(d.series.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(sumOver(d, 'propaganda.sessions')).toBe(SAPA_FIGURES.sessions);
    expect(sumOver(d, 'propaganda.attendance')).toBe(SAPA_FIGURES.attendance);
    expect(sumOver(d, 'tips.total')).toBe(SAPA_FIGURES.tips);
    expect(sumOver(d, 'tips.valuable')).toBe(SAPA_FIGURES.valuableTips);
  });

  it('gives each year the period figures of that year', () => {
    for (const [i, f] of years.entries()) {
      const y = d.series[i + 2]!;
      expect(y.year).toBe(2020 + i);
      expect(y.figures['propaganda.sessions']).toBe(f.activities.current['propaganda.sessions']);
      expect(y.figures['propaganda.attendance']).toBe(f.activities.current['propaganda.attendance']);
      expect(y.figures['tips.valuable']).toBe(f.activities.current['tips.valuable']);
      expect(y.figures['propaganda.sessions']).toBeGreaterThan(150);
    }
  });

  it('leaves the years and sources without data as gaps, never 0', () => {
    for (const y of d.series.slice(0, 2)) {
      expect(y.present).toEqual([]);
      expect(Object.values(y.figures).every((v) => v === null)).toBe(true);
    }
    const y2022 = d.series[4]!;
    expect(y2022.present.sort()).toEqual(['propaganda', 'tips']);
    // No incident statistics, models, mass organisations or decisions were entered.
    expect(y2022.figures['incidents.crimes']).toBeNull();
    expect(y2022.figures['models.sites']).toBeNull();
    expect(y2022.figures['massOrgs.organizations']).toBeNull();
    expect(y2022.figures['recognised.xa']).toBeNull();
  });

  it('gives the key figures of the year with last year and the change', () => {
    const sessions = d.keyFigures.find((k) => k.key === 'propaganda.sessions')!;
    const now = years[2]!.activities.current['propaganda.sessions'];
    const before = years[1]!.activities.current['propaganda.sessions'];
    expect(sessions.value).toBe(now);
    expect(sessions.previous).toBe(before);
    expect(sessions.change).toEqual(compare(now, before));
    // The same change as "Số liệu theo kỳ" says for 2022.
    expect(sessions.change!.text).toBe(years[2]!.comparison.find((r) => r.key === 'propaganda.sessions')!.text);
    const crimes = d.keyFigures.find((k) => k.key === 'incidents.crimes')!;
    expect(crimes).toEqual({ key: 'incidents.crimes', value: null, previous: null, change: null });
  });

  it('ranks the communes on each indicator from the per-unit figures, and they add up', () => {
    const rows = d.rankings['propaganda.attendance'];
    expect(rows).toHaveLength(16);
    expect(rows.reduce((a, r) => a + r.value, 0)).toBe(years[2]!.activities.current['propaganda.attendance']);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i - 1]!.value).toBeGreaterThanOrEqual(rows[i]!.value);
      expect(rows[i]!.rank).toBe(rows[i - 1]!.value === rows[i]!.value ? rows[i - 1]!.rank : i + 1);
    }
    const perUnit = new Map(years[2]!.perUnit.map((u) => [u.unitId, u.figures['propaganda.attendance']]));
    for (const r of rows) expect(r.value).toBe(perUnit.get(r.unitId));
    // No incident statistics in 2022: no ranking rather than sixteen zeros.
    expect(d.rankings['incidents.crimes']).toEqual([]);
  });

  it('scopes to one commune, whose series are its own row of the breakdown', async () => {
    const row = d.rankings['tips.total'][0]!;
    const one = await b.call('dashboard.get', { year: 2022, unitId: row.unitId });
    expect(one.unitName).toBe(row.name);
    expect(one.series[4]!.figures['tips.total']).toBe(row.value);
    // Sources are judged office-wide: the commune's years 2018–2019 are gaps, 2020 has figures.
    expect(one.series[0]!.figures['tips.total']).toBeNull();
    expect(one.series[2]!.figures['tips.total']).not.toBeNull();
  });

  it('counts a recognition decision in its year and kind', async () => {
    const commune = d.rankings['tips.total'][1]!;
    const k = { subjectType: 'unit' as const, subjectId: commune.unitId, year: 2022 };
    await b.call('evaluation.register', {
      ...k,
      registeredOn: '2022-02-15',
      resolutionNumber: '05-NQ/ĐU',
      resolutionDate: '2022-01-20',
      resolutionForm: 'chuyen_de_rieng',
      planNumber: '12/KH',
      planDate: '2022-02-10',
      householdsRegistered: null,
      staffBriefed: null,
      staffTotal: null,
      departmentsGood: null,
      departmentsTotal: null,
      note: null,
    });
    await b.call('evaluation.advance', { ...k, step: 'tu_danh_gia', date: '2022-11-05', chair: 'Chủ tịch UBND xã' });
    await b.call('evaluation.advance', { ...k, step: 'de_nghi', date: '2022-11-07', number: '15/TTr' });
    await b.call('evaluation.advance', { ...k, step: 'tham_dinh', date: '2022-11-10', by: 'Công an huyện' });
    await b.call('evaluation.advance', {
      ...k,
      step: 'quyet_dinh',
      date: '2022-11-12',
      outcome: 'cong_nhan',
      number: '120/QĐ-UBND',
      signer: 'Chủ tịch UBND huyện',
      reason: 'Hội đồng xét các tiêu chí còn thiếu dữ liệu',
    });
    const after = await b.call('dashboard.get', { year: 2022, unitId: null });
    expect(after.series[4]!.figures['recognised.xa']).toBe(1);
    expect(after.series[4]!.figures['recognised.khu_dan_cu']).toBe(0);
    expect(after.series[3]!.figures['recognised.xa']).toBeNull();
    const kdc = after.keyFigures.find((f) => f.key === 'recognised.khu_dan_cu')!;
    expect(kdc).toMatchObject({ value: 0, previous: null, change: null });
  });

  it('refuses an unknown unit and a year out of range, in Vietnamese', async () => {
    const u = await b.fail('dashboard.get', { year: 2022, unitId: '6b1c3a52-8a7e-4d6f-9a55-0c7f1f6f2b11' });
    expect(u.code).toBe('NOT_FOUND');
    expect(isVietnameseMessage(u.message)).toBe(true);
    const y = await b.fail('dashboard.get', { year: 1890, unitId: null });
    expect(y.code).toBe('VALIDATION');
    expect(isVietnameseMessage(y.message)).toBe(true);
  });

  // Last in this block: it changes the office's settings.
  it('counts the office statistical year, the same year the slides and the period screen show', async () => {
    const categories = (await b.call('period.settings', {})).categories;
    await b.call('period.saveSettings', { statYearStart: '07-01', categories });
    const stat = await b.call('period.figures', { from: '2021-07-01', to: '2022-06-30', unitId: null });
    const attendance = stat.activities.current['propaganda.attendance'];
    expect(attendance).not.toBe(years[2]!.activities.current['propaganda.attendance']);
    const d2 = await b.call('dashboard.get', { year: 2022, unitId: null });
    expect(d2.series[4]!.figures['propaganda.attendance']).toBe(attendance);
    expect(d2.series[3]!.figures['propaganda.attendance']).toBe(stat.activities.previous['propaganda.attendance']);
    const deck = await b.call('slides.deck', { year: 2022, unitId: null });
    const key = deck.slides.find((x) => x.kind === 'figures' && x.key === 'key-figures');
    expect(key?.kind === 'figures' ? key.figures[1]!.value : null).toBe(formatIntVi(attendance));
  });
});

describe('dashboard at the province', () => {
  it('covers the whole province like the overview, with the communes ranked', async () => {
    const dir = makeTempDir('antq-dashboard-province-');
    const b = await startBackend(dir);
    try {
      await b.call('office.setup', LAI_CHAU_SETUP);
      const units = await b.call('units.list', { includeEnded: false });
      const doanKet = units.find((u) => u.name === 'Phường Đoàn Kết')!;
      const binhLu = units.find((u) => u.name === 'Xã Bình Lư')!;
      await b.call('activities.save', {
        kind: 'propaganda',
        id: null,
        record: { ...sampleRecords(doanKet.id).propaganda, attendance: 50 },
      });
      await b.call('activities.save', { kind: 'propaganda', id: null, record: { ...sampleRecords(binhLu.id).propaganda, attendance: 70 } });
      const d = await b.call('dashboard.get', { year: 2026, unitId: null });
      const f = await b.call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: null });
      expect(d.province).toBe(true);
      expect(d.unitName).toBe(f.unitName);
      const attendance = d.keyFigures.find((k) => k.key === 'propaganda.attendance')!;
      expect(attendance.value).toBe(f.activities.current['propaganda.attendance']);
      expect(attendance.value).toBe(120);
      const top = d.rankings['propaganda.attendance'].slice(0, 2);
      expect(top.map((r) => [r.rank, r.value])).toEqual([
        [1, 70],
        [2, 50],
      ]);
      expect(d.units).toBe(f.perUnit.filter((u) => !u.direct).length);
    } finally {
      b.close();
      removeDir(dir);
    }
  }, 60_000);
});
