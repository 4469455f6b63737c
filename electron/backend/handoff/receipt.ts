/**
 * The province's receipt of an office's snapshot (kind "receipt", written by the province's inbox,
 * read here by the office): the manifest's own fields. A receipt has no payload.
 */
import { z } from 'zod';

export const receiptFieldsSchema = z.object({
  for: z
    .object({
      officeCode: z.string().min(1).max(20),
      year: z.number().int().min(2000).max(2100),
      sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().min(1).max(200),
    })
    .strict(),
  status: z.literal('applied'),
  appliedAt: z.iso.datetime({ offset: true }),
});
export type ReceiptFields = z.infer<typeof receiptFieldsSchema>;

/** Small: a receipt is a manifest and a signature in a tar. */
export const RECEIPT_MAX_BYTES = 256 * 1024;
