/**
 * Leadership documents (issue 9 item 12): the list of the period's documents under the leadership
 * section of "Số liệu theo kỳ", with a small form to add, correct or delete one. Saving reloads the
 * figures so the count and the sentence follow at once.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call, useQuery } from '../../api/client';
import type { LeadershipDocDto } from '../../../../shared/ipc/contracts/period.contract';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { LEADERSHIP_DOC_TYPES, LEADERSHIP_DOC_TYPE_LABELS, type LeadershipDocType } from '../../../../shared/domain/leadership';
import { formatDateVi } from '../../../../shared/lib/dates';
import { ConfirmModal } from '../../components/ConfirmModal';
import { SearchSelect } from '../../components/SearchSelect';
import { VnDateInput } from '../../components/VnDateInput';
import { unitOptions } from '../../components/ListFilters';
import { PERIOD } from './texts';
import { Allowed } from '../auth/session';

const D = PERIOD.docs;

interface Draft {
  id: string | null;
  unitId: string | null;
  issuedOn: string | null;
  docType: LeadershipDocType;
  number: string;
  title: string;
  note: string;
}

function DocForm({
  draft,
  units,
  onClose,
  onSaved,
}: {
  draft: Draft;
  units: readonly UnitDto[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [d, setD] = useState(draft);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const options = useMemo(() => unitOptions(units), [units]);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));

  const save = async () => {
    if (d.unitId === null || d.issuedOn === null) {
      setError(d.unitId === null ? `${D.unit} là bắt buộc.` : `${D.issuedOn} là bắt buộc.`);
      return;
    }
    setSaving(true);
    try {
      await call('leadershipDocs.save', {
        id: d.id,
        unitId: d.unitId,
        issuedOn: d.issuedOn,
        docType: d.docType,
        number: d.number,
        title: d.title,
        note: d.note,
      });
      notifications.show({ color: 'green', message: D.saved });
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={d.id ? D.edit : D.add} size="lg">
      <Stack gap="sm">
        <SearchSelect label={D.unit} data={options} value={d.unitId} onChange={(v) => set({ unitId: v })} required />
        <Group grow align="flex-start">
          <VnDateInput label={D.issuedOn} value={d.issuedOn} onChange={(v) => set({ issuedOn: v })} required />
          <NativeSelect
            label={D.docType}
            value={d.docType}
            onChange={(e) => set({ docType: e.currentTarget.value as LeadershipDocType })}
            data={LEADERSHIP_DOC_TYPES.map((t) => ({ value: t, label: LEADERSHIP_DOC_TYPE_LABELS[t] }))}
          />
          <TextInput label={D.number} value={d.number} onChange={(e) => set({ number: e.currentTarget.value })} required />
        </Group>
        <TextInput label={D.title2} value={d.title} onChange={(e) => set({ title: e.currentTarget.value })} required />
        <TextInput label={D.note} value={d.note} onChange={(e) => set({ note: e.currentTarget.value })} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {D.cancel}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {D.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function LeadershipDocs({
  from,
  to,
  defaultUnitId,
  onChanged,
}: {
  from: string;
  to: string;
  defaultUnitId: string | null;
  onChanged: () => void;
}) {
  const docs = useQuery('leadershipDocs.list', { from, to });
  const units = useQuery('units.list', { includeEnded: true });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<LeadershipDocDto | null>(null);
  const changed = () => {
    docs.reload();
    onChanged();
  };
  const blank: Draft = { id: null, unitId: defaultUnitId, issuedOn: null, docType: 'nghi_quyet', number: '', title: '', note: '' };
  const rows = docs.data ?? [];

  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {D.title}
        </Text>
        <Allowed method="leadershipDocs.save">
          <Button size="xs" variant="light" onClick={() => setDraft(blank)}>
            {D.add}
          </Button>
        </Allowed>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {D.empty}
        </Text>
      ) : (
        <Table aria-label={D.title} striped withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{D.issuedOn}</Table.Th>
              <Table.Th w={130}>{D.number}</Table.Th>
              <Table.Th w={120}>{D.docType}</Table.Th>
              <Table.Th>{D.title2}</Table.Th>
              <Table.Th>{D.unit}</Table.Th>
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateVi(r.issuedOn)}</Table.Td>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>{LEADERSHIP_DOC_TYPE_LABELS[r.docType]}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.unitName}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Allowed method="leadershipDocs.save">
                      <Button size="compact-xs" variant="subtle" onClick={() => setDraft({ ...r, note: r.note ?? '' })}>
                        {D.editShort}
                      </Button>
                    </Allowed>
                    <Allowed method="leadershipDocs.delete">
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(r)}>
                        {D.delete}
                      </Button>
                    </Allowed>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {draft && <DocForm draft={draft} units={units.data ?? []} onClose={() => setDraft(null)} onSaved={changed} />}
      {deleting && (
        <ConfirmModal
          title={D.deleteTitle}
          body={D.deleteBody(deleting.number)}
          cancelLabel={D.cancel}
          confirmLabel={D.delete}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await call('leadershipDocs.delete', { id: deleting.id });
            notifications.show({ color: 'green', message: D.deleted });
            setDeleting(null);
            changed();
          }}
        />
      )}
    </Stack>
  );
}
