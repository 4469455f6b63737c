/** Texts of the "Mã nhận diện và khóa" tab (issue 12 item 1). */
import { formatDateVi, vietnamDateOf } from '../../../../../shared/lib/dates';

/** An ISO timestamp as dd/MM/yyyy (Vietnam's calendar day). */
export function dayOf(timestamp: string | null): string {
  return timestamp ? formatDateVi(vietnamDateOf(new Date(timestamp))) : '';
}

export const KEYS = {
  own: {
    title: 'Mã nhận diện của đơn vị',
    label: 'Mã nhận diện',
    hintOffice: 'Đọc mã này qua điện thoại hoặc gửi bản in cho Công an tỉnh: tỉnh đối chiếu mã trước khi nhận dữ liệu của đơn vị.',
    hintProvince: 'In mã này gửi kèm tệp khóa cho các đơn vị: mỗi đơn vị đối chiếu mã trước khi tin cậy khóa của tỉnh.',
    office: (name: string, code: string) => `${name} (mã ${code})`,
    details: 'Khóa công khai (cho cán bộ kỹ thuật)',
    signKey: 'Khóa ký (minisign)',
    ageKey: 'Khóa mã hóa (age)',
    createdAt: (d: string) => `Tạo ngày ${d}`,
  },
  province: {
    title: 'Khóa của Công an tỉnh',
    trusted: 'Đã xác nhận',
    missing: 'Chưa có khóa của Công an tỉnh',
    missingHint: 'Nhập tệp khóa do Công an tỉnh gửi và đối chiếu mã nhận diện để có thể gửi dữ liệu.',
    pending: (n: number) => `${n} khóa của tỉnh đang chờ xác nhận`,
    confirmedOn: (d: string) => `Xác nhận ngày ${d}`,
  },
  export: {
    title: 'Xuất tệp khóa',
    hintOffice: 'Ghi tệp khóa của đơn vị vào thư mục (ví dụ ổ USB) để gửi Công an tỉnh.',
    hintProvince: 'Ghi tệp khóa của tỉnh vào thư mục (ví dụ ổ USB) để gửi các đơn vị.',
    folder: 'Thư mục lưu tệp',
    folderPlaceholder: 'Đường dẫn đầy đủ, ví dụ /media/usb hoặc E:\\',
    button: 'Xuất tệp khóa',
    done: (path: string) => `Đã ghi tệp khóa: ${path}`,
  },
  import: {
    titleOffice: 'Nhập tệp khóa của tỉnh',
    titleProvince: 'Nhập tệp khóa của đơn vị',
    path: 'Đường dẫn tệp khóa',
    pathPlaceholder: 'Đường dẫn đầy đủ tới tệp ANTQ_KHOA_….antq',
    read: 'Đọc tệp khóa',
    previewTitle: 'Kiểm tra tệp khóa',
    from: 'Của',
    role: 'Vai trò',
    roles: { province: 'Công an tỉnh', office: 'Đơn vị cấp dưới' },
    fingerprintInFile: 'Mã nhận diện trong tệp',
    sha256: 'Mã băm SHA-256 của tệp',
    alreadyTrusted: 'Khóa này đã được xác nhận trước đó.',
    replaces: (print: string) => `Đơn vị này đang có một khóa khác đã xác nhận (mã ${print}).`,
    replaceLabel: 'Thay khóa cũ của đơn vị này bằng khóa trong tệp (đơn vị đã cài đặt lại phần mềm)',
    confirmStep:
      'Đối chiếu: nhập mã nhận diện đọc từ bản in hoặc qua điện thoại của bên gửi (không chép từ màn hình này). Khóa chỉ được tin cậy khi hai mã trùng nhau.',
    typed: 'Mã nhận diện do bên gửi cung cấp',
    typedPlaceholder: '0000-0000-0000-0000-0000-0000',
    cancel: 'Hủy',
    trust: 'Xác nhận và tin cậy khóa',
    trusted: (name: string) => `Đã tin cậy khóa của ${name}.`,
  },
  peers: {
    title: 'Các khóa đã biết',
    empty: 'Chưa có khóa nào.',
    tableLabel: 'Các khóa đã biết',
    name: 'Cơ quan',
    code: 'Mã',
    role: 'Vai trò',
    fingerprint: 'Mã nhận diện',
    status: 'Trạng thái',
    source: 'Nguồn',
    confirmedAt: 'Ngày xác nhận',
    actions: 'Thao tác',
    statuses: { pending: 'Chờ xác nhận', trusted: 'Đã xác nhận', retired: 'Đã thay thế' },
    sources: { 'key-file': 'Tệp khóa', package: 'Gói của tỉnh', snapshot: 'Tệp dữ liệu', rotation: 'Thay khóa' },
    confirm: 'Xác nhận',
    confirmTitle: (name: string) => `Xác nhận khóa của ${name}`,
  },
} as const;
