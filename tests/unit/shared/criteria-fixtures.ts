/**
 * Shared fixtures of the criteria tests: the shipped rule sets read from resources/, hand-built
 * units that pass every criterion of their rule set, and the two mutations the golden tests apply
 * to one criterion at a time — make it fail, or take its input away.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRuleSet, type Rule, type RuleSet } from '../../../shared/domain/criteria/ruleset';
import type { Attestation, UnitFacts } from '../../../shared/domain/criteria/facts';
import { SCALE_INFO } from '../../../shared/domain/criteria/vocabulary';

export const RULESET_DIR = path.resolve('resources/rulesets');

export function readResource(file: string): string {
  return readFileSync(path.join(RULESET_DIR, file), 'utf8');
}

export function loadRuleSet(file: string): RuleSet {
  const r = parseRuleSet(readResource(file));
  if (!r.ok) throw new Error(`${file}: ${r.errors.join('\n')}`);
  return r.value;
}

export const KDC = loadRuleSet('tt124-khu-dan-cu.json');
export const XA = loadRuleSet('tt124-xa.json');
export const CQ = loadRuleSet('tt124-co-quan-doanh-nghiep.json');
export const GD = loadRuleSet('tt124-co-so-giao-duc.json');
export const PROVINCE_EXTRA = loadRuleSet('example-province-extra.json');

export const YEAR = 2025;

export function yes(on = '2025-11-05'): Attestation {
  return { value: true, by: 'Nguyễn Văn An, Trưởng Công an xã', on };
}

/** Every ATTESTED rule of the set answered "yes". */
function allAttested(rs: RuleSet): Record<string, Attestation> {
  return Object.fromEntries(rs.rules.filter((r) => r.type === 'ATTESTED').map((r) => [r.id, yes()]));
}

/** Incidents of a year with no excusable or security events, fewer than the year before. */
function quietYear(): Pick<UnitFacts, 'incidents' | 'previousIncidents'> {
  return {
    incidents: {
      byCategory: {
        toi_pham_it_nghiem_trong: { count: 2, sources: [{ kind: 'incident', id: 'i-1', label: 'Trộm cắp tài sản ngày 03/03/2025' }] },
        te_nan_xa_hoi: { count: 3 },
        tai_nan_giao_thong: { count: 4 },
      },
      sources: [{ kind: 'thong_ke', label: 'Thống kê tình hình ANTT năm 2025' }],
    },
    previousIncidents: {
      byCategory: {
        toi_pham_it_nghiem_trong: { count: 4 },
        te_nan_xa_hoi: { count: 3 },
        vi_pham_khac: { count: 2 },
      },
    },
  };
}

export function passingKdc(id = 'kdc-dong', name = 'Thôn Đông'): UnitFacts {
  return {
    unitId: id,
    unitName: name,
    unitKind: 'khu_dan_cu',
    year: YEAR,
    attestations: allAttested(KDC),
    documents: {
      nghi_quyet: { date: '2025-02-10', number: '05-NQ/CB', source: { kind: 'document', id: 'd-1', label: 'Nghị quyết 05-NQ/CB' } },
      dang_ky: { date: '2025-02-15' },
    },
    ...quietYear(),
    households: { registered: 212, residing: 212 },
    counts: {},
    ratings: { to_bao_ve_antt: { scale: 'hd01', level: 'hoan_thanh_tot' } },
    flags: {},
  };
}

export function passingXa(): UnitFacts {
  return {
    unitId: 'xa-gia-hoa',
    unitName: 'Xã Gia Hòa',
    unitKind: 'xa',
    year: YEAR,
    attestations: allAttested(XA),
    documents: { nghi_quyet: { date: '2025-01-20' }, ke_hoach: { date: '2025-02-01' }, dang_ky: { date: '2025-03-31' } },
    ...quietYear(),
    counts: { mo_hinh_hieu_qua: { value: 2, sources: [{ kind: 'model', id: 'm-1', label: 'Camera an ninh' }] } },
    ratings: {},
    subUnits: {
      khu_dan_cu: { eligible: 20, registered: 20, recognised: 16, undecided: 0 },
      co_quan: { eligible: 5, registered: 5, recognised: 3, undecided: 0 },
    },
    flags: {},
  };
}

function passingOrg(kind: 'co_quan' | 'co_so_giao_duc', rs: RuleSet): UnitFacts {
  return {
    unitId: kind === 'co_quan' ? 'org-ubnd' : 'org-thpt',
    unitName: kind === 'co_quan' ? 'Chi cục Thuế khu vực' : 'Trường THPT Gia Viễn A',
    unitKind: kind,
    year: YEAR,
    attestations: allAttested(rs),
    documents: { nghi_quyet: { date: '2025-01-05' }, ke_hoach: { date: '2025-01-15' }, dang_ky: { date: '2025-01-15' } },
    incidents: { byCategory: {} },
    previousIncidents: { byCategory: {} },
    staff: { briefed: 120, total: 120 },
    departments: { good: 8, total: 10 },
    counts: {
      mo_hinh_hieu_qua: { value: 1 },
      ky_luat_luc_luong_bao_ve: { value: 0 },
      ky_luat_can_bo: { value: 0 },
      pham_toi_trong_truong: { value: 0 },
      te_nan_trong_truong: { value: 0 },
    },
    ratings: { luc_luong_bao_ve: { scale: 'xep_loai_tap_the', level: 'hoan_thanh_tot_nhiem_vu' } },
    flags: { hasPartyOrg: true, hasSecurityForce: true, eligibleForTitles: true, generalEducation: true },
  };
}

export const passingCq = () => passingOrg('co_quan', CQ);
export const passingGd = () => passingOrg('co_so_giao_duc', GD);

export const GOLDEN: readonly { name: string; ruleSet: RuleSet; passing: () => UnitFacts }[] = [
  { name: 'khu dân cư (Điều 4)', ruleSet: KDC, passing: () => passingKdc() },
  { name: 'xã (Điều 5)', ruleSet: XA, passing: passingXa },
  { name: 'cơ quan, doanh nghiệp (Điều 6)', ruleSet: CQ, passing: passingCq },
  { name: 'cơ sở giáo dục (Điều 7)', ruleSet: GD, passing: passingGd },
];

/** A copy of `facts` on which exactly `rule` fails. */
export function breakRule(rule: Rule, base: UnitFacts): UnitFacts {
  const f = structuredClone(base);
  switch (rule.type) {
    case 'ATTESTED':
      f.attestations[rule.id] = { value: false, by: 'Trần Thị Bình, cán bộ Công an xã', on: '2025-11-06', note: 'Chưa thực hiện đầy đủ' };
      break;
    case 'DATE_IN_Q1':
      f.documents[rule.params.documents[0]!] = { date: `${f.year}-04-05` };
      break;
    case 'ZERO':
      if (rule.params.incidents) {
        const c = rule.params.incidents[0]!;
        const cur = f.incidents!.byCategory[c]?.count ?? 0;
        f.incidents!.byCategory[c] = { count: cur + 1 };
      } else {
        f.counts[rule.params.counts![0]!] = { value: 1 };
      }
      break;
    case 'MIN':
      f.counts[rule.params.count] = { value: rule.params.min - 1 };
      break;
    case 'PCT':
      switch (rule.params.ratio) {
        case 'ho_gia_dinh':
          f.households = { registered: f.households!.residing! - 1, residing: f.households!.residing! };
          break;
        case 'quan_triet':
          f.staff = { briefed: f.staff!.total! - 1, total: f.staff!.total! };
          break;
        case 'phong_ban':
          f.departments = { good: 6, total: 10 };
          break;
        case 'don_vi_dang_ky':
          f.subUnits!.khu_dan_cu = { ...f.subUnits!.khu_dan_cu!, registered: f.subUnits!.khu_dan_cu!.eligible - 1 };
          break;
        case 'don_vi_cong_nhan':
          f.subUnits!.khu_dan_cu = { ...f.subUnits!.khu_dan_cu!, recognised: 13 }; // 16/25
          break;
      }
      break;
    case 'CMP_PREV': {
      const g = rule.params.groups[1] ?? rule.params.groups[0]!;
      const c = g.incidents[0]!;
      const prev = f.previousIncidents!.byCategory[c]?.count ?? 0;
      f.incidents!.byCategory[c] = { count: prev + 1 };
      break;
    }
    case 'RATING': {
      const levels = SCALE_INFO[rule.params.scale].levels;
      f.ratings[rule.params.subject] = { scale: rule.params.scale, level: levels[levels.length - 1]! };
      break;
    }
  }
  return f;
}

/** A copy of `facts` on which the input of `rule` is not known. */
export function dropInput(rule: Rule, base: UnitFacts): UnitFacts {
  const f = structuredClone(base);
  switch (rule.type) {
    case 'ATTESTED':
      delete f.attestations[rule.id];
      break;
    case 'DATE_IN_Q1':
      delete f.documents[rule.params.documents[0]!];
      break;
    case 'ZERO':
      if (rule.params.incidents) delete f.incidents;
      else delete f.counts[rule.params.counts![0]!];
      break;
    case 'MIN':
      delete f.counts[rule.params.count];
      break;
    case 'PCT':
      if (rule.params.ratio === 'ho_gia_dinh') delete f.households;
      else if (rule.params.ratio === 'quan_triet') delete f.staff;
      else if (rule.params.ratio === 'phong_ban') delete f.departments;
      else delete f.subUnits;
      break;
    case 'CMP_PREV':
      delete f.previousIncidents;
      break;
    case 'RATING':
      delete f.ratings[rule.params.subject];
      break;
  }
  return f;
}
