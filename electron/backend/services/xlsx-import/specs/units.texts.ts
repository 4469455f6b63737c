/**
 * Vietnamese texts of the unit list sheet (units.spec.ts), and the kind a unit's name implies
 * ("Tổ dân phố 3" is a tổ dân phố) when the kind column is left blank.
 */
import {
  COMMUNE_KINDS,
  DISTRICT_KINDS,
  RESIDENTIAL_KINDS,
  childLevel,
  communeKindsFor,
  KINDS_BY_LEVEL,
} from '../../../../../shared/domain/units';
import type { Era, UnitKind, UnitLevel } from '../../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../../shared/domain/labels';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { exactKey } from '../../../xlsx/unit-index';

/** Kinds a row may have: everything below a province, residential areas first (the usual case). */
export const childKinds: readonly UnitKind[] = [...RESIDENTIAL_KINDS, ...COMMUNE_KINDS, ...DISTRICT_KINDS];

/**
 * The kind named by the start of a unit's name, among the kinds allowed under its parent; the
 * longest label wins ("Khu phố 2" is a khu phố, not a khu). Diacritics must match.
 */
export function inferKind(name: string, era: Era, parentLevel: UnitLevel): UnitKind | null {
  const level = childLevel(era, parentLevel);
  if (level === null) return null;
  const kinds = level === 'xa' ? communeKindsFor(era) : KINDS_BY_LEVEL[level];
  const key = exactKey(name);
  const candidates = kinds
    .filter((k) => k !== 'khac')
    .map((k) => ({ k, label: exactKey(KIND_LABELS[k]) }))
    .sort((a, b) => b.label.length - a.label.length);
  return candidates.find((c) => key.startsWith(`${c.label} `))?.k ?? null;
}

export const UNIT_SHEET_TEXTS = {
  notes: {
    parent:
      'Mã chính thức, tên (ghi đúng dấu) hoặc đường dẫn "Xã ... / Thôn ..." của đơn vị cấp trên đã có trong phần mềm. Tên trùng nhau (ví dụ "Khu 1" ở nhiều phường) phải ghi đường dẫn hoặc mã.',
    name: 'Tên đầy đủ, ví dụ "Thôn Đông", "Tổ dân phố 3". Nhập lại tên đã có thì không tạo đơn vị mới.',
    kind: 'Thôn, xóm, làng, bản, ấp, buôn, tổ dân phố, khu phố, khu, ... Để trống: suy ra từ đầu tên (ví dụ "Xóm 2" là xóm).',
    code: 'Mã chính thức nếu có (chữ số, chữ cái không dấu); để trống nếu không có.',
    validFrom: 'Ngày/tháng/năm bắt đầu hoạt động. Để trống nếu không rõ (phần mềm ghi "không rõ", không tự lấy ngày hôm nay).',
    year: 'Năm của số hộ, số nhân khẩu. Mỗi năm một dòng (các cột đơn vị ghi lặp lại).',
    households: 'Số hộ trong năm; để trống nếu chưa có.',
    residents: 'Số nhân khẩu trong năm; không được nhỏ hơn số hộ.',
  },
  kindMissing: (name: string) =>
    `không được để trống (không suy ra được loại đơn vị từ tên "${name}"; hãy chọn thôn, xóm, tổ dân phố, khu phố, ...).`,
  futureYear: (year: number, current: number) => `chưa thể ghi số liệu cho năm ${year} (năm hiện tại là ${current}).`,
  yearNeeded: 'cần ghi năm khi có số hộ hoặc số nhân khẩu.',
  figuresLevel: 'số hộ, nhân khẩu chỉ ghi cho xã và khu dân cư.',
  beforeStart: (start: string, year: number) => `đơn vị hoạt động từ ${start} nên không có số liệu năm ${year}.`,
  futureStart: 'ngày bắt đầu hoạt động không được sau ngày hôm nay.',
  badCode: 'mã chỉ gồm chữ số, chữ cái không dấu, dấu chấm, gạch.',
  parentEnded: (name: string) => `"${name}" đã kết thúc hoạt động; không thể thêm đơn vị trực thuộc.`,
  kindDiffers: (name: string, recorded: string, given: string) =>
    `"${name}" đã có với loại "${recorded}", tệp ghi "${given}". Nhập từ Excel không đổi loại đơn vị; hãy sửa trong màn hình Đơn vị hoặc sửa lại tệp.`,
  codeDiffers: (name: string, recorded: string, given: string) =>
    `"${name}" đã có mã "${recorded}", tệp ghi "${given}". Nhập từ Excel không đổi mã; hãy sửa trong màn hình Đơn vị hoặc sửa lại tệp.`,
  dateDiffers: (name: string, recorded: string, given: string) =>
    `"${name}" đã ghi hoạt động từ ${recorded}, tệp ghi ${given}. Nhập từ Excel không đổi ngày đã ghi; hãy sửa trong màn hình Đơn vị hoặc sửa lại tệp.`,
  similarName: (parent: string, recorded: string, given: string) =>
    `"${parent}" đã có "${recorded}", tên gần giống "${given}" (chỉ khác dấu hoặc cách viết). Nếu là cùng một đơn vị, hãy ghi đúng tên "${recorded}"; hai đơn vị trong cùng đơn vị cấp trên không được trùng tên.`,
  similarInFile: (parent: string, first: string, given: string) =>
    `tệp có cả "${first}" và "${given}" thuộc "${parent}" (chỉ khác dấu hoặc cách viết); hai đơn vị trong cùng đơn vị cấp trên không được trùng tên.`,
  sameNameNeedsCode: (name: string, count: number) =>
    `có ${count} đơn vị "${name}" trong cùng đơn vị cấp trên; hãy ghi mã của đơn vị để biết dòng này nói về đơn vị nào.`,
  codeTaken: (code: string, holder: string) => `mã "${code}" đã được dùng cho "${holder}" trong cùng đơn vị cấp trên.`,
  codeTwiceInFile: (code: string) => `mã "${code}" được ghi cho hai đơn vị khác nhau thuộc cùng đơn vị cấp trên trong tệp.`,
  rowsDisagree:
    'Dòng này ghi cùng đơn vị với một dòng trước nhưng khác loại, mã hoặc ngày bắt đầu; các dòng của một đơn vị phải ghi giống nhau.',
  reason: 'Nhập từ tệp Excel',
  createdSummary: (v: { kind: UnitKind; name: string; parentName: string; validFrom: string | null }) =>
    `Thêm ${KIND_LABELS[v.kind].toLowerCase()} "${v.name}" thuộc "${v.parentName}"${v.validFrom ? `, hoạt động từ ${formatDateVi(v.validFrom)}` : ', chưa rõ ngày bắt đầu hoạt động'}.`,
  filledSummary: (fill: { code?: string; validFrom?: string }) => {
    const parts: string[] = [];
    if (fill.code !== undefined) parts.push(`mã "${fill.code}"`);
    if (fill.validFrom !== undefined) parts.push(`ngày bắt đầu hoạt động ${formatDateVi(fill.validFrom)}`);
    return `Bổ sung ${parts.join(', ')}.`;
  },
} as const;
