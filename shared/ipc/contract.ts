/**
 * The one list of methods that cross the process boundary (renderer ↔ backend), each with its zod
 * input and output. The renderer's client type and the backend's handler map are both derived from
 * this object, so a missing or mistyped handler is a compile error (architecture.md §2).
 */
import { z } from 'zod';
import {
  ERAS,
  OFFICE_LEVELS,
  UNIT_KINDS,
  UNIT_LEVELS,
} from '../domain/units';
import { empty, isoDate, uuid } from './common';
import { transferChoice, transferResult, unitHistoryContract } from './contracts/unit-history.contract';
import { organizationsContract } from './contracts/organizations.contract';
import { modelsContract } from './contracts/models.contract';
import { massOrgsContract } from './contracts/mass-orgs.contract';
import { registryContract } from './contracts/registry.contract';
import { activitiesContract } from './contracts/activities.contract';
import { periodContract } from './contracts/period.contract';
import { evaluationContract } from './contracts/evaluation.contract';
import { rubricsContract } from './contracts/rubrics.contract';
import { incidentStatsContract } from './contracts/incident-stats.contract';

export { empty, isoDate, uuid };

const unitName = z
  .string({ error: 'Tên đơn vị là bắt buộc.' })
  .trim()
  .min(1, { error: 'Tên đơn vị không được để trống.' })
  .max(200, { error: 'Tên đơn vị quá dài (tối đa 200 ký tự).' });

/** Official codes are digits (GSO codes); offices may also use their own short codes. */
const unitCode = z
  .string()
  .trim()
  .max(20, { error: 'Mã đơn vị quá dài (tối đa 20 ký tự).' })
  .regex(/^[0-9A-Za-z._-]*$/, { error: 'Mã đơn vị chỉ gồm chữ số, chữ cái không dấu, dấu chấm, gạch.' })
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const unitLevel = z.enum(UNIT_LEVELS);
export const unitKind = z.enum(UNIT_KINDS, { error: 'Loại đơn vị không hợp lệ.' });
export const era = z.enum(ERAS);
export const officeLevel = z.enum(OFFICE_LEVELS, { error: 'Cấp đơn vị sử dụng không hợp lệ.' });

export const unitDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: unitLevel,
  kind: unitKind,
  name: z.string(),
  code: z.string().nullable(),
  /** null when the start is unknown (units that existed before the office kept records). */
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  endReason: z.string().nullable(),
  source: z.enum(['catalogue', 'manual']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitDto = z.infer<typeof unitDto>;

export const officeDto = z.object({
  id: z.string(),
  level: officeLevel,
  era,
  name: z.string(),
  code: z.string(),
  provinceCode: z.string(),
  rootUnitId: z.string(),
  createdAt: z.string(),
});
export type OfficeDto = z.infer<typeof officeDto>;

export const catalogueUnitDto = z.object({
  code: z.string(),
  name: z.string(),
  kind: unitKind,
  parentCode: z.string().nullable(),
});
export type CatalogueUnitDto = z.infer<typeof catalogueUnitDto>;

export const unitChangeDto = z.object({
  id: z.string(),
  unitId: z.string(),
  at: z.string(),
  action: z.enum(['create', 'update', 'move', 'end', 'reopen', 'delete']),
  summary: z.string(),
  reason: z.string().nullable(),
});
export type UnitChangeDto = z.infer<typeof unitChangeDto>;

const catalogueCode = z.string().regex(/^\d{2,5}$/, { error: 'Mã danh mục không hợp lệ.' });

const coreContract = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databasePath: z.string(),
      today: z.string(),
      shell: z.enum(['electron', 'web']),
    }),
  },
  'office.get': {
    input: empty,
    output: officeDto.nullable(),
  },
  'office.setup': {
    input: z
      .object({
        level: officeLevel,
        era,
        provinceCode: catalogueCode,
        /** The district for a district office (before 2025 only). */
        districtCode: catalogueCode.nullable(),
        /** The commune for a commune office. */
        communeCode: catalogueCode.nullable(),
        name: z
          .string()
          .trim()
          .min(1, { error: 'Tên cơ quan không được để trống.' })
          .max(200, { error: 'Tên cơ quan quá dài.' }),
        code: z
          .string()
          .trim()
          .min(1, { error: 'Mã cơ quan không được để trống.' })
          .max(20, { error: 'Mã cơ quan quá dài.' }),
        /** Create the communes (or districts and communes) under the office from the catalogue. */
        importChildren: z.boolean(),
      })
      .strict(),
    output: z.object({ office: officeDto, unitsCreated: z.number().int() }),
  },
  'catalogue.provinces': {
    input: z.object({ era }).strict(),
    output: z.array(catalogueUnitDto),
  },
  'catalogue.districts': {
    input: z.object({ provinceCode: catalogueCode }).strict(),
    output: z.array(catalogueUnitDto),
  },
  'catalogue.communes': {
    input: z.object({ era, parentCode: catalogueCode }).strict(),
    output: z.array(catalogueUnitDto),
  },
  'units.list': {
    input: z.object({ includeEnded: z.boolean() }).strict(),
    output: z.array(unitDto),
  },
  'units.search': {
    input: z
      .object({
        query: z.string().max(200),
        includeEnded: z.boolean(),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.array(z.object({ unit: unitDto, path: z.array(z.string()) })),
  },
  'units.get': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({
      unit: unitDto,
      path: z.array(z.object({ id: z.string(), name: z.string() })),
      activeChildren: z.number().int(),
      endedChildren: z.number().int(),
      history: z.array(unitChangeDto),
    }),
  },
  'units.create': {
    input: z
      .object({
        parentId: uuid,
        name: unitName,
        kind: unitKind,
        code: unitCode,
        validFrom: isoDate,
      })
      .strict(),
    output: unitDto,
  },
  'units.update': {
    input: z
      .object({
        id: uuid,
        name: unitName,
        kind: unitKind,
        code: unitCode,
        validFrom: isoDate.nullable(),
        /** The day a new name, code or kind takes effect (today when left out); may be in the past. */
        effectiveDate: isoDate.optional(),
      })
      .strict(),
    output: unitDto,
  },
  'units.move': {
    /** effectiveDate: the first day under the new parent (today when left out); may be in the past. */
    input: z.object({ id: uuid, newParentId: uuid, effectiveDate: isoDate.optional() }).strict(),
    output: unitDto,
  },
  'units.end': {
    input: z
      .object({
        id: uuid,
        validTo: isoDate,
        reason: z
          .string()
          .trim()
          .min(1, { error: 'Cần ghi lý do kết thúc.' })
          .max(500, { error: 'Lý do quá dài (tối đa 500 ký tự).' }),
        /** The unit that takes over the records chosen in `transfer` (required when any is chosen). */
        successorId: uuid.nullable().default(null),
        transfer: transferChoice,
      })
      .strict(),
    output: z.object({ unit: unitDto, endedDescendants: z.number().int(), ...transferResult }),
  },
  'units.reopen': {
    input: z.object({ id: uuid }).strict(),
    output: unitDto,
  },
  'units.usage': {
    input: z.object({ id: uuid }).strict(),
    /** Active records attached to the unit or a unit below it (they do not end with it). */
    output: z.object({ organizations: z.number().int(), massOrgs: z.number().int(), modelSites: z.number().int() }),
  },
  'units.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
} as const;

/** Core methods plus one contract file per feature (shared/ipc/contracts/*.contract.ts). */
export const contract = {
  ...coreContract,
  ...unitHistoryContract,
  ...organizationsContract,
  ...modelsContract,
  ...massOrgsContract,
  ...registryContract,
  ...activitiesContract,
  ...periodContract,
  ...evaluationContract,
  ...rubricsContract,
  ...incidentStatsContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
