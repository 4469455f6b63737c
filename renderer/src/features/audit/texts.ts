/** Texts of "Nhật ký thao tác" (issue 15 item 3), in one place. */
import { formatIntVi } from '../../../../shared/lib/numbers';

export const AUDIT = {
  title: 'Nhật ký thao tác',
  intro:
    'Mọi thay đổi dữ liệu và mọi lần xem thông tin người cung cấp tin đều được ghi lại: ai, lúc nào, thao tác gì, bản ghi nào. ' +
    'Mỗi mục mang mã băm của mục trước, nên sửa hay xóa một mục trong tệp dữ liệu sẽ bị phát hiện khi kiểm tra.',
  from: 'Từ ngày',
  to: 'Đến ngày',
  actor: 'Người thực hiện',
  anyActor: 'Tất cả',
  feature: 'Chức năng',
  anyFeature: 'Tất cả',
  kind: 'Loại',
  anyKind: 'Tất cả',
  recordId: 'Mã bản ghi',
  recordIdHint: 'Dán mã (id) của một bản ghi',
  clear: 'Bỏ lọc',
  verify: 'Kiểm tra tính toàn vẹn',
  export: 'Xuất Excel',
  exported: (n: number) => `Đã xuất ${formatIntVi(n)} mục ra tệp Excel.`,
  colSeq: 'Số',
  colAt: 'Thời điểm',
  colActor: 'Người thực hiện',
  colFeature: 'Chức năng',
  colMethod: 'Thao tác',
  colSummary: 'Tóm tắt',
  colIds: 'Mã bản ghi',
  system: 'Hệ thống',
  empty: 'Không có mục nào khớp bộ lọc.',
  total: (n: number) => `${formatIntVi(n)} mục`,
  kinds: { change: 'Thay đổi', view: 'Xem dữ liệu bảo vệ', system: 'Hệ thống' } as const,
  ok: (checked: number, at: string) => `Chuỗi nhật ký toàn vẹn: đã kiểm tra ${formatIntVi(checked)} mục (lúc ${at}).`,
  okAtStart: (fromSeq: number, checked: number, at: string) =>
    `Lúc mở phần mềm (${at}): ${formatIntVi(checked)} mục${fromSeq > 1 ? ` từ mục số ${formatIntVi(fromSeq)}` : ''} toàn vẹn. ` +
    'Bấm "Kiểm tra tính toàn vẹn" để kiểm tra toàn bộ nhật ký đến mục cuối.',
  brokenTitle: 'Nhật ký thao tác đã bị can thiệp',
  head: (seq: number, short: string) => `Mục cuối: số ${formatIntVi(seq)} · mã ${short}`,
  noHead: 'Nhật ký chưa có mục nào.',
  moreIds: (n: number) => `và ${formatIntVi(n)} mã khác`,
} as const;
