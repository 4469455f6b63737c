/**
 * The members list's gender total (issue 12 loose ends): members whose gender is not known at the
 * province (an office's file left it out) are counted apart, never as men or women, and a list
 * where no gender is known says "thiếu dữ liệu" rather than "0 nữ".
 */
import { describe, expect, it } from 'vitest';
import { MASS } from '../../../renderer/src/features/mass-orgs/texts';
import { genderTotals } from '../../../shared/domain/mass-org-members-list';

describe('the members gender total', () => {
  it('counts women, and the members whose gender is not known apart', () => {
    expect(MASS.genderTotal(genderTotals([{ gender: 'nu' }, { gender: 'nam' }]))).toBe('1 nữ');
    expect(MASS.genderTotal(genderTotals([{ gender: 'nu' }, { gender: null }, { gender: null }, { gender: 'nam' }]))).toBe(
      '1 nữ, 2 không rõ',
    );
    expect(MASS.genderTotal(genderTotals([{ gender: null }, { gender: null }]))).toBe('thiếu dữ liệu');
    expect(MASS.genderTotal(genderTotals([]))).toBe('0 nữ');
    expect(genderTotals([{ gender: null }, { gender: 'nam' }])).toEqual({ women: 0, men: 1, unknown: 1, total: 2 });
  });
});
