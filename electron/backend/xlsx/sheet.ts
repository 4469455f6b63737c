/**
 * One worksheet read as a stream of tags: row 1 gives the column positions, then only the cells
 * of those columns are kept, one row at a time. Empty rows cost nothing (a cell far down the sheet
 * is one tag, not a million rows), data past the row limit is refused by its position as soon as
 * it is met, and a cell holding a formula (whose stored result anyone can forge, and which may
 * point into another workbook) or an error value is an error of that cell, never a value.
 */
import { foldVietnamese } from '../../../shared/lib/text';
import { findUnsafeChar } from '../../../shared/lib/text-safety';
import { decodeXString, refuse } from './package';
import type { XlsxColumn } from './spec';
import { XLSX_TEXTS } from './texts';
import type { XmlHandler } from './xml';
import { detach, XmlError } from './xml';

export interface ReadRow {
  /** The row number as Excel shows it. */
  rowNumber: number;
  /** Column key → the text a person sees ('' when empty). */
  cells: Record<string, string>;
  /** Column key → why the cell cannot be used (formula, error value, hidden characters...). */
  errors: Record<string, string>;
}

export interface SheetContext {
  columns: readonly XlsxColumn[];
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Data rows allowed (row 1 is the header, so the last usable row is maxRows + 1). */
  maxRows: number;
}

const EXCEL_LAST_ROW = 1_048_576;
const EXCEL_LAST_COLUMN = 16_384;

function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\(\*\)\s*$/, ''));
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dateText(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Excel's serial day number → dd/MM/yyyy (the 1900 system keeps Lotus's phantom 29/02/1900). */
export function serialDateText(serial: number, date1904: boolean): string {
  const days = Math.floor(serial);
  if (date1904) return dateText(Date.UTC(1904, 0, 1) + days * 86_400_000);
  return dateText((days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + days * 86_400_000);
}

export function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

interface CellState {
  col: number;
  type: string;
  style: number;
  formula: boolean;
  v: string[];
  inline: string[];
  inV: boolean;
  inT: number;
  inPhonetic: number;
}

type CellResult = { text: string } | { error: string };

export class SheetReader implements XmlHandler {
  readonly rows: ReadRow[] = [];
  private inSheetData = false;
  private rowNumber = 0;
  private lastCol = 0;
  private cell: CellState | null = null;
  private readonly header = new Map<number, string>();
  /** Column index → column key, once row 1 is read. */
  private positions: Map<number, string> | null = null;
  private current: ReadRow | null = null;

  constructor(private readonly ctx: SheetContext) {}

  open(name: string, a: Record<string, string>): void {
    if (name === 'sheetData') this.inSheetData = true;
    if (!this.inSheetData) return;
    if (name === 'row') return this.openRow(a['r']);
    const cell = this.cell;
    if (name === 'c') return this.openCell(a);
    if (!cell) return;
    if (name === 'f') cell.formula = true;
    else if (name === 'v') cell.inV = true;
    else if (name === 't') cell.inT++;
    else if (name === 'rPh') cell.inPhonetic++;
  }

  close(name: string): void {
    if (name === 'sheetData') {
      this.inSheetData = false;
      return;
    }
    if (!this.inSheetData) return;
    const cell = this.cell;
    if (name === 'c' && cell) this.closeCell(cell);
    else if (name === 'row') this.closeRow();
    else if (!cell) return;
    else if (name === 'v') cell.inV = false;
    else if (name === 't') cell.inT--;
    else if (name === 'rPh') cell.inPhonetic--;
  }

  text(t: string): void {
    const cell = this.cell;
    if (!cell) return;
    if (cell.inV) cell.v.push(t);
    else if (cell.inT > 0 && cell.inPhonetic === 0) cell.inline.push(t);
  }

  /** Rows read; refuses a sheet whose header lacks a required column. */
  finish(): ReadRow[] {
    this.ensurePositions();
    return this.rows;
  }

  private openRow(r: string | undefined): void {
    const n = r === undefined ? this.rowNumber + 1 : Number(r);
    if (!Number.isInteger(n) || n <= this.rowNumber || n > EXCEL_LAST_ROW) throw new XmlError('malformed', `row ${r}`);
    this.rowNumber = n;
    this.lastCol = 0;
    if (n > 1) this.ensurePositions();
    this.current = n > 1 ? { rowNumber: n, cells: {}, errors: {} } : null;
  }

  private closeRow(): void {
    const row = this.current;
    this.current = null;
    if (!row) return;
    if (Object.values(row.cells).some((v) => v !== '') || Object.keys(row.errors).length > 0) {
      for (const c of this.ctx.columns) row.cells[c.key] ??= '';
      this.rows.push(row);
    }
  }

  private openCell(a: Record<string, string>): void {
    if (this.rowNumber === 0) throw new XmlError('malformed', 'cell outside a row');
    const ref = a['r'];
    const col = ref ? columnIndex(ref) : this.lastCol + 1;
    if (col < 1 || col > EXCEL_LAST_COLUMN) throw new XmlError('malformed', `cell ${ref}`);
    this.lastCol = col;
    const wanted = this.rowNumber === 1 || (this.positions?.has(col) ?? false);
    this.cell = wanted
      ? { col, type: a['t'] ?? 'n', style: Number(a['s'] ?? 0), formula: false, v: [], inline: [], inV: false, inT: 0, inPhonetic: 0 }
      : null;
  }

  private closeCell(cell: CellState): void {
    this.cell = null;
    const result = this.value(cell);
    if (this.rowNumber === 1) {
      if ('text' in result) this.header.set(cell.col, detach(result.text.trim()));
      return;
    }
    const key = this.positions?.get(cell.col);
    const row = this.current;
    if (!key || !row) return;
    const empty = 'text' in result && result.text.trim() === '';
    if (empty) return;
    if (this.rowNumber > this.ctx.maxRows + 1) refuse(XLSX_TEXTS.rowTooFar(this.rowNumber, this.ctx.maxRows));
    if ('error' in result) row.errors[key] = result.error;
    else row.cells[key] = detach(result.text.trim());
  }

  private value(cell: CellState): CellResult {
    if (cell.formula) return { error: XLSX_TEXTS.cell.formula };
    const v = cell.v.join('');
    let text: string;
    switch (cell.type) {
      case 's': {
        const idx = Number(v);
        const s = Number.isInteger(idx) ? this.ctx.sharedStrings[idx] : undefined;
        if (s === undefined) return { error: XLSX_TEXTS.cell.badValue };
        text = s;
        break;
      }
      case 'inlineStr':
        text = decodeXString(cell.inline.join(''));
        break;
      case 'str':
        text = decodeXString(v);
        break;
      case 'b':
        if (v === '') text = '';
        else if (v === '1' || v === 'true') text = 'Có';
        else if (v === '0' || v === 'false') text = 'Không';
        else return { error: XLSX_TEXTS.cell.badValue };
        break;
      case 'e':
        return { error: XLSX_TEXTS.cell.errorValue(v.slice(0, 20)) };
      case 'd': {
        const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
        if (!m) return v === '' ? { text: '' } : { error: XLSX_TEXTS.cell.badValue };
        text = `${m[3]}/${m[2]}/${m[1]}`;
        break;
      }
      default: {
        if (v.trim() === '') return { text: '' };
        const n = Number(v);
        if (!Number.isFinite(n)) return { error: XLSX_TEXTS.cell.badValue };
        const isDate = this.ctx.dateStyles[cell.style] === true && n >= 0 && n < 2_958_466;
        text = isDate ? serialDateText(n, this.ctx.date1904) : numberText(n);
      }
    }
    if (findUnsafeChar(text, { allowLineBreaks: true }) !== null) return { error: XLSX_TEXTS.cell.control };
    return { text };
  }

  private ensurePositions(): void {
    if (this.positions) return;
    const wanted = new Map(this.ctx.columns.map((c) => [headerKey(c.header), c]));
    const positions = new Map<number, string>();
    const taken = new Set<string>();
    for (const [col, text] of [...this.header].sort((x, y) => x[0] - y[0])) {
      const c = wanted.get(headerKey(text));
      if (c && !taken.has(c.key)) {
        positions.set(col, c.key);
        taken.add(c.key);
      }
    }
    const missing = this.ctx.columns.filter((c) => c.required && !taken.has(c.key)).map((c) => `"${c.header}"`);
    if (missing.length > 0) refuse(XLSX_TEXTS.missingColumns(missing.join(', ')));
    if (positions.size === 0) refuse(XLSX_TEXTS.noHeader);
    this.positions = positions;
  }
}
