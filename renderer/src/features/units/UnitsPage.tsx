import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
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
import { call, useQuery } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import type { OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import { childLevel } from '../../../../shared/domain/units';
import { KIND_LABELS, LEVEL_LABELS } from '../../../../shared/domain/labels';
import { formatDateVi } from '../../../../shared/lib/dates';
import { matchesQuery } from '../../../../shared/lib/text';
import { pathOf } from '../../../../shared/domain/unit-tree';
import { yearEndOrToday } from '../../../../shared/domain/lineage';
import { EndUnitModal, MoveUnitModal, UnitFormModal } from './UnitForms';
import { MergeUnitsModal, SplitUnitModal } from './LineageForms';
import { LineagePart, YearFiguresPart } from './UnitYearPanel';
import { TransfersPart } from './AttachedRecords';
import { StatsGrid, yearOptions } from './StatsGrid';
import { RollUpView } from './RollUpView';
import { Reorg2025 } from './Reorg2025';
import { UnitTree } from './UnitTree';
import { UNITS } from './texts';

type Action = 'create' | 'edit' | 'move' | 'end' | 'delete' | 'merge' | 'split';
type Dialog = { kind: Action; unit: UnitDto } | null;
type Tab = 'tree' | 'stats' | 'rollup' | 'reorg';

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

export function UnitsPage({ office: initialOffice, today }: { office: OfficeDto; today: string }) {
  // The guided 2025 step can move a provincial office to the post-2025 catalogue, so the page
  // reads the office itself rather than trusting the value it was opened with.
  const officeQuery = useQuery('office.get', {});
  const office = officeQuery.data ?? initialOffice;
  const [tab, setTab] = useState<Tab>('tree');
  // Stays visible while open, so the result of a step that switched the era can still be read.
  const showReorg = (office.era === 'truoc_2025' && office.level !== 'xa') || tab === 'reorg';
  return (
    <Tabs
      value={tab}
      onChange={(v) => setTab((v as Tab | null) ?? 'tree')}
      keepMounted={false}
      h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))"
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Tabs.List mb="sm">
        <Tabs.Tab value="tree">{UNITS.tabs.tree}</Tabs.Tab>
        <Tabs.Tab value="stats">{UNITS.tabs.stats}</Tabs.Tab>
        <Tabs.Tab value="rollup">{UNITS.tabs.rollup}</Tabs.Tab>
        {showReorg && <Tabs.Tab value="reorg">{UNITS.tabs.reorg}</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="tree" style={{ flex: 1, minHeight: 0 }}>
        <TreeTab office={office} today={today} />
      </Tabs.Panel>
      <Tabs.Panel value="stats" style={{ flex: 1, minHeight: 0 }}>
        <UnitsLoader includeEnded>{(units) => <StatsGrid today={today} units={units} />}</UnitsLoader>
      </Tabs.Panel>
      <Tabs.Panel value="rollup" style={{ flex: 1, minHeight: 0 }}>
        <UnitsLoader includeEnded>{(units) => <RollUpView today={today} units={units} />}</UnitsLoader>
      </Tabs.Panel>
      {showReorg && (
        <Tabs.Panel value="reorg" style={{ flex: 1, minHeight: 0 }}>
          <Reorg2025 onApplied={() => officeQuery.reload()} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}

function UnitsLoader({
  includeEnded = false,
  children,
}: {
  includeEnded?: boolean;
  children: (units: readonly UnitDto[]) => React.ReactNode;
}) {
  const list = useQuery('units.list', { includeEnded });
  if (list.error) return <Alert color="red">{list.error.message}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  return <>{children(list.data)}</>;
}

function TreeTab({ office, today }: { office: OfficeDto; today: string }) {
  const [includeEnded, setIncludeEnded] = useState(false);
  const list = useQuery('units.list', { includeEnded });
  const current = useMemo(() => list.data ?? [], [list.data]);
  // "Hiện nay" or a year: the tree as it was at the end of that year (names and parents then).
  const [viewYear, setViewYear] = useState<number | null>(null);
  const asOfDate = viewYear === null ? null : yearEndOrToday(viewYear, today);
  const past = useQuery('units.asOf', { date: asOfDate ?? today });
  const historic = useMemo(
    // Every unit shown existed on that date; it is not drawn as ended.
    () => (past.data ?? []).map((u) => ({ ...u, validTo: null, endReason: null })),
    [past.data],
  );
  const units = asOfDate === null ? current : historic;
  const [selectedId, setSelectedId] = useState<string | null>(office.rootUnitId);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([office.rootUnitId]));
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const liveSearch = useQuery('units.search', { query: debounced, includeEnded, limit: 200 });
  // In a past year's tree, search the names of that year.
  const search = useMemo(() => {
    if (asOfDate === null) return liveSearch;
    const byId = new Map(historic.map((u) => [u.id, u]));
    const data =
      debounced.trim() === ''
        ? []
        : historic
            .filter((u) => matchesQuery(`${u.name} ${u.code ?? ''}`, debounced))
            .slice(0, 200)
            .map((unit) => ({ unit, path: pathOf(byId, unit.id).map((p) => p.name) }));
    return { ...liveSearch, data, loading: past.loading };
  }, [asOfDate, liveSearch, historic, debounced, past.loading]);
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
    past.reload();
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
    <Stack h="100%" gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{UNITS.title}</Title>
        <Group gap="md" wrap="nowrap">
          <Select
            aria-label={UNITS.asOf.label}
            data={[
              { value: '', label: UNITS.asOf.now },
              ...yearOptions(today, 15).map((o) => ({ value: o.value, label: UNITS.asOf.year(Number(o.value)) })),
            ]}
            value={viewYear === null ? '' : String(viewYear)}
            onChange={(v) => {
              setViewYear(v ? Number(v) : null);
              // The selected unit may not exist in the other tree; start again from the root.
              setSelectedId(office.rootUnitId);
            }}
            allowDeselect={false}
            w={150}
            size="xs"
          />
          {asOfDate === null && (
            <Switch label={UNITS.showEnded} checked={includeEnded} onChange={(e) => showEnded(e.currentTarget.checked)} />
          )}
        </Group>
      </Group>
      {asOfDate !== null && (
        <Alert color="blue" py={6}>
          {UNITS.asOf.note(formatDateVi(asOfDate))}
        </Alert>
      )}
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
              nameThen={asOfDate === null ? null : (historic.find((u) => u.id === selectedId)?.name ?? null)}
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
        <UnitFormModal
          mode="create"
          era={office.era}
          today={today}
          target={dialog.unit}
          onClose={() => setDialog(null)}
          onSaved={afterChange}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UnitFormModal
          mode="edit"
          era={office.era}
          today={today}
          target={dialog.unit}
          onClose={() => setDialog(null)}
          onSaved={afterChange}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveUnitModal unit={dialog.unit} units={current} today={today} onClose={() => setDialog(null)} onMoved={afterChange} />
      )}
      {dialog?.kind === 'end' && (
        <EndUnitModal unit={dialog.unit} units={current} today={today} onClose={() => setDialog(null)} onEnded={afterChange} />
      )}
      {dialog?.kind === 'merge' && (
        <MergeUnitsModal
          unit={dialog.unit}
          units={current}
          era={office.era}
          today={today}
          onClose={() => setDialog(null)}
          onMerged={afterChange}
        />
      )}
      {dialog?.kind === 'split' && (
        <SplitUnitModal
          unit={dialog.unit}
          units={current}
          era={office.era}
          today={today}
          onClose={() => setDialog(null)}
          onSplit={afterChange}
        />
      )}
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
  if (results.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {UNITS.noResults}
      </Text>
    );
  return (
    <ScrollArea h="100%">
      <Text size="xs" c="dimmed" mb={4}>
        {UNITS.resultsCount(results.length)}
      </Text>
      <Stack gap={2} role="list" aria-label="Kết quả tìm kiếm">
        {results.map(({ unit, path }) => (
          <UnstyledButton
            key={unit.id}
            role="listitem"
            onClick={() => onPick(unit.id)}
            className="unit-row"
            style={{ height: 'auto', padding: '4px 8px', display: 'block' }}
          >
            <Text size="sm" fw={500} td={unit.validTo ? 'line-through' : undefined}>
              {unit.name}
            </Text>
            <Text size="xs" c="dimmed">
              {path.slice(0, -1).join(' › ') || '—'}
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </ScrollArea>
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

function UnitDetail({ id, era, nameThen, onSelect, onAction, onReopened }: DetailProps) {
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
      setError(errorText(err));
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
            <Button size="xs" variant="default" onClick={() => void reopen()}>
              {UNITS.actions.reopen}
            </Button>
          )}
          {!isRoot && activeChildren + endedChildren === 0 && (
            <Button size="xs" variant="subtle" color="red" onClick={() => onAction('delete', unit)}>
              {UNITS.actions.delete}
            </Button>
          )}
        </Group>
        <FormAlert message={error} />
        {nameThen !== null && nameThen !== unit.name && (
          <Text size="sm" c="blue.8">
            {UNITS.asOf.nameThen(nameThen)}
          </Text>
        )}
        <Table withRowBorders={false} verticalSpacing={4} aria-label="Thông tin đơn vị">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={170} fw={500} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <LineagePart unitId={unit.id} onSelect={onSelect} />
        <TransfersPart unitId={unit.id} onChanged={detail.reload} />
        <YearFiguresPart unitId={unit.id} />
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
      </Stack>
    </ScrollArea>
  );
}

function DeleteModal({ unit, onClose, onDeleted }: { unit: UnitDto; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmModal
      title={UNITS.deleteConfirm.title}
      body={UNITS.deleteConfirm.body(unit.name)}
      cancelLabel={UNITS.form.cancel}
      confirmLabel={UNITS.deleteConfirm.confirm}
      onClose={onClose}
      onConfirm={async () => {
        await call('units.delete', { id: unit.id });
        notifications.show({ color: 'green', message: UNITS.deleteConfirm.done(unit.name) });
        onDeleted();
      }}
    />
  );
}
