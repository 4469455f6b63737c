/** Texts of the registration figures on "Tổng quan" and "Số liệu theo kỳ" (issue 14 item 3). */
import { formatIntVi } from '../../../../shared/lib/numbers';

export const REGISTRATION_TEXTS = {
  title: 'Đăng ký, công nhận "An toàn về an ninh, trật tự"',
  year: (y: number) => `Số liệu năm ${y}, đếm từ hồ sơ đăng ký và quyết định công nhận.`,
  table: 'Đăng ký, công nhận theo loại đơn vị',
  columns: {
    group: 'Loại đơn vị',
    total: 'Số đơn vị',
    registered: 'Đã đăng ký',
    recognised: 'Được công nhận',
  },
  households: 'Hộ gia đình đăng ký',
  householdsMissing: (k: number) => `${formatIntVi(k)} khu dân cư chưa ghi số hộ`,
  missing: 'thiếu dữ liệu',
  noUnits: 'Chưa có đơn vị nào trong năm.',
} as const;
