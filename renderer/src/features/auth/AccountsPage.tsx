/**
 * "Tài khoản" under Quản trị: every account with its role and state; add one (role, temporary
 * password), change its role, disable / enable it, reset its password; and the idle-lock minutes.
 * Shown only to Quản trị (the nav hides it from the others, and the backend refuses them).
 */
import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { errorText, useFormErrors, useSubmit } from '../../components/formErrors';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { format, parseISO } from 'date-fns';
import { IDLE_LOCK_MINUTES } from '../../../../shared/ipc/contracts/auth.contract';
import { AddAccountModal, ResetPasswordModal, RoleModal } from './AccountForms';
import { useSession } from './session';
import type { AccountRow } from './status';
import { AUTH } from './texts';

const A = AUTH.accounts;

type Dialog = { kind: 'add' } | { kind: 'role'; account: AccountRow } | { kind: 'reset'; account: AccountRow } | null;

const dateTime = (iso: string): string => format(parseISO(iso), 'dd/MM/yyyy HH:mm');

function RowMenu({
  account,
  self,
  onDialog,
  onToggled,
}: {
  account: AccountRow;
  self: boolean;
  onDialog: (d: Dialog) => void;
  onToggled: () => void;
}) {
  async function toggle() {
    try {
      await call('accounts.update', { id: account.id, displayName: account.displayName, role: account.role, disabled: !account.disabled });
      notifications.show({
        color: 'green',
        message: account.disabled ? A.enabledDone(account.displayName) : A.disabledDone(account.displayName),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
    onToggled();
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={A.rowActions(account.displayName)}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onDialog({ kind: 'role', account })}>{A.changeRole}</Menu.Item>
        <Menu.Item onClick={() => onDialog({ kind: 'reset', account })}>{A.resetPassword}</Menu.Item>
        {!self && (
          <Menu.Item color={account.disabled ? 'green' : 'red'} onClick={() => void toggle()}>
            {account.disabled ? A.enable : A.disable}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function IdleSetting() {
  const settings = useQuery('authSettings.get', {});
  const session = useSession();
  const [minutes, setMinutes] = useState<number | string | null>(null);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const shown = minutes ?? settings.data?.idleLockMinutes ?? '';
  async function save() {
    await run(async () => {
      const saved = await call('authSettings.set', { idleLockMinutes: Number(shown) });
      notifications.show({ color: 'green', message: A.idleSaved(saved.idleLockMinutes) });
      setMinutes(null);
      settings.reload();
      session?.refresh();
    });
  }
  return (
    <Paper withBorder p="md" maw={520}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <Title order={4}>{A.idleTitle}</Title>
          <Group align="flex-end">
            <NumberInput
              label={A.idleMinutes}
              description={A.idleHint}
              min={IDLE_LOCK_MINUTES.min}
              max={IDLE_LOCK_MINUTES.max}
              allowDecimal={false}
              value={shown}
              onChange={setMinutes}
              error={errors.fields['idleLockMinutes']}
              // Typed into only once the stored minutes are in: typed before, the stored value would land on top of it.
              disabled={settings.data === undefined}
              w={320}
            />
            <Button type="submit" loading={saving} disabled={settings.data === undefined}>
              {A.idleSave}
            </Button>
          </Group>
          <FormAlert message={errors.message} />
        </Stack>
      </form>
    </Paper>
  );
}

export function AccountsPage() {
  const list = useQuery('accounts.list', {});
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const done = () => {
    setDialog(null);
    list.reload();
  };
  const accounts = list.data?.accounts ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2}>{A.title}</Title>
          <Text size="sm" c="dimmed">
            {A.intro}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
          {A.add}
        </Button>
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Table aria-label={A.table} striped withTableBorder highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{AUTH.username}</Table.Th>
            <Table.Th>{AUTH.displayName}</Table.Th>
            <Table.Th>{AUTH.role}</Table.Th>
            <Table.Th>{A.status}</Table.Th>
            <Table.Th>{A.lastLogin}</Table.Th>
            <Table.Th w={60}>{A.actions}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => {
            const self = a.id === session?.user.accountId;
            return (
              <Table.Tr key={a.id} aria-label={a.username}>
                <Table.Td>{a.username}</Table.Td>
                <Table.Td>
                  {a.displayName}{' '}
                  {self && (
                    <Text span c="dimmed" size="sm">
                      {A.you}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{ROLE_LABELS[a.role]}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.disabled ? 'red' : 'green'}>
                    {a.disabled ? A.disabled : A.active}
                  </Badge>
                </Table.Td>
                <Table.Td>{a.lastLoginAt ? dateTime(a.lastLoginAt) : A.never}</Table.Td>
                <Table.Td>
                  <RowMenu account={a} self={self} onDialog={setDialog} onToggled={list.reload} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <IdleSetting />
      {dialog?.kind === 'add' && <AddAccountModal onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'role' && <RoleModal account={dialog.account} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal account={dialog.account} onClose={() => setDialog(null)} onDone={done} />}
    </Stack>
  );
}
