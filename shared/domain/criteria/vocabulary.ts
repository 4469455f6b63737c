/**
 * The closed vocabulary that rule-set files, unit facts and the engine share (domain.md §5): the
 * unit kinds a rule set applies to, the documents, counts, ratios, ratings and flags a rule may
 * refer to, the verdicts, and the engine's settings for the open questions of domain.md §5.6.
 *
 * A rule-set file may only name what is listed here, so a province's file with a typo is refused
 * when it is imported rather than silently never passing. Adding a new fact a province needs is a
 * code change on purpose: someone must also teach the facts builder where the number comes from.
 */
import { COMMUNE_KINDS } from '../units';
import { ORG_KINDS } from '../organizations';
import { HD01_LEVELS, RATING_LABELS } from '../mass-orgs';

// ---------------------------------------------------------------------------------------------
// Unit kinds of Circular 124

/**
 * What a rule set applies to. 'khu_dan_cu' is the whole residential level (thôn, tổ dân phố, …
 * all count as "khu dân cư", TT124 art. 2); communes and organisations keep their own kinds.
 */
export const EVALUATED_KINDS = ['khu_dan_cu', ...COMMUNE_KINDS, ...ORG_KINDS] as const;
export type EvaluatedKind = (typeof EVALUATED_KINDS)[number];

export const EVALUATED_KIND_LABELS: Readonly<Record<EvaluatedKind, string>> = {
  khu_dan_cu: 'Khu dân cư',
  xa: 'Xã',
  phuong: 'Phường',
  thi_tran: 'Thị trấn',
  dac_khu: 'Đặc khu',
  co_quan: 'Cơ quan',
  doanh_nghiep: 'Doanh nghiệp',
  co_so_giao_duc: 'Cơ sở giáo dục',
};

/** Units whose results feed a commune's XA-4 (TT124 art. 5.4): everything below a commune. */
export const SUB_UNIT_CATEGORIES = ['khu_dan_cu', ...ORG_KINDS] as const;
export type SubUnitCategory = (typeof SUB_UNIT_CATEGORIES)[number];

export const SUB_UNIT_CATEGORY_LABELS: Readonly<Record<SubUnitCategory, string>> = {
  khu_dan_cu: 'khu dân cư',
  co_quan: 'cơ quan',
  doanh_nghiep: 'doanh nghiệp',
  co_so_giao_duc: 'cơ sở giáo dục',
};

// ---------------------------------------------------------------------------------------------
// Documents (DATE_IN_Q1)

export const DOCUMENT_KINDS = ['nghi_quyet', 'ke_hoach', 'dang_ky', 'chuong_trinh'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  nghi_quyet: 'Nghị quyết của tổ chức Đảng về công tác bảo đảm an ninh, trật tự',
  ke_hoach: 'Kế hoạch bảo đảm an ninh, trật tự',
  dang_ky: 'Bản đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
  chuong_trinh: 'Chương trình công tác về phong trào toàn dân bảo vệ an ninh Tổ quốc',
};

/** Short names for value columns ("Nghị quyết: 15/02/2025"). */
export const DOCUMENT_SHORT_LABELS: Readonly<Record<DocumentKind, string>> = {
  nghi_quyet: 'Nghị quyết',
  ke_hoach: 'Kế hoạch',
  dang_ky: 'Bản đăng ký',
  chuong_trinh: 'Chương trình',
};

// ---------------------------------------------------------------------------------------------
// Named counts (ZERO and MIN on something that is not an incident category)

export interface CountInfo {
  label: string;
  /** The unit the number is counted in ("mô hình", "người", "buổi"). */
  unit: string;
}

/**
 * Counts kept outside the incident statistics. Incident categories (activities.ts) cover crimes,
 * security events, fires, hotspots and the discipline of commune police and grassroots teams;
 * these cover what those categories do not.
 */
export const COUNT_KEYS = [
  'mo_hinh_hieu_qua',
  'ky_luat_luc_luong_bao_ve',
  'ky_luat_can_bo',
  'pham_toi_trong_truong',
  'te_nan_trong_truong',
  'buoi_tuyen_truyen',
  'nguon_tin_co_gia_tri',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export const COUNT_INFO: Readonly<Record<CountKey, CountInfo>> = {
  mo_hinh_hieu_qua: { label: 'Mô hình phong trào được đánh giá hoạt động hiệu quả', unit: 'mô hình' },
  ky_luat_luc_luong_bao_ve: { label: 'Thành viên lực lượng bảo vệ bị kỷ luật từ cảnh cáo trở lên', unit: 'người' },
  ky_luat_can_bo: { label: 'Cá nhân trong đơn vị bị kỷ luật từ cảnh cáo trở lên', unit: 'người' },
  pham_toi_trong_truong: { label: 'Cán bộ, giáo viên, người lao động, người học phạm tội', unit: 'người' },
  te_nan_trong_truong: {
    label: 'Cán bộ, giáo viên, người lao động, người học mắc tệ nạn xã hội bị kỷ luật từ cảnh cáo trở lên',
    unit: 'người',
  },
  buoi_tuyen_truyen: { label: 'Buổi tuyên truyền, phát động phong trào', unit: 'buổi' },
  nguon_tin_co_gia_tri: { label: 'Nguồn tin có giá trị do quần chúng cung cấp', unit: 'tin' },
};

// ---------------------------------------------------------------------------------------------
// Ratios (PCT)

export const RATIO_KEYS = ['ho_gia_dinh', 'quan_triet', 'phong_ban', 'don_vi_dang_ky', 'don_vi_cong_nhan'] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

export interface RatioInfo {
  label: string;
  /** What the numerator counts, e.g. "hộ đăng ký". */
  numerator: string;
  /** What the denominator counts, e.g. "hộ đang cư trú". */
  denominator: string;
  /** The unit of both numbers ("hộ", "người", "đơn vị"). */
  unit: string;
  /** What the counted ones did, after "18/25 đơn vị (72,0%)": "được công nhận đạt tiêu chuẩn". */
  verb: string;
}

export const RATIO_INFO: Readonly<Record<RatioKey, RatioInfo>> = {
  ho_gia_dinh: {
    label: 'Hộ gia đình đăng ký thực hiện',
    numerator: 'số hộ gia đình đã đăng ký',
    denominator: 'số hộ gia đình đang cư trú',
    unit: 'hộ',
    verb: 'đã đăng ký thực hiện',
  },
  quan_triet: {
    label: 'Người được phổ biến, quán triệt nội quy và tiêu chuẩn',
    numerator: 'số người đã được phổ biến, quán triệt',
    denominator: 'tổng số người phải được phổ biến, quán triệt',
    unit: 'người',
    verb: 'đã được phổ biến, quán triệt',
  },
  phong_ban: {
    label: 'Đơn vị trực thuộc đạt "Tập thể lao động tiên tiến" hoặc "Hoàn thành tốt nhiệm vụ" trở lên',
    numerator: 'số phòng, ban, tổ, đội (khoa, tổ chuyên môn) đạt',
    denominator: 'tổng số phòng, ban, tổ, đội (khoa, tổ chuyên môn)',
    unit: 'đơn vị',
    verb: 'đạt danh hiệu hoặc mức xếp loại yêu cầu',
  },
  don_vi_dang_ky: {
    label: 'Khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đã đăng ký',
    numerator: 'số đơn vị đã đăng ký',
    denominator: 'số đơn vị thuộc diện đăng ký',
    unit: 'đơn vị',
    verb: 'đã đăng ký',
  },
  don_vi_cong_nhan: {
    label: 'Khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục được công nhận',
    numerator: 'số đơn vị được công nhận đạt tiêu chuẩn',
    denominator: 'số đơn vị thuộc diện đăng ký',
    unit: 'đơn vị',
    verb: 'được công nhận đạt tiêu chuẩn',
  },
};

// ---------------------------------------------------------------------------------------------
// Ratings (RATING)

export const RATING_SUBJECTS = ['to_bao_ve_antt', 'luc_luong_bao_ve'] as const;
export type RatingSubject = (typeof RATING_SUBJECTS)[number];

export const RATING_SUBJECT_LABELS: Readonly<Record<RatingSubject, string>> = {
  to_bao_ve_antt: 'Tổ bảo vệ an ninh, trật tự ở cơ sở',
  luc_luong_bao_ve: 'Lực lượng bảo vệ của cơ quan, doanh nghiệp, cơ sở giáo dục',
};

export const RATING_SCALES = ['hd01', 'xep_loai_tap_the'] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

/** Collective assessment of a work unit (xếp loại tập thể), best first. */
export const XEP_LOAI_TAP_THE_LEVELS = [
  'hoan_thanh_xuat_sac_nhiem_vu',
  'hoan_thanh_tot_nhiem_vu',
  'hoan_thanh_nhiem_vu',
  'khong_hoan_thanh_nhiem_vu',
] as const;

export interface ScaleInfo {
  label: string;
  /** Levels, best first: a lower index is a better rating. */
  levels: readonly string[];
  levelLabels: Readonly<Record<string, string>>;
}

export const SCALE_INFO: Readonly<Record<RatingScale, ScaleInfo>> = {
  hd01: {
    label: 'Xếp loại Tổ bảo vệ ANTT (Hướng dẫn 01/HD-BCA-V05)',
    levels: HD01_LEVELS,
    levelLabels: {
      hoan_thanh_xuat_sac: RATING_LABELS.hoan_thanh_xuat_sac,
      hoan_thanh_tot: RATING_LABELS.hoan_thanh_tot,
      hoan_thanh: RATING_LABELS.hoan_thanh,
      khong_hoan_thanh: RATING_LABELS.khong_hoan_thanh,
    },
  },
  xep_loai_tap_the: {
    label: 'Đánh giá, xếp loại tập thể',
    levels: XEP_LOAI_TAP_THE_LEVELS,
    levelLabels: {
      hoan_thanh_xuat_sac_nhiem_vu: 'Hoàn thành xuất sắc nhiệm vụ',
      hoan_thanh_tot_nhiem_vu: 'Hoàn thành tốt nhiệm vụ',
      hoan_thanh_nhiem_vu: 'Hoàn thành nhiệm vụ',
      khong_hoan_thanh_nhiem_vu: 'Không hoàn thành nhiệm vụ',
    },
  },
};

/** Emulation titles that some rules accept in place of a rating (TT124 art. 6.4, 7.5). */
export const EMULATION_TITLES = ['tap_the_lao_dong_xuat_sac', 'tap_the_lao_dong_tien_tien'] as const;
export type EmulationTitle = (typeof EMULATION_TITLES)[number];

export const EMULATION_TITLE_LABELS: Readonly<Record<EmulationTitle, string>> = {
  tap_the_lao_dong_xuat_sac: 'Tập thể lao động xuất sắc',
  tap_the_lao_dong_tien_tien: 'Tập thể lao động tiên tiến',
};

// ---------------------------------------------------------------------------------------------
// Flags (NA_IF)

export const FLAG_KEYS = ['hasPartyOrg', 'hasSecurityForce', 'generalEducation', 'eligibleForTitles'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

export interface FlagInfo {
  label: string;
  /** The unit's situation in words when the flag is true / false ("không có tổ chức Đảng"). */
  whenTrue: string;
  whenFalse: string;
}

export const FLAG_INFO: Readonly<Record<FlagKey, FlagInfo>> = {
  hasPartyOrg: {
    label: 'Có tổ chức Đảng',
    whenTrue: 'đơn vị có tổ chức Đảng',
    whenFalse: 'đơn vị không có tổ chức Đảng',
  },
  hasSecurityForce: {
    label: 'Có lực lượng bảo vệ',
    whenTrue: 'đơn vị có lực lượng bảo vệ',
    whenFalse: 'đơn vị không có lực lượng bảo vệ',
  },
  generalEducation: {
    label: 'Là cơ sở giáo dục phổ thông',
    whenTrue: 'là cơ sở giáo dục phổ thông',
    whenFalse: 'không phải cơ sở giáo dục phổ thông',
  },
  // One flag for the organisation: its security force and its departments take part in emulation
  // titles or they do not (TT124 art. 6.4–6.5, 7.5–7.6: "đối với đơn vị thuộc đối tượng bình xét thi đua").
  eligibleForTitles: {
    label: 'Đơn vị thuộc đối tượng bình xét thi đua, khen thưởng',
    whenTrue: 'đơn vị thuộc đối tượng bình xét thi đua, khen thưởng',
    whenFalse: 'đơn vị không thuộc đối tượng bình xét thi đua, khen thưởng',
  },
};

// ---------------------------------------------------------------------------------------------
// Rule types, verdicts, settings

export const RULE_TYPES = ['ATTESTED', 'DATE_IN_Q1', 'ZERO', 'MIN', 'PCT', 'CMP_PREV', 'RATING'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const RULE_TYPE_LABELS: Readonly<Record<RuleType, string>> = {
  ATTESTED: 'Cán bộ xác nhận có/không',
  DATE_IN_Q1: 'Văn bản ban hành trong quý I',
  ZERO: 'Không để xảy ra',
  MIN: 'Số lượng tối thiểu',
  PCT: 'Tỷ lệ tối thiểu',
  CMP_PREV: 'So sánh với năm trước',
  RATING: 'Xếp loại tối thiểu',
};

export const VERDICTS = ['dat', 'khong_dat', 'khong_ap_dung', 'thieu_du_lieu'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  dat: 'Đạt',
  khong_dat: 'Không đạt',
  khong_ap_dung: 'Không áp dụng',
  thieu_du_lieu: 'Thiếu dữ liệu',
};

/** What a person may set a verdict to by override (never "missing"). */
export const OVERRIDE_VERDICTS = ['dat', 'khong_dat', 'khong_ap_dung'] as const;
export type OverrideVerdict = (typeof OVERRIDE_VERDICTS)[number];

export const OVERALL_RESULTS = ['dat', 'chua_dat', 'thieu_du_lieu'] as const;
export type OverallResult = (typeof OVERALL_RESULTS)[number];

export const OVERALL_LABELS: Readonly<Record<OverallResult, string>> = {
  dat: 'Đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
  chua_dat: 'Chưa đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
  thieu_du_lieu: 'Chưa đủ dữ liệu để kết luận',
};

/** For board cells and short sentences. */
export const OVERALL_SHORT_LABELS: Readonly<Record<OverallResult, string>> = {
  dat: 'Đạt',
  chua_dat: 'Chưa đạt',
  thieu_du_lieu: 'Chưa đủ dữ liệu',
};

/**
 * domain.md §5.6 N1: "kiềm chế, kéo giảm" does not say whether an equal count passes.
 * 'lte' (default): this year ≤ last year passes; 'lt': it must be strictly lower.
 */
export const REDUCED_MEANS = ['lte', 'lt'] as const;
export type ReducedMeans = (typeof REDUCED_MEANS)[number];

/**
 * domain.md §5.2 N2: XA-4 lists residential areas and organisations together. 'pooled' (default):
 * one percentage over all of them; 'per_category': each of khu dân cư, cơ quan, doanh nghiệp and cơ
 * sở giáo dục (that the commune has) must reach the threshold on its own.
 */
export const SUBUNIT_POOLS = ['pooled', 'per_category'] as const;
export type SubunitPool = (typeof SUBUNIT_POOLS)[number];

export interface EvaluationSettings {
  reducedMeans: ReducedMeans;
  subunitPool: SubunitPool;
}

export const DEFAULT_SETTINGS: Readonly<EvaluationSettings> = { reducedMeans: 'lte', subunitPool: 'pooled' };

export const REDUCED_MEANS_LABELS: Readonly<Record<ReducedMeans, string>> = {
  lte: 'Không tăng so với năm trước (bằng năm trước vẫn đạt)',
  lt: 'Phải giảm so với năm trước (bằng năm trước là không đạt)',
};

export const SUBUNIT_POOL_LABELS: Readonly<Record<SubunitPool, string>> = {
  pooled: 'Tính chung khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục',
  per_category: 'Tính riêng từng loại: khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục',
};
