/**
 * The type-ahead of a choice cell: while the person types into a unit, enum, team or organisation
 * cell, up to eight matching choices (a few letters without diacritics are enough), the one the
 * arrows highlight, and where the list goes (under the active cell, following the scroll).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Choice } from '../../../../../shared/lib/tsv';
import type { GridColumn } from './columns';
import { setCell, type GridRow } from './model';
import type { GridCursor } from './useGridEditing';
import { cellInput, indexOf, type GridWindow } from './useGridWindow';

/** What the key handlers read at the moment of a key (a ref, so they need not change with it). */
export interface SuggestState {
  suggestions: Choice[];
  open: boolean;
  highlight: number;
}

export interface GridSuggestions {
  activeIndex: number;
  activeColumn: GridColumn | null;
  suggestOpen: boolean;
  suggestions: Choice[];
  suggestRef: MutableRefObject<SuggestState>;
  /** The active cell's box while the list is open (the list is placed under it). */
  anchor: DOMRect | null;
  pick: (choice: Choice) => void;
}

export function useGridSuggestions(
  columns: readonly GridColumn[],
  rows: readonly GridRow[],
  update: (fn: (prev: readonly GridRow[]) => readonly GridRow[]) => readonly GridRow[],
  cursor: GridCursor,
  win: Pick<GridWindow, 'scrollRef' | 'scrollTop'>,
): GridSuggestions {
  const { active, typing, highlight, setTyping } = cursor;
  const activeIndex = active ? indexOf(rows, active.rowId) : -1;
  const activeColumn = active ? (columns.find((c) => c.key === active.key) ?? null) : null;
  const activeText = activeIndex >= 0 && active ? (rows[activeIndex]?.cells[active.key] ?? '') : '';
  const suggestOpen = typing && activeColumn?.kind === 'choice' && activeText.trim() !== '';
  // A lookup that asks the backend (the organisations) says when its answers grow: the list is made again.
  const [answers, setAnswers] = useState(0);
  const choices = activeColumn?.choices ?? null;
  useEffect(() => choices?.subscribe?.(() => setAnswers((n) => n + 1)), [choices]);
  const suggestions: Choice[] = useMemo(
    () => (suggestOpen && choices && answers >= 0 ? choices.search(activeText, 8) : []),
    // `answers`: the same text matches more once an answer arrived.
    [suggestOpen, choices, activeText, answers],
  );
  const suggestRef = useRef<SuggestState>({ suggestions, open: suggestOpen, highlight });
  suggestRef.current = { suggestions, open: suggestOpen, highlight };

  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const { scrollRef, scrollTop } = win;
  useLayoutEffect(() => {
    setAnchor(suggestOpen && active ? (cellInput(scrollRef, active)?.getBoundingClientRect() ?? null) : null);
  }, [suggestOpen, active, scrollTop, scrollRef]);

  const pick = (choice: Choice) => {
    if (!active) return;
    const { rowId, key } = active;
    update((prev) => setCell(prev, columns, indexOf(prev, rowId), key, choice.label));
    setTyping(false);
  };

  return { activeIndex, activeColumn, suggestOpen, suggestions, suggestRef, anchor, pick };
}
