/**
 * "Sao lưu dữ liệu" (issue 15 item 4): the last status (a failure shown with its message), "Sao lưu
 * ngay", the list of backups with date, reason and record counts, a copy to a folder (a USB stick:
 * Electron's folder dialog, or a typed path in the browser), restore and "Hoàn tác khôi phục".
 * A restore replaces the whole database, so the page reloads the app afterwards. Backups holding
 * protected values in clear are marked, and Quản trị erases them (ClearBackups.tsx).
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { call, useQuery } from '../../api/client';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import { BACKUP_COUNTED, type BackupDto } from '../../../../shared/ipc/contracts/backups.contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { errorText } from '../../components/formErrors';
import { canChooseFolder, chooseFolder } from '../../platform/folders';
import { BACKUPS, COUNT_LABELS, REASON_LABELS, countText, dateTimeVi, sizeText } from './texts';
import { BACKUPS_CHANGED, NOTICE_KEY } from './events';
import { ClearBackupsAlert, EraseClearModal } from './ClearBackups';
import { Allowed } from '../auth/session';

type Listing = MethodOutput<'backups.list'>;

function announce(): void {
  window.dispatchEvent(new Event(BACKUPS_CHANGED));
}

/** After a restore the whole database changed: reload the app, carrying the message across. */
function reloadWith(message: string): void {
  sessionStorage.setItem(NOTICE_KEY, message);
  window.location.reload();
}

function StatusPanel({ listing, onMade }: { listing: Listing; onMade: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { status } = listing;
  async function backupNow() {
    setBusy(true);
    try {
      const made = await call('backups.create', {});
      setMessage({ ok: true, text: BACKUPS.made(made.createdAt) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
      onMade();
      announce();
    }
  }
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {BACKUPS.intro}
        </Text>
        <Text size="sm">{BACKUPS.folder(listing.folder)}</Text>
        <Text size="sm" fw={600} data-testid="backup-last">
          {status.lastSuccess ? BACKUPS.lastSuccess(status.lastSuccess.at, REASON_LABELS[status.lastSuccess.reason]) : BACKUPS.never}{' '}
          {status.pendingChanges ? BACKUPS.pending : BACKUPS.upToDate}
        </Text>
        {status.lastFailure && (
          <Alert color="red" title={BACKUPS.failedTitle} role="alert" data-testid="backup-failure">
            {BACKUPS.failedAt(status.lastFailure.at, REASON_LABELS[status.lastFailure.reason])} {status.lastFailure.message}
          </Alert>
        )}
        <Group>
          <Allowed method="backups.create">
            <Button onClick={() => void backupNow()} loading={busy}>
              {BACKUPS.backupNow}
            </Button>
          </Allowed>
          {message && (
            <Text size="sm" c={message.ok ? 'green.8' : 'red.8'} role="status">
              {message.text}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function LastRestore({ listing }: { listing: Listing }) {
  const [confirming, setConfirming] = useState(false);
  const last = listing.lastRestore;
  if (!last) return null;
  return (
    <Alert color="yellow" title={BACKUPS.lastRestoreTitle} data-testid="last-restore">
      <Stack gap="xs">
        <Text size="sm">{BACKUPS.lastRestore(last.at, last.restored.createdAt, last.before.createdAt)}</Text>
        <Allowed method="backups.undoRestore">
          <Group>
            <Button color="yellow.8" onClick={() => setConfirming(true)}>
              {BACKUPS.undo}
            </Button>
          </Group>
        </Allowed>
      </Stack>
      {confirming && (
        <ConfirmModal
          title={BACKUPS.undoTitle}
          body={BACKUPS.undoBody}
          cancelLabel={BACKUPS.cancel}
          confirmLabel={BACKUPS.undo}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await call('backups.undoRestore', {});
            reloadWith(BACKUPS.undone);
          }}
        />
      )}
    </Alert>
  );
}

function CountsCell({ entry }: { entry: BackupDto }) {
  const shown = BACKUP_COUNTED.filter((k) => entry.counts[k] !== 0);
  if (shown.length === 0) return <Text size="xs">{BACKUPS.noRecords}</Text>;
  return (
    <Text size="xs" data-testid="backup-counts">
      {shown.map((k) => `${COUNT_LABELS[k]}: ${countText(entry.counts[k])}`).join(' · ')}
    </Text>
  );
}

function FolderField({ folder, onChange }: { folder: string; onChange: (f: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function pick() {
    try {
      const chosen = await chooseFolder(BACKUPS.chooseTitle);
      if (chosen) onChange(chosen);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        label={BACKUPS.copyTitle}
        description={BACKUPS.copyHint}
        value={folder}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      {canChooseFolder() && (
        <Button variant="default" onClick={() => void pick()}>
          {BACKUPS.chooseFolder}
        </Button>
      )}
    </Group>
  );
}

/** The reason, and the mark of a backup holding protected values in clear. */
function ReasonCell({ entry }: { entry: BackupDto }) {
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm">{REASON_LABELS[entry.reason]}</Text>
      {entry.clearProtected && (
        <Tooltip label={BACKUPS.clear.markHint} multiline w={340}>
          <Badge
            color="orange"
            variant="light"
            size="sm"
            radius="sm"
            // A badge keeps to one line and cuts its text: this mark wraps in the narrow column of an office screen.
            styles={{
              root: { textTransform: 'none', height: 'auto', paddingBlock: 2 },
              label: { whiteSpace: 'normal', overflow: 'visible' },
            }}
            data-testid="backup-clear-mark"
          >
            {BACKUPS.clear.mark}
          </Badge>
        </Tooltip>
      )}
    </Stack>
  );
}

interface TableProps {
  listing: Listing;
  folder: string;
  onErased: (n: number) => void;
}

function BackupsTable({ listing, folder, onErased }: TableProps) {
  const entries = listing.entries;
  const [restoring, setRestoring] = useState<BackupDto | null>(null);
  const [erasing, setErasing] = useState<BackupDto | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function copy(entry: BackupDto) {
    if (folder.trim() === '') return setMessage({ ok: false, text: BACKUPS.copyNeedsFolder });
    try {
      const r = await call('backups.copy', { id: entry.id, folder });
      setMessage({ ok: true, text: BACKUPS.copied(r.path) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }
  if (entries.length === 0) return <Text c="dimmed">{BACKUPS.none}</Text>;
  return (
    <Stack gap="xs">
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Table aria-label={BACKUPS.listTitle} striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{BACKUPS.when}</Table.Th>
            <Table.Th>{BACKUPS.reason}</Table.Th>
            <Table.Th>{BACKUPS.counts}</Table.Th>
            <Table.Th ta="right">{BACKUPS.size}</Table.Th>
            <Table.Th>{BACKUPS.actions}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-backup={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTimeVi(e.createdAt)}</Table.Td>
              <Table.Td>
                <ReasonCell entry={e} />
              </Table.Td>
              <Table.Td maw={460}>
                <CountsCell entry={e} />
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {sizeText(e.bytes)}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Allowed method="backups.copy">
                    <Button size="xs" variant="light" onClick={() => void copy(e)}>
                      {BACKUPS.copy}
                    </Button>
                  </Allowed>
                  <Allowed method="backups.restore">
                    <Button size="xs" variant="light" color="red" onClick={() => setRestoring(e)}>
                      {BACKUPS.restore}
                    </Button>
                  </Allowed>
                  {e.clearProtected && (
                    <Allowed method="backups.eraseClear">
                      <Button size="xs" color="red" onClick={() => setErasing(e)}>
                        {BACKUPS.clear.eraseOne}
                      </Button>
                    </Allowed>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {erasing && (
        <EraseClearModal
          entries={[erasing]}
          lastRestore={listing.lastRestore}
          onClose={() => setErasing(null)}
          onErased={(n) => {
            setErasing(null);
            onErased(n);
          }}
        />
      )}
      {restoring && (
        <ConfirmModal
          title={BACKUPS.restoreTitle}
          body={BACKUPS.restoreBody(restoring.createdAt)}
          cancelLabel={BACKUPS.cancel}
          confirmLabel={BACKUPS.restore}
          onClose={() => setRestoring(null)}
          onConfirm={async () => {
            await call('backups.restore', { id: restoring.id });
            reloadWith(BACKUPS.restored(restoring.createdAt));
          }}
        />
      )}
    </Stack>
  );
}

export function BackupsPage() {
  const listing = useQuery('backups.list', {});
  const [folder, setFolder] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const carried = sessionStorage.getItem(NOTICE_KEY);
    if (carried) {
      sessionStorage.removeItem(NOTICE_KEY);
      setNotice(carried);
    }
  }, []);
  function erased(n: number) {
    setNotice(BACKUPS.clear.erased(n));
    listing.reload();
    announce();
  }
  return (
    <Stack gap="md" maw={1200}>
      <Title order={2}>{BACKUPS.title}</Title>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {listing.error && <Alert color="red">{listing.error.message}</Alert>}
      {listing.data && (
        <>
          <StatusPanel listing={listing.data} onMade={listing.reload} />
          <LastRestore listing={listing.data} />
          <ClearBackupsAlert entries={listing.data.entries} lastRestore={listing.data.lastRestore} onErased={erased} />
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={3}>{BACKUPS.listTitle}</Title>
              <Allowed method="backups.copy">
                <FolderField folder={folder} onChange={setFolder} />
              </Allowed>
              <BackupsTable listing={listing.data} folder={folder} onErased={erased} />
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  );
}
