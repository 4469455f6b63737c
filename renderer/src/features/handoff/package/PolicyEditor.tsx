/**
 * The province's policy of personal fields: one checkbox per field a person recognises (a name's
 * derived search and sort forms go with it), saved with handoffPackage.setPolicy. At an office the
 * same list is shown read-only: the policy arrives in the province's package.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { call, useQuery } from '../../../api/client';
import { useFormErrors } from '../../../components/formErrors';
import { FormAlert } from '../../../components/FormActions';
import type { PolicyValue } from '../../../../../shared/ipc/contracts/handoff-package.contract';
import { POLICY_GROUPS, PKG } from './texts';

type Selection = Record<string, string[]>;

const isOn = (sel: Selection, table: string, columns: string[]) => columns.every((c) => (sel[table] ?? []).includes(c));

function toggle(sel: Selection, table: string, columns: string[], on: boolean): Selection {
  const rest = (sel[table] ?? []).filter((c) => !columns.includes(c));
  const next = on ? [...rest, ...columns] : rest;
  const out = { ...sel };
  if (next.length > 0) out[table] = next;
  else delete out[table];
  return out;
}

/** The fields a policy allows, as labels ("Họ và tên, Số điện thoại"). */
export function policyLabels(policy: PolicyValue, table: string, columns?: readonly string[]): string {
  const cols = columns ?? policy[table] ?? [];
  return (POLICY_GROUPS[table]?.fields ?? [])
    .filter((f) => f.columns.some((c) => cols.includes(c)))
    .map((f) => f.label)
    .join(', ');
}

export function PolicyEditor({ editable, onSaved }: { editable: boolean; onSaved?: () => void }) {
  const q = useQuery('handoffPackage.policy', {});
  const [sel, setSel] = useState<Selection>({});
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors();
  useEffect(() => {
    if (q.data) setSel(Object.fromEntries(Object.entries(q.data.policy).map(([t, c]) => [t, [...c]])));
  }, [q.data]);

  async function save() {
    setSaving(true);
    errors.clear();
    try {
      await call('handoffPackage.setPolicy', { policy: sel });
      setSaved(true);
      q.reload();
      onSaved?.();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  }

  const empty = Object.keys(sel).length === 0;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{PKG.policyTitle}</Title>
        <Text size="sm" c="dimmed">
          {PKG.policyHelp}
        </Text>
        {q.data && (
          <Text size="sm">{editable ? PKG.policyInPackage(q.data.packageSequence) : PKG.policyAtOffice(q.data.packageSequence)}</Text>
        )}
        <FormAlert message={errors.message ?? q.error?.message ?? null} />
        {Object.entries(POLICY_GROUPS).map(([table, group]) => (
          <Stack key={table} gap={4}>
            <Text fw={600} size="sm">
              {group.label}
            </Text>
            <Group gap="lg">
              {group.fields.map((f) => (
                <Checkbox
                  key={f.label}
                  label={f.label}
                  aria-label={`${group.label}: ${f.label}`}
                  checked={isOn(sel, table, f.columns)}
                  disabled={!editable}
                  onChange={(e) => {
                    setSaved(false);
                    setSel(toggle(sel, table, f.columns, e.currentTarget.checked));
                  }}
                />
              ))}
            </Group>
          </Stack>
        ))}
        {empty && <Text size="sm">{PKG.policyNone}</Text>}
        {editable && (
          <Group>
            <Button onClick={() => void save()} loading={saving}>
              {PKG.policySave}
            </Button>
          </Group>
        )}
        {saved && (
          <Alert color="green" role="status">
            {PKG.policySaved}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
