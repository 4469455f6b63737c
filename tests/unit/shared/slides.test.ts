/**
 * The deck builder (shared/domain/slides): the slides of a year from the Sa Pa figures of the seed
 * page (2020–2022, spread over the three years so they add up to the page's totals), last year's
 * figures and the change, five-year charts with the years before the data as gaps, the evaluation
 * result frozen or live, the tasks from the report or the "no report" slide, and the presenter's
 * hidden and reordered slides.
 */
import { describe, expect, it } from 'vitest';
import {
  SLIDE_KEYS,
  applyPreferences,
  buildDeck,
  moveKey,
  splitText,
  visibleSlides,
  type DeckInput,
  type Slide,
  type YearFigures,
} from '../../../shared/domain/slides';
import { SAPA_FIGURES } from '../../fixtures/activity-seeds';
import { registrationFigures, registrationSentences, type RegistrationSubject } from '../../../shared/domain/period';

/** A year's registration subjects: residential areas, communes, agencies and schools with their records. */
function subjects(): RegistrationSubject[] {
  const out: RegistrationSubject[] = [];
  const add = (
    kind: RegistrationSubject['kind'],
    n: number,
    registered: number,
    recognised: number,
    households?: (i: number) => number | null,
  ) => {
    for (let i = 0; i < n; i++)
      out.push({
        kind,
        unitId: `${kind}-${i}`,
        registered: i < registered,
        recognised: i < recognised,
        households: households?.(i) ?? null,
      });
  };
  add('khu_dan_cu', 730, 709, 650, (i) => (i < 700 ? 72 : null));
  add('xa', 16, 16, 15);
  add('co_quan', 125, 120, 110);
  add('co_so_giao_duc', 20, 20, 20);
  return out;
}

function registrations(year = 2022, list: RegistrationSubject[] = subjects()): DeckInput['registrations'] {
  const figures = registrationFigures(year, list);
  return { figures, sentences: registrationSentences(figures) };
}

/** The page's three-year totals spread over 2020–2022 (sums checked below). */
const SAPA_YEARS: YearFigures[] = [
  { year: 2018, values: { 'propaganda.records': 0, 'propaganda.sessions': 0, 'tips.total': 0, 'models.models': 0, 'awards.total': 0 } },
  { year: 2019, values: { 'propaganda.records': 0, 'propaganda.sessions': 0, 'tips.total': 0, 'models.models': 0, 'awards.total': 0 } },
  ...[
    { year: 2020, sessions: 205, attendance: 16_800, tips: 300, valuable: 110, sites: 50 },
    { year: 2021, sessions: 210, attendance: 17_100, tips: 310, valuable: 115, sites: 88 },
    { year: 2022, sessions: 216, attendance: 17_611, tips: 314, valuable: 120, sites: 88 },
  ].map((y) => ({
    year: y.year,
    values: {
      'propaganda.records': y.sessions,
      'propaganda.sessions': y.sessions,
      'propaganda.attendance': y.attendance,
      'tips.total': y.tips,
      'tips.public': y.tips,
      'tips.valuable': y.valuable,
      'models.models': 14,
      'models.sites': y.sites,
      'models.newModels': 0,
      'models.exemplary': 0,
      'massOrgs.organizations': 0,
      'massOrgs.members': 0,
      'awards.total': y.year === 2022 ? 11 : 0,
      'awards.collectives': y.year === 2022 ? 5 : 0,
      'awards.individuals': y.year === 2022 ? 6 : 0,
      'awards.form.bang_khen_bo_truong': y.year === 2022 ? 1 : 0,
      'awards.form.giay_khen_ubnd_huyen': y.year === 2022 ? 5 : 0,
    },
  })),
];

function input(over: Partial<DeckInput> = {}): DeckInput {
  return {
    year: 2022,
    office: 'Công an thị xã Sa Pa',
    territory: 'Thị xã Sa Pa',
    wholeOffice: true,
    today: '2023-01-10',
    years: SAPA_YEARS,
    evaluation: { frozenAt: null, counts: [], ruleSetNote: null },
    registrations: registrations(),
    newModels: [],
    tasks: null,
    preferences: { order: [], hidden: [] },
    ...over,
  };
}

const slide = (slides: Slide[], key: string) => slides.find((s) => s.id === key)!;

describe('the deck of a year', () => {
  it('holds the fixture totals (the spread adds up to the page)', () => {
    const sum = (k: 'propaganda.sessions' | 'propaganda.attendance' | 'tips.total' | 'tips.valuable') =>
      SAPA_YEARS.reduce((a, y) => a + (y.values[k] ?? 0), 0);
    expect(sum('propaganda.sessions')).toBe(SAPA_FIGURES.sessions);
    expect(sum('propaganda.attendance')).toBe(SAPA_FIGURES.attendance);
    expect(sum('tips.total')).toBe(SAPA_FIGURES.tips);
    expect(sum('tips.valuable')).toBe(SAPA_FIGURES.valuableTips);
  });

  it('has every slide in the default order, each saying its figures are live', () => {
    const d = buildDeck(input());
    expect(d.slides.map((s) => s.id)).toEqual([...SLIDE_KEYS]);
    expect(d.slides.every((s) => s.status === 'live' && s.statusText.length > 0)).toBe(true);
    const t = slide(d.slides, 'title');
    expect(t).toMatchObject({ kind: 'title', office: 'CÔNG AN THỊ XÃ SA PA', territory: null, dateLine: 'Ngày 10/01/2023' });
    expect(t.title).toBe('Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022');
    expect(slide(d.slides, 'key-figures').statusText).toBe('Số liệu trực tiếp, tính đến ngày 10/01/2023');
  });

  it('gives the key figures with last year and the change, in Vietnamese number format', () => {
    const s = slide(buildDeck(input()).slides, 'key-figures');
    if (s.kind !== 'figures') throw new Error('kind');
    expect(s.figures[0]).toEqual({
      label: 'Buổi tuyên truyền, phát động',
      value: '216',
      unit: 'buổi',
      previous: 'Năm 2021: 210',
      change: 'tăng 6 (2,9%)',
      trend: 'up',
    });
    expect(s.figures[1]).toMatchObject({ value: '17.611', previous: 'Năm 2021: 17.100', change: 'tăng 511 (3,0%)' });
    expect(s.figures[4]).toMatchObject({ label: 'Điểm mô hình đang hoạt động', value: '88', change: 'bằng năm trước', trend: 'same' });
    // No mass organisation in the registry: "thiếu dữ liệu", never 0.
    expect(s.figures[5]).toMatchObject({ value: null, previous: 'Năm 2021: thiếu dữ liệu', change: null, trend: null });
  });

  it('says last year is missing data for the first year of records', () => {
    const s = slide(buildDeck(input({ year: 2020, years: SAPA_YEARS.slice(0, 3) })).slides, 'key-figures');
    if (s.kind !== 'figures') throw new Error('kind');
    expect(s.figures[0]).toMatchObject({ value: '205', previous: 'Năm 2019: thiếu dữ liệu', change: null });
  });

  it('charts five years with the years before the records as gaps, not zeros', () => {
    const s = slide(buildDeck(input()).slides, 'chart-propaganda');
    if (s.kind !== 'chart') throw new Error('kind');
    expect(s.title).toBe('Tuyên truyền, vận động (2018 - 2022)');
    expect(s.charts).toHaveLength(2);
    expect(s.charts[0]).toEqual({
      title: 'Buổi tuyên truyền, phát động',
      type: 'bar',
      categories: ['2018', '2019', '2020', '2021', '2022'],
      series: [{ name: 'Buổi tuyên truyền', values: [null, null, 205, 210, 216] }],
      unit: 'buổi',
    });
    expect(s.missingNote).toBe('Thiếu dữ liệu (chưa nhập số liệu): năm 2018, 2019.');
    const tips = slide(buildDeck(input()).slides, 'chart-tips');
    if (tips.kind !== 'chart') throw new Error('kind');
    const mass = slide(buildDeck(input()).slides, 'chart-mass-orgs');
    expect(mass).toMatchObject({ charts: [], missingNote: 'Chưa có số liệu nào trong các năm 2018 - 2022 (thiếu dữ liệu).' });
    expect(tips.charts[0]!.series.map((x) => x.values)).toEqual([
      [null, null, 300, 310, 314],
      [null, null, 110, 115, 120],
    ]);
  });

  it('gives the evaluation x/y per kind, frozen when the year is frozen', () => {
    const counts = [
      {
        category: 'khu_dan_cu' as const,
        label: 'Khu dân cư',
        total: 730,
        registered: 730,
        dat: 700,
        recognised: 690,
        frozenDat: 709,
        frozenUnknown: 0,
      },
      {
        category: 'xa' as const,
        label: 'Xã, phường, thị trấn',
        total: 16,
        registered: 16,
        dat: 15,
        recognised: 15,
        frozenDat: 16,
        frozenUnknown: 1,
      },
      {
        category: 'co_so_giao_duc' as const,
        label: 'Cơ sở giáo dục',
        total: 0,
        registered: 0,
        dat: 0,
        recognised: 0,
        frozenDat: 0,
        frozenUnknown: 0,
      },
    ];
    const frozen = slide(
      buildDeck(input({ evaluation: { frozenAt: '2023-01-05T03:00:00.000Z', counts, ruleSetNote: null } })).slides,
      'evaluation',
    );
    if (frozen.kind !== 'evaluation') throw new Error('kind');
    expect(frozen.status).toBe('frozen');
    expect(frozen.statusText).toBe('Kết quả đã chốt ngày 05/01/2023');
    expect(frozen.rows.map((r) => [r.label, r.ratio, r.percent])).toEqual([
      ['Khu dân cư', '709/730', '97,1%'],
      ['Xã, phường, thị trấn', '16/16', '100,0%'],
    ]);
    expect(frozen.rows[1]!.detail).toBe('Đăng ký: 16/16 · Công nhận: 15/16 · Không xác định được kết quả đã chốt: 1');
    const liveDeck = slide(buildDeck(input({ evaluation: { frozenAt: null, counts, ruleSetNote: null } })).slides, 'evaluation');
    if (liveDeck.kind !== 'evaluation') throw new Error('kind');
    expect(liveDeck.status).toBe('live');
    expect(liveDeck.rows[0]!.ratio).toBe('700/730');
    const none = slide(buildDeck(input()).slides, 'evaluation');
    if (none.kind !== 'evaluation') throw new Error('kind');
    expect(none.empty).toBe('Chưa có đơn vị nào trong danh sách đánh giá năm 2022 (thiếu dữ liệu).');
  });

  it('says "không đánh giá" for a year without a rule set, never 0/y, with the reason under the rows', () => {
    const note = 'Năm 2015 chưa có bộ tiêu chí trong ứng dụng (trước 10/02/2022 áp dụng Thông tư 23/2012/TT-BCA).';
    const counts = [
      {
        category: 'khu_dan_cu' as const,
        label: 'Khu dân cư',
        total: 3,
        registered: 2,
        dat: null,
        recognised: 0,
        frozenDat: null,
        frozenUnknown: null,
      },
    ];
    const s = slide(buildDeck(input({ year: 2015, evaluation: { frozenAt: null, counts, ruleSetNote: note } })).slides, 'evaluation');
    if (s.kind !== 'evaluation') throw new Error('kind');
    expect(s.rows.map((r) => [r.label, r.achieved, r.ratio, r.percent])).toEqual([['Khu dân cư', null, 'không đánh giá', null]]);
    // No recognition decision recorded in the year: "thiếu dữ liệu", as the registration slide says it.
    expect(s.rows[0]!.detail).toBe('Đăng ký: 2/3 · Công nhận: thiếu dữ liệu');
    expect(s.note).toBe(note);
    const none = counts.map((c) => ({ ...c, registered: 0 }));
    const empty = slide(
      buildDeck(input({ year: 2015, evaluation: { frozenAt: null, counts: none, ruleSetNote: note } })).slides,
      'evaluation',
    );
    if (empty.kind !== 'evaluation') throw new Error('kind');
    expect(empty.rows[0]!.detail).toBe('Đăng ký: thiếu dữ liệu · Công nhận: thiếu dữ liệu');
    expect(s.statusText).toBe('Số liệu trực tiếp, tính đến ngày 10/01/2023');
  });

  it('gives the registrations per kind with the households and the report sentence', () => {
    const s = slide(buildDeck(input()).slides, 'registrations');
    if (s.kind !== 'evaluation') throw new Error('kind');
    expect(s.title).toBe('Đăng ký xây dựng "An toàn về an ninh, trật tự" năm 2022');
    expect(s.caption).toBe('đăng ký xây dựng "An toàn về an ninh, trật tự"');
    expect(s.rows.map((r) => [r.label, r.ratio, r.percent])).toEqual([
      ['Khu dân cư', '709/730', '97,1%'],
      ['Xã, phường, thị trấn', '16/16', '100,0%'],
      ['Cơ quan, doanh nghiệp, cơ sở giáo dục', '140/145', '96,6%'],
    ]);
    expect(s.rows.map((r) => r.detail)).toEqual([
      'Công nhận: 650/730 · 50.400 hộ gia đình đăng ký (9 khu dân cư chưa ghi số hộ)',
      'Công nhận: 15/16',
      'Công nhận: 130/145 · Cơ quan: 120/125 · Cơ sở giáo dục: 20/20',
    ]);
    expect(s.note).toBe(
      'Năm 2022, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 709/730 khu dân cư với 50.400 hộ gia đình ' +
        '(9 khu dân cư chưa ghi số hộ đăng ký: thiếu dữ liệu); 16/16 xã, phường, thị trấn; 140/145 cơ quan, doanh nghiệp, cơ sở giáo dục ' +
        '(120/125 cơ quan, 20/20 cơ sở giáo dục).',
    );
    expect(s.status).toBe('live');
  });

  it('says "thiếu dữ liệu" for a year with no registration recorded, and names a lone organisation kind', () => {
    const none = subjects()
      .filter((x) => x.kind !== 'co_quan')
      .map((x) => ({ ...x, registered: false, recognised: false, households: null }));
    const s = slide(buildDeck(input({ year: 2015, registrations: registrations(2015, none) })).slides, 'registrations');
    if (s.kind !== 'evaluation') throw new Error('kind');
    expect(s.rows.map((r) => [r.label, r.achieved, r.ratio, r.percent, r.detail])).toEqual([
      ['Khu dân cư', null, 'thiếu dữ liệu', null, 'Công nhận: thiếu dữ liệu'],
      ['Xã, phường, thị trấn', null, 'thiếu dữ liệu', null, 'Công nhận: thiếu dữ liệu'],
      ['Cơ sở giáo dục', null, 'thiếu dữ liệu', null, 'Công nhận: thiếu dữ liệu'],
    ]);
    expect(s.note).toBe(
      'Chưa có số liệu đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2015 (thiếu dữ liệu: chưa ghi nhận bản đăng ký nào).',
    );
    const empty = slide(buildDeck(input({ registrations: registrations(2022, []) })).slides, 'registrations');
    if (empty.kind !== 'evaluation') throw new Error('kind');
    expect(empty.rows).toEqual([]);
    expect(empty.empty).toBe('Chưa có khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục nào trong danh sách năm 2022 (thiếu dữ liệu).');
  });

  it('lists awards by form and new models', () => {
    const d = buildDeck(input({ newModels: [{ name: 'Tổ liên gia an toàn PCCC', typeName: 'Phòng cháy' }] }));
    const a = slide(d.slides, 'awards');
    if (a.kind !== 'figures') throw new Error('kind');
    expect(a.figures.map((f) => f.value)).toEqual(['11', '5', '6']);
    expect(a.figures[0]!.previous).toBe('Năm 2021: thiếu dữ liệu');
    expect(a.items).toEqual(['Bằng khen của Bộ trưởng Bộ Công an: 1', 'Giấy khen của Chủ tịch UBND huyện: 5']);
    const m = slide(d.slides, 'models');
    if (m.kind !== 'figures') throw new Error('kind');
    expect(m.items).toEqual(['Tổ liên gia an toàn PCCC (Phòng cháy)']);
    const a2021 = slide(buildDeck(input({ year: 2021, years: SAPA_YEARS.slice(0, 4) })).slides, 'awards');
    if (a2021.kind !== 'figures') throw new Error('kind');
    expect(a2021.figures).toEqual([]);
    expect(a2021.empty).toBe('Chưa ghi nhận khen thưởng nào trong năm 2021 (thiếu dữ liệu).');
  });
});

describe('next year’s tasks', () => {
  it('says there is no report yet', () => {
    const s = slide(buildDeck(input()).slides, 'tasks');
    expect(s).toMatchObject({
      kind: 'text',
      title: 'Phương hướng, nhiệm vụ năm 2023',
      paragraphs: [],
      empty: 'Chưa có báo cáo năm 2022 — nhập phương hướng, nhiệm vụ trong mục Báo cáo.',
      status: 'live',
      statusText: 'Chưa có báo cáo năm 2022',
    });
  });

  it('takes an issued report as frozen and continues a long text on more slides', () => {
    const para = 'Tiếp tục đẩy mạnh công tác tuyên truyền, vận động quần chúng nhân dân tham gia bảo vệ an ninh, trật tự. ';
    const text = [para.repeat(4), para.repeat(4), para.repeat(4)].join('\n');
    const d = buildDeck(input({ tasks: { issued: true, date: '2022-12-20', text } }));
    const tasks = d.slides.filter((s) => s.key === 'tasks');
    expect(tasks.map((s) => s.id)).toEqual(['tasks', 'tasks-2', 'tasks-3']);
    expect(tasks.map((s) => s.title)).toEqual([
      'Phương hướng, nhiệm vụ năm 2023',
      'Phương hướng, nhiệm vụ năm 2023 (tiếp)',
      'Phương hướng, nhiệm vụ năm 2023 (tiếp)',
    ]);
    expect(tasks.every((s) => s.status === 'frozen' && s.statusText === 'Theo báo cáo đã ban hành ngày 20/12/2022')).toBe(true);
    const blank = slide(buildDeck(input({ tasks: { issued: false, date: null, text: '  \n ' } })).slides, 'tasks');
    expect(blank).toMatchObject({
      paragraphs: [],
      empty: 'Báo cáo năm 2022 chưa có phần phương hướng, nhiệm vụ — nhập trong mục Báo cáo.',
      statusText: 'Báo cáo chưa có phần phương hướng, nhiệm vụ',
    });
    const draft = slide(buildDeck(input({ tasks: { issued: false, date: null, text: 'Một nhiệm vụ.' } })).slides, 'tasks');
    expect(draft).toMatchObject({ paragraphs: ['Một nhiệm vụ.'], status: 'live', statusText: 'Theo dự thảo báo cáo (chưa ban hành)' });
  });

  it('splits at paragraphs, then at sentences, never losing a word', () => {
    const long = Array.from({ length: 20 }, (_, i) => `Câu số ${i + 1} nói về nhiệm vụ.`).join(' ');
    const pages = splitText(`Mở đầu.\n\n${long}`, 120);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((p) => p.join(' ').length <= 160)).toBe(true);
    expect(pages.flat().join(' ').replace(/\s+/g, ' ')).toBe(`Mở đầu. ${long}`);
  });
});

describe('the presenter’s choices', () => {
  it('hides and reorders; hidden slides stay in the deck but not in the show', () => {
    let order = [...SLIDE_KEYS];
    for (let i = 0; i < 6; i++) order = moveKey(order, 'evaluation', -1);
    const d = buildDeck(input({ preferences: { order, hidden: ['chart-tips', 'awards'] } }));
    expect(d.slides.map((s) => s.id).slice(0, 3)).toEqual(['title', 'evaluation', 'key-figures']);
    expect(d.slides).toHaveLength(SLIDE_KEYS.length);
    expect(d.slides.filter((s) => s.hidden).map((s) => s.id)).toEqual(['chart-tips', 'awards']);
    expect(visibleSlides(d).map((s) => s.id)).not.toContain('chart-tips');
    expect(visibleSlides(d)).toHaveLength(SLIDE_KEYS.length - 2);
  });

  it('keeps a slide the stored order lacks after its default predecessor, drops unknown keys', () => {
    const { order } = applyPreferences(SLIDE_KEYS, { order: ['tasks', 'title', 'key-figures', 'tasks', 'nope' as never], hidden: [] });
    expect(order.slice(0, 4)).toEqual(['tasks', 'title', 'key-figures', 'chart-propaganda']);
    expect(order).toHaveLength(SLIDE_KEYS.length);
    expect(new Set(order).size).toBe(SLIDE_KEYS.length);
  });

  it('moves a key up and down, not past the ends', () => {
    const keys = [...SLIDE_KEYS];
    expect(moveKey(keys, 'key-figures', -1).slice(0, 2)).toEqual(['key-figures', 'title']);
    expect(moveKey(keys, 'title', -1)).toEqual(keys);
    expect(moveKey(keys, 'tasks', 1)).toEqual(keys);
  });
});
