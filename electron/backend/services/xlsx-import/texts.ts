import { formatIntVi } from '../../../../shared/lib/numbers';

/** The Vietnamese sentences of the generic import flow (import.service.ts). */
export const IMPORT_TEXTS = {
  hasErrors: (n: number) => `Tệp còn ${n} dòng lỗi; chưa ghi dữ liệu nào. Hãy sửa các dòng lỗi rồi nhập lại.`,
  notAccepted: (n: number) =>
    `Tệp có ${n} dòng cần lưu ý (gần trùng với bản ghi khác); chưa ghi dữ liệu nào. Hãy xem cột "Lưu ý", chọn "Vẫn ghi các dòng cần lưu ý" rồi ghi lại, hoặc sửa tệp.`,
  sameAsRow: (row: number) => `Giống hệt dòng ${row}: bỏ qua, chỉ ghi một lần.`,
  conflictsWithRow: (row: number) => `Trùng với dòng ${row} (cùng một bản ghi được ghi hai lần trong tệp, với nội dung khác nhau).`,
  nearRow: (row: number, differences: readonly string[]) =>
    `Gần trùng dòng ${row}${differences.length > 0 ? `; khác ở (dòng ${row} / dòng này): ${differences.join('; ')}` : ''}. ` +
    'Nếu là hai bản ghi khác nhau thì vẫn ghi được.',
  jobPreview: (title: string) => `Đang kiểm tra tệp ${title}`,
  jobCommit: (title: string) => `Đang nhập tệp ${title}`,
  reading: 'Đang đọc tệp',
  matching: 'Đang đối chiếu với dữ liệu đã có',
  checking: (done: number, total: number) => `Đã kiểm tra ${formatIntVi(done)}/${formatIntVi(total)} dòng`,
  changedMeanwhile: 'Dữ liệu vừa thay đổi trong lúc nhập; chưa ghi dữ liệu nào. Hãy nhập lại tệp.',
  writing: (n: number) => `Đang ghi ${formatIntVi(n)} dòng`,
  jobExport: (title: string) => `Đang xuất tệp ${title}`,
  exportRows: (done: number, total: number) => `Đã ghi ${formatIntVi(done)}/${formatIntVi(total)} dòng vào tệp Excel`,
  exportPacking: 'Đang nén tệp Excel',
  exportReading: 'Đang đọc các dòng cần xuất',
  exportTooMany: (max: number) =>
    `Danh sách có hơn ${formatIntVi(max)} bản ghi, quá nhiều để xuất ra một tệp Excel (một tệp chỉ nhập lại được tối đa ${formatIntVi(max)} dòng). ` +
    'Hãy chọn khoảng thời gian (năm) hoặc đơn vị hẹp hơn rồi xuất lại.',
} as const;

/** The activity records' own sentences (specs/activities.spec.ts). */
export const ACTIVITY_IMPORT_TEXTS = {
  nearStored: (record: string, others: number, differences: readonly string[]) =>
    `Gần trùng bản ghi đã có: ${record}${others > 0 ? ` (và ${others} bản ghi gần trùng khác)` : ''}` +
    `${differences.length > 0 ? `; khác ở (đã có / dòng này): ${differences.join('; ')}` : ''}. ` +
    'Nếu là hai bản ghi khác nhau thì vẫn ghi được; nếu là cùng một bản ghi, hãy sửa bản ghi đã có trên phần mềm.',
} as const;
