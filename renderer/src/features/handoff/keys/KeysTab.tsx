/**
 * "Mã nhận diện và khóa" (issue 12 item 1): this office's fingerprint, big enough to read aloud;
 * the province key it trusts (at an office); its key file written to a folder; a key file read,
 * checked and trusted only after the officer typed the fingerprint the other side gave; the keys
 * known here.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { OfficeDto } from '../../../../../shared/ipc/contract';
import { call, useQuery } from '../../../api/client';
import { errorText } from '../../../components/formErrors';
import { ImportKeyFile } from './ImportKeyFile';
import { PeersTable } from './PeersTable';
import { FingerprintText } from './FingerprintText';
import { KEYS, dayOf } from './texts';
import { PathField } from '../PathField';
import { Allowed } from '../../auth/session';

function OwnIdentity({ isProvince }: { isProvince: boolean }) {
  const own = useQuery('handoffKeys.own', {});
  if (own.error) return <Alert color="red">{own.error.message}</Alert>;
  if (!own.data) return null;
  const d = own.data;
  return (
    <Card withBorder padding="lg" aria-label={KEYS.own.title} component="section">
      <Stack gap="xs">
        <Title order={3}>{KEYS.own.title}</Title>
        <Text size="sm">{KEYS.own.office(d.office.name, d.office.code)}</Text>
        <FingerprintText value={d.fingerprint} size="xl" testId="own-fingerprint" />
        <Text size="sm" c="dimmed">
          {isProvince ? KEYS.own.hintProvince : KEYS.own.hintOffice}
        </Text>
        <details>
          <summary>
            <Text span size="sm">
              {KEYS.own.details}
            </Text>
          </summary>
          <Stack gap={4} mt="xs">
            <Text size="xs">{KEYS.own.signKey}</Text>
            <Text size="xs" ff="monospace" data-testid="own-sign-key">
              {d.signPublicKey}
            </Text>
            <Text size="xs">{KEYS.own.ageKey}</Text>
            <Text size="xs" ff="monospace">
              {d.ageRecipient}
            </Text>
            <Text size="xs" c="dimmed">
              {KEYS.own.createdAt(dayOf(d.createdAt))}
            </Text>
          </Stack>
        </details>
      </Stack>
    </Card>
  );
}

function ProvinceKey({ tick }: { tick: number }) {
  const q = useQuery('handoffKeys.province', {}, String(tick));
  if (!q.data) return null;
  const { trusted, pending } = q.data;
  return (
    <Card withBorder padding="lg" aria-label={KEYS.province.title} component="section">
      <Stack gap="xs">
        <Title order={3}>{KEYS.province.title}</Title>
        {trusted ? (
          <Stack gap={4} data-testid="province-key">
            <Group gap="sm">
              <Badge color="green" variant="light">
                {KEYS.province.trusted}
              </Badge>
              <Text fw={600}>{trusted.name}</Text>
            </Group>
            <FingerprintText value={trusted.fingerprint} size="md" />
            <Text size="sm" c="dimmed">
              {KEYS.province.confirmedOn(dayOf(trusted.confirmedAt))}
            </Text>
          </Stack>
        ) : (
          <Alert color="orange" title={KEYS.province.missing} data-testid="province-key">
            {KEYS.province.missingHint}
          </Alert>
        )}
        {pending.length > 0 && (
          <Text size="sm" c="orange.8">
            {KEYS.province.pending(pending.length)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function ExportKeyFile({ isProvince }: { isProvince: boolean }) {
  const [folder, setFolder] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run() {
    setSaving(true);
    setError(null);
    setDone(null);
    try {
      const r = await call('handoffKeys.exportKeyFile', { folder });
      setDone(KEYS.export.done(r.path));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card withBorder padding="lg" aria-label={KEYS.export.title} component="section">
      <Stack gap="xs">
        <Title order={3}>{KEYS.export.title}</Title>
        <Text size="sm" c="dimmed">
          {isProvince ? KEYS.export.hintProvince : KEYS.export.hintOffice}
        </Text>
        <Group align="flex-end">
          <PathField label={KEYS.export.folder} placeholder={KEYS.export.folderPlaceholder} value={folder} onChange={setFolder} fill />
          <Button onClick={() => void run()} loading={saving} disabled={folder.trim() === ''}>
            {KEYS.export.button}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function KeysTab({ office }: { office: OfficeDto; today: string }) {
  const isProvince = office.level === 'tinh';
  const [tick, setTick] = useState(0);
  const changed = () => setTick((t) => t + 1);
  return (
    <Stack gap="md">
      <OwnIdentity isProvince={isProvince} />
      {!isProvince && <ProvinceKey tick={tick} />}
      {/* Reading a key file and trusting it: Quản trị (the preview alone is Lãnh đạo's too, but leads nowhere else). */}
      <Allowed method="handoffKeys.trustKeyFile">
        <ImportKeyFile isProvince={isProvince} onTrusted={changed} />
      </Allowed>
      <Allowed method="handoffKeys.exportKeyFile">
        <ExportKeyFile isProvince={isProvince} />
      </Allowed>
      <PeersTable tick={tick} onChanged={changed} />
    </Stack>
  );
}
