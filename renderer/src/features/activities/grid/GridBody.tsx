/**
 * The body of the grid's modal: it holds the grid's state through the hooks and lays out the help
 * line, the message, the table, the list of invalid cells and the footer.
 */
import { memo, useMemo, useRef, type MutableRefObject } from 'react';
import { Stack, Text } from '@mantine/core';
import type { ActivityKind } from '../../../../../shared/domain/activities';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import { FormAlert } from '../../../components/FormActions';
import { GRID } from '../texts';
import { gridColumns } from './columns';
import { cellKeyFor } from './errors';
import { GridFooter, GridSuggestList, GridTable } from './GridParts';
import { SUGGEST_ID } from './GridRowView';
import { useGridLookups } from './lookups';
import { columnTotals, includedRows, makeChecker } from './model';
import { enterColumn } from './navigation';
import { GRID_CSS } from './styles';
import { useGridCursor, useGridEditing, useGridRows } from './useGridEditing';
import { useGridSave } from './useGridSave';
import { useGridSuggestions } from './useGridSuggestions';
import { useGridWindow } from './useGridWindow';

/** What the modal asks of the body before closing. */
export interface BodyState {
  /** Rows that would be lost. */
  unsaved: () => number;
  saving: boolean;
}

interface BodyProps {
  kind: ActivityKind;
  units: readonly UnitDto[];
  today: string;
  onClose: () => void;
  onSaved: (ids: string[]) => void;
  requestClose: () => void;
  state: MutableRefObject<BodyState>;
}

export const GridBody = memo(function GridBody({ kind, units, today, onClose, onSaved, requestClose, state }: BodyProps) {
  const { lookups, error: lookupError } = useGridLookups(kind, units);
  const columns = useMemo(() => gridColumns(kind, lookups), [kind, lookups]);
  const checker = useMemo(() => makeChecker(kind, columns, today), [kind, columns, today]);
  const enterCol = enterColumn(columns);

  const grid = useGridRows(columns);
  const { rows, rowsRef } = grid;
  const cursor = useGridCursor();
  const win = useGridWindow(rowsRef, columns);
  const suggest = useGridSuggestions(columns, rows, grid.update, cursor, win);
  const saveRef = useRef<() => Promise<void>>(async () => {});
  const editing = useGridEditing({ columns, today, enterCol, grid, cursor, win, suggestRef: suggest.suggestRef, saveRef, requestClose });
  const saver = useGridSave({ kind, columns, checker, rows, rowsRef, requestFocus: win.requestFocus, onSaved, onClose });
  saveRef.current = saver.save;

  state.current = {
    unsaved: () => (saver.done.current ? 0 : includedRows(rowsRef.current, columns).filter(Boolean).length),
    saving: saver.saving,
  };

  const savedCount = useMemo(() => includedRows(rows, columns).filter(Boolean).length, [rows, columns]);
  const totals = useMemo(() => columnTotals(columns, rows), [columns, rows]);
  const { check } = saver;
  const message = saver.serverMessage ?? lookupError ?? (check && check.errorCount > 0 ? GRID.hasErrors(check.errorCount) : null);
  const { suggestOpen, suggestions, activeIndex, activeColumn, anchor } = suggest;

  return (
    <>
      <style>{GRID_CSS}</style>
      <Stack gap={8} style={{ flex: 1, minHeight: 0 }}>
        <Text size="xs" c="dimmed">
          {GRID.help}
        </Text>
        <FormAlert message={message} />
        <div className="eg-scroll" ref={win.scrollRef} onScroll={(e) => win.setScrollTop(e.currentTarget.scrollTop)}>
          <GridTable
            columns={columns}
            rows={rows}
            errors={saver.errors}
            scrollTop={win.scrollTop}
            viewport={win.viewport}
            activeIndex={activeIndex}
            activeKey={cursor.active?.key ?? null}
            suggestOpen={suggestOpen}
            highlightId={suggestOpen && suggestions.length > 0 ? `${SUGGEST_ID}-${cursor.highlight}` : null}
            handlers={editing.handlers}
          />
        </div>
        {saver.lines.length > 0 && (
          <ul className="eg-errors" aria-label={GRID.errorsLabel}>
            {saver.lines.map((l) => (
              <li key={`${l.rowId}:${l.key}`}>
                <button type="button" onClick={() => win.requestFocus({ rowId: l.rowId, key: cellKeyFor(l.key, columns) })}>
                  {l.text}
                </button>
              </li>
            ))}
          </ul>
        )}
        <GridFooter
          savedCount={savedCount}
          totals={totals}
          notice={editing.notice}
          canUndoRemove={editing.lastRemoved !== null}
          onUndoRemove={editing.undoRemove}
          saving={saver.saving}
          onCancel={requestClose}
          onSave={() => void saver.save()}
        />
      </Stack>
      {anchor && activeColumn && (
        <GridSuggestList
          anchor={anchor}
          label={activeColumn.label}
          suggestions={suggestions}
          highlight={cursor.highlight}
          onPick={suggest.pick}
          onHighlight={cursor.setHighlight}
        />
      )}
    </>
  );
});
