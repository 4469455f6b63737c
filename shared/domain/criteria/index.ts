/**
 * The criteria engine, rule sets, unit facts, freezing and point rubrics (issue 5, pure part).
 * One import for the backend and the renderer; see each module's header for what it owns:
 *   vocabulary.ts  unit kinds, documents, counts, ratios, ratings, flags, verdicts, settings
 *   facts.ts       UnitFacts (what the engine reads), evaluation windows, facts from records
 *   ruleset.ts     the rule-set file format, parseRuleSet / ruleSetToJson, selectRuleSets
 *   engine.ts      evaluate, overrides, overall result
 *   verdicts.ts    evaluateVerdicts: the same verdicts without the texts (the board)
 *   commune.ts     evaluationOrder, buildSubUnitFacts (a commune after its sub-units)
 *   freeze.ts      freezeResult, verifyFrozen, compareWithFrozen
 *   frozen-texts.ts  a frozen year's criteria texts stored once (compactFrozen, expandFrozen)
 *   frozen-v2.ts   form 2: the inputs and verdicts sealed, the rule sets once, the result computed again
 *   rubric.ts      point rubrics: parseRubric, scoreRubric
 *   hash.ts        canonical JSON and FNV-1a 64
 */
export * from './vocabulary';
export * from './facts';
export * from './ruleset';
export {
  CriteriaError,
  checkedSets,
  evaluate,
  meetsPercent,
  ruleSetsText,
  type EvaluationResult,
  type RuleResult,
  type RuleSetRef,
} from './engine';
export { evaluateVerdicts, ruleVerdictOf, type RuleVerdict, type VerdictResult } from './verdicts';
export * from './commune';
export * from './freeze';
export * from './frozen-texts';
export * from './frozen-v2';
export * from './rubric';
export { canonicalJson, fnv1a64, hashOf } from './hash';
