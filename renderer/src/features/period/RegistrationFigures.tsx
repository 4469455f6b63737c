/**
 * The registration figures of a year (issue 14 item 3) as "Tổng quan" and "Số liệu theo kỳ" show
 * them: per kind and group x/y registered and recognised with the share, the households the
 * residential areas registered with ("thiếu dữ liệu" where not recorded), and the two sentences
 * reports quote. The figures come from the backend (registration-figures.service.ts).
 */
import type { ReactNode } from 'react';
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { RegistrationBlockDto } from '../../../../shared/ipc/contracts/period.contract';
import {
  REGISTRATION_GROUP_LABELS,
  isGatheringGroup,
  noRecognitionRecords,
  noRegistrationRecords,
  shownGroups,
} from '../../../../shared/domain/period';
import { percentVi } from '../../../../shared/domain/overview';
import { formatIntVi } from '../../../../shared/lib/numbers';
import { REGISTRATION_TEXTS as T } from './registration-texts';

function ratio(part: number, total: number): string {
  const pct = percentVi(part, total);
  return `${formatIntVi(part)}/${formatIntVi(total)}${pct ? ` (${pct})` : ''}`;
}

function householdsText(h: RegistrationBlockDto['figures']['households']): string {
  if (h.registered === null) return T.missing;
  return h.missing > 0 ? `${formatIntVi(h.registered)} (${T.householdsMissing(h.missing)}: ${T.missing})` : formatIntVi(h.registered);
}

export function RegistrationFigures({ block, action }: { block: RegistrationBlockDto; action?: ReactNode }) {
  const f = block.figures;
  const groups = shownGroups(f);
  // Nothing recorded is "thiếu dữ liệu" in the column, never 0/y.
  const noRegistrations = noRegistrationRecords(f);
  const noDecisions = noRecognitionRecords(f);
  return (
    <Paper withBorder p="md" component="section" aria-label={T.title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Title order={4}>{T.title}</Title>
            <Text size="xs" c="dimmed">
              {T.year(f.year)}
            </Text>
          </Stack>
          {action}
        </Group>
        <Text size="md" data-testid="sentence" style={{ userSelect: 'text' }}>
          {block.sentences.registration}
        </Text>
        <Text size="md" data-testid="recognition-sentence" style={{ userSelect: 'text' }}>
          {block.sentences.recognition}
        </Text>
        {groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {T.noUnits}
          </Text>
        ) : (
          <Table aria-label={T.table} striped withTableBorder maw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.columns.group}</Table.Th>
                <Table.Th ta="right">{T.columns.total}</Table.Th>
                <Table.Th ta="right">{T.columns.registered}</Table.Th>
                <Table.Th ta="right">{T.columns.recognised}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => {
                const c = f.groups[g];
                return (
                  <Table.Tr key={g}>
                    <Table.Td fw={isGatheringGroup(g) ? 600 : undefined}>{REGISTRATION_GROUP_LABELS[g]}</Table.Td>
                    <Table.Td ta="right">{formatIntVi(c.total)}</Table.Td>
                    <Table.Td ta="right">{noRegistrations ? T.missing : ratio(c.registered, c.total)}</Table.Td>
                    <Table.Td ta="right">{noDecisions ? T.missing : ratio(c.recognised, c.total)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {f.groups.khu_dan_cu.registered > 0 && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {T.households}:
            </Text>
            <Text size="sm" fw={600} aria-label={T.households}>
              {householdsText(f.households)}
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
