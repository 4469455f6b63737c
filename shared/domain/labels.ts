/**
 * Vietnamese labels of the unit enums, shared by the backend's messages and the renderer's screens
 * so that a level or kind is named the same way everywhere.
 */
import type { Era, OfficeLevel, UnitKind, UnitLevel } from './units';

export const LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  tinh: 'cấp tỉnh',
  huyen: 'cấp huyện',
  xa: 'cấp xã',
  khu_dan_cu: 'khu dân cư',
};

export const KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  tinh: 'Tỉnh',
  thanh_pho_tw: 'Thành phố trực thuộc Trung ương',
  huyen: 'Huyện',
  quan: 'Quận',
  thi_xa: 'Thị xã',
  thanh_pho_thuoc_tinh: 'Thành phố thuộc tỉnh',
  xa: 'Xã',
  phuong: 'Phường',
  thi_tran: 'Thị trấn',
  dac_khu: 'Đặc khu',
  thon: 'Thôn',
  xom: 'Xóm',
  lang: 'Làng',
  ban: 'Bản',
  ap: 'Ấp',
  buon: 'Buôn',
  phum: 'Phum',
  soc: 'Sóc',
  khom: 'Khóm',
  to_dan_pho: 'Tổ dân phố',
  khu_pho: 'Khu phố',
  khu: 'Khu',
  khac: 'Khác',
};

export const ERA_LABELS: Readonly<Record<Era, string>> = {
  truoc_2025: 'Trước sắp xếp năm 2025 (tỉnh – huyện – xã)',
  sau_2025: 'Sau sắp xếp năm 2025 (tỉnh – xã)',
};

export const OFFICE_LEVEL_LABELS: Readonly<Record<OfficeLevel, string>> = {
  tinh: 'Công an cấp tỉnh (đơn vị phụ trách phong trào)',
  huyen: 'Công an cấp huyện (trước 01/3/2025)',
  xa: 'Công an cấp xã (xã, phường, đặc khu)',
};
