/**
 * Which subjects of the board a change can move (issue 16 item 2): from the slices read again since
 * the last load and the rows the commits touched, the units, organisations and subjects the changed
 * records sit at — in the old records and in the new ones, since a record may move — and from those
 * the subjects whose facts or board row read them. Everything else keeps its verdicts and row.
 *
 * A subject reads (evaluation-facts.build.ts): the incidents, propaganda sessions, tips and models
 * of the units in its scope (`scopeOf`: its subtree and the units it carries after a merge), or, for
 * an organisation, the rows naming it; the team ratings and sub-units in its subtree; the households
 * of its own unit; its own (and, after a merge, its predecessors') registrations, attestations,
 * overrides, figures and declarations; a commune also its sub-units' registrations and decisions
 * (evaluation-affected.ts). So a unit maps to every unit subject whose scope or subtree holds it, an
 * organisation to itself, and a subject's own record to `affectedSubjects` plus every unit subject
 * whose scope holds the subject's unit. Over-reaching costs a few evaluations; falling short would
 * show a stale verdict, so when in doubt the answer is 'all'.
 */
import { affectedSubjects } from './evaluation-affected';
import { scopeOf, subjectKey, subtreeOf, type YearData } from './evaluation-facts.data';
import { SLICE_TABLES, type SliceName } from './evaluation-facts.slices';
import type { SubjectType } from '../../../shared/domain/evaluation';

/** Per table, the keys of the rows written ('all': the commit did not say which). */
export type Touches = Map<string, Set<string> | 'all'>;

/** Slices that change the subjects, the scopes or the rules: a change there recomputes the year. */
export const STRUCTURAL: ReadonlySet<SliceName> = new Set<SliceName>(['units', 'orgs']);

interface Places {
  units: Set<string>;
  orgs: Set<string>;
  /** "type:id" of the subjects whose own records changed. */
  subjects: Set<string>;
}

function changedKeys<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || JSON.stringify(v) !== JSON.stringify(w)) out.push(k);
  }
  for (const k of b.keys()) if (!a.has(k)) out.push(k);
  return out;
}

const byId = <T>(rows: readonly T[], id: (t: T) => string) => new Map(rows.map((r) => [id(r), r]));

/** Rows of a big slice (the two-year window) looked up by the ids the commits touched. */
function rowsTouched(name: 'incidents' | 'propaganda' | 'tips', old: YearData, next: YearData, touches: Touches, places: Places): boolean {
  const ids = touches.get(SLICE_TABLES[name][0]!);
  if (ids === undefined || ids === 'all') return false;
  for (const rows of [old[name], next[name]] as { id: string; unitId: string; organizationId?: string | null }[][]) {
    for (const r of rows) {
      if (!ids.has(r.id)) continue;
      places.units.add(r.unitId);
      if (r.organizationId) places.orgs.add(r.organizationId);
    }
  }
  return true;
}

/** Where the changed records of one slice sit; false when that cannot be said. */
function placesOf(name: SliceName, old: YearData, next: YearData, touches: Touches, places: Places): boolean {
  const ofSubjectKey = (k: string) => places.subjects.add(k.split(':').slice(0, 2).join(':'));
  switch (name) {
    case 'incidents':
    case 'propaganda':
    case 'tips':
      return rowsTouched(name, old, next, touches, places);
    case 'registrations':
    case 'figures':
    case 'attestations':
    case 'overrides':
    case 'declarations':
      changedKeys<unknown>(old[name], next[name]).forEach(ofSubjectKey);
      return true;
    case 'households':
      for (const u of changedKeys(old.households, next.households)) places.units.add(u);
      return true;
    case 'models': {
      const a = byId(old.models, (m) => m.id);
      const b = byId(next.models, (m) => m.id);
      for (const id of changedKeys(a, b)) {
        for (const m of [a.get(id), b.get(id)]) {
          if (!m) continue;
          places.units.add(m.originUnitId);
          for (const s of m.sites) {
            places.units.add(s.unitId);
            if (s.organizationId) places.orgs.add(s.organizationId);
          }
        }
      }
      return true;
    }
    case 'teamRatings': {
      const a = byId(old.teamRatings, (r) => r.ratingId);
      const b = byId(next.teamRatings, (r) => r.ratingId);
      for (const id of changedKeys(a, b)) for (const r of [a.get(id), b.get(id)]) if (r) places.units.add(r.unitId);
      return true;
    }
    default:
      return false;
  }
}

const HOLDERS = new WeakMap<readonly unknown[], Map<string, string[]>>();

/**
 * Unit → the unit subjects whose scope (with merges) or subtree holds it. A function of the units,
 * the lineage and the subjects: kept per subjects array (the cache keeps that array while the units
 * and organisations are unchanged).
 */
function scopeHolders(data: YearData): Map<string, string[]> {
  const known = HOLDERS.get(data.subjects);
  if (known) return known;
  const out = new Map<string, string[]>();
  HOLDERS.set(data.subjects, out);
  for (const s of data.subjects) {
    if (s.type !== 'unit') continue;
    const key = subjectKey(s.type, s.id);
    for (const u of new Set([...scopeOf(data, s.id), ...subtreeOf(data, s.id)])) {
      const list = out.get(u);
      if (list) list.push(key);
      else out.set(u, [key]);
    }
  }
  return out;
}

/** The keys ("type:id") of the subjects the change can move, or 'all'. */
export function touchedSubjects(
  old: YearData,
  next: YearData,
  changed: readonly SliceName[],
  touches: Touches | 'all',
): Set<string> | 'all' {
  if (touches === 'all' || changed.some((n) => STRUCTURAL.has(n))) return 'all';
  const places: Places = { units: new Set(), orgs: new Set(), subjects: new Set() };
  for (const name of changed) if (!placesOf(name, old, next, touches, places)) return 'all';
  const out = new Set<string>();
  if (places.units.size + places.orgs.size + places.subjects.size === 0) return out;
  const holders = scopeHolders(next);
  const holdersOf = (unitId: string | undefined) => {
    if (unitId !== undefined) for (const k of holders.get(unitId) ?? []) out.add(k);
  };
  for (const u of places.units) holdersOf(u);
  for (const o of places.orgs) out.add(subjectKey('organization', o));
  const keys = [...places.subjects].map((k) => {
    const [subjectType, subjectId] = k.split(':') as [SubjectType, string];
    return { subjectType, subjectId };
  });
  const orgUnit = new Map([...old.orgs, ...next.orgs].map((o) => [o.id, o.unitId]));
  for (const k of keys) {
    out.add(subjectKey(k.subjectType, k.subjectId));
    holdersOf(k.subjectType === 'unit' ? k.subjectId : orgUnit.get(k.subjectId));
  }
  if (keys.length > 0) for (const data of [old, next]) for (const s of affectedSubjects(data, keys)) out.add(subjectKey(s.type, s.id));
  return out;
}
