/**
 * The facts builder of the yearly evaluation: from the records the office keeps, the `UnitFacts` of
 * every subject (residential area, commune, organisation in TT124's scope) for one year, each value
 * with the records it came from. Everything is read once per year (`loadYear`) and then built in
 * memory, so the board of a whole district costs a handful of queries.
 *
 * What is decided here (and why), as the engine's header asks of the facts builder:
 *  - Incident statistics count as entered per completeness group (incident-categories.ts), subject
 *    and window: a row of the group lies in it, or an officer declared the group complete
 *    ("đã nhập đủ", `incidentStats.declare`; a whole-year declaration of the older figures form
 *    covers every group). Other groups stay unknown and their criteria say "thiếu dữ liệu", naming
 *    the group, rather than reading silence as zero — a fire last year says nothing of its crimes.
 *  - Incidents of a unit are those entered on it, on the units below it and on the units it carries
 *    after a merge (unitsInScope); the previous window uses the same roll-up, so a commune formed by
 *    merging compares with its predecessors' figures. An organisation's incidents are the rows that
 *    name it (organization_id).
 *  - Q1 documents come from the registration. Not registered once Q1 is over means the documents
 *    are known to be absent (the Q1 criterion fails visibly); before 31/03 they are still unknown.
 *  - Effective models: models operating in the year whose origin (their first place, Guidance 22)
 *    or one of whose sites active in the year is in the unit's scope; for an organisation, models
 *    with a site linked to its record (model_sites.organization_id, never a typed name). The count
 *    is missing while no such model is rated, or while unrated ones could still change a 0.
 *  - Tổ bảo vệ ANTT rating (HD01): the teams of that kind in the residential area, active in the
 *    year; with several teams the lowest rating counts, so one weak team is never hidden.
 *  - A commune's sub-units: its residential areas (active in the year) and the organisations inside
 *    it managed at commune level ("do xã quản lý", managing_level 'xa') that TT124 covers, plus
 *    those whose coverage is not known yet (enterprises without size data), listed apart; the basis
 *    is the recognition decision (buildSubUnitFacts 'quyet_dinh').
 *
 * The queries are in repos/evaluation-facts.repo.ts; the in-memory data and scope helpers in
 * evaluation-facts.data.ts; building one subject's facts in evaluation-facts.build.ts.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import type { Db } from '../repos/units.repo';
import * as factsRepo from '../repos/evaluation-facts.repo';
import {
  buildSubUnitFacts,
  checkedSets,
  evaluate,
  evaluateVerdicts,
  evaluationOrder,
  selectRuleSets,
  CriteriaError,
  EVALUATED_KIND_LABELS,
  type EvaluationResult,
  type EvaluationSettings,
  type Overrides,
  type RuleSet,
  type UnitFacts,
  type VerdictResult,
} from '../../../shared/domain/criteria';
import type { FileOrganization } from './organizations-of-file';
import { activeInYear, orgEligibility, type OrgKind, type SectorGroup } from '../../../shared/domain/organizations';
import { evaluatedKindOfUnit, noRuleSetNote, type SubjectType } from '../../../shared/domain/evaluation';
import { activeRuleSets, evaluationSettings } from './rulesets.service';
import { readSlice, SLICE_NAMES, type SliceName, type SliceValues } from './evaluation-facts.slices';
import {
  orgSubject,
  subjectKey,
  subtreeOf,
  unitSubject,
  type OrgRow,
  type Subject,
  type UnitRow,
  type YearData,
} from './evaluation-facts.data';
import { buildFacts, communeSubUnits } from './evaluation-facts.build';

export { subjectKey, buildFacts, communeSubUnits };
export type { Subject, YearData };

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

export async function organisationsOfYear(db: Db, year: number): Promise<OrgRow[]> {
  const rows = await factsRepo.liveOrganizations(db);
  return rows
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
        eligibility: e.status,
        eligibilityReason: e.reason,
      };
    });
}

/**
 * organisationsOfYear from the file's organisations already read with their eligibility
 * (organizations-of-file.ts): the same rows, in the same (stored) order.
 */
export function organisationsOfYearFrom(list: readonly FileOrganization[], year: number): OrgRow[] {
  const out: OrgRow[] = [];
  for (const { record: o, eligibility: e } of list) {
    if (!activeInYear(o.validFrom, o.validTo, year)) continue;
    out.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      subKind: o.subKind,
      unitId: o.unitId,
      managingLevel: o.managingLevel,
      hasPartyOrg: o.hasPartyOrg,
      hasSecurityForce: o.hasSecurityForce,
      subUnitCount: o.subUnitCount,
      eligible: e.eligible,
      eligibility: e.status,
      eligibilityReason: e.reason,
    });
  }
  return out;
}

/** Residential areas and communes active in the year, and the organisations in TT124's scope. */
export function subjectsOf(
  year: number,
  units: readonly UnitRow[],
  unitsById: ReadonlyMap<string, UnitRow>,
  orgs: readonly OrgRow[],
): Subject[] {
  const subjects: Subject[] = [];
  for (const u of units) {
    if (!activeInYear(u.validFrom, u.validTo, year)) continue;
    // Residential areas and communes only (districts and provinces are not evaluated subjects).
    const kind = evaluatedKindOfUnit(u.kind);
    if (kind === null) continue;
    const parent = u.parentId ? unitsById.get(u.parentId) : undefined;
    subjects.push(unitSubject(u, kind, parent?.name ?? null));
  }
  for (const o of orgs) {
    if (!o.eligible) continue;
    subjects.push(orgSubject(o, unitsById.get(o.unitId)?.name ?? null));
  }
  return subjects;
}

/**
 * The year's data from its slices (evaluation-facts.slices.ts): the subjects are made from the
 * units and organisations; every other field is the slice as read.
 */
export function assembleYear(year: number, today: string, v: SliceValues, rules: Rules, subjects?: Subject[]): YearData {
  const { units, unitsById, links } = v.units;
  return {
    year,
    today,
    units,
    unitsById,
    links,
    orgs: v.orgs,
    // `subjects`: the caller's, made from the same units and organisations slices (the board's cache).
    subjects: subjects ?? subjectsOf(year, units, unitsById, v.orgs),
    registrations: v.registrations,
    attestations: v.attestations,
    overrides: v.overrides,
    figures: v.figures,
    declarations: v.declarations,
    incidents: v.incidents,
    households: v.households,
    models: v.models,
    teamRatings: v.teamRatings,
    propaganda: v.propaganda,
    tips: v.tips,
    ruleSets: rules.ruleSets,
    settings: rules.settings,
  };
}

/**
 * Loads the year's records. `db` may be a transaction (mutations read inside their own). `pause`
 * runs between two reads: a job's checkpoint (the host answers in between), only ever outside a
 * transaction.
 */
export async function loadYear(
  ctx: ServiceContext,
  db: Db,
  year: number,
  rules: Rules,
  pause: () => Promise<void> = async () => {},
): Promise<YearData> {
  const values: Partial<SliceValues> = {};
  for (const name of SLICE_NAMES) {
    (values as Record<SliceName, unknown>)[name] = await readSlice(name, db, year, organisationsOfYear);
    await pause();
  }
  return assembleYear(year, ctx.clock.today(), values as SliceValues, rules);
}

// ---------------------------------------------------------------------------------------------
// Evaluating

export interface Evaluated {
  subject: Subject;
  facts: UnitFacts;
  result: EvaluationResult;
}

function overridesOf(data: YearData, s: Subject): Overrides {
  const out: Record<string, Overrides[string]> = {};
  for (const o of data.overrides.get(subjectKey(s.type, s.id)) ?? [])
    out[o.ruleId] = { verdict: o.verdict, reason: o.reason, by: o.by, on: o.on };
  return out;
}

/** No rule set is in force for a kind in a year (before Circular 124): shown as such, never as an unexpected error. */
export class NoRuleSetError extends AppError {
  constructor(year: number, kind: Subject['kind']) {
    super(
      'RULE',
      `Năm ${year} chưa có bộ tiêu chí nào áp dụng cho ${EVALUATED_KIND_LABELS[kind].toLowerCase()} (Thông tư 124/2021/TT-BCA áp dụng từ 10/02/2022), nên chưa đánh giá được năm này.`,
    );
  }
}

/** The facts of one subject; a commune's sub-units are read from their registrations and decisions. */
function subjectFacts(data: YearData, s: Subject, lean = false): UnitFacts {
  const facts = buildFacts(data, s, lean);
  if (s.type === 'unit' && s.kind !== 'khu_dan_cu') facts.subUnits = buildSubUnitFacts(communeSubUnits(data, s), 'quyet_dinh');
  return facts;
}

/** selectRuleSets per year's rule sets and kind, once: the same list object for every subject of a kind (the verdicts pass checks a list once). */
const selected = new WeakMap<readonly RuleSet[], Map<string, RuleSet[]>>();
function subjectRuleSets(data: YearData, s: Subject): RuleSet[] {
  let byKind = selected.get(data.ruleSets);
  if (!byKind) selected.set(data.ruleSets, (byKind = new Map<string, RuleSet[]>()));
  const key = `${s.kind}:${data.year}`;
  let sets = byKind.get(key);
  if (!sets) byKind.set(key, (sets = selectRuleSets(data.ruleSets, s.kind, data.year)));
  // Read only: the passes copy a list before sorting it (checkedSets) and filter into a new one (runPass).
  return sets;
}

type Pass<R> = (sets: RuleSet[], facts: UnitFacts, settings: EvaluationSettings, overrides: Overrides) => R;

/** Runs a pass of the engine on the subject's rule sets; a broken combination of imported sets falls back to the national ones. */
function runPass<R extends { warnings: string[] }>(data: YearData, s: Subject, facts: UnitFacts, pass: Pass<R>): R {
  const sets = subjectRuleSets(data, s);
  if (sets.length === 0) throw new NoRuleSetError(data.year, s.kind);
  try {
    return pass(sets, facts, data.settings, overridesOf(data, s));
  } catch (err) {
    if (!(err instanceof CriteriaError)) throw err;
    // A broken combination of imported rule sets: show it, evaluate with the national sets only.
    const national = sets.filter((r) => r.scope === 'quoc_gia');
    const result = pass(national, facts, data.settings, overridesOf(data, s));
    result.warnings = [...result.warnings, err.message];
    return result;
  }
}

/** Evaluates one subject: every criterion with its value, explanation and sources. */
export function evaluateSubject(data: YearData, s: Subject): Evaluated {
  const facts = subjectFacts(data, s);
  return { subject: s, facts, result: runPass(data, s, facts, evaluate) };
}

/** What a freeze in form 2 seals of a subject (frozen-v2.ts): its facts and overrides, the rule sets decided with, the verdicts. */
export interface FreezeInputs {
  subject: Subject;
  facts: UnitFacts;
  overrides: Overrides;
  sets: RuleSet[];
  verdicts: VerdictResult;
}

/**
 * A subject's sealed inputs: the facts and the verdicts-only pass (the same decisions and warnings
 * as `evaluate`, tests/unit/shared/criteria-verdicts.test.ts), with the rule sets that pass used —
 * the national ones alone when an imported combination was refused (runPass's fallback).
 */
export function freezeInputsOf(data: YearData, s: Subject, cached?: SubjectVerdicts): FreezeInputs {
  const facts = subjectFacts(data, s);
  // The board's verdicts of this subject, kept for these very records (evaluation-cache.ts), stand for the pass.
  const decidedWith = cached?.evaluated ? setsDecidedWith(data, s) : null;
  if (cached && decidedWith) return { subject: s, facts, overrides: overridesOf(data, s), sets: decidedWith, verdicts: cached.result };
  let sets: RuleSet[] = [];
  const verdicts = runPass(data, s, facts, (used, f, settings, overrides) => {
    sets = used;
    return evaluateVerdicts(used, f, settings, overrides);
  });
  return { subject: s, facts, overrides: overridesOf(data, s), sets, verdicts };
}

/** The rule sets runPass decides a subject with: its year's sets, or the national ones when their combination is refused; null when neither holds. */
function setsDecidedWith(data: YearData, s: Subject): RuleSet[] | null {
  const sets = selectRuleSets(data.ruleSets, s.kind, data.year);
  for (const candidate of [sets, sets.filter((r) => r.scope === 'quoc_gia')]) {
    try {
      checkedSets(candidate, s.kind);
      return candidate;
    } catch (err) {
      if (!(err instanceof CriteriaError)) throw err;
    }
  }
  return null;
}

/** Whether any rule set covers the subject's kind in the year (none before Circular 124). */
export function hasRuleSet(data: YearData, s: Subject): boolean {
  return selectRuleSets(data.ruleSets, s.kind, data.year).length > 0;
}

/**
 * For the screens (board, subject view): the evaluation, or — in a year no rule set covers — a
 * result with no criteria whose summary says so (`evaluated: false`). Registrations, decisions and
 * figures of such a year are still recorded and counted; only the verdict is absent.
 */
export function evaluateForView(data: YearData, s: Subject): Evaluated & { evaluated: boolean } {
  if (hasRuleSet(data, s)) return { ...evaluateSubject(data, s), evaluated: true };
  const result: EvaluationResult = {
    formatVersion: 1,
    unitId: s.id,
    unitName: s.name,
    unitKind: s.kind,
    year: data.year,
    ruleSets: [],
    settings: data.settings,
    rules: [],
    overall: 'thieu_du_lieu',
    summary: noRuleSetNote(data.year),
    counts: { dat: 0, khong_dat: 0, thieu_du_lieu: 0, khong_ap_dung: 0 },
    warnings: [],
  };
  return { subject: s, facts: buildFacts(data, s), result, evaluated: false };
}

/** A subject's verdicts (the board): the same decisions as evaluateForView, without the texts. */
export interface SubjectVerdicts {
  subject: Subject;
  result: VerdictResult;
  evaluated: boolean;
}

export function verdictsForView(data: YearData, s: Subject): SubjectVerdicts {
  if (!hasRuleSet(data, s)) {
    const counts = { dat: 0, khong_dat: 0, thieu_du_lieu: 0, khong_ap_dung: 0 };
    const result: VerdictResult = {
      unitId: s.id,
      unitKind: s.kind,
      year: data.year,
      rules: [],
      overall: 'thieu_du_lieu',
      counts,
      warnings: [],
    };
    return { subject: s, result, evaluated: false };
  }
  return { subject: s, result: runPass(data, s, subjectFacts(data, s, true), evaluateVerdicts), evaluated: true };
}

/** The board's per-subject work on a year already read, in two parts (CPU of the process, ms). */
export interface BoardWork {
  subjects: number;
  /** Every subject's facts as the board builds them (lean: without sources). */
  factsMs: number;
  /** The verdicts pass over those facts: the engine's own cost, with no read and no fact built. */
  verdictsMs: number;
  /** The same pass's wall-clock time. */
  verdictsWallMs: number;
}

/**
 * For the province bench (issue 16 item 2, h19-board): the board's per-subject work measured on a year
 * it has read — first every subject's facts, then the verdicts pass over the facts already built,
 * timed apart. This is the part of the first computation that grows with the subjects and that no
 * index or cache of the reads removes. Nothing is kept or written; the board's own path is
 * verdictsForView (the same two calls per subject, interleaved).
 */
export function boardWork(data: YearData): BoardWork {
  const subjects = evaluationOrder(data.subjects).filter((s) => hasRuleSet(data, s));
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const c0 = cpuMs();
  const facts = subjects.map((s) => subjectFacts(data, s, true));
  const c1 = cpuMs();
  const t1 = performance.now();
  for (let i = 0; i < subjects.length; i++) runPass(data, subjects[i]!, facts[i]!, evaluateVerdicts);
  const verdictsWallMs = performance.now() - t1;
  const c2 = cpuMs();
  return { subjects: subjects.length, factsMs: c1 - c0, verdictsMs: c2 - c1, verdictsWallMs };
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
