import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { vi } from 'date-fns/locale';
import { ApiError, call, useQuery } from '../../api/client';
import type { OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import { childLevel } from '../../../../shared/domain/units';
import { KIND_LABELS, LEVEL_LABELS } from '../../../../shared/domain/labels';
import { formatDateVi } from '../../../../shared/lib/dates';
import { EndUnitModal, MoveUnitModal, UnitFormModal } from './UnitForms';
import { UnitTree } from './UnitTree';
import { UNITS } from './texts';

type Dialog = { kind: 'create' | 'edit' | 'move' | 'end' | 'delete'; unit: UnitDto } | null;

function ancestorsOf(units: readonly UnitDto[], id: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: string[] = [];
  let cursor = byId.get(id)?.parentId ?? null;
  while (cursor) {
    out.push(cursor);
    cursor = byId.get(cursor)?.parentId ?? null;
  }
  return out;
}

export function UnitsPage({ office, today }: { office: OfficeDto; today: string }) {
  const [includeEnded, setIncludeEnded] = useState(false);
  const list = useQuery('units.list', { includeEnded });
  const units = useMemo(() => list.data ?? [], [list.data]);
  const [selectedId, setSelectedId] = useState<string | null>(office.rootUnitId);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([office.rootUnitId]));
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const search = useQuery('units.search', { query: debounced, includeEnded, limit: 200 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [detailTick, setDetailTick] = useState(0);

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      setExpanded((prev) => {
        const next = new Set(prev);
        for (const a of ancestorsOf(units, id)) next.add(a);
        return next;
      });
    },
    [units],
  );

  // Hiding ended units moves the selection up to the nearest unit that stays visible.
  const showEnded = (show: boolean) => {
    setIncludeEnded(show);
    if (show || !selectedId) return;
    const byId = new Map(units.map((u) => [u.id, u]));
    let cursor = byId.get(selectedId);
    while (cursor && cursor.validTo !== null) cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
    setSelectedId(cursor?.id ?? office.rootUnitId);
  };

  const toggle = useCallback((id: string, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? !next.has(id);
      if (shouldOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const afterChange = (unit: UnitDto | null) => {
    setDialog(null);
    list.reload();
    search.reload();
    setDetailTick((t) => t + 1);
    if (unit) {
      setSelectedId(unit.id);
      if (unit.parentId) setExpanded((prev) => new Set([...prev, unit.parentId!, ...ancestorsOf(units, unit.parentId!)]));
    }
  };

  const searching = query.trim() !== '';
  // Results of an older query are never shown for the current one.
  const searchSettled = query === debounced && !search.loading;

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{UNITS.title}</Title>
        <Switch label={UNITS.showEnded} checked={includeEnded} onChange={(e) => showEnded(e.currentTarget.checked)} />
      </Group>
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder p="xs" style={{ width: '42%', minWidth: 320, display: 'flex', flexDirection: 'column', gap: 8 }}>
          <TextInput
            aria-label={UNITS.searchLabel}
            placeholder={UNITS.searchPlaceholder}
            leftSection={<IconSearch size={16} />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
          <div style={{ flex: 1, minHeight: 0 }}>
            {list.loading && !list.data ? (
              <Loader size="sm" />
            ) : searching && !searchSettled ? (
              <Loader size="sm" aria-label="Đang tìm" />
            ) : searching ? (
              <SearchResults
                results={search.data ?? []}
                onPick={(id) => {
                  select(id);
                  setQuery('');
                }}
              />
            ) : (
              <UnitTree units={units} expanded={expanded} selectedId={selectedId} onSelect={select} onToggle={toggle} />
            )}
          </div>
        </Paper>
        <Paper withBorder p="md" style={{ flex: 1, minWidth: 0, overflow: 'hidden' }}>
          {selectedId ? (
            <UnitDetail
              key={`${selectedId}-${detailTick}`}
              id={selectedId}
              era={office.era}
              onSelect={select}
              onAction={(kind, unit) => setDialog({ kind, unit })}
              onReopened={afterChange}
            />
          ) : (
            <Text c="dimmed">{UNITS.pickUnit}</Text>
          )}
        </Paper>
      </Group>
      {dialog?.kind === 'create' && (
        <UnitFormModal mode="create" era={office.era} today={today} target={dialog.unit} onClose={() => setDialog(null)} onSaved={afterChange} />
      )}
      {dialog?.kind === 'edit' && (
        <UnitFormModal mode="edit" era={office.era} today={today} target={dialog.unit} onClose={() => setDialog(null)} onSaved={afterChange} />
      )}
      {dialog?.kind === 'move' && <MoveUnitModal unit={dialog.unit} units={units} onClose={() => setDialog(null)} onMoved={afterChange} />}
      {dialog?.kind === 'end' && <EndUnitModal unit={dialog.unit} units={units} today={today} onClose={() => setDialog(null)} onEnded={afterChange} />}
      {dialog?.kind === 'delete' && (
        <DeleteModal
          unit={dialog.unit}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setSelectedId(dialog.unit.parentId);
            afterChange(null);
          }}
        />
      )}
    </Stack>
  );
}

function SearchResults({ results, onPick }: { results: { unit: UnitDto; path: string[] }[]; onPick: (id: string) => void }) {
  if (results.length === 0) return <Text size="sm" c="dimmed">{UNITS.noResults}</Text>;
  return (
    <ScrollArea h="100%">
      <Text size="xs" c="dimmed" mb={4}>{UNITS.resultsCount(results.length)}</Text>
      <Stack gap={2} role="list" aria-label="Kết quả tìm kiếm">
        {results.map(({ unit, path }) => (
          <UnstyledButton key={unit.id} role="listitem" onClick={() => onPick(unit.id)} className="unit-row" style={{ height: 'auto', padding: '4px 8px', display: 'block' }}>
            <Text size="sm" fw={500} td={unit.validTo ? 'line-through' : undefined}>{unit.name}</Text>
            <Text size="xs" c="dimmed">{path.slice(0, -1).join(' › ') || '—'}</Text>
          </UnstyledButton>
        ))}
      </Stack>
    </ScrollArea>
  );
}

interface DetailProps {
  id: string;
  era: OfficeDto['era'];
  onSelect: (id: string) => void;
  onAction: (kind: 'create' | 'edit' | 'move' | 'end' | 'delete', unit: UnitDto) => void;
  onReopened: (unit: UnitDto) => void;
}

function UnitDetail({ id, era, onSelect, onAction, onReopened }: DetailProps) {
  const detail = useQuery('units.get', { id });
  const [error, setError] = useState<string | null>(null);
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>;
  if (!detail.data) return <Loader size="sm" />;
  const { unit, path, activeChildren, endedChildren, history } = detail.data;
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
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  const rows: [string, React.ReactNode][] = [
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
              <UnstyledButton onClick={() => onSelect(p.id)} c="red.8" fz="sm">{p.name}</UnstyledButton>
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

  return (
    <ScrollArea h="100%">
      <Stack gap="sm" aria-label="Chi tiết đơn vị">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} data-testid="unit-title">{unit.name}</Title>
          <Badge color={ended ? 'gray' : 'green'} variant="light" style={{ flex: 'none' }}>
            {ended ? UNITS.endedOn(formatDateVi(unit.validTo)) : UNITS.active}
          </Badge>
        </Group>
        <Group gap="xs">
          {canAddChild && <Button size="xs" onClick={() => onAction('create', unit)}>{UNITS.actions.add}</Button>}
          <Button size="xs" variant="default" onClick={() => onAction('edit', unit)}>{UNITS.actions.edit}</Button>
          {!isRoot && !ended && <Button size="xs" variant="default" onClick={() => onAction('move', unit)}>{UNITS.actions.move}</Button>}
          {!isRoot && !ended && <Button size="xs" variant="default" color="red" onClick={() => onAction('end', unit)}>{UNITS.actions.end}</Button>}
          {!isRoot && ended && <Button size="xs" variant="default" onClick={() => void reopen()}>{UNITS.actions.reopen}</Button>}
          {!isRoot && activeChildren + endedChildren === 0 && (
            <Button size="xs" variant="subtle" color="red" onClick={() => onAction('delete', unit)}>{UNITS.actions.delete}</Button>
          )}
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Table withRowBorders={false} verticalSpacing={4} aria-label="Thông tin đơn vị">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={170} fw={500} c="dimmed">{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={5} mt="sm">{UNITS.history}</Title>
        {history.length === 0 ? (
          <Text size="sm" c="dimmed">{UNITS.noHistory}</Text>
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
      </Stack>
    </ScrollArea>
  );
}

function DeleteModal({ unit, onClose, onDeleted }: { unit: UnitDto; onClose: () => void; onDeleted: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Modal opened onClose={onClose} title={UNITS.deleteConfirm.title}>
      <Stack>
        <Text size="sm">{UNITS.deleteConfirm.body(unit.name)}</Text>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{UNITS.form.cancel}</Button>
          <Button
            color="red"
            loading={saving}
            onClick={async () => {
              setSaving(true);
              try {
                await call('units.delete', { id: unit.id });
                notifications.show({ color: 'green', message: UNITS.deleteConfirm.done(unit.name) });
                onDeleted();
              } catch (err) {
                setError(err instanceof ApiError ? err.message : String(err));
              } finally {
                setSaving(false);
              }
            }}
          >
            {UNITS.deleteConfirm.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
