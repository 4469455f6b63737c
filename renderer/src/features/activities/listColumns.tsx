/**
 * The columns of an activity list: the kind's list fields (layout.ts) with their widths, totals and
 * sort values, a tip's legal deadline and timing, and the row menu (open, duplicate, delete).
 */
import { useMemo, useRef } from 'react';
import { ActionIcon, Badge, Menu, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { TIP_TIMING_LABELS, type ActivityKind, type FieldSpec, type TipTiming } from '../../../../shared/domain/activities';
import type { TipRow } from '../../../../shared/ipc/contracts/activities.contract';
import { formatDateVi } from '../../../../shared/lib/dates';
import type { DataColumn } from '../../components/DataTable';
import { displayValue, formatNumber, recordLabel, sortValue, valueOf, type ActivityRow } from './fields';
import { flexKey, layoutOf, listFields } from './layout';
import { ACT } from './texts';
import { Allowed } from '../auth/session';

const TIMING_COLORS: Readonly<Record<TipTiming, string>> = {
  khong_thoi_han: 'gray',
  trong_han: 'blue',
  qua_han: 'red',
  dung_han: 'green',
  tre_han: 'orange',
  da_chuyen: 'gray',
};

const ACTIONS_WIDTH = 56;

function fieldColumn(kind: ActivityKind, f: FieldSpec): DataColumn<ActivityRow> {
  const numeric = f.type === 'int' || f.type === 'money';
  const layout = layoutOf(kind, f.key);
  return {
    key: f.key,
    header: f.label,
    ...(layout.flex ? {} : { width: layout.width ?? 140 }),
    ...(numeric || f.type === 'year' ? { align: 'right' as const } : f.type === 'bool' ? { align: 'center' as const } : {}),
    render: (row) => {
      const text = displayValue(kind, f, row);
      return <span title={text}>{text}</span>;
    },
    sortValue: (row) => sortValue(kind, f, row),
    ...(f.total
      ? {
          total: (rows: readonly ActivityRow[]) =>
            formatNumber(
              f.type === 'bool'
                ? rows.filter((r) => valueOf(r, f.key) === true).length
                : rows.reduce((n, r) => n + (Number(valueOf(r, f.key)) || 0), 0),
            ),
        }
      : {}),
  };
}

const tipColumns: DataColumn<ActivityRow>[] = [
  {
    key: 'deadline',
    header: ACT.tipDeadline,
    width: 120,
    render: (row) => formatDateVi((row as TipRow).deadline) || ACT.none,
    sortValue: (row) => (row as TipRow).deadline,
  },
  {
    key: 'timing',
    header: ACT.tipTiming,
    width: 190,
    render: (row) => {
      const t = (row as TipRow).timing;
      return t === 'khong_thoi_han' ? (
        <Text span size="sm" c="dimmed">
          {ACT.none}
        </Text>
      ) : (
        <Badge color={TIMING_COLORS[t]} variant="light">
          {TIP_TIMING_LABELS[t]}
        </Badge>
      );
    },
    sortValue: (row) => TIP_TIMING_LABELS[(row as TipRow).timing],
  },
];

export interface RowActions {
  open: (row: ActivityRow) => void;
  duplicate: (row: ActivityRow) => void;
  remove: (row: ActivityRow) => Promise<void>;
}

/**
 * The list's columns and the width they need. Built once per kind; the row menu calls the
 * handlers of the current render (`actions`).
 */
export function useListColumns(kind: ActivityKind, actions: RowActions): { columns: DataColumn<ActivityRow>[]; minWidth: number } {
  const current = useRef(actions);
  current.current = actions;
  const columns = useMemo<DataColumn<ActivityRow>[]>(() => {
    const cols = listFields(kind).map((f) => fieldColumn(kind, f));
    if (kind === 'tips') cols.push(...tipColumns);
    cols.push({
      key: 'actions',
      header: '',
      width: ACTIONS_WIDTH,
      align: 'center',
      render: (row) => (
        <RowMenu
          label={recordLabel(kind, row)}
          onOpen={() => current.current.open(row)}
          onDuplicate={() => current.current.duplicate(row)}
          onDelete={() => void current.current.remove(row)}
        />
      ),
    });
    return cols;
  }, [kind]);
  const minWidth = columns.reduce((n, c) => n + (c.width ?? layoutOf(kind, flexKey(kind)).width ?? 200), 0);
  return { columns, minWidth };
}

function RowMenu({
  label,
  onOpen,
  onDuplicate,
  onDelete,
}: {
  label: string;
  onOpen: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  return (
    // The row opens on click and Enter; the menu's own clicks and keys must not reach it.
    <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} style={{ display: 'inline-block' }}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={ACT.rowActions(label)}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onOpen}>{ACT.rowOpen}</Menu.Item>
          <Allowed method="activities.save">
            <Menu.Item onClick={onDuplicate}>{ACT.form.duplicate}</Menu.Item>
          </Allowed>
          <Allowed method="activities.delete">
            <Menu.Item color="red" onClick={onDelete}>
              {ACT.form.delete}
            </Menu.Item>
          </Allowed>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
