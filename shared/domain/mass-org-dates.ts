/**
 * Calendar arithmetic for mass organisations on ISO dates (UTC, no time of day): terms, the HD01
 * rating period 15/11(Y-1)–14/11(Y), overlaps and the nine-month threshold. Pure.
 */
import { formatDateVi } from '../lib/dates';

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on ISO dates (UTC, no time of day)
// ---------------------------------------------------------------------------------------------

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return toIso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Same day `months` later; a day the target month lacks becomes its last day (31/05 + 1 → 30/06). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const targetMonth = m - 1 + months;
  const last = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(y, targetMonth, Math.min(d, last))));
}

export interface DateSpan {
  from: string;
  /** Inclusive. */
  to: string;
}

/** The Tổ bảo vệ ANTT rating period of year Y: 15/11/(Y-1) to 14/11/Y inclusive (HD01). */
export function ratingPeriod(year: number): DateSpan {
  return { from: `${year - 1}-11-15`, to: `${year}-11-14` };
}

/** The rating year a date falls in: from 15 November on, the next year's period has begun. */
export function ratingYearOf(iso: string): number {
  const [y, m, d] = parts(iso);
  return m > 11 || (m === 11 && d >= 15) ? y + 1 : y;
}

/** The part of [from, to] (to = null: still running) inside the span, or null if none. */
export function overlap(from: string, to: string | null, span: DateSpan): DateSpan | null {
  const start = from > span.from ? from : span.from;
  const end = to !== null && to < span.to ? to : span.to;
  return start <= end ? { from: start, to: end } : null;
}

/**
 * The last day of a term of `months` months whose first day is `from`: the day before the same
 * day-of-month `months` later, so 15/11/2025 + 9 months ends on 14/08/2026 and 01/12/2025 + 9
 * months on 31/08/2026 (the HD01 period 15/11–14/11 is twelve months the same way). When the
 * target month has no such day, the term ends on that month's last day, as Bộ luật Dân sự 2015
 * Art. 148 says: a membership from 31/05/2025 completes nine months at the end of 28/02/2026.
 */
export function termEnd(from: string, months: number): string {
  const [y, m, d] = parts(from);
  const target = m - 1 + months;
  const last = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  return d <= last ? toIso(new Date(Date.UTC(y, target, d - 1))) : toIso(new Date(Date.UTC(y, target, last)));
}

/** Whole months and remaining days of an inclusive span: 15/11/2025–14/08/2026 is 9 months 0 days. */
export function spanLength(span: DateSpan): { months: number; days: number } {
  let months = 0;
  while (termEnd(span.from, months + 1) <= span.to) months++;
  const lastFullMonth = termEnd(span.from, months);
  const days = Math.round((Date.parse(span.to) - Date.parse(lastFullMonth)) / 86_400_000);
  return { months, days };
}

export function spanLengthText(span: DateSpan): string {
  const { months, days } = spanLength(span);
  if (months === 0) return `${days} ngày`;
  return days === 0 ? `${months} tháng` : `${months} tháng ${days} ngày`;
}

/** At least nine months: HD01's threshold for rating a team or a member. */
export function coversNineMonths(span: DateSpan | null): boolean {
  return span !== null && termEnd(span.from, 9) <= span.to;
}

export function periodText(year: number): string {
  const p = ratingPeriod(year);
  return `${formatDateVi(p.from)} – ${formatDateVi(p.to)}`;
}
