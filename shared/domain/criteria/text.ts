/**
 * Number and percentage wording for criteria results, as the offices write them (51.511; 72,0%).
 *
 * Percentages are truncated, not rounded, to one decimal: a share that fails a threshold must never
 * be shown as reaching it (69,96 % of a 70 % rule reads "69,9%", not "70,0%"). They are computed
 * from integers, so the text is exact and the same on every machine.
 */
import { formatIntVi } from '../../lib/numbers';

// Decimals are assembled from integers rather than with a new Intl.NumberFormat per call (that
// costs ~0,1 ms each, and a province evaluates thousands of units); the result matches vi-VN.

/** "72,0%" for 18/25: one decimal, truncated. Caller guarantees den > 0 and num ≥ 0. */
export function percentText(num: number, den: number): string {
  const scaled = num * 1000;
  const tenths = (scaled - (scaled % den)) / den;
  return `${formatIntVi((tenths - (tenths % 10)) / 10)},${tenths % 10}%`;
}

/** A threshold or score as given, at most two decimals: 70 → "70", 95.5 → "95,5", 87.25 → "87,25". */
export function numberText(n: number): string {
  const h = Math.round(n * 100);
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  const whole = formatIntVi((a - (a % 100)) / 100);
  const frac = a % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole},${frac % 10 === 0 ? String(frac / 10) : String(frac).padStart(2, '0')}`;
}

export function intText(n: number): string {
  return formatIntVi(n);
}

/** Joins phrases with "; " — the separator of value cells. */
export function joinParts(parts: readonly string[]): string {
  return parts.join('; ');
}

/** "Thôn 1, Thôn 2, Thôn 3 và 4 đơn vị khác" — lists stay readable on a unit with many children. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} và ${names.length - max} đơn vị khác`;
}

export function capitalise(s: string): string {
  return s.length ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}
