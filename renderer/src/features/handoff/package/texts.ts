/** Texts of the "Gói của Công an tỉnh" tab (issue 12 item 9). */
import { formatIntVi } from '../../../../../shared/lib/numbers';

/**
 * The personal fields the policy offers, grouped as a person thinks of them: the folded and sort
 * forms of a name are derived from it, so they go (or stay) with it.
 */
export const POLICY_GROUPS: Record<string, { label: string; fields: { label: string; columns: string[] }[] }> = {
  mass_org_members: {
    label: 'Thành viên tổ chức quần chúng',
    fields: [
      { label: 'Họ và tên', columns: ['full_name', 'full_name_folded', 'full_name_sort'] },
      { label: 'Giới tính', columns: ['gender'] },
      { label: 'Năm sinh', columns: ['birth_year'] },
      { label: 'Dân tộc', columns: ['ethnicity'] },
      { label: 'Số điện thoại', columns: ['phone'] },
    ],
  },
  awards: {
    label: 'Khen thưởng',
    fields: [{ label: 'Tên cá nhân được khen thưởng', columns: ['recipient_name'] }],
  },
};

const count = (n: number, what: string) => `${formatIntVi(n)} ${what}`;

export const PKG = {
  policyTitle: 'Chính sách trường thông tin cá nhân gửi lên tỉnh',
  policyHelp:
    'Chỉ các trường được chọn mới có trong tệp dữ liệu các đơn vị gửi lên; thông tin người báo tin không bao giờ được gửi. Chính sách đến các đơn vị qua gói của tỉnh.',
  policyNone: 'Không gửi trường cá nhân nào.',
  policySave: 'Lưu chính sách',
  policySaved: 'Đã lưu chính sách. Chính sách sẽ có trong gói tạo tiếp theo.',
  policyInPackage: (n: number | null) => (n === null ? 'Chưa đưa vào gói nào.' : `Đã đưa vào gói số ${n}.`),
  policyAtOffice: (n: number | null) =>
    n === null ? 'Chưa nhận chính sách nào từ tỉnh: không gửi trường cá nhân nào.' : `Theo gói số ${n} của tỉnh.`,

  makeTitle: 'Tạo gói gửi các đơn vị',
  makeHelp:
    'Gói gồm khóa của tỉnh, chính sách trường cá nhân, danh sách đơn vị đã đăng ký, các bộ tiêu chí và biểu điểm tỉnh đã nhập, danh sách đơn vị hành chính của tỉnh.',
  folder: 'Thư mục lưu gói (đường dẫn đầy đủ, ví dụ thư mục trên USB)',
  folderRequired: 'Hãy nhập thư mục lưu gói.',
  rotate: 'Thay khóa của tỉnh trong gói này (tạo khóa mới; gói được ký bằng khóa cũ và mang khóa mới)',
  rotateWarning: 'Sau khi tạo gói, tỉnh ký bằng khóa mới. Hãy gửi gói này cho mọi đơn vị trước các tệp khác.',
  make: 'Tạo gói gửi các đơn vị',
  made: (file: string, path: string) => `Đã tạo gói ${file} tại ${path}.`,
  nowFingerprint: (fp: string) => `Mã nhận diện hiện tại của tỉnh: ${fp}`,

  importTitle: 'Nhập gói của tỉnh',
  importHelp: 'Gói được kiểm tra chữ ký bằng khóa của Công an tỉnh đã xác nhận; chưa có gì thay đổi cho tới khi bấm "Áp dụng gói".',
  path: 'Đường dẫn tệp gói (.antq)',
  pathRequired: 'Hãy nhập đường dẫn tệp gói.',
  inspect: 'Xem trước',
  apply: 'Áp dụng gói',
  cancel: 'Hủy',

  previewTitle: (seq: number, name: string) => `Gói số ${seq} của ${name}`,
  createdAt: (d: string) => `Tạo ngày ${d}`,
  lastApplied: (n: number | null) => (n === null ? 'Chưa áp dụng gói nào của tỉnh.' : `Gói đã áp dụng gần nhất: số ${n}.`),
  signerTrusted: (fp: string) => `Chữ ký hợp lệ, bằng khóa đã xác nhận của tỉnh (mã nhận diện ${fp}).`,
  signerUnpinned: (fp: string) =>
    `Chưa có khóa của Công an tỉnh được xác nhận. Gói được ký bằng khóa có mã nhận diện ${fp}. Hãy đối chiếu mã này với mã tỉnh gửi bằng văn bản hoặc điện thoại, rồi nhập lại mã để xác nhận.`,
  confirmFingerprint: 'Mã nhận diện của Công an tỉnh (nhập để xác nhận)',
  confirmRequired: 'Hãy nhập mã nhận diện của Công an tỉnh.',
  rotation: (oldFp: string, newFp: string) =>
    `Thay khóa: khóa cũ ${oldFp} được thay bằng khóa mới ${newFp} (chữ ký của khóa mới đã được kiểm tra).`,
  policyChanges: 'Chính sách trường cá nhân',
  policyUnchanged: 'Không thay đổi.',
  policyAdded: (fields: string) => `Thêm: ${fields}`,
  policyRemoved: (fields: string) => `Bỏ: ${fields}`,
  policyAfter: 'Sau khi áp dụng',
  files: 'Bộ tiêu chí và biểu điểm',
  ruleSet: 'Bộ tiêu chí',
  rubric: 'Biểu điểm',
  noFiles: 'Gói không có bộ tiêu chí, biểu điểm nào.',
  fileStatus: { new: 'Mới', unchanged: 'Đã có' } as Record<string, string>,
  version: (v: string) => `phiên bản ${v}`,
  offices: (n: number) => `Đơn vị đã đăng ký với tỉnh (${formatIntVi(n)})`,
  self: 'Đơn vị này',
  enrolment: {
    match: 'Tỉnh đã ghi nhận đúng mã nhận diện của đơn vị này.',
    mismatch: 'Tỉnh ghi nhận một mã nhận diện khác với mã hiện tại của đơn vị này: hãy báo Công an tỉnh.',
    absent: 'Đơn vị này chưa có trong danh sách đã đăng ký của tỉnh.',
  } as Record<string, string>,
  units: 'Danh sách đơn vị hành chính',
  unitsHelp: (seq: number, date: string) =>
    `Các thay đổi dưới đây được áp dụng vào cây đơn vị của đơn vị này khi bấm "Áp dụng gói", với lý do "Theo gói dữ liệu Công an tỉnh số ${seq} ngày ${date}" trong lịch sử đơn vị. Không đơn vị nào bị xóa; đơn vị kết thúc vẫn giữ hồ sơ.`,
  unitsNotCompared: 'Danh sách của tỉnh theo danh mục khác thời kỳ với đơn vị này: không đối chiếu, không thay đổi.',
  unitsSame: (n: number) => `Không có thay đổi (tỉnh gửi ${count(n, 'đơn vị')}).`,
  colUnitCode: 'Mã',
  colUnit: 'Đơn vị',
  colUnitKind: 'Thay đổi',
  colUnitChange: 'Trước → sau',
  colUnitChoice: 'Lựa chọn',
  unitKind: {
    renamed: 'Đổi tên',
    recoded: 'Đổi mã',
    ended: 'Kết thúc',
    added: 'Thêm mới',
    missing: 'Không có ở tỉnh',
  } as Record<string, string>,
  unitChange: {
    renamed: (before: string, after: string) => `${before} → ${after}`,
    recoded: (before: string | null, after: string) => `${before ?? '—'} → ${after}`,
    ended: (date: string) => `Đang hoạt động → kết thúc từ ${date}`,
    added: (name: string) => `— → ${name}`,
    missing: 'Tỉnh không có mã này: chỉ để đối chiếu, không thay đổi.',
    rootEnded: (date: string) => `Tỉnh ghi kết thúc từ ${date}: đơn vị gốc không kết thúc theo gói, chỉ để đối chiếu.`,
  },
  conflict: {
    'office-changed': (ours: string) => `Đơn vị đã tự đổi thành "${ours}" sau gói trước.`,
    'code-taken': (ours: string, code: string) => `Mã ${code} đang là mã của "${ours}"; theo tỉnh thì "${ours}" bỏ mã này.`,
  },
  choiceLabel: (name: string, code: string) => `Lựa chọn cho ${name} (${code})`,
  choiceProvince: 'Theo tỉnh',
  choiceOffice: 'Giữ của đơn vị',
  noChoice: 'Không cần chọn',
  choicesLeft: (n: number) => `Còn ${formatIntVi(n)} thay đổi cần chọn "Theo tỉnh" hoặc "Giữ của đơn vị".`,

  listMade: 'Các gói đã tạo',
  listApplied: 'Các gói đã áp dụng',
  listEmpty: 'Chưa có gói nào.',
  colSeq: 'Số',
  colFile: 'Tệp',
  colDate: 'Ngày',
  colContent: 'Nội dung',
  colHash: 'SHA-256',
  summary: (s: { policyTables: number; offices: number; ruleSets: number; rubrics: number; units: number; rotation: unknown }) =>
    [
      count(s.policyTables, 'bảng có trường cá nhân'),
      count(s.offices, 'đơn vị'),
      count(s.ruleSets, 'bộ tiêu chí'),
      count(s.rubrics, 'biểu điểm'),
      count(s.units, 'đơn vị hành chính'),
      ...(s.rotation ? ['thay khóa'] : []),
    ].join(', '),
  noOffice: 'thiếu dữ liệu',
} as const;
