/** The dialogs of the accounts screen: add an account, change its role, reset its password. */
import { useState } from 'react';
import { Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { FormActions, FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/domain/roles';
import { EMPTY_PASSWORD, PasswordFields, passesPasswordForm } from './PasswordFields';
import type { AccountRow } from './status';
import { AUTH } from './texts';

const A = AUTH.accounts;

function RolePicker({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  return (
    <Radio.Group label={AUTH.role} value={value} onChange={(v) => onChange(v)} withAsterisk>
      <Stack gap={6} mt={6}>
        {ROLES.map((r) => (
          <Radio key={r} value={r} label={ROLE_LABELS[r]} description={AUTH.roleHints[r]} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function submitting(fn: () => void) {
  return (e: React.FormEvent) => {
    e.preventDefault();
    fn();
  };
}

export function AddAccountModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('can_bo');
  const [pw, setPw] = useState(EMPTY_PASSWORD);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    if (!passesPasswordForm(errors, pw, { username, displayName })) return;
    await run(async () => {
      await call('accounts.create', { username: username.trim(), displayName: displayName.trim(), role, password: pw.password });
      notifications.show({ color: 'green', message: A.created(displayName.trim()) });
      onDone();
    });
  }

  return (
    <Modal opened onClose={onClose} title={A.add} size="lg">
      <form onSubmit={submitting(() => void submit())}>
        <Stack gap="sm">
          <TextInput
            label={AUTH.username}
            description={AUTH.usernameHint}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.fields['username']}
            withAsterisk
          />
          <TextInput
            label={AUTH.displayName}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.fields['displayName']}
            withAsterisk
          />
          <RolePicker value={role} onChange={setRole} />
          <Text size="sm" c="dimmed">
            {A.tempPasswordHint}
          </Text>
          <PasswordFields value={pw} onChange={setPw} errors={errors.fields} label={A.tempPassword} />
          <FormAlert message={errors.message} />
          <FormActions cancelLabel={A.cancel} submitLabel={A.save} onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}

export function RoleModal({ account, onClose, onDone }: { account: AccountRow; onClose: () => void; onDone: () => void }) {
  const [role, setRole] = useState<Role>(account.role);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  return (
    <Modal opened onClose={onClose} title={`${A.changeRole}: ${account.displayName}`}>
      <form
        onSubmit={submitting(
          () =>
            void run(async () => {
              await call('accounts.update', { id: account.id, displayName: account.displayName, role, disabled: account.disabled });
              notifications.show({ color: 'green', message: A.roleChanged(account.displayName) });
              onDone();
            }),
        )}
      >
        <Stack gap="sm">
          <RolePicker value={role} onChange={setRole} />
          <FormAlert message={errors.message} />
          <FormActions cancelLabel={A.cancel} submitLabel={A.save} onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ResetPasswordModal({ account, onClose, onDone }: { account: AccountRow; onClose: () => void; onDone: () => void }) {
  const [pw, setPw] = useState(EMPTY_PASSWORD);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  async function submit() {
    if (!passesPasswordForm(errors, pw)) return;
    await run(async () => {
      await call('accounts.resetPassword', { id: account.id, newPassword: pw.password });
      notifications.show({ color: 'green', message: A.resetDone(account.displayName) });
      onDone();
    });
  }
  return (
    <Modal opened onClose={onClose} title={`${A.resetPassword}: ${account.displayName}`}>
      <form onSubmit={submitting(() => void submit())}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {A.tempPasswordHint}
          </Text>
          <PasswordFields value={pw} onChange={setPw} errors={errors.fields} label={A.tempPassword} />
          <FormAlert message={errors.message} />
          <FormActions cancelLabel={A.cancel} submitLabel={A.resetPassword} onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
