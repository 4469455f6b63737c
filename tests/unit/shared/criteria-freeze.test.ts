/**
 * Freezing a result (shared/domain/criteria/freeze.ts) and the pure hash under it: a frozen record
 * is a sealed deep copy of the result and its inputs; editing a 2025 incident after freezing 2025
 * changes the live result but not the frozen one; any alteration of the stored record is detected.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { compareWithFrozen, freezeResult, verifyFrozen } from '../../../shared/domain/criteria/freeze';
import { canonicalJson, fnv1a64, hashOf } from '../../../shared/domain/criteria/hash';
import { KDC, passingKdc, passingXa, XA } from './criteria-fixtures';

/** Reference FNV-1a 64 with BigInt over TextEncoder bytes, to check the limb arithmetic. */
function referenceFnv(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('hash', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference on any text, Vietnamese and astral characters included', () => {
    expect(fnv1a64('Thôn Đông — Khu dân cư "An toàn về ANTT" 🇻🇳')).toBe(referenceFnv('Thôn Đông — Khu dân cư "An toàn về ANTT" 🇻🇳'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(fnv1a64(s)).toBe(referenceFnv(s));
      }),
    );
  });

  it('canonical JSON ignores key order and undefined properties, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(hashOf({ a: 1, b: 2 })).toBe(hashOf({ b: 2, a: 1 }));
    expect(hashOf({ a: 1, b: 2 })).not.toBe(hashOf({ a: 1, b: 3 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow();
    // a "__proto__" key read from a file stays data
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
  });
});

describe('freezing', () => {
  it('stores the result with its rule set version, settings and inputs, sealed', () => {
    const f = passingKdc();
    const r = evaluate(KDC, f);
    const frozen = freezeResult(r, f);
    expect(frozen).toMatchObject({ format: 'antq.frozen-result', formatVersion: 1, unitId: f.unitId, year: 2025 });
    expect(frozen.result).toEqual(r);
    expect(frozen.facts).toEqual(f);
    expect(frozen.result.ruleSets[0]).toMatchObject({ id: 'tt124-khu-dan-cu', version: '2022-02-10' });
    expect(frozen.result.settings).toEqual({ reducedMeans: 'lte', subunitPool: 'pooled' });
    expect(frozen.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(verifyFrozen(frozen)).toBe(true);
    // a stored record read back from JSON still verifies
    expect(verifyFrozen(JSON.parse(JSON.stringify(frozen)) as typeof frozen)).toBe(true);
  });

  it('after freezing 2025, editing a 2025 incident changes the live result, not the frozen one', () => {
    const facts2025 = passingKdc();
    const frozen = freezeResult(evaluate(KDC, facts2025), facts2025);
    // later: a serious crime of 2025 is entered and the live view is recomputed
    facts2025.incidents!.byCategory.toi_pham_nghiem_trong = {
      count: 1,
      sources: [{ kind: 'incident', id: 'late', label: 'Cố ý gây thương tích ngày 02/10/2025' }],
    };
    const live = evaluate(KDC, facts2025);
    expect(live.overall).toBe('chua_dat');
    expect(frozen.result.overall).toBe('dat');
    expect(frozen.facts.incidents!.byCategory.toi_pham_nghiem_trong).toBeUndefined();
    expect(verifyFrozen(frozen)).toBe(true);
    expect(compareWithFrozen(frozen, live)).toEqual([
      {
        ruleId: null,
        frozen: 'dat',
        live: 'chua_dat',
        text: 'Kết quả chung: đã chốt "Đạt", hiện tính lại là "Chưa đạt".',
      },
      { ruleId: 'KDC-4b', frozen: 'dat', live: 'khong_dat', text: 'KDC-4b: đã chốt "Đạt", hiện tính lại là "Không đạt".' },
    ]);
    expect(compareWithFrozen(frozen, evaluate(KDC, frozen.facts))).toEqual([]);
  });

  it('editing the rule set later does not reach the frozen result, and the live result names the new version', () => {
    const f = passingXa();
    const frozen = freezeResult(evaluate(XA, f), f);
    const edited = structuredClone(XA);
    edited.version = '2026-01-01';
    edited.rules = edited.rules.filter((r) => r.id !== 'XA-1c');
    const live = evaluate(edited, f);
    expect(frozen.result.ruleSets[0]!.version).toBe('2022-02-10');
    expect(live.ruleSets[0]!.hash).not.toBe(frozen.result.ruleSets[0]!.hash);
    expect(frozen.result.rules.some((r) => r.ruleId === 'XA-1c')).toBe(true);
    expect(compareWithFrozen(frozen, live).map((d) => d.text)).toEqual([
      'XA-1c: có trong kết quả đã chốt, không còn trong bộ tiêu chí hiện hành.',
    ]);
  });

  it('an override is frozen with its reason, who and when', () => {
    const f = passingKdc();
    f.attestations['KDC-2'] = { value: false, by: 'Cán bộ A', on: '2025-11-01' };
    const ov = { verdict: 'dat' as const, reason: 'Hội nghị xét duyệt kết luận đã khắc phục', by: 'Chủ tịch UBND xã', on: '2025-11-14' };
    const frozen = freezeResult(evaluate(KDC, f, undefined, { 'KDC-2': ov }), f);
    const rule = frozen.result.rules.find((r) => r.ruleId === 'KDC-2')!;
    expect(rule).toMatchObject({ verdict: 'dat', computedVerdict: 'khong_dat', override: ov });
  });

  it('detects any alteration of a stored record', () => {
    const f = passingKdc();
    const frozen = freezeResult(evaluate(KDC, f), f);
    const tampered = structuredClone(frozen);
    tampered.result.rules[3]!.verdict = 'khong_dat';
    expect(verifyFrozen(tampered)).toBe(false);
    const tamperedFacts = structuredClone(frozen);
    tamperedFacts.facts.households = { registered: 1, residing: 212 };
    expect(verifyFrozen(tamperedFacts)).toBe(false);
    expect(verifyFrozen({ ...frozen, hash: '0000000000000000' })).toBe(false);
  });

  it('refuses to freeze a result with facts of another unit or year', () => {
    const f = passingKdc();
    const r = evaluate(KDC, f);
    expect(() => freezeResult(r, { ...f, year: 2024 })).toThrow('không cùng đơn vị, cùng năm');
    expect(() => freezeResult(r, passingKdc('kdc-tay', 'Thôn Tây'))).toThrow('không cùng đơn vị, cùng năm');
  });
});
