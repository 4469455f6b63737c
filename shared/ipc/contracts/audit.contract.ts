/**
 * The audit log (issue 15 item 3): the filtered, paged list ("Nhật ký thao tác", under Quản trị),
 * the check of the hash chain on demand, the export to Excel, and the head shown in the app and
 * carried into hand-off files and reports.
 */
import { z } from 'zod';
import { isoDate } from '../common';

export const AUDIT_KINDS = ['change', 'view', 'system'] as const;

export const auditEntryDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(AUDIT_KINDS),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  method: z.string(),
  /** The feature's Vietnamese name (the part of the method before the dot). */
  feature: z.string(),
  recordIds: z.array(z.string()),
  summary: z.string(),
  /** The first 8 hex digits of the entry's hash. */
  shortHash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const auditHeadDto = z.object({ seq: z.number().int(), hash: z.string(), shortHash: z.string(), at: z.string() });
export type AuditHeadDto = z.infer<typeof auditHeadDto>;

export const auditCheckDto = z.object({
  ok: z.boolean(),
  /** When the check ran. */
  checkedAt: z.string(),
  /** The first entry checked: 1 for a full check; later for the check at start from its checkpoint. */
  fromSeq: z.number().int(),
  /** Entries checked. */
  checked: z.number().int(),
  ms: z.number().int(),
  head: auditHeadDto.nullable(),
  /** The first broken entry, with the sentence that names it. */
  broken: z
    .object({
      seq: z.number().int(),
      at: z.string(),
      method: z.string(),
      reason: z.enum(['edited', 'unlinked', 'gap']),
      message: z.string(),
    })
    .nullable(),
});
export type AuditCheckDto = z.infer<typeof auditCheckDto>;

const maxText = (n: number) => z.string().trim().min(1).max(n).nullable().default(null);

export const auditFilter = z
  .object({
    from: isoDate.nullable().default(null),
    to: isoDate.nullable().default(null),
    actorId: maxText(100),
    /** A feature ("activities") or a whole method ("activities.save"). */
    method: maxText(80),
    recordId: maxText(100),
    kind: z.enum(AUDIT_KINDS).nullable().default(null),
  })
  .strict();
export type AuditFilterInput = z.input<typeof auditFilter>;

export const AUDIT_PAGE_MAX = 200;

export const auditContract = {
  'audit.list': {
    input: auditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    }),
    output: z.object({
      rows: z.array(auditEntryDto),
      total: z.number().int(),
      /** Who appears in the log (the filter's choices). */
      actors: z.array(z.object({ id: z.string(), name: z.string(), role: z.string().nullable() })),
      /** The features (method prefixes) with their names (the filter's choices). */
      features: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  },
  'audit.verify': {
    input: z.object({}).strict(),
    output: auditCheckDto,
  },
  'audit.export': {
    input: auditFilter,
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
  'audit.head': {
    input: z.object({}).strict(),
    output: z.object({ head: auditHeadDto.nullable(), lastCheck: auditCheckDto.nullable() }),
  },
} as const;
