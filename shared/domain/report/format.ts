/**
 * The Decree 30/2020 wording of a report's header and closing lines (domain.md §10.1), shared by
 * every output so the print view and the writers say them alike: "Số: 05/BC-CAX", "Sa Pa, ngày 05
 * tháng 01 năm 2023" (day below 10 and months 1–2 zero-padded), the "Nơi nhận" items ("- …;" and
 * the last "- …."). Pure.
 */
import type { ReportHeader } from './document';

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** "Số: 15/BC-CAX"; a draft without a number keeps the blank the office fills in by hand. */
export function numberLine(h: Pick<ReportHeader, 'number' | 'symbol'>): string {
  const raw = h.number?.trim() ?? '';
  const n = /^\d$/.test(raw) ? `0${raw}` : raw;
  const symbol = h.symbol.trim();
  return `Số: ${n === '' ? '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0' : n}${symbol === '' ? '' : `/${symbol}`}`;
}

/** "Sa Pa, ngày 05 tháng 01 năm 2023"; a draft: "Sa Pa, ngày … tháng … năm …". */
export function dateLine(h: Pick<ReportHeader, 'place' | 'date'>): string {
  const place = h.place.trim() === '' ? '' : `${h.place.trim()}, `;
  if (h.date === null) return `${place}ngày \u00a0\u00a0\u00a0 tháng \u00a0\u00a0\u00a0 năm \u00a0\u00a0\u00a0\u00a0`;
  const [y, m, d] = h.date.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}ngày ${day} tháng ${month} năm ${y}`;
}

/** "- Công an tỉnh (PV05);" … "- Lưu: VT." */
export function recipientLines(items: readonly string[]): string[] {
  const clean = items.map((i) => i.trim().replace(/[;.]+$/, '')).filter((i) => i !== '');
  return clean.map((i, k) => `- ${i}${k === clean.length - 1 ? '.' : ';'}`);
}
