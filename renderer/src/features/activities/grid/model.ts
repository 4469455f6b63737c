/**
 * The entry grid's state and its pure operations: rows of cell texts (what the person typed, so
 * nothing is lost on an error), the carry of the previous row's values into the new empty row,
 * commit-time normalisation of a cell (5/3 → 05/03/2026, "hoa" → "Xã Gia Hòa", 1250 → 1.250), and
 * turning rows into records checked by the contract's schema and the domain's cross-field rules.
 */
import type { ActivityKind } from '../../../../../shared/domain/activities';
import { checkActivity, emptyRecord } from '../../../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../../../shared/ipc/contracts/activities.contract';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { formatCount, parseCount, parseDateCell, parseYearCell, parseYesNo, type CellResult } from '../../../../../shared/lib/tsv';
import { GRID } from '../texts';
import type { GridColumn } from './columns';

// ---------------------------------------------------------------------------------------------
// Rows

export interface GridRow {
  id: string;
  cells: Readonly<Record<string, string>>;
  /**
   * Typed, pasted or duplicated into. The one empty row kept at the end is not: it only shows the
   * carried values, and is left out when saving.
   */
  edited: boolean;
}

let rowSeq = 0;
const newRowId = (): string => `r${(rowSeq += 1)}`;

/** A fresh row: carried columns copy the row above, the rest start empty. */
export function blankRow(columns: readonly GridColumn[], above: GridRow | null): GridRow {
  const cells: Record<string, string> = {};
  for (const c of columns) cells[c.key] = c.carry && above ? (above.cells[c.key] ?? '') : '';
  return { id: newRowId(), cells, edited: false };
}

export function initialRows(columns: readonly GridColumn[]): GridRow[] {
  return [blankRow(columns, null)];
}

/**
 * Keeps the invariants after any change: rows nobody typed into show the carried values of the
 * row above as it is now, and the last row is always such an empty row. Unchanged rows keep their
 * identity so memoised row components do not re-render.
 */
export function settle(rows: readonly GridRow[], columns: readonly GridColumn[]): GridRow[] {
  const out = rows.length > 0 ? [...rows] : [blankRow(columns, null)];
  const carried = columns.filter((c) => c.carry);
  for (let i = 1; i < out.length; i += 1) {
    const row = out[i]!;
    if (row.edited) continue;
    const above = out[i - 1]!;
    if (carried.some((c) => row.cells[c.key] !== above.cells[c.key])) {
      const cells = { ...row.cells };
      for (const c of carried) cells[c.key] = above.cells[c.key] ?? '';
      out[i] = { ...row, cells };
    }
  }
  // Exactly one row nobody typed into at the end: add it, or drop extra ones (left by an undone edit).
  while (out.length > 1 && !out[out.length - 1]!.edited && !out[out.length - 2]!.edited) out.pop();
  const last = out[out.length - 1]!;
  if (last.edited) out.push(blankRow(columns, last));
  return out;
}

export function setCell(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  index: number,
  key: string,
  text: string,
): readonly GridRow[] {
  const row = rows[index];
  if (!row || row.cells[key] === text) return rows;
  const out = [...rows];
  out[index] = { ...row, cells: { ...row.cells, [key]: text }, edited: true };
  return settle(out, columns);
}

/** Copy of row `index` inserted below it. A row nobody typed into is not duplicated. */
export function duplicateRow(rows: readonly GridRow[], columns: readonly GridColumn[], index: number): GridRow[] {
  const row = rows[index];
  if (!row || !row.edited) return [...rows];
  const out = [...rows];
  out.splice(index + 1, 0, { id: newRowId(), cells: { ...row.cells }, edited: true });
  return settle(out, columns);
}

/** Removes row `index`; the empty row at the end cannot be removed (there is always one). */
export function removeRow(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  index: number,
): { rows: GridRow[]; removed: GridRow | null } {
  const row = rows[index];
  if (!row || !row.edited) return { rows: [...rows], removed: null };
  const out = [...rows];
  out.splice(index, 1);
  return { rows: settle(out, columns), removed: row };
}

export function insertRow(rows: readonly GridRow[], columns: readonly GridColumn[], index: number, row: GridRow): GridRow[] {
  const out = [...rows];
  out.splice(Math.min(index, out.length), 0, row);
  return settle(out, columns);
}

/**
 * Fills a pasted block from (row, col): each value normalised as if typed there, rows added as
 * needed. Returns how many pasted columns fell off the right edge.
 */
export function pasteBlock(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  row: number,
  col: number,
  block: readonly (readonly string[])[],
  today: string,
): { rows: GridRow[]; extraColumns: number } {
  const out = [...rows];
  let extraColumns = 0;
  block.forEach((values, r) => {
    const index = row + r;
    while (out.length <= index) out.push(blankRow(columns, out[out.length - 1] ?? null));
    const target = out[index]!;
    const cells = { ...target.cells };
    values.forEach((value, c) => {
      const column = columns[col + c];
      if (!column) {
        extraColumns = Math.max(extraColumns, col + c - columns.length + 1);
        return;
      }
      cells[column.key] = normalizeCell(column, value, defaultYear(out, index, column.key, today));
    });
    out[index] = { ...target, cells, edited: true };
  });
  return { rows: settle(out, columns), extraColumns };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** The year a short date (d/M) takes in row `index`: the nearest date above in that column, else today's. */
export function defaultYear(rows: readonly GridRow[], index: number, key: string, today: string): number {
  for (let i = index - 1; i >= 0; i -= 1) {
    const r = parseDateCell(rows[i]?.cells[key] ?? '', '', Number(today.slice(0, 4)));
    if (r.ok && r.value !== null) return Number(r.value.slice(0, 4));
  }
  return Number(today.slice(0, 4));
}

/**
 * What a cell shows once left: the value it was read as, written in full, so the person sees how
 * the short form was understood. Text that does not parse stays as typed (it is flagged on save).
 */
export function normalizeCell(column: GridColumn, text: string, year: number): string {
  const t = text.trim();
  if (t === '') return '';
  switch (column.kind) {
    case 'date': {
      const r = parseDateCell(t, column.label, year);
      return r.ok && r.value !== null ? formatDateVi(r.value) : t;
    }
    case 'choice':
      return column.choices?.resolve(t)?.label ?? t;
    case 'count':
      return formatCount(t, column.label);
    case 'bool': {
      const r = parseYesNo(t, column.label);
      return r.ok ? (r.value ? GRID.yes : GRID.no) : t;
    }
    case 'year': {
      const r = parseYearCell(t, column.label);
      return r.ok && r.value !== null ? String(r.value) : t;
    }
    default:
      return text;
  }
}

/** The value of one cell for the record, or the Vietnamese reason it has none. */
function cellValue(column: GridColumn, text: string, year: number): CellResult<unknown> {
  const t = text.trim();
  const missing = (): CellResult<unknown> => (column.required ? { ok: false, error: GRID.required } : { ok: true, value: null });
  switch (column.kind) {
    case 'date': {
      const r = parseDateCell(t, column.label, year);
      if (!r.ok) return r;
      return r.value === null ? missing() : r;
    }
    case 'year': {
      const r = parseYearCell(t, column.label);
      if (!r.ok) return r;
      return r.value === null ? missing() : r;
    }
    case 'choice': {
      if (t === '') return missing();
      const choice = column.choices?.resolve(t);
      return choice ? { ok: true, value: choice.value } : { ok: false, error: GRID.notInList(t) };
    }
    case 'count':
      return parseCount(t, column.label);
    case 'bool':
      return parseYesNo(t, column.label);
    default:
      // Empty optional text is sent as '' (the schemas read it as "not given").
      return t === '' && column.required ? { ok: false, error: GRID.required } : { ok: true, value: t };
  }
}

/** Strips "Label: " that the cell parsers put in front of their messages (the cell already says which field). */
function bare(message: string, label: string): string {
  return message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}

export type RowErrors = Readonly<Record<string, string>>;

export interface RowCheck {
  record: Record<string, unknown> | null;
  errors: RowErrors;
}

/**
 * One row as the record the contract expects: fields outside the grid keep the kind's defaults,
 * the cells are parsed, then the contract's schema and the cross-field rules (`checkActivity`) run,
 * so the grid refuses exactly what the backend would.
 */
export function checkRow(
  kind: ActivityKind,
  columns: readonly GridColumn[],
  row: GridRow,
  year: (key: string) => number,
  today: string,
): RowCheck {
  const raw: Record<string, unknown> = { ...emptyRecord(kind, today) };
  const errors: Record<string, string> = {};
  for (const c of columns) {
    const r = cellValue(c, row.cells[c.key] ?? '', c.kind === 'date' ? year(c.key) : 0);
    if (r.ok) raw[c.key] = r.value;
    else errors[c.key] = bare(r.error, c.label);
  }
  const parsed = ACTIVITY_INPUTS[kind].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!(key in errors)) errors[key] = issue.message;
    }
    return { record: null, errors };
  }
  const data = parsed.data as Record<string, unknown>;
  for (const [key, message] of Object.entries(checkActivity(kind, data))) if (!(key in errors)) errors[key] = message;
  return Object.keys(errors).length > 0 ? { record: null, errors } : { record: data, errors };
}

/** Does the row hold something of its own: a cell that is not carried, or a carried value the row above lacks? */
function hasOwnContent(row: GridRow, above: GridRow | null, columns: readonly GridColumn[]): boolean {
  return columns.some((c) => {
    const text = (row.cells[c.key] ?? '').trim();
    if (text === '') return false;
    return !c.carry || above === null || text !== (above.cells[c.key] ?? '').trim();
  });
}

/**
 * Which rows are saved: rows typed into and not entirely empty, except trailing rows holding only
 * what was carried from above (a row started and abandoned at the end is not a record).
 */
export function includedRows(rows: readonly GridRow[], columns: readonly GridColumn[]): boolean[] {
  let last = -1;
  rows.forEach((row, i) => {
    if (row.edited && hasOwnContent(row, rows[i - 1] ?? null, columns)) last = i;
  });
  return rows.map((row, i) => i <= last && row.edited && Object.values(row.cells).some((t) => t.trim() !== ''));
}

export interface GridCheck {
  /** Row id → field → message. */
  errors: ReadonlyMap<string, RowErrors>;
  /** Included rows in order, with their record when valid. */
  included: { row: GridRow; index: number; record: Record<string, unknown> | null }[];
  errorCount: number;
}

/**
 * Checks every included row. Row results are cached by row object and the year short dates take,
 * so re-checking on each keystroke after a failed save only parses the row that changed.
 */
export function makeChecker(kind: ActivityKind, columns: readonly GridColumn[], today: string) {
  const cache = new WeakMap<GridRow, { years: string; result: RowCheck }>();
  const dateKeys = columns.filter((c) => c.kind === 'date').map((c) => c.key);
  return (rows: readonly GridRow[]): GridCheck => {
    const errors = new Map<string, RowErrors>();
    const included: GridCheck['included'] = [];
    let errorCount = 0;
    const lastYear: Record<string, number> = {};
    const saved = includedRows(rows, columns);
    rows.forEach((row, index) => {
      if (saved[index]) {
        const yearOf = (key: string) => lastYear[key] ?? Number(today.slice(0, 4));
        const years = dateKeys.map(yearOf).join(',');
        let hit = cache.get(row);
        if (!hit || hit.years !== years) {
          hit = { years, result: checkRow(kind, columns, row, yearOf, today) };
          cache.set(row, hit);
        }
        const n = Object.keys(hit.result.errors).length;
        if (n > 0) {
          errors.set(row.id, hit.result.errors);
          errorCount += n;
        }
        included.push({ row, index, record: hit.result.record });
      }
      for (const key of dateKeys) {
        const r = parseDateCell(row.cells[key] ?? '', '', lastYear[key] ?? Number(today.slice(0, 4)));
        if (r.ok && r.value !== null) lastYear[key] = Number(r.value.slice(0, 4));
      }
    });
    return { errors, included, errorCount };
  };
}

/** The footer's totals: sums of the `total` columns over the rows to be saved (yes/no: how many yes). */
export function columnTotals(columns: readonly GridColumn[], rows: readonly GridRow[]): { column: GridColumn; value: number }[] {
  const saved = includedRows(rows, columns);
  return columns
    .filter((c) => c.total)
    .map((column) => {
      let value = 0;
      for (const [i, row] of rows.entries()) {
        if (!saved[i]) continue;
        const text = row.cells[column.key] ?? '';
        if (column.kind === 'bool') {
          const r = parseYesNo(text, column.label);
          if (r.ok && r.value) value += 1;
        } else {
          const r = parseCount(text, column.label);
          if (r.ok) value += r.value;
        }
      }
      return { column, value };
    });
}
