/**
 * The parts of the grid's screen around its rows: the table (column widths, the header with the
 * required and carried marks, the rows in view with spacers for the others), the footer (rows to
 * save, totals, notices, save and cancel) and the type-ahead list under the active cell.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { Button, Group, Portal, Text } from '@mantine/core';
import { formatIntVi } from '../../../../../shared/lib/numbers';
import type { Choice } from '../../../../../shared/lib/tsv';
import { FormActions } from '../../../components/FormActions';
import { GRID } from '../texts';
import type { GridColumn } from './columns';
import { GridRowView, SUGGEST_ID, type CellHandlers } from './GridRowView';
import type { GridRow, RowErrors } from './model';
import { ROW_HEIGHT, rowRuns } from './navigation';

const ROW_NUMBER_WIDTH = 44;
const ACTIONS_WIDTH = 56;

const GridHeader = memo(function GridHeader({ columns }: { columns: readonly GridColumn[] }) {
  return (
    <thead>
      <tr>
        <th className="eg-num" scope="col">
          {GRID.rowNumber}
        </th>
        {columns.map((c) => (
          <th
            key={c.key}
            scope="col"
            className={c.kind === 'count' ? 'eg-right' : undefined}
            title={c.carry ? `${c.label} — ${GRID.carried}` : c.label}
          >
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
  );
});

export interface GridTableProps {
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  errors: ReadonlyMap<string, RowErrors>;
  scrollTop: number;
  viewport: number;
  activeIndex: number;
  activeKey: string | null;
  suggestOpen: boolean;
  highlightId: string | null;
  handlers: CellHandlers;
}

/** The table: only the rows in view (and the row being edited) are in the DOM. */
export function GridTable({
  columns,
  rows,
  errors,
  scrollTop,
  viewport,
  activeIndex,
  activeKey,
  suggestOpen,
  highlightId,
  handlers,
}: GridTableProps) {
  const renderRow = (row: GridRow, index: number) => (
    <GridRowView
      key={row.id}
      row={row}
      index={index}
      columns={columns}
      errors={errors.get(row.id) ?? null}
      activeKey={index === activeIndex ? activeKey : null}
      suggestOpen={index === activeIndex && suggestOpen}
      highlightId={index === activeIndex ? highlightId : null}
      {...handlers}
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
  for (const [a, b] of rowRuns(scrollTop, viewport, rows.length, activeIndex)) {
    body.push(gap(`gap-${cursor}`, a - cursor));
    for (let i = a; i < b; i += 1) body.push(renderRow(rows[i]!, i));
    cursor = b;
  }
  body.push(gap('gap-end', rows.length - cursor));

  const tableMinWidth = ROW_NUMBER_WIDTH + ACTIONS_WIDTH + columns.reduce((n, c) => n + c.width, 0);
  const colgroup = useMemo(
    () => (
      <colgroup>
        <col style={{ width: ROW_NUMBER_WIDTH }} />
        {columns.map((c) => (
          <col key={c.key} style={c.flex ? undefined : { width: c.width }} />
        ))}
        <col style={{ width: ACTIONS_WIDTH }} />
      </colgroup>
    ),
    [columns],
  );
  return (
    <table className="eg-table" aria-label={GRID.tableLabel} aria-rowcount={rows.length + 1} style={{ minWidth: tableMinWidth }}>
      {colgroup}
      <GridHeader columns={columns} />
      <tbody>{body}</tbody>
    </table>
  );
}

export interface GridFooterProps {
  savedCount: number;
  totals: readonly { column: GridColumn; value: number }[];
  notice: string | null;
  canUndoRemove: boolean;
  onUndoRemove: () => void;
  saving: boolean;
  onCancel: () => void;
  onSave: () => void;
}

export function GridFooter({ savedCount, totals, notice, canUndoRemove, onUndoRemove, saving, onCancel, onSave }: GridFooterProps) {
  return (
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
        {canUndoRemove && (
          <Button size="compact-sm" variant="subtle" onClick={onUndoRemove}>
            {GRID.undoRemove}
          </Button>
        )}
      </Group>
      <div style={{ flexShrink: 0 }}>
        <FormActions cancelLabel={GRID.cancel} submitLabel={GRID.save} onCancel={onCancel} saving={saving} onConfirm={onSave} />
      </div>
    </Group>
  );
}

export interface SuggestListProps {
  anchor: DOMRect;
  label: string;
  suggestions: readonly Choice[];
  highlight: number;
  onPick: (choice: Choice) => void;
  onHighlight: (index: number) => void;
}

/** The type-ahead list, placed under the active cell. */
export function GridSuggestList({ anchor, label, suggestions, highlight, onPick, onHighlight }: SuggestListProps) {
  return (
    <Portal>
      <ul
        id={SUGGEST_ID}
        role="listbox"
        aria-label={GRID.suggestions(label)}
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
              onClick={() => onPick(s)}
              onMouseEnter={() => onHighlight(i)}
            >
              {s.label}
            </li>
          ))
        )}
      </ul>
    </Portal>
  );
}
