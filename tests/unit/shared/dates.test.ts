/**
 * Calendar dates (shared/lib/dates.ts): ISO yyyy-MM-dd across the boundary, dd/MM/yyyy for people,
 * the Vietnamese calendar day of an instant, and effective-date intervals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareIsoDates, formatDateVi, isActiveOn, isValidIsoDate, parseDateVi, vietnamDateOf } from '../../../shared/lib/dates';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Any real calendar day the app accepts (years 1900–2200). */
const realDate = fc
  .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) })
  .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));

describe('isValidIsoDate', () => {
  it.each([
    '2024-02-29', // leap year
    '2000-02-29', // divisible by 400
    '2025-02-28',
    '2025-07-01',
    '2025-12-31',
    '2025-01-31',
    '2025-04-30',
    '1900-01-01',
    '2200-12-31',
  ])('accepts %s', (d) => {
    expect(isValidIsoDate(d)).toBe(true);
  });

  it.each([
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not 400
    '2100-02-29',
    '2025-02-30',
    '2025-04-31',
    '2025-06-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '1899-12-31',
    '2201-01-01',
    '2025-1-01',
    '2025-01-1',
    '25-01-01',
    ' 2025-01-01',
    '2025-01-01 ',
    '2025-01-01T00:00:00Z',
    '2025/01/01',
    '01/01/2025',
    '',
    '２０２５-01-01', // full-width digits: \d matches ASCII digits only
  ])('refuses %j', (d) => {
    expect(isValidIsoDate(d)).toBe(false);
  });

  it('property: agrees with the UTC calendar for every y/m/d in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const asDate = new Date(Date.UTC(y, m - 1, d));
        const real = asDate.getUTCMonth() === m - 1 && asDate.getUTCDate() === d;
        expect(isValidIsoDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(real);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatDateVi', () => {
  it('writes dd/MM/yyyy', () => {
    expect(formatDateVi('2025-07-01')).toBe('01/07/2025');
    expect(formatDateVi('2024-12-31')).toBe('31/12/2024');
  });

  it('uses the date part of a timestamp', () => {
    expect(formatDateVi('2026-11-22T03:00:00.000Z')).toBe('22/11/2026');
  });

  it('is empty for a missing date and returns unknown text unchanged', () => {
    expect(formatDateVi(null)).toBe('');
    expect(formatDateVi(undefined)).toBe('');
    expect(formatDateVi('')).toBe('');
    expect(formatDateVi('không rõ')).toBe('không rõ');
  });
});

describe('parseDateVi', () => {
  it.each([
    ['1/7/2025', '2025-07-01'],
    ['01/07/2025', '2025-07-01'],
    ['  01/07/2025 ', '2025-07-01'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/2200', '2200-12-31'],
    ['1/1/1900', '1900-01-01'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDateVi(text)).toBe(iso);
  });

  it.each([
    '31/02/2025',
    '29/02/2025',
    '31/04/2025',
    '0/7/2025',
    '1/0/2025',
    '1/13/2025',
    '32/1/2025',
    '1/7/25',
    '001/07/2025',
    '1/7/12025',
    '2025-07-01',
    '1-7-2025',
    '1.7.2025',
    '1/7/1899',
    '',
    'hôm nay',
  ])('refuses %j', (text) => {
    expect(parseDateVi(text)).toBeNull();
  });

  it('property: parseDateVi(formatDateVi(iso)) === iso for every real date', () => {
    fc.assert(
      fc.property(realDate, (iso) => {
        expect(isValidIsoDate(iso)).toBe(true);
        const shown = formatDateVi(iso);
        expect(shown).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        expect(parseDateVi(shown)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: unpadded day and month read the same as padded ones', () => {
    fc.assert(
      fc.property(realDate, (iso) => {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        expect(parseDateVi(`${d}/${m}/${y}`)).toBe(iso);
        expect(formatDateVi(parseDateVi(`${d}/${m}/${y}`))).toBe(formatDateVi(iso));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('vietnamDateOf (UTC+7, no daylight saving)', () => {
  it.each([
    ['2026-11-21T17:30:00Z', '2026-11-22'],
    ['2026-11-21T16:59:59.999Z', '2026-11-21'],
    ['2026-11-21T17:00:00.000Z', '2026-11-22'],
    ['2026-11-22T03:00:00Z', '2026-11-22'],
    ['2024-12-31T17:00:00Z', '2025-01-01'], // new year
    ['2024-02-28T17:00:00Z', '2024-02-29'], // leap day
    ['2025-06-30T17:00:00Z', '2025-07-01'], // the reform's effective date
    ['2026-07-01T12:00:00Z', '2026-07-01'], // summer: no daylight saving shift
  ])('%s is %s in Vietnam', (instant, day) => {
    expect(vietnamDateOf(new Date(instant))).toBe(day);
  });

  it('does not depend on the machine time zone (same as shifting UTC by 7 h)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const d = new Date(ms);
        const expected = new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
        expect(vietnamDateOf(d)).toBe(expected);
        expect(isValidIsoDate(vietnamDateOf(d))).toBe(true);
      }),
    );
  });
});

describe('compareIsoDates / isActiveOn', () => {
  it('compares ISO dates in calendar order', () => {
    expect(compareIsoDates('2025-07-01', '2025-07-02')).toBe(-1);
    expect(compareIsoDates('2025-07-02', '2025-07-01')).toBe(1);
    expect(compareIsoDates('2025-07-01', '2025-07-01')).toBe(0);
    expect(compareIsoDates('2024-12-31', '2025-01-01')).toBe(-1);
  });

  it('is active on both end days of the interval, and not outside it', () => {
    expect(isActiveOn('2025-07-01', '2025-12-31', '2025-07-01')).toBe(true);
    expect(isActiveOn('2025-07-01', '2025-12-31', '2025-12-31')).toBe(true);
    expect(isActiveOn('2025-07-01', '2025-12-31', '2025-09-15')).toBe(true);
    expect(isActiveOn('2025-07-01', '2025-12-31', '2025-06-30')).toBe(false);
    expect(isActiveOn('2025-07-01', '2025-12-31', '2026-01-01')).toBe(false);
  });

  it('an open end (null) means still active from the start on', () => {
    expect(isActiveOn('2025-07-01', null, '2099-01-01')).toBe(true);
    expect(isActiveOn('2025-07-01', null, '2025-07-01')).toBe(true);
    expect(isActiveOn('2025-07-01', null, '2025-06-30')).toBe(false);
  });

  it('a one-day interval is active that day only', () => {
    expect(isActiveOn('2025-07-01', '2025-07-01', '2025-07-01')).toBe(true);
    expect(isActiveOn('2025-07-01', '2025-07-01', '2025-07-02')).toBe(false);
  });

  it('property: isActiveOn agrees with compareIsoDates', () => {
    fc.assert(
      fc.property(realDate, fc.option(realDate, { nil: null }), realDate, (from, to, on) => {
        const expected = compareIsoDates(from, on) <= 0 && (to === null || compareIsoDates(on, to) <= 0);
        expect(isActiveOn(from, to, on)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
