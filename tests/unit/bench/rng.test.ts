// The benches' generator (bench/support/rng.mjs) must not repeat: the old LCG in doubles cycled after
// about 10.500 draws, so a "600.000-row" bench held a few thousand distinct rows.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../bench/support/rng.mjs';

describe('bench generator', () => {
  it('does not revisit a state within 1.000.000 draws and stays in [0, 1)', () => {
    const rng = createRng(20_221_231);
    const seen = new Set<number>();
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = rng.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      seen.add(rng.state());
    }
    expect(seen.size).toBe(1_000_000);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(lo).toBeLessThan(1e-4);
    expect(hi).toBeGreaterThan(1 - 1e-4);
  });

  it('gives as many distinct (date, unit) pairs in 600.000 rows as a uniform draw', () => {
    const rng = createRng(20_221_231);
    const DAYS = 3_600;
    const UNITS = 18;
    const ROWS = 600_000;
    const pairs = new Set<number>();
    for (let i = 0; i < ROWS; i++) pairs.add(rng.int(0, DAYS - 1) * UNITS + rng.int(0, UNITS - 1));
    // Expected distinct cells when ROWS balls fall uniformly into K cells: K (1 - (1 - 1/K)^ROWS).
    const K = DAYS * UNITS;
    const expected = K * (1 - Math.pow(1 - 1 / K, ROWS));
    expect(Math.abs(pairs.size - expected) / expected).toBeLessThan(0.005);
  });

  it('is deterministic per seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
  });
});
