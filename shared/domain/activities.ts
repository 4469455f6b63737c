/**
 * Activity records of the movement (domain.md §4.4): propaganda and launch sessions, events,
 * tips from the public and what came of them, mediations, incident statistics and awards. Pure:
 * the kinds, their enums with Vietnamese labels, the field list each screen, grid and Excel sheet
 * is built from, and the few rules that belong to the records themselves (the legal time limit of a
 * criminal tip, the date that places a record in a period).
 *
 * Every record has an id, a unit (the place it belongs to, rolled up through merges by the period
 * figures) and one placement date (`placementDate`): the day that decides which period it counts
 * in. Awards count in their achievement year (năm thành tích), not on the day the decision was
 * signed, because year-end conferences hand out the previous year's awards in the next spring.
 */
import { addMonthsIso, addDaysIso } from '../lib/dates';
import { OWNERSHIP_TEXTS } from './ownership';
import { EXCUSE_FIELD_HINT, INCIDENT_EXCUSE_LABELS } from './incident-categories';
import { INCIDENT_CATEGORY_LABELS, checkIncident, type IncidentRecord } from './incident-records';
import {
  AWARD_FORM_LABELS,
  AWARD_RECIPIENT_LABELS,
  EVENT_KIND_LABELS,
  EVENT_LEVEL_LABELS,
  MEDIATION_BASIS_LABELS,
  MEDIATION_CASE_TYPE_LABELS,
  MEDIATION_OUTCOME_LABELS,
  PROPAGANDA_FORM_LABELS,
  PROPAGANDA_PURPOSE_LABELS,
  TIP_CATEGORY_LABELS,
  TIP_CHANNEL_LABELS,
  TIP_LEGAL_TYPE_LABELS,
  TIP_OUTCOME_LABELS,
  TIP_STATUS_LABELS,
  type AwardRecord,
  type EventRecord,
  type MediationRecord,
  type PropagandaRecord,
  type TipRecord,
} from './activity-records';

export * from './activity-records';
export * from './incident-records';

export const ACTIVITY_KINDS = ['propaganda', 'events', 'tips', 'mediations', 'incidents', 'awards'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_TITLES: Readonly<Record<ActivityKind, string>> = {
  propaganda: 'Tuyên truyền, phát động',
  events: 'Ngày hội, diễn đàn, hội nghị',
  tips: 'Nguồn tin của quần chúng',
  mediations: 'Hòa giải ở cơ sở',
  incidents: 'Thống kê tình hình ANTT',
  awards: 'Khen thưởng',
};

/** A record in one row: what the Excel sheet and the screens call a single item of each kind. */
export const ACTIVITY_ITEM: Readonly<Record<ActivityKind, string>> = {
  propaganda: 'buổi tuyên truyền',
  events: 'sự kiện',
  tips: 'nguồn tin',
  mediations: 'vụ việc hòa giải',
  incidents: 'dòng thống kê',
  awards: 'khen thưởng',
};

// ---------------------------------------------------------------------------------------------
// Enums and their Vietnamese labels
// (propaganda, event, tip, mediation and award choices: activity-records.ts; incident groups and
// categories: incident-records.ts; both re-exported above)

export { INCIDENT_EXCUSES, INCIDENT_EXCUSE_LABELS, type IncidentExcuse } from './incident-categories';

// ---------------------------------------------------------------------------------------------
// Records (the shape the contract's DTOs satisfy; the period figures read these): each kind's
// record is in activity-records.ts (incidents: incident-records.ts).

export interface ActivityRecords {
  propaganda: PropagandaRecord;
  events: EventRecord;
  tips: TipRecord;
  mediations: MediationRecord;
  incidents: IncidentRecord;
  awards: AwardRecord;
}
export type AnyActivityRecord = ActivityRecords[ActivityKind];

// ---------------------------------------------------------------------------------------------
// The kind table: one home for what the service, the repository, the Excel sheet and the screens
// need to know about each kind. Everything else derives from it (and from ACTIVITY_FIELDS below).

type FieldOf<K extends ActivityKind> = keyof ActivityRecords[K] & string;

export interface ActivityKindInfo<K extends ActivityKind = ActivityKind> {
  /** The field that places a record in a period (the period figures, the list's dates, sorting). */
  placement: FieldOf<K>;
  /**
   * 'day': the placement field is a date. 'year': it is a year, and the record counts on 31/12 of
   * that year (awards count in their năm thành tích, not on the day the decision was signed).
   */
  placedBy: 'day' | 'year';
  /** The main enum: the list's category filter and the Excel sheet's kind filter. */
  category: FieldOf<K>;
  /** The field that names a record in messages (enum values by their label). */
  name: FieldOf<K>;
  /** The record's text in the bin and the sort after date and unit: these fields, non-empty ones joined. */
  title: { fields: readonly FieldOf<K>[]; join: string };
  /** The fields that tell a record apart from another on import (text compared without diacritics). */
  naturalKey: readonly FieldOf<K>[];
}

export const ACTIVITY_KIND_INFO: { readonly [K in ActivityKind]: ActivityKindInfo<K> } = {
  propaganda: {
    placement: 'date',
    placedBy: 'day',
    category: 'form',
    name: 'topic',
    title: { fields: ['topic'], join: '' },
    naturalKey: ['date', 'unitId', 'form', 'topic', 'venue'],
  },
  events: {
    placement: 'date',
    placedBy: 'day',
    category: 'kind',
    name: 'title',
    title: { fields: ['title'], join: '' },
    naturalKey: ['date', 'unitId', 'kind', 'title'],
  },
  tips: {
    placement: 'receivedOn',
    placedBy: 'day',
    category: 'category',
    name: 'summary',
    title: { fields: ['summary'], join: '' },
    naturalKey: ['receivedOn', 'unitId', 'summary'],
  },
  mediations: {
    placement: 'receivedOn',
    placedBy: 'day',
    category: 'caseType',
    name: 'summary',
    title: { fields: ['summary'], join: '' },
    naturalKey: ['receivedOn', 'unitId', 'summary'],
  },
  incidents: {
    placement: 'occurredOn',
    placedBy: 'day',
    category: 'category',
    name: 'category',
    title: { fields: ['category', 'description'], join: ': ' },
    naturalKey: ['occurredOn', 'unitId', 'organizationId', 'category', 'description'],
  },
  awards: {
    placement: 'year',
    placedBy: 'year',
    category: 'form',
    name: 'recipientName',
    title: { fields: ['recipientName', 'form'], join: ' – ' },
    naturalKey: ['year', 'unitId', 'recipient', 'recipientName', 'form', 'decisionNumber'],
  },
};

/** Does a record of this kind count for a whole year (on its 31/12) rather than on a day? */
export function placedByYear(kind: ActivityKind): boolean {
  return ACTIVITY_KIND_INFO[kind].placedBy === 'year';
}

/** The day that decides which period a record counts in (a year's records: its 31/12). */
export function placementDate<K extends ActivityKind>(kind: K, r: ActivityRecords[K]): string {
  const value = (r as unknown as Record<string, unknown>)[ACTIVITY_KIND_INFO[kind].placement];
  return placedByYear(kind) ? `${String(value)}-12-31` : String(value);
}

/**
 * A period's inclusive bounds (ISO dates) as values of the kind's placement field: the dates
 * themselves, or years for a kind placed on 31/12 (a year counts when its 31/12 is inside).
 */
export function placementBound(kind: ActivityKind, iso: string, end: 'from' | 'to'): string | number {
  if (!placedByYear(kind)) return iso;
  const y = Number(iso.slice(0, 4));
  return end === 'from' || iso >= `${y}-12-31` ? y : y - 1;
}

// ---------------------------------------------------------------------------------------------
// Tip time limits (Criminal Procedure Code 2015 art. 147)

/** tipDeadline's values by extensions and day received (about 3 × 365 per year of tips; cleared when full). */
const deadlines = new Map<string, string>();
const DEADLINES_KEPT = 20_000;

/**
 * The last day to decide on a criminal tip: 20 days after receipt; extended once to 2 months; and
 * once more by at most 2 months (4 months in all). Non-criminal tips (no legal type) have no
 * statutory limit: null.
 */
export function tipDeadline(t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'extensions'>): string | null {
  if (t.legalType === null) return null;
  // The deadline depends on the day received and the number of extensions (0, 1, 2 or more) only:
  // remembered per pair, since the period figures time tens of thousands of tips over a few thousand days.
  const ext = t.extensions <= 0 ? 0 : t.extensions === 1 ? 1 : 2;
  const key = `${ext}${t.receivedOn}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline = ext === 0 ? addDaysIso(t.receivedOn, 20) : addMonthsIso(t.receivedOn, ext === 1 ? 2 : 4);
    if (deadlines.size >= DEADLINES_KEPT) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return deadline;
}

export type TipTiming = 'khong_thoi_han' | 'trong_han' | 'qua_han' | 'dung_han' | 'tre_han' | 'da_chuyen';
export const TIP_TIMING_LABELS: Readonly<Record<TipTiming, string>> = {
  khong_thoi_han: 'Không áp dụng thời hạn',
  trong_han: 'Đang trong thời hạn',
  qua_han: 'Quá hạn, chưa giải quyết',
  dung_han: 'Giải quyết đúng hạn',
  tre_han: 'Giải quyết quá hạn',
  da_chuyen: 'Đã chuyển cơ quan có thẩm quyền (không tính thời hạn của đơn vị)',
};

/** Where a tip stands against its legal time limit on `today`. */
export function tipTiming(
  t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'extensions' | 'status' | 'resolvedOn'>,
  today: string,
): TipTiming {
  const deadline = tipDeadline(t);
  if (deadline === null) return 'khong_thoi_han';
  // A tip passed to the competent agency is settled there: never overdue in this office's figures.
  if (t.status === 'chuyen_co_quan_khac') return 'da_chuyen';
  if (t.status === 'dang_xu_ly' || t.resolvedOn === null) return today > deadline ? 'qua_han' : 'trong_han';
  return t.resolvedOn > deadline ? 'tre_han' : 'dung_han';
}

/** Cross-field rules of a tip, as Vietnamese messages keyed by field (empty when valid). */
export function checkTip(
  t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'status' | 'outcome' | 'resolvedOn' | 'extensions'>,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (t.outcome !== null && t.legalType === null)
    out['outcome'] = 'Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố.';
  if (t.extensions > 0 && t.legalType === null) out['extensions'] = 'Chỉ nguồn tin về tội phạm mới được gia hạn thời hạn giải quyết.';
  if (t.status === 'da_giai_quyet' && t.resolvedOn === null) out['resolvedOn'] = 'Nguồn tin đã giải quyết cần có ngày giải quyết.';
  if (t.status === 'dang_xu_ly' && (t.outcome !== null || t.resolvedOn !== null))
    out['status'] = 'Nguồn tin đang xử lý chưa có kết quả và ngày giải quyết; hãy chọn trạng thái "Đã giải quyết".';
  if (t.resolvedOn !== null && t.resolvedOn < t.receivedOn) out['resolvedOn'] = 'Ngày giải quyết không được trước ngày tiếp nhận.';
  return out;
}

/** Cross-field rules of a mediation (empty when valid). */
export function checkMediation(r: Pick<MediationRecord, 'receivedOn' | 'outcome' | 'closedOn'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.outcome !== 'dang_giai_quyet' && r.closedOn === null) out['closedOn'] = 'Vụ việc đã kết thúc cần có ngày kết thúc.';
  if (r.outcome === 'dang_giai_quyet' && r.closedOn !== null) out['closedOn'] = 'Vụ việc đang giải quyết chưa có ngày kết thúc.';
  if (r.closedOn !== null && r.closedOn < r.receivedOn) out['closedOn'] = 'Ngày kết thúc không được trước ngày tiếp nhận.';
  return out;
}

/** Cross-field rules of an event (empty when valid). */
export function checkEvent(r: Pick<EventRecord, 'kind' | 'opinionsRaised' | 'opinionsAnswered'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.opinionsAnswered > r.opinionsRaised) out['opinionsAnswered'] = 'Số ý kiến đã trả lời không được lớn hơn số ý kiến nêu ra.';
  if (r.kind !== 'lang_nghe' && r.opinionsRaised > 0)
    out['opinionsRaised'] = 'Chỉ diễn đàn "Công an lắng nghe ý kiến Nhân dân" mới ghi số ý kiến.';
  return out;
}

/** Cross-field rules of an award (empty when valid). */
export function checkAward(r: Pick<AwardRecord, 'year' | 'decisionDate'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.decisionDate !== null && Number(r.decisionDate.slice(0, 4)) < r.year) {
    out['decisionDate'] = `Quyết định khen thưởng thành tích năm ${r.year} không thể ký trước năm ${r.year}.`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fields: what a record of each kind holds, in the order the form, the grid and the Excel sheet
// show them. Which fields are list or grid columns, and how wide, are screen facts: the renderer's
// column layout (renderer/src/features/activities/layout.ts) says so, keyed by these keys.

export type FieldType = 'date' | 'unit' | 'org' | 'team' | 'enum' | 'int' | 'money' | 'text' | 'longtext' | 'bool' | 'year';

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Allowed values with their labels (type 'enum'). */
  options?: Readonly<Record<string, string>>;
  /** The grid and the quick form start from the previous row's value. */
  carry?: boolean;
  /** Short hint for the form and the Excel instructions. */
  hint?: string;
  /** Summed in the list's totals row and the grid footer. */
  total?: boolean;
}

const unitField: FieldSpec = { key: 'unitId', label: 'Đơn vị (xã, khu dân cư)', type: 'unit', required: true, carry: true };
const noteField: FieldSpec = { key: 'note', label: 'Ghi chú', type: 'text' };
const countField = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  label,
  type: 'int',
  total: true,
  ...extra,
});

export const ACTIVITY_FIELDS: Readonly<Record<ActivityKind, readonly FieldSpec[]>> = {
  propaganda: [
    { key: 'date', label: 'Ngày', type: 'date', required: true, carry: true },
    unitField,
    { key: 'purpose', label: 'Loại buổi', type: 'enum', options: PROPAGANDA_PURPOSE_LABELS, required: true, carry: true },
    { key: 'form', label: 'Hình thức', type: 'enum', options: PROPAGANDA_FORM_LABELS, required: true, carry: true },
    { key: 'topic', label: 'Nội dung, chủ đề', type: 'text', required: true, carry: true },
    { key: 'venue', label: 'Địa điểm', type: 'text' },
    {
      key: 'organizationId',
      label: 'Cơ quan, doanh nghiệp, trường học',
      type: 'org',
      hint: 'Khi buổi tuyên truyền tổ chức tại một cơ quan, doanh nghiệp, trường học.',
    },
    countField('attendance', 'Lượt người'),
    countField('leaflets', 'Tờ rơi'),
    countField('loudspeakerMinutes', 'Phút phát loa'),
    countField('posts', 'Tin, bài'),
    countField('newsletters', 'Bản tin'),
    countField('commitments', 'Ký cam kết'),
    noteField,
  ],
  events: [
    { key: 'date', label: 'Ngày', type: 'date', required: true, carry: true },
    unitField,
    { key: 'kind', label: 'Loại sự kiện', type: 'enum', options: EVENT_KIND_LABELS, required: true, carry: true },
    { key: 'level', label: 'Cấp tổ chức', type: 'enum', options: EVENT_LEVEL_LABELS, required: true, carry: true },
    { key: 'title', label: 'Tên sự kiện', type: 'text', required: true, carry: true },
    { key: 'venue', label: 'Địa điểm', type: 'text' },
    countField('attendance', 'Lượt người'),
    countField('opinionsRaised', 'Ý kiến nêu ra'),
    countField('opinionsAnswered', 'Ý kiến đã trả lời'),
    countField('gifts', 'Suất quà'),
    { key: 'giftsValue', label: 'Giá trị quà (đồng)', type: 'money', total: true },
    noteField,
  ],
  tips: [
    { key: 'receivedOn', label: 'Ngày tiếp nhận', type: 'date', required: true, carry: true },
    unitField,
    { key: 'channel', label: 'Kênh tiếp nhận', type: 'enum', options: TIP_CHANNEL_LABELS, required: true, carry: true },
    { key: 'category', label: 'Lĩnh vực', type: 'enum', options: TIP_CATEGORY_LABELS, required: true, carry: true },
    {
      key: 'legalType',
      label: 'Loại tin về tội phạm',
      type: 'enum',
      options: TIP_LEGAL_TYPE_LABELS,
      hint: 'Chỉ chọn khi là tố giác, tin báo về tội phạm hoặc kiến nghị khởi tố.',
    },
    { key: 'summary', label: 'Nội dung tóm tắt', type: 'text', required: true, hint: 'Không ghi tên, địa chỉ người cung cấp tin ở đây.' },
    { key: 'valuable', label: 'Có giá trị', type: 'bool', total: true },
    { key: 'status', label: 'Tình trạng', type: 'enum', options: TIP_STATUS_LABELS, required: true },
    { key: 'outcome', label: 'Kết quả giải quyết', type: 'enum', options: TIP_OUTCOME_LABELS },
    { key: 'resolvedOn', label: 'Ngày giải quyết', type: 'date' },
    {
      key: 'extensions',
      label: 'Số lần gia hạn',
      type: 'int',
      hint: '0: 20 ngày; 1: gia hạn đến 2 tháng; 2: gia hạn thêm không quá 2 tháng.',
    },
    countField('criminalCases', 'Vụ án hình sự khám phá'),
    countField('administrativeCases', 'Vụ xử lý hành chính'),
    countField('personsHandled', 'Đối tượng bị xử lý'),
    countField('wantedArrested', 'Truy nã bị bắt'),
    countField('wantedSurrendered', 'Truy nã đầu thú'),
    countField('weapons', 'Súng (khẩu)'),
    countField('ammunition', 'Đạn (viên)'),
    countField('explosivesKg', 'Vật liệu nổ (kg)'),
    countField('supportTools', 'Công cụ hỗ trợ (cái)'),
    { key: 'assetsValue', label: 'Tài sản thu hồi (đồng)', type: 'money', total: true },
    noteField,
  ],
  mediations: [
    { key: 'receivedOn', label: 'Ngày tiếp nhận', type: 'date', required: true, carry: true },
    unitField,
    { key: 'teamId', label: 'Tổ hòa giải', type: 'team', carry: true },
    { key: 'basis', label: 'Căn cứ hòa giải', type: 'enum', options: MEDIATION_BASIS_LABELS, required: true, carry: true },
    { key: 'caseType', label: 'Loại vụ việc', type: 'enum', options: MEDIATION_CASE_TYPE_LABELS, required: true, carry: true },
    { key: 'summary', label: 'Nội dung vụ việc', type: 'text', required: true },
    { key: 'outcome', label: 'Kết quả', type: 'enum', options: MEDIATION_OUTCOME_LABELS, required: true, carry: true },
    { key: 'closedOn', label: 'Ngày kết thúc', type: 'date' },
    noteField,
  ],
  incidents: [
    {
      key: 'occurredOn',
      label: 'Ngày xảy ra',
      type: 'date',
      required: true,
      carry: true,
      hint: 'Dòng gộp nhiều vụ: ghi ngày cuối của kỳ thống kê.',
    },
    unitField,
    {
      key: 'organizationId',
      label: 'Cơ quan, doanh nghiệp, trường học',
      type: 'org',
      hint: 'Khi vụ việc xảy ra trong một cơ quan, doanh nghiệp, cơ sở giáo dục.',
    },
    { key: 'category', label: 'Loại vụ việc', type: 'enum', options: INCIDENT_CATEGORY_LABELS, required: true, carry: true },
    countField('count', 'Số vụ (người)', { required: true }),
    countField('solved', 'Đã làm rõ'),
    countField('deaths', 'Người chết'),
    countField('injuries', 'Người bị thương'),
    { key: 'description', label: 'Mô tả', type: 'text' },
    { key: 'excuse', label: 'Căn cứ loại trừ', type: 'enum', options: INCIDENT_EXCUSE_LABELS, hint: EXCUSE_FIELD_HINT },
    { key: 'excuseReason', label: 'Lý do loại trừ', type: 'text' },
    { key: 'excuseApprovedBy', label: 'Người xác nhận loại trừ', type: 'text' },
    { key: 'excuseApprovedOn', label: 'Ngày xác nhận', type: 'date' },
    noteField,
  ],
  awards: [
    { key: 'year', label: 'Năm thành tích', type: 'year', required: true, carry: true },
    unitField,
    { key: 'recipient', label: 'Đối tượng', type: 'enum', options: AWARD_RECIPIENT_LABELS, required: true, carry: true },
    { key: 'recipientName', label: 'Tên tập thể, cá nhân', type: 'text', required: true },
    { key: 'organizationId', label: 'Cơ quan, doanh nghiệp, trường học', type: 'org' },
    { key: 'form', label: 'Hình thức khen thưởng', type: 'enum', options: AWARD_FORM_LABELS, required: true, carry: true },
    { key: 'issuer', label: 'Cơ quan khen thưởng', type: 'text', carry: true, hint: 'Để trống: lấy theo hình thức khen thưởng.' },
    { key: 'decisionNumber', label: 'Số quyết định', type: 'text', carry: true },
    { key: 'decisionDate', label: 'Ngày quyết định', type: 'date', carry: true },
    { key: 'occasion', label: 'Dịp khen thưởng', type: 'text', carry: true },
    noteField,
  ],
};

/** A field of a kind by key (a programming error when it does not exist). */
export function activityField(kind: ActivityKind, key: string): FieldSpec {
  const f = ACTIVITY_FIELDS[kind].find((x) => x.key === key);
  if (!f) throw new Error(`unknown field ${kind}.${key}`);
  return f;
}

/** A field's value as words: an enum by its label, text as it is, anything else as a string. */
function fieldText(kind: ActivityKind, key: string, r: Readonly<Record<string, unknown>>): string {
  const v = r[key];
  // A required field with no value: a personal value an office's file left out (stored NULL at the province).
  if (v === null && activityField(kind, key).required) return OWNERSHIP_TEXTS.unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return activityField(kind, key).options?.[v] ?? v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** The words that name a record in messages ("Phòng, chống ma túy"; an incident: its category). */
export function recordName(kind: ActivityKind, r: Readonly<Record<string, unknown>>): string {
  return fieldText(kind, ACTIVITY_KIND_INFO[kind].name, r);
}

/** The record's longer text: "Trộm cắp: mô tả", "Nguyễn Văn A – Giấy khen của Chủ tịch UBND xã". */
export function recordTitle(kind: ActivityKind, r: Readonly<Record<string, unknown>>): string {
  const { fields, join } = ACTIVITY_KIND_INFO[kind].title;
  return (fields as readonly string[])
    .map((key) => fieldText(kind, key, r))
    .filter((t) => t !== '')
    .join(join);
}

/** Default values of a new record of each kind (before carrying the previous row's values). */
export function emptyRecord(kind: ActivityKind, today: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ACTIVITY_FIELDS[kind]) {
    switch (f.type) {
      case 'int':
      case 'money':
        out[f.key] = 0;
        break;
      case 'bool':
        out[f.key] = false;
        break;
      case 'date':
        out[f.key] = f.required ? today : null;
        break;
      case 'year':
        out[f.key] = Number(today.slice(0, 4));
        break;
      case 'enum':
        out[f.key] = f.required ? Object.keys(f.options ?? {})[0] : null;
        break;
      case 'text':
      case 'longtext':
        out[f.key] = f.required ? '' : null;
        break;
      default:
        out[f.key] = null;
    }
  }
  if (kind === 'incidents') out['count'] = 1;
  if (kind === 'tips') out['status'] = 'dang_xu_ly';
  // An award's issuer may be left empty (the backend fills the usual one); a new mediation is open.
  if (kind === 'awards') out['issuer'] = '';
  if (kind === 'mediations') out['outcome'] = 'dang_giai_quyet';
  return out;
}

/** Cross-field rules of any kind, keyed by field (the zod schemas check each field alone). */
export function checkActivity(kind: ActivityKind, r: Record<string, unknown>): Record<string, string> {
  switch (kind) {
    case 'tips':
      return checkTip(r as unknown as TipRecord);
    case 'incidents':
      return checkIncident(r as unknown as IncidentRecord);
    case 'mediations':
      return checkMediation(r as unknown as MediationRecord);
    case 'events':
      return checkEvent(r as unknown as EventRecord);
    case 'awards':
      return checkAward(r as unknown as AwardRecord);
    default:
      return {};
  }
}
