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
  /** The dialog's title while the file is read and checked (no title known yet). */
  checkingTitle: 'Nhập dữ liệu từ Excel',
  reading: 'Đang đọc tệp...',
  counts: (c: { new: number; update: number; unchanged: number; error: number }, duplicates: number, warnings: number) =>
    `${c.new} dòng mới, ${c.update} dòng cập nhật, ${c.unchanged} dòng không đổi, ${c.error} dòng lỗi` +
    (duplicates > 0 ? `, ${duplicates} dòng lặp lại (bỏ qua)` : '') +
    (warnings > 0 ? `, ${warnings} dòng cần lưu ý` : ''),
  hasErrors: 'Tệp còn dòng lỗi. Hãy sửa trong Excel rồi chọn lại tệp; chưa có dữ liệu nào được ghi.',
  nothingToWrite: 'Không có gì mới để ghi: mọi dòng đã có trong dữ liệu.',
  commit: 'Ghi dữ liệu',
  cancel: 'Đóng',
  rowNumber: 'Dòng',
  status: 'Kết quả',
  record: 'Bản ghi',
  problems: 'Lỗi, lưu ý',
  statusLabels: { new: 'Mới', update: 'Cập nhật', unchanged: 'Không đổi', duplicate: 'Lặp lại', error: 'Lỗi' },
  warningsTitle: (n: number) => `${n} dòng cần lưu ý trước khi ghi`,
  warningsBody:
    'Gần trùng với một bản ghi đã có hoặc một dòng khác trong tệp (ví dụ cùng ngày, đơn vị, nội dung nhưng khác số người); cột "Lỗi, lưu ý" ghi rõ khác ở đâu. ' +
    'Nếu là những bản ghi khác nhau, hãy chọn ghi tiếp; nếu là một bản ghi nhập hai lần, hãy sửa tệp rồi chọn lại.',
  acceptWarnings: (n: number) => `Vẫn ghi các dòng cần lưu ý (${n} dòng) thành bản ghi mới`,
  committed: (c: { created: number; updated: number }) => `Đã ghi: ${c.created} bản ghi mới, ${c.updated} bản ghi cập nhật.`,
  notXlsx: 'Hãy chọn tệp Excel (.xlsx).',
  closeNotice: 'Đóng thông báo',
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

/** Long work with progress and cancel (LongTask.tsx). */
export const LONG_TASK = {
  working: 'Đang xử lý…',
  cancel: 'Hủy',
  cancelling: 'Đang hủy…',
  cancelled: 'Đã hủy thao tác. Dữ liệu không thay đổi.',
  reload: 'Tải lại',
  progressLabel: 'Tiến độ',
} as const;

/** The organisation picker (components/OrgPicker.tsx): searches the registry as one types. */
export const ORG_PICKER = {
  typeToSearch: 'Gõ để tìm…',
  searching: 'Đang tìm…',
  nothingFound: 'Không tìm thấy',
  more: (n: number) => `Chỉ hiện ${n} kết quả đầu. Gõ thêm để thu hẹp.`,
  clear: 'Bỏ chọn',
  failed: (message: string) => `Không tải được danh sách: ${message}`,
} as const;
