/**
 * Unit list workbooks (the 'units' sheet) as an officer would fill them, for backend tests, the e2e
 * test and the benchmark: a few rows by hand, or a province-sized list of communes and residential
 * areas generated deterministically.
 */
import ExcelJS from 'exceljs';
import type { MethodInput } from '../../shared/ipc/contract';

export const UNIT_SHEET_HEADERS = {
  parent: 'Đơn vị cấp trên',
  name: 'Tên đơn vị',
  kind: 'Loại',
  code: 'Mã',
  validFrom: 'Ngày bắt đầu hoạt động',
  year: 'Năm số liệu',
  households: 'Số hộ',
  residents: 'Số nhân khẩu',
} as const;

export type UnitSheetRow = Partial<Record<keyof typeof UNIT_SHEET_HEADERS, string | number | null>>;

/** A workbook like the template: row 1 the headers, then one row per entry. */
export async function unitSheet(rows: readonly UnitSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đơn vị và khu dân cư');
  const keys = Object.keys(UNIT_SHEET_HEADERS) as (keyof typeof UNIT_SHEET_HEADERS)[];
  ws.addRow(keys.map((k) => UNIT_SHEET_HEADERS[k]));
  for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function unitSheetBase64(rows: readonly UnitSheetRow[]): Promise<string> {
  return (await unitSheet(rows)).toString('base64');
}

/** A post-2025 provincial office with no communes yet (they come from the first import). */
export const EMPTY_PROVINCE_SETUP = {
  level: 'tinh',
  era: 'sau_2025',
  provinceCode: '12',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Lai Châu',
  code: 'T12',
  importChildren: false,
} as const satisfies MethodInput<'office.setup'>;

const FIRST = ['An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Thạnh', 'Đông', 'Tây', 'Hưng', 'Long', 'Mỹ', 'Phước', 'Thuận', 'Vĩnh', 'Xuân'];
const SECOND = ['Lợi', 'Sơn', 'Hải', 'Lâm', 'Thành', 'Điền', 'Phong', 'Hiệp', 'Quang', 'Trung'];
const AREA_KINDS = [
  ['Thôn', 'thon'],
  ['Xóm', 'xom'],
  ['Tổ dân phố', 'to_dan_pho'],
  ['Khu', 'khu'],
  ['Bản', 'ban'],
] as const;

export interface ProvinceSheet {
  /** Rows of the communes (parent: the province), one per commune. */
  communes: UnitSheetRow[];
  /** Rows of the residential areas, spread evenly over the communes, with 2025 figures. */
  areas: UnitSheetRow[];
  /** The expected kind of each area, by "commune / area" path. */
  kinds: Map<string, string>;
}

/**
 * `communeCount` communes (at most 150 distinct names) under `provinceName` and `areaCount`
 * residential areas spread over them: names repeat from commune to commune ("Thôn 1" in many),
 * one in seven has no start date (không rõ), every area has households and residents for 2025.
 */
export function provinceSheet(provinceName: string, communeCount = 150, areaCount = 2000): ProvinceSheet {
  const communeNames = FIRST.flatMap((a) => SECOND.map((b) => `${a} ${b}`)).slice(0, communeCount);
  const communes = communeNames.map((n, i) => ({
    parent: provinceName,
    name: `${i % 4 === 0 ? 'Phường' : 'Xã'} ${n}`,
    kind: i % 4 === 0 ? 'Phường' : 'Xã',
    code: String(90000 + i),
    validFrom: '01/07/2025',
  }));
  const areas: UnitSheetRow[] = [];
  const kinds = new Map<string, string>();
  for (let i = 0; i < areaCount; i++) {
    const commune = communes[i % communes.length]!;
    const [label, kind] = AREA_KINDS[Math.floor(i / communes.length) % AREA_KINDS.length]!;
    const name = `${label} ${Math.floor(i / communes.length) + 1}`;
    kinds.set(`${commune.name} / ${name}`, kind);
    areas.push({
      parent: commune.name,
      name,
      // Every third row leaves the kind blank: it follows from the name.
      kind: i % 3 === 0 ? null : label,
      validFrom: i % 7 === 0 ? null : `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/20${10 + (i % 15)}`,
      year: 2025,
      households: 100 + (i % 400),
      residents: 350 + (i % 400) * 4,
    });
  }
  return { communes, areas, kinds };
}
