/**
 * Vietnamese text helpers (shared/lib/text.ts): folding for diacritic- and case-insensitive
 * search, word matching, and the collation used wherever an order is shown to people.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, compareVietnamese, foldVietnamese, matchesQuery, sortVietnamese } from '../../../shared/lib/text';

/** Letters an office types: every Vietnamese vowel with every tone, both cases, plus đ/Đ. */
const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const VI_CHARS = [...new Set([...VI_LOWER, ...VI_LOWER.toUpperCase()])];
const EXTRA = [' ', '  ', '\t', '\n', '\u00a0', '0', '1', '2', '9', '-', '.', '/', ',', '(', ')'];

/** Vietnamese-looking text, sometimes decomposed (NFD), as pasted from other programs. */
const vietnameseText = fc
  .tuple(
    fc.array(fc.constantFrom(...VI_CHARS, ...EXTRA), { maxLength: 40 }),
    fc.constantFrom<'NFC' | 'NFD' | 'NFKC' | 'none'>('NFC', 'NFD', 'NFKC', 'none'),
  )
  .map(([chars, form]) => (form === 'none' ? chars.join('') : chars.join('').normalize(form)));

/** Any Unicode at all, including lone surrogates and combining marks on their own. */
const anyText = fc.string({ unit: 'binary', maxLength: 30 });

const COMBINING_MARK = /\p{M}/u;

describe('foldVietnamese', () => {
  it.each([
    ['Thôn 3', 'thon 3'],
    ['Hà Nội', 'ha noi'],
    ['ĐỒNG TÂM', 'dong tam'],
    ['đường Điện Biên Phủ', 'duong dien bien phu'],
    ['Xã Gia Hưng', 'xa gia hung'],
    ['Phường Phan Si Păng', 'phuong phan si pang'],
    ['Ấp Mỹ Hòa', 'ap my hoa'],
    ['Buôn Ma Thuột', 'buon ma thuot'],
    ['Tổ dân phố số 7', 'to dan pho so 7'],
    ['  Thôn   3  ', 'thon 3'],
    ['Thôn\t3\nBắc', 'thon 3 bac'],
    ['Thôn\u00a03', 'thon 3'],
    ['', ''],
    ['   ', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  // foldVietnamese takes texts of printable ASCII and precomposed Vietnamese letters one character
  // at a time (its fast path); every other text goes through the five passes. Both must agree with
  // the five passes, written out here.
  const reference = (text: string): string =>
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/đ/g, 'd')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\s+/g, ' ')
      .trim();

  it('folds every character (each of the 65.536 UTF-16 units, between letters and spaces) as the five passes do', () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = ` a${String.fromCharCode(c)}  B${String.fromCharCode(c)} `;
      expect(foldVietnamese(text)).toBe(reference(text));
    }
  });

  it('property: equals the five passes on Vietnamese text (fast path) and on any Unicode', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => foldVietnamese(text) === reference(text)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => foldVietnamese(text) === reference(text)),
      {
        numRuns: 2000,
      },
    );
    const long = 'Phòng, chống tội phạm  '.repeat(600);
    expect(foldVietnamese(long)).toBe(reference(long));
  });

  it('folds decomposed (NFD) input the same as precomposed (NFC)', () => {
    for (const name of ['Thôn 3', 'Hà Nội', 'ĐỒNG TÂM', 'Xã Gia Hưng', 'Phường Phan Si Păng', 'Ỹ ỵ Ữ']) {
      const nfd = name.normalize('NFD');
      expect(nfd).not.toBe(name); // the test would be empty if the forms were equal
      expect(foldVietnamese(nfd)).toBe(foldVietnamese(name));
    }
  });

  it('folds a tone mark typed after the vowel (o + U+0302 + U+0300) like the precomposed letter', () => {
    expect(foldVietnamese('Tho\u0302\u0300n')).toBe('thon');
    expect(foldVietnamese('D\u0300')).toBe('d');
  });

  it('keeps digits and punctuation, only folding letters', () => {
    expect(foldVietnamese('Khu phố 5/12 (cũ)')).toBe('khu pho 5/12 (cu)');
  });

  it('property: folding is idempotent (Vietnamese text)', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const once = foldVietnamese(s);
        expect(foldVietnamese(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: folding is idempotent (any Unicode)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = foldVietnamese(s);
        expect(foldVietnamese(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: folded Vietnamese text has no combining marks, no upper case, no đ, no outer or double spaces', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const f = foldVietnamese(s);
        expect(COMBINING_MARK.test(f)).toBe(false);
        expect(f).toBe(f.toLowerCase());
        expect(/\p{Lu}/u.test(f)).toBe(false);
        expect(f).not.toMatch(/[đĐ]/);
        expect(f).toBe(f.trim());
        expect(f).not.toMatch(/\s\s/);
        expect(f).not.toMatch(/[\t\n\u00a0]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: folded Vietnamese text is plain ASCII when the input letters are Vietnamese', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(foldVietnamese(s)).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: fold(NFD(x)) === fold(NFC(x)) for any Unicode', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), (s) => {
        expect(foldVietnamese(s.normalize('NFD'))).toBe(foldVietnamese(s.normalize('NFC')));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: case does not matter', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(foldVietnamese(s.toUpperCase())).toBe(foldVietnamese(s.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('matchesQuery', () => {
  it.each([
    ['Thôn 3', 'thon 3'],
    ['Thôn 3', 'THÔN 3'],
    ['Thôn 3', 'Thôn 3'.normalize('NFD')],
    ['Thành phố Hà Nội', 'ha noi'],
    ['Thành phố Hà Nội', 'noi ha'],
    ['Thành phố Hà Nội', 'pho  thanh'],
    ['Xã Gia Hòa', 'gia h'],
    ['Xã Gia Hòa', 'hoa'],
    ['Đồng Tâm', 'dong'],
    ['Đồng Tâm', 'đồng'],
    ['Thị trấn Thịnh Vượng', 'vuo thi'],
  ])('%j matches %j', (text, query) => {
    expect(matchesQuery(text, query)).toBe(true);
  });

  it.each([
    ['Thôn 3', 'thon 4'],
    ['Thành phố Hà Nội', 'ha noi x'],
    ['Xã Gia Hòa', 'hung'],
    ['Thôn 3', 'thon 3 bac'],
  ])('%j does not match %j', (text, query) => {
    expect(matchesQuery(text, query)).toBe(false);
  });

  it('an empty or blank query matches everything', () => {
    expect(matchesQuery('Thôn 3', '')).toBe(true);
    expect(matchesQuery('Thôn 3', '   ')).toBe(true);
    expect(matchesQuery('', '')).toBe(true);
  });

  it('a non-empty query does not match empty text', () => {
    expect(matchesQuery('', 'a')).toBe(false);
  });

  it('property: any text matches itself', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), (s) => {
        expect(matchesQuery(s, s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: word order of the query does not matter', () => {
    const word = fc.array(fc.constantFrom(...VI_CHARS), { minLength: 1, maxLength: 6 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), vietnameseText, (words, text) => {
        const forward = matchesQuery(text, words.join(' '));
        const backward = matchesQuery(text, [...words].reverse().join(' '));
        expect(backward).toBe(forward);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: the folded text matches the original query and vice versa', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(matchesQuery(foldVietnamese(s), s)).toBe(true);
        expect(matchesQuery(s, foldVietnamese(s))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compareVietnamese / sortVietnamese', () => {
  const names = (list: string[]) => sortVietnamese(list, (s) => s);

  // Checked against Intl.Collator('vi') (ICU): ă and â are letters after a, đ after d,
  // ô and ơ after o, ư after u; tone marks alone do not change the order (sensitivity 'base').
  it('orders a < ă < â, d < đ, o < ô < ơ, u < ư as in the Vietnamese alphabet', () => {
    expect(names(['Ấp', 'Ăn', 'An'])).toEqual(['An', 'Ăn', 'Ấp']);
    expect(names(['Đông', 'Dương', 'Đa', 'Dz'])).toEqual(['Dương', 'Dz', 'Đa', 'Đông']);
    expect(names(['Ơ', 'Ô', 'O'])).toEqual(['O', 'Ô', 'Ơ']);
    expect(names(['Ưa', 'Ư', 'Uy', 'U'])).toEqual(['U', 'Uy', 'Ư', 'Ưa']);
  });

  it('puts whole words in alphabet order: Bản after Ấp, Đông after Dương, Ông after Ong', () => {
    expect(names(['Đông', 'Bản', 'Dương', 'Ấp', 'Cầu'])).toEqual(['Ấp', 'Bản', 'Cầu', 'Dương', 'Đông']);
    expect(names(['Ông Ích Khiêm', 'Ong Vàng'])).toEqual(['Ong Vàng', 'Ông Ích Khiêm']);
  });

  it('compares numbers as numbers: Thôn 2 before Thôn 10', () => {
    expect(compareVietnamese('Thôn 2', 'Thôn 10')).toBeLessThan(0);
    expect(compareVietnamese('Thôn 10', 'Thôn 2')).toBeGreaterThan(0);
    expect(names(['Thôn 10', 'Thôn 1', 'Thôn 2', 'Thôn 9', 'Thôn 11'])).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 9', 'Thôn 10', 'Thôn 11']);
  });

  it('ignores case and tone-only differences (base sensitivity)', () => {
    expect(compareVietnamese('Thôn 1', 'thôn 1')).toBe(0);
    expect(compareVietnamese('Hòa', 'Hoa')).toBe(0);
    expect(compareVietnamese('a', 'á')).toBe(0);
  });

  it('treats decomposed and precomposed spellings as equal', () => {
    expect(compareVietnamese('Đồng Tâm'.normalize('NFD'), 'Đồng Tâm')).toBe(0);
  });

  it('sortVietnamese returns a new sorted array by key and leaves the input alone', () => {
    const input = [{ n: 'Xã Gia Xuân' }, { n: 'Thị trấn Thịnh Vượng' }, { n: 'Xã Gia Hòa' }] as const;
    const copy = [...input];
    const out = sortVietnamese(input, (x) => x.n);
    expect(out.map((x) => x.n)).toEqual(['Thị trấn Thịnh Vượng', 'Xã Gia Hòa', 'Xã Gia Xuân']);
    expect(out).not.toBe(input);
    expect([...input]).toEqual(copy);
  });

  it('property: compareVietnamese is antisymmetric and a sort is a permutation in order', () => {
    fc.assert(
      fc.property(fc.array(vietnameseText, { maxLength: 15 }), (list) => {
        const sorted = sortVietnamese(list, (s) => s);
        expect([...sorted].sort()).toEqual([...list].sort());
        for (let i = 1; i < sorted.length; i++) {
          expect(compareVietnamese(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
        }
        for (const a of list.slice(0, 4)) {
          for (const b of list.slice(0, 4)) {
            expect(Math.sign(compareVietnamese(a, b))).toBe(-Math.sign(compareVietnamese(b, a)) || 0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanText', () => {
  it.each([
    ['  Thôn   3  ', 'Thôn 3'],
    ['Thôn\t3\n', 'Thôn 3'],
    ['', ''],
    ['   ', ''],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('normalises to NFC but keeps case and diacritics', () => {
    const nfd = 'Xã Gia Hưng'.normalize('NFD');
    const out = cleanText(nfd);
    expect(out).toBe('Xã Gia Hưng');
    expect(out).toBe(out.normalize('NFC'));
    expect(out.length).toBeLessThan(nfd.length);
  });

  it('property: cleanText is idempotent and its result is NFC, trimmed, single-spaced', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const c = cleanText(s);
        expect(cleanText(c)).toBe(c);
        expect(c).toBe(c.normalize('NFC'));
        expect(c).toBe(c.trim());
        expect(c).not.toMatch(/\s\s/);
        expect(foldVietnamese(c)).toBe(foldVietnamese(s));
      }),
      { numRuns: 1000 },
    );
  });
});
