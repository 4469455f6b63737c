/**
 * The bar above an activity list: how many records it holds (awards: counted by their year), and
 * the actions: the bin, Excel, the fast-entry grid, add.
 */
import { Button, Group, Text } from '@mantine/core';
import { IconPlus, IconTable, IconTrash } from '@tabler/icons-react';
import { placedByYear, type ActivityKind } from '../../../../shared/domain/activities';
import type { ListFilter } from '../../../../shared/domain/registries';
import { ImportExportButtons, type ImportResult } from '../../components/ImportExport';
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
