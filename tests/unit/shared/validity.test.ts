/** The one "is this row valid in this period" test (shared/lib/validity.ts): inclusive ends, open ends. */
import { describe, expect, it } from 'vitest';
import { validDuring, validInYear, validOn } from '../../../shared/lib/validity';
import { activeOn, existedInYear } from '../../../shared/domain/lineage';
import { activeInYear } from '../../../shared/domain/organizations';
import { spanOverlaps } from '../../../shared/domain/models';

const row = (validFrom: string | null, validTo: string | null) => ({ id: 'x', validFrom, validTo });

describe('validDuring', () => {
  it('counts both ends of the row and of the period, and treats null as open', () => {
    expect(validDuring(row('2025-07-01', null), '2025-01-01', '2025-06-30')).toBe(false);
    expect(validDuring(row('2025-07-01', null), '2025-01-01', '2025-07-01')).toBe(true);
    expect(validDuring(row(null, '2025-06-30'), '2025-06-30', '2025-12-31')).toBe(true);
    expect(validDuring(row(null, '2025-06-30'), '2025-07-01', '2025-12-31')).toBe(false);
    expect(validDuring(row(null, null), '1990-01-01', '1990-01-01')).toBe(true);
    expect(validOn(row('2025-07-01', '2025-07-01'), '2025-07-01')).toBe(true);
    expect(validInYear(row('2025-12-31', null), 2025)).toBe(true);
    expect(validInYear(row('2026-01-01', null), 2025)).toBe(false);
  });

  it('is what the former copies now delegate to, with the same answers', () => {
    const cases: [string | null, string | null, number][] = [
      [null, null, 2025],
      ['2025-07-01', null, 2025],
      ['2026-01-01', null, 2025],
      [null, '2024-12-31', 2025],
      [null, '2025-01-01', 2025],
    ];
    for (const [from, to, year] of cases) {
      const expected = validInYear(row(from, to), year);
      expect(existedInYear(row(from, to), year)).toBe(expected);
      expect(activeInYear(from, to, year)).toBe(expected);
      expect(activeOn(row(from, to), `${year}-07-01`)).toBe(validOn(row(from, to), `${year}-07-01`));
      if (from !== null) expect(spanOverlaps({ from, to }, { from: `${year}-01-01`, to: `${year}-12-31` })).toBe(expected);
    }
  });
});
