/**
 * sortInTurns (jobs/jobs.ts; issue 16 item 3, h18-blocks): the activity lists and exports sort a whole
 * table's rows with turns of the host between runs and during merges. The order is Array.prototype
 * .sort's (stable) for any input; with a clock that makes every turn due it yields between runs and
 * inside merges. No assertion reads a time.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostTurns, sortInTurns } from '../../../electron/backend/jobs/jobs';

afterEach(() => vi.restoreAllMocks());

interface Item {
  key: number;
  at: number;
}
const byKey = (a: Item, b: Item) => a.key - b.key;
const items = (keys: readonly number[]): Item[] => keys.map((key, at) => ({ key, at }));

describe('sortInTurns', () => {
  it('gives the stable sort’s order for any input, ties in their first order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), async (keys) => {
        const input = items(keys);
        expect(await sortInTurns(input, byKey)).toEqual([...input].sort(byKey));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts 30.000 items across many runs as Array.prototype.sort does, and leaves its input alone', async () => {
    const input = items(Array.from({ length: 30_000 }, (_, i) => (i * 7919) % 1000));
    const copy = [...input];
    const sorted = await sortInTurns(input, byKey);
    expect(sorted).toEqual([...input].sort(byKey));
    expect(input).toEqual(copy);
    expect(await sortInTurns([], byKey)).toEqual([]);
  });

  it('yields between runs and while merging when the slice is used up', async () => {
    const takes = vi.spyOn(HostTurns.prototype, 'take');
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
    let turns = 0;
    let spinning = true;
    const spin = () => {
      if (!spinning) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const input = items(Array.from({ length: 20_000 }, (_, i) => 20_000 - i));
    const sorted = await sortInTurns(input, byKey);
    spinning = false;
    expect(sorted.map((x) => x.key)).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
    // 5 runs of 4.096: 4 turns between them; the merges of 20.000 items read the clock every 256.
    expect(takes.mock.calls.length).toBeGreaterThanOrEqual(4 + Math.floor(20_000 / 256));
    expect(turns).toBeGreaterThanOrEqual(4 + Math.floor(20_000 / 256));
  });
});
