/**
 * Office set-up inputs the tests share. Công an huyện Gia Viễn (Ninh Bình, pre-2025 catalogue):
 * one district and its 18 communes, e.g. Xã Gia Hòa (14467) and Xã Gia Hưng (14470).
 */
import type { MethodInput } from '../../shared/ipc/contract';

export const GIA_VIEN_SETUP = {
  level: 'huyen',
  era: 'truoc_2025',
  provinceCode: '37',
  districtCode: '373',
  communeCode: null,
  name: 'Công an huyện Gia Viễn',
  code: '373',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;
