/**
 * The registries and activity records that share list filters and Excel import/export. Each id names one
 * sheet layout; the backend has one ImportSpec per id (electron/backend/xlsx/spec.ts).
 */
import { ACTIVITY_KINDS, ACTIVITY_TITLES } from './activities';

export const REGISTRY_IDS = [
  'units',
  'unit_year_stats',
  'organizations',
  'models',
  'model_sites',
  'mass_orgs',
  'members',
  'evaluation_registrations',
  ...ACTIVITY_KINDS,
] as const;
export type RegistryId = (typeof REGISTRY_IDS)[number];

export const REGISTRY_TITLES: Readonly<Record<RegistryId, string>> = {
  units: 'Đơn vị và khu dân cư',
  unit_year_stats: 'Số hộ, nhân khẩu theo năm',
  organizations: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
  models: 'Mô hình',
  model_sites: 'Điểm mô hình',
  mass_orgs: 'Tổ chức quần chúng',
  members: 'Thành viên tổ chức quần chúng',
  evaluation_registrations: 'Đăng ký phấn đấu',
  ...ACTIVITY_TITLES,
};

/** The filter every registry list accepts; fields a registry does not use are ignored by it. */
export interface ListFilter {
  /** Only records of this unit and the units below it; null = the whole office. */
  unitId: string | null;
  /** Records relevant to this year (active in it, or rated for it); null = any. */
  year: number | null;
  /** Diacritic-free search over the record's names. */
  search: string;
  /** A kind/type/category value of the registry; null = all. */
  kind: string | null;
  /** A status value of the registry; null = all. */
  status: string | null;
  /**
   * Dated records only (the activity records): the period on their placement date, so an export
   * holds exactly the rows the list shows. Absent or null = no bound; registries ignore them.
   */
  from?: string | null | undefined;
  to?: string | null | undefined;
}

export const EMPTY_FILTER: ListFilter = { unitId: null, year: null, search: '', kind: null, status: null };
