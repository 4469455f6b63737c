/** Texts of "Sao lưu dữ liệu" and of the shell's backup badge. */
import type { BackupCounted, BackupReason } from '../../../../shared/ipc/contracts/backups.contract';
import { formatDateVi, vietnamDateOf } from '../../../../shared/lib/dates';
import { formatIntVi } from '../../../../shared/lib/numbers';

/** An instant as people read it here: 22/11/2026 10:00 (Vietnam time). */
export function dateTimeVi(iso: string): string {
  const at = new Date(iso);
  const shifted = new Date(at.getTime() + 7 * 3_600_000);
  return `${formatDateVi(vietnamDateOf(at))} ${shifted.toISOString().slice(11, 16)}`;
}

export const REASON_LABELS: Readonly<Record<BackupReason, string>> = {
  auto: 'Tự động (15 phút)',
  manual: 'Sao lưu ngay',
  migration: 'Trước khi nâng cấp dữ liệu',
  restore: 'Trước khi khôi phục',
  handoff: 'Trước khi nhận tệp dữ liệu',
  package: 'Trước khi nhập gói của tỉnh',
  freeze: 'Trước khi chốt kết quả năm',
};

export const COUNT_LABELS: Readonly<Record<BackupCounted, string>> = {
  units: 'Đơn vị',
  organizations: 'Cơ quan, DN, trường học',
  models: 'Mô hình',
  model_sites: 'Điểm mô hình',
  mass_orgs: 'Tổ chức quần chúng',
  mass_org_members: 'Thành viên',
  propaganda_sessions: 'Tuyên truyền',
  activity_events: 'Ngày hội, hội nghị',
  tips: 'Tin báo',
  mediations: 'Hòa giải',
  incidents: 'Vụ việc ANTT',
  awards: 'Khen thưởng',
};

export const countText = (n: number | null): string => (n === null ? 'thiếu dữ liệu' : formatIntVi(n));

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

export const BACKUPS = {
  title: 'Sao lưu dữ liệu',
  intro:
    'Phần mềm tự sao lưu 15 phút một lần khi dữ liệu có thay đổi, và trước khi nâng cấp, khôi phục, nhận tệp dữ liệu, ' +
    'nhập gói của tỉnh hoặc chốt kết quả năm. Mỗi bản được kiểm tra toàn vẹn trước khi lưu. Giữ 3 bản trong ngày, ' +
    'mỗi ngày một bản trong 14 ngày, mỗi tháng một bản trong 12 tháng.',
  folder: (f: string) => `Thư mục sao lưu: ${f}`,
  backupNow: 'Sao lưu ngay',
  made: (at: string) => `Đã sao lưu lúc ${dateTimeVi(at)}.`,
  lastSuccess: (at: string, reason: string) => `Lần sao lưu gần nhất: ${dateTimeVi(at)} (${reason}).`,
  never: 'Chưa có bản sao lưu nào.',
  pending: 'Có thay đổi chưa được sao lưu.',
  upToDate: 'Không có thay đổi nào chưa sao lưu.',
  failedTitle: 'Sao lưu không thành công',
  failedAt: (at: string, reason: string) => `Lúc ${dateTimeVi(at)} (${reason}):`,
  listTitle: 'Các bản sao lưu',
  none: 'Chưa có bản sao lưu nào. Bấm "Sao lưu ngay" để tạo bản đầu tiên.',
  when: 'Thời điểm',
  reason: 'Lý do',
  counts: 'Số bản ghi',
  size: 'Dung lượng',
  actions: 'Thao tác',
  noRecords: 'Chưa có bản ghi',
  copyTitle: 'Chép bản sao lưu ra thư mục khác (USB)',
  copyHint: 'Nhập hoặc dán đường dẫn đầy đủ của thư mục, ví dụ E:\\SaoLuu hoặc /media/usb.',
  chooseFolder: 'Chọn thư mục…',
  chooseTitle: 'Chọn thư mục để chép bản sao lưu',
  copy: 'Chép ra thư mục',
  copied: (p: string) => `Đã chép và kiểm tra bản sao lưu: ${p}`,
  copyNeedsFolder: 'Hãy nhập thư mục đích ở trên trước khi chép.',
  restore: 'Khôi phục',
  restoreTitle: 'Khôi phục bản sao lưu',
  restoreBody: (at: string) =>
    `Dữ liệu hiện tại sẽ được thay bằng bản sao lưu lúc ${dateTimeVi(at)}. Trước đó phần mềm sao lưu dữ liệu hiện tại, ` +
    'nên có thể bấm "Hoàn tác khôi phục" để quay lại.',
  cancel: 'Hủy',
  restored: (at: string) => `Đã khôi phục bản sao lưu lúc ${dateTimeVi(at)}.`,
  lastRestoreTitle: 'Đã khôi phục dữ liệu',
  lastRestore: (at: string, restoredAt: string, beforeAt: string) =>
    `Lúc ${dateTimeVi(at)} đã khôi phục bản sao lưu lúc ${dateTimeVi(restoredAt)}. ` +
    `Dữ liệu trước khi khôi phục được giữ trong bản sao lưu lúc ${dateTimeVi(beforeAt)}.`,
  undo: 'Hoàn tác khôi phục',
  undoTitle: 'Hoàn tác khôi phục',
  undoBody: 'Dữ liệu sẽ trở lại như ngay trước lần khôi phục vừa rồi (dữ liệu hiện tại vẫn được sao lưu trước).',
  undone: 'Đã hoàn tác khôi phục: dữ liệu đã trở lại như trước khi khôi phục.',
  badgeFailed: 'Sao lưu lỗi',

  // ---- backups made before the protected fields were sealed ----
  clear: {
    mark: 'chứa dữ liệu bảo vệ chưa mã hóa',
    markHint:
      'Bản này được tạo trước khi dữ liệu bảo vệ được mã hóa: ai có tệp cũng đọc được thông tin người cung cấp tin và số điện thoại trong đó.',
    alertTitle: (n: number) => `${formatIntVi(n)} bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa`,
    alert:
      'Các bản này được tạo trước khi dữ liệu bảo vệ được mã hóa (thường là bản trước khi nâng cấp dữ liệu). Thông tin người cung cấp tin ' +
      'và số điện thoại trong đó ai có tệp cũng đọc được. Nên xóa hẳn khi không còn cần quay về phiên bản cũ.',
    eraseOne: 'Xóa hẳn',
    eraseAll: (n: number) => (n === 1 ? 'Xóa hẳn bản này' : `Xóa hẳn ${formatIntVi(n)} bản này`),
    title: 'Xóa hẳn bản sao lưu chưa mã hóa',
    body: (dates: readonly string[], undoLost: boolean) =>
      `Xóa hẳn ${dates.length === 1 ? 'bản sao lưu' : `${formatIntVi(dates.length)} bản sao lưu`} lúc ${dates.map(dateTimeVi).join(', ')}? ` +
      'Phần mềm ghi đè nội dung tệp rồi xóa tệp; không lấy lại được. Sẽ mất đường quay về dữ liệu như trước khi nâng cấp ' +
      '(không khôi phục được bản này, không quay lại phiên bản cũ của phần mềm với dữ liệu đó)' +
      (undoLost ? ' và không hoàn tác được lần khôi phục gần nhất' : '') +
      '. Các bản đã chép ra USB hoặc thư mục khác không bị xóa: hãy tự xóa các bản đó.',
    confirm: 'Xóa hẳn',
    erased: (n: number) => `Đã xóa hẳn ${formatIntVi(n)} bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa.`,
    afterSetupTitle: 'Bản sao lưu cũ chưa mã hóa',
    afterSetup: (n: number) =>
      `Dữ liệu bảo vệ (thông tin người cung cấp tin, số điện thoại) vừa được mã hóa. Nhưng ${formatIntVi(n)} bản sao lưu tạo trước đó ` +
      '(bản trước khi nâng cấp dữ liệu) vẫn chứa các thông tin này ở dạng ai có tệp cũng đọc được.',
    afterSetupHint:
      'Nếu chưa chắc phần mềm mới chạy ổn, có thể để sau: các bản này được đánh dấu trong mục "Sao lưu dữ liệu" và Quản trị xóa hẳn được bất cứ lúc nào.',
    later: 'Để sau',
  },
} as const;
