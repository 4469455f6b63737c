/**
 * The seal's canonical JSON and FNV-1a were made cheaper for the freeze (issue 16): canonicalJson
 * writes plain data through a key-sorted copy and JSON.stringify instead of a replacer, and fnv1a64
 * keeps its state in two 32-bit halves. A frozen row's hash and content must not change by one
 * character, so each is compared here with the reference it replaced: the replacer version
 * (canonicalJsonByReplacer, kept as the fallback) and the former four-limb FNV-1a (copied below).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NOT_PLAIN, canonicalCopy, canonicalJson, canonicalJsonByReplacer, fnv1a64 } from '../../../shared/domain/criteria/hash';

/** The FNV-1a 64 of shared/domain/criteria/hash.ts before issue 16's freeze work, unchanged. */
function fnvFourLimbs(text: string): string {
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    let n: number;
    if (cp < 0x80) {
      bytes[0] = cp;
      n = 1;
    } else if (cp < 0x800) {
      bytes[0] = 0xc0 | (cp >> 6);
      bytes[1] = 0x80 | (cp & 0x3f);
      n = 2;
    } else if (cp < 0x10000) {
      bytes[0] = 0xe0 | (cp >> 12);
      bytes[1] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[2] = 0x80 | (cp & 0x3f);
      n = 3;
    } else {
      bytes[0] = 0xf0 | (cp >> 18);
      bytes[1] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[2] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[3] = 0x80 | (cp & 0x3f);
      n = 4;
    }
    for (let j = 0; j < n; j++) {
      v0 ^= bytes[j]!;
      const t0 = v0 * 0x1b3;
      const t1 = v1 * 0x1b3 + (t0 >>> 16);
      const t2 = v2 * 0x1b3 + v0 * 0x100 + (t1 >>> 16);
      const t3 = v3 * 0x1b3 + v1 * 0x100 + (t2 >>> 16);
      v0 = t0 & 0xffff;
      v1 = t1 & 0xffff;
      v2 = t2 & 0xffff;
      v3 = t3 & 0xffff;
    }
  }
  const hex = (x: number) => x.toString(16).padStart(4, '0');
  return `${hex(v3)}${hex(v2)}${hex(v1)}${hex(v0)}`;
}

/** Either text, or the message it throws. */
const outcome = (f: () => string): string => {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
};

/** Keys that test the ordering: integer-like ("0", "10", "2", "4294967294", "4294967295"), "__proto__", "toJSON", Vietnamese, emoji. */
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'toJSON', 'Điều', 'điều', '😀', ''),
);
const leaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }), // any UTF-16 code units, lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.double(), // NaN and ±Infinity included: both refuse them with the same message
  fc.integer(),
  fc.constant(-0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: false }),
  ),
}));

describe('canonicalJson: the copy-and-stringify path writes what the replacer wrote', () => {
  it('on generated values: same text, or the same error', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => canonicalJsonByReplacer(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('JSON.parse of the text, written again, is the text (the stored form is made from that copy)', () => {
    fc.assert(
      fc.property(value, (v) => {
        let copy: unknown;
        try {
          copy = canonicalCopy(v);
        } catch {
          copy = NOT_PLAIN; // a non-finite number: refused, as the first property shows
        }
        fc.pre(copy !== NOT_PLAIN && copy !== undefined);
        const text = JSON.stringify(copy);
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
        expect(text).toBe(canonicalJsonByReplacer(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('what is not plain data goes to the reference and gives its text or its error', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const withToJson = { b: 1, a: { toJSON: () => ({ z: 1, y: [new Date(0)] }) } };
    const arrayWithToJson = Object.assign([1, 2], { toJSON: () => 'array' });
    const cases: unknown[] = [
      { d: new Date(86_400_000), a: 1 },
      withToJson,
      arrayWithToJson,
      { p: new Point(2, 1) },
      [Object(1), Object('s'), Object(true)],
      { f: () => 1 },
      [() => 1],
      { s: Symbol('s') },
      { n: 10n },
      Number.NaN,
      { x: [Infinity] },
      undefined,
      () => 1,
      JSON.parse('{"__proto__": {"b": 1, "a": 2}, "a": 1}'),
      { 10: 'ten', 2: 'two', b: 'b', a: 'a', '01': 'zero-one' },
    ];
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = { next: deep, i };
    cases.push(deep);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    cases.push(cyclic);
    for (const c of cases) expect(outcome(() => canonicalJson(c))).toBe(outcome(() => canonicalJsonByReplacer(c)));
    expect(canonicalJson({ 10: 'ten', 2: 'two', b: 'b', a: 'a' })).toBe('{"2":"two","10":"ten","a":"a","b":"b"}');
    expect(canonicalCopy(new Date(0))).toBe(NOT_PLAIN);
  });
});

describe('fnv1a64: two 32-bit halves give the four-limb result', () => {
  it('on any UTF-16 text (lone and paired surrogates, every UTF-8 length)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ unit: 'grapheme', maxLength: 64 }), fc.string()),
        (s) => {
          expect(fnv1a64(s)).toBe(fnvFourLimbs(s));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('on known values and long Vietnamese text', () => {
    // FNV-1a 64 test vectors: "" and "a".
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    const text = 'Thôn Đệm, Xã Gia Hòa: "Kết quả đã chốt" 😀 \ud800 '.repeat(2000);
    expect(fnv1a64(text)).toBe(fnvFourLimbs(text));
  });
});
