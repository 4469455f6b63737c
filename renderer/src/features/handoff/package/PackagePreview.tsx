/** What an office sees before applying a province package: signer, rotation, policy, files, offices, units. */
import { Alert, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { PackagePreviewDto } from '../../../../../shared/ipc/contracts/handoff-package.contract';
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';
import { policyLabels } from './PolicyEditor';
import { PackageUnits, type UnitChoices } from './PackageUnits';
import { POLICY_GROUPS, PKG } from './texts';

function PolicyChanges({ policy }: { policy: PackagePreviewDto['policy'] }) {
  return (
    <Stack gap={4}>
      <Title order={5}>{PKG.policyChanges}</Title>
      {policy.changes.length === 0 ? (
        <Text size="sm">{PKG.policyUnchanged}</Text>
      ) : (
        <List size="sm" aria-label={PKG.policyChanges}>
          {policy.changes.map((c) => (
            <List.Item key={c.table}>
              {POLICY_GROUPS[c.table]?.label ?? c.table}:{' '}
              {[
                c.added.length > 0 ? PKG.policyAdded(policyLabels(policy.after, c.table, c.added)) : null,
                c.removed.length > 0 ? PKG.policyRemoved(policyLabels(policy.before, c.table, c.removed)) : null,
              ]
                .filter(Boolean)
                .join('; ')}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function Files({ preview }: { preview: PackagePreviewDto }) {
  const rows = [...preview.ruleSets.map((f) => ({ ...f, kind: PKG.ruleSet })), ...preview.rubrics.map((f) => ({ ...f, kind: PKG.rubric }))];
  return (
    <Stack gap={4}>
      <Title order={5}>{PKG.files}</Title>
      {rows.length === 0 ? (
        <Text size="sm">{PKG.noFiles}</Text>
      ) : (
        <List size="sm" aria-label={PKG.files}>
          {rows.map((f) => (
            <List.Item key={`${f.kind}${f.id}${f.version}`}>
              <Group gap="xs">
                <Badge color={f.status === 'new' ? 'green' : 'gray'} variant="light">
                  {PKG.fileStatus[f.status]}
                </Badge>
                <Text size="sm">
                  {f.kind} “{f.name}”, {PKG.version(formatDateVi(f.version))}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function Offices({ preview }: { preview: PackagePreviewDto }) {
  return (
    <Stack gap={4}>
      <Title order={5}>{PKG.offices(preview.offices.length)}</Title>
      <Text size="sm" c={preview.ownEnrolment === 'match' ? 'green.8' : 'orange.8'}>
        {PKG.enrolment[preview.ownEnrolment]}
      </Text>
      {preview.offices.length > 0 && (
        <Table aria-label={PKG.offices(preview.offices.length)}>
          <Table.Tbody>
            {preview.offices.map((o) => (
              <Table.Tr key={`${o.code}${o.fingerprint}`}>
                <Table.Td>{o.code}</Table.Td>
                <Table.Td>
                  {o.name} {o.self && <Badge variant="light">{PKG.self}</Badge>}
                </Table.Td>
                <Table.Td>{o.fingerprint}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function PackagePreview({
  preview,
  choices,
  onChoose,
}: {
  preview: PackagePreviewDto;
  choices: UnitChoices;
  onChoose: (key: string, choice: 'province' | 'office') => void;
}) {
  return (
    <Stack gap="md" aria-label={PKG.previewTitle(preview.sequence, preview.province.name)}>
      <Title order={4}>{PKG.previewTitle(preview.sequence, preview.province.name)}</Title>
      <Text size="sm">
        {PKG.createdAt(formatDateVi(vietnamDateOf(new Date(preview.createdAt))))}. {PKG.lastApplied(preview.lastApplied)}
      </Text>
      {preview.signer.status === 'trusted' ? (
        <Alert color="green" role="status">
          {PKG.signerTrusted(preview.signer.fingerprint)}
        </Alert>
      ) : (
        <Alert color="orange" role="note">
          {PKG.signerUnpinned(preview.signer.fingerprint)}
        </Alert>
      )}
      {preview.rotation && (
        <Alert color="blue" role="note">
          {PKG.rotation(preview.rotation.oldFingerprint, preview.rotation.newFingerprint)}
        </Alert>
      )}
      <PolicyChanges policy={preview.policy} />
      <Files preview={preview} />
      <Offices preview={preview} />
      <PackageUnits preview={preview} choices={choices} onChoose={onChoose} />
    </Stack>
  );
}
