/** The catalogue of kinds: the shipped ones and the office's own; rename, add, stop using. */
import { useState } from 'react';
import { Badge, Button, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { call } from '../../api/client';
import type { MassOrgKindDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { SCHEME_LABELS, TO_BAO_VE_ANTT_KIND_ID } from '../../../../shared/domain/mass-orgs';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { MASS } from './texts';
import { Allowed } from '../auth/session';

export function KindsPanel({ kinds, onChanged }: { kinds: readonly MassOrgKindDto[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<MassOrgKindDto | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {MASS.kinds.officeKindNote}
        </Text>
        <Allowed method="massOrgKinds.create">
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {MASS.actions.addKind}
          </Button>
        </Allowed>
      </Group>
      <Table aria-label={MASS.kindsTable} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{MASS.kinds.name}</Table.Th>
            <Table.Th w={280}>{MASS.columns.scheme}</Table.Th>
            <Table.Th w={110} ta="right">
              {MASS.columns.organizations}
            </Table.Th>
            <Table.Th w={150}>{MASS.columns.status}</Table.Th>
            <Table.Th w={80} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kinds.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>
                {k.name}{' '}
                {k.builtIn && (
                  <Badge size="xs" variant="light" color="gray">
                    {MASS.kinds.builtIn}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{SCHEME_LABELS[k.scheme]}</Table.Td>
              <Table.Td ta="right">{k.organizations.toLocaleString('vi-VN')}</Table.Td>
              <Table.Td>{k.active ? MASS.kinds.active : MASS.kinds.inactive}</Table.Td>
              <Table.Td>
                <Allowed method="massOrgKinds.update">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`${MASS.actions.editKind} ${k.name}`}
                    onClick={() => setEditing(k)}
                  >
                    {MASS.actions.editKind}
                  </Button>
                </Allowed>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <KindModal
          kind={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}

function KindModal({ kind, onClose, onSaved }: { kind: MassOrgKindDto | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(kind?.name ?? '');
  const [active, setActive] = useState(kind?.active ?? true);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const statutory = kind?.id === TO_BAO_VE_ANTT_KIND_ID;

  async function save() {
    errors.clear();
    if (name.trim() === '') return errors.setLocal({ name: MASS.form.required(MASS.kinds.name) });
    await run(async () => {
      if (kind) await call('massOrgKinds.update', { id: kind.id, name, active });
      else await call('massOrgKinds.create', { name });
      notifications.show({ color: 'green', message: MASS.kinds.saved });
      onSaved();
    });
  }

  return (
    <FormModal
      title={kind ? MASS.kinds.editTitle(kind.name) : MASS.kinds.addTitle}
      gap="sm"
      onClose={onClose}
      onSubmit={() => void save()}
      message={errors.message}
    >
      <TextInput
        label={MASS.kinds.name}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.fields['name']}
        withAsterisk
        data-autofocus
      />
      {kind && (
        <Switch
          label={MASS.kinds.active}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          disabled={statutory}
          description={statutory ? MASS.kinds.statutory : undefined}
        />
      )}
      {!kind && (
        <Text size="xs" c="dimmed">
          {MASS.kinds.officeKindNote}
        </Text>
      )}
      <FormActions cancelLabel={MASS.form.cancel} submitLabel={MASS.form.save} onCancel={onClose} saving={saving} />
    </FormModal>
  );
}
