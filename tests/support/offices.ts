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

/** Công an tỉnh Ninh Bình (pre-2025 catalogue), the province of Gia Viễn, without its units imported. */
export const NINH_BINH_SETUP = {
  level: 'tinh',
  era: 'truoc_2025',
  provinceCode: '37',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Ninh Bình',
  code: 'T37',
  importChildren: false,
} as const satisfies MethodInput<'office.setup'>;

/** Công an tỉnh Lai Châu (post-2025 catalogue, code 12), with its communes and wards imported. */
export const LAI_CHAU_SETUP = {
  level: 'tinh',
  era: 'sau_2025',
  provinceCode: '12',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Lai Châu',
  code: 'CAT-LC',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

type OrganizationInput = MethodInput<'organizations.create'>;

/**
 * A complete `organizations.create` input: a school (THCS) managed by the district with a Party
 * organisation, no security force and no size figures; tests override what they are about.
 */
export function organizationInput(unitId: string, name: string, over: Partial<OrganizationInput> = {}): OrganizationInput {
  return {
    name,
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    isArmedForces: false,
    unitId,
    managingLevel: 'huyen',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: false,
    subUnitCount: null,
    sectorGroup: null,
    insuredEmployees: null,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: null,
    validFrom: null,
    ...over,
  };
}
