import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIVITY_INDICATOR_KEYS,
  INDICATORS,
  INDICATOR_BY_KEY,
  DIRECT_GROUP,
  activityFigures,
  breakdownGroups,
  compare,
  compareFigures,
  comparedWith,
  emptyFigures,
  emptyRecordSets,
  excusedOccurrences,
  figuresByGroup,
  mediationSources,
  newModelPlaces,
  newModelsSentence,
  periodIntro,
  periodLabel,
  periodSentences,
  previousPeriod,
  anniversaryYears,
  registryFigures,
  wholeMonths,
  wholeYears,
  type ActivityFigures,
  type ActivityRecordSets,
  type PlaceUnit,
  type SentenceInput,
} from '../../../shared/domain/period';
import {
  AWARD_FORMS,
  EVENT_KINDS,
  EVENT_LEVELS,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_INFO,
  MEDIATION_BASES,
  MEDIATION_CASE_TYPES,
  MEDIATION_OUTCOMES,
  PROPAGANDA_FORMS,
  PROPAGANDA_PURPOSES,
  TIP_CATEGORIES,
  TIP_CHANNELS,
  TIP_LEGAL_TYPES,
  TIP_OUTCOMES,
  TIP_STATUSES,
  type AwardRecord,
  type EventRecord,
  type IncidentRecord,
  type MediationRecord,
  type PropagandaRecord,
  type TipRecord,
} from '../../../shared/domain/activities';
import { addDaysIso, daysInclusive } from '../../../shared/lib/dates';
import { unitsInScope } from '../../../shared/domain/scope';
import { EMPTY_MASS_ORGS, EMPTY_MODELS, EMPTY_ORGANIZATIONS } from '../../support/empty-figures';
import { NO_TIP_RESULTS } from '../../support/tip-results';

const TODAY = '2026-11-22';
let seq = 0;
const id = () => `rec-${++seq}`;

function propaganda(p: Partial<PropagandaRecord> = {}): PropagandaRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    date: '2022-03-01',
    organizationId: null,
    purpose: 'tuyen_truyen',
    form: 'truc_tiep',
    topic: 'Phòng, chống tội phạm',
    venue: null,
    attendance: 0,
    leaflets: 0,
    loudspeakerMinutes: 0,
    posts: 0,
    newsletters: 0,
    commitments: 0,
    ...p,
  };
}
function event(p: Partial<EventRecord> = {}): EventRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    date: '2022-08-19',
    kind: 'ngay_hoi',
    level: 'xa',
    title: 'Ngày hội',
    venue: null,
    attendance: 0,
    opinionsRaised: 0,
    opinionsAnswered: 0,
    gifts: 0,
    giftsValue: 0,
    ...p,
  };
}
function tip(p: Partial<TipRecord> = {}): TipRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    receivedOn: '2022-05-01',
    channel: 'truc_tiep',
    category: 'trat_tu',
    legalType: null,
    valuable: false,
    summary: 'Phản ánh',
    status: 'da_giai_quyet',
    outcome: null,
    resolvedOn: '2022-05-10',
    ...NO_TIP_RESULTS,
    ...p,
  };
}
function mediation(p: Partial<MediationRecord> = {}): MediationRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    receivedOn: '2022-06-01',
    teamId: null,
    basis: 'yeu_cau',
    caseType: 'dat_dai',
    summary: 'Tranh chấp',
    outcome: 'thanh',
    closedOn: '2022-06-10',
    ...p,
  };
}
function incident(p: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    occurredOn: '2022-07-01',
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
function award(p: Partial<AwardRecord> = {}): AwardRecord {
  return {
    id: id(),
    unitId: 'u1',
    note: null,
    year: 2022,
    recipient: 'ca_nhan',
    recipientName: 'Nguyễn Văn An',
    organizationId: null,
    form: 'giay_khen_ubnd_huyen',
    issuer: 'UBND huyện',
    decisionNumber: null,
    decisionDate: null,
    occasion: null,
    ...p,
  };
}
function sets(p: Partial<{ [K in keyof ActivityRecordSets]: ActivityRecordSets[K] }>): ActivityRecordSets {
  return { ...emptyRecordSets(), ...p };
}
const all = () => true;

const MODELS0 = EMPTY_MODELS;
const MASS0 = EMPTY_MASS_ORGS;
const ORGS0 = EMPTY_ORGANIZATIONS;

function sentenceInput(
  period: { from: string; to: string },
  current: ActivityFigures,
  prior: ActivityFigures = emptyFigures(),
): SentenceInput {
  return {
    period,
    previous: previousPeriod(period.from, period.to),
    current,
    prior,
    models: MODELS0,
    newModels: [],
    massOrgs: MASS0,
    organizations: ORGS0,
  };
}

// -------------------------------------------------------------------------------------------------

describe('periods', () => {
  it('recognises whole years and whole months', () => {
    expect(wholeYears({ from: '2020-01-01', to: '2022-12-31' })).toBe(3);
    expect(wholeYears({ from: '2022-01-01', to: '2022-12-31' })).toBe(1);
    expect(wholeYears({ from: '2022-01-02', to: '2022-12-31' })).toBeNull();
    expect(wholeMonths({ from: '2026-01-01', to: '2026-06-30' })).toBe(6);
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toBe(1);
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-28' })).toBeNull();
    expect(wholeMonths({ from: '2025-11-01', to: '2026-02-28' })).toBe(4);
  });

  it('gives the previous equal period', () => {
    expect(previousPeriod('2020-01-01', '2022-12-31')).toEqual({ from: '2017-01-01', to: '2019-12-31' });
    expect(previousPeriod('2022-01-01', '2022-12-31')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(previousPeriod('2026-01-01', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2024-03-01', '2024-05-31')).toEqual({ from: '2023-12-01', to: '2024-02-29' });
    // Not whole months: the same number of days, ending the day before.
    expect(previousPeriod('2026-03-01', '2026-05-15')).toEqual({ from: '2025-12-15', to: '2026-02-28' });
    expect(previousPeriod('2025-11-16', '2026-11-15')).toEqual({ from: '2024-11-16', to: '2025-11-15' });
    expect(previousPeriod('2026-05-10', '2026-05-10')).toEqual({ from: '2026-05-09', to: '2026-05-09' });
  });

  it('always ends the day before the period and never overlaps it', () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((k) => addDaysIso('1995-01-01', k));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 2000 }), (from, len) => {
        const p = { from, to: addDaysIso(from, len) };
        const prev = previousPeriod(p.from, p.to);
        expect(prev.to).toBe(addDaysIso(p.from, -1));
        expect(prev.from <= prev.to).toBe(true);
        const shifted = wholeYears(p) ?? wholeMonths(p) ?? anniversaryYears(p);
        if (shifted === null) expect(daysInclusive(prev.from, prev.to)).toBe(daysInclusive(p.from, p.to));
        if (wholeYears(p) !== null) expect(wholeYears(prev)).toBe(wholeYears(p));
        // Whole years from another day (02/03/2004–01/03/2007) go back as many years, leap days or not.
        if (wholeYears(p) === null && wholeMonths(p) === null && anniversaryYears(p) !== null)
          expect(anniversaryYears(prev)).toBe(anniversaryYears(p));
        if (wholeMonths(p) !== null) expect(wholeMonths(prev)).toBe(wholeMonths(p));
      }),
    );
  });

  it('takes the same dates three years earlier for three whole years from 2 March (fast-check counterexample)', () => {
    expect(previousPeriod('2004-03-02', '2007-03-01')).toEqual({ from: '2001-03-02', to: '2004-03-01' });
  });

  it('opens the figures as reports do', () => {
    expect(periodIntro('2022-01-01', '2022-12-31')).toBe('Năm 2022');
    expect(periodIntro('2020-01-01', '2022-12-31')).toBe('Trong 03 năm qua');
    expect(periodIntro('2013-01-01', '2017-12-31')).toBe('Trong 05 năm qua');
    expect(periodIntro('2011-01-01', '2022-12-31')).toBe('Trong 12 năm qua');
    expect(periodIntro('2026-01-01', '2026-06-30')).toBe('6 tháng đầu năm 2026');
    expect(periodIntro('2026-07-01', '2026-12-31')).toBe('6 tháng cuối năm 2026');
    expect(periodIntro('2026-01-01', '2026-03-31')).toBe('Quý I năm 2026');
    expect(periodIntro('2026-10-01', '2026-12-31')).toBe('Quý IV năm 2026');
    expect(periodIntro('2026-01-01', '2026-09-30')).toBe('9 tháng đầu năm 2026');
    expect(periodIntro('2026-05-01', '2026-05-31')).toBe('Trong tháng 5 năm 2026');
    expect(periodIntro('2026-03-01', '2026-05-31')).toBe('Từ tháng 3 đến tháng 5 năm 2026');
    expect(periodIntro('2025-11-01', '2026-02-28')).toBe('Từ tháng 11/2025 đến tháng 2/2026');
    expect(periodIntro('2026-03-01', '2026-05-15')).toBe('Từ ngày 01/03/2026 đến ngày 15/05/2026');
    expect(periodIntro('2026-03-01', '2026-03-01')).toBe('Ngày 01/03/2026');
  });

  it('labels periods for headers', () => {
    expect(periodLabel('2022-01-01', '2022-12-31')).toBe('Năm 2022');
    expect(periodLabel('2017-01-01', '2019-12-31')).toBe('Giai đoạn 2017 - 2019');
    expect(periodLabel('2026-05-01', '2026-05-31')).toBe('Tháng 5 năm 2026');
    expect(periodLabel('2026-03-01', '2026-05-15')).toBe('01/03/2026 - 15/05/2026');
    expect(periodLabel('2026-01-01', '2026-06-30')).toBe('6 tháng đầu năm 2026');
  });

  it('names what a change is measured against', () => {
    const cw = (from: string, to: string) => comparedWith({ from, to }, previousPeriod(from, to)).versus;
    expect(cw('2022-01-01', '2022-12-31')).toBe('so với cùng kỳ');
    expect(cw('2020-01-01', '2022-12-31')).toBe('so với giai đoạn 2017 - 2019');
    expect(cw('2026-01-01', '2026-06-30')).toBe('so với 6 tháng cuối năm 2025');
    expect(cw('2026-01-01', '2026-03-31')).toBe('so với quý IV năm 2025');
    expect(cw('2026-05-01', '2026-05-31')).toBe('so với tháng 4 năm 2026');
    expect(cw('2026-03-01', '2026-05-15')).toBe('so với kỳ trước (15/12/2025 - 28/02/2026)');
    expect(comparedWith({ from: '2022-01-01', to: '2022-12-31' }, { from: '2021-01-01', to: '2021-12-31' }).equal).toBe('bằng cùng kỳ');
  });
});

describe('compare', () => {
  it('words a change in Vietnamese with the percent of the previous value', () => {
    expect(compare(126, 114)).toEqual({ value: 126, previous: 114, difference: 12, percent: 10.5, text: 'tăng 12 (10,5%)' });
    expect(compare(732, 944)).toEqual({ value: 732, previous: 944, difference: -212, percent: -22.5, text: 'giảm 212 (22,5%)' });
    expect(compare(125, 125)).toEqual({ value: 125, previous: 125, difference: 0, percent: null, text: 'bằng kỳ trước' });
    expect(compare(5, 0)).toEqual({ value: 5, previous: 0, difference: 5, percent: null, text: 'tăng 5' });
    expect(compare(0, 3)).toMatchObject({ difference: -3, percent: -100, text: 'giảm 3 (100,0%)' });
    expect(compare(12_000, 1_000).text).toBe('tăng 11.000 (1.100,0%)');
    expect(compare(98, 95.5, 'percent')).toMatchObject({ difference: 2.5, percent: null, text: 'tăng 2,5 điểm phần trăm' });
  });

  it('tabulates every indicator given, in the report order', () => {
    const cur = emptyFigures();
    cur['propaganda.sessions'] = 10;
    const prev = emptyFigures();
    prev['propaganda.sessions'] = 8;
    const rows = compareFigures(cur, prev);
    expect(rows.length).toBe(ACTIVITY_INDICATOR_KEYS.length);
    expect(rows[0]).toMatchObject({
      key: 'propaganda.sessions',
      section: 'propaganda',
      label: 'Buổi tuyên truyền, phát động',
      value: 10,
      previous: 8,
      text: 'tăng 2 (25,0%)',
    });
    const order = rows.map((r) => INDICATORS.findIndex((d) => d.key === r.key));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('shows a rate or an average over nothing as no value, not as 0', () => {
    const cur = emptyFigures();
    Object.assign(cur, { 'incidents.crimes': 50, 'incidents.crimesSolved': 49, 'incidents.solvedRate': 98 });
    const rows = compareFigures(cur, emptyFigures());
    expect(rows.find((r) => r.key === 'incidents.solvedRate')).toMatchObject({
      value: 98,
      hasValue: true,
      hasPrevious: false,
      text: '—',
      percent: null,
      difference: 0,
    });
    expect(rows.find((r) => r.key === 'mediations.successRate')).toMatchObject({ hasValue: false, hasPrevious: false, text: '—' });
    expect(rows.find((r) => r.key === 'incidents.crimes')).toMatchObject({ hasValue: true, hasPrevious: true, text: 'tăng 50' });
    const prev = emptyFigures();
    Object.assign(prev, { 'incidents.crimes': 55, 'incidents.crimesSolved': 50, 'incidents.solvedRate': 90.9 });
    expect(compareFigures(cur, prev).find((r) => r.key === 'incidents.solvedRate')).toMatchObject({
      hasPrevious: true,
      text: 'tăng 7,1 điểm phần trăm',
    });
  });

  it('has one definition per key, every section in the report order', () => {
    expect(new Set(INDICATORS.map((d) => d.key)).size).toBe(INDICATORS.length);
    const sections = INDICATORS.map((d) => d.section).filter((s, i, a) => a.indexOf(s) === i);
    expect(sections).toEqual([
      'leadership',
      'propaganda',
      'events',
      'models',
      'massOrgs',
      'organizations',
      'tips',
      'mediations',
      'incidents',
      'classification',
      'awards',
    ]);
    const reg = registryFigures(MODELS0, MASS0, ORGS0);
    for (const k of Object.keys(reg)) expect(INDICATOR_BY_KEY.get(k as never)?.additivity).toBe('registry');
  });
});

describe('activityFigures', () => {
  it('counts propaganda: sessions, publications, loudspeaker minutes, direct attendance', () => {
    const r = sets({
      propaganda: [
        propaganda({ form: 'loa_truyen_thanh', attendance: 100, loudspeakerMinutes: 420 }),
        propaganda({ form: 'loa_truyen_thanh', attendance: 50, loudspeakerMinutes: 481 }),
        propaganda({ form: 'truc_tiep', attendance: 80, leaflets: 30, commitments: 4, purpose: 'phat_dong' }),
        propaganda({ form: 'to_roi', attendance: 20, leaflets: 200 }),
        propaganda({ form: 'mang_xa_hoi', attendance: 5000, posts: 12 }),
        propaganda({ form: 'ban_tin', newsletters: 6 }),
        propaganda({ form: 'truc_tiep', attendance: 999, date: '2023-01-01' }),
        propaganda({ form: 'truc_tiep', attendance: 999, unitId: 'other' }),
      ],
    });
    const f = activityFigures(r, (u) => u === 'u1', '2022-01-01', '2022-12-31', TODAY);
    expect(f['propaganda.records']).toBe(6);
    expect(f['propaganda.sessions']).toBe(4);
    expect(f['propaganda.launchSessions']).toBe(1);
    expect(f['propaganda.attendance']).toBe(250);
    expect(f['propaganda.loudspeakerSessions']).toBe(2);
    expect(f['propaganda.loudspeakerMinutes']).toBe(901);
    expect(f['propaganda.minutesPerSession']).toBe(451);
    expect(f['propaganda.loudspeakerAttendance']).toBe(150);
    expect(f['propaganda.directSessions']).toBe(1);
    expect(f['propaganda.directAttendance']).toBe(80);
    expect(f['propaganda.leaflets']).toBe(230);
    expect(f['propaganda.posts']).toBe(12);
    expect(f['propaganda.newsletters']).toBe(6);
    expect(f['propaganda.commitments']).toBe(4);
    expect(f['propaganda.form.mang_xa_hoi.records']).toBe(1);
    expect(f['propaganda.form.mang_xa_hoi.attendance']).toBe(5000);
  });

  it('counts events by kind and Ngày hội venues by level, forums and gifts', () => {
    const r = sets({
      events: [
        event({ kind: 'ngay_hoi', level: 'xa', attendance: 300, gifts: 20, giftsValue: 10_000_000 }),
        event({ kind: 'ngay_hoi', level: 'khu_dan_cu', attendance: 120, gifts: 5, giftsValue: 2_500_000 }),
        event({ kind: 'ngay_hoi', level: 'khu_dan_cu', attendance: 90 }),
        event({ kind: 'lang_nghe', level: 'xa', attendance: 60, opinionsRaised: 14, opinionsAnswered: 12 }),
        event({ kind: 'tong_ket', level: 'huyen', attendance: 150 }),
      ],
    });
    const f = activityFigures(r, all, '2022-01-01', '2022-12-31', TODAY);
    expect(f['events.total']).toBe(5);
    expect(f['events.attendance']).toBe(720);
    expect(f['events.kind.ngay_hoi.count']).toBe(3);
    expect(f['events.kind.ngay_hoi.attendance']).toBe(510);
    expect(f['events.ngayHoi.xa']).toBe(1);
    expect(f['events.ngayHoi.khu_dan_cu']).toBe(2);
    expect(f['events.kind.lang_nghe.count']).toBe(1);
    expect(f['events.opinionsRaised']).toBe(14);
    expect(f['events.opinionsAnswered']).toBe(12);
    expect(f['events.gifts']).toBe(25);
    expect(f['events.giftsValue']).toBe(12_500_000);
    const s = periodSentences(sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, f)).events;
    expect(s).toBe(
      'Năm 2022, đã tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại 3 điểm (1 điểm cấp xã, 2 điểm khu dân cư) với 510 lượt người tham dự; ' +
        'tổ chức 1 buổi diễn đàn “Công an lắng nghe ý kiến Nhân dân” với 60 lượt người tham dự, tiếp nhận 14 ý kiến, đã trả lời 12 ý kiến; ' +
        'tổ chức 1 hội nghị sơ kết, tổng kết; trao 25 suất quà trị giá 12.500.000 đồng.',
    );
  });

  it('counts tips, their legal timing as of today, and their results', () => {
    const r = sets({
      tips: [
        tip({
          valuable: true,
          category: 'toi_pham',
          legalType: 'to_giac',
          outcome: 'khoi_to',
          resolvedOn: '2022-05-15',
          criminalCases: 1,
          personsHandled: 2,
        }),
        tip({ category: 'toi_pham', legalType: 'tin_bao', outcome: 'khong_khoi_to', resolvedOn: '2022-06-30' }), // after 20 days: late
        tip({ category: 'ma_tuy', legalType: 'to_giac', status: 'dang_xu_ly', resolvedOn: null, receivedOn: '2022-05-01' }), // overdue today
        tip({ category: 'ma_tuy', legalType: 'to_giac', status: 'dang_xu_ly', resolvedOn: null, receivedOn: '2026-11-15' }), // outside
        tip({
          valuable: true,
          status: 'chuyen_co_quan_khac',
          resolvedOn: null,
          wantedArrested: 1,
          weapons: 2,
          ammunition: 15,
          explosivesKg: 3,
          supportTools: 5,
          assetsValue: 40_000_000,
        }),
        tip({ status: 'dang_xu_ly', resolvedOn: null, administrativeCases: 2, wantedSurrendered: 1 }),
      ],
    });
    const f = activityFigures(r, all, '2022-01-01', '2022-12-31', TODAY);
    expect(f['tips.total']).toBe(5);
    expect(f['tips.valuable']).toBe(2);
    expect(f['tips.criminal']).toBe(3);
    expect(f['tips.legal.to_giac']).toBe(2);
    expect(f['tips.legal.tin_bao']).toBe(1);
    expect(f['tips.inTime']).toBe(1);
    expect(f['tips.late']).toBe(1);
    expect(f['tips.overdue']).toBe(1);
    expect(f['tips.withinLimit']).toBe(0);
    expect(f['tips.resolved']).toBe(2);
    expect(f['tips.transferred']).toBe(1);
    expect(f['tips.pending']).toBe(2);
    expect(f['tips.outcome.khoi_to']).toBe(1);
    expect(f['tips.category.ma_tuy']).toBe(1);
    expect(f['tips.criminalCases']).toBe(1);
    expect(f['tips.assetsValue']).toBe(40_000_000);
    const s = periodSentences(sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, f)).tips;
    expect(s).toBe(
      'Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 5 nguồn tin, trong đó có 2 nguồn tin có giá trị; ' +
        'tiếp nhận 2 tố giác, 1 tin báo về tội phạm do quần chúng cung cấp, đã giải quyết 2 tin (1 tin quá thời hạn), 1 tin quá thời hạn chưa giải quyết; ' +
        'qua đó khám phá 1 vụ án hình sự, xử lý hành chính 2 vụ việc, xử lý 2 đối tượng, bắt, vận động đầu thú 2 đối tượng truy nã, ' +
        'thu hồi 2 khẩu súng, 15 viên đạn, 3 kg vật liệu nổ, 5 công cụ hỗ trợ, tài sản trị giá 40.000.000 đồng. ' +
        'Các nguồn tin của quần chúng đều được tiếp nhận trực tiếp.',
    );
  });

  it('counts mediations and subjects under management', () => {
    const r = sets({
      mediations: [
        mediation({ teamId: 'hg' }),
        mediation({ teamId: 'hg' }),
        mediation({ teamId: 'hg', outcome: 'khong_thanh' }),
        mediation({ teamId: 'hg', outcome: 'dang_giai_quyet', closedOn: null, caseType: 'hon_nhan_gia_dinh' }),
      ],
      incidents: [incident({ category: 'dua_vao_quan_ly', count: 7 }), incident({ category: 'dua_ra_khoi_quan_ly', count: 3 })],
    });
    const f = activityFigures(r, all, '2022-01-01', '2022-12-31', TODAY);
    expect(f['mediations.total']).toBe(4);
    expect(f['mediations.outcome.thanh']).toBe(2);
    expect(f['mediations.successRate']).toBe(50);
    expect(f['mediations.caseType.hon_nhan_gia_dinh']).toBe(1);
    // Every case received by a team of the kind "Tổ hòa giải" (the service reads the kinds).
    const sources = mediationSources(r.mediations, all, { from: '2022-01-01', to: '2022-12-31' }, () => 'tổ hòa giải');
    expect(periodSentences({ ...sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, f), mediationSources: sources }).mediations).toBe(
      'Năm 2022, các tổ hòa giải ở cơ sở đã tiếp nhận 4 vụ việc, hòa giải thành 2 vụ việc (đạt 50,0%), không thành 1 vụ việc, đang giải quyết 1 vụ việc; ' +
        'đưa 7 đối tượng vào diện quản lý, giáo dục tại cộng đồng; đưa 3 đối tượng tiến bộ ra khỏi diện quản lý.',
    );
  });

  it('counts incidents: crimes solved, grave crimes, traffic casualties, excused occurrences', () => {
    const r = sets({
      incidents: [
        incident({ category: 'toi_pham_it_nghiem_trong', count: 30, solved: 30 }),
        incident({ category: 'toi_pham_nghiem_trong', count: 20, solved: 19 }),
        incident({ category: 'te_nan_xa_hoi', count: 12 }),
        incident({ category: 'tai_nan_giao_thong', count: 4, deaths: 2, injuries: 5 }),
        incident({
          category: 'chay_no',
          count: 1,
          excuse: 'bat_kha_khang',
          excuseReason: 'Sét đánh',
          excuseApprovedBy: 'Trưởng Công an huyện',
          excuseApprovedOn: '2022-07-05',
        }),
      ],
    });
    const f = activityFigures(r, all, '2022-01-01', '2022-12-31', TODAY);
    expect(f['incidents.crimes']).toBe(50);
    expect(f['incidents.crimesSolved']).toBe(49);
    expect(f['incidents.solvedRate']).toBe(98);
    expect(f['incidents.graveCrimes']).toBe(0);
    expect(f['incidents.group.su_co']).toBe(5);
    expect(f['incidents.trafficDeaths']).toBe(2);
    expect(f['incidents.excused']).toBe(1);
    expect(f['incidents.excuse.bat_kha_khang']).toBe(1);
    const s = periodSentences(sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, f)).incidents;
    expect(s).toBe(
      'Năm 2022, trên địa bàn xảy ra 50 vụ phạm tội, đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án; 12 vụ tệ nạn xã hội; ' +
        '4 vụ tai nạn giao thông làm chết 2 người, bị thương 5 người; 1 vụ cháy, nổ nghiêm trọng; ' +
        '1 vụ việc được xác nhận loại trừ (bất khả kháng hoặc đã phát hiện, xử lý kịp thời).',
    );
    expect(s).toContain('đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án');
    expect(excusedOccurrences(r, all, '2022-01-01', '2022-12-31')).toEqual([
      {
        id: r.incidents[4]!.id,
        occurredOn: '2022-07-01',
        unitId: 'u1',
        category: 'chay_no',
        count: 1,
        excuse: 'bat_kha_khang',
        reason: 'Sét đánh',
        approvedBy: 'Trưởng Công an huyện',
        approvedOn: '2022-07-05',
      },
    ]);
    expect(excusedOccurrences(r, all, '2023-01-01', '2023-12-31')).toEqual([]);
    expect(excusedOccurrences(r, (u) => u !== 'u1', '2022-01-01', '2022-12-31')).toEqual([]);
  });

  it('adds a comparison clause only where the previous period has data', () => {
    const period = { from: '2022-01-01', to: '2022-12-31' };
    const cur = activityFigures(
      sets({ incidents: [incident({ count: 50, solved: 49 }), incident({ category: 'te_nan_xa_hoi', count: 732 })] }),
      all,
      period.from,
      period.to,
      TODAY,
    );
    const prev = activityFigures(
      sets({
        incidents: [
          incident({ occurredOn: '2021-04-01', count: 55, solved: 50 }),
          incident({ occurredOn: '2021-04-01', category: 'te_nan_xa_hoi', count: 944 }),
        ],
      }),
      all,
      '2021-01-01',
      '2021-12-31',
      TODAY,
    );
    expect(periodSentences(sentenceInput(period, cur, prev)).incidents).toBe(
      'Năm 2022, trên địa bàn xảy ra 50 vụ phạm tội (giảm 5 vụ, 9,1% so với cùng kỳ), đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án; ' +
        '732 vụ tệ nạn xã hội (giảm 212 vụ, 22,5% so với cùng kỳ).',
    );
    expect(periodSentences(sentenceInput(period, cur)).incidents).not.toContain('so với');
    const same = periodSentences(sentenceInput(period, cur, cur)).incidents;
    expect(same).toContain('50 vụ phạm tội (bằng cùng kỳ)');
  });

  it('counts distinct award recipients and words the forms as the Gia Viễn report does', () => {
    const r = sets({
      awards: [
        award({ recipient: 'tap_the', recipientName: 'Công an xã Gia Hòa', form: 'bang_khen_bo_truong' }),
        award({ recipient: 'tap_the', recipientName: 'Công an xã Gia Hưng', form: 'bang_khen_ubnd_tinh' }),
        award({ recipient: 'tap_the', recipientName: 'Thôn Đông, xã Gia Hòa', form: 'giay_khen_giam_doc_ca_tinh' }),
        award({ recipient: 'tap_the', recipientName: 'Ban bảo vệ dân phố thị trấn Me', form: 'giay_khen_ubnd_huyen' }),
        award({ recipient: 'tap_the', recipientName: 'Tổ liên gia số 3', form: 'giay_khen_ubnd_huyen' }),
        award({ recipientName: 'Nguyễn Văn An', form: 'bang_khen_ubnd_tinh' }),
        award({ recipientName: 'Nguyen Van An', form: 'giay_khen_ubnd_huyen' }), // the same person, typed without diacritics
        award({ recipientName: 'Trần Thị Bình', form: 'giay_khen_giam_doc_ca_tinh' }),
        award({ recipientName: 'Lê Văn Cường', form: 'giay_khen_giam_doc_ca_tinh' }),
        award({ recipientName: 'Phạm Thị Dung', form: 'giay_khen_ubnd_huyen' }),
        award({ recipientName: 'Đinh Văn Em', form: 'giay_khen_ubnd_huyen' }),
        award({ recipientName: 'Vũ Văn Giang', form: 'giay_khen_ubnd_huyen' }),
        award({ recipientName: 'Khác năm', year: 2021 }),
      ],
    });
    const f = activityFigures(r, all, '2022-01-01', '2022-12-31', TODAY);
    expect(f['awards.total']).toBe(12);
    expect(f['awards.collectives']).toBe(5);
    expect(f['awards.individuals']).toBe(6);
    expect(f['awards.form.giay_khen_ubnd_huyen']).toBe(6);
    expect(periodSentences(sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, f)).awards).toBe(
      'Năm 2022, 5 tập thể và 6 cá nhân có thành tích xuất sắc trong phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” được nhận Bằng khen, Giấy khen của ' +
        'Bộ trưởng Bộ Công an, Chủ tịch UBND tỉnh, Giám đốc Công an tỉnh và Chủ tịch UBND huyện.',
    );
    const kncs = activityFigures(
      sets({
        awards: [award({ form: 'ky_niem_chuong' }), award({ form: 'co_thi_dua', recipient: 'tap_the', recipientName: 'Xã Gia Hòa' })],
      }),
      all,
      '2022-01-01',
      '2022-12-31',
      TODAY,
    );
    expect(periodSentences(sentenceInput({ from: '2022-01-01', to: '2022-12-31' }, kncs)).awards).toBe(
      'Năm 2022, 1 tập thể và 1 cá nhân có thành tích xuất sắc trong phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” được nhận 1 Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"; 1 Cờ thi đua.',
    );
  });
});

describe('the Sa Pa sentences', () => {
  const period = { from: '2020-01-01', to: '2022-12-31' };
  const f = emptyFigures();
  Object.assign(f, {
    'propaganda.records': 631,
    'propaganda.sessions': 631,
    'propaganda.attendance': 51_511,
    'propaganda.leaflets': 7_159,
    'propaganda.loudspeakerSessions': 285,
    'propaganda.loudspeakerMinutes': 128_250,
    'propaganda.minutesPerSession': 450,
    'propaganda.loudspeakerAttendance': 27_771,
    'propaganda.directSessions': 290,
    'propaganda.directAttendance': 22_030,
    'tips.total': 924,
    'tips.valuable': 345,
  });

  it('says the propaganda figures in the words of the report', () => {
    expect(periodSentences(sentenceInput(period, f)).propaganda).toBe(
      'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia; phát 7.159 tờ rơi; ' +
        '285 buổi tuyên truyền trên hệ thống loa truyền thanh với thời lượng 450 phút/buổi, tuyên truyền đến 27.771 quần chúng nhân dân; ' +
        'tuyên truyền trực tiếp đến 22.030 lượt người.',
    );
  });

  it('says the tips figures in the words of the report', () => {
    expect(periodSentences(sentenceInput(period, f)).tips).toBe(
      'Trong 03 năm qua, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 924 nguồn tin, trong đó có 345 nguồn tin có giá trị.',
    );
  });

  it('compares with the previous three years when they have data', () => {
    const prev = emptyFigures();
    Object.assign(prev, { 'propaganda.records': 500, 'propaganda.sessions': 500, 'tips.total': 1000 });
    const s = periodSentences(sentenceInput(period, f, prev));
    expect(s.propaganda).toContain(
      'tổ chức tuyên truyền 631 buổi (tăng 131 buổi, 26,2% so với giai đoạn 2017 - 2019) với 51.511 lượt người tham gia',
    );
    expect(s.tips).toContain('924 nguồn tin (giảm 76 nguồn tin, 7,6% so với giai đoạn 2017 - 2019), trong đó có 345 nguồn tin có giá trị');
  });

  it('says plainly when a section has no records', () => {
    const s = periodSentences(sentenceInput(period, emptyFigures()));
    expect(s.propaganda).toBe('Chưa có số liệu tuyên truyền, vận động trong kỳ.');
    expect(s.events).toBe('Chưa có số liệu ngày hội, diễn đàn, hội nghị trong kỳ.');
    expect(s.tips).toBe('Chưa có số liệu nguồn tin của quần chúng trong kỳ.');
    expect(s.mediations).toBe('Chưa có số liệu hòa giải, quản lý giáo dục đối tượng trong kỳ.');
    expect(s.incidents).toBe('Chưa có số liệu thống kê tình hình tội phạm, tệ nạn xã hội, tai nạn trong kỳ.');
    expect(s.awards).toBe('Chưa có số liệu khen thưởng trong kỳ.');
    expect(s.models).toBe('Chưa có mô hình nào trong danh sách.');
    expect(s.massOrgs).toBe('Chưa có tổ chức quần chúng nào trong danh sách.');
  });
});

describe('new models', () => {
  const units = new Map<string, PlaceUnit>(
    [
      { id: 'h', parentId: null, level: 'huyen', kind: 'huyen', name: 'Huyện Gia Viễn' },
      { id: 'me', parentId: 'h', level: 'xa', kind: 'thi_tran', name: 'Thị trấn Me' },
      { id: 'gt', parentId: 'h', level: 'xa', kind: 'xa', name: 'Xã Gia Thắng' },
      { id: 'gh', parentId: 'h', level: 'xa', kind: 'xa', name: 'Xã Gia Hòa' },
      { id: 'gh1', parentId: 'gh', level: 'khu_dan_cu', kind: 'thon', name: 'Thôn 1' },
    ].map((u) => [u.id, u]),
  );
  const schools = [
    { unitId: 'h', name: 'Trường THPT Gia Viễn A', subKind: 'thpt' },
    { unitId: 'h', name: 'Trung tâm GDNN - GDTX huyện Gia Viễn', subKind: 'gdnn_gdtx' },
    { unitId: 'gh', name: 'Trường THCS Gia Hòa', subKind: 'thcs' },
    { unitId: 'me', name: 'Trường THCS thị trấn Me', subKind: 'thcs' },
  ];

  it('places sites in communes (residential areas count for their commune) and schools', () => {
    const pccc = newModelPlaces(
      { name: 'Tổ liên gia an toàn về phòng cháy, chữa cháy', originUnitId: 'h' },
      [
        { unitId: 'me', organizationName: null },
        { unitId: 'gt', organizationName: null },
        { unitId: 'gh1', organizationName: null },
        { unitId: 'gh', organizationName: null },
      ],
      units,
      schools,
    );
    expect(pccc.communes).toEqual({
      count: 3,
      kinds: ['xa', 'thi_tran'],
      only: null,
      names: ['Thị trấn Me', 'Xã Gia Hòa', 'Xã Gia Thắng'],
    });
    expect(pccc.areas).toEqual([]);
    expect(pccc.schools).toBeNull();
    const drugs = newModelPlaces({ name: 'Xã không có tệ nạn ma túy', originUnitId: 'gt' }, [], units, schools);
    expect(drugs.communes).toEqual({ count: 1, kinds: ['xa'], only: 'Xã Gia Thắng', names: ['Xã Gia Thắng'] });
    const club = newModelPlaces(
      { name: 'Câu lạc bộ phổ biến kiến thức pháp luật', originUnitId: 'h' },
      schools.map((s) => ({ unitId: s.unitId, organizationName: s.name.toLowerCase() })),
      units,
      schools,
    );
    expect(club.communes.count).toBe(0);
    expect(club.schools).toEqual({ count: 4, eligible: 4, levels: ['thpt', 'gdnn_gdtx', 'thcs'] });
    expect(newModelsSentence('Năm 2022', [pccc, drugs, club])).toBe(
      // Up to three communes are named; the models are counted (issue 14 item 8).
      'Năm 2022, đã xây dựng mới 3 mô hình, gồm: “Tổ liên gia an toàn về phòng cháy, chữa cháy” tại thị trấn Me, xã Gia Hòa và xã Gia Thắng; ' +
        'mô hình “Xã không có tệ nạn ma túy” tại xã Gia Thắng; mô hình “Câu lạc bộ phổ biến kiến thức pháp luật” ở 4/4 trường THPT, Trung tâm GDNN&GDTX, THCS.',
    );
    expect(newModelsSentence('Năm 2022', [drugs])).toBe('Năm 2022, đã xây dựng mới mô hình “Xã không có tệ nạn ma túy” tại xã Gia Thắng.');
    expect(newModelsSentence('Năm 2022', [])).toBeNull();
  });
});

// -------------------------------------------------------------------------------------------------
// Property tests

const UNITS = ['a', 'b', 'c', 'd', 'e', 'f'];
const BASE = '2020-01-01';
const dayArb = fc.integer({ min: 0, max: 1460 }).map((k) => addDaysIso(BASE, k));
const unitArb = fc.constantFrom(...UNITS);
const small = fc.integer({ min: 0, max: 500 });

const propagandaArb = fc
  .record({
    unitId: unitArb,
    date: dayArb,
    form: fc.constantFrom(...PROPAGANDA_FORMS),
    purpose: fc.constantFrom(...PROPAGANDA_PURPOSES),
    attendance: small,
    leaflets: small,
    loudspeakerMinutes: small,
    posts: small,
    newsletters: small,
    commitments: small,
  })
  .map((p) => propaganda(p));
const eventArb = fc
  .record({
    unitId: unitArb,
    date: dayArb,
    kind: fc.constantFrom(...EVENT_KINDS),
    level: fc.constantFrom(...EVENT_LEVELS),
    attendance: small,
    opinionsRaised: small,
    opinionsAnswered: small,
    gifts: small,
    giftsValue: fc.integer({ min: 0, max: 1e9 }),
  })
  .map((p) => event(p));
const tipArb = fc
  .record({
    unitId: unitArb,
    receivedOn: dayArb,
    channel: fc.constantFrom(...TIP_CHANNELS),
    category: fc.constantFrom(...TIP_CATEGORIES),
    legalType: fc.option(fc.constantFrom(...TIP_LEGAL_TYPES), { nil: null }),
    valuable: fc.boolean(),
    status: fc.constantFrom(...TIP_STATUSES),
    outcome: fc.option(fc.constantFrom(...TIP_OUTCOMES), { nil: null }),
    lag: fc.integer({ min: 0, max: 200 }),
    extensions: fc.integer({ min: 0, max: 2 }),
    criminalCases: small,
    administrativeCases: small,
    personsHandled: small,
    wantedArrested: small,
    wantedSurrendered: small,
    weapons: small,
    ammunition: small,
    explosivesKg: small,
    supportTools: small,
    assetsValue: fc.integer({ min: 0, max: 1e10 }),
  })
  .map(({ lag, ...p }) => tip({ ...p, resolvedOn: p.status === 'dang_xu_ly' ? null : addDaysIso(p.receivedOn, lag) }));
const mediationArb = fc
  .record({
    unitId: unitArb,
    receivedOn: dayArb,
    basis: fc.constantFrom(...MEDIATION_BASES),
    caseType: fc.constantFrom(...MEDIATION_CASE_TYPES),
    outcome: fc.constantFrom(...MEDIATION_OUTCOMES),
  })
  .map((p) => mediation(p));
const incidentArb = fc
  .record({
    unitId: unitArb,
    occurredOn: dayArb,
    category: fc.constantFrom(...INCIDENT_CATEGORIES),
    count: fc.integer({ min: 1, max: 40 }),
    solvedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    deaths: small,
    injuries: small,
    excused: fc.boolean(),
  })
  .map(({ solvedShare, excused, ...p }) =>
    incident({
      ...p,
      solved: INCIDENT_CATEGORY_INFO[p.category].group === 'toi_pham' ? Math.floor(p.count * solvedShare) : 0,
      excuse: excused && INCIDENT_CATEGORY_INFO[p.category].excusable ? 'xu_ly_kip_thoi' : null,
    }),
  );
const awardArb = fc
  .record({
    unitId: unitArb,
    year: fc.integer({ min: 2020, max: 2023 }),
    recipient: fc.constantFrom('tap_the' as const, 'ca_nhan' as const),
    recipientName: fc.constantFrom('Nguyễn Văn An', 'Nguyen Van An', 'Trần Thị Bình', 'Công an xã', 'Thôn 1'),
    form: fc.constantFrom(...AWARD_FORMS),
  })
  .map((p) => award(p));

const recordsArb: fc.Arbitrary<ActivityRecordSets> = fc.record({
  propaganda: fc.array(propagandaArb, { maxLength: 25 }),
  events: fc.array(eventArb, { maxLength: 25 }),
  tips: fc.array(tipArb, { maxLength: 25 }),
  mediations: fc.array(mediationArb, { maxLength: 25 }),
  incidents: fc.array(incidentArb, { maxLength: 25 }),
  awards: fc.array(awardArb, { maxLength: 25 }),
});

const keysOf = (...kinds: string[]) => ACTIVITY_INDICATOR_KEYS.filter((k) => kinds.includes(INDICATOR_BY_KEY.get(k)!.additivity));

describe('property: the figures add up', () => {
  it('the sum over a set of units equals the sum over its disjoint parts (every sum and distinct count)', () => {
    fc.assert(
      fc.property(recordsArb, fc.subarray(UNITS), fc.subarray(UNITS), (records, xs, ys) => {
        const a = new Set(xs);
        const b = new Set(ys.filter((u) => !a.has(u)));
        const whole = activityFigures(records, (u) => a.has(u) || b.has(u), '2020-01-01', '2023-12-31', TODAY);
        const fa = activityFigures(records, (u) => a.has(u), '2020-01-01', '2023-12-31', TODAY);
        const fb = activityFigures(records, (u) => b.has(u), '2020-01-01', '2023-12-31', TODAY);
        for (const k of keysOf('sum', 'distinct')) expect(whole[k], k).toBe(fa[k] + fb[k]);
      }),
      { numRuns: 150 },
    );
  });

  it('splitting a period in two and adding gives the whole (every additive indicator)', () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.integer({ min: 0, max: 1460 }),
        fc.integer({ min: 0, max: 1460 }),
        fc.integer({ min: 0, max: 1460 }),
        (records, i, j, k) => {
          const [x, yy, z] = [i, j, k].sort((p, q) => p - q) as [number, number, number];
          const from = addDaysIso(BASE, x);
          const mid = addDaysIso(BASE, yy);
          const to = addDaysIso(BASE, z);
          const whole = activityFigures(records, all, from, to, TODAY);
          const first = activityFigures(records, all, from, mid, TODAY);
          const second = mid < to ? activityFigures(records, all, addDaysIso(mid, 1), to, TODAY) : emptyFigures();
          for (const key of keysOf('sum')) expect(whole[key], key).toBe(first[key] + second[key]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('distinct recipients never exceed the awards and never fall below either half', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const whole = activityFigures(records, all, '2020-01-01', '2023-12-31', TODAY);
        const first = activityFigures(records, all, '2020-01-01', '2021-12-31', TODAY);
        const second = activityFigures(records, all, '2022-01-01', '2023-12-31', TODAY);
        const people = (f: ActivityFigures) => f['awards.collectives'] + f['awards.individuals'];
        expect(people(whole)).toBeLessThanOrEqual(whole['awards.total']);
        expect(people(whole)).toBeLessThanOrEqual(people(first) + people(second));
        expect(people(whole)).toBeGreaterThanOrEqual(Math.max(people(first), people(second)));
      }),
    );
  });

  it('is deterministic and does not depend on the order of the records', () => {
    fc.assert(
      fc.property(recordsArb, fc.integer(), (records, seed) => {
        const shuffle = <T>(xs: readonly T[]) => {
          const out = [...xs];
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1_103_515_245 + 12_345) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const shuffled: ActivityRecordSets = {
          propaganda: shuffle(records.propaganda),
          events: shuffle(records.events),
          tips: shuffle(records.tips),
          mediations: shuffle(records.mediations),
          incidents: shuffle(records.incidents),
          awards: shuffle(records.awards),
        };
        const a = activityFigures(records, all, '2020-06-01', '2023-05-31', TODAY);
        expect(activityFigures(records, all, '2020-06-01', '2023-05-31', TODAY)).toEqual(a);
        expect(activityFigures(shuffled, all, '2020-06-01', '2023-05-31', TODAY)).toEqual(a);
        expect(periodSentences(sentenceInput({ from: '2020-06-01', to: '2023-05-31' }, a))).toEqual(
          periodSentences(
            sentenceInput({ from: '2020-06-01', to: '2023-05-31' }, activityFigures(shuffled, all, '2020-06-01', '2023-05-31', TODAY)),
          ),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('a breakdown by groups gives each group the figures of its own units', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const groupOf = (u: string) => (u === 'f' ? null : u < 'c' ? 'left' : 'right');
        const groups = figuresByGroup(records, groupOf, { from: '2020-01-01', to: '2023-12-31' }, TODAY);
        for (const g of ['left', 'right']) {
          const alone = activityFigures(records, (u) => groupOf(u) === g, '2020-01-01', '2023-12-31', TODAY);
          expect(groups.get(g) ?? alone).toEqual(alone);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('every sentence is built from the figures only: no number appears that is not in them', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const f = activityFigures(records, all, '2020-01-01', '2023-12-31', TODAY);
        const s = periodSentences(sentenceInput({ from: '2020-01-01', to: '2023-12-31' }, f));
        for (const text of Object.values(s)) {
          expect(text).not.toMatch(/undefined|NaN|null/);
          expect(text.endsWith('.')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the rows of a breakdown by the units below (rolled up through merges) add up to the chosen unit', () => {
    const treeArb = fc.integer({ min: 2, max: 12 }).chain((n) =>
      fc.record({
        parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
        ended: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        successors: fc.array(fc.option(fc.nat({ max: n - 1 }), { nil: null }), { minLength: n, maxLength: n }),
        root: fc.nat({ max: n - 1 }),
        whole: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(treeArb, recordsArb, (t, recs) => {
        const ids = Array.from({ length: t.ended.length }, (_, i) => UNITS[i] ?? `u${i}`);
        const units = ids.map((id, i) => ({
          id,
          parentId: i === 0 ? null : ids[t.parents[i - 1]! % i]!,
          validTo: t.ended[i] ? '2024-12-31' : null,
        }));
        const links = t.successors.flatMap((s, i) =>
          s === null || s === i ? [] : [{ predecessorId: ids[i]!, successorId: ids[s]!, primary: true }],
        );
        const rootId = t.whole ? ids[0]! : ids[t.root]!;
        const { children, groupOf } = breakdownGroups(units, links, rootId, t.whole);
        const scope = t.whole ? null : unitsInScope(units, links, rootId);
        const inScope = (u: string) => scope === null || scope.has(u);
        for (const u of ids) {
          const g = groupOf(u);
          expect(g === null).toBe(!inScope(u));
          if (g !== null) expect(g === DIRECT_GROUP || children.some((c) => c.id === g)).toBe(true);
        }
        const period = { from: '2020-01-01', to: '2023-12-31' };
        const whole = activityFigures(recs, inScope, period.from, period.to, TODAY);
        const groups = figuresByGroup(recs, groupOf, period, TODAY);
        for (const k of keysOf('sum', 'distinct')) {
          let sum = 0;
          for (const f of groups.values()) sum += f[k];
          expect(sum, k).toBe(whole[k]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
