/** The preview of a snapshot: what goes (per record kind, per unit, the evaluation results) and what never goes. */
import { Alert, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { SendPreviewDto } from '../../../../../shared/ipc/contracts/handoff-send.contract';
import { SEND } from './texts';

const vi = (n: number) => n.toLocaleString('vi-VN');

function KindsTable({ preview }: { preview: SendPreviewDto }) {
  const kinds = preview.kinds.filter((k) => k.rows > 0);
  const total = kinds.reduce((s, k) => s + k.rows, 0);
  const deleted = kinds.reduce((s, k) => s + k.deleted, 0);
  return (
    <Table aria-label={SEND.kindsTitle} striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{SEND.kind}</Table.Th>
          <Table.Th ta="right">{SEND.rows}</Table.Th>
          <Table.Th ta="right">{SEND.deleted}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {kinds.map((k) => (
          <Table.Tr key={k.table}>
            <Table.Td>{k.label}</Table.Td>
            <Table.Td ta="right">{vi(k.rows)}</Table.Td>
            <Table.Td ta="right">{k.deleted > 0 ? vi(k.deleted) : ''}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr fw={600}>
          <Table.Td>{SEND.total}</Table.Td>
          <Table.Td ta="right">{vi(total)}</Table.Td>
          <Table.Td ta="right">{deleted > 0 ? vi(deleted) : ''}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function UnitsTable({ preview }: { preview: SendPreviewDto }) {
  return (
    <Table aria-label={SEND.unitsTitle} striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{SEND.unit}</Table.Th>
          <Table.Th ta="right">{SEND.rows}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.units.map((u) => (
          <Table.Tr key={u.unitId}>
            <Table.Td>{u.name}</Table.Td>
            <Table.Td ta="right">{vi(u.rows)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function EvaluationBlock({ preview }: { preview: SendPreviewDto }) {
  const e = preview.evaluation;
  return (
    <Stack gap="xs">
      <Title order={4}>{SEND.evaluationTitle(preview.year)}</Title>
      <Text size="sm">{e.frozen ? SEND.frozen(e.frozen.at, e.frozen.by) : SEND.live}</Text>
      {e.subjects === 0 ? (
        <Text size="sm" c="dimmed">
          {SEND.noEvaluation}
        </Text>
      ) : (
        <Table aria-label={SEND.evaluationTitle(preview.year)} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{SEND.category}</Table.Th>
              <Table.Th ta="right">{SEND.subjects}</Table.Th>
              <Table.Th ta="right">{SEND.dat}</Table.Th>
              <Table.Th>{SEND.basis}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.byCategory.map((c) => (
              <Table.Tr key={c.category}>
                <Table.Td>{c.label}</Table.Td>
                <Table.Td ta="right">{vi(c.subjects)}</Table.Td>
                <Table.Td ta="right" fs={c.dat === null ? 'italic' : undefined}>
                  {c.dat === null ? SEND.notEvaluated : vi(c.dat)}
                </Table.Td>
                <Table.Td>
                  {c.basis
                    .split(', ')
                    .map((b) => SEND.basisLabels[b] ?? b)
                    .join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function SendPreview({ preview }: { preview: SendPreviewDto }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{SEND.previewTitle}</Title>
        {preview.blockers.map((b) => (
          <Alert key={b} color="red" title={SEND.blocked}>
            {b}
          </Alert>
        ))}
        {preview.province && <Text>{SEND.recipient(preview.province.name, preview.province.fingerprint)}</Text>}
        <Text size="sm">{SEND.fileWillBe(preview.fileName)}</Text>
        <Text size="sm" c="dimmed">
          {SEND.full}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            <Title order={4}>{SEND.kindsTitle}</Title>
            <KindsTable preview={preview} />
          </Stack>
          <Stack gap="xs">
            <Title order={4}>{SEND.unitsTitle}</Title>
            <UnitsTable preview={preview} />
            <EvaluationBlock preview={preview} />
          </Stack>
        </SimpleGrid>
        <Alert color="gray" title={SEND.neverTitle}>
          <List size="sm" aria-label={SEND.neverTitle}>
            {preview.never.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Alert>
        {preview.personalSent.length > 0 && (
          <Alert color="yellow" title={SEND.personalSentTitle}>
            <List size="sm">
              {preview.personalSent.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
