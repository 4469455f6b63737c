/**
 * The presentation deck for the committee meeting ("Trình chiếu", issue 13 item 5) as plain JSON:
 * the screen renders it on a 1920×1080 stage, electron/backend/reports/slides-pptx.ts writes it as
 * PPTX. Texts are final Vietnamese and numbers already formatted ("51.511"); chart values stay
 * numbers (null = "thiếu dữ liệu", drawn as a gap, never as zero).
 */
import type { ReportChart } from '../report/document';

/**
 * The slides a presenter hides and reorders. A key may give more than one slide (next year's tasks
 * continue on a second slide when the text is long); hiding or moving the key moves them all.
 */
export const SLIDE_KEYS = [
  'title',
  'key-figures',
  'chart-propaganda',
  'chart-tips',
  'chart-models',
  'chart-mass-orgs',
  'registrations',
  'evaluation',
  'models',
  'awards',
  'tasks',
] as const;
export type SlideKey = (typeof SLIDE_KEYS)[number];

/** What the presenter sees in the list of slides to hide and reorder. */
export const SLIDE_KEY_LABELS: Readonly<Record<SlideKey, string>> = {
  title: 'Trang mở đầu',
  'key-figures': 'Số liệu chính, so với năm trước',
  'chart-propaganda': 'Biểu đồ tuyên truyền',
  'chart-tips': 'Biểu đồ nguồn tin',
  'chart-models': 'Biểu đồ mô hình',
  'chart-mass-orgs': 'Biểu đồ tổ chức quần chúng',
  registrations: 'Đăng ký, công nhận "An toàn về ANTT"',
  evaluation: 'Kết quả "An toàn về ANTT"',
  models: 'Mô hình, điển hình tiên tiến',
  awards: 'Thi đua, khen thưởng',
  tasks: 'Phương hướng, nhiệm vụ',
};

/**
 * Frozen: the figures cannot change any more (the year is frozen in the evaluation, the report is
 * issued). Live: computed from the records as they are today.
 */
export type FigureStatus = 'frozen' | 'live';

/** A figure in large type, with last year's and the change. null = "thiếu dữ liệu". */
export interface BigFigure {
  label: string;
  value: string | null;
  unit: string;
  /** "Năm 2021: 198" or "Năm 2021: thiếu dữ liệu"; null when the slide has no comparison. */
  previous: string | null;
  /** "tăng 12 (6,1%)", "giảm 3", "bằng năm trước"; null when either year is missing. */
  change: string | null;
  trend: 'up' | 'down' | 'same' | null;
}

/**
 * One kind of subject on the evaluation slide ("x/y đạt tiêu chuẩn") or on the registration slide
 * ("x/y đăng ký").
 */
export interface EvaluationRow {
  label: string;
  /** null: nothing to count — "không đánh giá" (no rule set that year) or "thiếu dữ liệu" (nothing recorded). */
  achieved: number | null;
  total: number;
  /** "709/730"; the words "không đánh giá" / "thiếu dữ liệu" when `achieved` is null. */
  ratio: string;
  /** "97,1%"; null when total is 0. */
  percent: string | null;
  /** "Đăng ký: 730/730 · Công nhận: 700/730" (and the frozen results that cannot be verified). */
  detail: string;
}

interface SlideCommon {
  /** Unique in the deck: the key, then "-2", "-3" for continuation slides. */
  id: string;
  key: SlideKey;
  title: string;
  status: FigureStatus;
  /** "Số liệu trực tiếp, tính đến ngày 05/12/2026", "Kết quả đã chốt ngày 15/01/2023". */
  statusText: string;
  hidden: boolean;
}

export type Slide =
  | (SlideCommon & { kind: 'title'; office: string; meeting: string; territory: string | null; dateLine: string })
  | (SlideCommon & { kind: 'figures'; figures: BigFigure[]; itemsTitle: string | null; items: string[]; empty: string | null })
  | (SlideCommon & { kind: 'chart'; charts: ReportChart[]; missingNote: string | null })
  | (SlideCommon & {
      kind: 'evaluation';
      /** What the ratios count, above them ("đạt tiêu chuẩn …", "đăng ký xây dựng …"). */
      caption: string;
      rows: EvaluationRow[];
      /** A sentence under the rows (the report's registration sentence, why a year is not evaluated). */
      note: string | null;
      empty: string | null;
    })
  | (SlideCommon & { kind: 'text'; paragraphs: string[]; empty: string | null });

export type SlideKind = Slide['kind'];

export interface Deck {
  year: number;
  /** "Công an thị xã Sa Pa". */
  office: string;
  /** The territory shown (the office's root unit or the chosen unit). */
  territory: string;
  /** Every slide in the presenter's order, hidden ones included (marked). */
  slides: Slide[];
}

/** The presenter's choices, kept per office: the order of the keys and the hidden ones. */
export interface SlidePreferences {
  order: SlideKey[];
  hidden: SlideKey[];
}

/**
 * Columns of the figures grid, the same on the stage and in the PPTX: one row of up to four when a
 * list follows (the list needs the lower half), else two by two for four, three per row otherwise.
 */
export function figureColumns(figures: number, hasItems: boolean): number {
  if (figures <= 0) return 1;
  if (hasItems) return Math.min(figures, 4);
  return figures === 4 ? 2 : Math.min(figures, 3);
}
