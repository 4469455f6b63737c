/**
 * The report builder (shared/domain/report/build.ts) on the figures of the Sa Pa and Gia Viễn seed
 * pages: the §9.1 structure, the seed pages' sentences where they go, written sections as
 * paragraphs (one per line), an edited sentence printed as edited and flagged with the new text when
 * the figures change, the header fields, the appendix tables per commune with their totals, and
 * "thiếu dữ liệu" where a figure is missing (never 0).
 */
import { describe, expect, it } from 'vitest';
import {
  compareFigures,
  emptyFigures,
  periodLabel,
  periodSentences,
  previousPeriod,
  type ActivityFigures,
  type SentenceInput,
} from '../../../shared/domain/period';
import {
  appendixTables,
  buildReportDocument,
  MISSING_DATA,
  NOT_WRITTEN,
  recognitionSentence,
  summaryTable,
} from '../../../shared/domain/report/build';
import { EMPTY_HEADER_FIELDS, defaultReportTitle, type ReportContent } from '../../../shared/domain/report/report';
import type { AppendixRow, ReportSource } from '../../../shared/domain/report/source';
import type { ReportBlock, ReportDocument } from '../../../shared/domain/report/document';
import type { ModelFigures } from '../../../shared/domain/overview';
import { EMPTY_MASS_ORGS, EMPTY_MODELS, EMPTY_ORGANIZATIONS } from '../../support/empty-figures';

const MODELS: ModelFigures = { ...EMPTY_MODELS, modelTypes: 14, models: 14, sites: 88, newSites: 38 };
const MASS = EMPTY_MASS_ORGS;
const ORGS = EMPTY_ORGANIZATIONS;

function source(period: { from: string; to: string }, current: ActivityFigures, rows: AppendixRow[], prior = emptyFigures()): ReportSource {
  const previous = previousPeriod(period.from, period.to);
  // Written before the period's end, as the seed pages were: the registry is said "Hiện nay".
  const input: SentenceInput = {
    period,
    previous,
    current,
    prior,
    models: MODELS,
    newModels: [],
    massOrgs: MASS,
    organizations: ORGS,
    today: period.to,
  };
  const total: AppendixRow = {
    name: 'Thị xã Sa Pa',
    direct: false,
    endedOn: null,
    activity: {
      sessions: current['propaganda.sessions'],
      attendance: current['propaganda.attendance'],
      tips: current['tips.total'],
      valuable: current['tips.valuable'],
    },
    registration: null,
    models: { types: 14, sites: 88, newSites: 38 },
    massOrgs: { organizations: 0, members: 0 },
  };
  return {
    periodLabel: periodLabel(period.from, period.to),
    previousLabel: periodLabel(previous.from, previous.to),
    unitName: 'Thị xã Sa Pa',
    sentences: periodSentences(input),
    comparison: compareFigures(current, prior),
    rows,
    total,
  };
}

const SAPA = { from: '2020-01-01', to: '2022-12-31' };
const sapaFigures = (): ActivityFigures =>
  Object.assign(emptyFigures(), {
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

const commune = (name: string, sessions: number, attendance: number): AppendixRow => ({
  name,
  direct: false,
  endedOn: null,
  activity: { sessions, attendance, tips: 0, valuable: 0 },
  registration: {
    khu_dan_cu: { total: 10, registered: 9, recognised: 7 },
    xa: { total: 1, registered: 1, recognised: 1 },
    co_quan_doanh_nghiep: { total: 0, registered: 0, recognised: 0 },
    co_so_giao_duc: { total: 2, registered: 2, recognised: 0 },
  },
  models: { types: 2, sites: 5, newSites: 1 },
  massOrgs: { organizations: 3, members: 40 },
});

function report(p: Partial<ReportContent> = {}): ReportContent {
  return {
    kind: 'chuyen_de',
    title: defaultReportTitle('chuyen_de', SAPA.from, SAPA.to),
    from: SAPA.from,
    to: SAPA.to,
    header: { ...EMPTY_HEADER_FIELDS, issuingBody: 'CÔNG AN THỊ XÃ SA PA', parentBody: 'CÔNG AN TỈNH LÀO CAI', place: 'Sa Pa' },
    number: null,
    date: null,
    sections: {},
    edits: {},
    ...p,
  };
}

type Para = Extract<ReportBlock, { kind: 'paragraph' }>;
const paras = (d: ReportDocument) => d.body.filter((b): b is Para => b.kind === 'paragraph');
const para = (d: ReportDocument, key: string) => paras(d).find((p) => p.key === key)!;
const headings = (d: ReportDocument, level: number) =>
  d.body.flatMap((b) => (b.kind === 'heading' && b.level === level ? [`${b.label} ${b.text}`] : []));
const live = { figures: 'live' as const, chainHead: null };

describe('the Sa Pa report (three years of Conclusion 44)', () => {
  const rows = [commune('Phường Sa Pa', 400, 30_000), commune('Xã Tả Van', 231, 21_511)];
  const src = source(SAPA, sapaFigures(), rows);

  it('follows §9.1 and puts the seed page sentences in the results', () => {
    const d = buildReportDocument(report(), src, live);
    expect(headings(d, 1)).toEqual([
      'I. ĐẶC ĐIỂM TÌNH HÌNH',
      'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO',
      'III. KẾT QUẢ THỰC HIỆN',
      'IV. ĐÁNH GIÁ CHUNG',
      'V. PHƯƠNG HƯỚNG, NHIỆM VỤ',
    ]);
    expect(headings(d, 2)).toContain('1. Công tác tuyên truyền, vận động');
    expect(headings(d, 2)).toContain('4. Bài học kinh nghiệm');
    expect(para(d, 'sentence.propaganda')).toEqual({
      kind: 'paragraph',
      origin: 'generated',
      key: 'sentence.propaganda',
      runs: [
        {
          text:
            'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia; phát 7.159 tờ rơi; ' +
            '285 buổi tuyên truyền trên hệ thống loa truyền thanh với thời lượng 450 phút/buổi, tuyên truyền đến 27.771 quần chúng nhân dân; ' +
            'tuyên truyền trực tiếp đến 22.030 lượt người.',
        },
      ],
    });
    expect(para(d, 'sentence.tips').runs[0]!.text).toBe(
      'Trong 03 năm qua, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 924 nguồn tin, trong đó có 345 nguồn tin có giá trị.',
    );
    expect(para(d, 'sentence.models').runs[0]!.text).toBe(
      'Hiện nay trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
    );
    // The propaganda chart per commune, right after its sentence.
    const i = d.body.findIndex((b) => b.kind === 'paragraph' && b.key === 'sentence.propaganda');
    expect(d.body[i + 1]).toMatchObject({
      kind: 'chart',
      chart: { categories: ['Phường Sa Pa', 'Xã Tả Van'], series: [{ values: [400, 231] }] },
    });
  });

  it('fills the header from the report and says the title of the kind', () => {
    const d = buildReportDocument(report({ number: '15', date: '2022-12-20' }), src, { figures: 'frozen', chainHead: null });
    expect(d.header).toMatchObject({
      parentBody: 'CÔNG AN TỈNH LÀO CAI',
      issuingBody: 'CÔNG AN THỊ XÃ SA PA',
      number: '15',
      date: '2022-12-20',
      kindTitle: 'BÁO CÁO',
      summary: 'Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2020 - 2022',
    });
    expect(d.figures).toBe('frozen');
    expect(defaultReportTitle('tong_ket_nam', '2026-01-01', '2026-12-31')).toBe(
      'Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026',
    );
  });

  it('prints written sections one paragraph per line, and asks for the ones not written', () => {
    const d = buildReportDocument(
      report({ sections: { dac_diem: 'Dòng một.\n\n  Dòng hai.  ', phuong_huong: 'Nhiệm vụ (1).' } }),
      src,
      live,
    );
    expect(
      paras(d)
        .filter((p) => p.key === 'dac_diem')
        .map((p) => p.runs[0]!.text),
    ).toEqual(['Dòng một.', 'Dòng hai.']);
    expect(para(d, 'phuong_huong').runs[0]!.text).toBe('Nhiệm vụ (1).');
    expect(para(d, 'uu_diem')).toMatchObject({ origin: 'written', runs: [{ text: NOT_WRITTEN, italic: true }] });
    expect(headings(d, 1)).not.toContain('VI. ĐỀ XUẤT, KIẾN NGHỊ');
    const withProposals = buildReportDocument(report({ sections: { de_xuat: 'Đề nghị Công an tỉnh…' } }), src, live);
    expect(headings(withProposals, 1)).toContain('VI. ĐỀ XUẤT, KIẾN NGHỊ');
  });

  it('keeps an edited sentence, and flags it with the new text when the figures change', () => {
    const from = src.sentences.tips;
    const edits = { 'sentence.tips': { text: 'Nhân dân cung cấp gần 1.000 nguồn tin.', from } };
    const same = buildReportDocument(report({ edits }), src, live);
    expect(para(same, 'sentence.tips')).toEqual({
      kind: 'paragraph',
      origin: 'edited',
      key: 'sentence.tips',
      runs: [{ text: 'Nhân dân cung cấp gần 1.000 nguồn tin.' }],
    });
    const more = Object.assign(sapaFigures(), { 'tips.total': 930 });
    const changed = buildReportDocument(report({ edits }), source(SAPA, more, rows), live);
    const p = para(changed, 'sentence.tips');
    expect(p.runs[0]!.text).toBe('Nhân dân cung cấp gần 1.000 nguồn tin.');
    expect(p.stale).toBe(true);
    expect(p.generated).toContain('930 nguồn tin');
  });

  it('says "thiếu dữ liệu" for the previous period of a kind that had no record then, not 0', () => {
    const table = summaryTable({ ...src, previousRecords: { propaganda: 0, tips: 3 } })!;
    const sessions = table.rows.find((r) => r[1] === 'Buổi tuyên truyền, phát động')!;
    expect(sessions.slice(3)).toEqual(['631', MISSING_DATA, '—']);
    const tips = table.rows.find((r) => r[1]!.startsWith('Nguồn tin'))!;
    expect(tips[4]).toBe('0');
    expect(tips[5]).toBe('tăng 924');
  });

  it('tabulates the communes in the appendix with totals, ratios and "—" for the territory own row', () => {
    const direct: AppendixRow = { ...commune('Thị xã Sa Pa', 0, 0), direct: true, registration: null, models: null, massOrgs: null };
    const [reg, registry, activity] = appendixTables({ ...src, rows: [...rows, direct] }, SAPA.to);
    expect(reg!.title).toBe('Bảng 1. Đăng ký, công nhận "An toàn về an ninh, trật tự" năm 2022');
    expect(reg!.rows[0]).toEqual(['1', 'Phường Sa Pa', '9/10', '7/10', '1/1', '1/1', '0/0', '0/0', '2/2', '0/2']);
    expect(reg!.rows[2]!.slice(1, 4)).toEqual(['Thị xã Sa Pa (trực tiếp)', '—', '—']);
    expect(registry!.rows[1]).toEqual(['2', 'Xã Tả Van', '2', '5', '1', '3', '40']);
    expect(activity!.rows[0]).toEqual(['1', 'Phường Sa Pa', '400', '30.000', '0', '0']);
    expect(activity!.total).toEqual(['', 'Tổng cộng', '631', '51.511', '924', '345']);
    for (const t of [reg!, registry!, activity!]) {
      expect(t.columns.reduce((a, c) => a + c.width, 0)).toBeCloseTo(1, 5);
      // Every header row covers every column: its own cells and those spanning down from above.
      const [top, below] = t.header!;
      const down = top!.filter((c) => (c.rowSpan ?? 1) > 1).reduce((a, c) => a + c.span, 0);
      expect(top!.reduce((a, c) => a + c.span, 0)).toBe(t.columns.length);
      expect(below!.reduce((a, c) => a + c.span, 0) + down).toBe(t.columns.length);
    }
  });
});

describe('the Gia Viễn report (2022)', () => {
  const GV = { from: '2022-01-01', to: '2022-12-31' };
  const f = Object.assign(emptyFigures(), {
    'tips.total': 312,
    'tips.public': 312,
    'tips.valuable': 204,
    'incidents.crimes': 50,
    'incidents.crimesSolved': 49,
    'incidents.cat.toi_pham_nghiem_trong': 50,
    'awards.total': 11,
    'awards.collectives': 5,
    'awards.individuals': 6,
  });
  const src = source(GV, f, []);
  const d = buildReportDocument(
    report({ kind: 'tong_ket_nam', from: GV.from, to: GV.to, title: defaultReportTitle('tong_ket_nam', GV.from, GV.to) }),
    src,
    live,
  );

  it('says the crimes in the situation and the tips in the results, in the seed page words', () => {
    const i = d.body.findIndex((b) => b.kind === 'heading' && b.text === 'ĐẶC ĐIỂM TÌNH HÌNH');
    const situation = d.body.slice(
      i,
      d.body.findIndex((b) => b.kind === 'heading' && b.text === 'CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO'),
    );
    expect(situation.some((b) => b.kind === 'paragraph' && b.key === 'sentence.incidents')).toBe(true);
    expect(para(d, 'sentence.incidents').runs[0]!.text).toContain('đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án');
    expect(para(d, 'sentence.tips').runs[0]!.text).toContain(
      'Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 312 nguồn tin',
    );
    // No chart for fewer than two communes.
    expect(d.body.some((b) => b.kind === 'chart')).toBe(false);
  });

  it('says "thiếu dữ liệu" where a figure is missing, never 0', () => {
    expect(recognitionSentence(null, GV.from, GV.to)).toBe(
      `Chưa có số liệu đăng ký, công nhận "An toàn về an ninh, trật tự" năm 2022 (${MISSING_DATA}).`,
    );
    expect(para(d, 'sentence.recognition').runs[0]!.text).toContain(MISSING_DATA);
    const missing = {
      ...src,
      comparison: src.comparison.map((r) => (r.key === 'tips.total' ? { ...r, hasValue: false, missing: true } : r)),
    };
    const table = buildReportDocument(report(), missing, live).body.find((b) => b.kind === 'table');
    const row =
      table?.kind === 'table' ? table.table.rows.find((r) => r[1] === 'Tổng số nguồn tin' || r[1]!.startsWith('Nguồn tin')) : undefined;
    expect(row?.[3]).toBe(MISSING_DATA);
  });

  it('words the registration and recognition of the year', () => {
    const reg = {
      khu_dan_cu: { total: 730, registered: 709, recognised: 650 },
      xa: { total: 21, registered: 21, recognised: 20 },
      co_quan_doanh_nghiep: { total: 0, registered: 0, recognised: 0 },
      co_so_giao_duc: { total: 25, registered: 25, recognised: 25 },
    };
    expect(recognitionSentence(reg, GV.from, GV.to)).toBe(
      'Năm 2022, có 709/730 khu dân cư, 21/21 xã, phường, thị trấn, 25/25 cơ sở giáo dục đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"; ' +
        'được công nhận đạt tiêu chuẩn: 650/730 khu dân cư, 20/21 xã, phường, thị trấn, 25/25 cơ sở giáo dục.',
    );
  });
});
