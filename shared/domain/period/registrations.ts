/**
 * Registration and recognition figures of a year (issue 14 item 3): how many units of each kind
 * registered to build the "An toàn về an ninh, trật tự" standard and how many were recognised, as
 * x/y of the units of that kind that exist in the year, and the households the residential areas
 * registered with — what offices quote first ("709/730 khu dân cư đăng ký với 51.511 hộ gia đình").
 *
 * Counted from the registration and decision records only, never from evaluation results, so any
 * year counts, also those before Circular 124 when no rule set exists. Pure: the service passes
 * the year's subjects (the units and organisations the board lists) with their records.
 *
 * Decisions:
 * - Kinds are the five the reports name (khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục)
 *   and two groups they quote together: cơ quan + doanh nghiệp, and all three organisation kinds.
 * - Households are summed over the registered residential areas whose registration records them; a
 *   registered area without the figure is counted apart (`missing`), never as 0, and a sum over
 *   none is null ("thiếu dữ liệu").
 */
import type { EvaluatedKind } from '../criteria/vocabulary';

export const REGISTRATION_KINDS = ['khu_dan_cu', 'xa', 'co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/** The groups reports quote: each kind, agencies with enterprises, and all organisations with schools. */
export const REGISTRATION_GROUPS = [...REGISTRATION_KINDS, 'co_quan_doanh_nghiep', 'to_chuc'] as const;
export type RegistrationGroup = (typeof REGISTRATION_GROUPS)[number];

export const REGISTRATION_GROUP_LABELS: Readonly<Record<RegistrationGroup, string>> = {
  khu_dan_cu: 'Khu dân cư',
  xa: 'Xã, phường, thị trấn',
  co_quan: 'Cơ quan',
  doanh_nghiep: 'Doanh nghiệp',
  co_so_giao_duc: 'Cơ sở giáo dục',
  co_quan_doanh_nghiep: 'Cơ quan, doanh nghiệp',
  to_chuc: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
};

/** The noun a sentence uses ("709/730 khu dân cư"). */
export const REGISTRATION_GROUP_NOUNS: Readonly<Record<RegistrationGroup, string>> = {
  khu_dan_cu: 'khu dân cư',
  xa: 'xã, phường, thị trấn',
  co_quan: 'cơ quan',
  doanh_nghiep: 'doanh nghiệp',
  co_so_giao_duc: 'cơ sở giáo dục',
  co_quan_doanh_nghiep: 'cơ quan, doanh nghiệp',
  to_chuc: 'cơ quan, doanh nghiệp, cơ sở giáo dục',
};

const GROUP_MEMBERS: Readonly<Record<RegistrationGroup, readonly RegistrationKind[]>> = {
  khu_dan_cu: ['khu_dan_cu'],
  xa: ['xa'],
  co_quan: ['co_quan'],
  doanh_nghiep: ['doanh_nghiep'],
  co_so_giao_duc: ['co_so_giao_duc'],
  co_quan_doanh_nghiep: ['co_quan', 'doanh_nghiep'],
  to_chuc: ['co_quan', 'doanh_nghiep', 'co_so_giao_duc'],
};

/** A commune of any kind (xã, phường, thị trấn, đặc khu) counts as "xã". */
export function registrationKindOf(kind: EvaluatedKind): RegistrationKind {
  if (kind === 'khu_dan_cu' || kind === 'co_quan' || kind === 'doanh_nghiep' || kind === 'co_so_giao_duc') return kind;
  return 'xa';
}

/** One unit or organisation of the year, with what its records say. */
export interface RegistrationSubject {
  kind: RegistrationKind;
  /** The unit it belongs to (itself for units, its location for organisations): for the scope test. */
  unitId: string;
  /** A registration is recorded (its own, or carried from the units it succeeded during the year). */
  registered: boolean;
  /** A recognition decision ("công nhận") is recorded. */
  recognised: boolean;
  /** Households registered (residential areas): null when the registration does not record them. */
  households: number | null;
}

export interface RegistrationCount {
  /** Units of the group that exist in the year (organisations within the standard's scope). */
  total: number;
  registered: number;
  recognised: number;
}

export interface RegistrationFigures {
  year: number;
  groups: Record<RegistrationGroup, RegistrationCount>;
  households: {
    /** Sum over the registered residential areas that record it; null when none does. */
    registered: number | null;
    /** Registered residential areas that record their households. */
    recorded: number;
    /** Registered residential areas whose registration does not say how many households. */
    missing: number;
  };
}

export function emptyRegistrationFigures(year: number): RegistrationFigures {
  const groups = {} as Record<RegistrationGroup, RegistrationCount>;
  for (const g of REGISTRATION_GROUPS) groups[g] = { total: 0, registered: 0, recognised: 0 };
  return { year, groups, households: { registered: null, recorded: 0, missing: 0 } };
}

/** Counts the subjects in scope: per kind and per group, and the households of registered areas. */
export function registrationFigures(
  year: number,
  subjects: readonly RegistrationSubject[],
  inScope: (unitId: string) => boolean = () => true,
): RegistrationFigures {
  const out = emptyRegistrationFigures(year);
  let households = 0;
  for (const s of subjects) {
    if (!inScope(s.unitId)) continue;
    for (const g of REGISTRATION_GROUPS) {
      if (!GROUP_MEMBERS[g].includes(s.kind)) continue;
      const c = out.groups[g];
      c.total++;
      if (s.registered) c.registered++;
      if (s.recognised) c.recognised++;
    }
    if (s.kind === 'khu_dan_cu' && s.registered) {
      if (s.households === null) out.households.missing++;
      else {
        out.households.recorded++;
        households += s.households;
      }
    }
  }
  out.households.registered = out.households.recorded > 0 ? households : null;
  return out;
}

/** Nothing recorded for the year: no registration and no decision among the subjects. */
export function noRegistrationRecords(f: RegistrationFigures): boolean {
  return REGISTRATION_KINDS.every((k) => f.groups[k].registered === 0 && f.groups[k].recognised === 0);
}

/** No recognition decision recorded for the year: "thiếu dữ liệu", not 0/y. */
export function noRecognitionRecords(f: RegistrationFigures): boolean {
  return REGISTRATION_KINDS.every((k) => f.groups[k].recognised === 0);
}

/** Display order: each kind, the groups after the kinds they gather. */
const DISPLAY_ORDER: readonly RegistrationGroup[] = [
  'khu_dan_cu',
  'xa',
  'co_quan',
  'doanh_nghiep',
  'co_quan_doanh_nghiep',
  'co_so_giao_duc',
  'to_chuc',
];

/** The groups worth a row: kinds with units in the year, a group only when it gathers more than one of them. */
export function shownGroups(f: RegistrationFigures): RegistrationGroup[] {
  return DISPLAY_ORDER.filter((g) => {
    const members = GROUP_MEMBERS[g].filter((k) => f.groups[k].total > 0);
    return GROUP_MEMBERS[g].length === 1 ? members.length === 1 : members.length > 1;
  });
}

/** A group that gathers several kinds (shown in bold). */
export const isGatheringGroup = (g: RegistrationGroup): boolean => GROUP_MEMBERS[g].length > 1;

/**
 * The groups as the report's sentence gives them (registration-sentences.ts): residential areas,
 * communes, and the organisations — one kind alone, or the three together (their split after it).
 * The slide and the dashboard's key figures show these rows.
 */
export function sentenceGroups(f: RegistrationFigures): RegistrationGroup[] {
  const g = f.groups;
  const out: RegistrationGroup[] = [];
  if (g.khu_dan_cu.total > 0) out.push('khu_dan_cu');
  if (g.xa.total > 0) out.push('xa');
  const kinds = ORGANISATION_KINDS.filter((k) => g[k].total > 0);
  if (kinds.length === 1) out.push(kinds[0]!);
  else if (kinds.length > 1) out.push('to_chuc');
  return out;
}

/** The organisation kinds of a gathering "to_chuc" row, in the sentence's order. */
export const ORGANISATION_KINDS = ['co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const;
