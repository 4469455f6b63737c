// The benches' one deterministic random generator. A 32-bit xorshift-multiply generator ("mulberry"
// style): the state is a uint32 advanced by a fixed odd constant (a Weyl sequence, so the state
// only returns to a value after exactly 2^32 steps), and each output is that state mixed by two
// 32-bit multiplies (Math.imul keeps every product exact in 32 bits, unlike the old LCG computed
// in doubles, whose `seed * 1_103_515_245` lost bits past 2^53 and cycled after ~10.500 draws).
const STEP = 0x6d2b79f5;

/** A generator over one uint32 state; `state()` exposes it (the unit test checks it never repeats). */
export function createRng(seed = 20_221_231) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + STEP) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    /** A float in [0, 1). */
    next,
    /** An integer in [lo, hi], both ends included. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element of a non-empty array. */
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    state: () => s,
    reseed: (x) => {
      s = x >>> 0;
    },
  };
}
