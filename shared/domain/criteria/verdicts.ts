/**
 * The verdicts-only pass of the criteria engine (issue 16): for each criterion its verdict, and the
 * unit's overall result — exactly what `evaluate` (engine.ts) decides, without the values,
 * thresholds, explanations, sources and missing lists it writes. The evaluation board shows only
 * verdicts (failing and missing criteria, overall) for thousands of subjects at once; a subject's
 * sentences are built by `evaluate` when it is opened, exported or frozen.
 *
 * Each check below follows the decision of its rule type in rules-basic.ts, rules-incidents.ts and
 * rules-ratios.ts step by step, sharing their helpers where the decision lives in one (excuses
 * allowed, tallies of sub-units, best and worst case). tests/unit/shared/criteria-verdicts.test.ts
 * proves on generated facts of every shipped rule set, settings and overrides that the verdicts,
 * the overall result and the warnings are the full pass's.
 */
import type { IncidentCategory } from '../activities';
import { allowedExcuses } from '../incident-categories';
import { checkedSets, overallOf, overrideWarnings } from './engine';
import { firstQuarter, type IncidentFact, type IncidentTable, type Overrides, type UnitFacts } from './facts';
import type { Rule, RuleOf, RuleSet } from './ruleset';
import { unknownIn } from './rules-incidents';
import { add, meetsPercent, stateOf, tallyOf, ZERO_TALLY, type Tally } from './rules-ratios';
import {
  DEFAULT_SETTINGS,
  SCALE_INFO,
  SUB_UNIT_CATEGORIES,
  SUB_UNIT_CATEGORY_LABELS,
  type EvaluatedKind,
  type EvaluationSettings,
  type OverallResult,
  type Verdict,
} from './vocabulary';

/**
 * One criterion's verdicts: the one that counts (an override's when there is one) and the computed one.
 * Shared and frozen (`ruleVerdictOf`): never changed in place.
 */
export interface RuleVerdict {
  readonly ruleId: string;
  readonly verdict: Verdict;
  readonly computedVerdict: Verdict;
}

const VERDICT_AT: Readonly<Record<Verdict, number>> = { dat: 0, khong_dat: 1, khong_ap_dung: 2, thieu_du_lieu: 3 };
/** Per criterion id, its at most 16 verdict pairs (4 verdicts × 4 computed verdicts). */
const sharedVerdicts = new Map<string, (RuleVerdict | undefined)[]>();

/**
 * The one frozen RuleVerdict of a criterion and pair of verdicts (h21-board). A province's board
 * keeps ≈ 20 per subject for 8,644 subjects: one object each was ≈ 170,000 objects the board keeps,
 * which every scavenge copied. The values are the same, and so is their JSON; the objects are
 * shared, so they are frozen. Bounded by the criteria ids of the rule sets in use, 16 per id.
 */
export function ruleVerdictOf(ruleId: string, verdict: Verdict, computedVerdict: Verdict): RuleVerdict {
  let pairs = sharedVerdicts.get(ruleId);
  if (!pairs) sharedVerdicts.set(ruleId, (pairs = []));
  const at = VERDICT_AT[verdict] * 4 + VERDICT_AT[computedVerdict];
  return (pairs[at] ??= Object.freeze({ ruleId, verdict, computedVerdict }));
}

/** What the board needs of a result: `EvaluationResult` restricted to its verdicts. */
export interface VerdictResult {
  unitId: string;
  unitKind: EvaluatedKind;
  year: number;
  rules: RuleVerdict[];
  overall: OverallResult;
  counts: Record<Verdict, number>;
  warnings: string[];
}

function dateInQ1(rule: RuleOf<'DATE_IN_Q1'>, facts: UnitFacts): Verdict {
  const q = firstQuarter(facts.year);
  let missing = false;
  for (const kind of rule.params.documents) {
    const d = facts.documents[kind];
    if (d === undefined) missing = true;
    else if (d === null || d.date < q.from || d.date > q.to) return 'khong_dat';
  }
  return missing ? 'thieu_du_lieu' : 'dat';
}

function min(rule: RuleOf<'MIN'>, facts: UnitFacts): Verdict {
  const f = facts.counts[rule.params.count];
  if (!f) return 'thieu_du_lieu';
  return f.value >= rule.params.min ? 'dat' : 'khong_dat';
}

function rating(rule: RuleOf<'RATING'>, facts: UnitFacts): Verdict {
  const { subject, scale, min: minLevel, orTitles } = rule.params;
  const f = facts.ratings[subject];
  if (!f || f.scale !== scale) return 'thieu_du_lieu';
  if ((f.titles ?? []).some((t) => orTitles?.includes(t))) return 'dat';
  if (f.level === null) return 'thieu_du_lieu';
  const levels = SCALE_INFO[scale].levels;
  return levels.indexOf(f.level) <= levels.indexOf(minLevel) ? 'dat' : 'khong_dat';
}

/** Occurrences of a category not covered by an excuse with an allowed ground (as countCategory counts them). */
function uncovered(c: IncidentCategory, f: IncidentFact, honour: boolean): number {
  const allowed = honour ? allowedExcuses(c) : [];
  let claimed = 0;
  for (const e of f.excuses ?? []) if (allowed.includes(e.excuse)) claimed += e.count;
  return f.count - Math.min(claimed, f.count);
}

function zero(rule: RuleOf<'ZERO'>, facts: UnitFacts): Verdict {
  const honour = rule.params.honourExcuses !== false;
  let counted = 0;
  let missing = false;
  if (rule.params.incidents) {
    const table = facts.incidents;
    if (!table) missing = true;
    else {
      for (const c of rule.params.incidents) {
        const f = table.byCategory[c];
        if (unknownIn(table, c)) missing = true;
        if (!f || f.count === 0) continue;
        counted += uncovered(c, f, honour);
      }
    }
  }
  for (const k of rule.params.counts ?? []) {
    const f = facts.counts[k];
    if (!f) missing = true;
    else if (f.value > 0) counted += f.value;
  }
  return counted > 0 ? 'khong_dat' : missing ? 'thieu_du_lieu' : 'dat';
}

function cmpPrev(rule: RuleOf<'CMP_PREV'>, facts: UnitFacts, settings: EvaluationSettings): Verdict {
  const cur = facts.incidents;
  const prev = facts.previousIncidents;
  if (!cur || !prev) return 'thieu_du_lieu';
  const lte = settings.reducedMeans === 'lte';
  const passes = (c: number, p: number) => (c === 0 && p === 0) || (lte ? c <= p : c < p);
  const sum = (table: IncidentTable, categories: readonly IncidentCategory[]) => {
    let count = 0;
    let unknown = false;
    for (const c of categories) {
      if (unknownIn(table, c)) unknown = true;
      count += table.byCategory[c]?.count ?? 0;
    }
    return { count, unknown };
  };
  let missing = false;
  let failing = false;
  let c = 0;
  let p = 0;
  for (const g of rule.params.groups) {
    const a = sum(cur, g.incidents);
    const b = sum(prev, g.incidents);
    if (a.unknown || b.unknown) missing = true;
    else if (!passes(a.count, b.count)) failing = true;
    c += a.count;
    p += b.count;
  }
  if ((rule.params.compare ?? 'per_group') === 'per_group') return failing ? 'khong_dat' : missing ? 'thieu_du_lieu' : 'dat';
  if (missing) return 'thieu_du_lieu';
  return passes(c, p) ? 'dat' : 'khong_dat';
}

function ownPct(rule: RuleOf<'PCT'>, facts: UnitFacts): Verdict {
  const key = rule.params.ratio;
  const [num, den] =
    key === 'ho_gia_dinh'
      ? [facts.households?.registered, facts.households?.residing]
      : key === 'quan_triet'
        ? [facts.staff?.briefed, facts.staff?.total]
        : [facts.departments?.good, facts.departments?.total];
  if (num === undefined || den === undefined) return 'thieu_du_lieu';
  if (den === 0) return rule.params.zeroDenominator ?? 'khong_ap_dung';
  if (num > den) return 'thieu_du_lieu';
  return meetsPercent(num, den, rule.params.min) ? 'dat' : 'khong_dat';
}

function subUnitPct(rule: RuleOf<'PCT'>, facts: UnitFacts, settings: EvaluationSettings): Verdict {
  const sub = facts.subUnits;
  if (!sub) return 'thieu_du_lieu';
  const recognition = rule.params.ratio === 'don_vi_cong_nhan';
  const p = rule.params.min;
  const pooled = settings.subunitPool === 'pooled';
  const hasArea = (sub.khu_dan_cu?.eligible ?? 0) > 0;
  const tallies: Tally[] = [];
  for (const cat of SUB_UNIT_CATEGORIES) {
    const f = sub[cat];
    if (!f || (f.eligible === 0 && !f.unknownEligibility?.total)) continue;
    tallies.push(tallyOf(cat, f, recognition));
  }
  const total = tallies.reduce(add, ZERO_TALLY);
  if (total.den === 0 && total.unkYes + total.unkUndecided + total.unkNo === 0) {
    // 0/0: the rule set's policy, unless no residential area is listed (then never decided).
    return hasArea ? (rule.params.zeroDenominator ?? 'khong_ap_dung') : 'thieu_du_lieu';
  }
  const states = (pooled ? [total] : tallies).map((t) => stateOf(t, p));
  const verdict: Verdict = states.includes('khong_dat') ? 'khong_dat' : states.includes('thieu_du_lieu') ? 'thieu_du_lieu' : 'dat';
  if (hasArea) return verdict;
  // With no residential area listed, only a failure no residential area could repair stands.
  const certainFail =
    verdict === 'khong_dat' && (pooled ? p >= 100 : !tallies.some((t) => t.label === SUB_UNIT_CATEGORY_LABELS.khu_dan_cu));
  return certainFail ? 'khong_dat' : 'thieu_du_lieu';
}

/**
 * `applicability` (engine.ts) reduced to its verdict, without allocating: 'khong_ap_dung' at the
 * first condition met, else 'thieu_du_lieu' when a flag is unknown, else null (the rule applies).
 */
function notApplicable(rule: Rule, facts: UnitFacts): Verdict | null {
  const conditions = rule.notApplicableIf;
  if (!conditions) return null;
  let unknown = false;
  for (const c of conditions) {
    const v = facts.flags[c.flag];
    if (v === undefined) unknown = true;
    else if (v === c.equals) return 'khong_ap_dung';
  }
  return unknown ? 'thieu_du_lieu' : null;
}

/** The verdict `evaluate` computes for one criterion (before any override). */
export function ruleVerdict(rule: Rule, facts: UnitFacts, settings: EvaluationSettings): Verdict {
  const na = notApplicable(rule, facts);
  if (na !== null) return na;
  switch (rule.type) {
    case 'ATTESTED': {
      const a = facts.attestations[rule.id];
      return !a ? 'thieu_du_lieu' : a.value ? 'dat' : 'khong_dat';
    }
    case 'DATE_IN_Q1':
      return dateInQ1(rule, facts);
    case 'ZERO':
      return zero(rule, facts);
    case 'MIN':
      return min(rule, facts);
    case 'PCT':
      return rule.params.ratio === 'don_vi_dang_ky' || rule.params.ratio === 'don_vi_cong_nhan'
        ? subUnitPct(rule, facts, settings)
        : ownPct(rule, facts);
    case 'CMP_PREV':
      return cmpPrev(rule, facts, settings);
    case 'RATING':
      return rating(rule, facts);
  }
}

/** checkedSets' answers per rule-set list and kind, with the list's members when asked (a list changed since is checked again). */
const checked = new WeakMap<object, { members: readonly RuleSet[]; byKind: Map<string, ReturnType<typeof checkedSets>> }>();

/**
 * checkedSets (engine.ts) once per list of rule sets and unit kind: the board evaluates thousands of
 * subjects against the same few lists. The same sets and owners, or the same CriteriaError (a
 * refusal is not kept, so it is thrown again each time).
 */
function checkedSetsOnce(ruleSets: RuleSet | readonly RuleSet[], unitKind: EvaluatedKind): ReturnType<typeof checkedSets> {
  const members: readonly RuleSet[] = Array.isArray(ruleSets) ? (ruleSets as readonly RuleSet[]) : [ruleSets as RuleSet];
  let entry = checked.get(ruleSets);
  if (!entry || entry.members.length !== members.length || entry.members.some((m, i) => m !== members[i])) {
    entry = { members: [...members], byKind: new Map() };
    checked.set(ruleSets, entry);
  }
  let r = entry.byKind.get(unitKind);
  if (!r) entry.byKind.set(unitKind, (r = checkedSets(ruleSets, unitKind)));
  return r;
}

/**
 * `evaluate` (engine.ts) restricted to its verdicts: the same rule sets refused with the same
 * CriteriaError, the same verdicts, overall result and warnings.
 */
export function evaluateVerdicts(
  ruleSets: RuleSet | readonly RuleSet[],
  facts: UnitFacts,
  settings: EvaluationSettings = DEFAULT_SETTINGS,
  overrides: Overrides = {},
): VerdictResult {
  const { sets, owner } = checkedSetsOnce(ruleSets, facts.unitKind);
  let size = 0;
  for (const rs of sets) size += rs.rules.length;
  // Sized once (a push grows the array past its length, and the board keeps it).
  const rules = new Array<RuleVerdict>(size);
  let at = 0;
  let dat = 0;
  let khongDat = 0;
  let na = 0;
  let missing = 0;
  for (const rs of sets) {
    for (const rule of rs.rules) {
      const computed = ruleVerdict(rule, facts, settings);
      const verdict = overrides[rule.id]?.verdict ?? computed;
      if (verdict === 'dat') dat++;
      else if (verdict === 'khong_dat') khongDat++;
      else if (verdict === 'khong_ap_dung') na++;
      else missing++;
      rules[at++] = ruleVerdictOf(rule.id, verdict, computed);
    }
  }
  // In VERDICTS' order, as `evaluate` writes its counts.
  const counts: Record<Verdict, number> = { dat, khong_dat: khongDat, khong_ap_dung: na, thieu_du_lieu: missing };
  return {
    unitId: facts.unitId,
    unitKind: facts.unitKind,
    year: facts.year,
    rules,
    overall: overallOf(counts),
    counts,
    warnings: overrideWarnings(overrides, owner),
  };
}
