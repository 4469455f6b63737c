/**
 * The registry overview: the summary figures offices quote in reports, and the sentences that say
 * them the way the seed reports do ("14 loại mô hình với tổng số 88 điểm mô hình..."). Pure: the
 * figures come from the services; this module only shapes and words them.
 */
import { formatDecimalVi, formatIntVi } from '../lib/numbers';
import type { Hd22Counts } from './models';
import { BUILT_IN_KINDS, TO_BAO_VE_ANTT_KIND_ID } from './mass-orgs';

const KHAC_KIND_ID = BUILT_IN_KINDS.find((k) => k.code === 'khac')!.id;

export interface TerritoryFigures {
  /** Communes (xã, phường, thị trấn, đặc khu) active in the year inside the chosen unit. */
  communes: number;
  residentialAreas: number;
  /** Households and residents recorded for the year (units without figures count as 0). */
  households: number;
  residents: number;
  /** Units with figures recorded for the year, to tell "0" from "not entered". */
  unitsWithFigures: number;
  trongDiem: number;
}

export interface OrganizationFigures {
  total: number;
  byKind: Record<'co_quan' | 'doanh_nghiep' | 'co_so_giao_duc', number>;
  eligible: number;
  ineligible: number;
  incomplete: number;
}

/** The models' HD22 counts (shared/domain/models.ts computes them). */
export type ModelFigures = Hd22Counts;

export interface MassOrgFigures {
  organizations: number;
  members: number;
  effective: number;
  byKind: { kindId: string; kind: string; organizations: number; members: number; effective: number }[];
}

/**
 * A share as offices write it: one decimal, comma separator, rounded half up on the exact
 * fraction (7.288/10.546 → "69,1%"). Null when there is nothing to divide by.
 */
export function percentVi(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const tenths = Math.floor((part * 1000) / whole + 0.5);
  return `${formatDecimalVi(tenths / 10, 1)}%`;
}

export function territorySentence(f: TerritoryFigures): string {
  const parts = [`Địa bàn có ${formatIntVi(f.communes)} xã, phường và ${formatIntVi(f.residentialAreas)} khu dân cư`];
  if (f.unitsWithFigures > 0) {
    parts.push(`với ${formatIntVi(f.households)} hộ, ${formatIntVi(f.residents)} nhân khẩu`);
  }
  let s = parts.join(' ');
  if (f.trongDiem > 0) s += `; ${formatIntVi(f.trongDiem)} xã trọng điểm, phức tạp về an ninh, trật tự`;
  return `${s}.`;
}

const ORGANIZATION_KIND_WORDS = { co_quan: 'cơ quan', doanh_nghiep: 'doanh nghiệp', co_so_giao_duc: 'cơ sở giáo dục' } as const;

export function organizationsSentence(f: OrganizationFigures): string {
  if (f.total === 0) return 'Chưa có cơ quan, doanh nghiệp, cơ sở giáo dục nào trong danh sách.';
  // Only the kinds listed: none entered is not "0 cơ quan" (issue 14 item 8).
  const kinds = (['co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const)
    .filter((k) => f.byKind[k] > 0)
    .map((k) => `${formatIntVi(f.byKind[k])} ${ORGANIZATION_KIND_WORDS[k]}`);
  let s =
    `Trên địa bàn có ${formatIntVi(f.total)} cơ quan, doanh nghiệp, cơ sở giáo dục (${kinds.join(', ')}), ` +
    `trong đó ${formatIntVi(f.eligible)} đơn vị thuộc đối tượng đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"`;
  if (f.incomplete > 0) s += `; ${formatIntVi(f.incomplete)} đơn vị cần bổ sung thông tin để xác định`;
  return `${s}.`;
}

/**
 * When the registry figures are said: a period still running is "Hiện nay … đang hoạt động" (the
 * seed reports' words); a period that has ended opens with its own name ("Năm 2022, trên địa bàn
 * có … hoạt động"), never "Hiện nay" (issue 14 item 8).
 */
export interface SentenceTime {
  /** "Năm 2022", "Trong 03 năm qua" (periodIntro). */
  intro: string;
  ended: boolean;
}

/**
 * "Hiện nay trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình đang hoạt động": types as
 * types, models as models (said when they are more than the types), places (điểm) as places; the
 * new places, the replicated models and the retired ones each in their own clause.
 */
export function modelsSentence(f: ModelFigures, when?: SentenceTime): string {
  if (f.models === 0) return 'Chưa có mô hình nào trong danh sách.';
  const what =
    f.models === f.modelTypes
      ? `${formatIntVi(f.modelTypes)} loại mô hình`
      : `${formatIntVi(f.models)} mô hình thuộc ${formatIntVi(f.modelTypes)} loại mô hình`;
  const lead = when?.ended ? `${when.intro}, trên địa bàn có` : 'Hiện nay trên địa bàn có';
  let s = `${lead} ${what} với tổng số ${formatIntVi(f.sites)} điểm mô hình ${when?.ended ? 'hoạt động' : 'đang hoạt động'}`;
  const more: string[] = [];
  if (f.newSites > 0) more.push(`Số điểm mô hình mới xây dựng là ${formatIntVi(f.newSites)} điểm mô hình`);
  if (f.replicated > 0) more.push(`${more.length > 0 ? 'đã' : 'Đã'} nhân rộng ${formatIntVi(f.replicated)} mô hình`);
  if (f.retired > 0) more.push(`${more.length > 0 ? 'đã' : 'Đã'} thanh loại ${formatIntVi(f.retired)} mô hình kém hiệu quả`);
  if (more.length > 0) s += `. ${more.join('; ')}`;
  return `${s}.`;
}

/** A kind's name inside a sentence: "tổ tự quản", but "Tổ bảo vệ an ninh, trật tự" and "CLB …" as written. */
export function massOrgKindWords(kindId: string, name: string): string {
  if (kindId === TO_BAO_VE_ANTT_KIND_ID) return name;
  if (kindId === KHAC_KIND_ID) return 'tổ chức khác';
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/**
 * "Trên địa bàn có 10.546 tổ chức quần chúng (1.055 Tổ bảo vệ an ninh, trật tự; 1.055 tổ tự quản; …)
 * với 135.716 thành viên, …": the kinds the office records, in its order; the members only when
 * some are recorded (no member list is "not recorded", never "0 thành viên").
 */
export function massOrgsSentence(f: MassOrgFigures): string {
  if (f.organizations === 0) return 'Chưa có tổ chức quần chúng nào trong danh sách.';
  let s = `Trên địa bàn có ${formatIntVi(f.organizations)} tổ chức quần chúng`;
  const kinds = f.byKind.filter((k) => k.organizations > 0);
  if (kinds.length > 0) s += ` (${kinds.map((k) => `${formatIntVi(k.organizations)} ${massOrgKindWords(k.kindId, k.kind)}`).join('; ')})`;
  if (f.members > 0) s += ` với ${formatIntVi(f.members)} thành viên`;
  const share = percentVi(f.effective, f.organizations);
  if (f.effective > 0 && share) {
    s +=
      `, trong đó có ${formatIntVi(f.effective)}/${formatIntVi(f.organizations)} tổ chức (${share}) ` +
      'được đánh giá là hoạt động hiệu quả, hoàn thành tốt nhiệm vụ được giao';
  }
  return `${s}.`;
}
