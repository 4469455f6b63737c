/**
 * Where the keys take the person, and which rows are in the DOM: pure functions of positions, so
 * the spreadsheet moves (Tab wraps to the next row, Enter skips the carried columns, the arrows
 * change rows or walk the type-ahead list) and the windowing are tested without a browser.
 */

/** A cell by position: row index and column index. */
export interface CellPos {
  row: number;
  col: number;
}

export type MoveKey = 'Tab' | 'Enter' | 'ArrowDown' | 'ArrowUp';

/**
 * The cell a key moves to from `at` in a grid of `rows` × `cols`, or null when it stays (the
 * first cell with Shift+Tab, the last row with Enter or Tab at its end). Enter goes to the next
 * row's `enterCol`, the first column a new row does not carry from the row above.
 */
export function moveFrom(key: MoveKey, shift: boolean, at: CellPos, rows: number, cols: number, enterCol: number): CellPos | null {
  const { row: r, col: c } = at;
  const last = cols - 1;
  switch (key) {
    case 'Tab':
      if (shift) {
        if (c > 0) return { row: r, col: c - 1 };
        return r > 0 ? { row: r - 1, col: last } : null;
      }
      if (c < last) return { row: r, col: c + 1 };
      return r + 1 < rows ? { row: r + 1, col: 0 } : null;
    case 'Enter':
      return r + 1 < rows ? { row: r + 1, col: enterCol } : null;
    case 'ArrowDown':
    case 'ArrowUp': {
      const next = r + (key === 'ArrowDown' ? 1 : -1);
      return next >= 0 && next < rows ? { row: next, col: c } : null;
    }
    default:
      return null;
  }
}

/** The highlighted suggestion after an arrow key: one down or up, wrapping round the list. */
export function cycleHighlight(highlight: number, key: 'ArrowDown' | 'ArrowUp', count: number): number {
  const step = key === 'ArrowDown' ? 1 : -1;
  return (highlight + step + count) % count;
}

/** The first column a new row does not carry (Enter lands there); 0 when every column carries. */
export function enterColumn(columns: readonly { carry: boolean }[]): number {
  return Math.max(
    0,
    columns.findIndex((c) => !c.carry),
  );
}

// ---------------------------------------------------------------------------------------------
// Windowing

/** Row height in px (32 px cell + 1 px border), fixed so rows can be windowed. */
export const ROW_HEIGHT = 33;
/** Rows rendered beyond each edge of the view, so scrolling a little shows no blank. */
export const OVERSCAN = 10;

/**
 * The runs of row indices [from, to) to put in the DOM: the rows in view with the overscan, and
 * the row being edited even when scrolled far away (its input keeps the focus). Gaps between runs
 * are filled with spacer rows of the same height.
 */
export function rowRuns(scrollTop: number, viewport: number, rowCount: number, activeIndex: number): [number, number][] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const runs: [number, number][] = [[first, last]];
  if (activeIndex >= 0 && activeIndex < first) runs.unshift([activeIndex, activeIndex + 1]);
  if (activeIndex >= last) runs.push([activeIndex, activeIndex + 1]);
  return runs;
}

/** The scroll position that brings row `index` to the middle of a view `viewHeight` px high. */
export function scrollTopFor(index: number, viewHeight: number): number {
  return Math.max(0, index * ROW_HEIGHT - viewHeight / 2);
}
