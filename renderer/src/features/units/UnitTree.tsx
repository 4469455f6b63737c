import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Box, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { childrenIndex } from '../../../../shared/domain/unit-tree';
import { KIND_LABELS } from '../../../../shared/domain/labels';
import { UNITS } from './texts';

const ROW_HEIGHT = 32;
const OVERSCAN = 10;

interface Row {
  unit: UnitDto;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/** The visible rows of the tree: a unit's children follow it only when it is expanded. */
export function flattenTree(units: readonly UnitDto[], expanded: ReadonlySet<string>): Row[] {
  const children = childrenIndex(units);
  const ids = new Set(units.map((u) => u.id));
  const roots = units.filter((u) => u.parentId === null || !ids.has(u.parentId));
  const rows: Row[] = [];
  const visit = (unit: UnitDto, depth: number) => {
    const kids = children.get(unit.id) ?? [];
    const isOpen = expanded.has(unit.id);
    rows.push({ unit, depth, hasChildren: kids.length > 0, expanded: isOpen });
    if (isOpen) for (const k of kids) visit(k, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return rows;
}

interface Props {
  units: readonly UnitDto[];
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onToggle: (id: string, open?: boolean) => void;
}

/**
 * A windowed tree: only the rows in view are in the DOM, so a province with thousands of communes
 * and residential areas stays fast. Arrow keys move and open/close like a file tree.
 */
export function UnitTree({ units, expanded, selectedId, onSelect, onToggle }: Props) {
  const rows = useMemo(() => flattenTree(units, expanded), [units, expanded]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row in view when it changes (after a search, a move...).
  useEffect(() => {
    const el = scroller.current;
    const index = rows.findIndex((r) => r.unit.id === selectedId);
    if (!el || index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    }
  }, [selectedId, rows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const index = rows.findIndex((r) => r.unit.id === selectedId);
    const row = rows[index];
    if (!row) return;
    if (e.key === 'ArrowDown' && rows[index + 1]) onSelect(rows[index + 1]!.unit.id);
    else if (e.key === 'ArrowUp' && index > 0) onSelect(rows[index - 1]!.unit.id);
    else if (e.key === 'ArrowRight' && row.hasChildren && !row.expanded) onToggle(row.unit.id, true);
    else if (e.key === 'ArrowLeft') {
      if (row.expanded) onToggle(row.unit.id, false);
      else if (row.unit.parentId) onSelect(row.unit.parentId);
    } else return;
    e.preventDefault();
  }

  return (
    <Box
      ref={scroller}
      role="tree"
      aria-label={UNITS.treeLabel}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      style={{ overflowY: 'auto', height: '100%', position: 'relative', outline: 'none' }}
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((row, i) => {
          const { unit } = row;
          const ended = unit.validTo !== null;
          return (
            <div
              key={unit.id}
              role="treeitem"
              aria-label={unit.name}
              aria-level={row.depth + 1}
              aria-selected={unit.id === selectedId}
              {...(row.hasChildren ? { 'aria-expanded': row.expanded } : {})}
              className="unit-row"
              data-selected={unit.id === selectedId}
              data-ended={ended}
              onClick={() => onSelect(unit.id)}
              onDoubleClick={() => row.hasChildren && onToggle(unit.id)}
              style={{
                position: 'absolute',
                top: (first + i) * ROW_HEIGHT,
                left: 0,
                right: 0,
                paddingLeft: 4 + row.depth * 18,
              }}
            >
              {row.hasChildren ? (
                <UnstyledButton
                  aria-label={row.expanded ? `Thu gọn ${unit.name}` : `Mở rộng ${unit.name}`}
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    onToggle(unit.id);
                  }}
                  style={{ display: 'flex' }}
                >
                  {row.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                </UnstyledButton>
              ) : (
                <span style={{ width: 16, flex: 'none' }} />
              )}
              <Text size="sm" className="unit-name" title={unit.name}>
                {unit.name}
              </Text>
              <Badge size="xs" variant="outline" color="gray" style={{ flex: 'none' }}>
                {KIND_LABELS[unit.kind]}
              </Badge>
              {unit.code && (
                <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                  {unit.code}
                </Text>
              )}
            </div>
          );
        })}
      </div>
    </Box>
  );
}
