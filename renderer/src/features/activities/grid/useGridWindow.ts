/**
 * The grid's window on its rows and the focus: the scroll position and the height of the view
 * (only the rows in view are in the DOM, navigation.ts says which), and moving the focus to a cell
 * whose row may not be rendered yet (scroll to it, then focus it after the render that brings it).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { GridColumn } from './columns';
import type { GridRow } from './model';
import { scrollTopFor } from './navigation';

/** A cell by identity: its row's id and its column's key. */
export interface Active {
  rowId: string;
  key: string;
}

export const indexOf = (list: readonly GridRow[], rowId: string): number => list.findIndex((r) => r.id === rowId);

/** The input of a cell, when its row is in the DOM. */
export function cellInput(scroller: RefObject<HTMLDivElement | null>, target: Active): HTMLInputElement | null {
  return scroller.current?.querySelector<HTMLInputElement>(`input[data-row-id="${target.rowId}"][data-key="${target.key}"]`) ?? null;
}

/** Focuses a cell's input with its whole text selected (typing replaces it, as in a spreadsheet). */
export function focusInput(el: HTMLInputElement): void {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  el.select();
}

export interface GridWindow {
  scrollRef: RefObject<HTMLDivElement | null>;
  scrollTop: number;
  setScrollTop: (top: number) => void;
  viewport: number;
  /** Focuses a cell now, or after the render that brings its row into the DOM (scrolling to it first). */
  requestFocus: (target: Active) => void;
  /** Focuses the cell at (row index, column index), if both exist. */
  focusAt: (rowIndex: number, colIndex: number) => void;
}

export function useGridWindow(rowsRef: MutableRefObject<readonly GridRow[]>, columns: readonly GridColumn[]): GridWindow {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const pendingFocus = useRef<Active | null>(null);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const requestFocus = useCallback(
    (target: Active) => {
      const el = cellInput(scrollRef, target);
      if (el) {
        pendingFocus.current = null;
        focusInput(el);
        return;
      }
      pendingFocus.current = target;
      const index = indexOf(rowsRef.current, target.rowId);
      const scroller = scrollRef.current;
      if (index >= 0 && scroller) {
        const top = scrollTopFor(index, scroller.clientHeight);
        scroller.scrollTop = top;
        setScrollTop(top);
      }
    },
    [rowsRef],
  );

  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const el = cellInput(scrollRef, target);
    if (el) {
      pendingFocus.current = null;
      focusInput(el);
    }
  });

  const focusAt = useCallback(
    (rowIndex: number, colIndex: number) => {
      const row = rowsRef.current[rowIndex];
      const column = columns[colIndex];
      if (row && column) requestFocus({ rowId: row.id, key: column.key });
    },
    [rowsRef, columns, requestFocus],
  );

  return { scrollRef, scrollTop, setScrollTop, viewport, requestFocus, focusAt };
}
