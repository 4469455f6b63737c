/**
 * The registry overview: the summary figures offices quote in reports, and the sentences that say
 * them the way the seed reports do ("14 loại mô hình với tổng số 88 điểm mô hình..."). Pure: the
 * figures come from the services; this module only shapes and words them.
 */
import { formatDecimalVi, formatIntVi } from '../lib/numbers';
import type { Hd22Counts } from './models';

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

export function organizationsSentence(f: OrganizationFigures): string {
  if (f.total === 0) return 'Chưa có cơ quan, doanh nghiệp, cơ sở giáo dục nào trong danh sách.';
  let s =
    `Trên địa bàn có ${formatIntVi(f.total)} cơ quan, doanh nghiệp, cơ sở giáo dục ` +
    `(${formatIntVi(f.byKind.co_quan)} cơ quan, ${formatIntVi(f.byKind.doanh_nghiep)} doanh nghiệp, ` +
    `${formatIntVi(f.byKind.co_so_giao_duc)} cơ sở giáo dục), trong đó ${formatIntVi(f.eligible)} đơn vị thuộc ` +
    'đối tượng đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"';
  if (f.incomplete > 0) s += `; ${formatIntVi(f.incomplete)} đơn vị cần bổ sung thông tin để xác định`;
  return `${s}.`;
}

export function modelsSentence(f: ModelFigures): string {
  if (f.models === 0) return 'Chưa có mô hình nào trong danh sách.';
  let s =
    `Hiện nay trên địa bàn có ${formatIntVi(f.modelTypes)} loại mô hình với tổng số ${formatIntVi(f.sites)} ` +
    'điểm mô hình đang hoạt động';
  if (f.newSites > 0) s += `. Số điểm mô hình mới xây dựng là ${formatIntVi(f.newSites)} điểm mô hình`;
  if (f.retired > 0) s += `; đã thanh loại ${formatIntVi(f.retired)} mô hình kém hiệu quả`;
  return `${s}.`;
}

export function massOrgsSentence(f: MassOrgFigures): string {
  if (f.organizations === 0) return 'Chưa có tổ chức quần chúng nào trong danh sách.';
  let s = `Trên địa bàn có ${formatIntVi(f.organizations)} tổ chức quần chúng với ${formatIntVi(f.members)} thành viên`;
  const share = percentVi(f.effective, f.organizations);
  if (f.effective > 0 && share) {
    s +=
      `, trong đó có ${formatIntVi(f.effective)}/${formatIntVi(f.organizations)} tổ chức (${share}) ` +
      'được đánh giá là hoạt động hiệu quả, hoàn thành tốt nhiệm vụ được giao';
  }
  return `${s}.`;
}
