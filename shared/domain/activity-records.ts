/**
 * The records of five activity kinds (shared/domain/activities.ts) and their choices with the
 * Vietnamese labels: propaganda purposes and forms, event kinds and levels, the channels,
 * categories, legal types, statuses and outcomes of tips, mediations' bases, case types and
 * outcomes, award recipients and forms. Incident categories and records stay in activities.ts next
 * to the rules that read them. activities.ts re-exports everything here: callers import from there.
 */

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
  bang_khen_bo_truong: {
    label: 'Bằng khen của Bộ trưởng Bộ Công an',
    document: 'Bằng khen',
    signer: 'Bộ trưởng Bộ Công an',
    defaultIssuer: 'Bộ Công an',
  },
  bang_khen_ubnd_tinh: {
    label: 'Bằng khen của Chủ tịch UBND tỉnh',
    document: 'Bằng khen',
    signer: 'Chủ tịch UBND tỉnh',
    defaultIssuer: 'UBND tỉnh',
  },
  giay_khen_giam_doc_ca_tinh: {
    label: 'Giấy khen của Giám đốc Công an tỉnh',
    document: 'Giấy khen',
    signer: 'Giám đốc Công an tỉnh',
    defaultIssuer: 'Công an tỉnh',
  },
  giay_khen_ubnd_huyen: {
    label: 'Giấy khen của Chủ tịch UBND huyện',
    document: 'Giấy khen',
    signer: 'Chủ tịch UBND huyện',
    defaultIssuer: 'UBND huyện',
  },
  giay_khen_ubnd_xa: {
    label: 'Giấy khen của Chủ tịch UBND xã',
    document: 'Giấy khen',
    signer: 'Chủ tịch UBND xã',
    defaultIssuer: 'UBND xã',
  },
  ky_niem_chuong: {
    label: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"',
    document: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"',
    signer: null,
    defaultIssuer: 'Bộ Công an',
  },
  co_thi_dua: { label: 'Cờ thi đua', document: 'Cờ thi đua', signer: null, defaultIssuer: '' },
  khac: { label: 'Hình thức khác', document: 'khen thưởng', signer: null, defaultIssuer: '' },
};
export const AWARD_FORM_LABELS: Readonly<Record<AwardForm, string>> = Object.fromEntries(
  AWARD_FORMS.map((f) => [f, AWARD_FORM_INFO[f].label]),
) as Record<AwardForm, string>;

// ---------------------------------------------------------------------------------------------
// Records (the shape the contract's DTOs satisfy; the period figures read these)

/** What every record has. */
export interface ActivityBase {
  id: string;
  unitId: string;
  note: string | null;
}

export interface PropagandaRecord extends ActivityBase {
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

export interface EventRecord extends ActivityBase {
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

export interface TipRecord extends ActivityBase {
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

export interface MediationRecord extends ActivityBase {
  receivedOn: string;
  /** The mediation team (a mass organisation); null when not recorded as a team. */
  teamId: string | null;
  basis: MediationBasis;
  caseType: MediationCaseType;
  summary: string;
  outcome: MediationOutcome;
  closedOn: string | null;
}

export interface AwardRecord extends ActivityBase {
  /** Năm thành tích: the year the award is for. */
  year: number;
  recipient: AwardRecipient;
  /** null: not known here (at the province, left out of the office's file). */
  recipientName: string | null;
  organizationId: string | null;
  form: AwardForm;
  issuer: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  occasion: string | null;
}
