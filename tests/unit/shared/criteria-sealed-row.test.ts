/**
 * `sealedRow` (freeze.ts) writes exactly what the freeze wrote before it: the sealed content is
 * `JSON.stringify(freezeResult(result, facts))` character for character, the stored form is
 * `compactFrozen` of that object, the texts are numbered in the same order across rows, and the
 * hash is the frozen result's own — on generated facts of every shipped rule set, and on names and
 * labels with quotes, line separators, emoji and keys that look like numbers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { freezeResult, sealedRow, verifyFrozen } from '../../../shared/domain/criteria/freeze';
import { RuleTextList, compactFrozen, expandFrozen } from '../../../shared/domain/criteria/frozen-texts';
import type { UnitFacts } from '../../../shared/domain/criteria/facts';
import type { RuleSet } from '../../../shared/domain/criteria/ruleset';
import type { EvaluatedKind } from '../../../shared/domain/criteria/vocabulary';
import { CQ, GD, KDC, PROVINCE_EXTRA, XA } from './criteria-fixtures';
import { factsArb, settingsArb } from './criteria-arbitraries';

const CASES: readonly { name: string; kind: EvaluatedKind; sets: RuleSet[] }[] = [
  { name: 'khu dân cư', kind: 'khu_dan_cu', sets: [KDC, PROVINCE_EXTRA] },
  { name: 'xã', kind: 'xa', sets: [XA] },
  { name: 'doanh nghiệp', kind: 'doanh_nghiep', sets: [CQ] },
  { name: 'cơ sở giáo dục', kind: 'co_so_giao_duc', sets: [GD] },
];

const oddName = fc.constantFrom('Thôn "Đông"', 'Tổ 1\u2028Khu 2', 'Xóm 🌾 Bãi', 'Ấp\\Tây', 'Khu dân cư số 7');

function check(rows: UnitFacts[], sets: RuleSet[], settings: Parameters<typeof evaluate>[2]) {
  const before = new RuleTextList();
  const after = new RuleTextList();
  for (const f of rows) {
    const result = evaluate(sets, f, settings);
    const frozen = freezeResult(result, f);
    const row = sealedRow(result, f, after);
    expect(row.content).toBe(JSON.stringify(frozen));
    expect(row.stored).toBe(compactFrozen(frozen, before));
    expect(row.hash).toBe(frozen.hash);
    expect(row.overall).toBe(frozen.result.overall);
    expect(verifyFrozen(JSON.parse(expandFrozen(row.stored, after.texts)) as typeof frozen)).toBe(true);
  }
  expect(after.texts).toEqual(before.texts);
}

describe.each(CASES.map((c) => [c.name, c] as const))('sealedRow = freezeResult + stringify + compactFrozen: %s', (_n, { kind, sets }) => {
  it('on generated facts, several rows sharing one list of texts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(factsArb(kind, sets), oddName), { minLength: 1, maxLength: 4 }), settingsArb, (rows, s) => {
        const facts = rows.map(([f, name], i) => ({
          ...f,
          unitId: `${name}-${i}`,
          unitName: name,
          counts: {
            ...f.counts,
            ...(i % 2 ? { buoi_tuyen_truyen: { value: 3, sources: [{ kind: 'propaganda', id: '10', label: name }] } } : {}),
          },
        }));
        check(facts, sets, s);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sealedRow refuses what freezeResult refuses', () => {
  it('a result and facts of different units', () => {
    const f = {
      unitId: 'a',
      unitName: 'Thôn A',
      unitKind: 'khu_dan_cu',
      year: 2025,
      attestations: {},
      documents: {},
      counts: {},
      ratings: {},
      flags: {},
    } as UnitFacts;
    const result = evaluate([KDC], f);
    expect(() => sealedRow(result, { ...f, unitId: 'b' }, new RuleTextList())).toThrow(/không cùng đơn vị/);
  });
});
