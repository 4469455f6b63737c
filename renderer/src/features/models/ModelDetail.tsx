/**
 * One model: its facts, its sites (with Excel for the sites registry), its dated status log, its
 * yearly ratings and its exemplar recognitions, with the dialogs that change them.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, ScrollArea, Stack, Table, Tabs, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { errorText } from '../../components/formErrors';
import { FormAlert } from '../../components/FormActions';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { ModelSiteDto, ModelTypeDto } from '../../../../shared/ipc/contracts/models.contract';
import { MODEL_EVENT_LABELS, MODEL_RATING_LABELS, ORIGIN_LEVEL_LABELS } from '../../../../shared/domain/models';
import { EMPTY_FILTER } from '../../../../shared/domain/registries';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ImportExportButtons } from '../../components/ImportExport';
import { DeleteModelModal, ModelFormModal, RatingModal, RecognitionModal, RetireModal, StatusModal } from './ModelForms';
import { EndSiteModal, SiteFormModal } from './SiteForms';
import { StatusBadge } from './StatusBadge';
import { MODELS } from './texts';

const S = MODELS.sites;
const vi = (n: number) => n.toLocaleString('vi-VN');
const full = (text: string) => <span title={text}>{text}</span>;

const SITE_COLUMNS: readonly DataColumn<ModelSiteDto>[] = [
  {
    key: 'unit',
    header: S.columns.unit,
    render: (s) => full(s.unitPath.length > 1 ? s.unitPath.slice(1).join(' › ') : s.unitName),
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

type Dialog =
  | { kind: 'edit' | 'status' | 'retire' | 'delete' | 'rate' | 'recognise' | 'addSite' }
  | { kind: 'site' | 'endSite'; site: ModelSiteDto }
  | null;

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
  const { model, sites, events, ratings, recognitions, nextStatuses } = detail.data;
  const retired = model.status === 'thanh_loai';
  const openSites = sites.filter((s) => s.endedOn === null).length;

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

  const info: [string, React.ReactNode][] = [
    [MODELS.fields.type, model.typeName],
    [MODELS.fields.origin, model.originUnitName],
    [MODELS.fields.originLevel, ORIGIN_LEVEL_LABELS[model.originLevel]],
    [MODELS.fields.foundedOn, formatDateVi(model.foundedOn)],
    [MODELS.fields.operatingSince, model.operatingSince ? formatDateVi(model.operatingSince) : MODELS.notLaunched],
    ...(retired
      ? ([
          [MODELS.fields.retiredOn, formatDateVi(model.retiredOn)],
          [MODELS.fields.retireReason, model.retireReason ?? ''],
        ] as [string, React.ReactNode][])
      : []),
    [MODELS.fields.note, model.note ?? MODELS.none],
  ];

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={onBack} px={0}>
          {MODELS.back}
        </Button>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit' })}>
            {MODELS.actions.edit}
          </Button>
          {nextStatuses.length > 0 && (
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'status' })}>
              {MODELS.actions.changeStatus}
            </Button>
          )}
          {!retired && (
            <Button size="xs" variant="default" color="red" onClick={() => setDialog({ kind: 'retire' })}>
              {MODELS.actions.retire}
            </Button>
          )}
          {sites.length === 0 && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'delete' })}>
              {MODELS.actions.delete}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="sm" align="center">
        <Title order={3} data-testid="model-title">
          {model.name}
        </Title>
        <StatusBadge status={model.status} />
        {recognitions.length > 0 && (
          <Badge color="yellow" variant="light" style={{ flex: 'none' }}>
            {MODELS.exemplary}
          </Badge>
        )}
      </Group>
      <FormAlert message={error} />
      <Table withRowBorders={false} verticalSpacing={2} aria-label={MODELS.infoLabel}>
        <Table.Tbody>
          {info.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={170} fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Tabs value={tab} onChange={setTab} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sites">{MODELS.tabs.sites(sites.length)}</Tabs.Tab>
          <Tabs.Tab value="timeline">{MODELS.tabs.timeline}</Tabs.Tab>
          <Tabs.Tab value="ratings">{MODELS.tabs.ratings}</Tabs.Tab>
          <Tabs.Tab value="recognitions">{MODELS.tabs.recognitions}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="sites" pt="xs" style={{ flex: 1, minHeight: 0 }}>
          <Stack h="100%" gap="xs">
            <Group justify="space-between">
              <ImportExportButtons registry="model_sites" filter={siteFilter} onImported={changed} />
              {!retired && (
                <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'addSite' })}>
                  {S.add}
                </Button>
              )}
            </Group>
            <div style={{ flex: 1, minHeight: 160 }}>
              <DataTable
                rows={sites}
                columns={SITE_COLUMNS}
                rowKey={(s) => s.id}
                onRowClick={(s) => setDialog({ kind: 'site', site: s })}
                ariaLabel={S.tableLabel}
                emptyText={S.empty}
              />
            </div>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="timeline" pt="sm" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            {events.length === 0 ? (
              <Text size="sm" c="dimmed">
                {MODELS.timeline.empty}
              </Text>
            ) : (
              <Timeline bulletSize={14} lineWidth={2} active={events.length - 1} aria-label={MODELS.tabs.timeline}>
                {events.map((e) => (
                  <Timeline.Item
                    key={e.id}
                    title={<Text size="sm" fw={600}>{`${formatDateVi(e.on)} — ${MODEL_EVENT_LABELS[e.status]}`}</Text>}
                  >
                    {e.note && (
                      <Text size="sm" c="dimmed">
                        {e.note}
                      </Text>
                    )}
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </ScrollArea>
        </Tabs.Panel>

        <Tabs.Panel value="ratings" pt="xs">
          <Stack gap="xs">
            {model.operatingSince !== null && (
              <Group justify="flex-end">
                <Button size="xs" onClick={() => setDialog({ kind: 'rate' })}>
                  {MODELS.ratings.add}
                </Button>
              </Group>
            )}
            {ratings.length === 0 ? (
              <Text size="sm" c="dimmed">
                {MODELS.ratings.empty}
              </Text>
            ) : (
              <Table striped aria-label={MODELS.ratings.tableLabel} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>{MODELS.ratings.year}</Table.Th>
                    <Table.Th w={180}>{MODELS.ratings.rating}</Table.Th>
                    <Table.Th>{MODELS.ratings.note}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...ratings].reverse().map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.year}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={r.rating === 'hieu_qua' ? 'green' : 'orange'}>
                          {MODEL_RATING_LABELS[r.rating]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.note ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="recognitions" pt="xs">
          <Stack gap="xs">
            {model.operatingSince !== null && (
              <Group justify="flex-end">
                <Button size="xs" onClick={() => setDialog({ kind: 'recognise' })}>
                  {MODELS.recognitions.add}
                </Button>
              </Group>
            )}
            {recognitions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {MODELS.recognitions.empty}
              </Text>
            ) : (
              <Table striped aria-label={MODELS.recognitions.tableLabel} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={160}>{MODELS.recognitions.on}</Table.Th>
                    <Table.Th>{MODELS.recognitions.by}</Table.Th>
                    <Table.Th w={180}>{MODELS.recognitions.number}</Table.Th>
                    <Table.Th>{MODELS.recognitions.note}</Table.Th>
                    <Table.Th w={80} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {recognitions.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatDateVi(r.recognisedOn)}</Table.Td>
                      <Table.Td>{r.recognisedBy}</Table.Td>
                      <Table.Td>{r.decisionNumber ?? ''}</Table.Td>
                      <Table.Td>{r.note ?? ''}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => void removeRecognition(r.id)}
                          aria-label={`${MODELS.recognitions.remove} ${r.decisionNumber ?? r.recognisedBy}`}
                        >
                          {MODELS.recognitions.remove}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>

      {dialog?.kind === 'edit' && (
        <ModelFormModal model={model} types={types} units={units} today={today} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'status' && (
        <StatusModal model={model} next={nextStatuses} today={today} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'retire' && (
        <RetireModal model={model} openSites={openSites} today={today} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteModelModal
          model={model}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            onChanged();
            onBack();
          }}
        />
      )}
      {dialog?.kind === 'rate' && (
        <RatingModal model={model} ratings={ratings} today={today} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'recognise' && <RecognitionModal model={model} today={today} onClose={() => setDialog(null)} onSaved={changed} />}
      {dialog?.kind === 'addSite' && (
        <SiteFormModal
          model={model}
          site={null}
          units={units}
          today={today}
          retired={retired}
          onClose={() => setDialog(null)}
          onSaved={changed}
          onEnd={() => undefined}
        />
      )}
      {dialog?.kind === 'site' && (
        <SiteFormModal
          model={model}
          site={dialog.site}
          units={units}
          today={today}
          retired={retired}
          onClose={() => setDialog(null)}
          onSaved={changed}
          onEnd={(site) => setDialog({ kind: 'endSite', site })}
        />
      )}
      {dialog?.kind === 'endSite' && <EndSiteModal site={dialog.site} today={today} onClose={() => setDialog(null)} onSaved={changed} />}
    </Stack>
  );
}
