/**
 * Why a hand-off file or key is refused: one closed list of reason codes shared by every hand-off
 * module (container, keys, send, inbox, package), each with the Vietnamese sentence shown to the
 * officer. A refusal may add a detail (which entry, which office…) after the sentence.
 */
import { AppError } from '../errors';
import { formatIntVi } from '../../../shared/lib/numbers';

export const HANDOFF_REFUSAL_CODES = [
  // Reading the file
  'FILE_MISSING',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'FILE_EMPTY',
  // The container (tar + manifest)
  'CONTAINER_MALFORMED',
  'CONTAINER_ENTRIES',
  'MANIFEST_TOO_LARGE',
  'MANIFEST_INVALID',
  'MANIFEST_NOT_CANONICAL',
  'FORMAT_UNKNOWN',
  'VERSION_UNSUPPORTED',
  'KIND_UNEXPECTED',
  'PAYLOAD_MISSING',
  'PAYLOAD_UNEXPECTED',
  'PAYLOAD_SIZE_MISMATCH',
  'PAYLOAD_HASH_MISMATCH',
  // The signature
  'SIGNATURE_MALFORMED',
  'SIGNATURE_WRONG_KEY',
  'SIGNATURE_INVALID',
  'TRUSTED_COMMENT_INVALID',
  'TRUSTED_COMMENT_MISMATCH',
  // Encryption and compression
  'NOT_RECIPIENT',
  'DECRYPT_FAILED',
  'DECOMPRESS_FAILED',
  'PAYLOAD_TOO_LARGE',
  'PAYLOAD_INVALID',
  // Keys and trust
  'KEY_FILE_INVALID',
  'FINGERPRINT_MISMATCH',
  'SENDER_UNKNOWN',
  'SENDER_PENDING',
  'SENDER_RETIRED',
  'PROVINCE_NOT_TRUSTED',
  'PROVINCE_KEY_CONFLICT',
  'OFFICE_KEY_CONFLICT',
  'PEER_NOT_FOUND',
  'OWN_KEY',
  'IDENTITY_UNAVAILABLE',
  'OFFICE_NOT_SET_UP',
  'ROLE_UNEXPECTED',
  // Import checks (h12-inbox / h12-package)
  'REPLAY',
  'OLDER_SEQUENCE',
  'SCHEMA_INVALID',
  'OUT_OF_SCOPE',
  'DUPLICATE_ID',
  'FOREIGN_ID',
  'WRONG_RECIPIENT',
  // Writing files
  'FOLDER_INVALID',
  'FILE_EXISTS',
  'WRITE_FAILED',
  'READBACK_FAILED',
] as const;

export type HandoffRefusalCode = (typeof HANDOFF_REFUSAL_CODES)[number];

export const HANDOFF_REFUSAL_TEXTS: Record<HandoffRefusalCode, string> = {
  FILE_MISSING: 'Không tìm thấy tệp.',
  FILE_UNREADABLE: 'Không đọc được tệp.',
  FILE_TOO_LARGE: 'Tệp quá lớn so với giới hạn cho phép.',
  FILE_EMPTY: 'Tệp rỗng.',
  CONTAINER_MALFORMED: 'Tệp không đúng cấu trúc tệp ANTQ (tệp hỏng, bị cắt cụt hoặc bị sửa).',
  CONTAINER_ENTRIES: 'Tệp ANTQ chứa thành phần không được phép hoặc thiếu thành phần bắt buộc.',
  MANIFEST_TOO_LARGE: 'Phần mô tả (manifest.json) của tệp quá lớn.',
  MANIFEST_INVALID: 'Phần mô tả (manifest.json) của tệp không hợp lệ.',
  MANIFEST_NOT_CANONICAL: 'Phần mô tả (manifest.json) không ở dạng chuẩn hóa (đã bị sửa sau khi ký).',
  FORMAT_UNKNOWN: 'Tệp không phải định dạng ANTQ.',
  VERSION_UNSUPPORTED: 'Tệp được tạo bởi phiên bản định dạng mới hơn mà phần mềm này chưa hỗ trợ; hãy cập nhật phần mềm.',
  KIND_UNEXPECTED: 'Loại tệp không đúng với thao tác đang thực hiện.',
  PAYLOAD_MISSING: 'Tệp thiếu phần dữ liệu.',
  PAYLOAD_UNEXPECTED: 'Tệp có phần dữ liệu không được phép với loại tệp này.',
  PAYLOAD_SIZE_MISMATCH: 'Kích thước phần dữ liệu không khớp với phần mô tả đã ký.',
  PAYLOAD_HASH_MISMATCH: 'Mã băm (SHA-256) của phần dữ liệu không khớp với phần mô tả đã ký: dữ liệu đã bị sửa.',
  SIGNATURE_MALFORMED: 'Chữ ký của tệp không đúng định dạng.',
  SIGNATURE_WRONG_KEY: 'Tệp được ký bằng một khóa khác với khóa đã đăng ký.',
  SIGNATURE_INVALID: 'Chữ ký không hợp lệ: nội dung tệp đã bị sửa hoặc không do bên gửi ký.',
  TRUSTED_COMMENT_INVALID: 'Phần ghi chú được ký của chữ ký không hợp lệ (đã bị sửa).',
  TRUSTED_COMMENT_MISMATCH: 'Phần ghi chú được ký không khớp với loại tệp hoặc tên tệp.',
  NOT_RECIPIENT: 'Tệp không được mã hóa cho đơn vị này (không có khóa giải mã phù hợp).',
  DECRYPT_FAILED: 'Không giải mã được phần dữ liệu (dữ liệu hỏng hoặc bị cắt cụt).',
  DECOMPRESS_FAILED: 'Không giải nén được phần dữ liệu.',
  PAYLOAD_TOO_LARGE: 'Phần dữ liệu sau khi giải nén vượt quá giới hạn cho phép.',
  PAYLOAD_INVALID: 'Nội dung phần dữ liệu không hợp lệ.',
  KEY_FILE_INVALID: 'Tệp khóa không hợp lệ.',
  FINGERPRINT_MISMATCH: 'Mã nhận diện không khớp với mã của tệp khóa: không tin cậy khóa này.',
  SENDER_UNKNOWN: 'Bên gửi chưa được đăng ký (chưa có khóa được xác nhận).',
  SENDER_PENDING: 'Khóa của bên gửi chưa được xác nhận bằng mã nhận diện.',
  SENDER_RETIRED: 'Khóa của bên gửi đã được thay thế bằng khóa mới.',
  PROVINCE_NOT_TRUSTED: 'Chưa có khóa của Công an tỉnh được xác nhận.',
  PROVINCE_KEY_CONFLICT: 'Đã có một khóa khác của Công an tỉnh được xác nhận; khóa mới chỉ được nhận qua gói thay khóa của tỉnh.',
  OFFICE_KEY_CONFLICT: 'Đơn vị này đã có một khóa khác được xác nhận; chỉ nhận khóa mới khi chọn thay khóa cũ.',
  PEER_NOT_FOUND: 'Không tìm thấy khóa này trong danh sách khóa đã biết.',
  OWN_KEY: 'Đây là tệp khóa của chính đơn vị này.',
  IDENTITY_UNAVAILABLE: 'Không đọc hoặc tạo được tệp khóa nhận diện của đơn vị trong thư mục dữ liệu.',
  OFFICE_NOT_SET_UP: 'Phần mềm chưa được thiết lập cho cơ quan.',
  ROLE_UNEXPECTED: 'Vai trò của khóa không phù hợp (khóa của tỉnh hay của đơn vị).',
  REPLAY: 'Tệp này đã được nhận trước đó; không có gì thay đổi.',
  OLDER_SEQUENCE: 'Tệp có số thứ tự cũ hơn tệp đã áp dụng.',
  SCHEMA_INVALID: 'Có bản ghi không hợp lệ trong phần dữ liệu.',
  OUT_OF_SCOPE: 'Có bản ghi không thuộc các đơn vị của bên gửi.',
  DUPLICATE_ID: 'Có bản ghi trùng mã định danh.',
  FOREIGN_ID: 'Có bản ghi trỏ tới dữ liệu không có trong tệp hoặc của đơn vị khác.',
  WRONG_RECIPIENT: 'Tệp được gửi cho một đơn vị nhận khác.',
  FOLDER_INVALID: 'Thư mục không hợp lệ hoặc không tồn tại.',
  FILE_EXISTS: 'Trong thư mục đã có tệp cùng tên.',
  WRITE_FAILED: 'Không ghi được tệp vào thư mục đã chọn.',
  READBACK_FAILED: 'Tệp vừa ghi đọc lại không khớp; hãy thử lại hoặc dùng thiết bị lưu trữ khác.',
};

/**
 * A hand-off file or key refused for a named reason. It is an AppError (code 'RULE', so dispatch
 * passes the Vietnamese message to the screen as is) whose `reason` is the hand-off code; the
 * code is also in `details.reason`.
 */
export class HandoffRefusal extends AppError {
  readonly reason: HandoffRefusalCode;
  readonly detail: string | undefined;

  constructor(reason: HandoffRefusalCode, detail?: string) {
    const text = HANDOFF_REFUSAL_TEXTS[reason];
    super('RULE', detail ? `${text} ${detail}` : text, { reason });
    this.name = 'HandoffRefusal';
    this.reason = reason;
    this.detail = detail;
  }
}

export function isHandoffRefusal(err: unknown): err is HandoffRefusal {
  return err instanceof HandoffRefusal;
}

/** Shorthand: `throw refuse('REPLAY')`. */
export function refuse(reason: HandoffRefusalCode, detail?: string): HandoffRefusal {
  return new HandoffRefusal(reason, detail);
}

/** The inbox's progress labels while a file is checked, dry-run and applied (issue 16 item 3). */
export const inspectTexts = {
  decrypting: 'Đang giải mã và đọc tệp…',
  checked: (done: number, total: number) => `Đã kiểm tra ${formatIntVi(done)}/${formatIntVi(total)} bản ghi`,
  planning: 'Đang đối chiếu với dữ liệu của tỉnh…',
  dryRun: 'Đang chạy thử trên dữ liệu của tỉnh…',
  backup: 'Đang sao lưu cơ sở dữ liệu trước khi áp dụng…',
  applying: 'Đang ghi dữ liệu vào cơ sở dữ liệu…',
} as const;
