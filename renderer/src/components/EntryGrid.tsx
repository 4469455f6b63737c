/**
 * The fast-entry grid ("Nhập nhiều dòng"): many records of one activity kind typed like a
 * spreadsheet, and saved together (all rows or none) through `activities.saveMany`.
 *
 * It must beat a spreadsheet on keystrokes: new rows start with the carried values of the row
 * above (date, unit, form…), Enter jumps to the next row's first column that is not carried,
 * choice cells take a few letters without diacritics, short dates take the year from the row
 * above, and blocks copied from Excel paste straight in. Cells keep exactly what was typed until
 * saved, so an error never loses anything; invalid cells turn red with the Vietnamese reason.
 *
 * Speed: the state lives in the body inside the modal (a keystroke re-renders neither the modal
 * nor the page behind it), rows are memoised (only the edited row re-renders), and only the rows
 * in view are in the DOM (a table of hundreds of rows of inputs is slow to lay out and paint).
 */
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type MutableRefObject,
  type ReactNode,
} from 'react';
import { ActionIcon, Button, Group, Modal, Portal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import type { ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_FIELDS, ACTIVITY_TITLES } from '../../../shared/domain/activities';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { formatIntVi } from '../../../shared/lib/numbers';
import { foldVietnamese } from '../../../shared/lib/text';
import { isCellBlock, parseTsv, type Choice } from '../../../shared/lib/tsv';
import { ApiError, call } from '../api/client';
import { ConfirmModal } from './ConfirmModal';
import { FormActions, FormAlert } from './FormActions';
import {
  columnTotals,
  defaultYear,
  duplicateRow,
  gridColumns,
  includedRows,
  initialRows,
  insertRow,
  makeChecker,
  normalizeCell,
  pasteBlock,
  removeRow,
  setCell,
  settle,
  type GridColumn,
  type GridRow,
  type RowErrors,
} from './entryGrid/model';
import { useGridLookups } from './entryGrid/lookups';
import { GRID_CSS } from './entryGrid/styles';
import { GRID } from './texts';

export interface EntryGridModalProps {
  kind: ActivityKind;
  units: readonly UnitDto[];
  today: string;
  opened: boolean;
  onClose: () => void;
  /** Called with the new records' ids after a successful save; the grid then closes itself (onClose). */
  onSaved: (ids: string[]) => void;
}

const SUGGEST_ID = 'entry-grid-suggestions';
const ROW_NUMBER_WIDTH = 44;
const ACTIONS_WIDTH = 56;
/** Row height in px (32 px cell + 1 px border), fixed so rows can be windowed. */
const ROW_HEIGHT = 33;
const OVERSCAN = 10;

const MODAL_STYLES = {
  content: { display: 'flex', flexDirection: 'column' as const },
  body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' as const, paddingBottom: 12 },
  title: { fontWeight: 600, fontSize: 18 },
};

/** What the modal asks of the body before closing. */
interface BodyState {
  /** Rows that would be lost. */
  unsaved: () => number;
  saving: boolean;
}

export function EntryGridModal({ kind, units, today, opened, onClose, onSaved }: EntryGridModalProps) {
  const [confirming, setConfirming] = useState<number | null>(null);
  const body = useRef<BodyState>({ unsaved: () => 0, saving: false });
  // Pages pass new callbacks on each render; stable ones let the memoised body skip those renders.
  const callbacks = useRef({ onClose, onSaved });
  callbacks.current = { onClose, onSaved };
  const close = useCallback(() => callbacks.current.onClose(), []);
  const saved = useCallback((ids: string[]) => callbacks.current.onSaved(ids), []);

  const requestClose = useCallback(() => {
    if (body.current.saving) return;
    const n = body.current.unsaved();
    if (n > 0) setConfirming(n);
    else close();
  }, [close]);

  return (
    <>
      <Modal
        opened={opened}
        onClose={requestClose}
        fullScreen
        closeOnEscape={confirming === null}
        title={GRID.title(ACTIVITY_TITLES[kind])}
        styles={MODAL_STYLES}
      >
        {/* Mounted only while open: closing (after saving or confirming) starts the next grid afresh. */}
        <GridBody key={kind} kind={kind} units={units} today={today} onClose={close} onSaved={saved} requestClose={requestClose} state={body} />
      </Modal>
      {confirming !== null && (
        <ConfirmModal
          title={GRID.confirmTitle}
          body={GRID.confirmBody(confirming)}
          cancelLabel={GRID.confirmStay}
          confirmLabel={GRID.confirmDiscard}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            setConfirming(null);
            close();
          }}
        />
      )}
    </>
  );
}

interface Active {
  rowId: string;
  key: string;
}

/** Server errors of one save, valid for a row as long as it is the same row object (unchanged since). */
type ServerErrors = ReadonlyMap<string, { row: GridRow; errors: RowErrors }>;

const fieldLabel = (kind: ActivityKind, key: string): string => ACTIVITY_FIELDS[kind].find((f) => f.key === key)?.label ?? key;
const indexOf = (list: readonly GridRow[], rowId: string) => list.findIndex((r) => r.id === rowId);

interface BodyProps {
  kind: ActivityKind;
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onSaved: (ids: string[]) => void;
  requestClose: () => void;
  state: MutableRefObject<BodyState>;
}

const GridBody = memo(function GridBody({ kind, units, today, onClose, onSaved, requestClose, state }: BodyProps) {
  const { lookups, error: lookupError } = useGridLookups(kind, units);
  const columns = useMemo(() => gridColumns(kind, lookups), [kind, lookups]);
  const checker = useMemo(() => makeChecker(kind, columns, today), [kind, columns, today]);
  const enterCol = Math.max(0, columns.findIndex((c) => !c.carry));

  const [rows, setRows] = useState<readonly GridRow[]>(() => initialRows(columns));
  const [active, setActive] = useState<Active | null>(null);
  /** The active cell's text was changed since it got focus (type-ahead list open, Escape reverts). */
  const [typing, setTyping] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServerErrors>(new Map());
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastRemoved, setLastRemoved] = useState<{ row: GridRow; index: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const typingRef = useRef(typing);
  typingRef.current = typing;
  // Read through a ref so the memoised key handler never changes because of it.
  const requestCloseRef = useRef(requestClose);
  requestCloseRef.current = requestClose;
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The row as it was when the active cell got focus (Escape puts it back). */
  const focusRow = useRef<GridRow | null>(null);
  /** The active cell was already committed by a key (so its blur does not commit it again). */
  const committed = useRef(false);
  const pendingFocus = useRef<Active | null>(null);

  /** Saved: nothing left to lose while the modal fades out. */
  const done = useRef(false);
  state.current = { unsaved: () => (done.current ? 0 : includedRows(rowsRef.current, columns).filter(Boolean).length), saving };

  /**
   * Every change goes through here: the ref is updated at once, so a key that commits a cell and
   * then moves, duplicates or pastes works on the rows as they are, not as of the last render.
   */
  const update = useCallback((fn: (prev: readonly GridRow[]) => readonly GridRow[]): readonly GridRow[] => {
    const next = fn(rowsRef.current);
    if (next !== rowsRef.current) {
      rowsRef.current = next;
      setRows(next);
    }
    return next;
  }, []);

  const check = useMemo(() => (attempted ? checker(rows) : null), [attempted, checker, rows]);
  const savedCount = useMemo(() => includedRows(rows, columns).filter(Boolean).length, [rows, columns]);
  const totals = useMemo(() => columnTotals(columns, rows), [columns, rows]);

  /** Field messages per row id: the local check (after a first save attempt) and the backend's. */
  const errors = useMemo(() => {
    const out = new Map<string, RowErrors>(check?.errors ?? []);
    if (serverErrors.size > 0) {
      const present = new Map(rows.map((r) => [r.id, r]));
      for (const [rowId, e] of serverErrors) {
        if (present.get(rowId) === e.row) out.set(rowId, { ...e.errors, ...(out.get(rowId) ?? {}) });
      }
    }
    return out;
  }, [check, serverErrors, rows]);

  const errorLines = useMemo(() => {
    const lines: { rowId: string; key: string; text: string }[] = [];
    if (errors.size === 0) return lines;
    rows.forEach((row, index) => {
      const e = errors.get(row.id);
      if (!e) return;
      for (const [key, message] of Object.entries(e)) lines.push({ rowId: row.id, key, text: GRID.errorLine(index + 1, fieldLabel(kind, key), message) });
    });
    return lines;
  }, [errors, rows, kind]);

  // ---- windowing and focus ----------------------------------------------------------------

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const cellInput = (target: Active): HTMLInputElement | null =>
    scrollRef.current?.querySelector<HTMLInputElement>(`input[data-row-id="${target.rowId}"][data-key="${target.key}"]`) ?? null;

  const focusInput = (el: HTMLInputElement) => {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    el.select();
  };

  /** Focuses a cell now, or after the render that brings its row into the DOM (scrolling to it first). */
  const requestFocus = useCallback((target: Active) => {
    const el = cellInput(target);
    if (el) {
      pendingFocus.current = null;
      focusInput(el);
      return;
    }
    pendingFocus.current = target;
    const index = indexOf(rowsRef.current, target.rowId);
    const scroller = scrollRef.current;
    if (index >= 0 && scroller) {
      const top = Math.max(0, index * ROW_HEIGHT - scroller.clientHeight / 2);
      scroller.scrollTop = top;
      setScrollTop(top);
    }
  }, []);

  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const el = cellInput(target);
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
    [columns, requestFocus],
  );

  // ---- editing ----------------------------------------------------------------------------

  const activeIndex = active ? indexOf(rows, active.rowId) : -1;
  const activeColumn = active ? (columns.find((c) => c.key === active.key) ?? null) : null;
  const activeText = activeIndex >= 0 && active ? (rows[activeIndex]?.cells[active.key] ?? '') : '';
  const suggestOpen = typing && activeColumn?.kind === 'choice' && activeText.trim() !== '';
  const suggestions: Choice[] = useMemo(
    () => (suggestOpen && activeColumn?.choices ? activeColumn.choices.search(activeText, 8) : []),
    [suggestOpen, activeColumn, activeText],
  );
  const suggestRef = useRef({ suggestions, open: suggestOpen, highlight });
  suggestRef.current = { suggestions, open: suggestOpen, highlight };

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
    [columns, today, update],
  );

  const onCellChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      const value = e.currentTarget.value;
      update((prev) => setCell(prev, columns, indexOf(prev, rowId), key, value));
      setTyping(true);
      setHighlight(0);
      setNotice(null);
    },
    [columns, update],
  );

  const onCellFocus = useCallback((e: FocusEvent<HTMLInputElement>) => {
    const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
    focusRow.current = rowsRef.current.find((r) => r.id === rowId) ?? null;
    committed.current = false;
    setActive({ rowId, key });
    setTyping(false);
    setHighlight(0);
    // Typing into a cell replaces its content, as in a spreadsheet.
    e.currentTarget.select();
  }, []);

  const onCellBlur = useCallback(
    (e: FocusEvent<HTMLInputElement>) => {
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      if (!committed.current) commit(rowId, key, e.currentTarget.value);
      committed.current = true;
      setActive((a) => (a && a.rowId === rowId && a.key === key ? null : a));
    },
    [commit],
  );

  /**
   * The first click on a cell selects it whole (typing replaces it, as in a spreadsheet); a click
   * in the cell that already has the focus places the caret to edit part of the text.
   */
  const onCellMouseDown = useCallback((e: MouseEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (document.activeElement === input || e.button !== 0) return;
    e.preventDefault();
    focusInput(input);
  }, []);

  const duplicateAt = useCallback(
    (rowIndex: number, colIndex: number) => {
      const before = rowsRef.current;
      const next = update((prev) => duplicateRow(prev, columns, rowIndex));
      if (next.length !== before.length) focusAt(rowIndex + 1, colIndex);
    },
    [columns, focusAt, update],
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
    [columns, focusAt, update],
  );

  const undoRemove = () => {
    if (!lastRemoved) return;
    update((prev) => insertRow(prev, columns, lastRemoved.index, lastRemoved.row));
    setLastRemoved(null);
    setNotice(null);
    requestFocus({ rowId: lastRemoved.row.id, key: columns[0]!.key });
  };

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
    [columns, update],
  );

  const onCellKeyDown = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      const input = e.currentTarget;
      const { rowId, key } = input.dataset as { rowId: string; key: string };
      const r = indexOf(rowsRef.current, rowId);
      const c = columns.findIndex((col) => col.key === key);
      const last = columns.length - 1;
      const { suggestions: options, open, highlight: h } = suggestRef.current;
      const ctrl = e.ctrlKey || e.metaKey;
      const leave = () => {
        commit(rowId, key, input.value);
        committed.current = true;
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
        case 'Tab': {
          e.preventDefault();
          leave();
          if (e.shiftKey) {
            if (c > 0) focusAt(r, c - 1);
            else if (r > 0) focusAt(r - 1, last);
          } else if (c < last) focusAt(r, c + 1);
          else if (r + 1 < rowsRef.current.length) focusAt(r + 1, 0);
          return;
        }
        case 'Enter': {
          e.preventDefault();
          leave();
          if (r + 1 < rowsRef.current.length) focusAt(r + 1, enterCol);
          return;
        }
        case 'ArrowDown':
        case 'ArrowUp': {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : -1;
          if (open && options.length > 0) {
            setHighlight((h + step + options.length) % options.length);
            return;
          }
          leave();
          if (r + step >= 0 && r + step < rowsRef.current.length) focusAt(r + step, c);
          return;
        }
        case 'Escape': {
          // The cell keeps Escape from the modal (data-mantine-stop-propagation): revert, or ask to close.
          e.preventDefault();
          if (typingRef.current) revert(rowId);
          else requestCloseRef.current();
          return;
        }
        default:
      }
    },
    [columns, commit, duplicateAt, removeAt, focusAt, enterCol, revert],
  );

  const onCellPaste = useCallback(
    (e: ClipboardEvent<HTMLInputElement>) => {
      const text = e.clipboardData.getData('text/plain');
      if (!isCellBlock(text)) return;
      e.preventDefault();
      const { rowId, key } = e.currentTarget.dataset as { rowId: string; key: string };
      const c = columns.findIndex((col) => col.key === key);
      let block = parseTsv(text);
      // A block copied with its header row: drop the header.
      const first = block[0] ?? [];
      if (
        block.length > 1 &&
        first.some((t) => t.trim() !== '') &&
        first.every((t, i) => t.trim() === '' || foldVietnamese(t) === foldVietnamese(columns[c + i]?.label ?? ''))
      ) {
        block = block.slice(1);
      }
      committed.current = true;
      setTyping(false);
      const result = pasteBlock(rowsRef.current, columns, indexOf(rowsRef.current, rowId), c, block, today);
      update(() => result.rows);
      setNotice(result.extraColumns > 0 ? GRID.extraColumns(result.extraColumns) : null);
    },
    [columns, today, update],
  );

  const onRowDuplicate = useCallback((rowId: string) => duplicateAt(indexOf(rowsRef.current, rowId), 0), [duplicateAt]);
  const onRowRemove = useCallback((rowId: string) => removeAt(indexOf(rowsRef.current, rowId), 0), [removeAt]);

  // ---- save -------------------------------------------------------------------------------

  async function save() {
    if (saving) return;
    const result = checker(rowsRef.current);
    setAttempted(true);
    setServerMessage(null);
    setServerErrors(new Map());
    if (result.included.length === 0) {
      setServerMessage(GRID.nothingToSave);
      return;
    }
    if (result.errorCount > 0) {
      const firstRow = result.included.find((i) => result.errors.has(i.row.id));
      if (firstRow) {
        const key = Object.keys(result.errors.get(firstRow.row.id) ?? {}).find((k) => columns.some((c) => c.key === k)) ?? columns[0]!.key;
        requestFocus({ rowId: firstRow.row.id, key });
      }
      return;
    }
    setSaving(true);
    try {
      const input = { kind, records: result.included.map((i) => i.record) } as MethodInput<'activities.saveMany'>;
      const { ids } = await call('activities.saveMany', input);
      notifications.show({ color: 'green', message: GRID.saved(ids.length) });
      done.current = true;
      onSaved(ids);
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const byRow = new Map<string, { row: GridRow; errors: Record<string, string> }>();
        const other: string[] = [];
        for (const [path, message] of Object.entries(err.details)) {
          const m = /^records\.(\d+)(?:\.(\w+))?/.exec(path);
          const target = m ? result.included[Number(m[1])] : undefined;
          if (m && target) {
            const entry = byRow.get(target.row.id) ?? { row: target.row, errors: {} };
            entry.errors[m[2] ?? columns[0]!.key] = message;
            byRow.set(target.row.id, entry);
          } else other.push(message);
        }
        setServerErrors(byRow);
        // The backend numbers rows among those sent; the grid's own numbers are in the cell list.
        const cells = [...byRow.values()].reduce((n, e) => n + Object.keys(e.errors).length, 0);
        setServerMessage([byRow.size > 0 ? GRID.hasErrors(cells) : err.message, ...other].join(' '));
      } else setServerMessage(String(err));
    } finally {
      setSaving(false);
    }
  }
  const saveRef = useRef(save);
  saveRef.current = save;

  const message = serverMessage ?? lookupError ?? (check && check.errorCount > 0 ? GRID.hasErrors(check.errorCount) : null);

  // ---- the type-ahead list, placed under the active cell ----------------------------------

  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  useLayoutEffect(() => {
    setAnchor(suggestOpen && active ? (cellInput(active)?.getBoundingClientRect() ?? null) : null);
  }, [suggestOpen, active, scrollTop]);

  const pickSuggestion = (choice: Choice) => {
    if (!active) return;
    const { rowId, key } = active;
    update((prev) => setCell(prev, columns, indexOf(prev, rowId), key, choice.label));
    setTyping(false);
  };

  // ---- rows in view -----------------------------------------------------------------------

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  // The row being edited stays in the DOM even when scrolled far away, so its input keeps the focus.
  const runs: [number, number][] = [[first, last]];
  if (activeIndex >= 0 && activeIndex < first) runs.unshift([activeIndex, activeIndex + 1]);
  if (activeIndex >= last) runs.push([activeIndex, activeIndex + 1]);

  const renderRow = (row: GridRow, index: number) => (
    <GridRowView
      key={row.id}
      row={row}
      index={index}
      columns={columns}
      errors={errors.get(row.id) ?? null}
      activeKey={index === activeIndex ? (active?.key ?? null) : null}
      suggestOpen={index === activeIndex && suggestOpen}
      highlightId={index === activeIndex && suggestOpen && suggestions.length > 0 ? `${SUGGEST_ID}-${highlight}` : null}
      onChange={onCellChange}
      onFocus={onCellFocus}
      onBlur={onCellBlur}
      onKeyDown={onCellKeyDown}
      onPaste={onCellPaste}
      onMouseDown={onCellMouseDown}
      onDuplicate={onRowDuplicate}
      onRemove={onRowRemove}
    />
  );
  const gap = (key: string, count: number) =>
    count > 0 ? (
      <tr key={key} className="eg-gap" aria-hidden style={{ height: count * ROW_HEIGHT }}>
        <td colSpan={columns.length + 2} />
      </tr>
    ) : null;
  const body: ReactNode[] = [];
  let cursor = 0;
  for (const [a, b] of runs) {
    body.push(gap(`gap-${cursor}`, a - cursor));
    for (let i = a; i < b; i += 1) body.push(renderRow(rows[i]!, i));
    cursor = b;
  }
  body.push(gap('gap-end', rows.length - cursor));

  const tableMinWidth = ROW_NUMBER_WIDTH + ACTIONS_WIDTH + columns.reduce((n, c) => n + c.width, 0);
  const header = useMemo(
    () => (
      <thead>
        <tr>
          <th className="eg-num" scope="col">
            {GRID.rowNumber}
          </th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.kind === 'count' ? 'eg-right' : undefined} title={c.carry ? `${c.label} — ${GRID.carried}` : c.label}>
              <span className="eg-th">
                {c.label}
                {c.required && <span className="eg-req">*</span>}
                {c.carry && (
                  <span className="eg-carry" aria-hidden>
                    ↓
                  </span>
                )}
              </span>
            </th>
          ))}
          <th scope="col">
            <span className="eg-sr">{GRID.actions}</span>
          </th>
        </tr>
      </thead>
    ),
    [columns],
  );

  return (
    <>
      <style>{GRID_CSS}</style>
      <Stack gap={8} style={{ flex: 1, minHeight: 0 }}>
        <Text size="xs" c="dimmed">
          {GRID.help}
        </Text>
        <FormAlert message={message} />
        <div className="eg-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <table className="eg-table" aria-label={GRID.tableLabel} aria-rowcount={rows.length + 1} style={{ minWidth: tableMinWidth }}>
            <colgroup>
              <col style={{ width: ROW_NUMBER_WIDTH }} />
              {columns.map((c) => (
                <col key={c.key} style={c.flex ? undefined : { width: c.width }} />
              ))}
              <col style={{ width: ACTIONS_WIDTH }} />
            </colgroup>
            {header}
            <tbody>{body}</tbody>
          </table>
        </div>
        {errorLines.length > 0 && (
          <ul className="eg-errors" aria-label={GRID.errorsLabel}>
            {errorLines.map((l) => (
              <li key={`${l.rowId}:${l.key}`}>
                <button type="button" onClick={() => requestFocus({ rowId: l.rowId, key: columns.some((c) => c.key === l.key) ? l.key : columns[0]!.key })}>
                  {l.text}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Group justify="space-between" align="center" wrap="nowrap" gap="md">
          <Group gap="md" wrap="wrap" style={{ flex: 1, minWidth: 0, rowGap: 2 }} role="group" aria-label={GRID.footerLabel}>
            <Text size="sm" fw={600}>
              {GRID.rows(savedCount)}
            </Text>
            {totals.map((t) => (
              <Text key={t.column.key} size="sm">
                {t.column.label}: <b>{formatIntVi(t.value)}</b>
              </Text>
            ))}
            {notice && (
              <Text size="sm" c="dimmed">
                {notice}
              </Text>
            )}
            {lastRemoved && (
              <Button size="compact-sm" variant="subtle" onClick={undoRemove}>
                {GRID.undoRemove}
              </Button>
            )}
          </Group>
          <div style={{ flexShrink: 0 }}>
            <FormActions cancelLabel={GRID.cancel} submitLabel={GRID.save} onCancel={requestClose} saving={saving} onConfirm={() => void save()} />
          </div>
        </Group>
      </Stack>
      {anchor && activeColumn && (
        <Portal>
          <ul
            id={SUGGEST_ID}
            role="listbox"
            aria-label={GRID.suggestions(activeColumn.label)}
            className="eg-suggest"
            style={{ top: anchor.bottom + 2, left: anchor.left, minWidth: Math.max(anchor.width, 220) }}
            // Picking with the mouse must not take the focus away from the cell.
            onMouseDown={(e) => e.preventDefault()}
          >
            {suggestions.length === 0 ? (
              <li className="eg-option-empty">{GRID.noMatch}</li>
            ) : (
              suggestions.map((s, i) => (
                <li
                  key={s.value}
                  id={`${SUGGEST_ID}-${i}`}
                  role="option"
                  aria-selected={i === highlight}
                  className="eg-option"
                  onClick={() => pickSuggestion(s)}
                  onMouseEnter={() => setHighlight(i)}
                >
                  {s.label}
                </li>
              ))
            )}
          </ul>
        </Portal>
      )}
    </>
  );
});

interface RowViewProps {
  row: GridRow;
  index: number;
  columns: readonly GridColumn[];
  errors: RowErrors | null;
  activeKey: string | null;
  suggestOpen: boolean;
  highlightId: string | null;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  onFocus: (e: FocusEvent<HTMLInputElement>) => void;
  onBlur: (e: FocusEvent<HTMLInputElement>) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
  onMouseDown: (e: MouseEvent<HTMLInputElement>) => void;
  onDuplicate: (rowId: string) => void;
  onRemove: (rowId: string) => void;
}

/** One row; memoised so typing in one row does not re-render the others. */
const GridRowView = memo(function GridRowView({
  row,
  index,
  columns,
  errors,
  activeKey,
  suggestOpen,
  highlightId,
  onChange,
  onFocus,
  onBlur,
  onKeyDown,
  onPaste,
  onMouseDown,
  onDuplicate,
  onRemove,
}: RowViewProps) {
  const n = index + 1;
  return (
    <tr data-blank={!row.edited} data-active={activeKey !== null} aria-rowindex={n + 1}>
      <td className="eg-num">{n}</td>
      {columns.map((c, ci) => {
        const error = errors?.[c.key];
        const isChoice = c.kind === 'choice';
        const expanded = isChoice && activeKey === c.key && suggestOpen;
        return (
          <td key={c.key}>
            <input
              className="eg-cell"
              data-row-id={row.id}
              data-key={c.key}
              data-align={c.kind === 'count' ? 'right' : undefined}
              // The modal must not close on Escape in a cell: the cell handles it (revert, or ask).
              data-mantine-stop-propagation="true"
              // The modal puts the focus here when it opens: typing can start at once.
              data-autofocus={index === 0 && ci === 0 ? true : undefined}
              aria-label={GRID.cellLabel(c.label, n)}
              aria-invalid={error ? true : undefined}
              aria-required={c.required || undefined}
              title={error}
              {...(isChoice
                ? {
                    role: 'combobox',
                    'aria-autocomplete': 'list' as const,
                    'aria-expanded': expanded,
                    ...(expanded ? { 'aria-controls': SUGGEST_ID } : {}),
                    ...(expanded && highlightId ? { 'aria-activedescendant': highlightId } : {}),
                  }
                : {})}
              inputMode={c.kind === 'count' || c.kind === 'year' ? 'numeric' : undefined}
              autoComplete="off"
              spellCheck={false}
              value={row.cells[c.key] ?? ''}
              onChange={onChange}
              onFocus={onFocus}
              onBlur={onBlur}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
              onMouseDown={onMouseDown}
            />
          </td>
        );
      })}
      <td className="eg-actions">
        {row.edited && (
          <Group gap={2} justify="center" wrap="nowrap">
            {/* Native titles rather than Mantine tooltips: two floating tooltips per row made every keystroke slower. */}
            <ActionIcon variant="subtle" color="gray" size="sm" tabIndex={-1} aria-label={GRID.duplicateRow(n)} title={GRID.duplicateRow(n)} onClick={() => onDuplicate(row.id)}>
              <IconCopy size={15} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" size="sm" tabIndex={-1} aria-label={GRID.removeRow(n)} title={GRID.removeRow(n)} onClick={() => onRemove(row.id)}>
              <IconTrash size={15} />
            </ActionIcon>
          </Group>
        )}
      </td>
    </tr>
  );
});
