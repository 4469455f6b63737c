/**
 * A commune's result depends on the same year's results below it (TT124 art. 5.4, domain.md §5.6
 * N5): this module orders a set of units so everything a commune needs is evaluated before it, and
 * turns the residential areas' and organisations' registrations and recognitions into the commune's
 * `subUnits` fact.
 */
import { ORG_KINDS, type OrgKind } from '../organizations';
import { levelOfKind, UNIT_KINDS, type UnitKind } from '../units';
import { normaliseSources, type SourceRef, type SubUnitCategoryFact, type UnitFacts } from './facts';
import { SUB_UNIT_CATEGORIES, type OverallResult, type SubUnitCategory } from './vocabulary';

/** Unit kinds as the registry stores them, organisation kinds, or the residential level as a whole. */
export type OrderKind = UnitKind | OrgKind | 'khu_dan_cu';

/**
 * 0: residential areas and organisations (decided by 15/11 and 20/11); 1: communes, which need
 * them; 2: districts; 3: provinces (aggregates only).
 */
export function evaluationStage(kind: OrderKind): number {
  if (kind === 'khu_dan_cu' || (ORG_KINDS as readonly string[]).includes(kind)) return 0;
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown unit kind ${kind}`);
  switch (levelOfKind(kind as UnitKind)) {
    case 'khu_dan_cu':
      return 0;
    case 'xa':
      return 1;
    case 'huyen':
      return 2;
    case 'tinh':
      return 3;
  }
}

/** The units in the order to evaluate them: by stage, then by id (the same order for any input order). */
export function evaluationOrder<T extends { id: string; kind: OrderKind }>(units: readonly T[]): T[] {
  return units
    .map((u) => ({ u, stage: evaluationStage(u.kind) }))
    .sort((a, b) => a.stage - b.stage || (a.u.id < b.u.id ? -1 : a.u.id > b.u.id ? 1 : 0))
    .map((x) => x.u);
}

/** A residential area or organisation under a commune, as the commune's XA-4 sees it. */
export interface SubUnitStatus {
  unitId: string;
  name: string;
  category: SubUnitCategory;
  /**
   * Within TT124's scope (an organisation's eligibility); out-of-scope ones are not counted at all.
   * 'unknown': the scope cannot be decided yet (an enterprise without size data) — listed apart.
   */
  eligible: boolean | 'unknown';
  /** Registered for the year (Q1 registration recorded). */
  registered: boolean;
  /** The recognition decision, once taken. */
  decision?: 'cong_nhan' | 'khong_cong_nhan' | undefined;
  /** The unit's own computed result for the same year (used only with basis 'ket_qua'). */
  overall?: OverallResult | undefined;
}

/**
 * What counts as "recognised" for XA-4b:
 *  - 'quyet_dinh' (default, for the real evaluation): only a recognition decision; a registered unit
 *    without one is undecided, and XA-4b stays "thiếu dữ liệu" while the undecided could still
 *    change the answer;
 *  - 'ket_qua' (a preview before decisions): the decision when taken, otherwise the unit's computed
 *    result ('dat' → recognised, 'chua_dat' → not, missing → undecided).
 */
export type RecognitionBasis = 'quyet_dinh' | 'ket_qua';

/** The commune's `subUnits` fact from its sub-units' statuses of the same year. */
function recognitionOf(it: SubUnitStatus, basis: RecognitionBasis): boolean | null {
  if (it.decision !== undefined) return it.decision === 'cong_nhan';
  if (basis === 'ket_qua' && it.overall !== undefined && it.overall !== 'thieu_du_lieu') return it.overall === 'dat';
  return null;
}

type Unknown = NonNullable<SubUnitCategoryFact['unknownEligibility']>;
interface CategoryAcc {
  f: SubUnitCategoryFact;
  sources: SourceRef[];
  unregistered: SourceRef[];
  undecided: SourceRef[];
  unknown: Unknown;
}

export function buildSubUnitFacts(
  items: readonly SubUnitStatus[],
  basis: RecognitionBasis = 'quyet_dinh',
): NonNullable<UnitFacts['subUnits']> {
  const acc = new Map<SubUnitCategory, CategoryAcc>();
  for (const it of items) {
    if (it.eligible === false) continue;
    let a = acc.get(it.category);
    if (!a) {
      a = {
        f: { eligible: 0, registered: 0, recognised: 0, undecided: 0 },
        sources: [],
        unregistered: [],
        undecided: [],
        unknown: { total: 0, registered: 0, recognised: 0, undecided: 0, units: [] },
      };
      acc.set(it.category, a);
    }
    const ref: SourceRef = { kind: 'unit', id: it.unitId, label: it.name };
    const recognised = it.registered ? recognitionOf(it, basis) : false;
    if (it.eligible === 'unknown') {
      a.unknown.total += 1;
      a.unknown.units.push(ref);
      if (it.registered) a.unknown.registered += 1;
      if (recognised === true) a.unknown.recognised += 1;
      else if (recognised === null) a.unknown.undecided += 1;
      continue;
    }
    a.f.eligible += 1;
    a.sources.push(ref);
    if (!it.registered) {
      a.unregistered.push(ref);
      continue;
    }
    a.f.registered += 1;
    if (recognised === true) a.f.recognised += 1;
    else if (recognised === null) {
      a.f.undecided += 1;
      a.undecided.push(ref);
    }
  }
  const out: NonNullable<UnitFacts['subUnits']> = {};
  for (const cat of SUB_UNIT_CATEGORIES) {
    const a = acc.get(cat);
    if (!a) continue;
    out[cat] = {
      ...a.f,
      sources: normaliseSources(a.sources),
      ...(a.unregistered.length ? { unregisteredUnits: normaliseSources(a.unregistered) } : {}),
      ...(a.undecided.length ? { undecidedUnits: normaliseSources(a.undecided) } : {}),
      ...(a.unknown.total ? { unknownEligibility: { ...a.unknown, units: normaliseSources(a.unknown.units) } } : {}),
    };
  }
  return out;
}
