/** Texts of the province's consolidated views: the breakdown by sending office and the read-only marks. */
import { OWNERSHIP_TEXTS, ownedMessage } from '../../../../shared/domain/ownership';

export const CONSOL = {
  title: 'Theo đơn vị gửi',
  hint: 'Số liệu của từng đơn vị gửi, theo các tệp đã nhận và áp dụng. "Xem số liệu" thu hẹp màn hình vào địa bàn của đơn vị; "Xem hồ sơ" mở danh sách hồ sơ của đơn vị.',
  columns: {
    office: 'Đơn vị gửi',
    lastFile: 'Tệp áp dụng gần nhất',
  },
  status: {
    chua_gui: 'chưa gửi',
    thieu_du_lieu: 'thiếu dữ liệu',
  },
  statusNote: {
    chua_gui: 'Chưa nhận được tệp nào của đơn vị này.',
    thieu_du_lieu: (year: number | null) =>
      year === null ? 'Chưa có tệp của năm đang xem.' : `Tệp mới nhất là số liệu năm ${year}; chưa có tệp của năm đang xem.`,
  },
  fileLine: (sequence: number, date: string) => `Gói số ${sequence}, áp dụng ngày ${date}`,
  none: 'Chưa có đơn vị nào đăng ký gửi dữ liệu.',
  total: 'Tổng các đơn vị đã gửi',
  viewFigures: 'Xem số liệu',
  viewRecords: 'Xem hồ sơ',
  recordsOf: (name: string) => `Hồ sơ do ${name} gửi`,
  badge: OWNERSHIP_TEXTS.badge,
  ownedMessage,
} as const;
