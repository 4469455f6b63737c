/**
 * Dispatch's output check in chunks (electron/backend/output-check.ts, issue 16 item 3): a big
 * array field is checked 500 items at a time with a turn of the event loop between chunks (a
 * ticker counts them), giving the same data as one safeParse, and the same refusal — with the
 * item's index in the whole array — when an item does not match. Small outputs and arrays with
 * their own length checks take the one safeParse.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkOutput } from '../../../electron/backend/output-check';

const row = z.object({ id: z.string(), n: z.number().int(), tag: z.string().nullable().default(null) });
const schema = z.object({ year: z.number().int(), rows: z.array(row), note: z.string() });

function output(count: number): { year: number; rows: { id: string; n: number; tag?: string | null }[]; note: string } {
  return { year: 2025, rows: Array.from({ length: count }, (_, i) => ({ id: `r${i}`, n: i })), note: 'bảng' };
}

async function ticking<T>(fn: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let running = true;
  let turns = 0;
  const ticker = (async () => {
    while (running) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
  })();
  const value = await fn();
  running = false;
  await ticker;
  return { value, turns };
}

describe('the output check in chunks', () => {
  it('checks 8.644 rows in chunks, the host getting turns, with the data one safeParse gives', async () => {
    const value = output(8_644);
    const { value: checked, turns } = await ticking(() => checkOutput(schema, value));
    expect(turns).toBeGreaterThanOrEqual(17);
    expect(checked.success).toBe(true);
    expect(checked.success && checked.data).toEqual(schema.parse(value));
  });

  it('refuses a bad item with its index in the whole array, as one safeParse would', async () => {
    const value = output(5_000);
    value.rows[3_210] = { id: 'x', n: 1.5 };
    const checked = await checkOutput(schema, value);
    const whole = schema.safeParse(value);
    expect(checked.success).toBe(false);
    expect(whole.success).toBe(false);
    if (checked.success || whole.success) return;
    expect(checked.error.issues.map((i) => i.path)).toEqual(whole.error.issues.map((i) => i.path));
    expect(checked.error.issues[0]!.path).toEqual(['rows', 3_210, 'n']);
    // The rest of the object is still checked.
    expect((await checkOutput(schema, { ...output(3_000), note: 7 })).success).toBe(false);
  });

  it('small outputs and arrays with their own checks are checked in one piece', async () => {
    const { turns } = await ticking(() => checkOutput(schema, output(1_000)));
    // The ticker's own last turn, after the check ended, is the only one.
    expect(turns).toBeLessThanOrEqual(1);
    const capped = z.object({ rows: z.array(row).max(2_500) });
    const { value: checked, turns: cappedTurns } = await ticking(() => checkOutput(capped, { rows: output(3_000).rows }));
    expect(cappedTurns).toBeLessThanOrEqual(1);
    expect(checked.success).toBe(false);
  });
});
