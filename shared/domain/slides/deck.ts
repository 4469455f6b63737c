/**
 * The deck for the committee meeting, built from the figures the app already computes: the period
 * figures of the year and the four before (period.figures per year), the evaluation board's counts
 * of the year, the new models, and the "phương hướng, nhiệm vụ" section of the year's report. The
 * builder counts nothing itself; it picks, compares with last year and words. Pure.
 */
import { percentVi } from '../overview';
import { formatDateVi } from '../../lib/dates';
import { formatIntVi } from '../../lib/numbers';
import { AWARD_FORMS, AWARD_FORM_INFO } from '../activities';
import type { BoardCategory } from '../evaluation';
import { bigFigure, missingNote, valueOf, yearChart, type YearFigures } from './figures';
import { applyPreferences } from './preferences';
import { REGISTRATION_CAPTION, registrationSlideParts, type DeckRegistrations } from './registration';
import { SLIDE_KEYS, type Deck, type EvaluationRow, type Slide, type SlideKey, type SlidePreferences } from './types';

/** The evaluation board's counts of one kind of subject (evaluation.board counts). */
export interface EvaluationCount {
  category: BoardCategory;
  label: string;
  total: number;
  registered: number;
  /** null: none of the kind's subjects was evaluated (no rule set that year) — "không đánh giá". */
  dat: number | null;
  recognised: number;
  frozenDat: number | null;
  frozenUnknown: number | null;
}

/** The "phương hướng, nhiệm vụ" section of the year's report. */
export interface ReportTasks {
  issued: boolean;
  /** Date of issue (ISO) for an issued report, of the last change for a draft. */
  date: string | null;
  text: string;
}

export interface DeckInput {
  year: number;
  office: string;
  territory: string;
  /** False when a part of the territory was chosen (the title slide names it). */
  wholeOffice: boolean;
  today: string;
  /** The year and the years before it, ascending; the last one is `year`. */
  years: YearFigures[];
  /** `ruleSetNote`: why the year is not evaluated (no rule set covers it), null when it is. */
  evaluation: { frozenAt: string | null; counts: EvaluationCount[]; ruleSetNote: string | null };
  /** The year's registration figures and sentence, as the period screen shows them. */
  registrations: DeckRegistrations;
  newModels: { name: string; typeName: string }[];
  tasks: ReportTasks | null;
  preferences: SlidePreferences;
}

/** How many characters of the tasks go on one slide at the screen's body size. */
export const TASKS_CHARS_PER_SLIDE = 700;
const MAX_ITEMS = 6;
/** The ratio of a kind that was not evaluated (no rule set covers it in the year). */
export const NOT_EVALUATED = 'không đánh giá';
const EVALUATION_CAPTION = 'đạt tiêu chuẩn "An toàn về an ninh, trật tự"';

type Built = Slide extends infer S ? (S extends Slide ? Omit<S, 'id' | 'hidden'> : never) : never;

function live(input: DeckInput): Pick<Slide, 'status' | 'statusText'> {
  return { status: 'live', statusText: `Số liệu trực tiếp, tính đến ngày ${formatDateVi(input.today)}` };
}

function titleSlide(input: DeckInput): Built {
  return {
    key: 'title',
    kind: 'title',
    title: `Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${input.year}`,
    office: input.office.toLocaleUpperCase('vi-VN'),
    meeting: 'Hội nghị tổng kết',
    territory: input.wholeOffice ? null : `Địa bàn: ${input.territory}`,
    dateLine: `Ngày ${formatDateVi(input.today)}`,
    ...live(input),
  };
}

function keyFigures(input: DeckInput): Built {
  const { years, year } = input;
  return {
    key: 'key-figures',
    kind: 'figures',
    title: `Số liệu chính năm ${year}`,
    figures: [
      bigFigure(years, year, 'propaganda.sessions', 'Buổi tuyên truyền, phát động'),
      bigFigure(years, year, 'propaganda.attendance', 'Người tham gia tuyên truyền'),
      bigFigure(years, year, 'tips.public', 'Nguồn tin của quần chúng'),
      bigFigure(years, year, 'tips.valuable', 'Nguồn tin có giá trị'),
      bigFigure(years, year, 'models.sites', 'Điểm mô hình đang hoạt động'),
      bigFigure(years, year, 'massOrgs.organizations', 'Tổ chức quần chúng'),
    ],
    itemsTitle: null,
    items: [],
    empty: null,
    ...live(input),
  };
}

function chartSlides(input: DeckInput): Built[] {
  const y = input.years;
  const span = `${y[0]?.year ?? input.year} - ${input.year}`;
  const slide = (key: SlideKey, title: string, charts: ReturnType<typeof yearChart>[]): Built => {
    // Nothing in any year: a message instead of empty axes.
    const none = charts.every((c) => c.series.every((s) => s.values.every((v) => v === null)));
    return {
      key,
      kind: 'chart',
      title: `${title} (${span})`,
      charts: none ? [] : charts,
      missingNote: none ? `Chưa có số liệu nào trong các năm ${span} (thiếu dữ liệu).` : missingNote(charts),
      ...live(input),
    };
  };
  return [
    slide('chart-propaganda', 'Tuyên truyền, vận động', [
      yearChart(y, 'Buổi tuyên truyền, phát động', 'buổi', [{ key: 'propaganda.sessions', name: 'Buổi tuyên truyền' }]),
      yearChart(y, 'Lượt người tham gia', 'lượt người', [{ key: 'propaganda.attendance', name: 'Lượt người tham gia' }]),
    ]),
    slide('chart-tips', 'Nguồn tin của quần chúng', [
      yearChart(y, 'Nguồn tin quần chúng cung cấp và nguồn tin có giá trị', 'nguồn tin', [
        { key: 'tips.public', name: 'Nguồn tin' },
        { key: 'tips.valuable', name: 'Nguồn tin có giá trị' },
      ]),
    ]),
    slide('chart-models', 'Mô hình và điểm mô hình', [
      yearChart(y, 'Mô hình đang hoạt động và điểm mô hình', 'mô hình, điểm', [
        { key: 'models.models', name: 'Mô hình' },
        { key: 'models.sites', name: 'Điểm mô hình' },
      ]),
    ]),
    slide('chart-mass-orgs', 'Tổ chức quần chúng', [
      yearChart(y, 'Tổ chức quần chúng', 'tổ chức', [{ key: 'massOrgs.organizations', name: 'Tổ chức' }]),
      yearChart(y, 'Thành viên', 'người', [{ key: 'massOrgs.members', name: 'Thành viên' }]),
    ]),
  ];
}

/** Which of the board's record counts the year holds none of (then "thiếu dữ liệu", never 0/y), as the registration slide says it. */
interface Recorded {
  registrations: boolean;
  recognitions: boolean;
}
const recordedIn = (counts: readonly EvaluationCount[]): Recorded => ({
  registrations: counts.some((c) => c.registered > 0 || c.recognised > 0),
  recognitions: counts.some((c) => c.recognised > 0),
});
const MISSING_DATA = 'thiếu dữ liệu';

function evaluationRow(c: EvaluationCount, frozen: boolean, recorded: Recorded): EvaluationRow {
  const achieved = frozen ? (c.frozenDat ?? 0) : c.dat;
  const ofTotal = (part: number, has: boolean) => (has ? `${formatIntVi(part)}/${formatIntVi(c.total)}` : MISSING_DATA);
  const parts = [`Đăng ký: ${ofTotal(c.registered, recorded.registrations)}`, `Công nhận: ${ofTotal(c.recognised, recorded.recognitions)}`];
  if (frozen && c.frozenUnknown) parts.push(`Không xác định được kết quả đã chốt: ${formatIntVi(c.frozenUnknown)}`);
  return {
    label: c.label,
    achieved,
    total: c.total,
    ratio: achieved === null ? NOT_EVALUATED : `${formatIntVi(achieved)}/${formatIntVi(c.total)}`,
    percent: achieved === null ? null : percentVi(achieved, c.total),
    detail: parts.join(' · '),
  };
}

function registrationSlide(input: DeckInput): Built {
  return {
    key: 'registrations',
    kind: 'evaluation',
    title: `Đăng ký xây dựng "An toàn về an ninh, trật tự" năm ${input.year}`,
    caption: REGISTRATION_CAPTION,
    ...registrationSlideParts(input.registrations),
    ...live(input),
  };
}

function evaluationSlide(input: DeckInput): Built {
  const { frozenAt, counts, ruleSetNote } = input.evaluation;
  const frozen = frozenAt !== null;
  const recorded = recordedIn(counts);
  const rows = counts.filter((c) => c.total > 0).map((c) => evaluationRow(c, frozen, recorded));
  return {
    key: 'evaluation',
    kind: 'evaluation',
    title: `Kết quả xây dựng "An toàn về an ninh, trật tự" năm ${input.year}`,
    caption: EVALUATION_CAPTION,
    rows,
    note: rows.length > 0 ? ruleSetNote : null,
    empty: rows.length === 0 ? `Chưa có đơn vị nào trong danh sách đánh giá năm ${input.year} (thiếu dữ liệu).` : null,
    ...(frozen
      ? { status: 'frozen' as const, statusText: `Kết quả đã chốt ngày ${formatDateVi(frozenAt.slice(0, 10))}` }
      : ruleSetNote !== null
        ? live(input)
        : { status: 'live' as const, statusText: `Kết quả tính trực tiếp, năm ${input.year} chưa chốt` }),
  };
}

function listed(items: readonly string[]): string[] {
  if (items.length <= MAX_ITEMS) return [...items];
  return [...items.slice(0, MAX_ITEMS - 1), `và ${formatIntVi(items.length - MAX_ITEMS + 1)} mô hình khác`];
}

function modelsSlide(input: DeckInput): Built {
  const { years, year } = input;
  const now = years.find((y) => y.year === year);
  const has = valueOf(now, 'models.models') !== null;
  return {
    key: 'models',
    kind: 'figures',
    title: `Mô hình, điển hình tiên tiến năm ${year}`,
    figures: has
      ? [
          bigFigure(years, year, 'models.models', 'Mô hình đang hoạt động'),
          bigFigure(years, year, 'models.sites', 'Điểm mô hình'),
          bigFigure(years, year, 'models.newModels', 'Mô hình mới xây dựng'),
          bigFigure(years, year, 'models.exemplary', 'Mô hình điển hình tiên tiến'),
        ]
      : [],
    itemsTitle: input.newModels.length > 0 ? 'Mô hình mới trong năm' : null,
    items: listed(input.newModels.map((m) => `${m.name} (${m.typeName})`)),
    empty: has ? null : `Chưa có mô hình nào hoạt động trong năm ${year} (thiếu dữ liệu).`,
    ...live(input),
  };
}

function awardsSlide(input: DeckInput): Built {
  const { years, year } = input;
  const now = years.find((y) => y.year === year);
  const has = valueOf(now, 'awards.total') !== null;
  const forms = AWARD_FORMS.map((f) => ({ f, n: now?.values[`awards.form.${f}`] ?? 0 })).filter((x) => x.n > 0);
  return {
    key: 'awards',
    kind: 'figures',
    title: `Thi đua, khen thưởng năm ${year}`,
    figures: has
      ? [
          bigFigure(years, year, 'awards.total', 'Lượt khen thưởng'),
          bigFigure(years, year, 'awards.collectives', 'Tập thể được khen thưởng'),
          bigFigure(years, year, 'awards.individuals', 'Cá nhân được khen thưởng'),
        ]
      : [],
    itemsTitle: forms.length > 0 ? 'Theo hình thức' : null,
    items: forms.map((x) => `${AWARD_FORM_INFO[x.f].label}: ${formatIntVi(x.n)}`),
    empty: has ? null : `Chưa ghi nhận khen thưởng nào trong năm ${year} (thiếu dữ liệu).`,
    ...live(input),
  };
}

/** Paragraphs of the tasks, split at paragraph (then sentence) ends into slides of about `max` characters. */
export function splitText(text: string, max = TASKS_CHARS_PER_SLIDE): string[][] {
  const pieces = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .flatMap((p) => (p.length <= max ? [p] : (p.match(/[^.;!?]+[.;!?]*\s*/g) ?? [p]).map((s) => s.trim()).filter(Boolean)));
  const pages: string[][] = [];
  let page: string[] = [];
  let size = 0;
  for (const p of pieces) {
    if (page.length > 0 && size + p.length > max) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(p);
    size += p.length;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function taskSlides(input: DeckInput): Built[] {
  const title = `Phương hướng, nhiệm vụ năm ${input.year + 1}`;
  const t = input.tasks;
  const pages = t ? splitText(t.text) : [];
  if (!t || pages.length === 0) {
    return [
      {
        key: 'tasks',
        kind: 'text',
        title,
        paragraphs: [],
        empty: t
          ? `Báo cáo năm ${input.year} chưa có phần phương hướng, nhiệm vụ — nhập trong mục Báo cáo.`
          : `Chưa có báo cáo năm ${input.year} — nhập phương hướng, nhiệm vụ trong mục Báo cáo.`,
        status: 'live',
        statusText: t ? 'Báo cáo chưa có phần phương hướng, nhiệm vụ' : `Chưa có báo cáo năm ${input.year}`,
      },
    ];
  }
  const status = t.issued
    ? { status: 'frozen' as const, statusText: `Theo báo cáo đã ban hành${t.date ? ` ngày ${formatDateVi(t.date)}` : ''}` }
    : { status: 'live' as const, statusText: 'Theo dự thảo báo cáo (chưa ban hành)' };
  return pages.map((paragraphs, i) => ({
    key: 'tasks' as const,
    kind: 'text' as const,
    title: i === 0 ? title : `${title} (tiếp)`,
    paragraphs,
    empty: null,
    ...status,
  }));
}

export function buildDeck(input: DeckInput): Deck {
  const built: Built[] = [
    titleSlide(input),
    keyFigures(input),
    ...chartSlides(input),
    registrationSlide(input),
    evaluationSlide(input),
    modelsSlide(input),
    awardsSlide(input),
    ...taskSlides(input),
  ];
  const { order, hidden } = applyPreferences(SLIDE_KEYS, input.preferences);
  const slides: Slide[] = [];
  for (const key of order) {
    built
      .filter((s) => s.key === key)
      .forEach((s, i) => slides.push({ ...s, id: i === 0 ? key : `${key}-${i + 1}`, hidden: hidden.has(key) }));
  }
  return { year: input.year, office: input.office, territory: input.territory, slides };
}

/** The slides shown, in order (hidden ones left out): the presentation and the PPTX. */
export function visibleSlides(deck: Deck): Slide[] {
  return deck.slides.filter((s) => !s.hidden);
}
