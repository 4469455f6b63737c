/**
 * Parsing helpers for import specs: cell texts → typed values, each failure a Vietnamese sentence
 * naming the column. Specs combine them; the file reading itself is in workbook.ts.
 */
import { parseDateVi, isValidIsoDate } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { RowIssue } from './spec';
import type { UnitIndex } from './unit-index';

const CHOICES = new WeakMap<object, Map<string, string>>();

/** Folded label and folded value → value, built once per list of labels (not once per row). */
function foldedChoices(labels: Readonly<Record<string, string>>): Map<string, string> {
  let map = CHOICES.get(labels);
  if (!map) {
    map = new Map();
    // The first entry whose label or value matches wins, as a scan of the list in order finds it.
    for (const [value, label] of Object.entries(labels)) {
      for (const key of [foldVietnamese(label), foldVietnamese(value)]) if (!map.has(key)) map.set(key, value);
    }
    CHOICES.set(labels, map);
  }
  return map;
}

/**
 * foldVietnamese of a short cell text, remembered: the cells of a choice or yes/no column repeat a
 * handful of texts ("Có", "Không", a kind's label) on every row of a province's file, and folding
 * (two normalisations, four replacements) is a measurable share of parsing 8.000 rows. Bounded: the
 * memo is emptied once it holds FOLD_MEMO_SIZE texts (a file of all-different texts costs no more
 * memory than that), and long texts are folded each time.
 */
const FOLD_MEMO_SIZE = 1024;
const FOLD_MEMO_MAX_LENGTH = 64;
const foldMemo = new Map<string, string>();

function foldCell(text: string): string {
  if (text.length > FOLD_MEMO_MAX_LENGTH) return foldVietnamese(text);
  let folded = foldMemo.get(text);
  if (folded === undefined) {
    folded = foldVietnamese(text);
    if (foldMemo.size >= FOLD_MEMO_SIZE) foldMemo.clear();
    foldMemo.set(text, folded);
  }
  return folded;
}

/** Collects issues while a row is parsed; each helper returns a value or null and records why. */
export class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly cells: Readonly<Record<string, string>>,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  private fail(column: string, message: string): null {
    this.issues.push({ column, message: `Cột "${this.headers[column] ?? column}": ${message}` });
    return null;
  }

  raw(column: string): string {
    return (this.cells[column] ?? '').trim();
  }

  text(column: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.raw(column).replace(/\s+/g, ' ').normalize('NFC');
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (opts.max !== undefined && v.length > opts.max) return this.fail(column, `quá dài (tối đa ${opts.max} ký tự).`);
    return v;
  }

  int(column: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.raw(column).replace(/[.\s]/g, '');
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (!/^-?\d+$/.test(v)) return this.fail(column, `"${this.raw(column)}" không phải là số nguyên.`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) return this.fail(column, `không được nhỏ hơn ${opts.min}.`);
    if (opts.max !== undefined && n > opts.max) return this.fail(column, `không được lớn hơn ${opts.max}.`);
    return n;
  }

  /** A decimal number written the Vietnamese way (1.234,5) or plainly (1234.5). */
  decimal(column: string, opts: { required?: boolean; min?: number } = {}): number | null {
    const rawText = this.raw(column);
    if (rawText === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const normalised = /,\d+$/.test(rawText) ? rawText.replace(/\./g, '').replace(',', '.') : rawText.replace(/,/g, '');
    const n = Number(normalised.replace(/\s/g, ''));
    if (!Number.isFinite(n)) return this.fail(column, `"${rawText}" không phải là số.`);
    if (opts.min !== undefined && n < opts.min) return this.fail(column, `không được nhỏ hơn ${opts.min}.`);
    return n;
  }

  /** dd/MM/yyyy (as written and as read from date cells) or yyyy-MM-dd → ISO date. */
  date(column: string, opts: { required?: boolean } = {}): string | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const iso = parseDateVi(v) ?? (isValidIsoDate(v) ? v : null);
    return iso ?? this.fail(column, `"${v}" không phải là ngày hợp lệ (ngày/tháng/năm).`);
  }

  /** One of the allowed labels (compared without diacritics/case) → its value. */
  choice<V extends string>(column: string, labels: Readonly<Record<V, string>>, opts: { required?: boolean } = {}): V | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const found = foldedChoices(labels).get(foldCell(v));
    if (found !== undefined) return found as V;
    return this.fail(column, `"${v}" không thuộc danh sách cho phép (${Object.values(labels).join(', ')}).`);
  }

  /** Có/Không (also x, 1/0, yes/no). */
  bool(column: string, opts: { required?: boolean } = {}): boolean | null {
    const v = foldCell(this.raw(column));
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (['co', 'x', '1', 'yes', 'true', 'dung'].includes(v)) return true;
    if (['khong', '0', 'no', 'false', 'sai'].includes(v)) return false;
    return this.fail(column, `"${this.raw(column)}" phải là "Có" hoặc "Không".`);
  }

  /** A unit named in a record's column (code, exact name or path; see UnitIndex). */
  unit(column: string, index: UnitIndex, opts: { required?: boolean } = {}): UnitDto | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const r = index.resolve(v, 'record');
    return r.ok ? r.unit : this.fail(column, r.message);
  }

  /** Records an issue that involves several columns or the whole row. */
  problem(message: string, column: string | null = null): void {
    this.issues.push({ column, message });
  }
}

/** Column key → header text, for messages. */
export function headerMap(columns: readonly { key: string; header: string }[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.key, c.header]));
}

/**
 * @deprecated The folding resolver is gone (issue 16); this name is kept only so that a sheet
 * written against it still compiles, and it now matches strictly. Use UnitIndex.
 */
export { UnitIndex as UnitResolver } from './unit-index';
