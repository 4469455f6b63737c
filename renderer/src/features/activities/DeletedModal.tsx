/**
 * The bin of one kind: records deleted recently, newest first, each with "Khôi phục". A tip whose
 * informant was erased when it was deleted is marked (for the roles that see informants) and
 * restored only after a warning that its informant does not come back (RecordDelete.tsx).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Modal, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { format, parseISO } from 'date-fns';
import { call, useQuery } from '../../api/client';
import type { ActivityKind } from '../../../../shared/domain/activities';
import { errorText } from '../../components/formErrors';
import { ConfirmModal } from '../../components/ConfirmModal';
import { binFate, restoredNotice, type InformantFate } from './RecordDelete';
import { ACT } from './texts';
import { Allowed } from '../auth/session';

type BinRow = { id: string; label: string; deletedAt: string; informantErased?: boolean | undefined };

export function DeletedModal({ kind, onClose, onRestored }: { kind: ActivityKind; onClose: () => void; onRestored: () => void }) {
  const bin = useQuery('activities.deleted', { kind });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<BinRow | null>(null);
  const rows: readonly BinRow[] = bin.data?.rows ?? [];

  /** Restores one record; a refusal is thrown, for the caller to show where the person is looking. */
  async function restoreNow(id: string, label: string, fate: InformantFate) {
    await call('activities.restore', { kind, id });
    notifications.show({ color: 'green', message: restoredNotice(label, fate) });
    bin.reload();
    onRestored();
  }

  /** "Khôi phục" on a row: the row's button is busy until the record is back; a refusal shows above the table. */
  async function restore(id: string, label: string, fate: InformantFate) {
    setBusy(id);
    setError(null);
    try {
      await restoreNow(id, label, fate);
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
                    <Table.Td>
                      {r.label}
                      {r.informantErased && (
                        <Tooltip label={ACT.erase.markHint} multiline w={320}>
                          <Badge ml="xs" size="sm" color="orange" variant="light" style={{ textTransform: 'none' }}>
                            {ACT.erase.mark}
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>{format(parseISO(r.deletedAt), 'dd/MM/yyyy HH:mm')}</Table.Td>
                    <Table.Td>
                      <Allowed method="activities.restore">
                        <Button
                          size="xs"
                          variant="light"
                          loading={busy === r.id}
                          onClick={() => (r.informantErased ? setAsking(r) : void restore(r.id, r.label, binFate(kind, r)))}
                        >
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
        {asking && (
          <ConfirmModal
            title={ACT.erase.restoreTitle}
            body={ACT.erase.restoreBody(asking.label)}
            cancelLabel={ACT.erase.cancel}
            confirmLabel={ACT.erase.restoreConfirm}
            onClose={() => setAsking(null)}
            onConfirm={async () => {
              // The warning stays, its button busy, until the tip is back; a refusal is shown in it.
              await restoreNow(asking.id, asking.label, 'erased');
              setAsking(null);
            }}
          />
        )}
        <Button variant="default" onClick={onClose} style={{ alignSelf: 'flex-end' }}>
          {ACT.close}
        </Button>
      </Stack>
    </Modal>
  );
}
