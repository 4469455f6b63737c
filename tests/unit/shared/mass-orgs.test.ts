/**
 * Pure rules of mass organisations (shared/domain/mass-orgs.ts): the HD01 rating period and its
 * nine-month threshold on real calendar dates, the team and member rating checks (leader rule,
 * complaints, schemes), the 20 % quota, phone masking, and the Vietnamese sort key.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUILT_IN_KINDS,
  EFFECTIVE_LEVELS,
  HD01_LEVELS,
  NOT_RATED_REASONS,
  PERSONAL_MEMBER_FIELDS,
  RATING_LEVELS,
  TO_BAO_VE_ANTT_KIND_ID,
  checkMemberDates,
  checkMemberRating,
  checkTeamRating,
  exceedsQuota,
  isEffective,
  maskPhone,
  memberSpan,
  normalizePhone,
  quotaMax,
  quotaWarnings,
  ratingText,
  teamSpan,
  type Hd01Level,
  type LeaderRating,
  type MemberRatingDraft,
  type MemberRole,
  type RatingDraft,
} from '../../../shared/domain/mass-orgs';
import {
  addDays,
  addMonths,
  coversNineMonths,
  overlap,
  ratingPeriod,
  ratingYearOf,
  spanLength,
  spanLengthText,
  termEnd,
} from '../../../shared/domain/mass-org-dates';
import { decodeMemberColumns, decodeRatingCell, encodeRatingCell } from '../../../shared/domain/mass-org-members-list';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { compareVietnamese } from '../../../shared/lib/text';
import { isUuid } from '../../../shared/lib/ids';
import { isVietnameseMessage } from '../../support/vietnamese';

const rated = (level: Hd01Level | 'hieu_qua' | 'chua_hieu_qua'): RatingDraft => ({ level, notRatedReason: null, reasonNote: null });
const notRated = (reason: RatingDraft['notRatedReason'], note: string | null = null): RatingDraft => ({
  level: null,
  notRatedReason: reason,
  reasonNote: note,
});
const memberDraft = (d: RatingDraft, extra: Partial<MemberRatingDraft> = {}): MemberRatingDraft => ({
  ...d,
  actingLeader: false,
  newlyTransferred: false,
  ...extra,
});

/** A team operating since long before the 2026 period and still active. */
const OLD_TEAM = { validFrom: '2020-01-01', validTo: null };

function team(
  draft: RatingDraft,
  org: { validFrom: string; validTo: string | null } = OLD_TEAM,
  leaders: LeaderRating[] = [],
  year = 2026,
) {
  return checkTeamRating({ scheme: 'hd01', org, year, leaders }, draft);
}

function member(
  draft: MemberRatingDraft,
  opts: {
    role?: MemberRole;
    joinedOn?: string;
    leftOn?: string | null;
    org?: { validFrom: string; validTo: string | null };
    teamLevel?: Hd01Level | null | 'none';
    year?: number;
  } = {},
) {
  const teamRating =
    opts.teamLevel === 'none'
      ? null
      : opts.teamLevel === null
        ? { level: null, notRatedReason: 'khieu_nai_to_cao' as const }
        : { level: opts.teamLevel ?? 'hoan_thanh_tot', notRatedReason: null };
  return checkMemberRating(
    {
      scheme: 'hd01',
      org: opts.org ?? OLD_TEAM,
      member: {
        fullName: 'Nguyễn Văn An',
        role: opts.role ?? 'to_vien',
        joinedOn: opts.joinedOn ?? '2021-01-01',
        leftOn: opts.leftOn ?? null,
      },
      year: opts.year ?? 2026,
      teamRating,
    },
    draft,
  );
}

describe('the catalogue of kinds', () => {
  it('ships eleven kinds with fixed, valid, distinct ids; only Tổ bảo vệ ANTT uses HD01', () => {
    expect(BUILT_IN_KINDS).toHaveLength(11);
    expect(new Set(BUILT_IN_KINDS.map((k) => k.id)).size).toBe(11);
    expect(new Set(BUILT_IN_KINDS.map((k) => k.code)).size).toBe(11);
    for (const k of BUILT_IN_KINDS) expect(isUuid(k.id), k.code).toBe(true);
    expect(BUILT_IN_KINDS.filter((k) => k.scheme === 'hd01').map((k) => k.id)).toEqual([TO_BAO_VE_ANTT_KIND_ID]);
    expect(BUILT_IN_KINDS.map((k) => k.code)).toEqual([
      'to_bao_ve_antt',
      'to_tu_quan',
      'to_lien_gia_tu_quan',
      'to_hoa_giai',
      'to_an_ninh_nhan_dan',
      'dong_ho_tu_quan',
      'cum_lien_ket',
      'cau_lac_bo',
      'doi_dan_phong',
      'to_lien_gia_an_toan_pccc',
      'khac',
    ]);
  });

  it('keeps the id of Tổ bảo vệ ANTT stable (files of different offices must agree)', () => {
    expect(TO_BAO_VE_ANTT_KIND_ID).toBe('9068e308-4a4e-4512-9e34-06939b518384');
  });

  it('lists the personal columns of a member', () => {
    expect([...PERSONAL_MEMBER_FIELDS].sort()).toEqual(
      ['birth_year', 'ethnicity', 'full_name', 'full_name_folded', 'full_name_sort', 'gender', 'phone'].sort(),
    );
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2025-05-31', 9, '2026-02-28'],
    ['2025-11-15', 9, '2026-08-15'],
    ['2026-02-15', 9, '2026-11-15'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('addMonths(%s, %i) = %s', (from, n, expected) => {
    expect(addMonths(from, n)).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-11-15', -1, '2026-11-14'],
  ])('addDays(%s, %i) = %s', (from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
  });

  it('the HD01 period of year Y is 15/11/(Y-1) to 14/11/Y', () => {
    expect(ratingPeriod(2026)).toEqual({ from: '2025-11-15', to: '2026-11-14' });
    expect(ratingPeriod(2000)).toEqual({ from: '1999-11-15', to: '2000-11-14' });
  });

  it.each([
    ['2026-01-01', 2026],
    ['2026-11-14', 2026],
    ['2026-11-15', 2027],
    ['2026-12-31', 2027],
    ['2025-11-15', 2026],
  ])('the date %s falls in the rating year %i', (date, year) => {
    expect(ratingYearOf(date)).toBe(year);
  });

  it('every date falls inside the period of its rating year (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1995-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const p = ratingPeriod(ratingYearOf(iso));
        return p.from <= iso && iso <= p.to;
      }),
    );
  });

  it('overlap clips a life to the period, or is null outside it', () => {
    const p = ratingPeriod(2026);
    expect(overlap('2020-01-01', null, p)).toEqual(p);
    expect(overlap('2026-03-01', null, p)).toEqual({ from: '2026-03-01', to: '2026-11-14' });
    expect(overlap('2020-01-01', '2026-05-01', p)).toEqual({ from: '2025-11-15', to: '2026-05-01' });
    expect(overlap('2026-11-15', null, p)).toBeNull();
    expect(overlap('2020-01-01', '2025-11-14', p)).toBeNull();
    expect(overlap('2026-11-14', '2026-11-14', p)).toEqual({ from: '2026-11-14', to: '2026-11-14' });
  });

  it.each([
    [{ from: '2025-11-15', to: '2026-11-14' }, 12, 0, '12 tháng'],
    [{ from: '2025-11-15', to: '2026-08-14' }, 9, 0, '9 tháng'],
    [{ from: '2025-11-15', to: '2026-08-13' }, 8, 30, '8 tháng 30 ngày'],
    [{ from: '2026-02-16', to: '2026-11-14' }, 8, 30, '8 tháng 30 ngày'],
    [{ from: '2026-11-01', to: '2026-11-14' }, 0, 14, '14 ngày'],
    [{ from: '2026-01-31', to: '2026-02-27' }, 0, 28, '28 ngày'],
    [{ from: '2026-01-31', to: '2026-02-28' }, 1, 0, '1 tháng'],
    [{ from: '2026-02-01', to: '2026-02-28' }, 1, 0, '1 tháng'],
    [{ from: '2026-03-01', to: '2026-03-31' }, 1, 0, '1 tháng'],
  ])('spanLength(%j) = %i months %i days', (span, months, days, text) => {
    expect(spanLength(span)).toEqual({ months, days });
    expect(spanLengthText(span)).toBe(text);
  });
});

describe('the nine-month threshold on real dates', () => {
  it.each([
    // A team founded on 15/02 of the rating year reaches exactly nine months on 14/11.
    ['2026-02-15', null, true],
    ['2026-02-16', null, false],
    ['2026-02-14', null, true],
    // A team that ended: from 15/11/2025 nine months end on 14/08/2026.
    ['2020-01-01', '2026-08-14', true],
    ['2020-01-01', '2026-08-13', false],
    // Both ends inside the period.
    ['2025-12-01', '2026-08-31', true],
    ['2025-12-01', '2026-08-30', false],
    // Never in the period.
    ['2026-11-15', null, false],
    ['2010-01-01', '2025-11-14', false],
  ])('a team active from %s to %s in 2026 covers nine months: %s', (from, to, expected) => {
    expect(coversNineMonths(teamSpan({ validFrom: from, validTo: to }, 2026))).toBe(expected);
  });

  it('handles the leap year 2028 (period 15/11/2027 – 14/11/2028)', () => {
    expect(coversNineMonths(teamSpan({ validFrom: '2028-02-15', validTo: null }, 2028))).toBe(true);
    expect(coversNineMonths(teamSpan({ validFrom: '2028-02-16', validTo: null }, 2028))).toBe(false);
    expect(coversNineMonths(teamSpan({ validFrom: '2020-01-01', validTo: '2028-08-14' }, 2028))).toBe(true);
  });

  it('ends a term the day before the same date, or on the month’s last day when that date is missing (BLDS Art. 148)', () => {
    // Joined 31/05/2025: "31/02/2026" does not exist, so nine months end on 28/02/2026.
    expect(termEnd('2025-05-31', 9)).toBe('2026-02-28');
    expect(coversNineMonths({ from: '2025-05-31', to: '2026-02-28' })).toBe(true);
    expect(coversNineMonths({ from: '2025-05-31', to: '2026-02-27' })).toBe(false);
    expect(termEnd('2025-11-15', 9)).toBe('2026-08-14');
    expect(termEnd('2026-02-15', 9)).toBe('2026-11-14');
    expect(termEnd('2025-12-01', 9)).toBe('2026-08-31');
    expect(termEnd('2026-01-30', 1)).toBe('2026-02-28');
    expect(termEnd('2028-01-30', 1)).toBe('2028-02-29');
    expect(termEnd('2026-01-28', 1)).toBe('2026-02-27');
    expect(termEnd('2026-03-10', 0)).toBe('2026-03-09');
    // 30/11/2025 + 9 months = 30/08/2026.
    expect(coversNineMonths({ from: '2025-11-30', to: '2026-08-29' })).toBe(true);
    expect(coversNineMonths({ from: '2025-11-30', to: '2026-08-28' })).toBe(false);
  });

  it('a member takes part only while the team exists: membership ∩ team ∩ period', () => {
    const org = { validFrom: '2020-01-01', validTo: '2026-06-30' };
    expect(memberSpan({ joinedOn: '2019-01-01', leftOn: null }, org, 2026)).toEqual({ from: '2025-11-15', to: '2026-06-30' });
    expect(memberSpan({ joinedOn: '2026-01-10', leftOn: '2026-03-01' }, org, 2026)).toEqual({ from: '2026-01-10', to: '2026-03-01' });
    expect(memberSpan({ joinedOn: '2026-07-01', leftOn: null }, org, 2026)).toBeNull();
    expect(memberSpan({ joinedOn: '2021-01-01', leftOn: null }, { validFrom: '2027-01-01', validTo: null }, 2026)).toBeNull();
  });

  it('never says "nine months" for a span shorter than the same span shifted by one day (property)', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (from, len) => {
        const to = addDays(from, len);
        const longer = coversNineMonths({ from, to: addDays(to, 1) });
        // Monotone: if a span covers nine months, any longer one does too.
        if (coversNineMonths({ from, to })) return longer;
        // Nine months are never fewer than 270 nor more than 276 days (inclusive spans).
        return len + 1 < 276;
      }),
    );
    fc.assert(
      fc.property(day, (from) => {
        const to = termEnd(from, 9);
        return coversNineMonths({ from, to }) && !coversNineMonths({ from, to: addDays(to, -1) });
      }),
    );
  });
});

describe('team ratings (HD01)', () => {
  it('accepts each of the four levels for a team that operated the whole period', () => {
    for (const l of HD01_LEVELS) expect(team(rated(l))).toEqual([]);
  });

  it('refuses the effectiveness scale for a Tổ bảo vệ ANTT', () => {
    expect(team(rated('hieu_qua'))[0]).toMatch(/4 mức/);
  });

  it('refuses a level and a "not rated" reason together, and neither', () => {
    expect(team({ level: 'hoan_thanh', notRatedReason: 'khac', reasonNote: 'x' })).toHaveLength(1);
    expect(team({ level: null, notRatedReason: null, reasonNote: null })[0]).toMatch(/Hãy chọn mức xếp loại/);
  });

  it('refuses a level for a team that operated less than nine months, naming how long it did', () => {
    const v = team(rated('hoan_thanh_tot'), { validFrom: '2026-02-16', validTo: null });
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('16/02/2026 – 14/11/2026: 8 tháng 30 ngày');
    expect(v[0]).toContain('15/11/2025 – 14/11/2026');
    expect(v[0]).toContain('Không xếp loại');
    expect(team(rated('hoan_thanh_tot'), { validFrom: '2026-02-15', validTo: null })).toEqual([]);
  });

  it('accepts "not rated: under nine months" only when it is true', () => {
    expect(team(notRated('chua_du_9_thang'), { validFrom: '2026-02-16', validTo: null })).toEqual([]);
    expect(team(notRated('chua_du_9_thang'), { validFrom: '2026-02-15', validTo: null })[0]).toMatch(/đã hoạt động đủ 9 tháng/);
  });

  it('a team under complaint is not rated, and the complaint must be described', () => {
    expect(team(notRated('khieu_nai_to_cao', 'Đơn tố cáo ngày 02/10/2026'))).toEqual([]);
    expect(team(notRated('khieu_nai_to_cao'))[0]).toMatch(/nội dung khiếu nại, tố cáo/);
    expect(team(notRated('khac'))[0]).toMatch(/lý do không xếp loại/);
    expect(team(notRated('khac', 'Tổ đang kiện toàn'))).toEqual([]);
  });

  it('has no rating at all for a year the team did not exist in', () => {
    const v = team(notRated('chua_du_9_thang'), { validFrom: '2026-11-15', validTo: null });
    expect(v[0]).toMatch(/không hoạt động trong kỳ đánh giá năm 2026/);
  });

  it('refuses a team level below the level its leader already has', () => {
    const leader: LeaderRating = { fullName: 'Trần Văn Bình', role: 'to_truong', level: 'hoan_thanh_xuat_sac', newlyTransferred: false };
    const v = team(rated('hoan_thanh_tot'), OLD_TEAM, [leader]);
    expect(v[0]).toContain('Tổ trưởng Trần Văn Bình');
    expect(v[0]).toContain('"Hoàn thành xuất sắc"');
    expect(team(rated('hoan_thanh_xuat_sac'), OLD_TEAM, [leader])).toEqual([]);
    expect(team(rated('hoan_thanh_tot'), OLD_TEAM, [{ ...leader, newlyTransferred: true }])).toEqual([]);
    expect(team(rated('hoan_thanh_tot'), OLD_TEAM, [{ ...leader, level: null }])).toEqual([]);
    expect(team(rated('khong_hoan_thanh'), OLD_TEAM, [{ ...leader, role: 'to_pho', level: 'hoan_thanh' }])[0]).toContain('Tổ phó');
  });

  it('the effectiveness scheme takes hiệu quả / chưa hiệu quả and nothing else', () => {
    const simple = (d: RatingDraft) =>
      checkTeamRating({ scheme: 'hieu_qua', org: { validFrom: '2026-10-01', validTo: null }, year: 2026, leaders: [] }, d);
    expect(simple(rated('hieu_qua'))).toEqual([]);
    expect(simple(rated('chua_hieu_qua'))).toEqual([]);
    expect(simple(rated('hoan_thanh_tot'))).toHaveLength(1);
    expect(simple(notRated('khac', 'x'))).toHaveLength(2);
  });
});

describe('member ratings (HD01)', () => {
  it('accepts a member of the whole period at any level when not a leader', () => {
    for (const l of HD01_LEVELS) expect(member(memberDraft(rated(l)), { teamLevel: 'khong_hoan_thanh' })).toEqual([]);
  });

  it('refuses members of organisations that are not Tổ bảo vệ ANTT', () => {
    const v = checkMemberRating(
      {
        scheme: 'hieu_qua',
        org: OLD_TEAM,
        member: { fullName: 'A', role: 'to_vien', joinedOn: '2021-01-01', leftOn: null },
        year: 2026,
        teamRating: null,
      },
      memberDraft(rated('hoan_thanh')),
    );
    expect(v[0]).toMatch(/Chỉ thành viên Tổ bảo vệ an ninh, trật tự/);
  });

  it.each([
    ['2026-02-15', null, true],
    ['2026-02-16', null, false],
    ['2021-01-01', '2026-08-14', true],
    ['2021-01-01', '2026-08-13', false],
  ])('a member from %s to %s is rated in 2026: %s', (joinedOn, leftOn, ok) => {
    const v = member(memberDraft(rated('hoan_thanh')), { joinedOn, leftOn });
    expect(v.length === 0).toBe(ok);
    if (!ok) expect(v[0]).toContain('Thành viên Nguyễn Văn An chỉ hoạt động');
  });

  it('counts only the time the team existed towards a member’s nine months', () => {
    const org = { validFrom: '2026-03-01', validTo: null };
    expect(member(memberDraft(rated('hoan_thanh')), { joinedOn: '2026-03-01', org })).toHaveLength(1);
    expect(member(memberDraft(notRated('chua_du_9_thang')), { joinedOn: '2026-03-01', org })).toEqual([]);
  });

  it('a tổ trưởng may not be rated above the team', () => {
    const v = member(memberDraft(rated('hoan_thanh_xuat_sac')), { role: 'to_truong', teamLevel: 'hoan_thanh_tot' });
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('Mức xếp loại của tổ trưởng (Hoàn thành xuất sắc) không được cao hơn mức của tổ (Hoàn thành tốt)');
    expect(member(memberDraft(rated('hoan_thanh_tot')), { role: 'to_truong', teamLevel: 'hoan_thanh_tot' })).toEqual([]);
    expect(member(memberDraft(rated('hoan_thanh')), { role: 'to_truong', teamLevel: 'hoan_thanh_tot' })).toEqual([]);
  });

  it('except when newly transferred, stated on the rating', () => {
    expect(
      member(memberDraft(rated('hoan_thanh_xuat_sac'), { newlyTransferred: true }), { role: 'to_truong', teamLevel: 'hoan_thanh' }),
    ).toEqual([]);
  });

  it('applies to a tổ phó only when acting as the leader', () => {
    expect(member(memberDraft(rated('hoan_thanh_xuat_sac')), { role: 'to_pho', teamLevel: 'hoan_thanh' })).toEqual([]);
    const v = member(memberDraft(rated('hoan_thanh_xuat_sac'), { actingLeader: true }), { role: 'to_pho', teamLevel: 'hoan_thanh' });
    expect(v[0]).toContain('tổ phó phụ trách tổ');
  });

  it('refuses "acting leader" for anyone but a tổ phó and "newly transferred" for non-leaders', () => {
    expect(member(memberDraft(rated('hoan_thanh'), { actingLeader: true }), { role: 'to_vien' })[0]).toMatch(/Chỉ tổ phó/);
    expect(member(memberDraft(rated('hoan_thanh'), { newlyTransferred: true }), { role: 'to_vien' })[0]).toMatch(/chỉ dùng cho tổ trưởng/);
    expect(
      member(memberDraft(rated('hoan_thanh'), { newlyTransferred: true, actingLeader: true }), { role: 'to_pho', teamLevel: 'hoan_thanh' }),
    ).toEqual([]);
  });

  it('the leader waits for the team’s rating; a team that is not rated sets no ceiling', () => {
    expect(member(memberDraft(rated('hoan_thanh')), { role: 'to_truong', teamLevel: 'none' })[0]).toMatch(/Hãy xếp loại tổ năm 2026 trước/);
    expect(member(memberDraft(rated('hoan_thanh')), { role: 'to_vien', teamLevel: 'none' })).toEqual([]);
    expect(member(memberDraft(rated('hoan_thanh_xuat_sac')), { role: 'to_truong', teamLevel: null })).toEqual([]);
    expect(member(memberDraft(notRated('khieu_nai_to_cao', 'Đơn ngày 01/10')), { role: 'to_truong', teamLevel: 'none' })).toEqual([]);
  });

  it('a member under complaint is not rated and the complaint is described', () => {
    expect(member(memberDraft(notRated('khieu_nai_to_cao')))[0]).toMatch(/nội dung khiếu nại/);
    expect(member(memberDraft(notRated('khieu_nai_to_cao', 'Đơn tố cáo')))).toEqual([]);
  });

  it('the leader rule agrees with the team rule for every pair of levels (property)', () => {
    const level = fc.constantFrom(...HD01_LEVELS);
    fc.assert(
      fc.property(level, level, (teamLevel, leaderLevel) => {
        const fromMember = member(memberDraft(rated(leaderLevel)), { role: 'to_truong', teamLevel }).length === 0;
        const fromTeam =
          team(rated(teamLevel), OLD_TEAM, [{ fullName: 'X', role: 'to_truong', level: leaderLevel, newlyTransferred: false }]).length ===
          0;
        return fromMember === fromTeam && fromMember === HD01_LEVELS.indexOf(leaderLevel) >= HD01_LEVELS.indexOf(teamLevel);
      }),
    );
  });

  it('every refusal is a Vietnamese sentence', () => {
    const all = [
      ...team(rated('hieu_qua')),
      ...team({ level: null, notRatedReason: null, reasonNote: null }),
      ...team(rated('hoan_thanh'), { validFrom: '2026-06-01', validTo: null }),
      ...member(memberDraft(rated('hoan_thanh_xuat_sac')), { role: 'to_truong', teamLevel: 'hoan_thanh' }),
      ...member(memberDraft(rated('hoan_thanh'), { actingLeader: true })),
    ];
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const m of all) expect(isVietnameseMessage(m), m).toBe(true);
  });
});

describe('the 20 % quota of "Hoàn thành xuất sắc"', () => {
  it.each([
    [0, 0, false],
    [1, 0, true],
    [2, 10, false],
    [3, 10, true],
    [1, 5, false],
    [1, 4, true],
    [2, 14, false],
    [3, 14, true],
    [20, 100, false],
    [21, 100, true],
  ])('%i excellent for %i good exceeds: %s (exact, no rounding)', (excellent, good, expected) => {
    expect(exceedsQuota({ excellent, good })).toBe(expected);
  });

  it('quotaMax is the largest count that does not exceed (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (excellent, good) => exceedsQuota({ excellent, good }) === excellent > quotaMax(good)),
    );
  });

  it('warns separately for teams and members, naming the area, the counts and the maximum', () => {
    const w = quotaWarnings({ year: 2026, areaName: 'Xã Gia Hòa', teams: { excellent: 3, good: 10 }, members: { excellent: 1, good: 10 } });
    expect(w).toEqual([
      'Năm 2026, Xã Gia Hòa có 3 tổ được xếp loại "Hoàn thành xuất sắc", vượt quá 20% số tổ "Hoàn thành tốt" (10 tổ, tối đa 2).',
    ]);
    const both = quotaWarnings({ year: 2026, areaName: 'X', teams: { excellent: 1, good: 0 }, members: { excellent: 5, good: 20 } });
    expect(both).toHaveLength(2);
    expect(both[1]).toContain('5 thành viên');
    expect(quotaWarnings({ year: 2026, areaName: 'X', teams: { excellent: 0, good: 0 }, members: { excellent: 0, good: 0 } })).toEqual([]);
  });
});

describe('effective organisations', () => {
  it('are those rated hiệu quả, hoàn thành tốt or hoàn thành xuất sắc', () => {
    expect(RATING_LEVELS.filter((l) => isEffective(l))).toEqual(['hoan_thanh_xuat_sac', 'hoan_thanh_tot', 'hieu_qua']);
    expect([...EFFECTIVE_LEVELS].sort()).toEqual(['hieu_qua', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac']);
    expect(isEffective(null)).toBe(false);
    expect(isEffective(undefined)).toBe(false);
  });

  it('ratingText names levels and reasons in Vietnamese', () => {
    expect(ratingText(null)).toBe('Chưa xếp loại');
    expect(ratingText({ level: 'hieu_qua', notRatedReason: null })).toBe('Hoạt động hiệu quả');
    expect(ratingText({ level: null, notRatedReason: 'khieu_nai_to_cao' })).toBe('Không xếp loại (đang bị khiếu nại, tố cáo)');
  });
});

describe('member dates', () => {
  const org = { name: 'Tổ bảo vệ ANTT thôn 1', validFrom: '2024-07-01', validTo: null };
  it('accepts a membership inside the organisation’s life', () => {
    expect(checkMemberDates({ joinedOn: '2024-07-01', leftOn: null }, org)).toBeNull();
    expect(checkMemberDates({ joinedOn: '2025-01-01', leftOn: '2025-01-01' }, org)).toBeNull();
  });
  it('refuses joining before the organisation began, and leaving before joining', () => {
    expect(checkMemberDates({ joinedOn: '2024-06-30', leftOn: null }, org)).toMatch(
      /không được trước ngày "Tổ bảo vệ ANTT thôn 1" bắt đầu hoạt động \(01\/07\/2024\)/,
    );
    expect(checkMemberDates({ joinedOn: '2025-01-02', leftOn: '2025-01-01' }, org)).toMatch(/Ngày thôi tham gia \(01\/01\/2025\)/);
  });
  it('a member of an ended organisation must have left by its end', () => {
    const ended = { ...org, validTo: '2026-06-30' };
    expect(checkMemberDates({ joinedOn: '2025-01-01', leftOn: '2026-06-30' }, ended)).toBeNull();
    expect(checkMemberDates({ joinedOn: '2025-01-01', leftOn: null }, ended)).toMatch(/đã kết thúc hoạt động từ 30\/06\/2026/);
    expect(checkMemberDates({ joinedOn: '2025-01-01', leftOn: '2026-07-01' }, ended)).toMatch(/không được sau ngày đó/);
    expect(checkMemberDates({ joinedOn: '2026-07-01', leftOn: '2026-07-02' }, ended)).toMatch(/ngày tham gia không được sau/);
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(0229) 3123 456', '02293123456'],
    ['', null],
    ['   ', null],
  ])('normalizes %j to %j', (text, expected) => {
    expect(normalizePhone(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['091234567', '091234567890', 'abc', '1912345678', '09123x5678', '+1 202 555 0100'])('refuses %j in Vietnamese', (text) => {
    const r = normalizePhone(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(isVietnameseMessage(r.message)).toBe(true);
  });

  it.each([
    ['0912345678', '09******78'],
    ['02293123456', '02*******56'],
    ['1234', '****'],
    ['12345', '12*45'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks nothing when there is no number', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });

  it('a masked number keeps its length and never more than four digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0\d{9,10}$/), (phone) => {
        const m = maskPhone(phone)!;
        return (
          m.length === phone.length && m.replace(/\*/g, '').length === 4 && m.startsWith(phone.slice(0, 2)) && m.endsWith(phone.slice(-2))
        );
      }),
    );
  });
});

describe('the Vietnamese sort key', () => {
  const letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ 0123456789'-.".split(
    '',
  );
  const text = fc.array(fc.constantFrom(...letters), { maxLength: 14 }).map((a) => a.join(''));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  it('orders like compareVietnamese (property)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => cmp(vietnameseSortKey(a), vietnameseSortKey(b)) === Math.sign(compareVietnamese(a, b))),
      { numRuns: 20_000 },
    );
  });

  it('puts the Vietnamese letters in their order and numbers by value', () => {
    const names = ['Đinh Văn Đức', 'Dương Thị Dung', 'Ân', 'Ăn', 'An', 'Bùi Văn B', 'Thôn 10', 'Thôn 2', 'Ưng', 'Uông'];
    const byKey = [...names].sort((a, b) => cmp(vietnameseSortKey(a), vietnameseSortKey(b)));
    expect(byKey).toEqual(['An', 'Ăn', 'Ân', 'Bùi Văn B', 'Dương Thị Dung', 'Đinh Văn Đức', 'Thôn 2', 'Thôn 10', 'Uông', 'Ưng']);
  });
});

describe('the members list on the wire (columns)', () => {
  it('every rating cell survives encoding, and -1 is "no rating"', () => {
    const cells = [
      null,
      ...RATING_LEVELS.map((level) => ({ level, notRatedReason: null })),
      ...NOT_RATED_REASONS.map((notRatedReason) => ({ level: null, notRatedReason })),
    ];
    const codes = cells.map(encodeRatingCell);
    expect(new Set(codes).size).toBe(cells.length);
    expect(codes[0]).toBe(-1);
    for (const [i, c] of cells.entries()) expect(decodeRatingCell(codes[i]!)).toEqual(c);
    expect(decodeRatingCell(99)).toBeNull();
  });

  it('decodes columns into rows, organisations by index', () => {
    const rows = decodeMemberColumns({
      orgs: [{ id: 'org-a' }, { id: 'org-b' }],
      columns: {
        id: ['m1', 'm2'],
        fullName: ['Nguyễn Văn An', 'Lê Thị Bình'],
        org: [1, 0],
        gender: [0, 1],
        birthYear: [1970, null],
        ethnicity: ['Kinh', null],
        role: [0, 2],
        phoneMasked: ['09******78', null],
        joinedOn: ['2024-07-01', '2025-01-01'],
        leftOn: [null, '2026-05-31'],
        rating: [encodeRatingCell({ level: 'hoan_thanh_tot', notRatedReason: null }), -1],
      },
    });
    expect(rows).toEqual([
      {
        id: 'm1',
        massOrgId: 'org-b',
        fullName: 'Nguyễn Văn An',
        gender: 'nam',
        birthYear: 1970,
        ethnicity: 'Kinh',
        role: 'to_truong',
        phoneMasked: '09******78',
        joinedOn: '2024-07-01',
        leftOn: null,
        rating: { level: 'hoan_thanh_tot', notRatedReason: null },
      },
      {
        id: 'm2',
        massOrgId: 'org-a',
        fullName: 'Lê Thị Bình',
        gender: 'nu',
        birthYear: null,
        ethnicity: null,
        role: 'to_vien',
        phoneMasked: null,
        joinedOn: '2025-01-01',
        leftOn: '2026-05-31',
        rating: null,
      },
    ]);
  });
});
