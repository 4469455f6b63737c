/**
 * The year's records as the facts builder holds them in memory (`YearData`, read once by
 * `loadYear` in evaluation-facts.service.ts), the evaluated subjects, and the scope helpers every
 * part of the builder shares.
 */
import type { StoredAttestation, StoredFigures, StoredOverride, StoredRegistration } from '../repos/evaluation.repo';
import type { FactsIncidentRow, FactsTeamRating, StoredDeclaration } from '../repos/evaluation-facts.repo';
import type { LiveUnit } from '../repos/unit-history.repo';
import type { EvaluatedKind, EvaluationSettings, RuleSet } from '../../../shared/domain/criteria';
import { boardCategoryOf, type BoardCategory, type SubjectType } from '../../../shared/domain/evaluation';
import type { EligibilityStatus, OrgKind } from '../../../shared/domain/organizations';
import type { ScopeLink } from '../../../shared/domain/scope';
import { yearIndex } from './evaluation-facts.index';

export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
  kind: EvaluatedKind;
  category: BoardCategory;
  /** The unit the subject belongs to: itself for units, its location for organisations. */
  unitId: string;
  parentName: string | null;
  /** Organisations only. */
  org?: OrgRow;
}

export const subjectKey = (type: SubjectType, id: string) => `${type}:${id}`;

/** A residential area or commune as a subject of its evaluated kind. */
export function unitSubject(u: { id: string; name: string }, kind: EvaluatedKind, parentName: string | null): Subject {
  return { type: 'unit', id: u.id, name: u.name, kind, category: boardCategoryOf(kind), unitId: u.id, parentName };
}

/** An organisation in TT124's scope as a subject, placed at its unit. */
export function orgSubject(o: OrgRow, parentName: string | null): Subject {
  return {
    type: 'organization',
    id: o.id,
    name: o.name,
    kind: o.kind,
    category: boardCategoryOf(o.kind),
    unitId: o.unitId,
    parentName,
    org: o,
  };
}

export type UnitRow = LiveUnit;

export interface OrgRow {
  id: string;
  name: string;
  kind: OrgKind;
  subKind: string;
  unitId: string;
  managingLevel: string;
  hasPartyOrg: boolean;
  hasSecurityForce: boolean;
  /** Departments (phòng, ban, tổ, đội) as the registry records them, if known. */
  subUnitCount: number | null;
  eligible: boolean;
  /** 'incomplete': in or out of TT124's scope cannot be decided yet (an enterprise without size data). */
  eligibility: EligibilityStatus;
  eligibilityReason: string;
}

export interface ModelRow {
  id: string;
  name: string;
  originUnitId: string;
  /** The rating of the evaluation year, if any ('hieu_qua', 'chua_hieu_qua'). */
  rating: string | null;
  /** Sites active in the year: unit and the organisation record they are in. */
  sites: { unitId: string; organizationId: string | null }[];
}

/** Everything the facts of one year need, read once. */
export interface YearData {
  year: number;
  today: string;
  units: UnitRow[];
  unitsById: Map<string, UnitRow>;
  links: ScopeLink[];
  orgs: OrgRow[];
  subjects: Subject[];
  registrations: Map<string, StoredRegistration>;
  attestations: Map<string, StoredAttestation[]>;
  overrides: Map<string, StoredOverride[]>;
  /** By "type:id:year" for this year and the one before. */
  figures: Map<string, StoredFigures>;
  /** Completeness declarations by "type:id:year", this year and the one before. */
  declarations: Map<string, StoredDeclaration[]>;
  incidents: FactsIncidentRow[];
  households: Map<string, { id: string; households: number | null }>;
  models: ModelRow[];
  teamRatings: FactsTeamRating[];
  propaganda: { id: string; unitId: string; organizationId: string | null; date: string }[];
  tips: { id: string; unitId: string; date: string }[];
  ruleSets: RuleSet[];
  settings: EvaluationSettings;
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** The unit, the units below it and those it carries after a merge (cached per year). */
export function scopeOf(data: YearData, unitId: string): Set<string> {
  return yearIndex(data).scope(unitId);
}

/** The subject's unit subtree without merges (for "inside the commune"). */
export function subtreeOf(data: YearData, unitId: string): Set<string> {
  return yearIndex(data).subtree(unitId);
}

export const inRange = (d: string, r: { from: string; to: string }) => d >= r.from && d <= r.to;
