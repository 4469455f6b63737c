/**
 * Issue 14 item 6 (renderer/src/components/importedSpan.ts): after an import, the period filter
 * moves to the whole years of the rows written when they fall outside it, and stays when they do
 * not; a one-year list moves to the latest year written.
 */
import { describe, expect, it } from 'vitest';
import { periodShowing, yearShowing } from '../../../renderer/src/components/importedSpan';

const Y2026 = { from: '2026-01-01', to: '2026-12-31' };

describe('periodShowing', () => {
  it('keeps a period that already covers the rows written', () => {
    expect(periodShowing(Y2026, { from: '2026-03-10', to: '2026-11-30' })).toBeNull();
    expect(periodShowing({ from: null, to: null }, { from: '2012-01-05', to: '2026-01-01' })).toBeNull();
    expect(periodShowing({ from: null, to: '2026-12-31' }, { from: '2015-06-01', to: '2016-01-01' })).toBeNull();
  });

  it('moves to the whole years of rows outside it, even partly outside', () => {
    expect(periodShowing(Y2026, { from: '2025-02-03', to: '2025-11-30' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodShowing(Y2026, { from: '2025-06-01', to: '2026-03-01' })).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    // Awards count on 31/12 of their year.
    expect(periodShowing(Y2026, { from: '2024-12-31', to: '2024-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodShowing({ from: '2026-03-01', to: null }, { from: '2026-02-28', to: '2026-02-28' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });
});

describe('yearShowing', () => {
  it('keeps a year among those written, else the latest written', () => {
    expect(yearShowing(2024, { from: '2023-12-31', to: '2025-12-31' })).toBeNull();
    expect(yearShowing(2026, { from: '2019-12-31', to: '2021-12-31' })).toBe(2021);
    expect(yearShowing(null, { from: '2019-12-31', to: '2019-12-31' })).toBe(2019);
  });
});
