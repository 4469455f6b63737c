/**
 * The Decree 30/2020 frame of a report: the two-column header block (issuing body; Quốc hiệu and
 * Tiêu ngữ with their rules; number and symbol; place and date), the kind and summary, "Kính gửi",
 * and the closing (signature on the right, "Nơi nhận" on the left). Both two-column parts are
 * borderless tables whose rules are sized from their cell's width, never from the page's.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { ReportHeader } from '../../../shared/domain/report/document';
import { QUOC_HIEU, TIEU_NGU, numberLine, placeDateLine, recipientLines } from '../../../shared/domain/report/decree30';
import {
  HEADER_RIGHT_SHARE,
  ISSUER_RULE_SHARE,
  RULE_SIZE,
  SIGNATURE_SPACE_LINES,
  SIZE,
  SUMMARY_RULE_SHARE,
  TEXT_WIDTH,
  TIEU_NGU_WIDTH,
  pt,
  spacing,
} from './docx-layout';

interface LineOptions {
  size: number;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center';
  before?: number;
  /** A box around the words (secrecy and circulation marks). */
  boxed?: boolean;
}

/** One line of the frame: single spacing, no indent, never a line break inside. */
function line(text: string, o: LineOptions): Paragraph {
  const box = { style: BorderStyle.SINGLE, size: RULE_SIZE, color: '000000', space: 1 };
  return new Paragraph({
    alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: spacing(o.before ?? 0, 0, 240),
    children: [
      new TextRun({
        text: text.replace(/\s*[\r\n]+\s*/g, ' '),
        size: pt(o.size),
        bold: o.bold === true,
        italics: o.italic === true,
        ...(o.boxed ? { border: box } : {}),
      }),
    ],
  });
}

/** A rule `ruleWidth` long, centred in a space `spaceWidth` wide: an empty paragraph with a top border. */
export function rule(spaceWidth: number, ruleWidth: number): Paragraph {
  const side = Math.max(0, Math.round((spaceWidth - Math.min(ruleWidth, spaceWidth)) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: spacing(60, 0, 240),
    border: { top: { style: BorderStyle.SINGLE, size: RULE_SIZE, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

const NO_MARGIN = { top: 0, bottom: 0, left: 0, right: 0 };

function frameCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: NO_MARGIN, children });
}

function frameTable(widths: [number, number], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: NO_MARGIN,
    rows: rows.map((r) => new TableRow({ cantSplit: true, children: [frameCell(widths[0], r[0]!), frameCell(widths[1], r[1]!)] })),
  });
}

/** The header block: issuing body | Quốc hiệu and Tiêu ngữ; then number | place and date; marks under the number. */
export function headerBlock(h: ReportHeader): Table {
  const right = Math.round(TEXT_WIDTH * HEADER_RIGHT_SHARE);
  const left = TEXT_WIDTH - right;
  const issuer: Paragraph[] = [];
  if (h.parentBody.trim() !== '') issuer.push(line(h.parentBody.toLocaleUpperCase('vi'), { size: SIZE.parentBody }));
  issuer.push(line(h.issuingBody.toLocaleUpperCase('vi'), { size: SIZE.issuingBody, bold: true }));
  issuer.push(rule(left, Math.round(left * ISSUER_RULE_SHARE)));
  const nation = [
    line(QUOC_HIEU, { size: SIZE.quocHieu, bold: true }),
    line(TIEU_NGU, { size: SIZE.tieuNgu, bold: true }),
    rule(right, TIEU_NGU_WIDTH),
  ];
  // Bold capitals in the secrecy and circulation boxes: the decree's marks, under the number (box 10a, 11).
  const marks = [h.secrecy, h.circulation]
    .filter((m): m is string => m !== null && m.trim() !== '')
    .map((m) => line(m.toLocaleUpperCase('vi'), { size: SIZE.mark, bold: true, boxed: true, before: 120 }));
  const numberCell = [line(numberLine(h), { size: SIZE.number, before: 120 }), ...marks];
  const dateCell = [line(placeDateLine(h, h.draftYear), { size: SIZE.placeDate, italic: true, before: 120 })];
  return frameTable(
    [left, right],
    [
      [issuer, nation],
      [numberCell, dateCell],
    ],
  );
}

/** "BÁO CÁO", the summary under it with its short rule, and "Kính gửi:" when the report goes to a superior. */
export function titleBlock(h: ReportHeader): Paragraph[] {
  const out = [
    line(h.kindTitle.toLocaleUpperCase('vi'), { size: SIZE.kind, bold: true, before: 480 }),
    line(h.summary, { size: SIZE.summary, bold: true }),
    rule(TEXT_WIDTH, Math.round(TEXT_WIDTH * SUMMARY_RULE_SHARE)),
  ];
  const to = h.addressees.map((a) => a.trim()).filter((a) => a !== '');
  if (to.length === 1) out.push(line(`Kính gửi: ${to[0]}.`, { size: SIZE.body, before: 240 }));
  if (to.length > 1) {
    out.push(line('Kính gửi:', { size: SIZE.body, before: 240 }));
    to.forEach((a, i) => out.push(indented(`- ${a}${i === to.length - 1 ? '.' : ';'}`)));
  }
  // Space between the title and the body's first heading.
  out.push(new Paragraph({ spacing: spacing(0, 0, 240), children: [] }));
  return out;
}

function indented(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { left: Math.round(TEXT_WIDTH * 0.3) },
    spacing: spacing(0, 0, 240),
    children: [new TextRun({ text, size: pt(SIZE.body) })],
  });
}

/** "Nơi nhận:" (12 bold italic) and its items (11), left; authority, title, space to sign, name (bold), right. */
export function closingBlock(h: ReportHeader): Table {
  const right = Math.round(TEXT_WIDTH * 0.55);
  const left = TEXT_WIDTH - right;
  const recipients = [
    line('Nơi nhận:', { size: SIZE.recipientsLabel, bold: true, italic: true, align: 'left' }),
    ...recipientLines(h.recipients).map((r) => line(r, { size: SIZE.recipients, align: 'left' })),
  ];
  const signer: Paragraph[] = [];
  for (const text of [h.signerAuthority, h.signerTitle]) {
    for (const part of text.split(/\r?\n/).filter((p) => p.trim() !== '')) {
      signer.push(line(part.toLocaleUpperCase('vi'), { size: SIZE.signature, bold: true }));
    }
  }
  for (let i = 0; i < SIGNATURE_SPACE_LINES; i++) signer.push(line('', { size: SIZE.signature }));
  signer.push(line(h.signerName, { size: SIZE.signature, bold: true }));
  const table = frameTable([left, right], [[recipients, signer]]);
  return table;
}

/** Space between the last paragraph of the body and the closing block, kept with it. */
export function beforeClosing(): Paragraph {
  return new Paragraph({ spacing: spacing(0, 0, 240), keepNext: true, children: [new TextRun({ text: '', size: pt(SIZE.body) })] });
}
