/** Texts of the "Gửi dữ liệu cho Công an tỉnh" tab. */
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';

/** An ISO timestamp as the day it was in Vietnam, dd/MM/yyyy. */
export const dayOf = (iso: string): string => formatDateVi(vietnamDateOf(new Date(iso)));

export const SEND = {
  scopeTitle: 'Chọn năm hoặc kỳ báo cáo',
  year: 'Năm báo cáo',
  wholeYear: 'Cả năm',
  period: 'Một kỳ trong năm',
  from: 'Từ ngày',
  to: 'Đến ngày',
  previewTitle: 'Xem trước nội dung sẽ gửi',
  loading: 'Đang tổng hợp dữ liệu…',
  recipient: (name: string, fp: string) => `Gửi cho: ${name} (mã nhận diện ${fp}).`,
  fileWillBe: (name: string) => `Tệp sẽ có tên ${name} (số thứ tự có thể tăng nếu thư mục đã có tệp số này).`,
  full: 'Tệp chứa toàn bộ dữ liệu của đơn vị (mọi năm, kể cả bản ghi đã xóa để tỉnh xóa theo); năm và kỳ cho biết số liệu báo cáo và kết quả đánh giá kèm theo.',
  kindsTitle: 'Số bản ghi theo loại',
  kind: 'Loại bản ghi',
  rows: 'Số bản ghi',
  deleted: 'Trong đó đã xóa',
  total: 'Tổng cộng',
  unitsTitle: 'Số bản ghi theo đơn vị',
  unit: 'Đơn vị',
  evaluationTitle: (year: number) => `Kết quả đánh giá năm ${year} gửi kèm`,
  frozen: (at: string, by: string) => `Năm đã chốt ngày ${dayOf(at)} (${by}): gửi kết quả đã chốt.`,
  live: 'Năm chưa chốt: gửi kết quả tính theo dữ liệu hiện tại.',
  noEvaluation: 'Chưa có đối tượng đánh giá trong năm này.',
  category: 'Nhóm',
  subjects: 'Số đối tượng',
  dat: 'Đạt',
  notEvaluated: 'không đánh giá',
  basis: 'Căn cứ',
  basisLabels: { frozen: 'đã chốt', live: 'tính hiện tại', unverified: 'không xác định' } as Record<string, string>,
  neverTitle: 'Không bao giờ gửi',
  personalSentTitle: 'Dữ liệu cá nhân gửi theo yêu cầu của tỉnh',
  folder: 'Thư mục lưu tệp (ví dụ ổ USB)',
  folderHint: 'Nhập đường dẫn đầy đủ của một thư mục đã có, ví dụ E:\\ hoặc /media/usb',
  write: 'Ghi tệp',
  writing: 'Đang ghi và kiểm tra tệp…',
  written: 'Đã ghi và kiểm tra tệp',
  writtenDetail: (name: string, path: string) =>
    `Tệp ${name} đã được ghi vào ${path}, đọc lại và kiểm tra chữ ký, mã băm, giải mã thành công.`,
  hash: 'Mã băm SHA-256',
  showHash: 'Xem đầy đủ',
  hideHash: 'Thu gọn',
  sentTitle: 'Đã gửi',
  noneSent: 'Chưa gửi tệp nào.',
  seq: 'Số',
  yearPeriod: 'Năm, kỳ',
  fileName: 'Tên tệp',
  writtenOn: 'Ngày ghi',
  size: 'Dung lượng',
  receipt: 'Biên nhận của tỉnh',
  received: (seq: number, at: string) => `Tỉnh đã nhận gói số ${seq} ngày ${dayOf(at)}`,
  notReceived: 'Chưa có biên nhận',
  receiptTitle: 'Nhập biên nhận của tỉnh',
  receiptPath: 'Đường dẫn tệp biên nhận (ANTQ_BIENNHAN_….antq)',
  receiptButton: 'Nhập biên nhận của tỉnh',
  receiptDone: (seq: number, at: string) => `Đã nhập biên nhận: tỉnh đã nhận gói số ${seq} ngày ${dayOf(at)}.`,
  receiptAgain: (seq: number) => `Biên nhận của gói số ${seq} đã được nhập trước đó; không có gì thay đổi.`,
  writeFailed: 'Không ghi được tệp',
  blocked: 'Chưa gửi được',
} as const;

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('vi-VN')} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** The short form of a hash shown in lists: its first 16 hex digits in groups of 4. */
export function shortHash(sha256: string): string {
  return (sha256.slice(0, 16).match(/.{4}/g) ?? []).join(' ') + ' …';
}
