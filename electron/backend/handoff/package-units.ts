/**
 * The unit list of a province package against an office's own tree (issue 12 item 9): which office
 * unit is which province unit, and what applying the list would change. Pure: the office's units,
 * the links kept from earlier packages (handoff_package_units) and which units the office itself
 * renamed or re-coded come in; a plan comes out. The writes are in
 * services/handoff-package-units.service.ts, through the units service's own rules.
 *
 * Matching: a unit linked by an earlier package is matched by the province's unit id (so a code
 * the province changed still finds it); an unlinked unit by official code under its parent's match
 * (the root by its code). Scope: the root's match and the province's units below it; everything
 * else in the list is ignored. Three-way comparison per field: the base is what the last package
 * applied said (the link); with no link yet, the office's own history says whether it changed the
 * field itself. A field both sides changed differently is a conflict the officer decides.
 */
import type { UnitDto } from '../../../shared/ipc/contract';
import type { UnitKind } from '../../../shared/domain/units';
import { foldVietnamese } from '../../../shared/lib/text';
import type { PackagePayload, PackageUnit } from './package-payload';

/** What the last package applied said about an office unit (handoff_package_units). */
export interface UnitLink {
  unitId: string;
  provinceUnitId: string;
  name: string;
  kind: string;
  code: string;
  validTo: string | null;
}

export type UnitChangeKind = 'renamed' | 'recoded' | 'ended' | 'added' | 'missing';
export type UnitConflict = 'office-changed' | 'code-taken';

export interface UnitChange {
  /** Stable key of the change, for the officer's choice: `<kind>:<province unit id>` (or the office unit id when missing). */
  key: string;
  kind: UnitChangeKind;
  /** The office unit (null for an added unit). */
  unitId: string | null;
  provinceUnitId: string | null;
  /** The official code shown with the change (the province's). */
  code: string;
  /** The unit's name as the office has it (the province's for an added unit). */
  name: string;
  /** Old → new as text: name (renamed), code (recoded), null → end date (ended), null → name (added). */
  before: string | null;
  after: string | null;
  /** renamed: the province's kind; added: the kind to create. */
  newKind: UnitKind | null;
  /** added: the office unit it goes under (null while its parent is itself added: `parentKey`). */
  parentUnitId: string | null;
  parentKey: string | null;
  validFrom: string | null;
  /** Shown only, never applied (missing here, or the office's own root ended). */
  applicable: boolean;
  conflict: UnitConflict | null;
  /** office-changed: the office's own value; code-taken: the office unit holding the code. */
  ours: string | null;
  holderId: string | null;
}

export interface UnitPlan {
  era: string;
  compared: boolean;
  total: number;
  changes: UnitChange[];
  /** Every office unit matched to a province unit in scope: the links stored after applying. */
  matches: { unitId: string; theirs: PackageUnit }[];
  /** The province unit of each added change, by its key. */
  added: Map<string, PackageUnit>;
}

export interface OfficeUnitState {
  units: readonly UnitDto[];
  rootId: string;
  era: string;
  links: readonly UnitLink[];
  /** Office units whose name or kind the office changed itself (its own edits, not a package's). */
  relabelledByOffice: ReadonlySet<string>;
  /** Office units whose code the office changed itself. */
  recodedByOffice: ReadonlySet<string>;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function childrenOf<T extends { id: string; parentId: string | null }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const u of items) if (u.parentId !== null) out.set(u.parentId, [...(out.get(u.parentId) ?? []), u]);
  return out;
}

/**
 * The office's units matched to the province's, breadth first from the root. Per group of siblings:
 * a linked unit by the province's id; then an unlinked one by code; then one whose code the
 * province no longer lists by its name (a code changed before any package linked the unit).
 */
function matchUnits(state: OfficeUnitState, list: readonly PackageUnit[]): Map<string, PackageUnit> {
  const theirsById = new Map(list.map((u) => [u.id, u]));
  const linkOf = new Map(state.links.map((l) => [l.unitId, l]));
  const theirChildren = childrenOf(list);
  const ourChildren = childrenOf(state.units.filter((u) => u.level !== 'khu_dan_cu'));
  const matched = new Map<string, PackageUnit>();
  const taken = new Set<string>(state.links.map((l) => l.provinceUnitId));
  const take = (u: UnitDto, theirs: PackageUnit | undefined) => {
    if (!theirs) return;
    matched.set(u.id, theirs);
    taken.add(theirs.id);
  };
  const byCodeOf = (u: UnitDto, candidates: readonly PackageUnit[]) => {
    const same = candidates.filter((c) => c.code === u.code && !taken.has(c.id));
    // Codes are reused across periods (2025): prefer the one live when ours is live.
    return same.find((c) => (c.validTo === null) === (u.validTo === null)) ?? same[0];
  };
  const matchGroup = (ours: readonly UnitDto[], candidates: readonly PackageUnit[]) => {
    for (const u of ours) {
      const link = linkOf.get(u.id);
      if (link) take(u, theirsById.get(link.provinceUnitId));
    }
    for (const u of ours) if (!linkOf.has(u.id) && u.code !== null) take(u, byCodeOf(u, candidates));
    const ourCodes = new Set(ours.map((u) => u.code));
    for (const u of ours) {
      if (linkOf.has(u.id) || matched.has(u.id) || candidates.some((c) => c.code === u.code)) continue;
      const folded = foldVietnamese(u.name);
      take(
        u,
        candidates.find((c) => !taken.has(c.id) && !ourCodes.has(c.code) && foldVietnamese(c.name) === folded),
      );
    }
  };
  const root = state.units.find((u) => u.id === state.rootId);
  if (!root) return matched;
  matchGroup([root], list);
  const queue = [root];
  while (queue.length > 0) {
    const u = queue.shift()!;
    const children = ourChildren.get(u.id) ?? [];
    const theirs = matched.get(u.id);
    matchGroup(children, theirs ? (theirChildren.get(theirs.id) ?? []) : []);
    queue.push(...children);
  }
  return matched;
}

/** The province's units below (and including) the root's match. */
function scopeOf(list: readonly PackageUnit[], rootMatch: PackageUnit | undefined): Set<string> {
  const scope = new Set<string>();
  if (!rootMatch) return scope;
  const children = childrenOf(list);
  const stack = [rootMatch];
  while (stack.length > 0) {
    const u = stack.pop()!;
    scope.add(u.id);
    stack.push(...(children.get(u.id) ?? []));
  }
  return scope;
}

/** Three-way decision for one field: apply theirs, nothing, or a conflict. */
function decide(ours: string, theirs: string, base: string | null, officeChanged: boolean): 'apply' | 'none' | 'conflict' {
  if (ours === theirs) return 'none';
  if (base !== null) {
    if (ours === base) return 'apply';
    if (theirs === base) return 'none';
    return 'conflict';
  }
  return officeChanged ? 'conflict' : 'apply';
}

const blank = {
  newKind: null,
  parentUnitId: null,
  parentKey: null,
  validFrom: null,
  applicable: true,
  conflict: null,
  ours: null,
  holderId: null,
} as const;

function changesOfMatch(state: OfficeUnitState, u: UnitDto, p: PackageUnit, link: UnitLink | undefined): UnitChange[] {
  const out: UnitChange[] = [];
  const common = { unitId: u.id, provinceUnitId: p.id, code: p.code, name: u.name };
  if (p.validTo !== null && u.validTo === null) {
    // Ended at the province (and not reopened here after an earlier package ended it).
    if (link?.validTo === p.validTo) return out;
    const root = u.id === state.rootId;
    out.push({ ...blank, ...common, key: `ended:${p.id}`, kind: 'ended', before: null, after: p.validTo, applicable: !root });
    return out;
  }
  if (u.validTo !== null) return out; // ended here: its name and code are history
  const label = (x: { name: string; kind: string }) => `${x.kind}\u0000${x.name}`;
  const labelDecision = decide(label(u), label(p), link ? label(link) : null, state.relabelledByOffice.has(u.id));
  if (labelDecision !== 'none') {
    out.push({
      ...blank,
      ...common,
      key: `renamed:${p.id}`,
      kind: 'renamed',
      before: u.name,
      after: p.name,
      newKind: p.kind,
      conflict: labelDecision === 'conflict' ? 'office-changed' : null,
      ours: labelDecision === 'conflict' ? u.name : null,
    });
  }
  const codeDecision = decide(u.code ?? '', p.code, link ? link.code : null, state.recodedByOffice.has(u.id));
  if (codeDecision !== 'none') {
    out.push({
      ...blank,
      ...common,
      key: `recoded:${p.id}`,
      kind: 'recoded',
      before: u.code,
      after: p.code,
      conflict: codeDecision === 'conflict' ? 'office-changed' : null,
      ours: codeDecision === 'conflict' ? u.code : null,
    });
  }
  return out;
}

/** Province units in scope, live, with no office unit: added under their parent's match, parents first. */
function additions(list: readonly PackageUnit[], scope: ReadonlySet<string>, officeOf: ReadonlyMap<string, string>): UnitChange[] {
  const out: UnitChange[] = [];
  const adding = new Set<string>();
  const pending = list.filter((p) => scope.has(p.id) && p.validTo === null && !officeOf.has(p.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of pending) {
      if (adding.has(p.id) || p.parentId === null) continue;
      const parentUnitId = officeOf.get(p.parentId) ?? null;
      if (parentUnitId === null && !adding.has(p.parentId)) continue;
      adding.add(p.id);
      grew = true;
      out.push({
        ...blank,
        key: `added:${p.id}`,
        kind: 'added',
        unitId: null,
        provinceUnitId: p.id,
        code: p.code,
        name: p.name,
        before: null,
        after: p.name,
        newKind: p.kind,
        parentUnitId,
        parentKey: parentUnitId === null ? `added:${p.parentId}` : null,
        validFrom: p.validFrom,
      });
    }
  }
  return out;
}

/**
 * A province code (re-code or added unit) that another live office unit under the same parent
 * holds, and keeps after the plan: applying it needs that unit to give the code up.
 */
function markCodeTaken(state: OfficeUnitState, changes: UnitChange[]): void {
  const byId = new Map(state.units.map((u) => [u.id, u]));
  const ending = new Set(changes.filter((c) => c.kind === 'ended' && c.applicable).map((c) => c.unitId));
  const recodedAway = new Set(changes.filter((c) => c.kind === 'recoded' && c.conflict === null).map((c) => c.unitId));
  for (const c of changes) {
    if (c.conflict !== null || (c.kind !== 'recoded' && c.kind !== 'added')) continue;
    const parentId = c.kind === 'added' ? c.parentUnitId : (byId.get(c.unitId!)?.parentId ?? null);
    if (parentId === null) continue;
    const holder = state.units.find(
      (s) =>
        s.parentId === parentId &&
        s.id !== c.unitId &&
        s.validTo === null &&
        s.code === c.code &&
        !ending.has(s.id) &&
        !recodedAway.has(s.id),
    );
    if (holder) {
      c.conflict = 'code-taken';
      c.ours = holder.name;
      c.holderId = holder.id;
    }
  }
}

export function planUnitChanges(state: OfficeUnitState, units: PackagePayload['units']): UnitPlan {
  const total = units.list.length;
  if (units.era !== state.era) return { era: units.era, compared: false, total, changes: [], matches: [], added: new Map() };
  const matchedBy = matchUnits(state, units.list);
  const scope = scopeOf(units.list, matchedBy.get(state.rootId));
  const linkOf = new Map(state.links.map((l) => [l.unitId, l]));
  const matches: UnitPlan['matches'] = [];
  const officeOf = new Map<string, string>();
  const changes: UnitChange[] = [];
  for (const [unitId, theirs] of matchedBy) {
    if (!scope.has(theirs.id)) continue; // moved out of the office's scope at the province: ignored
    matches.push({ unitId, theirs });
    officeOf.set(theirs.id, unitId);
    changes.push(
      ...changesOfMatch(
        state,
        state.units.find((u) => u.id === unitId)!,
        theirs,
        linkOf.get(unitId),
      ),
    );
  }
  const adds = additions(units.list, scope, officeOf);
  changes.push(...adds);
  const theirsById = new Map(units.list.map((p) => [p.id, p]));
  const added = new Map(adds.map((c) => [c.key, theirsById.get(c.provinceUnitId!)!]));
  for (const u of state.units) {
    if (u.level === 'khu_dan_cu' || u.code === null || u.validTo !== null || matchedBy.has(u.id)) continue;
    if (!inTree(state, u)) continue;
    changes.push({
      ...blank,
      key: `missing:${u.id}`,
      kind: 'missing',
      unitId: u.id,
      provinceUnitId: null,
      code: u.code,
      name: u.name,
      before: null,
      after: null,
      applicable: false,
    });
  }
  markCodeTaken(state, changes);
  changes.sort((a, b) => byCode(a, b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { era: units.era, compared: true, total, changes, matches, added };
}

function inTree(state: OfficeUnitState, u: UnitDto): boolean {
  const byId = new Map(state.units.map((x) => [x.id, x]));
  for (let cur: UnitDto | undefined = u; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    if (cur.id === state.rootId) return true;
  }
  return false;
}
