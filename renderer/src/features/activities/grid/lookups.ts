/**
 * The lists the grid's choice cells pick from: units (by name, code or path) and mediation teams
 * (loaded only when the kind has such a column). Labels are names; a name that occurs twice gets its
 * parent's name so the person can tell them apart. Organisations are never loaded whole: the
 * organisation column asks the backend for what is typed (org-choices.ts, one page at most).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ActivityKind } from '../../../../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../../../../shared/domain/mass-orgs';
import { EMPTY_FILTER } from '../../../../../shared/domain/registries';
import { pathOf } from '../../../../../shared/domain/unit-tree';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import { compareVietnamese, foldVietnamese } from '../../../../../shared/lib/text';
import type { Choice } from '../../../../../shared/lib/tsv';
import { call } from '../../../api/client';
import { ORG_CHOICES_MAX } from '../../../../../shared/ipc/contracts/organizations.contract';
import type { GridLookups } from './columns';
import { RemoteOrgChoices } from './org-choices';
import { gridFields } from '../layout';
import { GRID } from '../texts';

const MEDIATION_TEAM_KIND_ID = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')?.id ?? null;

/** Labels that stay unique: "Thôn 1 (Xã Gia Hòa)" only where two units are called "Thôn 1". */
function disambiguate<T>(
  items: readonly T[],
  name: (t: T) => string,
  context: (t: T) => string | null,
  group: (t: T) => string = () => '',
): string[] {
  const keyOf = (t: T) => `${group(t)}|${foldVietnamese(name(t))}`;
  const counts = new Map<string, number>();
  for (const t of items) counts.set(keyOf(t), (counts.get(keyOf(t)) ?? 0) + 1);
  return items.map((t) => {
    const ctx = context(t);
    return (counts.get(keyOf(t)) ?? 0) > 1 && ctx ? `${name(t)} (${ctx})` : name(t);
  });
}

/** Units of the office, active ones first (higher levels first), then those that have ended. */
export function unitChoices(units: readonly UnitDto[]): Choice[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const depth = (u: UnitDto) => pathOf(byId, u.id).length;
  const sorted = [...units].sort(
    (a, b) => Number(a.validTo !== null) - Number(b.validTo !== null) || depth(a) - depth(b) || compareVietnamese(a.name, b.name),
  );
  // An ended unit is told apart by its "ended" mark (the 2025 reform reuses names under one parent).
  const labels = disambiguate(
    sorted,
    (u) => u.name,
    (u) => (u.parentId ? (byId.get(u.parentId)?.name ?? null) : null),
    (u) => (u.validTo === null ? 'active' : 'ended'),
  );
  return sorted.map((u, i) => ({
    value: u.id,
    label: u.validTo !== null ? `${labels[i]!} — ${GRID.ended}` : labels[i]!,
    keys: [
      ...(u.code ? [u.code] : []),
      pathOf(byId, u.id)
        .map((p) => p.name)
        .join(' '),
    ],
  }));
}

function namedChoices(rows: readonly { id: string; name: string; unitId: string }[], units: readonly UnitDto[]): Choice[] {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const sorted = [...rows].sort((a, b) => compareVietnamese(a.name, b.name));
  const labels = disambiguate(
    sorted,
    (r) => r.name,
    (r) => unitName.get(r.unitId) ?? null,
  );
  return sorted.map((r, i) => ({ value: r.id, label: labels[i]!, keys: [unitName.get(r.unitId) ?? ''] }));
}

type Call = typeof call;

/**
 * The mediation teams of the office (when the kind has a team column) and the organisation column's
 * lookup, which asks `organizations.choices` for what is typed, one page at a time: opening the grid
 * sends no organisation at all. `ask` is the API's `call` (a test passes one that records the calls).
 */
export async function loadGridLookups(
  kind: ActivityKind,
  units: readonly UnitDto[],
  ask: Call,
  onError: (message: string) => void,
): Promise<{ team: readonly Choice[]; org: RemoteOrgChoices | null }> {
  const gridTypes = new Set(gridFields(kind).map((f) => f.type));
  let team: readonly Choice[] = [];
  if (gridTypes.has('team') && MEDIATION_TEAM_KIND_ID) {
    const res = await ask('massOrgs.list', { ...EMPTY_FILTER, kind: MEDIATION_TEAM_KIND_ID });
    team = namedChoices(res.rows, units);
  }
  const org = gridTypes.has('org')
    ? new RemoteOrgChoices(
        (search) => ask('organizations.choices', { unitId: null, unitOnly: false, search, limit: ORG_CHOICES_MAX }),
        onError,
      )
    : null;
  return { team, org };
}

/** Loads what the kind's grid columns refer to (the grid body mounts only while the grid is open). */
export function useGridLookups(kind: ActivityKind, units: readonly UnitDto[]): { lookups: GridLookups; error: string | null } {
  const [team, setTeam] = useState<readonly Choice[]>([]);
  const [org, setOrg] = useState<RemoteOrgChoices | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const fail = (message: string) => {
      if (live) setError(message);
    };
    // Every failure is caught inside and shown through `error`.
    loadGridLookups(kind, units, call, fail).then(
      (r) => {
        if (!live) return;
        setTeam(r.team);
        setOrg(r.org);
      },
      (err: unknown) => fail(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [kind, units]);

  const unit = useMemo(() => unitChoices(units), [units]);
  const lookups = useMemo(() => ({ unit, team, org: org ?? [] }), [unit, team, org]);
  return { lookups, error };
}
