/**
 * The dashboard of "Tổng quan" (issue 13 item 1): the year's key figures with last year's, the
 * five-year series of the charts and the ranking of the communes. Pure: every figure comes from
 * the period figures (shared/domain/period/) and the evaluation board computed by the services;
 * this module only says which figures each chart shows, when a year has no data behind a figure
 * ("thiếu dữ liệu", never 0), and orders the communes.
 */
import { compare, type Comparison } from './period/comparison';
import { MAIN_INDICATORS, type ActivityIndicatorKey, type IndicatorKey, type MainIndicatorKey } from './period/indicators';
import { BOARD_CATEGORIES, type BoardCategory } from './evaluation';
import { compareVietnamese } from '../lib/text';

/** How many years the charts cover, ending with the chosen one. */
export const DASHBOARD_YEARS = 5;

/**
 * Where a figure's data comes from: a kind of activity record, a registry, or the evaluation.
 * A year in which the office has nothing of a source has no data for its figures.
 */
export const DASHBOARD_SOURCES = [
  'propaganda',
  'events',
  'tips',
  'mediations',
  'incidents',
  'awards',
  'models',
  'massOrgs',
  'recognition',
] as const;
export type DashboardSource = (typeof DASHBOARD_SOURCES)[number];

/** The figure of the period figures that says a source of activity records has records in a period. */
export const ACTIVITY_PRESENCE: Readonly<Record<Exclude<DashboardSource, 'models' | 'massOrgs' | 'recognition'>, ActivityIndicatorKey>> = {
  propaganda: 'propaganda.records',
  events: 'events.total',
  tips: 'tips.total',
  mediations: 'mediations.total',
  incidents: 'incidents.records',
  awards: 'awards.total',
};

/** A recognition figure: units of a board category recognised "An toàn về ANTT" in the year. */
export type RecognitionKey = `recognised.${BoardCategory}`;
export type DashboardFigureKey = IndicatorKey | RecognitionKey;

export function sourceOf(key: DashboardFigureKey): DashboardSource {
  const head = key.slice(0, key.indexOf('.'));
  if (head === 'recognised') return 'recognition';
  if (head === 'models') return 'models';
  if (head === 'massOrgs') return 'massOrgs';
  if ((DASHBOARD_SOURCES as readonly string[]).includes(head)) return head as DashboardSource;
  throw new Error(`No dashboard source for ${key}`);
}

export interface SeriesDef {
  key: DashboardFigureKey;
  label: string;
  /** The counting word of the axis ("buổi", "lượt người"). */
  unit: string;
  /** A solid colour that stays readable on a projector (no CSS variable: exports can reuse it). */
  color: string;
  /** Drawn against the right-hand axis (a figure of another scale in the same chart). */
  right?: boolean;
}

export interface ChartDef {
  id: string;
  title: string;
  series: readonly SeriesDef[];
}

const BLUE = '#1864ab';
const RED = '#c92a2a';
const GREEN = '#2b8a3e';
const ORANGE = '#d9480f';
const VIOLET = '#5f3dc4';
const TEAL = '#0b7285';

/** The charts over the last five years, in the order of the report's sections. */
export const DASHBOARD_CHARTS: readonly ChartDef[] = [
  {
    id: 'propaganda',
    title: 'Tuyên truyền, vận động',
    series: [
      { key: 'propaganda.sessions', label: 'Buổi tuyên truyền', unit: 'buổi', color: BLUE },
      { key: 'propaganda.attendance', label: 'Lượt người tham gia', unit: 'lượt người', color: ORANGE, right: true },
    ],
  },
  {
    id: 'tips',
    title: 'Nguồn tin của quần chúng',
    series: [
      { key: 'tips.total', label: 'Nguồn tin tiếp nhận', unit: 'nguồn tin', color: TEAL },
      { key: 'tips.valuable', label: 'Nguồn tin có giá trị', unit: 'nguồn tin', color: RED },
    ],
  },
  {
    id: 'incidents',
    title: 'Tội phạm, tệ nạn, vụ việc theo nhóm',
    series: [
      { key: 'incidents.crimes', label: 'Tội phạm', unit: 'vụ', color: RED },
      { key: 'incidents.group.te_nan', label: 'Tệ nạn xã hội, vi phạm khác', unit: 'vụ', color: VIOLET },
      { key: 'incidents.group.an_ninh', label: 'Vụ việc về an ninh', unit: 'vụ', color: BLUE },
      { key: 'incidents.group.su_co', label: 'Cháy, nổ, tai nạn, sự cố', unit: 'vụ', color: ORANGE },
    ],
  },
  {
    id: 'models',
    title: 'Mô hình và điểm mô hình',
    series: [
      { key: 'models.models', label: 'Mô hình đang hoạt động', unit: 'mô hình', color: GREEN },
      { key: 'models.sites', label: 'Điểm mô hình', unit: 'điểm', color: TEAL },
    ],
  },
  {
    id: 'massOrgs',
    title: 'Tổ chức quần chúng',
    series: [
      { key: 'massOrgs.organizations', label: 'Tổ chức', unit: 'tổ chức', color: VIOLET },
      { key: 'massOrgs.members', label: 'Thành viên', unit: 'người', color: ORANGE, right: true },
    ],
  },
  {
    id: 'recognition',
    title: 'Được công nhận "An toàn về ANTT" theo loại',
    series: [
      { key: 'recognised.khu_dan_cu', label: 'Khu dân cư', unit: 'đơn vị', color: GREEN },
      { key: 'recognised.xa', label: 'Xã, phường, thị trấn', unit: 'đơn vị', color: BLUE },
      { key: 'recognised.co_quan_doanh_nghiep', label: 'Cơ quan, doanh nghiệp', unit: 'đơn vị', color: ORANGE },
      { key: 'recognised.co_so_giao_duc', label: 'Cơ sở giáo dục', unit: 'đơn vị', color: VIOLET },
    ],
  },
];

export interface KeyFigureDef {
  key: DashboardFigureKey;
  label: string;
  unit: string;
}

/** The year's key figures, in large type with last year's. */
export const DASHBOARD_KEY_FIGURES: readonly KeyFigureDef[] = [
  { key: 'propaganda.sessions', label: 'Buổi tuyên truyền', unit: 'buổi' },
  { key: 'propaganda.attendance', label: 'Lượt người tham gia tuyên truyền', unit: 'lượt người' },
  { key: 'tips.total', label: 'Nguồn tin tiếp nhận', unit: 'nguồn tin' },
  { key: 'tips.valuable', label: 'Nguồn tin có giá trị', unit: 'nguồn tin' },
  { key: 'incidents.crimes', label: 'Vụ phạm tội', unit: 'vụ' },
  { key: 'models.sites', label: 'Điểm mô hình', unit: 'điểm' },
  { key: 'massOrgs.organizations', label: 'Tổ chức quần chúng', unit: 'tổ chức' },
  { key: 'recognised.khu_dan_cu', label: 'Khu dân cư "An toàn về ANTT"', unit: 'khu dân cư' },
];

/** Every figure the dashboard shows (key figures and chart series), each once. */
export const DASHBOARD_FIGURE_KEYS: readonly DashboardFigureKey[] = [
  ...new Set<DashboardFigureKey>([
    ...DASHBOARD_KEY_FIGURES.map((k) => k.key),
    ...DASHBOARD_CHARTS.flatMap((c) => c.series.map((s) => s.key)),
  ]),
];

export const RECOGNITION_KEYS: readonly RecognitionKey[] = BOARD_CATEGORIES.map((c) => `recognised.${c}` as const);

/** The years the charts cover, oldest first. */
export function dashboardYears(year: number, count = DASHBOARD_YEARS): number[] {
  return Array.from({ length: count }, (_, i) => year - count + 1 + i);
}

/** What the office holds for a year, to tell a figure without data from a 0. */
export interface YearData {
  /** The activity figures of the whole office for the year. */
  activities: Readonly<Partial<Record<ActivityIndicatorKey, number>>>;
  /** The models' and mass organisations' figures of the whole office for the year. */
  models: { models: number; sites: number };
  massOrgs: { organizations: number };
  /** A recognition decision (either way) was taken for some subject of the year. */
  decisions: boolean;
}

/**
 * The sources the whole office has any data of in a year: records of a kind placed in it, a model
 * operating or a mass organisation active during it, a recognition decision taken for it.
 * Office-wide, so a commune without tips in a year the office recorded tips has 0, not a gap.
 */
export function presentSources(d: YearData): Set<DashboardSource> {
  const present = new Set<DashboardSource>();
  for (const [source, key] of Object.entries(ACTIVITY_PRESENCE) as [DashboardSource, ActivityIndicatorKey][]) {
    if ((d.activities[key] ?? 0) > 0) present.add(source);
  }
  if (d.models.models > 0 || d.models.sites > 0) present.add('models');
  if (d.massOrgs.organizations > 0) present.add('massOrgs');
  if (d.decisions) present.add('recognition');
  return present;
}

/** The figures of one year: a value, or null where the year has no data of the figure's source. */
export type YearFigures = Partial<Record<DashboardFigureKey, number | null>>;

/**
 * The dashboard's figures of a year from what the services computed: `values` are the period
 * figures (and the recognition counts) of the scope, `present` says which sources the office has
 * any data of in the year. A figure of an absent source is null.
 */
export function yearFigures(values: Partial<Record<DashboardFigureKey, number>>, present: ReadonlySet<DashboardSource>): YearFigures {
  const out: YearFigures = {};
  for (const key of DASHBOARD_FIGURE_KEYS) {
    const v = values[key];
    out[key] = present.has(sourceOf(key)) && v !== undefined ? v : null;
  }
  return out;
}

export interface KeyFigure {
  key: DashboardFigureKey;
  value: number | null;
  previous: number | null;
  /** The change from last year ("tăng 12 (10,5%)"), null when either year has no data. */
  change: Comparison | null;
}

export function keyFigures(current: YearFigures, previous: YearFigures): KeyFigure[] {
  return DASHBOARD_KEY_FIGURES.map(({ key }) => {
    const value = current[key] ?? null;
    const prev = previous[key] ?? null;
    return { key, value, previous: prev, change: value !== null && prev !== null ? compare(value, prev) : null };
  });
}

export interface RankableUnit {
  unitId: string;
  name: string;
  /** Records entered on the chosen unit itself: not a commune, not ranked. */
  direct: boolean;
  endedOn: string | null;
  figures: Readonly<Record<MainIndicatorKey, number>>;
}

export interface RankRow {
  unitId: string;
  name: string;
  endedOn: string | null;
  /** Standard competition ranking: equal values share a rank (1, 2, 2, 4). */
  rank: number;
  value: number;
  /** Share of the ranked units' total, in tenths of a percent rounded half up; null when the total is 0. */
  share: number | null;
}

/** The units below the chosen one ranked on an indicator: highest first, ties in Vietnamese order of names. */
export function rankUnits(rows: readonly RankableUnit[], key: MainIndicatorKey): RankRow[] {
  const ranked = rows.filter((r) => !r.direct);
  const total = ranked.reduce((a, r) => a + r.figures[key], 0);
  const sorted = [...ranked].sort((a, b) => b.figures[key] - a.figures[key] || compareVietnamese(a.name, b.name));
  const out: RankRow[] = [];
  sorted.forEach((r, i) => {
    const value = r.figures[key];
    const prev = out[i - 1];
    const rank = prev && prev.value === value ? prev.rank : i + 1;
    const share = total > 0 ? Math.floor((value * 1000) / total + 0.5) / 10 : null;
    out.push({ unitId: r.unitId, name: r.name, endedOn: r.endedOn, rank, value, share });
  });
  return out;
}

/** The indicators a ranking can be made on (the per-unit figures of the period figures). */
export const RANKING_INDICATORS: readonly MainIndicatorKey[] = MAIN_INDICATORS;
