/**
 * A commune depends on its residential areas and organisations of the same year (TT124 art. 5.4,
 * domain.md §5.6 N5): the evaluation order, the sub-unit fact built from their registrations,
 * decisions or computed results, and XA-4 on it — 16/25 recognised fails, 18/25 passes, pooled or
 * per category, with undecided units left open only while they could change the answer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSubUnitFacts, evaluate, evaluationOrder, evaluationStage } from '../../../shared/domain/criteria/engine';
import type { SubUnitStatus } from '../../../shared/domain/criteria/commune';
import { DEFAULT_SETTINGS } from '../../../shared/domain/criteria/vocabulary';
import { KDC, XA, breakRule, passingKdc, passingXa } from './criteria-fixtures';

const kdcStatus = (i: number, decision: SubUnitStatus['decision'], registered = true): SubUnitStatus => ({
  unitId: `kdc-${String(i).padStart(2, '0')}`,
  name: `Thôn ${i}`,
  category: 'khu_dan_cu',
  eligible: true,
  registered,
  decision,
});

/** 25 registered residential areas of which `recognised` are recognised, `undecided` without decision. */
function areas(recognised: number, undecided = 0): SubUnitStatus[] {
  return Array.from({ length: 25 }, (_, i) =>
    kdcStatus(i + 1, i < recognised ? 'cong_nhan' : i < recognised + undecided ? undefined : 'khong_cong_nhan'),
  );
}

function xa4(items: readonly SubUnitStatus[], settings = DEFAULT_SETTINGS, basis: 'quyet_dinh' | 'ket_qua' = 'quyet_dinh') {
  const f = passingXa();
  f.subUnits = buildSubUnitFacts(items, basis);
  const r = evaluate(XA, f, settings);
  return { a: r.rules.find((x) => x.ruleId === 'XA-4a')!, b: r.rules.find((x) => x.ruleId === 'XA-4b')!, overall: r.overall };
}

describe('XA-4b: at least 70 % recognised, compared exactly', () => {
  it('16/25 recognised → chưa đạt', () => {
    const { b, overall } = xa4(areas(16));
    expect(b.verdict).toBe('khong_dat');
    expect(b.explanation).toBe('16/25 đơn vị (64,0%) được công nhận đạt tiêu chuẩn, yêu cầu tối thiểu 70%.');
    expect(overall).toBe('chua_dat');
  });

  it('17/25 recognised (68 %) → chưa đạt', () => {
    expect(xa4(areas(17)).b.verdict).toBe('khong_dat');
  });

  it('18/25 recognised → đạt', () => {
    const { b, overall } = xa4(areas(18));
    expect(b.verdict).toBe('dat');
    expect(b.explanation).toBe('18/25 đơn vị (72,0%) được công nhận đạt tiêu chuẩn, yêu cầu tối thiểu 70%.');
    expect(b.value).toBe('18/25 (72,0%)');
    expect(b.sources).toHaveLength(25);
    expect(overall).toBe('dat');
  });

  it('undecided units keep the answer open only while they could change it', () => {
    const open = xa4(areas(16, 2)).b;
    expect(open.verdict).toBe('thieu_du_lieu');
    expect(open.missing).toEqual(['Quyết định công nhận của 2 đơn vị: Thôn 17, Thôn 18']);
    expect(xa4(areas(18, 3)).b.verdict).toBe('dat');
    expect(xa4(areas(14, 3)).b.verdict).toBe('khong_dat');
  });

  it("a preview can count the sub-units' computed results until decisions are taken", () => {
    const items = areas(16, 2).map((s, i) =>
      s.decision === undefined ? { ...s, overall: i === 16 ? ('dat' as const) : ('thieu_du_lieu' as const) } : s,
    );
    expect(xa4(items, DEFAULT_SETTINGS, 'quyet_dinh').b.verdict).toBe('thieu_du_lieu');
    const preview = xa4(items, DEFAULT_SETTINGS, 'ket_qua').b;
    expect(preview.verdict).toBe('thieu_du_lieu'); // 17 known, 1 still open
    const done = items.map((s) => (s.overall === 'thieu_du_lieu' ? { ...s, overall: 'dat' as const } : s));
    expect(xa4(done, DEFAULT_SETTINGS, 'ket_qua').b.verdict).toBe('dat');
  });

  it('an unregistered unit is never counted as recognised', () => {
    const items = areas(17);
    items[24] = { ...kdcStatus(25, undefined, false), overall: 'dat' };
    const { a, b } = xa4(items, DEFAULT_SETTINGS, 'ket_qua');
    expect(b.verdict).toBe('khong_dat');
    expect(a.verdict).toBe('khong_dat');
    expect(a.explanation).toBe('24/25 đơn vị (96,0%) đã đăng ký, yêu cầu tối thiểu 100%. Chưa đăng ký: Thôn 25.');
  });

  it('organisations outside Circular 124 are not in the denominator', () => {
    const items: SubUnitStatus[] = [
      ...areas(18),
      { unitId: 'dn-nho', name: 'Công ty TNHH Nhỏ', category: 'doanh_nghiep', eligible: false, registered: false },
      { unitId: 'mn', name: 'Trường Mầm non', category: 'co_so_giao_duc', eligible: false, registered: false },
    ];
    const { a, b } = xa4(items);
    expect(a.verdict).toBe('dat');
    expect(b.value).toBe('18/25 (72,0%)');
  });

  it('pooled by default; per category when the office chooses so (domain.md §5.2 N2)', () => {
    const items: SubUnitStatus[] = [
      ...Array.from({ length: 20 }, (_, i) => kdcStatus(i + 1, i < 18 ? 'cong_nhan' : 'khong_cong_nhan')),
      ...Array.from({ length: 5 }, (_, i): SubUnitStatus => ({
        unitId: `cq-${i}`,
        name: `Cơ quan ${i + 1}`,
        category: 'co_quan',
        eligible: true,
        registered: true,
        decision: i < 2 ? 'cong_nhan' : 'khong_cong_nhan',
      })),
    ];
    const pooled = xa4(items).b;
    expect(pooled.verdict).toBe('dat');
    expect(pooled.value).toBe('20/25 (80,0%) — khu dân cư 18/20, cơ quan 2/5');
    const split = xa4(items, { ...DEFAULT_SETTINGS, subunitPool: 'per_category' }).b;
    expect(split.verdict).toBe('khong_dat');
    expect(split.value).toBe('khu dân cư 18/20 (90,0%); cơ quan 2/5 (40,0%)');
    expect(split.threshold).toBe('Tối thiểu 70% ở từng loại đơn vị');
    expect(split.explanation).toBe('Khu dân cư: 18/20 (90,0%) đạt; Cơ quan: 2/5 (40,0%) không đạt; yêu cầu tối thiểu 70% ở từng loại.');
  });

  // This test used to assert "không áp dụng" (issue 9 item 2): every commune has thôn or tổ dân
  // phố, so an empty list is missing data (domain.md §5.6 N7).
  it('a commune with no residential area recorded: XA-4 is "thiếu dữ liệu", never "không áp dụng"', () => {
    const { a, b } = xa4([]);
    for (const r of [a, b]) {
      expect(r.verdict).toBe('thieu_du_lieu');
      expect(r.value).toBe('Chưa có khu dân cư nào');
      expect(r.explanation).toMatch(/^Thiếu dữ liệu: chưa có khu dân cư nào thuộc xã/);
      expect(r.missing).toContain('Danh sách khu dân cư (thôn, tổ dân phố) thuộc xã: chưa có khu dân cư nào');
    }
    // organisations alone, all registered and recognised, do not make the commune pass
    const orgs = [1, 2].map((i) => ({
      unitId: `cq${i}`,
      name: `Cơ quan ${i}`,
      category: 'co_quan' as const,
      eligible: true,
      registered: true,
      decision: 'cong_nhan' as const,
    }));
    const { a: a2, b: b2 } = xa4(orgs);
    expect(a2.verdict).toBe('thieu_du_lieu');
    expect(b2.verdict).toBe('thieu_du_lieu');
    expect(b2.explanation).toContain('Tạm tính: 2/2 đơn vị (100,0%)');
    // an unregistered organisation is a certain failure of the 100 % rule, with or without areas
    const { a: a3 } = xa4([...orgs, { unitId: 'cq3', name: 'Cơ quan 3', category: 'co_quan', eligible: true, registered: false }]);
    expect(a3.verdict).toBe('khong_dat');
  });

  it('enterprises without size data are listed and keep XA-4 open while they could change it (issue 9 item 4)', () => {
    const unsized = (i: number, registered: boolean) => ({
      unitId: `dn${i}`,
      name: `Doanh nghiệp ${i}`,
      category: 'doanh_nghiep' as const,
      eligible: 'unknown' as const,
      registered,
    });
    // 18/25 areas recognised (72 %); with an unsized, unregistered enterprise in scope it would be 18/26 (69,2 %)
    const open = xa4([...areas(18), unsized(1, false)]);
    expect(open.b.verdict).toBe('thieu_du_lieu');
    expect(open.b.value).toBe('18/25 (72,0%) — khu dân cư 18/25, doanh nghiệp 1 chưa xác định diện áp dụng');
    expect(open.b.explanation).toContain(
      '1 doanh nghiệp chưa có số liệu quy mô (chưa xác định thuộc diện áp dụng, chưa tính vào tỷ lệ): Doanh nghiệp 1.',
    );
    expect(open.b.missing).toContain('Số liệu quy mô của 1 doanh nghiệp: Doanh nghiệp 1');
    expect(open.a.verdict).toBe('thieu_du_lieu'); // 25/25 registered, 25/26 if the enterprise is in scope
    expect(open.overall).toBe('thieu_du_lieu');
    // 20/25: even 20/26 (76,9 %) passes, so the answer does not depend on the enterprise
    const decided = xa4([...areas(20), unsized(1, false)]).b;
    expect(decided.verdict).toBe('dat');
    expect(decided.explanation).toContain('Dù các đơn vị này thuộc diện hay không, kết quả không đổi.');
    expect(decided.missing).toEqual([]);
    // a registered unsized enterprise cannot lower the registration rate
    expect(xa4([...areas(18), unsized(2, true)]).a.verdict).toBe('dat');
  });

  it('the sub-unit fact does not depend on the order of the sub-units', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(areas(12, 6), { minLength: 25, maxLength: 25 }), (shuffled) => {
        expect(buildSubUnitFacts(shuffled)).toEqual(buildSubUnitFacts(areas(12, 6)));
      }),
    );
  });
});

describe('the commune is computed after its residential areas', () => {
  it('orders residential areas and organisations first, then communes, districts, provinces', () => {
    const units = [
      { id: 'p', kind: 'tinh' as const },
      { id: 'x2', kind: 'phuong' as const },
      { id: 'k2', kind: 'to_dan_pho' as const },
      { id: 'h', kind: 'huyen' as const },
      { id: 'o1', kind: 'doanh_nghiep' as const },
      { id: 'x1', kind: 'dac_khu' as const },
      { id: 'k1', kind: 'thon' as const },
      { id: 'k3', kind: 'khu_dan_cu' as const },
    ];
    expect(evaluationOrder(units).map((u) => u.id)).toEqual(['k1', 'k2', 'k3', 'o1', 'x1', 'x2', 'h', 'p']);
    expect(evaluationStage('thi_tran')).toBe(1);
    fc.assert(
      fc.property(fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }), (s) => {
        expect(evaluationOrder(s)).toEqual(evaluationOrder(units));
      }),
    );
  });

  it('end to end: 25 residential areas evaluated, then the commune from their results', () => {
    // 7 of 25 areas fail one criterion each → 18 pass; then one more fails → 17
    const run = (failing: number) => {
      const units = [
        { id: 'xa', kind: 'xa' as const },
        ...Array.from({ length: 25 }, (_, i) => ({ id: `kdc-${String(i).padStart(2, '0')}`, kind: 'thon' as const })),
      ];
      const results = new Map<string, ReturnType<typeof evaluate>>();
      for (const u of evaluationOrder(units)) {
        if (u.kind === 'thon') {
          const i = Number(u.id.slice(4));
          let f = passingKdc(u.id, `Thôn ${i + 1}`);
          if (i < failing) f = breakRule(KDC.rules[i % KDC.rules.length]!, f);
          results.set(u.id, evaluate(KDC, f));
        } else {
          // every area is already evaluated when the commune's turn comes
          expect(results.size).toBe(25);
          const statuses: SubUnitStatus[] = [...results.values()].map((r) => ({
            unitId: r.unitId,
            name: r.unitName,
            category: 'khu_dan_cu',
            eligible: true,
            registered: true,
            overall: r.overall,
          }));
          const f = passingXa();
          f.subUnits = buildSubUnitFacts(statuses, 'ket_qua');
          results.set(u.id, evaluate(XA, f));
        }
      }
      return results.get('xa')!;
    };
    expect(run(7).rules.find((r) => r.ruleId === 'XA-4b')!.verdict).toBe('dat');
    expect(run(7).overall).toBe('dat');
    expect(run(8).rules.find((r) => r.ruleId === 'XA-4b')!.verdict).toBe('khong_dat');
    expect(run(9).summary).toBe('Chưa đạt: 1 tiêu chí không đạt (XA-4b).');
  });
});
