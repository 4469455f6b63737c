/**
 * Methods of the organisations registry: agencies, enterprises and schools (cơ quan, doanh
 * nghiệp, cơ sở giáo dục) with their TT124 eligibility (shared/domain/organizations.ts).
 */
import { z } from 'zod';
import {
  ELIGIBILITY_STATUSES,
  MANAGING_LEVELS,
  ORG_CODE_HINT,
  ORG_KINDS,
  ORG_SUB_KINDS,
  SECTOR_GROUPS,
  isValidOrgCode,
} from '../../domain/organizations';
import { ORG_SORT_KEYS } from '../../domain/organizations-list';
import { count, isoDate, listFilter, optionalText, pageRequest, pageResult, requiredText, uuid } from '../common';

/** A non-negative number with at most `decimals` decimals (what a person can type), or null. */
function measure(label: string, decimals: number, max: number) {
  const scale = 10 ** decimals;
  return z
    .number({ error: `${label} phải là số.` })
    .min(0, { error: `${label} không được âm.` })
    .max(max, { error: `${label} quá lớn.` })
    .refine((n) => Math.abs(Math.round(n * scale) - n * scale) < 1e-6, {
      error: `${label} chỉ ghi tối đa ${decimals} chữ số thập phân.`,
    })
    .nullable();
}

export const orgKind = z.enum(ORG_KINDS, { error: 'Loại không hợp lệ.' });

const orgCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => s === '' || isValidOrgCode(s), { error: `Mã số không hợp lệ. ${ORG_CODE_HINT}` })
  .transform((s) => (s === '' ? null : s))
  .nullable();

const orgFields = {
  name: requiredText('Tên', 300),
  kind: orgKind,
  subKind: z.enum(ORG_SUB_KINDS, { error: 'Phân loại không hợp lệ.' }),
  isArmedForces: z.boolean(),
  unitId: uuid,
  managingLevel: z.enum(MANAGING_LEVELS, { error: 'Cấp quản lý không hợp lệ.' }),
  bcaMonitored: z.boolean(),
  hasPartyOrg: z.boolean(),
  hasSecurityForce: z.boolean(),
  subUnitCount: count('Số phòng, ban, tổ, đội').nullable(),
  sectorGroup: z.enum(SECTOR_GROUPS, { error: 'Lĩnh vực không hợp lệ.' }).nullable(),
  insuredEmployees: measure('Số lao động tham gia BHXH', 2, 10_000_000),
  revenueBillion: measure('Tổng doanh thu', 3, 100_000_000),
  capitalBillion: measure('Tổng nguồn vốn', 3, 100_000_000),
  taxCode: orgCode,
  address: optionalText('Địa chỉ', 300),
  /** null = the start is not known (an organisation older than the office's records). */
  validFrom: isoDate.nullable(),
};

export const eligibilityDto = z.object({
  eligible: z.boolean(),
  status: z.enum(ELIGIBILITY_STATUSES),
  reason: z.string(),
});

export const organizationDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKind,
  subKind: z.enum(ORG_SUB_KINDS),
  isArmedForces: z.boolean(),
  unitId: z.string(),
  /** Names from the office's root unit down to the organisation's unit. */
  unitPath: z.array(z.string()),
  managingLevel: z.enum(MANAGING_LEVELS),
  bcaMonitored: z.boolean(),
  hasPartyOrg: z.boolean(),
  hasSecurityForce: z.boolean(),
  subUnitCount: z.number().int().nullable(),
  sectorGroup: z.enum(SECTOR_GROUPS).nullable(),
  insuredEmployees: z.number().nullable(),
  revenueBillion: z.number().nullable(),
  capitalBillion: z.number().nullable(),
  taxCode: z.string().nullable(),
  address: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  eligibility: eligibilityDto,
});
export type OrganizationDto = z.infer<typeof organizationDto>;

/** What an organisation picker shows of one organisation: its name, its unit's name, whether it ended. */
export const orgChoiceDto = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  validTo: z.string().nullable(),
});
export type OrgChoiceDto = z.infer<typeof orgChoiceDto>;

/** The most choices one organizations.choices call answers (a picker's screen, not the registry). */
export const ORG_CHOICES_MAX = 50;

export const organizationsContract = {
  /** filter.kind: an OrgKind; filter.status: active | ended | eligible | ineligible | incomplete. */
  'organizations.list': {
    input: listFilter,
    output: z.array(organizationDto),
  },
  /**
   * One page of the same list (same filter, search and order as organizations.list, or one column's
   * order), with the whole filtered list's size and how many of it are eligible (thuộc diện).
   */
  'organizations.page': {
    input: listFilter.extend({ page: pageRequest(ORG_SORT_KEYS) }).strict(),
    output: pageResult(organizationDto).extend({ eligible: z.number().int().min(0) }),
  },
  /**
   * The organisations a picker offers for what was typed (issue 16: never the whole registry): at most
   * `limit`, in Vietnamese order of names, every folded word of `search` in the name or tax code
   * (diacritics ignored, as the lists search), ended ones included (the picker marks them). `unitId`:
   * that unit and the units below it, or that unit only with `unitOnly`; null: the whole office.
   * `more`: further organisations match.
   */
  'organizations.choices': {
    input: z
      .object({
        unitId: uuid.nullable(),
        unitOnly: z.boolean(),
        search: z.string().max(200),
        limit: z.number().int().min(1).max(ORG_CHOICES_MAX),
      })
      .strict(),
    output: z.object({ rows: z.array(orgChoiceDto), more: z.boolean() }),
  },
  /** The same fields of given organisations (a picker's current value, wherever it is in the order). */
  'organizations.choicesByIds': {
    input: z.object({ ids: z.array(uuid).min(1).max(ORG_CHOICES_MAX) }).strict(),
    output: z.array(orgChoiceDto),
  },
  'organizations.get': {
    input: z.object({ id: uuid }).strict(),
    output: organizationDto,
  },
  'organizations.create': {
    input: z.object(orgFields).strict(),
    output: organizationDto,
  },
  'organizations.update': {
    input: z.object({ id: uuid, ...orgFields }).strict(),
    output: organizationDto,
  },
  'organizations.end': {
    input: z
      .object({
        id: uuid,
        validTo: isoDate,
        reason: requiredText('Lý do kết thúc', 500),
      })
      .strict(),
    output: organizationDto,
  },
  'organizations.reopen': {
    input: z.object({ id: uuid }).strict(),
    output: organizationDto,
  },
  'organizations.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
} as const;
