/** Periods (domain.md §8): the previous equal period and how a report names a period. */
import { addDaysIso, addMonthsIso, daysInclusive, formatDateVi } from '../../lib/dates';

export interface DatePeriod {
  from: string;
  to: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const y = (iso: string) => Number(iso.slice(0, 4));
const m = (iso: string) => Number(iso.slice(5, 7));
const d = (iso: string) => Number(iso.slice(8, 10));
const pad2 = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(iso: string): boolean {
  return addDaysIso(iso, 1).slice(8, 10) === '01';
}

/** Number of whole calendar years (1 January … 31 December), or null. */
export function wholeYears(p: DatePeriod): number | null {
  if (!p.from.endsWith('-01-01') || !p.to.endsWith('-12-31') || p.to < p.from) return null;
  return y(p.to) - y(p.from) + 1;
}

/** Number of whole calendar months (the 1st … the last day of a month), or null. */
export function wholeMonths(p: DatePeriod): number | null {
  if (d(p.from) !== 1 || !lastDayOfMonth(p.to) || p.to < p.from) return null;
  return (y(p.to) - y(p.from)) * 12 + (m(p.to) - m(p.from)) + 1;
}

/**
 * Number of whole years counted from any day (15/12/2025 … 14/12/2026 is one: a statistical year),
 * or null. Whole calendar years are the case that starts on 1 January.
 */
export function anniversaryYears(p: DatePeriod): number | null {
  if (p.to < p.from) return null;
  const n = y(p.to) - y(p.from) + (p.to.slice(5) >= p.from.slice(5) ? 1 : 0);
  return n >= 1 && addDaysIso(addMonthsIso(p.from, 12 * n), -1) === p.to ? n : null;
}

/**
 * The previous equal period: whole calendar years shift by their number of years (2020–2022 →
 * 2017–2019), whole months by their number of months (Jan–Jun 2026 → Jul–Dec 2025), whole years
 * from another day (a statistical year 15/12–14/12) by their number of years, any other period by
 * its number of days, ending the day before it starts.
 */
export function previousPeriod(from: string, to: string): DatePeriod {
  const p = { from, to };
  const years = wholeYears(p);
  if (years !== null) return { from: `${y(p.from) - years}-01-01`, to: `${y(p.to) - years}-12-31` };
  const months = wholeMonths(p);
  if (months !== null) return { from: addMonthsIso(p.from, -months), to: addDaysIso(p.from, -1) };
  const anniversaries = anniversaryYears(p);
  if (anniversaries !== null) return { from: addMonthsIso(p.from, -12 * anniversaries), to: addDaysIso(p.from, -1) };
  const days = daysInclusive(p.from, p.to);
  return { from: addDaysIso(p.from, -days), to: addDaysIso(p.from, -1) };
}

type Shape =
  | { kind: 'year'; year: number }
  | { kind: 'years'; count: number; first: number; last: number }
  | { kind: 'half'; first: boolean; year: number }
  | { kind: 'quarter'; q: number; year: number }
  | { kind: 'month'; month: number; year: number }
  | { kind: 'firstMonths'; count: number; year: number }
  | { kind: 'monthsInYear'; first: number; last: number; year: number }
  | { kind: 'months'; from: string; to: string }
  | { kind: 'day'; on: string }
  | { kind: 'days'; from: string; to: string };

function shapeOf(p: DatePeriod): Shape {
  const years = wholeYears(p);
  if (years === 1) return { kind: 'year', year: y(p.from) };
  if (years !== null) return { kind: 'years', count: years, first: y(p.from), last: y(p.to) };
  const months = wholeMonths(p);
  if (months !== null) {
    const first = m(p.from);
    const year = y(p.from);
    if (y(p.to) !== year) return { kind: 'months', from: p.from, to: p.to };
    if (months === 6 && (first === 1 || first === 7)) return { kind: 'half', first: first === 1, year };
    if (months === 3 && (first - 1) % 3 === 0) return { kind: 'quarter', q: (first - 1) / 3, year };
    if (months === 1) return { kind: 'month', month: first, year };
    if (first === 1) return { kind: 'firstMonths', count: months, year };
    return { kind: 'monthsInYear', first, last: m(p.to), year };
  }
  if (p.from === p.to) return { kind: 'day', on: p.from };
  return { kind: 'days', from: p.from, to: p.to };
}

/**
 * How a report opens the figures of the period: "Năm 2022", "Trong 03 năm qua" (small counts with
 * two digits, as the seed reports write them), "6 tháng đầu năm 2026", "Quý I năm 2026", "Trong
 * tháng 5 năm 2026", "Từ ngày 01/03/2026 đến ngày 15/05/2026".
 */
export function periodIntro(from: string, to: string): string {
  const s = shapeOf({ from, to });
  switch (s.kind) {
    case 'year':
      return `Năm ${s.year}`;
    case 'years':
      return `Trong ${pad2(s.count)} năm qua`;
    case 'half':
      return `6 tháng ${s.first ? 'đầu' : 'cuối'} năm ${s.year}`;
    case 'quarter':
      return `Quý ${ROMAN[s.q]} năm ${s.year}`;
    case 'month':
      return `Trong tháng ${s.month} năm ${s.year}`;
    case 'firstMonths':
      return `${s.count} tháng đầu năm ${s.year}`;
    case 'monthsInYear':
      return `Từ tháng ${s.first} đến tháng ${s.last} năm ${s.year}`;
    case 'months':
      return `Từ tháng ${m(s.from)}/${y(s.from)} đến tháng ${m(s.to)}/${y(s.to)}`;
    case 'day':
      return `Ngày ${formatDateVi(s.on)}`;
    case 'days':
      return `Từ ngày ${formatDateVi(s.from)} đến ngày ${formatDateVi(s.to)}`;
  }
}

/** A short name of the period for headers: "Năm 2022", "Giai đoạn 2020 - 2022", "01/03/2026 - 15/05/2026". */
export function periodLabel(from: string, to: string): string {
  const s = shapeOf({ from, to });
  switch (s.kind) {
    case 'years':
      return `Giai đoạn ${s.first} - ${s.last}`;
    case 'month':
      return `Tháng ${s.month} năm ${s.year}`;
    case 'day':
      return formatDateVi(s.on);
    case 'days':
      return `${formatDateVi(s.from)} - ${formatDateVi(s.to)}`;
    default:
      return periodIntro(from, to);
  }
}

/**
 * What a comparison is made against, as a sentence says it: "so với cùng kỳ" for a calendar year
 * (the previous equal period is then the same period of the year before), otherwise the previous
 * period by name.
 */
export function comparedWith(current: DatePeriod, previous: DatePeriod): { versus: string; equal: string } {
  const s = shapeOf(current);
  const ps = shapeOf(previous);
  if (s.kind === 'year' || anniversaryYears(current) === 1) return { versus: 'so với cùng kỳ', equal: 'bằng cùng kỳ' };
  let name: string;
  switch (ps.kind) {
    case 'years':
      name = `giai đoạn ${ps.first} - ${ps.last}`;
      break;
    case 'half':
    case 'quarter':
    case 'month':
    case 'firstMonths':
      name = lowerFirst(periodLabel(previous.from, previous.to));
      break;
    default:
      name = `kỳ trước (${formatDateVi(previous.from)} - ${formatDateVi(previous.to)})`;
  }
  return { versus: `so với ${name}`, equal: `bằng ${name}` };
}

export function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Statistical year (domain.md §8.1: the police's 15/12–14/12 year is unconfirmed, so its first day
// is an office setting; 01-01 = the calendar year, the default)

export const CALENDAR_YEAR_START = '01-01';

/** Why a first day of the statistical year ("MM-DD") is refused, in Vietnamese; null when valid. */
export function checkYearStart(start: string): string | null {
  const ok = /^(\d{2})-(\d{2})$/.exec(start);
  const month = ok ? Number(ok[1]) : 0;
  const day = ok ? Number(ok[2]) : 0;
  const max = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (month < 1 || month > 12 || day < 1 || day > max) return 'Ngày bắt đầu năm thống kê không hợp lệ (dạng ngày/tháng, không dùng 29/02).';
  return null;
}

/** The statistical year named `year` (the calendar year in which it ends): 15/12/2025 – 14/12/2026. */
export function statisticalYear(year: number, start: string): DatePeriod {
  if (start === CALENDAR_YEAR_START) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const to = addDaysIso(`${year}-${start}`, -1);
  return { from: addMonthsIso(addDaysIso(to, 1), -12), to };
}

/** The name (year) of the statistical year holding `day`. */
export function statisticalYearOf(day: string, start: string): number {
  const year = y(day);
  return day <= statisticalYear(year, start).to ? year : year + 1;
}
