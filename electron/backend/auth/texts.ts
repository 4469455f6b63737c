/** The Vietnamese messages of accounts and the session. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} phút` : `${minutes} phút ${rest} giây`;
}

export const AUTH_TEXTS = {
  notSetUp: 'Chưa có tài khoản nào. Hãy tạo tài khoản Quản trị trước.',
  alreadySetUp: 'Phần mềm đã có tài khoản Quản trị; hãy đăng nhập.',
  wrongLogin: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  wrongRecovery: 'Tên đăng nhập hoặc mã khôi phục không đúng.',
  waitAfterWrong: (seconds: number) => `Đã nhập sai nhiều lần. Hãy chờ ${formatWait(seconds)} rồi thử lại.`,
  wrongThenWait: (base: string, seconds: number) => `${base} Đã nhập sai nhiều lần: hãy chờ ${formatWait(seconds)} rồi thử lại.`,
  disabled: 'Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ người Quản trị.',
  wrongCurrentPassword: 'Mật khẩu hiện tại không đúng.',
  samePassword: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  usernameTaken: (name: string) => `Tên đăng nhập "${name}" đã có người dùng.`,
  accountNotFound: 'Không tìm thấy tài khoản.',
  lastAdmin: 'Phải còn ít nhất một tài khoản Quản trị đang hoạt động; thao tác này không được thực hiện.',
  notSelf: 'Không thể tự vô hiệu hóa tài khoản đang đăng nhập.',
  resetOwn: 'Để đổi mật khẩu của chính mình, hãy dùng "Đổi mật khẩu".',
  noWrap: 'Tài khoản này chưa có khóa dữ liệu; hãy nhờ Quản trị đặt lại mật khẩu.',
  recoveryNotAdmin: 'Mã khôi phục chỉ dùng để đặt lại mật khẩu của tài khoản Quản trị.',
  needSession: 'Phiên làm việc đã khóa. Hãy đăng nhập lại.',
} as const;
