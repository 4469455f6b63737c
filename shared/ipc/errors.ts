/**
 * The closed set of error codes that may cross the process boundary, and the result envelope.
 * Messages are Vietnamese and meant to be shown to the person as they are.
 */

export const ERROR_CODES = [
  /** The input did not match the method's schema. */
  'VALIDATION',
  /** The method name is not in the contract. */
  'UNKNOWN_METHOD',
  /** The record asked for does not exist (or was deleted). */
  'NOT_FOUND',
  /** A unique value is already taken (e.g. an official code under the same parent). */
  'CONFLICT',
  /** A domain rule refuses the change (a cycle in the tree, an end date before the start...). */
  'RULE',
  /** The office has not been set up yet, or is set up already. */
  'SETUP_STATE',
  /** The caller is not allowed (wrong token or sender). */
  'FORBIDDEN',
  /** No session is open (nobody logged in yet), or it was locked: log in first. */
  'LOCKED',
  /** A long operation was cancelled by the person before it wrote anything. */
  'CANCELLED',
  /** The data file could not be written (disk full, read-only, damaged, I/O): nothing was saved. */
  'STORAGE',
  /** Anything unexpected; details are logged, not sent. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const GENERIC_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: 'Dữ liệu nhập không hợp lệ.',
  UNKNOWN_METHOD: 'Yêu cầu không được hỗ trợ.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
  CONFLICT: 'Dữ liệu bị trùng.',
  RULE: 'Thao tác không hợp lệ.',
  SETUP_STATE: 'Trạng thái thiết lập ban đầu không phù hợp.',
  FORBIDDEN: 'Không có quyền thực hiện yêu cầu này.',
  LOCKED: 'Phiên làm việc đã khóa. Hãy đăng nhập lại.',
  CANCELLED: 'Đã hủy thao tác. Dữ liệu không thay đổi.',
  STORAGE: 'Không ghi được vào tệp dữ liệu nên thao tác vừa rồi chưa được lưu. Dữ liệu đã lưu trước đó vẫn nguyên vẹn.',
  INTERNAL: 'Đã có lỗi không mong muốn. Dữ liệu chưa bị thay đổi; vui lòng thử lại.',
};
