/**
 * The registry of agencies, enterprises and schools: shared filters, a windowed table with the
 * TT124 eligibility of each row, a detail drawer, create/edit/end/delete dialogs and Excel.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../../shared/ipc/contracts/organizations.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../../shared/domain/registries';
import {
  MANAGING_LEVEL_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  ORG_LIST_STATUSES,
  ORG_LIST_STATUS_LABELS,
} from '../../../../shared/domain/organizations';
import { orgKindText, type OrgSortKey } from '../../../../shared/domain/organizations-list';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn, type PagedRows, type Sort } from '../../components/DataTable';
import { usePagedQuery } from '../../api/paged';
import { ListFilters } from '../../components/ListFilters';
import { ImportExportButtons } from '../../components/ImportExport';
import { EligibilityBadge } from './EligibilityBadge';
import { DeleteOrganizationModal, EndOrganizationModal, OrganizationDrawer, unitLabel } from './OrganizationDetail';
import { OrganizationFormModal } from './OrganizationForm';
import { ORGS } from './texts';
import { OwnedBadge, useOwners, type Owner } from '../consolidation/Owned';
import { takeDrill } from '../consolidation/drill';
import { Allowed } from '../auth/session';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'end' | 'delete'; org: OrganizationDto } | null;

const KIND_OPTIONS = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));
const STATUS_OPTIONS = ORG_LIST_STATUSES.map((s) => ({ value: s, label: ORG_LIST_STATUS_LABELS[s] }));

/** "Doanh nghiệp · Hợp tác xã", or just the sub-kind when it already names the kind. */
export const kindText: (o: OrganizationDto) => string = orgKindText;

/** Cell text that may be cut by the column width keeps its full value on hover. */
const full = (text: string) => <span title={text}>{text}</span>;

const COLUMNS: readonly DataColumn<OrganizationDto>[] = [
  {
    key: 'name',
    header: ORGS.columns.name,
    render: (o) => full(o.name),
    sortValue: (o) => o.name,
  },
  { key: 'kind', header: ORGS.columns.kind, width: 210, render: (o) => full(kindText(o)), sortValue: kindText },
  { key: 'unit', header: ORGS.columns.unit, width: 140, render: (o) => full(unitLabel(o)), sortValue: unitLabel },
  {
    key: 'managingLevel',
    header: ORGS.columns.managingLevel,
    width: 110,
    render: (o) => MANAGING_LEVEL_LABELS[o.managingLevel],
    sortValue: (o) => MANAGING_LEVEL_LABELS[o.managingLevel],
  },
  {
    key: 'eligibility',
    header: ORGS.columns.eligibility,
    width: 190,
    render: (o) => <EligibilityBadge eligibility={o.eligibility} />,
    sortValue: (o) => o.eligibility.status,
  },
  {
    key: 'status',
    header: ORGS.columns.status,
    width: 180,
    render: (o) => (o.validTo === null ? ORGS.active : ORGS.endedOn(formatDateVi(o.validTo))),
    sortValue: (o) => o.validTo ?? '',
  },
];

/** The whole filtered list's figures (organizations.page), shown in the totals row. */
interface Totals {
  total: number;
  eligible: number;
}

/** The columns with the backend's totals, and the badge of rows an office sent (at the province) after the name. */
function columnsWith(owners: ReadonlyMap<string, Owner>, totals: Totals): readonly DataColumn<OrganizationDto>[] {
  return COLUMNS.map((c) => {
    if (c.key === 'eligibility') return { ...c, total: () => ORGS.eligibleTotal(totals.eligible) };
    if (c.key !== 'name') return c;
    const withTotal = { ...c, total: () => ORGS.total(totals.total) };
    if (owners.size === 0) return withTotal;
    return {
      ...withTotal,
      render: (o: OrganizationDto) => {
        const owner = owners.get(o.id);
        return owner ? (
          <Group gap={6} wrap="nowrap">
            {full(o.name)}
            <OwnedBadge owner={owner} />
          </Group>
        ) : (
          full(o.name)
        );
      },
    };
  });
}

/** Every column the backend orders by (ORG_SORT_KEYS); no column chosen = the list's own order. */
const ORG_SORTABLE: ReadonlySet<string> = new Set<OrgSortKey>(['name', 'kind', 'unit', 'managingLevel', 'eligibility', 'status']);
const DEFAULT_ORDER = { key: 'default' as OrgSortKey, dir: 'asc' as const };
const NO_ROWS: readonly OrganizationDto[] = [];

/** The organisations list read page by page (8,000 at a province), ordered and counted in the backend. */
function useOrgPages(debounced: ListFilter) {
  const [sort, setSort] = useState<Sort>(null);
  const order = sort ? { key: sort.key as OrgSortKey, dir: sort.dir === 1 ? ('asc' as const) : ('desc' as const) } : DEFAULT_ORDER;
  const list = usePagedQuery('organizations.page', debounced, order, JSON.stringify(debounced));
  const source = useMemo<PagedRows<OrganizationDto>>(
    () => ({ total: list.total, rowAt: list.rowAt, onRange: list.ensure, sort, onSort: setSort, sortable: ORG_SORTABLE }),
    [list.total, list.rowAt, list.ensure, sort],
  );
  return { list, source };
}

export function OrganizationsPage({ today }: { office: OfficeDto; today: string }) {
  // Opened from the province's breakdown: the list starts on the office's unit.
  const [filter, setFilter] = useState<ListFilter>(() => {
    const drill = takeDrill('co-quan');
    return drill ? { ...EMPTY_FILTER, unitId: drill.unitId } : EMPTY_FILTER;
  });
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filter, 200);
  const { list, source } = useOrgPages(debounced);
  const units = useQuery('units.list', { includeEnded: true });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const ids = useMemo(() => list.loaded.map((o) => o.id), [list.loaded]);
  const owners = useOwners('organizations', ids);
  const eligible = list.last?.eligible ?? 0;
  const columns = useMemo(() => columnsWith(owners, { total: list.total, eligible }), [owners, list.total, eligible]);
  const [selected, setSelected] = useState<OrganizationDto | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const afterChange = (org: OrganizationDto | null) => {
    setDialog(null);
    setSelected(org);
    list.reload();
  };

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{ORGS.title}</Title>
        <Group gap="xs" wrap="nowrap">
          <ImportExportButtons registry="organizations" filter={debounced} onImported={() => list.reload()} />
          <Allowed method="organizations.create">
            <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
              {ORGS.add}
            </Button>
          </Allowed>
        </Group>
      </Group>
      <ListFilters
        value={filter}
        onChange={setFilter}
        units={unitList}
        kinds={KIND_OPTIONS}
        kindLabel={ORGS.kindFilter}
        statuses={STATUS_OPTIONS}
        statusLabel={ORGS.statusFilter}
        showYear
        searchPlaceholder={ORGS.searchPlaceholder}
      />
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        <DataTable
          rows={NO_ROWS}
          paged={list.last ? source : undefined}
          columns={columns}
          rowKey={(o) => o.id}
          onRowClick={setSelected}
          selectedKey={selected?.id ?? null}
          ariaLabel={ORGS.tableLabel}
          emptyText={list.loading && !list.last ? '' : ORGS.empty}
        />
      </div>
      {selected && dialog === null && (
        <OrganizationDrawer
          org={selected}
          onClose={() => setSelected(null)}
          onEdit={() => setDialog({ kind: 'edit', org: selected })}
          onEnd={() => setDialog({ kind: 'end', org: selected })}
          onDelete={() => setDialog({ kind: 'delete', org: selected })}
          onChanged={afterChange}
        />
      )}
      {/* After an addition the list stays in front (the next one is often typed right away); after
          an edit or an end, the drawer comes back showing the record as stored. */}
      {dialog?.kind === 'create' && (
        <OrganizationFormModal
          org={null}
          units={unitList}
          today={today}
          onClose={() => setDialog(null)}
          onSaved={() => afterChange(null)}
        />
      )}
      {dialog?.kind === 'edit' && (
        <OrganizationFormModal org={dialog.org} units={unitList} today={today} onClose={() => setDialog(null)} onSaved={afterChange} />
      )}
      {dialog?.kind === 'end' && (
        <EndOrganizationModal org={dialog.org} today={today} onClose={() => setDialog(null)} onEnded={afterChange} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteOrganizationModal org={dialog.org} onClose={() => setDialog(null)} onDeleted={() => afterChange(null)} />
      )}
    </Stack>
  );
}
