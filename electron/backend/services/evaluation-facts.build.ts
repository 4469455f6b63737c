/**
 * Builds the `UnitFacts` of one subject from the year's records held in `YearData` (pure over
 * that data: no queries here). The decisions behind each value are listed in the header of
 * evaluation-facts.service.ts.
 */
import type { StoredFigures, StoredRegistration } from '../repos/evaluation.repo';
import type { FactsIncidentRow } from '../repos/evaluation-facts.repo';
import {
  evaluationPeriod,
  firstQuarter,
  incidentTableFromRows,
  normaliseSources,
  type SourceRef,
  type SubUnitStatus,
  type UnitFacts,
} from '../../../shared/domain/criteria';
import {
  COMPLETENESS_GROUPS,
  COMPLETENESS_GROUP_LABELS,
  completenessGroupOf,
  type CompletenessGroup,
} from '../../../shared/domain/incident-categories';
import { HD01_LEVELS, NOT_RATED_REASON_LABELS, RATING_LABELS, type NotRatedReason } from '../../../shared/domain/mass-orgs';
import { RESOLUTION_FORM_LABELS } from '../../../shared/domain/evaluation';
import { formatDateVi } from '../../../shared/lib/dates';
import { inRange, scopeOf, subjectKey, subtreeOf, type ModelRow, type Subject, type YearData } from './evaluation-facts.data';
import { carriedDocuments, carriedRegistered } from './evaluation-transition';
import { rowsUnder, yearIndex } from './evaluation-facts.index';

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
        source: {
          kind: 'registration',
          id: reg.id,
          label: `Nghị quyết${reg.resolutionNumber ? ` số ${reg.resolutionNumber}` : ''} ngày ${formatDateVi(reg.resolutionDate)} (hồ sơ đăng ký)`,
        },
      }
    : null;
  docs.ke_hoach = reg.planDate
    ? {
        date: reg.planDate,
        ...(reg.planNumber ? { number: reg.planNumber } : {}),
        source: {
          kind: 'registration',
          id: reg.id,
          label: `Kế hoạch${reg.planNumber ? ` số ${reg.planNumber}` : ''} ngày ${formatDateVi(reg.planDate)} (hồ sơ đăng ký)`,
        },
      }
    : null;
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Incidents and their completeness

/** The incident rows of the subject (its unit scope, or the rows naming the organisation), both windows. */
function subjectIncidents(data: YearData, s: Subject): FactsIncidentRow[] {
  const ix = yearIndex(data);
  return s.type === 'organization'
    ? rowsUnder(data.incidents, ix.incidentsByOrg, [s.id])
    : rowsUnder(data.incidents, ix.incidentsByUnit, scopeOf(data, s.id));
}

function incidentsFor(
  data: YearData,
  s: Subject,
  window: { from: string; to: string },
  rows = subjectIncidents(data, s),
): FactsIncidentRow[] {
  return rows.filter((i) => inRange(i.occurredOn, window));
}

/**
 * The groups declared complete for the subject and year: its declarations, and every group when
 * the whole year was declared complete through the older figures form (stats_complete).
 */
function declaredGroups(data: YearData, s: Subject, year: number): Map<CompletenessGroup, SourceRef> {
  const out = new Map<CompletenessGroup, SourceRef>();
  const key = `${subjectKey(s.type, s.id)}:${year}`;
  for (const d of data.declarations.get(key) ?? []) {
    if (!(COMPLETENESS_GROUPS as readonly string[]).includes(d.group)) continue;
    const g = d.group as CompletenessGroup;
    out.set(g, {
      kind: 'declaration',
      id: d.id,
      label: `Số liệu nhóm "${COMPLETENESS_GROUP_LABELS[g]}" năm ${year} đã nhập đủ: ${d.by} xác nhận ngày ${formatDateVi(d.on)}`,
    });
  }
  const f: StoredFigures | undefined = data.figures.get(key);
  if (f && f.statsComplete) {
    for (const g of COMPLETENESS_GROUPS) {
      if (!out.has(g))
        out.set(g, {
          kind: 'figures',
          label: `Số liệu vụ việc năm ${year} đã đủ (xác nhận cho cả năm): ${f.by} xác nhận ngày ${formatDateVi(f.on)}`,
        });
    }
  }
  return out;
}

/**
 * The subject's incident table of a year: the rows in its window, and the completeness groups with
 * neither a row nor a declaration listed as missing (domain.md §5.6 N7).
 */
export function incidentTable(
  data: YearData,
  s: Subject,
  year: number,
  subjectRows?: FactsIncidentRow[],
  lean = false,
): NonNullable<UnitFacts['incidents']> {
  const rows = incidentsFor(data, s, evaluationPeriod(s.kind, year), subjectRows);
  const declared = declaredGroups(data, s, year);
  const withRows = new Set(rows.map((r) => completenessGroupOf(r.category)));
  const missing = COMPLETENESS_GROUPS.filter((g) => !withRows.has(g) && !declared.has(g));
  const table = incidentTableFromRows(rows, missing, lean);
  if (declared.size) table.groupSources = Object.fromEntries([...declared].map(([g, src]) => [g, [src]]));
  return table;
}

// ---------------------------------------------------------------------------------------------
// Counts

/**
 * Effective models of the subject (XA-1c, CQ-1e, GD-1e). A model belongs to a unit when it was
 * built there (its origin is its first place, Guidance 22) or one of its sites of the year is
 * there; to an organisation when one of its sites is linked to the organisation's record. The count
 * is known only when it is decided: some model rated effective, or every model rated; otherwise
 * `countGaps` says why it is missing.
 */
function effectiveModels(
  data: YearData,
  s: Subject,
  lean: boolean,
): { fact?: NonNullable<UnitFacts['counts']['mo_hinh_hieu_qua']>; gap?: string } {
  const ix = yearIndex(data);
  const present: ModelRow[] =
    s.type === 'organization'
      ? rowsUnder(data.models, ix.modelsByOrg, [s.id])
      : rowsUnder(data.models, ix.modelsByUnit, scopeOf(data, s.id));
  const effective = present.filter((m) => m.rating === 'hieu_qua');
  const unrated = present.filter((m) => m.rating === null);
  const label = (m: ModelRow, what: string) => ({ kind: 'model', id: m.id, label: `Mô hình "${m.name}" ${what} năm ${data.year}` });
  if (effective.length === 0 && present.length === 0) {
    return {
      gap: `Chưa có mô hình phong trào nào được ghi nhận ${s.type === 'organization' ? 'áp dụng tại đơn vị (điểm mô hình gắn với hồ sơ đơn vị)' : 'tại đơn vị'} năm ${data.year}.`,
    };
  }
  if (effective.length === 0 && unrated.length > 0) {
    const names = unrated.map((m) => `"${m.name}"`).sort();
    return {
      gap: `${unrated.length} mô hình chưa được đánh giá hiệu quả năm ${data.year}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` và ${names.length - 5} mô hình khác` : ''}.`,
    };
  }
  if (lean) return { fact: { value: effective.length } };
  const shown = effective.length
    ? effective.map((m) => label(m, 'được đánh giá hoạt động hiệu quả'))
    : present.map((m) => label(m, 'được đánh giá chưa hiệu quả'));
  return { fact: { value: effective.length, sources: normaliseSources(shown) } };
}

function teamRating(data: YearData, s: Subject): UnitFacts['ratings']['to_bao_ve_antt'] {
  const rated = rowsUnder(data.teamRatings, yearIndex(data).teamRatingsByUnit, subtreeOf(data, s.id));
  if (rated.length === 0) return undefined;
  const sources = normaliseSources(
    rated.map((t) => ({
      kind: 'rating',
      id: t.ratingId,
      label: `${t.teamName}: ${t.level ? ((RATING_LABELS as Record<string, string>)[t.level] ?? t.level) : `không xếp loại (${NOT_RATED_REASON_LABELS[t.notRatedReason as NotRatedReason] ?? t.notRatedReason ?? ''})`} năm ${data.year}`,
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
  const worst = levels.reduce((a, b) =>
    (HD01_LEVELS as readonly string[]).indexOf(b) > (HD01_LEVELS as readonly string[]).indexOf(a) ? b : a,
  );
  return { scale: 'hd01', level: worst, sources };
}

function activityCounts(data: YearData, s: Subject, facts: UnitFacts, lean: boolean): void {
  const window = evaluationPeriod(s.kind, data.year);
  const ix = yearIndex(data);
  const scope = s.type === 'unit' ? scopeOf(data, s.id) : null;
  const mine = scope ? rowsUnder(data.propaganda, ix.propagandaByUnit, scope) : rowsUnder(data.propaganda, ix.propagandaByOrg, [s.id]);
  if (lean) {
    // The counts alone (the verdicts-only pass reads no source).
    let sessions = 0;
    for (const p of mine) if (inRange(p.date, window)) sessions++;
    facts.counts.buoi_tuyen_truyen = { value: sessions };
    if (scope) {
      let tips = 0;
      for (const t of rowsUnder(data.tips, ix.tipsByUnit, scope)) if (inRange(t.date, window)) tips++;
      facts.counts.nguon_tin_co_gia_tri = { value: tips };
    }
    return;
  }
  const sessions = mine.filter((p) => inRange(p.date, window));
  facts.counts.buoi_tuyen_truyen = {
    value: sessions.length,
    sources: normaliseSources(
      sessions.map((p) => ({ kind: 'propaganda', id: p.id, label: `Buổi tuyên truyền ngày ${formatDateVi(p.date)}` })),
    ),
  };
  if (scope) {
    const tips = rowsUnder(data.tips, ix.tipsByUnit, scope).filter((t) => inRange(t.date, window));
    facts.counts.nguon_tin_co_gia_tri = {
      value: tips.length,
      sources: normaliseSources(
        tips.map((t) => ({ kind: 'tip', id: t.id, label: `Nguồn tin có giá trị nhận ngày ${formatDateVi(t.date)}` })),
      ),
    };
  }
}

function residentialFacts(data: YearData, s: Subject, reg: StoredRegistration | undefined, facts: UnitFacts): void {
  const stat = data.households.get(s.id);
  const households: NonNullable<UnitFacts['households']> = {};
  const sources: SourceRef[] = reg ? [registrationSource(reg)] : [];
  if (reg && reg.householdsRegistered !== null) households.registered = reg.householdsRegistered;
  if (stat && stat.households !== null) {
    households.residing = stat.households;
    sources.push({
      kind: 'unit_year_stats',
      id: stat.id,
      label: `Số hộ đang cư trú năm ${data.year}: ${stat.households.toLocaleString('vi-VN')} hộ (thông tin đơn vị theo năm)`,
    });
  }
  facts.households = { ...households, sources: normaliseSources(sources) };
  const rating = teamRating(data, s);
  if (rating) facts.ratings.to_bao_ve_antt = rating;
}

function organisationFacts(data: YearData, s: Subject, reg: StoredRegistration | undefined, facts: UnitFacts): void {
  const o = s.org!;
  const regSources = reg ? [registrationSource(reg)] : [];
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
        ...(fromRecord
          ? [{ kind: 'organization', id: o.id, label: `Hồ sơ ${o.name}: ${String(o.subUnitCount)} phòng, ban, tổ, đội` }]
          : []),
      ]),
    };
  }
  const f = data.figures.get(`${s.type}:${s.id}:${data.year}`);
  if (!f) return;
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

/**
 * The facts of one subject; communes need `subUnits` (see communeSubUnits). `lean`: without the
 * sources of the incidents, the models and the activity counts (the rows' labels, each a date in
 * words, sorted), for the board's verdicts-only pass, which never reads a source: every value, excuse,
 * missing group, gap, document, rating and flag is the full facts' (tests/unit/backend/evaluation-board-mixed.test.ts).
 */
export function buildFacts(data: YearData, s: Subject, lean = false): UnitFacts {
  const key = subjectKey(s.type, s.id);
  const reg = data.registrations.get(key);
  const facts: UnitFacts = {
    unitId: s.id,
    unitName: s.name,
    unitKind: s.kind,
    year: data.year,
    attestations: {},
    documents: carriedDocuments(data, s) ?? documentsOf(data, reg), // transition year: carried from predecessors
    counts: {},
    ratings: {},
    flags: {},
  };
  for (const a of data.attestations.get(key) ?? []) {
    facts.attestations[a.ruleId] = { value: a.value, by: a.by, on: a.on, ...(a.note ? { note: a.note } : {}) };
  }
  const incidents = subjectIncidents(data, s);
  facts.incidents = incidentTable(data, s, data.year, incidents, lean);
  facts.previousIncidents = incidentTable(data, s, data.year - 1, incidents, lean);
  if (s.type === 'unit' && s.kind === 'khu_dan_cu') residentialFacts(data, s, reg, facts);
  const models = effectiveModels(data, s, lean);
  if (models.fact) facts.counts.mo_hinh_hieu_qua = models.fact;
  if (models.gap) facts.countGaps = { mo_hinh_hieu_qua: models.gap };
  activityCounts(data, s, facts, lean);
  if (s.type === 'organization' && s.org) organisationFacts(data, s, reg, facts);
  return facts;
}

/**
 * The residential areas and organisations a commune's XA-4 counts, with their registration and
 * decision. Organisations whose place in TT124's scope is not known yet (an enterprise without
 * size data) are listed as 'unknown' so the commune's criterion shows them instead of losing them.
 */
export function communeSubUnits(data: YearData, commune: Subject): SubUnitStatus[] {
  const inside = subtreeOf(data, commune.id);
  const out: SubUnitStatus[] = [];
  const status = (type: Subject['type'], id: string) => {
    const reg = data.registrations.get(subjectKey(type, id));
    // Transition year: a unit formed during the year counts as registered when its predecessors were.
    return { registered: reg !== undefined || carriedRegistered(data, { type, id }), decision: reg?.decision ?? undefined };
  };
  const ix = yearIndex(data);
  for (const s of rowsUnder(data.subjects, ix.subjectsByUnit, inside)) {
    if (s.id === commune.id) continue;
    let category: SubUnitStatus['category'];
    if (s.type === 'unit') {
      if (s.kind !== 'khu_dan_cu' || !inside.has(s.id)) continue;
      category = 'khu_dan_cu';
    } else {
      if (!s.org || s.org.managingLevel !== 'xa' || !inside.has(s.unitId)) continue;
      category = s.org.kind;
    }
    out.push({ unitId: s.id, name: s.name, category, eligible: true, ...status(s.type, s.id) });
  }
  for (const o of rowsUnder(data.orgs, ix.orgsByUnit, inside)) {
    if (o.eligibility !== 'incomplete' || o.managingLevel !== 'xa' || !inside.has(o.unitId)) continue;
    out.push({ unitId: o.id, name: o.name, category: o.kind, eligible: 'unknown', ...status('organization', o.id) });
  }
  return out;
}
