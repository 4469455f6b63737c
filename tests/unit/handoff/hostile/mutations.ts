/**
 * Reproducible random damage to a valid hand-off file (issue 12 item 11, the mutation test): bit
 * flips (one to eight bits anywhere), truncations (at any length, or at a 512-byte block boundary),
 * and extensions (random bytes, zero blocks, a copy of the file's own tail). A seeded PRNG
 * (mulberry32) makes run N of seed S the same bytes every time, so a failure names its mutation.
 */

export type MutationKind = 'flip' | 'truncate' | 'truncate-block' | 'extend-random' | 'extend-zero' | 'extend-tail';

export interface Mutation {
  index: number;
  kind: MutationKind;
  /** What was done, for a failure message ("flip bits 3,7 at 1234"). */
  what: string;
  bytes: Buffer;
}

/** mulberry32: a small, fast 32-bit PRNG; good enough to pick offsets, not for cryptography. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BLOCK = 512;

function mutate(base: Buffer, index: number, rnd: () => number): Mutation {
  const int = (n: number) => Math.floor(rnd() * n);
  const r = rnd();
  if (r < 0.6) {
    const out = Buffer.from(base);
    const count = 1 + int(r < 0.45 ? 1 : 8);
    const spots: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = int(out.length);
      const bit = int(8);
      out[at] = out[at]! ^ (1 << bit);
      spots.push(`${at}.${bit}`);
    }
    // Two flips of the same bit cancel: flip one more so the file always differs.
    if (out.equals(base)) {
      out[0] = out[0]! ^ 1;
      spots.push('0.0');
    }
    return { index, kind: 'flip', what: `flip ${spots.join(' ')}`, bytes: out };
  }
  if (r < 0.72) {
    const at = int(base.length);
    return { index, kind: 'truncate', what: `truncate to ${at}`, bytes: base.subarray(0, at) };
  }
  if (r < 0.8) {
    const at = int(base.length / BLOCK) * BLOCK;
    return { index, kind: 'truncate-block', what: `truncate to block ${at / BLOCK}`, bytes: base.subarray(0, at) };
  }
  if (r < 0.9) {
    const n = 1 + int(2048);
    const extra = Buffer.alloc(n);
    for (let i = 0; i < n; i++) extra[i] = int(256);
    return { index, kind: 'extend-random', what: `append ${n} random bytes`, bytes: Buffer.concat([base, extra]) };
  }
  if (r < 0.95) {
    const n = (1 + int(4)) * BLOCK;
    return { index, kind: 'extend-zero', what: `append ${n} zero bytes`, bytes: Buffer.concat([base, Buffer.alloc(n)]) };
  }
  const n = 1 + int(Math.min(base.length, 4096));
  return {
    index,
    kind: 'extend-tail',
    what: `append its own last ${n} bytes`,
    bytes: Buffer.concat([base, base.subarray(base.length - n)]),
  };
}

/** `count` mutations of `base`, the same for the same seed. */
export function* mutations(base: Buffer, seed: number, count: number, from = 0): Generator<Mutation> {
  const rnd = prng(seed);
  for (let i = 0; i < from + count; i++) {
    const m = mutate(base, i, rnd);
    if (i >= from) yield m;
  }
}
