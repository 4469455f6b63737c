/**
 * The sentences of the registration figures (registrations.ts), worded as the offices' reports
 * quote them: x/y per kind, the households the residential areas registered with, agencies,
 * enterprises and schools together with their split. Missing data is said ("thiếu dữ liệu"), never
 * written as 0: a year with no registration recorded at all, registrations without their
 * households, a year with no recognition decision recorded.
 */
import { formatIntVi } from '../../lib/numbers';
import { percentVi } from '../overview';
import {
  REGISTRATION_GROUP_NOUNS,
  noRecognitionRecords,
  noRegistrationRecords,
  type RegistrationCount,
  type RegistrationFigures,
  type RegistrationGroup,
} from './registrations';

const n = formatIntVi;
export const REGISTRATION_MISSING = 'thiếu dữ liệu';
const STANDARD = 'đạt tiêu chuẩn "An toàn về an ninh, trật tự"';
const ORG_KINDS = ['co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const;

export interface RegistrationSentences {
  registration: string;
  recognition: string;
}

/** "709/730 khu dân cư"; with the share when asked ("709/730 khu dân cư (97,1%)"). */
export function ratioVi(c: RegistrationCount, group: RegistrationGroup, part: 'registered' | 'recognised', share = false): string {
  const pct = share ? percentVi(c[part], c.total) : null;
  return `${n(c[part])}/${n(c.total)} ${REGISTRATION_GROUP_NOUNS[group]}${pct ? ` (${pct})` : ''}`;
}

/** "Năm 2022", or "Năm 2022 (năm cuối của kỳ)" when the period starts in an earlier year. */
export function registrationLead(year: number, periodFrom?: string): string {
  return periodFrom === undefined || Number(periodFrom.slice(0, 4)) === year ? `Năm ${year}` : `Năm ${year} (năm cuối của kỳ)`;
}

function householdsClause(f: RegistrationFigures): string {
  const h = f.households;
  if (f.groups.khu_dan_cu.registered === 0) return '';
  if (h.registered === null) return ` (số hộ gia đình đăng ký: ${REGISTRATION_MISSING})`;
  const missing = h.missing > 0 ? ` (${n(h.missing)} khu dân cư chưa ghi số hộ đăng ký: ${REGISTRATION_MISSING})` : '';
  return ` với ${n(h.registered)} hộ gia đình${missing}`;
}

/** The clauses per kind that has units in the year, organisations together with their split. */
function clauses(f: RegistrationFigures, part: 'registered' | 'recognised', households: boolean): string[] {
  const out: string[] = [];
  const g = f.groups;
  if (g.khu_dan_cu.total > 0) out.push(ratioVi(g.khu_dan_cu, 'khu_dan_cu', part) + (households ? householdsClause(f) : ''));
  if (g.xa.total > 0) out.push(ratioVi(g.xa, 'xa', part));
  const kinds = ORG_KINDS.filter((k) => g[k].total > 0);
  if (kinds.length === 1) out.push(ratioVi(g[kinds[0]!], kinds[0]!, part));
  else if (kinds.length > 1) out.push(`${ratioVi(g.to_chuc, 'to_chuc', part)} (${kinds.map((k) => ratioVi(g[k], k, part)).join(', ')})`);
  return out;
}

/**
 * "Năm 2022, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 709/730 khu dân cư với
 * 51.511 hộ gia đình; 12/12 xã, phường, thị trấn; 150/160 cơ quan, doanh nghiệp, cơ sở giáo dục
 * (120/125 cơ quan, 10/15 doanh nghiệp, 20/20 cơ sở giáo dục)." and the recognition sentence.
 */
export function registrationSentences(f: RegistrationFigures, periodFrom?: string): RegistrationSentences {
  const lead = registrationLead(f.year, periodFrom);
  const anyUnits = clauses(f, 'registered', false).length > 0;
  if (!anyUnits) {
    const none = `Chưa có khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục nào trong danh sách năm ${f.year} (${REGISTRATION_MISSING}).`;
    return { registration: none, recognition: none };
  }
  const registration = noRegistrationRecords(f)
    ? `Chưa có số liệu đăng ký xây dựng ${STANDARD} năm ${f.year} (${REGISTRATION_MISSING}: chưa ghi nhận bản đăng ký nào).`
    : `${lead}, đăng ký xây dựng ${STANDARD}: ${clauses(f, 'registered', true).join('; ')}.`;
  const recognition = !noRecognitionRecords(f)
    ? `Kết quả công nhận ${STANDARD} năm ${f.year}: ${clauses(f, 'recognised', false).join('; ')}.`
    : `Chưa ghi nhận quyết định công nhận ${STANDARD} năm ${f.year} (${REGISTRATION_MISSING}).`;
  return { registration, recognition };
}
