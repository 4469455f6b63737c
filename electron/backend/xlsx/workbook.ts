/**
 * Reading and writing .xlsx files with exceljs. Writing: a header row, column widths, dropdowns
 * for columns with fixed options, an instructions sheet, and text that can never become a formula.
 * Reading (without exceljs, see readWorkbook): the visible sheet the template names, columns matched
 * by header text (ignoring case and diacritics), every cell turned into the text a person would see
 * (dates as dd/MM/yyyy).
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { foldVietnamese } from '../../../shared/lib/text';
import { explain, LIMITS, Package, readDateStyles, readSharedStringsAsync, readWorkbookInfo, refuse, type SheetRef } from './package';
import { SheetReader, type ReadRow } from './sheet';
import type { CellValue, XlsxColumn } from './spec';
import { MB, XLSX_TEXTS } from './texts';
import { tokenizeAsync } from './xml';
import { listEntries } from './zip';

export type { ReadRow };

export const MAX_IMPORT_ROWS = 200_000;
const TEMPLATE_VALIDATION_ROWS = 2000;
const HELP_SHEET = 'Hướng dẫn';

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Dữ liệu'
  );
}

export interface WriteOptions {
  title: string;
  columns: readonly XlsxColumn[];
  rows: readonly Record<string, CellValue>[];
  /** Adds dropdowns for the first rows even when there is no data (templates). */
  template: boolean;
}

/**
 * How writing pauses: called between slices of rows with the rows written so far and their count.
 * It may report progress, yield to the host and throw (a cancelled job). The default yields once
 * 50 ms have run since the last yield (the same rule as reading's ReadPause).
 */
export type WritePause = (done: number, total: number) => Promise<void>;

/** Rows written between two calls of the pause (it only yields once its slice is used up). */
const ROWS_PER_PAUSE = 256;

/**
 * Builds the workbook. The host is not held while a large registry is written (issue 16 item 3):
 * the rows are added in slices with `pause` between them, and each dropdown is one validation over
 * its column's range of rows (one per cell cost exceljs seconds to build and to merge back into
 * ranges on a 135.000-row sheet; Excel shows the same dropdown and message either way).
 */
export async function writeWorkbook(opts: WriteOptions, pause: WritePause = slicePause()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  // The streaming writer renders each row's XML when the row is committed and zips the parts as
  // they come (zlib on the thread pool), so no step renders the whole sheet at once (issue 16 item
  // 3: `xlsx.writeBuffer()` rendered 8.000 organisations in one 0,5 s block, 135.716 members in 8 s).
  // Strings are written inline (no shared-strings part to render at the end); the reader takes both.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
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

  const total = opts.rows.length;
  for (let r = 0; r < total; r++) {
    if (r % ROWS_PER_PAUSE === 0) await pause(r, total);
    writeRow(ws.getRow(r + 2), opts.columns, opts.rows[r]!);
  }
  await pause(total, total);

  const lastRow = Math.max(opts.rows.length + 1, opts.template ? TEMPLATE_VALIDATION_ROWS : 1);
  if (lastRow >= 2) opts.columns.forEach((c, i) => addDropdown(ws, c, i + 1, lastRow));
  ws.commit();

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 32 }, { width: 10 }, { width: 50 }, { width: 28 }, { width: 60 }];
  const helpRow = (values: readonly string[], bold = false) => {
    const row = help.addRow([...values]);
    if (bold) row.font = { bold: true };
    row.commit();
  };
  helpRow(['Cột', 'Bắt buộc', 'Giá trị cho phép', 'Ví dụ', 'Ghi chú'], true);
  for (const c of opts.columns) helpRow([c.header, c.required ? 'Có' : '', c.options?.join(', ') ?? '', c.example ?? '', c.note ?? '']);
  helpRow([]);
  helpRow(['Ngày ghi theo dạng ngày/tháng/năm, ví dụ 01/07/2025. Dòng tiêu đề (dòng 1) giữ nguyên; cột có dấu (*) là bắt buộc.']);
  help.commit();

  await wb.commit();
  return Buffer.concat(chunks);
}

/**
 * The style of every data cell: exceljs gives each new cell its own empty style object and, when
 * writing, works out every object's style entry anew (a WeakMap only remembers objects it saw).
 * One shared object per kind of cell gives the same entry (the sheet's default) at a fraction of
 * the cost: 135.000 rows spent most of the export there. Never changed (the header has its own).
 */
const TEXT_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const NUMBER_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

function writeRow(excelRow: ExcelJS.Row, columns: readonly XlsxColumn[], row: Record<string, CellValue>): void {
  columns.forEach((c, i) => {
    const v = row[c.key];
    // The cell is made even when empty (as exports always did: the row's spans stay the same).
    const cell = excelRow.getCell(i + 1);
    if (typeof v === 'number') {
      cell.style = NUMBER_STYLE;
      cell.value = v;
      return;
    }
    cell.style = TEXT_STYLE;
    if (v === null || v === undefined || v === '') return;
    // Always a string cell (exceljs writes formulas only from { formula } objects), so text such as
    // "=HYPERLINK(...)" typed by someone stays text (tests check the sheet XML has no <f>).
    cell.value = v;
  });
  excelRow.commit();
}

interface RangeValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** The dropdown of a column with fixed options, on rows 2..lastRow: one validation over the range. */
function addDropdown(ws: ExcelJS.Worksheet, c: XlsxColumn, col: number, lastRow: number): void {
  if (!c.options || c.options.length === 0) return;
  const list = `"${c.options.join(',')}"`;
  // Excel limits an inline list to 255 characters; longer lists are only checked on import.
  if (list.length > 255) return;
  const letter = ws.getColumn(col).letter;
  // exceljs keeps a sheet's validations by address, a range included; its typings omit the property.
  (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
    type: 'list',
    allowBlank: !c.required,
    formulae: [list],
    showErrorMessage: true,
    errorTitle: 'Giá trị không hợp lệ',
    error: `Chọn một giá trị trong danh sách: ${c.options.join(', ')}`.slice(0, 255),
  });
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The visible sheet the template names, else the first visible worksheet that is not the help. */
function chooseSheet(sheets: readonly SheetRef[], preferred: string | undefined): SheetRef {
  const visible = sheets.filter((s) => s.visible);
  const named = preferred === undefined ? undefined : visible.find((s) => foldVietnamese(s.name) === foldVietnamese(sheetName(preferred)));
  const chosen = named ?? visible.find((s) => foldVietnamese(s.name) !== foldVietnamese(HELP_SHEET)) ?? visible[0];
  if (!chosen) refuse(XLSX_TEXTS.noVisibleSheet);
  return chosen;
}

/**
 * How reading pauses: called between slices of the large parts with the sheet's bytes read so far
 * and its size (0/0 while the shared strings are read). It may report progress, yield to the host
 * and throw (a cancelled job). The default yields once 50 ms have run since the last yield.
 */
export type ReadPause = (done: number, total: number) => Promise<void>;

function slicePause(): ReadPause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * Reads the rows of an .xlsx import with every size bounded before it is unpacked (zip.ts), no
 * DTD or tree (xml.ts) and the sheet streamed (sheet.ts). `sheetTitle` is the registry's title:
 * the visible sheet of that name is read; hidden sheets never are. Refuses, in Vietnamese, a file
 * that is not a plain .xlsx or lacks a required column.
 *
 * The host is not held while a large file is read (issue 16 item 3): the sheet and the shared
 * strings are inflated off the thread and tokenized in 128 KB slices with `pause` between them.
 * Every limit is still checked before the part it bounds is unpacked.
 */
export async function readWorkbook(
  bytes: Buffer,
  columns: readonly XlsxColumn[],
  sheetTitle?: string,
  pause: ReadPause = slicePause(),
): Promise<ReadRow[]> {
  if (bytes.length === 0) refuse(XLSX_TEXTS.empty);
  if (bytes.length > LIMITS.fileBytes) refuse(XLSX_TEXTS.fileTooBig(LIMITS.fileBytes / MB));
  if (bytes.length >= OLE_MAGIC.length && bytes.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) refuse(XLSX_TEXTS.oldOrEncrypted);
  try {
    const entries = listEntries(bytes, { maxEntries: LIMITS.entries, maxEntryBytes: LIMITS.entryBytes, maxTotalBytes: LIMITS.totalBytes });
    const pkg = new Package(bytes, entries);
    const info = readWorkbookInfo(pkg);
    const sheet = chooseSheet(info.sheets, sheetTitle);
    const reader = new SheetReader({
      columns,
      sharedStrings: await readSharedStringsAsync(pkg, info.sharedStringsPath, () => pause(0, 0)),
      dateStyles: readDateStyles(pkg, info.stylesPath),
      date1904: info.date1904,
      maxRows: MAX_IMPORT_ROWS,
    });
    await tokenizeAsync(await pkg.readAsync(sheet.path, LIMITS.sheetBytes), reader, pause);
    return reader.finish();
  } catch (err) {
    return explain(err);
  }
}
