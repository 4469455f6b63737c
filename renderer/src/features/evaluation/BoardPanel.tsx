/**
 * The year's evaluation board: every subject in scope with its workflow state, its live result and,
 * once the year is frozen, the frozen result with a marker where they differ; the counts reports
 * quote; freezing / unfreezing the year and the XLSX export. A row opens the subject's view.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Allowed, useCan } from '../auth/session';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileSpreadsheet, IconLock, IconLockOpen, IconSearch } from '@tabler/icons-react';
import { call } from '../../api/client';
import { usePagedQuery } from '../../api/paged';
import { LongTaskProgress, isCancelled, useLongTask } from '../../components/LongTask';
import { LONG_TASK } from '../../components/texts';
import { FreezeModal, UnfreezeModal } from './FreezeModals';
import type { MethodInput, UnitDto } from '../../../../shared/ipc/contract';
import type { BoardRowDto, EvaluationBoardPageDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import { BOARD_CATEGORIES, BOARD_CATEGORY_LABELS, type BoardCategory, type SubjectType } from '../../../../shared/domain/evaluation';
import type { BoardSortKey } from '../../../../shared/domain/evaluation-board';
import { BulkRegisterModal, BulkTools, rowKeyOf, selectColumn, selectable, type ChooseAll, type Choice } from './BulkRegister';
import { DataTable, type DataColumn, type PagedRows, type Sort } from '../../components/DataTable';
import { unitOptions } from '../../components/ListFilters';
import { errorText } from '../../components/formErrors';
import { saveBase64, XLSX_MIME } from '../../platform/files';
import { OverallBadge, StateBadge, overallLabel } from './Badges';
import { formatInstant } from './format';
import { EVAL } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

const B = EVAL.board;
const full = (text: string) => <span title={text}>{text}</span>;

function FrozenCell({ row }: { row: BoardRowDto }) {
  // A frozen result the seal does not verify is "không xác định", whatever value the file holds.
  if (row.tampered) {
    return (
      <Badge
        color="red"
        variant="outline"
        leftSection={<IconAlertTriangle size={12} />}
        title={row.sealProblem ?? B.tampered}
        style={{ textTransform: 'none' }}
        data-testid="frozen-unknown"
      >
        {B.tampered}
      </Badge>
    );
  }
  if (row.frozen === null)
    return (
      <Text span size="sm" c="dimmed">
        {EVAL.none}
      </Text>
    );
  if (row.frozen !== row.live) {
    const text = B.frozenMarker(overallLabel(row.frozen), overallLabel(row.live));
    return (
      <Badge
        color="orange"
        variant="light"
        leftSection={<IconAlertTriangle size={12} />}
        title={text}
        style={{ textTransform: 'none' }}
        data-testid="frozen-marker"
      >
        {text}
      </Badge>
    );
  }
  if (row.differs) {
    const text = B.frozenChangedRules(overallLabel(row.frozen));
    return (
      <Badge
        color="orange"
        variant="light"
        leftSection={<IconAlertTriangle size={12} />}
        title={text}
        style={{ textTransform: 'none' }}
        data-testid="frozen-marker"
      >
        {text}
      </Badge>
    );
  }
  return <OverallBadge result={row.frozen} />;
}

/** The name, and for a unit formed during the year the units whose registration it carries. */
function nameCell(r: BoardRowDto) {
  if (r.carriedFrom.length === 0) return full(r.name);
  const carried = B.carriedFrom(r.carriedFrom.join(', '));
  return (
    <span title={`${r.name} — ${carried}`}>
      <span>{r.name}</span>{' '}
      <Text span size="xs" c="dimmed">
        ({carried})
      </Text>
    </span>
  );
}

/** The columns; each one is ordered by the backend (BOARD_SORT_VALUE, shared/domain/evaluation-board.ts). */
function columns(frozen: boolean, total: number): DataColumn<BoardRowDto>[] {
  const cols: DataColumn<BoardRowDto>[] = [
    { key: 'name', header: B.columns.name, render: nameCell, total: () => B.total(total) },
    { key: 'parent', header: B.columns.parent, width: 190, render: (r) => full(r.parentName ?? '') },
    {
      key: 'status',
      header: B.columns.status,
      width: 190,
      render: (r) => <StateBadge state={r.status} />,
    },
    {
      key: 'live',
      header: B.columns.live,
      width: 150,
      render: (r) =>
        r.evaluated ? (
          <OverallBadge result={r.live} />
        ) : (
          <Text span size="sm" c="dimmed" title={B.notEvaluatedTitle}>
            {B.notEvaluated}
          </Text>
        ),
    },
  ];
  if (frozen) {
    cols.push({
      key: 'frozen',
      header: B.columns.frozen,
      width: 330,
      render: (r) => <FrozenCell row={r} />,
    });
  }
  return cols;
}

type CategoryChoice = BoardCategory | 'all';

interface Props {
  year: number;
  units: readonly UnitDto[];
  onOpen: (row: BoardRowDto) => void;
  /** Set by the page when a subject changed in the drawer (seq counts changes): its rows are patched, the board is not reloaded. */
  changed: { subjectType: SubjectType; subjectId: string; seq: number } | null;
  /** The category and unit the board opens on (a drill-down from the dashboard). */
  start?: { unitId: string | null; kind?: string | null } | null;
}

/** The sentences reports quote, one line per category, and whether the year is frozen. */
function BoardCounts({ data }: { data: EvaluationBoardPageDto }) {
  return (
    <Paper withBorder px="sm" py={6} role="status" aria-label={B.countsLabel}>
      <Stack gap={2}>
        {/* One line per category (the whole text in its tooltip) keeps more than five rows of the board in view at 1366×768. */}
        {data.counts
          .filter((c) => c.sentences.length > 0)
          .map((c) => (
            <Text key={c.category} size="sm" lineClamp={1} title={c.sentences.join(' · ')}>
              <Text span size="sm" fw={600}>
                {c.label}:
              </Text>{' '}
              {c.sentences.join(' · ')}
            </Text>
          ))}
        <Group gap="xs">
          {data.frozen ? <IconLock size={14} /> : <IconLockOpen size={14} />}
          <Text size="xs" c="dimmed">
            {data.frozen ? B.frozenInfo(data.year, formatInstant(data.frozen.at), data.frozen.by) : B.notFrozen(data.year)}
            {data.frozen?.note ? ` ${B.frozenNote(data.frozen.note)}` : ''}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

interface ActionsProps {
  /** The board's filters, which the export follows. */
  input: MethodInput<'evaluation.export'>;
  frozen: boolean;
  loaded: boolean;
  onFreeze: () => void;
  onUnfreeze: () => void;
}

/** Freezing or unfreezing the year, and the XLSX export of the board as filtered. */
function BoardActions({ input, frozen, loaded, onFreeze, onUnfreeze }: ActionsProps) {
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await call('evaluation.export', input);
      saveBase64(file.fileName, file.base64, XLSX_MIME);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setExporting(false);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {frozen ? (
        <Allowed method="evaluation.unfreeze">
          <Button size="xs" variant="default" leftSection={<IconLockOpen size={16} />} onClick={onUnfreeze}>
            {B.unfreeze}
          </Button>
        </Allowed>
      ) : (
        <Allowed method="evaluation.freeze">
          <Button size="xs" leftSection={<IconLock size={16} />} onClick={onFreeze} disabled={!loaded}>
            {B.freeze}
          </Button>
        </Allowed>
      )}
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        loading={exporting}
        onClick={() => void exportXlsx()}
      >
        {B.export}
      </Button>
    </Group>
  );
}

interface FiltersProps {
  category: CategoryChoice;
  setCategory: (c: CategoryChoice) => void;
  unitData: ReturnType<typeof unitOptions>;
  unitId: string | null;
  setUnitId: (id: string | null) => void;
  search: string;
  setSearch: (s: string) => void;
}

/** Category, scope and search of the board. */
function BoardFilters({ category, setCategory, unitData, unitId, setUnitId, search, setSearch }: FiltersProps) {
  const categoryData = [{ value: 'all', label: B.all }, ...BOARD_CATEGORIES.map((c) => ({ value: c, label: BOARD_CATEGORY_LABELS[c] }))];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="eval-category-label">
          {B.category}
        </Text>
        <SegmentedControl
          aria-labelledby="eval-category-label"
          size="xs"
          data={categoryData}
          value={category}
          onChange={(v) => setCategory(v as CategoryChoice)}
        />
      </Stack>
      <SearchSelect
        label={B.unit}
        placeholder={B.unitAll}
        data={unitData}
        value={unitId}
        onChange={setUnitId}
        clearable
        w={230}
        size="xs"
      />
      <TextInput
        label={B.search}
        aria-label={B.search}
        placeholder={B.searchPlaceholder}
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={200}
        size="xs"
      />
    </Group>
  );
}

/** Every column the backend orders by (BOARD_SORT_KEYS); no column chosen = the board's own order. */
const BOARD_SORTABLE: ReadonlySet<string> = new Set<BoardSortKey>(['name', 'parent', 'status', 'live', 'frozen']);
const DEFAULT_ORDER = { key: 'default' as BoardSortKey, dir: 'asc' as const };
const NO_ROWS: readonly BoardRowDto[] = [];

/**
 * The board of the year and scope read by pages (issue 16 item 2): the backend keeps the whole
 * board (counts, warnings, seal) and sends the rows of the category and search in view, in the
 * order asked. The first page of a question may compute the board: its progress and "Hủy" show.
 * After a change (in the drawer, a bulk registration, an import, a freeze) the current pages and
 * the counts are asked again (`reload`); the board itself is not sent.
 */
function useBoardPages(year: number, unitId: string | null, category: BoardCategory | null, search: string, changed: Props['changed']) {
  const task = useLongTask();
  const [sort, setSort] = useState<Sort>(null);
  const order = sort ? { key: sort.key as BoardSortKey, dir: sort.dir === 1 ? ('asc' as const) : ('desc' as const) } : DEFAULT_ORDER;
  const scope = JSON.stringify([year, unitId]);
  const filter = { year, unitId, category, search };
  const question = `${scope}|${JSON.stringify([category, search])}`;
  const list = usePagedQuery('evaluation.boardPage', filter, order, question, false, {
    runner: task,
    computes: scope,
  });
  useEffect(() => {
    if (changed) list.reload();
    // Only a new change (seq) asks again; the year, scope and filters ask through the query.
  }, [changed?.seq]);
  // An answer for another year or unit is not shown while the new one is computed.
  const data = list.last && list.answered?.startsWith(`${scope}|`) ? list.last : undefined;
  const source = useMemo<PagedRows<BoardRowDto>>(
    () => ({ total: list.total, rowAt: list.rowAt, onRange: list.ensure, sort, onSort: setSort, sortable: BOARD_SORTABLE }),
    [list.total, list.rowAt, list.ensure, sort],
  );
  // The answer of the question on screen (not of the category or search before it): its count of unregistered rows.
  const current = list.answered === question ? list.last : undefined;
  return { data, current, question, filter, source, list, task };
}

/**
 * "Chọn cả N đơn vị chưa đăng ký theo bộ lọc": shown while the filter holds unregistered rows the
 * pages read so far do not (the header box chooses only those read); N is the backend's count for
 * the question on screen. A click asks the backend for their keys and chooses exactly them.
 */
function useChooseAll(
  board: ReturnType<typeof useBoardPages>,
  loaded: readonly BoardRowDto[],
  chosen: ReadonlyMap<string, Choice>,
  setChosen: (c: Map<string, Choice>) => void,
): ChooseAll | null {
  const [busy, setBusy] = useState(false);
  // The question whose every unregistered row was chosen by the last click: the offer goes while they stay chosen.
  const [wholeOf, setWholeOf] = useState<string | null>(null);
  const count = board.current?.unregistered ?? 0;
  const readOpen = loaded.filter(selectable).length;
  const choose = async () => {
    setBusy(true);
    try {
      const { subjects } = await call('evaluation.boardUnregistered', board.filter);
      const next = new Map(chosen);
      for (const k of subjects) next.set(rowKeyOf(k), { ...k, status: 'chua_dang_ky' });
      setChosen(next);
      setWholeOf(board.question);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  if (count <= readOpen || (wholeOf === board.question && chosen.size >= count)) return null;
  return { count, busy, onChoose: () => void choose() };
}

/** The counts, the rule-set note, the warnings, the long task's progress and its error above the board. */
function BoardNotices({ data, board }: { data: EvaluationBoardPageDto | undefined; board: ReturnType<typeof useBoardPages> }) {
  return (
    <>
      {data && <BoardCounts data={data} />}
      {data?.ruleSetNote && (
        <Alert color="blue" role="note" py={6}>
          {data.ruleSetNote}
        </Alert>
      )}
      {data?.warnings.map((w) => (
        <Alert key={w} color="orange" role="alert" py={6}>
          {w}
        </Alert>
      ))}
      <LongTaskProgress task={board.task} />
      {board.list.error && (
        <Alert color="red" role="alert">
          <Group gap="sm" justify="space-between">
            <span>{board.list.error.message}</span>
            {isCancelled(board.list.error) && (
              <Button size="xs" variant="default" onClick={board.list.reload}>
                {LONG_TASK.reload}
              </Button>
            )}
          </Group>
        </Alert>
      )}
    </>
  );
}

export function BoardPanel({ year, units, onOpen, changed, start = null }: Props) {
  const [category, setCategory] = useState<CategoryChoice>(() =>
    (BOARD_CATEGORIES as readonly string[]).includes(start?.kind ?? '') ? (start!.kind as BoardCategory) : 'all',
  );
  const [unitId, setUnitId] = useState<string | null>(start?.unitId ?? null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const input = { year, category: category === 'all' ? null : category, unitId };
  const board = useBoardPages(year, unitId, input.category, debouncedSearch.trim(), changed);
  const [dialog, setDialog] = useState<'freeze' | 'unfreeze' | 'register' | null>(null);
  const [chosen, setChosen] = useState<Map<string, Choice>>(() => new Map());
  useEffect(() => setChosen(new Map()), [year, unitId]);
  const unitData = useMemo(() => unitOptions(units), [units]);

  const data = board.data;
  // The rows read so far of the current question: what the header box chooses from.
  const loaded = data ? board.list.loaded : NO_ROWS;
  // A chosen row is shown as last read (a change may have registered it meanwhile).
  const chosenRows = useMemo(() => {
    const latest = new Map(loaded.map((r) => [rowKeyOf(r), r]));
    return [...chosen.values()].map((r) => latest.get(rowKeyOf(r)) ?? r).filter(selectable);
  }, [loaded, chosen]);
  const frozen = data?.frozen != null;
  const canBulk = useCan()('evaluation.registerMany');
  const chooseAll = useChooseAll(board, loaded, chosen, setChosen);
  const total = data ? board.list.total : 0;
  const cols = useMemo(
    () =>
      frozen ? columns(true, total) : canBulk ? [selectColumn(loaded, chosen, setChosen), ...columns(false, total)] : columns(false, total),
    [frozen, canBulk, loaded, chosen, total],
  );

  const closeDialog = () => setDialog(null);
  const dialogDone = () => {
    setDialog(null);
    board.list.reload();
  };
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group gap="sm" align="flex-end" wrap="wrap" justify="space-between" preventGrowOverflow={false}>
        <BoardFilters
          category={category}
          setCategory={setCategory}
          unitData={unitData}
          unitId={unitId}
          setUnitId={setUnitId}
          search={search}
          setSearch={setSearch}
        />
        {/* The registrations' Excel and the selection share the actions' line: no height taken from the rows. */}
        <Group gap="sm" wrap="wrap" preventGrowOverflow={false}>
          <BoardActions
            input={input}
            frozen={Boolean(data?.frozen)}
            loaded={Boolean(data)}
            onFreeze={() => setDialog('freeze')}
            onUnfreeze={() => setDialog('unfreeze')}
          />
          {!frozen && (
            <BulkTools
              year={year}
              unitId={unitId}
              count={chosenRows.length}
              chooseAll={canBulk ? chooseAll : null}
              onRegister={() => setDialog('register')}
              onClear={() => setChosen(new Map())}
              onImported={board.list.reload}
            />
          )}
        </Group>
      </Group>

      <BoardNotices data={data} board={board} />
      <div style={{ flex: 1, minHeight: 240 }}>
        <DataTable
          rows={NO_ROWS}
          paged={data ? board.source : undefined}
          columns={cols}
          rowKey={(r) => `${r.subjectType}:${r.subjectId}`}
          onRowClick={onOpen}
          ariaLabel={B.tableLabel}
          emptyText={data ? B.empty : B.loading}
        />
      </div>

      {dialog === 'register' && (
        <BulkRegisterModal
          year={year}
          rows={chosenRows}
          onClose={closeDialog}
          onDone={() => {
            setDialog(null);
            setChosen(new Map());
            board.list.reload();
          }}
        />
      )}
      {dialog === 'freeze' && <FreezeModal year={year} onClose={closeDialog} onDone={dialogDone} />}
      {dialog === 'unfreeze' && <UnfreezeModal year={year} onClose={closeDialog} onDone={dialogDone} />}
    </Stack>
  );
}
