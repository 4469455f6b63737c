/** "Đã gửi": every file sent, its hash (short, full on demand) and whether the province's receipt came back. */
import { useState } from 'react';
import { Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { SentFileDto } from '../../../../../shared/ipc/contracts/handoff-send.contract';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { SEND, dayOf, shortHash, sizeText } from './texts';

/** A hash in its short form, with a button that shows it whole. */
export function HashText({ sha256 }: { sha256: string }) {
  const [full, setFull] = useState(false);
  return (
    <Group gap={4} wrap="wrap" maw={320}>
      <Code aria-label={SEND.hash} style={{ wordBreak: 'break-all' }}>
        {full ? sha256 : shortHash(sha256)}
      </Code>
      <Button variant="subtle" size="compact-xs" onClick={() => setFull((f) => !f)}>
        {full ? SEND.hideHash : SEND.showHash}
      </Button>
    </Group>
  );
}

function periodText(f: SentFileDto): string {
  const whole = f.periodFrom === `${f.year}-01-01` && f.periodTo === `${f.year}-12-31`;
  return whole ? String(f.year) : `${f.year} (${formatDateVi(f.periodFrom)} – ${formatDateVi(f.periodTo)})`;
}

export function SentList({ files }: { files: readonly SentFileDto[] }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3}>{SEND.sentTitle}</Title>
        {files.length === 0 ? (
          <Text c="dimmed">{SEND.noneSent}</Text>
        ) : (
          <Table aria-label={SEND.sentTitle} striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{SEND.seq}</Table.Th>
                <Table.Th>{SEND.yearPeriod}</Table.Th>
                <Table.Th>{SEND.fileName}</Table.Th>
                <Table.Th>{SEND.writtenOn}</Table.Th>
                <Table.Th ta="right">{SEND.size}</Table.Th>
                <Table.Th>{SEND.hash}</Table.Th>
                <Table.Th>{SEND.receipt}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map((f) => (
                <Table.Tr key={f.sequence}>
                  <Table.Td ta="right">{f.sequence}</Table.Td>
                  <Table.Td>{periodText(f)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={f.folder}>
                      {f.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{dayOf(f.createdAt)}</Table.Td>
                  <Table.Td ta="right">{sizeText(f.bytes)}</Table.Td>
                  <Table.Td>
                    <HashText sha256={f.sha256} />
                  </Table.Td>
                  <Table.Td>
                    {f.receipt ? (
                      <Text size="sm" c="green.8">
                        {SEND.received(f.sequence, f.receipt.at)}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {SEND.notReceived}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
