/** The files received per office: status, receipt, "Khôi phục về gói này" and "Ghi biên nhận". */
import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../../api/client';
import type { ReceivedFileDto } from '../../../../../shared/ipc/contracts/handoff-inbox.contract';
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { errorText } from '../../../components/formErrors';
import { INBOX } from './texts';
import { PathField } from '../PathField';
import { Allowed, useCan } from '../../auth/session';

const STATUS_COLOR: Record<ReceivedFileDto['status'], string> = {
  applied: 'green',
  superseded: 'gray',
  refused: 'red',
  replay: 'yellow',
};
const dateOf = (ts: string) => formatDateVi(vietnamDateOf(new Date(ts)));

/** Roll back a superseded file, write the receipt of an applied one: for the roles that may. */
function FileActions({
  f,
  folder,
  onRollback,
  onReceipt,
}: {
  f: ReceivedFileDto;
  folder: string;
  onRollback: () => void;
  onReceipt: () => void;
}) {
  const can = useCan();
  return (
    <Group gap="xs">
      {f.status === 'superseded' && can('handoffInbox.rollback') && (
        <Button size="xs" variant="light" onClick={onRollback}>
          {INBOX.rollback}
        </Button>
      )}
      {(f.status === 'applied' || f.status === 'superseded') && f.appliedAt && can('handoffInbox.writeReceipt') && (
        <Button size="xs" variant="light" disabled={folder.trim() === ''} onClick={onReceipt}>
          {INBOX.writeReceipt}
        </Button>
      )}
    </Group>
  );
}

export function InboxHistory({ refreshKey, onChanged, today }: { refreshKey: number; onChanged: () => void; today: string }) {
  void today;
  const [office, setOffice] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [rollback, setRollback] = useState<ReceivedFileDto | null>(null);
  const all = useQuery('handoffInbox.history', { officeCode: null }, `all:${refreshKey}`);
  const list = useQuery('handoffInbox.history', { officeCode: office }, `${office ?? ''}:${refreshKey}`);
  const offices = [
    ...new Map((all.data?.files ?? []).filter((f) => f.officeCode).map((f) => [f.officeCode!, f.officeName ?? f.officeCode!])),
  ];
  async function receipt(f: ReceivedFileDto) {
    try {
      const r = await call('handoffInbox.writeReceipt', { receivedId: f.id, folder });
      notifications.show({ color: 'green', message: INBOX.receiptWritten(r.path) });
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }
  const files = list.data?.files ?? [];
  return (
    <Stack gap="sm">
      <Title order={4}>{INBOX.historyTitle}</Title>
      <Group align="flex-end">
        <Select
          label={INBOX.officeFilter}
          placeholder={INBOX.allOffices}
          clearable
          data={offices.map(([code, name]) => ({ value: code, label: `${name} (${code})` }))}
          value={office}
          onChange={setOffice}
          w={320}
        />
        <Allowed method="handoffInbox.writeReceipt">
          <PathField label={INBOX.receiptFolder} value={folder} onChange={setFolder} fill />
        </Allowed>
      </Group>
      {files.length === 0 ? (
        <Text size="sm">{INBOX.noHistory}</Text>
      ) : (
        <Table withTableBorder striped aria-label={INBOX.historyTitle}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{INBOX.histCol.office}</Table.Th>
              <Table.Th>{INBOX.histCol.year}</Table.Th>
              <Table.Th>{INBOX.histCol.sequence}</Table.Th>
              <Table.Th>{INBOX.histCol.file}</Table.Th>
              <Table.Th>{INBOX.histCol.status}</Table.Th>
              <Table.Th>{INBOX.histCol.receivedAt}</Table.Th>
              <Table.Th>{INBOX.histCol.receipt}</Table.Th>
              <Table.Th>{INBOX.histCol.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.id} data-testid="inbox-history-row">
                <Table.Td>{f.officeName ?? f.officeCode ?? ''}</Table.Td>
                <Table.Td>{f.year ?? ''}</Table.Td>
                <Table.Td>{f.sequence ?? ''}</Table.Td>
                <Table.Td>
                  <Text size="sm">{f.fileName}</Text>
                  {f.auditHead && (
                    <Text size="xs" c="dimmed">
                      {INBOX.auditHead(f.auditHead)}
                    </Text>
                  )}
                  {f.reason && (
                    <Text size="xs" c={f.status === 'replay' ? 'dimmed' : 'red'}>
                      {f.reason.message}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[f.status]} variant="light" style={{ textTransform: 'none' }}>
                    {INBOX.histStatus[f.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{dateOf(f.receivedAt)}</Table.Td>
                <Table.Td>
                  {f.status === 'refused' || f.status === 'replay'
                    ? ''
                    : f.receiptWrittenAt
                      ? INBOX.receiptAt(dateOf(f.receiptWrittenAt))
                      : INBOX.noReceipt}
                </Table.Td>
                <Table.Td>
                  <FileActions f={f} folder={folder} onRollback={() => setRollback(f)} onReceipt={() => void receipt(f)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rollback && (
        <ConfirmModal
          title={INBOX.rollbackTitle}
          body={INBOX.rollbackConfirm(rollback.officeName ?? rollback.officeCode ?? '', rollback.sequence ?? 0)}
          cancelLabel={INBOX.cancel}
          confirmLabel={INBOX.rollback}
          onClose={() => setRollback(null)}
          onConfirm={async () => {
            const r = await call('handoffInbox.rollback', { receivedId: rollback.id });
            notifications.show({ color: 'green', message: INBOX.rolledBack(r.sequence) });
            setRollback(null);
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}
