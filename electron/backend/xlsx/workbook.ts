/**
 * Reading and writing .xlsx files with exceljs. Writing: a header row, column widths, dropdowns
 * for columns with fixed options, an instructions sheet, and text that can never become a formula.
 * Reading: the first sheet, columns matched by header text (ignoring case and diacritics), every
 * cell turned into the text a person would see (dates as dd/MM/yyyy).
 */
import ExcelJS from 'exceljs';
import { foldVietnamese } from '../../../shared/lib/text';
import { AppError } from '../errors';
import type { CellValue, XlsxColumn } from './spec';

export const MAX_IMPORT_ROWS = 200_000;
const TEMPLATE_VALIDATION_ROWS = 2000;

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Dữ liệu';
}

export interface WriteOptions {
  title: string;
  columns: readonly XlsxColumn[];
  rows: readonly Record<string, CellValue>[];
  /** Adds dropdowns for the first rows even when there is no data (templates). */
  template: boolean;
}

export async function writeWorkbook(opts: WriteOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTQ';
  wb.created = new Date(0); // a fixed date keeps exports of the same data byte-comparable in spirit
  const ws = wb.addWorksheet(sheetName(opts.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(12, Math.min(40, c.header.length + 4)) }));

  const header = ws.getRow(1);
  opts.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `${c.header} (*)` : c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  header.commit();

  opts.rows.forEach((row, r) => {
    const excelRow = ws.getRow(r + 2);
    opts.columns.forEach((c, i) => {
      const v = row[c.key];
      const cell = excelRow.getCell(i + 1);
      if (v === null || v === undefined || v === '') return;
      if (typeof v === 'number') {
        cell.value = v;
        return;
      }
      // Always a string cell (exceljs writes formulas only from { formula } objects), so text such
      // as "=HYPERLINK(...)" typed by someone stays text (tests check the sheet XML has no <f>).
      cell.value = v;
    });
    excelRow.commit();
  });

  const lastRow = Math.max(opts.rows.length + 1, opts.template ? TEMPLATE_VALIDATION_ROWS : 1);
  opts.columns.forEach((c, i) => {
    if (!c.options || c.options.length === 0) return;
    const list = `"${c.options.join(',')}"`;
    // Excel limits an inline list to 255 characters; longer lists are only checked on import.
    if (list.length > 255) return;
    for (let r = 2; r <= lastRow; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [list],
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        error: `Chọn một giá trị trong danh sách: ${c.options.join(', ')}`.slice(0, 255),
      };
    }
  });

  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'header', width: 32 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Giá trị cho phép', key: 'options', width: 50 },
    { header: 'Ví dụ', key: 'example', width: 28 },
    { header: 'Ghi chú', key: 'note', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of opts.columns) {
    help.addRow({ header: c.header, required: c.required ? 'Có' : '', options: c.options?.join(', ') ?? '', example: c.example ?? '', note: c.note ?? '' });
  }
  help.addRow({});
  help.addRow({ header: 'Ngày ghi theo dạng ngày/tháng/năm, ví dụ 01/07/2025. Dòng tiêu đề (dòng 1) giữ nguyên; cột có dấu (*) là bắt buộc.' });

  const buffer = await wb.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export interface ReadRow {
  /** The row number as Excel shows it. */
  rowNumber: number;
  cells: Record<string, string>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The text a person sees in a cell, whatever exceljs made of it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives Excel's serial dates as UTC midnight.
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return '';
  }
  return String(value);
}

function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\(\*\)\s*$/, ''));
}

/** Reads the first sheet; refuses a file that is not .xlsx or lacks a required column. */
export async function readWorkbook(bytes: Buffer, columns: readonly XlsxColumn[]): Promise<ReadRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', 'Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION', 'Tệp Excel không có trang tính nào.');

  const wanted = new Map(columns.map((c) => [headerKey(c.header), c]));
  const headerRow = ws.getRow(1);
  const positions = new Map<string, number>();
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const c = wanted.get(headerKey(cellText(cell.value)));
    if (c && !positions.has(c.key)) positions.set(c.key, col);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => `"${c.header}"`);
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION',
      `Tệp thiếu cột bắt buộc: ${missing.join(', ')}. Hãy dùng tệp mẫu tải từ phần mềm (dòng 1 là tiêu đề cột).`,
    );
  }
  if (positions.size === 0) throw new AppError('VALIDATION', 'Dòng 1 của tệp không có tiêu đề cột nào khớp với mẫu.');

  const rows: ReadRow[] = [];
  const last = ws.actualRowCount > 0 ? ws.rowCount : 0;
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    let any = false;
    for (const c of columns) {
      const pos = positions.get(c.key);
      const text = pos ? cellText(row.getCell(pos).value).trim() : '';
      cells[c.key] = text;
      if (text !== '') any = true;
    }
    if (!any) continue;
    rows.push({ rowNumber: r, cells });
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new AppError('VALIDATION', `Tệp có quá nhiều dòng (tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập).`);
    }
  }
  return rows;
}
