/**
 * The office's settings for its period figures (issue 9 items 11 and 13): the first day of the
 * statistical year, and for each crime category whether it is "trọng án" and its field of crime.
 * Stored in the database (period.saveSettings); bad input is refused with a Vietnamese message.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call } from '../../api/client';
import type { PeriodSettingsDto } from '../../../../shared/ipc/contracts/period.contract';
import { CRIME_FIELDS, CRIME_FIELD_LABELS, type CategoryRule, type CrimeField } from '../../../../shared/domain/period';
import { INCIDENT_CATEGORY_LABELS } from '../../../../shared/domain/activities';
import { PERIOD } from './texts';

const S = PERIOD.settings;

/** "12-15" ↔ "15/12". */
const toDayMonth = (mmdd: string) => `${mmdd.slice(3, 5)}/${mmdd.slice(0, 2)}`;
function fromDayMonth(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/.exec(text);
  return m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

export function PeriodSettingsModal({
  settings,
  onClose,
  onSaved,
}: {
  settings: PeriodSettingsDto;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [start, setStart] = useState(toDayMonth(settings.statYearStart));
  const [rules, setRules] = useState<CategoryRule[]>(settings.categories);
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setRules(settings.categories), [settings]);

  const change = (i: number, patch: Partial<CategoryRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    const statYearStart = fromDayMonth(start);
    if (!statYearStart) {
      setError(S.statYearBad);
      return;
    }
    setSaving(true);
    try {
      await call('period.saveSettings', { statYearStart, categories: rules, by: by.trim() || null });
      notifications.show({ color: 'green', message: S.saved });
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={S.title} size="lg">
      <Stack gap="sm">
        <TextInput
          label={S.statYear}
          description={S.statYearHelp}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
          w={360}
        />
        <Text fw={600} size="sm">
          {S.categoriesTitle}
        </Text>
        <Text size="xs" c="dimmed">
          {S.categoriesHelp}
        </Text>
        <Table aria-label={S.categoriesTitle} withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{S.category}</Table.Th>
              <Table.Th w={90}>{S.grave}</Table.Th>
              <Table.Th w={190}>{S.field}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((r, i) => (
              <Table.Tr key={r.category}>
                <Table.Td>{INCIDENT_CATEGORY_LABELS[r.category]}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${S.grave}: ${INCIDENT_CATEGORY_LABELS[r.category]}`}
                    checked={r.grave}
                    onChange={(e) => change(i, { grave: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`${S.field}: ${INCIDENT_CATEGORY_LABELS[r.category]}`}
                    value={r.field ?? ''}
                    onChange={(e) => change(i, { field: (e.currentTarget.value || null) as CrimeField | null })}
                    data={[{ value: '', label: S.noField }, ...CRIME_FIELDS.map((f) => ({ value: f, label: CRIME_FIELD_LABELS[f] }))]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <TextInput label={S.by} value={by} onChange={(e) => setBy(e.currentTarget.value)} w={360} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {S.cancel}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {S.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
