/**
 * The detail view of one tip: its fields, the legal time limit, and a separate closed section for
 * the informant's identity. The identity is asked for (tips.informant) only when the person clicks
 * "Hiện thông tin người cung cấp tin", and is dropped from memory when the section is hidden or
 * the view closes; it is never part of a list, a form of the tip, or an export.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff, IconLock } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { call } from '../../api/client';
import { ACTIVITY_FIELDS, TIP_TIMING_LABELS } from '../../../../shared/domain/activities';
import type { InformantInput, TipRow } from '../../../../shared/ipc/contracts/activities.contract';
import { formatDateVi } from '../../../../shared/lib/dates';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormActions';
import { errorText, useFormErrors, useSubmit } from '../../components/formErrors';
import { displayValue, isFieldShown, valueOf, type Values } from './fields';
import { OwnedNotice, useOwnerOfActivity } from '../consolidation/Owned';
import { CONSOL } from '../consolidation/texts';
import { ACT } from './texts';
import { Allowed, rolesText } from '../auth/session';
import { AUTH } from '../auth/texts';

const T = ACT.tip;

interface Props {
  row: TipRow;
  onClose: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

export function TipDetail({ row, onClose, onEdit, onDuplicate, onDelete }: Props) {
  // Results that are zero say nothing about this tip; the edit form shows them all.
  const shown = ACTIVITY_FIELDS.tips.filter(
    (f) =>
      isFieldShown('tips', f.key, row as unknown as Values) &&
      !((f.type === 'int' || f.type === 'money') && f.key !== 'extensions' && valueOf(row, f.key) === 0),
  );
  // At the province, a tip an office sent is read-only (the backend refuses changes too).
  const owner = useOwnerOfActivity('tips', row);
  const lockedBy = owner ? CONSOL.ownedMessage(owner.officeName) : undefined;
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={T.title(formatDateVi(row.receivedOn))}>
      <Stack gap="md">
        {owner && <OwnedNotice owner={owner} />}
        <Allowed method="activities.save">
          <Group gap="xs" title={lockedBy}>
            <Button size="xs" onClick={onEdit} disabled={owner !== null}>
              {T.edit}
            </Button>
            <Button size="xs" variant="default" onClick={onDuplicate}>
              {ACT.form.duplicate}
            </Button>
            <Allowed method="activities.delete">
              <Button size="xs" variant="light" color="red" onClick={onDelete} disabled={owner !== null}>
                {ACT.form.delete}
              </Button>
            </Allowed>
          </Group>
        </Allowed>
        <Table aria-label={T.infoLabel} withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {shown.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Th w={200} fw={400} c="dimmed">
                  {f.label}
                </Table.Th>
                <Table.Td>
                  {f.type === 'bool' ? (valueOf(row, f.key) === true ? ACT.yes : ACT.no) : displayValue('tips', f, row) || ACT.none}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th w={200} fw={400} c="dimmed">
                {ACT.tipDeadline}
              </Table.Th>
              <Table.Td>
                <Group gap="xs">
                  {row.deadline ? formatDateVi(row.deadline) : TIP_TIMING_LABELS.khong_thoi_han}
                  {row.timing !== 'khong_thoi_han' && (
                    <Badge
                      variant="light"
                      color={
                        row.timing === 'qua_han'
                          ? 'red'
                          : row.timing === 'tre_han'
                            ? 'orange'
                            : row.timing === 'dung_han'
                              ? 'green'
                              : 'blue'
                      }
                    >
                      {TIP_TIMING_LABELS[row.timing]}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {/* Who gave the information is for the roles the access map names (not Cán bộ, not Chỉ xem). */}
        <Allowed method="tips.informant" fallback={<InformantHidden />}>
          <InformantSection tipId={row.id} locked={owner !== null} />
        </Allowed>
      </Stack>
    </Drawer>
  );
}

function InformantHidden() {
  return (
    <Paper withBorder p="sm" role="region" aria-label={T.informantSection}>
      <Group gap="xs" wrap="nowrap">
        <IconLock size={16} />
        <Text size="sm" c="dimmed" data-testid="informant-hidden">
          {AUTH.informantHidden(rolesText('tips.informant'))}
        </Text>
      </Group>
    </Paper>
  );
}

type Loaded = { informant: (InformantInput & { updatedAt: string }) | null };

const INFORMANT_KEYS = ['name', 'phone', 'address', 'idNumber', 'note'] as const;
type InformantKey = (typeof INFORMANT_KEYS)[number];

function InformantSection({ tipId, locked }: { tipId: string; locked: boolean }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);

  async function reveal() {
    setLoading(true);
    setError(null);
    try {
      setLoaded(await call('tips.informant', { tipId }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }

  function hide() {
    setLoaded(null);
    setEditing(false);
  }

  const informant = loaded?.informant ?? null;
  return (
    <Paper withBorder p="sm" role="region" aria-label={T.informantSection}>
      <Stack gap="xs">
        <Group gap="xs">
          <IconLock size={16} />
          <Title order={5}>{T.informantSection}</Title>
        </Group>
        <Text size="xs" c="dimmed">
          {T.informantNote}
        </Text>
        <FormAlert message={error} />
        {loaded === null ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconEye size={16} />}
            loading={loading}
            onClick={() => void reveal()}
            style={{ alignSelf: 'flex-start' }}
          >
            {T.show}
          </Button>
        ) : editing ? (
          <InformantForm
            tipId={tipId}
            initial={informant}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              void reveal();
            }}
          />
        ) : (
          <>
            {informant ? (
              <Table aria-label={T.informantTable} withRowBorders={false} verticalSpacing={4}>
                <Table.Tbody>
                  {INFORMANT_KEYS.map((k) => (
                    <Table.Tr key={k}>
                      <Table.Th w={180} fw={400} c="dimmed">
                        {T.fields[k]}
                      </Table.Th>
                      <Table.Td>{informant[k] ?? ACT.none}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm">{T.none}</Text>
            )}
            {informant && (
              <Text size="xs" c="dimmed">
                {T.updatedAt(format(parseISO(informant.updatedAt), 'dd/MM/yyyy HH:mm'))}
              </Text>
            )}
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => setEditing(true)} disabled={locked}>
                {informant ? T.editInformant : T.add}
              </Button>
              {informant && (
                <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(true)} disabled={locked}>
                  {T.removeInformant}
                </Button>
              )}
              <Button size="xs" variant="subtle" color="gray" leftSection={<IconEyeOff size={16} />} onClick={hide}>
                {T.hide}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      {removing && (
        <ConfirmModal
          title={T.removeTitle}
          body={T.removeBody}
          cancelLabel={ACT.form.cancel}
          confirmLabel={T.removeInformant}
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await call('tips.setInformant', { tipId, informant: null });
            notifications.show({ color: 'green', message: T.removed });
            setRemoving(false);
            await reveal();
          }}
        />
      )}
    </Paper>
  );
}

function InformantForm({
  tipId,
  initial,
  onCancel,
  onSaved,
}: {
  tipId: string;
  initial: InformantInput | null;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<InformantKey, string>>(() => ({
    name: initial?.name ?? '',
    phone: initial?.phone ?? '',
    address: initial?.address ?? '',
    idNumber: initial?.idNumber ?? '',
    note: initial?.note ?? '',
  }));
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    errors.clear();
    if (INFORMANT_KEYS.every((k) => values[k].trim() === '')) {
      errors.setLocal({ name: T.emptyInformant });
      return;
    }
    await run(async () => {
      await call('tips.setInformant', { tipId, informant: values });
      notifications.show({ color: 'green', message: T.informantSaved });
      onSaved();
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        void save();
      }}
    >
      <Stack gap="xs">
        {errors.message && <Alert color="red">{errors.message}</Alert>}
        {INFORMANT_KEYS.map((k, i) => (
          <TextInput
            key={k}
            label={T.fields[k]}
            value={values[k]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((prev) => ({ ...prev, [k]: v }));
            }}
            error={errors.fields[k] ?? errors.fields[`informant.${k}`]}
            autoComplete="off"
            {...(i === 0 ? { 'data-autofocus': true, autoFocus: true } : {})}
          />
        ))}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {ACT.form.cancel}
          </Button>
          <Button size="xs" type="submit" loading={saving}>
            {T.saveInformant}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
