/**
 * Organisations (shared/domain/organizations.ts): TT124 eligibility, the Decree 80/2021 Art. 5
 * size classes at every ceiling, three-valued handling of missing inputs, record consistency and
 * duplicate detection.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CO_QUAN_SUB_KINDS,
  CO_SO_GIAO_DUC_SUB_KINDS,
  DOANH_NGHIEP_SUB_KINDS,
  ELIGIBILITY_LABELS,
  EXCLUDED_SCHOOL_LEVELS,
  MANAGING_LEVEL_LABELS,
  MANAGING_LEVELS,
  MICRO_CEILINGS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  ORG_LIST_STATUSES,
  ORG_LIST_STATUS_LABELS,
  ORG_SUB_KINDS,
  SECTOR_GROUPS,
  SECTOR_GROUP_LABELS,
  SMALL_CEILINGS,
  SUB_KINDS_BY_KIND,
  SUB_KIND_LABELS,
  activeInYear,
  checkOrgFacts,
  enterpriseSize,
  findOrgDuplicate,
  isMicro,
  isSmallOrMicro,
  isSubKindOf,
  isValidOrgCode,
  orgEligibility,
  orgEligibilityStatus,
  type EnterpriseSizeInputs,
  type OrgFacts,
  type OrgIdentity,
  type SectorGroup,
} from '../../../shared/domain/organizations';
import { isVietnameseMessage } from '../../support/vietnamese';

const AGRI: SectorGroup = 'nong_lam_thuy_san_cong_nghiep_xay_dung';
const TRADE: SectorGroup = 'thuong_mai_dich_vu';

function size(
  sectorGroup: SectorGroup | null,
  insuredEmployees: number | null,
  revenueBillion: number | null,
  capitalBillion: number | null,
): EnterpriseSizeInputs {
  return { sectorGroup, insuredEmployees, revenueBillion, capitalBillion };
}

function enterprise(inputs: EnterpriseSizeInputs, extra: Partial<OrgFacts> = {}) {
  return orgEligibility({ kind: 'doanh_nghiep', subKind: 'tu_nhan', isArmedForces: false, ...inputs, ...extra });
}

/**
 * An independent, literal transcription of Decree 80/2021 Art. 5 for complete inputs, to compare
 * the three-valued implementation against: "không quá E người và doanh thu không quá R hoặc
 * nguồn vốn không quá C".
 */
function referenceSmallOrMicro(g: SectorGroup, e: number, r: number, c: number): { micro: boolean; small: boolean } {
  const micro = g === AGRI ? e <= 10 && (r <= 3 || c <= 3) : e <= 10 && (r <= 10 || c <= 3);
  const small = g === AGRI ? e <= 100 && (r <= 50 || c <= 20) : e <= 50 && (r <= 100 || c <= 50);
  return { micro, small: small || micro };
}

describe('enums and labels', () => {
  it('sub-kinds belong to their kind, and the union lists each value once', () => {
    expect(new Set(ORG_SUB_KINDS).size).toBe(ORG_SUB_KINDS.length);
    const union = new Set<string>([...CO_QUAN_SUB_KINDS, ...DOANH_NGHIEP_SUB_KINDS, ...CO_SO_GIAO_DUC_SUB_KINDS]);
    expect(new Set(ORG_SUB_KINDS)).toEqual(union);
    for (const kind of ORG_KINDS) {
      for (const sub of SUB_KINDS_BY_KIND[kind]) expect(isSubKindOf(kind, sub)).toBe(true);
    }
    expect(isSubKindOf('co_quan', 'tieu_hoc')).toBe(false);
    expect(isSubKindOf('co_so_giao_duc', 'tu_nhan')).toBe(false);
    expect(isSubKindOf('doanh_nghiep', 'khac')).toBe(true);
  });

  it('every value has a Vietnamese label, unique within its list', () => {
    const lists: Record<string, string>[] = [
      ORG_KIND_LABELS,
      MANAGING_LEVEL_LABELS,
      SECTOR_GROUP_LABELS,
      ELIGIBILITY_LABELS,
      ORG_LIST_STATUS_LABELS,
      ...ORG_KINDS.map((k) => SUB_KIND_LABELS[k] as Record<string, string>),
    ];
    for (const labels of lists) {
      const values = Object.values(labels);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) expect(v.trim().length).toBeGreaterThan(0);
    }
    for (const kind of ORG_KINDS) expect(Object.keys(SUB_KIND_LABELS[kind]).sort()).toEqual([...SUB_KINDS_BY_KIND[kind]].sort());
    expect(Object.keys(MANAGING_LEVEL_LABELS)).toEqual([...MANAGING_LEVELS]);
    expect(Object.keys(SECTOR_GROUP_LABELS)).toEqual([...SECTOR_GROUPS]);
    expect(Object.keys(ORG_LIST_STATUS_LABELS)).toEqual([...ORG_LIST_STATUSES]);
  });

  it('the ceilings are those of Decree 80/2021 Art. 5', () => {
    expect(MICRO_CEILINGS[AGRI]).toEqual({ employees: 10, revenueBillion: 3, capitalBillion: 3 });
    expect(MICRO_CEILINGS[TRADE]).toEqual({ employees: 10, revenueBillion: 10, capitalBillion: 3 });
    expect(SMALL_CEILINGS[AGRI]).toEqual({ employees: 100, revenueBillion: 50, capitalBillion: 20 });
    expect(SMALL_CEILINGS[TRADE]).toEqual({ employees: 50, revenueBillion: 100, capitalBillion: 50 });
  });
});

describe('Decree 80/2021 Art. 5 boundaries — agriculture, forestry, fishery, industry, construction', () => {
  const big = 1000;
  it.each([
    // employees ceiling of micro (10 / 11), with revenue within the micro ceiling
    [10, 3, big, 'sieu_nho'],
    [11, 3, big, 'nho'],
    // revenue ceiling of micro (3 / 3.01 / 3.001), capital above every ceiling
    [10, 3, big, 'sieu_nho'],
    [10, 3.01, big, 'nho'],
    [10, 3.001, big, 'nho'],
    // capital ceiling of micro (3 / 3.01), revenue above every ceiling
    [10, big, 3, 'sieu_nho'],
    [10, big, 3.01, 'nho'],
    // "doanh thu ... hoặc nguồn vốn": one of the two within the ceiling suffices
    [10, 2, big, 'sieu_nho'],
    [10, big, 2, 'sieu_nho'],
    [10, 3.01, 3.01, 'nho'],
    // small: employees 100 / 101
    [100, 50, big, 'nho'],
    [101, 50, big, 'khong_nho'],
    [101, 0, 0, 'khong_nho'],
    // small: revenue 50 / 50.01 and capital 20 / 20.01
    [100, 50.01, big, 'khong_nho'],
    [100, big, 20, 'nho'],
    [100, big, 20.01, 'khong_nho'],
    [100, 50.01, 20, 'nho'],
    [100, 50, 20.01, 'nho'],
    [100, 50.01, 20.01, 'khong_nho'],
    [0, 0, 0, 'sieu_nho'],
  ] as const)('%s employees, revenue %s bn, capital %s bn → %s', (e, r, c, expected) => {
    expect(enterpriseSize(size(AGRI, e, r, c))).toBe(expected);
    const ref = referenceSmallOrMicro(AGRI, e, r, c);
    expect(ref.micro ? 'sieu_nho' : ref.small ? 'nho' : 'khong_nho').toBe(expected);
  });
});

describe('Decree 80/2021 Art. 5 boundaries — trade and services', () => {
  const big = 1000;
  it.each([
    [10, 10, big, 'sieu_nho'],
    [11, 10, big, 'nho'],
    [10, 10.01, big, 'nho'],
    [10, 3.01, big, 'sieu_nho'], // 3 bn is the ceiling of the other group only
    [10, big, 3, 'sieu_nho'],
    [10, big, 3.01, 'nho'],
    [10, 10.01, 3.01, 'nho'],
    [50, 100, big, 'nho'],
    [51, 100, big, 'khong_nho'],
    [51, 0, 0, 'khong_nho'],
    [50, 100.01, big, 'khong_nho'],
    [50, big, 50, 'nho'],
    [50, big, 50.01, 'khong_nho'],
    [50, 100.01, 50.01, 'khong_nho'],
    [60, 5, 5, 'khong_nho'], // would be small in the other group (≤ 100 employees)
  ] as const)('%s employees, revenue %s bn, capital %s bn → %s', (e, r, c, expected) => {
    expect(enterpriseSize(size(TRADE, e, r, c))).toBe(expected);
    const ref = referenceSmallOrMicro(TRADE, e, r, c);
    expect(ref.micro ? 'sieu_nho' : ref.small ? 'nho' : 'khong_nho').toBe(expected);
  });

  it('fractional annual averages of employees are compared as they are (10,5 > 10)', () => {
    expect(enterpriseSize(size(TRADE, 10.5, 1, 1))).toBe('nho');
    expect(enterpriseSize(size(TRADE, 50.5, 1, 1))).toBe('khong_nho');
    expect(enterpriseSize(size(AGRI, 100.01, 1, 1))).toBe('khong_nho');
  });
});

describe('missing inputs are not guessed', () => {
  it('nothing entered → size cannot be determined; not counted as eligible', () => {
    const e = enterprise(size(null, null, null, null));
    expect(e).toMatchObject({ eligible: false, status: 'incomplete' });
    expect(e.reason).toMatch(/chưa đủ thông tin để xác định quy mô/i);
    expect(e.reason).toContain('số lao động tham gia bảo hiểm xã hội bình quân năm');
    expect(e.reason).toContain('lĩnh vực hoạt động');
  });

  it('decides whenever every possible value of the missing inputs gives the same answer', () => {
    // 250 insured employees is above both small ceilings whatever the rest.
    expect(enterpriseSize(size(null, 250, null, null))).toBe('khong_nho');
    // Revenue and capital above every ceiling: not small even without the number of employees.
    expect(enterpriseSize(size(null, null, 200, 200))).toBe('khong_nho');
    // 5 employees and 2 bn capital are micro in both sector groups.
    expect(enterpriseSize(size(null, 5, null, 2))).toBe('sieu_nho');
    // 5 employees, 8 bn revenue: micro in trade, small in agriculture → small or micro either way.
    expect(enterpriseSize(size(null, 5, 8, null))).toBe('nho_hoac_sieu_nho');
    expect(enterprise(size(null, 5, 8, null))).toMatchObject({ eligible: false, status: 'ineligible' });
  });

  it('is incomplete exactly when the missing inputs could change the answer', () => {
    expect(enterpriseSize(size(AGRI, 5, null, null))).toBe('chua_xac_dinh');
    expect(enterpriseSize(size(AGRI, null, 1, 1))).toBe('chua_xac_dinh');
    expect(enterpriseSize(size(AGRI, 80, 60, null))).toBe('chua_xac_dinh');
    expect(enterpriseSize(size(AGRI, 80, 40, null))).toBe('nho');
    // 60 employees: small in agriculture, not small in trade → the sector decides.
    expect(enterpriseSize(size(null, 60, 5, 5))).toBe('chua_xac_dinh');
    const e = enterprise(size(null, 60, 5, 5));
    expect(e.status).toBe('incomplete');
    expect(e.reason).toContain('lĩnh vực hoạt động');
    expect(e.reason).not.toContain('số lao động');
  });
});

const sector = fc.constantFrom<SectorGroup>(AGRI, TRADE);
// Values around every ceiling, plus arbitrary ones.
const boundaryNumber = fc.oneof(
  fc.constantFrom(0, 2, 3, 3.001, 3.01, 5, 10, 10.01, 11, 20, 20.01, 49, 50, 50.01, 51, 99, 100, 100.01, 101, 200, 1e6),
  fc.double({ min: 0, max: 500, noNaN: true }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const partialInputs = fc.record({
  sectorGroup: maybe(sector),
  insuredEmployees: maybe(boundaryNumber),
  revenueBillion: maybe(boundaryNumber),
  capitalBillion: maybe(boundaryNumber),
});

/** Every completion of the missing inputs with extreme values (the rules are monotone). */
function completions(i: EnterpriseSizeInputs): EnterpriseSizeInputs[] {
  const sectors: SectorGroup[] = i.sectorGroup ? [i.sectorGroup] : [AGRI, TRADE];
  const numbers = (v: number | null) => (v === null ? [0, 1e9] : [v]);
  const out: EnterpriseSizeInputs[] = [];
  for (const g of sectors)
    for (const e of numbers(i.insuredEmployees))
      for (const r of numbers(i.revenueBillion)) for (const c of numbers(i.capitalBillion)) out.push(size(g, e, r, c));
  return out;
}

describe('properties', () => {
  it('agrees with the literal transcription of the decree on complete inputs', () => {
    fc.assert(
      fc.property(sector, boundaryNumber, boundaryNumber, boundaryNumber, (g, e, r, c) => {
        const ref = referenceSmallOrMicro(g, e, r, c);
        expect(isSmallOrMicro(size(g, e, r, c))).toBe(ref.small);
        expect(isMicro(size(g, e, r, c))).toBe(ref.micro);
      }),
      { numRuns: 2000 },
    );
  });

  it('more than 100 insured employees (50 in trade and services) is never small, whatever else', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 1e7, noNaN: true, minExcluded: true }),
        maybe(boundaryNumber),
        maybe(boundaryNumber),
        maybe(sector),
        (e, r, c, g) => {
          expect(isSmallOrMicro(size(g, e, r, c))).toBe(false);
          expect(enterprise(size(g, e, r, c))).toMatchObject({ eligible: true, status: 'eligible' });
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 1e7, noNaN: true, minExcluded: true }),
        maybe(boundaryNumber),
        maybe(boundaryNumber),
        (e, r, c) => {
          expect(isSmallOrMicro(size(TRADE, e, r, c))).toBe(false);
        },
      ),
    );
  });

  it('increasing employees, revenue or capital never turns a not-small enterprise into a small one', () => {
    fc.assert(
      fc.property(
        sector,
        boundaryNumber,
        boundaryNumber,
        boundaryNumber,
        fc.constantFrom(0, 1, 2),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (g, e, r, c, which, delta) => {
          const before = isSmallOrMicro(size(g, e, r, c));
          const bigger = size(g, e + (which === 0 ? delta : 0), r + (which === 1 ? delta : 0), c + (which === 2 ? delta : 0));
          if (before === false) expect(isSmallOrMicro(bigger)).toBe(false);
          if (isMicro(bigger) === true) expect(isMicro(size(g, e, r, c))).toBe(true);
        },
      ),
    );
  });

  it('a decided answer holds for every completion of the missing inputs; "incomplete" only when completions disagree', () => {
    fc.assert(
      fc.property(partialInputs, (i) => {
        const answers = new Set(completions(i).map((full) => isSmallOrMicro(full)));
        const decided = isSmallOrMicro(i);
        if (decided === null) expect(answers.size).toBe(2);
        else expect([...answers]).toEqual([decided]);
      }),
      { numRuns: 3000 },
    );
  });

  it('eligibility of an enterprise is exactly "not small or micro", and incomplete is never eligible', () => {
    fc.assert(
      fc.property(partialInputs, fc.boolean(), (i, armed) => {
        const e = enterprise(i, { isArmedForces: armed });
        const small = isSmallOrMicro(i);
        if (armed) expect(e.status).toBe('ineligible');
        else expect(e.status).toBe(small === null ? 'incomplete' : small ? 'ineligible' : 'eligible');
        expect(e.eligible).toBe(e.status === 'eligible');
        expect(isVietnameseMessage(e.reason), e.reason).toBe(true);
      }),
    );
  });
});

describe('orgEligibility', () => {
  it('armed-forces bodies are out of scope whatever their kind', () => {
    for (const kind of ORG_KINDS) {
      const e = orgEligibility({ kind, subKind: 'khac', isArmedForces: true, ...size(AGRI, 500, 500, 500) });
      expect(e).toMatchObject({ eligible: false, status: 'ineligible' });
      expect(e.reason).toContain('lực lượng vũ trang');
    }
  });

  it('primary schools, preschools and nurseries are out of scope; other schools are in', () => {
    expect(EXCLUDED_SCHOOL_LEVELS).toEqual(['nha_tre', 'mam_non', 'tieu_hoc']);
    for (const sub of CO_SO_GIAO_DUC_SUB_KINDS) {
      const e = orgEligibility({ kind: 'co_so_giao_duc', subKind: sub, isArmedForces: false, ...size(null, null, null, null) });
      const excluded = EXCLUDED_SCHOOL_LEVELS.includes(sub);
      expect(e.eligible).toBe(!excluded);
      expect(e.status).toBe(excluded ? 'ineligible' : 'eligible');
      expect(e.reason).toContain('Thông tư 124/2021/TT-BCA');
      if (excluded) expect(e.reason).toContain('tiểu học, mầm non, nhà trẻ');
    }
  });

  it('agencies are in scope', () => {
    for (const sub of CO_QUAN_SUB_KINDS) {
      const e = orgEligibility({ kind: 'co_quan', subKind: sub, isArmedForces: false, ...size(null, null, null, null) });
      expect(e).toMatchObject({ eligible: true, status: 'eligible' });
      expect(e.reason).toContain('Điều 6');
    }
  });

  it('explains the size class with the figures and the ceilings', () => {
    const micro = enterprise(size(TRADE, 8, 9.5, null));
    expect(micro.status).toBe('ineligible');
    expect(micro.reason).toContain('Doanh nghiệp siêu nhỏ');
    expect(micro.reason).toContain('Nghị định 80/2021/NĐ-CP');
    expect(micro.reason).toContain('doanh thu 9,5 tỷ đồng');
    expect(micro.reason).toContain('không quá 10 tỷ đồng');
    const small = enterprise(size(AGRI, 80, 45, 30));
    expect(small.reason).toContain('Doanh nghiệp nhỏ theo Điều 5 khoản 2');
    expect(small.reason).toContain('80 lao động');
    const notSmall = enterprise(size(AGRI, 1200, 1500.25, 800));
    expect(notSmall).toMatchObject({ eligible: true, status: 'eligible' });
    expect(notSmall.reason).toContain('1.200 lao động');
    expect(notSmall.reason).toContain('1.500,25 tỷ đồng');
    expect(notSmall.reason).toContain('vượt mức doanh nghiệp nhỏ');
  });

  it('is deterministic', () => {
    const facts = { kind: 'doanh_nghiep' as const, subKind: 'tu_nhan', isArmedForces: false, ...size(AGRI, 11, 3.01, 3.01) };
    expect(orgEligibility(facts)).toEqual(orgEligibility({ ...facts }));
  });
});

function facts(extra: Partial<OrgFacts> = {}): OrgFacts {
  return {
    name: 'Trường THPT Gia Viễn A',
    kind: 'co_so_giao_duc',
    subKind: 'thpt',
    isArmedForces: false,
    ...size(null, null, null, null),
    validFrom: '2010-09-01',
    validTo: null,
    endReason: null,
    ...extra,
  };
}

describe('checkOrgFacts', () => {
  it('accepts a consistent record', () => {
    expect(checkOrgFacts(facts())).toEqual({});
    expect(checkOrgFacts(facts({ kind: 'doanh_nghiep', subKind: 'tu_nhan', ...size(AGRI, 1, 1, 1) }))).toEqual({});
    expect(checkOrgFacts(facts({ validTo: '2010-09-01', endReason: 'Giải thể' }))).toEqual({});
    expect(checkOrgFacts(facts({ validFrom: null, validTo: '2000-01-01', endReason: 'Sáp nhập' }))).toEqual({});
  });

  it('refuses a sub-kind of another kind', () => {
    expect(checkOrgFacts(facts({ subKind: 'tu_nhan' }))).toHaveProperty('subKind');
  });

  it('refuses enterprise size inputs on an agency or a school', () => {
    const errors = checkOrgFacts(facts({ kind: 'co_quan', subKind: 'khac', ...size(AGRI, 5, 1, 1) }));
    expect(Object.keys(errors).sort()).toEqual(['capitalBillion', 'insuredEmployees', 'revenueBillion', 'sectorGroup']);
  });

  it('refuses an end before the start, an end without reason, a reason without end', () => {
    expect(checkOrgFacts(facts({ validTo: '2010-08-31', endReason: 'x' }))['validTo']).toContain('01/09/2010');
    expect(checkOrgFacts(facts({ validTo: '2020-01-01', endReason: null }))).toHaveProperty('endReason');
    expect(checkOrgFacts(facts({ validTo: '2020-01-01', endReason: '  ' }))).toHaveProperty('endReason');
    expect(checkOrgFacts(facts({ endReason: 'Giải thể' }))).toHaveProperty('endReason');
    for (const m of Object.values(checkOrgFacts(facts({ subKind: 'x', validTo: '2000-01-01', endReason: null })))) {
      expect(isVietnameseMessage(m), m).toBe(true);
    }
  });
});

describe('activeInYear', () => {
  it('counts an organisation active at any time of the year', () => {
    expect(activeInYear('2026-12-31', null, 2026)).toBe(true);
    expect(activeInYear('2027-01-01', null, 2026)).toBe(false);
    expect(activeInYear(null, '2026-01-01', 2026)).toBe(true);
    expect(activeInYear(null, '2025-12-31', 2026)).toBe(false);
    expect(activeInYear(null, null, 1990)).toBe(true);
    expect(activeInYear('2020-05-05', '2020-05-05', 2020)).toBe(true);
  });
});

describe('findOrgDuplicate', () => {
  const unit = (id: string) => (id === 'u1' ? 'Xã Gia Hòa' : 'Xã Gia Hưng');
  const existing: OrgIdentity[] = [
    { id: 'a', name: 'Trường THCS Gia Hòa', unitId: 'u1', taxCode: null, validTo: null },
    { id: 'b', name: 'Công ty TNHH Minh Anh', unitId: 'u2', taxCode: '2700123456', validTo: '2024-01-01' },
    { id: 'c', name: 'Trường Mầm non Gia Hòa', unitId: 'u1', taxCode: null, validTo: '2020-01-01' },
  ];

  it('refuses a tax code already used, even by an ended record, naming it', () => {
    const dup = findOrgDuplicate({ id: null, name: 'Khác', unitId: 'u1', taxCode: '2700123456', validTo: null }, existing, unit);
    expect(dup).toMatchObject({ field: 'taxCode', existingId: 'b' });
    expect(dup!.message).toContain('Công ty TNHH Minh Anh');
    expect(dup!.message).toContain('đã kết thúc');
  });

  it('refuses the same name (ignoring diacritics and case) among active records of the same unit', () => {
    const dup = findOrgDuplicate({ id: null, name: 'truong thcs gia hoa', unitId: 'u1', taxCode: null, validTo: null }, existing, unit);
    expect(dup).toMatchObject({ field: 'name', existingId: 'a' });
    expect(dup!.message).toContain('Xã Gia Hòa');
  });

  it('allows the same name in another unit, next to an ended record, for an ended candidate, and for itself', () => {
    expect(
      findOrgDuplicate({ id: null, name: 'Trường THCS Gia Hòa', unitId: 'u2', taxCode: null, validTo: null }, existing, unit),
    ).toBeNull();
    expect(
      findOrgDuplicate({ id: null, name: 'Trường Mầm non Gia Hòa', unitId: 'u1', taxCode: null, validTo: null }, existing, unit),
    ).toBeNull();
    expect(
      findOrgDuplicate({ id: null, name: 'Trường THCS Gia Hòa', unitId: 'u1', taxCode: null, validTo: '2025-01-01' }, existing, unit),
    ).toBeNull();
    expect(
      findOrgDuplicate({ id: 'a', name: 'Trường THCS Gia Hòa', unitId: 'u1', taxCode: null, validTo: null }, existing, unit),
    ).toBeNull();
    expect(
      findOrgDuplicate({ id: 'b', name: 'Công ty TNHH Minh Anh', unitId: 'u2', taxCode: '2700123456', validTo: null }, existing, unit),
    ).toBeNull();
  });
});

describe('isValidOrgCode', () => {
  it.each([
    ['0101234567', true],
    ['0101234567-001', true],
    ['1234567', true],
    ['101234567', false],
    ['01012345678', false],
    ['0101234567-01', false],
    ['010123456A', false],
    ['', false],
  ])('%s → %s', (code, ok) => {
    expect(isValidOrgCode(code)).toBe(ok);
  });
});

describe('orgEligibilityStatus (the status alone, for counts)', () => {
  const amount = fc.option(fc.constantFrom(0, 1, 3, 10, 50, 100, 200, 300, 3000, 12.5), { nil: null });
  it('is the status orgEligibility gives, for every kind, sub-kind, size and armed-forces flag', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORG_KINDS).chain((kind) =>
          fc.record({
            kind: fc.constant(kind),
            subKind: fc.constantFrom(...SUB_KINDS_BY_KIND[kind]),
            isArmedForces: fc.boolean(),
            sectorGroup: kind === 'doanh_nghiep' ? fc.option(fc.constantFrom(...SECTOR_GROUPS), { nil: null }) : fc.constant(null),
            insuredEmployees: kind === 'doanh_nghiep' ? amount : fc.constant(null),
            revenueBillion: kind === 'doanh_nghiep' ? amount : fc.constant(null),
            capitalBillion: kind === 'doanh_nghiep' ? amount : fc.constant(null),
          }),
        ),
        (facts) => {
          expect(orgEligibilityStatus(facts)).toBe(orgEligibility(facts).status);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('tells the three statuses apart', () => {
    const enterprise = { kind: 'doanh_nghiep' as const, subKind: 'tu_nhan', isArmedForces: false, sectorGroup: null };
    expect(orgEligibilityStatus({ ...enterprise, insuredEmployees: 500, revenueBillion: 1000, capitalBillion: 1000 })).toBe('eligible');
    expect(orgEligibilityStatus({ ...enterprise, insuredEmployees: 1, revenueBillion: 1, capitalBillion: 1 })).toBe('ineligible');
    expect(orgEligibilityStatus({ ...enterprise, insuredEmployees: null, revenueBillion: null, capitalBillion: null })).toBe('incomplete');
    const school = {
      kind: 'co_so_giao_duc' as const,
      isArmedForces: false,
      sectorGroup: null,
      insuredEmployees: null,
      revenueBillion: null,
      capitalBillion: null,
    };
    expect(orgEligibilityStatus({ ...school, subKind: 'mam_non' })).toBe('ineligible');
    expect(orgEligibilityStatus({ ...school, subKind: 'thpt' })).toBe('eligible');
    expect(orgEligibilityStatus({ ...school, subKind: 'thpt', isArmedForces: true })).toBe('ineligible');
  });
});
