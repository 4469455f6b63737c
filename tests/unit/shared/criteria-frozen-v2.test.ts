/**
 * Form 2 of a frozen result (frozen-v2.ts): what is sealed — facts, overrides, settings, rule-set
 * references, verdict letters — gives back, through the rule sets stored once, the full result the
 * engine wrote at the freeze (the result form 1 sealed whole, facts copied through JSON as form 1
 * copied them), and the verdicts the board reads without the engine. On generated facts of every
 * shipped rule set with random settings and overrides. A result that does not come out as sealed
 * (letters, overall, a rule set missing or changed) is refused with a reason, never shown.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { evaluateVerdicts } from '../../../shared/domain/criteria/verdicts';
import { freezeResult } from '../../../shared/domain/criteria/freeze';
import {
  deriveFrozen,
  frozenRulesText,
  frozenVerdicts,
  parseFrozenInputs,
  parseFrozenRules,
  sealedInputs,
  type FrozenInputs,
} from '../../../shared/domain/criteria/frozen-v2';
import type { Overrides, UnitFacts } from '../../../shared/domain/criteria/facts';
import type { RuleSet } from '../../../shared/domain/criteria/ruleset';
import { OVERRIDE_VERDICTS, type EvaluatedKind, type EvaluationSettings } from '../../../shared/domain/criteria/vocabulary';
import { CQ, GD, KDC, PROVINCE_EXTRA, XA } from './criteria-fixtures';
import { factsArb, settingsArb } from './criteria-arbitraries';

const CASES: readonly { name: string; kind: EvaluatedKind; sets: RuleSet[] }[] = [
  { name: 'khu dân cư', kind: 'khu_dan_cu', sets: [KDC, PROVINCE_EXTRA] },
  { name: 'xã', kind: 'xa', sets: [XA] },
  { name: 'doanh nghiệp', kind: 'doanh_nghiep', sets: [CQ] },
  { name: 'cơ sở giáo dục', kind: 'co_so_giao_duc', sets: [GD] },
];

const ALL_SETS = [KDC, PROVINCE_EXTRA, XA, CQ, GD];
const RULES_TEXT = frozenRulesText(ALL_SETS);
const STORED_SETS = parseFrozenRules(RULES_TEXT)!;
const DIGEST = 'digest-of-the-rule-sets';

function overridesArb(sets: readonly RuleSet[]): fc.Arbitrary<Overrides> {
  const ids = [...sets.flatMap((rs) => rs.rules.map((r) => r.id)), 'KHONG-CO'];
  return fc.dictionary(
    fc.constantFrom(...ids),
    fc.record({
      verdict: fc.constantFrom(...OVERRIDE_VERDICTS),
      reason: fc.constant('Hội đồng xét lại'),
      by: fc.constant('Cán bộ A'),
      on: fc.constant('2025-11-20'),
    }),
    { maxKeys: 3 },
  );
}

function sealed(f: UnitFacts, sets: RuleSet[], s: EvaluationSettings, o: Overrides): FrozenInputs {
  const row = sealedInputs(f, o, s, sets, evaluateVerdicts(sets, f, s, o), DIGEST);
  const v = parseFrozenInputs(row.content);
  expect(v).not.toBeNull();
  return v!;
}

describe.each(CASES.map((c) => [c.name, c] as const))('form 2 gives back the frozen result: %s', (_n, { kind, sets }) => {
  it("the full result is form 1's, the verdicts are the engine's, from ≤ a tenth of the text", () => {
    fc.assert(
      fc.property(factsArb(kind, sets), settingsArb, overridesArb(sets), (f, s, o) => {
        const v = sealed(f, sets, s, o);
        const form1 = freezeResult(evaluate(sets, f, s, o), f);
        const back = deriveFrozen(v, STORED_SETS, 'mac');
        expect(typeof back).not.toBe('string');
        const got = back as Exclude<typeof back, string>;
        // Form 1 sealed its canonical copies: compare as JSON values.
        expect(JSON.parse(JSON.stringify(got.result))).toEqual(JSON.parse(JSON.stringify(form1.result)));
        expect(JSON.parse(JSON.stringify(got.facts))).toEqual(form1.facts);
        expect(got.hash).toBe('mac');
        const verdicts = frozenVerdicts(v, STORED_SETS)!;
        expect(verdicts.overall).toBe(form1.result.overall);
        expect(verdicts.rules).toEqual(form1.result.rules.map((r) => ({ ruleId: r.ruleId, verdict: r.verdict })));
      }),
      { numRuns: 60 },
    );
  });
});

describe('what form 2 refuses to show as frozen', () => {
  const f = fc.sample(factsArb('khu_dan_cu', [KDC, PROVINCE_EXTRA]), { numRuns: 1, seed: 7 })[0]!;
  const settings: EvaluationSettings = { reducedMeans: 'lte', subunitPool: 'pooled' };
  const v = sealed(f, [KDC, PROVINCE_EXTRA], settings, {});

  it('a verdict letter or the overall result that the engine does not give back', () => {
    const r = v.result;
    const flipped = r.computed[0] === 'd' ? 'k' : 'd';
    expect(deriveFrozen({ ...v, result: { ...r, computed: flipped + r.computed.slice(1) } }, STORED_SETS, 'mac')).toContain(
      'tính lại kết quả đã chốt khác',
    );
    const other = r.overall === 'dat' ? 'chua_dat' : 'dat';
    expect(deriveFrozen({ ...v, result: { ...r, overall: other } }, STORED_SETS, 'mac')).toContain('tính lại kết quả đã chốt khác');
  });

  it("a rule set not among the freeze's stored ones, or stored changed (its hash differs)", () => {
    const without = parseFrozenRules(frozenRulesText([KDC, XA]))!;
    expect(deriveFrozen(v, without, 'mac')).toContain('không còn trong bản ghi chốt');
    expect(frozenVerdicts(v, without)).toBeNull();
    // Every criterion's text of every set changed: no set keeps its hash.
    const changed = parseFrozenRules(RULES_TEXT.replaceAll('"title":"', '"title":"Đã sửa '))!;
    expect(changed.size).toBe(STORED_SETS.size);
    expect(typeof deriveFrozen(v, changed, 'mac')).toBe('string');
  });

  it('the rule sets are stored once, each set once, and read back as they were', () => {
    expect(frozenRulesText([...ALL_SETS, ...ALL_SETS])).toBe(RULES_TEXT);
    expect([...STORED_SETS.values()].map((rs) => rs.id).sort()).toEqual(ALL_SETS.map((rs) => rs.id).sort());
    expect(parseFrozenRules('["a text list of form 1"]')).toBeNull();
    expect(parseFrozenInputs(JSON.stringify(freezeResult(evaluate([KDC], f, settings), f)))).toBeNull();
  });
});
