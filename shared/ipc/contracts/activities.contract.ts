/**
 * Methods of the activity records (shared/domain/activities.ts): list, save one, save many (the
 * entry grid), delete and undo, and the informant of a tip, which only the tip's own detail view
 * asks for. Each kind's record schema is the one the grid also uses to check a row before sending.
 */
import { z } from 'zod';
import { count, isoDate, optionalText, pageRequest, requiredText, uuid, year } from '../common';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KINDS,
  AWARD_FORMS,
  AWARD_RECIPIENTS,
  EVENT_KINDS,
  EVENT_LEVELS,
  INCIDENT_CATEGORIES,
  INCIDENT_EXCUSES,
  MEDIATION_BASES,
  MEDIATION_CASE_TYPES,
  MEDIATION_OUTCOMES,
  PROPAGANDA_FORMS,
  PROPAGANDA_PURPOSES,
  TIP_CATEGORIES,
  TIP_CHANNELS,
  TIP_LEGAL_TYPES,
  TIP_OUTCOMES,
  TIP_STATUSES,
  type ActivityRecords,
} from '../../domain/activities';

export const activityKind = z.enum(ACTIVITY_KINDS, { error: 'Loại hoạt động không hợp lệ.' });

/** An amount of money in đồng (up to a million billion). */
function money(label: string) {
  return z
    .number({ error: `${label} phải là số.` })
    .int({ error: `${label} phải là số nguyên (đồng).` })
    .min(0, { error: `${label} không được âm.` })
    .max(1_000_000_000_000_000, { error: `${label} quá lớn.` });
}

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) => z.enum(values, { error: `${label} không hợp lệ.` });
const optionalDate = isoDate.nullable();

// ---------------------------------------------------------------------------------------------
// The record of each kind as entered (no id, no derived names)

export const propagandaInput = z
  .object({
    date: isoDate,
    unitId: uuid,
    organizationId: uuid.nullable(),
    purpose: choice(PROPAGANDA_PURPOSES, 'Loại buổi'),
    form: choice(PROPAGANDA_FORMS, 'Hình thức tuyên truyền'),
    topic: requiredText('Nội dung, chủ đề', 500),
    venue: optionalText('Địa điểm', 200),
    attendance: count('Lượt người'),
    leaflets: count('Số tờ rơi'),
    loudspeakerMinutes: count('Số phút phát loa'),
    posts: count('Số tin, bài'),
    newsletters: count('Số bản tin'),
    commitments: count('Số người ký cam kết'),
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const eventInput = z
  .object({
    date: isoDate,
    unitId: uuid,
    kind: choice(EVENT_KINDS, 'Loại sự kiện'),
    level: choice(EVENT_LEVELS, 'Cấp tổ chức'),
    title: requiredText('Tên sự kiện', 300),
    venue: optionalText('Địa điểm', 200),
    attendance: count('Lượt người'),
    opinionsRaised: count('Số ý kiến nêu ra'),
    opinionsAnswered: count('Số ý kiến đã trả lời'),
    gifts: count('Số suất quà'),
    giftsValue: money('Giá trị quà'),
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const tipInput = z
  .object({
    receivedOn: isoDate,
    unitId: uuid,
    channel: choice(TIP_CHANNELS, 'Kênh tiếp nhận'),
    category: choice(TIP_CATEGORIES, 'Lĩnh vực'),
    legalType: choice(TIP_LEGAL_TYPES, 'Loại tin về tội phạm').nullable(),
    valuable: z.boolean({ error: 'Ô "Có giá trị" chỉ nhận có hoặc không.' }),
    summary: requiredText('Nội dung tóm tắt', 1000),
    status: choice(TIP_STATUSES, 'Tình trạng'),
    outcome: choice(TIP_OUTCOMES, 'Kết quả giải quyết').nullable(),
    resolvedOn: optionalDate,
    extensions: z
      .number({ error: 'Số lần gia hạn phải là số.' })
      .int({ error: 'Số lần gia hạn phải là số nguyên.' })
      .min(0, { error: 'Số lần gia hạn không được âm.' })
      .max(2, { error: 'Nguồn tin về tội phạm được gia hạn tối đa 2 lần.' }),
    criminalCases: count('Số vụ án hình sự'),
    administrativeCases: count('Số vụ xử lý hành chính'),
    personsHandled: count('Số đối tượng bị xử lý'),
    wantedArrested: count('Số đối tượng truy nã bị bắt'),
    wantedSurrendered: count('Số đối tượng truy nã đầu thú'),
    weapons: count('Số súng thu hồi'),
    ammunition: count('Số viên đạn thu hồi'),
    explosivesKg: count('Số kg vật liệu nổ thu hồi'),
    supportTools: count('Số công cụ hỗ trợ thu hồi'),
    assetsValue: money('Giá trị tài sản thu hồi'),
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const mediationInput = z
  .object({
    receivedOn: isoDate,
    unitId: uuid,
    teamId: uuid.nullable(),
    basis: choice(MEDIATION_BASES, 'Căn cứ hòa giải'),
    caseType: choice(MEDIATION_CASE_TYPES, 'Loại vụ việc'),
    summary: requiredText('Nội dung vụ việc', 1000),
    outcome: choice(MEDIATION_OUTCOMES, 'Kết quả hòa giải'),
    closedOn: optionalDate,
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const incidentInput = z
  .object({
    occurredOn: isoDate,
    unitId: uuid,
    organizationId: uuid.nullable(),
    category: choice(INCIDENT_CATEGORIES, 'Loại vụ việc'),
    count: count('Số vụ (người)').min(1, { error: 'Số vụ (người) phải từ 1 trở lên.' }),
    solved: count('Số vụ đã làm rõ'),
    deaths: count('Số người chết'),
    injuries: count('Số người bị thương'),
    description: optionalText('Mô tả', 1000),
    excuse: choice(INCIDENT_EXCUSES, 'Căn cứ loại trừ').nullable(),
    excuseReason: optionalText('Lý do loại trừ', 1000),
    excuseApprovedBy: optionalText('Người xác nhận loại trừ', 200),
    excuseApprovedOn: optionalDate,
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const awardInput = z
  .object({
    year,
    unitId: uuid,
    recipient: choice(AWARD_RECIPIENTS, 'Đối tượng khen thưởng'),
    recipientName: requiredText('Tên tập thể, cá nhân', 300),
    organizationId: uuid.nullable(),
    form: choice(AWARD_FORMS, 'Hình thức khen thưởng'),
    /** Empty: the backend fills the usual issuer of the form. */
    issuer: z.string().trim().max(200, { error: 'Cơ quan khen thưởng quá dài (tối đa 200 ký tự).' }),
    decisionNumber: optionalText('Số quyết định', 100),
    decisionDate: optionalDate,
    occasion: optionalText('Dịp khen thưởng', 300),
    note: optionalText('Ghi chú', 1000),
  })
  .strict();

export const ACTIVITY_INPUTS = {
  propaganda: propagandaInput,
  events: eventInput,
  tips: tipInput,
  mediations: mediationInput,
  incidents: incidentInput,
  awards: awardInput,
} as const;

// ---------------------------------------------------------------------------------------------
// Rows as lists show them: the record, its id and stamps, and the names of what it refers to

const stamps = { id: z.string(), unitName: z.string(), createdAt: z.string(), updatedAt: z.string() };
const orgName = { organizationName: z.string().nullable() };

export const propagandaRow = propagandaInput.extend({ ...stamps, ...orgName });
export const eventRow = eventInput.extend(stamps);
export const tipRow = tipInput.extend({
  ...stamps,
  /** The legal time limit (null for non-criminal tips) and where the tip stands against it today. */
  deadline: z.string().nullable(),
  timing: z.enum(['khong_thoi_han', 'trong_han', 'qua_han', 'dung_han', 'tre_han', 'da_chuyen']),
});
export const mediationRow = mediationInput.extend({ ...stamps, teamName: z.string().nullable() });
export const incidentRow = incidentInput.extend({ ...stamps, ...orgName });
/** A stored award: `recipientName` null when not known here (at the province, left out of the office's file). */
export const awardRow = awardInput.extend({ ...stamps, ...orgName, recipientName: z.string().nullable() });

export type PropagandaRow = z.infer<typeof propagandaRow>;
export type EventRow = z.infer<typeof eventRow>;
export type TipRow = z.infer<typeof tipRow>;
export type MediationRow = z.infer<typeof mediationRow>;
export type IncidentRow = z.infer<typeof incidentRow>;
export type AwardRow = z.infer<typeof awardRow>;

export interface ActivityRows {
  propaganda: PropagandaRow;
  events: EventRow;
  tips: TipRow;
  mediations: MediationRow;
  incidents: IncidentRow;
  awards: AwardRow;
}
export type ActivityInputs = { [K in keyof typeof ACTIVITY_INPUTS]: z.infer<(typeof ACTIVITY_INPUTS)[K]> };

// Rows satisfy the domain records, so the period figures can read them as they are.
type Satisfies<A extends B, B> = A;
export type _RowsAreRecords = [
  Satisfies<PropagandaRow, ActivityRecords['propaganda']>,
  Satisfies<EventRow, ActivityRecords['events']>,
  Satisfies<TipRow, ActivityRecords['tips']>,
  Satisfies<MediationRow, ActivityRecords['mediations']>,
  Satisfies<IncidentRow, ActivityRecords['incidents']>,
  Satisfies<AwardRow, ActivityRecords['awards']>,
];

// ---------------------------------------------------------------------------------------------
// Inputs of the methods

export const activityFilter = z
  .object({
    kind: activityKind,
    /** Records of this unit and of the units below it or merged into them; null = the whole office. */
    unitId: uuid.nullable(),
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    search: z.string().max(200),
    /** One value of the kind's main enum (form, event kind, tip category, case type, incident category, award form). */
    category: z.string().max(100).nullable(),
  })
  .strict();
export type ActivityFilter = z.infer<typeof activityFilter>;

/**
 * The orders an activity page can ask for: 'default' (placement date newest first, then unit and
 * record text in Vietnamese order) or a field of the kind (the service refuses another kind's field).
 */
export const ACTIVITY_SORT_KEYS = ['default', ...new Set(ACTIVITY_KINDS.flatMap((k) => ACTIVITY_FIELDS[k].map((f) => f.key)))] as [
  'default',
  ...string[],
];
export type ActivitySortKey = (typeof ACTIVITY_SORT_KEYS)[number];

/** A page of one kind: its rows, the whole filtered list's size and totals, and its newest record. */
const pageOf = <K extends keyof ActivityRows>(kind: K, row: z.ZodType<ActivityRows[K]>) =>
  z.object({
    kind: z.literal(kind),
    offset: z.number().int().min(0),
    total: z.number().int().min(0),
    rows: z.array(row),
    /** Field key → sum over the whole filtered list (a yes/no field: how many are yes). */
    totals: z.record(z.string(), z.number()),
    /** The record created last among the filtered ones (the form carries its values); null when none. */
    newest: row.nullable(),
  });

const saveOne = <K extends keyof typeof ACTIVITY_INPUTS>(kind: K) =>
  z.object({ kind: z.literal(kind), id: uuid.nullable(), record: ACTIVITY_INPUTS[kind] }).strict();
const saveMany = <K extends keyof typeof ACTIVITY_INPUTS>(kind: K) =>
  z
    .object({
      kind: z.literal(kind),
      records: z
        .array(ACTIVITY_INPUTS[kind])
        .min(1, { error: 'Chưa có dòng nào để lưu.' })
        .max(5000, { error: 'Mỗi lần lưu tối đa 5.000 dòng.' }),
    })
    .strict();
const rowsOf = <K extends keyof ActivityRows>(kind: K, row: z.ZodType<ActivityRows[K]>) =>
  z.object({ kind: z.literal(kind), rows: z.array(row) });
const rowOf = <K extends keyof ActivityRows>(kind: K, row: z.ZodType<ActivityRows[K]>) => z.object({ kind: z.literal(kind), row });

const anyRows = z.discriminatedUnion('kind', [
  rowsOf('propaganda', propagandaRow),
  rowsOf('events', eventRow),
  rowsOf('tips', tipRow),
  rowsOf('mediations', mediationRow),
  rowsOf('incidents', incidentRow),
  rowsOf('awards', awardRow),
]);
const anyPage = z.discriminatedUnion('kind', [
  pageOf('propaganda', propagandaRow),
  pageOf('events', eventRow),
  pageOf('tips', tipRow),
  pageOf('mediations', mediationRow),
  pageOf('incidents', incidentRow),
  pageOf('awards', awardRow),
]);
const anyRow = z.discriminatedUnion('kind', [
  rowOf('propaganda', propagandaRow),
  rowOf('events', eventRow),
  rowOf('tips', tipRow),
  rowOf('mediations', mediationRow),
  rowOf('incidents', incidentRow),
  rowOf('awards', awardRow),
]);

export const informantInput = z
  .object({
    name: optionalText('Họ tên người cung cấp tin', 200),
    phone: optionalText('Số điện thoại', 30),
    address: optionalText('Địa chỉ', 300),
    idNumber: optionalText('Số giấy tờ tùy thân', 30),
    note: optionalText('Ghi chú về người cung cấp tin', 1000),
  })
  .strict();
export type InformantInput = z.infer<typeof informantInput>;

export const activitiesContract = {
  'activities.list': {
    input: activityFilter,
    output: anyRows,
  },
  /** One page of a kind's list, filtered, searched, sorted and totalled in SQL (2 M rows at a province). */
  'activities.page': {
    input: activityFilter.extend({ page: pageRequest(ACTIVITY_SORT_KEYS) }).strict(),
    output: anyPage,
  },
  /**
   * How far the backfill of the lists' stored keys is (the first open after the upgrade to 0025):
   * rows keyed of those found unkeyed; null when every key is stored. The lists stay correct meanwhile.
   */
  'activities.keysProgress': {
    input: z.object({}).strict(),
    output: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).strict().nullable(),
  },
  'activities.get': {
    input: z.object({ kind: activityKind, id: uuid }).strict(),
    output: anyRow,
  },
  /** Create (id null) or update one record. */
  'activities.save': {
    input: z.discriminatedUnion('kind', [
      saveOne('propaganda'),
      saveOne('events'),
      saveOne('tips'),
      saveOne('mediations'),
      saveOne('incidents'),
      saveOne('awards'),
    ]),
    output: anyRow,
  },
  /** The entry grid: all rows are created, or none (errors keyed "records.<index>.<field>"). */
  'activities.saveMany': {
    input: z.discriminatedUnion('kind', [
      saveMany('propaganda'),
      saveMany('events'),
      saveMany('tips'),
      saveMany('mediations'),
      saveMany('incidents'),
      saveMany('awards'),
    ]),
    output: z.object({ ids: z.array(z.string()) }),
  },
  /** Moves a record to the bin; `activities.restore` undoes it. */
  'activities.delete': {
    input: z.object({ kind: activityKind, id: uuid }).strict(),
    output: z.object({ id: z.string(), deletedAt: z.string() }),
  },
  'activities.restore': {
    input: z.object({ kind: activityKind, id: uuid }).strict(),
    output: anyRow,
  },
  /**
   * Records deleted recently (the bin), newest first, so a deletion can be undone later too. Tips
   * carry `informantErased` (its informant was erased for good when it was deleted) only for the
   * roles that may see informants (`tips.informant`); for other roles and other kinds it is absent.
   */
  'activities.deleted': {
    input: z.object({ kind: activityKind }).strict(),
    output: z.object({
      rows: z.array(z.object({ id: z.string(), label: z.string(), deletedAt: z.string(), informantErased: z.boolean().optional() })),
    }),
  },
  /** The informant of one tip: asked for only by the tip's detail view, never listed or exported. */
  'tips.informant': {
    input: z.object({ tipId: uuid }).strict(),
    output: z.object({ informant: informantInput.extend({ updatedAt: z.string() }).nullable() }),
  },
  /** Whether a live tip has an informant, never who: the warning before deleting it (the informant is erased for good). */
  'tips.hasInformant': {
    input: z.object({ tipId: uuid }).strict(),
    output: z.object({ hasInformant: z.boolean() }),
  },
  'tips.setInformant': {
    input: z.object({ tipId: uuid, informant: informantInput.nullable() }).strict(),
    output: z.object({ saved: z.boolean() }),
  },
} as const;
