/**
 * Texts of the activity screens (Hoạt động phong trào). Kind titles, field labels and enum labels
 * live in shared/domain/activities.ts, so lists, forms, the grid, Excel and backend messages agree.
 */
import type { ActivityKind } from '../../../../shared/domain/activities';
import { ACTIVITY_FIELDS, ACTIVITY_ITEM } from '../../../../shared/domain/activities';
import { formatDateVi } from '../../../../shared/lib/dates';

const vi = (n: number) => n.toLocaleString('vi-VN');

const SEARCH_PLACEHOLDER: Partial<Record<ActivityKind, string>> = {
  propaganda: 'Nội dung, địa điểm, đơn vị',
  events: 'Tên sự kiện, địa điểm, đơn vị',
  tips: 'Nội dung tóm tắt, đơn vị',
  mediations: 'Nội dung vụ việc, tổ hòa giải',
  incidents: 'Mô tả, đơn vị',
  awards: 'Tên tập thể, cá nhân, số quyết định',
};

export const ACT = {
  title: 'Hoạt động phong trào',
  tabsLabel: 'Loại hoạt động',

  // ---- list and filters ----
  filters: {
    search: 'Tìm kiếm',
    /** What the search box of a kind looks in; a kind without its own words: its text fields' labels and "đơn vị". */
    searchPlaceholder: (kind: ActivityKind): string =>
      SEARCH_PLACEHOLDER[kind] ??
      [...ACTIVITY_FIELDS[kind].filter((f) => f.type === 'text' || f.type === 'longtext').map((f) => f.label), 'đơn vị'].join(', '),
    unit: 'Đơn vị',
    unitAll: 'Toàn bộ địa bàn',
    all: 'Tất cả',
    from: 'Từ ngày',
    to: 'Đến ngày',
    period: 'Kỳ',
    thisYear: 'Năm nay',
    lastYear: 'Năm trước',
    allTime: 'Tất cả',
    clear: 'Xóa bộ lọc',
    awardsByYear: 'Khen thưởng tính theo năm thành tích.',
  },
  tableLabel: (kind: ActivityKind) => `Danh sách ${ACTIVITY_ITEM[kind]}`,
  empty: 'Chưa có bản ghi nào phù hợp với bộ lọc.',
  loading: 'Đang tải...',
  /** The backfill of the lists' sort and search keys after an upgrade (activities.keysProgress). */
  keysProgress: (done: number, total: number) =>
    `Đang chuẩn bị thứ tự sắp xếp và tìm kiếm sau khi nâng cấp: ${vi(done)} / ${vi(total)} bản ghi. Danh sách vẫn đúng, chỉ chậm hơn đến khi xong.`,
  count: (kind: ActivityKind, n: number) => `${vi(n)} ${ACTIVITY_ITEM[kind]}`,
  yes: 'Có',
  no: 'Không',
  countLabel: 'Số bản ghi',
  importedPeriod: (from: string, to: string, n: number) =>
    `Đã chuyển bộ lọc thời gian sang ${formatDateVi(from)} – ${formatDateVi(to)} để hiện ${vi(n)} bản ghi vừa nhập.`,
  none: '—',
  endedUnit: ' (đã kết thúc)',
  endedOrg: ' (đã kết thúc)',
  tipDeadline: 'Hạn giải quyết',
  tipTiming: 'Thời hạn',
  rowOpen: 'Xem, sửa',
  rowActions: (label: string) => `Thao tác với ${label}`,

  // ---- toolbar ----
  add: 'Thêm',
  grid: 'Nhập nhiều dòng',
  bin: 'Đã xóa gần đây',

  // ---- form ----
  form: {
    addTitle: (kind: ActivityKind) => `Thêm ${ACTIVITY_ITEM[kind]}`,
    editTitle: (kind: ActivityKind) => `Sửa ${ACTIVITY_ITEM[kind]}`,
    duplicateTitle: (kind: ActivityKind) => `Nhân bản ${ACTIVITY_ITEM[kind]}`,
    save: 'Lưu',
    saveNext: 'Lưu và nhập tiếp',
    cancel: 'Hủy',
    duplicate: 'Nhân bản',
    delete: 'Xóa',
    keys: 'Enter hoặc Ctrl+Enter: Lưu · Ctrl+Shift+Enter: Lưu và nhập tiếp',
    keysEdit: 'Enter hoặc Ctrl+Enter: Lưu',
    saved: (kind: ActivityKind) => `Đã lưu ${ACTIVITY_ITEM[kind]}.`,
    savedNext: (kind: ActivityKind) => `Đã lưu ${ACTIVITY_ITEM[kind]}. Nhập bản ghi tiếp theo.`,
    required: (label: string) => `${label} là bắt buộc.`,
    noOrgs: 'Đơn vị này chưa có cơ quan, doanh nghiệp, trường học nào',
    noTeams: 'Chưa có tổ hòa giải nào ở đơn vị này',
    issuerDefault: (issuer: string) => `Để trống: ${issuer}`,
    deadline: (date: string) => `Hạn giải quyết theo luật: ${date}`,
    noDeadline: 'Nguồn tin không phải tin về tội phạm: không áp dụng thời hạn của Bộ luật Tố tụng hình sự.',
  },

  // ---- delete, undo, bin ----
  deleted: (label: string) => `Đã chuyển vào mục "Đã xóa gần đây": ${label}`,
  undo: 'Hoàn tác',
  restored: (label: string) => `Đã khôi phục: ${label}`,
  binTitle: (kind: ActivityKind) => `Đã xóa gần đây — ${ACTIVITY_ITEM[kind]}`,
  binTable: 'Bản ghi đã xóa',
  binEmpty: 'Không có bản ghi nào đã xóa.',
  binRecord: 'Bản ghi',
  binDeletedAt: 'Xóa lúc',
  restore: 'Khôi phục',

  // ---- a tip's informant is erased for good when the tip is deleted ----
  erase: {
    title: 'Xóa nguồn tin',
    /** To the roles that see informants, when the tip has one. */
    body: (label: string) =>
      `Xóa nguồn tin "${label}"? Nguồn tin này có thông tin người cung cấp tin. Khi xóa nguồn tin, thông tin người cung cấp tin ` +
      'bị xóa vĩnh viễn khỏi dữ liệu, kể cả khi khôi phục nguồn tin sau này cũng không lấy lại được.',
    /** To Cán bộ, who is not told whether a tip has an informant: the same warning for every tip. */
    bodyUnknown: (label: string) =>
      `Xóa nguồn tin "${label}"? Nếu nguồn tin có thông tin người cung cấp tin, thông tin đó bị xóa vĩnh viễn khỏi dữ liệu ` +
      'và không khôi phục được, kể cả khi khôi phục nguồn tin.',
    confirm: 'Xóa nguồn tin',
    cancel: 'Hủy',
    deleted: (label: string) => `Đã chuyển vào mục "Đã xóa gần đây": ${label}. Thông tin người cung cấp tin đã bị xóa vĩnh viễn.`,
    mark: 'đã xóa thông tin người cung cấp',
    markHint: 'Thông tin người cung cấp tin đã bị xóa vĩnh viễn khi xóa nguồn tin; khôi phục nguồn tin không lấy lại được.',
    restoreTitle: 'Khôi phục nguồn tin',
    restoreBody: (label: string) =>
      `Khôi phục nguồn tin "${label}"? Thông tin người cung cấp tin của nguồn tin này đã bị xóa vĩnh viễn khi xóa ` +
      'nên sẽ không được khôi phục; nguồn tin trở lại không có người cung cấp tin.',
    restoreConfirm: 'Khôi phục không có người cung cấp tin',
    restored: (label: string) => `Đã khôi phục: ${label}. Thông tin người cung cấp tin không được khôi phục (đã bị xóa vĩnh viễn khi xóa).`,
    restoredUnknown: (label: string) =>
      `Đã khôi phục: ${label}. Thông tin người cung cấp tin (nếu có) không được khôi phục vì đã bị xóa vĩnh viễn khi xóa.`,
  },
  close: 'Đóng',

  // ---- tip detail ----
  tip: {
    title: (date: string) => `Nguồn tin ngày ${date}`,
    infoLabel: 'Thông tin nguồn tin',
    edit: 'Sửa',
    informantSection: 'Người cung cấp tin (bảo mật)',
    informantNote: 'Chỉ xem khi cần. Thông tin này không hiện trong danh sách, không xuất ra Excel và không đưa vào số liệu.',
    show: 'Hiện thông tin người cung cấp tin',
    hide: 'Ẩn thông tin người cung cấp tin',
    none: 'Chưa ghi thông tin người cung cấp tin (nguồn tin ẩn danh).',
    add: 'Ghi thông tin người cung cấp tin',
    editInformant: 'Sửa thông tin người cung cấp tin',
    removeInformant: 'Xóa thông tin người cung cấp tin',
    removeTitle: 'Xóa thông tin người cung cấp tin?',
    removeBody: 'Thông tin người cung cấp tin của nguồn tin này sẽ bị xóa hẳn; nguồn tin vẫn giữ nguyên.',
    removed: 'Đã xóa thông tin người cung cấp tin.',
    saveInformant: 'Lưu thông tin',
    informantSaved: 'Đã lưu thông tin người cung cấp tin.',
    updatedAt: (at: string) => `Cập nhật lần cuối: ${at}`,
    informantTable: 'Thông tin người cung cấp tin',
    fields: {
      name: 'Họ tên',
      phone: 'Số điện thoại',
      address: 'Địa chỉ',
      idNumber: 'Số giấy tờ tùy thân',
      note: 'Ghi chú',
    },
    emptyInformant: 'Hãy ghi ít nhất một thông tin, hoặc bấm "Hủy".',
  },
} as const;

/** Texts of the fast-entry grid (grid/). */
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
