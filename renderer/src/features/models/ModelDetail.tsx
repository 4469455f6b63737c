/**
 * One model: its facts, its sites (with Excel for the sites registry), its dated status log, its
 * yearly ratings and its exemplar recognitions, with the dialogs that change them.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { errorText } from '../../components/formErrors';
import { FormAlert } from '../../components/FormActions';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ModelSiteDto, ModelTypeDto } from '../../../../shared/ipc/contracts/models.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../../shared/domain/registries';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ImportExportButtons } from '../../components/ImportExport';
import {
  ModelDialogs,
  ModelHeader,
  ModelInfoTable,
  ModelRatingsTable,
  ModelTimeline,
  RecognitionsTable,
  type Dialog,
} from './ModelDetailParts';
import { OwnedBadge, OwnedNotice, useOwner, useOwners, type Owner } from '../consolidation/Owned';
import { MODELS } from './texts';
import { Allowed, useCan } from '../auth/session';

const S = MODELS.sites;
const vi = (n: number) => n.toLocaleString('vi-VN');
const full = (text: string) => <span title={text}>{text}</span>;

/** The sites' columns; `owners`: the sites an office sent, marked in the unit cell (read-only at the province). */
const siteColumns = (owners: ReadonlyMap<string, Owner>): readonly DataColumn<ModelSiteDto>[] => [
  {
    key: 'unit',
    header: S.columns.unit,
    render: (s) => {
      const owner = owners.get(s.id);
      const unit = full(s.unitPath.length > 1 ? s.unitPath.slice(1).join(' › ') : s.unitName);
      return owner ? (
        <Group gap={6} wrap="nowrap">
          {unit}
          <OwnedBadge owner={owner} />
        </Group>
      ) : (
        unit
      );
    },
    sortValue: (s) => s.unitPath.join(' › '),
    total: (rows) => S.total(rows.length),
  },
  {
    key: 'organization',
    header: S.columns.organization,
    render: (s) => full(s.organizationName ?? ''),
    sortValue: (s) => s.organizationName ?? '',
  },
  { key: 'startedOn', header: S.columns.startedOn, width: 110, render: (s) => formatDateVi(s.startedOn), sortValue: (s) => s.startedOn },
  {
    key: 'endedOn',
    header: S.columns.endedOn,
    width: 130,
    render: (s) =>
      s.endedOn ? (
        formatDateVi(s.endedOn)
      ) : (
        <Text span size="sm" c="green.8">
          {S.running}
        </Text>
      ),
    sortValue: (s) => s.endedOn ?? '9999',
  },
  {
    key: 'teams',
    header: S.columns.teams,
    width: 90,
    align: 'right',
    render: (s) => vi(s.teams),
    sortValue: (s) => s.teams,
    total: (rows) => vi(rows.reduce((n, s) => n + s.teams, 0)),
  },
  {
    key: 'members',
    header: S.columns.members,
    width: 120,
    align: 'right',
    render: (s) => vi(s.members),
    sortValue: (s) => s.members,
    total: (rows) => vi(rows.reduce((n, s) => n + s.members, 0)),
  },
];

/** The sites tab: Excel for the sites registry, the add button and the table. */
function ModelSitesPanel({
  sites,
  siteFilter,
  retired,
  onImported,
  onAdd,
  onOpen,
}: {
  sites: readonly ModelSiteDto[];
  siteFilter: ListFilter;
  retired: boolean;
  onImported: () => void;
  onAdd: () => void;
  onOpen: (site: ModelSiteDto) => void;
}) {
  // The site's dialog is its edit form: not opened for a role that may not change sites.
  const canEdit = useCan()('modelSites.update');
  const ids = useMemo(() => sites.map((s) => s.id), [sites]);
  const owners = useOwners('model_sites', ids);
  const columns = useMemo(() => siteColumns(owners), [owners]);
  return (
    <Stack h="100%" gap="xs">
      <Group justify="space-between">
        <ImportExportButtons registry="model_sites" filter={siteFilter} onImported={onImported} />
        {!retired && (
          <Allowed method="modelSites.create">
            <Button size="xs" leftSection={<IconPlus size={16} />} onClick={onAdd}>
              {S.add}
            </Button>
          </Allowed>
        )}
      </Group>
      <div style={{ flex: 1, minHeight: 160 }}>
        <DataTable
          rows={sites}
          columns={columns}
          rowKey={(s) => s.id}
          {...(canEdit ? { onRowClick: onOpen } : {})}
          ariaLabel={S.tableLabel}
          emptyText={S.empty}
        />
      </div>
    </Stack>
  );
}

const ADD = {
  rate: { method: 'models.rate', label: MODELS.ratings.add },
  recognise: { method: 'models.recognise', label: MODELS.recognitions.add },
} as const;

/** Add a rating or a recognition: shown when `show` and the role may. */
function AddButton({ show, kind, onDialog }: { show: boolean; kind: keyof typeof ADD; onDialog: (d: Dialog) => void }) {
  const can = useCan();
  const { method, label } = ADD[kind];
  if (!show || !can(method)) return null;
  const onClick = () => onDialog({ kind });
  return (
    <Group justify="flex-end">
      <Button size="xs" onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
}

interface Props {
  id: string;
  types: readonly ModelTypeDto[];
  units: readonly UnitDto[];
  today: string;
  onBack: () => void;
  onChanged: () => void;
}

export function ModelDetail({ id, types, units, today, onBack, onChanged }: Props) {
  const detail = useQuery('models.get', { id });
  // At the province, a model an office sent is read-only (the backend refuses changes too).
  const owner = useOwner('models', id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>('sites');
  const [error, setError] = useState<string | null>(null);
  const siteFilter = useMemo(() => ({ ...EMPTY_FILTER, kind: id }), [id]);

  const changed = () => {
    setDialog(null);
    detail.reload();
    onChanged();
  };

  if (detail.error) {
    return (
      <Stack>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack} w="fit-content">
          {MODELS.back}
        </Button>
        <Alert color="red">{detail.error.message}</Alert>
      </Stack>
    );
  }
  if (!detail.data) return <Loader size="sm" />;
  const { model, sites, events, ratings, recognitions, nextStatuses, undone } = detail.data;
  const retired = model.status === 'thanh_loai';
  const openSites = sites.filter((s) => s.endedOn === null).length;
  // Ratings and recognitions once operating; none on a model an office sent.
  const canAdd = model.operatingSince !== null && owner === null;

  async function removeRecognition(recId: string) {
    setError(null);
    try {
      await call('models.removeRecognition', { id: recId });
      notifications.show({ color: 'green', message: MODELS.recognitions.removed });
      changed();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="xs">
      <ModelHeader
        model={model}
        exemplary={recognitions.length > 0}
        canChangeStatus={nextStatuses.length > 0}
        canUndoStatus={events.length > 1 && !retired}
        canDelete={sites.length === 0}
        owner={owner}
        onBack={onBack}
        onDialog={setDialog}
      />
      {owner && <OwnedNotice owner={owner} />}
      <FormAlert message={error} />
      <ModelInfoTable model={model} />
      <Tabs value={tab} onChange={setTab} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sites">{MODELS.tabs.sites(sites.length)}</Tabs.Tab>
          <Tabs.Tab value="timeline">{MODELS.tabs.timeline}</Tabs.Tab>
          <Tabs.Tab value="ratings">{MODELS.tabs.ratings}</Tabs.Tab>
          <Tabs.Tab value="recognitions">{MODELS.tabs.recognitions}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="sites" pt="xs" style={{ flex: 1, minHeight: 0 }}>
          <ModelSitesPanel
            sites={sites}
            siteFilter={siteFilter}
            // No new site on a retired model, nor on one an office sent.
            retired={retired || owner !== null}
            onImported={changed}
            onAdd={() => setDialog({ kind: 'addSite' })}
            onOpen={(site) => setDialog({ kind: 'site', site })}
          />
        </Tabs.Panel>

        <Tabs.Panel value="timeline" pt="sm" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            <ModelTimeline events={events} undone={undone} />
          </ScrollArea>
        </Tabs.Panel>

        <Tabs.Panel value="ratings" pt="xs">
          <Stack gap="xs">
            <AddButton show={canAdd} kind="rate" onDialog={setDialog} />
            <ModelRatingsTable ratings={ratings} />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="recognitions" pt="xs">
          <Stack gap="xs">
            <AddButton show={canAdd} kind="recognise" onDialog={setDialog} />
            <RecognitionsTable recognitions={recognitions} onRemove={(recId) => void removeRecognition(recId)} />
          </Stack>
        </Tabs.Panel>
      </Tabs>

      <ModelDialogs
        dialog={dialog}
        onDialog={setDialog}
        detail={detail.data}
        types={types}
        units={units}
        today={today}
        openSites={openSites}
        onSaved={changed}
        onDeleted={() => {
          onChanged();
          onBack();
        }}
      />
    </Stack>
  );
}
