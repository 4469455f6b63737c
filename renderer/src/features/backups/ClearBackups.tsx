/**
 * Backups made before the protected fields were sealed (issue 15 items 2 and 4): they hold
 * informants' identities and phones in clear. The backups screen marks them and Quản trị erases
 * them (overwritten, then deleted) after a confirmation that says what is lost; right after set-up
 * the same is offered once when such backups exist.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { call, useQuery } from '../../api/client';
import type { BackupDto, LastRestoreDto } from '../../../../shared/ipc/contracts/backups.contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Allowed } from '../auth/session';
import { BACKUPS } from './texts';

const C = BACKUPS.clear;

export const clearBackups = (entries: readonly BackupDto[]): BackupDto[] => entries.filter((e) => e.clearProtected === true);

interface EraseProps {
  entries: readonly BackupDto[];
  lastRestore: LastRestoreDto | null;
  onClose: () => void;
  /** After the erase: the number erased. */
  onErased: (n: number) => void;
}

/** The confirmation, then `backups.eraseClear`; a refusal shows in the dialog. */
export function EraseClearModal({ entries, lastRestore, onClose, onErased }: EraseProps) {
  const ids = new Set(entries.map((e) => e.id));
  const undoLost = lastRestore !== null && (ids.has(lastRestore.before.id) || ids.has(lastRestore.restored.id));
  return (
    <ConfirmModal
      title={C.title}
      body={C.body(
        entries.map((e) => e.createdAt),
        undoLost,
      )}
      cancelLabel={BACKUPS.cancel}
      confirmLabel={C.confirm}
      onClose={onClose}
      onConfirm={async () => {
        const r = await call('backups.eraseClear', { ids: entries.map((e) => e.id) });
        onErased(r.erased.length);
      }}
    />
  );
}

/** On the backups screen: how many backups hold clear values, and (Quản trị) erasing them all. */
export function ClearBackupsAlert({
  entries,
  lastRestore,
  onErased,
}: {
  entries: readonly BackupDto[];
  lastRestore: LastRestoreDto | null;
  onErased: (n: number) => void;
}) {
  const [asking, setAsking] = useState(false);
  const clear = clearBackups(entries);
  if (clear.length === 0) return null;
  return (
    <Alert color="orange" title={C.alertTitle(clear.length)} data-testid="clear-backups">
      <Stack gap="xs">
        <Text size="sm">{C.alert}</Text>
        <Allowed method="backups.eraseClear">
          <Group>
            <Button color="red" variant="light" onClick={() => setAsking(true)}>
              {C.eraseAll(clear.length)}
            </Button>
          </Group>
        </Allowed>
      </Stack>
      {asking && (
        <EraseClearModal
          entries={clear}
          lastRestore={lastRestore}
          onClose={() => setAsking(false)}
          onErased={(n) => {
            setAsking(false);
            onErased(n);
          }}
        />
      )}
    </Alert>
  );
}

/**
 * Right after set-up sealed an upgraded file's protected values: when backups still hold them in
 * clear, offer once to erase them ("Để sau" leaves them marked on the backups screen).
 */
export function AfterSetupClearBackups({ onDone }: { onDone: (notice: string | null) => void }) {
  const listing = useQuery('backups.list', {});
  const [asking, setAsking] = useState(false);
  const clear = listing.data ? clearBackups(listing.data.entries) : null;
  // Nothing to offer (or the list cannot be read: the backups screen says why): go on at once.
  const nothing = Boolean(listing.error) || clear?.length === 0;
  useEffect(() => {
    if (nothing) onDone(null);
  }, [nothing, onDone]);
  if (!listing.data || !clear || clear.length === 0) return null;
  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="lg" w={640} maw="100%">
        <Stack gap="md">
          <Title order={2}>{C.afterSetupTitle}</Title>
          <Alert color="orange">{C.afterSetup(clear.length)}</Alert>
          <Text size="sm" c="dimmed">
            {C.afterSetupHint}
          </Text>
          <Group justify="space-between">
            <Button variant="default" onClick={() => onDone(null)}>
              {C.later}
            </Button>
            <Button color="red" onClick={() => setAsking(true)}>
              {C.eraseAll(clear.length)}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {asking && (
        <EraseClearModal
          entries={clear}
          lastRestore={listing.data.lastRestore}
          onClose={() => setAsking(false)}
          onErased={(n) => onDone(C.erased(n))}
        />
      )}
    </Center>
  );
}
