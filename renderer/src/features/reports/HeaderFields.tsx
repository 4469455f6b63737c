/**
 * The Decree 30 header and closing fields (issuing body and parent, symbol, place, signer, "Kính
 * gửi", "Nơi nhận"): one form for the office's settings and for a draft report's own copy.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../api/client';
import { errorText } from '../../components/formErrors';
import type { ReportHeaderFields } from '../../../../shared/domain/report/report';
import { REPORTS } from './texts';
import { useCan } from '../auth/session';

const T = REPORTS.header;
const toLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function HeaderFieldsForm({
  value,
  onSave,
  readOnly,
  extra,
}: {
  value: ReportHeaderFields;
  onSave: (h: ReportHeaderFields) => Promise<void>;
  readOnly: boolean;
  /** Fields of the report itself (its number) shown first. */
  extra?: React.ReactNode;
}) {
  const [h, setH] = useState(value);
  const [addressees, setAddressees] = useState(value.addressees.join('\n'));
  const [recipients, setRecipients] = useState(value.recipients.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const text = (key: Exclude<keyof ReportHeaderFields, 'addressees' | 'recipients'>, label: string) => (
    <TextInput label={label} value={h[key]} readOnly={readOnly} onChange={(e) => setH({ ...h, [key]: e.currentTarget.value })} />
  );
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave({ ...h, addressees: toLines(addressees), recipients: toLines(recipients) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="sm" verticalSpacing={4}>
        {text('parentBody', T.parentBody)}
        {text('issuingBody', T.issuingBody)}
        {extra}
        {text('symbol', T.symbol)}
        {text('place', T.place)}
        {text('signerAuthority', T.signerAuthority)}
        {text('signerTitle', T.signerTitle)}
        {text('signerName', T.signerName)}
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label={T.addressees}
          autosize
          minRows={2}
          value={addressees}
          readOnly={readOnly}
          onChange={(e) => setAddressees(e.currentTarget.value)}
        />
        <Textarea
          label={T.recipients}
          autosize
          minRows={2}
          value={recipients}
          readOnly={readOnly}
          onChange={(e) => setRecipients(e.currentTarget.value)}
        />
      </SimpleGrid>
      {!readOnly && (
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={saving}>
            {T.save}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The office's header fields, copied into each new report. */
export function HeaderSettingsModal({ onClose }: { onClose: () => void }) {
  const settings = useQuery('reports.settings', {});
  // Read by everyone; changed by whoever may issue reports (the signer's header).
  const can = useCan();
  return (
    <Modal opened onClose={onClose} title={REPORTS.settings} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {T.settingsHint}
        </Text>
        {settings.data && (
          <HeaderFieldsForm
            value={settings.data.header}
            readOnly={!can('reports.saveSettings')}
            onSave={async (header) => {
              await call('reports.saveSettings', { header });
              notifications.show({ color: 'green', message: T.settingsSaved });
              onClose();
            }}
          />
        )}
        {settings.error && <Alert color="red">{settings.error.message}</Alert>}
      </Stack>
    </Modal>
  );
}
