/**
 * The bar above an activity list: how many records it holds (awards: counted by their year), and
 * the actions: the bin, Excel, the fast-entry grid, add. And deleting a record with "Hoàn tác" in
 * the notification (the record goes to the bin at once).
 */
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRestore, IconTable, IconTrash } from '@tabler/icons-react';
import { call } from '../../api/client';
import { placedByYear, type ActivityKind } from '../../../../shared/domain/activities';
import type { ListFilter } from '../../../../shared/domain/registries';
import { ImportExportButtons, type ImportResult } from '../../components/ImportExport';
import { errorText } from '../../components/formErrors';
import { recordLabel, type ActivityRow } from './fields';
import { ACT } from './texts';
import { Allowed } from '../auth/session';

interface ToolbarProps {
  kind: ActivityKind;
  count: number;
  xlsxFilter: ListFilter;
  onImported: (result: ImportResult) => void;
  onBin: () => void;
  onGrid: () => void;
  onAdd: () => void;
}

export function ListToolbar({ kind, count, xlsxFilter, onImported, onBin, onGrid, onAdd }: ToolbarProps) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Text size="sm" fw={600} role="status" aria-label={ACT.countLabel}>
        {ACT.count(kind, count)}
        {placedByYear(kind) && (
          <Text span size="xs" c="dimmed" fw={400}>
            {' · '}
            {ACT.filters.awardsByYear}
          </Text>
        )}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="default" leftSection={<IconTrash size={16} />} onClick={onBin}>
          {ACT.bin}
        </Button>
        <ImportExportButtons registry={kind} filter={xlsxFilter} onImported={onImported} />
        <Allowed method="activities.saveMany">
          <Button size="xs" variant="light" leftSection={<IconTable size={16} />} onClick={onGrid}>
            {ACT.grid}
          </Button>
        </Allowed>
        <Allowed method="activities.save">
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={onAdd}>
            {ACT.add}
          </Button>
        </Allowed>
      </Group>
    </Group>
  );
}

/** Moves a record to the bin; on success closes its views, reloads, and offers to undo. */
export async function deleteWithUndo(kind: ActivityKind, row: ActivityRow, closeViews: () => void, reload: () => void): Promise<void> {
  const label = recordLabel(kind, row);
  try {
    await call('activities.delete', { kind, id: row.id });
  } catch (err) {
    notifications.show({ color: 'red', message: errorText(err) });
    return;
  }
  closeViews();
  reload();
  const id = notifications.show({
    color: 'orange',
    autoClose: 15_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm">{ACT.deleted(label)}</Text>
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
      notifications.show({ color: 'green', message: ACT.restored(label) });
      reload();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }
}
