import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { massOrgsSentence, modelsSentence, organizationsSentence, percentVi, territorySentence } from '../../../shared/domain/overview';
import { EMPTY_MODELS } from '../../support/empty-figures';

describe('percentVi', () => {
  it('writes one decimal with a comma, rounded half up on the exact fraction', () => {
    expect(percentVi(7288, 10546)).toBe('69,1%');
    expect(percentVi(16, 25)).toBe('64,0%');
    expect(percentVi(1, 8)).toBe('12,5%');
    expect(percentVi(1, 3)).toBe('33,3%');
    expect(percentVi(2, 3)).toBe('66,7%');
    expect(percentVi(0, 5)).toBe('0,0%');
    expect(percentVi(3, 0)).toBeNull();
  });

  it('is between 0 and 100 for parts of a whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (whole, frac) => {
        const part = Math.floor(whole * frac);
        const value = Number(percentVi(part, whole)!.replace('%', '').replace(',', '.'));
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
        expect(Math.abs(value - (part / whole) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });
});

describe('sentences', () => {
  it('says the Sa Pa model figures the way the report does', () => {
    expect(
      // Sa Pa: 14 models of 14 types (tests/fixtures/sapa.ts), none replicated or retired.
      modelsSentence({
        modelTypes: 14,
        models: 14,
        sites: 88,
        teams: 90,
        members: 600,
        newModels: 3,
        newSites: 38,
        replicated: 0,
        retired: 0,
        effective: 15,
        exemplary: 4,
      }),
    ).toBe(
      'Hiện nay trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
    );
  });

  it('says the Hà Nội mass-organisation figures with thousands separators', () => {
    expect(massOrgsSentence({ organizations: 10546, members: 135716, effective: 7288, byKind: [] })).toBe(
      'Trên địa bàn có 10.546 tổ chức quần chúng với 135.716 thành viên, trong đó có 7.288/10.546 tổ chức (69,1%) được đánh giá là hoạt động hiệu quả, hoàn thành tốt nhiệm vụ được giao.',
    );
  });

  it('does not invent figures when there is nothing', () => {
    expect(massOrgsSentence({ organizations: 0, members: 0, effective: 0, byKind: [] })).toBe(
      'Chưa có tổ chức quần chúng nào trong danh sách.',
    );
    expect(modelsSentence(EMPTY_MODELS)).toBe('Chưa có mô hình nào trong danh sách.');
    expect(massOrgsSentence({ organizations: 12, members: 60, effective: 0, byKind: [] })).toBe(
      'Trên địa bàn có 12 tổ chức quần chúng với 60 thành viên.',
    );
  });

  it('words territory and organisation figures', () => {
    expect(
      territorySentence({ communes: 18, residentialAreas: 212, households: 32104, residents: 120550, unitsWithFigures: 18, trongDiem: 2 }),
    ).toBe('Địa bàn có 18 xã, phường và 212 khu dân cư với 32.104 hộ, 120.550 nhân khẩu; 2 xã trọng điểm, phức tạp về an ninh, trật tự.');
    expect(territorySentence({ communes: 1, residentialAreas: 0, households: 0, residents: 0, unitsWithFigures: 0, trongDiem: 0 })).toBe(
      'Địa bàn có 1 xã, phường và 0 khu dân cư.',
    );
    expect(
      organizationsSentence({
        total: 5,
        byKind: { co_quan: 2, doanh_nghiep: 2, co_so_giao_duc: 1 },
        eligible: 3,
        ineligible: 1,
        incomplete: 1,
      }),
    ).toBe(
      'Trên địa bàn có 5 cơ quan, doanh nghiệp, cơ sở giáo dục (2 cơ quan, 2 doanh nghiệp, 1 cơ sở giáo dục), trong đó 3 đơn vị thuộc đối tượng đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"; 1 đơn vị cần bổ sung thông tin để xác định.',
    );
  });
});
