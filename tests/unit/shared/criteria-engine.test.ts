/**
 * The criteria engine per rule type (shared/domain/criteria/engine.ts): pass, fail, not
 * applicable, missing input and the boundaries of each type — exact percentages (16/25, 17/25,
 * 18/25 against 70 %), Q1 edges, excuses per occurrence, "≤" and "<" with equal counts and with
 * (0, 0) — plus overrides, the overall result, and what a result records.
 */
import { describe, expect, it } from 'vitest';
import { CriteriaError, evaluate, meetsPercent, ruleSetsText } from '../../../shared/domain/criteria/engine';
import {
  emptyFacts,
  evaluationPeriod,
  firstQuarter,
  incidentTableFromRows,
  type IncidentRow,
  type UnitFacts,
} from '../../../shared/domain/criteria/facts';
import { ruleSetHash, selectRuleSets, validateRuleSet, type RuleSet } from '../../../shared/domain/criteria/ruleset';
import { DEFAULT_SETTINGS, type EvaluatedKind } from '../../../shared/domain/criteria/vocabulary';
import { numberText, percentText } from '../../../shared/domain/criteria/text';
import * as criteria from '../../../shared/domain/criteria';

let seq = 0;
/** A one-off rule set from plain rule objects (validated like any file). */
function set(rules: object[], unitKinds: EvaluatedKind[] = ['khu_dan_cu'], extra: object = {}): RuleSet {
  const r = validateRuleSet({
    format: 'antq.ruleset',
    formatVersion: 1,
    id: `test-${++seq}`,
    name: 'Bộ tiêu chí thử',
    version: '2022-02-10',
    unitKinds,
    source: 'Thử nghiệm',
    scope: 'quoc_gia',
    rules,
    ...extra,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

const base = { clause: 'Điều 4 khoản 1', title: 'Tiêu chí thử', explanation: 'Giải thích tiêu chí thử.' };

function facts(patch: Partial<UnitFacts> = {}, kind: EvaluatedKind = 'khu_dan_cu'): UnitFacts {
  return { ...emptyFacts({ unitId: 'u1', unitName: 'Thôn Đông', unitKind: kind, year: 2025 }), ...patch };
}

function one(rs: RuleSet, f: UnitFacts, settings = DEFAULT_SETTINGS) {
  const r = evaluate(rs, f, settings);
  return r.rules[0]!;
}

it('the barrel exports the public API', () => {
  for (const name of [
    'evaluate',
    'parseRuleSet',
    'selectRuleSets',
    'evaluationOrder',
    'buildSubUnitFacts',
    'freezeResult',
    'verifyFrozen',
    'parseRubric',
    'scoreRubric',
    'incidentTableFromRows',
  ]) {
    expect(typeof (criteria as Record<string, unknown>)[name], name).toBe('function');
  }
});

describe('ATTESTED', () => {
  const rs = set([{ ...base, id: 'A', type: 'ATTESTED' }]);

  it('passes on yes and fails on no, naming who attested and when', () => {
    const yes = one(rs, facts({ attestations: { A: { value: true, by: 'Phạm Văn Dũng', on: '2025-11-03' } } }));
    expect(yes.verdict).toBe('dat');
    expect(yes.value).toBe('Có');
    expect(yes.explanation).toBe('Phạm Văn Dũng xác nhận ngày 03/11/2025: đơn vị đáp ứng yêu cầu.');
    expect(yes.sources).toEqual([{ kind: 'attestation', id: 'A', label: 'Xác nhận của Phạm Văn Dũng ngày 03/11/2025' }]);
    const no = one(rs, facts({ attestations: { A: { value: false, by: 'Phạm Văn Dũng', on: '2025-11-03', note: 'Chưa họp' } } }));
    expect(no.verdict).toBe('khong_dat');
    expect(no.explanation).toBe('Phạm Văn Dũng xác nhận ngày 03/11/2025: đơn vị chưa đáp ứng yêu cầu. Ghi chú: Chưa họp');
  });

  it('is missing without an attestation', () => {
    const r = one(rs, facts());
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.missing).toEqual(['Xác nhận của cán bộ: Tiêu chí thử']);
  });
});

describe('DATE_IN_Q1', () => {
  const rs = set([{ ...base, id: 'D', type: 'DATE_IN_Q1', params: { documents: ['nghi_quyet', 'dang_ky'] } }]);
  const doc = (date: string) => ({ date });

  it.each([
    ['2025-01-01', '2025-03-31', 'dat'],
    ['2025-02-10', '2025-02-10', 'dat'],
    ['2025-01-01', '2025-04-01', 'khong_dat'],
    ['2024-12-31', '2025-01-15', 'khong_dat'],
    ['2025-03-31', '2025-12-01', 'khong_dat'],
  ])('resolution %s and registration %s → %s', (a, b, v) => {
    expect(one(rs, facts({ documents: { nghi_quyet: doc(a), dang_ky: doc(b) } })).verdict).toBe(v);
  });

  it('says how late a late registration is (domain N4: late registration fails, visibly)', () => {
    const r = one(rs, facts({ documents: { nghi_quyet: { date: '2025-01-10', number: '01-NQ/ĐU' }, dang_ky: doc('2025-04-01') } }));
    expect(r.explanation).toBe('Bản đăng ký ngày 01/04/2025 ban hành muộn 1 ngày so với hạn 31/03/2025.');
    expect(r.value).toBe('Nghị quyết số 01-NQ/ĐU ngày 10/01/2025; Bản đăng ký ngày 01/04/2025');
    expect(r.threshold).toBe('Ban hành trong quý I/2025 (01/01/2025–31/03/2025)');
  });

  it('a document known not to exist fails; an unknown one is missing; a failure outweighs a missing one', () => {
    const none = one(rs, facts({ documents: { nghi_quyet: doc('2025-01-10'), dang_ky: null } }));
    expect(none.verdict).toBe('khong_dat');
    expect(none.explanation).toBe('Không có bản đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự".');
    const unknown = one(rs, facts({ documents: { nghi_quyet: doc('2025-01-10') } }));
    expect(unknown.verdict).toBe('thieu_du_lieu');
    expect(unknown.missing).toEqual(['Ngày ban hành: Bản đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự"']);
    expect(one(rs, facts({ documents: { dang_ky: doc('2025-05-01') } })).verdict).toBe('khong_dat');
  });

  it('uses the calendar Q1 of the evaluation year, not the evaluation window', () => {
    expect(firstQuarter(2025)).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(evaluationPeriod('khu_dan_cu', 2025)).toEqual({ from: '2024-11-01', to: '2025-10-31' });
    expect(evaluationPeriod('xa', 2025)).toEqual({ from: '2024-11-16', to: '2025-11-15' });
    expect(evaluationPeriod('co_so_giao_duc', 2025)).toEqual({ from: '2024-11-16', to: '2025-11-15' });
    // a registration signed in December of the year before, inside the window, is still not Q1
    expect(one(rs, facts({ documents: { nghi_quyet: doc('2024-12-20'), dang_ky: doc('2025-01-02') } })).verdict).toBe('khong_dat');
  });
});

describe('ZERO', () => {
  const serious = set([{ ...base, id: 'Z', type: 'ZERO', params: { incidents: ['toi_pham_nghiem_trong', 'toi_pham_rat_nghiem_trong'] } }]);
  const security = set([{ ...base, id: 'S', type: 'ZERO', params: { incidents: ['an_ninh_chong_dang'] } }]);
  const excuse = (count: number, kind: 'bat_kha_khang' | 'xu_ly_kip_thoi' = 'xu_ly_kip_thoi') => ({
    count,
    excuse: kind,
    reason: kind === 'xu_ly_kip_thoi' ? 'Bắt giữ ngay' : 'Lũ quét',
    by: 'Chủ tịch UBND xã',
    on: '2025-09-01',
  });
  const fires = set([{ ...base, id: 'F', type: 'ZERO', params: { incidents: ['chay_no', 'tai_nan_lao_dong'] } }]);

  it('passes with no occurrence and names the evaluation window', () => {
    const r = one(serious, facts({ incidents: { byCategory: { toi_pham_it_nghiem_trong: { count: 5 } } } }));
    expect(r.verdict).toBe('dat');
    expect(r.value).toBe('Không xảy ra');
    expect(r.explanation).toBe('Không xảy ra trong kỳ đánh giá 01/11/2024–31/10/2025.');
  });

  it('fails on an occurrence', () => {
    const r = one(serious, facts({ incidents: { byCategory: { toi_pham_rat_nghiem_trong: { count: 2 } } } }));
    expect(r.verdict).toBe('khong_dat');
    expect(r.value).toBe('Tội phạm rất nghiêm trọng: 2 vụ');
    expect(r.explanation).toBe('Đã xảy ra: Tội phạm rất nghiêm trọng: 2 vụ.');
  });

  it('honours an approved excuse per occurrence where the category is excusable', () => {
    const all = one(serious, facts({ incidents: { byCategory: { toi_pham_nghiem_trong: { count: 1, excuses: [excuse(1)] } } } }));
    expect(all.verdict).toBe('dat');
    expect(all.explanation).toBe(
      'Các trường hợp đã xảy ra đều được loại trừ: Tội phạm nghiêm trọng: đã phát hiện, xử lý, báo cáo kịp thời — Bắt giữ ngay (Chủ tịch UBND xã xác nhận ngày 01/09/2025).',
    );
    expect(all.threshold).toBe('Không để xảy ra (trừ trường hợp đã phát hiện, xử lý, báo cáo kịp thời)');
    const part = one(serious, facts({ incidents: { byCategory: { toi_pham_nghiem_trong: { count: 3, excuses: [excuse(2)] } } } }));
    expect(part.verdict).toBe('khong_dat');
    expect(part.value).toBe('Tội phạm nghiêm trọng: 3 vụ (được loại trừ 2)');
    expect(part.explanation).toBe('Đã xảy ra: Tội phạm nghiêm trọng: 3 vụ (được loại trừ 2); còn 1 trường hợp không được loại trừ.');
  });

  it('never excuses more occurrences than happened', () => {
    const r = one(serious, facts({ incidents: { byCategory: { toi_pham_nghiem_trong: { count: 1, excuses: [excuse(3)] } } } }));
    expect(r.verdict).toBe('dat');
    expect(r.explanation).toContain('ghi loại trừ (3) lớn hơn số đã xảy ra (1); chỉ tính 1.');
  });

  it('a crime is excused only when handled in time, never by force majeure, even in old data (domain.md §5.6 N3)', () => {
    const r = one(
      serious,
      facts({ incidents: { byCategory: { toi_pham_nghiem_trong: { count: 1, excuses: [excuse(1, 'bat_kha_khang')] } } } }),
    );
    expect(r.verdict).toBe('khong_dat');
    expect(r.value).toBe('Tội phạm nghiêm trọng: 1 vụ');
    expect(r.explanation).toBe(
      'Đã xảy ra: Tội phạm nghiêm trọng: 1 vụ. Không tính căn cứ loại trừ "bất khả kháng" ghi cho tội phạm nghiêm trọng (1 vụ, Chủ tịch UBND xã xác nhận ngày 01/09/2025): theo Thông tư 124, tội phạm nghiêm trọng chỉ được loại trừ khi đã phát hiện, xử lý, báo cáo kịp thời.',
    );
  });

  it('a fire or labour accident is excused by force majeure alone', () => {
    const handled = one(fires, facts({ incidents: { byCategory: { chay_no: { count: 1, excuses: [excuse(1, 'xu_ly_kip_thoi')] } } } }));
    expect(handled.verdict).toBe('khong_dat');
    expect(handled.explanation).toContain('cháy, nổ nghiêm trọng chỉ được loại trừ khi bất khả kháng.');
    expect(handled.threshold).toBe('Không để xảy ra (trừ trường hợp bất khả kháng)');
    const forceMajeure = one(fires, facts({ incidents: { byCategory: { chay_no: { count: 1, excuses: [excuse(1, 'bat_kha_khang')] } } } }));
    expect(forceMajeure.verdict).toBe('dat');
    // a valid and a wrong ground on the same category: only the valid one counts
    const mixed = one(
      fires,
      facts({
        incidents: { byCategory: { tai_nan_lao_dong: { count: 2, excuses: [excuse(1, 'bat_kha_khang'), excuse(1, 'xu_ly_kip_thoi')] } } },
      }),
    );
    expect(mixed.verdict).toBe('khong_dat');
    expect(mixed.value).toBe('Tai nạn lao động chết người: 2 vụ (được loại trừ 1)');
    expect(mixed.explanation).toContain(
      'Không tính căn cứ loại trừ "đã phát hiện, xử lý, báo cáo kịp thời" ghi cho tai nạn lao động chết người (1 vụ',
    );
  });

  it('a category whose group was not entered is missing data, not zero (domain.md §5.6 N7)', () => {
    // only a fire was entered: nothing is known about crimes
    const r = one(
      serious,
      facts({
        incidents: {
          byCategory: { chay_no: { count: 1 } },
          missingGroups: ['an_ninh', 'toi_pham', 'te_nan', 'co_quan', 'ky_luat', 'khac'],
        },
      }),
    );
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.value).toBe('Chưa có số liệu');
    expect(r.missing).toEqual(['Thống kê nhóm "Tội phạm" kỳ 01/11/2024–31/10/2025: chưa có bản ghi nào và chưa xác nhận "đã nhập đủ"']);
    expect(r.explanation).toBe(
      'Thiếu dữ liệu: thống kê nhóm "Tội phạm" kỳ 01/11/2024–31/10/2025: chưa có bản ghi nào và chưa xác nhận "đã nhập đủ".',
    );
    // the group entered: a category absent from it had no occurrence
    expect(
      one(serious, facts({ incidents: { byCategory: { toi_pham_it_nghiem_trong: { count: 1 } }, missingGroups: ['chay_no_su_co'] } }))
        .verdict,
    ).toBe('dat');
  });

  it('ignores excuses on categories Circular 124 does not let a person excuse', () => {
    const r = one(security, facts({ incidents: { byCategory: { an_ninh_chong_dang: { count: 1, excuses: [excuse(1)] } } } }));
    expect(r.verdict).toBe('khong_dat');
    expect(r.explanation).toContain('không thuộc trường hợp được loại trừ theo Thông tư 124.');
    expect(r.threshold).toBe('Không để xảy ra');
  });

  it('ignores excuses when the rule says so', () => {
    const strict = set([{ ...base, id: 'Z', type: 'ZERO', params: { incidents: ['chay_no'], honourExcuses: false } }]);
    const r = one(strict, facts({ incidents: { byCategory: { chay_no: { count: 1, excuses: [excuse(1, 'bat_kha_khang')] } } } }));
    expect(r.verdict).toBe('khong_dat');
    expect(r.explanation).toContain('Tiêu chí này không cho loại trừ cháy, nổ nghiêm trọng.');
  });

  it("is missing without the year's statistics, but a failure outweighs a missing count", () => {
    expect(one(serious, facts()).verdict).toBe('thieu_du_lieu');
    expect(one(serious, facts()).missing).toEqual(['Thống kê tình hình an ninh, trật tự kỳ 01/11/2024–31/10/2025']);
    const mixed = set(
      [{ ...base, id: 'M', type: 'ZERO', params: { incidents: ['bao_luc_hoc_duong'], counts: ['pham_toi_trong_truong'] } }],
      ['co_so_giao_duc'],
    );
    const school = (patch: Partial<UnitFacts>) => facts(patch, 'co_so_giao_duc');
    expect(one(mixed, school({ incidents: { byCategory: {} } })).verdict).toBe('thieu_du_lieu');
    expect(one(mixed, school({ incidents: { byCategory: { bao_luc_hoc_duong: { count: 1 } } } })).verdict).toBe('khong_dat');
    expect(one(mixed, school({ incidents: { byCategory: {} }, counts: { pham_toi_trong_truong: { value: 0 } } })).verdict).toBe('dat');
    const r = one(mixed, school({ incidents: { byCategory: {} }, counts: { pham_toi_trong_truong: { value: 2 } } }));
    expect(r.verdict).toBe('khong_dat');
    expect(r.value).toBe('Cán bộ, giáo viên, người lao động, người học phạm tội: 2 người');
  });

  it('reads incident rows the way the record form stores them', () => {
    const rows: IncidentRow[] = [
      {
        id: 'r2',
        category: 'toi_pham_nghiem_trong',
        count: 1,
        excuse: 'xu_ly_kip_thoi',
        excuseReason: 'Phát hiện, bắt giữ ngay',
        excuseApprovedBy: 'Trưởng Công an xã',
        excuseApprovedOn: '2025-06-02',
        occurredOn: '2025-06-01',
        description: 'Cướp giật',
      },
      {
        id: 'r1',
        category: 'toi_pham_nghiem_trong',
        count: 1,
        excuse: 'bat_kha_khang',
        excuseReason: null,
        excuseApprovedBy: null,
        excuseApprovedOn: null,
        occurredOn: '2025-03-01',
        description: null,
      },
      {
        id: 'r3',
        category: 'te_nan_xa_hoi',
        count: 2,
        excuse: null,
        excuseReason: null,
        excuseApprovedBy: null,
        excuseApprovedOn: null,
        occurredOn: '2025-04-01',
        description: null,
      },
    ];
    const table = incidentTableFromRows(rows);
    expect(table.byCategory.toi_pham_nghiem_trong!.count).toBe(2);
    // an excuse without its approver is not an excuse
    expect(table.byCategory.toi_pham_nghiem_trong!.excuses).toHaveLength(1);
    expect(table.byCategory.te_nan_xa_hoi!.sources).toEqual([
      { kind: 'incident', id: 'r3', label: 'Vụ tệ nạn xã hội ngày 01/04/2025 (2 vụ)' },
    ]);
    expect(incidentTableFromRows([...rows].reverse())).toEqual(table);
    const r = one(serious, facts({ incidents: table }));
    expect(r.verdict).toBe('khong_dat');
    expect(r.sources.map((s) => s.id)).toEqual(['r1', 'r2']);
  });
});

describe('MIN', () => {
  const rs = set([{ ...base, id: 'M', type: 'MIN', params: { count: 'mo_hinh_hieu_qua', min: 2 } }]);
  it.each([
    [1, 'khong_dat'],
    [2, 'dat'],
    [3, 'dat'],
  ])('%i effective models against a minimum of 2 → %s', (n, v) => {
    const r = one(rs, facts({ counts: { mo_hinh_hieu_qua: { value: n, sources: [{ kind: 'model', id: 'm', label: 'Tổ tự quản' }] } } }));
    expect(r.verdict).toBe(v);
    expect(r.value).toBe(`${n} mô hình`);
    expect(r.threshold).toBe('Tối thiểu 2 mô hình');
    expect(r.sources).toEqual([{ kind: 'model', id: 'm', label: 'Tổ tự quản' }]);
  });
  it('is missing without the count (never read as 0)', () => {
    const r = one(rs, facts());
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.missing).toEqual(['Mô hình phong trào được đánh giá hoạt động hiệu quả']);
  });
});

describe('PCT', () => {
  const pct = (min: number, extra: object = {}) =>
    set([{ ...base, id: 'P', type: 'PCT', params: { ratio: 'ho_gia_dinh', min, ...extra } }]);
  const hh = (registered: number, residing: number) => facts({ households: { registered, residing } });

  it('compares exactly: 16/25 and 17/25 fail 70 %, 18/25 passes, 7/10 passes', () => {
    expect(one(pct(70), hh(16, 25)).verdict).toBe('khong_dat');
    expect(one(pct(70), hh(17, 25)).verdict).toBe('khong_dat');
    expect(one(pct(70), hh(18, 25)).verdict).toBe('dat');
    expect(one(pct(70), hh(7, 10)).verdict).toBe('dat');
    expect(one(pct(70), hh(699, 1000)).verdict).toBe('khong_dat');
    expect(one(pct(70), hh(6999, 10000)).verdict).toBe('khong_dat');
    expect(meetsPercent(16, 25, 70)).toBe(false);
    expect(meetsPercent(18, 25, 70)).toBe(true);
  });

  it('explains with the counts and a truncated percentage that never shows a fail as reaching the threshold', () => {
    const r = one(pct(70), hh(18, 25));
    expect(r.value).toBe('18/25 (72,0%)');
    expect(r.threshold).toBe('Tối thiểu 70%');
    expect(r.explanation).toBe('18/25 hộ (72,0%) đã đăng ký thực hiện, yêu cầu tối thiểu 70%.');
    expect(one(pct(70), hh(6999, 10000)).value).toBe('6.999/10.000 (69,9%)');
    expect(percentText(2, 3)).toBe('66,6%');
  });

  it('100 % means every one', () => {
    expect(one(pct(100), hh(212, 212)).verdict).toBe('dat');
    expect(one(pct(100), hh(211, 212)).verdict).toBe('khong_dat');
  });

  it('takes thresholds with decimals exactly', () => {
    expect(one(pct(95.5), hh(191, 200)).verdict).toBe('dat');
    expect(one(pct(95.5), hh(190, 200)).verdict).toBe('khong_dat');
    expect(numberText(95.5)).toBe('95,5');
  });

  it('0/0 is not applicable by default (nothing to count), or what the rule set says', () => {
    const r = one(pct(100), hh(0, 0));
    expect(r.verdict).toBe('khong_ap_dung');
    expect(r.explanation).toBe('Không áp dụng: số hộ gia đình đang cư trú bằng 0, không có gì để tính tỷ lệ (0/0).');
    expect(one(pct(100, { zeroDenominator: 'dat' }), hh(0, 0)).verdict).toBe('dat');
    expect(one(pct(100, { zeroDenominator: 'khong_dat' }), hh(0, 0)).verdict).toBe('khong_dat');
    // 0 of something is just 0 %
    expect(one(pct(70), hh(0, 5)).verdict).toBe('khong_dat');
  });

  it('is missing when a number is unknown, and refuses a numerator above the denominator', () => {
    const r = one(pct(100), facts({ households: { residing: 200 } }));
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.missing).toEqual(['Số hộ gia đình đã đăng ký']);
    expect(r.value).toBe('?/200');
    const bad = one(pct(100), hh(201, 200));
    expect(bad.verdict).toBe('thieu_du_lieu');
    expect(bad.explanation).toBe('Số liệu không hợp lệ: số hộ gia đình đã đăng ký (201) lớn hơn số hộ gia đình đang cư trú (200).');
  });
});

describe('CMP_PREV', () => {
  const groups = [
    { label: 'Tội phạm', incidents: ['toi_pham_it_nghiem_trong', 'toi_pham_nghiem_trong'] },
    { label: 'Tệ nạn xã hội', incidents: ['te_nan_xa_hoi'] },
  ];
  const perGroup = set([{ ...base, id: 'C', type: 'CMP_PREV', params: { groups } }]);
  const aggregate = set([{ ...base, id: 'C', type: 'CMP_PREV', params: { groups, compare: 'aggregate' } }]);
  const lt = { ...DEFAULT_SETTINGS, reducedMeans: 'lt' as const };
  const years = (crimeNow: number, crimeBefore: number, evilsNow = 0, evilsBefore = 0) =>
    facts({
      incidents: { byCategory: { toi_pham_it_nghiem_trong: { count: crimeNow }, te_nan_xa_hoi: { count: evilsNow } } },
      previousIncidents: { byCategory: { toi_pham_it_nghiem_trong: { count: crimeBefore }, te_nan_xa_hoi: { count: evilsBefore } } },
    });

  it('equal counts pass under "≤" (default) and fail under "<"', () => {
    expect(one(perGroup, years(5, 5)).verdict).toBe('dat');
    const strict = one(perGroup, years(5, 5), lt);
    expect(strict.verdict).toBe('khong_dat');
    expect(strict.explanation).toBe('Tội phạm không giảm (5 vụ, bằng năm 2024).');
    expect(strict.threshold).toBe('Giảm so với năm 2024 (từng nhóm); nếu cả hai năm đều bằng 0 thì đạt');
  });

  it('(0, 0) passes under both readings', () => {
    expect(one(perGroup, years(0, 0)).verdict).toBe('dat');
    expect(one(perGroup, years(0, 0), lt).verdict).toBe('dat');
    expect(one(aggregate, years(0, 0), lt).explanation).toBe('Không phát sinh trong cả hai năm.');
  });

  it('a decrease passes and an increase fails under both', () => {
    expect(one(perGroup, years(3, 5)).verdict).toBe('dat');
    expect(one(perGroup, years(3, 5, 0, 0), lt).verdict).toBe('dat');
    const up = one(perGroup, years(6, 5));
    expect(up.verdict).toBe('khong_dat');
    expect(up.explanation).toBe('Tội phạm tăng từ 5 lên 6 vụ.');
    expect(up.value).toBe('Tội phạm: 6 vụ (năm 2024: 5); Tệ nạn xã hội: 0 vụ (năm 2024: 0)');
    expect(one(perGroup, years(6, 5), lt).verdict).toBe('khong_dat');
  });

  it('per group, one rising group fails the rule; summed, it can be offset', () => {
    const f = years(2, 5, 4, 3);
    expect(one(perGroup, f).verdict).toBe('khong_dat');
    const sum = one(aggregate, f);
    expect(sum.verdict).toBe('dat');
    expect(sum.value).toBe('Tổng: 6 vụ (năm 2024: 8); Tội phạm: 2 vụ (năm 2024: 5); Tệ nạn xã hội: 4 vụ (năm 2024: 3)');
  });

  it('counts every occurrence, excused or not', () => {
    const f = years(5, 5);
    f.incidents!.byCategory.toi_pham_nghiem_trong = {
      count: 1,
      excuses: [{ count: 1, excuse: 'bat_kha_khang', reason: 'x', by: 'y', on: '2025-01-02' }],
    };
    expect(one(perGroup, f).verdict).toBe('khong_dat');
  });

  it('is missing without either year', () => {
    const f = years(1, 2);
    delete f.previousIncidents;
    const r = one(perGroup, f);
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.missing).toEqual(['Thống kê tình hình an ninh, trật tự năm 2024 (cộng cả các đơn vị trước sắp xếp, sáp nhập)']);
  });

  it("a fire last year does not make last year's crimes 0: a group not entered is missing (domain.md §5.6 N7)", () => {
    const f = facts({
      incidents: { byCategory: { toi_pham_it_nghiem_trong: { count: 3 }, te_nan_xa_hoi: { count: 1 } } },
      previousIncidents: { byCategory: { chay_no: { count: 1 } }, missingGroups: ['toi_pham', 'te_nan'] },
    });
    const r = one(perGroup, f);
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.value).toBe('Tội phạm: chưa đủ số liệu; Tệ nạn xã hội: chưa đủ số liệu');
    expect(r.missing).toEqual([
      'Thống kê nhóm "Tội phạm" kỳ năm 2024 (01/11/2023–31/10/2024): chưa có bản ghi nào và chưa xác nhận "đã nhập đủ"',
      'Thống kê nhóm "Tệ nạn xã hội, vi phạm khác, tụ điểm phức tạp" kỳ năm 2024 (01/11/2023–31/10/2024): chưa có bản ghi nào và chưa xác nhận "đã nhập đủ"',
    ]);
    expect(r.explanation).toMatch(/^Thiếu dữ liệu: thống kê nhóm "Tội phạm" kỳ năm 2024/);
    expect(one(aggregate, f).verdict).toBe('thieu_du_lieu');
    // a known group that rose still fails the rule, whatever the missing group says
    const rising = facts({
      incidents: { byCategory: { toi_pham_it_nghiem_trong: { count: 3 } }, missingGroups: ['te_nan'] },
      previousIncidents: { byCategory: { toi_pham_it_nghiem_trong: { count: 1 } } },
    });
    const up = one(perGroup, rising);
    expect(up.verdict).toBe('khong_dat');
    expect(up.explanation).toContain('Tội phạm tăng từ 1 lên 3 vụ.');
  });
});

describe('RATING', () => {
  const team = set([{ ...base, id: 'R', type: 'RATING', params: { subject: 'to_bao_ve_antt', scale: 'hd01', min: 'hoan_thanh' } }]);
  const force = set(
    [
      {
        ...base,
        id: 'F',
        type: 'RATING',
        params: {
          subject: 'luc_luong_bao_ve',
          scale: 'xep_loai_tap_the',
          min: 'hoan_thanh_tot_nhiem_vu',
          orTitles: ['tap_the_lao_dong_tien_tien'],
        },
      },
    ],
    ['co_quan'],
  );
  const rated = (level: string | null) => facts({ ratings: { to_bao_ve_antt: { scale: 'hd01', level } } });

  it.each([
    ['hoan_thanh_xuat_sac', 'dat'],
    ['hoan_thanh_tot', 'dat'],
    ['hoan_thanh', 'dat'],
    ['khong_hoan_thanh', 'khong_dat'],
  ])('Tổ bảo vệ ANTT rated %s → %s', (level, v) => {
    expect(one(team, rated(level)).verdict).toBe(v);
  });

  it('explains against the minimum level', () => {
    const r = one(team, rated('khong_hoan_thanh'));
    expect(r.explanation).toBe('Tổ bảo vệ an ninh, trật tự ở cơ sở được xếp loại "Không hoàn thành", thấp hơn mức "Hoàn thành".');
    expect(r.threshold).toBe('Từ "Hoàn thành" trở lên');
  });

  it('"không xếp loại" is for a person to decide; no rating at all is missing', () => {
    const r = one(
      team,
      facts({ ratings: { to_bao_ve_antt: { scale: 'hd01', level: null, notRatedReason: 'hoạt động chưa đủ 9 tháng' } } }),
    );
    expect(r.verdict).toBe('thieu_du_lieu');
    expect(r.value).toBe('Không xếp loại (hoạt động chưa đủ 9 tháng)');
    expect(one(team, facts()).verdict).toBe('thieu_du_lieu');
  });

  it('an accepted title passes whatever the rating', () => {
    const f = facts(
      {
        ratings: { luc_luong_bao_ve: { scale: 'xep_loai_tap_the', level: 'hoan_thanh_nhiem_vu', titles: ['tap_the_lao_dong_tien_tien'] } },
      },
      'co_quan',
    );
    const r = one(force, f);
    expect(r.verdict).toBe('dat');
    expect(r.explanation).toBe('Lực lượng bảo vệ của cơ quan, doanh nghiệp, cơ sở giáo dục đạt danh hiệu "Tập thể lao động tiên tiến".');
    const without = facts({ ratings: { luc_luong_bao_ve: { scale: 'xep_loai_tap_the', level: 'hoan_thanh_nhiem_vu' } } }, 'co_quan');
    expect(one(force, without).verdict).toBe('khong_dat');
  });

  it('a rating on another scale is not compared', () => {
    const f = facts({ ratings: { to_bao_ve_antt: { scale: 'xep_loai_tap_the', level: 'hoan_thanh_tot_nhiem_vu' } } });
    expect(one(team, f).verdict).toBe('thieu_du_lieu');
  });
});

describe('not-applicable conditions', () => {
  const rs = set(
    [
      {
        ...base,
        id: 'N',
        type: 'DATE_IN_Q1',
        params: { documents: ['nghi_quyet'] },
        notApplicableIf: [{ flag: 'hasPartyOrg', equals: false }],
      },
    ],
    ['co_quan'],
  );
  it('applies, does not apply, or is missing with the flag', () => {
    const f = (flag: boolean | undefined) =>
      facts({ documents: { nghi_quyet: { date: '2025-02-01' } }, flags: flag === undefined ? {} : { hasPartyOrg: flag } }, 'co_quan');
    expect(one(rs, f(true)).verdict).toBe('dat');
    const na = one(rs, f(false));
    expect(na.verdict).toBe('khong_ap_dung');
    expect(na.explanation).toBe('Không áp dụng vì đơn vị không có tổ chức Đảng.');
    const unknown = one(rs, f(undefined));
    expect(unknown.verdict).toBe('thieu_du_lieu');
    expect(unknown.missing).toEqual(['Thông tin "Có tổ chức Đảng"']);
  });
});

describe('overall result, overrides and what a result records', () => {
  const rs = set([
    { ...base, id: 'A', type: 'ATTESTED' },
    { ...base, id: 'B', type: 'ATTESTED' },
    { ...base, id: 'C', type: 'ATTESTED', notApplicableIf: [{ flag: 'hasPartyOrg', equals: false }] },
  ]);
  const att = (value: boolean) => ({ value, by: 'Cán bộ A', on: '2025-11-01' });

  it('đạt only when every applicable criterion passes', () => {
    const r = evaluate(rs, facts({ attestations: { A: att(true), B: att(true) }, flags: { hasPartyOrg: false } }));
    expect(r.overall).toBe('dat');
    expect(r.counts).toEqual({ dat: 2, khong_dat: 0, khong_ap_dung: 1, thieu_du_lieu: 0 });
    expect(r.summary).toBe('Đạt: 2/2 tiêu chí áp dụng đều đạt; 1 tiêu chí không áp dụng.');
  });

  it('chưa đạt as soon as one fails, even with missing input elsewhere', () => {
    const r = evaluate(rs, facts({ attestations: { A: att(false) } }));
    expect(r.overall).toBe('chua_dat');
    expect(r.summary).toBe('Chưa đạt: 1 tiêu chí không đạt (A); còn thiếu dữ liệu ở 2 tiêu chí (B, C).');
  });

  it('thiếu dữ liệu when nothing fails but something is missing', () => {
    const r = evaluate(rs, facts({ attestations: { A: att(true) }, flags: { hasPartyOrg: true } }));
    expect(r.overall).toBe('thieu_du_lieu');
    expect(r.summary).toBe('Chưa kết luận: thiếu dữ liệu ở 2 tiêu chí (B, C); 1/3 tiêu chí áp dụng đã đạt.');
  });

  it('an override keeps the computed verdict, the reason, who and when', () => {
    const f = facts({ attestations: { A: att(true), B: att(false) }, flags: { hasPartyOrg: false } });
    const ov = { verdict: 'dat' as const, reason: 'Hội đồng xét lại: đã khắc phục', by: 'Chủ tịch UBND xã', on: '2025-11-14' };
    const r = evaluate(rs, f, DEFAULT_SETTINGS, { B: ov, ZZZ: { ...ov } });
    const b = r.rules.find((x) => x.ruleId === 'B')!;
    expect(b.verdict).toBe('dat');
    expect(b.computedVerdict).toBe('khong_dat');
    expect(b.override).toEqual(ov);
    expect(r.overall).toBe('dat');
    expect(r.warnings).toEqual(['Kết quả ghi đè cho tiêu chí "ZZZ" không thuộc bộ tiêu chí đang dùng nên không được tính.']);
    expect(r.rules.find((x) => x.ruleId === 'A')!.override).toBeUndefined();
  });

  it('records the unit, year, rule set id, version and hash, and the settings', () => {
    const settings = { reducedMeans: 'lt' as const, subunitPool: 'per_category' as const };
    const r = evaluate(rs, facts(), settings);
    expect(r).toMatchObject({ formatVersion: 1, unitId: 'u1', unitName: 'Thôn Đông', unitKind: 'khu_dan_cu', year: 2025, settings });
    expect(r.ruleSets).toEqual([{ id: rs.id, name: 'Bộ tiêu chí thử', version: '2022-02-10', hash: ruleSetHash(rs), example: false }]);
    expect(r.ruleSets[0]!.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(ruleSetsText(r)).toBe('Bộ tiêu chí thử (hiệu lực 10/02/2022)');
    const r0 = r.rules[0]!;
    expect(r0).toMatchObject({
      ruleId: 'A',
      ruleSetId: rs.id,
      clause: 'Điều 4 khoản 1',
      title: 'Tiêu chí thử',
      description: 'Giải thích tiêu chí thử.',
      type: 'ATTESTED',
    });
  });

  it('a changed rule set has another hash even with the same id and version', () => {
    const other = structuredClone(rs);
    other.rules[0]!.title = 'Tiêu chí thử đã sửa';
    expect(ruleSetHash(other)).not.toBe(ruleSetHash(rs));
  });

  it('refuses a rule set for another unit kind, and two sets sharing a criterion id', () => {
    expect(() => evaluate(rs, facts({}, 'xa'))).toThrow(CriteriaError);
    expect(() => evaluate(rs, facts({}, 'xa'))).toThrow('Bộ tiêu chí "Bộ tiêu chí thử" không áp dụng cho xã.');
    const twin = set([{ ...base, id: 'A', type: 'ATTESTED' }]);
    expect(() => evaluate([rs, twin], facts())).toThrow(/Mã tiêu chí "A" có trong cả bộ/);
    expect(() => evaluate([], facts())).toThrow('Chưa có bộ tiêu chí nào để đánh giá.');
  });

  it('selectRuleSets picks, per id, the latest version in force at the end of the window', () => {
    const v1 = set([{ ...base, id: 'A', type: 'ATTESTED' }], ['khu_dan_cu'], { id: 'x', version: '2022-02-10' });
    const v2 = set([{ ...base, id: 'A', type: 'ATTESTED' }], ['khu_dan_cu'], { id: 'x', version: '2025-10-31' });
    const v3 = set([{ ...base, id: 'A', type: 'ATTESTED' }], ['khu_dan_cu'], { id: 'x', version: '2025-11-01' });
    expect(selectRuleSets([v3, v1, v2], 'khu_dan_cu', 2025)).toEqual([v2]);
    expect(selectRuleSets([v3, v1, v2], 'khu_dan_cu', 2026)).toEqual([v3]);
    expect(selectRuleSets([v3, v1, v2], 'khu_dan_cu', 2021)).toEqual([]);
    expect(selectRuleSets([v3, v1, v2], 'xa', 2025)).toEqual([]);
  });
});
