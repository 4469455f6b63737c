/**
 * Read-only marks at the province for rows an office sent (issue 12 item 7): which rows of a list
 * are owned (one ownership.lookup per list), the badge "Dữ liệu của đơn vị gửi" and the reason shown
 * on disabled edit buttons. The backend refuses such changes anyway; these only say so up front.
 */
import { useMemo } from 'react';
import { Alert, Badge, Tooltip } from '@mantine/core';
import { useQuery } from '../../api/client';
import { CONSOL } from './texts';
import type { ActivityKind } from '../../../../shared/domain/activities';

/** The table of each activity kind (as in the table registry). */
const ACTIVITY_TABLE: Readonly<Record<ActivityKind, string>> = {
  propaganda: 'propaganda_sessions',
  events: 'activity_events',
  tips: 'tips',
  mediations: 'mediations',
  incidents: 'incidents',
  awards: 'awards',
};

export interface Owner {
  officeCode: string;
  officeName: string;
}

/** Lookups are bounded by the contract; a longer list marks its first 5.000 rows. */
const MAX_IDS = 5000;

/** id → the office that sent the row, for the rows of `table` among `ids` (empty at an office). */
export function useOwners(table: string, ids: readonly string[]): ReadonlyMap<string, Owner> {
  const wanted = useMemo(() => [...ids].sort().slice(0, MAX_IDS), [ids]);
  const q = useQuery('ownership.lookup', { table, ids: wanted }, `${table}|${wanted.join(',')}`);
  return useMemo(
    () => new Map((q.data?.owners ?? []).map((o) => [o.id, { officeCode: o.officeCode, officeName: o.officeName }])),
    [q.data],
  );
}

/** The owner of one row, or null. */
export function useOwner(table: string, id: string): Owner | null {
  const ids = useMemo(() => [id], [id]);
  return useOwners(table, ids).get(id) ?? null;
}

/** The owner of an activity record being edited (null for a new one or the province's own). */
export function useOwnerOfActivity(kind: ActivityKind, row: { id: string } | null): Owner | null {
  const ids = useMemo(() => (row ? [row.id] : []), [row]);
  const owners = useOwners(ACTIVITY_TABLE[kind], ids);
  return row ? (owners.get(row.id) ?? null) : null;
}

export function OwnedBadge({ owner }: { owner: Owner }) {
  return (
    <Tooltip label={CONSOL.ownedMessage(owner.officeName)} withArrow>
      <Badge size="xs" color="grape" variant="light" data-testid="owned-badge">
        {CONSOL.badge}
      </Badge>
    </Tooltip>
  );
}

/** The notice at the top of a detail view of an owned row. */
export function OwnedNotice({ owner }: { owner: Owner }) {
  return (
    <Alert color="grape" variant="light" title={CONSOL.badge} data-testid="owned-notice">
      {CONSOL.ownedMessage(owner.officeName)}
    </Alert>
  );
}

/**
 * Buttons that change a row an office sent: disabled together (a disabled fieldset disables every
 * button inside it), the reason as the group's title. Without an owner, the children as they are.
 */
export function LockedActions({ owner, children }: { owner: Owner | null; children: React.ReactNode }) {
  if (!owner) return <>{children}</>;
  return (
    <fieldset
      disabled
      title={CONSOL.ownedMessage(owner.officeName)}
      style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
      data-testid="owned-lock"
    >
      {children}
    </fieldset>
  );
}
