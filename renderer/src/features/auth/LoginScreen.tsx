/**
 * The login screen, and the lock screen (the same form with the user fixed). A failure says only
 * what the backend says (never whether the username exists); after repeated failures the backend
 * asks to wait, and the wait is shown as a countdown with the button disabled until it ends.
 */
import { useState } from 'react';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { ApiError, call } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { useCountdown } from './useCountdown';
import { RecoveryForm } from './RecoveryForm';
import type { StatusUser } from './status';
import { AUTH } from './texts';

interface Props {
  /** The lock screen: unlock as this user (or switch to another account). */
  lockedUser?: StatusUser | null;
  /** Seconds to wait before the backend accepts another attempt (auth.status), counted down. */
  initialWait: number;
  /** The app has just locked and the backend has not yet said so: the button waits. */
  busy?: boolean;
  onLoggedIn: () => void;
}

export function LoginScreen({ lockedUser = null, initialWait, busy = false, onLoggedIn }: Props) {
  const [other, setOther] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const fixed = other ? null : lockedUser;
  if (recovering) return <RecoveryForm onBack={() => setRecovering(false)} onRecovered={onLoggedIn} />;
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" w={420} maw="100%">
        {fixed ? (
          <Stack gap={4} mb="md">
            <Title order={2}>
              <IconLock size={22} style={{ verticalAlign: 'text-bottom' }} /> {AUTH.lock.title}
            </Title>
            <Text size="sm" c="dimmed">
              {AUTH.lock.intro(fixed.role ? `${fixed.displayName} (${ROLE_LABELS[fixed.role]})` : fixed.displayName)}
            </Text>
          </Stack>
        ) : (
          <Stack gap={4} mb="md">
            <Title order={2}>{AUTH.login.title}</Title>
            <Text size="sm" c="dimmed">
              {AUTH.login.intro}
            </Text>
          </Stack>
        )}
        <LoginForm
          key={fixed?.username ?? ''}
          fixedUsername={fixed?.username ?? null}
          initialWait={initialWait}
          busy={busy}
          onLoggedIn={onLoggedIn}
        />
        <Stack gap={4} mt="md" align="center">
          {fixed ? (
            <Anchor component="button" type="button" size="sm" onClick={() => setOther(true)}>
              {AUTH.lock.other}
            </Anchor>
          ) : (
            <Anchor component="button" type="button" size="sm" onClick={() => setRecovering(true)}>
              {AUTH.login.forgot}
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

const untilOf = (seconds: number): number | null => (seconds > 0 ? Date.now() + seconds * 1000 : null);

/** The wait the backend now asks for after wrong passwords (0 when it cannot say). */
async function currentWait(): Promise<number> {
  try {
    return (await call('auth.status', {})).loginWaitSeconds;
  } catch {
    return 0;
  }
}

interface FormProps {
  fixedUsername: string | null;
  initialWait: number;
  busy: boolean;
  onLoggedIn: () => void;
}

function LoginForm({ fixedUsername, initialWait, busy, onLoggedIn }: FormProps) {
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(() => untilOf(initialWait));
  const wait = useCountdown(waitUntil);

  async function submit() {
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(AUTH.required);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await call('auth.login', { username: username.trim(), password });
      onLoggedIn();
    } catch (err) {
      setWaitUntil(untilOf(await currentWait()));
      setError(err instanceof ApiError ? err.message : String(err));
      setPassword('');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={AUTH.username}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          readOnly={fixedUsername !== null}
          autoComplete="username"
          autoFocus={fixedUsername === null}
        />
        <PasswordInput
          label={AUTH.password}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          autoFocus={fixedUsername !== null}
        />
        <FormAlert message={error} />
        {wait > 0 && (
          <Text role="status" c="orange.8" fw={600} size="sm">
            {AUTH.login.wait(wait)}
          </Text>
        )}
        <Button type="submit" loading={saving || busy} disabled={wait > 0}>
          {fixedUsername !== null ? AUTH.lock.unlock : AUTH.login.submit}
        </Button>
      </Stack>
    </form>
  );
}
