/**
 * Text typed or pasted into the fast-entry grid, turned into values: blocks copied from Excel or
 * LibreOffice (tab-separated, Excel's quoting), counts written the Vietnamese way (51.511), yes/no
 * cells, short dates (d/M takes the year from the row above), and type-ahead matching of labels
 * without diacritics. Pure: the grid and its unit tests share these, so a value pasted parses
 * exactly like the same value typed.
 */
import { formatIntVi } from './numbers';
import { parseDateVi } from './dates';
import { foldVietnamese } from './text';

// ---------------------------------------------------------------------------------------------
// Blocks of cells (TSV as spreadsheets put it on the clipboard)

/**
 * Splits clipboard text into rows of cells. Spreadsheets end the block with a line break, separate
 * cells by tabs, and quote a cell that holds a tab, a line break or a quote ("" inside stands for
 * one quote). Line breaks may be \r\n, \n or \r.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let cellStart = true;
  const n = text.length;
  const endCell = () => {
    row.push(cell);
    cell = '';
    cellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (cellStart && ch === '"') {
      // A quoted cell runs to the next quote that is not doubled. A quote that never closes was not
      // Excel quoting after all: keep the text as typed.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      const next = text[j];
      if (closed && (next === undefined || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        cellStart = false;
        continue;
      }
    }
    cellStart = false;
    if (ch === '\t') {
      endCell();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  // The final line break ends the block; text after the last one is one more row.
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** The reverse of parseTsv (what a spreadsheet puts on the clipboard), without the final line break. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const quote = (c: string) => (/[\t\r\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join('\t')).join('\n');
}

/** Does pasted text hold more than one cell (so the grid, not the input, should take it)? */
export function isCellBlock(text: string): boolean {
  return /[\t\r\n]/.test(text);
}

// ---------------------------------------------------------------------------------------------
// Cell values

export type CellResult<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(error: string): CellResult<T> => ({ ok: false, error });

/** Spaces of any kind (Excel writes no-break spaces in formatted numbers). */
const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A whole number as offices write it: 51.511, 51511, 51 511, or 51,511 (a sheet formatted the
 * English way). Groups after a separator must have three digits, so "1,5" or "1.5" are refused
 * rather than read as 15. Empty is 0 (counts start empty).
 */
export function parseCount(text: string, label: string): CellResult<number> {
  const t = text.replace(SPACES, '');
  if (t === '') return ok(0);
  if (/^-\d/.test(t)) return fail(`${label} không được âm.`);
  let digits: string | null = null;
  if (/^\d+$/.test(t)) digits = t;
  else if (/^\d{1,3}(\.\d{3})+$/.test(t)) digits = t.replace(/\./g, '');
  else if (/^\d{1,3}(,\d{3})+$/.test(t)) digits = t.replace(/,/g, '');
  if (digits === null) return fail(`${label}: "${text.trim()}" không phải số nguyên (ví dụ 1.250).`);
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return fail(`${label} quá lớn.`);
  return ok(n);
}

/** A count as the grid shows it after the cell is left: 1250 → "1.250"; empty stays empty. */
export function formatCount(text: string, label: string): string {
  if (text.replace(SPACES, '') === '') return '';
  const r = parseCount(text, label);
  return r.ok ? formatIntVi(r.value) : text;
}

const YES = new Set(['c', 'co', 'x', '1', 'true', 'y', 'yes', 'dung', 'co gia tri']);
const NO = new Set(['k', 'khong', '0', 'false', 'n', 'no', 'sai', 'khong co gia tri']);

/** Yes/no: c, có, x, 1 → yes; k, không, 0 → no (without diacritics too); empty → no. */
export function parseYesNo(text: string, label: string): CellResult<boolean> {
  const t = foldVietnamese(text);
  if (t === '' || NO.has(t)) return ok(false);
  if (YES.has(t)) return ok(true);
  return fail(`${label}: gõ "c" (có) hoặc "k" (không), không nhận "${text.trim()}".`);
}

/**
 * A date typed in a cell: dd/MM/yyyy, d/M/yyyy, d/M/yy (20yy), or d/M alone (the year is
 * `defaultYear`, the year of the row above). Dots and dashes work as separators too, and an ISO
 * date (yyyy-MM-dd, as some sheets copy) is taken as it is. The day must exist (31/02 does not).
 * Empty is null.
 */
export function parseDateCell(text: string, label: string, defaultYear: number): CellResult<string | null> {
  const t = text.trim();
  if (t === '') return ok(null);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let d: string;
  let m: string;
  let y: string;
  if (iso) {
    [y, m, d] = [iso[1]!, iso[2]!, iso[3]!];
  } else {
    const vn = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
    if (!vn) return fail(`${label}: "${t}" không đúng dạng ngày/tháng/năm (ví dụ 05/03/2026 hoặc 5/3).`);
    d = vn[1]!;
    m = vn[2]!;
    y = vn[3] === undefined ? String(defaultYear) : vn[3].length === 2 ? `20${vn[3]}` : vn[3];
  }
  const shown = `${d.padStart(2, '0')}/${m.padStart(2, '0')}/${y}`;
  const value = parseDateVi(`${d}/${m}/${y}`);
  if (value === null) return fail(`${label}: ngày ${shown} không có thật.`);
  return ok(value);
}

/** A year (năm thành tích): four digits, or two (26 → 2026). Empty is null. */
export function parseYearCell(text: string, label: string): CellResult<number | null> {
  const t = text.trim();
  if (t === '') return ok(null);
  if (/^\d{4}$/.test(t)) return ok(Number(t));
  if (/^\d{2}$/.test(t)) return ok(2000 + Number(t));
  return fail(`${label}: "${t}" không phải năm (ví dụ 2026).`);
}

// ---------------------------------------------------------------------------------------------
// Type-ahead: choosing one of a list by typing part of its label, without diacritics

export interface Choice {
  value: string;
  label: string;
  /** Other texts that find this choice (a unit's code, its path, an enum's key). */
  keys?: readonly string[];
}

interface Folded {
  choice: Choice;
  label: string;
  keys: string[];
  order: number;
}

/** A list of choices folded once, so matching on every keystroke is cheap. */
export class ChoiceIndex {
  private readonly items: Folded[];
  constructor(choices: readonly Choice[]) {
    this.items = choices.map((choice, order) => ({
      choice,
      label: foldVietnamese(choice.label),
      keys: (choice.keys ?? []).map(foldVietnamese).filter((k) => k !== ''),
      order,
    }));
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Choices matching every word of the query, best first: the exact label or key, then labels
   * starting with the query, then labels where every word starts a word, then any other match;
   * ties keep the list's own order.
   */
  search(query: string, limit = 8): Choice[] {
    const q = foldVietnamese(query);
    if (q === '') return this.items.slice(0, limit).map((i) => i.choice);
    const words = q.split(' ');
    const scored: { item: Folded; score: number }[] = [];
    for (const item of this.items) {
      const score = scoreOf(item, q, words);
      if (score !== null) scored.push({ item, score });
    }
    scored.sort((a, b) => a.score - b.score || a.item.order - b.item.order);
    return scored.slice(0, limit).map((s) => s.item.choice);
  }

  /** The choice a typed text stands for: the best match, or null when nothing matches. */
  resolve(text: string): Choice | null {
    if (foldVietnamese(text) === '') return null;
    return this.search(text, 1)[0] ?? null;
  }

  /** The choice with this value, if any. */
  byValue(value: string): Choice | null {
    return this.items.find((i) => i.choice.value === value)?.choice ?? null;
  }
}

function startsWords(text: string, words: readonly string[]): boolean {
  const textWords = text.split(' ');
  return words.every((w) => textWords.some((t) => t.startsWith(w)));
}

function scoreOf(item: Folded, q: string, words: readonly string[]): number | null {
  if (item.label === q || item.keys.includes(q)) return 0;
  if (item.label.startsWith(q)) return 1;
  if (startsWords(item.label, words)) return 2;
  if (item.keys.some((k) => k.startsWith(q))) return 3;
  if (item.keys.some((k) => startsWords(k, words))) return 4;
  const all = [item.label, ...item.keys].join(' | ');
  if (words.every((w) => all.includes(w))) return 5;
  return null;
}
