/** Texts of the shared components (filters, Excel import/export). */
export const FILTERS = {
  search: 'Tìm kiếm',
  searchPlaceholder: 'Gõ tên, có dấu hay không dấu đều được',
  unit: 'Đơn vị',
  unitAll: 'Toàn bộ địa bàn',
  kind: 'Loại',
  status: 'Trạng thái',
  year: 'Năm',
  all: 'Tất cả',
  clear: 'Xóa bộ lọc',
} as const;

export const XLSX = {
  template: 'Tải mẫu Excel',
  import: 'Nhập từ Excel',
  export: 'Xuất Excel',
  fileInput: 'Chọn tệp Excel',
  previewTitle: (title: string) => `Nhập dữ liệu: ${title}`,
  reading: 'Đang đọc tệp...',
  counts: (c: { new: number; update: number; unchanged: number; error: number }) =>
    `${c.new} dòng mới, ${c.update} dòng cập nhật, ${c.unchanged} dòng không đổi, ${c.error} dòng lỗi`,
  hasErrors: 'Tệp còn dòng lỗi. Hãy sửa trong Excel rồi chọn lại tệp; chưa có dữ liệu nào được ghi.',
  nothingToWrite: 'Không có gì mới để ghi: mọi dòng đã có trong dữ liệu.',
  commit: 'Ghi dữ liệu',
  cancel: 'Đóng',
  rowNumber: 'Dòng',
  status: 'Kết quả',
  record: 'Bản ghi',
  problems: 'Lỗi',
  statusLabels: { new: 'Mới', update: 'Cập nhật', unchanged: 'Không đổi', error: 'Lỗi' },
  committed: (c: { created: number; updated: number }) => `Đã ghi: ${c.created} bản ghi mới, ${c.updated} bản ghi cập nhật.`,
  notXlsx: 'Hãy chọn tệp Excel (.xlsx).',
} as const;

export const NUMBERS = {
  negative: 'Không nhận số âm: hãy nhập số từ 0 trở lên.',
} as const;

export const FUTURE = {
  /** Under a date field holding a date after today. */
  hint: (today: string) => `Ngày ở tương lai (hôm nay ${today}): kiểm tra lại trước khi lưu.`,
  title: 'Ngày ở tương lai',
  line: (label: string, date: string, today: string) => `${label}: ${date} – sau ngày hôm nay (${today}).`,
  ask: 'Nếu đúng, bấm "Vẫn lưu"; nếu gõ nhầm, sửa lại ngày rồi lưu.',
  confirm: 'Vẫn lưu',
  fix: 'Sửa lại ngày',
} as const;
