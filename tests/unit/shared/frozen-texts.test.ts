/**
 * A frozen year's criteria texts stored once (shared/domain/criteria/frozen-texts.ts, issue 16):
 * the stored form of a frozen result refers to each text once per freeze, and reads back as exactly
 * the JSON the freeze sealed; a damaged list or reference never reads back as the sealed content.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { freezeResult, verifyFrozen } from '../../../shared/domain/criteria/freeze';
import { RuleTextList, compactFrozen, expandFrozen, parseRuleTexts } from '../../../shared/domain/criteria/frozen-texts';
import { KDC, passingKdc, passingXa, XA } from './criteria-fixtures';

const frozenKdc = (name: string) => {
  const f = { ...passingKdc(), unitName: name };
  return freezeResult(evaluate(KDC, f), f);
};

describe('frozen criteria texts', () => {
  it('stores each criterion text once for many subjects and reads back the sealed JSON exactly', () => {
    const list = new RuleTextList();
    const subjects = ['Thôn Đông', 'Thôn Tây', 'Thôn "Trung" 🇻🇳'].map(frozenKdc);
    const whole = subjects.map((s) => JSON.stringify(s));
    const stored = subjects.map((s) => compactFrozen(s, list));
    // Every long text of the rule set once, whatever the number of subjects.
    const texts = KDC.rules.flatMap((r) => [r.clause, r.title, r.explanation]).filter((t) => t.length >= 16);
    expect([...list.texts].sort()).toEqual([...new Set(texts)].sort());
    for (const [i, s] of stored.entries()) {
      expect(s.length).toBeLessThan(whole[i]!.length);
      expect(s).not.toContain(KDC.rules[0]!.explanation);
      expect(expandFrozen(s, list.texts)).toBe(whole[i]);
      expect(verifyFrozen(JSON.parse(expandFrozen(s, list.texts)) as (typeof subjects)[number])).toBe(true);
    }
    // Through the list as stored in the freeze row.
    expect(expandFrozen(stored[0]!, parseRuleTexts(JSON.stringify(list.texts)))).toBe(whole[0]);
  });

  it('a result of two rule sets and a content stored whole read back unchanged', () => {
    const f = passingXa();
    const r = freezeResult(evaluate(XA, f), f);
    const list = new RuleTextList(['an earlier text of the same freeze']);
    expect(expandFrozen(compactFrozen(r, list), list.texts)).toBe(JSON.stringify(r));
    expect(expandFrozen(JSON.stringify(r), null)).toBe(JSON.stringify(r));
    expect(expandFrozen(JSON.stringify(r), list.texts)).toBe(JSON.stringify(r));
    // Compacting the stored form again changes nothing (the migration's re-run).
    const once = compactFrozen(r, list);
    expect(compactFrozen(JSON.parse(once), list)).toBe(once);
  });

  it('a damaged list or reference never reads back as the sealed content', () => {
    const list = new RuleTextList();
    const s = frozenKdc('Thôn Đông');
    const stored = compactFrozen(s, list);
    const sealed = JSON.stringify(s);
    const changed = [...list.texts];
    changed[0] = `${changed[0]} (đã sửa)`;
    expect(expandFrozen(stored, changed)).not.toBe(sealed);
    expect(expandFrozen(stored, list.texts.slice(1))).not.toBe(sealed);
    expect(expandFrozen(stored, null)).not.toBe(sealed);
    expect(parseRuleTexts('{"not":"a list"}')).toBeNull();
    expect(parseRuleTexts('[1,2]')).toBeNull();
    expect(parseRuleTexts('không phải JSON')).toBeNull();
    expect(expandFrozen(stored.replace('"$t":0', '"$t":99999'), list.texts)).not.toBe(sealed);
  });

  it('round-trips any criteria texts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            clause: fc.string(),
            title: fc.string({ unit: 'grapheme' }),
            description: fc.string({ unit: 'grapheme', minLength: 10 }),
          }),
          {
            maxLength: 8,
          },
        ),
        fc.string(),
        (rules, name) => {
          const frozen = {
            format: 'x',
            result: { unitName: name, rules: rules.map((r, i) => ({ ruleId: `R${i}`, ...r, verdict: 'dat' })) },
            hash: 'h',
          };
          const list = new RuleTextList();
          expect(expandFrozen(compactFrozen(frozen, list), list.texts)).toBe(JSON.stringify(frozen));
        },
      ),
    );
  });
});
