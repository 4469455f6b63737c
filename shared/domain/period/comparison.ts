/** Comparison with the previous equal period: value, previous, difference and percent change. */
import { percentVi } from '../overview';
import { formatDecimalVi, formatIntVi } from '../../lib/numbers';
import {
  INDICATORS,
  INDICATOR_BY_KEY,
  type ActivityIndicatorKey,
  type DerivedKey,
  type IndicatorFormat,
  type IndicatorKey,
  type PeriodSection,
} from './indicators';

/** Rounded half up to one decimal, on the exact fraction (as percentVi). */
export function tenthsPercent(part: number, whole: number): number {
  return Math.floor((part * 1000) / whole + 0.5) / 10;
}

export interface Comparison {
  value: number;
  previous: number;
  difference: number;
  /** Change in percent of the previous value, one decimal, rounded half up; null when previous is 0 (or for rates). */
  percent: number | null;
  /** "tăng 12 (10,5%)", "giảm 212 (22,5%)", "tăng 5", "bằng kỳ trước". */
  text: string;
}

function formatValue(v: number, format: IndicatorFormat): string {
  return format === 'percent' ? `${formatDecimalVi(v, 1)}%` : formatIntVi(v);
}

export function compare(value: number, previous: number, format: IndicatorFormat = 'int'): Comparison {
  const difference = format === 'percent' ? Math.round((value - previous) * 10) / 10 : value - previous;
  if (difference === 0) return { value, previous, difference: 0, percent: null, text: 'bằng kỳ trước' };
  const word = difference > 0 ? 'tăng' : 'giảm';
  if (format === 'percent') {
    return { value, previous, difference, percent: null, text: `${word} ${formatDecimalVi(Math.abs(difference), 1)} điểm phần trăm` };
  }
  if (previous === 0) return { value, previous, difference, percent: null, text: `${word} ${formatIntVi(Math.abs(difference))}` };
  const percent = Math.sign(difference) * tenthsPercent(Math.abs(difference), Math.abs(previous));
  return {
    value,
    previous,
    difference,
    percent,
    text: `${word} ${formatIntVi(Math.abs(difference))} (${percentVi(Math.abs(difference), Math.abs(previous))})`,
  };
}

export interface ComparisonRow extends Comparison {
  key: IndicatorKey;
  section: PeriodSection;
  label: string;
  unit: string;
  depth: 0 | 1;
  format: IndicatorFormat;
  /** False for a rate or an average over nothing (no sessions, no cases): shown as "—", not 0. */
  hasValue: boolean;
  hasPrevious: boolean;
  /** The figure has no data behind it (no rating, no score entered): "thiếu dữ liệu", never 0. */
  missing: boolean;
  missingPrevious: boolean;
}

/** What each rate or average is taken over: without any, it has no value. */
const DERIVED_BASE: Readonly<Record<DerivedKey, ActivityIndicatorKey>> = {
  'propaganda.minutesPerSession': 'propaganda.loudspeakerSessions',
  'mediations.successRate': 'mediations.total',
  'incidents.solvedRate': 'incidents.crimes',
};

/**
 * Figures that are missing data, not zero, when nothing was entered: ratings and classes exist only
 * once someone rated or scored (the headline counts them).
 */
function missingBase(key: IndicatorKey): IndicatorKey | undefined {
  if (key.startsWith('teams.')) return 'teams.rated';
  const m = /^classes\.([a-z_]+)\./.exec(key);
  return m ? (`classes.${m[1]}.total` as IndicatorKey) : undefined;
}

/** Every indicator in the report's order with this period's value, the previous one and the change. */
export function compareFigures(
  current: Partial<Record<IndicatorKey, number>>,
  previous: Partial<Record<IndicatorKey, number>>,
): ComparisonRow[] {
  const out: ComparisonRow[] = [];
  for (const x of INDICATORS) {
    const v = current[x.key];
    if (v === undefined) continue;
    const p = previous[x.key] ?? 0;
    const missingOf = missingBase(x.key);
    const base = (DERIVED_BASE as Partial<Record<IndicatorKey, ActivityIndicatorKey>>)[x.key] ?? missingOf;
    const hasValue = base === undefined || (current[base] ?? 0) > 0;
    const hasPrevious = base === undefined || (previous[base] ?? 0) > 0;
    const c = hasValue && hasPrevious ? compare(v, p, x.format) : { value: v, previous: p, difference: 0, percent: null, text: '—' };
    out.push({
      key: x.key,
      section: x.section,
      label: x.label,
      unit: x.unit,
      depth: x.depth,
      format: x.format,
      ...c,
      hasValue,
      hasPrevious,
      missing: missingOf !== undefined && !hasValue,
      missingPrevious: missingOf !== undefined && !hasPrevious,
    });
  }
  return out;
}

/** "12 (10,5%)" as a report writes it, formatted per the indicator. */
export function formatIndicator(key: IndicatorKey, v: number): string {
  return formatValue(v, INDICATOR_BY_KEY.get(key)?.format ?? 'int');
}
