/** At the province: the policy, "Tạo gói gửi các đơn vị" (optionally with a key rotation), and the packages made. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { call, useQuery } from '../../../api/client';
import { useFormErrors } from '../../../components/formErrors';
import { FormAlert } from '../../../components/FormActions';
import type { MethodOutput } from '../../../../../shared/ipc/contract';
import { PolicyEditor } from './PolicyEditor';
import { PackageList } from './PackageList';
import { PKG } from './texts';
import { PathField } from '../PathField';
import { Allowed, OnlyRoles, useCan } from '../../auth/session';

export function ProvincePanel() {
  const list = useQuery('handoffPackage.list', {});
  const can = useCan();
  const [folder, setFolder] = useState('');
  const [rotateKey, setRotateKey] = useState(false);
  const [made, setMade] = useState<MethodOutput<'handoffPackage.make'> | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function make() {
    errors.clear();
    setMade(null);
    if (folder.trim() === '') return errors.setLocal({ folder: PKG.folderRequired });
    setBusy(true);
    try {
      setMade(await call('handoffPackage.make', { folder, rotateKey }));
      setRotateKey(false);
      list.reload();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="lg">
      <PolicyEditor key={made?.record.id ?? 'policy'} editable={can('handoffPackage.setPolicy')} onSaved={list.reload} />
      <Allowed method="handoffPackage.make" fallback={<OnlyRoles method="handoffPackage.make" />}>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>{PKG.makeTitle}</Title>
            <Text size="sm" c="dimmed">
              {PKG.makeHelp}
            </Text>
            <PathField label={PKG.folder} value={folder} onChange={setFolder} error={errors.fields['folder']} />
            <Checkbox label={PKG.rotate} checked={rotateKey} onChange={(e) => setRotateKey(e.currentTarget.checked)} />
            {rotateKey && (
              <Alert color="orange" role="note">
                {PKG.rotateWarning}
              </Alert>
            )}
            <FormAlert message={errors.message} />
            <Group>
              <Button onClick={() => void make()} loading={busy}>
                {PKG.make}
              </Button>
            </Group>
            {made && (
              <Alert color="green" role="status">
                <Text size="sm">{PKG.made(made.record.fileName, made.path)}</Text>
                <Text size="sm">{PKG.nowFingerprint(made.fingerprint)}</Text>
              </Alert>
            )}
          </Stack>
        </Paper>
      </Allowed>
      <PackageList title={PKG.listMade} records={(list.data ?? []).filter((r) => r.direction === 'made')} />
    </Stack>
  );
}
