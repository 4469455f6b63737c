/**
 * The unit list of a province package at an office: every change to the office's own tree with its
 * old → new value, and for a conflict the officer's choice ("Theo tỉnh" / "Giữ của đơn vị"), which
 * the apply sends back. Changes shown only (missing at the province, the office's root ended) say so.
 */
import { Group, Radio, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { PackagePreviewDto } from '../../../../../shared/ipc/contracts/handoff-package.contract';
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';
import { PKG } from './texts';

export type UnitChoices = Record<string, 'province' | 'office'>;
type Change = PackagePreviewDto['units']['changes'][number];

function changeText(c: Change): string {
  if (!c.applicable) return c.kind === 'ended' ? PKG.unitChange.rootEnded(formatDateVi(c.after)) : PKG.unitChange.missing;
  switch (c.kind) {
    case 'renamed':
      return PKG.unitChange.renamed(c.before ?? '', c.after ?? '');
    case 'recoded':
      return PKG.unitChange.recoded(c.before, c.after ?? '');
    case 'ended':
      return PKG.unitChange.ended(formatDateVi(c.after));
    default:
      return PKG.unitChange.added(c.after ?? c.name);
  }
}

function Choice({
  change,
  value,
  onChange,
}: {
  change: Change;
  value: 'province' | 'office' | undefined;
  onChange: (v: 'province' | 'office') => void;
}) {
  if (!change.applicable || change.conflict === null) {
    return (
      <Text size="sm" c="dimmed">
        {PKG.noChoice}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="xs" c="orange.9">
        {PKG.conflict[change.conflict](change.ours ?? '', change.code)}
      </Text>
      <Radio.Group
        value={value ?? null}
        onChange={(v) => onChange(v)}
        label={<VisuallyHidden>{PKG.choiceLabel(change.name, change.code)}</VisuallyHidden>}
      >
        <Group gap="md">
          <Radio value="province" label={PKG.choiceProvince} size="xs" />
          <Radio value="office" label={PKG.choiceOffice} size="xs" />
        </Group>
      </Radio.Group>
    </Stack>
  );
}

export function PackageUnits({
  preview,
  choices,
  onChoose,
}: {
  preview: PackagePreviewDto;
  choices: UnitChoices;
  onChoose: (key: string, choice: 'province' | 'office') => void;
}) {
  const { units } = preview;
  const open = units.changes.filter((c) => c.applicable && c.conflict !== null && !choices[c.key]).length;
  return (
    <Stack gap={4}>
      <Title order={5}>{PKG.units}</Title>
      {!units.compared ? (
        <Text size="sm">{PKG.unitsNotCompared}</Text>
      ) : units.changes.length === 0 ? (
        <Text size="sm">{PKG.unitsSame(units.total)}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {PKG.unitsHelp(preview.sequence, formatDateVi(vietnamDateOf(new Date(preview.createdAt))))}
          </Text>
          <Table aria-label={PKG.units} striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{PKG.colUnitCode}</Table.Th>
                <Table.Th>{PKG.colUnit}</Table.Th>
                <Table.Th>{PKG.colUnitKind}</Table.Th>
                <Table.Th>{PKG.colUnitChange}</Table.Th>
                <Table.Th>{PKG.colUnitChoice}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.changes.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>{c.code}</Table.Td>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600} c={!c.applicable ? 'dimmed' : c.conflict ? 'orange.9' : 'blue.8'}>
                      {PKG.unitKind[c.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td>{changeText(c)}</Table.Td>
                  <Table.Td>
                    <Choice change={c} value={choices[c.key]} onChange={(v) => onChoose(c.key, v)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {open > 0 && (
            <Text size="sm" c="orange.9" role="note">
              {PKG.choicesLeft(open)}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
