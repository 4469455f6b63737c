import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Box, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { compareVietnamese } from '../../../shared/lib/text';

export interface DataColumn<T> {
  key: string;
  header: string;
  /** Shown instead of `header` (a "select all" box); `header` still names the column. */
  headerNode?: ReactNode;
  /** Fixed width in px; columns without one share the remaining space. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  render: (row: T) => ReactNode;
  /** Makes the column sortable by clicking its header. */
  sortValue?: (row: T) => string | number | null;
  /** Content of the totals row ("Tổng cộng") for this column. */
  total?: (rows: readonly T[]) => ReactNode;
}

/**
 * A list read page by page from the backend (sorted and searched in SQL): the table asks for the
 * rows in view, shows the whole list's size, and hands header clicks to the backend's order.
 */
export interface PagedRows<T> {
  /** Rows of the whole (filtered) list. */
  total: number;
  /** The row at this position, or undefined while its page is on its way. */
  rowAt: (index: number) => T | undefined;
  /** The rows in view (with overscan) changed: their pages should be read. */
  onRange: (first: number, last: number) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
  /** Keys of the columns the backend can order by. */
  sortable: ReadonlySet<string>;
}

interface Props<T> {
  /** The rows, sorted here; ignored when `paged` is given. */
  rows: readonly T[];
  paged?: PagedRows<T> | undefined;
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  selectedKey?: string | null;
  ariaLabel: string;
  emptyText: string;
  height?: number | string;
}

const ROW_HEIGHT = 36;
const OVERSCAN = 8;

export type Sort = { key: string; dir: 1 | -1 } | null;

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareVietnamese(String(a), String(b));
}

function cellStyle<T>(c: DataColumn<T>) {
  return {
    textAlign: c.align ?? 'left',
    padding: '0 8px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap' as const,
    alignSelf: 'center',
  };
}

/** Height of the scrolling area in px, kept up to date as the window resizes. */
function useViewportHeight(scroller: RefObject<HTMLDivElement | null>): number {
  const [viewport, setViewport] = useState(600);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, [scroller]);
  return viewport;
}

function useSortedRows<T>(rows: readonly T[], columns: readonly DataColumn<T>[], sort: Sort): readonly T[] {
  return useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col?.sortValue) return rows;
    const get = col.sortValue;
    return [...rows].sort((a, b) => sort.dir * compareValues(get(a), get(b)));
  }, [rows, columns, sort]);
}

/** Ascending → descending → unsorted → ascending. */
function nextSort(sort: Sort, key: string): Sort {
  const active = sort?.key === key;
  return active && sort.dir === 1 ? { key, dir: -1 } : active ? null : { key, dir: 1 };
}

interface HeaderCellProps<T> {
  column: DataColumn<T>;
  sortable: boolean;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

function HeaderCell<T>({ column: c, sortable, sort, onSort }: HeaderCellProps<T>) {
  const active = sort?.key === c.key;
  const ariaSort = active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={sortable ? ariaSort : undefined} style={cellStyle(c)}>
      {c.headerNode !== undefined ? (
        c.headerNode
      ) : sortable ? (
        <UnstyledButton
          onClick={() => onSort(nextSort(sort, c.key))}
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            gap: 4,
            fontWeight: 600,
            fontSize: 'var(--mantine-font-size-sm)',
          }}
        >
          {c.header}
          {active ? sort.dir === 1 ? <IconArrowUp size={14} /> : <IconArrowDown size={14} /> : <IconSelector size={14} opacity={0.4} />}
        </UnstyledButton>
      ) : (
        <Text size="sm" fw={600} span>
          {c.header}
        </Text>
      )}
    </div>
  );
}

interface HeaderProps<T> {
  columns: readonly DataColumn<T>[];
  sortable: (c: DataColumn<T>) => boolean;
  template: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

function HeaderRow<T>({ columns, sortable, template, sort, onSort }: HeaderProps<T>) {
  return (
    <div role="rowgroup">
      <div
        role="row"
        style={{
          display: 'grid',
          gridTemplateColumns: template,
          minHeight: ROW_HEIGHT,
          background: 'var(--mantine-color-gray-0)',
          borderBottom: '1px solid var(--mantine-color-gray-3)',
        }}
      >
        {columns.map((c) => (
          <HeaderCell key={c.key} column={c} sortable={sortable(c)} sort={sort} onSort={onSort} />
        ))}
      </div>
    </div>
  );
}

interface BodyRowProps<T> {
  row: T;
  rowId: string;
  index: number;
  columns: readonly DataColumn<T>[];
  template: string;
  onRowClick?: ((row: T) => void) | undefined;
  selectedKey?: string | null | undefined;
}

function BodyRow<T>({ row, rowId, index, columns, template, onRowClick, selectedKey }: BodyRowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectedKey !== undefined ? rowId === selectedKey : undefined}
      className="data-row"
      data-selected={rowId === selectedKey}
      tabIndex={onRowClick ? 0 : undefined}
      onClick={onRowClick ? () => onRowClick(row) : undefined}
      onKeyDown={onRowClick ? (e) => e.key === 'Enter' && onRowClick(row) : undefined}
      style={{
        position: 'absolute',
        top: index * ROW_HEIGHT,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        display: 'grid',
        gridTemplateColumns: template,
        cursor: onRowClick ? 'pointer' : 'default',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
      }}
    >
      {columns.map((c) => (
        <div key={c.key} role="cell" data-col={c.key} style={cellStyle(c)}>
          <Text size="sm" span>
            {c.render(row)}
          </Text>
        </div>
      ))}
    </div>
  );
}

function TotalsRow<T>({ columns, template, rows }: { columns: readonly DataColumn<T>[]; template: string; rows: readonly T[] }) {
  return (
    <div role="rowgroup">
      <div
        role="row"
        aria-label="Tổng cộng"
        style={{
          display: 'grid',
          gridTemplateColumns: template,
          minHeight: ROW_HEIGHT,
          background: 'var(--mantine-color-gray-0)',
          borderTop: '1px solid var(--mantine-color-gray-3)',
          fontWeight: 600,
        }}
      >
        {columns.map((c, i) => (
          <div key={c.key} role="cell" style={cellStyle(c)}>
            <Text size="sm" fw={600} span>
              {c.total ? c.total(rows) : i === 0 ? 'Tổng cộng' : ''}
            </Text>
          </div>
        ))}
      </div>
    </div>
  );
}

/** A row whose page has not arrived yet: keeps the place, not counted as a data row. */
function PendingRow({ index }: { index: number }) {
  return (
    <div
      aria-hidden
      style={{
        position: 'absolute',
        top: index * ROW_HEIGHT,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        padding: '0 8px',
        alignContent: 'center',
      }}
    >
      <Text size="sm" c="dimmed" span>
        …
      </Text>
    </div>
  );
}

/** Asks a paged source for the rows in view whenever the window moves or the list changes. */
function useRangeRequest<T>(paged: PagedRows<T> | undefined, first: number, last: number): void {
  const onRange = paged?.onRange;
  const total = paged?.total;
  useEffect(() => {
    if (onRange && total !== undefined && last > first) onRange(first, last);
  }, [onRange, total, first, last]);
}

/**
 * A windowed table: only the rows in view are in the DOM, so lists of a whole province (tens of
 * thousands of rows) open and scroll without freezing. Header stays in place; sorting follows
 * Vietnamese order; an optional totals row sums the whole (filtered) list, not just what is shown.
 * With `paged`, rows come page by page from the backend, which also sorts them.
 */
export function DataTable<T>(props: Props<T>) {
  const { rows, paged, columns, rowKey, onRowClick, selectedKey, ariaLabel, emptyText, height = '100%' } = props;
  const [localSort, setLocalSort] = useState<Sort>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useViewportHeight(scroller);
  const sorted = useSortedRows(rows, columns, paged ? null : localSort);
  const count = paged ? paged.total : sorted.length;
  const rowAt = paged ? paged.rowAt : (i: number) => sorted[i];
  const sort = paged ? paged.sort : localSort;
  const setSort = paged ? paged.onSort : setLocalSort;
  const sortable = (c: DataColumn<T>) => (paged ? paged.sortable.has(c.key) : c.sortValue !== undefined);

  const template = columns.map((c) => (c.width ? `${c.width}px` : 'minmax(120px, 1fr)')).join(' ');
  const hasTotals = columns.some((c) => c.total);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  useRangeRequest(paged, first, last);
  const windowRows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rowAt(index);
    if (row === undefined) {
      windowRows.push(<PendingRow key={`pending-${index}`} index={index} />);
      continue;
    }
    const key = rowKey(row);
    windowRows.push(
      <BodyRow
        key={key}
        row={row}
        rowId={key}
        index={index}
        columns={columns}
        template={template}
        onRowClick={onRowClick}
        selectedKey={selectedKey}
      />,
    );
  }

  return (
    <Box
      role="table"
      aria-label={ariaLabel}
      aria-rowcount={count + 1 + (hasTotals ? 1 : 0)}
      style={{
        height,
        display: 'flex',
        flexDirection: 'column',
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 4,
        minHeight: 0,
      }}
    >
      <HeaderRow columns={columns} sortable={sortable} template={template} sort={sort} onSort={setSort} />
      <div
        ref={scroller}
        role="rowgroup"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        style={{ flex: 1, overflowY: 'auto', minHeight: 0, position: 'relative' }}
      >
        {count === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {emptyText}
          </Text>
        ) : (
          <div style={{ height: count * ROW_HEIGHT, position: 'relative' }}>{windowRows}</div>
        )}
      </div>
      {hasTotals && <TotalsRow columns={columns} template={template} rows={sorted} />}
    </Box>
  );
}
