/**
 * Agencies, enterprises and schools (cơ quan, doanh nghiệp, cơ sở giáo dục) — domain.md §4.1, §5.5.
 *
 * Owns the enums and their Vietnamese labels, the consistency rules of one record's facts, and the
 * pure decision whether an organisation falls within Thông tư 124/2021/TT-BCA:
 *  - out of scope (TT124 Art. 1): bodies and units of the people's armed forces; small and micro
 *    enterprises; primary schools, preschools and nurseries;
 *  - small / micro enterprises are defined by Nghị định 80/2021/NĐ-CP Art. 5.
 *
 * Reading of Decree 80 Art. 5 ("và ... hoặc"): an enterprise is micro (resp. small) when
 *     employees ≤ E  AND  (revenue ≤ R  OR  capital ≤ C)
 * — the employee ceiling is always required and either financial ceiling suffices. This is the
 * reading the parent law states explicitly (Luật Hỗ trợ DNNVV 04/2017/QH14 Art. 4: "có số lao động
 * tham gia BHXH bình quân năm không quá 200 người và đáp ứng một trong hai tiêu chí sau đây: tổng
 * nguồn vốn ...; tổng doanh thu ..."), and the one Decree 80 itself repeats for each size class.
 * Every ceiling is inclusive ("không quá"). Small includes micro here because only "small or micro"
 * matters for TT124; the decree's "nhưng không phải là doanh nghiệp siêu nhỏ" only makes the two
 * classes disjoint, which we use for the wording of the reason.
 *
 * Missing inputs are never guessed. The size is decided with three-valued logic: a comparison with
 * a missing number is "unknown", and the result is only "small" or "not small" when every possible
 * value of the missing inputs would give the same answer (e.g. 250 insured employees is "not small"
 * whatever the revenue, capital or sector). Otherwise the enterprise is `incomplete`: shown as
 * "Cần bổ sung thông tin" and NOT counted as eligible, so the commune's denominators (XA-4) never
 * silently include or exclude it.
 */
import { formatDateVi } from '../lib/dates';
import { foldVietnamese } from '../lib/text';
import { validInYear } from '../lib/validity';

export const ORG_KINDS = ['co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  co_quan: 'Cơ quan',
  doanh_nghiep: 'Doanh nghiệp',
  co_so_giao_duc: 'Cơ sở giáo dục',
};

export const CO_QUAN_SUB_KINDS = [
  'co_quan_nha_nuoc',
  'co_quan_hanh_chinh',
  'don_vi_su_nghiep_cong_lap',
  'to_chuc_chinh_tri_xa_hoi',
  'to_chuc_xa_hoi_nghe_nghiep',
  'khac',
] as const;

/** Enterprises are sub-classified by ownership. */
export const DOANH_NGHIEP_SUB_KINDS = ['nha_nuoc', 'tu_nhan', 'von_dau_tu_nuoc_ngoai', 'hop_tac_xa', 'khac'] as const;

/** Schools are sub-classified by level. */
export const CO_SO_GIAO_DUC_SUB_KINDS = [
  'nha_tre',
  'mam_non',
  'tieu_hoc',
  'thcs',
  'thpt',
  'lien_cap',
  'gdnn_gdtx',
  'cao_dang',
  'dai_hoc',
  'khac',
] as const;

export const SUB_KINDS_BY_KIND = {
  co_quan: CO_QUAN_SUB_KINDS,
  doanh_nghiep: DOANH_NGHIEP_SUB_KINDS,
  co_so_giao_duc: CO_SO_GIAO_DUC_SUB_KINDS,
} as const satisfies Readonly<Record<OrgKind, readonly string[]>>;

export type OrgSubKind =
  (typeof CO_QUAN_SUB_KINDS)[number] | (typeof DOANH_NGHIEP_SUB_KINDS)[number] | (typeof CO_SO_GIAO_DUC_SUB_KINDS)[number];

/** Every sub-kind value once (`khac` is shared by the three kinds). */
export const ORG_SUB_KINDS = [
  'co_quan_nha_nuoc',
  'co_quan_hanh_chinh',
  'don_vi_su_nghiep_cong_lap',
  'to_chuc_chinh_tri_xa_hoi',
  'to_chuc_xa_hoi_nghe_nghiep',
  'nha_nuoc',
  'tu_nhan',
  'von_dau_tu_nuoc_ngoai',
  'hop_tac_xa',
  'nha_tre',
  'mam_non',
  'tieu_hoc',
  'thcs',
  'thpt',
  'lien_cap',
  'gdnn_gdtx',
  'cao_dang',
  'dai_hoc',
  'khac',
] as const satisfies readonly OrgSubKind[];

export const SUB_KIND_LABELS: Readonly<Record<OrgKind, Readonly<Record<string, string>>>> = {
  co_quan: {
    co_quan_nha_nuoc: 'Cơ quan nhà nước',
    co_quan_hanh_chinh: 'Cơ quan hành chính',
    don_vi_su_nghiep_cong_lap: 'Đơn vị sự nghiệp công lập',
    to_chuc_chinh_tri_xa_hoi: 'Tổ chức chính trị - xã hội',
    to_chuc_xa_hoi_nghe_nghiep: 'Tổ chức xã hội - nghề nghiệp',
    khac: 'Cơ quan, tổ chức khác',
  },
  doanh_nghiep: {
    nha_nuoc: 'Doanh nghiệp nhà nước',
    tu_nhan: 'Doanh nghiệp tư nhân (ngoài nhà nước)',
    von_dau_tu_nuoc_ngoai: 'Doanh nghiệp có vốn đầu tư nước ngoài',
    hop_tac_xa: 'Hợp tác xã',
    khac: 'Loại hình doanh nghiệp khác',
  },
  co_so_giao_duc: {
    nha_tre: 'Nhà trẻ',
    mam_non: 'Mầm non, mẫu giáo',
    tieu_hoc: 'Tiểu học',
    thcs: 'Trung học cơ sở',
    thpt: 'Trung học phổ thông',
    // A combined school that stops at primary level is entered as "Tiểu học" (excluded anyway).
    lien_cap: 'Liên cấp (có cấp trung học)',
    gdnn_gdtx: 'Giáo dục nghề nghiệp - giáo dục thường xuyên',
    cao_dang: 'Cao đẳng',
    dai_hoc: 'Đại học, học viện',
    khac: 'Cơ sở giáo dục khác',
  },
};

export function subKindLabel(kind: OrgKind, subKind: string): string {
  return SUB_KIND_LABELS[kind][subKind] ?? subKind;
}

export function isSubKindOf(kind: OrgKind, subKind: string): boolean {
  return (SUB_KINDS_BY_KIND[kind] as readonly string[]).includes(subKind);
}

/** Who has authority over the organisation ("thuộc thẩm quyền quản lý"), TT124 Art. 10. */
export const MANAGING_LEVELS = ['xa', 'huyen', 'tinh', 'bo'] as const;
export type ManagingLevel = (typeof MANAGING_LEVELS)[number];

export const MANAGING_LEVEL_LABELS: Readonly<Record<ManagingLevel, string>> = {
  xa: 'Cấp xã',
  huyen: 'Cấp huyện',
  tinh: 'Cấp tỉnh',
  bo: 'Bộ, ngành Trung ương',
};

/** Sector groups of Decree 80/2021 Art. 5 (each has its own ceilings). */
export const SECTOR_GROUPS = ['nong_lam_thuy_san_cong_nghiep_xay_dung', 'thuong_mai_dich_vu'] as const;
export type SectorGroup = (typeof SECTOR_GROUPS)[number];

export const SECTOR_GROUP_LABELS: Readonly<Record<SectorGroup, string>> = {
  nong_lam_thuy_san_cong_nghiep_xay_dung: 'Nông, lâm nghiệp, thủy sản; công nghiệp, xây dựng',
  thuong_mai_dich_vu: 'Thương mại, dịch vụ',
};

/** Ceilings of Decree 80/2021 Art. 5 (employees: insured, annual average; money: billion VND). */
export interface SizeCeiling {
  employees: number;
  revenueBillion: number;
  capitalBillion: number;
}

export const MICRO_CEILINGS: Readonly<Record<SectorGroup, SizeCeiling>> = {
  nong_lam_thuy_san_cong_nghiep_xay_dung: { employees: 10, revenueBillion: 3, capitalBillion: 3 },
  thuong_mai_dich_vu: { employees: 10, revenueBillion: 10, capitalBillion: 3 },
};

export const SMALL_CEILINGS: Readonly<Record<SectorGroup, SizeCeiling>> = {
  nong_lam_thuy_san_cong_nghiep_xay_dung: { employees: 100, revenueBillion: 50, capitalBillion: 20 },
  thuong_mai_dich_vu: { employees: 50, revenueBillion: 100, capitalBillion: 50 },
};

/** The inputs Decree 80 needs; null = not entered. */
export interface EnterpriseSizeInputs {
  sectorGroup: SectorGroup | null;
  insuredEmployees: number | null;
  revenueBillion: number | null;
  capitalBillion: number | null;
}

/** Three-valued truth: true, false, or null = cannot be told from what is known. */
type Tri = boolean | null;

function atMost(value: number | null, ceiling: number): Tri {
  return value === null ? null : value <= ceiling;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}

/** employees ≤ E AND (revenue ≤ R OR capital ≤ C), in three-valued logic. */
function withinCeiling(inputs: EnterpriseSizeInputs, c: SizeCeiling): Tri {
  return and(
    atMost(inputs.insuredEmployees, c.employees),
    or(atMost(inputs.revenueBillion, c.revenueBillion), atMost(inputs.capitalBillion, c.capitalBillion)),
  );
}

/** The same answer for every possible sector group, or null when the groups disagree. */
function forAnySector(inputs: EnterpriseSizeInputs, test: (g: SectorGroup) => Tri): Tri {
  if (inputs.sectorGroup !== null) return test(inputs.sectorGroup);
  const answers = SECTOR_GROUPS.map(test);
  return answers.every((a) => a === answers[0]) ? answers[0]! : null;
}

export function isMicro(inputs: EnterpriseSizeInputs): Tri {
  return forAnySector(inputs, (g) => withinCeiling(inputs, MICRO_CEILINGS[g]));
}

/** Small OR micro (the micro ceilings lie inside the small ones in both sector groups). */
export function isSmallOrMicro(inputs: EnterpriseSizeInputs): Tri {
  return forAnySector(inputs, (g) => withinCeiling(inputs, SMALL_CEILINGS[g]));
}

/** 'sieu_nho' | 'nho' | 'khong_nho' (medium or large) | 'chua_xac_dinh'. */
export type EnterpriseSize = 'sieu_nho' | 'nho' | 'nho_hoac_sieu_nho' | 'khong_nho' | 'chua_xac_dinh';

export function enterpriseSize(inputs: EnterpriseSizeInputs): EnterpriseSize {
  const small = isSmallOrMicro(inputs);
  if (small === null) return 'chua_xac_dinh';
  if (small === false) return 'khong_nho';
  const micro = isMicro(inputs);
  return micro === true ? 'sieu_nho' : micro === false ? 'nho' : 'nho_hoac_sieu_nho';
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
export function formatNumberVi(n: number): string {
  return numberFormat.format(n);
}

export const ELIGIBILITY_STATUSES = ['eligible', 'ineligible', 'incomplete'] as const;
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export const ELIGIBILITY_LABELS: Readonly<Record<EligibilityStatus, string>> = {
  eligible: 'Thuộc diện áp dụng',
  ineligible: 'Không thuộc diện áp dụng',
  incomplete: 'Cần bổ sung thông tin',
};

export interface Eligibility {
  /** Counted in TT124's scope (registration, evaluation, the commune's XA-4 denominators). */
  eligible: boolean;
  status: EligibilityStatus;
  /** Why, in Vietnamese, citing the instrument. */
  reason: string;
}

export interface OrgEligibilityFacts extends EnterpriseSizeInputs {
  kind: OrgKind;
  subKind: string;
  isArmedForces: boolean;
}

const TT124 = 'Thông tư 124/2021/TT-BCA';
const ND80 = 'Nghị định 80/2021/NĐ-CP';
export const EXCLUDED_SCHOOL_LEVELS: readonly string[] = ['nha_tre', 'mam_non', 'tieu_hoc'];

const missingLabels: Record<keyof EnterpriseSizeInputs, string> = {
  sectorGroup: 'lĩnh vực hoạt động',
  insuredEmployees: 'số lao động tham gia bảo hiểm xã hội bình quân năm',
  revenueBillion: 'tổng doanh thu của năm',
  capitalBillion: 'tổng nguồn vốn của năm',
};

/** describeInputs' texts by their inputs: Intl formatting dominated the eligibility of thousands of enterprises per read. */
const described = new Map<string, string>();

function describeInputs(i: EnterpriseSizeInputs): string {
  const key = `${i.insuredEmployees}|${i.revenueBillion}|${i.capitalBillion}|${i.sectorGroup}`;
  let text = described.get(key);
  if (text === undefined) {
    text = describeInputsOnce(i);
    if (described.size >= 20_000) described.clear();
    described.set(key, text);
  }
  return text;
}

function describeInputsOnce(i: EnterpriseSizeInputs): string {
  const parts: string[] = [];
  if (i.insuredEmployees !== null) parts.push(`${formatNumberVi(i.insuredEmployees)} lao động tham gia BHXH`);
  if (i.revenueBillion !== null) parts.push(`doanh thu ${formatNumberVi(i.revenueBillion)} tỷ đồng`);
  if (i.capitalBillion !== null) parts.push(`nguồn vốn ${formatNumberVi(i.capitalBillion)} tỷ đồng`);
  if (i.sectorGroup !== null) parts.push(`lĩnh vực ${SECTOR_GROUP_LABELS[i.sectorGroup].toLowerCase()}`);
  return parts.join(', ');
}

function ceilingText(c: SizeCeiling): string {
  return `không quá ${c.employees} lao động và doanh thu không quá ${c.revenueBillion} tỷ đồng hoặc nguồn vốn không quá ${c.capitalBillion} tỷ đồng`;
}

function enterpriseEligibility(inputs: EnterpriseSizeInputs): Eligibility {
  const facts = describeInputs(inputs);
  const g = inputs.sectorGroup;
  const outOfScope = `Doanh nghiệp nhỏ và siêu nhỏ không thuộc phạm vi áp dụng của ${TT124}.`;
  switch (enterpriseSize(inputs)) {
    case 'sieu_nho':
      return {
        eligible: false,
        status: 'ineligible',
        reason: `Doanh nghiệp siêu nhỏ theo Điều 5 khoản 1 ${ND80}${g ? ` (${ceilingText(MICRO_CEILINGS[g])})` : ''}: ${facts}. ${outOfScope}`,
      };
    case 'nho':
      return {
        eligible: false,
        status: 'ineligible',
        reason: `Doanh nghiệp nhỏ theo Điều 5 khoản 2 ${ND80}${g ? ` (${ceilingText(SMALL_CEILINGS[g])})` : ''}: ${facts}. ${outOfScope}`,
      };
    case 'nho_hoac_sieu_nho':
      return {
        eligible: false,
        status: 'ineligible',
        reason: `Doanh nghiệp nhỏ hoặc siêu nhỏ theo Điều 5 ${ND80}: ${facts}. ${outOfScope}`,
      };
    case 'khong_nho':
      return {
        eligible: true,
        status: 'eligible',
        reason: `Doanh nghiệp không thuộc loại nhỏ, siêu nhỏ theo Điều 5 ${ND80}${g ? ` (vượt mức doanh nghiệp nhỏ: ${ceilingText(SMALL_CEILINGS[g])})` : ''}: ${facts}. Thuộc phạm vi áp dụng của ${TT124}.`,
      };
    case 'chua_xac_dinh': {
      const missing = (Object.keys(missingLabels) as (keyof EnterpriseSizeInputs)[])
        .filter((k) => inputs[k] === null)
        .map((k) => missingLabels[k]);
      return {
        eligible: false,
        status: 'incomplete',
        reason: `Chưa đủ thông tin để xác định quy mô doanh nghiệp theo Điều 5 ${ND80}; cần bổ sung: ${missing.join(', ')}. Chưa tính vào diện áp dụng ${TT124}.`,
      };
    }
  }
}

/** Is the organisation within TT124's scope, and why. Pure; depends only on the facts. */
export function orgEligibility(facts: OrgEligibilityFacts): Eligibility {
  if (facts.isArmedForces) {
    return {
      eligible: false,
      status: 'ineligible',
      reason: `Cơ quan, đơn vị thuộc lực lượng vũ trang nhân dân không thuộc phạm vi áp dụng của ${TT124} (Điều 1).`,
    };
  }
  switch (facts.kind) {
    case 'doanh_nghiep':
      return enterpriseEligibility(facts);
    case 'co_so_giao_duc':
      if (EXCLUDED_SCHOOL_LEVELS.includes(facts.subKind)) {
        return {
          eligible: false,
          status: 'ineligible',
          reason: `Cơ sở giáo dục tiểu học, mầm non, nhà trẻ không thuộc phạm vi áp dụng của ${TT124} (Điều 1); đây là cơ sở ${subKindLabel('co_so_giao_duc', facts.subKind).toLowerCase()}.`,
        };
      }
      return {
        eligible: true,
        status: 'eligible',
        reason: `Cơ sở giáo dục cấp ${subKindLabel('co_so_giao_duc', facts.subKind).toLowerCase()} thuộc phạm vi áp dụng của ${TT124} (tiêu chuẩn tại Điều 7).`,
      };
    case 'co_quan':
      return {
        eligible: true,
        status: 'eligible',
        reason: `${subKindLabel('co_quan', facts.subKind)} không thuộc lực lượng vũ trang, thuộc phạm vi áp dụng của ${TT124} (tiêu chuẩn tại Điều 6).`,
      };
  }
}

/** What each enterprise size means for TT124's scope (orgEligibility's statuses). */
const ENTERPRISE_STATUS: Readonly<Record<EnterpriseSize, EligibilityStatus>> = {
  sieu_nho: 'ineligible',
  nho: 'ineligible',
  nho_hoac_sieu_nho: 'ineligible',
  khong_nho: 'eligible',
  chua_xac_dinh: 'incomplete',
};

/**
 * orgEligibility's status alone, without its reason: for the counts (the overview, the registration
 * figures), which would otherwise build a Vietnamese sentence per organisation and drop it.
 */
export function orgEligibilityStatus(facts: OrgEligibilityFacts): EligibilityStatus {
  if (facts.isArmedForces) return 'ineligible';
  switch (facts.kind) {
    case 'doanh_nghiep':
      return ENTERPRISE_STATUS[enterpriseSize(facts)];
    case 'co_so_giao_duc':
      return EXCLUDED_SCHOOL_LEVELS.includes(facts.subKind) ? 'ineligible' : 'eligible';
    case 'co_quan':
      return 'eligible';
  }
}

/** The facts of one organisation that must agree with each other. */
export interface OrgFacts extends OrgEligibilityFacts {
  name: string;
  validFrom: string | null;
  validTo: string | null;
  endReason: string | null;
}

/**
 * Consistency of one record: field key → Vietnamese message (empty when consistent). Used by the
 * service (create/update) and the Excel import alike, so both refuse the same things.
 */
export function checkOrgFacts(f: OrgFacts): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isSubKindOf(f.kind, f.subKind)) {
    errors['subKind'] = `Phân loại không phù hợp với loại "${ORG_KIND_LABELS[f.kind]}".`;
  }
  if (f.kind !== 'doanh_nghiep') {
    const onlyEnterprise = 'Chỉ ghi đối với doanh nghiệp.';
    if (f.sectorGroup !== null) errors['sectorGroup'] = onlyEnterprise;
    if (f.insuredEmployees !== null) errors['insuredEmployees'] = onlyEnterprise;
    if (f.revenueBillion !== null) errors['revenueBillion'] = onlyEnterprise;
    if (f.capitalBillion !== null) errors['capitalBillion'] = onlyEnterprise;
  }
  if (f.validTo !== null && f.validFrom !== null && f.validTo < f.validFrom) {
    errors['validTo'] = `Ngày kết thúc (${formatDateVi(f.validTo)}) không được trước ngày bắt đầu (${formatDateVi(f.validFrom)}).`;
  }
  if (f.validTo !== null && (f.endReason === null || f.endReason.trim() === '')) {
    errors['endReason'] = 'Cần ghi lý do kết thúc.';
  }
  if (f.validTo === null && f.endReason !== null) {
    errors['endReason'] = 'Chỉ ghi lý do kết thúc khi có ngày kết thúc.';
  }
  return errors;
}

/** Active at any time during the calendar year (a null start means "since before records"). */
export function activeInYear(validFrom: string | null, validTo: string | null, year: number): boolean {
  return validInYear({ validFrom, validTo }, year);
}

/** The statuses an organisations list can be filtered by. */
export const ORG_LIST_STATUSES = ['active', 'ended', ...ELIGIBILITY_STATUSES] as const;
export type OrgListStatus = (typeof ORG_LIST_STATUSES)[number];

export const ORG_LIST_STATUS_LABELS: Readonly<Record<OrgListStatus, string>> = {
  active: 'Đang hoạt động',
  ended: 'Đã kết thúc',
  eligible: 'Thuộc diện áp dụng TT124',
  ineligible: 'Không thuộc diện áp dụng',
  incomplete: 'Cần bổ sung thông tin',
};

/** Tax code or enterprise registration number: 10 digits, optionally "-" and a 3-digit branch. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;
/** Budget-relationship codes of agencies (mã đơn vị quan hệ ngân sách) have 7 digits. */
export const BUDGET_CODE_PATTERN = /^\d{7}$/;

export function isValidOrgCode(code: string): boolean {
  return TAX_CODE_PATTERN.test(code) || BUDGET_CODE_PATTERN.test(code);
}

export const ORG_CODE_HINT =
  'Mã số thuế/mã số doanh nghiệp (10 chữ số, chi nhánh thêm "-" và 3 chữ số) hoặc mã quan hệ ngân sách (7 chữ số).';

/** The identity facts of a record that duplicate checks compare. */
export interface OrgIdentity {
  id: string | null;
  name: string;
  unitId: string;
  taxCode: string | null;
  validTo: string | null;
}

export interface OrgDuplicate {
  /** The field the person should look at. */
  field: 'taxCode' | 'name';
  /** The record that already holds the value. */
  existingId: string;
  message: string;
}

/**
 * Would `candidate` duplicate one of `existing` (records not deleted)? The same tax code is never
 * allowed twice (a tax code names one legal entity for its whole life); the same name in the same
 * unit is refused only among active records (compared without diacritics or case), since a closed
 * school's name may be reused by a new one. `unitName` names the unit in the message.
 */
export function findOrgDuplicate(
  candidate: OrgIdentity,
  existing: readonly OrgIdentity[],
  unitName: (unitId: string) => string,
): OrgDuplicate | null {
  const others = existing.filter((e) => e.id !== candidate.id);
  if (candidate.taxCode !== null) {
    const same = others.find((e) => e.taxCode === candidate.taxCode);
    if (same) {
      return {
        field: 'taxCode',
        existingId: same.id!,
        message: `Mã số ${candidate.taxCode} đã được dùng cho "${same.name}" (${unitName(same.unitId)}${same.validTo !== null ? ', đã kết thúc hoạt động' : ''}).`,
      };
    }
  }
  if (candidate.validTo === null) {
    const folded = foldVietnamese(candidate.name);
    const same = others.find((e) => e.validTo === null && e.unitId === candidate.unitId && foldVietnamese(e.name) === folded);
    if (same) {
      return {
        field: 'name',
        existingId: same.id!,
        message: `Đã có "${same.name}" đang hoạt động tại ${unitName(same.unitId)}${same.taxCode ? ` (mã số ${same.taxCode})` : ''}.`,
      };
    }
  }
  return null;
}
