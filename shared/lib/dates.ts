/**
 * Calendar dates as ISO strings (yyyy-MM-dd) across the process boundary; dd/MM/yyyy for people.
 * Pure: "today" is always passed in by the caller's clock.
 */
import { validOn } from './validity';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export type IsoDate = string;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2025-07-01 → 01/07/2025 */
export function formatDateVi(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** 1/7/2025 or 01/07/2025 → 2025-07-01; null when it is not a real date. */
export function parseDateVi(text: string): IsoDate | null {
  const m = VN_DATE.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** The calendar date of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamDateOf(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + 7 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Is the date inside [from, to] where a null `to` means still open. */
export function isActiveOn(validFrom: IsoDate, validTo: IsoDate | null, on: IsoDate): boolean {
  return validOn({ validFrom, validTo }, on);
}

/** The date `days` days after (or before, when negative) an ISO date. */
export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The same day `months` months later (earlier when negative); a day the target month lacks
 * becomes its last day (31/01 + 1 month → 28/02 or 29/02).
 */
export function addMonthsIso(iso: IsoDate, months: number): IsoDate {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const d = Math.min(Number(iso.slice(8, 10)), daysInMonth(ty, tm + 1));
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days from `from` to `to` inclusive (1 for the same day). */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
