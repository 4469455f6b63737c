/**
 * The "Loại mô hình" dialog: the catalogue of model types with a form to add one or edit the one
 * picked (rename, change group, stop using); a type without models can be deleted.
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, ScrollArea, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../api/client';
import type { ModelTypeDto } from '../../../../shared/ipc/contracts/models.contract';
import { MODEL_GROUPS, MODEL_GROUP_LABELS, type ModelGroup } from '../../../../shared/domain/models';
import { FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { MODELS } from './texts';
import { useCan } from '../auth/session';

const T = MODELS.types;
const GROUP_OPTIONS = MODEL_GROUPS.map((g) => ({ value: g, label: MODEL_GROUP_LABELS[g] }));

export function ModelTypesModal({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const types = useQuery('modelTypes.list', { includeInactive: true });
  const [editing, setEditing] = useState<ModelTypeDto | null>(null);
  const [name, setName] = useState('');
  const [group, setGroup] = useState<string | null>('tu_quan');
  const [active, setActive] = useState(true);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const can = useCan();

  function edit(t: ModelTypeDto | null) {
    errors.clear();
    setEditing(t);
    setName(t?.name ?? '');
    setGroup(t?.group ?? 'tu_quan');
    setActive(t?.active ?? true);
  }

  const changed = () => {
    types.reload();
    onChanged();
  };

  async function save() {
    errors.clear();
    if (name.trim() === '') {
      errors.setLocal({ name: T.nameRequired });
      return;
    }
    await run(async () => {
      const g = (group ?? 'khac') as ModelGroup;
      const saved = editing
        ? await call('modelTypes.update', { id: editing.id, name, group: g, active })
        : await call('modelTypes.create', { name, group: g });
      notifications.show({ color: 'green', message: editing ? T.saved(saved.name) : T.created(saved.name) });
      edit(null);
      changed();
    });
  }

  async function remove(t: ModelTypeDto) {
    errors.clear();
    try {
      await call('modelTypes.delete', { id: t.id });
      notifications.show({ color: 'green', message: T.deleted(t.name) });
      if (editing?.id === t.id) edit(null);
      changed();
    } catch (err) {
      errors.fromError(err);
    }
  }

  return (
    <Modal opened onClose={onClose} title={T.title} size="80rem">
      <Stack>
        <Text size="sm" c="dimmed">
          {T.intro}
        </Text>
        {/* Adding or renaming a type is data entry: not for a role that may not. */}
        {(editing ? can('modelTypes.update') : can('modelTypes.create')) && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            aria-label={editing ? T.editTitle(editing.name) : T.addTitle}
          >
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {editing ? T.editTitle(editing.name) : T.addTitle}
              </Text>
              <FormAlert message={errors.message} />
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  label={T.name}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={errors.fields['name']}
                  withAsterisk
                  style={{ flex: 1 }}
                />
                <Select
                  label={T.group}
                  data={GROUP_OPTIONS}
                  value={group}
                  onChange={setGroup}
                  allowDeselect={false}
                  error={errors.fields['group']}
                  w={260}
                  comboboxProps={{ withinPortal: true }}
                />
                {editing && <Switch label={T.active} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mb={8} />}
                <Button type="submit" loading={saving}>
                  {editing ? T.save : T.add}
                </Button>
                {editing && (
                  <Button variant="default" onClick={() => edit(null)}>
                    {T.cancelEdit}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
        <ScrollArea.Autosize mah={420}>
          <ModelTypesTable
            types={types.data ?? []}
            onEdit={can('modelTypes.update') ? edit : null}
            onRemove={can('modelTypes.delete') ? (t) => void remove(t) : null}
          />
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {T.close}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The catalogue: each type with its group, whether it is in use, its models and its buttons. */
function ModelTypesTable({
  types,
  onEdit,
  onRemove,
}: {
  types: readonly ModelTypeDto[];
  /** Null: the role may not (no button). */
  onEdit: ((t: ModelTypeDto) => void) | null;
  onRemove: ((t: ModelTypeDto) => void) | null;
}) {
  return (
    <Table striped aria-label={T.tableLabel} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{T.name}</Table.Th>
          <Table.Th w={220}>{T.group}</Table.Th>
          <Table.Th w={150}>{MODELS.columns.status}</Table.Th>
          <Table.Th w={100} ta="right">
            {T.models}
          </Table.Th>
          <Table.Th w={130} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {types.map((t) => (
          <Table.Tr key={t.id}>
            <Table.Td>
              {t.name}
              {t.builtin && (
                <Badge ml={6} size="xs" variant="light" color="gray">
                  {T.builtin}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{MODEL_GROUP_LABELS[t.group]}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={t.active ? 'green' : 'gray'}>
                {t.active ? T.active : T.inactive}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{t.models.toLocaleString('vi-VN')}</Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {onEdit && (
                  <Button size="compact-xs" variant="default" onClick={() => onEdit(t)} aria-label={`${T.edit} ${t.name}`}>
                    {T.edit}
                  </Button>
                )}
                {onRemove && t.models === 0 && !t.builtin && (
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(t)} aria-label={`${T.delete} ${t.name}`}>
                    {T.delete}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
