/**
 * The texts of a Decree 30/2020 header and closing that every output writes the same way (DOCX,
 * the print view): the number line, the place-and-date line, the "Nơi nhận" items. Pure.
 */
import type { ReportHeader } from './document';

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** Blank left for the number (and day, month) of a draft, filled in by hand when the document is issued. */
const BLANK = '\u00a0'.repeat(6);

/** Numbers below 10 are written with a leading zero ("05"); others as they are. */
export function zeroPad(value: string): string {
  return /^\d$/.test(value) ? `0${value}` : value;
}

/** "Số: 15/BC-CAX"; a draft without a number: "Số:      /BC-CAX". */
export function numberLine(header: Pick<ReportHeader, 'number' | 'symbol'>): string {
  const num = header.number === null || header.number.trim() === '' ? BLANK : zeroPad(header.number.trim());
  return `Số: ${num}/${header.symbol}`;
}

/**
 * "Sa Pa, ngày 05 tháng 01 năm 2027": the day zero-padded below 10, the month below 3 (Decree 30,
 * so that "tháng 1" cannot become "tháng 11" by hand). A draft without a date leaves day and month
 * blank, with the year given (or blank too).
 */
export function placeDateLine(header: Pick<ReportHeader, 'place' | 'date'>, draftYear?: number): string {
  if (header.date === null) {
    const year = draftYear === undefined ? BLANK : String(draftYear);
    return `${header.place}, ngày${BLANK}tháng${BLANK}năm ${year}`;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(header.date);
  if (!m) throw new Error(`placeDateLine: not an ISO date: ${header.date}`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const day = d.padStart(2, '0');
  const monthNumber = Number(mo);
  const month = monthNumber < 3 ? `0${monthNumber}` : String(monthNumber);
  return `${header.place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "- Công an tỉnh (PV05);" … the last one "- Lưu: VT." (items are given without dash and end mark). */
export function recipientLines(recipients: readonly string[]): string[] {
  return recipients.map((r, i) => `- ${r.trim().replace(/[;.]+$/, '')}${i === recipients.length - 1 ? '.' : ';'}`);
}

/** "BÁO CÁO" → "Báo cáo" (for "Kèm theo Báo cáo số …"). */
export function sentenceCase(text: string): string {
  const lower = text.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** "(Kèm theo Báo cáo số 15/BC-CAX ngày 05/01/2027)" under an appendix title; a draft leaves number and date out. */
export function appendixReference(header: Pick<ReportHeader, 'kindTitle' | 'number' | 'symbol' | 'date'>): string {
  const kind = sentenceCase(header.kindTitle);
  const number = header.number === null ? `số${BLANK}/${header.symbol}` : `số ${zeroPad(header.number.trim())}/${header.symbol}`;
  if (header.date === null) return `(Kèm theo ${kind} ${number})`;
  const [y, mo, d] = header.date.split('-');
  return `(Kèm theo ${kind} ${number} ngày ${d}/${mo}/${y})`;
}
