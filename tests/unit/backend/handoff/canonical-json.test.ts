import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, parseCanonicalJson } from '../../../../electron/backend/handoff/canonical-json';

const enc = (s: string) => new TextEncoder().encode(s);

describe('canonicalJson (RFC 8785)', () => {
  it('writes numbers as ECMAScript does (RFC 8785 appendix B examples)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e30, '1e+30'],
      [4.5, '4.5'],
      [0.002, '0.002'],
      [1e-7, '1e-7'],
      [1e-27, '1e-27'],
      [333333333.3333333, '333333333.3333333'],
      [100, '100'],
      [-1.5, '-1.5'],
      [9007199254740991, '9007199254740991'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [295147905179352830000, '295147905179352830000'],
      [0.000001, '0.000001'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
  });

  it('sorts member names by UTF-16 code units, recursively, without whitespace', () => {
    // The RFC 8785 §3.2.3 example: sorted as "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const out = canonicalJson(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    let last = -1;
    for (const k of order) {
      const at = out.indexOf(`"${k}":`);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: true })).toBe('{"a":true,"b":[3,{"a":null,"z":1}]}');
    // U+FB33 (one code unit) sorts after the surrogate pair of U+1F600, although its code point is smaller.
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  it('escapes strings like the RFC: short forms, lowercase \\u00xx, nothing else', () => {
    expect(canonicalJson('\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
    expect(canonicalJson('\b\t\n\f\r\u001f')).toBe('"\\b\\t\\n\\f\\r\\u001f"');
    expect(canonicalJson('Công an xã')).toBe('"Công an xã"');
  });

  it('refuses what JSON cannot hold or RFC 8785 forbids', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const bad: unknown[] = [
      NaN,
      Infinity,
      -Infinity,
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      new Date(0),
      new Uint8Array(1),
      new Map(),
      { a: undefined },
      cyclic,
      '\ud800',
      'x\udc00',
      new Array<number>(3),
    ];
    for (const v of bad) expect(() => canonicalJson(v), String(typeof v)).toThrow(CanonicalJsonError);
    // The same object twice (not a cycle) is fine.
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('parseCanonicalJson accepts only the canonical bytes', () => {
    expect(parseCanonicalJson(enc('{"a":1,"b":[true,null]}'))).toEqual({ a: 1, b: [true, null] });
    for (const text of [
      '{"b":1,"a":2}',
      '{"a": 1}',
      '{"a":1.0}',
      '{"a":1,"a":1}',
      '\ufeff{"a":1}',
      '{"a":"\\u0041"}',
      '{"a":1e2}',
      'nope',
      '',
    ]) {
      expect(parseCanonicalJson(enc(text)), text).toBeNull();
    }
    expect(parseCanonicalJson(new Uint8Array([0x22, 0xff, 0x22]))).toBeNull();
  });
});
