/** The dashboard's pure part (shared/domain/dashboard.ts): years, gaps, key figures, the ranking. */
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_CHARTS,
  DASHBOARD_FIGURE_KEYS,
  DASHBOARD_KEY_FIGURES,
  dashboardYears,
  keyFigures,
  presentSources,
  rankUnits,
  sourceOf,
  yearFigures,
  type RankableUnit,
} from '../../../shared/domain/dashboard';
import { INDICATOR_BY_KEY, MAIN_INDICATORS, type MainIndicatorKey } from '../../../shared/domain/period';

function unit(name: string, values: Partial<Record<MainIndicatorKey, number>>, direct = false): RankableUnit {
  const figures = Object.fromEntries(MAIN_INDICATORS.map((k) => [k, values[k] ?? 0])) as Record<MainIndicatorKey, number>;
  return { unitId: `id-${name}`, name, direct, endedOn: null, figures };
}

describe('dashboard years and figures', () => {
  it('covers five years ending with the chosen one, oldest first', () => {
    expect(dashboardYears(2022)).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(dashboardYears(2025, 3)).toEqual([2023, 2024, 2025]);
  });

  it('names only figures the period figures or the recognitions give, each with a source', () => {
    for (const key of DASHBOARD_FIGURE_KEYS) {
      if (!key.startsWith('recognised.')) expect(INDICATOR_BY_KEY.has(key as never), key).toBe(true);
      expect(() => sourceOf(key)).not.toThrow();
    }
    expect(new Set(DASHBOARD_FIGURE_KEYS).size).toBe(DASHBOARD_FIGURE_KEYS.length);
    expect(sourceOf('incidents.group.te_nan')).toBe('incidents');
    expect(sourceOf('recognised.xa')).toBe('recognition');
    expect(sourceOf('massOrgs.members')).toBe('massOrgs');
    // Solid colours (a projector, and exports that cannot read CSS variables).
    for (const c of DASHBOARD_CHARTS) for (const s of c.series) expect(s.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('finds the sources of a year from what the office holds', () => {
    const none = { activities: {}, models: { models: 0, sites: 0 }, massOrgs: { organizations: 0 }, decisions: false };
    expect(presentSources(none)).toEqual(new Set());
    const some = presentSources({
      activities: { 'propaganda.records': 3, 'tips.total': 0, 'incidents.records': 1, 'propaganda.sessions': 0 },
      models: { models: 0, sites: 2 },
      massOrgs: { organizations: 0 },
      decisions: true,
    });
    // Publications only (no session) still mean propaganda was recorded that year.
    expect([...some].sort()).toEqual(['incidents', 'models', 'propaganda', 'recognition']);
  });

  it('makes a figure of a source without data null, and keeps a real 0', () => {
    const f = yearFigures({ 'propaganda.sessions': 0, 'tips.total': 12, 'models.sites': 0 }, new Set(['propaganda', 'tips']));
    expect(f['propaganda.sessions']).toBe(0);
    expect(f['tips.total']).toBe(12);
    expect(f['models.sites']).toBeNull();
    // A source present but a figure not given at all stays a gap too.
    expect(f['tips.valuable']).toBeNull();
  });

  it('gives the change from last year only when both years have data', () => {
    const now = yearFigures({ 'propaganda.sessions': 230, 'tips.total': 300 }, new Set(['propaganda', 'tips']));
    const before = yearFigures({ 'propaganda.sessions': 200 }, new Set(['propaganda']));
    const k = keyFigures(now, before);
    expect(k.map((x) => x.key)).toEqual(DASHBOARD_KEY_FIGURES.map((x) => x.key));
    expect(k[0]).toEqual({
      key: 'propaganda.sessions',
      value: 230,
      previous: 200,
      change: { value: 230, previous: 200, difference: 30, percent: 15, text: 'tăng 30 (15,0%)' },
    });
    expect(k.find((x) => x.key === 'tips.total')).toEqual({ key: 'tips.total', value: 300, previous: null, change: null });
  });
});

describe('rankUnits', () => {
  const rows = [
    unit('Xã Tả Van', { 'tips.total': 40 }),
    unit('Phường Sa Pa', { 'tips.total': 70 }),
    unit('Xã Bản Hồ', { 'tips.total': 40 }),
    unit('Xã Âu Lâu', { 'tips.total': 10 }),
    unit('Huyện (trực tiếp)', { 'tips.total': 99 }, true),
  ];

  it('orders highest first, ties share a rank and follow Vietnamese order of names', () => {
    const r = rankUnits(rows, 'tips.total');
    expect(r.map((x) => [x.rank, x.name, x.value])).toEqual([
      [1, 'Phường Sa Pa', 70],
      [2, 'Xã Bản Hồ', 40],
      [2, 'Xã Tả Van', 40],
      [4, 'Xã Âu Lâu', 10],
    ]);
  });

  it('leaves out the records entered on the chosen unit itself, and gives each share of the ranked total', () => {
    const r = rankUnits(rows, 'tips.total');
    expect(r.some((x) => x.name.startsWith('Huyện'))).toBe(false);
    expect(r.map((x) => x.share)).toEqual([43.8, 25, 25, 6.3]);
    expect(rankUnits(rows, 'awards.total').every((x) => x.share === null && x.rank === 1)).toBe(true);
  });
});
