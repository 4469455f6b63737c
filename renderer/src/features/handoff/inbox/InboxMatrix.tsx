/** The completeness matrix: offices × years with the last file accepted, refused files, offices that never sent; "Xuất Excel". */
import { useState } from 'react';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { call, useQuery } from '../../../api/client';
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';
import { errorText } from '../../../components/formErrors';
import { INBOX } from './texts';
import { PathField } from '../PathField';
import { Allowed } from '../../auth/session';

export function InboxMatrix({ refreshKey }: { refreshKey: number }) {
  const matrix = useQuery('handoffInbox.matrix', {}, `m:${refreshKey}`);
  const [folder, setFolder] = useState('');
  async function exportExcel() {
    try {
      const r = await call('handoffInbox.exportMatrix', { folder });
      notifications.show({ color: 'green', message: INBOX.exported(r.path) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }
  const m = matrix.data;
  return (
    <Stack gap="sm">
      <Title order={4}>{INBOX.matrixTitle}</Title>
      {!m || m.offices.length === 0 ? (
        <Text size="sm">{INBOX.noOffices}</Text>
      ) : (
        <Table withTableBorder aria-label={INBOX.matrixTitle}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{INBOX.matrixOffice}</Table.Th>
              {m.years.map((y) => (
                <Table.Th key={y}>{y}</Table.Th>
              ))}
              <Table.Th ta="right">{INBOX.matrixRefused}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.offices.map((o) => (
              <Table.Tr key={o.code} data-testid="inbox-matrix-row">
                <Table.Td>
                  {o.name} ({o.code}){o.neverSent ? ` - ${INBOX.neverSent}` : ''}
                </Table.Td>
                {o.cells.map((c) => (
                  <Table.Td key={c.year}>
                    {c.sequence === null
                      ? o.neverSent
                        ? INBOX.neverSent
                        : INBOX.noPackage
                      : INBOX.cell(c.sequence, c.appliedAt ? formatDateVi(vietnamDateOf(new Date(c.appliedAt))) : null, c.current)}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{o.cells.reduce((n, c) => n + c.refused, 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Allowed method="handoffInbox.exportMatrix">
        <Group align="flex-end">
          <PathField label={INBOX.exportFolder} value={folder} onChange={setFolder} fill />
          <Button leftSection={<IconFileSpreadsheet size={16} />} disabled={folder.trim() === '' || !m} onClick={() => void exportExcel()}>
            {INBOX.exportExcel}
          </Button>
        </Group>
      </Allowed>
    </Stack>
  );
}
