/**
 * The verdicts-only pass (verdicts.ts) decides exactly what the full pass (engine.ts `evaluate`)
 * decides: on generated facts of every shipped rule set, on variants of those rule sets (every
 * parameter that changes a decision: not-applicable conditions, excuses not honoured, aggregate
 * comparison, the 0/0 policy, other thresholds), with random settings and overrides, each
 * criterion's verdict and computed verdict, the overall result, the counts and the warnings are the
 * same, and a configuration the full pass refuses is refused with the same message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { evaluateVerdicts, ruleVerdictOf } from '../../../shared/domain/criteria/verdicts';
import type { Overrides, UnitFacts } from '../../../shared/domain/criteria/facts';
import type { Rule, RuleSet } from '../../../shared/domain/criteria/ruleset';
import { FLAG_KEYS, OVERRIDE_VERDICTS, SUB_UNIT_CATEGORIES, type EvaluatedKind } from '../../../shared/domain/criteria/vocabulary';
import { CQ, GD, KDC, PROVINCE_EXTRA, XA } from './criteria-fixtures';
import { factsArb, settingsArb } from './criteria-arbitraries';

const RUNS = { numRuns: 300 };

/** One rule with the parameters that change a decision drawn at random (n picks which). */
function variant(rule: Rule, n: number): Rule {
  const r: Rule = structuredClone(rule);
  if (n % 3 === 0) r.notApplicableIf = [{ flag: FLAG_KEYS[n % FLAG_KEYS.length]!, equals: n % 2 === 0 }];
  switch (r.type) {
    case 'ZERO':
      if (n % 2) r.params.honourExcuses = false;
      break;
    case 'CMP_PREV':
      if (n % 2) r.params.compare = 'aggregate';
      break;
    case 'PCT':
      r.params.zeroDenominator = (['khong_ap_dung', 'dat', 'khong_dat'] as const)[n % 3];
      r.params.min = [0, 50, 70, 80.5, 100][n % 5]!;
      break;
    case 'MIN':
      r.params.min = n % 4;
      break;
    default:
  }
  return r;
}

const setVariant = (rs: RuleSet): fc.Arbitrary<RuleSet> =>
  fc.array(fc.nat(), { minLength: rs.rules.length, maxLength: rs.rules.length }).map((ns) => ({
    ...rs,
    rules: rs.rules.map((rule, i) => variant(rule, ns[i]!)),
  }));

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

/** Sub-units with units whose place in the circular's scope is unknown (XA-4's best and worst case). */
const unknownEligibility = fc
  .record({ total: fc.integer({ min: 0, max: 4 }), a: fc.nat(), b: fc.nat(), c: fc.nat() })
  .map(({ total, a, b, c }) => {
    const registered = total === 0 ? 0 : a % (total + 1);
    const recognised = registered === 0 ? 0 : b % (registered + 1);
    const undecided = registered - recognised === 0 ? 0 : c % (registered - recognised + 1);
    const units = Array.from({ length: total }, (_, i) => ({ kind: 'unit', id: `x${i}`, label: `Doanh nghiệp ${i}` }));
    return { total, registered, recognised, undecided, units };
  });

function withUnknown(arb: fc.Arbitrary<UnitFacts>): fc.Arbitrary<UnitFacts> {
  return fc.tuple(arb, fc.array(fc.option(unknownEligibility, { nil: undefined }), { minLength: 4, maxLength: 4 })).map(([f, unk]) => {
    if (!f.subUnits) return f;
    const g = structuredClone(f);
    SUB_UNIT_CATEGORIES.forEach((cat, i) => {
      const s = g.subUnits![cat];
      const u = unk[i % unk.length];
      if (s && u && u.total > 0) s.unknownEligibility = u;
    });
    return g;
  });
}

const CASES: readonly { name: string; kind: EvaluatedKind; sets: RuleSet[] }[] = [
  { name: 'khu dân cư + tiêu chí tỉnh', kind: 'khu_dan_cu', sets: [KDC, PROVINCE_EXTRA] },
  { name: 'xã', kind: 'xa', sets: [XA] },
  { name: 'cơ quan', kind: 'co_quan', sets: [CQ] },
  { name: 'doanh nghiệp', kind: 'doanh_nghiep', sets: [CQ] },
  { name: 'cơ sở giáo dục', kind: 'co_so_giao_duc', sets: [GD] },
];

/** What the full pass decides, in the verdicts-only pass's shape. */
function verdictsOf(sets: readonly RuleSet[], f: UnitFacts, s: Parameters<typeof evaluate>[2], o: Overrides) {
  const full = evaluate(sets, f, s, o);
  return {
    unitId: full.unitId,
    unitKind: full.unitKind,
    year: full.year,
    rules: full.rules.map((r) => ({ ruleId: r.ruleId, verdict: r.verdict, computedVerdict: r.computedVerdict })),
    overall: full.overall,
    counts: full.counts,
    warnings: full.warnings,
  };
}

describe.each(CASES.map((c) => [c.name, c] as const))('verdicts-only pass = full pass: %s', (_n, { kind, sets }) => {
  const facts = withUnknown(factsArb(kind, sets));

  it('on the shipped rule sets', () => {
    fc.assert(
      fc.property(facts, settingsArb, overridesArb(sets), (f, s, o) => {
        expect(evaluateVerdicts(sets, f, s, o)).toEqual(verdictsOf(sets, f, s, o));
      }),
      RUNS,
    );
  });

  it('on variants of the rule sets (not applicable, excuses, aggregate, 0/0, thresholds)', () => {
    fc.assert(
      fc.property(facts, fc.tuple(...sets.map(setVariant)), settingsArb, (f, variants, s) => {
        expect(evaluateVerdicts(variants, f, s)).toEqual(verdictsOf(variants, f, s, {}));
      }),
      RUNS,
    );
  });
});

describe('verdicts-only pass: refusals', () => {
  it('refuses what the full pass refuses, with the same message', () => {
    const f = {
      unitId: 'u',
      unitName: 'Xã thử',
      unitKind: 'xa',
      year: 2025,
      attestations: {},
      documents: {},
      counts: {},
      ratings: {},
      flags: {},
    };
    const facts = f as UnitFacts;
    for (const sets of [[], [KDC], [XA, { ...XA, id: 'ban-sao' }]] as RuleSet[][]) {
      const full = (() => {
        try {
          evaluate(sets, facts);
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(full).not.toBeNull();
      expect(() => evaluateVerdicts(sets, facts)).toThrow(full!);
    }
  });
});

describe('verdicts-only pass: the verdicts the board keeps (h21-board)', () => {
  it('gives one shared, frozen object per criterion and pair of verdicts, with the same values and JSON', () => {
    const { sets } = CASES[1]!;
    fc.assert(
      fc.property(withUnknown(factsArb('xa', sets)), settingsArb, overridesArb(sets), (f, s, o) => {
        const a = evaluateVerdicts(sets, f, s, o);
        const b = evaluateVerdicts(sets, structuredClone(f), s, o);
        expect(JSON.stringify(a)).toBe(JSON.stringify(verdictsOf(sets, f, s, o)));
        a.rules.forEach((r, i) => {
          expect(Object.isFrozen(r)).toBe(true);
          expect(b.rules[i]).toBe(r);
          expect(ruleVerdictOf(r.ruleId, r.verdict, r.computedVerdict)).toBe(r);
        });
        // No hole: every criterion of the sets has its verdicts.
        expect(a.rules.length).toBe(sets.reduce((n, rs) => n + rs.rules.length, 0));
        expect(Object.keys(a.rules).length).toBe(a.rules.length);
      }),
      { numRuns: 50 },
    );
  });
});
