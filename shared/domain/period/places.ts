/** New models and where they were built (for the models sentence). */
import { formatIntVi } from '../../lib/numbers';
import { compareVietnamese, foldVietnamese } from '../../lib/text';
import { lowerFirst } from './periods';

export const SCHOOL_LEVEL_ORDER = ['dai_hoc', 'cao_dang', 'thpt', 'lien_cap', 'gdnn_gdtx', 'thcs', 'khac'] as const;
const SCHOOL_LEVEL_WORDS: Readonly<Record<string, string>> = {
  dai_hoc: 'đại học',
  cao_dang: 'cao đẳng',
  thpt: 'THPT',
  lien_cap: 'liên cấp',
  gdnn_gdtx: 'Trung tâm GDNN&GDTX',
  thcs: 'THCS',
  khac: 'cơ sở giáo dục khác',
};

const COMMUNE_KIND_ORDER = ['xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
const COMMUNE_KIND_WORDS: Readonly<Record<string, string>> = { xa: 'xã', phuong: 'phường', thi_tran: 'thị trấn', dac_khu: 'đặc khu' };

export interface PlaceUnit {
  id: string;
  parentId: string | null;
  level: string;
  kind: string;
  name: string;
}

export interface EligibleSchool {
  unitId: string;
  name: string;
  subKind: string;
}

export interface NewModelPlaces {
  name: string;
  /**
   * Communes with a new site (outside the schools), or the commune that built a model with no site;
   * `names` in Vietnamese order (a sentence names up to PLACES_NAMED of them).
   */
  communes: { count: number; kinds: string[]; only: string | null; names: string[] };
  /** Units above the communes (huyện, tỉnh) with a new site or that built a model with no site there. */
  areas: string[];
  /** Eligible schools with a new site, out of the eligible schools in scope, and their levels. */
  schools: { count: number; eligible: number; levels: string[] } | null;
}

/** The commune a unit is in (itself, or the commune above a residential area); else the unit itself when above the communes. */
function placeOf(units: ReadonlyMap<string, PlaceUnit>, unitId: string): { commune: PlaceUnit } | { area: PlaceUnit } | null {
  let u = units.get(unitId);
  for (let guard = 0; u && guard < 20; guard++) {
    if (u.level === 'xa') return { commune: u };
    if (u.level !== 'khu_dan_cu') return { area: u };
    u = u.parentId ? units.get(u.parentId) : undefined;
  }
  return null;
}

/**
 * Where a model was newly built: each new site at an eligible school (its organisation name matches
 * a school's name, ignoring diacritics; the school in the site's own unit first) counts for that
 * school; every other site for its commune. A model with no new site is placed at the commune that
 * built it.
 */
interface SchoolIndex {
  byName: Map<string, EligibleSchool[]>;
  levels: string[];
}

/**
 * The schools by folded name and their levels, built once per list (issue 16: a ten-year period at a
 * province places 600 new models among 3.000 schools, and rebuilding the index per model cost
 * seconds). Keyed by the list itself, which callers do not change after passing it.
 */
const SCHOOL_INDEXES = new WeakMap<readonly EligibleSchool[], SchoolIndex>();
function schoolIndex(schools: readonly EligibleSchool[]): SchoolIndex {
  let index = SCHOOL_INDEXES.get(schools);
  if (!index) {
    const byName = new Map<string, EligibleSchool[]>();
    for (const s of schools) {
      const k = foldVietnamese(s.name);
      const list = byName.get(k);
      if (list) list.push(s);
      else byName.set(k, [s]);
    }
    index = { byName, levels: SCHOOL_LEVEL_ORDER.filter((l) => schools.some((s) => s.subKind === l)) };
    SCHOOL_INDEXES.set(schools, index);
  }
  return index;
}

export function newModelPlaces(
  model: { name: string; originUnitId: string },
  newSites: readonly { unitId: string; organizationName: string | null }[],
  units: ReadonlyMap<string, PlaceUnit>,
  schools: readonly EligibleSchool[],
): NewModelPlaces {
  const { byName, levels } = schoolIndex(schools);
  const schoolHits = new Set<EligibleSchool>();
  const communes = new Map<string, PlaceUnit>();
  const areas = new Map<string, PlaceUnit>();
  const place = (unitId: string) => {
    const p = placeOf(units, unitId);
    if (p && 'commune' in p) communes.set(p.commune.id, p.commune);
    else if (p) areas.set(p.area.id, p.area);
  };
  for (const site of newSites) {
    const candidates = site.organizationName ? (byName.get(foldVietnamese(site.organizationName)) ?? []) : [];
    const school = candidates.find((s) => s.unitId === site.unitId) ?? candidates[0];
    if (school) {
      schoolHits.add(school);
      continue;
    }
    place(site.unitId);
  }
  if (newSites.length === 0) place(model.originUnitId);
  const kinds = COMMUNE_KIND_ORDER.filter((k) => [...communes.values()].some((c) => c.kind === k));
  return {
    name: model.name,
    communes: {
      count: communes.size,
      kinds,
      only: communes.size === 1 ? [...communes.values()][0]!.name : null,
      names: [...communes.values()].map((c) => c.name).sort(compareVietnamese),
    },
    areas: [...areas.values()].map((a) => a.name).sort(compareVietnamese),
    schools: schoolHits.size > 0 ? { count: schoolHits.size, eligible: schools.length, levels: [...levels] } : null,
  };
}

/** Up to this many communes are named ("tại xã Gia Hòa và xã Gia Thắng"); more are counted ("tại 21 xã, thị trấn"). */
export const PLACES_NAMED = 3;

function joinVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** "tại 21 xã, thị trấn", "tại xã Gia Thắng", "tại huyện Gia Viễn", "ở 25/25 trường THPT, THCS". */
export function placesPhrase(p: Pick<NewModelPlaces, 'communes' | 'schools' | 'areas'>): string {
  const at: string[] = p.areas.map(lowerFirst);
  const names = p.communes.names;
  if (p.communes.count > 0 && p.communes.count <= PLACES_NAMED && names.length === p.communes.count) at.push(...names.map(lowerFirst));
  else if (p.communes.count > 0)
    at.push(`${formatIntVi(p.communes.count)} ${p.communes.kinds.map((k) => COMMUNE_KIND_WORDS[k]).join(', ')}`);
  const parts: string[] = [];
  if (at.length > 0) parts.push(`tại ${joinVi(at)}`);
  if (p.schools) {
    const words = p.schools.levels.map((l) => SCHOOL_LEVEL_WORDS[l] ?? l).join(', ');
    parts.push(`ở ${formatIntVi(p.schools.count)}/${formatIntVi(p.schools.eligible)} trường${words ? ` ${words}` : ''}`);
  }
  return parts.join(' và ');
}

/**
 * "Năm 2022, đã xây dựng mới 3 mô hình, gồm: “…” tại 21 xã, thị trấn; mô hình “…” tại xã Gia
 * Thắng; …" (the Gia Viễn report's words, with the models counted): each model by its name, with
 * its places.
 */
export function newModelsSentence(intro: string, models: readonly NewModelPlaces[]): string | null {
  if (models.length === 0) return null;
  const item = (p: NewModelPlaces, i: number) => {
    const where = placesPhrase(p);
    return `${i === 0 ? '' : 'mô hình '}“${p.name}”${where ? ` ${where}` : ''}`;
  };
  if (models.length === 1) return `${intro}, đã xây dựng mới mô hình ${item(models[0]!, 0)}.`;
  return `${intro}, đã xây dựng mới ${formatIntVi(models.length)} mô hình, gồm: ${models.map(item).join('; ')}.`;
}
