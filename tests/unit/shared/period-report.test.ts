/**
 * Issue 9 items 10–13 in the pure period engine: transferred tips are never overdue and the public's
 * share is said; the office's trọng án list decides "không để xảy ra trọng án"; leadership
 * documents, team ratings, Decision 510 classes and crimes by field with their sentences; the
 * statistical year and its previous equal period.
 */
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_YEAR_START,
  activityFigures,
  categoryRules,
  checkYearStart,
  compareFigures,
  comparedWith,
  countingRules,
  emptyFigures,
  emptyRecordSets,
  emptyReportFigures,
  periodSentences,
  previousPeriod,
  reportFigures,
  statisticalYear,
  statisticalYearOf,
  type ActivityFigures,
  type ActivityRecordSets,
  type CountingRules,
  type ReportFigures,
  type SentenceInput,
} from '../../../shared/domain/period';
import type { IncidentRecord, TipRecord } from '../../../shared/domain/activities';
import type { LeadershipDoc } from '../../../shared/domain/leadership';
import { NO_TIP_RESULTS } from '../../support/tip-results';
import { EMPTY_MASS_ORGS, EMPTY_MODELS, EMPTY_ORGANIZATIONS } from '../../support/empty-figures';

const TODAY = '2026-11-22';
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
let seq = 0;

function tip(p: Partial<TipRecord>): TipRecord {
  return {
    id: `t${++seq}`,
    unitId: 'u1',
    note: null,
    receivedOn: '2026-03-01',
    channel: 'truc_tiep',
    category: 'toi_pham',
    legalType: 'to_giac',
    valuable: false,
    summary: 'Tin',
    status: 'dang_xu_ly',
    outcome: null,
    resolvedOn: null,
    ...NO_TIP_RESULTS,
    ...p,
  };
}
function incident(p: Partial<IncidentRecord>): IncidentRecord {
  return {
    id: `i${++seq}`,
    unitId: 'u1',
    note: null,
    occurredOn: '2026-04-01',
    organizationId: null,
    category: 'toi_pham_it_nghiem_trong',
    count: 1,
    solved: 0,
    deaths: 0,
    injuries: 0,
    description: null,
    excuse: null,
    excuseReason: null,
    excuseApprovedBy: null,
    excuseApprovedOn: null,
    ...p,
  };
}
const sets = (p: Partial<ActivityRecordSets>): ActivityRecordSets => ({ ...emptyRecordSets(), ...p });
const all = () => true;

function input(current: ActivityFigures, extra: Partial<SentenceInput> = {}): SentenceInput {
  return {
    period: YEAR,
    previous: previousPeriod(YEAR.from, YEAR.to),
    current,
    prior: emptyFigures(),
    models: EMPTY_MODELS,
    newModels: [],
    massOrgs: EMPTY_MASS_ORGS,
    organizations: EMPTY_ORGANIZATIONS,
    ...extra,
  };
}

describe('item 10: tips passed on and tips from the public', () => {
  const records = sets({
    tips: [
      tip({ status: 'chuyen_co_quan_khac', resolvedOn: null }), // passed on long ago: not overdue here
      tip({ status: 'chuyen_co_quan_khac', resolvedOn: '2026-05-30' }), // passed on after 20 days: not "late" here
      tip({ legalType: 'tin_bao' }), // the office's own, overdue
      tip({ legalType: 'kien_nghi_khoi_to', status: 'da_giai_quyet', outcome: 'khoi_to', resolvedOn: '2026-03-10' }),
      tip({ legalType: null, category: 'trat_tu' }),
    ],
  });
  const f = activityFigures(records, all, YEAR.from, YEAR.to, TODAY);

  it('counts a tip passed to the competent agency as "đã chuyển", never overdue or late', () => {
    expect(f['tips.overdue']).toBe(1);
    expect(f['tips.late']).toBe(0);
    expect(f['tips.criminalTransferred']).toBe(2);
    expect(f['tips.inTime']).toBe(1);
  });

  it("counts the public's tips apart from a state body's kiến nghị khởi tố, and says which is which", () => {
    expect(f['tips.total']).toBe(5);
    expect(f['tips.public']).toBe(4);
    expect(periodSentences(input(f)).tips).toBe(
      'Năm 2026, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 4 nguồn tin; ' +
        'tiếp nhận 2 tố giác, 1 tin báo về tội phạm do quần chúng cung cấp và 1 kiến nghị khởi tố của cơ quan nhà nước có thẩm quyền, ' +
        'đã giải quyết 1 tin, chuyển 2 tin đến cơ quan có thẩm quyền giải quyết, 1 tin quá thời hạn chưa giải quyết. ' +
        // The kiến nghị khởi tố is a state body's: not among the public's channels.
        'Các nguồn tin của quần chúng đều được tiếp nhận trực tiếp.',
    );
  });

  it('shows the transferred row in the table and never as overdue', () => {
    const rows = compareFigures(f, emptyFigures());
    expect(rows.find((r) => r.key === 'tips.criminalTransferred')?.label).toBe('Đã chuyển cơ quan có thẩm quyền (không tính quá hạn)');
    expect(rows.find((r) => r.key === 'tips.public')?.label).toBe('Nguồn tin quần chúng cung cấp');
  });
});

describe("item 11: the office's trọng án list", () => {
  const records = sets({
    incidents: [incident({ category: 'toi_pham_nghiem_trong', count: 2, solved: 2 }), incident({ count: 3, solved: 3 })],
  });
  const stored = [{ category: 'toi_pham_nghiem_trong' as const, grave: true, field: null }];

  it('by default (rất nghiêm trọng, đặc biệt nghiêm trọng) a serious crime is not trọng án', () => {
    const f = activityFigures(records, all, YEAR.from, YEAR.to, TODAY);
    expect(f['incidents.graveCrimes']).toBe(0);
    expect(periodSentences(input(f)).incidents).toContain('không để xảy ra trọng án');
  });

  it('once the office lists "nghiêm trọng" as trọng án, the sentence never says none happened', () => {
    const rules = countingRules(categoryRules(stored));
    const f = activityFigures(records, all, YEAR.from, YEAR.to, TODAY, rules);
    expect(f['incidents.graveCrimes']).toBe(2);
    const s = periodSentences(input(f, { rules })).incidents;
    expect(s).not.toContain('không để xảy ra trọng án');
    expect(s).toContain('trong đó có 2 vụ trọng án');
  });

  it('with an empty list says nothing about trọng án rather than "không để xảy ra"', () => {
    const rules = countingRules(categoryRules(categoryRules([]).map((r) => ({ ...r, grave: false }))));
    const f = activityFigures(records, all, YEAR.from, YEAR.to, TODAY, rules);
    expect(periodSentences(input(f, { rules })).incidents).not.toContain('trọng án');
  });
});

describe('item 12: crimes by field, leadership documents, team ratings, Decision 510 classes', () => {
  it('counts crimes by the field of their category and says it; an unassigned category stays apart', () => {
    const rules: CountingRules = countingRules(
      categoryRules([
        { category: 'toi_pham_it_nghiem_trong', grave: false, field: 'trat_tu_xa_hoi' },
        { category: 'toi_pham_nghiem_trong', grave: false, field: 'ma_tuy' },
      ]),
    );
    const records = sets({
      incidents: [
        incident({ count: 30, solved: 30 }),
        incident({ category: 'toi_pham_nghiem_trong', count: 8, solved: 8 }),
        incident({ category: 'toi_pham_rat_nghiem_trong', count: 2, solved: 1 }),
      ],
    });
    const f = activityFigures(records, all, YEAR.from, YEAR.to, TODAY, rules);
    expect([
      f['incidents.field.trat_tu_xa_hoi'],
      f['incidents.field.ma_tuy'],
      f['incidents.field.kinh_te'],
      f['incidents.fieldUnknown'],
    ]).toEqual([30, 8, 0, 2]);
    expect(periodSentences(input(f, { rules })).incidents).toBe(
      'Năm 2026, trên địa bàn xảy ra 40 vụ phạm tội (tội phạm về trật tự xã hội 30 vụ, ma túy 8 vụ; chưa xác định lĩnh vực 2 vụ), ' +
        'đã điều tra giải quyết 39/40 vụ, trong đó có 2 vụ trọng án.',
    );
  });

  const docs: LeadershipDoc[] = [
    {
      id: 'd1',
      unitId: 'u1',
      issuedOn: '2026-01-10',
      docType: 'nghi_quyet',
      number: '05-NQ/ĐU',
      title: 'Về công tác bảo đảm ANTT năm 2026',
    },
    { id: 'd2', unitId: 'u1', issuedOn: '2026-02-01', docType: 'ke_hoach', number: '12/KH-UBND', title: 'Kế hoạch xây dựng phong trào' },
    { id: 'd3', unitId: 'u2', issuedOn: '2026-03-01', docType: 'ke_hoach', number: '30/KH-UBND', title: 'Kế hoạch Ngày hội' },
    { id: 'd4', unitId: 'u1', issuedOn: '2025-12-31', docType: 'chi_thi', number: '01/CT-UBND', title: 'Năm trước' },
  ];
  const teams = [
    { unitId: 'u1', level: 'hoan_thanh_xuat_sac' as const },
    { unitId: 'u1', level: 'hoan_thanh_tot' as const },
    { unitId: 'u2', level: 'hoan_thanh_tot' as const },
    { unitId: 'u3', level: 'khong_hoan_thanh' as const },
  ];
  const classes = [
    { unitId: 'u1', group: 'to_chuc' as const, class: 'xuat_sac' as const },
    { unitId: 'u1', group: 'to_chuc' as const, class: 'kha' as const },
    { unitId: 'u2', group: 'khu_dan_cu' as const, class: 'kha' as const },
    { unitId: 'u2', group: 'khu_dan_cu' as const, class: null },
  ];
  const inScope = (u: string) => u !== 'u3';

  it('counts documents of the period, ratings and classes of the units in scope', () => {
    const f = reportFigures({ docs, teams, classes }, inScope, YEAR);
    expect([f['leadership.total'], f['leadership.type.nghi_quyet'], f['leadership.type.ke_hoach'], f['leadership.type.chi_thi']]).toEqual([
      3, 1, 2, 0,
    ]);
    expect([
      f['teams.rated'],
      f['teams.rating.hoan_thanh_xuat_sac'],
      f['teams.rating.hoan_thanh_tot'],
      f['teams.rating.khong_hoan_thanh'],
    ]).toEqual([3, 1, 2, 0]);
    expect([f['classes.to_chuc.total'], f['classes.to_chuc.xuat_sac'], f['classes.to_chuc.kha'], f['classes.khu_dan_cu.total']]).toEqual([
      2, 1, 1, 1,
    ]);
  });

  it('words them as the seed reports do, with the change against the previous period', () => {
    const report = reportFigures({ docs, teams, classes }, inScope, YEAR);
    const reportPrior = reportFigures({ docs, teams: [], classes: [] }, inScope, previousPeriod(YEAR.from, YEAR.to));
    const s = periodSentences(input(emptyFigures(), { report, reportPrior }));
    expect(s.leadership).toBe(
      'Năm 2026, đã ban hành 3 văn bản lãnh đạo, chỉ đạo về công tác bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc ' +
        '(tăng 2 văn bản, 200,0% so với cùng kỳ), gồm: 1 nghị quyết, 2 kế hoạch.',
    );
    expect(s.massOrgs).toContain(
      'Kết quả xếp loại năm 2026: 3 Tổ bảo vệ an ninh, trật tự được xếp loại, trong đó 1 tổ hoàn thành xuất sắc nhiệm vụ, 2 tổ hoàn thành tốt nhiệm vụ.',
    );
    expect(s.classification).toBe(
      'Kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026 theo Quyết định 510: khu dân cư có 1 Khá; cơ quan, doanh nghiệp, cơ sở giáo dục có 1 Xuất sắc, 1 Khá.',
    );
  });

  it('shows ratings and classes nobody entered as missing data, never 0', () => {
    const none: ReportFigures = emptyReportFigures();
    const rows = compareFigures(none, none);
    const rated = rows.find((r) => r.key === 'teams.rating.hoan_thanh_tot')!;
    expect([rated.hasValue, rated.missing]).toEqual([false, true]);
    expect(rows.find((r) => r.key === 'classes.khu_dan_cu.kha')!.missing).toBe(true);
    expect(rows.find((r) => r.key === 'leadership.total')!.missing).toBe(false);
    expect(periodSentences(input(emptyFigures())).classification).toBe(
      'Chưa có kết quả phân loại phong trào năm 2026 theo Quyết định 510 (thiếu dữ liệu: chưa có điểm chấm nào).',
    );
  });
});

describe('item 13: the statistical year', () => {
  it('is the calendar year by default and runs from the chosen day otherwise', () => {
    expect(statisticalYear(2026, CALENDAR_YEAR_START)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(statisticalYear(2026, '12-15')).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(statisticalYearOf('2026-12-14', '12-15')).toBe(2026);
    expect(statisticalYearOf('2026-12-15', '12-15')).toBe(2027);
    expect(statisticalYearOf('2026-12-15', CALENDAR_YEAR_START)).toBe(2026);
  });

  it('compares with the statistical year before, across a leap year, "so với cùng kỳ"', () => {
    const y2024 = statisticalYear(2024, '12-15');
    expect(previousPeriod(y2024.from, y2024.to)).toEqual({ from: '2022-12-15', to: '2023-12-14' });
    expect(comparedWith(y2024, previousPeriod(y2024.from, y2024.to)).versus).toBe('so với cùng kỳ');
  });

  it('refuses a first day that is not a day of every year', () => {
    expect(checkYearStart('12-15')).toBeNull();
    expect(checkYearStart('02-29')).toMatch(/không hợp lệ/);
    expect(checkYearStart('13-01')).toMatch(/không hợp lệ/);
    expect(checkYearStart('1215')).toMatch(/không hợp lệ/);
  });
});
