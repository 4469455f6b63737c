/**
 * Models of the movement (Guidance 22/HD-BCA-V05): the filtered list with its totals and the
 * year's HD22 figures, Excel for the models registry, the model-type catalogue, and one model's
 * detail (sites, status log, ratings, recognitions) in place of the list.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCategory, IconPlus } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { ModelRowDto } from '../../../../shared/ipc/contracts/models.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../../shared/domain/registries';
import { drillYear, takeDrill } from '../consolidation/drill';
import { MODEL_STATUSES, MODEL_STATUS_LABELS, yearPeriod } from '../../../../shared/domain/models';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ListFilters } from '../../components/ListFilters';
import { ImportExportButtons } from '../../components/ImportExport';
import { ModelDetail } from './ModelDetail';
import { ModelFormModal } from './ModelForms';
import { ModelTypesModal } from './ModelTypesModal';
import { StatusBadge } from './StatusBadge';
import { MODELS } from './texts';
import { Allowed } from '../auth/session';

const vi = (n: number) => n.toLocaleString('vi-VN');
const full = (text: string) => <span title={text}>{text}</span>;
const sum = (rows: readonly ModelRowDto[], key: 'sites' | 'teams' | 'members') => vi(rows.reduce((n, r) => n + r[key], 0));

const COLUMNS: readonly DataColumn<ModelRowDto>[] = [
  {
    key: 'name',
    header: MODELS.columns.name,
    render: (m) => full(m.name),
    sortValue: (m) => m.name,
    total: (rows) => MODELS.total(rows.length),
  },
  { key: 'type', header: MODELS.columns.type, width: 210, render: (m) => full(m.typeName), sortValue: (m) => m.typeName },
  { key: 'origin', header: MODELS.columns.origin, width: 150, render: (m) => full(m.originUnitName), sortValue: (m) => m.originUnitName },
  {
    key: 'status',
    header: MODELS.columns.status,
    width: 160,
    render: (m) => <StatusBadge status={m.status} />,
    sortValue: (m) => MODEL_STATUSES.indexOf(m.status),
  },
  {
    key: 'sites',
    header: MODELS.columns.sites,
    width: 100,
    align: 'right',
    render: (m) => vi(m.sites),
    sortValue: (m) => m.sites,
    total: (rows) => sum(rows, 'sites'),
  },
  {
    key: 'teams',
    header: MODELS.columns.teams,
    width: 90,
    align: 'right',
    render: (m) => vi(m.teams),
    sortValue: (m) => m.teams,
    total: (rows) => sum(rows, 'teams'),
  },
  {
    key: 'members',
    header: MODELS.columns.members,
    width: 120,
    align: 'right',
    render: (m) => vi(m.members),
    sortValue: (m) => m.members,
    total: (rows) => sum(rows, 'members'),
  },
];

const STATUS_OPTIONS = MODEL_STATUSES.map((s) => ({ value: s, label: MODEL_STATUS_LABELS[s] }));

export function ModelsPage({ today }: { office: OfficeDto; today: string }) {
  // Opened from the dashboard: the list starts on the figure's year and unit.
  const [filter, setFilter] = useState<ListFilter>(() => {
    const drill = takeDrill('mo-hinh');
    return { ...EMPTY_FILTER, unitId: drill?.unitId ?? null, year: drillYear(drill) ?? Number(today.slice(0, 4)) };
  });
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filter, 200);
  const list = useQuery('models.list', debounced);
  const period = debounced.year === null ? { from: today, to: today } : yearPeriod(debounced.year);
  const summary = useQuery('models.summary', { ...period, unitId: debounced.unitId });
  const types = useQuery('modelTypes.list', { includeInactive: true });
  const units = useQuery('units.list', { includeEnded: true });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const typeList = useMemo(() => types.data ?? [], [types.data]);
  const kindOptions = useMemo(() => typeList.map((t) => ({ value: t.id, label: t.name })), [typeList]);
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'create' | 'types' | null>(null);

  const reload = () => {
    list.reload();
    summary.reload();
    types.reload();
  };

  if (openId) {
    return <ModelDetail id={openId} types={typeList} units={unitList} today={today} onBack={() => setOpenId(null)} onChanged={reload} />;
  }

  const c = summary.data;
  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{MODELS.title}</Title>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" leftSection={<IconCategory size={16} />} onClick={() => setDialog('types')}>
            {MODELS.manageTypes}
          </Button>
          <ImportExportButtons registry="models" filter={debounced} onImported={reload} />
          <Allowed method="models.create">
            <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setDialog('create')}>
              {MODELS.add}
            </Button>
          </Allowed>
        </Group>
      </Group>
      <ListFilters
        value={filter}
        onChange={setFilter}
        units={unitList}
        kinds={kindOptions}
        kindLabel={MODELS.kindFilter}
        statuses={STATUS_OPTIONS}
        statusLabel={MODELS.statusFilter}
        showYear
        searchPlaceholder={MODELS.searchPlaceholder}
      />
      {c && (
        <Paper withBorder px="sm" py={6} aria-label={MODELS.summaryLabel} role="status">
          <Text size="sm" fw={600}>
            {MODELS.summary(MODELS.summaryPeriod(debounced.year, formatDateVi(today)), c)}
          </Text>
          <Text size="xs" c="dimmed">
            {MODELS.summaryMore(c)}
          </Text>
        </Paper>
      )}
      {(list.error ?? summary.error) && (
        <Alert color="red" role="alert">
          {(list.error ?? summary.error)!.message}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataTable
          rows={rows}
          columns={COLUMNS}
          rowKey={(m) => m.id}
          onRowClick={(m) => setOpenId(m.id)}
          ariaLabel={MODELS.tableLabel}
          emptyText={list.loading && !list.data ? '' : MODELS.empty}
        />
      </div>
      <Text size="xs" c="dimmed">
        {MODELS.countedIn(debounced.year, formatDateVi(today))}
      </Text>
      {dialog === 'create' && (
        <ModelFormModal
          model={null}
          types={typeList}
          units={unitList}
          today={today}
          onClose={() => setDialog(null)}
          onSaved={(m) => {
            setDialog(null);
            reload();
            setOpenId(m.id);
          }}
        />
      )}
      {dialog === 'types' && <ModelTypesModal onClose={() => setDialog(null)} onChanged={reload} />}
    </Stack>
  );
}
