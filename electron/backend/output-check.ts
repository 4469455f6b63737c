/**
 * Dispatch's check of a handler's output against its contract, without holding the host on a big
 * answer (issue 16 item 3): the board of a province is 8.644 rows, a page of a list a few hundred.
 * An object output whose direct array fields hold more than CHUNKED_FROM items has those arrays
 * checked CHUNK items at a time, with a turn of the event loop between chunks; the rest of the
 * object is checked as before. Smaller outputs take the one safeParse they always took.
 */
import { z } from 'zod';

const CHUNKED_FROM = 2_000;
const CHUNK = 500;

type Checked = { success: true; data: unknown } | { success: false; error: z.ZodError };

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The array fields of an object output worth checking in chunks, with their element schema. */
function bigArrays(schema: z.ZodType, value: unknown): [string, z.ZodType][] {
  if (!(schema instanceof z.ZodObject) || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const out: [string, z.ZodType][] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const items = (value as Record<string, unknown>)[key];
    // Only arrays with no check of their own (min, max, length): those hold for any number of chunks.
    const checks = field instanceof z.ZodArray ? ((field._zod.def.checks ?? []) as unknown[]) : [null];
    if (field instanceof z.ZodArray && checks.length === 0 && Array.isArray(items) && items.length > CHUNKED_FROM) {
      out.push([key, field.element as z.ZodType]);
    }
  }
  return out;
}

export async function checkOutput(schema: z.ZodType, value: unknown): Promise<Checked> {
  const big = bigArrays(schema, value);
  if (big.length === 0) return schema.safeParse(value);
  const record = value as Record<string, unknown>;
  const parsed: Record<string, unknown[]> = {};
  for (const [key, element] of big) {
    const items = record[key] as unknown[];
    const rows: unknown[] = [];
    for (let i = 0; i < items.length; i += CHUNK) {
      await turn();
      const r = z.array(element).safeParse(items.slice(i, i + CHUNK));
      if (!r.success) {
        // Paths as a whole check would name them: the field, the item's index in the whole array.
        const issues = r.error.issues.map((issue) => ({ ...issue, path: [key, i + Number(issue.path[0]), ...issue.path.slice(1)] }));
        return { success: false, error: new z.ZodError(issues) };
      }
      rows.push(...r.data);
    }
    parsed[key] = rows;
  }
  // The rest of the object, the chunked fields stood in by empty arrays (valid: those arrays have no checks).
  const rest = (schema as z.ZodObject).safeParse({ ...record, ...Object.fromEntries(big.map(([key]) => [key, []])) });
  if (!rest.success) return rest;
  return { success: true, data: { ...rest.data, ...parsed } };
}
