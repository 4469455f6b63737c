/**
 * The facts builder of the yearly evaluation: from the records the office keeps, the `UnitFacts` of
 * every subject (residential area, commune, organisation in TT124's scope) for one year, each value
 * with the records it came from. Everything is read once per year (`loadYear`) and then built in
 * memory, so the board of a whole district costs a handful of queries.
 *
 * What is decided here (and why), as the engine's header asks of the facts builder:
 *  - Incident statistics count as entered for a subject and window when at least one incident row
 *    lies in it, or an officer declared the year's statistics complete ("số liệu vụ việc đã đủ",
 *    `evaluation.recordFigures`). Otherwise they stay unknown and the criteria say "thiếu dữ liệu"
 *    rather than reading silence as zero.
 *  - Incidents of a unit are those entered on it, on the units below it and on the units it carries
 *    after a merge (unitsInScope); the previous window uses the same roll-up, so a commune formed by
 *    merging compares with its predecessors' figures. An organisation's incidents are the rows that
 *    name it (organization_id).
 *  - Q1 documents come from the registration. Not registered once Q1 is over means the documents
 *    are known to be absent (the Q1 criterion fails visibly); before 31/03 they are still unknown.
 *  - Effective models: models rated "hiệu quả" for the year whose origin or one of whose sites
 *    active in the year is in the unit's scope; for an organisation, sites whose organisation name
 *    is the organisation's (the model registry names the organisation in text only).
 *  - Tổ bảo vệ ANTT rating (HD01): the teams of that kind in the residential area, active in the
 *    year; with several teams the lowest rating counts, so one weak team is never hidden.
 *  - A commune's sub-units: its residential areas (active in the year) and the organisations inside
 *    it managed at commune level ("do xã quản lý", managing_level 'xa') that TT124 covers; the basis
 *    is the recognition decision (buildSubUnitFacts 'quyet_dinh').
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { loadUnitsWithLineage } from '../repos/unit-history.repo';
import {
  attestationsOfYear,
  figuresOfYears,
  overridesOfYear,
  registrationsOfYear,
  type StoredAttestation,
  type StoredFigures,
  type StoredOverride,
  type StoredRegistration,
} from '../repos/evaluation.repo';
import {
  buildSubUnitFacts,
  evaluate,
  evaluationOrder,
  evaluationPeriod,
  firstQuarter,
  incidentTableFromRows,
  normaliseSources,
  selectRuleSets,
  CriteriaError,
  type EvaluatedKind,
  type EvaluationResult,
  type EvaluationSettings,
  type IncidentRow,
  type Overrides,
  type RuleSet,
  type SourceRef,
  type SubUnitStatus,
  type UnitFacts,
} from '../../../shared/domain/criteria';
import { unitsInScope, type ScopeLink, type ScopeUnit } from '../../../shared/domain/scope';
import { activeInYear, orgEligibility, type OrgKind, type SectorGroup } from '../../../shared/domain/organizations';
import { HD01_LEVELS, NOT_RATED_REASON_LABELS, RATING_LABELS, type NotRatedReason } from '../../../shared/domain/mass-orgs';
import type { UnitKind } from '../../../shared/domain/units';
import {
  RESOLUTION_FORM_LABELS,
  boardCategoryOf,
  evaluatedKindOfUnit,
  type BoardCategory,
  type SubjectType,
} from '../../../shared/domain/evaluation';
import type { IncidentCategory, IncidentExcuse } from '../../../shared/domain/activities';
import { formatDateVi } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';
import { activeRuleSets, evaluationSettings } from './rulesets.service';
// Transition-year hook (issue 9 item 8): Q1 documents and registrations carried from predecessors.
import { carriedDocuments, carriedRegistered } from './evaluation-transition';

// ---------------------------------------------------------------------------------------------
// Subjects

export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
  kind: EvaluatedKind;
  category: BoardCategory;
  /** The unit the subject belongs to: itself for units, its location for organisations. */
  unitId: string;
  parentName: string | null;
  /** Organisations only. */
  org?: OrgRow;
}

export const subjectKey = (type: SubjectType, id: string) => `${type}:${id}`;

interface UnitRow extends ScopeUnit {
  name: string;
  level: string;
  kind: UnitKind;
  validFrom: string | null;
  validTo: string | null;
}

interface OrgRow {
  id: string;
  name: string;
  kind: OrgKind;
  subKind: string;
  unitId: string;
  managingLevel: string;
  hasPartyOrg: boolean;
  hasSecurityForce: boolean;
  /** Departments (phòng, ban, tổ, đội) as the registry records them, if known. */
  subUnitCount: number | null;
  eligible: boolean;
  eligibilityReason: string;
}

interface IncidentDbRow extends IncidentRow {
  unitId: string;
  organizationId: string | null;
}

interface ModelRow {
  id: string;
  name: string;
  originUnitId: string;
  /** Sites active in the year: unit and organisation name (folded). */
  sites: { unitId: string; orgFolded: string | null }[];
}

interface TeamRating {
  teamId: string;
  teamName: string;
  unitId: string;
  level: string | null;
  notRatedReason: string | null;
  ratingId: string;
}

/** Everything the facts of one year need, read once. */
export interface YearData {
  year: number;
  today: string;
  units: UnitRow[];
  unitsById: Map<string, UnitRow>;
  links: ScopeLink[];
  orgs: OrgRow[];
  subjects: Subject[];
  registrations: Map<string, StoredRegistration>;
  attestations: Map<string, StoredAttestation[]>;
  overrides: Map<string, StoredOverride[]>;
  /** By "type:id:year" for this year and the one before. */
  figures: Map<string, StoredFigures>;
  incidents: IncidentDbRow[];
  households: Map<string, { id: string; households: number | null }>;
  models: ModelRow[];
  teamRatings: TeamRating[];
  propaganda: { id: string; unitId: string; organizationId: string | null; date: string }[];
  tips: { id: string; unitId: string; date: string }[];
  ruleSets: RuleSet[];
  settings: EvaluationSettings;
  scopeCache: Map<string, Set<string>>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export interface Rules {
  ruleSets: RuleSet[];
  settings: EvaluationSettings;
}

/**
 * Rule sets and settings, read outside any transaction (the rule-set service reads ctx.db). Sets
 * marked as examples (the shipped illustration of a province's extra criteria) are never used to
 * evaluate: their own note says they are not for real evaluations.
 */
export async function loadRules(ctx: ServiceContext): Promise<Rules> {
  const all = await activeRuleSets(ctx);
  return { ruleSets: all.filter((r) => r.example !== true), settings: await evaluationSettings(ctx) };
}

/** Loads the year's records. `db` may be a transaction (mutations read inside their own). */
export async function loadYear(ctx: ServiceContext, db: Db, year: number, rules: Rules): Promise<YearData> {
  const { units, links }: { units: UnitRow[]; links: ScopeLink[] } = await loadUnitsWithLineage(db);
  const unitsById = new Map(units.map((u) => [u.id, u]));

  const orgRows = await db.selectFrom('organizations').selectAll().where('deleted_at', 'is', null).execute();
  const orgs: OrgRow[] = orgRows
    .filter((o) => activeInYear(o.valid_from, o.valid_to, year))
    .map((o) => {
      const e = orgEligibility({
        kind: o.kind as OrgKind,
        subKind: o.sub_kind,
        isArmedForces: o.is_armed_forces === 1,
        sectorGroup: o.sector_group as SectorGroup | null,
        insuredEmployees: o.insured_employees,
        revenueBillion: o.revenue_billion,
        capitalBillion: o.capital_billion,
      });
      return {
        id: o.id,
        name: o.name,
        kind: o.kind as OrgKind,
        subKind: o.sub_kind,
        unitId: o.unit_id,
        managingLevel: o.managing_level,
        hasPartyOrg: o.has_party_org === 1,
        hasSecurityForce: o.has_security_force === 1,
        subUnitCount: o.sub_unit_count,
        eligible: e.eligible,
        eligibilityReason: e.reason,
      };
    });

  // Subjects: residential areas and communes active in the year, eligible organisations.
  const subjects: Subject[] = [];
  for (const u of units) {
    if (!activeInYear(u.validFrom, u.validTo, year)) continue;
    // Residential areas and communes only (districts and provinces are not evaluated subjects).
    const kind = evaluatedKindOfUnit(u.kind);
    if (kind === null) continue;
    const parent = u.parentId ? unitsById.get(u.parentId) : undefined;
    subjects.push({ type: 'unit', id: u.id, name: u.name, kind, category: boardCategoryOf(kind), unitId: u.id, parentName: parent?.name ?? null });
  }
  for (const o of orgs) {
    if (!o.eligible) continue;
    subjects.push({
      type: 'organization',
      id: o.id,
      name: o.name,
      kind: o.kind,
      category: boardCategoryOf(o.kind),
      unitId: o.unitId,
      parentName: unitsById.get(o.unitId)?.name ?? null,
      org: o,
    });
  }

  // Both windows of both kinds: from 01/11 two years back to 15/11 of the year.
  const from = evaluationPeriod('khu_dan_cu', year - 1).from;
  const to = evaluationPeriod('xa', year).to;
  const incidentRows = await db
    .selectFrom('incidents')
    .select([
      'id',
      'unit_id',
      'organization_id',
      'category',
      'count',
      'excuse',
      'excuse_reason',
      'excuse_approved_by',
      'excuse_approved_on',
      'occurred_on',
      'description',
    ])
    .where('deleted_at', 'is', null)
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
  const incidents: IncidentDbRow[] = incidentRows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    organizationId: r.organization_id,
    category: r.category as IncidentCategory,
    count: r.count,
    excuse: r.excuse as IncidentExcuse | null,
    excuseReason: r.excuse_reason,
    excuseApprovedBy: r.excuse_approved_by,
    excuseApprovedOn: r.excuse_approved_on,
    occurredOn: r.occurred_on,
    description: r.description,
  }));

  const stats = await db.selectFrom('unit_year_stats').select(['id', 'unit_id', 'households']).where('year', '=', year).execute();
  const households = new Map(stats.map((s) => [s.unit_id, { id: s.id, households: s.households }]));

  const yearFrom = `${year}-01-01`;
  const yearTo = `${year}-12-31`;
  const effective = await db
    .selectFrom('models')
    .innerJoin('model_ratings', 'model_ratings.model_id', 'models.id')
    .select(['models.id as id', 'models.name as name', 'models.origin_unit_id as origin'])
    .where('models.deleted_at', 'is', null)
    .where('model_ratings.year', '=', year)
    .where('model_ratings.rating', '=', 'hieu_qua')
    .execute();
  const siteRows = effective.length
    ? await db
        .selectFrom('model_sites')
        .select(['model_id', 'unit_id', 'organization_name'])
        .where('deleted_at', 'is', null)
        .where('model_id', 'in', effective.map((m) => m.id))
        .where('started_on', '<=', yearTo)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', yearFrom)]))
        .execute()
    : [];
  const sitesByModel = groupBy(siteRows, (s) => s.model_id);
  const models: ModelRow[] = effective.map((m) => ({
    id: m.id,
    name: m.name,
    originUnitId: m.origin,
    sites: (sitesByModel.get(m.id) ?? []).map((s) => ({ unitId: s.unit_id, orgFolded: s.organization_name ? foldVietnamese(s.organization_name) : null })),
  }));

  const teams = await db
    .selectFrom('mass_orgs')
    .innerJoin('mass_org_kinds', 'mass_org_kinds.id', 'mass_orgs.kind_id')
    .innerJoin('mass_org_ratings', 'mass_org_ratings.mass_org_id', 'mass_orgs.id')
    .select([
      'mass_orgs.id as teamId',
      'mass_orgs.name as teamName',
      'mass_orgs.unit_id as unitId',
      'mass_org_ratings.id as ratingId',
      'mass_org_ratings.level as level',
      'mass_org_ratings.not_rated_reason as notRatedReason',
    ])
    .where('mass_org_kinds.code', '=', 'to_bao_ve_antt')
    .where('mass_orgs.deleted_at', 'is', null)
    .where('mass_org_ratings.deleted_at', 'is', null)
    .where('mass_org_ratings.year', '=', year)
    .where('mass_orgs.valid_from', '<=', yearTo)
    .where((eb) => eb.or([eb('mass_orgs.valid_to', 'is', null), eb('mass_orgs.valid_to', '>=', yearFrom)]))
    .execute();

  const propaganda = (
    await db
      .selectFrom('propaganda_sessions')
      .select(['id', 'unit_id', 'organization_id', 'date'])
      .where('deleted_at', 'is', null)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute()
  ).map((p) => ({ id: p.id, unitId: p.unit_id, organizationId: p.organization_id, date: p.date }));
  const tips = (
    await db
      .selectFrom('tips')
      .select(['id', 'unit_id', 'received_on'])
      .where('deleted_at', 'is', null)
      .where('valuable', '=', 1)
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .execute()
  ).map((t) => ({ id: t.id, unitId: t.unit_id, date: t.received_on }));

  const att = await attestationsOfYear(db, year);
  const ovr = await overridesOfYear(db, year);

  return {
    year,
    today: ctx.clock.today(),
    units,
    unitsById,
    links,
    orgs,
    subjects,
    registrations: await registrationsOfYear(db, year),
    attestations: groupBy(att, (a) => subjectKey(a.subjectType, a.subjectId)),
    overrides: groupBy(ovr, (o) => subjectKey(o.subjectType, o.subjectId)),
    figures: await figuresOfYears(db, [year, year - 1]),
    incidents,
    households,
    models,
    teamRatings: teams,
    propaganda,
    tips,
    ruleSets: rules.ruleSets,
    settings: rules.settings,
    scopeCache: new Map(),
  };
}

function scopeOf(data: YearData, unitId: string): Set<string> {
  let s = data.scopeCache.get(unitId);
  if (!s) {
    s = unitsInScope(data.units, data.links, unitId);
    data.scopeCache.set(unitId, s);
  }
  return s;
}

/** The subject's unit subtree without merges (for "inside the commune"). */
function subtreeOf(data: YearData, unitId: string): Set<string> {
  return unitsInScope(data.units, [], unitId);
}

// ---------------------------------------------------------------------------------------------
// Facts

const inRange = (d: string, r: { from: string; to: string }) => d >= r.from && d <= r.to;

function registrationSource(r: StoredRegistration): SourceRef {
  return { kind: 'registration', id: r.id, label: `Bản đăng ký năm ${r.year} ngày ${formatDateVi(r.registeredOn)}` };
}

function documentsOf(data: YearData, reg: StoredRegistration | undefined): UnitFacts['documents'] {
  const q1Over = data.today > firstQuarter(data.year).to;
  if (!reg) return q1Over ? { nghi_quyet: null, ke_hoach: null, dang_ky: null } : {};
  const src = registrationSource(reg);
  const docs: UnitFacts['documents'] = {
    dang_ky: { date: reg.registeredOn, title: 'Bản đăng ký phấn đấu đạt tiêu chuẩn', source: src },
  };
  docs.nghi_quyet = reg.resolutionDate
    ? {
        date: reg.resolutionDate,
        ...(reg.resolutionNumber ? { number: reg.resolutionNumber } : {}),
        ...(reg.resolutionForm ? { title: RESOLUTION_FORM_LABELS[reg.resolutionForm] } : {}),
        source: { kind: 'registration', id: reg.id, label: `Nghị quyết${reg.resolutionNumber ? ` số ${reg.resolutionNumber}` : ''} ngày ${formatDateVi(reg.resolutionDate)} (hồ sơ đăng ký)` },
      }
    : null;
  docs.ke_hoach = reg.planDate
    ? {
        date: reg.planDate,
        ...(reg.planNumber ? { number: reg.planNumber } : {}),
        source: { kind: 'registration', id: reg.id, label: `Kế hoạch${reg.planNumber ? ` số ${reg.planNumber}` : ''} ngày ${formatDateVi(reg.planDate)} (hồ sơ đăng ký)` },
      }
    : null;
  return docs;
}

function incidentsFor(data: YearData, s: Subject, window: { from: string; to: string }): IncidentDbRow[] {
  if (s.type === 'organization') return data.incidents.filter((i) => i.organizationId === s.id && inRange(i.occurredOn, window));
  const scope = scopeOf(data, s.id);
  return data.incidents.filter((i) => scope.has(i.unitId) && inRange(i.occurredOn, window));
}

function statsDeclared(data: YearData, s: Subject, year: number): StoredFigures | undefined {
  const f = data.figures.get(`${s.type}:${s.id}:${year}`);
  return f && f.statsComplete ? f : undefined;
}

function incidentTable(data: YearData, s: Subject, year: number): UnitFacts['incidents'] {
  const window = evaluationPeriod(s.kind, year);
  const rows = incidentsFor(data, s, window);
  const declared = statsDeclared(data, s, year);
  if (rows.length === 0 && !declared) return undefined;
  const table = incidentTableFromRows(rows);
  if (declared) {
    table.sources = [{ kind: 'figures', label: `Số liệu vụ việc năm ${year} đã đủ: ${declared.by} xác nhận ngày ${formatDateVi(declared.on)}` }];
  }
  return table;
}

function effectiveModels(data: YearData, s: Subject): NonNullable<UnitFacts['counts']['mo_hinh_hieu_qua']> {
  let matching: ModelRow[];
  if (s.type === 'organization') {
    const folded = foldVietnamese(s.name);
    const scope = scopeOf(data, s.unitId);
    matching = data.models.filter((m) => m.sites.some((x) => x.orgFolded === folded && scope.has(x.unitId)));
  } else {
    const scope = scopeOf(data, s.id);
    matching = data.models.filter((m) => scope.has(m.originUnitId) || m.sites.some((x) => scope.has(x.unitId)));
  }
  return {
    value: matching.length,
    sources: normaliseSources(matching.map((m) => ({ kind: 'model', id: m.id, label: `Mô hình "${m.name}" được đánh giá hoạt động hiệu quả năm ${data.year}` }))),
  };
}

function teamRating(data: YearData, s: Subject): UnitFacts['ratings']['to_bao_ve_antt'] {
  const scope = subtreeOf(data, s.id);
  const rated = data.teamRatings.filter((t) => scope.has(t.unitId));
  if (rated.length === 0) return undefined;
  const sources = normaliseSources(
    rated.map((t) => ({
      kind: 'rating',
      id: t.ratingId,
      label: `${t.teamName}: ${t.level ? (RATING_LABELS as Record<string, string>)[t.level] ?? t.level : `không xếp loại (${NOT_RATED_REASON_LABELS[t.notRatedReason as NotRatedReason] ?? t.notRatedReason ?? ''})`} năm ${data.year}`,
    })),
  );
  const levels = rated.filter((t) => t.level !== null && (HD01_LEVELS as readonly string[]).includes(t.level)).map((t) => t.level!);
  if (levels.length === 0) {
    const reason = rated[0]?.notRatedReason;
    return {
      scale: 'hd01',
      level: null,
      ...(reason ? { notRatedReason: NOT_RATED_REASON_LABELS[reason as NotRatedReason] ?? reason } : {}),
      sources,
    };
  }
  // The lowest rating counts (a later index is a worse level).
  const worst = levels.reduce((a, b) => ((HD01_LEVELS as readonly string[]).indexOf(b) > (HD01_LEVELS as readonly string[]).indexOf(a) ? b : a));
  return { scale: 'hd01', level: worst, sources };
}

/** The facts of one subject; communes need `subUnits` (see buildCommuneSubUnits). */
export function buildFacts(data: YearData, s: Subject): UnitFacts {
  const key = subjectKey(s.type, s.id);
  const reg = data.registrations.get(key);
  const facts: UnitFacts = {
    unitId: s.id,
    unitName: s.name,
    unitKind: s.kind,
    year: data.year,
    attestations: {},
    documents: carriedDocuments(data, s) ?? documentsOf(data, reg), // transition hook
    counts: {},
    ratings: {},
    flags: {},
  };
  for (const a of data.attestations.get(key) ?? []) {
    facts.attestations[a.ruleId] = { value: a.value, by: a.by, on: a.on, ...(a.note ? { note: a.note } : {}) };
  }
  const current = incidentTable(data, s, data.year);
  if (current) facts.incidents = current;
  const previous = incidentTable(data, s, data.year - 1);
  if (previous) facts.previousIncidents = previous;

  const regSources = reg ? [registrationSource(reg)] : [];
  if (s.type === 'unit' && s.kind === 'khu_dan_cu') {
    const stat = data.households.get(s.id);
    const households: NonNullable<UnitFacts['households']> = {};
    const sources: SourceRef[] = [...regSources];
    if (reg && reg.householdsRegistered !== null) households.registered = reg.householdsRegistered;
    if (stat && stat.households !== null) {
      households.residing = stat.households;
      sources.push({ kind: 'unit_year_stats', id: stat.id, label: `Số hộ đang cư trú năm ${data.year}: ${stat.households.toLocaleString('vi-VN')} hộ (thông tin đơn vị theo năm)` });
    }
    facts.households = { ...households, sources: normaliseSources(sources) };
    const rating = teamRating(data, s);
    if (rating) facts.ratings.to_bao_ve_antt = rating;
  }

  facts.counts.mo_hinh_hieu_qua = effectiveModels(data, s);
  {
    const window = evaluationPeriod(s.kind, data.year);
    const scope = s.type === 'unit' ? scopeOf(data, s.id) : null;
    const sessions = data.propaganda.filter((p) => inRange(p.date, window) && (scope ? scope.has(p.unitId) : p.organizationId === s.id));
    facts.counts.buoi_tuyen_truyen = {
      value: sessions.length,
      sources: normaliseSources(sessions.map((p) => ({ kind: 'propaganda', id: p.id, label: `Buổi tuyên truyền ngày ${formatDateVi(p.date)}` }))),
    };
    if (scope) {
      const tips = data.tips.filter((t) => inRange(t.date, window) && scope.has(t.unitId));
      facts.counts.nguon_tin_co_gia_tri = {
        value: tips.length,
        sources: normaliseSources(tips.map((t) => ({ kind: 'tip', id: t.id, label: `Nguồn tin có giá trị nhận ngày ${formatDateVi(t.date)}` }))),
      };
    }
  }

  if (s.type === 'organization' && s.org) {
    const o = s.org;
    const orgSource: SourceRef = { kind: 'organization', id: o.id, label: `Hồ sơ ${o.name}` };
    facts.flags = {
      hasPartyOrg: o.hasPartyOrg,
      hasSecurityForce: o.hasSecurityForce,
      generalEducation: o.kind === 'co_so_giao_duc' && ['thcs', 'thpt', 'lien_cap'].includes(o.subKind),
    };
    if (reg) {
      facts.staff = {
        ...(reg.staffBriefed !== null ? { briefed: reg.staffBriefed } : {}),
        ...(reg.staffTotal !== null ? { total: reg.staffTotal } : {}),
        sources: regSources,
      };
    }
    // The number of departments: the registration's when given, else the organisation record's.
    const total = reg?.departmentsTotal ?? o.subUnitCount;
    const fromRecord = (reg?.departmentsTotal ?? null) === null && o.subUnitCount !== null;
    if (reg || total !== null) {
      facts.departments = {
        ...(reg && reg.departmentsGood !== null ? { good: reg.departmentsGood } : {}),
        ...(total !== null ? { total } : {}),
        sources: normaliseSources([
          ...regSources,
          ...(fromRecord ? [{ kind: 'organization', id: o.id, label: `Hồ sơ ${o.name}: ${String(o.subUnitCount)} phòng, ban, tổ, đội` }] : []),
        ]),
      };
    }
    const f = data.figures.get(`${s.type}:${s.id}:${data.year}`);
    if (f) {
      const figSource: SourceRef = { kind: 'figures', label: `Số liệu do ${f.by} xác nhận ngày ${formatDateVi(f.on)}` };
      for (const [k, v] of Object.entries(f.counts) as [keyof StoredFigures['counts'], number | null][]) {
        if (v !== null) facts.counts[k] = { value: v, sources: [figSource] };
      }
      if (f.securityForceEligibleForTitles !== null) facts.flags.eligibleForTitles = f.securityForceEligibleForTitles;
      if (f.securityForceLevel !== null || f.securityForceTitles.length > 0) {
        facts.ratings.luc_luong_bao_ve = {
          scale: 'xep_loai_tap_the',
          level: f.securityForceLevel,
          ...(f.securityForceTitles.length ? { titles: [...f.securityForceTitles] } : {}),
          sources: [figSource, orgSource],
        };
      }
    }
  }
  return facts;
}

/** The residential areas and organisations a commune's XA-4 counts, with their registration and decision. */
export function communeSubUnits(data: YearData, commune: Subject): SubUnitStatus[] {
  const inside = subtreeOf(data, commune.id);
  const out: SubUnitStatus[] = [];
  for (const s of data.subjects) {
    if (s.id === commune.id) continue;
    let category: SubUnitStatus['category'];
    if (s.type === 'unit') {
      if (s.kind !== 'khu_dan_cu' || !inside.has(s.id)) continue;
      category = 'khu_dan_cu';
    } else {
      if (!s.org || s.org.managingLevel !== 'xa' || !inside.has(s.unitId)) continue;
      category = s.org.kind;
    }
    const reg = data.registrations.get(subjectKey(s.type, s.id));
    out.push({
      unitId: s.id,
      name: s.name,
      category,
      eligible: true,
      registered: reg !== undefined || carriedRegistered(data, s), // transition hook
      decision: reg?.decision ?? undefined,
    });
  }
  return out;
}

export interface Evaluated {
  subject: Subject;
  facts: UnitFacts;
  result: EvaluationResult;
}

function overridesOf(data: YearData, s: Subject): Overrides {
  const out: Record<string, Overrides[string]> = {};
  for (const o of data.overrides.get(subjectKey(s.type, s.id)) ?? []) out[o.ruleId] = { verdict: o.verdict, reason: o.reason, by: o.by, on: o.on };
  return out;
}

/** Evaluates one subject (a commune's sub-units are read from their registrations and decisions). */
export function evaluateSubject(data: YearData, s: Subject): Evaluated {
  const facts = buildFacts(data, s);
  if (s.type === 'unit' && s.kind !== 'khu_dan_cu') facts.subUnits = buildSubUnitFacts(communeSubUnits(data, s), 'quyet_dinh');
  const sets = selectRuleSets(data.ruleSets, s.kind, data.year);
  let result: EvaluationResult;
  try {
    result = evaluate(sets, facts, data.settings, overridesOf(data, s));
  } catch (err) {
    if (err instanceof CriteriaError) {
      // A broken combination of imported rule sets: show it, evaluate with the national sets only.
      const national = sets.filter((r) => r.scope === 'quoc_gia');
      result = evaluate(national, facts, data.settings, overridesOf(data, s));
      result.warnings = [...result.warnings, err.message];
    } else throw err;
  }
  return { subject: s, facts, result };
}

/** Every subject of the year, residential areas and organisations before communes. */
export function evaluateAll(data: YearData, subjects: readonly Subject[] = data.subjects): Evaluated[] {
  return evaluationOrder(subjects).map((s) => evaluateSubject(data, s));
}

export function findSubject(data: YearData, type: SubjectType, id: string): Subject | undefined {
  return data.subjects.find((s) => s.type === type && s.id === id);
}

/** Subjects inside a unit's subtree (the unit itself included), or all. */
export function subjectsUnder(data: YearData, unitId: string | null): Subject[] {
  if (unitId === null) return data.subjects;
  const scope = subtreeOf(data, unitId);
  return data.subjects.filter((s) => scope.has(s.unitId));
}
