/**
 * One row of the grid: its number, one plain input per column (a choice cell is a combobox whose
 * list is GridSuggestList), and the duplicate and remove buttons of a row that was typed into.
 */
import { memo, type ChangeEvent, type ClipboardEvent, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { ActionIcon, Group } from '@mantine/core';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { GRID } from '../texts';
import type { GridColumn } from './columns';
import type { GridRow, RowErrors } from './model';

export const SUGGEST_ID = 'entry-grid-suggestions';

export interface CellHandlers {
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  onFocus: (e: FocusEvent<HTMLInputElement>) => void;
  onBlur: (e: FocusEvent<HTMLInputElement>) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
  onMouseDown: (e: MouseEvent<HTMLInputElement>) => void;
  onDuplicate: (rowId: string) => void;
  onRemove: (rowId: string) => void;
}

interface RowViewProps extends CellHandlers {
  row: GridRow;
  index: number;
  columns: readonly GridColumn[];
  errors: RowErrors | null;
  activeKey: string | null;
  suggestOpen: boolean;
  highlightId: string | null;
}

/** One row; memoised so typing in one row does not re-render the others. */
export const GridRowView = memo(function GridRowView({
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
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              tabIndex={-1}
              aria-label={GRID.duplicateRow(n)}
              title={GRID.duplicateRow(n)}
              onClick={() => onDuplicate(row.id)}
            >
              <IconCopy size={15} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              tabIndex={-1}
              aria-label={GRID.removeRow(n)}
              title={GRID.removeRow(n)}
              onClick={() => onRemove(row.id)}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Group>
        )}
      </td>
    </tr>
  );
});
