/**
 * The indicators of the period figures (domain.md §9.2): one flat list (`INDICATORS`), each with its
 * section, label, unit and how it adds up.
 */
import {
  AWARD_FORMS,
  AWARD_FORM_INFO,
  CRIME_CATEGORIES,
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  EVENT_LEVELS,
  EVENT_LEVEL_LABELS,
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
  TIP_CHANNELS,
  TIP_CHANNEL_LABELS,
  TIP_LEGAL_TYPES,
  TIP_LEGAL_TYPE_LABELS,
  TIP_OUTCOMES,
  TIP_OUTCOME_LABELS,
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
  type TipChannel,
  type TipLegalType,
  type TipOutcome,
} from '../activities';
import type { ModelFigures } from '../overview';
import { HD01_LEVELS, RATING_LABELS, type Hd01Level } from '../mass-orgs';
import { CLASS_IDS, CLASS_LABELS, type ClassId } from '../criteria/rubric';
import { LEADERSHIP_DOC_TYPES, LEADERSHIP_DOC_TYPE_LABELS, type LeadershipDocType } from '../leadership';
import { CRIME_FIELDS, CRIME_FIELD_LABELS, type CrimeField } from './incident-rules';

export const PERIOD_SECTIONS = [
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
] as const;
export type PeriodSection = (typeof PERIOD_SECTIONS)[number];

/** The report's order and wording of its sections (domain.md §9.1). */
export const PERIOD_SECTION_TITLES: Readonly<Record<PeriodSection, string>> = {
  leadership: 'Công tác lãnh đạo, chỉ đạo',
  propaganda: 'Tuyên truyền, vận động',
  events: 'Ngày hội và diễn đàn "Công an lắng nghe ý kiến Nhân dân"',
  models: 'Xây dựng, nhân rộng mô hình',
  massOrgs: 'Tổ chức quần chúng tham gia bảo vệ ANTT',
  organizations: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
  tips: 'Nguồn tin của quần chúng và kết quả',
  mediations: 'Hòa giải, quản lý giáo dục đối tượng',
  incidents: 'Tình hình tội phạm, tệ nạn xã hội, tai nạn',
  classification: 'Phân loại phong trào (Quyết định 510)',
  awards: 'Thi đua, khen thưởng',
};

/** Forms whose records are publications, not sessions ("buổi"). */
export const PUBLICATION_FORMS: readonly PropagandaForm[] = ['ban_tin', 'mang_xa_hoi', 'bao_dai'];

/** Incident groups whose categories all count cases (vụ), so a group total means something. */
export const CASE_GROUPS = ['te_nan', 'an_ninh', 'su_co'] as const satisfies readonly IncidentGroup[];
export type CaseGroup = (typeof CASE_GROUPS)[number];

export const MANAGEMENT_CATEGORIES: readonly IncidentCategory[] = ['dua_vao_quan_ly', 'dua_ra_khoi_quan_ly'];

type StaticActivityKey =
  | 'propaganda.records'
  | 'propaganda.sessions'
  | 'propaganda.launchSessions'
  | 'propaganda.attendance'
  | 'propaganda.loudspeakerSessions'
  | 'propaganda.loudspeakerMinutes'
  | 'propaganda.loudspeakerAttendance'
  | 'propaganda.directSessions'
  | 'propaganda.directAttendance'
  | 'propaganda.leaflets'
  | 'propaganda.posts'
  | 'propaganda.newsletters'
  | 'propaganda.commitments'
  | 'events.total'
  | 'events.attendance'
  | 'events.opinionsRaised'
  | 'events.opinionsAnswered'
  | 'events.gifts'
  | 'events.giftsValue'
  | 'tips.total'
  | 'tips.public'
  | 'tips.valuable'
  | 'tips.criminal'
  | 'tips.resolved'
  | 'tips.transferred'
  | 'tips.pending'
  | 'tips.inTime'
  | 'tips.late'
  | 'tips.withinLimit'
  | 'tips.overdue'
  | 'tips.criminalTransferred'
  | 'tips.criminalCases'
  | 'tips.administrativeCases'
  | 'tips.personsHandled'
  | 'tips.wantedArrested'
  | 'tips.wantedSurrendered'
  | 'tips.weapons'
  | 'tips.ammunition'
  | 'tips.explosivesKg'
  | 'tips.supportTools'
  | 'tips.assetsValue'
  | 'mediations.total'
  | 'incidents.records'
  | 'incidents.crimes'
  | 'incidents.crimesSolved'
  | 'incidents.graveCrimes'
  | 'incidents.fieldUnknown'
  | 'incidents.trafficDeaths'
  | 'incidents.trafficInjuries'
  | 'incidents.excused'
  | 'awards.total'
  | 'awards.collectives'
  | 'awards.individuals';

export type DerivedKey = 'propaganda.minutesPerSession' | 'mediations.successRate' | 'incidents.solvedRate';

export type ActivityIndicatorKey =
  | StaticActivityKey
  | DerivedKey
  | `propaganda.form.${PropagandaForm}.records`
  | `propaganda.form.${PropagandaForm}.attendance`
  | `events.kind.${EventKind}.count`
  | `events.kind.${EventKind}.attendance`
  | `events.ngayHoi.${EventLevel}`
  | `tips.category.${TipCategory}`
  | `tips.channel.${TipChannel}`
  | `tips.legal.${TipLegalType}`
  | `tips.outcome.${TipOutcome}`
  | `mediations.outcome.${MediationOutcome}`
  | `mediations.caseType.${MediationCaseType}`
  | `incidents.cat.${IncidentCategory}`
  | `incidents.group.${CaseGroup}`
  | `incidents.excuse.${IncidentExcuse}`
  | `incidents.field.${CrimeField}`
  | `awards.form.${AwardForm}`;

export type RegistryIndicatorKey =
  | `models.${keyof ModelFigures}`
  | 'massOrgs.organizations'
  | 'massOrgs.members'
  | 'massOrgs.effective'
  | 'organizations.total'
  | 'organizations.eligible'
  | `organizations.${'co_quan' | 'doanh_nghiep' | 'co_so_giao_duc'}`;

/** Subjects of a Decision 510 classification, as a report groups them. */
export const CLASS_GROUPS = ['khu_dan_cu', 'don_vi', 'to_chuc'] as const;
export type ClassGroup = (typeof CLASS_GROUPS)[number];
export const CLASS_GROUP_LABELS: Readonly<Record<ClassGroup, string>> = {
  khu_dan_cu: 'Khu dân cư',
  don_vi: 'Xã, phường, thị trấn, đặc khu',
  to_chuc: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
};

/**
 * Figures of the report that neither activity records nor the HD22 registries give: leadership
 * documents issued in the period, Tổ bảo vệ ANTT ratings of the year (HD01), and Decision 510
 * classes of the year (rubric scores).
 */
export type ReportIndicatorKey =
  | 'leadership.total'
  | `leadership.type.${LeadershipDocType}`
  | 'teams.rated'
  | `teams.rating.${Hd01Level}`
  | `classes.${ClassGroup}.total`
  | `classes.${ClassGroup}.${ClassId}`;

export type IndicatorKey = ActivityIndicatorKey | RegistryIndicatorKey | ReportIndicatorKey;

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

// Lãnh đạo, chỉ đạo
def('leadership.total', 'leadership', 'Văn bản lãnh đạo, chỉ đạo đã ban hành', 'văn bản');
for (const t of LEADERSHIP_DOC_TYPES) def(`leadership.type.${t}`, 'leadership', LEADERSHIP_DOC_TYPE_LABELS[t], 'văn bản', sub);

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

// Tổ chức quần chúng
def('massOrgs.organizations', 'massOrgs', 'Tổ chức quần chúng', 'tổ chức', { additivity: 'registry' });
def('massOrgs.members', 'massOrgs', 'Thành viên', 'người', { ...sub, additivity: 'registry' });
def('massOrgs.effective', 'massOrgs', 'Tổ chức hoạt động hiệu quả', 'tổ chức', { ...sub, additivity: 'registry' });
def('teams.rated', 'massOrgs', 'Tổ bảo vệ ANTT được xếp loại (Hướng dẫn 01)', 'tổ', { additivity: 'registry' });
for (const l of HD01_LEVELS) def(`teams.rating.${l}`, 'massOrgs', RATING_LABELS[l], 'tổ', { ...sub, additivity: 'registry' });

// Cơ quan, doanh nghiệp, cơ sở giáo dục (a section of its own, issue 14 item 8)
def('organizations.total', 'organizations', 'Cơ quan, doanh nghiệp, cơ sở giáo dục trên địa bàn', 'đơn vị', { additivity: 'registry' });
def('organizations.co_quan', 'organizations', 'Cơ quan', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.doanh_nghiep', 'organizations', 'Doanh nghiệp', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.co_so_giao_duc', 'organizations', 'Cơ sở giáo dục', 'đơn vị', { ...sub, additivity: 'registry' });
def('organizations.eligible', 'organizations', 'Thuộc diện áp dụng Thông tư 124', 'đơn vị', { ...sub, additivity: 'registry' });

// Nguồn tin
def('tips.public', 'tips', 'Nguồn tin quần chúng cung cấp', 'nguồn tin');
def('tips.valuable', 'tips', 'Trong đó: nguồn tin có giá trị', 'nguồn tin', sub);
for (const c of TIP_CHANNELS) def(`tips.channel.${c}`, 'tips', `Kênh tiếp nhận: ${TIP_CHANNEL_LABELS[c].toLowerCase()}`, 'nguồn tin', sub);
def('tips.total', 'tips', 'Nguồn tin đã tiếp nhận (kể cả kiến nghị khởi tố của cơ quan nhà nước)', 'nguồn tin');
for (const c of TIP_CATEGORIES) def(`tips.category.${c}`, 'tips', `Lĩnh vực ${TIP_CATEGORY_LABELS[c].toLowerCase()}`, 'nguồn tin', sub);
def('tips.resolved', 'tips', 'Đã giải quyết', 'nguồn tin', sub);
def('tips.transferred', 'tips', 'Đã chuyển cơ quan có thẩm quyền', 'nguồn tin', sub);
def('tips.pending', 'tips', 'Đang kiểm tra, xác minh', 'nguồn tin', sub);
def('tips.criminal', 'tips', 'Tố giác, tin báo về tội phạm, kiến nghị khởi tố', 'tin');
for (const t of TIP_LEGAL_TYPES) def(`tips.legal.${t}`, 'tips', TIP_LEGAL_TYPE_LABELS[t], 'tin', sub);
def('tips.inTime', 'tips', 'Giải quyết đúng thời hạn', 'tin', sub);
def('tips.late', 'tips', 'Giải quyết quá thời hạn', 'tin', sub);
def('tips.withinLimit', 'tips', 'Đang giải quyết, còn trong thời hạn', 'tin', sub);
def('tips.criminalTransferred', 'tips', 'Đã chuyển cơ quan có thẩm quyền (không tính quá hạn)', 'tin', sub);
def('tips.overdue', 'tips', 'Quá thời hạn, chưa giải quyết (đơn vị tự giải quyết)', 'tin', sub);
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
for (const t of MEDIATION_CASE_TYPES)
  def(`mediations.caseType.${t}`, 'mediations', `Loại ${MEDIATION_CASE_TYPE_LABELS[t].toLowerCase()}`, 'vụ việc', sub);
for (const c of MANAGEMENT_CATEGORIES) def(`incidents.cat.${c}`, 'mediations', INCIDENT_CATEGORY_INFO[c].label, 'đối tượng');

// Tội phạm, tệ nạn, tai nạn, vụ việc về ANTT
def('incidents.crimes', 'incidents', 'Vụ phạm tội', 'vụ');
def('incidents.crimesSolved', 'incidents', 'Đã điều tra làm rõ', 'vụ', sub);
def('incidents.solvedRate', 'incidents', 'Tỷ lệ điều tra làm rõ', '%', { ...sub, additivity: 'derived', format: 'percent' });
def('incidents.graveCrimes', 'incidents', 'Trọng án (theo danh mục đơn vị đã chọn)', 'vụ', sub);
for (const f of CRIME_FIELDS) def(`incidents.field.${f}`, 'incidents', `Tội phạm về ${CRIME_FIELD_LABELS[f].toLowerCase()}`, 'vụ', sub);
def('incidents.fieldUnknown', 'incidents', 'Tội phạm chưa xác định lĩnh vực', 'vụ', sub);
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

// Phân loại phong trào (Quyết định 510)
for (const g of CLASS_GROUPS) {
  def(`classes.${g}.total`, 'classification', `${CLASS_GROUP_LABELS[g]} đã xếp loại`, 'đơn vị', { additivity: 'registry' });
  for (const c of CLASS_IDS) def(`classes.${g}.${c}`, 'classification', CLASS_LABELS[c], 'đơn vị', { ...sub, additivity: 'registry' });
}

// Khen thưởng
def('awards.total', 'awards', 'Lượt khen thưởng', 'lượt');
def('awards.collectives', 'awards', 'Tập thể được khen thưởng', 'tập thể', { additivity: 'distinct' });
def('awards.individuals', 'awards', 'Cá nhân được khen thưởng', 'cá nhân', { additivity: 'distinct' });
for (const f of AWARD_FORMS) def(`awards.form.${f}`, 'awards', AWARD_FORM_INFO[f].label, 'lượt', sub);

/** Every indicator in the report's order. */
export const INDICATORS: readonly IndicatorDef[] = defs;
export const INDICATOR_BY_KEY: ReadonlyMap<IndicatorKey, IndicatorDef> = new Map(defs.map((x) => [x.key, x]));

const isActivityKey = (k: IndicatorKey): k is ActivityIndicatorKey =>
  !/^(models|massOrgs|organizations|leadership|teams|classes)\./.test(k);
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
export type ReportFigures = Record<ReportIndicatorKey, number>;

const isReportKey = (k: IndicatorKey): k is ReportIndicatorKey => /^(leadership|teams|classes)\./.test(k);
export const REPORT_INDICATOR_KEYS: readonly ReportIndicatorKey[] = defs.map((x) => x.key).filter(isReportKey);

export function emptyReportFigures(): ReportFigures {
  const out = {} as ReportFigures;
  for (const k of REPORT_INDICATOR_KEYS) out[k] = 0;
  return out;
}

export function emptyFigures(): ActivityFigures {
  const out = {} as ActivityFigures;
  for (const k of ACTIVITY_INDICATOR_KEYS) out[k] = 0;
  return out;
}
