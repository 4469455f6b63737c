/**
 * Plain table workbooks (a header row, data rows, a few closing lines) for exports that are not
 * an import template: the evaluation board and, later, the report's appendix tables. Services
 * build the rows; this module is the only place besides workbook.ts that knows the spreadsheet
 * library, so a service never touches it (layer rule file-libraries-only-in-file-layer).
 */
import ExcelJS from 'exceljs';
import { sheetName } from './workbook';

export type TableCell = string | number | null;

export interface TableSheet {
  title: string;
  /** Column widths in characters, one per column. */
  widths: readonly number[];
  header: readonly string[];
  rows: readonly (readonly TableCell[])[];
  /** Lines after one empty row (sentences, notes): each in the second column. */
  footer?: readonly string[];
  /** Columns kept in view when scrolling sideways (the header row always is). */
  frozenColumns?: number;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
  });
}

/** Empty cells stay empty (never a 0 or an empty string a reader might take for a value). */
function addRow(ws: ExcelJS.Worksheet, values: readonly TableCell[]): void {
  const row = ws.addRow([]);
  values.forEach((v, i) => {
    if (v === null || v === '') return;
    row.getCell(i + 1).value = v;
  });
}

/** One workbook, one sheet per table, in order. Dated 1970 so the same tables give the same bytes. */
export async function writeTables(sheets: readonly TableSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTQ';
  wb.created = new Date(0);
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.title), {
      views: [{ state: 'frozen', ySplit: 1, ...(s.frozenColumns ? { xSplit: s.frozenColumns } : {}) }],
    });
    ws.columns = s.widths.map((width) => ({ width }));
    styleHeader(ws.addRow([...s.header]));
    for (const r of s.rows) addRow(ws, r);
    if (s.footer?.length) {
      ws.addRow([]);
      for (const line of s.footer) addRow(ws, [null, line]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
