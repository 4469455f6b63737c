/**
 * The page and type of a Decree 30/2020 document (Phụ lục I), in Word's units: twips (1/20 pt,
 * 1440 an inch) for lengths, half-points for font sizes. The choices inside the decree's ranges are
 * recorded in docs/decisions-r13-docx.md.
 */
import { LineRuleType } from 'docx';

/** Millimetres to twips, rounded. */
export const mm = (value: number): number => Math.round((value * 1440) / 25.4);

/** Points to half-points (w:sz). */
export const pt = (value: number): number => Math.round(value * 2);

export const FONT = 'Times New Roman';

/** A4 portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;

/**
 * Margins: top and bottom 20 mm (decree 20–25), left 30 mm (30–35), right 15 mm (15–20): the
 * smallest of each range, the common choice of police offices, which leaves a 165 mm text width.
 * The page number sits in the top margin, 10 mm from the edge.
 */
export const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) } as const;

/** Width of the text between the margins on a portrait page (9355 twips, 165 mm). */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Width of the text on a landscape page (the same margins turned with the page: 252 mm). */
export const TEXT_WIDTH_LANDSCAPE = PAGE.height - MARGIN.left - MARGIN.right;

/** Type sizes in points (decree ranges in brackets). */
export const SIZE = {
  body: 14, // 13–14
  parentBody: 13, // 12–13, capitals, not bold
  issuingBody: 13, // 12–13, capitals, bold
  quocHieu: 13, // 12–13, capitals, bold
  tieuNgu: 14, // 13–14, bold
  number: 13, // 13
  placeDate: 14, // 13–14, italic
  kind: 14, // 13–14, capitals, bold
  summary: 14, // 13–14, bold
  pageNumber: 14, // 13–14
  mark: 13, // secrecy and circulation marks, 13–14 bold capitals in a box
  recipientsLabel: 12, // "Nơi nhận:" 12 bold italic
  recipients: 11, // items 11
  signature: 14, // 13–14
  appendixLabel: 14, // "Phụ lục I" 14 bold
  appendixTitle: 14, // 13–14 capitals bold
  tableTitle: 13,
  tableText: 12,
  chartText: 11,
} as const;

/** Body paragraphs: first-line indent 1.27 cm, 6 pt before, line spacing 1.2 (decree: single to 1.5). */
export const BODY = { firstLine: 720, before: 120, after: 0, line: 288 } as const;

/** Header-block columns: the right one takes 60 % of the text width so the bold Quốc hiệu stays on one line. */
export const HEADER_RIGHT_SHARE = 0.6;

/**
 * Width of the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" set in 14 pt bold Times New Roman, measured on
 * the rendered page (pdftotext -bbox over LibreOffice's PDF with Liberation Serif 2, metric-compatible
 * with Times New Roman): its rule is drawn exactly that long.
 */
export const TIEU_NGU_WIDTH = 3424;

/** The issuing body's rule: a third of its column. The summary's rule: a quarter of the text width. */
export const ISSUER_RULE_SHARE = 1 / 3;
export const SUMMARY_RULE_SHARE = 1 / 4;

/** Rules are 0.75 pt (w:sz in eighths of a point). */
export const RULE_SIZE = 6;

/** Table cells: 12 pt text, 2 pt above and below, 4 pt either side; grid lines 0.5 pt. */
export const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 } as const;
export const TABLE_LINE = 4;

/** Charts fill the text width (pixels at 96 dpi) and are 3.6 inches high. */
export const CHART_SIZE = { width: Math.floor((TEXT_WIDTH / 1440) * 96), height: 346 } as const;

/** Blank lines left above the signer's name for the signature and seal. */
export const SIGNATURE_SPACE_LINES = 5;

/**
 * Paragraph spacing in twips with the line rule always written: LibreOffice reads a w:line without
 * w:lineRule as an exact height, which clips charts and squeezes lines (seen on the rendered pages).
 */
export function spacing(before: number, after: number, line: number) {
  return { before, after, line, lineRule: LineRuleType.AUTO };
}
