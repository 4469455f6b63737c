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

interface Props<T> {
  rows: readonly T[];
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

type Sort = { key: string; dir: 1 | -1 } | null;

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

function HeaderCell<T>({ column: c, sort, onSort }: { column: DataColumn<T>; sort: Sort; onSort: (sort: Sort) => void }) {
  const active = sort?.key === c.key;
  const ariaSort = active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={c.sortValue ? ariaSort : undefined} style={cellStyle(c)}>
      {c.headerNode !== undefined ? (
        c.headerNode
      ) : c.sortValue ? (
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
  template: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

function HeaderRow<T>({ columns, template, sort, onSort }: HeaderProps<T>) {
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
          <HeaderCell key={c.key} column={c} sort={sort} onSort={onSort} />
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

/**
 * A windowed table: only the rows in view are in the DOM, so lists of a whole province (tens of
 * thousands of rows) open and scroll without freezing. Header stays in place; sorting follows
 * Vietnamese order; an optional totals row sums the whole (filtered) list, not just what is shown.
 */
export function DataTable<T>({ rows, columns, rowKey, onRowClick, selectedKey, ariaLabel, emptyText, height = '100%' }: Props<T>) {
  const [sort, setSort] = useState<Sort>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useViewportHeight(scroller);
  const sorted = useSortedRows(rows, columns, sort);

  const template = columns.map((c) => (c.width ? `${c.width}px` : 'minmax(120px, 1fr)')).join(' ');
  const hasTotals = columns.some((c) => c.total);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  return (
    <Box
      role="table"
      aria-label={ariaLabel}
      aria-rowcount={sorted.length + 1 + (hasTotals ? 1 : 0)}
      style={{
        height,
        display: 'flex',
        flexDirection: 'column',
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 4,
        minHeight: 0,
      }}
    >
      <HeaderRow columns={columns} template={template} sort={sort} onSort={setSort} />
      <div
        ref={scroller}
        role="rowgroup"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        style={{ flex: 1, overflowY: 'auto', minHeight: 0, position: 'relative' }}
      >
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {emptyText}
          </Text>
        ) : (
          <div style={{ height: sorted.length * ROW_HEIGHT, position: 'relative' }}>
            {sorted.slice(first, last).map((row, i) => {
              const key = rowKey(row);
              return (
                <BodyRow
                  key={key}
                  row={row}
                  rowId={key}
                  index={first + i}
                  columns={columns}
                  template={template}
                  onRowClick={onRowClick}
                  selectedKey={selectedKey}
                />
              );
            })}
          </div>
        )}
      </div>
      {hasTotals && <TotalsRow columns={columns} template={template} rows={sorted} />}
    </Box>
  );
}
