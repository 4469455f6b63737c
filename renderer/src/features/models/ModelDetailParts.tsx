/**
 * Parts of one model's page: the status log, the ratings and recognitions tables, and the dialogs.
 */
import { Badge, Button, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FactsTable } from '../../components/FactsTable';
import { IconArrowLeft } from '@tabler/icons-react';
import type { MethodOutput, UnitDto } from '../../../../shared/ipc/contract';
import type {
  ModelDto,
  ModelEventDto,
  ModelRatingDto,
  ModelRecognitionDto,
  ModelSiteDto,
  ModelTypeDto,
} from '../../../../shared/ipc/contracts/models.contract';
import { MODEL_EVENT_LABELS, MODEL_RATING_LABELS, ORIGIN_LEVEL_LABELS } from '../../../../shared/domain/models';
import { formatDateVi, vietnamDateOf } from '../../../../shared/lib/dates';
import { DeleteModelModal, ModelFormModal, RatingModal, RecognitionModal, RetireModal, StatusModal } from './ModelForms';
import { EndSiteModal, SiteFormModal } from './SiteForms';
import { StatusBadge } from './StatusBadge';
import { LockedActions, type Owner } from '../consolidation/Owned';
import { MODELS } from './texts';
import { useCan } from '../auth/session';

export type Dialog =
  | { kind: 'edit' | 'status' | 'undoStatus' | 'retire' | 'delete' | 'rate' | 'recognise' | 'addSite' }
  | { kind: 'site' | 'endSite'; site: ModelSiteDto }
  | null;

type UndoneStep = MethodOutput<'models.get'>['undone'][number];

/** The dated status log, then the steps taken back (latest first). */
export function ModelTimeline({ events, undone }: { events: readonly ModelEventDto[]; undone: readonly UndoneStep[] }) {
  return (
    <>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {MODELS.timeline.empty}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={events.length - 1} aria-label={MODELS.tabs.timeline}>
          {events.map((e) => (
            <Timeline.Item key={e.id} title={<Text size="sm" fw={600}>{`${formatDateVi(e.on)} — ${MODEL_EVENT_LABELS[e.status]}`}</Text>}>
              {e.note && (
                <Text size="sm" c="dimmed">
                  {e.note}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {undone.length > 0 && (
        <Stack gap={2} mt="md" role="list" aria-label={MODELS.timeline.undoneTitle}>
          <Text size="sm" fw={600}>
            {MODELS.timeline.undoneTitle}
          </Text>
          {undone.map((e) => (
            <Text key={e.id} size="sm" c="dimmed" td="line-through" role="listitem">
              {MODELS.timeline.undone(formatDateVi(e.on), MODEL_EVENT_LABELS[e.status], formatDateVi(vietnamDateOf(new Date(e.undoneAt))))}
            </Text>
          ))}
        </Stack>
      )}
    </>
  );
}

/** Asks before taking back the model's last status step (models.undoStatus). */
function UndoStatusModal({ detail, onClose, onSaved }: { detail: MethodOutput<'models.get'>; onClose: () => void; onSaved: () => void }) {
  const last = detail.events[detail.events.length - 1]!;
  const before = detail.events[detail.events.length - 2]!;
  const step = MODEL_EVENT_LABELS[last.status];
  return (
    <ConfirmModal
      title={MODELS.undo.title(step)}
      body={MODELS.undo.body(step, formatDateVi(last.on), MODEL_EVENT_LABELS[before.status])}
      cancelLabel={MODELS.undo.cancel}
      confirmLabel={MODELS.undo.confirm}
      onClose={onClose}
      onConfirm={async () => {
        await call('models.undoStatus', { id: detail.model.id });
        notifications.show({ color: 'green', message: MODELS.undo.done(step) });
        onClose();
        onSaved();
      }}
    />
  );
}

/** The yearly ratings, newest first. */
export function ModelRatingsTable({ ratings }: { ratings: readonly ModelRatingDto[] }) {
  return (
    <>
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
    </>
  );
}

/** The exemplar recognitions, each with its remove button (none for a role that may not remove one). */
export function RecognitionsTable({
  recognitions,
  onRemove,
}: {
  recognitions: readonly ModelRecognitionDto[];
  onRemove: (id: string) => void;
}) {
  const canRemove = useCan()('models.removeRecognition');
  return (
    <>
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
                  {canRemove && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRemove(r.id)}
                      aria-label={`${MODELS.recognitions.remove} ${r.decisionNumber ?? r.recognisedBy}`}
                    >
                      {MODELS.recognitions.remove}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

interface DialogsProps {
  dialog: Dialog;
  onDialog: (d: Dialog) => void;
  detail: MethodOutput<'models.get'>;
  types: readonly ModelTypeDto[];
  units: readonly UnitDto[];
  today: string;
  openSites: number;
  onSaved: () => void;
  onDeleted: () => void;
}

/** The dialog open on the model's page, if any. */
export function ModelDialogs({ dialog, onDialog, detail, types, units, today, openSites, onSaved, onDeleted }: DialogsProps) {
  const { model, ratings, nextStatuses } = detail;
  const retired = model.status === 'thanh_loai';
  return (
    <>
      {dialog?.kind === 'edit' && (
        <ModelFormModal model={model} types={types} units={units} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'status' && (
        <StatusModal model={model} next={nextStatuses} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'undoStatus' && <UndoStatusModal detail={detail} onClose={() => onDialog(null)} onSaved={onSaved} />}
      {dialog?.kind === 'retire' && (
        <RetireModal model={model} openSites={openSites} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'delete' && <DeleteModelModal model={model} onClose={() => onDialog(null)} onDeleted={onDeleted} />}
      {dialog?.kind === 'rate' && (
        <RatingModal model={model} ratings={ratings} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'recognise' && <RecognitionModal model={model} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />}
      {dialog?.kind === 'addSite' && (
        <SiteFormModal
          model={model}
          site={null}
          units={units}
          today={today}
          retired={retired}
          onClose={() => onDialog(null)}
          onSaved={onSaved}
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
          onClose={() => onDialog(null)}
          onSaved={onSaved}
          onEnd={(site) => onDialog({ kind: 'endSite', site })}
        />
      )}
      {dialog?.kind === 'endSite' && <EndSiteModal site={dialog.site} today={today} onClose={() => onDialog(null)} onSaved={onSaved} />}
    </>
  );
}

/** Back, the actions on the model, and its name with status. */
export function ModelHeader({
  model,
  exemplary,
  canChangeStatus,
  canUndoStatus,
  canDelete,
  owner,
  onBack,
  onDialog,
}: {
  model: ModelDto;
  exemplary: boolean;
  canChangeStatus: boolean;
  /** A step after the first one, not a retirement, can be taken back. */
  canUndoStatus: boolean;
  canDelete: boolean;
  /** The office that sent the model (at the province: read-only), or null. */
  owner: Owner | null;
  onBack: () => void;
  onDialog: (d: Dialog) => void;
}) {
  const retired = model.status === 'thanh_loai';
  const can = useCan();
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={onBack} px={0}>
          {MODELS.back}
        </Button>
        <LockedActions owner={owner}>
          <Group gap="xs" wrap="nowrap">
            {can('models.update') && (
              <Button size="xs" variant="default" onClick={() => onDialog({ kind: 'edit' })}>
                {MODELS.actions.edit}
              </Button>
            )}
            {canChangeStatus && can('models.changeStatus') && (
              <Button size="xs" variant="default" onClick={() => onDialog({ kind: 'status' })}>
                {MODELS.actions.changeStatus}
              </Button>
            )}
            {canUndoStatus && can('models.undoStatus') && (
              <Button size="xs" variant="default" onClick={() => onDialog({ kind: 'undoStatus' })}>
                {MODELS.undo.action}
              </Button>
            )}
            {!retired && can('models.retire') && (
              <Button size="xs" variant="default" color="red" onClick={() => onDialog({ kind: 'retire' })}>
                {MODELS.actions.retire}
              </Button>
            )}
            {canDelete && can('models.delete') && (
              <Button size="xs" variant="subtle" color="red" onClick={() => onDialog({ kind: 'delete' })}>
                {MODELS.actions.delete}
              </Button>
            )}
          </Group>
        </LockedActions>
      </Group>
      <Group gap="sm" align="center">
        <Title order={3} data-testid="model-title">
          {model.name}
        </Title>
        <StatusBadge status={model.status} />
        {exemplary && (
          <Badge color="yellow" variant="light" style={{ flex: 'none' }}>
            {MODELS.exemplary}
          </Badge>
        )}
      </Group>
    </>
  );
}

/** The model's facts as a two-column table. */
export function ModelInfoTable({ model }: { model: ModelDto }) {
  const retired = model.status === 'thanh_loai';
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

  return <FactsTable facts={info} label={MODELS.infoLabel} spacing={2} />;
}
