/**
 * The lists the grid's choice cells pick from: units (by name, code or path), mediation teams and
 * organisations. Labels are names; a name that occurs twice gets its parent's name so the person can
 * tell them apart. Teams and organisations are never loaded whole: their columns ask the backend for
 * what is typed (org-choices.ts, one page at most: massOrgs.choices, organizations.choices).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ActivityKind } from '../../../../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../../../../shared/domain/mass-orgs';
import { pathOf } from '../../../../../shared/domain/unit-tree';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import { compareVietnamese, foldVietnamese } from '../../../../../shared/lib/text';
import type { Choice } from '../../../../../shared/lib/tsv';
import { call } from '../../../api/client';
import { ORG_CHOICES_MAX } from '../../../../../shared/ipc/contracts/organizations.contract';
import { MASS_ORG_CHOICES_MAX, type MassOrgChoiceDto } from '../../../../../shared/ipc/contracts/mass-orgs.contract';
import type { GridLookups } from './columns';
import { RemoteChoices, RemoteOrgChoices } from './org-choices';
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

/**
 * A team as its cell shows it: the label the backend made (the name, with its unit where the kind has
 * another team of that name) and its unit's name as a key, as the whole list's choices were.
 */
export function teamChoiceOf(t: MassOrgChoiceDto): Choice {
  return { value: t.id, label: t.label, keys: [t.unitName ?? ''] };
}

/** The whole list's order (massOrgs.list): Vietnamese order of names, then id. */
function teamOrder(a: MassOrgChoiceDto, b: MassOrgChoiceDto): number {
  return compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id);
}

type Call = typeof call;

/**
 * The lookups of the team column (mediation teams, `massOrgs.choices`) and of the organisation
 * column (`organizations.choices`): each asks for what is typed, one page at a time, so opening the
 * grid sends no team and no organisation at all. `ask` is the API's `call` (a test passes one that
 * records the calls).
 */
export function loadGridLookups(
  kind: ActivityKind,
  _units: readonly UnitDto[],
  ask: Call,
  onError: (message: string) => void,
): Promise<{ team: RemoteChoices<MassOrgChoiceDto> | null; org: RemoteOrgChoices | null }> {
  const gridTypes = new Set(gridFields(kind).map((f) => f.type));
  const teamKind = MEDIATION_TEAM_KIND_ID;
  const team =
    gridTypes.has('team') && teamKind
      ? new RemoteChoices<MassOrgChoiceDto>(
          (search) => ask('massOrgs.choices', { kindId: teamKind, search, limit: MASS_ORG_CHOICES_MAX }),
          teamChoiceOf,
          onError,
          teamOrder,
        )
      : null;
  const org = gridTypes.has('org')
    ? new RemoteOrgChoices(
        (search) => ask('organizations.choices', { unitId: null, unitOnly: false, search, limit: ORG_CHOICES_MAX }),
        onError,
      )
    : null;
  return Promise.resolve({ team, org });
}

/** Loads what the kind's grid columns refer to (the grid body mounts only while the grid is open). */
export function useGridLookups(kind: ActivityKind, units: readonly UnitDto[]): { lookups: GridLookups; error: string | null } {
  const [team, setTeam] = useState<RemoteChoices<MassOrgChoiceDto> | null>(null);
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
  const lookups = useMemo(() => ({ unit, team: team ?? [], org: org ?? [] }), [unit, team, org]);
  return { lookups, error };
}
