/**
 * The Vietnamese sort key's fast path (shared/lib/sort-key.ts): a text of printable ASCII and
 * precomposed Vietnamese letters is keyed one character at a time; every text must get the key the
 * normalising path gives it — the key stored in the lists' columns and compared with the keys SQL
 * computes (vi_sort_key), so a difference would misplace a row.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { vietnameseSortKey, vietnameseSortKeySlow } from '../../../shared/lib/sort-key';

const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz';
const VI_CHARS = [...new Set([...VI_LOWER, ...VI_LOWER.toUpperCase()])];
// Printable ASCII (digits, punctuation, signs), and characters the fast path must leave to the slow one:
// other white space, decomposed tones, letters outside Vietnamese, a sign beyond the table.
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const OTHER = ['\t', '\n', '\u00a0', 'a\u0301', 'o\u0302\u0303', '\u0301', 'ß', 'İ', 'ð', 'æ', 'Ω', '€', '😀', '０'];

describe('vietnameseSortKey', () => {
  it('keys every text as the normalising path does (fast path and fallback)', () => {
    const common = fc.string({ unit: fc.constantFrom(...VI_CHARS, ...ASCII, '0', '0', '00', '007'), maxLength: 40 });
    const mixed = fc.string({ unit: fc.constantFrom(...VI_CHARS, ...ASCII, ...OTHER), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(common, mixed), (s) => vietnameseSortKey(s) === vietnameseSortKeySlow(s)),
      { numRuns: 3000 },
    );
  });

  it('keys numbers by length then digits, zeros dropped, and tones ignored', () => {
    expect(vietnameseSortKey('Thôn 007')).toBe(vietnameseSortKeySlow('Thôn 007'));
    expect(vietnameseSortKey('Thôn 2') < vietnameseSortKey('Thôn 10')).toBe(true);
    expect(vietnameseSortKey('Thôn 000')).toBe(vietnameseSortKey('Thôn 0'));
    expect(vietnameseSortKey('Tuyên truyền')).toBe(vietnameseSortKey('tuyen truyen'.replace('e', 'ê').replace('ye', 'yề')));
    expect(vietnameseSortKey('Ấp Đông')).toBe(vietnameseSortKeySlow('Ấp Đông'));
    expect(vietnameseSortKey('a\u0301')).toBe(vietnameseSortKey('á'));
  });
});
