/** Texts of the app shell and of the sections that later features will fill. */
export const SHELL = {
  appTitle: 'Phong trào Toàn dân bảo vệ an ninh Tổ quốc',
  loading: 'Đang tải...',
  loadError: 'Không tải được dữ liệu',
  retry: 'Thử lại',
  webShellNote: 'Đang chạy qua trình duyệt',
  adminGroup: 'Quản trị',
  /** The close (×) button of every dialog and side panel. */
  close: 'Đóng',
} as const;

export type SectionId =
  | 'tong-quan'
  | 'don-vi'
  | 'co-quan'
  | 'mo-hinh'
  | 'to-chuc'
  | 'hoat-dong'
  | 'so-lieu'
  | 'danh-gia'
  | 'bao-cao'
  | 'trinh-chieu'
  | 'chuyen-du-lieu'
  | 'sao-luu'
  | 'tai-khoan'
  | 'nhat-ky';

export interface SectionText {
  id: SectionId;
  label: string;
  /** Listed under "Quản trị" at the end of the navigation (settings, backups; accounts later). */
  admin?: boolean;
  /** What the section will hold, shown while it is not built yet (no invented data). */
  upcoming?: string[];
}

export const SECTIONS: readonly SectionText[] = [
  {
    id: 'tong-quan',
    label: 'Tổng quan',
    upcoming: [
      'Số liệu tổng hợp của năm: đơn vị đạt "An toàn về an ninh, trật tự", mô hình, tổ chức quần chúng, tin báo.',
      'So sánh với năm trước và theo từng xã, phường.',
    ],
  },
  { id: 'don-vi', label: 'Đơn vị hành chính' },
  {
    id: 'co-quan',
    label: 'Cơ quan, doanh nghiệp, trường học',
    upcoming: [
      'Danh sách cơ quan, doanh nghiệp, cơ sở giáo dục thuộc phạm vi quản lý.',
      'Xác định đối tượng áp dụng Thông tư 124/2021/TT-BCA kèm lý do.',
    ],
  },
  {
    id: 'mo-hinh',
    label: 'Mô hình, điển hình',
    upcoming: [
      'Danh mục loại mô hình, từng mô hình và các điểm áp dụng (theo Hướng dẫn 22/HD-BCA-V05).',
      'Số mô hình, số điểm, số tổ; mô hình mới, nhân rộng, thanh loại.',
    ],
  },
  {
    id: 'to-chuc',
    label: 'Tổ chức quần chúng',
    upcoming: ['Tổ bảo vệ an ninh, trật tự, tổ tự quản, tổ hòa giải... và thành viên.', 'Đánh giá, xếp loại hằng năm.'],
  },
  {
    id: 'hoat-dong',
    label: 'Hoạt động phong trào',
  },
  { id: 'so-lieu', label: 'Số liệu theo kỳ' },
  { id: 'danh-gia', label: 'Đánh giá, công nhận' },
  { id: 'bao-cao', label: 'Báo cáo' },
  { id: 'trinh-chieu', label: 'Trình chiếu' },
  {
    id: 'chuyen-du-lieu',
    label: 'Gửi, nhận dữ liệu',
  },
  { id: 'sao-luu', label: 'Sao lưu dữ liệu', admin: true },
  { id: 'tai-khoan', label: 'Tài khoản', admin: true },
  { id: 'nhat-ky', label: 'Nhật ký thao tác', admin: true },
];

export const COMING_SOON = {
  title: 'Chức năng đang được xây dựng',
  intro: 'Phần này sẽ có trong các phiên bản tới, gồm:',
} as const;
