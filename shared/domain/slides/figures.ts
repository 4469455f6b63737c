/**
 * Figures of the deck over the years: which year holds data of a kind (a year without a single
 * record of the kind is "thiếu dữ liệu", not zero), the big figures with last year's, and the
 * five-year charts (shared ReportChart shape, the same as the report's charts).
 */
import type { ReportChart } from '../report/document';
import { compare, INDICATOR_BY_KEY, type IndicatorKey } from '../period';
import { formatIntVi } from '../../lib/numbers';
import type { BigFigure } from './types';

/** The figures of one (statistical) year, as period.figures gives them for the year. */
export interface YearFigures {
  year: number;
  values: Partial<Record<IndicatorKey, number>>;
}

/** Groups of figures and the figure whose zero means nothing was entered for the year. */
export const PRESENCE = {
  propaganda: 'propaganda.records',
  tips: 'tips.total',
  models: 'models.models',
  massOrgs: 'massOrgs.organizations',
  awards: 'awards.total',
} as const satisfies Record<string, IndicatorKey>;
export type FigureGroup = keyof typeof PRESENCE;

function groupOf(key: IndicatorKey): FigureGroup | null {
  const head = key.split('.')[0];
  return head && head in PRESENCE ? (head as FigureGroup) : null;
}

/** A figure of a year, or null when the year holds no data of its kind ("thiếu dữ liệu"). */
export function valueOf(y: YearFigures | undefined, key: IndicatorKey): number | null {
  if (!y) return null;
  const group = groupOf(key);
  if (group !== null && (y.values[PRESENCE[group]] ?? 0) === 0) return null;
  return y.values[key] ?? null;
}

export const MISSING = 'thiếu dữ liệu';

/** A big figure of `year` with the year before and the change ("tăng 12 (6,1%)"). */
export function bigFigure(years: readonly YearFigures[], year: number, key: IndicatorKey, label?: string): BigFigure {
  const def = INDICATOR_BY_KEY.get(key);
  const now = valueOf(
    years.find((y) => y.year === year),
    key,
  );
  const before = valueOf(
    years.find((y) => y.year === year - 1),
    key,
  );
  const c = now !== null && before !== null ? compare(now, before) : null;
  return {
    label: label ?? def?.label ?? key,
    value: now === null ? null : formatIntVi(now),
    unit: def?.unit ?? '',
    previous: `Năm ${year - 1}: ${before === null ? MISSING : formatIntVi(before)}`,
    change: c === null ? null : c.difference === 0 ? 'bằng năm trước' : c.text,
    trend: c === null ? null : c.difference > 0 ? 'up' : c.difference < 0 ? 'down' : 'same',
  };
}

/** A bar chart of indicators over the years (ascending), a missing year as a gap. */
export function yearChart(
  years: readonly YearFigures[],
  title: string,
  unit: string,
  series: readonly { key: IndicatorKey; name?: string }[],
): ReportChart {
  return {
    title,
    type: 'bar',
    categories: years.map((y) => String(y.year)),
    series: series.map((s) => ({
      name: s.name ?? INDICATOR_BY_KEY.get(s.key)?.label ?? s.key,
      values: years.map((y) => valueOf(y, s.key)),
    })),
    unit,
  };
}

/** "Thiếu dữ liệu: năm 2018, 2019." for the years with a gap in any of the charts; null when none. */
export function missingNote(charts: readonly ReportChart[]): string | null {
  const gaps = new Set<string>();
  for (const c of charts) for (const s of c.series) s.values.forEach((v, i) => v === null && gaps.add(c.categories[i] ?? ''));
  if (gaps.size === 0) return null;
  const list = [...gaps].sort();
  return `Thiếu dữ liệu (chưa nhập số liệu): năm ${list.join(', ')}.`;
}
