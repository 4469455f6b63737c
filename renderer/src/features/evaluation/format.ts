import { formatDateVi, vietnamDateOf } from '../../../../shared/lib/dates';

/** A stored timestamp (ISO instant) as the date people read in Vietnam, dd/MM/yyyy HH:mm. */
export function formatInstant(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const local = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatDateVi(vietnamDateOf(d))} ${hh}:${mm}`;
}
