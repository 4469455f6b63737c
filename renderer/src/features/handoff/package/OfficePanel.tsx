/** At an office: "Nhập gói của tỉnh" (path, preview, confirm the fingerprint if needed, apply), the policy in force, the packages applied. */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { call, useQuery } from '../../../api/client';
import { useFormErrors } from '../../../components/formErrors';
import { FormAlert } from '../../../components/FormActions';
import type { PackagePreviewDto } from '../../../../../shared/ipc/contracts/handoff-package.contract';
import { PackagePreview } from './PackagePreview';
import type { UnitChoices } from './PackageUnits';
import { PolicyEditor } from './PolicyEditor';
import { PackageList } from './PackageList';
import { PKG } from './texts';
import { PathField } from '../PathField';
import { Allowed, OnlyRoles } from '../../auth/session';

export function OfficePanel() {
  const list = useQuery('handoffPackage.list', {});
  const [filePath, setFilePath] = useState('');
  const [preview, setPreview] = useState<PackagePreviewDto | null>(null);
  const [confirm, setConfirm] = useState('');
  const [choices, setChoices] = useState<UnitChoices>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [policyKey, setPolicyKey] = useState(0);
  const errors = useFormErrors();

  async function run(action: () => Promise<void>) {
    errors.clear();
    setBusy(true);
    try {
      await action();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  }

  const inspect = () =>
    run(async () => {
      setPreview(null);
      setDone(null);
      if (filePath.trim() === '') return errors.setLocal({ path: PKG.pathRequired });
      setPreview(await call('handoffPackage.inspect', { path: filePath }));
      setConfirm('');
      setChoices({});
    });

  const apply = () =>
    run(async () => {
      if (!preview) return;
      if (preview.signer.status === 'unpinned' && confirm.trim() === '') return errors.setLocal({ confirm: PKG.confirmRequired });
      const r = await call('handoffPackage.apply', {
        path: filePath,
        sha256: preview.sha256,
        confirmFingerprint: preview.signer.status === 'unpinned' ? confirm : null,
        unitChoices: Object.entries(choices).map(([key, choice]) => ({ key, choice })),
      });
      setPreview(null);
      setDone(r.message);
      setPolicyKey((k) => k + 1);
      list.reload();
    });

  return (
    <Stack gap="lg">
      {/* Reading and applying the province's package is Lãnh đạo's. */}
      <Allowed method="handoffPackage.inspect" fallback={<OnlyRoles method="handoffPackage.inspect" />}>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>{PKG.importTitle}</Title>
            <Text size="sm" c="dimmed">
              {PKG.importHelp}
            </Text>
            <PathField label={PKG.path} value={filePath} onChange={setFilePath} error={errors.fields['path']} />
            <Group>
              <Button onClick={() => void inspect()} loading={busy && !preview} variant={preview ? 'default' : 'filled'}>
                {PKG.inspect}
              </Button>
            </Group>
            {!preview && <FormAlert message={errors.message} />}
            {done && (
              <Alert color="green" role="status">
                {done}
              </Alert>
            )}
            {preview && (
              <Stack gap="sm">
                <PackagePreview preview={preview} choices={choices} onChoose={(key, c) => setChoices((all) => ({ ...all, [key]: c }))} />
                {preview.signer.status === 'unpinned' && (
                  <TextInput
                    label={PKG.confirmFingerprint}
                    placeholder="0000-0000-0000-0000-0000-0000"
                    value={confirm}
                    onChange={(e) => setConfirm(e.currentTarget.value)}
                    error={errors.fields['confirm']}
                  />
                )}
                <FormAlert message={errors.message} />
                <Group>
                  <Button variant="default" onClick={() => setPreview(null)}>
                    {PKG.cancel}
                  </Button>
                  <Button onClick={() => void apply()} loading={busy}>
                    {PKG.apply}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stack>
        </Paper>
      </Allowed>
      <PolicyEditor key={policyKey} editable={false} />
      <PackageList title={PKG.listApplied} records={(list.data ?? []).filter((r) => r.direction === 'applied')} />
    </Stack>
  );
}
