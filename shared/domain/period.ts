/**
 * Period figures (domain.md §9): for any period and any part of the territory, every indicator of
 * §9.2 that activity records feed, the previous equal period and the change, and one Vietnamese
 * sentence per report section in the style of the seed reports. Pure: records, the scope test,
 * the registry figures and "today" are passed in; nothing here reads a clock or a database.
 *
 * What the module owns:
 * - periods: the previous equal period, how a report opens its figures ("Năm 2022", "Trong 03 năm
 *   qua", "6 tháng đầu năm 2026") and a short label for headers;
 * - indicators: one flat list (`INDICATORS`), each with its section, label, unit and how it adds
 *   up. Figures are a record keyed by indicator, so comparing, tabulating and property-testing treat
 *   every indicator alike;
 * - `activityFigures` / `figuresByGroup`: one pass over the records placed in the period
 *   (`placementDate`), summed per group (the whole scope, or each unit of a breakdown);
 * - `compareFigures`: value, previous, difference and percent change ("tăng 12 (10,5%)");
 * - sentences per section, from the data only, leaving out clauses whose figures are 0.
 *
 * Counting rules (decisions):
 * - A propaganda "buổi" is a record whose form is a gathering or a broadcast; newsletters, social
 *   media and press records (`PUBLICATION_FORMS`) add their posts and newsletters but are not
 *   sessions and their attendance is not "lượt người tham gia". Leaflets count from every record.
 * - Awards: "tập thể" / "cá nhân" are distinct recipients in the period (same unit, same kind, same
 *   name without diacritics), so a person with two awards is one person; these two add up over
 *   disjoint units but not over periods. Every other count is a plain sum over records and adds up
 *   over disjoint units and over disjoint periods (property-tested).
 * - Criminal tips are timed against their legal limit as of `today` (tipTiming).
 * - The mediation success rate is "thành" over every case received (as reports write "tiếp nhận
 *   120 vụ, hòa giải thành 100 vụ, đạt 83,3%").
 */
import {
  AWARD_FORMS,
  AWARD_FORM_INFO,
  CRIME_CATEGORIES,
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  EVENT_LEVELS,
  EVENT_LEVEL_LABELS,
  GRAVE_CRIME_CATEGORIES,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_INFO,
  INCIDENT_EXCUSES,
  INCIDENT_EXCUSE_LABELS,
  INCIDENT_GROUP_LABELS,
  MEDIATION_CASE_TYPES,
  MEDIATION_CASE_TYPE_LABELS,
  MEDIATION_OUTCOMES,
  MEDIATION_OUTCOME_LABELS,
  PROPAGANDA_FORMS,
  PROPAGANDA_FORM_LABELS,
  TIP_CATEGORIES,
  TIP_CATEGORY_LABELS,
  TIP_LEGAL_TYPES,
  TIP_LEGAL_TYPE_LABELS,
  TIP_OUTCOMES,
  TIP_OUTCOME_LABELS,
  placementDate,
  tipTiming,
  type ActivityKind,
  type ActivityRecords,
  type AwardForm,
  type EventKind,
  type EventLevel,
  type IncidentCategory,
  type IncidentExcuse,
  type IncidentGroup,
  type MediationCaseType,
  type MediationOutcome,
  type PropagandaForm,
  type TipCategory,
  type TipLegalType,
  type TipOutcome,
} from './activities';
import { massOrgsSentence, modelsSentence, organizationsSentence, percentVi } from './overview';
import type { MassOrgFigures, ModelFigures, OrganizationFigures } from './overview';
import { addDaysIso, addMonthsIso, daysInclusive, formatDateVi } from '../lib/dates';
import { formatDecimalVi, formatIntVi } from '../lib/numbers';
import { foldVietnamese } from '../lib/text';
import { partsOf, unitsInScope, type ScopeLink, type ScopeUnit } from './scope';

// ---------------------------------------------------------------------------------------------
// Periods

export interface DatePeriod {
  from: string;
  to: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const y = (iso: string) => Number(iso.slice(0, 4));
const m = (iso: string) => Number(iso.slice(5, 7));
const d = (iso: string) => Number(iso.slice(8, 10));
const pad2 = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(iso: string): boolean {
  return addDaysIso(iso, 1).slice(8, 10) === '01';
}

/** Number of whole calendar years (1 January … 31 December), or null. */
export function wholeYears(p: DatePeriod): number | null {
  if (!p.from.endsWith('-01-01') || !p.to.endsWith('-12-31') || p.to < p.from) return null;
  return y(p.to) - y(p.from) + 1;
}

/** Number of whole calendar months (the 1st … the last day of a month), or null. */
export function wholeMonths(p: DatePeriod): number | null {
  if (d(p.from) !== 1 || !lastDayOfMonth(p.to) || p.to < p.from) return null;
  return (y(p.to) - y(p.from)) * 12 + (m(p.to) - m(p.from)) + 1;
}

/**
 * The previous equal period: whole calendar years shift by their number of years (2020–2022 →
 * 2017–2019), whole months by their number of months (Jan–Jun 2026 → Jul–Dec 2025), any other
 * period by its number of days, ending the day before it starts.
 */
export function previousPeriod(from: string, to: string): DatePeriod {
  const p = { from, to };
  const years = wholeYears(p);
  if (years !== null) return { from: `${y(p.from) - years}-01-01`, to: `${y(p.to) - years}-12-31` };
  const months = wholeMonths(p);
  if (months !== null) return { from: addMonthsIso(p.from, -months), to: addDaysIso(p.from, -1) };
  const days = daysInclusive(p.from, p.to);
  return { from: addDaysIso(p.from, -days), to: addDaysIso(p.from, -1) };
}

type Shape =
  | { kind: 'year'; year: number }
  | { kind: 'years'; count: number; first: number; last: number }
  | { kind: 'half'; first: boolean; year: number }
  | { kind: 'quarter'; q: number; year: number }
  | { kind: 'month'; month: number; year: number }
  | { kind: 'firstMonths'; count: number; year: number }
  | { kind: 'monthsInYear'; first: number; last: number; year: number }
  | { kind: 'months'; from: string; to: string }
  | { kind: 'day'; on: string }
  | { kind: 'days'; from: string; to: string };

function shapeOf(p: DatePeriod): Shape {
  const years = wholeYears(p);
  if (years === 1) return { kind: 'year', year: y(p.from) };
  if (years !== null) return { kind: 'years', count: years, first: y(p.from), last: y(p.to) };
  const months = wholeMonths(p);
  if (months !== null) {
    const first = m(p.from);
    const year = y(p.from);
    if (y(p.to) !== year) return { kind: 'months', from: p.from, to: p.to };
    if (months === 6 && (first === 1 || first === 7)) return { kind: 'half', first: first === 1, year };
    if (months === 3 && (first - 1) % 3 === 0) return { kind: 'quarter', q: (first - 1) / 3, year };
    if (months === 1) return { kind: 'month', month: first, year };
    if (first === 1) return { kind: 'firstMonths', count: months, year };
    return { kind: 'monthsInYear', first, last: m(p.to), year };
  }
  if (p.from === p.to) return { kind: 'day', on: p.from };
  return { kind: 'days', from: p.from, to: p.to };
}

/**
 * How a report opens the figures of the period: "Năm 2022", "Trong 03 năm qua" (small counts with
 * two digits, as the seed reports write them), "6 tháng đầu năm 2026", "Quý I năm 2026", "Trong
 * tháng 5 năm 2026", "Từ ngày 01/03/2026 đến ngày 15/05/2026".
 */
export function periodIntro(from: string, to: string): string {
  const s = shapeOf({ from, to });
  switch (s.kind) {
    case 'year':
      return `Năm ${s.year}`;
    case 'years':
      return `Trong ${pad2(s.count)} năm qua`;
    case 'half':
      return `6 tháng ${s.first ? 'đầu' : 'cuối'} năm ${s.year}`;
    case 'quarter':
      return `Quý ${ROMAN[s.q]} năm ${s.year}`;
    case 'month':
      return `Trong tháng ${s.month} năm ${s.year}`;
    case 'firstMonths':
      return `${s.count} tháng đầu năm ${s.year}`;
    case 'monthsInYear':
      return `Từ tháng ${s.first} đến tháng ${s.last} năm ${s.year}`;
    case 'months':
      return `Từ tháng ${m(s.from)}/${y(s.from)} đến tháng ${m(s.to)}/${y(s.to)}`;
    case 'day':
      return `Ngày ${formatDateVi(s.on)}`;
    case 'days':
      return `Từ ngày ${formatDateVi(s.from)} đến ngày ${formatDateVi(s.to)}`;
  }
}

/** A short name of the period for headers: "Năm 2022", "Giai đoạn 2020 - 2022", "01/03/2026 - 15/05/2026". */
export function periodLabel(from: string, to: string): string {
  const s = shapeOf({ from, to });
  switch (s.kind) {
    case 'years':
      return `Giai đoạn ${s.first} - ${s.last}`;
    case 'month':
      return `Tháng ${s.month} năm ${s.year}`;
    case 'day':
      return formatDateVi(s.on);
    case 'days':
      return `${formatDateVi(s.from)} - ${formatDateVi(s.to)}`;
    default:
      return periodIntro(from, to);
  }
}

/**
 * What a comparison is made against, as a sentence says it: "so với cùng kỳ" for a calendar year
 * (the previous equal period is then the same period of the year before), otherwise the previous
 * period by name.
 */
export function comparedWith(current: DatePeriod, previous: DatePeriod): { versus: string; equal: string } {
  const s = shapeOf(current);
  const ps = shapeOf(previous);
  if (s.kind === 'year') return { versus: 'so với cùng kỳ', equal: 'bằng cùng kỳ' };
  let name: string;
  switch (ps.kind) {
    case 'years':
      name = `giai đoạn ${ps.first} - ${ps.last}`;
      break;
    case 'half':
    case 'quarter':
    case 'month':
    case 'firstMonths':
      name = lowerFirst(periodLabel(previous.from, previous.to));
      break;
    default:
      name = `kỳ trước (${formatDateVi(previous.from)} - ${formatDateVi(previous.to)})`;
  }
  return { versus: `so với ${name}`, equal: `bằng ${name}` };
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Indicators

export const PERIOD_SECTIONS = ['propaganda', 'events', 'models', 'massOrgs', 'tips', 'mediations', 'incidents', 'awards'] as const;
export type PeriodSection = (typeof PERIOD_SECTIONS)[number];

/** The report's order and wording of its sections (domain.md §9.1). */
export const PERIOD_SECTION_TITLES: Readonly<Record<PeriodSection, string>> = {
  propaganda: 'Tuyên truyền, vận động',
  events: 'Ngày hội và diễn đàn "Công an lắng nghe ý kiến Nhân dân"',
  models: 'Xây dựng, nhân rộng mô hình',
  massOrgs: 'Tổ chức quần chúng tham gia bảo vệ ANTT',
  tips: 'Nguồn tin của quần chúng và kết quả',
  mediations: 'Hòa giải, quản lý giáo dục đối tượng',
  incidents: 'Tình hình tội phạm, tệ nạn xã hội, tai nạn',
  awards: 'Thi đua, khen thưởng',
};

/** Forms whose records are publications, not sessions ("buổi"). */
export const PUBLICATION_FORMS: readonly PropagandaForm[] = ['ban_tin', 'mang_xa_hoi', 'bao_dai'];

/** Incident groups whose categories all count cases (vụ), so a group total means something. */
const CASE_GROUPS = ['te_nan', 'an_ninh', 'su_co'] as const satisfies readonly IncidentGroup[];
type CaseGroup = (typeof CASE_GROUPS)[number];

const MANAGEMENT_CATEGORIES: readonly IncidentCategory[] = ['dua_vao_quan_ly', 'dua_ra_khoi_quan_ly'];

const STATIC_ACTIVITY_KEYS = [
  'propaganda.records',
  'propaganda.sessions',
  'propaganda.launchSessions',
  'propaganda.attendance',
  'propaganda.loudspeakerSessions',
  'propaganda.loudspeakerMinutes',
  'propaganda.loudspeakerAttendance',
  'propaganda.directSessions',
  'propaganda.directAttendance',
  'propaganda.leaflets',
  'propaganda.posts',
  'propaganda.newsletters',
  'propaganda.commitments',
  'events.total',
  'events.attendance',
  'events.opinionsRaised',
  'events.opinionsAnswered',
  'events.gifts',
  'events.giftsValue',
  'tips.total',
  'tips.valuable',
  'tips.criminal',
  'tips.resolved',
  'tips.transferred',
  'tips.pending',
  'tips.inTime',
  'tips.late',
  'tips.withinLimit',
  'tips.overdue',
  'tips.criminalCases',
  'tips.administrativeCases',
  'tips.personsHandled',
  'tips.wantedArrested',
  'tips.wantedSurrendered',
  'tips.weapons',
  'tips.ammunition',
  'tips.explosivesKg',
  'tips.supportTools',
  'tips.assetsValue',
  'mediations.total',
  'incidents.records',
  'incidents.crimes',
  'incidents.crimesSolved',
  'incidents.graveCrimes',
  'incidents.trafficDeaths',
  'incidents.trafficInjuries',
  'incidents.excused',
  'awards.total',
  'awards.collectives',
  'awards.individuals',
] as const;

const DERIVED_KEYS = ['propaganda.minutesPerSession', 'mediations.successRate', 'incidents.solvedRate'] as const;
export type DerivedKey = (typeof DERIVED_KEYS)[number];

export type ActivityIndicatorKey =
  | (typeof STATIC_ACTIVITY_KEYS)[number]
  | DerivedKey
  | `propaganda.form.${PropagandaForm}.records`
  | `propaganda.form.${PropagandaForm}.attendance`
  | `events.kind.${EventKind}.count`
  | `events.kind.${EventKind}.attendance`
  | `events.ngayHoi.${EventLevel}`
  | `tips.category.${TipCategory}`
  | `tips.legal.${TipLegalType}`
  | `tips.outcome.${TipOutcome}`
  | `mediations.outcome.${MediationOutcome}`
  | `mediations.caseType.${MediationCaseType}`
  | `incidents.cat.${IncidentCategory}`
  | `incidents.group.${CaseGroup}`
  | `incidents.excuse.${IncidentExcuse}`
  | `awards.form.${AwardForm}`;

export type RegistryIndicatorKey =
  | `models.${keyof ModelFigures}`
  | 'massOrgs.organizations'
  | 'massOrgs.members'
  | 'massOrgs.effective'
  | 'organizations.total'
  | 'organizations.eligible'
  | `organizations.${'co_quan' | 'doanh_nghiep' | 'co_so_giao_duc'}`;

export type IndicatorKey = ActivityIndicatorKey | RegistryIndicatorKey;

/**
 * How an indicator adds up: `sum` over disjoint units and disjoint periods; `distinct` over
 * disjoint units only (a recipient counted once per period); `derived` computed from others (a
 * rate, an average); `registry` counted by the registries' own rules (HD22 and the like).
 */
export type Additivity = 'sum' | 'distinct' | 'derived' | 'registry';
export type IndicatorFormat = 'int' | 'money' | 'percent';

export interface IndicatorDef {
  key: IndicatorKey;
  section: PeriodSection;
  label: string;
  /** Counting word ("buổi", "lượt người", "vụ", "đồng"). */
  unit: string;
  /** 0 = a headline row, 1 = a "trong đó" row under the one before. */
  depth: 0 | 1;
  additivity: Additivity;
  format: IndicatorFormat;
}

const defs: IndicatorDef[] = [];
function def(
  key: IndicatorKey,
  section: PeriodSection,
  label: string,
  unit: string,
  opts: { depth?: 0 | 1; additivity?: Additivity; format?: IndicatorFormat } = {},
): void {
  defs.push({ key, section, label, unit, depth: opts.depth ?? 0, additivity: opts.additivity ?? 'sum', format: opts.format ?? 'int' });
}
const sub = { depth: 1 } as const;

// Tuyên truyền
def('propaganda.sessions', 'propaganda', 'Buổi tuyên truyền, phát động', 'buổi');
def('propaganda.launchSessions', 'propaganda', 'Trong đó: buổi phát động phong trào', 'buổi', sub);
def('propaganda.attendance', 'propaganda', 'Lượt người tham gia', 'lượt người');
def('propaganda.loudspeakerSessions', 'propaganda', 'Buổi tuyên truyền trên loa truyền thanh, xe loa', 'buổi');
def('propaganda.loudspeakerMinutes', 'propaganda', 'Tổng thời lượng phát loa', 'phút', sub);
def('propaganda.minutesPerSession', 'propaganda', 'Thời lượng bình quân', 'phút/buổi', { ...sub, additivity: 'derived' });
def('propaganda.loudspeakerAttendance', 'propaganda', 'Người nghe tuyên truyền qua loa', 'lượt người', sub);
def('propaganda.directSessions', 'propaganda', 'Buổi tuyên truyền trực tiếp', 'buổi');
def('propaganda.directAttendance', 'propaganda', 'Lượt người nghe tuyên truyền trực tiếp', 'lượt người', sub);
def('propaganda.leaflets', 'propaganda', 'Tờ rơi đã phát', 'tờ');
def('propaganda.posts', 'propaganda', 'Tin, bài đã đăng', 'tin, bài');
def('propaganda.newsletters', 'propaganda', 'Bản tin đã phát hành', 'bản tin');
def('propaganda.commitments', 'propaganda', 'Người ký cam kết', 'người');
def('propaganda.records', 'propaganda', 'Hoạt động tuyên truyền đã ghi (mọi hình thức)', 'lượt');
for (const f of PROPAGANDA_FORMS) {
  def(`propaganda.form.${f}.records`, 'propaganda', `${PROPAGANDA_FORM_LABELS[f]}: số lượt`, 'lượt', sub);
  def(`propaganda.form.${f}.attendance`, 'propaganda', `${PROPAGANDA_FORM_LABELS[f]}: lượt người`, 'lượt người', sub);
}

// Ngày hội, diễn đàn, hội nghị
def('events.total', 'events', 'Ngày hội, diễn đàn, hội nghị đã tổ chức', 'sự kiện');
def('events.attendance', 'events', 'Lượt người tham dự', 'lượt người');
for (const k of EVENT_KINDS) {
  const unit = k === 'ngay_hoi' ? 'điểm tổ chức' : k === 'lang_nghe' ? 'buổi' : k === 'ra_mat_mo_hinh' ? 'buổi' : 'hội nghị';
  def(`events.kind.${k}.count`, 'events', EVENT_KIND_LABELS[k], unit);
  def(`events.kind.${k}.attendance`, 'events', 'Lượt người tham dự', 'lượt người', sub);
  if (k === 'ngay_hoi') {
    for (const l of EVENT_LEVELS) def(`events.ngayHoi.${l}`, 'events', `Điểm tổ chức ${EVENT_LEVEL_LABELS[l].toLowerCase()}`, 'điểm', sub);
  }
  if (k === 'lang_nghe') {
    def('events.opinionsRaised', 'events', 'Ý kiến Nhân dân nêu ra', 'ý kiến', sub);
    def('events.opinionsAnswered', 'events', 'Ý kiến đã được trả lời', 'ý kiến', sub);
  }
}
def('events.gifts', 'events', 'Suất quà đã trao', 'suất');
def('events.giftsValue', 'events', 'Giá trị quà tặng', 'đồng', { format: 'money' });

// Mô hình (registry, HD22)
def('models.modelTypes', 'models', 'Loại mô hình', 'loại', { additivity: 'registry' });
def('models.models', 'models', 'Mô hình đang hoạt động', 'mô hình', { additivity: 'registry' });
def('models.sites', 'models', 'Điểm mô hình', 'điểm', { additivity: 'registry' });
def('models.teams', 'models', 'Tổ thực hiện', 'tổ', { ...sub, additivity: 'registry' });
def('models.members', 'models', 'Thành viên', 'người', { ...sub, additivity: 'registry' });
def('models.newModels', 'models', 'Mô hình mới xây dựng', 'mô hình', { additivity: 'registry' });
def('models.newSites', 'models', 'Điểm mô hình mới', 'điểm', { additivity: 'registry' });
def('models.replicated', 'models', 'Mô hình được nhân rộng', 'mô hình', { additivity: 'registry' });
def('models.retired', 'models', 'Mô hình thanh loại', 'mô hình', { additivity: 'registry' });
def('models.effective', 'models', 'Mô hình hoạt động hiệu quả', 'mô hình', { additivity: 'registry' });
def('models.exemplary', 'models', 'Mô hình điển hình tiên tiến', 'mô hình', { additivity: 'registry' });

// Tổ chức quần chúng; cơ quan, doanh nghiệp, cơ sở giáo dục
def('massOrgs.organizations', 'massOrgs', 'Tổ chức quần chúng', 'tổ chức', { additivity: 'registry' });
def('massOrgs.members', 'massOrgs', 'Thành viên', 'người', { ...sub, additivity: 'registry' });
def('massOrgs.effective', 'massOrgs', 'Tổ chức hoạt động hiệu quả', 'tổ chức', { ...sub, additivity: 'registry' });
def('organizations.total', 'massOrgs', 'Cơ quan, doanh nghiệp, cơ sở giáo dục trên địa bàn', 'đơn vị', { additivity: 'registry' });
def('organizations.co_quan', 'massOrgs', 'Cơ quan', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.doanh_nghiep', 'massOrgs', 'Doanh nghiệp', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.co_so_giao_duc', 'massOrgs', 'Cơ sở giáo dục', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.eligible', 'massOrgs', 'Thuộc diện áp dụng Thông tư 124', 'đơn vị', { ...sub, additivity: 'registry' });

// Nguồn tin
def('tips.total', 'tips', 'Nguồn tin quần chúng cung cấp', 'nguồn tin');
def('tips.valuable', 'tips', 'Trong đó: nguồn tin có giá trị', 'nguồn tin', sub);
for (const c of TIP_CATEGORIES) def(`tips.category.${c}`, 'tips', `Lĩnh vực ${TIP_CATEGORY_LABELS[c].toLowerCase()}`, 'nguồn tin', sub);
def('tips.resolved', 'tips', 'Đã giải quyết', 'nguồn tin', sub);
def('tips.transferred', 'tips', 'Đã chuyển cơ quan có thẩm quyền', 'nguồn tin', sub);
def('tips.pending', 'tips', 'Đang kiểm tra, xác minh', 'nguồn tin', sub);
def('tips.criminal', 'tips', 'Tố giác, tin báo về tội phạm, kiến nghị khởi tố', 'tin');
for (const t of TIP_LEGAL_TYPES) def(`tips.legal.${t}`, 'tips', TIP_LEGAL_TYPE_LABELS[t], 'tin', sub);
def('tips.inTime', 'tips', 'Giải quyết đúng thời hạn', 'tin', sub);
def('tips.late', 'tips', 'Giải quyết quá thời hạn', 'tin', sub);
def('tips.withinLimit', 'tips', 'Đang giải quyết, còn trong thời hạn', 'tin', sub);
def('tips.overdue', 'tips', 'Quá thời hạn, chưa giải quyết', 'tin', sub);
for (const o of TIP_OUTCOMES) def(`tips.outcome.${o}`, 'tips', TIP_OUTCOME_LABELS[o], 'tin', sub);
def('tips.criminalCases', 'tips', 'Vụ án hình sự khám phá qua nguồn tin', 'vụ');
def('tips.administrativeCases', 'tips', 'Vụ việc xử lý hành chính', 'vụ');
def('tips.personsHandled', 'tips', 'Đối tượng bị xử lý', 'đối tượng');
def('tips.wantedArrested', 'tips', 'Đối tượng truy nã bị bắt', 'đối tượng');
def('tips.wantedSurrendered', 'tips', 'Đối tượng truy nã được vận động đầu thú', 'đối tượng');
def('tips.weapons', 'tips', 'Súng thu hồi', 'khẩu');
def('tips.ammunition', 'tips', 'Đạn thu hồi', 'viên');
def('tips.explosivesKg', 'tips', 'Vật liệu nổ thu hồi', 'kg');
def('tips.supportTools', 'tips', 'Công cụ hỗ trợ thu hồi', 'cái');
def('tips.assetsValue', 'tips', 'Tài sản thu hồi', 'đồng', { format: 'money' });

// Hòa giải, quản lý giáo dục đối tượng
def('mediations.total', 'mediations', 'Vụ việc hòa giải đã tiếp nhận', 'vụ việc');
for (const o of MEDIATION_OUTCOMES) def(`mediations.outcome.${o}`, 'mediations', MEDIATION_OUTCOME_LABELS[o], 'vụ việc', sub);
def('mediations.successRate', 'mediations', 'Tỷ lệ hòa giải thành', '%', { ...sub, additivity: 'derived', format: 'percent' });
for (const t of MEDIATION_CASE_TYPES) def(`mediations.caseType.${t}`, 'mediations', `Loại ${MEDIATION_CASE_TYPE_LABELS[t].toLowerCase()}`, 'vụ việc', sub);
for (const c of MANAGEMENT_CATEGORIES) def(`incidents.cat.${c}`, 'mediations', INCIDENT_CATEGORY_INFO[c].label, 'đối tượng');

// Tội phạm, tệ nạn, tai nạn, vụ việc về ANTT
def('incidents.crimes', 'incidents', 'Vụ phạm tội', 'vụ');
def('incidents.crimesSolved', 'incidents', 'Đã điều tra làm rõ', 'vụ', sub);
def('incidents.solvedRate', 'incidents', 'Tỷ lệ điều tra làm rõ', '%', { ...sub, additivity: 'derived', format: 'percent' });
def('incidents.graveCrimes', 'incidents', 'Trọng án (rất nghiêm trọng, đặc biệt nghiêm trọng)', 'vụ', sub);
for (const c of CRIME_CATEGORIES) def(`incidents.cat.${c}`, 'incidents', INCIDENT_CATEGORY_INFO[c].label, 'vụ', sub);
for (const g of ['te_nan', 'an_ninh', 'su_co', 'xa_hoi', 'co_quan', 'ky_luat'] as const) {
  const cats = INCIDENT_CATEGORIES.filter((c) => INCIDENT_CATEGORY_INFO[c].group === g);
  const isCaseGroup = (CASE_GROUPS as readonly string[]).includes(g);
  if (isCaseGroup) def(`incidents.group.${g as CaseGroup}`, 'incidents', INCIDENT_GROUP_LABELS[g], 'vụ');
  for (const c of cats) {
    const info = INCIDENT_CATEGORY_INFO[c];
    def(`incidents.cat.${c}`, 'incidents', info.label, info.persons ? 'người' : 'vụ', isCaseGroup ? sub : {});
    if (c === 'tai_nan_giao_thong') {
      def('incidents.trafficDeaths', 'incidents', 'Số người chết do tai nạn giao thông', 'người', sub);
      def('incidents.trafficInjuries', 'incidents', 'Số người bị thương do tai nạn giao thông', 'người', sub);
    }
  }
}
def('incidents.excused', 'incidents', 'Vụ việc được loại trừ khi đánh giá', 'vụ');
for (const e of INCIDENT_EXCUSES) def(`incidents.excuse.${e}`, 'incidents', INCIDENT_EXCUSE_LABELS[e], 'vụ', sub);
def('incidents.records', 'incidents', 'Dòng thống kê đã ghi', 'dòng');

// Khen thưởng
def('awards.total', 'awards', 'Lượt khen thưởng', 'lượt');
def('awards.collectives', 'awards', 'Tập thể được khen thưởng', 'tập thể', { additivity: 'distinct' });
def('awards.individuals', 'awards', 'Cá nhân được khen thưởng', 'cá nhân', { additivity: 'distinct' });
for (const f of AWARD_FORMS) def(`awards.form.${f}`, 'awards', AWARD_FORM_INFO[f].label, 'lượt', sub);

/** Every indicator in the report's order. */
export const INDICATORS: readonly IndicatorDef[] = defs;
export const INDICATOR_BY_KEY: ReadonlyMap<IndicatorKey, IndicatorDef> = new Map(defs.map((x) => [x.key, x]));

const isActivityKey = (k: IndicatorKey): k is ActivityIndicatorKey => !/^(models|massOrgs|organizations)\./.test(k);
export const ACTIVITY_INDICATOR_KEYS: readonly ActivityIndicatorKey[] = defs.map((x) => x.key).filter(isActivityKey);

/** The headline indicators of the per-unit breakdown. */
export const MAIN_INDICATORS = [
  'propaganda.sessions',
  'propaganda.attendance',
  'tips.total',
  'tips.valuable',
  'mediations.total',
  'incidents.crimes',
  'incidents.crimesSolved',
  'awards.total',
] as const satisfies readonly ActivityIndicatorKey[];
export type MainIndicatorKey = (typeof MAIN_INDICATORS)[number];

export type ActivityFigures = Record<ActivityIndicatorKey, number>;
export type RegistryFigures = Record<RegistryIndicatorKey, number>;

export function emptyFigures(): ActivityFigures {
  const out = {} as ActivityFigures;
  for (const k of ACTIVITY_INDICATOR_KEYS) out[k] = 0;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counting

/** The records of every kind, as lists and the backend return them. */
export type ActivityRecordSets = { readonly [K in ActivityKind]: readonly ActivityRecords[K][] };

export function emptyRecordSets(): { [K in ActivityKind]: ActivityRecords[K][] } {
  return { propaganda: [], events: [], tips: [], mediations: [], incidents: [], awards: [] };
}

interface Acc {
  f: ActivityFigures;
  recipients: Set<string>;
}

/** Rounded half up to one decimal, on the exact fraction (as percentVi). */
function tenthsPercent(part: number, whole: number): number {
  return Math.floor((part * 1000) / whole + 0.5) / 10;
}

function finish(f: ActivityFigures): ActivityFigures {
  const ls = f['propaganda.loudspeakerSessions'];
  f['propaganda.minutesPerSession'] = ls > 0 ? Math.round(f['propaganda.loudspeakerMinutes'] / ls) : 0;
  const mt = f['mediations.total'];
  f['mediations.successRate'] = mt > 0 ? tenthsPercent(f['mediations.outcome.thanh'], mt) : 0;
  const cr = f['incidents.crimes'];
  f['incidents.solvedRate'] = cr > 0 ? tenthsPercent(f['incidents.crimesSolved'], cr) : 0;
  return f;
}

/**
 * Sums the records placed in the period into one set of figures per group. `groupOf` says which
 * group a unit's records go to (null = not counted): one group for the whole scope, or one per
 * unit of a breakdown. One pass over the records whatever the number of groups.
 */
export function figuresByGroup(
  records: ActivityRecordSets,
  groupOf: (unitId: string) => string | null,
  period: DatePeriod,
  today: string,
): Map<string, ActivityFigures> {
  const accs = new Map<string, Acc>();
  const accOf = (unitId: string): ActivityFigures | null => {
    const g = groupOf(unitId);
    if (g === null) return null;
    let a = accs.get(g);
    if (!a) {
      a = { f: emptyFigures(), recipients: new Set() };
      accs.set(g, a);
    }
    return a.f;
  };
  const inPeriod = <K extends ActivityKind>(kind: K, r: ActivityRecords[K]) => {
    const on = placementDate(kind, r);
    return period.from <= on && on <= period.to;
  };

  for (const r of records.propaganda) {
    if (!inPeriod('propaganda', r)) continue;
    const f = accOf(r.unitId);
    if (!f) continue;
    f['propaganda.records']++;
    f[`propaganda.form.${r.form}.records`]++;
    f[`propaganda.form.${r.form}.attendance`] += r.attendance;
    f['propaganda.leaflets'] += r.leaflets;
    f['propaganda.posts'] += r.posts;
    f['propaganda.newsletters'] += r.newsletters;
    f['propaganda.commitments'] += r.commitments;
    if (r.purpose === 'phat_dong') f['propaganda.launchSessions']++;
    if (PUBLICATION_FORMS.includes(r.form)) continue;
    f['propaganda.sessions']++;
    f['propaganda.attendance'] += r.attendance;
    if (r.form === 'loa_truyen_thanh') {
      f['propaganda.loudspeakerSessions']++;
      f['propaganda.loudspeakerMinutes'] += r.loudspeakerMinutes;
      f['propaganda.loudspeakerAttendance'] += r.attendance;
    } else if (r.form === 'truc_tiep') {
      f['propaganda.directSessions']++;
      f['propaganda.directAttendance'] += r.attendance;
    }
  }

  for (const r of records.events) {
    if (!inPeriod('events', r)) continue;
    const f = accOf(r.unitId);
    if (!f) continue;
    f['events.total']++;
    f['events.attendance'] += r.attendance;
    f[`events.kind.${r.kind}.count`]++;
    f[`events.kind.${r.kind}.attendance`] += r.attendance;
    if (r.kind === 'ngay_hoi') f[`events.ngayHoi.${r.level}`]++;
    f['events.opinionsRaised'] += r.opinionsRaised;
    f['events.opinionsAnswered'] += r.opinionsAnswered;
    f['events.gifts'] += r.gifts;
    f['events.giftsValue'] += r.giftsValue;
  }

  for (const r of records.tips) {
    if (!inPeriod('tips', r)) continue;
    const f = accOf(r.unitId);
    if (!f) continue;
    f['tips.total']++;
    if (r.valuable) f['tips.valuable']++;
    f[`tips.category.${r.category}`]++;
    if (r.status === 'da_giai_quyet') f['tips.resolved']++;
    else if (r.status === 'chuyen_co_quan_khac') f['tips.transferred']++;
    else f['tips.pending']++;
    if (r.legalType !== null) {
      f['tips.criminal']++;
      f[`tips.legal.${r.legalType}`]++;
      switch (tipTiming(r, today)) {
        case 'dung_han':
          f['tips.inTime']++;
          break;
        case 'tre_han':
          f['tips.late']++;
          break;
        case 'trong_han':
          f['tips.withinLimit']++;
          break;
        case 'qua_han':
          f['tips.overdue']++;
          break;
        default:
          break;
      }
    }
    if (r.outcome !== null) f[`tips.outcome.${r.outcome}`]++;
    f['tips.criminalCases'] += r.criminalCases;
    f['tips.administrativeCases'] += r.administrativeCases;
    f['tips.personsHandled'] += r.personsHandled;
    f['tips.wantedArrested'] += r.wantedArrested;
    f['tips.wantedSurrendered'] += r.wantedSurrendered;
    f['tips.weapons'] += r.weapons;
    f['tips.ammunition'] += r.ammunition;
    f['tips.explosivesKg'] += r.explosivesKg;
    f['tips.supportTools'] += r.supportTools;
    f['tips.assetsValue'] += r.assetsValue;
  }

  for (const r of records.mediations) {
    if (!inPeriod('mediations', r)) continue;
    const f = accOf(r.unitId);
    if (!f) continue;
    f['mediations.total']++;
    f[`mediations.outcome.${r.outcome}`]++;
    f[`mediations.caseType.${r.caseType}`]++;
  }

  for (const r of records.incidents) {
    if (!inPeriod('incidents', r)) continue;
    const f = accOf(r.unitId);
    if (!f) continue;
    const info = INCIDENT_CATEGORY_INFO[r.category];
    f['incidents.records']++;
    f[`incidents.cat.${r.category}`] += r.count;
    if (info.group === 'toi_pham') {
      f['incidents.crimes'] += r.count;
      f['incidents.crimesSolved'] += r.solved;
      if (GRAVE_CRIME_CATEGORIES.includes(r.category)) f['incidents.graveCrimes'] += r.count;
    }
    if ((CASE_GROUPS as readonly string[]).includes(info.group)) f[`incidents.group.${info.group as CaseGroup}`] += r.count;
    if (r.category === 'tai_nan_giao_thong') {
      f['incidents.trafficDeaths'] += r.deaths;
      f['incidents.trafficInjuries'] += r.injuries;
    }
    if (r.excuse !== null) {
      f['incidents.excused'] += r.count;
      f[`incidents.excuse.${r.excuse}`] += r.count;
    }
  }

  for (const r of records.awards) {
    if (!inPeriod('awards', r)) continue;
    const g = groupOf(r.unitId);
    if (g === null) continue;
    const f = accOf(r.unitId)!;
    const a = accs.get(g)!;
    f['awards.total']++;
    f[`awards.form.${r.form}`]++;
    const key = `${r.recipient}|${r.unitId}|${foldVietnamese(r.recipientName)}`;
    if (!a.recipients.has(key)) {
      a.recipients.add(key);
      f[r.recipient === 'tap_the' ? 'awards.collectives' : 'awards.individuals']++;
    }
  }

  const out = new Map<string, ActivityFigures>();
  for (const [g, a] of accs) out.set(g, finish(a.f));
  return out;
}

/** The figures of the records placed in [from, to] whose unit is in scope. */
export function activityFigures(
  records: ActivityRecordSets,
  inScope: (unitId: string) => boolean,
  from: string,
  to: string,
  today: string,
): ActivityFigures {
  return figuresByGroup(records, (u) => (inScope(u) ? '' : null), { from, to }, today).get('') ?? finish(emptyFigures());
}

/** The group of the records entered on the chosen unit itself (not on a unit below it). */
export const DIRECT_GROUP = '\u0000direct';

export interface BreakdownUnit extends ScopeUnit {
  validTo: string | null;
}

/**
 * How a breakdown by the units directly below `rootId` groups the records: each unit of the scope
 * goes to the child whose subtree (rolled up through merges) holds it, the rest of the scope (the
 * chosen unit itself) to DIRECT_GROUP, units outside the scope nowhere (null). A child that has
 * ended claims its own records before the unit it was merged into, so a period spanning a merge
 * shows the old commune's records on the old commune's row. Each unit of the scope is in exactly
 * one group, so the groups add up to the whole (property-tested).
 */
export function breakdownGroups<U extends BreakdownUnit>(
  units: readonly U[],
  links: readonly ScopeLink[],
  rootId: string,
  wholeOffice: boolean,
): { children: U[]; groupOf: (unitId: string) => string | null } {
  const children = units
    .filter((u) => u.parentId === rootId)
    .sort((a, b) => (a.validTo === null ? 1 : 0) - (b.validTo === null ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const partOf = partsOf(units, links, children.map((c) => c.id));
  const scope = wholeOffice ? null : unitsInScope(units, links, rootId);
  return {
    children,
    groupOf: (id) => (scope === null || scope.has(id) ? (partOf.get(id) ?? DIRECT_GROUP) : null),
  };
}

export interface ExcusedOccurrence {
  id: string;
  occurredOn: string;
  unitId: string;
  category: IncidentCategory;
  count: number;
  excuse: IncidentExcuse;
  reason: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
}

/** The occurrences of the period excused under Circular 124, with who confirmed them, by date. */
export function excusedOccurrences(
  records: ActivityRecordSets,
  inScope: (unitId: string) => boolean,
  from: string,
  to: string,
): ExcusedOccurrence[] {
  return records.incidents
    .filter((r) => r.excuse !== null && inScope(r.unitId) && from <= r.occurredOn && r.occurredOn <= to)
    .map((r) => ({
      id: r.id,
      occurredOn: r.occurredOn,
      unitId: r.unitId,
      category: r.category,
      count: r.count,
      excuse: r.excuse!,
      reason: r.excuseReason,
      approvedBy: r.excuseApprovedBy,
      approvedOn: r.excuseApprovedOn,
    }))
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Registry figures as indicators (the registries count them by their own rules). */
export function registryFigures(models: ModelFigures, massOrgs: MassOrgFigures, organizations: OrganizationFigures): RegistryFigures {
  return {
    'models.modelTypes': models.modelTypes,
    'models.models': models.models,
    'models.sites': models.sites,
    'models.teams': models.teams,
    'models.members': models.members,
    'models.newModels': models.newModels,
    'models.newSites': models.newSites,
    'models.replicated': models.replicated,
    'models.retired': models.retired,
    'models.effective': models.effective,
    'models.exemplary': models.exemplary,
    'massOrgs.organizations': massOrgs.organizations,
    'massOrgs.members': massOrgs.members,
    'massOrgs.effective': massOrgs.effective,
    'organizations.total': organizations.total,
    'organizations.eligible': organizations.eligible,
    'organizations.co_quan': organizations.byKind.co_quan,
    'organizations.doanh_nghiep': organizations.byKind.doanh_nghiep,
    'organizations.co_so_giao_duc': organizations.byKind.co_so_giao_duc,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface Comparison {
  value: number;
  previous: number;
  difference: number;
  /** Change in percent of the previous value, one decimal, rounded half up; null when previous is 0 (or for rates). */
  percent: number | null;
  /** "tăng 12 (10,5%)", "giảm 212 (22,5%)", "tăng 5", "bằng kỳ trước". */
  text: string;
}

function formatValue(v: number, format: IndicatorFormat): string {
  return format === 'percent' ? `${formatDecimalVi(v, 1)}%` : formatIntVi(v);
}

export function compare(value: number, previous: number, format: IndicatorFormat = 'int'): Comparison {
  const difference = format === 'percent' ? Math.round((value - previous) * 10) / 10 : value - previous;
  if (difference === 0) return { value, previous, difference: 0, percent: null, text: 'bằng kỳ trước' };
  const word = difference > 0 ? 'tăng' : 'giảm';
  if (format === 'percent') {
    return { value, previous, difference, percent: null, text: `${word} ${formatDecimalVi(Math.abs(difference), 1)} điểm phần trăm` };
  }
  if (previous === 0) return { value, previous, difference, percent: null, text: `${word} ${formatIntVi(Math.abs(difference))}` };
  const percent = Math.sign(difference) * tenthsPercent(Math.abs(difference), Math.abs(previous));
  return { value, previous, difference, percent, text: `${word} ${formatIntVi(Math.abs(difference))} (${percentVi(Math.abs(difference), Math.abs(previous))})` };
}

export interface ComparisonRow extends Comparison {
  key: IndicatorKey;
  section: PeriodSection;
  label: string;
  unit: string;
  depth: 0 | 1;
  format: IndicatorFormat;
  /** False for a rate or an average over nothing (no sessions, no cases): shown as "—", not 0. */
  hasValue: boolean;
  hasPrevious: boolean;
}

/** What each rate or average is taken over: without any, it has no value. */
const DERIVED_BASE: Readonly<Record<DerivedKey, ActivityIndicatorKey>> = {
  'propaganda.minutesPerSession': 'propaganda.loudspeakerSessions',
  'mediations.successRate': 'mediations.total',
  'incidents.solvedRate': 'incidents.crimes',
};

/** Every indicator in the report's order with this period's value, the previous one and the change. */
export function compareFigures(
  current: Partial<Record<IndicatorKey, number>>,
  previous: Partial<Record<IndicatorKey, number>>,
): ComparisonRow[] {
  const out: ComparisonRow[] = [];
  for (const x of INDICATORS) {
    const v = current[x.key];
    if (v === undefined) continue;
    const p = previous[x.key] ?? 0;
    const base = (DERIVED_BASE as Partial<Record<IndicatorKey, ActivityIndicatorKey>>)[x.key];
    const hasValue = base === undefined || (current[base] ?? 0) > 0;
    const hasPrevious = base === undefined || (previous[base] ?? 0) > 0;
    const c = hasValue && hasPrevious ? compare(v, p, x.format) : { value: v, previous: p, difference: 0, percent: null, text: '—' };
    out.push({ key: x.key, section: x.section, label: x.label, unit: x.unit, depth: x.depth, format: x.format, ...c, hasValue, hasPrevious });
  }
  return out;
}

/** "12 (10,5%)" as a report writes it, formatted per the indicator. */
export function formatIndicator(key: IndicatorKey, v: number): string {
  return formatValue(v, INDICATOR_BY_KEY.get(key)?.format ?? 'int');
}

// ---------------------------------------------------------------------------------------------
// New models and where they were built (for the models sentence)

export const SCHOOL_LEVEL_ORDER = ['dai_hoc', 'cao_dang', 'thpt', 'lien_cap', 'gdnn_gdtx', 'thcs', 'khac'] as const;
const SCHOOL_LEVEL_WORDS: Readonly<Record<string, string>> = {
  dai_hoc: 'đại học',
  cao_dang: 'cao đẳng',
  thpt: 'THPT',
  lien_cap: 'liên cấp',
  gdnn_gdtx: 'Trung tâm GDNN&GDTX',
  thcs: 'THCS',
  khac: 'cơ sở giáo dục khác',
};

const COMMUNE_KIND_ORDER = ['xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
const COMMUNE_KIND_WORDS: Readonly<Record<string, string>> = { xa: 'xã', phuong: 'phường', thi_tran: 'thị trấn', dac_khu: 'đặc khu' };

export interface PlaceUnit {
  id: string;
  parentId: string | null;
  level: string;
  kind: string;
  name: string;
}

export interface EligibleSchool {
  unitId: string;
  name: string;
  subKind: string;
}

export interface NewModelPlaces {
  name: string;
  /** Communes with a new site (outside the schools), or the commune that built a model with no site. */
  communes: { count: number; kinds: string[]; only: string | null };
  /** Eligible schools with a new site, out of the eligible schools in scope, and their levels. */
  schools: { count: number; eligible: number; levels: string[] } | null;
}

function communeOf(units: ReadonlyMap<string, PlaceUnit>, unitId: string): PlaceUnit | null {
  let u = units.get(unitId);
  for (let guard = 0; u && guard < 20; guard++) {
    if (u.level === 'xa') return u;
    if (u.level !== 'khu_dan_cu') return null;
    u = u.parentId ? units.get(u.parentId) : undefined;
  }
  return null;
}

/**
 * Where a model was newly built: each new site at an eligible school (its organisation name matches
 * a school's name, ignoring diacritics; the school in the site's own unit first) counts for that
 * school; every other site for its commune. A model with no new site is placed at the commune that
 * built it.
 */
export function newModelPlaces(
  model: { name: string; originUnitId: string },
  newSites: readonly { unitId: string; organizationName: string | null }[],
  units: ReadonlyMap<string, PlaceUnit>,
  schools: readonly EligibleSchool[],
): NewModelPlaces {
  const byName = new Map<string, EligibleSchool[]>();
  for (const s of schools) {
    const k = foldVietnamese(s.name);
    const list = byName.get(k);
    if (list) list.push(s);
    else byName.set(k, [s]);
  }
  const schoolHits = new Set<EligibleSchool>();
  const communes = new Map<string, PlaceUnit>();
  for (const site of newSites) {
    const candidates = site.organizationName ? (byName.get(foldVietnamese(site.organizationName)) ?? []) : [];
    const school = candidates.find((s) => s.unitId === site.unitId) ?? candidates[0];
    if (school) {
      schoolHits.add(school);
      continue;
    }
    const c = communeOf(units, site.unitId);
    if (c) communes.set(c.id, c);
  }
  if (newSites.length === 0) {
    const c = communeOf(units, model.originUnitId);
    if (c) communes.set(c.id, c);
  }
  const kinds = COMMUNE_KIND_ORDER.filter((k) => [...communes.values()].some((c) => c.kind === k));
  const levels = SCHOOL_LEVEL_ORDER.filter((l) => schools.some((s) => s.subKind === l));
  return {
    name: model.name,
    communes: { count: communes.size, kinds, only: communes.size === 1 ? [...communes.values()][0]!.name : null },
    schools: schoolHits.size > 0 ? { count: schoolHits.size, eligible: schools.length, levels } : null,
  };
}

/** "tại 21 xã, thị trấn", "tại xã Gia Thắng", "ở 25/25 trường THPT, THCS". */
export function placesPhrase(p: Pick<NewModelPlaces, 'communes' | 'schools'>): string {
  const parts: string[] = [];
  if (p.communes.count === 1 && p.communes.only) parts.push(`tại ${lowerFirst(p.communes.only)}`);
  else if (p.communes.count > 1) parts.push(`tại ${formatIntVi(p.communes.count)} ${p.communes.kinds.map((k) => COMMUNE_KIND_WORDS[k]).join(', ')}`);
  if (p.schools) {
    const words = p.schools.levels.map((l) => SCHOOL_LEVEL_WORDS[l] ?? l).join(', ');
    parts.push(`ở ${formatIntVi(p.schools.count)}/${formatIntVi(p.schools.eligible)} trường${words ? ` ${words}` : ''}`);
  }
  return parts.join(' và ');
}

export function newModelsSentence(intro: string, models: readonly NewModelPlaces[]): string | null {
  if (models.length === 0) return null;
  const item = (p: NewModelPlaces, i: number) => {
    const where = placesPhrase(p);
    return `${i === 0 ? '' : 'mô hình '}“${p.name}”${where ? ` ${where}` : ''}`;
  };
  if (models.length === 1) return `${intro}, đã xây dựng mới mô hình ${item(models[0]!, 0)}.`;
  return `${intro}, đã xây dựng mới các mô hình, gồm: ${models.map(item).join('; ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Sentences

export interface SentenceInput {
  period: DatePeriod;
  previous: DatePeriod;
  current: ActivityFigures;
  prior: ActivityFigures;
  models: ModelFigures;
  newModels: readonly NewModelPlaces[];
  massOrgs: MassOrgFigures;
  organizations: OrganizationFigures;
}

const n = formatIntVi;

function joinVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** "(tăng 12 buổi, 10,5% so với cùng kỳ)" — only when the previous period has records of the kind. */
function change(input: SentenceInput, key: ActivityIndicatorKey, unit: string, hasPrior: boolean): string {
  if (!hasPrior) return '';
  const target = comparedWith(input.period, input.previous);
  const c = compare(input.current[key], input.prior[key]);
  if (c.difference === 0) return ` (${target.equal})`;
  const word = c.difference > 0 ? 'tăng' : 'giảm';
  const pct = c.previous > 0 ? `, ${percentVi(Math.abs(c.difference), c.previous)}` : '';
  return ` (${word} ${n(Math.abs(c.difference))} ${unit}${pct} ${target.versus})`;
}

function propagandaSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['propaganda.records'] === 0) return 'Chưa có số liệu tuyên truyền, vận động trong kỳ.';
  const hasPrior = x.prior['propaganda.records'] > 0;
  const clauses: string[] = [];
  if (f['propaganda.sessions'] > 0) {
    let s = `tổ chức tuyên truyền ${n(f['propaganda.sessions'])} buổi`;
    if (f['propaganda.launchSessions'] > 0) s += ` (trong đó ${n(f['propaganda.launchSessions'])} buổi phát động phong trào)`;
    s += change(x, 'propaganda.sessions', 'buổi', hasPrior);
    if (f['propaganda.attendance'] > 0) s += ` với ${n(f['propaganda.attendance'])} lượt người tham gia`;
    clauses.push(s);
  }
  if (f['propaganda.leaflets'] > 0) clauses.push(`phát ${n(f['propaganda.leaflets'])} tờ rơi`);
  if (f['propaganda.loudspeakerSessions'] > 0) {
    let s = `${n(f['propaganda.loudspeakerSessions'])} buổi tuyên truyền trên hệ thống loa truyền thanh`;
    if (f['propaganda.minutesPerSession'] > 0) s += ` với thời lượng ${n(f['propaganda.minutesPerSession'])} phút/buổi`;
    if (f['propaganda.loudspeakerAttendance'] > 0) s += `, tuyên truyền đến ${n(f['propaganda.loudspeakerAttendance'])} quần chúng nhân dân`;
    clauses.push(s);
  }
  if (f['propaganda.directAttendance'] > 0) clauses.push(`tuyên truyền trực tiếp đến ${n(f['propaganda.directAttendance'])} lượt người`);
  if (f['propaganda.posts'] > 0) clauses.push(`đăng tải ${n(f['propaganda.posts'])} tin, bài`);
  if (f['propaganda.newsletters'] > 0) clauses.push(`phát hành ${n(f['propaganda.newsletters'])} bản tin`);
  if (f['propaganda.commitments'] > 0) clauses.push(`vận động ${n(f['propaganda.commitments'])} người ký cam kết`);
  if (clauses.length === 0) return `${intro}, đã ghi nhận ${n(f['propaganda.records'])} hoạt động tuyên truyền.`;
  // "Trong 03 năm qua đã tổ chức…" (no comma after "Trong …", as the Sa Pa report writes it).
  const joint = intro.startsWith('Trong ') ? ' đã ' : ', đã ';
  return `${intro}${joint}${clauses.join('; ')}.`;
}

function eventsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['events.total'] === 0) return 'Chưa có số liệu ngày hội, diễn đàn, hội nghị trong kỳ.';
  const clauses: string[] = [];
  const ngayHoi = f['events.kind.ngay_hoi.count'];
  if (ngayHoi > 0) {
    let s = `tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại ${n(ngayHoi)} điểm`;
    const levels = EVENT_LEVELS.filter((l) => f[`events.ngayHoi.${l}`] > 0)
      .slice()
      .reverse()
      .map((l) => `${n(f[`events.ngayHoi.${l}`])} điểm ${EVENT_LEVEL_LABELS[l].toLowerCase()}`);
    if (levels.length > 1) s += ` (${levels.join(', ')})`;
    if (f['events.kind.ngay_hoi.attendance'] > 0) s += ` với ${n(f['events.kind.ngay_hoi.attendance'])} lượt người tham dự`;
    clauses.push(s);
  }
  const forums = f['events.kind.lang_nghe.count'];
  if (forums > 0) {
    let s = `tổ chức ${n(forums)} buổi diễn đàn “Công an lắng nghe ý kiến Nhân dân”`;
    if (f['events.kind.lang_nghe.attendance'] > 0) s += ` với ${n(f['events.kind.lang_nghe.attendance'])} lượt người tham dự`;
    if (f['events.opinionsRaised'] > 0) {
      s += `, tiếp nhận ${n(f['events.opinionsRaised'])} ý kiến`;
      if (f['events.opinionsAnswered'] > 0) s += `, đã trả lời ${n(f['events.opinionsAnswered'])} ý kiến`;
    }
    clauses.push(s);
  }
  const reviews = f['events.kind.so_ket.count'] + f['events.kind.tong_ket.count'];
  if (reviews > 0) clauses.push(`tổ chức ${n(reviews)} hội nghị sơ kết, tổng kết`);
  if (f['events.kind.ra_mat_mo_hinh.count'] > 0) clauses.push(`tổ chức ${n(f['events.kind.ra_mat_mo_hinh.count'])} buổi ra mắt mô hình`);
  if (f['events.kind.khac.count'] > 0) clauses.push(`tổ chức ${n(f['events.kind.khac.count'])} sự kiện khác`);
  if (f['events.gifts'] > 0 || f['events.giftsValue'] > 0) {
    let s = 'trao';
    if (f['events.gifts'] > 0) s += ` ${n(f['events.gifts'])} suất quà`;
    else s += ' quà';
    if (f['events.giftsValue'] > 0) s += ` trị giá ${n(f['events.giftsValue'])} đồng`;
    clauses.push(s);
  }
  return `${intro}, đã ${clauses.join('; ')}.`;
}

function modelsSection(x: SentenceInput, intro: string): string {
  const base = modelsSentence(x.models);
  const news = newModelsSentence(intro, x.newModels);
  return news ? `${base} ${news}` : base;
}

function massOrgsSection(x: SentenceInput): string {
  const base = massOrgsSentence(x.massOrgs);
  return x.organizations.total > 0 ? `${base} ${organizationsSentence(x.organizations)}` : base;
}

function tipsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['tips.total'] === 0) return 'Chưa có số liệu nguồn tin của quần chúng trong kỳ.';
  const hasPrior = x.prior['tips.total'] > 0;
  let s = `${intro}, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp ${n(f['tips.total'])} nguồn tin`;
  s += change(x, 'tips.total', 'nguồn tin', hasPrior);
  if (f['tips.valuable'] > 0) s += `, trong đó có ${n(f['tips.valuable'])} nguồn tin có giá trị`;
  const clauses: string[] = [];
  if (f['tips.criminal'] > 0) {
    let c = `tiếp nhận ${n(f['tips.criminal'])} tố giác, tin báo về tội phạm và kiến nghị khởi tố`;
    const done = f['tips.inTime'] + f['tips.late'];
    if (done > 0) c += `, đã giải quyết ${n(done)} tin${f['tips.late'] > 0 ? ` (${n(f['tips.late'])} tin quá thời hạn)` : ''}`;
    if (f['tips.overdue'] > 0) c += `, ${n(f['tips.overdue'])} tin quá thời hạn chưa giải quyết`;
    clauses.push(c);
  }
  const results: string[] = [];
  if (f['tips.criminalCases'] > 0) results.push(`khám phá ${n(f['tips.criminalCases'])} vụ án hình sự`);
  if (f['tips.administrativeCases'] > 0) results.push(`xử lý hành chính ${n(f['tips.administrativeCases'])} vụ việc`);
  if (f['tips.personsHandled'] > 0) results.push(`xử lý ${n(f['tips.personsHandled'])} đối tượng`);
  if (f['tips.wantedArrested'] > 0) results.push(`bắt ${n(f['tips.wantedArrested'])} đối tượng truy nã`);
  if (f['tips.wantedSurrendered'] > 0) results.push(`vận động ${n(f['tips.wantedSurrendered'])} đối tượng truy nã ra đầu thú`);
  const seized: string[] = [];
  if (f['tips.weapons'] > 0) seized.push(`${n(f['tips.weapons'])} khẩu súng`);
  if (f['tips.ammunition'] > 0) seized.push(`${n(f['tips.ammunition'])} viên đạn`);
  if (f['tips.explosivesKg'] > 0) seized.push(`${n(f['tips.explosivesKg'])} kg vật liệu nổ`);
  if (f['tips.supportTools'] > 0) seized.push(`${n(f['tips.supportTools'])} công cụ hỗ trợ`);
  if (f['tips.assetsValue'] > 0) seized.push(`tài sản trị giá ${n(f['tips.assetsValue'])} đồng`);
  if (seized.length > 0) results.push(`thu hồi ${seized.join(', ')}`);
  if (results.length > 0) clauses.push(`qua đó ${results.join(', ')}`);
  return clauses.length > 0 ? `${s}; ${clauses.join('; ')}.` : `${s}.`;
}

function mediationsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  const intoMgmt = f['incidents.cat.dua_vao_quan_ly'];
  const outOfMgmt = f['incidents.cat.dua_ra_khoi_quan_ly'];
  if (f['mediations.total'] === 0 && intoMgmt === 0 && outOfMgmt === 0) return 'Chưa có số liệu hòa giải, quản lý giáo dục đối tượng trong kỳ.';
  const clauses: string[] = [];
  if (f['mediations.total'] > 0) {
    let s = `các tổ hòa giải ở cơ sở đã tiếp nhận ${n(f['mediations.total'])} vụ việc`;
    s += change(x, 'mediations.total', 'vụ việc', x.prior['mediations.total'] > 0);
    const ok = f['mediations.outcome.thanh'];
    if (ok > 0) s += `, hòa giải thành ${n(ok)} vụ việc (đạt ${percentVi(ok, f['mediations.total'])})`;
    if (f['mediations.outcome.khong_thanh'] > 0) s += `, không thành ${n(f['mediations.outcome.khong_thanh'])} vụ việc`;
    if (f['mediations.outcome.dang_giai_quyet'] > 0) s += `, đang giải quyết ${n(f['mediations.outcome.dang_giai_quyet'])} vụ việc`;
    clauses.push(s);
  }
  if (intoMgmt > 0) clauses.push(`đưa ${n(intoMgmt)} đối tượng vào diện quản lý, giáo dục tại cộng đồng`);
  if (outOfMgmt > 0) clauses.push(`đưa ${n(outOfMgmt)} đối tượng tiến bộ ra khỏi diện quản lý`);
  return `${intro}, ${clauses.join('; ')}.`;
}

function incidentsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  const p = x.prior;
  const cats = INCIDENT_CATEGORIES.filter((c) => !MANAGEMENT_CATEGORIES.includes(c));
  const any = cats.some((c) => f[`incidents.cat.${c}`] > 0);
  if (!any) return 'Chưa có số liệu thống kê tình hình tội phạm, tệ nạn xã hội, tai nạn trong kỳ.';
  const hasPrior = cats.some((c) => p[`incidents.cat.${c}`] > 0);
  const clauses: string[] = [];
  if (f['incidents.crimes'] > 0) {
    let s = `trên địa bàn xảy ra ${n(f['incidents.crimes'])} vụ phạm tội${change(x, 'incidents.crimes', 'vụ', hasPrior)}`;
    if (f['incidents.crimesSolved'] > 0) s += `, đã điều tra giải quyết ${n(f['incidents.crimesSolved'])}/${n(f['incidents.crimes'])} vụ`;
    s += f['incidents.graveCrimes'] > 0 ? `, trong đó có ${n(f['incidents.graveCrimes'])} vụ trọng án` : ', không để xảy ra trọng án';
    clauses.push(s);
  }
  if (f['incidents.cat.te_nan_xa_hoi'] > 0) clauses.push(`${n(f['incidents.cat.te_nan_xa_hoi'])} vụ tệ nạn xã hội${change(x, 'incidents.cat.te_nan_xa_hoi', 'vụ', hasPrior)}`);
  if (f['incidents.cat.vi_pham_khac'] > 0) clauses.push(`${n(f['incidents.cat.vi_pham_khac'])} vụ vi phạm pháp luật khác về an ninh, trật tự`);
  if (f['incidents.group.an_ninh'] > 0) clauses.push(`${n(f['incidents.group.an_ninh'])} vụ việc về an ninh`);
  if (f['incidents.cat.tai_nan_giao_thong'] > 0) {
    let s = `${n(f['incidents.cat.tai_nan_giao_thong'])} vụ tai nạn giao thông${change(x, 'incidents.cat.tai_nan_giao_thong', 'vụ', hasPrior)}`;
    const hurt: string[] = [];
    if (f['incidents.trafficDeaths'] > 0) hurt.push(`chết ${n(f['incidents.trafficDeaths'])} người`);
    if (f['incidents.trafficInjuries'] > 0) hurt.push(`bị thương ${n(f['incidents.trafficInjuries'])} người`);
    if (hurt.length > 0) s += ` làm ${hurt.join(', ')}`;
    clauses.push(s);
  }
  if (f['incidents.cat.chay_no'] > 0) clauses.push(`${n(f['incidents.cat.chay_no'])} vụ cháy, nổ nghiêm trọng`);
  if (f['incidents.cat.tai_nan_lao_dong'] > 0) clauses.push(`${n(f['incidents.cat.tai_nan_lao_dong'])} vụ tai nạn lao động chết người`);
  if (f['incidents.cat.su_co_nghiem_trong'] > 0) clauses.push(`${n(f['incidents.cat.su_co_nghiem_trong'])} sự cố nghiêm trọng khác`);
  if (f['incidents.cat.khieu_kien_dong_nguoi'] > 0) clauses.push(`${n(f['incidents.cat.khieu_kien_dong_nguoi'])} vụ khiếu kiện đông người`);
  if (f['incidents.cat.tu_diem_moi'] > 0) clauses.push(`phát sinh ${n(f['incidents.cat.tu_diem_moi'])} tụ điểm phức tạp mới`);
  if (f['incidents.cat.nguoi_te_nan_moi'] > 0) clauses.push(`phát sinh ${n(f['incidents.cat.nguoi_te_nan_moi'])} người mắc tệ nạn xã hội mới`);
  // Occurrences inside agencies, enterprises and schools, and disciplined members: named as listed.
  for (const c of cats.filter((c) => ['co_quan', 'ky_luat'].includes(INCIDENT_CATEGORY_INFO[c].group))) {
    const v = f[`incidents.cat.${c}`];
    if (v > 0) clauses.push(`${lowerFirst(INCIDENT_CATEGORY_INFO[c].label)}: ${n(v)} ${INCIDENT_CATEGORY_INFO[c].persons ? 'người' : 'vụ'}`);
  }
  let s = `${intro}, ${clauses.join('; ')}`;
  if (f['incidents.excused'] > 0) s += `; ${n(f['incidents.excused'])} vụ việc được xác nhận loại trừ (bất khả kháng hoặc đã phát hiện, xử lý kịp thời)`;
  return `${s}.`;
}

function awardsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['awards.total'] === 0) return 'Chưa có số liệu khen thưởng trong kỳ.';
  const who: string[] = [];
  if (f['awards.collectives'] > 0) who.push(`${n(f['awards.collectives'])} tập thể`);
  if (f['awards.individuals'] > 0) who.push(`${n(f['awards.individuals'])} cá nhân`);
  const forms = AWARD_FORMS.filter((a) => f[`awards.form.${a}`] > 0);
  const signed = forms.filter((a) => AWARD_FORM_INFO[a].signer !== null);
  const parts: string[] = [];
  if (signed.length > 0) {
    const documents = [...new Set(signed.map((a) => AWARD_FORM_INFO[a].document))];
    const signers = [...new Set(signed.map((a) => AWARD_FORM_INFO[a].signer!))];
    parts.push(`${documents.join(', ')} của ${joinVi(signers)}`);
  }
  for (const a of forms.filter((a) => AWARD_FORM_INFO[a].signer === null)) {
    parts.push(a === 'khac' ? `${n(f[`awards.form.${a}`])} hình thức khen thưởng khác` : `${n(f[`awards.form.${a}`])} ${AWARD_FORM_INFO[a].document}`);
  }
  return `${intro}, ${who.join(' và ')} có thành tích xuất sắc trong phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” được nhận ${parts.join('; ')}.`;
}

/** One sentence per report section, for the current period, from the figures only. */
export function periodSentences(x: SentenceInput): Record<PeriodSection, string> {
  const intro = periodIntro(x.period.from, x.period.to);
  return {
    propaganda: propagandaSentence(x, intro),
    events: eventsSentence(x, intro),
    models: modelsSection(x, intro),
    massOrgs: massOrgsSection(x),
    tips: tipsSentence(x, intro),
    mediations: mediationsSentence(x, intro),
    incidents: incidentsSentence(x, intro),
    awards: awardsSentence(x, intro),
  };
}
