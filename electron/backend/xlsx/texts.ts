/** Every Vietnamese sentence the Excel reading can show, in one place. */
import type { ZipProblem } from './zip';

export const MB = 1024 * 1024;

export const XLSX_TEXTS = {
  empty: 'Tệp rỗng.',
  fileTooBig: (maxMb: number) => `Tệp quá lớn (tối đa ${maxMb} MB). Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.`,
  notXlsx: 'Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ.',
  oldOrEncrypted:
    'Tệp là bảng tính Excel cũ (.xls) hoặc được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng "Sổ làm việc Excel (.xlsx)".',
  zip: {
    not_zip: 'Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ.',
    damaged: 'Tệp Excel bị hỏng hoặc chưa chép đủ. Hãy mở lại bằng Excel, lưu lại rồi nhập lại.',
    encrypted: 'Tệp Excel được đặt mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.',
    unsupported: 'Tệp được nén theo cách phần mềm không đọc được. Hãy mở bằng Excel và lưu lại dạng .xlsx.',
    bad_name: 'Tệp chứa thành phần có tên không hợp lệ nên không được đọc (tệp có thể đã bị sửa có chủ ý).',
    too_many_parts: 'Tệp chứa quá nhiều thành phần, không phải một bảng tính thông thường.',
    too_big: 'Dữ liệu trong tệp khi giải nén quá lớn (hoặc tệp được tạo có chủ ý để làm treo máy); tệp không được đọc.',
  } satisfies Record<ZipProblem, string>,
  xml: {
    doctype: 'Tệp chứa khai báo XML không được phép (DOCTYPE/ENTITY); tệp không được đọc.',
    too_deep: 'Cấu trúc bên trong tệp lồng nhau quá sâu, không phải một bảng tính thông thường.',
    too_long: 'Tệp có một ô hoặc một thành phần quá dài, không phải một bảng tính thông thường.',
    malformed: 'Tệp Excel bị hỏng (nội dung bên trong không đúng định dạng). Hãy mở bằng Excel, lưu lại rồi nhập lại.',
  },
  noWorkbook: 'Tệp không phải sổ làm việc Excel (.xlsx): thiếu phần bảng tính. Có thể tệp là Word, PowerPoint hoặc đã bị đổi đuôi.',
  noVisibleSheet: 'Tệp Excel không có trang tính nào đang hiện.',
  tooManySharedStrings: (max: number) => `Tệp có quá nhiều chuỗi văn bản khác nhau (tối đa ${max.toLocaleString('vi-VN')}).`,
  tooManyRows: (max: number) => `Tệp có quá nhiều dòng (tối đa ${max.toLocaleString('vi-VN')} dòng mỗi lần nhập).`,
  rowTooFar: (row: number, max: number) =>
    `Tệp có dữ liệu ở dòng ${row.toLocaleString('vi-VN')}, quá giới hạn ${max.toLocaleString('vi-VN')} dòng mỗi lần nhập. Hãy xoá các ô thừa ở cuối trang tính hoặc chia thành nhiều tệp.`,
  missingColumns: (names: string) => `Tệp thiếu cột bắt buộc: ${names}. Hãy dùng tệp mẫu tải từ phần mềm (dòng 1 là tiêu đề cột).`,
  noHeader: 'Dòng 1 của tệp không có tiêu đề cột nào khớp với mẫu.',
  cell: {
    formula: 'ô chứa công thức: hãy dán giá trị (Dán đặc biệt › Giá trị) thay cho công thức.',
    errorValue: (v: string) => `ô có giá trị lỗi ${v}.`,
    badValue: 'ô có giá trị không đọc được.',
    control: 'ô chứa ký tự điều khiển hoặc ký tự ẩn không được phép.',
  },
} as const;
