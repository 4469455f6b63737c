/** The packages made (at the province) or applied (at an office), newest first. */
import { Code, Stack, Table, Text, Title } from '@mantine/core';
import type { PackageRecordDto } from '../../../../../shared/ipc/contracts/handoff-package.contract';
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';
import { PKG } from './texts';

export function PackageList({ title, records }: { title: string; records: readonly PackageRecordDto[] }) {
  return (
    <Stack gap="xs">
      <Title order={4}>{title}</Title>
      {records.length === 0 ? (
        <Text c="dimmed">{PKG.listEmpty}</Text>
      ) : (
        <Table striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{PKG.colSeq}</Table.Th>
              <Table.Th>{PKG.colFile}</Table.Th>
              <Table.Th w={110}>{PKG.colDate}</Table.Th>
              <Table.Th>{PKG.colContent}</Table.Th>
              <Table.Th w={150}>{PKG.colHash}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.sequence}</Table.Td>
                <Table.Td>{r.fileName}</Table.Td>
                <Table.Td>{formatDateVi(vietnamDateOf(new Date(r.createdAt)))}</Table.Td>
                <Table.Td>{PKG.summary(r.summary)}</Table.Td>
                <Table.Td>
                  <Code title={r.sha256}>{r.sha256.slice(0, 16)}…</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
