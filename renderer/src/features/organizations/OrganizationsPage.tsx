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
  subKindLabel,
} from '../../../../shared/domain/organizations';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
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
export function kindText(o: OrganizationDto): string {
  const kind = ORG_KIND_LABELS[o.kind];
  const sub = subKindLabel(o.kind, o.subKind);
  return sub.toLowerCase().startsWith(kind.toLowerCase()) ? sub : `${kind} · ${sub}`;
}

/** Cell text that may be cut by the column width keeps its full value on hover. */
const full = (text: string) => <span title={text}>{text}</span>;

const COLUMNS: readonly DataColumn<OrganizationDto>[] = [
  {
    key: 'name',
    header: ORGS.columns.name,
    render: (o) => full(o.name),
    sortValue: (o) => o.name,
    total: (rows) => ORGS.total(rows.length),
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
    total: (rows) => ORGS.eligibleTotal(rows.filter((o) => o.eligibility.eligible).length),
  },
  {
    key: 'status',
    header: ORGS.columns.status,
    width: 180,
    render: (o) => (o.validTo === null ? ORGS.active : ORGS.endedOn(formatDateVi(o.validTo))),
    sortValue: (o) => o.validTo ?? '',
  },
];

/** The columns, with the badge of rows an office sent (at the province) after the name. */
function columnsWith(owners: ReadonlyMap<string, Owner>): readonly DataColumn<OrganizationDto>[] {
  if (owners.size === 0) return COLUMNS;
  return COLUMNS.map((c) =>
    c.key === 'name'
      ? {
          ...c,
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
        }
      : c,
  );
}

export function OrganizationsPage({ today }: { office: OfficeDto; today: string }) {
  // Opened from the province's breakdown: the list starts on the office's unit.
  const [filter, setFilter] = useState<ListFilter>(() => {
    const drill = takeDrill('co-quan');
    return drill ? { ...EMPTY_FILTER, unitId: drill.unitId } : EMPTY_FILTER;
  });
  // Typing in the search box should not send one request per key.
  const [debounced] = useDebouncedValue(filter, 200);
  const list = useQuery('organizations.list', debounced);
  const units = useQuery('units.list', { includeEnded: true });
  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const ids = useMemo(() => rows.map((o) => o.id), [rows]);
  const owners = useOwners('organizations', ids);
  const columns = useMemo(() => columnsWith(owners), [owners]);
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
          rows={rows}
          columns={columns}
          rowKey={(o) => o.id}
          onRowClick={setSelected}
          selectedKey={selected?.id ?? null}
          ariaLabel={ORGS.tableLabel}
          emptyText={list.loading && !list.data ? '' : ORGS.empty}
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
