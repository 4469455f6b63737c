/**
 * Reading a key file and trusting it: the path is read and checked by the backend (nothing is
 * stored), the preview names who the key belongs to, and the officer types the fingerprint the other
 * side printed or read on the phone; the backend trusts the key only when both match.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { KeyFilePreviewDto } from '../../../../../shared/ipc/contracts/handoff-keys.contract';
import { call } from '../../../api/client';
import { errorText } from '../../../components/formErrors';
import { FormActions, FormAlert } from '../../../components/FormActions';
import { FingerprintText } from './FingerprintText';
import { KEYS } from './texts';
import { PathField } from '../PathField';

const T = KEYS.import;

function ConfirmKey({
  path,
  preview,
  onClose,
  onTrusted,
}: {
  path: string;
  preview: KeyFilePreviewDto;
  onClose: () => void;
  onTrusted: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [replace, setReplace] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const already = preview.existing?.status === 'trusted';
  async function trust() {
    setSaving(true);
    setError(null);
    try {
      const peer = await call('handoffKeys.trustKeyFile', { path, fingerprint: typed, replaceExisting: replace });
      notifications.show({ color: 'green', message: T.trusted(peer.name) });
      onTrusted();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={T.previewTitle} size="xl">
      <Stack>
        <Table aria-label={T.previewTitle} withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{T.from}</Table.Th>
              <Table.Td data-testid="preview-name">{`${preview.name} (mã ${preview.officeCode})`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{T.role}</Table.Th>
              <Table.Td>{T.roles[preview.role]}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{T.fingerprintInFile}</Table.Th>
              <Table.Td>
                <FingerprintText value={preview.fingerprint} size="md" testId="preview-fingerprint" />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{T.sha256}</Table.Th>
              <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                {preview.sha256}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {already && <Alert color="blue">{T.alreadyTrusted}</Alert>}
        {preview.replaces && (
          <Stack gap="xs">
            <Alert color="orange">{T.replaces(preview.replaces.fingerprint)}</Alert>
            <Checkbox label={T.replaceLabel} checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
          </Stack>
        )}
        <Text size="sm">{T.confirmStep}</Text>
        <TextInput
          label={T.typed}
          placeholder={T.typedPlaceholder}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
          autoComplete="off"
        />
        <FormAlert message={error} />
        <FormActions
          cancelLabel={T.cancel}
          submitLabel={T.trust}
          onCancel={onClose}
          saving={saving}
          disabled={typed.replace(/\D/g, '').length !== 24}
          onConfirm={() => void trust()}
        />
      </Stack>
    </Modal>
  );
}

export function ImportKeyFile({ isProvince, onTrusted }: { isProvince: boolean; onTrusted: () => void }) {
  const [path, setPath] = useState('');
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ path: string; value: KeyFilePreviewDto } | null>(null);
  async function read() {
    setReading(true);
    setError(null);
    try {
      setPreview({ path, value: await call('handoffKeys.previewKeyFile', { path }) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setReading(false);
    }
  }
  const title = isProvince ? T.titleProvince : T.titleOffice;
  return (
    <Card withBorder padding="lg" aria-label={title} component="section">
      <Stack gap="xs">
        <Title order={3}>{title}</Title>
        <Group align="flex-end">
          <PathField label={T.path} placeholder={T.pathPlaceholder} value={path} onChange={setPath} fill />
          <Button onClick={() => void read()} loading={reading} disabled={path.trim() === ''}>
            {T.read}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
      {preview && (
        <ConfirmKey
          path={preview.path}
          preview={preview.value}
          onClose={() => setPreview(null)}
          onTrusted={() => {
            setPreview(null);
            setPath('');
            onTrusted();
          }}
        />
      )}
    </Card>
  );
}
