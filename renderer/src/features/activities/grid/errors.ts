/**
 * The grid's errors as the person sees them: the local check's messages (after a first save
 * attempt) merged with the backend's refusal of the last save, each kept only while its row is
 * unchanged; the list of "Dòng n, Cột: lý do" lines under the grid; and the cell a failed save
 * puts the focus on. Pure, so the mapping of the backend's "records.<i>.<field>" keys to the
 * grid's rows is tested without a browser.
 */
import { GRID } from '../texts';
import type { GridColumn } from './columns';
import type { GridCheck, GridRow, RowErrors } from './model';

/** Server errors of one save, valid for a row as long as it is the same row object (unchanged since). */
export type ServerErrors = ReadonlyMap<string, { row: GridRow; errors: RowErrors }>;

/** Field messages per row id: the local check's, and the backend's where the row did not change. */
export function mergeErrors(check: GridCheck | null, server: ServerErrors, rows: readonly GridRow[]): Map<string, RowErrors> {
  const out = new Map<string, RowErrors>(check?.errors ?? []);
  if (server.size > 0) {
    const present = new Map(rows.map((r) => [r.id, r]));
    for (const [rowId, e] of server) {
      if (present.get(rowId) === e.row) out.set(rowId, { ...e.errors, ...(out.get(rowId) ?? {}) });
    }
  }
  return out;
}

export interface ErrorLine {
  rowId: string;
  key: string;
  text: string;
}

/** One line per invalid cell, in row order, numbered as the grid numbers its rows. */
export function errorLines(
  errors: ReadonlyMap<string, RowErrors>,
  rows: readonly GridRow[],
  labelOf: (key: string) => string,
): ErrorLine[] {
  const lines: ErrorLine[] = [];
  if (errors.size === 0) return lines;
  rows.forEach((row, index) => {
    const e = errors.get(row.id);
    if (!e) return;
    for (const [key, message] of Object.entries(e))
      lines.push({ rowId: row.id, key, text: GRID.errorLine(index + 1, labelOf(key), message) });
  });
  return lines;
}

/** The column a message points at: its own, or the first column for a field the grid does not show. */
export function cellKeyFor(key: string, columns: readonly GridColumn[]): string {
  return columns.some((c) => c.key === key) ? key : columns[0]!.key;
}

/** The first invalid cell of a check, where a failed save puts the focus. */
export function firstInvalidCell(result: GridCheck, columns: readonly GridColumn[]): { rowId: string; key: string } | null {
  const firstRow = result.included.find((i) => result.errors.has(i.row.id));
  if (!firstRow) return null;
  const key = Object.keys(result.errors.get(firstRow.row.id) ?? {}).find((k) => columns.some((c) => c.key === k)) ?? columns[0]!.key;
  return { rowId: firstRow.row.id, key };
}

/**
 * The backend's refusal of a save, by grid row: its details are keyed "records.<i>.<field>" where
 * i counts the rows sent (the included rows), not the grid's rows. Details it cannot place on a
 * row are returned as other messages; `cells` counts the placed ones.
 */
export function serverErrorsOf(
  details: Readonly<Record<string, string>>,
  included: GridCheck['included'],
  columns: readonly GridColumn[],
): { byRow: Map<string, { row: GridRow; errors: Record<string, string> }>; other: string[]; cells: number } {
  const byRow = new Map<string, { row: GridRow; errors: Record<string, string> }>();
  const other: string[] = [];
  for (const [path, message] of Object.entries(details)) {
    const m = /^records\.(\d+)(?:\.(\w+))?/.exec(path);
    const target = m ? included[Number(m[1])] : undefined;
    if (m && target) {
      const entry = byRow.get(target.row.id) ?? { row: target.row, errors: {} };
      entry.errors[m[2] ?? columns[0]!.key] = message;
      byRow.set(target.row.id, entry);
    } else other.push(message);
  }
  const cells = [...byRow.values()].reduce((n, e) => n + Object.keys(e.errors).length, 0);
  return { byRow, other, cells };
}
