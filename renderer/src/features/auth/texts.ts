/** Texts of accounts: set-up account step, recovery key, login, lock screen, accounts screen, password change. */
export const AUTH = {
  username: 'Tên đăng nhập',
  usernameHint: 'Chữ thường không dấu, số, dấu chấm hoặc gạch dưới; ví dụ: nguyen.van.a',
  displayName: 'Họ và tên',
  displayNameHint: 'Tên hiện trên phần mềm, ví dụ: Nguyễn Văn A',
  password: 'Mật khẩu',
  passwordAgain: 'Nhập lại mật khẩu',
  passwordMismatch: 'Hai lần nhập mật khẩu không giống nhau.',
  required: 'Không được để trống.',
  role: 'Vai trò',

  setupStep: {
    title: 'Thiết lập ban đầu',
    heading: 'Bước 1: Tài khoản Quản trị',
    intro:
      'Tài khoản Quản trị quản lý các tài khoản khác, thiết lập và khôi phục dữ liệu. Mật khẩu dùng để mở khóa dữ liệu bảo mật: hãy chọn mật khẩu khó đoán và ghi nhớ.',
    submit: 'Tạo tài khoản Quản trị',
  },

  recovery: {
    title: 'Khóa khôi phục',
    intro:
      'Khóa khôi phục dùng để đặt lại mật khẩu Quản trị khi quên mật khẩu. Khóa chỉ hiện MỘT LẦN này: hãy in ra hoặc chép tay và cất giữ nơi an toàn, tách khỏi máy tính.',
    keyLabel: 'Khóa khôi phục',
    print: 'In',
    confirm: 'Tôi đã in/ghi lại khóa khôi phục',
    continue: 'Tiếp tục',
    printTitle: 'Khóa khôi phục phần mềm Phong trào Toàn dân bảo vệ ANTQ',
    printNote: (office: string) => `Tài khoản Quản trị: ${office}. Cất giữ nơi an toàn; không để cùng máy tính.`,
  },

  login: {
    title: 'Đăng nhập',
    intro: 'Phần mềm Phong trào Toàn dân bảo vệ an ninh Tổ quốc',
    submit: 'Đăng nhập',
    wait: (seconds: number) => `Thử lại sau ${seconds} giây`,
    forgot: 'Quên mật khẩu Quản trị? Dùng khóa khôi phục',
  },

  lock: {
    title: 'Phiên làm việc đã khóa',
    intro: (name: string) => `Dữ liệu đang được ẩn. Nhập mật khẩu của ${name} để tiếp tục làm việc.`,
    unlock: 'Mở khóa',
    other: 'Đăng nhập tài khoản khác',
  },

  recover: {
    title: 'Đặt lại mật khẩu Quản trị bằng khóa khôi phục',
    intro: 'Nhập khóa khôi phục đã in khi thiết lập ban đầu và mật khẩu mới cho tài khoản Quản trị.',
    key: 'Khóa khôi phục',
    newPassword: 'Mật khẩu mới',
    submit: 'Đặt lại mật khẩu',
    back: 'Quay lại đăng nhập',
    done: 'Đã đặt lại mật khẩu Quản trị. Lần sau hãy đăng nhập bằng mật khẩu mới.',
  },

  user: {
    menu: (name: string) => `Tài khoản: ${name}`,
    changePassword: 'Đổi mật khẩu',
    lockNow: 'Khóa màn hình',
    idleAfter: (m: number) => `Tự khóa sau ${m} phút không thao tác`,
    logout: 'Đăng xuất',
  },

  change: {
    title: 'Đổi mật khẩu',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    nextAgain: 'Nhập lại mật khẩu mới',
    submit: 'Đổi mật khẩu',
    cancel: 'Hủy',
    done: 'Đã đổi mật khẩu.',
  },

  accounts: {
    title: 'Tài khoản',
    intro: 'Mỗi người dùng một tài khoản riêng. Vai trò quyết định những việc tài khoản được làm.',
    table: 'Danh sách tài khoản',
    add: 'Thêm tài khoản',
    status: 'Trạng thái',
    active: 'Đang dùng',
    disabled: 'Đã khóa',
    lastLogin: 'Đăng nhập gần nhất',
    never: 'Chưa đăng nhập',
    actions: 'Thao tác',
    rowActions: (name: string) => `Thao tác với tài khoản ${name}`,
    changeRole: 'Đổi vai trò',
    disable: 'Khóa tài khoản',
    enable: 'Mở khóa tài khoản',
    resetPassword: 'Đặt lại mật khẩu',
    you: '(bạn)',
    tempPassword: 'Mật khẩu tạm thời',
    tempPasswordHint: 'Báo cho người dùng; họ nên đổi mật khẩu sau khi đăng nhập.',
    save: 'Lưu',
    cancel: 'Hủy',
    created: (name: string) => `Đã thêm tài khoản ${name}.`,
    roleChanged: (name: string) => `Đã đổi vai trò của ${name}.`,
    disabledDone: (name: string) => `Đã khóa tài khoản ${name}.`,
    enabledDone: (name: string) => `Đã mở khóa tài khoản ${name}.`,
    resetDone: (name: string) => `Đã đặt lại mật khẩu của ${name}.`,
    idleTitle: 'Tự khóa khi không dùng',
    idleMinutes: 'Số phút không thao tác thì tự khóa',
    idleHint: 'Từ 1 đến 240 phút. Khi khóa, dữ liệu bị ẩn cho tới khi đăng nhập lại.',
    idleSave: 'Lưu thiết lập',
    idleSaved: (m: number) => `Sẽ tự khóa sau ${m} phút không thao tác.`,
  },

  roleHints: {
    quan_tri: 'Quản lý tài khoản, thiết lập, sao lưu và khôi phục dữ liệu.',
    lanh_dao: 'Xem mọi dữ liệu, duyệt các bước đánh giá, chốt số liệu năm, ban hành báo cáo và tệp gửi đi.',
    can_bo: 'Nhập và sửa dữ liệu, chuẩn bị báo cáo.',
    chi_xem: 'Chỉ xem, không thêm, sửa hay xóa.',
  },

  /** Tooltip on an action the current role may not do. */
  onlyRoles: (roles: string) => `Chỉ ${roles} được thực hiện.`,
  informantHidden: (roles: string) => `Thông tin người cung cấp tin chỉ ${roles} được xem.`,
} as const;
