/**
 * Mass organisations (tổ chức quần chúng): the list of organisations with their rating of the year,
 * one organisation's detail, the members of the whole office, and the catalogue of kinds.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import { usePagedQuery } from '../../api/paged';
import type { OfficeDto, UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgKindDto, MassOrgRowDto, MemberPageRowDto, MemberSortKey } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import type { MassOrgSortKey } from '../../../../shared/domain/mass-orgs-list';
import { EMPTY_FILTER, type ListFilter } from '../../../../shared/domain/registries';
import { drillYear, takeDrill } from '../consolidation/drill';
import { HD01_LEVELS, QUOTA_BASE_NOTE, RATING_LABELS, RATING_LEVELS } from '../../../../shared/domain/mass-orgs';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn, type PagedRows, type Sort } from '../../components/DataTable';
import { ListFilters } from '../../components/ListFilters';
import { ImportExportButtons } from '../../components/ImportExport';
import { RatingBadge, full, kindNamer, ratingLabel, unitNamer } from './common';
import { KindsPanel } from './KindsPanel';
import { MembersTable } from './MembersTable';
import { MemberModal } from './MemberForms';
import { OrgDetail } from './OrgDetail';
import { OrgFormModal } from './OrgForms';
import { QuotaWarnings } from './RatingForms';
import { MASS } from './texts';
import { Allowed } from '../auth/session';

type Tab = 'orgs' | 'members' | 'kinds';

const ORG_STATUS_OPTIONS = [
  { value: 'active', label: MASS.statuses.active },
  { value: 'ended', label: MASS.statuses.ended },
  ...RATING_LEVELS.map((l) => ({ value: l, label: RATING_LABELS[l] })),
  { value: 'khong_xep_loai', label: MASS.statuses.khong_xep_loai },
  { value: 'chua_xep_loai', label: MASS.statuses.chua_xep_loai },
];

const MEMBER_STATUS_OPTIONS = [
  { value: 'active', label: MASS.statuses.activeMember },
  { value: 'left', label: MASS.statuses.left },
  ...HD01_LEVELS.map((l) => ({ value: l, label: RATING_LABELS[l] })),
  { value: 'khong_xep_loai', label: MASS.statuses.khong_xep_loai },
  { value: 'chua_xep_loai', label: MASS.statuses.chua_xep_loai },
];

const PAGE_HEIGHT = 'calc(100dvh - 56px - 2 * var(--mantine-spacing-md))';

export function MassOrgsPage({ today }: { office: OfficeDto; today: string }) {
  const thisYear = Number(today.slice(0, 4));
  const [tab, setTab] = useState<Tab>('orgs');
  const kinds = useQuery('massOrgKinds.list', {});
  const units = useQuery('units.list', { includeEnded: true });
  const kindList = useMemo(() => kinds.data ?? [], [kinds.data]);
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const kindOptions = useMemo(() => kindList.map((k) => ({ value: k.id, label: k.name })), [kindList]);
  // The filters live here so that the Excel buttons beside the tabs export what the list shows.
  // Opened from the dashboard: the organisations start on the figure's year and unit.
  const [orgFilter, setOrgFilter] = useState<ListFilter>(() => {
    const drill = takeDrill('to-chuc');
    return { ...EMPTY_FILTER, unitId: drill?.unitId ?? null, year: drillYear(drill) ?? thisYear };
  });
  const [memberFilter, setMemberFilter] = useState<ListFilter>({ ...EMPTY_FILTER, year: thisYear });
  const [orgDebounced] = useDebouncedValue(orgFilter, 200);
  const [memberDebounced] = useDebouncedValue(memberFilter, 200);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const imported = () => {
    setTick((t) => t + 1);
    kinds.reload();
  };
  const common = { thisYear, today, kinds: kindList, kindOptions, units: unitList, tick };

  return (
    <Stack h={PAGE_HEIGHT} gap="sm">
      <Title order={2}>{MASS.title}</Title>
      <Tabs
        value={tab}
        onChange={(v) => setTab((v as Tab | null) ?? 'orgs')}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Tabs.List>
          <Tabs.Tab value="orgs">{MASS.tabs.orgs}</Tabs.Tab>
          <Tabs.Tab value="members">{MASS.tabs.members}</Tabs.Tab>
          <Tabs.Tab value="kinds">{MASS.tabs.kinds}</Tabs.Tab>
          <Group gap="xs" ml="auto" pb={6} wrap="nowrap">
            {tab === 'orgs' && (
              <>
                <ImportExportButtons registry="mass_orgs" filter={orgDebounced} onImported={imported} />
                <Allowed method="massOrgs.create">
                  <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                    {MASS.add}
                  </Button>
                </Allowed>
              </>
            )}
            {tab === 'members' && <ImportExportButtons registry="members" filter={memberDebounced} onImported={imported} />}
          </Group>
        </Tabs.List>
        <Tabs.Panel value="orgs" pt="sm" style={{ flex: 1, minHeight: 0 }}>
          <OrgsTab
            {...common}
            filter={orgFilter}
            debounced={orgDebounced}
            onFilter={setOrgFilter}
            creating={creating}
            onCreating={setCreating}
            onKindsChanged={kinds.reload}
          />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="sm" style={{ flex: 1, minHeight: 0 }}>
          <MembersTab {...common} filter={memberFilter} debounced={memberDebounced} onFilter={setMemberFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="kinds" pt="sm" style={{ flex: 1, minHeight: 0 }}>
          <KindsPanel kinds={kindList} onChanged={kinds.reload} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

interface TabProps {
  thisYear: number;
  today: string;
  kinds: readonly MassOrgKindDto[];
  kindOptions: { value: string; label: string }[];
  units: readonly UnitDto[];
  /** Bumped after an Excel import: the list reloads. */
  tick: number;
  filter: ListFilter;
  debounced: ListFilter;
  onFilter: (f: ListFilter) => void;
}

/** Every column the backend orders by (MASS_ORG_SORT_KEYS); no column chosen = the list's own order. */
const ORG_SORTABLE: ReadonlySet<string> = new Set<MassOrgSortKey>(['name', 'kind', 'unit', 'members', 'rating', 'status']);
const ORG_DEFAULT_ORDER = { key: 'default' as MassOrgSortKey, dir: 'asc' as const };
const NO_ORGS: readonly MassOrgRowDto[] = [];

/** The organisations list read page by page (10,546 at a province), ordered and counted in the backend. */
function useOrgPages(debounced: ListFilter, tick: number) {
  const [sort, setSort] = useState<Sort>(null);
  const order = sort ? { key: sort.key as MassOrgSortKey, dir: sort.dir === 1 ? ('asc' as const) : ('desc' as const) } : ORG_DEFAULT_ORDER;
  const list = usePagedQuery('massOrgs.page', debounced, order, `${JSON.stringify(debounced)}#${tick}`);
  const source = useMemo<PagedRows<MassOrgRowDto>>(
    () => ({ total: list.total, rowAt: list.rowAt, onRange: list.ensure, sort, onSort: setSort, sortable: ORG_SORTABLE }),
    [list.total, list.rowAt, list.ensure, sort],
  );
  return { list, source };
}

function OrgsTab(props: TabProps & { creating: boolean; onCreating: (c: boolean) => void; onKindsChanged: () => void }) {
  const { thisYear, today, kinds, kindOptions, units, tick, filter, debounced, onFilter, creating, onCreating, onKindsChanged } = props;
  const { list, source } = useOrgPages(debounced, tick);
  const quota = useQuery(
    'massOrgs.quota',
    { year: debounced.year ?? thisYear, unitId: debounced.unitId },
    `${debounced.year}-${debounced.unitId}#${tick}`,
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const ratingYear = list.last?.ratingYear ?? filter.year ?? thisYear;
  const kindName = useMemo(() => kindNamer(kinds), [kinds]);
  const unit = useMemo(() => unitNamer(units), [units]);

  const changed = () => {
    list.reload();
    quota.reload();
    onKindsChanged();
  };

  const totals = { total: list.total, members: list.last?.members ?? 0 };
  const columns = useOrgColumns(kindName, unit, ratingYear, totals);

  if (openId) {
    return (
      <OrgDetail
        id={openId}
        year={filter.year ?? thisYear}
        kinds={kinds}
        units={units}
        today={today}
        onBack={() => setOpenId(null)}
        onChanged={(deleted) => {
          if (deleted) setOpenId(null);
          changed();
        }}
      />
    );
  }

  return (
    <Stack h="100%" gap="sm">
      <ListFilters
        value={filter}
        onChange={onFilter}
        units={units}
        kinds={kindOptions}
        kindLabel={MASS.kindFilter}
        statuses={ORG_STATUS_OPTIONS}
        statusLabel={MASS.statusFilter}
        showYear
        searchPlaceholder={MASS.searchOrgs}
      />
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {quota.data && <QuotaWarnings warnings={quota.data.warnings} baseNote={quota.data.baseNote} />}
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataTable
          rows={NO_ORGS}
          paged={list.last ? source : undefined}
          columns={columns}
          rowKey={(o) => o.id}
          onRowClick={(o) => setOpenId(o.id)}
          ariaLabel={MASS.orgsTable}
          emptyText={list.loading && !list.last ? MASS.loading : MASS.emptyOrgs}
        />
      </div>
      {creating && (
        <OrgFormModal
          org={null}
          kinds={kinds}
          units={units}
          today={today}
          onClose={() => onCreating(false)}
          onSaved={(o) => {
            onCreating(false);
            changed();
            setOpenId(o.id);
          }}
        />
      )}
    </Stack>
  );
}

/** The columns of the organisations table. */
function useOrgColumns(
  kindName: ReturnType<typeof kindNamer>,
  unit: ReturnType<typeof unitNamer>,
  ratingYear: number,
  totals: { total: number; members: number },
): DataColumn<MassOrgRowDto>[] {
  return useMemo<DataColumn<MassOrgRowDto>[]>(
    () => [
      {
        key: 'name',
        header: MASS.columns.name,
        render: (o) => full(o.name),
        sortValue: (o) => o.name,
        total: () => `Tổng cộng: ${MASS.orgTotal(totals.total)}`,
      },
      { key: 'kind', header: MASS.columns.kind, width: 210, render: (o) => full(kindName(o.kindId)), sortValue: (o) => kindName(o.kindId) },
      {
        key: 'unit',
        header: MASS.columns.unit,
        width: 190,
        render: (o) => full(unit.path(o.unitId)),
        sortValue: (o) => unit.path(o.unitId),
      },
      {
        key: 'members',
        header: MASS.columns.members,
        width: 110,
        align: 'right',
        render: (o) => o.members.toLocaleString('vi-VN'),
        sortValue: (o) => o.members,
        total: () => totals.members.toLocaleString('vi-VN'),
      },
      {
        key: 'rating',
        header: MASS.columns.rating(ratingYear),
        width: 180,
        render: (o) => <RatingBadge rating={o.rating} />,
        sortValue: (o) => ratingLabel(o.rating),
      },
      {
        key: 'status',
        header: MASS.columns.status,
        width: 150,
        render: (o) => (o.validTo === null ? MASS.statuses.active : MASS.endedOn(formatDateVi(o.validTo))),
        sortValue: (o) => o.validTo ?? '',
      },
    ],
    [kindName, unit, ratingYear, totals.total, totals.members],
  );
}

/** The columns the backend orders the office-wide members list by (MEMBER_SORT_KEYS). */
const MEMBER_SORTABLE: ReadonlySet<string> = new Set<MemberSortKey>(['fullName', 'gender', 'birthYear', 'role', 'org', 'rating']);

/** The office-wide members list: read page by page (135,000 members at a province). */
function useMemberPages(debounced: ListFilter, tick: number) {
  const [sort, setSort] = useState<Sort>(null);
  const input = useMemo(() => ({ ...debounced, massOrgId: null }), [debounced]);
  // No column chosen: name order, the order the backend reads straight from its index.
  const order = sort ? { key: sort.key as MemberSortKey, dir: sort.dir === 1 ? ('asc' as const) : ('desc' as const) } : DEFAULT_ORDER;
  // The first rows before the count (135,000 members: the count is the dear part), then the count.
  const list = usePagedQuery('members.page', input, order, `${JSON.stringify(input)}#${tick}`, true);
  const source = useMemo<PagedRows<MemberPageRowDto>>(
    () => ({ total: list.total, rowAt: list.rowAt, onRange: list.ensure, sort, onSort: setSort, sortable: MEMBER_SORTABLE }),
    [list.total, list.rowAt, list.ensure, sort],
  );
  return { list, source };
}
const NO_ROWS: readonly MemberPageRowDto[] = [];
const DEFAULT_ORDER = { key: 'fullName' as MemberSortKey, dir: 'asc' as const };

function MembersTab({ thisYear, today, kinds, kindOptions, units, tick, filter, debounced, onFilter }: TabProps) {
  const { list, source } = useMemberPages(debounced, tick);
  const [open, setOpen] = useState<{ id: string; massOrgId: string } | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const unit = useMemo(() => unitNamer(units), [units]);
  const office = useMemo(
    () => ({ orgName: (m: MemberPageRowDto) => m.orgName, unitName: (m: MemberPageRowDto) => unit.name(m.unitId) }),
    [unit],
  );

  return (
    <Stack h="100%" gap="sm">
      <ListFilters
        value={filter}
        onChange={onFilter}
        units={units}
        kinds={kindOptions}
        kindLabel={MASS.kindFilter}
        statuses={MEMBER_STATUS_OPTIONS}
        statusLabel={MASS.statusFilter}
        showYear
        searchPlaceholder={MASS.searchMembers}
      />
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      <QuotaWarnings warnings={warnings} baseNote={QUOTA_BASE_NOTE} onClose={() => setWarnings([])} />
      {list.last && (
        <Text size="sm" c="dimmed" aria-label={MASS.listCountLabel}>
          {list.last.counted ? MASS.listCount(list.last.total) : MASS.counting}
        </Text>
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <MembersTable
          rows={NO_ROWS}
          paged={list.last ? { source, genders: list.last.genders, counted: list.last.counted } : undefined}
          ratingYear={list.last?.ratingYear ?? filter.year ?? thisYear}
          office={office}
          onOpen={(m) => setOpen({ id: m.id, massOrgId: m.massOrgId })}
          selectedId={open?.id ?? null}
          ariaLabel={MASS.membersTable}
          emptyText={list.loading && !list.last ? MASS.loading : MASS.emptyMembers}
        />
      </div>
      {open && (
        <MemberModal
          memberId={open.id}
          massOrgId={open.massOrgId}
          kinds={kinds}
          year={filter.year ?? thisYear}
          today={today}
          onClose={() => setOpen(null)}
          onChanged={(w) => {
            list.reload();
            if (w) setWarnings(w);
          }}
        />
      )}
    </Stack>
  );
}
