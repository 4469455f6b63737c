/**
 * "Quên mật khẩu": the recovery key printed at set-up and a new password for the Quản trị account.
 * Reached from the login screen only; the backend checks the key.
 */
import { useState } from 'react';
import { Anchor, Button, Center, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { EMPTY_PASSWORD, PasswordFields, passesPasswordForm } from './PasswordFields';
import { AUTH } from './texts';

/** On success the backend opens the Quản trị session: `onRecovered` goes on into the app. */
export function RecoveryForm({ onBack, onRecovered }: { onBack: () => void; onRecovered: () => void }) {
  const [username, setUsername] = useState('');
  const [key, setKey] = useState('');
  const [pw, setPw] = useState(EMPTY_PASSWORD);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    if (!passesPasswordForm(errors, pw, { username, recoveryKey: key })) return;
    await run(async () => {
      await call('auth.recover', { username: username.trim(), recoveryKey: key.trim(), newPassword: pw.password });
      notifications.show({ color: 'green', message: AUTH.recover.done });
      onRecovered();
    });
  }

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" w={520} maw="100%">
        <Stack gap="sm">
          <Title order={2}>{AUTH.recover.title}</Title>
          {
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {AUTH.recover.intro}
                </Text>
                <TextInput
                  label={AUTH.username}
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  error={errors.fields['username']}
                  withAsterisk
                />
                <Textarea
                  label={AUTH.recover.key}
                  value={key}
                  onChange={(e) => setKey(e.currentTarget.value)}
                  error={errors.fields['recoveryKey']}
                  autosize
                  minRows={2}
                  styles={{ input: { fontFamily: 'monospace' } }}
                  withAsterisk
                />
                <PasswordFields value={pw} onChange={setPw} errors={errors.fields} label={AUTH.recover.newPassword} />
                <FormAlert message={errors.message} />
                <Button type="submit" loading={saving}>
                  {AUTH.recover.submit}
                </Button>
              </Stack>
            </form>
          }
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {AUTH.recover.back}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
