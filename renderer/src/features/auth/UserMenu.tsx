/**
 * The header's user menu: the current user's name and role, "Đổi mật khẩu", "Khóa màn hình" and
 * "Đăng xuất".
 */
import { useState } from 'react';
import { Badge, Button, Menu, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconKey, IconLock, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { call } from '../../api/client';
import { FormActions, FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { EMPTY_PASSWORD, PasswordFields, passesPasswordForm } from './PasswordFields';
import { useSession } from './session';
import { AUTH } from './texts';

export function UserMenu() {
  const session = useSession();
  const [changing, setChanging] = useState(false);
  if (!session) return null;
  const { user } = session;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="dark"
            size="compact-sm"
            leftSection={<IconUserCircle size={18} />}
            rightSection={<IconChevronDown size={14} />}
            aria-label={AUTH.user.menu(user.displayName)}
            data-testid="user-menu"
          >
            <Text span size="sm" fw={600} data-testid="user-name">
              {user.displayName}
            </Text>
            <Badge ml={6} variant="light" size="sm" data-testid="user-role">
              {ROLE_LABELS[user.role]}
            </Badge>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)}>
            {AUTH.user.changePassword}
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={session.lock}>
            {AUTH.user.lockNow}
            <Text size="xs" c="dimmed" data-testid="idle-after">
              {AUTH.user.idleAfter(session.idleMinutes)}
            </Text>
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} />}
            onClick={() => {
              void call('auth.logout', {}).finally(() => window.location.reload());
            }}
          >
            {AUTH.user.logout}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {changing && <ChangePasswordModal onClose={() => setChanging(false)} />}
    </>
  );
}

function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState(EMPTY_PASSWORD);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    if (!passesPasswordForm(errors, pw, { currentPassword: current })) return;
    await run(async () => {
      await call('auth.changePassword', { currentPassword: current, newPassword: pw.password });
      notifications.show({ color: 'green', message: AUTH.change.done });
      onClose();
    });
  }

  return (
    <Modal opened onClose={onClose} title={AUTH.change.title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={AUTH.change.current}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.fields['currentPassword']}
            autoComplete="current-password"
            withAsterisk
          />
          <PasswordFields value={pw} onChange={setPw} errors={errors.fields} label={AUTH.change.next} againLabel={AUTH.change.nextAgain} />
          <FormAlert message={errors.message} />
          <FormActions cancelLabel={AUTH.change.cancel} submitLabel={AUTH.change.submit} onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
