/** The audit log's Vietnamese sentences written by the backend (entries, the check's result, the export). */
import { auditTimeVi, type AuditBreak } from '../../../shared/domain/audit';
import { formatIntVi } from '../../../shared/lib/numbers';

export const AUDIT_TEXTS = {
  informantViewed: 'Xem thông tin người cung cấp tin',
  backupMade: (reason: string, file: string) => `Sao lưu dữ liệu (${reason}): ${file}`,
  backupCopied: (file: string, folder: string) => `Sao chép bản sao lưu ${file} ra thư mục ${folder}`,
  restored: (file: string, before: string) => `Khôi phục dữ liệu từ bản sao lưu ${file} (bản lưu trước khi khôi phục: ${before})`,
  restoreUndone: (file: string) => `Hoàn tác khôi phục: dùng lại tệp trước khi khôi phục (${file})`,
  backupErased: (file: string) => `Xóa hẳn bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa (${file})`,
  broken(b: AuditBreak): string {
    const where = `mục số ${formatIntVi(b.seq)} (${auditTimeVi(b.at)}, thao tác ${b.method})`;
    if (b.reason === 'edited')
      return `Nhật ký thao tác bị sửa tại ${where}: nội dung không khớp mã băm, dòng này đã bị sửa trực tiếp trong tệp.`;
    if (b.reason === 'unlinked')
      return `Nhật ký thao tác bị phá vỡ tại ${where}: không nối với mục trước nó, một mục trước đã bị thay hoặc xóa.`;
    return `Nhật ký thao tác bị phá vỡ tại ${where}: thiếu các mục ngay trước mục này, nhật ký đã bị xóa bớt.`;
  },
  exportTitle: 'Nhật ký thao tác',
  reportHead: (seq: number, short: string) => `Nhật ký thao tác đến mục số ${formatIntVi(seq)} (mã ${short})`,
  exportFile: (stamp: string) => `Nhat-ky-thao-tac_${stamp}.xlsx`,
  systemActor: 'Hệ thống',
  kinds: { change: 'Thay đổi', view: 'Xem dữ liệu bảo vệ', system: 'Hệ thống' } as const,
  columns: {
    seq: 'Số thứ tự',
    at: 'Thời điểm',
    actor: 'Người thực hiện',
    role: 'Vai trò',
    kind: 'Loại',
    feature: 'Chức năng',
    method: 'Thao tác',
    ids: 'Mã bản ghi',
    summary: 'Tóm tắt',
    hash: 'Mã băm',
  },
} as const;
