/**
 * The report's appendix tables (shared/domain/report/build.ts appendixTables) as an .xlsx workbook:
 * one sheet per table with its title, the header rows merged as the document spans them (columns
 * and rows), the rows, and the bold total row. Counts
 * written as "51.511" in the document become numbers here (so offices can add them up); ratios
 * ("3/5") and "—" stay text. Every text cell is a plain string: exceljs writes a formula only from
 * a { formula } object, so a unit named "=…" stays text.
 */
import ExcelJS from 'exceljs';
import type { ReportTable } from '../../../shared/domain/report/document';
import { withFixedEntryTimes } from '../xlsx/zip';

const TEXT_WIDTH = 110;
const COUNT = /^\d{1,3}(\.\d{3})*$/;

/** "Bảng 1. Đăng ký…" → "Bảng 1" (sheet names: at most 31 characters, none of []:*?/\). */
function sheetNameOf(title: string, i: number): string {
  const m = /^(Bảng \d+)/.exec(title);
  return (m?.[1] ?? `Bảng ${i + 1}`).replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

const cellValue = (s: string): string | number => (COUNT.test(s) ? Number(s.replace(/\./g, '')) : s);

const thin = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

/** The header rows, merged as the document spans them (a cell spanning rows covers the columns below it). */
function writeHeader(ws: ExcelJS.Worksheet, t: ReportTable, first: number): number {
  const rows: NonNullable<ReportTable['header']> = t.header ?? [t.columns.map((c) => ({ text: c.label, span: 1 }))];
  const covered = new Set<string>();
  rows.forEach((cells, r) => {
    let col = 1;
    for (const c of cells) {
      while (covered.has(`${r}:${col}`)) col++;
      const down = c.rowSpan ?? 1;
      ws.getCell(first + r, col).value = c.text;
      if (c.span > 1 || down > 1) ws.mergeCells(first + r, col, first + r + down - 1, col + c.span - 1);
      for (let k = 1; k < down; k++) for (let j = 0; j < c.span; j++) covered.add(`${r + k}:${col + j}`);
      col += c.span;
    }
  });
  const last = first + rows.length - 1;
  for (let r = first; r <= last; r++) {
    const row = ws.getRow(r);
    row.font = { bold: true, name: 'Times New Roman', size: 12 };
    for (let col = 1; col <= t.columns.length; col++) {
      const c = row.getCell(col);
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
    }
  }
  return last + 1;
}

function writeTable(wb: ExcelJS.Workbook, t: ReportTable, i: number, unitName: string): void {
  const ws = wb.addWorksheet(sheetNameOf(t.title, i), {
    pageSetup: { paperSize: 9, orientation: t.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = t.columns.map((c) => ({ width: Math.max(8, Math.round(c.width * TEXT_WIDTH)) }));
  const span = t.columns.length;
  ws.getCell(1, 1).value = t.title;
  ws.mergeCells(1, 1, 1, span);
  ws.getRow(1).font = { bold: true, name: 'Times New Roman', size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(1).height = 36;
  ws.getCell(2, 1).value = unitName;
  ws.mergeCells(2, 1, 2, span);
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.getRow(2).font = { italic: true, name: 'Times New Roman', size: 12 };
  let r = writeHeader(ws, t, 4);
  ws.views = [{ state: 'frozen', ySplit: r - 1 }];
  const put = (cells: readonly string[], bold: boolean) => {
    const row = ws.getRow(r++);
    cells.forEach((s, c) => {
      const cell = row.getCell(c + 1);
      if (s !== '') cell.value = cellValue(s);
      cell.border = BORDER;
      cell.alignment = { horizontal: t.columns[c]?.align ?? 'left', vertical: 'middle', wrapText: true };
      if (typeof cell.value === 'number') cell.numFmt = '#,##0';
    });
    row.font = { bold, name: 'Times New Roman', size: 12 };
  };
  for (const cells of t.rows) put(cells, false);
  if (t.total) put(t.total, true);
}

export async function reportXlsx(input: {
  title: string;
  unitName: string;
  tables: readonly ReportTable[];
  /** The audit-log head when the file was made, kept in the file's properties (issue 15 item 3). */
  auditHead?: string | null;
}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTQ';
  wb.title = input.title;
  if (input.auditHead) wb.description = input.auditHead;
  // Fixed dates (the workbook's and the zip entries') keep two exports of the same tables identical.
  wb.created = new Date(0);
  wb.modified = new Date(0);
  input.tables.forEach((t, i) => writeTable(wb, t, i, input.unitName));
  return new Uint8Array(withFixedEntryTimes(Buffer.from(await wb.xlsx.writeBuffer())));
}
