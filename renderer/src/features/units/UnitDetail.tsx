/**
 * The right-hand panel of the units tree: the selected unit's facts, the actions on it, its lineage,
 * attached records, yearly figures and change history.
 */
import { useState } from 'react';
import { FactsTable } from '../../components/FactsTable';
import { Alert, Badge, Button, Group, Loader, ScrollArea, Stack, Text, Timeline, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { format, parseISO } from 'date-fns';
import { vi } from 'date-fns/locale';
import { call, useQuery } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import type { MethodOutput, OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import { childLevel } from '../../../../shared/domain/units';
import { KIND_LABELS, LEVEL_LABELS } from '../../../../shared/domain/labels';
import { formatDateVi } from '../../../../shared/lib/dates';
import { LineagePart, YearFiguresPart } from './UnitYearPanel';
import { TransfersPart } from './AttachedRecords';
import { LockedActions, OwnedNotice, useOwner } from '../consolidation/Owned';
import { UNITS } from './texts';
import { useCan } from '../auth/session';

export type Action = 'create' | 'edit' | 'move' | 'end' | 'delete' | 'merge' | 'split';
type UnitDetailDto = MethodOutput<'units.get'>;

/** The unit's facts as label/value rows (the parent path links to each ancestor). */
function detailRows(data: UnitDetailDto, onSelect: (id: string) => void): [string, React.ReactNode][] {
  const { unit, path, activeChildren, endedChildren } = data;
  const ended = unit.validTo !== null;
  return [
    [UNITS.fields.kind, KIND_LABELS[unit.kind]],
    [UNITS.fields.level, LEVEL_LABELS[unit.level].charAt(0).toUpperCase() + LEVEL_LABELS[unit.level].slice(1)],
    [UNITS.fields.code, unit.code ?? UNITS.noCode],
    [
      UNITS.fields.parent,
      path.length > 1 ? (
        <Group gap={4}>
          {path.slice(0, -1).map((p, i) => (
            <span key={p.id}>
              {i > 0 && ' › '}
              <UnstyledButton onClick={() => onSelect(p.id)} c="red.8" fz="sm">
                {p.name}
              </UnstyledButton>
            </span>
          ))}
        </Group>
      ) : (
        '—'
      ),
    ],
    [UNITS.fields.validFrom, unit.validFrom ? formatDateVi(unit.validFrom) : UNITS.unknownDate],
    ...(ended
      ? ([
          [UNITS.fields.validTo, formatDateVi(unit.validTo)],
          [UNITS.fields.endReason, unit.endReason ?? ''],
        ] as [string, React.ReactNode][])
      : []),
    [UNITS.fields.children, UNITS.childrenCount(activeChildren, endedChildren)],
    [UNITS.fields.source, unit.source === 'catalogue' ? UNITS.sourceCatalogue : UNITS.sourceManual],
  ];
}

interface ActionsProps {
  unit: UnitDto;
  canAddChild: boolean;
  canDelete: boolean;
  onAction: (kind: Action, unit: UnitDto) => void;
  onReopen: () => void;
}

/** What can be done to the unit: add a child, edit, move, merge, split, end or reopen, delete. */
function UnitActions({ unit, canAddChild, canDelete, onAction, onReopen }: ActionsProps) {
  const can = useCan();
  const ended = unit.validTo !== null;
  // Chỉ xem changes nothing: no actions at all.
  if (!can('units.update')) return null;
  const isRoot = unit.parentId === null;
  return (
    <Group gap="xs">
      {canAddChild && (
        <Button size="xs" onClick={() => onAction('create', unit)}>
          {UNITS.actions.add}
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => onAction('edit', unit)}>
        {UNITS.actions.edit}
      </Button>
      {!isRoot && !ended && (
        <Button size="xs" variant="default" onClick={() => onAction('move', unit)}>
          {UNITS.actions.move}
        </Button>
      )}
      {!isRoot && !ended && unit.level !== 'tinh' && (
        <Button size="xs" variant="default" onClick={() => onAction('merge', unit)}>
          {UNITS.merge.action}
        </Button>
      )}
      {!isRoot && !ended && unit.level !== 'tinh' && (
        <Button size="xs" variant="default" onClick={() => onAction('split', unit)}>
          {UNITS.split.action}
        </Button>
      )}
      {!isRoot && !ended && (
        <Button size="xs" variant="default" color="red" onClick={() => onAction('end', unit)}>
          {UNITS.actions.end}
        </Button>
      )}
      {!isRoot && ended && (
        <Button size="xs" variant="default" onClick={onReopen}>
          {UNITS.actions.reopen}
        </Button>
      )}
      {canDelete && (
        <Button size="xs" variant="subtle" color="red" onClick={() => onAction('delete', unit)}>
          {UNITS.actions.delete}
        </Button>
      )}
    </Group>
  );
}

/** The unit's change history, newest first as the backend sends it. */
function HistoryPart({ history }: { history: UnitDetailDto['history'] }) {
  return (
    <>
      <Title order={5} mt="sm">
        {UNITS.history}
      </Title>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {UNITS.noHistory}
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {history.map((h) => (
            <Timeline.Item key={h.id} title={<Text size="sm">{h.summary}</Text>}>
              <Text size="xs" c="dimmed">
                {format(parseISO(h.at), 'dd/MM/yyyy HH:mm', { locale: vi })}
                {h.reason ? ` — ${h.reason}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </>
  );
}

interface DetailProps {
  id: string;
  era: OfficeDto['era'];
  /** The unit's name on the date of the past tree being shown, or null for today's tree. */
  nameThen: string | null;
  onSelect: (id: string) => void;
  onAction: (kind: Action, unit: UnitDto) => void;
  onReopened: (unit: UnitDto) => void;
}

export function UnitDetail({ id, era, nameThen, onSelect, onAction, onReopened }: DetailProps) {
  const detail = useQuery('units.get', { id });
  const [error, setError] = useState<string | null>(null);
  // At the province, a unit an office sent (below its commune) is read-only; the backend refuses too.
  const owner = useOwner('units', id);
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>;
  if (!detail.data) return <Loader size="sm" />;
  const { unit, activeChildren, endedChildren, history } = detail.data;
  const ended = unit.validTo !== null;
  const isRoot = unit.parentId === null;
  const canAddChild = !ended && childLevel(era, unit.level) !== null;

  async function reopen() {
    setError(null);
    try {
      const u = await call('units.reopen', { id: unit.id });
      notifications.show({ color: 'green', message: UNITS.reopened(u.name) });
      onReopened(u);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const rows = detailRows(detail.data, onSelect);

  return (
    <ScrollArea h="100%">
      <Stack gap="sm" aria-label="Chi tiết đơn vị">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} data-testid="unit-title">
            {unit.name}
          </Title>
          <Badge color={ended ? 'gray' : 'green'} variant="light" style={{ flex: 'none' }}>
            {ended ? UNITS.endedOn(formatDateVi(unit.validTo)) : UNITS.active}
          </Badge>
        </Group>
        {owner && <OwnedNotice owner={owner} />}
        <LockedActions owner={owner}>
          <UnitActions
            unit={unit}
            canAddChild={canAddChild}
            canDelete={!isRoot && activeChildren + endedChildren === 0}
            onAction={onAction}
            onReopen={() => void reopen()}
          />
        </LockedActions>
        <FormAlert message={error} />
        {nameThen !== null && nameThen !== unit.name && (
          <Text size="sm" c="blue.8">
            {UNITS.asOf.nameThen(nameThen)}
          </Text>
        )}
        <FactsTable facts={rows} label="Thông tin đơn vị" spacing={4} />
        <LineagePart unitId={unit.id} onSelect={onSelect} />
        <TransfersPart unitId={unit.id} onChanged={detail.reload} />
        <YearFiguresPart unitId={unit.id} />
        <HistoryPart history={history} />
      </Stack>
    </ScrollArea>
  );
}
