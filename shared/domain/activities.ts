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
import { EXCUSE_FIELD_HINT, INCIDENT_EXCUSE_LABELS, allowedExcusesText, excuseAllowed, type IncidentExcuse } from './incident-categories';

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

export const PROPAGANDA_PURPOSES = ['tuyen_truyen', 'phat_dong'] as const;
export type PropagandaPurpose = (typeof PROPAGANDA_PURPOSES)[number];
export const PROPAGANDA_PURPOSE_LABELS: Readonly<Record<PropagandaPurpose, string>> = {
  tuyen_truyen: 'Tuyên truyền',
  phat_dong: 'Phát động phong trào',
};

export const PROPAGANDA_FORMS = [
  'truc_tiep',
  'loa_truyen_thanh',
  'to_roi',
  'ban_tin',
  'mang_xa_hoi',
  'bao_dai',
  'van_nghe',
  'hoi_thi',
  'chieu_phim',
  'khac',
] as const;
export type PropagandaForm = (typeof PROPAGANDA_FORMS)[number];
export const PROPAGANDA_FORM_LABELS: Readonly<Record<PropagandaForm, string>> = {
  truc_tiep: 'Trực tiếp',
  loa_truyen_thanh: 'Loa truyền thanh, xe loa',
  to_roi: 'Phát tờ rơi',
  ban_tin: 'Bản tin',
  mang_xa_hoi: 'Mạng xã hội',
  bao_dai: 'Báo, đài',
  van_nghe: 'Văn nghệ, sân khấu hóa',
  hoi_thi: 'Hội thi',
  chieu_phim: 'Chiếu phim',
  khac: 'Hình thức khác',
};

export const EVENT_KINDS = ['ngay_hoi', 'lang_nghe', 'so_ket', 'tong_ket', 'ra_mat_mo_hinh', 'khac'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Readonly<Record<EventKind, string>> = {
  ngay_hoi: 'Ngày hội toàn dân bảo vệ ANTQ',
  lang_nghe: 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"',
  so_ket: 'Hội nghị sơ kết',
  tong_ket: 'Hội nghị tổng kết',
  ra_mat_mo_hinh: 'Ra mắt mô hình',
  khac: 'Sự kiện khác',
};

export const EVENT_LEVELS = ['khu_dan_cu', 'xa', 'huyen', 'tinh'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];
export const EVENT_LEVEL_LABELS: Readonly<Record<EventLevel, string>> = {
  khu_dan_cu: 'Khu dân cư',
  xa: 'Cấp xã',
  huyen: 'Cấp huyện',
  tinh: 'Cấp tỉnh',
};

export const TIP_CHANNELS = ['truc_tiep', 'dien_thoai', 'don_thu', 'hop_thu', 'mang_xa_hoi', 'qua_to_chuc', 'khac'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];
export const TIP_CHANNEL_LABELS: Readonly<Record<TipChannel, string>> = {
  truc_tiep: 'Trực tiếp',
  dien_thoai: 'Điện thoại, đường dây nóng',
  don_thu: 'Đơn, thư',
  hop_thu: 'Hòm thư tố giác',
  mang_xa_hoi: 'Mạng xã hội, ứng dụng',
  qua_to_chuc: 'Qua tổ chức quần chúng, khu dân cư',
  khac: 'Kênh khác',
};

export const TIP_CATEGORIES = ['an_ninh', 'trat_tu', 'toi_pham', 'ma_tuy', 'te_nan', 'khac'] as const;
export type TipCategory = (typeof TIP_CATEGORIES)[number];
export const TIP_CATEGORY_LABELS: Readonly<Record<TipCategory, string>> = {
  an_ninh: 'An ninh',
  trat_tu: 'Trật tự xã hội',
  toi_pham: 'Tội phạm',
  ma_tuy: 'Ma túy',
  te_nan: 'Tệ nạn xã hội',
  khac: 'Khác',
};

/** Criminal Procedure Code 2015, art. 144: the three kinds of criminal information. */
export const TIP_LEGAL_TYPES = ['to_giac', 'tin_bao', 'kien_nghi_khoi_to'] as const;
export type TipLegalType = (typeof TIP_LEGAL_TYPES)[number];
export const TIP_LEGAL_TYPE_LABELS: Readonly<Record<TipLegalType, string>> = {
  to_giac: 'Tố giác về tội phạm',
  tin_bao: 'Tin báo về tội phạm',
  kien_nghi_khoi_to: 'Kiến nghị khởi tố',
};

export const TIP_STATUSES = ['dang_xu_ly', 'da_giai_quyet', 'chuyen_co_quan_khac'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
export const TIP_STATUS_LABELS: Readonly<Record<TipStatus, string>> = {
  dang_xu_ly: 'Đang kiểm tra, xác minh',
  da_giai_quyet: 'Đã giải quyết',
  chuyen_co_quan_khac: 'Đã chuyển cơ quan có thẩm quyền',
};

/** Criminal Procedure Code art. 147.3: the three decisions that end the check of a criminal tip. */
export const TIP_OUTCOMES = ['khoi_to', 'khong_khoi_to', 'tam_dinh_chi'] as const;
export type TipOutcome = (typeof TIP_OUTCOMES)[number];
export const TIP_OUTCOME_LABELS: Readonly<Record<TipOutcome, string>> = {
  khoi_to: 'Khởi tố vụ án',
  khong_khoi_to: 'Không khởi tố vụ án',
  tam_dinh_chi: 'Tạm đình chỉ giải quyết',
};

export const MEDIATION_BASES = ['yeu_cau', 'chung_kien', 'phan_cong'] as const;
export type MediationBasis = (typeof MEDIATION_BASES)[number];
export const MEDIATION_BASIS_LABELS: Readonly<Record<MediationBasis, string>> = {
  yeu_cau: 'Theo yêu cầu của các bên',
  chung_kien: 'Hòa giải viên chứng kiến, biết vụ việc',
  phan_cong: 'Theo phân công của tổ trưởng',
};

export const MEDIATION_CASE_TYPES = ['dat_dai', 'hon_nhan_gia_dinh', 'dan_su', 'lang_gieng', 'vi_pham_nhe', 'khac'] as const;
export type MediationCaseType = (typeof MEDIATION_CASE_TYPES)[number];
export const MEDIATION_CASE_TYPE_LABELS: Readonly<Record<MediationCaseType, string>> = {
  dat_dai: 'Đất đai',
  hon_nhan_gia_dinh: 'Hôn nhân và gia đình',
  dan_su: 'Dân sự, nợ nần',
  lang_gieng: 'Mâu thuẫn làng xóm, láng giềng',
  vi_pham_nhe: 'Vi phạm pháp luật nhỏ',
  khac: 'Loại khác',
};

export const MEDIATION_OUTCOMES = ['thanh', 'khong_thanh', 'dang_giai_quyet'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export const MEDIATION_OUTCOME_LABELS: Readonly<Record<MediationOutcome, string>> = {
  thanh: 'Hòa giải thành',
  khong_thanh: 'Hòa giải không thành',
  dang_giai_quyet: 'Đang giải quyết',
};

/**
 * Incident statistics: occurrences the criteria count (Circular 124 art. 4–7) and the report
 * quotes. Grouped for the screens; `excusable` marks the ones Circular 124 lets a person excuse
 * (force majeure, or detected and handled in time).
 */
export const INCIDENT_GROUPS = ['toi_pham', 'te_nan', 'an_ninh', 'su_co', 'xa_hoi', 'co_quan', 'ky_luat', 'quan_ly'] as const;
export type IncidentGroup = (typeof INCIDENT_GROUPS)[number];
export const INCIDENT_GROUP_LABELS: Readonly<Record<IncidentGroup, string>> = {
  toi_pham: 'Tội phạm (Điều 9 Bộ luật Hình sự)',
  te_nan: 'Tệ nạn xã hội, vi phạm pháp luật khác',
  an_ninh: 'Vụ việc về an ninh (Điều 4 khoản 3 Thông tư 124)',
  su_co: 'Cháy, nổ, tai nạn, sự cố',
  xa_hoi: 'Khiếu kiện, tụ điểm, người mắc tệ nạn',
  co_quan: 'Trong cơ quan, doanh nghiệp, cơ sở giáo dục',
  ky_luat: 'Kỷ luật lực lượng',
  quan_ly: 'Quản lý, giáo dục đối tượng',
};

export const INCIDENT_CATEGORIES = [
  'toi_pham_it_nghiem_trong',
  'toi_pham_nghiem_trong',
  'toi_pham_rat_nghiem_trong',
  'toi_pham_dac_biet_nghiem_trong',
  'te_nan_xa_hoi',
  'vi_pham_khac',
  'an_ninh_chong_dang',
  'an_ninh_pha_hoai',
  'an_ninh_dao_trai_phep',
  'an_ninh_loi_dung_ton_giao',
  'an_ninh_ly_khai',
  'an_ninh_tranh_chap',
  'an_ninh_kich_dong_khieu_kien',
  'chay_no',
  'tai_nan_lao_dong',
  'su_co_nghiem_trong',
  'tai_nan_giao_thong',
  'khieu_kien_dong_nguoi',
  'tu_diem_moi',
  'nguoi_te_nan_moi',
  'dinh_cong_trai_phep',
  'lo_bi_mat_nha_nuoc',
  'moi_truong_attp',
  'nhan_vien_vi_pham',
  'bao_luc_hoc_duong',
  'ky_luat_luc_luong_co_so',
  'ky_luat_cong_an_xa',
  'dua_vao_quan_ly',
  'dua_ra_khoi_quan_ly',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export interface IncidentCategoryInfo {
  label: string;
  group: IncidentGroup;
  /** Circular 124 lets a person excuse an occurrence (force majeure / detected and handled in time). */
  excusable: boolean;
  /** Counted in persons (đối tượng, người) rather than cases (vụ). */
  persons?: boolean;
}

export const INCIDENT_CATEGORY_INFO: Readonly<Record<IncidentCategory, IncidentCategoryInfo>> = {
  toi_pham_it_nghiem_trong: { label: 'Tội phạm ít nghiêm trọng', group: 'toi_pham', excusable: false },
  toi_pham_nghiem_trong: { label: 'Tội phạm nghiêm trọng', group: 'toi_pham', excusable: true },
  toi_pham_rat_nghiem_trong: { label: 'Tội phạm rất nghiêm trọng', group: 'toi_pham', excusable: true },
  toi_pham_dac_biet_nghiem_trong: { label: 'Tội phạm đặc biệt nghiêm trọng', group: 'toi_pham', excusable: true },
  te_nan_xa_hoi: { label: 'Vụ tệ nạn xã hội', group: 'te_nan', excusable: false },
  vi_pham_khac: { label: 'Vi phạm pháp luật khác về ANTT', group: 'te_nan', excusable: false },
  an_ninh_chong_dang: { label: 'Hoạt động chống Đảng, chính quyền, phá hoại khối đại đoàn kết', group: 'an_ninh', excusable: false },
  an_ninh_pha_hoai: { label: 'Phá hoại mục tiêu, công trình trọng điểm', group: 'an_ninh', excusable: false },
  an_ninh_dao_trai_phep: { label: 'Tuyên truyền, phát triển đạo trái pháp luật', group: 'an_ninh', excusable: false },
  an_ninh_loi_dung_ton_giao: { label: 'Lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp để gây rối', group: 'an_ninh', excusable: false },
  an_ninh_ly_khai: { label: 'Hoạt động ly khai, tự trị', group: 'an_ninh', excusable: false },
  an_ninh_tranh_chap: { label: 'Tranh chấp phức tạp, kéo dài trong Nhân dân', group: 'an_ninh', excusable: false },
  an_ninh_kich_dong_khieu_kien: { label: 'Kích động, lôi kéo khiếu kiện đông người, gây rối', group: 'an_ninh', excusable: false },
  chay_no: { label: 'Cháy, nổ nghiêm trọng', group: 'su_co', excusable: true },
  tai_nan_lao_dong: { label: 'Tai nạn lao động chết người', group: 'su_co', excusable: true },
  su_co_nghiem_trong: { label: 'Sự cố nghiêm trọng khác', group: 'su_co', excusable: true },
  tai_nan_giao_thong: { label: 'Tai nạn giao thông', group: 'su_co', excusable: false },
  khieu_kien_dong_nguoi: { label: 'Khiếu kiện đông người', group: 'xa_hoi', excusable: false },
  tu_diem_moi: { label: 'Tụ điểm phức tạp về TTXH phát sinh mới', group: 'xa_hoi', excusable: false },
  nguoi_te_nan_moi: { label: 'Người mắc tệ nạn xã hội phát sinh mới', group: 'xa_hoi', excusable: false, persons: true },
  dinh_cong_trai_phep: { label: 'Đình công, lãn công trái pháp luật', group: 'co_quan', excusable: false },
  lo_bi_mat_nha_nuoc: { label: 'Vi phạm quy định bảo vệ bí mật nhà nước', group: 'co_quan', excusable: false },
  moi_truong_attp: { label: 'Vi phạm môi trường, an toàn thực phẩm gây hậu quả nghiêm trọng', group: 'co_quan', excusable: true },
  nhan_vien_vi_pham: { label: 'Cán bộ, người lao động bị xử phạt về ANTT hoặc kỷ luật vì tệ nạn', group: 'co_quan', excusable: false, persons: true },
  bao_luc_hoc_duong: { label: 'Bạo lực học đường', group: 'co_quan', excusable: false },
  ky_luat_luc_luong_co_so: { label: 'Thành viên lực lượng bảo vệ ANTT ở cơ sở bị kỷ luật', group: 'ky_luat', excusable: false, persons: true },
  ky_luat_cong_an_xa: { label: 'Cán bộ Công an xã bị kỷ luật', group: 'ky_luat', excusable: false, persons: true },
  dua_vao_quan_ly: { label: 'Đối tượng đưa vào quản lý, giáo dục tại cộng đồng', group: 'quan_ly', excusable: false, persons: true },
  dua_ra_khoi_quan_ly: { label: 'Đối tượng đưa ra khỏi diện quản lý (tiến bộ)', group: 'quan_ly', excusable: false, persons: true },
};

export const INCIDENT_CATEGORY_LABELS: Readonly<Record<IncidentCategory, string>> = Object.fromEntries(
  INCIDENT_CATEGORIES.map((c) => [c, INCIDENT_CATEGORY_INFO[c].label]),
) as Record<IncidentCategory, string>;

/** Police usage: "trọng án" are the very serious and especially serious crimes. */
export const GRAVE_CRIME_CATEGORIES: readonly IncidentCategory[] = ['toi_pham_rat_nghiem_trong', 'toi_pham_dac_biet_nghiem_trong'];
export const CRIME_CATEGORIES: readonly IncidentCategory[] = INCIDENT_CATEGORIES.filter((c) => INCIDENT_CATEGORY_INFO[c].group === 'toi_pham');

export { INCIDENT_EXCUSES, INCIDENT_EXCUSE_LABELS, type IncidentExcuse } from './incident-categories';

export const AWARD_RECIPIENTS = ['tap_the', 'ca_nhan'] as const;
export type AwardRecipient = (typeof AWARD_RECIPIENTS)[number];
export const AWARD_RECIPIENT_LABELS: Readonly<Record<AwardRecipient, string>> = {
  tap_the: 'Tập thể',
  ca_nhan: 'Cá nhân',
};

export const AWARD_FORMS = [
  'bang_khen_bo_truong',
  'bang_khen_ubnd_tinh',
  'giay_khen_giam_doc_ca_tinh',
  'giay_khen_ubnd_huyen',
  'giay_khen_ubnd_xa',
  'ky_niem_chuong',
  'co_thi_dua',
  'khac',
] as const;
export type AwardForm = (typeof AWARD_FORMS)[number];

export interface AwardFormInfo {
  label: string;
  /** The kind of document ("Bằng khen", "Giấy khen", …) and who signs it, for sentences. */
  document: string;
  signer: string | null;
  /** Filled in the issuer field when the officer leaves it empty. */
  defaultIssuer: string;
}

export const AWARD_FORM_INFO: Readonly<Record<AwardForm, AwardFormInfo>> = {
  bang_khen_bo_truong: { label: 'Bằng khen của Bộ trưởng Bộ Công an', document: 'Bằng khen', signer: 'Bộ trưởng Bộ Công an', defaultIssuer: 'Bộ Công an' },
  bang_khen_ubnd_tinh: { label: 'Bằng khen của Chủ tịch UBND tỉnh', document: 'Bằng khen', signer: 'Chủ tịch UBND tỉnh', defaultIssuer: 'UBND tỉnh' },
  giay_khen_giam_doc_ca_tinh: { label: 'Giấy khen của Giám đốc Công an tỉnh', document: 'Giấy khen', signer: 'Giám đốc Công an tỉnh', defaultIssuer: 'Công an tỉnh' },
  giay_khen_ubnd_huyen: { label: 'Giấy khen của Chủ tịch UBND huyện', document: 'Giấy khen', signer: 'Chủ tịch UBND huyện', defaultIssuer: 'UBND huyện' },
  giay_khen_ubnd_xa: { label: 'Giấy khen của Chủ tịch UBND xã', document: 'Giấy khen', signer: 'Chủ tịch UBND xã', defaultIssuer: 'UBND xã' },
  ky_niem_chuong: { label: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', document: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', signer: null, defaultIssuer: 'Bộ Công an' },
  co_thi_dua: { label: 'Cờ thi đua', document: 'Cờ thi đua', signer: null, defaultIssuer: '' },
  khac: { label: 'Hình thức khác', document: 'khen thưởng', signer: null, defaultIssuer: '' },
};
export const AWARD_FORM_LABELS: Readonly<Record<AwardForm, string>> = Object.fromEntries(
  AWARD_FORMS.map((f) => [f, AWARD_FORM_INFO[f].label]),
) as Record<AwardForm, string>;

// ---------------------------------------------------------------------------------------------
// Records (the shape the contract's DTOs satisfy; the period figures read these)

interface Base {
  id: string;
  unitId: string;
  note: string | null;
}

export interface PropagandaRecord extends Base {
  date: string;
  organizationId: string | null;
  purpose: PropagandaPurpose;
  form: PropagandaForm;
  topic: string;
  venue: string | null;
  /** Lượt người reached. */
  attendance: number;
  leaflets: number;
  /** Minutes on air for a loudspeaker session. */
  loudspeakerMinutes: number;
  /** News items / posts published (tin, bài). */
  posts: number;
  newsletters: number;
  /** Individuals or households who signed a commitment (cam kết). */
  commitments: number;
}

export interface EventRecord extends Base {
  date: string;
  kind: EventKind;
  level: EventLevel;
  title: string;
  venue: string | null;
  attendance: number;
  opinionsRaised: number;
  opinionsAnswered: number;
  gifts: number;
  /** Value of the gifts in đồng. */
  giftsValue: number;
}

export interface TipRecord extends Base {
  receivedOn: string;
  channel: TipChannel;
  category: TipCategory;
  legalType: TipLegalType | null;
  valuable: boolean;
  /** What the tip is about, without the informant's identity (that lives apart). */
  summary: string;
  status: TipStatus;
  outcome: TipOutcome | null;
  resolvedOn: string | null;
  /** 0 = 20 days; 1 = extended to 2 months; 2 = extended once more (≤ 2 further months). */
  extensions: number;
  criminalCases: number;
  administrativeCases: number;
  personsHandled: number;
  wantedArrested: number;
  wantedSurrendered: number;
  weapons: number;
  ammunition: number;
  explosivesKg: number;
  supportTools: number;
  /** Assets recovered, in đồng. */
  assetsValue: number;
}

export interface MediationRecord extends Base {
  receivedOn: string;
  /** The mediation team (a mass organisation); null when not recorded as a team. */
  teamId: string | null;
  basis: MediationBasis;
  caseType: MediationCaseType;
  summary: string;
  outcome: MediationOutcome;
  closedOn: string | null;
}

export interface IncidentRecord extends Base {
  occurredOn: string;
  organizationId: string | null;
  category: IncidentCategory;
  /** Occurrences (cases or persons) in this row. */
  count: number;
  /** Cases of this row investigated and cleared (for crimes). */
  solved: number;
  deaths: number;
  injuries: number;
  description: string | null;
  excuse: IncidentExcuse | null;
  excuseReason: string | null;
  excuseApprovedBy: string | null;
  excuseApprovedOn: string | null;
}

export interface AwardRecord extends Base {
  /** Năm thành tích: the year the award is for. */
  year: number;
  recipient: AwardRecipient;
  recipientName: string;
  organizationId: string | null;
  form: AwardForm;
  issuer: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  occasion: string | null;
}

export interface ActivityRecords {
  propaganda: PropagandaRecord;
  events: EventRecord;
  tips: TipRecord;
  mediations: MediationRecord;
  incidents: IncidentRecord;
  awards: AwardRecord;
}
export type AnyActivityRecord = ActivityRecords[ActivityKind];

/** The day that decides which period a record counts in. */
export function placementDate<K extends ActivityKind>(kind: K, r: ActivityRecords[K]): string {
  switch (kind) {
    case 'propaganda':
    case 'events':
      return (r as PropagandaRecord | EventRecord).date;
    case 'tips':
    case 'mediations':
      return (r as TipRecord | MediationRecord).receivedOn;
    case 'incidents':
      return (r as IncidentRecord).occurredOn;
    case 'awards':
      return `${(r as AwardRecord).year}-12-31`;
    default:
      throw new Error(`unknown activity kind ${String(kind)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Tip time limits (Criminal Procedure Code 2015 art. 147)

/**
 * The last day to decide on a criminal tip: 20 days after receipt; extended once to 2 months; and
 * once more by at most 2 months (4 months in all). Non-criminal tips (no legal type) have no
 * statutory limit: null.
 */
export function tipDeadline(t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'extensions'>): string | null {
  if (t.legalType === null) return null;
  if (t.extensions <= 0) return addDaysIso(t.receivedOn, 20);
  if (t.extensions === 1) return addMonthsIso(t.receivedOn, 2);
  return addMonthsIso(t.receivedOn, 4);
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
export function tipTiming(t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'extensions' | 'status' | 'resolvedOn'>, today: string): TipTiming {
  const deadline = tipDeadline(t);
  if (deadline === null) return 'khong_thoi_han';
  // A tip passed to the competent agency is settled there: never overdue in this office's figures.
  if (t.status === 'chuyen_co_quan_khac') return 'da_chuyen';
  if (t.status === 'dang_xu_ly' || t.resolvedOn === null) return today > deadline ? 'qua_han' : 'trong_han';
  return t.resolvedOn > deadline ? 'tre_han' : 'dung_han';
}

/** Cross-field rules of a tip, as Vietnamese messages keyed by field (empty when valid). */
export function checkTip(t: Pick<TipRecord, 'receivedOn' | 'legalType' | 'status' | 'outcome' | 'resolvedOn' | 'extensions'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (t.outcome !== null && t.legalType === null) out['outcome'] = 'Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố.';
  if (t.extensions > 0 && t.legalType === null) out['extensions'] = 'Chỉ nguồn tin về tội phạm mới được gia hạn thời hạn giải quyết.';
  if (t.status === 'da_giai_quyet' && t.resolvedOn === null) out['resolvedOn'] = 'Nguồn tin đã giải quyết cần có ngày giải quyết.';
  if (t.status === 'dang_xu_ly' && (t.outcome !== null || t.resolvedOn !== null)) out['status'] = 'Nguồn tin đang xử lý chưa có kết quả và ngày giải quyết; hãy chọn trạng thái "Đã giải quyết".';
  if (t.resolvedOn !== null && t.resolvedOn < t.receivedOn) out['resolvedOn'] = 'Ngày giải quyết không được trước ngày tiếp nhận.';
  return out;
}

/** Cross-field rules of an incident row (empty when valid). */
export function checkIncident(r: Pick<IncidentRecord, 'category' | 'count' | 'solved' | 'excuse' | 'excuseReason' | 'excuseApprovedBy' | 'excuseApprovedOn' | 'occurredOn'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.count < 1) out['count'] = 'Số vụ (số người) phải từ 1 trở lên.';
  if (r.solved > r.count) out['solved'] = 'Số vụ đã điều tra làm rõ không được lớn hơn số vụ.';
  if (r.solved > 0 && INCIDENT_CATEGORY_INFO[r.category].group !== 'toi_pham') out['solved'] = 'Chỉ vụ phạm tội mới có số vụ điều tra làm rõ.';
  if (r.excuse !== null) {
    if (!INCIDENT_CATEGORY_INFO[r.category].excusable) out['excuse'] = `Loại "${INCIDENT_CATEGORY_INFO[r.category].label}" không được loại trừ theo Thông tư 124.`;
    else if (!excuseAllowed(r.category, r.excuse)) out['excuse'] = `Loại "${INCIDENT_CATEGORY_INFO[r.category].label}" chỉ được loại trừ khi ${allowedExcusesText(r.category)}.`;
    if (!r.excuseReason) out['excuseReason'] = 'Cần ghi lý do loại trừ.';
    if (!r.excuseApprovedBy) out['excuseApprovedBy'] = 'Cần ghi người xác nhận loại trừ.';
    if (!r.excuseApprovedOn) out['excuseApprovedOn'] = 'Cần ghi ngày xác nhận loại trừ.';
    else if (r.excuseApprovedOn < r.occurredOn) out['excuseApprovedOn'] = 'Ngày xác nhận không được trước ngày xảy ra.';
  } else if (r.excuseReason || r.excuseApprovedBy || r.excuseApprovedOn) {
    out['excuse'] = 'Chọn căn cứ loại trừ (bất khả kháng, hoặc đã xử lý kịp thời) hoặc xóa thông tin xác nhận.';
  }
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
  if (r.kind !== 'lang_nghe' && r.opinionsRaised > 0) out['opinionsRaised'] = 'Chỉ diễn đàn "Công an lắng nghe ý kiến Nhân dân" mới ghi số ý kiến.';
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
// Fields: what the list, the form, the entry grid and the Excel sheet of each kind show

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
  /** Shown as a column of the fast-entry grid. */
  grid?: boolean;
  /** Shown as a column of the list. */
  list?: boolean;
  /** Column width in px for lists and the grid. */
  width?: number;
  /** Short hint for the form and the Excel instructions. */
  hint?: string;
  /** Summed in the list's totals row and the grid footer. */
  total?: boolean;
}

const unitField: FieldSpec = { key: 'unitId', label: 'Đơn vị (xã, khu dân cư)', type: 'unit', required: true, carry: true, grid: true, list: true, width: 200 };
const noteField: FieldSpec = { key: 'note', label: 'Ghi chú', type: 'text' };
const countField = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, label, type: 'int', grid: true, total: true, width: 110, ...extra });

export const ACTIVITY_FIELDS: Readonly<Record<ActivityKind, readonly FieldSpec[]>> = {
  propaganda: [
    { key: 'date', label: 'Ngày', type: 'date', required: true, carry: true, grid: true, list: true, width: 110 },
    unitField,
    { key: 'purpose', label: 'Loại buổi', type: 'enum', options: PROPAGANDA_PURPOSE_LABELS, required: true, carry: true, width: 150 },
    { key: 'form', label: 'Hình thức', type: 'enum', options: PROPAGANDA_FORM_LABELS, required: true, carry: true, grid: true, list: true, width: 170 },
    { key: 'topic', label: 'Nội dung, chủ đề', type: 'text', required: true, carry: true, grid: true, list: true, width: 240 },
    { key: 'venue', label: 'Địa điểm', type: 'text', grid: true, list: true, width: 160 },
    { key: 'organizationId', label: 'Cơ quan, doanh nghiệp, trường học', type: 'org', hint: 'Khi buổi tuyên truyền tổ chức tại một cơ quan, doanh nghiệp, trường học.' },
    countField('attendance', 'Lượt người', { list: true }),
    countField('leaflets', 'Tờ rơi', { list: true }),
    countField('loudspeakerMinutes', 'Phút phát loa', { list: true }),
    countField('posts', 'Tin, bài'),
    countField('newsletters', 'Bản tin'),
    countField('commitments', 'Ký cam kết'),
    noteField,
  ],
  events: [
    { key: 'date', label: 'Ngày', type: 'date', required: true, carry: true, grid: true, list: true, width: 110 },
    unitField,
    { key: 'kind', label: 'Loại sự kiện', type: 'enum', options: EVENT_KIND_LABELS, required: true, carry: true, grid: true, list: true, width: 220 },
    { key: 'level', label: 'Cấp tổ chức', type: 'enum', options: EVENT_LEVEL_LABELS, required: true, carry: true, grid: true, list: true, width: 120 },
    { key: 'title', label: 'Tên sự kiện', type: 'text', required: true, carry: true, grid: true, list: true, width: 240 },
    { key: 'venue', label: 'Địa điểm', type: 'text', grid: true, width: 160 },
    countField('attendance', 'Lượt người', { list: true }),
    countField('opinionsRaised', 'Ý kiến nêu ra', { list: true }),
    countField('opinionsAnswered', 'Ý kiến đã trả lời'),
    countField('gifts', 'Suất quà'),
    { key: 'giftsValue', label: 'Giá trị quà (đồng)', type: 'money', grid: true, list: true, total: true, width: 140 },
    noteField,
  ],
  tips: [
    { key: 'receivedOn', label: 'Ngày tiếp nhận', type: 'date', required: true, carry: true, grid: true, list: true, width: 120 },
    unitField,
    { key: 'channel', label: 'Kênh tiếp nhận', type: 'enum', options: TIP_CHANNEL_LABELS, required: true, carry: true, grid: true, list: true, width: 170 },
    { key: 'category', label: 'Lĩnh vực', type: 'enum', options: TIP_CATEGORY_LABELS, required: true, carry: true, grid: true, list: true, width: 130 },
    { key: 'legalType', label: 'Loại tin về tội phạm', type: 'enum', options: TIP_LEGAL_TYPE_LABELS, grid: true, width: 170, hint: 'Chỉ chọn khi là tố giác, tin báo về tội phạm hoặc kiến nghị khởi tố.' },
    { key: 'summary', label: 'Nội dung tóm tắt', type: 'text', required: true, grid: true, list: true, width: 240, hint: 'Không ghi tên, địa chỉ người cung cấp tin ở đây.' },
    { key: 'valuable', label: 'Có giá trị', type: 'bool', grid: true, list: true, width: 90, total: true },
    { key: 'status', label: 'Tình trạng', type: 'enum', options: TIP_STATUS_LABELS, required: true, grid: true, list: true, width: 170 },
    { key: 'outcome', label: 'Kết quả giải quyết', type: 'enum', options: TIP_OUTCOME_LABELS, grid: true, width: 160 },
    { key: 'resolvedOn', label: 'Ngày giải quyết', type: 'date', grid: true, width: 120 },
    { key: 'extensions', label: 'Số lần gia hạn', type: 'int', width: 100, hint: '0: 20 ngày; 1: gia hạn đến 2 tháng; 2: gia hạn thêm không quá 2 tháng.' },
    countField('criminalCases', 'Vụ án hình sự khám phá'),
    countField('administrativeCases', 'Vụ xử lý hành chính'),
    countField('personsHandled', 'Đối tượng bị xử lý'),
    countField('wantedArrested', 'Truy nã bị bắt'),
    countField('wantedSurrendered', 'Truy nã đầu thú'),
    countField('weapons', 'Súng (khẩu)'),
    countField('ammunition', 'Đạn (viên)'),
    countField('explosivesKg', 'Vật liệu nổ (kg)'),
    countField('supportTools', 'Công cụ hỗ trợ (cái)'),
    { key: 'assetsValue', label: 'Tài sản thu hồi (đồng)', type: 'money', total: true, width: 150 },
    noteField,
  ],
  mediations: [
    { key: 'receivedOn', label: 'Ngày tiếp nhận', type: 'date', required: true, carry: true, grid: true, list: true, width: 120 },
    unitField,
    { key: 'teamId', label: 'Tổ hòa giải', type: 'team', carry: true, grid: true, list: true, width: 200 },
    { key: 'basis', label: 'Căn cứ hòa giải', type: 'enum', options: MEDIATION_BASIS_LABELS, required: true, carry: true, grid: true, width: 200 },
    { key: 'caseType', label: 'Loại vụ việc', type: 'enum', options: MEDIATION_CASE_TYPE_LABELS, required: true, carry: true, grid: true, list: true, width: 170 },
    { key: 'summary', label: 'Nội dung vụ việc', type: 'text', required: true, grid: true, list: true, width: 240 },
    { key: 'outcome', label: 'Kết quả', type: 'enum', options: MEDIATION_OUTCOME_LABELS, required: true, carry: true, grid: true, list: true, width: 170 },
    { key: 'closedOn', label: 'Ngày kết thúc', type: 'date', grid: true, width: 120 },
    noteField,
  ],
  incidents: [
    { key: 'occurredOn', label: 'Ngày xảy ra', type: 'date', required: true, carry: true, grid: true, list: true, width: 120, hint: 'Dòng gộp nhiều vụ: ghi ngày cuối của kỳ thống kê.' },
    unitField,
    { key: 'organizationId', label: 'Cơ quan, doanh nghiệp, trường học', type: 'org', hint: 'Khi vụ việc xảy ra trong một cơ quan, doanh nghiệp, cơ sở giáo dục.' },
    { key: 'category', label: 'Loại vụ việc', type: 'enum', options: INCIDENT_CATEGORY_LABELS, required: true, carry: true, grid: true, list: true, width: 260 },
    countField('count', 'Số vụ (người)', { required: true, list: true }),
    countField('solved', 'Đã làm rõ', { list: true }),
    countField('deaths', 'Người chết'),
    countField('injuries', 'Người bị thương'),
    { key: 'description', label: 'Mô tả', type: 'text', grid: true, list: true, width: 220 },
    { key: 'excuse', label: 'Căn cứ loại trừ', type: 'enum', options: INCIDENT_EXCUSE_LABELS, list: true, width: 170, hint: EXCUSE_FIELD_HINT },
    { key: 'excuseReason', label: 'Lý do loại trừ', type: 'text' },
    { key: 'excuseApprovedBy', label: 'Người xác nhận loại trừ', type: 'text' },
    { key: 'excuseApprovedOn', label: 'Ngày xác nhận', type: 'date' },
    noteField,
  ],
  awards: [
    { key: 'year', label: 'Năm thành tích', type: 'year', required: true, carry: true, grid: true, list: true, width: 100 },
    unitField,
    { key: 'recipient', label: 'Đối tượng', type: 'enum', options: AWARD_RECIPIENT_LABELS, required: true, carry: true, grid: true, list: true, width: 100 },
    { key: 'recipientName', label: 'Tên tập thể, cá nhân', type: 'text', required: true, grid: true, list: true, width: 220 },
    { key: 'organizationId', label: 'Cơ quan, doanh nghiệp, trường học', type: 'org' },
    { key: 'form', label: 'Hình thức khen thưởng', type: 'enum', options: AWARD_FORM_LABELS, required: true, carry: true, grid: true, list: true, width: 240 },
    { key: 'issuer', label: 'Cơ quan khen thưởng', type: 'text', carry: true, grid: true, width: 160, hint: 'Để trống: lấy theo hình thức khen thưởng.' },
    { key: 'decisionNumber', label: 'Số quyết định', type: 'text', carry: true, grid: true, list: true, width: 140 },
    { key: 'decisionDate', label: 'Ngày quyết định', type: 'date', carry: true, grid: true, list: true, width: 120 },
    { key: 'occasion', label: 'Dịp khen thưởng', type: 'text', carry: true, grid: true, width: 200 },
    noteField,
  ],
};

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
