/**
 * Deleting an activity record: to the bin at once, with "Hoàn tác" in the notification, and what
 * deleting and restoring a tip says about its informant (issue 15 item 2): deleting a tip
 * erases its informant for good. The roles that see informants (`tips.hasInformant`) are asked
 * before deleting a tip that has one, and the bin marks such a tip; Cán bộ, who is not told
 * whether a tip has an informant at all, reads the same warning before deleting any tip.
 */
import { useState, type ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { ActivityKind } from '../../../../shared/domain/activities';
import type { Method } from '../../../../shared/ipc/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { errorText } from '../../components/formErrors';
import { useCan } from '../auth/session';
import { recordLabel, type ActivityRow } from './fields';
import { ACT } from './texts';

/** 'erased': the tip has (had) an informant; 'none': it has none or is not a tip; 'unknown': this role is not told. */
export type InformantFate = 'erased' | 'none' | 'unknown';

export async function informantFate(kind: ActivityKind, id: string, can: (m: Method) => boolean): Promise<InformantFate> {
  if (kind !== 'tips') return 'none';
  if (!can('tips.hasInformant')) return 'unknown';
  return (await call('tips.hasInformant', { tipId: id })).hasInformant ? 'erased' : 'none';
}

/** The fate of a tip in the bin, from its row of `activities.deleted`. */
export function binFate(kind: ActivityKind, row: { informantErased?: boolean | undefined }): InformantFate {
  if (kind !== 'tips') return 'none';
  if (row.informantErased === undefined) return 'unknown';
  return row.informantErased ? 'erased' : 'none';
}

export function restoredNotice(label: string, fate: InformantFate): string {
  if (fate === 'erased') return ACT.erase.restored(label);
  if (fate === 'unknown') return ACT.erase.restoredUnknown(label);
  return ACT.restored(label);
}

/**
 * Moves a record to the bin; on success closes its views, reloads, and offers to undo. `fate`
 * (informantFate.tsx): what the notices say of a tip's informant, erased with the tip. A refusal
 * is thrown, for the caller to show where the person is looking.
 */
export async function moveToBin(
  kind: ActivityKind,
  row: ActivityRow,
  closeViews: () => void,
  reload: () => void,
  fate: InformantFate = 'none',
): Promise<void> {
  const label = recordLabel(kind, row);
  await call('activities.delete', { kind, id: row.id });
  closeViews();
  reload();
  const id = notifications.show({
    color: 'orange',
    autoClose: 15_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm">{fate === 'erased' ? ACT.erase.deleted(label) : ACT.deleted(label)}</Text>
        <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => void undo()}>
          {ACT.undo}
        </Button>
      </Group>
    ),
  });
  async function undo() {
    notifications.hide(id);
    try {
      await call('activities.restore', { kind, id: row.id });
      notifications.show({ color: 'green', message: restoredNotice(label, fate) });
      reload();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }
}

/** `moveToBin` from a list or a view: a refusal is a red notification. */
export async function deleteWithUndo(...args: Parameters<typeof moveToBin>): Promise<void> {
  try {
    await moveToBin(...args);
  } catch (err) {
    notifications.show({ color: 'red', message: errorText(err) });
  }
}

/**
 * Deleting a record of `kind` from the list or its views: a record that loses nothing else goes to
 * the bin at once (with "Hoàn tác"); a tip whose informant would be erased, or any tip for a role
 * not told, is deleted only after the warning. `confirm` is the warning to render.
 */
export function useRecordDelete(
  kind: ActivityKind,
  closeViews: () => void,
  reload: () => void,
): { remove: (row: ActivityRow) => Promise<void>; confirm: ReactNode } {
  const can = useCan();
  const [asking, setAsking] = useState<{ row: ActivityRow; fate: InformantFate } | null>(null);

  async function remove(row: ActivityRow): Promise<void> {
    let fate: InformantFate;
    try {
      fate = await informantFate(kind, row.id, can);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
      return;
    }
    if (fate === 'none') await deleteWithUndo(kind, row, closeViews, reload, fate);
    else setAsking({ row, fate });
  }

  const confirm = asking && (
    <ConfirmModal
      title={ACT.erase.title}
      body={(asking.fate === 'erased' ? ACT.erase.body : ACT.erase.bodyUnknown)(recordLabel(kind, asking.row))}
      cancelLabel={ACT.erase.cancel}
      confirmLabel={ACT.erase.confirm}
      onClose={() => setAsking(null)}
      onConfirm={async () => {
        // The warning stays, its button busy, until the tip is in the bin; a refusal is shown in it.
        await moveToBin(kind, asking.row, closeViews, reload, asking.fate);
        setAsking(null);
      }}
    />
  );
  return { remove, confirm };
}
