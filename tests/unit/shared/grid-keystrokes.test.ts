/**
 * What the fast-entry grid reads from typed and pasted text (shared/lib/tsv.ts): clipboard blocks
 * from spreadsheets, counts written the Vietnamese way, yes/no cells, short dates, and the
 * type-ahead that lets a few letters without diacritics stand for a label — the savings that make
 * the grid need fewer keystrokes than a spreadsheet.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ChoiceIndex,
  formatCount,
  isCellBlock,
  parseCount,
  parseDateCell,
  parseTsv,
  parseYearCell,
  parseYesNo,
  toTsv,
} from '../../../shared/lib/tsv';
import { formatIntVi } from '../../../shared/lib/numbers';
import { PROPAGANDA_FORM_LABELS } from '../../../shared/domain/activities';

describe('parseTsv', () => {
  it('splits rows on line breaks and cells on tabs, ignoring the final line break', () => {
    expect(parseTsv('05/03/2026\tXã Gia Hòa\t1.250\r\n06/03/2026\tXã Gia Hưng\t80\r\n')).toEqual([
      ['05/03/2026', 'Xã Gia Hòa', '1.250'],
      ['06/03/2026', 'Xã Gia Hưng', '80'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('keeps empty cells, including leading and trailing ones', () => {
    expect(parseTsv('\tb\t\n\t\t\n')).toEqual([
      ['', 'b', ''],
      ['', '', ''],
    ]);
  });

  it('reads Excel quoting: tabs, line breaks and doubled quotes inside a quoted cell', () => {
    expect(parseTsv('"Hội nghị ""Công an lắng nghe"""\t"dòng 1\ndòng 2"\tx\n')).toEqual([
      ['Hội nghị "Công an lắng nghe"', 'dòng 1\ndòng 2', 'x'],
    ]);
    expect(parseTsv('"a\tb"\tc')).toEqual([['a\tb', 'c']]);
  });

  it('keeps a quote that is not Excel quoting as text', () => {
    expect(parseTsv('"Ngày hội" toàn dân\t2')).toEqual([['"Ngày hội" toàn dân', '2']]);
    expect(parseTsv('5" màn hình\tx')).toEqual([['5" màn hình', 'x']]);
    expect(parseTsv('"không đóng\tx')).toEqual([['"không đóng', 'x']]);
  });

  it('gives nothing for empty text, one cell for a single value', () => {
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('abc')).toEqual([['abc']]);
    expect(parseTsv('abc\r\n')).toEqual([['abc']]);
  });

  it('round-trips any block written by toTsv (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ă', 'Đ', ' ', '\t', '\n', '\r', '"', '1', '.') });
    const block = fc
      .integer({ min: 1, max: 4 })
      .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(block, (rows) => {
        // A last row of one empty cell cannot be told from the final line break spreadsheets add.
        const last = rows[rows.length - 1]!;
        fc.pre(!(last.length === 1 && last[0] === ''));
        expect(parseTsv(toTsv(rows))).toEqual(rows);
      }),
    );
  });

  it('tells blocks from single values', () => {
    expect(isCellBlock('a\tb')).toBe(true);
    expect(isCellBlock('a\r\n')).toBe(true);
    expect(isCellBlock('Xã Gia Hòa')).toBe(false);
  });
});

describe('parseCount', () => {
  it('reads Vietnamese, plain, spaced and English-grouped numbers', () => {
    for (const [text, value] of [
      ['51.511', 51511],
      ['51511', 51511],
      ['51 511', 51511],
      ['51\u00a0511', 51511],
      ['51,511', 51511],
      ['1.250', 1250],
      ['1.000.000', 1_000_000],
      ['0', 0],
      ['', 0],
      ['  ', 0],
    ] as const) {
      expect(parseCount(text, 'Lượt người')).toEqual({ ok: true, value });
    }
  });

  it('refuses decimals, bad grouping, negatives and words with a Vietnamese message', () => {
    for (const text of ['1,5', '1.5', '12.34', '1.2345', 'abc', '12a', '1..000']) {
      const r = parseCount(text, 'Lượt người');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain('không phải số nguyên');
    }
    expect(parseCount('-3', 'Tờ rơi')).toEqual({ ok: false, error: 'Tờ rơi không được âm.' });
  });

  it('reads back every number it formats (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
        expect(parseCount(formatIntVi(n), 'x')).toEqual({ ok: true, value: n });
        expect(parseCount(String(n), 'x')).toEqual({ ok: true, value: n });
        expect(formatCount(String(n), 'x')).toBe(formatIntVi(n));
      }),
    );
  });

  it('formats a typed count once the cell is left, and leaves bad text as typed', () => {
    expect(formatCount('1250', 'x')).toBe('1.250');
    expect(formatCount('', 'x')).toBe('');
    expect(formatCount('1,5', 'x')).toBe('1,5');
  });
});

describe('parseYesNo', () => {
  it('accepts c/k, x, 1/0, có/không with or without diacritics', () => {
    for (const t of ['c', 'C', 'x', 'X', '1', 'có', 'Có', 'co', 'CÓ'])
      expect(parseYesNo(t, 'Có giá trị')).toEqual({ ok: true, value: true });
    for (const t of ['k', 'K', '0', 'không', 'Không', 'khong', '']) expect(parseYesNo(t, 'Có giá trị')).toEqual({ ok: true, value: false });
  });

  it('refuses anything else', () => {
    const r = parseYesNo('có lẽ', 'Có giá trị');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('Có giá trị: gõ "c" (có) hoặc "k" (không), không nhận "có lẽ".');
  });
});

describe('parseDateCell', () => {
  it('reads full and short dates; d/M takes the year given (the row above)', () => {
    expect(parseDateCell('05/03/2026', 'Ngày', 2020)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell('5/3/2026', 'Ngày', 2020)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell('5/3', 'Ngày', 2025)).toEqual({ ok: true, value: '2025-03-05' });
    expect(parseDateCell('5/3/26', 'Ngày', 2020)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell('5.3.2026', 'Ngày', 2020)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell('5-3', 'Ngày', 2024)).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateCell('2026-03-05', 'Ngày', 2020)).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell(' 29/2 ', 'Ngày', 2024)).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDateCell('', 'Ngày', 2024)).toEqual({ ok: true, value: null });
  });

  it('refuses days that do not exist and other shapes, in Vietnamese', () => {
    expect(parseDateCell('31/02/2026', 'Ngày', 2026)).toEqual({ ok: false, error: 'Ngày: ngày 31/02/2026 không có thật.' });
    expect(parseDateCell('29/2', 'Ngày', 2026)).toEqual({ ok: false, error: 'Ngày: ngày 29/02/2026 không có thật.' });
    expect(parseDateCell('32/1', 'Ngày', 2026).ok).toBe(false);
    expect(parseDateCell('5/13/2026', 'Ngày', 2026).ok).toBe(false);
    const r = parseDateCell('hôm qua', 'Ngày', 2026);
    expect(r).toEqual({ ok: false, error: 'Ngày: "hôm qua" không đúng dạng ngày/tháng/năm (ví dụ 05/03/2026 hoặc 5/3).' });
  });

  it('agrees with the full form for every real day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseDateCell(`${Number(day)}/${Number(m)}`, 'Ngày', Number(y))).toEqual({ ok: true, value: iso });
        expect(parseDateCell(`${day}/${m}/${y}`, 'Ngày', 2000)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe('parseYearCell', () => {
  it('reads four or two digits', () => {
    expect(parseYearCell('2026', 'Năm')).toEqual({ ok: true, value: 2026 });
    expect(parseYearCell('26', 'Năm')).toEqual({ ok: true, value: 2026 });
    expect(parseYearCell('', 'Năm')).toEqual({ ok: true, value: null });
    expect(parseYearCell('năm nay', 'Năm').ok).toBe(false);
  });
});

describe('ChoiceIndex (type-ahead)', () => {
  const units = new ChoiceIndex([
    { value: 'root', label: 'Huyện Gia Viễn', keys: ['373'] },
    { value: 'hoa', label: 'Xã Gia Hòa', keys: ['14467', 'Huyện Gia Viễn Xã Gia Hòa'] },
    { value: 'hung', label: 'Xã Gia Hưng', keys: ['14470', 'Huyện Gia Viễn Xã Gia Hưng'] },
    { value: 'me', label: 'Thị trấn Me', keys: ['14431'] },
    { value: 't1', label: 'Thôn 1 (Xã Gia Hòa)', keys: [] },
  ]);

  it('finds labels without diacritics and case, word starts before other matches', () => {
    expect(units.resolve('hung')?.value).toBe('hung');
    expect(units.resolve('gia hoa')?.value).toBe('hoa');
    expect(units.resolve('GIA HƯNG')?.value).toBe('hung');
    expect(units.resolve('me')?.value).toBe('me');
    expect(units.resolve('thon 1')?.value).toBe('t1');
  });

  it('finds units by official code, and an exact label before a longer one', () => {
    expect(units.resolve('14470')?.value).toBe('hung');
    expect(units.resolve('Xã Gia Hòa')?.value).toBe('hoa');
  });

  it('ranks exact, then prefix, then word starts, then anywhere; keeps list order among equals', () => {
    expect(units.search('gia').map((c) => c.value)).toEqual(['root', 'hoa', 'hung', 't1']);
    expect(units.search('xa gia').map((c) => c.value)).toEqual(['hoa', 'hung', 't1']);
    expect(units.search('ung').map((c) => c.value)).toEqual(['hung']);
  });

  it('gives null when nothing matches, and every choice for an empty query', () => {
    expect(units.resolve('ha noi')).toBeNull();
    expect(units.resolve('  ')).toBeNull();
    expect(units.search('', 3)).toHaveLength(3);
  });

  it('lets one or two letters pick each propaganda form', () => {
    const forms = new ChoiceIndex(Object.entries(PROPAGANDA_FORM_LABELS).map(([value, label]) => ({ value, label })));
    expect(forms.resolve('t')?.value).toBe('truc_tiep');
    expect(forms.resolve('loa')?.value).toBe('loa_truyen_thanh');
    expect(forms.resolve('to')?.value).toBe('to_roi');
    expect(forms.resolve('mang')?.value).toBe('mang_xa_hoi');
    expect(forms.resolve('phim')?.value).toBe('chieu_phim');
  });

  it('resolves every label to its own choice (property over the real enum labels)', () => {
    const labels = Object.entries(PROPAGANDA_FORM_LABELS);
    const forms = new ChoiceIndex(labels.map(([value, label]) => ({ value, label })));
    for (const [value, label] of labels) {
      expect(forms.resolve(label)?.value).toBe(value);
      expect(forms.resolve(label.toUpperCase())?.value).toBe(value);
    }
  });
});
