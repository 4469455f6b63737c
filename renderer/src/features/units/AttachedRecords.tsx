/**
 * Records that follow a merged or ended unit to its successor (issue 9 item 9): the list the
 * officer confirms in the merge and end dialogs, and the moves shown on a unit with their undo.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../api/client';
import type { AttachedItemDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { TRANSFER_GROUPS, TRANSFER_GROUP_LABELS } from '../../../../shared/domain/table-registry';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { UNITS } from './texts';
import { Allowed } from '../auth/session';

export type TransferKey = `${AttachedItemDto['table']}/${string}`;
export const keyOf = (i: Pick<AttachedItemDto, 'table' | 'id'>): TransferKey => `${i.table}/${i.id}`;

/** The chosen keys as the contract's `transfer` list. */
export function transferList(items: readonly AttachedItemDto[], chosen: ReadonlySet<string>) {
  return items.filter((i) => chosen.has(keyOf(i))).map((i) => ({ table: i.table, id: i.id }));
}

/**
 * Loads the open records of `unitIds` (at least one) and keeps the officer's choice; `only` limits
 * them to records placed in those units (a merge's ending units). Every record is chosen at first
 * (the usual case: they carry on in the successor).
 */
export function useAttached(unitIds: readonly string[], withDescendants: boolean, only?: readonly string[]) {
  const ids = useMemo(() => [...unitIds].sort(), [unitIds]);
  const onlyKey = only ? [...only].sort().join(',') : null;
  const q = useQuery('units.attached', { unitIds: ids, withDescendants }, JSON.stringify({ ids, withDescendants }));
  const items = useMemo(() => {
    const keep = onlyKey === null ? null : new Set(onlyKey.split(','));
    return (q.data?.items ?? []).filter((i) => keep === null || keep.has(i.unitId));
  }, [q.data, onlyKey]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  useEffect(() => setChosen(new Set(items.map(keyOf))), [items]);
  return { items, loading: q.loading, chosen, setChosen };
}

interface PickerProps {
  items: readonly AttachedItemDto[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** Name of the unit that takes them, when known. */
  successorName: string | null;
  /** When set, nothing can be chosen yet and this says why (no unit to take them). */
  disabledNote?: string | null;
}

export function AttachedPicker({ items, chosen, onChange, successorName, disabledNote = null }: PickerProps) {
  if (items.length === 0) return null;
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  const showUnit = new Set(items.map((i) => i.unitId)).size > 1;
  return (
    <Stack gap={6} role="group" aria-label={UNITS.transfer.listLabel}>
      <Text size="sm" fw={500}>
        {UNITS.transfer.heading(successorName)}
      </Text>
      <Text size="xs" c={disabledNote ? 'orange.8' : 'dimmed'}>
        {disabledNote ?? UNITS.transfer.hint}
      </Text>
      {TRANSFER_GROUPS.map((g) => {
        const inGroup = items.filter((i) => i.group === g);
        if (inGroup.length === 0) return null;
        return (
          <Stack key={g} gap={4} role="group" aria-label={TRANSFER_GROUP_LABELS[g]}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">{`${TRANSFER_GROUP_LABELS[g]} (${inGroup.length})`}</Text>
            {inGroup.map((i) => (
              <Checkbox
                key={keyOf(i)}
                label={i.name}
                description={[i.detail, showUnit ? UNITS.transfer.inUnit(i.unitName) : null].filter(Boolean).join(' · ') || undefined}
                checked={disabledNote === null && chosen.has(keyOf(i))}
                disabled={disabledNote !== null}
                onChange={(e) => toggle(keyOf(i), e.currentTarget.checked)}
              />
            ))}
          </Stack>
        );
      })}
      {disabledNote === null && <Text size="xs">{UNITS.transfer.count(chosen.size, items.length)}</Text>}
    </Stack>
  );
}

/** Moves of records out of this unit, each with its undo while it stands. */
export function TransfersPart({ unitId, onChanged }: { unitId: string; onChanged: () => void }) {
  const q = useQuery('units.transfers', { id: unitId });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const out = (q.data?.batches ?? []).filter((b) => b.from.id === unitId);
  if (q.loading && !q.data) return <Loader size="xs" />;
  if (out.length === 0) return null;

  async function undo(batchId: string) {
    setError(null);
    setBusy(batchId);
    try {
      const r = await call('units.untransfer', { batchId });
      notifications.show({ color: 'green', message: UNITS.transfer.undone(r.restored, r.skipped) });
      q.reload();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap={4} aria-label={UNITS.transfer.title}>
      <Title order={5} mt="sm">
        {UNITS.transfer.title}
      </Title>
      {out.map((b) => (
        <Group key={b.batchId} gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm">{UNITS.transfer.batch(b.count, b.to.name, formatDateVi(b.effectiveDate))}</Text>
          {b.undoneAt === null ? (
            <Allowed method="units.untransfer">
              <Button size="compact-xs" variant="default" loading={busy === b.batchId} onClick={() => void undo(b.batchId)}>
                {UNITS.transfer.undo}
              </Button>
            </Allowed>
          ) : (
            <Text size="xs" c="dimmed">
              {UNITS.transfer.undoneOn(formatDateVi(b.undoneAt.slice(0, 10)))}
            </Text>
          )}
        </Group>
      ))}
      <FormAlert message={error} />
    </Stack>
  );
}

/** Shown when nothing is attached: the officer knows there is nothing to move. */
export function NothingAttached() {
  return (
    <Alert color="gray" variant="light">
      {UNITS.transfer.none}
    </Alert>
  );
}
