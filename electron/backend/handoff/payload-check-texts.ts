/**
 * The Vietnamese reasons the record checks of a snapshot give themselves (the others are the
 * contract schemas' and the shared domain rules' own messages).
 */
import { LEVEL_LABELS } from '../../../shared/domain/labels';
import type { UnitLevel } from '../../../shared/domain/units';

export const CHECK_TEXTS = {
  kindNotOfLevel: (level: UnitLevel) => `Loại đơn vị không thuộc cấp ${LEVEL_LABELS[level] ?? level}`,
  statusNotSteps: (status: string, expected: string) =>
    `Trạng thái "${status}" không khớp với các bước đã ghi (theo các ngày đã ghi, trạng thái phải là "${expected}")`,
  rubricMismatch: (id: string, version: string) =>
    `Điểm được chấm theo biểu điểm "${id}" phiên bản ${version}, không khớp với mã và phiên bản đã ghi`,
} as const;
