/**
 * The criteria engine (domain.md §5): `evaluate(ruleSets, facts, settings, overrides)` gives, for
 * one unit and year, a result per criterion — verdict, the value found, the threshold, where the
 * value came from, what is missing, an explanation in Vietnamese — and the unit's overall result.
 *
 * Verdicts: 'dat' | 'khong_dat' | 'khong_ap_dung' | 'thieu_du_lieu'. Overall: 'dat' only when every
 * applicable criterion passes; 'chua_dat' as soon as one fails; otherwise 'thieu_du_lieu' while an
 * input is missing. A failure dominates missing input inside a criterion too (one late document
 * fails the Q1 rule whatever the other document says), so adding evidence can only move a verdict
 * from missing to decided, never from pass to fail.
 *
 * Pure and deterministic: no clock, no ids; sources are sorted, so the order of records, excuses,
 * sub-units or attestations in the facts never shows in the result. A person's override keeps the
 * computed verdict beside the overriding one, with the reason, who and when.
 *
 * What the facts builder (backend) decides, documented here because the engine relies on it: the
 * incident table lists the completeness groups not known to be entered (`missingGroups`);
 * previous-year counts are rolled up through merges onto the unit; a commune's subUnits come from
 * `buildSubUnitFacts` over the residential areas and organisations under its authority, evaluated
 * first (`evaluationOrder`).
 *
 * The rule types live in rules-basic.ts (ATTESTED, DATE_IN_Q1, MIN, RATING), rules-incidents.ts
 * (ZERO, CMP_PREV) and rules-ratios.ts (PCT, XA-4); this module applies them and sums up.
 */
import { formatDateVi } from '../../lib/dates';
import { normaliseSources, type Override, type Overrides, type SourceRef, type UnitFacts } from './facts';
import type { Outcome } from './outcome';
import { ruleSetHash, compareRuleSets, type Rule, type RuleSet } from './ruleset';
import { attested, dateInQ1, min, rating } from './rules-basic';
import { cmpPrev, zero } from './rules-incidents';
import { pct } from './rules-ratios';
import { intText, listNames } from './text';
import {
  DEFAULT_SETTINGS,
  EVALUATED_KIND_LABELS,
  FLAG_INFO,
  VERDICTS,
  type EvaluatedKind,
  type EvaluationSettings,
  type OverallResult,
  type RuleType,
  type Verdict,
} from './vocabulary';

export { evaluationOrder, evaluationStage, buildSubUnitFacts } from './commune';
export { meetsPercent } from './rules-ratios';

export class CriteriaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CriteriaError';
  }
}

export interface RuleResult {
  ruleId: string;
  ruleSetId: string;
  clause: string;
  title: string;
  /** The criterion in words, as the rule set states it (kept so a frozen result reads alone). */
  description: string;
  type: RuleType;
  /** The verdict that counts: the override's when there is one. */
  verdict: Verdict;
  /** What the engine found from the facts. */
  computedVerdict: Verdict;
  override?: Override;
  value: string;
  threshold: string;
  explanation: string;
  sources: SourceRef[];
  missing: string[];
}

export interface RuleSetRef {
  id: string;
  name: string;
  version: string;
  hash: string;
  example: boolean;
}

export interface EvaluationResult {
  formatVersion: 1;
  unitId: string;
  unitName: string;
  unitKind: EvaluatedKind;
  year: number;
  ruleSets: RuleSetRef[];
  settings: EvaluationSettings;
  rules: RuleResult[];
  overall: OverallResult;
  summary: string;
  counts: Record<Verdict, number>;
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Not-applicable conditions

type Applicability = { kind: 'applies' } | { kind: 'na'; reason: string } | { kind: 'unknown'; missing: string[] };

/** Whether the rule applies to the unit (its notApplicableIf conditions on the unit's flags). */
export function applicability(rule: Rule, facts: UnitFacts): Applicability {
  const missing: string[] = [];
  for (const c of rule.notApplicableIf ?? []) {
    const v = facts.flags[c.flag];
    if (v === undefined) {
      missing.push(`Thông tin "${FLAG_INFO[c.flag].label}"`);
      continue;
    }
    if (v === c.equals) return { kind: 'na', reason: v ? FLAG_INFO[c.flag].whenTrue : FLAG_INFO[c.flag].whenFalse };
  }
  return missing.length ? { kind: 'unknown', missing } : { kind: 'applies' };
}

function compute(rule: Rule, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const app = applicability(rule, facts);
  if (app.kind === 'na') {
    return {
      verdict: 'khong_ap_dung',
      value: '—',
      threshold: '—',
      explanation: `Không áp dụng vì ${app.reason}.`,
      sources: [],
      missing: [],
    };
  }
  if (app.kind === 'unknown') {
    return {
      verdict: 'thieu_du_lieu',
      value: '—',
      threshold: '—',
      explanation: `Thiếu dữ liệu: chưa xác định được tiêu chí có áp dụng cho đơn vị hay không vì chưa có ${app.missing.map((m) => m.replace(/^Thông tin /, 'thông tin ')).join(', ')}.`,
      sources: [],
      missing: app.missing,
    };
  }
  switch (rule.type) {
    case 'ATTESTED':
      return attested(rule, facts);
    case 'DATE_IN_Q1':
      return dateInQ1(rule, facts);
    case 'ZERO':
      return zero(rule, facts);
    case 'MIN':
      return min(rule, facts);
    case 'PCT':
      return pct(rule, facts, settings);
    case 'CMP_PREV':
      return cmpPrev(rule, facts, settings);
    case 'RATING':
      return rating(rule, facts);
  }
}

// ---------------------------------------------------------------------------------------------
// evaluate

function summaryOf(rules: readonly RuleResult[], overall: OverallResult, counts: Record<Verdict, number>): string {
  const applicable = rules.length - counts.khong_ap_dung;
  const na = counts.khong_ap_dung ? `; ${intText(counts.khong_ap_dung)} tiêu chí không áp dụng` : '';
  const ids = (v: Verdict) =>
    listNames(
      rules.filter((r) => r.verdict === v).map((r) => r.ruleId),
      8,
    );
  if (overall === 'dat') return `Đạt: ${intText(applicable)}/${intText(applicable)} tiêu chí áp dụng đều đạt${na}.`;
  if (overall === 'chua_dat') {
    const more = counts.thieu_du_lieu ? `; còn thiếu dữ liệu ở ${intText(counts.thieu_du_lieu)} tiêu chí (${ids('thieu_du_lieu')})` : '';
    return `Chưa đạt: ${intText(counts.khong_dat)} tiêu chí không đạt (${ids('khong_dat')})${more}.`;
  }
  const missing = `thiếu dữ liệu ở ${intText(counts.thieu_du_lieu)} tiêu chí (${ids('thieu_du_lieu')})`;
  return `Chưa kết luận: ${missing}; ${intText(counts.dat)}/${intText(applicable)} tiêu chí áp dụng đã đạt.`;
}

/**
 * The rule sets in evaluation order, each checked against the unit's kind, and which set owns each
 * criterion id. Throws CriteriaError for a set of another kind or an id in two sets (shared by the
 * full pass and the verdicts-only pass, verdicts.ts, so both refuse the same configurations).
 */
export function checkedSets(
  ruleSets: RuleSet | readonly RuleSet[],
  unitKind: EvaluatedKind,
): { sets: RuleSet[]; owner: Map<string, string> } {
  const sets = (Array.isArray(ruleSets) ? [...(ruleSets as readonly RuleSet[])] : [ruleSets as RuleSet]).sort(compareRuleSets);
  if (sets.length === 0) throw new CriteriaError('Chưa có bộ tiêu chí nào để đánh giá.');
  const kindLabel = EVALUATED_KIND_LABELS[unitKind].toLowerCase();
  const owner = new Map<string, string>();
  for (const rs of sets) {
    if (!rs.unitKinds.includes(unitKind)) throw new CriteriaError(`Bộ tiêu chí "${rs.name}" không áp dụng cho ${kindLabel}.`);
    for (const r of rs.rules) {
      const other = owner.get(r.id);
      if (other !== undefined)
        throw new CriteriaError(`Mã tiêu chí "${r.id}" có trong cả bộ "${other}" và bộ "${rs.id}"; hãy đổi mã trong một bộ.`);
      owner.set(r.id, rs.id);
    }
  }
  return { sets, owner };
}

/** The warnings for overrides of criteria the rule sets in use do not have. */
export function overrideWarnings(overrides: Overrides, owner: ReadonlyMap<string, string>): string[] {
  const ids = Object.keys(overrides);
  // Most subjects have no override: no list to filter, sort and map (the board asks 8,644 times).
  if (ids.length === 0) return [];
  return ids
    .filter((id) => !owner.has(id))
    .sort()
    .map((id) => `Kết quả ghi đè cho tiêu chí "${id}" không thuộc bộ tiêu chí đang dùng nên không được tính.`);
}

/** 'chua_dat' as soon as one criterion fails, else 'thieu_du_lieu' while one is missing, else 'dat'. */
export function overallOf(counts: Readonly<Record<Verdict, number>>): OverallResult {
  return counts.khong_dat > 0 ? 'chua_dat' : counts.thieu_du_lieu > 0 ? 'thieu_du_lieu' : 'dat';
}

/**
 * Evaluates one unit for one year against one or more rule sets (a national set and a province's
 * additions). Throws CriteriaError when a rule set does not apply to the unit's kind or two sets
 * share a criterion id — both are configuration mistakes to show, not results.
 */
export function evaluate(
  ruleSets: RuleSet | readonly RuleSet[],
  facts: UnitFacts,
  settings: EvaluationSettings = DEFAULT_SETTINGS,
  overrides: Overrides = {},
): EvaluationResult {
  const { sets, owner } = checkedSets(ruleSets, facts.unitKind);
  const rules: RuleResult[] = [];
  for (const rs of sets) {
    for (const rule of rs.rules) {
      const o = compute(rule, facts, settings);
      const ov = overrides[rule.id];
      rules.push({
        ruleId: rule.id,
        ruleSetId: rs.id,
        clause: rule.clause,
        title: rule.title,
        description: rule.explanation,
        type: rule.type,
        verdict: ov ? ov.verdict : o.verdict,
        computedVerdict: o.verdict,
        ...(ov ? { override: { ...ov } } : {}),
        value: o.value,
        threshold: o.threshold,
        explanation: o.explanation,
        sources: normaliseSources(o.sources),
        missing: [...new Set(o.missing)],
      });
    }
  }
  const warnings = overrideWarnings(overrides, owner);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, rules.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
  const overall = overallOf(counts);
  return {
    formatVersion: 1,
    unitId: facts.unitId,
    unitName: facts.unitName,
    unitKind: facts.unitKind,
    year: facts.year,
    ruleSets: sets.map((rs) => ({ id: rs.id, name: rs.name, version: rs.version, hash: ruleSetHash(rs), example: rs.example === true })),
    settings: { reducedMeans: settings.reducedMeans, subunitPool: settings.subunitPool },
    rules,
    overall,
    summary: summaryOf(rules, overall, counts),
    counts,
    warnings,
  };
}

/** Which rule set version(s) produced a result, for its header: "tt124-xa (10/02/2022)". */
export function ruleSetsText(result: Pick<EvaluationResult, 'ruleSets'>): string {
  return result.ruleSets.map((r) => `${r.name} (hiệu lực ${formatDateVi(r.version)})${r.example ? ' — ví dụ minh họa' : ''}`).join('; ');
}
