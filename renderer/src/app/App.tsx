import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, onLocked, useQuery } from '../api/client';
import { SetupWizard } from '../features/setup/SetupWizard';
import { LoginScreen } from '../features/auth/LoginScreen';
import { RecoveryKeyStep, SetupAccountStep } from '../features/auth/SetupAccount';
import { SessionProvider, canRole, type Session } from '../features/auth/session';
import type { SessionUser } from '../features/auth/status';
import { useIdleLock } from '../features/auth/useIdleLock';
import { AfterSetupClearBackups } from '../features/backups/ClearBackups';
import { Shell } from './Shell';
import { SHELL } from './texts';

function Loading() {
  return (
    <Center h="100%">
      <Loader aria-label={SHELL.loading} />
    </Center>
  );
}

function LoadError({ message, onRetry }: { message: string | undefined; onRetry: () => void }) {
  return (
    <Center h="100%">
      <Stack>
        <Alert color="red" title={SHELL.loadError}>
          {message}
        </Alert>
        <Button onClick={onRetry}>{SHELL.retry}</Button>
      </Stack>
    </Center>
  );
}

/**
 * Who is at the keyboard decides what shows: no account yet → the account step of the set-up (then
 * the recovery key, once, and the offer to erase backups holding protected values in clear, when
 * there are any); no open session → the login screen; a locked session → the lock screen
 * (the workspace unmounted, not covered); otherwise the workspace, locked again after the idle time.
 */
export function App() {
  const status = useQuery('auth.status', {});
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  // Right after set-up (once): backups made before the protected values were sealed may be erased.
  const [offerClear, setOfferClear] = useState(false);
  // Set the moment the app locks, before the backend answers, so the data is gone at once.
  const [lockedHere, setLockedHere] = useState(false);
  const { reload } = status;

  useEffect(
    () =>
      onLocked(() => {
        setLockedHere(true);
        reload();
      }),
    [reload],
  );

  // From the moment the app locks until the backend has locked the session too: the lock screen's
  // button waits for it, so an unlock (or another login) never reaches the backend before the lock.
  const [locking, setLocking] = useState(false);

  const lock = useCallback(() => {
    setLockedHere(true);
    setLocking(true);
    void call('auth.lock', {})
      .catch(() => undefined)
      .finally(() => {
        setLocking(false);
        reload();
      });
  }, [reload]);

  const afterClearOffer = (notice: string | null) => {
    setOfferClear(false);
    if (notice) notifications.show({ color: 'green', message: notice });
    reload();
  };

  if (status.error) return <LoadError message={status.error.message} onRetry={reload} />;
  if (status.data === undefined) return <Loading />;
  const s = status.data;
  if (recoveryKey !== null)
    return (
      <RecoveryKeyStep
        recoveryKey={recoveryKey}
        onContinue={() => {
          setRecoveryKey(null);
          setOfferClear(true);
        }}
      />
    );
  if (offerClear) return <AfterSetupClearBackups onDone={afterClearOffer} />;
  if (!s.setUp) return <SetupAccountStep onCreated={setRecoveryKey} />;
  const loggedIn = () => {
    setLockedHere(false);
    reload();
  };
  if (s.session === null || lockedHere) {
    // A locked session names its user; with none open, a plain login.
    const lockedUser = s.session ?? s.lockedFor;
    return (
      <LoginScreen
        key={lockedUser?.username ?? ''}
        lockedUser={lockedUser}
        initialWait={s.loginWaitSeconds}
        busy={locking}
        onLoggedIn={loggedIn}
      />
    );
  }
  return <Workspace user={s.session} idleMinutes={s.idleLockMinutes} lock={lock} refresh={reload} />;
}

/** Tells the backend the person is active, so its own idle timer does not lock them out. */
const touch = () => void call('auth.touch', {}).catch(() => undefined);

function Workspace(props: { user: SessionUser; idleMinutes: number; lock: () => void; refresh: () => void }) {
  const { user, idleMinutes, lock, refresh } = props;
  useIdleLock(idleMinutes, lock, touch);
  const session = useMemo<Session>(
    () => ({ user, can: (m) => canRole(user.role, m), lock, refresh, idleMinutes }),
    [user, lock, refresh, idleMinutes],
  );
  const office = useQuery('office.get', {});
  const info = useQuery('app.info', {});

  if (office.error || info.error)
    return (
      <LoadError
        message={(office.error ?? info.error)?.message}
        onRetry={() => {
          office.reload();
          info.reload();
        }}
      />
    );
  if (office.data === undefined || info.data === undefined) return <Loading />;
  return (
    <SessionProvider value={session}>
      {office.data === null ? (
        <SetupWizard today={info.data.today} onDone={office.reload} />
      ) : (
        <Shell office={office.data} info={info.data} />
      )}
    </SessionProvider>
  );
}
