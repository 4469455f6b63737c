/**
 * Issue 14 item 8, the sentences found wanting when two real reports were entered: a past period
 * never says "Hiện nay"; models counted as models and places as places, new models by name with
 * their places (a district too), replication in its own clause; no "với 0 thành viên" when no member
 * is recorded; mass organisations by kind; agencies, enterprises and schools in their own section;
 * the recorded channel of the public's tips and the recorded team of mediations; "bắt, vận động đầu
 * thú" when both happened.
 */
import { describe, expect, it } from 'vitest';
import {
  activityFigures,
  emptyFigures,
  emptyRecordSets,
  mediationSources,
  newModelPlaces,
  newModelsSentence,
  periodSentences,
  placesPhrase,
  previousPeriod,
  type ActivityFigures,
  type PlaceUnit,
  type SentenceInput,
} from '../../../shared/domain/period';
import { massOrgsSentence, modelsSentence, type ModelFigures } from '../../../shared/domain/overview';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import type { MediationRecord, TipRecord } from '../../../shared/domain/activities';
import { buildReportDocument } from '../../../shared/domain/report/build';
import { EMPTY_HEADER_FIELDS, defaultReportTitle, type ReportContent } from '../../../shared/domain/report/report';
import type { ReportSource } from '../../../shared/domain/report/source';
import { EMPTY_MASS_ORGS, EMPTY_MODELS, EMPTY_ORGANIZATIONS } from '../../support/empty-figures';
import { NO_TIP_RESULTS } from '../../support/tip-results';

const YEAR_2022 = { from: '2022-01-01', to: '2022-12-31' };
const kind = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!;

function input(p: Partial<SentenceInput> & { period?: { from: string; to: string } } = {}): SentenceInput {
  const period = p.period ?? YEAR_2022;
  return {
    previous: previousPeriod(period.from, period.to),
    current: emptyFigures(),
    prior: emptyFigures(),
    models: EMPTY_MODELS,
    newModels: [],
    massOrgs: EMPTY_MASS_ORGS,
    organizations: EMPTY_ORGANIZATIONS,
    ...p,
    period,
  };
}

const SAPA_MODELS: ModelFigures = { ...EMPTY_MODELS, modelTypes: 14, models: 14, sites: 88, newSites: 38 };

describe('tense: a past period never says "Hiện nay"', () => {
  it('says the registry in the past once the period has ended, in the present while it runs', () => {
    const period = { from: '2020-01-01', to: '2022-12-31' };
    expect(periodSentences(input({ period, models: SAPA_MODELS, today: '2026-11-22' })).models).toBe(
      'Trong 03 năm qua, trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
    );
    expect(periodSentences(input({ period, models: SAPA_MODELS, today: '2022-12-31' })).models).toBe(
      'Hiện nay trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
    );
    // Not told which day it is: never claims "now".
    expect(periodSentences(input({ period, models: SAPA_MODELS })).models).not.toContain('Hiện nay');
  });

  it('no sentence of an ended period says "Hiện nay", whatever the figures', () => {
    const f = emptyFigures();
    for (const k of Object.keys(f) as (keyof ActivityFigures)[]) f[k] = 3;
    const s = periodSentences(
      input({
        current: f,
        prior: f,
        models: { ...SAPA_MODELS, models: 20, replicated: 2, retired: 1 },
        massOrgs: { organizations: 3, members: 0, effective: 1, byKind: [] },
        organizations: { total: 2, byKind: { co_quan: 1, doanh_nghiep: 1, co_so_giao_duc: 0 }, eligible: 2, ineligible: 0, incomplete: 0 },
        today: '2023-02-23',
      }),
    );
    for (const text of Object.values(s)) expect(text).not.toMatch(/Hiện nay|đang hoạt động/);
  });

  it('the overview words the models of a past period the same way', () => {
    expect(modelsSentence(SAPA_MODELS, { intro: 'Năm 2022', ended: true })).toBe(
      'Năm 2022, trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
    );
  });
});

describe('models as models, places as places, replication apart', () => {
  it('counts the models when they are more than their types, and says replication and retirement in clauses of their own', () => {
    expect(modelsSentence({ ...SAPA_MODELS, models: 20, replicated: 2, retired: 1 })).toBe(
      'Hiện nay trên địa bàn có 20 mô hình thuộc 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động. ' +
        'Số điểm mô hình mới xây dựng là 38 điểm mô hình; đã nhân rộng 2 mô hình; đã thanh loại 1 mô hình kém hiệu quả.',
    );
    expect(modelsSentence({ ...SAPA_MODELS, newSites: 0, replicated: 3 })).toBe(
      'Hiện nay trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động. Đã nhân rộng 3 mô hình.',
    );
  });

  const units = new Map<string, PlaceUnit>(
    [
      { id: 'h', parentId: null, level: 'huyen', kind: 'huyen', name: 'Huyện Gia Viễn' },
      { id: 'me', parentId: 'h', level: 'xa', kind: 'thi_tran', name: 'Thị trấn Me' },
      { id: 'gt', parentId: 'h', level: 'xa', kind: 'xa', name: 'Xã Gia Thắng' },
      { id: 'gh', parentId: 'h', level: 'xa', kind: 'xa', name: 'Xã Gia Hòa' },
      { id: 'gv', parentId: 'h', level: 'xa', kind: 'xa', name: 'Xã Gia Vân' },
      { id: 'gh1', parentId: 'gh', level: 'khu_dan_cu', kind: 'thon', name: 'Thôn 1' },
    ].map((u) => [u.id, u]),
  );

  it('names the district where a model was built at district level, and the communes when few', () => {
    const district = newModelPlaces({ name: 'Cụm giáp ranh an toàn về ANTT', originUnitId: 'h' }, [], units, []);
    expect(district.areas).toEqual(['Huyện Gia Viễn']);
    expect(placesPhrase(district)).toBe('tại huyện Gia Viễn');
    const two = newModelPlaces(
      { name: 'Dòng họ tự quản', originUnitId: 'h' },
      [
        { unitId: 'gh1', organizationName: null },
        { unitId: 'gt', organizationName: null },
        { unitId: 'h', organizationName: null },
      ],
      units,
      [],
    );
    expect(placesPhrase(two)).toBe('tại huyện Gia Viễn, xã Gia Hòa và xã Gia Thắng');
    const four = newModelPlaces(
      { name: 'Tổ liên gia an toàn về phòng cháy, chữa cháy', originUnitId: 'h' },
      ['me', 'gt', 'gh', 'gv'].map((unitId) => ({ unitId, organizationName: null })),
      units,
      [],
    );
    expect(placesPhrase(four)).toBe('tại 4 xã, thị trấn');
    expect(newModelsSentence('Năm 2022', [four, district])).toBe(
      'Năm 2022, đã xây dựng mới 2 mô hình, gồm: “Tổ liên gia an toàn về phòng cháy, chữa cháy” tại 4 xã, thị trấn; ' +
        'mô hình “Cụm giáp ranh an toàn về ANTT” tại huyện Gia Viễn.',
    );
  });
});

describe('mass organisations', () => {
  const byKind = [
    { kindId: kind('to_bao_ve_antt').id, kind: 'Tổ bảo vệ an ninh, trật tự', organizations: 503, members: 2_639, effective: 0 },
    { kindId: kind('to_an_ninh_nhan_dan').id, kind: 'Tổ an ninh nhân dân', organizations: 40, members: 0, effective: 0 },
    { kindId: kind('to_tu_quan').id, kind: 'Tổ tự quản', organizations: 163, members: 0, effective: 0 },
    { kindId: 'office-kind', kind: 'CLB phòng, chống tội phạm', organizations: 5, members: 0, effective: 0 },
    { kindId: kind('khac').id, kind: 'Khác', organizations: 2, members: 0, effective: 0 },
  ];

  it('says the kinds the office records, in its order', () => {
    expect(massOrgsSentence({ organizations: 713, members: 2_639, effective: 0, byKind })).toBe(
      'Trên địa bàn có 713 tổ chức quần chúng (503 Tổ bảo vệ an ninh, trật tự; 40 tổ an ninh nhân dân; 163 tổ tự quản; ' +
        '5 CLB phòng, chống tội phạm; 2 tổ chức khác) với 2.639 thành viên.',
    );
  });

  it('leaves the members out when none is recorded, never "với 0 thành viên"', () => {
    const s = massOrgsSentence({ organizations: 12, members: 0, effective: 3, byKind: [{ ...byKind[2]!, organizations: 12 }] });
    expect(s).toBe(
      'Trên địa bàn có 12 tổ chức quần chúng (12 tổ tự quản), trong đó có 3/12 tổ chức (25,0%) được đánh giá là hoạt động hiệu quả, hoàn thành tốt nhiệm vụ được giao.',
    );
    expect(s).not.toContain('0 thành viên');
  });
});

describe('agencies, enterprises and schools in their own section', () => {
  const organizations = { total: 5, byKind: { co_quan: 2, doanh_nghiep: 2, co_so_giao_duc: 1 }, eligible: 3, ineligible: 1, incomplete: 1 };
  const massOrgs = { organizations: 12, members: 60, effective: 0, byKind: [] };

  it('is its own sentence, apart from the mass organisations', () => {
    const s = periodSentences(input({ organizations, massOrgs }));
    expect(s.organizations).toBe(
      'Trên địa bàn có 5 cơ quan, doanh nghiệp, cơ sở giáo dục (2 cơ quan, 2 doanh nghiệp, 1 cơ sở giáo dục), trong đó 3 đơn vị thuộc đối tượng ' +
        'đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"; 1 đơn vị cần bổ sung thông tin để xác định.',
    );
    expect(s.massOrgs).toBe('Trên địa bàn có 12 tổ chức quần chúng với 60 thành viên.');
  });

  it('lists only the kinds entered: no agency entered is not "0 cơ quan"', () => {
    const schools = { total: 28, byKind: { co_quan: 0, doanh_nghiep: 0, co_so_giao_duc: 28 }, eligible: 25, ineligible: 3, incomplete: 0 };
    expect(periodSentences(input({ organizations: schools })).organizations).toBe(
      'Trên địa bàn có 28 cơ quan, doanh nghiệp, cơ sở giáo dục (28 cơ sở giáo dục), trong đó 25 đơn vị thuộc đối tượng ' +
        'đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự".',
    );
  });

  it('has its own sub-section in the year-end report', () => {
    const sentences = periodSentences(input({ organizations, massOrgs }));
    const report: ReportContent = {
      kind: 'tong_ket_nam',
      title: defaultReportTitle('tong_ket_nam', YEAR_2022.from, YEAR_2022.to),
      from: YEAR_2022.from,
      to: YEAR_2022.to,
      header: EMPTY_HEADER_FIELDS,
      number: null,
      date: null,
      sections: {},
      edits: {},
    };
    const source: ReportSource = {
      periodLabel: 'Năm 2022',
      previousLabel: 'Năm 2021',
      unitName: 'Huyện Gia Viễn',
      sentences,
      comparison: [],
      rows: [],
      total: {
        name: 'Huyện Gia Viễn',
        direct: false,
        endedOn: null,
        activity: { sessions: 0, attendance: 0, tips: 0, valuable: 0 },
        registration: null,
        models: null,
        massOrgs: null,
      },
    };
    const body = buildReportDocument(report, source, { figures: 'live', chainHead: null }).body;
    const at = body.findIndex((b) => b.kind === 'heading' && b.text.includes('cơ quan, doanh nghiệp, cơ sở giáo dục') && b.level === 2);
    expect(body[at]).toMatchObject({
      kind: 'heading',
      level: 2,
      text: 'Phong trào bảo vệ an ninh, trật tự tại cơ quan, doanh nghiệp, cơ sở giáo dục',
    });
    expect(body[at + 1]).toMatchObject({ kind: 'paragraph', key: 'sentence.organizations', runs: [{ text: sentences.organizations }] });
    const mass = body.find((b) => b.kind === 'paragraph' && b.key === 'sentence.massOrgs');
    expect(mass).toMatchObject({ runs: [{ text: 'Trên địa bàn có 12 tổ chức quần chúng với 60 thành viên.' }] });
  });
});

let seq = 0;
function tip(p: Partial<TipRecord>): TipRecord {
  return {
    id: `t${++seq}`,
    unitId: 'u1',
    note: null,
    receivedOn: '2022-03-01',
    channel: 'truc_tiep',
    category: 'trat_tu',
    legalType: null,
    valuable: false,
    summary: 'Tin',
    status: 'da_giai_quyet',
    outcome: null,
    resolvedOn: '2022-03-05',
    ...NO_TIP_RESULTS,
    ...p,
  };
}
function mediation(p: Partial<MediationRecord>): MediationRecord {
  return {
    id: `m${++seq}`,
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
const all = () => true;
const TODAY = '2026-11-22';

describe('where tips and mediations came from, as recorded', () => {
  it("names the channels of the public's tips, a kiến nghị khởi tố apart", () => {
    const records = {
      ...emptyRecordSets(),
      tips: [
        tip({ channel: 'qua_to_chuc', valuable: true }),
        tip({ channel: 'qua_to_chuc' }),
        tip({ channel: 'truc_tiep' }),
        tip({ channel: 'dien_thoai' }),
        tip({ channel: 'don_thu', category: 'toi_pham', legalType: 'kien_nghi_khoi_to', outcome: 'khoi_to', resolvedOn: '2022-03-10' }),
      ],
    };
    const f = activityFigures(records, all, YEAR_2022.from, YEAR_2022.to, TODAY);
    expect(f['tips.channel.qua_to_chuc']).toBe(2);
    expect(f['tips.channel.don_thu']).toBe(0);
    expect(periodSentences(input({ current: f })).tips).toBe(
      'Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 4 nguồn tin, trong đó có 1 nguồn tin có giá trị; ' +
        'tiếp nhận 1 kiến nghị khởi tố của cơ quan nhà nước có thẩm quyền, đã giải quyết 1 tin. ' +
        'Nguồn tin của quần chúng được tiếp nhận trực tiếp (1 nguồn tin), qua điện thoại, đường dây nóng (1 nguồn tin) ' +
        'và qua tổ chức quần chúng, khu dân cư (2 nguồn tin).',
    );
  });

  it('names the teams that received the mediations by their kind, and counts the unrecorded apart', () => {
    const records = [
      mediation({ teamId: 'hg1' }),
      mediation({ teamId: 'hg2' }),
      mediation({ teamId: 'tq1', outcome: 'khong_thanh' }),
      mediation({ teamId: null }),
      mediation({ teamId: 'hg1', receivedOn: '2021-12-31' }),
    ];
    const kinds: Record<string, string> = { hg1: 'tổ hòa giải', hg2: 'tổ hòa giải', tq1: 'tổ tự quản' };
    const sources = mediationSources(records, all, YEAR_2022, (id) => kinds[id] ?? null);
    expect(sources).toEqual([
      { kind: 'tổ hòa giải', cases: 2 },
      { kind: 'tổ tự quản', cases: 1 },
      { kind: null, cases: 1 },
    ]);
    const f = activityFigures({ ...emptyRecordSets(), mediations: records }, all, YEAR_2022.from, YEAR_2022.to, TODAY);
    expect(periodSentences(input({ current: f, mediationSources: sources })).mediations).toBe(
      'Năm 2022, các tổ hòa giải, tổ tự quản ở cơ sở đã tiếp nhận 4 vụ việc (tổ hòa giải 2 vụ việc, tổ tự quản 1 vụ việc, ' +
        'chưa ghi tổ tiếp nhận 1 vụ việc), hòa giải thành 3 vụ việc (đạt 75,0%), không thành 1 vụ việc.',
    );
    // No team recorded: no team is named.
    const none = mediationSources([mediation({})], all, YEAR_2022, () => null);
    const g = activityFigures({ ...emptyRecordSets(), mediations: [mediation({})] }, all, YEAR_2022.from, YEAR_2022.to, TODAY);
    expect(periodSentences(input({ current: g, mediationSources: none })).mediations).toBe(
      'Năm 2022, đã tiếp nhận 1 vụ việc hòa giải ở cơ sở, hòa giải thành 1 vụ việc (đạt 100,0%).',
    );
  });
});

describe('wanted persons', () => {
  const said = (arrested: number, surrendered: number) => {
    const f = emptyFigures();
    Object.assign(f, { 'tips.total': 1, 'tips.public': 1, 'tips.wantedArrested': arrested, 'tips.wantedSurrendered': surrendered });
    return periodSentences(input({ current: f })).tips;
  };

  it('says "bắt, vận động đầu thú" when both happened, and the one verb that applies otherwise', () => {
    expect(said(2, 1)).toBe(
      'Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 1 nguồn tin; qua đó bắt, vận động đầu thú 3 đối tượng truy nã.',
    );
    expect(said(2, 0)).toContain('qua đó bắt 2 đối tượng truy nã.');
    expect(said(0, 1)).toContain('qua đó vận động 1 đối tượng truy nã ra đầu thú.');
  });
});
