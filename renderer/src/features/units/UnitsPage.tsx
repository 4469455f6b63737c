import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import type { OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import { formatDateVi } from '../../../../shared/lib/dates';
import { matchesQuery } from '../../../../shared/lib/text';
import { pathOf } from '../../../../shared/domain/unit-tree';
import { yearEndOrToday } from '../../../../shared/domain/lineage';
import { EndUnitModal, MoveUnitModal, UnitFormModal } from './UnitForms';
import { MergeUnitsModal, SplitUnitModal } from './LineageForms';
import { UnitDetail, type Action } from './UnitDetail';
import { StatsGrid, yearOptions } from './StatsGrid';
import { RollUpView } from './RollUpView';
import { Reorg2025 } from './Reorg2025';
import { UnitTree } from './UnitTree';
import { UNITS } from './texts';
import { ImportExportButtons } from '../../components/ImportExport';
import { EMPTY_FILTER } from '../../../../shared/domain/registries';

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

/** The selected unit and the open branches of the tree; selecting a unit opens its ancestors. */
function useTreeSelection(units: readonly UnitDto[], rootUnitId: string) {
  const [selectedId, setSelectedId] = useState<string | null>(rootUnitId);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([rootUnitId]));
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

  const toggle = useCallback((id: string, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? !next.has(id);
      if (shouldOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  return { selectedId, setSelectedId, expanded, setExpanded, select, toggle };
}

interface TreeHeaderProps {
  today: string;
  viewYear: number | null;
  asOfDate: string | null;
  includeEnded: boolean;
  onViewYear: (year: number | null) => void;
  onShowEnded: (show: boolean) => void;
  onImported: () => void;
}

/** The title, the year the tree is shown for, the "show ended units" switch and the past-tree note. */
function TreeHeader({ today, viewYear, asOfDate, includeEnded, onViewYear, onShowEnded, onImported }: TreeHeaderProps) {
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{UNITS.title}</Title>
        <Group gap="md" wrap="nowrap">
          <ImportExportButtons registry="units" filter={EMPTY_FILTER} onImported={onImported} />
          <Select
            aria-label={UNITS.asOf.label}
            data={[
              { value: '', label: UNITS.asOf.now },
              ...yearOptions(today, 15).map((o) => ({ value: o.value, label: UNITS.asOf.year(Number(o.value)) })),
            ]}
            value={viewYear === null ? '' : String(viewYear)}
            onChange={(v) => onViewYear(v ? Number(v) : null)}
            allowDeselect={false}
            w={150}
            size="xs"
          />
          {asOfDate === null && (
            <Switch label={UNITS.showEnded} checked={includeEnded} onChange={(e) => onShowEnded(e.currentTarget.checked)} />
          )}
        </Group>
      </Group>
      {asOfDate !== null && (
        <Alert color="blue" py={6}>
          {UNITS.asOf.note(formatDateVi(asOfDate))}
        </Alert>
      )}
    </>
  );
}

interface DialogsProps {
  dialog: Dialog;
  era: OfficeDto['era'];
  today: string;
  /** Today's units (the pickers of the move, end, merge and split dialogs). */
  units: readonly UnitDto[];
  onClose: () => void;
  onChanged: (unit: UnitDto | null) => void;
  /** A unit added with "Lưu và thêm tiếp": the lists refresh, the dialog stays. */
  onAdded: () => void;
  onDeleted: (unit: UnitDto) => void;
}

/** The open dialog, if any, for an action on a unit. */
function UnitDialogs({ dialog, era, today, units, onClose, onChanged, onAdded, onDeleted }: DialogsProps) {
  return (
    <>
      {dialog?.kind === 'create' && (
        <UnitFormModal mode="create" era={era} today={today} target={dialog.unit} onClose={onClose} onSaved={onChanged} onAdded={onAdded} />
      )}
      {dialog?.kind === 'edit' && (
        <UnitFormModal mode="edit" era={era} today={today} target={dialog.unit} onClose={onClose} onSaved={onChanged} />
      )}
      {dialog?.kind === 'move' && <MoveUnitModal unit={dialog.unit} units={units} today={today} onClose={onClose} onMoved={onChanged} />}
      {dialog?.kind === 'end' && <EndUnitModal unit={dialog.unit} units={units} today={today} onClose={onClose} onEnded={onChanged} />}
      {dialog?.kind === 'merge' && (
        <MergeUnitsModal unit={dialog.unit} units={units} era={era} today={today} onClose={onClose} onMerged={onChanged} />
      )}
      {dialog?.kind === 'split' && (
        <SplitUnitModal unit={dialog.unit} units={units} era={era} today={today} onClose={onClose} onSplit={onChanged} />
      )}
      {dialog?.kind === 'delete' && <DeleteModal unit={dialog.unit} onClose={onClose} onDeleted={() => onDeleted(dialog.unit)} />}
    </>
  );
}

/**
 * The search box's query and its results: today's units from the backend, or, in a past year's tree
 * (`historic` not null), the names of that year.
 */
function useUnitSearch(includeEnded: boolean, historic: readonly UnitDto[] | null, pastLoading: boolean) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const liveSearch = useQuery('units.search', { query: debounced, includeEnded, limit: 200 });
  const search = useMemo(() => {
    if (historic === null) return liveSearch;
    const byId = new Map(historic.map((u) => [u.id, u]));
    const data =
      debounced.trim() === ''
        ? []
        : historic
            .filter((u) => matchesQuery(`${u.name} ${u.code ?? ''}`, debounced))
            .slice(0, 200)
            .map((unit) => ({ unit, path: pathOf(byId, unit.id).map((p) => p.name) }));
    return { ...liveSearch, data, loading: pastLoading };
  }, [liveSearch, historic, debounced, pastLoading]);
  return { query, setQuery, debounced, search };
}

/** "Hiện nay" or a year: the tree as it was at the end of that year (names and parents then). */
function useTreeAsOf(today: string) {
  const [viewYear, setViewYear] = useState<number | null>(null);
  const asOfDate = viewYear === null ? null : yearEndOrToday(viewYear, today);
  const past = useQuery('units.asOf', { date: asOfDate ?? today });
  const historic = useMemo(
    // Every unit shown existed on that date; it is not drawn as ended.
    () => (past.data ?? []).map((u) => ({ ...u, validTo: null, endReason: null })),
    [past.data],
  );
  return { viewYear, setViewYear, asOfDate, past, historic };
}

function TreeTab({ office, today }: { office: OfficeDto; today: string }) {
  const [includeEnded, setIncludeEnded] = useState(false);
  const list = useQuery('units.list', { includeEnded });
  const current = useMemo(() => list.data ?? [], [list.data]);
  const { viewYear, setViewYear, asOfDate, past, historic } = useTreeAsOf(today);
  const units = asOfDate === null ? current : historic;
  const { selectedId, setSelectedId, expanded, setExpanded, select, toggle } = useTreeSelection(units, office.rootUnitId);
  const { query, setQuery, debounced, search } = useUnitSearch(includeEnded, asOfDate === null ? null : historic, past.loading);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [detailTick, setDetailTick] = useState(0);

  // Hiding ended units moves the selection up to the nearest unit that stays visible.
  const showEnded = (show: boolean) => {
    setIncludeEnded(show);
    if (show || !selectedId) return;
    const byId = new Map(units.map((u) => [u.id, u]));
    let cursor = byId.get(selectedId);
    while (cursor && cursor.validTo !== null) cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
    setSelectedId(cursor?.id ?? office.rootUnitId);
  };

  const refresh = () => {
    list.reload();
    search.reload();
    past.reload();
    setDetailTick((t) => t + 1);
  };

  const afterChange = (unit: UnitDto | null) => {
    setDialog(null);
    refresh();
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
      <TreeHeader
        today={today}
        viewYear={viewYear}
        asOfDate={asOfDate}
        includeEnded={includeEnded}
        onViewYear={(year) => {
          setViewYear(year);
          // The selected unit may not exist in the other tree; start again from the root.
          setSelectedId(office.rootUnitId);
        }}
        onShowEnded={showEnded}
        onImported={() => afterChange(null)}
      />
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
      <UnitDialogs
        dialog={dialog}
        era={office.era}
        today={today}
        units={current}
        onClose={() => setDialog(null)}
        onChanged={afterChange}
        onAdded={refresh}
        onDeleted={(unit) => {
          setSelectedId(unit.parentId);
          afterChange(null);
        }}
      />
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
