/**
 * The freeze encodes each subject's result and facts once (Buffer.from) and hashes and MACs those
 * bytes (issue 16): `sealedRow(…, utf8)` must give the frozen result's own hash and content, and the
 * row MAC over `contentUtf8` must be the MAC of the content string — on generated facts of every
 * shipped rule set, with names holding quotes, U+2028, emoji, backslashes and lone surrogates.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { freezeResult, sealedRow } from '../../../shared/domain/criteria/freeze';
import { RuleTextList } from '../../../shared/domain/criteria/frozen-texts';
import { fnv1a64, fnv1a64Utf8 } from '../../../shared/domain/criteria/hash';
import type { RuleSet } from '../../../shared/domain/criteria/ruleset';
import type { EvaluatedKind } from '../../../shared/domain/criteria/vocabulary';
import { rowMac } from '../../../electron/backend/seal/mac';
import { CQ, GD, KDC, PROVINCE_EXTRA, XA } from '../shared/criteria-fixtures';
import { factsArb, settingsArb } from '../shared/criteria-arbitraries';

const CASES: readonly { name: string; kind: EvaluatedKind; sets: RuleSet[] }[] = [
  { name: 'khu dân cư', kind: 'khu_dan_cu', sets: [KDC, PROVINCE_EXTRA] },
  { name: 'xã', kind: 'xa', sets: [XA] },
  { name: 'doanh nghiệp', kind: 'doanh_nghiep', sets: [CQ] },
  { name: 'cơ sở giáo dục', kind: 'co_so_giao_duc', sets: [GD] },
];

const oddName = fc.constantFrom('Thôn "Đông"', 'Tổ 1\u2028Khu 2', 'Xóm 🌾 Bãi', 'Ấp\\Tây', 'Lẻ \ud800 nửa', 'Khu dân cư số 7');
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const key = crypto.randomBytes(32);

describe.each(CASES.map((c) => [c.name, c] as const))('sealedRow from UTF-8 bytes = from the text: %s', (_n, { kind, sets }) => {
  it('same content, stored form, hash; the MAC over the bytes is the MAC of the content', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(factsArb(kind, sets), oddName), { minLength: 1, maxLength: 3 }), settingsArb, (rows, s) => {
        const asText = new RuleTextList();
        const asBytes = new RuleTextList();
        rows.forEach(([f, name], i) => {
          const facts = { ...f, unitId: `${name}-${i}`, unitName: name };
          const result = evaluate(sets, facts, s);
          const a = sealedRow(result, facts, asText);
          const b = sealedRow(result, facts, asBytes, utf8);
          expect(a.contentUtf8).toBeUndefined();
          expect(b.content).toBe(a.content);
          expect(b.stored).toBe(a.stored);
          expect(b.hash).toBe(freezeResult(result, facts).hash);
          expect(Buffer.concat(b.contentUtf8!).equals(Buffer.from(b.content, 'utf8'))).toBe(true);
          const input = {
            freezeId: 'f-1',
            year: 2025,
            subjectType: 'unit',
            subjectId: facts.unitId,
            overall: b.overall,
            content: b.content,
          };
          expect(rowMac(key, input, b.contentUtf8)).toBe(rowMac(key, input));
        });
        expect(asBytes.texts).toEqual(asText.texts);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fnv1a64Utf8', () => {
  it('equals fnv1a64 on any text without a lone surrogate, in any split of its bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(), (s, cut) => {
        const bytes = utf8(s);
        const at = bytes.length ? cut % (bytes.length + 1) : 0;
        expect(fnv1a64Utf8([bytes.subarray(0, at), bytes.subarray(at)])).toBe(fnv1a64(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('JSON text never holds a lone surrogate, so the hash of its bytes is the hash of the text', () => {
    const s = JSON.stringify({ name: 'a\ud800b\udc00c', emoji: '😀' });
    expect(fnv1a64Utf8([utf8(s)])).toBe(fnv1a64(s));
    // The raw string differs (an encoder writes U+FFFD for the lone surrogate): why only JSON is passed as bytes.
    expect(fnv1a64Utf8([utf8('a\ud800b')])).not.toBe(fnv1a64('a\ud800b'));
  });
});
