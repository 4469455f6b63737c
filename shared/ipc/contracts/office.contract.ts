/**
 * The office itself and the app around it: app info, the office record and its one-time set-up,
 * and the administrative-unit catalogue the set-up and the unit forms pick from.
 */
import { z } from 'zod';
import { empty } from '../common';
import { era, officeLevel, unitKind } from './units.contract';

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

const catalogueCode = z.string().regex(/^\d{2,5}$/, { error: 'Mã danh mục không hợp lệ.' });

export const officeContract = {
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
        name: z.string().trim().min(1, { error: 'Tên cơ quan không được để trống.' }).max(200, { error: 'Tên cơ quan quá dài.' }),
        code: z.string().trim().min(1, { error: 'Mã cơ quan không được để trống.' }).max(20, { error: 'Mã cơ quan quá dài.' }),
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
} as const;
