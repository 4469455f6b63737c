/**
 * Incident statistics rows (domain.md §4.4): their groups and categories, the record of one row and
 * its cross-field rules. Pure. Re-exported by activities.ts, which is where importers take them from.
 */
import { allowedExcusesText, excuseAllowed, type IncidentExcuse } from './incident-categories';
import type { ActivityBase } from './activity-records';

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
  nhan_vien_vi_pham: {
    label: 'Cán bộ, người lao động bị xử phạt về ANTT hoặc kỷ luật vì tệ nạn',
    group: 'co_quan',
    excusable: false,
    persons: true,
  },
  bao_luc_hoc_duong: { label: 'Bạo lực học đường', group: 'co_quan', excusable: false },
  ky_luat_luc_luong_co_so: {
    label: 'Thành viên lực lượng bảo vệ ANTT ở cơ sở bị kỷ luật',
    group: 'ky_luat',
    excusable: false,
    persons: true,
  },
  ky_luat_cong_an_xa: { label: 'Cán bộ Công an xã bị kỷ luật', group: 'ky_luat', excusable: false, persons: true },
  dua_vao_quan_ly: { label: 'Đối tượng đưa vào quản lý, giáo dục tại cộng đồng', group: 'quan_ly', excusable: false, persons: true },
  dua_ra_khoi_quan_ly: { label: 'Đối tượng đưa ra khỏi diện quản lý (tiến bộ)', group: 'quan_ly', excusable: false, persons: true },
};

export const INCIDENT_CATEGORY_LABELS: Readonly<Record<IncidentCategory, string>> = Object.fromEntries(
  INCIDENT_CATEGORIES.map((c) => [c, INCIDENT_CATEGORY_INFO[c].label]),
) as Record<IncidentCategory, string>;

/** Police usage: "trọng án" are the very serious and especially serious crimes. */
export const GRAVE_CRIME_CATEGORIES: readonly IncidentCategory[] = ['toi_pham_rat_nghiem_trong', 'toi_pham_dac_biet_nghiem_trong'];
export const CRIME_CATEGORIES: readonly IncidentCategory[] = INCIDENT_CATEGORIES.filter(
  (c) => INCIDENT_CATEGORY_INFO[c].group === 'toi_pham',
);

export interface IncidentRecord extends ActivityBase {
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

/** Cross-field rules of an incident row (empty when valid). */
export function checkIncident(
  r: Pick<
    IncidentRecord,
    'category' | 'count' | 'solved' | 'excuse' | 'excuseReason' | 'excuseApprovedBy' | 'excuseApprovedOn' | 'occurredOn'
  >,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.count < 1) out['count'] = 'Số vụ (số người) phải từ 1 trở lên.';
  if (r.solved > r.count) out['solved'] = 'Số vụ đã điều tra làm rõ không được lớn hơn số vụ.';
  if (r.solved > 0 && INCIDENT_CATEGORY_INFO[r.category].group !== 'toi_pham')
    out['solved'] = 'Chỉ vụ phạm tội mới có số vụ điều tra làm rõ.';
  if (r.excuse !== null) {
    if (!INCIDENT_CATEGORY_INFO[r.category].excusable)
      out['excuse'] = `Loại "${INCIDENT_CATEGORY_INFO[r.category].label}" không được loại trừ theo Thông tư 124.`;
    else if (!excuseAllowed(r.category, r.excuse))
      out['excuse'] = `Loại "${INCIDENT_CATEGORY_INFO[r.category].label}" chỉ được loại trừ khi ${allowedExcusesText(r.category)}.`;
    if (!r.excuseReason) out['excuseReason'] = 'Cần ghi lý do loại trừ.';
    if (!r.excuseApprovedBy) out['excuseApprovedBy'] = 'Cần ghi người xác nhận loại trừ.';
    if (!r.excuseApprovedOn) out['excuseApprovedOn'] = 'Cần ghi ngày xác nhận loại trừ.';
    else if (r.excuseApprovedOn < r.occurredOn) out['excuseApprovedOn'] = 'Ngày xác nhận không được trước ngày xảy ra.';
  } else if (r.excuseReason || r.excuseApprovedBy || r.excuseApprovedOn) {
    out['excuse'] = 'Chọn căn cứ loại trừ (bất khả kháng, hoặc đã xử lý kịp thời) hoặc xóa thông tin xác nhận.';
  }
  return out;
}
