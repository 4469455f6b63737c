/**
 * The rule sets tab (Bộ tiêu chí): every rule-set file the engine uses — shipped with the app or
 * imported from the province — with its criteria readable in a drawer, import / export / removal of
 * imported files, and the office's evaluation settings (domain.md §5.6).
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Drawer, FileButton, Group, Loader, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconEye, IconTrash, IconUpload } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { RuleSetSummaryDto } from '../../../../shared/ipc/contracts/rubrics.contract';
import {
  FLAG_INFO,
  REDUCED_MEANS,
  RULE_TYPE_LABELS,
  SUBUNIT_POOLS,
  type FlagKey,
  type ReducedMeans,
  type RuleType,
  type SubunitPool,
} from '../../../../shared/domain/criteria/vocabulary';
import { formatDateVi } from '../../../../shared/lib/dates';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { ImportErrors } from './ImportErrors';
import { useJsonImport } from './useJsonImport';
import { formatStamp, saveJson } from './files';
import { FILES, RS, subjectLabel } from './texts';
import { Allowed, useCan } from '../auth/session';

export function RuleSetsPanel(_p: { office: OfficeDto; today: string }) {
  const list = useQuery('ruleSets.list', {});
  const [viewing, setViewing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<RuleSetSummaryDto | null>(null);

  const { pick, busy, importError, clearError, resetFile } = useJsonImport('ruleSets.import', () => list.reload());

  const download = async (key: string) => {
    try {
      saveJson(await call('ruleSets.export', { key }));
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1 }}>
          <Title order={4}>{RS.title}</Title>
          <Text size="sm" c="dimmed">
            {RS.intro}
          </Text>
        </Stack>
        <Allowed method="ruleSets.import">
          <FileButton
            onChange={(f) => void pick(f)}
            accept=".json,application/json"
            resetRef={resetFile}
            inputProps={{ 'aria-label': RS.fileInput }}
          >
            {(props) => (
              <Button {...props} size="xs" leftSection={<IconUpload size={16} />} loading={busy}>
                {RS.import}
              </Button>
            )}
          </FileButton>
        </Allowed>
      </Group>
      <ImportErrors error={importError} onClose={clearError} />
      <FormAlert message={list.error?.message ?? null} />
      {list.loading && !list.data ? (
        <Loader size="sm" />
      ) : (
        <Table striped highlightOnHover aria-label={RS.tableLabel} verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{RS.columns.name}</Table.Th>
              <Table.Th w={100}>{RS.columns.version}</Table.Th>
              <Table.Th w={170}>{RS.columns.kinds}</Table.Th>
              <Table.Th w={110}>{RS.columns.origin}</Table.Th>
              <Table.Th w={80} ta="right">
                {RS.columns.criteria}
              </Table.Th>
              <Table.Th w={110}>{RS.columns.frozen}</Table.Th>
              <Table.Th w={230}>{RS.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>{RS.empty}</Table.Td>
              </Table.Tr>
            )}
            {(list.data ?? []).map((r) => (
              <RuleSetRow key={r.key} r={r} onView={setViewing} onDownload={(key) => void download(key)} onRemove={setRemoving} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SettingsCard />
      {viewing && <RuleSetDrawer fileKey={viewing} onClose={() => setViewing(null)} />}
      {removing && (
        <ConfirmModal
          title={RS.removeTitle}
          body={RS.removeBody(removing.name, formatDateVi(removing.version))}
          cancelLabel={RS.cancel}
          confirmLabel={RS.remove}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await call('ruleSets.remove', { key: removing.key });
            notifications.show({ color: 'green', message: RS.removed(removing.name) });
            setRemoving(null);
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}

/** One rule-set file with its facts and its buttons. */
function RuleSetRow({
  r,
  onView,
  onDownload,
  onRemove,
}: {
  r: RuleSetSummaryDto;
  onView: (key: string) => void;
  onDownload: (key: string) => void;
  onRemove: (r: RuleSetSummaryDto) => void;
}) {
  const can = useCan();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {r.name}
        </Text>
        <Group gap={4} mt={2}>
          <Badge size="xs" variant="light" color={r.scope === 'quoc_gia' ? 'blue' : 'grape'}>
            {RS.scope[r.scope]}
          </Badge>
          {r.example && (
            <Badge size="xs" variant="light" color="orange">
              {FILES.example}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{formatDateVi(r.version)}</Table.Td>
      <Table.Td>{r.unitKinds.map(subjectLabel).join(', ')}</Table.Td>
      <Table.Td>{r.origin === 'shipped' ? FILES.shipped : FILES.imported}</Table.Td>
      <Table.Td ta="right">{r.criteria.toLocaleString('vi-VN')}</Table.Td>
      <Table.Td>{RS.frozenYears(r.frozenYears)}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconEye size={14} />}
            onClick={() => onView(r.key)}
            aria-label={`${RS.view}: ${r.name}`}
          >
            {RS.view}
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={() => onDownload(r.key)}
            aria-label={`${FILES.export}: ${r.name}`}
          >
            {FILES.export}
          </Button>
          {r.origin === 'imported' && can('ruleSets.remove') && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => onRemove(r)}
              aria-label={`${RS.remove}: ${r.name}`}
            >
              {RS.remove}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function RuleSetDrawer({ fileKey, onClose }: { fileKey: string; onClose: () => void }) {
  const q = useQuery('ruleSets.get', { key: fileKey });
  const d = q.data;
  const D = RS.drawer;
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={d?.name ?? ''} closeButtonProps={{ 'aria-label': D.close }}>
      <FormAlert message={q.error?.message ?? null} />
      {!d ? (
        q.loading && <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          {d.example && (
            <Alert color="orange" variant="light" role="note">
              {FILES.example}
            </Alert>
          )}
          <Table variant="vertical" layout="fixed" fz="sm" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={150}>{D.source}</Table.Th>
                <Table.Td>{d.source}</Table.Td>
              </Table.Tr>
              {d.issuer && (
                <Table.Tr>
                  <Table.Th>{D.issuer}</Table.Th>
                  <Table.Td>{d.issuer}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{D.kinds}</Table.Th>
                <Table.Td>{d.unitKinds.map(subjectLabel).join(', ')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{D.version}</Table.Th>
                <Table.Td>{formatDateVi(d.version)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{D.file}</Table.Th>
                <Table.Td>
                  {d.fileName} —{' '}
                  {d.origin === 'shipped' ? FILES.shipped : FILES.imported_by(d.importedBy, d.importedAt ? formatStamp(d.importedAt) : '')}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{D.hash}</Table.Th>
                <Table.Td ff="monospace">{d.hash}</Table.Td>
              </Table.Tr>
              {d.note && (
                <Table.Tr>
                  <Table.Th>{D.note}</Table.Th>
                  <Table.Td>{d.note}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Title order={5}>{D.criteria(d.criteria.length)}</Title>
          <Stack gap="xs" role="list" aria-label={D.criteria(d.criteria.length)}>
            {d.criteria.map((c) => (
              <Card key={c.id} withBorder padding="sm" role="listitem">
                <Group gap="xs" wrap="nowrap" align="baseline">
                  <Badge variant="light" size="sm" style={{ flexShrink: 0 }}>
                    {c.id}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {c.title}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" mt={2}>
                  {c.clause} · {D.type}: {RULE_TYPE_LABELS[c.type as RuleType] ?? c.type}
                </Text>
                <Text size="sm" mt={4}>
                  {c.explanation}
                </Text>
                {c.notApplicableIf.length > 0 && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {D.notApplicable}:{' '}
                    {c.notApplicableIf
                      .map((n) => (n.equals ? FLAG_INFO[n.flag as FlagKey]?.whenTrue : FLAG_INFO[n.flag as FlagKey]?.whenFalse) ?? n.flag)
                      .join('; ')}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}

function SettingsCard() {
  const q = useQuery('evaluationSettings.get', {});
  const [reducedMeans, setReducedMeans] = useState<ReducedMeans | null>(null);
  const [subunitPool, setSubunitPool] = useState<SubunitPool | null>(null);
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const S = RS.settings;
  // Read by everyone; the office-wide choice is Quản trị's.
  const readOnly = !useCan()('evaluationSettings.set');

  // Load once; afterwards the form keeps what the person chose until it is saved.
  useEffect(() => {
    if (q.data && reducedMeans === null) {
      setReducedMeans(q.data.settings.reducedMeans);
      setSubunitPool(q.data.settings.subunitPool);
    }
  }, [q.data, reducedMeans]);

  const save = async () => {
    if (!reducedMeans || !subunitPool) return;
    setSaving(true);
    setError(null);
    try {
      await call('evaluationSettings.set', { reducedMeans, subunitPool, by: by.trim() || null });
      notifications.show({ color: 'green', message: S.saved });
      q.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const d = q.data;
  return (
    <Card withBorder padding="md" component="section" aria-label={S.title}>
      <Stack gap="sm">
        <Title order={4}>{S.title}</Title>
        <Text size="sm" c="dimmed">
          {S.intro}
        </Text>
        <FormAlert message={error ?? q.error?.message ?? null} />
        {d && reducedMeans && subunitPool && (
          <>
            <Radio.Group label={S.reducedMeans} value={reducedMeans} onChange={(v) => setReducedMeans(v)}>
              <Stack gap={6} mt={6}>
                {REDUCED_MEANS.map((v) => (
                  <Radio
                    key={v}
                    value={v}
                    disabled={readOnly}
                    label={`${S.reducedHelp[v]}${d.defaults.reducedMeans === v ? S.defaultMark : ''}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Radio.Group label={S.subunitPool} value={subunitPool} onChange={(v) => setSubunitPool(v)}>
              <Stack gap={6} mt={6}>
                {SUBUNIT_POOLS.map((v) => (
                  <Radio
                    key={v}
                    value={v}
                    disabled={readOnly}
                    label={`${S.poolHelp[v]}${d.defaults.subunitPool === v ? S.defaultMark : ''}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {!readOnly && (
              <Group align="flex-end" justify="space-between">
                <TextInput label={S.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} w={280} size="sm" />
                <Button onClick={() => void save()} loading={saving}>
                  {S.save}
                </Button>
              </Group>
            )}
            <Text size="xs" c="dimmed">
              {d.saved && d.updatedAt ? S.lastSaved(formatStamp(d.updatedAt), d.updatedBy) : S.usingDefaults}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
