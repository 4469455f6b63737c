/**
 * Texts of the rubric (Chấm điểm, phân loại) and rule-set (Bộ tiêu chí) tabs. Class names, rule
 * types and setting options come from shared/domain/criteria so the backend and the screens agree.
 */
import { EVALUATED_KIND_LABELS } from '../../../../shared/domain/criteria/vocabulary';

const vi = (n: number) => n.toLocaleString('vi-VN');

/** What a rubric may score: the kinds of Circular 124 and, for Decision 510, districts. */
export const SUBJECT_LABELS: Readonly<Record<string, string>> = { ...EVALUATED_KIND_LABELS, huyen: 'Huyện (cấp huyện)' };
export const subjectLabel = (k: string): string => SUBJECT_LABELS[k] ?? k;

export const FILES = {
  shipped: 'Đi kèm phần mềm',
  imported: 'Nhập từ tệp',
  example: 'Ví dụ minh họa',
  exampleRubric: 'Ví dụ minh họa — không phải biểu điểm chính thức',
  notJson: 'Hãy chọn tệp JSON (.json).',
  export: 'Xuất tệp',
  imported_by: (by: string | null, at: string) => `Nhập lúc ${at}${by ? `, người nhập: ${by}` : ''}`,
};

export const RS = {
  title: 'Bộ tiêu chí đánh giá',
  intro:
    'Các bộ tiêu chí theo Thông tư 124/2021/TT-BCA đi kèm phần mềm. Tỉnh có thể ban hành thêm tiêu chí (Điều 8 khoản 1): nhập tệp bộ tiêu chí do tỉnh gửi; tệp được lưu nguyên vẹn và xuất ra đúng như đã nhập.',
  import: 'Nhập tệp bộ tiêu chí',
  fileInput: 'Chọn tệp bộ tiêu chí',
  tableLabel: 'Danh sách bộ tiêu chí',
  empty: 'Chưa có bộ tiêu chí nào.',
  columns: {
    name: 'Tên bộ tiêu chí',
    version: 'Hiệu lực từ',
    kinds: 'Áp dụng cho',
    scope: 'Phạm vi',
    origin: 'Nguồn',
    criteria: 'Số tiêu chí',
    frozen: 'Đã dùng để chốt',
    actions: 'Thao tác',
  },
  scope: { quoc_gia: 'Quốc gia', tinh: 'Tỉnh bổ sung' } as Record<string, string>,
  view: 'Xem tiêu chí',
  remove: 'Xóa',
  removeTitle: 'Xóa bộ tiêu chí đã nhập',
  removeBody: (name: string, version: string) =>
    `Xóa bộ tiêu chí "${name}" (hiệu lực từ ${version}) khỏi phần mềm? Các năm chưa chốt sẽ được tính lại không có bộ tiêu chí này. Có thể nhập lại tệp sau.`,
  removed: (name: string) => `Đã xóa bộ tiêu chí "${name}".`,
  cancel: 'Hủy',
  frozenYears: (years: number[]) => (years.length ? `Năm ${years.join(', ')}` : '—'),
  drawer: {
    source: 'Căn cứ',
    issuer: 'Cơ quan ban hành',
    kinds: 'Áp dụng cho',
    version: 'Hiệu lực từ',
    file: 'Tệp',
    hash: 'Mã nội dung',
    note: 'Ghi chú',
    criteria: (n: number) => `Các tiêu chí (${vi(n)})`,
    type: 'Cách đánh giá',
    notApplicable: 'Không áp dụng khi',
    close: 'Đóng',
  },
  settings: {
    title: 'Thiết lập đánh giá',
    intro:
      'Hai điểm Thông tư 124 chưa nói rõ. Phần mềm mặc định theo cách hiểu thông dụng; nếu tỉnh hướng dẫn khác, chọn lại ở đây. Kết quả các năm chưa chốt được tính lại theo thiết lập mới; kết quả đã chốt không thay đổi.',
    reducedMeans: 'Thế nào là "kiềm chế, kéo giảm" so với năm trước',
    reducedHelp: {
      lte: 'Số vụ năm nay không nhiều hơn năm trước thì đạt; bằng năm trước vẫn đạt.',
      lt: 'Số vụ năm nay phải ít hơn năm trước mới đạt; bằng năm trước là chưa đạt.',
    } as Record<string, string>,
    subunitPool: 'Tỷ lệ 70% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn (tiêu chuẩn của xã)',
    poolHelp: {
      pooled: 'Gộp tất cả khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục của xã rồi tính một tỷ lệ.',
      per_category: 'Từng loại (khu dân cư; cơ quan; doanh nghiệp; cơ sở giáo dục) phải tự đạt tỷ lệ.',
    } as Record<string, string>,
    defaultMark: ' (mặc định)',
    by: 'Người thay đổi',
    save: 'Lưu thiết lập',
    saved: 'Đã lưu thiết lập đánh giá.',
    usingDefaults: 'Đang dùng thiết lập mặc định.',
    lastSaved: (at: string, by: string | null) => `Lưu lần cuối lúc ${at}${by ? `, người thay đổi: ${by}` : ''}.`,
  },
};

export const RB = {
  title: 'Chấm điểm, phân loại phong trào',
  rubric: 'Biểu điểm',
  category: 'Loại đối tượng',
  all: 'Tất cả',
  import: 'Nhập tệp biểu điểm',
  fileInput: 'Chọn tệp biểu điểm',
  export: 'Xuất tệp biểu điểm',
  noRubric: 'Chưa có biểu điểm nào.',
  exampleWarning:
    'Đây là biểu điểm ví dụ đi kèm phần mềm để minh họa cách chấm; điểm và mức xếp loại không phải quy định chính thức. Hãy nhập tệp biểu điểm theo văn bản của tỉnh để chấm điểm thật.',
  versionInfo: (version: string, year: number) => `Phiên bản hiệu lực từ ${version}, áp dụng cho năm ${year}.`,
  bands: 'Mức xếp loại',
  bandText: (label: string, min: number, upper: number | null) =>
    upper === null
      ? `${label}: từ ${vi(min)} điểm`
      : min === 0
        ? `${label}: dưới ${vi(upper)} điểm`
        : `${label}: từ ${vi(min)} đến dưới ${vi(upper)} điểm`,
  maxTotal: (n: number) => `Tổng điểm tối đa ${vi(n)}`,
  counts: 'Kết quả phân loại',
  tableLabel: 'Bảng chấm điểm',
  empty: 'Không có đối tượng nào thuộc phạm vi của biểu điểm trong năm này.',
  loading: 'Đang tải…',
  columns: {
    name: 'Tên',
    category: 'Loại',
    parent: 'Trực thuộc',
    self: 'Tự chấm',
    reviewed: 'Thẩm định',
    class: 'Xếp loại',
    actions: 'Thao tác',
  },
  points: (total: number, max: number) => `${vi(total)}/${vi(max)}`,
  notScored: 'Chưa chấm',
  incomplete: 'Chưa đủ',
  fromSelf: '(theo tự chấm)',
  fromReviewed: '(theo thẩm định)',
  notClassified: 'Chưa xếp loại',
  score: 'Chấm điểm',
  total: (n: number) => `Tổng cộng: ${vi(n)}`,

  form: {
    title: (name: string) => `Chấm điểm: ${name}`,
    kind: 'Loại chấm điểm',
    kinds: { tu_cham: 'Tự chấm', tham_dinh: 'Thẩm định' } as Record<string, string>,
    by: 'Người chấm',
    note: 'Ghi chú',
    save: 'Lưu điểm',
    cancel: 'Hủy',
    saved: (name: string, kind: string) => `Đã lưu điểm ${kind.toLowerCase()} của ${name}.`,
    liveTotal: 'Tổng điểm',
    liveClass: 'Xếp loại',
    pending: 'Chưa đủ để xếp loại',
    fixedLabel: (points: number) => `Đạt (${vi(points)} điểm)`,
    rangeHelp: (max: number, step: number | undefined) => `Từ 0 đến ${vi(max)} điểm${step ? `, bước ${vi(step)}` : ''}`,
    deductionLabel: 'Số lần xảy ra',
    deductionHelp: (per: number, max: number) => `Trừ ${vi(per)} điểm mỗi lần, không trừ quá ${vi(max)} điểm`,
    knockoutLabel: 'Có xảy ra',
    knockoutHelp: (cls: string) => `Nếu có xảy ra: xếp loại không cao hơn ${cls}`,
    notApplicable: 'Không áp dụng',
    maxOf: (max: number) => `tối đa ${vi(max)} điểm`,
    groupMax: (max: number) => `Nhóm, tối đa ${vi(max)} điểm`,
    itemPoints: (p: number | null, max: number) => (p === null ? `—/${vi(max)}` : `${vi(p)}/${vi(max)}`),
    previous: (by: string, at: string) => `Đã chấm lúc ${at}, người chấm: ${by}. Lưu lại sẽ thay điểm cũ.`,
    olderVersion: (v: string) => `Điểm được nhập theo phiên bản biểu điểm ${v}; nay tính theo phiên bản hiện hành.`,
  },
};
