/**
 * Issue 16 item 3: a per-row loop outside a job (a whole registry's members with their phones to
 * open, the rows of an export) gives the host turns (jobs/jobs.ts HostTurns, mapInTurns). Items
 * that each take a known slice of CPU make the loop run past SLICE_MS several times: the turns a
 * concurrent setImmediate loop gets in between are counted; a loop that never yielded gives 0.
 */
import { describe, expect, it } from 'vitest';
import { HostTurns, mapInTurns, SLICE_MS } from '../../../electron/backend/jobs/jobs';

/** Holds the thread for `ms` (the loop's own work, as opening a protected field would). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* spin */
  }
}

/** Counts turns of the event loop while `work` runs. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const counter = (async () => {
    while (running) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
  })();
  const value = await work();
  running = false;
  await counter;
  return { value, turns };
}

describe('turns of the host in a long loop', () => {
  it('maps every item in order and yields once each slice is used up', async () => {
    // 1.024 items of 0,5 ms: about 512 ms of work, more than SLICE_MS at each of the clock's reads (every 256 items).
    const items = Array.from({ length: 1024 }, (_, i) => i);
    const { value, turns } = await turnsDuring(() =>
      mapInTurns(items, (n, i) => {
        busy(0.5);
        return n * 2 + i;
      }),
    );
    expect(value).toEqual(items.map((n) => n * 3));
    expect(128 * 0.5).toBeGreaterThan(SLICE_MS); // 256 items hold more than one slice
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('reads the clock only every 256 items, and says "due" only once the slice is used up', () => {
    const turns = new HostTurns();
    busy(SLICE_MS + 10);
    const due = Array.from({ length: 512 }, () => turns.due());
    // The slice is used up from the start, yet only the 256th and 512th calls read the clock.
    expect(due.flatMap((d, i) => (d ? [i + 1] : []))).toEqual([256, 512]);
  });

  it('the loop of a manual HostTurns gives the host turns too', async () => {
    const { turns } = await turnsDuring(async () => {
      const t = new HostTurns();
      for (let i = 0; i < 1024; i++) {
        if (t.due()) await t.take();
        busy(0.5);
      }
    });
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
