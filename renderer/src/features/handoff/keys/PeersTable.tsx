/** The keys known here, with their status; a pending key (from a snapshot or package) is confirmed by its fingerprint. */
import { useState } from 'react';
import { Badge, Button, Card, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { PeerDto } from '../../../../../shared/ipc/contracts/handoff-keys.contract';
import { call, useQuery } from '../../../api/client';
import { errorText } from '../../../components/formErrors';
import { FormActions, FormAlert } from '../../../components/FormActions';
import { KEYS, dayOf } from './texts';
import { useCan } from '../../auth/session';

const T = KEYS.peers;
const STATUS_COLORS = { pending: 'orange', trusted: 'green', retired: 'gray' } as const;

function ConfirmPeer({ peer, onClose, onDone }: { peer: PeerDto; onClose: () => void; onDone: () => void }) {
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setSaving(true);
    setError(null);
    try {
      await call('handoffKeys.confirmPeer', { peerId: peer.id, fingerprint: typed });
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={T.confirmTitle(peer.name)}>
      <Stack>
        <Text size="sm">{KEYS.import.confirmStep}</Text>
        <TextInput
          label={KEYS.import.typed}
          placeholder={KEYS.import.typedPlaceholder}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <FormAlert message={error} />
        <FormActions
          cancelLabel={KEYS.import.cancel}
          submitLabel={KEYS.import.trust}
          onCancel={onClose}
          saving={saving}
          disabled={typed.replace(/\D/g, '').length !== 24}
          onConfirm={() => void confirm()}
        />
      </Stack>
    </Modal>
  );
}

export function PeersTable({ tick, onChanged }: { tick: number; onChanged: () => void }) {
  const q = useQuery('handoffKeys.listPeers', {}, String(tick));
  const [confirming, setConfirming] = useState<PeerDto | null>(null);
  const canConfirm = useCan()('handoffKeys.confirmPeer');
  const peers = q.data ?? [];
  const anyPending = peers.some((p) => p.status === 'pending');
  return (
    <Card withBorder padding="lg" aria-label={T.title} component="section">
      <Stack gap="xs">
        <Title order={3}>{T.title}</Title>
        {q.error && <Text c="red">{q.error.message}</Text>}
        {peers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {T.empty}
          </Text>
        ) : (
          <Table aria-label={T.tableLabel} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.name}</Table.Th>
                <Table.Th>{T.code}</Table.Th>
                <Table.Th>{T.role}</Table.Th>
                <Table.Th>{T.fingerprint}</Table.Th>
                <Table.Th>{T.status}</Table.Th>
                <Table.Th>{T.source}</Table.Th>
                <Table.Th>{T.confirmedAt}</Table.Th>
                {anyPending && <Table.Th>{T.actions}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.officeCode}</Table.Td>
                  <Table.Td>{KEYS.import.roles[p.role]}</Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {p.fingerprint}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={STATUS_COLORS[p.status]} variant="light" style={{ overflow: 'visible' }}>
                      {T.statuses[p.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{T.sources[p.source]}</Table.Td>
                  <Table.Td>{dayOf(p.confirmedAt)}</Table.Td>
                  {anyPending && (
                    <Table.Td>
                      {p.status === 'pending' && canConfirm && (
                        <Button size="xs" variant="light" onClick={() => setConfirming(p)}>
                          {T.confirm}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {confirming && (
        <ConfirmPeer
          peer={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
