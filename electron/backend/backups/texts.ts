/**
 * What the person reads about backups: why a backup file is refused for a restore (nothing is
 * changed), why a backup or a copy failed. One place for all of them (house rule).
 */
export const BACKUP_TEXTS = {
  notFound: 'Không tìm thấy bản sao lưu này trong danh sách của phần mềm. Hãy tải lại danh sách.',
  fileMissing: (name: string) =>
    `Tệp sao lưu "${name}" không còn trong thư mục sao lưu (có thể đã bị xoá hoặc chuyển đi). Dữ liệu chưa bị thay đổi.`,
  notSqlite: (name: string) =>
    `Tệp sao lưu "${name}" không phải là cơ sở dữ liệu hợp lệ nên không khôi phục được. Dữ liệu chưa bị thay đổi.`,
  notOurs: (name: string) =>
    `Tệp sao lưu "${name}" không phải là dữ liệu của phần mềm này (mã nhận dạng không đúng) nên không khôi phục được. Dữ liệu chưa bị thay đổi.`,
  noVersion: (name: string) =>
    `Tệp sao lưu "${name}" không có phiên bản dữ liệu của phần mềm này nên không khôi phục được. Dữ liệu chưa bị thay đổi.`,
  newer: (name: string, found: number, latest: number) =>
    `Tệp sao lưu "${name}" được tạo bởi phiên bản mới hơn của phần mềm (phiên bản dữ liệu ${found}, phần mềm này chỉ đọc được đến ${latest}) ` +
    'nên không khôi phục được. Dữ liệu chưa bị thay đổi.',
  damaged: (name: string) =>
    `Tệp sao lưu "${name}" bị hỏng (kiểm tra toàn vẹn không đạt) nên không khôi phục được. Dữ liệu chưa bị thay đổi.`,
  changed: (name: string) =>
    `Tệp sao lưu "${name}" đã bị thay đổi sau khi sao lưu (mã kiểm tra SHA-256 không khớp) nên không khôi phục được. Dữ liệu chưa bị thay đổi.`,
  writeFailed: (folder: string, why: string) => `Không sao lưu được dữ liệu vào thư mục "${folder}": ${why}`,
  whyFull: 'ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi bấm "Sao lưu ngay".',
  whyReadOnly: 'thư mục chỉ đọc hoặc không đủ quyền ghi. Hãy cấp quyền ghi cho thư mục rồi bấm "Sao lưu ngay".',
  whyCheck: 'bản sao vừa ghi không đạt kiểm tra (mở, kiểm tra toàn vẹn, mã nhận dạng, phiên bản) nên đã bị bỏ. Hãy thử lại.',
  whyOther: 'lỗi đọc/ghi ổ đĩa. Hãy kiểm tra ổ đĩa rồi bấm "Sao lưu ngay".',
  beforeAction: (message: string) => `${message} Vì chưa sao lưu được nên thao tác chưa được thực hiện; dữ liệu chưa bị thay đổi.`,
  copyFolderMissing: (folder: string) =>
    `Thư mục "${folder}" không tồn tại hoặc không phải là thư mục. Hãy cắm USB hoặc chọn thư mục khác.`,
  copyFolderRelative: 'Hãy nhập đường dẫn đầy đủ của thư mục (ví dụ E:\\SaoLuu hoặc /media/usb).',
  copyExists: (name: string) => `Trong thư mục đã có tệp "${name}"; phần mềm không ghi đè. Hãy chọn thư mục khác hoặc đổi tên tệp cũ.`,
  copyFailed: (folder: string) => `Không chép được bản sao lưu vào thư mục "${folder}" (thư mục chỉ đọc, đầy, hoặc USB đã rút ra).`,
  copyMismatch: (folder: string) =>
    `Bản chép trong thư mục "${folder}" không khớp với bản sao lưu (đọc lại khác), nên đã bị xoá. Hãy thử lại.`,
  reopenFailed: (message: string) =>
    `Không mở được dữ liệu sau khi khôi phục (${message}). Phần mềm đã đặt lại tệp dữ liệu như trước khi khôi phục.`,
  swapFailed:
    'Không thay được tệp dữ liệu bằng bản sao lưu (ổ đĩa đầy, thư mục chỉ đọc, hoặc tệp đang bị chương trình khác giữ). ' +
    'Dữ liệu chưa bị thay đổi.',
  noRestoreToUndo: 'Không có lần khôi phục nào để hoàn tác.',
  busy: 'Đang sao lưu hoặc khôi phục dữ liệu; hãy thử lại sau giây lát.',
  notClear: (name: string) =>
    `Bản sao lưu "${name}" không chứa dữ liệu bảo vệ chưa mã hóa nên không xóa theo cách này (phần mềm tự xóa bản cũ theo lịch). ` +
    'Chưa xóa bản nào.',
  eraseFailed: (name: string) =>
    `Không xóa được tệp sao lưu "${name}" (thư mục chỉ đọc hoặc tệp đang được chương trình khác mở). Hãy thử lại.`,
} as const;
