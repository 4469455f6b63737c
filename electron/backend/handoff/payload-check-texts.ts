/**
 * The Vietnamese reasons the record checks of a snapshot give themselves (the others are the
 * contract schemas' and the shared domain rules' own messages).
 */
import { LEVEL_LABELS } from '../../../shared/domain/labels';
import type { UnitLevel } from '../../../shared/domain/units';
import { formatDateVi } from '../../../shared/lib/dates';

export const CHECK_TEXTS = {
  kindNotOfLevel: (level: UnitLevel) => `Loại đơn vị không thuộc cấp ${LEVEL_LABELS[level] ?? level}`,
  statusNotSteps: (status: string, expected: string) =>
    `Trạng thái "${status}" không khớp với các bước đã ghi (theo các ngày đã ghi, trạng thái phải là "${expected}")`,
  rubricMismatch: (id: string, version: string) =>
    `Điểm được chấm theo biểu điểm "${id}" phiên bản ${version}, không khớp với mã và phiên bản đã ghi`,
  parentMissing: (what: string) => `Không có ${what} của dòng này trong tệp`,
  eventsNotInOrder: 'Các bước của mô hình phải được đánh số liên tiếp từ 1',
  dateAfter: (label: string, date: string, today: string) =>
    `${label} (${formatDateVi(date)}) không được sau ngày hôm nay (${formatDateVi(today)})`,
} as const;
