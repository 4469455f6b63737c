/**
 * What the person reads when the data file or folder cannot be used: each case says what happened,
 * that nothing was changed (where true), and what to do. One place for all of them (house rule).
 */
export const BACKUP_FOLDER = 'sao-luu';

export const DB_TEXTS = {
  notDatabase: (name: string) => `Tệp "${name}" không phải là cơ sở dữ liệu hợp lệ.`,
  notOurs: (name: string) => `Tệp "${name}" không phải là cơ sở dữ liệu của phần mềm này.`,
  newerVersion: (name: string, found: number, latest: number) =>
    `Dữ liệu trong tệp "${name}" được tạo bởi phiên bản mới hơn của phần mềm ` +
    `(phiên bản dữ liệu ${found}, phần mềm này chỉ đọc được đến ${latest}). ` +
    'Hãy cài đặt phiên bản mới của phần mềm; dữ liệu chưa bị thay đổi.',
  foreignSchema: (name: string) =>
    `Tệp "${name}" mang dấu của phần mềm này nhưng đã chứa các bảng lạ mà không có phiên bản dữ liệu, ` +
    'nên không phải là cơ sở dữ liệu của phần mềm này. Phần mềm không mở và chưa ghi gì vào tệp. ' +
    `Hãy chép bản sao lưu mới nhất trong thư mục "${BACKUP_FOLDER}" vào chỗ tệp này, hoặc chọn thư mục dữ liệu khác.`,
  emptyFile: (name: string, backupDir: string) =>
    `Tệp dữ liệu "${name}" rỗng (0 byte): có thể nó bị ghi dở hoặc chép hỏng. ` +
    'Phần mềm không tự tạo dữ liệu mới đè lên và chưa ghi gì vào tệp. ' +
    `Nếu có bản sao lưu trong thư mục "${backupDir}", hãy đóng phần mềm, chép bản mới nhất vào chỗ tệp này ` +
    `và đặt tên là "${name}". Nếu đây là lần đầu dùng phần mềm, hãy xoá tệp rỗng này rồi mở lại.`,
  damaged: (name: string, backupDir: string) =>
    `Tệp dữ liệu "${name}" bị hỏng (kiểm tra toàn vẹn không đạt), nên phần mềm không mở nó và chưa ghi gì vào tệp. ` +
    `Cách khắc phục: đóng phần mềm; đổi tên tệp "${name}" (ví dụ thành "${name}.hong") để giữ lại; ` +
    `chép bản sao lưu mới nhất trong thư mục "${backupDir}" vào thư mục dữ liệu và đặt tên là "${name}"; ` +
    'rồi mở lại phần mềm. Nếu không có bản sao lưu, hãy liên hệ cán bộ kỹ thuật và gửi kèm tệp bị hỏng.',
  folderIsFile: (dir: string) =>
    `Đường dẫn thư mục dữ liệu "${dir}" đang là một tệp, không phải thư mục. ` +
    'Hãy đổi tên hoặc chuyển tệp đó đi, hoặc chọn thư mục dữ liệu khác (tham số --data-dir). Dữ liệu chưa bị thay đổi.',
  fileIsFolder: (name: string, dir: string) =>
    `Ở vị trí tệp dữ liệu "${name}" trong thư mục "${dir}" lại là một thư mục. ` +
    `Hãy đổi tên hoặc chuyển thư mục đó đi (nếu bên trong có tệp "${name}" thật, hãy chép nó ra đúng chỗ), rồi mở lại phần mềm.`,
  readOnly: (dir: string) =>
    `Không ghi được vào thư mục dữ liệu "${dir}" (thư mục chỉ đọc hoặc không đủ quyền). ` +
    'Hãy cấp quyền ghi cho thư mục này, hoặc chọn thư mục dữ liệu khác (tham số --data-dir). Dữ liệu chưa bị thay đổi.',
  readOnlyNow:
    'Không ghi được dữ liệu: tệp dữ liệu hoặc thư mục chứa nó đang ở chế độ chỉ đọc hoặc không đủ quyền. ' +
    'Thao tác vừa rồi chưa được lưu. Hãy cấp quyền ghi cho thư mục dữ liệu rồi mở lại phần mềm.',
  diskFull:
    'Ổ đĩa chứa dữ liệu đã đầy nên không lưu được. Thao tác vừa rồi chưa được ghi, dữ liệu cũ vẫn nguyên vẹn. ' +
    'Hãy giải phóng dung lượng ổ đĩa (xoá bớt tệp không cần) rồi thử lại.',
  damagedNow:
    'Tệp dữ liệu bị hỏng nên không đọc hoặc ghi được. Thao tác vừa rồi chưa được lưu. ' +
    `Hãy đóng phần mềm và chép bản sao lưu mới nhất trong thư mục "${BACKUP_FOLDER}" vào chỗ tệp dữ liệu.`,
  ioError:
    'Lỗi đọc/ghi ổ đĩa khi truy cập dữ liệu. Thao tác vừa rồi chưa được lưu. ' +
    'Hãy kiểm tra ổ đĩa (còn cắm, không hỏng, còn chỗ trống) rồi thử lại.',
  busy: 'Dữ liệu đang bận vì một chương trình khác đang dùng tệp. Thao tác vừa rồi chưa được lưu; hãy thử lại sau giây lát.',
  cannotOpen: (dir: string) =>
    `Không mở được tệp dữ liệu trong thư mục "${dir}". Hãy kiểm tra thư mục còn tồn tại, đủ quyền ghi, ` +
    'và ổ đĩa còn chỗ trống, rồi mở lại phần mềm.',
  folderInUse: (dir: string) =>
    `Thư mục dữ liệu "${dir}" đang được một phiên khác của phần mềm sử dụng (một cửa sổ khác, hoặc một lệnh ` +
    '"npm start" khác). Hai phiên cùng ghi một tệp dữ liệu sẽ làm hỏng công việc của nhau, nên phiên này không mở. ' +
    'Hãy dùng phiên đang mở, hoặc đóng nó rồi mở lại.',
} as const;
