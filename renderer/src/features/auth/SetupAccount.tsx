/**
 * The first steps of the first run: create the Quản trị account (auth.setup, which also opens the
 * session), then show the recovery key once — to print or copy by hand — and go on only after the
 * person ticks that they have kept it. The key lives only in this component's state: leaving the
 * step drops it, and nothing can show it again.
 */
import { useState } from 'react';
import { Alert, Button, Center, Checkbox, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { EMPTY_PASSWORD, PasswordFields, passesPasswordForm } from './PasswordFields';
import { AUTH } from './texts';
import './auth-print.css';

/** Prints only the recovery key: the body class scopes auth-print.css to this one print. */
function printRecoveryKey(): void {
  document.body.classList.add('antq-printing-recovery');
  try {
    window.print();
  } finally {
    document.body.classList.remove('antq-printing-recovery');
  }
}

export function SetupAccountStep({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [pw, setPw] = useState(EMPTY_PASSWORD);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    if (!passesPasswordForm(errors, pw, { username, displayName })) return;
    await run(async () => {
      const result = await call('auth.setup', { username: username.trim(), displayName: displayName.trim(), password: pw.password });
      onCreated(result.recoveryKey);
    });
  }

  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="lg" w={560} maw="100%">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Title order={2}>{AUTH.setupStep.title}</Title>
            <Title order={4}>{AUTH.setupStep.heading}</Title>
            <Text size="sm" c="dimmed">
              {AUTH.setupStep.intro}
            </Text>
            <TextInput
              label={AUTH.username}
              description={AUTH.usernameHint}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.fields['username']}
              autoComplete="username"
              withAsterisk
            />
            <TextInput
              label={AUTH.displayName}
              description={AUTH.displayNameHint}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={errors.fields['displayName']}
              withAsterisk
            />
            <PasswordFields value={pw} onChange={setPw} errors={errors.fields} />
            <FormAlert message={errors.message} />
            <Button type="submit" loading={saving} size="md">
              {AUTH.setupStep.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

/** The key split in groups of four for reading aloud and copying by hand. */
export function groupKey(key: string): string {
  return (key.replace(/[\s-]/g, '').match(/.{1,4}/g) ?? []).join('-');
}

export function RecoveryKeyStep({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="lg" w={640} maw="100%">
        <Stack gap="md">
          <Title order={2}>{AUTH.recovery.title}</Title>
          <Alert color="orange">{AUTH.recovery.intro}</Alert>
          <div className="antq-recovery-print">
            <Text className="antq-recovery-print-title" fw={600} display="none">
              {AUTH.recovery.printTitle}
            </Text>
            <Text size="sm" fw={500}>
              {AUTH.recovery.keyLabel}
            </Text>
            <Code block data-testid="recovery-key" fz="xl" ta="center" style={{ letterSpacing: 1, wordBreak: 'break-all' }}>
              {groupKey(recoveryKey)}
            </Code>
          </div>
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={printRecoveryKey}>
              {AUTH.recovery.print}
            </Button>
            <Checkbox label={AUTH.recovery.confirm} checked={kept} onChange={(e) => setKept(e.currentTarget.checked)} />
          </Group>
          <Button size="md" disabled={!kept} onClick={onContinue}>
            {AUTH.recovery.continue}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
