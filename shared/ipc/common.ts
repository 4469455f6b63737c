/**
 * Schemas reused by every contract file: dates, ids, years, free text, file payloads. Messages are
 * Vietnamese because they reach the person as they are.
 */
import { z } from 'zod';
import { isValidIsoDate } from '../lib/dates';
import { isUuid } from '../lib/ids';

export const empty = z.object({}).strict();

export const isoDate = z
  .string({ error: 'Ngày không hợp lệ.' })
  .refine(isValidIsoDate, { error: 'Ngày không hợp lệ (cần dạng ngày/tháng/năm có thật).' });

export const uuid = z.string().refine(isUuid, { error: 'Mã bản ghi không hợp lệ.' });

/** A calendar year the movement's records can refer to. */
export const year = z
  .number({ error: 'Năm không hợp lệ.' })
  .int({ error: 'Năm không hợp lệ.' })
  .min(1990, { error: 'Năm không hợp lệ (từ 1990).' })
  .max(2100, { error: 'Năm không hợp lệ (đến 2100).' });

/** Required free text of at most `max` characters, trimmed; `label` names the field in messages. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `${label} là bắt buộc.` })
    .trim()
    .min(1, { error: `${label} không được để trống.` })
    .max(max, { error: `${label} quá dài (tối đa ${max} ký tự).` });
}

/** Optional free text: empty input becomes null. */
export function optionalText(label: string, max = 500) {
  return z
    .string()
    .trim()
    .max(max, { error: `${label} quá dài (tối đa ${max} ký tự).` })
    .transform((s) => (s === '' ? null : s))
    .nullable();
}

/** A non-negative whole number (counts of people, teams, sessions...). */
export function count(label: string) {
  return z
    .number({ error: `${label} phải là số.` })
    .int({ error: `${label} phải là số nguyên.` })
    .min(0, { error: `${label} không được âm.` })
    .max(1_000_000_000, { error: `${label} quá lớn.` });
}

/** A file's bytes across the boundary, base64-encoded (at most ~48 MB of data). */
export const fileBase64 = z
  .string()
  .max(64 * 1024 * 1024, { error: 'Tệp quá lớn (tối đa 48 MB).' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Dữ liệu tệp không hợp lệ.' });

/** The filter shared by every registry list (shared/domain/registries.ts). */
export const listFilter = z
  .object({
    unitId: uuid.nullable(),
    year: year.nullable(),
    search: z.string().max(200),
    kind: z.string().max(100).nullable(),
    status: z.string().max(100).nullable(),
    from: isoDate.nullable().optional(),
    to: isoDate.nullable().optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Paged lists: a list that can outgrow a screen (135,000 members, 2 M activity rows) is read one
// page at a time; sorting and searching happen in SQL, never on the screen's rows.
// ---------------------------------------------------------------------------------------------

/** The most rows one page may ask for: a screen (~20 rows) plus a page, with room to spare. */
export const PAGE_LIMIT_MAX = 200;

/**
 * Where a page starts, how many rows it holds, and its order: a key from the list's own whitelist
 * (each key maps to one SQL expression in the repo, never to text from the caller) and a direction.
 */
export function pageRequest<const K extends readonly [string, ...string[]]>(sortKeys: K) {
  return z
    .object({
      offset: z.number().int().min(0).max(100_000_000),
      limit: z.number().int().min(1).max(PAGE_LIMIT_MAX),
      sort: z.enum(sortKeys),
      dir: z.enum(['asc', 'desc']),
      /**
       * The rows first, the whole list's count in a second call: a method that honours it (members.page)
       * answers without counting when the count of this question is not known yet, and says so.
       */
      countLater: z.boolean().optional(),
    })
    .strict();
}

/** One page of rows, where it starts, and how many rows the whole (filtered) list holds. */
export function pageResult<T extends z.ZodType>(row: T) {
  return z.object({ offset: z.number().int().min(0), total: z.number().int().min(0), rows: z.array(row) });
}

export type SortDirection = 'asc' | 'desc';
export interface PageRequest<K extends string = string> {
  offset: number;
  limit: number;
  sort: K;
  dir: SortDirection;
  countLater?: boolean | undefined;
}
