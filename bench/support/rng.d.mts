// Types of bench/support/rng.mjs, for the unit test that checks it.
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  state(): number;
  reseed(seed: number): void;
}
export function createRng(seed?: number): Rng;
