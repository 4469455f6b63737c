/**
 * Administrative units and the hierarchy rules of the movement's records (domain.md §3, §4.1).
 *
 * Levels are data, not code paths: an office chooses an era (before or after the 2025 reform) and
 * its own level, and the allowed parent/child levels follow from that.
 */

export const UNIT_LEVELS = ['tinh', 'huyen', 'xa', 'khu_dan_cu'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const PROVINCE_KINDS = ['tinh', 'thanh_pho_tw'] as const;
export const DISTRICT_KINDS = ['huyen', 'quan', 'thi_xa', 'thanh_pho_thuoc_tinh'] as const;
export const COMMUNE_KINDS = ['xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
// 'xom' and 'khu' are common names of residential areas in northern provinces ("Xóm 3", "Khu 1").
export const RESIDENTIAL_KINDS = [
  'thon',
  'xom',
  'lang',
  'ban',
  'ap',
  'buon',
  'phum',
  'soc',
  'khom',
  'to_dan_pho',
  'khu_pho',
  'khu',
  'khac',
] as const;

export type ProvinceKind = (typeof PROVINCE_KINDS)[number];
export type DistrictKind = (typeof DISTRICT_KINDS)[number];
export type CommuneKind = (typeof COMMUNE_KINDS)[number];
export type ResidentialKind = (typeof RESIDENTIAL_KINDS)[number];
export type UnitKind = ProvinceKind | DistrictKind | CommuneKind | ResidentialKind;

export const UNIT_KINDS = [
  ...PROVINCE_KINDS,
  ...DISTRICT_KINDS,
  ...COMMUNE_KINDS,
  ...RESIDENTIAL_KINDS,
] as const satisfies readonly UnitKind[];

export const KINDS_BY_LEVEL: Readonly<Record<UnitLevel, readonly UnitKind[]>> = {
  tinh: PROVINCE_KINDS,
  huyen: DISTRICT_KINDS,
  xa: COMMUNE_KINDS,
  khu_dan_cu: RESIDENTIAL_KINDS,
};

/** Which catalogue and hierarchy an office works with. */
export const ERAS = ['truoc_2025', 'sau_2025'] as const;
export type Era = (typeof ERAS)[number];

/** The police level of the office that runs this copy of the app (domain.md H5). */
export const OFFICE_LEVELS = ['tinh', 'huyen', 'xa'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];

/** Thị trấn exists only before the 2025 reform; đặc khu only after it. */
export function communeKindsFor(era: Era): readonly CommuneKind[] {
  return era === 'truoc_2025' ? ['xa', 'phuong', 'thi_tran'] : ['xa', 'phuong', 'dac_khu'];
}

/** The chain of levels below the province for an era (H1). */
export function levelChain(era: Era): readonly UnitLevel[] {
  return era === 'truoc_2025' ? ['tinh', 'huyen', 'xa', 'khu_dan_cu'] : ['tinh', 'xa', 'khu_dan_cu'];
}

/** The level directly under `level` in an era, or null for the lowest level. */
export function childLevel(era: Era, level: UnitLevel): UnitLevel | null {
  const chain = levelChain(era);
  const i = chain.indexOf(level);
  if (i < 0) return null;
  return chain[i + 1] ?? null;
}

export function kindBelongsToLevel(kind: UnitKind, level: UnitLevel): boolean {
  return KINDS_BY_LEVEL[level].includes(kind);
}

export function levelOfKind(kind: UnitKind): UnitLevel {
  for (const level of UNIT_LEVELS) {
    if (KINDS_BY_LEVEL[level].includes(kind)) return level;
  }
  /* c8 ignore next */
  throw new Error(`unknown unit kind ${String(kind)}`);
}
