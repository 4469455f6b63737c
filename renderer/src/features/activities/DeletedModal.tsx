/** The bin of one kind: records deleted recently, newest first, each with "Khôi phục". */
import { useState } from 'react';
import { Alert, Button, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { format, parseISO } from 'date-fns';
import { call, useQuery } from '../../api/client';
import type { ActivityKind } from '../../../../shared/domain/activities';
import { errorText } from '../../components/formErrors';
import { ACT } from './texts';
import { Allowed } from '../auth/session';

export function DeletedModal({ kind, onClose, onRestored }: { kind: ActivityKind; onClose: () => void; onRestored: () => void }) {
  const bin = useQuery('activities.deleted', { kind });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = bin.data?.rows ?? [];

  async function restore(id: string, label: string) {
    setBusy(id);
    setError(null);
    try {
      await call('activities.restore', { kind, id });
      notifications.show({ color: 'green', message: ACT.restored(label) });
      bin.reload();
      onRestored();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Modal opened onClose={onClose} title={ACT.binTitle(kind)} size="lg">
      <Stack>
        {(error ?? bin.error?.message) && (
          <Alert color="red" role="alert">
            {error ?? bin.error?.message}
          </Alert>
        )}
        {bin.data && rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {ACT.binEmpty}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Table striped aria-label={ACT.binTable}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ACT.binRecord}</Table.Th>
                  <Table.Th w={150}>{ACT.binDeletedAt}</Table.Th>
                  <Table.Th w={120} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td>{format(parseISO(r.deletedAt), 'dd/MM/yyyy HH:mm')}</Table.Td>
                    <Table.Td>
                      <Allowed method="activities.restore">
                        <Button size="xs" variant="light" loading={busy === r.id} onClick={() => void restore(r.id, r.label)}>
                          {ACT.restore}
                        </Button>
                      </Allowed>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Button variant="default" onClick={onClose} style={{ alignSelf: 'flex-end' }}>
          {ACT.close}
        </Button>
      </Stack>
    </Modal>
  );
}
