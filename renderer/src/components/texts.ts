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

/** Texts of the fast-entry grid (EntryGrid.tsx). */
export const GRID = {
  open: 'Nhập nhiều dòng',
  title: (kindTitle: string) => `Nhập nhiều dòng — ${kindTitle}`,
  tableLabel: 'Bảng nhập nhiều dòng',
  cellLabel: (label: string, row: number) => `${label} dòng ${row}`,
  rowNumber: 'STT',
  actions: 'Thao tác',
  duplicateRow: (row: number) => `Nhân đôi dòng ${row}`,
  removeRow: (row: number) => `Xóa dòng ${row}`,
  carried: 'Dòng mới lấy theo dòng trên',
  suggestions: (label: string) => `Gợi ý: ${label}`,
  noMatch: 'Không có trong danh sách',
  help:
    'Gõ thẳng vào ô. Tab / Shift+Tab: sang phải / trái. Enter: xuống dòng mới (các cột có dấu ↓ lấy theo dòng trên). ' +
    'Mũi tên lên / xuống: đổi dòng. Ctrl+D: nhân đôi dòng. Ctrl+Delete: xóa dòng. Ctrl+S: lưu tất cả. Dán được nhiều ô từ Excel. ' +
    'Ngày gõ 5/3 là 05/03 của năm dòng trên; ô chọn gõ vài chữ không dấu rồi Tab.',
  rows: (n: number) => `${n.toLocaleString('vi-VN')} dòng`,
  save: 'Lưu tất cả',
  cancel: 'Hủy',
  saved: (n: number) => `Đã lưu ${n.toLocaleString('vi-VN')} dòng.`,
  nothingToSave: 'Chưa có dòng nào để lưu.',
  hasErrors: (cells: number) =>
    `Còn ${cells.toLocaleString('vi-VN')} ô chưa hợp lệ (tô đỏ). Chưa dòng nào được lưu; sửa các ô đó rồi bấm "Lưu tất cả".`,
  errorLine: (row: number, label: string, message: string) => `Dòng ${row}, ${label}: ${message}`,
  errorsLabel: 'Các ô chưa hợp lệ',
  footerLabel: 'Số dòng và tổng cộng',
  required: 'chưa nhập.',
  notInList: (text: string) => `không có "${text}" trong danh sách.`,
  extraColumns: (n: number) => `Đã bỏ qua ${n} cột thừa bên phải khi dán.`,
  removed: (row: number) => `Đã xóa dòng ${row}.`,
  undoRemove: 'Hoàn tác',
  confirmTitle: 'Bỏ các dòng chưa lưu?',
  confirmBody: (n: number) => `Có ${n.toLocaleString('vi-VN')} dòng đã nhập nhưng chưa lưu. Đóng bảng sẽ bỏ các dòng này.`,
  confirmStay: 'Tiếp tục nhập',
  confirmDiscard: 'Bỏ và đóng',
  yes: 'Có',
  no: 'Không',
  ended: 'đã kết thúc',
} as const;
