/**
 * The second form of a frozen result (issue 16: "freezing ≤ 2 × reading its inputs", "a frozen
 * year stores each rule text once"). The first form (freeze.ts, formatVersion 1) sealed, for every
 * subject, the whole result: every criterion's clause, title, description, value, threshold,
 * explanation, sources and missing list (≈ 17 KB of JSON a subject, ≈ 5 KB stored once its texts
 * were referenced, frozen-texts.ts). All of it is what `evaluate` (engine.ts) writes from the
 * subject's facts, its rule sets, the year's settings and the person's overrides.
 *
 * Form 2 seals only those inputs and the decisions taken from them:
 * - per subject (evaluation_frozen_results.content, ≈ 1.6 KB at the 50 k province): in `result`, the
 *   overall result, one letter per criterion for the computed verdict, the references of the rule
 *   sets used (id, name, version, hash, example), the settings and the warnings; beside it the facts,
 *   the overrides and the SHA-256 of the freeze's rule sets as stored;
 * - per freeze (evaluation_freezes.rule_texts, once): the rule sets themselves, in canonical JSON
 *   (`frozenRulesText`).
 * The row's keyed MAC covers the content, so the digest of the rule sets is sealed in every row: a
 * rule set altered outside the app makes every row of the freeze "không xác định", as an altered row
 * does.
 *
 * Read, the full result is computed again from exactly those inputs (`deriveFrozen`) and checked
 * against what was sealed: the rule-set references, each criterion's computed verdict, the overall
 * result. A result that does not come out the same (the engine of a later version decides otherwise)
 * is not shown as the frozen one: the caller says "không xác định" with the reason.
 *
 * The board and the export read only verdicts: `frozenVerdicts` gives them from the sealed letters
 * and overrides without running the engine.
 */
import { canonicalJson } from './hash';
import { checkedSets, evaluate, type EvaluationResult, type RuleSetRef } from './engine';
import type { Overrides, UnitFacts } from './facts';
import { FROZEN_FORMAT, type FrozenResult } from './freeze';
import { compareRuleSets, ruleSetHash, type RuleSet } from './ruleset';
import type { VerdictResult } from './verdicts';
import type { EvaluationSettings, OverallResult, Verdict } from './vocabulary';

export const FROZEN_RULES_FORMAT = 'antq.frozen-rule-sets';

/** One letter per verdict in `computed`. */
const LETTER: Record<Verdict, string> = { dat: 'd', khong_dat: 'k', khong_ap_dung: 'a', thieu_du_lieu: 't' };
const VERDICT_OF: Record<string, Verdict> = { d: 'dat', k: 'khong_dat', a: 'khong_ap_dung', t: 'thieu_du_lieu' };

/** What form 2 seals for one subject (its JSON is the row's content). */
export interface FrozenInputs {
  format: typeof FROZEN_FORMAT;
  formatVersion: 2;
  unitId: string;
  year: number;
  /** What was decided, where form 1 had the whole result (the same member name, so its readers and forgers find it). */
  result: SealedDecisions;
  facts: UnitFacts;
  overrides: Overrides;
  /** SHA-256 (hex) of the freeze's rule sets as stored (evaluation_freezes.rule_texts). */
  rulesDigest: string;
}

/** The decisions of a form-2 row and what they were decided with, besides the facts and overrides. */
export interface SealedDecisions {
  overall: OverallResult;
  /** The computed verdict of each criterion, in the result's order, one letter each. */
  computed: string;
  ruleSets: RuleSetRef[];
  settings: EvaluationSettings;
  warnings: string[];
}

/** The verdicts of a frozen result, what the board compares with today's (compareWithFrozen's input). */
export interface FrozenVerdicts {
  overall: OverallResult;
  rules: { ruleId: string; verdict: Verdict }[];
}

const setKey = (id: string, hash: string) => `${id}@${hash}`;

/** The rule sets a freeze stores once, as text: canonical JSON, sets ordered by id and version. */
export function frozenRulesText(sets: readonly RuleSet[]): string {
  const unique = new Map<string, RuleSet>();
  for (const rs of sets) unique.set(setKey(rs.id, ruleSetHash(rs)), rs);
  const ordered = [...unique.values()].sort((a, b) =>
    a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.version < b.version ? -1 : a.version > b.version ? 1 : 0,
  );
  return canonicalJson({ format: FROZEN_RULES_FORMAT, ruleSets: ordered });
}

/** The rule sets of a freeze stored in form 2, by "id@hash"; null when the text is not that (form 1 texts, damage). */
export function parseFrozenRules(text: string | null): Map<string, RuleSet> | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as { format?: unknown; ruleSets?: unknown };
    if (typeof v !== 'object' || v === null || v.format !== FROZEN_RULES_FORMAT || !Array.isArray(v.ruleSets)) return null;
    const out = new Map<string, RuleSet>();
    for (const rs of v.ruleSets as RuleSet[]) out.set(setKey(rs.id, ruleSetHash(rs)), rs);
    return out;
  } catch {
    return null;
  }
}

/** Whether a freeze's stored text is form 2's rule sets (cheap: its first characters). */
export const isFrozenRulesText = (text: string | null): boolean =>
  text !== null && text.startsWith(`{"format":${JSON.stringify(FROZEN_RULES_FORMAT)}`);

/** The references of the rule sets a result used (what engine.ts writes in result.ruleSets). */
export function ruleSetRefs(sets: readonly RuleSet[]): RuleSetRef[] {
  return [...sets]
    .sort(compareRuleSets)
    .map((rs) => ({ id: rs.id, name: rs.name, version: rs.version, hash: ruleSetHash(rs), example: rs.example === true }));
}

/**
 * The content form 2 seals for one subject (its JSON). `sets` are the rule sets the
 * verdicts were decided with (after the engine's fallback to the national sets, if it fell back),
 * `verdicts` the verdicts-only pass (verdicts.ts: the same decisions and warnings as `evaluate`).
 */
export function sealedInputs(
  facts: UnitFacts,
  overrides: Overrides,
  settings: EvaluationSettings,
  sets: readonly RuleSet[],
  verdicts: Pick<VerdictResult, 'rules' | 'overall' | 'warnings' | 'unitId' | 'year'>,
  rulesDigest: string,
): { content: string; overall: OverallResult } {
  let computed = '';
  for (const r of verdicts.rules) computed += LETTER[r.computedVerdict];
  // Written in this key order (`parseFrozenInputs` knows form 2 by its first characters) with
  // JSON.stringify's fast path. The MAC covers this text as stored, and reading parses it: no one
  // rebuilds it from objects, so it need not be canonical (the facts keep the builder's key order),
  // unlike form 1's FNV-1a of canonical JSON.
  const body: FrozenInputs = {
    format: FROZEN_FORMAT,
    formatVersion: 2,
    unitId: verdicts.unitId,
    year: verdicts.year,
    result: {
      overall: verdicts.overall,
      computed,
      ruleSets: ruleSetRefs(sets),
      settings: { reducedMeans: settings.reducedMeans, subunitPool: settings.subunitPool },
      warnings: verdicts.warnings,
    },
    facts,
    overrides,
    rulesDigest,
  };
  return { content: JSON.stringify(body), overall: verdicts.overall };
}

/** How every form-2 row's text begins. */
export const FORM_2_HEAD = `{"format":${JSON.stringify(FROZEN_FORMAT)},"formatVersion":2,`;

/** A row's content parsed as form 2; null when it is not (form 1, or not an object of that shape). */
export function parseFrozenInputs(content: string): FrozenInputs | null {
  // Both forms start with their format and version (form 1: JSON.stringify of a FrozenResult).
  if (!content.startsWith(FORM_2_HEAD)) return null;
  try {
    const v = JSON.parse(content) as FrozenInputs;
    if (typeof v !== 'object' || v === null || v.format !== FROZEN_FORMAT || v.formatVersion !== 2) return null;
    const r = v.result as Partial<SealedDecisions> | null;
    if (typeof r !== 'object' || r === null || typeof r.computed !== 'string' || !Array.isArray(r.ruleSets) || !Array.isArray(r.warnings))
      return null;
    if (typeof v.facts !== 'object' || v.facts === null || typeof v.overrides !== 'object' || v.overrides === null) return null;
    return v;
  } catch {
    return null;
  }
}

/** The criteria ids of a result made with these rule sets, in its order (cached per freeze's sets and combination). */
const idsCache = new WeakMap<ReadonlyMap<string, RuleSet>, Map<string, string[] | null>>();
function criteriaIds(refs: readonly RuleSetRef[], sets: ReadonlyMap<string, RuleSet>, kind: UnitFacts['unitKind']): string[] | null {
  let cache = idsCache.get(sets);
  if (!cache) idsCache.set(sets, (cache = new Map<string, string[] | null>()));
  const key = `${kind}|${refs.map((r) => setKey(r.id, r.hash)).join('|')}`;
  let ids = cache.get(key);
  if (ids === undefined) {
    const found = refs.map((r) => sets.get(setKey(r.id, r.hash)));
    if (found.some((s) => s === undefined)) ids = null;
    else {
      try {
        ids = checkedSets(found as RuleSet[], kind).sets.flatMap((rs) => rs.rules.map((r) => r.id));
      } catch {
        ids = null;
      }
    }
    cache.set(key, ids);
  }
  return ids;
}

/** The frozen verdicts from what was sealed, without the engine; null when they cannot be read. */
export function frozenVerdicts(v: FrozenInputs, sets: ReadonlyMap<string, RuleSet>): FrozenVerdicts | null {
  const ids = criteriaIds(v.result.ruleSets, sets, v.facts.unitKind);
  if (ids === null || ids.length !== v.result.computed.length) return null;
  const rules: FrozenVerdicts['rules'] = [];
  for (let i = 0; i < ids.length; i++) {
    const computed = VERDICT_OF[v.result.computed[i]!];
    if (computed === undefined) return null;
    const ov = v.overrides[ids[i]!];
    rules.push({ ruleId: ids[i]!, verdict: ov ? ov.verdict : computed });
  }
  return { overall: v.result.overall, rules };
}

/**
 * The full frozen result, computed again from the sealed inputs (the form-1 object every screen
 * reads: `hash` is the row's seal). A string says why it cannot be: a rule set missing from the
 * freeze, or a result that does not come out as it was sealed.
 */
export function deriveFrozen(v: FrozenInputs, sets: ReadonlyMap<string, RuleSet>, seal: string): FrozenResult | string {
  const d = v.result;
  const used = d.ruleSets.map((r) => sets.get(setKey(r.id, r.hash)));
  if (used.some((s) => s === undefined)) return 'Bộ tiêu chí dùng khi chốt không còn trong bản ghi chốt.';
  let result: EvaluationResult;
  try {
    result = evaluate(used as RuleSet[], v.facts, d.settings, v.overrides);
  } catch {
    return 'Không tính lại được kết quả đã chốt từ dữ liệu đã niêm phong.';
  }
  let computed = '';
  for (const r of result.rules) computed += LETTER[r.computedVerdict];
  if (computed !== d.computed || result.overall !== d.overall || canonicalJson(result.ruleSets) !== canonicalJson(d.ruleSets)) {
    return 'Phiên bản phần mềm này tính lại kết quả đã chốt khác với khi chốt.';
  }
  // The warnings as they were sealed (the overrides' and the fallback to the national sets').
  result.warnings = [...d.warnings];
  return { format: FROZEN_FORMAT, formatVersion: 1, unitId: v.unitId, year: v.year, result, facts: v.facts, hash: seal };
}
