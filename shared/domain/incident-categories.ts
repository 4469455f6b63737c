/**
 * What Circular 124 says about each incident category beyond its name: which grounds may excuse an
 * occurrence, and which completeness group its statistics belong to (domain.md §5.6 N3, N7).
 *
 * Excuses are not interchangeable (N3). "Đã phát hiện, xử lý, báo cáo kịp thời" excuses only crimes
 * of class "nghiêm trọng" and above (TT124 art. 4.4b, 6.3đ, 7.3); fires and explosions, fatal
 * labour accidents, other serious incidents and environmental / food-safety violations (art. 4.4d,
 * 6.3g, 7.3) are excused by force majeure alone. Every other category is never excused.
 *
 * Completeness (N7): the statistics of a unit and year count as entered per group — a row of the
 * group, or an officer's declaration that the group is complete — never because an unrelated row
 * exists. The groups are what an officer enters together from one source (security events from the
 * security branch, crimes from the criminal statistics, fires and accidents from their own
 * reports …), so one declaration covers what one person can vouch for.
 *
 * Pure: no I/O. The category list itself lives in activities.ts; this module only reads its type,
 * and a unit test checks that every category has a group.
 */
import type { IncidentCategory } from './activities';

// ---------------------------------------------------------------------------------------------
// Excuses

export const INCIDENT_EXCUSES = ['bat_kha_khang', 'xu_ly_kip_thoi'] as const;
export type IncidentExcuse = (typeof INCIDENT_EXCUSES)[number];
export const INCIDENT_EXCUSE_LABELS: Readonly<Record<IncidentExcuse, string>> = {
  bat_kha_khang: 'Bất khả kháng',
  xu_ly_kip_thoi: 'Đã phát hiện, xử lý, báo cáo kịp thời',
};

const CRIME_EXCUSES: readonly IncidentExcuse[] = ['xu_ly_kip_thoi'];
const INCIDENT_ONLY_FORCE_MAJEURE: readonly IncidentExcuse[] = ['bat_kha_khang'];

/** The grounds that may excuse an occurrence of each excusable category; absent = never excused. */
const ALLOWED_EXCUSES: Readonly<Partial<Record<IncidentCategory, readonly IncidentExcuse[]>>> = {
  toi_pham_nghiem_trong: CRIME_EXCUSES,
  toi_pham_rat_nghiem_trong: CRIME_EXCUSES,
  toi_pham_dac_biet_nghiem_trong: CRIME_EXCUSES,
  chay_no: INCIDENT_ONLY_FORCE_MAJEURE,
  tai_nan_lao_dong: INCIDENT_ONLY_FORCE_MAJEURE,
  su_co_nghiem_trong: INCIDENT_ONLY_FORCE_MAJEURE,
  moi_truong_attp: INCIDENT_ONLY_FORCE_MAJEURE,
};

/** The excuse grounds Circular 124 allows for the category (empty: it is never excused). */
export function allowedExcuses(category: IncidentCategory): readonly IncidentExcuse[] {
  return ALLOWED_EXCUSES[category] ?? [];
}

export function isExcusable(category: IncidentCategory): boolean {
  return allowedExcuses(category).length > 0;
}

export function excuseAllowed(category: IncidentCategory, excuse: IncidentExcuse): boolean {
  return allowedExcuses(category).includes(excuse);
}

/** "bất khả kháng" / "đã phát hiện, xử lý, báo cáo kịp thời" / both joined with "hoặc". */
export function allowedExcusesText(category: IncidentCategory): string {
  return allowedExcuses(category)
    .map((e) => INCIDENT_EXCUSE_LABELS[e].toLowerCase())
    .join(' hoặc ');
}

/** The form's hint for the excuse field. */
export const EXCUSE_FIELD_HINT =
  'Tội phạm từ nghiêm trọng trở lên: chỉ "đã phát hiện, xử lý, báo cáo kịp thời". Cháy, nổ, tai nạn lao động chết người, sự cố nghiêm trọng, vi phạm môi trường, an toàn thực phẩm: chỉ "bất khả kháng". Loại khác không được loại trừ.';

// ---------------------------------------------------------------------------------------------
// Completeness groups

export const COMPLETENESS_GROUPS = ['an_ninh', 'toi_pham', 'te_nan', 'chay_no_su_co', 'co_quan', 'ky_luat', 'khac'] as const;
export type CompletenessGroup = (typeof COMPLETENESS_GROUPS)[number];

export const COMPLETENESS_GROUP_LABELS: Readonly<Record<CompletenessGroup, string>> = {
  an_ninh: 'Vụ việc về an ninh',
  toi_pham: 'Tội phạm',
  te_nan: 'Tệ nạn xã hội, vi phạm khác, tụ điểm phức tạp',
  chay_no_su_co: 'Cháy, nổ, tai nạn, sự cố, vi phạm môi trường, an toàn thực phẩm',
  co_quan: 'Vụ việc trong cơ quan, doanh nghiệp, cơ sở giáo dục',
  ky_luat: 'Kỷ luật lực lượng ở cơ sở, Công an xã',
  khac: 'Khiếu kiện đông người, quản lý đối tượng',
};

const GROUP_OF: Readonly<Record<IncidentCategory, CompletenessGroup>> = {
  toi_pham_it_nghiem_trong: 'toi_pham',
  toi_pham_nghiem_trong: 'toi_pham',
  toi_pham_rat_nghiem_trong: 'toi_pham',
  toi_pham_dac_biet_nghiem_trong: 'toi_pham',
  te_nan_xa_hoi: 'te_nan',
  vi_pham_khac: 'te_nan',
  tu_diem_moi: 'te_nan',
  nguoi_te_nan_moi: 'te_nan',
  an_ninh_chong_dang: 'an_ninh',
  an_ninh_pha_hoai: 'an_ninh',
  an_ninh_dao_trai_phep: 'an_ninh',
  an_ninh_loi_dung_ton_giao: 'an_ninh',
  an_ninh_ly_khai: 'an_ninh',
  an_ninh_tranh_chap: 'an_ninh',
  an_ninh_kich_dong_khieu_kien: 'an_ninh',
  chay_no: 'chay_no_su_co',
  tai_nan_lao_dong: 'chay_no_su_co',
  su_co_nghiem_trong: 'chay_no_su_co',
  tai_nan_giao_thong: 'chay_no_su_co',
  moi_truong_attp: 'chay_no_su_co',
  dinh_cong_trai_phep: 'co_quan',
  lo_bi_mat_nha_nuoc: 'co_quan',
  nhan_vien_vi_pham: 'co_quan',
  bao_luc_hoc_duong: 'co_quan',
  ky_luat_luc_luong_co_so: 'ky_luat',
  ky_luat_cong_an_xa: 'ky_luat',
  khieu_kien_dong_nguoi: 'khac',
  dua_vao_quan_ly: 'khac',
  dua_ra_khoi_quan_ly: 'khac',
};

export function completenessGroupOf(category: IncidentCategory): CompletenessGroup {
  return GROUP_OF[category];
}

/** The groups the listed categories belong to, in the order of COMPLETENESS_GROUPS. */
export function groupsOf(categories: readonly IncidentCategory[]): CompletenessGroup[] {
  const set = new Set(categories.map(completenessGroupOf));
  return COMPLETENESS_GROUPS.filter((g) => set.has(g));
}
