/**
 * Golden tests of the shipped rule sets (resources/rulesets): each covers every row of domain.md
 * §5.1–5.4 with its article and clause; a hand-built unit passes everything; for every criterion,
 * the same unit made to fail exactly that criterion fails it and nothing else, and with that
 * criterion's input removed it is "thiếu dữ liệu"; not-applicable conditions work; the province
 * example adds criteria beside the national set.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { parseRuleSet, ruleSetToJson, selectRuleSets, type RuleSet } from '../../../shared/domain/criteria/ruleset';
import { INCIDENT_CATEGORY_INFO } from '../../../shared/domain/activities';
import { CQ, GD, GOLDEN, KDC, PROVINCE_EXTRA, XA, breakRule, dropInput, passingKdc, readResource } from './criteria-fixtures';

/** Rows of domain.md §5.1–5.4; a row "×N" or with two checks becomes several rules. */
const EXPECTED_IDS: Readonly<Record<string, readonly string[]>> = {
  'tt124-khu-dan-cu': [
    'KDC-1a',
    'KDC-1b',
    'KDC-1c',
    'KDC-2',
    'KDC-3a',
    'KDC-3b',
    'KDC-3c',
    'KDC-3d',
    'KDC-3dd',
    'KDC-3e',
    'KDC-3g',
    'KDC-4a',
    'KDC-4b',
    'KDC-4c1',
    'KDC-4c2',
    'KDC-4c3',
    'KDC-4d',
    'KDC-5a',
    'KDC-5b',
  ],
  'tt124-xa': [
    'XA-1a',
    'XA-1b',
    'XA-1c',
    'XA-2.2',
    'XA-2.3a',
    'XA-2.3b',
    'XA-2.3c',
    'XA-2.3d',
    'XA-2.3dd',
    'XA-2.3e',
    'XA-2.3g',
    'XA-2.4a',
    'XA-2.4b',
    'XA-2.4c1',
    'XA-2.4c2',
    'XA-2.4c3',
    'XA-2.4d',
    'XA-3a',
    'XA-3b',
    'XA-4a',
    'XA-4b',
  ],
  'tt124-co-quan-doanh-nghiep': [
    'CQ-1a',
    'CQ-1b',
    'CQ-1c1',
    'CQ-1c2',
    'CQ-1c3',
    'CQ-1c4',
    'CQ-1c5',
    'CQ-1c6',
    'CQ-1d',
    'CQ-1e',
    'CQ-2',
    'CQ-3a',
    'CQ-3b',
    'CQ-3c',
    'CQ-3d',
    'CQ-3dd',
    'CQ-3e',
    'CQ-3g',
    'CQ-3h',
    'CQ-4a',
    'CQ-4b',
    'CQ-5a',
    'CQ-5b',
  ],
  'tt124-co-so-giao-duc': [
    'GD-1a',
    'GD-1b',
    'GD-1c1',
    'GD-1c2',
    'GD-1c3',
    'GD-1c4',
    'GD-1d',
    'GD-1e',
    'GD-2a',
    'GD-2b',
    'GD-3a',
    'GD-3b',
    'GD-3c',
    'GD-3dd',
    'GD-3e',
    'GD-3g',
    'GD-4a',
    'GD-4b',
    'GD-4c',
    'GD-5a',
    'GD-5b',
    'GD-6a',
    'GD-6b',
  ],
};

const ARTICLE: Readonly<Record<string, number>> = {
  'tt124-khu-dan-cu': 4,
  'tt124-xa': 5,
  'tt124-co-quan-doanh-nghiep': 6,
  'tt124-co-so-giao-duc': 7,
};

describe('shipped rule sets: content', () => {
  it.each([KDC, XA, CQ, GD].map((rs) => [rs.id, rs] as const))('%s covers every row of the domain catalogue', (id, rs) => {
    expect(rs.rules.map((r) => r.id)).toEqual(EXPECTED_IDS[id]);
    expect(rs.scope).toBe('quoc_gia');
    expect(rs.version).toBe('2022-02-10');
    expect(rs.source).toContain('Thông tư 124/2021/TT-BCA');
    for (const r of rs.rules) {
      // every criterion cites its own article (Art. 5.2 cites Art. 4 as the content it borrows)
      expect(r.clause.startsWith(`Điều ${ARTICLE[id]} khoản`), `${r.id}: ${r.clause}`).toBe(true);
      expect(r.explanation.length).toBeGreaterThan(30);
    }
  });

  it('unit kinds follow Circular 124 and the project kinds', () => {
    expect(KDC.unitKinds).toEqual(['khu_dan_cu']);
    expect(XA.unitKinds).toEqual(['xa', 'phuong', 'thi_tran', 'dac_khu']);
    expect(CQ.unitKinds).toEqual(['co_quan', 'doanh_nghiep']);
    expect(GD.unitKinds).toEqual(['co_so_giao_duc']);
  });

  it('criteria with force-majeure excuses only list excusable incident categories, and vice versa', () => {
    for (const rs of [KDC, XA, CQ, GD]) {
      for (const r of rs.rules) {
        if (r.type !== 'ZERO' || !r.params.incidents) continue;
        const excusable = r.params.incidents.map((c) => INCIDENT_CATEGORY_INFO[c].excusable);
        // a criterion mixes no excusable with non-excusable categories: the excuse rule of the
        // circular is per criterion (4.4b, 4.4d, 6.3đ, 6.3g)
        expect(new Set(excusable).size, r.id).toBe(1);
        expect(excusable[0], r.id).toBe(/bất khả kháng/.test(r.explanation));
      }
    }
  });

  it('every shipped file round-trips through export and import', () => {
    for (const file of [
      'tt124-khu-dan-cu.json',
      'tt124-xa.json',
      'tt124-co-quan-doanh-nghiep.json',
      'tt124-co-so-giao-duc.json',
      'example-province-extra.json',
    ]) {
      const first = parseRuleSet(readResource(file));
      expect(first.ok, file).toBe(true);
      if (!first.ok) continue;
      const again = parseRuleSet(ruleSetToJson(first.value));
      expect(again).toEqual(first);
    }
  });

  it('the province file is clearly an example and adds, not replaces', () => {
    expect(PROVINCE_EXTRA.example).toBe(true);
    expect(PROVINCE_EXTRA.scope).toBe('tinh');
    expect(PROVINCE_EXTRA.name).toMatch(/^Ví dụ minh họa/);
    const ids = new Set(KDC.rules.map((r) => r.id));
    expect(PROVINCE_EXTRA.rules.every((r) => !ids.has(r.id))).toBe(true);
  });
});

describe.each(GOLDEN.map((g) => [g.name, g] as const))('golden: %s', (_name, { ruleSet, passing }) => {
  it('the hand-built unit passes every criterion', () => {
    const r = evaluate(ruleSet, passing());
    const notPassing = r.rules.filter((x) => x.verdict !== 'dat').map((x) => `${x.ruleId}: ${x.verdict} — ${x.explanation}`);
    expect(notPassing).toEqual([]);
    expect(r.overall).toBe('dat');
    expect(r.summary).toBe(`Đạt: ${ruleSet.rules.length}/${ruleSet.rules.length} tiêu chí áp dụng đều đạt.`);
    for (const x of r.rules) {
      expect(x.value, x.ruleId).not.toBe('');
      expect(x.threshold, x.ruleId).not.toBe('');
      expect(x.missing, x.ruleId).toEqual([]);
    }
  });

  it.each(ruleSet.rules.map((r) => [r.id, r] as const))('failing only %s', (id, rule) => {
    const r = evaluate(ruleSet, breakRule(rule, passing()));
    const failed = r.rules.filter((x) => x.verdict !== 'dat').map((x) => [x.ruleId, x.verdict]);
    expect(failed).toEqual([[id, 'khong_dat']]);
    expect(r.overall).toBe('chua_dat');
    expect(r.summary).toContain(id);
    const res = r.rules.find((x) => x.ruleId === id)!;
    expect(res.explanation.length).toBeGreaterThan(10);
  });

  it.each(ruleSet.rules.map((r) => [r.id, r] as const))('without the input of %s it is "thiếu dữ liệu"', (id, rule) => {
    const r = evaluate(ruleSet, dropInput(rule, passing()));
    const res = r.rules.find((x) => x.ruleId === id)!;
    expect(res.verdict).toBe('thieu_du_lieu');
    expect(res.missing.length).toBeGreaterThan(0);
    expect(r.overall).toBe('thieu_du_lieu');
  });

  const conditional = ruleSet.rules.filter((r) => r.notApplicableIf);
  if (conditional.length) {
    it.each(conditional.map((r) => [r.id, r] as const))(
      '%s: not applicable under its condition, missing when the flag is unknown',
      (id, rule) => {
        for (const c of rule.notApplicableIf!) {
          const f = passing();
          f.flags[c.flag] = c.equals;
          // the condition also holds against inputs that would fail
          const broken = breakRule(rule, f);
          const r = evaluate(ruleSet, broken);
          const res = r.rules.find((x) => x.ruleId === id)!;
          expect(res.verdict).toBe('khong_ap_dung');
          expect(res.explanation).toMatch(/^Không áp dụng vì /);
          expect(r.overall).toBe('dat');
          const unknown = passing();
          delete unknown.flags[c.flag];
          expect(evaluate(ruleSet, unknown).rules.find((x) => x.ruleId === id)!.verdict).toBe('thieu_du_lieu');
        }
      },
    );
  }
});

describe('province criteria beside the national set', () => {
  const sets: RuleSet[] = [PROVINCE_EXTRA, KDC];

  it('are evaluated together, national criteria first, and the result names both rule sets', () => {
    const f = passingKdc();
    f.counts.buoi_tuyen_truyen = { value: 4 };
    f.attestations['VD-2'] = { value: true, by: 'Lê Văn Cường', on: '2025-11-02' };
    const r = evaluate(sets, f);
    expect(r.rules.map((x) => x.ruleId).slice(-2)).toEqual(['VD-1', 'VD-2']);
    expect(r.ruleSets.map((x) => [x.id, x.version, x.example])).toEqual([
      ['tt124-khu-dan-cu', '2022-02-10', false],
      ['vi-du-tinh-bo-sung-khu-dan-cu', '2025-01-01', true],
    ]);
    expect(r.overall).toBe('dat');
  });

  it('a province criterion can fail a unit that meets the circular', () => {
    const f = passingKdc();
    f.counts.buoi_tuyen_truyen = { value: 3 };
    f.attestations['VD-2'] = { value: true, by: 'Lê Văn Cường', on: '2025-11-02' };
    const r = evaluate(sets, f);
    expect(r.overall).toBe('chua_dat');
    expect(r.rules.find((x) => x.ruleId === 'VD-1')!.explanation).toBe(
      'Buổi tuyên truyền, phát động phong trào: 3 buổi, yêu cầu tối thiểu 4.',
    );
  });

  it('selectRuleSets takes the province set only from its effective date', () => {
    expect(selectRuleSets([KDC, PROVINCE_EXTRA, XA], 'khu_dan_cu', 2024).map((r) => r.id)).toEqual(['tt124-khu-dan-cu']);
    expect(selectRuleSets([PROVINCE_EXTRA, XA, KDC], 'khu_dan_cu', 2025).map((r) => r.id)).toEqual([
      'tt124-khu-dan-cu',
      'vi-du-tinh-bo-sung-khu-dan-cu',
    ]);
    expect(selectRuleSets([KDC, XA, CQ, GD], 'dac_khu', 2025).map((r) => r.id)).toEqual(['tt124-xa']);
    expect(selectRuleSets([KDC, XA, CQ, GD], 'doanh_nghiep', 2025).map((r) => r.id)).toEqual(['tt124-co-quan-doanh-nghiep']);
  });
});
