/**
 * Editing the grid: the rows (every change goes through `update`, which keeps a ref current so a
 * key that commits a cell and then moves works on the rows as they are), the active cell and
 * whether it is being typed into, and the handlers of the cells: typing, leaving a cell (the text
 * becomes the value it was read as), the spreadsheet keys, pasting a block, duplicating, removing
 * and restoring rows, and Escape (revert the cell, or ask to close).
 */
import {
  useCallback,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type Dispatch,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type MutableRefObject,
  type SetStateAction,
} from 'react';
import { GRID } from '../texts';
import type { GridColumn } from './columns';
import {
  defaultYear,
  duplicateRow,
  initialRows,
  insertRow,
  normalizeCell,
  pasteBlock,
  removeRow,
  setCell,
  settle,
  type GridRow,
} from './model';
import { cycleHighlight, moveFrom } from './navigation';
import { clipboardBlock } from './paste';
import type { SuggestState } from './useGridSuggestions';
import { focusInput, indexOf, type Active, type GridWindow } from './useGridWindow';

export type RowsUpdate = (fn: (prev: readonly GridRow[]) => readonly GridRow[]) => readonly GridRow[];

export interface GridRows {
  rows: readonly GridRow[];
  rowsRef: MutableRefObject<readonly GridRow[]>;
  update: RowsUpdate;
}

export function useGridRows(columns: readonly GridColumn[]): GridRows {
  const [rows, setRows] = useState<readonly GridRow[]>(() => initialRows(columns));
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const update = useCallback<RowsUpdate>((fn) => {
    const next = fn(rowsRef.current);
    if (next !== rowsRef.current) {
      rowsRef.current = next;
      setRows(next);
    }
    return next;
  }, []);
  return { rows, rowsRef, update };
}

/** The active cell, whether its text was changed since it got focus, and the highlighted suggestion. */
export interface GridCursor {
  active: Active | null;
  setActive: Dispatch<SetStateAction<Active | null>>;
  /** The active cell's text was changed since it got focus (type-ahead list open, Escape reverts). */
  typing: boolean;
  setTyping: (typing: boolean) => void;
  typingRef: MutableRefObject<boolean>;
  highlight: number;
  setHighlight: (index: number) => void;
}

export function useGridCursor(): GridCursor {
  const [active, setActive] = useState<Active | null>(null);
  const [typing, setTyping] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const typingRef = useRef(typing);
  typingRef.current = typing;
  return { active, setActive, typing, setTyping, typingRef, highlight, setHighlight };
}

export interface EditingDeps {
  columns: readonly GridColumn[];
  today: string;
  enterCol: number;
  grid: GridRows;
  cursor: GridCursor;
  win: Pick<GridWindow, 'requestFocus' | 'focusAt'>;
  suggestRef: MutableRefObject<SuggestState>;
  /** Ctrl+S; read through a ref so the key handler never changes because of it. */
  saveRef: MutableRefObject<() => Promise<void>>;
  requestClose: () => void;
}

interface CellEditing {
  commit: (rowId: string, key: string, text: string) => void;
  revert: (rowId: string) => void;
  /** The active cell was already committed by a key (so its blur does not commit it again). */
  committed: MutableRefObject<boolean>;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  onFocus: (e: FocusEvent<HTMLInputElement>) => void;
  onBlur: (e: FocusEvent<HTMLInputElement>) => void;
  onMouseDown: (e: MouseEvent<HTMLInputElement>) => void;
}

/** Typing into a cell, entering and leaving it, and putting its row back (Escape). */
function useCellEditing(
  { columns, today, grid, cursor, suggestRef }: EditingDeps,
  setNotice: (notice: string | null) => void,
): CellEditing {
  const { rowsRef, update } = grid;
  const { setActive, setTyping, setHighlight } = cursor;
  /** The row as it was when the active cell got focus (Escape puts it back). */
  const focusRow = useRef<GridRow | null>(null);
  const committed = useRef(false);

  /** Leaves a cell: the text becomes the value it was read as (or the highlighted suggestion). */
  const commit = useCallback(
    (rowId: string, key: string, text: string) => {
      const column = columns.find((c) => c.key === key);
      if (!column) return;
      const { suggestions: list, open, highlight: h } = suggestRef.current;
      const picked = open && column.kind === 'choice' ? list[h] : undefined;
      update((prev) => {
        const index = indexOf(prev, rowId);
        if (index < 0) return prev;
        const value = picked ? picked.label : normalizeCell(column, text, defaultYear(prev, index, key, today));
        return setCell(prev, columns, index, key, value);
      });
      setTyping(false);
    },
    [columns, today, update, suggestRef, setTyping],
  );

  const onChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      const value = e.currentTarget.value;
      update((prev) => setCell(prev, columns, indexOf(prev, rowId), key, value));
      setTyping(true);
      setHighlight(0);
      setNotice(null);
    },
    [columns, update, setTyping, setHighlight, setNotice],
  );

  const onFocus = useCallback(
    (e: FocusEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      focusRow.current = rowsRef.current.find((r) => r.id === rowId) ?? null;
      committed.current = false;
      setActive({ rowId, key });
      setTyping(false);
      setHighlight(0);
      // Typing into a cell replaces its content, as in a spreadsheet.
      e.currentTarget.select();
    },
    [rowsRef, setActive, setTyping, setHighlight],
  );

  const onBlur = useCallback(
    (e: FocusEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      if (!committed.current) commit(rowId, key, e.currentTarget.value);
      committed.current = true;
      setActive((a) => (a && a.rowId === rowId && a.key === key ? null : a));
    },
    [commit, setActive],
  );

  /**
   * The first click on a cell selects it whole (typing replaces it, as in a spreadsheet); a click
   * in the cell that already has the focus places the caret to edit part of the text.
   */
  const onMouseDown = useCallback((e: MouseEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (document.activeElement === input || e.button !== 0) return;
    e.preventDefault();
    focusInput(input);
  }, []);

  /** Puts the active cell's row back as it was when the cell got focus. */
  const revert = useCallback(
    (rowId: string) => {
      const original = focusRow.current;
      committed.current = true;
      setTyping(false);
      update((prev) => {
        const index = indexOf(prev, rowId);
        if (index < 0 || !original || original.id !== rowId) return prev;
        const out = [...prev];
        out[index] = original;
        return settle(out, columns);
      });
    },
    [columns, update, setTyping],
  );

  return { commit, revert, committed, onChange, onFocus, onBlur, onMouseDown };
}

/** Duplicating and removing rows, and undoing the last removal; the notice under the grid. */
function useRowActions({ columns, grid, win }: EditingDeps) {
  const { rowsRef, update } = grid;
  const { requestFocus, focusAt } = win;
  const [notice, setNotice] = useState<string | null>(null);
  const [lastRemoved, setLastRemoved] = useState<{ row: GridRow; index: number } | null>(null);

  const duplicateAt = useCallback(
    (rowIndex: number, colIndex: number) => {
      const before = rowsRef.current;
      const next = update((prev) => duplicateRow(prev, columns, rowIndex));
      if (next.length !== before.length) focusAt(rowIndex + 1, colIndex);
    },
    [rowsRef, columns, focusAt, update],
  );

  const removeAt = useCallback(
    (rowIndex: number, colIndex: number) => {
      const { rows: next, removed } = removeRow(rowsRef.current, columns, rowIndex);
      if (!removed) return;
      update(() => next);
      setLastRemoved({ row: removed, index: rowIndex });
      setNotice(GRID.removed(rowIndex + 1));
      focusAt(Math.min(rowIndex, next.length - 1), colIndex);
    },
    [rowsRef, columns, focusAt, update],
  );

  const undoRemove = () => {
    if (!lastRemoved) return;
    update((prev) => insertRow(prev, columns, lastRemoved.index, lastRemoved.row));
    setLastRemoved(null);
    setNotice(null);
    requestFocus({ rowId: lastRemoved.row.id, key: columns[0]!.key });
  };

  const onDuplicate = useCallback((rowId: string) => duplicateAt(indexOf(rowsRef.current, rowId), 0), [rowsRef, duplicateAt]);
  const onRemove = useCallback((rowId: string) => removeAt(indexOf(rowsRef.current, rowId), 0), [rowsRef, removeAt]);

  return { notice, setNotice, lastRemoved, undoRemove, duplicateAt, removeAt, onDuplicate, onRemove };
}

type RowActions = ReturnType<typeof useRowActions>;

/** The spreadsheet keys of a cell (navigation.ts says where they go) and pasting a block into it. */
function useCellKeys(deps: EditingDeps, cell: CellEditing, rowActions: RowActions) {
  const { columns, today, enterCol, grid, cursor, win, suggestRef, saveRef, requestClose } = deps;
  const { rowsRef, update } = grid;
  const { setTyping, typingRef, setHighlight } = cursor;
  const { focusAt } = win;
  const { commit, revert, committed } = cell;
  const { duplicateAt, removeAt, setNotice } = rowActions;
  // Read through a ref so the memoised key handler never changes because of it.
  const requestCloseRef = useRef(requestClose);
  requestCloseRef.current = requestClose;

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      const input = e.currentTarget;
      const { rowId, key } = input.dataset as { rowId: string; key: string };
      const r = indexOf(rowsRef.current, rowId);
      const c = columns.findIndex((col) => col.key === key);
      const { suggestions: options, open, highlight: h } = suggestRef.current;
      const ctrl = e.ctrlKey || e.metaKey;
      const leave = () => {
        commit(rowId, key, input.value);
        committed.current = true;
      };
      const moveTo = (to: { row: number; col: number } | null) => {
        if (to) focusAt(to.row, to.col);
      };

      if (ctrl && (e.key === 'd' || e.key === 'D')) {
        e.preventDefault();
        leave();
        duplicateAt(r, c);
        return;
      }
      if (ctrl && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        leave();
        void saveRef.current();
        return;
      }
      if (ctrl && e.key === 'Delete') {
        e.preventDefault();
        committed.current = true;
        removeAt(r, c);
        return;
      }
      switch (e.key) {
        case 'Tab':
        case 'Enter':
          e.preventDefault();
          leave();
          moveTo(moveFrom(e.key, e.shiftKey, { row: r, col: c }, rowsRef.current.length, columns.length, enterCol));
          return;
        case 'ArrowDown':
        case 'ArrowUp':
          e.preventDefault();
          if (open && options.length > 0) {
            setHighlight(cycleHighlight(h, e.key, options.length));
            return;
          }
          leave();
          moveTo(moveFrom(e.key, false, { row: r, col: c }, rowsRef.current.length, columns.length, enterCol));
          return;
        case 'Escape':
          // The cell keeps Escape from the modal (data-mantine-stop-propagation): revert, or ask to close.
          e.preventDefault();
          if (typingRef.current) revert(rowId);
          else requestCloseRef.current();
          return;
        default:
      }
    },
    [rowsRef, columns, commit, committed, duplicateAt, removeAt, focusAt, enterCol, revert, suggestRef, saveRef, typingRef, setHighlight],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      const c = columns.findIndex((col) => col.key === key);
      const block = clipboardBlock(e.clipboardData.getData('text/plain'), columns, c);
      if (block === null) return;
      e.preventDefault();
      committed.current = true;
      setTyping(false);
      const result = pasteBlock(rowsRef.current, columns, indexOf(rowsRef.current, rowId), c, block, today);
      update(() => result.rows);
      setNotice(result.extraColumns > 0 ? GRID.extraColumns(result.extraColumns) : null);
    },
    [rowsRef, columns, committed, today, update, setTyping, setNotice],
  );

  return { onKeyDown, onPaste };
}

/** Everything a cell and a row's buttons do, and the notice and undo under the grid. */
export function useGridEditing(deps: EditingDeps) {
  const rowActions = useRowActions(deps);
  const cell = useCellEditing(deps, rowActions.setNotice);
  const keys = useCellKeys(deps, cell, rowActions);
  const handlers = {
    onChange: cell.onChange,
    onFocus: cell.onFocus,
    onBlur: cell.onBlur,
    onKeyDown: keys.onKeyDown,
    onPaste: keys.onPaste,
    onMouseDown: cell.onMouseDown,
    onDuplicate: rowActions.onDuplicate,
    onRemove: rowActions.onRemove,
  };
  return { handlers, notice: rowActions.notice, lastRemoved: rowActions.lastRemoved, undoRemove: rowActions.undoRemove };
}
