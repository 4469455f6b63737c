/**
 * The unit tree's methods (list, search, detail, create/update/move/end/reopen/delete, usage) and
 * the unit DTOs every other feature's contract reuses.
 */
import { z } from 'zod';
import { ERAS, OFFICE_LEVELS, UNIT_KINDS, UNIT_LEVELS } from '../../domain/units';
import { isoDate, uuid } from '../common';
import { transferChoice, transferResult } from './unit-history.contract';

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

export const unitChangeDto = z.object({
  id: z.string(),
  unitId: z.string(),
  at: z.string(),
  action: z.enum(['create', 'update', 'move', 'end', 'reopen', 'delete']),
  summary: z.string(),
  reason: z.string().nullable(),
});
export type UnitChangeDto = z.infer<typeof unitChangeDto>;

export const unitsContract = {
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
        reason: z.string().trim().min(1, { error: 'Cần ghi lý do kết thúc.' }).max(500, { error: 'Lý do quá dài (tối đa 500 ký tự).' }),
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
