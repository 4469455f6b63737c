/**
 * slides.* through the real backend on the Sa Pa fixture (2020–2022 records of the seed page): the
 * deck of 2022 takes its figures from period.figures of each year (no second counting), the years
 * before the records are gaps, the presenter's hidden and reordered slides are kept, and the PPTX
 * (unzipped, its XML read) has the visible slides in order with their titles, key figures, native
 * charts with the series values, the slide number field and the frozen/live mark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';
import { loadSaPaActivities, setupSaPaOffice, type Call } from '../../fixtures/activity-seeds';
import { SLIDE_KEYS, type Slide } from '../../../shared/domain/slides';
import { formatIntVi } from '../../../shared/lib/numbers';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';

const callOf =
  (b: TestBackend): Call =>
  (m, i) =>
    b.backend.dispatch(m, i);

async function unzip(base64: string): Promise<{ zip: JSZip; slides: string[]; charts: Map<string, string> }> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const slideNames = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const slides = await Promise.all(slideNames.map((n) => zip.file(n)!.async('string')));
  const charts = new Map<string, string>();
  for (const n of Object.keys(zip.files).filter((x) => /^ppt\/charts\/chart\d+\.xml$/.test(x)))
    charts.set(n, await zip.file(n)!.async('string'));
  return { zip, slides, charts };
}

/** The visible text of a slide's XML (the runs joined), for plain assertions. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
    .map((m) =>
      m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    )
    .join(' ');

describe('the meeting deck on the Sa Pa fixture', () => {
  let b: TestBackend;
  let dir: string;
  let years: PeriodFiguresDto[];
  beforeAll(async () => {
    dir = makeTempDir('antq-slides-');
    b = await startBackend(dir, '2023-01-10T03:00:00Z');
    await setupSaPaOffice(callOf(b));
    await loadSaPaActivities(callOf(b));
    years = await Promise.all([2021, 2022].map((y) => b.call('period.figures', { from: `${y}-01-01`, to: `${y}-12-31`, unitId: null })));
  }, 120_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('builds every slide from the period figures of each year', async () => {
    const deck = await b.call('slides.deck', { year: 2022, unitId: null });
    expect(deck.slides.map((s) => s.id)).toEqual([...SLIDE_KEYS]);
    expect(deck.office).toBe('Công an thị xã Sa Pa');
    const [y2021, y2022] = years as [PeriodFiguresDto, PeriodFiguresDto];
    const kf = deck.slides.find((s) => s.id === 'key-figures') as Extract<Slide, { kind: 'figures' }>;
    const sessions = y2022.activities.current['propaganda.sessions'];
    const before = y2021.activities.current['propaganda.sessions'];
    expect(kf.figures[0]).toMatchObject({ value: formatIntVi(sessions), previous: `Năm 2021: ${formatIntVi(before)}` });
    expect(kf.figures[3]!.value).toBe(formatIntVi(y2022.activities.current['tips.valuable']));
    const chart = deck.slides.find((s) => s.id === 'chart-propaganda') as Extract<Slide, { kind: 'chart' }>;
    expect(chart.charts[0]!.categories).toEqual(['2018', '2019', '2020', '2021', '2022']);
    const values = chart.charts[0]!.series[0]!.values;
    expect(values.slice(0, 2)).toEqual([null, null]);
    expect(values[3]).toBe(before);
    expect(values[4]).toBe(sessions);
    expect((values as number[]).slice(2).reduce((a, v) => a + v, 0)).toBe(631);
    expect(chart.missingNote).toContain('2018, 2019');
    const ev = deck.slides.find((s) => s.id === 'evaluation')!;
    expect(ev.status).toBe('live');
    const tasks = deck.slides.find((s) => s.id === 'tasks') as Extract<Slide, { kind: 'text' }>;
    expect(tasks.empty).toBe('Chưa có báo cáo năm 2022 — nhập phương hướng, nhiệm vụ trong mục Báo cáo.');
  }, 60_000);

  it('keeps the presenter’s order and hidden slides, and refuses a broken order in Vietnamese', async () => {
    const order = [...SLIDE_KEYS];
    order.splice(order.indexOf('evaluation'), 1);
    order.splice(1, 0, 'evaluation');
    const saved = await b.call('slides.savePreferences', { order, hidden: ['chart-mass-orgs', 'awards'] });
    expect(saved).toEqual({ order, hidden: ['chart-mass-orgs', 'awards'] });
    const deck = await b.call('slides.deck', { year: 2022, unitId: null });
    expect(deck.slides.map((s) => s.key)).toEqual(order);
    expect(deck.slides.filter((s) => s.hidden).map((s) => s.key)).toEqual(['chart-mass-orgs', 'awards']);
    const bad = await b.fail('slides.savePreferences', { order: ['title', 'title'], hidden: [] });
    expect(bad.code).toBe('VALIDATION');
    expect(isVietnameseMessage(bad.message)).toBe(true);
    expect(await b.call('slides.deck', { year: 2022, unitId: null }).then((d) => d.slides.map((s) => s.key))).toEqual(order);
  }, 60_000);

  it('writes the visible slides as PPTX: order, texts, native charts with their values, numbers, marks', async () => {
    const deck = await b.call('slides.deck', { year: 2022, unitId: null });
    const visible = deck.slides.filter((s) => !s.hidden);
    const file = await b.call('slides.exportPptx', { year: 2022, unitId: null });
    expect(file.fileName).toBe('trinh-chieu-2022.pptx');
    const { zip, slides, charts } = await unzip(file.base64);
    expect(slides).toHaveLength(visible.length);
    expect(slides).toHaveLength(SLIDE_KEYS.length - 2);

    // 16:9
    const pres = await zip.file('ppt/presentation.xml')!.async('string');
    expect(pres).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);

    // Titles in the presenter's order; the hidden slides are absent.
    slides.forEach((xml, i) => expect(textOf(xml)).toContain(visible[i]!.kind === 'title' ? 'CÔNG AN THỊ XÃ SA PA' : visible[i]!.title));
    expect(textOf(slides[1]!)).toContain('Kết quả xây dựng "An toàn về an ninh, trật tự" năm 2022');
    const all = slides.map(textOf).join('\n');
    expect(all).not.toContain('Thi đua, khen thưởng năm 2022');
    expect(all).not.toContain('Tổ chức quần chúng (2018 - 2022)');

    // Key figures with last year's, Vietnamese text in a font with its glyphs, the frozen/live mark.
    const kfXml = slides[visible.findIndex((s) => s.id === 'key-figures')]!;
    const y2022 = years[1]!.activities.current;
    expect(textOf(kfXml)).toContain(formatIntVi(y2022['propaganda.attendance']));
    expect(textOf(kfXml)).toContain('Người tham gia tuyên truyền');
    expect(textOf(kfXml)).toContain(`Năm 2021: ${formatIntVi(years[0]!.activities.current['propaganda.sessions'])}`);
    expect(kfXml).toContain('typeface="Arial"');
    expect(textOf(kfXml)).toContain('TRỰC TIẾP');
    expect(textOf(kfXml)).toContain('Số liệu trực tiếp, tính đến ngày 10/01/2023');
    // Slide numbers as the native field on every slide.
    for (const xml of slides) expect(xml).toMatch(/<a:fld [^>]*type="slidenum"/);

    // Native charts: propaganda (2), tips (1); no model in this fixture (a message, no chart); mass organisations hidden.
    expect(charts.size).toBe(3);
    const chartXml = [...charts.values()];
    const sessionsChart = chartXml.find((x) => x.includes('Buổi tuyên truyền, phát động'))!;
    expect(sessionsChart).toContain('<c:barChart>');
    const vals = [...sessionsChart.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)][0]![0];
    const points = [...vals.matchAll(/<c:pt idx="(\d)"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[2]);
    expect(points.slice(0, 2)).toEqual(['', '']);
    expect(points.slice(2).every((p) => /^\d+$/.test(p ?? ''))).toBe(true);
    expect(Number(points[4])).toBe(y2022['propaganda.sessions']);
    expect(sessionsChart).toContain('<c:dispBlanksAs val="gap"/>');
    // Values grouped with dots whatever the viewer's locale; the value axis starts at zero.
    expect(sessionsChart).toContain('formatCode="[&gt;=1000000]#\\.###\\.##0;[&gt;=1000]#\\.##0;0"');
    expect(sessionsChart).toMatch(/<c:min val="0"\/>/);
    const tipsChart = chartXml.find((x) => x.includes('Nguồn tin có giá trị'))!;
    expect(tipsChart).toContain(`<c:v>${y2022['tips.valuable']}</c:v>`);
    // The chart slides hold the charts (relationships from the slide to the chart part).
    const rels = await zip
      .file(`ppt/slides/_rels/slide${visible.findIndex((s) => s.id === 'chart-propaganda') + 1}.xml.rels`)!
      .async('string');
    expect(rels.match(/relationships\/chart"/g)).toHaveLength(2);
  }, 60_000);

  it('takes next year’s tasks from the year’s report: the draft while there is one, the issued one once issued', async () => {
    const tasksOf = async () => (await b.call('slides.deck', { year: 2022, unitId: null })).slides.filter((s) => s.key === 'tasks');
    const r = await b.call('reports.create', { kind: 'tong_ket_nam', from: '2022-01-01', to: '2022-12-31', unitId: null });
    expect((await tasksOf())[0]).toMatchObject({
      empty: 'Báo cáo năm 2022 chưa có phần phương hướng, nhiệm vụ — nhập trong mục Báo cáo.',
      status: 'live',
    });
    const text =
      'Tiếp tục đẩy mạnh tuyên truyền, vận động Nhân dân tham gia phong trào.\nNhân rộng các mô hình tự quản về an ninh, trật tự.';
    await b.call('reports.update', { id: r.id, sections: { phuong_huong: text } });
    const draft = await tasksOf();
    expect(draft).toHaveLength(1);
    expect(draft[0]).toMatchObject({
      paragraphs: [
        'Tiếp tục đẩy mạnh tuyên truyền, vận động Nhân dân tham gia phong trào.',
        'Nhân rộng các mô hình tự quản về an ninh, trật tự.',
      ],
      status: 'live',
      statusText: 'Theo dự thảo báo cáo (chưa ban hành)',
    });
    // A draft of another kind or another year does not stand in for it.
    await b.call('reports.create', { kind: 'so_ket_6_thang', from: '2022-01-01', to: '2022-06-30', unitId: null });
    await b.call('reports.create', { kind: 'tong_ket_nam', from: '2021-01-01', to: '2021-12-31', unitId: null });
    expect((await tasksOf())[0]).toMatchObject({ statusText: 'Theo dự thảo báo cáo (chưa ban hành)' });

    await b.call('reports.issue', { id: r.id, date: '2023-01-05' });
    const issued = await tasksOf();
    expect(issued[0]).toMatchObject({ status: 'frozen', statusText: 'Theo báo cáo đã ban hành ngày 05/01/2023' });
    const file = await b.call('slides.exportPptx', { year: 2022, unitId: null });
    const { slides } = await unzip(file.base64);
    const last = textOf(slides[slides.length - 1]!);
    expect(last).toContain('Phương hướng, nhiệm vụ năm 2023');
    expect(last).toContain('Nhân rộng các mô hình tự quản về an ninh, trật tự.');
    expect(last).toContain('ĐÃ CHỐT');
  }, 60_000);
});
