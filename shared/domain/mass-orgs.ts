/**
 * Grassroots mass organisations (tổ chức quần chúng tham gia bảo vệ ANTT) and their members
 * (domain.md §4.3), and the rating rules of Tổ bảo vệ an ninh, trật tự under HD01/HD-BCA-V05
 * (domain.md §6.4). Pure: dates and "today" are passed in; every refusal is a Vietnamese sentence.
 *
 * Two rating schemes exist:
 *   - 'hd01'      Tổ bảo vệ ANTT (Law 2023): team and each member on four levels, or "không xếp loại"
 *                 with its reason; rating period 15/11(Y-1)–14/11(Y).
 *   - 'hieu_qua'  every other kind: the organisation is "hoạt động hiệu quả" or not, per year.
 */
import { formatDateVi } from '../lib/dates';
import { personalColumns } from './table-registry';
import { OWNERSHIP_TEXTS } from './ownership';

import { coversNineMonths, overlap, periodText, ratingPeriod, spanLengthText, type DateSpan } from './mass-org-dates';

// ---------------------------------------------------------------------------------------------
// Enums and labels
// ---------------------------------------------------------------------------------------------

export const RATING_SCHEMES = ['hd01', 'hieu_qua'] as const;
export type RatingScheme = (typeof RATING_SCHEMES)[number];

/** HD01 levels, best first (the order is the rank used by the leader rule). */
export const HD01_LEVELS = ['hoan_thanh_xuat_sac', 'hoan_thanh_tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
export type Hd01Level = (typeof HD01_LEVELS)[number];

export const EFFECTIVENESS_LEVELS = ['hieu_qua', 'chua_hieu_qua'] as const;
export type EffectivenessLevel = (typeof EFFECTIVENESS_LEVELS)[number];

export const RATING_LEVELS = [...HD01_LEVELS, ...EFFECTIVENESS_LEVELS] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Why a Tổ bảo vệ ANTT or one of its members is "không xếp loại" for a year. */
export const NOT_RATED_REASONS = ['chua_du_9_thang', 'khieu_nai_to_cao', 'khac'] as const;
export type NotRatedReason = (typeof NOT_RATED_REASONS)[number];

export const MEMBER_ROLES = ['to_truong', 'to_pho', 'to_vien', 'khac'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const GENDERS = ['nam', 'nu'] as const;
export type Gender = (typeof GENDERS)[number];

export const RATING_LABELS: Readonly<Record<RatingLevel, string>> = {
  hoan_thanh_xuat_sac: 'Hoàn thành xuất sắc',
  hoan_thanh_tot: 'Hoàn thành tốt',
  hoan_thanh: 'Hoàn thành',
  khong_hoan_thanh: 'Không hoàn thành',
  hieu_qua: 'Hoạt động hiệu quả',
  chua_hieu_qua: 'Chưa hiệu quả',
};

export const NOT_RATED_LABEL = 'Không xếp loại';

export const NOT_RATED_REASON_LABELS: Readonly<Record<NotRatedReason, string>> = {
  chua_du_9_thang: 'Hoạt động chưa đủ 9 tháng trong kỳ',
  khieu_nai_to_cao: 'Đang bị khiếu nại, tố cáo',
  khac: 'Lý do khác',
};

export const ROLE_LABELS: Readonly<Record<MemberRole, string>> = {
  to_truong: 'Tổ trưởng',
  to_pho: 'Tổ phó',
  to_vien: 'Tổ viên',
  khac: 'Khác',
};

export const GENDER_LABELS: Readonly<Record<Gender, string>> = { nam: 'Nam', nu: 'Nữ' };

/** A gender as words; NULL (not known here: an office's file left it out) as "không rõ". */
export function genderText(gender: Gender | null): string {
  return gender === null ? OWNERSHIP_TEXTS.unknown : GENDER_LABELS[gender];
}

/** A member's name in sentences; NULL (not known here) as "(không rõ tên)". */
export function memberNameText(fullName: string | null): string {
  return fullName ?? '(không rõ tên)';
}

export const SCHEME_LABELS: Readonly<Record<RatingScheme, string>> = {
  hd01: 'Xếp loại 4 mức theo HD01/HD-BCA-V05',
  hieu_qua: 'Hiệu quả / chưa hiệu quả',
};

export function levelsOf(scheme: RatingScheme): readonly RatingLevel[] {
  return scheme === 'hd01' ? HD01_LEVELS : EFFECTIVENESS_LEVELS;
}

// ---------------------------------------------------------------------------------------------
// The catalogue of kinds
// ---------------------------------------------------------------------------------------------

export interface BuiltInKind {
  id: string;
  code: string;
  name: string;
  scheme: RatingScheme;
  sortOrder: number;
}

/**
 * Kinds shipped with the app, with fixed ids so that two offices' files (and the province's
 * consolidation) mean the same kind by the same id. Names from domain.md §4.3 and the reports it
 * cites; the office may rename or deactivate them (except the statutory Tổ bảo vệ ANTT, which cannot
 * be deactivated) and add its own kinds, which are always rated hiệu quả / chưa hiệu quả.
 */
export const BUILT_IN_KINDS: readonly BuiltInKind[] = [
  { id: '9068e308-4a4e-4512-9e34-06939b518384', code: 'to_bao_ve_antt', name: 'Tổ bảo vệ an ninh, trật tự', scheme: 'hd01', sortOrder: 10 },
  { id: 'befd1f95-0b1e-4c73-99d1-ff602725cc50', code: 'to_tu_quan', name: 'Tổ tự quản', scheme: 'hieu_qua', sortOrder: 20 },
  {
    id: '303858f0-37c3-42aa-920e-a1cfbefe2aa9',
    code: 'to_lien_gia_tu_quan',
    name: 'Tổ liên gia tự quản',
    scheme: 'hieu_qua',
    sortOrder: 30,
  },
  { id: 'ab1f4b15-12a2-45b2-944e-f7c88a8d7d7d', code: 'to_hoa_giai', name: 'Tổ hòa giải', scheme: 'hieu_qua', sortOrder: 40 },
  {
    id: 'f4587f18-bde5-46b0-ba1e-9b328ab6189f',
    code: 'to_an_ninh_nhan_dan',
    name: 'Tổ an ninh nhân dân',
    scheme: 'hieu_qua',
    sortOrder: 50,
  },
  { id: 'def9a7b0-dd07-40b3-af49-5cd4efd5d3ba', code: 'dong_ho_tu_quan', name: 'Dòng họ tự quản', scheme: 'hieu_qua', sortOrder: 60 },
  { id: 'e6ccb10d-e3e8-4ce4-b28e-8ebf3d3f12de', code: 'cum_lien_ket', name: 'Cụm liên kết', scheme: 'hieu_qua', sortOrder: 70 },
  { id: '39b21a67-a313-4388-8809-2a2400c59107', code: 'cau_lac_bo', name: 'Câu lạc bộ', scheme: 'hieu_qua', sortOrder: 80 },
  { id: '1312ce25-3892-40ae-9161-4b5b43a7e417', code: 'doi_dan_phong', name: 'Đội dân phòng', scheme: 'hieu_qua', sortOrder: 90 },
  {
    id: '6b3da810-372c-4d2e-92a3-d7d1ff6eb554',
    code: 'to_lien_gia_an_toan_pccc',
    name: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
    scheme: 'hieu_qua',
    sortOrder: 100,
  },
  { id: 'f84d6ba5-adc9-40bf-9132-1ed946930d74', code: 'khac', name: 'Khác', scheme: 'hieu_qua', sortOrder: 1000 },
];

export const TO_BAO_VE_ANTT_KIND_ID = BUILT_IN_KINDS[0]!.id;

/**
 * Columns of `mass_org_members` that hold personal data (Nghị định 13/2023/NĐ-CP): a later export
 * to the province or any summary must leave them out unless it has a reason to carry them.
 * Derived from the table registry (shared/domain/table-registry.ts), which marks them.
 */
export const PERSONAL_MEMBER_FIELDS: readonly string[] = personalColumns('mass_org_members');

/**
 * The 54 ethnic groups of Viet Nam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê), offered as
 * suggestions; the field stays free text so that other spellings in old records are not refused.
 */
export const ETHNIC_GROUPS: readonly string[] = [
  'Kinh',
  'Tày',
  'Thái',
  'Hoa',
  'Khơ-me',
  'Mường',
  'Nùng',
  'HMông',
  'Dao',
  'Gia-rai',
  'Ngái',
  'Ê-đê',
  'Ba-na',
  'Xơ-đăng',
  'Sán Chay',
  'Cơ-ho',
  'Chăm',
  'Sán Dìu',
  'Hrê',
  'Mnông',
  'Ra-glai',
  'Xtiêng',
  'Bru-Vân Kiều',
  'Thổ',
  'Giáy',
  'Cơ-tu',
  'Gié-Triêng',
  'Mạ',
  'Khơ-mú',
  'Co',
  'Tà-ôi',
  'Chơ-ro',
  'Kháng',
  'Xinh-mun',
  'Hà Nhì',
  'Chu-ru',
  'Lào',
  'La Chí',
  'La Ha',
  'Phù Lá',
  'La Hủ',
  'Lự',
  'Lô Lô',
  'Chứt',
  'Mảng',
  'Pà Thẻn',
  'Cờ Lao',
  'Cống',
  'Bố Y',
  'Si La',
  'Pu Péo',
  'Brâu',
  'Ơ-đu',
  'Rơ-măm',
];

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

export interface OrgDates {
  validFrom: string;
  validTo: string | null;
}

export interface MemberDates {
  joinedOn: string;
  leftOn: string | null;
}

/** The time a team operated inside the rating period of `year`, or null when it did not. */
export function teamSpan(org: OrgDates, year: number): DateSpan | null {
  return overlap(org.validFrom, org.validTo, ratingPeriod(year));
}

/** The time a member took part inside the period: membership ∩ the team's life ∩ the period. */
export function memberSpan(member: MemberDates, org: OrgDates, year: number): DateSpan | null {
  const inOrg = teamSpan(org, year);
  if (!inOrg) return null;
  return overlap(member.joinedOn, member.leftOn, inOrg);
}

export interface RatingDraft {
  level: RatingLevel | null;
  notRatedReason: NotRatedReason | null;
  reasonNote: string | null;
}

export interface MemberRatingDraft extends RatingDraft {
  /** A tổ phó in charge of the team in the tổ trưởng's place: the leader rule applies to them. */
  actingLeader: boolean;
  /** Newly transferred leader (HD01's exception to the leader rule), stated on this rating. */
  newlyTransferred: boolean;
}

export interface StoredRating {
  level: RatingLevel | null;
  notRatedReason: NotRatedReason | null;
}

/** Rank for comparison: 0 is the best HD01 level. */
export function levelRank(level: Hd01Level): number {
  return HD01_LEVELS.indexOf(level);
}

export function isHd01Level(level: RatingLevel): level is Hd01Level {
  return (HD01_LEVELS as readonly string[]).includes(level);
}

/**
 * "Effective" for the overview and the year-end figure (Hà Nội 2017: 7.288/10.546 organisations
 * "hoạt động hiệu quả, hoàn thành tốt nhiệm vụ"): rated hiệu quả, or for a Tổ bảo vệ ANTT rated
 * hoàn thành tốt or hoàn thành xuất sắc, for the year.
 */
export const EFFECTIVE_LEVELS = ['hieu_qua', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac'] as const satisfies readonly RatingLevel[];

export function isEffective(level: RatingLevel | null | undefined): boolean {
  return level != null && (EFFECTIVE_LEVELS as readonly string[]).includes(level);
}

export function ratingText(r: StoredRating | null | undefined): string {
  if (!r) return 'Chưa xếp loại';
  if (r.level) return RATING_LABELS[r.level];
  return r.notRatedReason ? `${NOT_RATED_LABEL} (${NOT_RATED_REASON_LABELS[r.notRatedReason].toLowerCase()})` : NOT_RATED_LABEL;
}

/** Checks that are the same for a team and a member: the shape of the draft against the scheme. */
function checkShape(scheme: RatingScheme, draft: RatingDraft, who: string): string[] {
  const out: string[] = [];
  if (scheme === 'hieu_qua') {
    if (draft.level === null || !(EFFECTIVENESS_LEVELS as readonly string[]).includes(draft.level)) {
      out.push(`${who} được đánh giá "${RATING_LABELS.hieu_qua}" hoặc "${RATING_LABELS.chua_hieu_qua}".`);
    }
    if (draft.notRatedReason !== null) out.push(`"${NOT_RATED_LABEL}" chỉ áp dụng cho Tổ bảo vệ an ninh, trật tự.`);
    return out;
  }
  if (draft.level !== null && draft.notRatedReason !== null) {
    out.push('Chỉ chọn một mức xếp loại hoặc "Không xếp loại", không chọn cả hai.');
  } else if (draft.level === null && draft.notRatedReason === null) {
    out.push('Hãy chọn mức xếp loại, hoặc "Không xếp loại" kèm lý do.');
  }
  if (draft.level !== null && !isHd01Level(draft.level)) {
    out.push(`Tổ bảo vệ an ninh, trật tự được xếp loại theo 4 mức: ${HD01_LEVELS.map((l) => RATING_LABELS[l]).join(', ')}.`);
  }
  if ((draft.notRatedReason === 'khieu_nai_to_cao' || draft.notRatedReason === 'khac') && !draft.reasonNote) {
    out.push(
      draft.notRatedReason === 'khieu_nai_to_cao'
        ? 'Hãy ghi nội dung khiếu nại, tố cáo (ngày nhận, nội dung chính).'
        : 'Hãy ghi lý do không xếp loại.',
    );
  }
  return out;
}

/** The nine-month rule, for a span the team or member was active in the period. */
function checkNineMonths(span: DateSpan | null, year: number, draft: RatingDraft, who: string, whoLower: string): string[] {
  if (span === null) {
    return [`${who} không hoạt động trong kỳ đánh giá năm ${year} (${periodText(year)}), nên không có xếp loại của năm này.`];
  }
  const enough = coversNineMonths(span);
  const lengthText = `${formatDateVi(span.from)} – ${formatDateVi(span.to)}: ${spanLengthText(span)}`;
  if (!enough && draft.level !== null) {
    return [
      `${who} chỉ hoạt động ${lengthText} trong kỳ đánh giá năm ${year} (${periodText(year)}); ` +
        `${whoLower} hoạt động dưới 9 tháng không được xếp loại (chọn "${NOT_RATED_LABEL}").`,
    ];
  }
  if (enough && draft.notRatedReason === 'chua_du_9_thang') {
    return [`${who} đã hoạt động đủ 9 tháng trong kỳ đánh giá năm ${year} (${lengthText}); lý do "chưa đủ 9 tháng" không đúng.`];
  }
  return [];
}

export interface LeaderRating {
  fullName: string | null;
  level: RatingLevel | null;
  newlyTransferred: boolean;
  role: MemberRole;
}

/**
 * A team's rating for a year. `leaders` are the current ratings of the year for the tổ trưởng and
 * acting tổ phó: a new team level below one of them is refused (HD01: a leader may not be rated
 * above the team), so the rule holds whichever of the two ratings is entered last.
 */
export function checkTeamRating(
  input: { scheme: RatingScheme; org: OrgDates; year: number; leaders: readonly LeaderRating[] },
  draft: RatingDraft,
): string[] {
  const shape = checkShape(input.scheme, draft, 'Tổ chức');
  if (shape.length > 0 || input.scheme === 'hieu_qua') return shape;
  const span = teamSpan(input.org, input.year);
  const nine = checkNineMonths(span, input.year, draft, 'Tổ', 'tổ');
  if (nine.length > 0) return nine;
  const out: string[] = [];
  if (draft.level !== null && isHd01Level(draft.level)) {
    for (const l of input.leaders) {
      if (l.newlyTransferred || l.level === null || !isHd01Level(l.level)) continue;
      if (levelRank(l.level) < levelRank(draft.level)) {
        out.push(
          `${ROLE_LABELS[l.role]} ${memberNameText(l.fullName)} đang được xếp loại "${RATING_LABELS[l.level]}", cao hơn mức "${RATING_LABELS[draft.level]}" của tổ. ` +
            'Mức xếp loại của tổ trưởng (hoặc tổ phó phụ trách) không được cao hơn của tổ; hãy sửa xếp loại của người đó trước.',
        );
      }
    }
  }
  return out;
}

/**
 * A member's rating for a year (Tổ bảo vệ ANTT only). `teamRating` is the team's rating of the same
 * year, or null when it has none yet.
 */
export function checkMemberRating(
  input: {
    scheme: RatingScheme;
    org: OrgDates;
    member: MemberDates & { role: MemberRole; fullName: string | null };
    year: number;
    teamRating: StoredRating | null;
  },
  draft: MemberRatingDraft,
): string[] {
  if (input.scheme !== 'hd01') {
    return ['Chỉ thành viên Tổ bảo vệ an ninh, trật tự được xếp loại (theo HD01/HD-BCA-V05); các tổ chức khác được đánh giá theo cả tổ.'];
  }
  const shape = checkShape('hd01', draft, 'Thành viên');
  if (draft.actingLeader && input.member.role !== 'to_pho') {
    shape.push('Chỉ tổ phó mới có thể được ghi là người phụ trách tổ thay tổ trưởng.');
  }
  const isLeader = input.member.role === 'to_truong' || (input.member.role === 'to_pho' && draft.actingLeader);
  if (draft.newlyTransferred && !isLeader) {
    shape.push('Trường hợp "mới được điều động, chuyển đến" chỉ dùng cho tổ trưởng (hoặc tổ phó phụ trách tổ).');
  }
  if (shape.length > 0) return shape;
  const span = memberSpan(input.member, input.org, input.year);
  const nine = checkNineMonths(span, input.year, draft, `Thành viên ${memberNameText(input.member.fullName)}`, 'thành viên');
  if (nine.length > 0) return nine;
  if (!isLeader || draft.level === null || draft.newlyTransferred || !isHd01Level(draft.level)) return [];
  const who = input.member.role === 'to_truong' ? 'tổ trưởng' : 'tổ phó phụ trách tổ';
  if (input.teamRating === null) {
    return [`Hãy xếp loại tổ năm ${input.year} trước khi xếp loại ${who}: mức của ${who} không được cao hơn mức của tổ.`];
  }
  const teamLevel = input.teamRating.level;
  if (teamLevel !== null && isHd01Level(teamLevel) && levelRank(draft.level) < levelRank(teamLevel)) {
    return [
      `Mức xếp loại của ${who} (${RATING_LABELS[draft.level]}) không được cao hơn mức của tổ (${RATING_LABELS[teamLevel]}), ` +
        'trừ trường hợp mới được điều động, chuyển đến.',
    ];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The 20 % quota of "Hoàn thành xuất sắc"
// ---------------------------------------------------------------------------------------------

export interface QuotaCounts {
  excellent: number;
  good: number;
}

/**
 * HD01: those rated "Hoàn thành xuất sắc" must not exceed 20 % of those rated "Hoàn thành tốt" in
 * the managed area. The base is ambiguous in the sources (domain.md §6.4); we read it literally —
 * excellent ≤ 20 % × good, compared exactly (no rounding: excellent × 100 ≤ 20 × good), counted
 * separately for teams and for members, per commune (the area whose Chủ tịch UBND decides the
 * ratings: its own teams and those of its residential areas) — and only ever warn, never refuse.
 */
export function exceedsQuota(c: QuotaCounts): boolean {
  return c.excellent * 100 > 20 * c.good;
}

/** The largest number of "Hoàn thành xuất sắc" allowed for that many "Hoàn thành tốt". */
export function quotaMax(good: number): number {
  return Math.floor((good * 20) / 100);
}

export const QUOTA_BASE_NOTE =
  'Cách tính: số được xếp loại "Hoàn thành xuất sắc" so với 20% số được xếp loại "Hoàn thành tốt", ' +
  'tính riêng cho tổ và cho thành viên, trong từng xã, phường (nơi Chủ tịch UBND cấp xã quyết định xếp loại), ' +
  'gồm các tổ thuộc xã, phường đó và các khu dân cư trực thuộc.';

export function quotaWarnings(input: { year: number; areaName: string; teams: QuotaCounts; members: QuotaCounts }): string[] {
  const out: string[] = [];
  const one = (c: QuotaCounts, what: string) => {
    if (!exceedsQuota(c)) return;
    out.push(
      `Năm ${input.year}, ${input.areaName} có ${c.excellent} ${what} được xếp loại "Hoàn thành xuất sắc", ` +
        `vượt quá 20% số ${what} "Hoàn thành tốt" (${c.good} ${what}, tối đa ${quotaMax(c.good)}).`,
    );
  };
  one(input.teams, 'tổ');
  one(input.members, 'thành viên');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Members: dates, phone numbers
// ---------------------------------------------------------------------------------------------

/** A member's dates against the organisation's life; null when consistent. */
export function checkMemberDates(member: MemberDates, org: OrgDates & { name: string }): string | null {
  if (member.joinedOn < org.validFrom) {
    return `Ngày tham gia (${formatDateVi(member.joinedOn)}) không được trước ngày "${org.name}" bắt đầu hoạt động (${formatDateVi(org.validFrom)}).`;
  }
  if (member.leftOn !== null && member.leftOn < member.joinedOn) {
    return `Ngày thôi tham gia (${formatDateVi(member.leftOn)}) không được trước ngày tham gia (${formatDateVi(member.joinedOn)}).`;
  }
  if (org.validTo !== null) {
    if (member.joinedOn > org.validTo) {
      return `"${org.name}" đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}; ngày tham gia không được sau ngày đó.`;
    }
    if (member.leftOn === null || member.leftOn > org.validTo) {
      return `"${org.name}" đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}; ngày thôi tham gia phải ghi và không được sau ngày đó.`;
    }
  }
  return null;
}

/**
 * A phone number as typed (spaces, dots, dashes, +84 allowed) → digits starting with 0, or a
 * Vietnamese sentence. Mobile numbers have 10 digits, landlines 10 or 11.
 */
export function normalizePhone(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const compact = text.replace(/[\s.\-()]/g, '');
  if (compact === '') return { ok: true, value: null };
  const local = compact.startsWith('+84')
    ? `0${compact.slice(3)}`
    : compact.startsWith('84') && compact.length === 11
      ? `0${compact.slice(2)}`
      : compact;
  if (!/^0\d{9,10}$/.test(local)) {
    return { ok: false, message: `Số điện thoại "${text.trim()}" không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84).` };
  }
  return { ok: true, value: local };
}

/** "0912345678" → "09******78": lists never show a whole number; the edit form does. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return null;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return phone.slice(0, 2) + '*'.repeat(phone.length - 4) + phone.slice(-2);
}
