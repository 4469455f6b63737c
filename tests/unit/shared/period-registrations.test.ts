/**
 * Registration and recognition figures of a year (shared/domain/period/registrations.ts) and their
 * sentences (registration-sentences.ts): x/y per kind and per group, households summed only where
 * recorded, missing data said as "thiếu dữ liệu", never 0.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REGISTRATION_GROUPS,
  REGISTRATION_KINDS,
  registrationFigures,
  registrationKindOf,
  registrationSentences,
  shownGroups,
  type RegistrationSubject,
} from '../../../shared/domain/period';
import { recognitionText } from '../../../shared/domain/report/build';
import type { ReportSource } from '../../../shared/domain/report/source';

const s = (kind: RegistrationSubject['kind'], over: Partial<RegistrationSubject> = {}): RegistrationSubject => ({
  kind,
  unitId: 'u1',
  registered: false,
  recognised: false,
  households: null,
  ...over,
});

const times = <T>(k: number, make: (i: number) => T): T[] => Array.from({ length: k }, (_, i) => make(i));

describe('registration figures', () => {
  it('counts x/y per kind, agencies with enterprises, and all organisations together', () => {
    const subjects = [
      ...times(3, (i) => s('khu_dan_cu', { registered: i < 2, recognised: i === 0, households: 100 + i })),
      s('xa', { registered: true }),
      ...times(4, (i) => s('co_quan', { registered: i < 3, recognised: i < 2 })),
      ...times(2, (i) => s('doanh_nghiep', { registered: i < 1 })),
      ...times(5, () => s('co_so_giao_duc', { registered: true, recognised: true })),
    ];
    const f = registrationFigures(2023, subjects);
    expect(f.groups.khu_dan_cu).toEqual({ total: 3, registered: 2, recognised: 1 });
    expect(f.groups.xa).toEqual({ total: 1, registered: 1, recognised: 0 });
    expect(f.groups.co_quan_doanh_nghiep).toEqual({ total: 6, registered: 4, recognised: 2 });
    expect(f.groups.to_chuc).toEqual({ total: 11, registered: 9, recognised: 7 });
    // Only the two registered areas' households, not the third's.
    expect(f.households).toEqual({ registered: 201, recorded: 2, missing: 0 });
  });

  it('keeps registered areas without households apart, and a sum over none is null', () => {
    const some = registrationFigures(2015, [
      s('khu_dan_cu', { registered: true, households: 120 }),
      s('khu_dan_cu', { registered: true, households: null }),
    ]);
    expect(some.households).toEqual({ registered: 120, recorded: 1, missing: 1 });
    const none = registrationFigures(2015, [s('khu_dan_cu', { registered: true })]);
    expect(none.households).toEqual({ registered: null, recorded: 0, missing: 1 });
  });

  it('counts only the subjects in scope', () => {
    const f = registrationFigures(2022, [s('xa', { unitId: 'a', registered: true }), s('xa', { unitId: 'b' })], (id) => id === 'b');
    expect(f.groups.xa).toEqual({ total: 1, registered: 0, recognised: 0 });
  });

  it('maps every commune kind to "xã"', () => {
    expect(['xa', 'phuong', 'thi_tran', 'dac_khu'].map((k) => registrationKindOf(k as 'xa'))).toEqual(['xa', 'xa', 'xa', 'xa']);
    expect(registrationKindOf('co_so_giao_duc')).toBe('co_so_giao_duc');
  });

  it('groups add up to their kinds and never exceed their totals (property)', () => {
    const subject = fc.record({
      kind: fc.constantFrom(...REGISTRATION_KINDS),
      unitId: fc.constantFrom('a', 'b'),
      registered: fc.boolean(),
      recognised: fc.boolean(),
      households: fc.option(fc.integer({ min: 0, max: 5000 })),
    });
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 40 }), (subjects) => {
        const f = registrationFigures(2020, subjects);
        for (const g of REGISTRATION_GROUPS) expect(f.groups[g].registered).toBeLessThanOrEqual(f.groups[g].total);
        const sum = (k: 'total' | 'registered' | 'recognised') =>
          f.groups.co_quan[k] + f.groups.doanh_nghiep[k] + f.groups.co_so_giao_duc[k];
        expect(f.groups.to_chuc).toEqual({ total: sum('total'), registered: sum('registered'), recognised: sum('recognised') });
        const a = registrationFigures(2020, subjects, (id) => id === 'a');
        const b = registrationFigures(2020, subjects, (id) => id === 'b');
        expect(a.groups.khu_dan_cu.registered + b.groups.khu_dan_cu.registered).toBe(f.groups.khu_dan_cu.registered);
        expect(f.households.recorded + f.households.missing).toBe(f.groups.khu_dan_cu.registered);
      }),
    );
  });
});

describe('registration sentences', () => {
  const year2022 = () =>
    registrationFigures(2022, [
      ...times(730, (i) => s('khu_dan_cu', { registered: i < 709, recognised: i < 650, households: i < 709 ? 72 : null })),
      ...times(12, (i) => s('xa', { registered: true, recognised: i < 11 })),
      ...times(125, (i) => s('co_quan', { registered: i < 120, recognised: i < 110 })),
      ...times(15, (i) => s('doanh_nghiep', { registered: i < 10, recognised: i < 8 })),
      ...times(20, () => s('co_so_giao_duc', { registered: true, recognised: true })),
    ]);

  it('words the registrations as reports quote them, households included', () => {
    const f = year2022();
    expect(f.households).toEqual({ registered: 709 * 72, recorded: 709, missing: 0 });
    const text = registrationSentences(f, '2022-01-01');
    expect(text.registration).toBe(
      'Năm 2022, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 709/730 khu dân cư với 51.048 hộ gia đình; ' +
        '12/12 xã, phường, thị trấn; 150/160 cơ quan, doanh nghiệp, cơ sở giáo dục (120/125 cơ quan, 10/15 doanh nghiệp, 20/20 cơ sở giáo dục).',
    );
    expect(text.recognition).toBe(
      'Kết quả công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2022: 650/730 khu dân cư; 11/12 xã, phường, thị trấn; ' +
        '138/160 cơ quan, doanh nghiệp, cơ sở giáo dục (110/125 cơ quan, 8/15 doanh nghiệp, 20/20 cơ sở giáo dục).',
    );
  });

  it('formats numbers the Vietnamese way and names the last year of a longer period', () => {
    const f = registrationFigures(2017, [s('khu_dan_cu', { registered: true, households: 51511 })]);
    expect(registrationSentences(f, '2015-01-01').registration).toBe(
      'Năm 2017 (năm cuối của kỳ), đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 1/1 khu dân cư với 51.511 hộ gia đình.',
    );
  });

  it('says "thiếu dữ liệu" for households not recorded, never 0', () => {
    const part = registrationFigures(2015, [
      s('khu_dan_cu', { registered: true, households: 80 }),
      s('khu_dan_cu', { registered: true }),
      s('khu_dan_cu'),
    ]);
    expect(registrationSentences(part).registration).toBe(
      'Năm 2015, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 2/3 khu dân cư với 80 hộ gia đình ' +
        '(1 khu dân cư chưa ghi số hộ đăng ký: thiếu dữ liệu).',
    );
    const none = registrationFigures(2015, [s('khu_dan_cu', { registered: true })]);
    expect(registrationSentences(none).registration).toContain('1/1 khu dân cư (số hộ gia đình đăng ký: thiếu dữ liệu)');
    expect(registrationSentences(none).registration).not.toContain('0 hộ');
  });

  it('a year with no record at all is "thiếu dữ liệu", not 0/y', () => {
    const f = registrationFigures(
      2015,
      times(4, () => s('khu_dan_cu')),
    );
    const text = registrationSentences(f);
    expect(text.registration).toBe(
      'Chưa có số liệu đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2015 (thiếu dữ liệu: chưa ghi nhận bản đăng ký nào).',
    );
    expect(text.recognition).toBe(
      'Chưa ghi nhận quyết định công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2015 (thiếu dữ liệu).',
    );
    expect(registrationSentences(registrationFigures(2015, [])).registration).toContain('thiếu dữ liệu');
  });

  it('names one organisation kind alone, without the group', () => {
    const f = registrationFigures(2024, [s('xa', { registered: true }), s('co_so_giao_duc', { registered: true }), s('co_so_giao_duc')]);
    expect(registrationSentences(f).registration).toBe(
      'Năm 2024, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 1/1 xã, phường, thị trấn; 1/2 cơ sở giáo dục.',
    );
  });
});

describe('where the figures are shown', () => {
  it('shows a group only when it gathers several kinds that have units', () => {
    const one = registrationFigures(2024, [s('xa'), s('co_so_giao_duc')]);
    expect(shownGroups(one)).toEqual(['xa', 'co_so_giao_duc']);
    const three = registrationFigures(2024, [s('khu_dan_cu'), s('co_quan'), s('doanh_nghiep'), s('co_so_giao_duc')]);
    expect(shownGroups(three)).toEqual(['khu_dan_cu', 'co_quan', 'doanh_nghiep', 'co_quan_doanh_nghiep', 'co_so_giao_duc', 'to_chuc']);
  });

  it('the report prints the year sentences when its source has them, the older sentence for a source frozen before', () => {
    const f = registrationFigures(2015, [s('khu_dan_cu', { registered: true, households: 90 })]);
    const sentences = registrationSentences(f);
    const source = { total: { registration: null }, registrationSentences: sentences } as unknown as ReportSource;
    expect(recognitionText(source, '2015-01-01', '2015-12-31')).toBe(`${sentences.registration} ${sentences.recognition}`);
    const older = { total: { registration: null } } as unknown as ReportSource;
    expect(recognitionText(older, '2015-01-01', '2015-12-31')).toContain('Chưa có số liệu đăng ký, công nhận');
  });
});
