/**
 * Sibling names (shared/domain/unit-tree.ts sameUnitName, exactNameKey): diacritics are part of a
 * unit's name — Xã Hoằng Phụ and Xã Hoằng Phú are two communes — while case, spacing, Unicode form
 * and a name typed with no diacritics at all still count as the same name.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactNameKey, sameUnitName } from '../../../shared/domain/unit-tree';
import { foldVietnamese } from '../../../shared/lib/text';

describe('sameUnitName', () => {
  it('keeps names that differ only in their diacritics apart', () => {
    expect(foldVietnamese('Xã Hoằng Phụ')).toBe(foldVietnamese('Xã Hoằng Phú'));
    expect(sameUnitName('Xã Hoằng Phụ', 'Xã Hoằng Phú')).toBe(false);
    expect(sameUnitName('Thôn Phú', 'Thôn Phụ')).toBe(false);
  });

  it('treats case, spacing, Unicode form and a name without diacritics as the same name', () => {
    for (const other of ['thôn 1', 'THÔN 1', '  Thôn   1 ', 'Thôn 1'.normalize('NFD'), 'Thon 1', 'thon 1']) {
      expect(sameUnitName('Thôn 1', other)).toBe(true);
      expect(sameUnitName(other, 'Thôn 1')).toBe(true);
    }
    expect(sameUnitName('Xã Hoằng Phụ', 'Xa Hoang Phu')).toBe(true);
    expect(sameUnitName('Thôn 1', 'Thôn 2')).toBe(false);
  });

  it('is symmetric, reflexive, and implies equal folded names', () => {
    const word = fc.constantFrom('Thôn', 'Thon', 'Phú', 'Phụ', 'Phu', 'Đông', 'Dong', 'khu', 'KHU', '1', ' ');
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameUnitName(a, b)).toBe(sameUnitName(b, a));
        expect(sameUnitName(a, a)).toBe(true);
        if (sameUnitName(a, b)) expect(foldVietnamese(a)).toBe(foldVietnamese(b));
        if (exactNameKey(a) === exactNameKey(b)) expect(sameUnitName(a, b)).toBe(true);
      }),
    );
  });
});
