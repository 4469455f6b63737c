/**
 * The evaluation tables (migrations/0007_evaluation.ts): registrations and workflow, attestations,
 * overrides, recorded figures, history, freezes and frozen results. Plain functions over a Kysely db
 * or transaction; rows become DTOs here and nowhere else.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from './units.repo';
import type { EvaluationFiguresTable, EvaluationRegistrationsTable } from '../db/tables/evaluation';
import type { FiguresDto, RegistrationDto } from '../../../shared/ipc/contracts/evaluation.contract';
import {
  isLateRegistration,
  type DecisionOutcome,
  type HistoryAction,
  type ResolutionForm,
  type SubjectType,
  type WorkflowState,
} from '../../../shared/domain/evaluation';
import type { EmulationTitle, OverrideVerdict } from '../../../shared/domain/criteria/vocabulary';

export {
  freezeRuleTextOf,
  frozenResultsOf,
  insertFrozenResults,
  openFrozenContentsMentioning,
  type FrozenRow,
} from './evaluation-frozen.repo';

export interface SubjectKey {
  subjectType: SubjectType;
  subjectId: string;
  year: number;
}

export type StoredRegistration = RegistrationDto & { status: WorkflowState; subjectType: SubjectType; subjectId: string; year: number };

function toRegistration(r: Selectable<EvaluationRegistrationsTable>): StoredRegistration {
  return {
    id: r.id,
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    year: r.year,
    status: r.status as WorkflowState,
    registeredOn: r.registered_on,
    late: isLateRegistration(r.registered_on, r.year),
    resolutionNumber: r.resolution_number,
    resolutionDate: r.resolution_date,
    resolutionForm: r.resolution_form as ResolutionForm | null,
    planNumber: r.plan_number,
    planDate: r.plan_date,
    householdsRegistered: r.households_registered,
    staffBriefed: r.staff_briefed,
    staffTotal: r.staff_total,
    departmentsGood: r.departments_good,
    departmentsTotal: r.departments_total,
    note: r.note,
    selfAssessedOn: r.self_assessed_on,
    selfAssessmentChair: r.self_assessment_chair,
    proposalNumber: r.proposal_number,
    proposedOn: r.proposed_on,
    appraisedOn: r.appraised_on,
    appraisedBy: r.appraised_by,
    decision: r.decision as DecisionOutcome | null,
    decisionNumber: r.decision_number,
    decidedOn: r.decided_on,
    decisionSigner: r.decision_signer,
    decisionReason: r.decision_reason,
  };
}

export async function findRegistration(db: Db, k: SubjectKey): Promise<StoredRegistration | null> {
  const r = await db
    .selectFrom('evaluation_registrations')
    .selectAll()
    .where('subject_type', '=', k.subjectType)
    .where('subject_id', '=', k.subjectId)
    .where('year', '=', k.year)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? toRegistration(r) : null;
}

/** Live registrations of a year, by "type:id". */
export async function registrationsOfYear(db: Db, year: number): Promise<Map<string, StoredRegistration>> {
  const rows = await db
    .selectFrom('evaluation_registrations')
    .selectAll()
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [`${r.subject_type}:${r.subject_id}`, toRegistration(r)]));
}

export interface RegistrationWrite {
  registeredOn: string;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  resolutionForm: ResolutionForm | null;
  planNumber: string | null;
  planDate: string | null;
  householdsRegistered: number | null;
  staffBriefed: number | null;
  staffTotal: number | null;
  departmentsGood: number | null;
  departmentsTotal: number | null;
  note: string | null;
}

function registrationColumns(w: RegistrationWrite) {
  return {
    registered_on: w.registeredOn,
    resolution_number: w.resolutionNumber,
    resolution_date: w.resolutionDate,
    resolution_form: w.resolutionForm,
    plan_number: w.planNumber,
    plan_date: w.planDate,
    households_registered: w.householdsRegistered,
    staff_briefed: w.staffBriefed,
    staff_total: w.staffTotal,
    departments_good: w.departmentsGood,
    departments_total: w.departmentsTotal,
    note: w.note,
  };
}

export async function insertRegistration(db: Db, id: string, k: SubjectKey, w: RegistrationWrite, at: string): Promise<void> {
  await db
    .insertInto('evaluation_registrations')
    .values({
      id,
      subject_type: k.subjectType,
      subject_id: k.subjectId,
      year: k.year,
      status: 'da_dang_ky',
      ...registrationColumns(w),
      self_assessed_on: null,
      self_assessment_chair: null,
      proposal_number: null,
      proposed_on: null,
      appraised_on: null,
      appraised_by: null,
      decision: null,
      decision_number: null,
      decided_on: null,
      decision_signer: null,
      decision_reason: null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
}

export async function updateRegistrationFields(db: Db, id: string, w: RegistrationWrite, at: string): Promise<void> {
  await db
    .updateTable('evaluation_registrations')
    .set({ ...registrationColumns(w), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The workflow columns a step sets or an undo clears. */
export interface WorkflowPatch {
  status: WorkflowState;
  self_assessed_on?: string | null;
  self_assessment_chair?: string | null;
  proposal_number?: string | null;
  proposed_on?: string | null;
  appraised_on?: string | null;
  appraised_by?: string | null;
  decision?: DecisionOutcome | null;
  decision_number?: string | null;
  decided_on?: string | null;
  decision_signer?: string | null;
  decision_reason?: string | null;
}

export async function updateWorkflow(db: Db, id: string, patch: WorkflowPatch, at: string): Promise<void> {
  await db
    .updateTable('evaluation_registrations')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function tombstoneRegistration(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('evaluation_registrations').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Attestations and overrides

export interface StoredAttestation {
  subjectType: SubjectType;
  subjectId: string;
  ruleId: string;
  value: boolean;
  by: string;
  on: string;
  note: string | null;
}

export interface StoredOverride {
  subjectType: SubjectType;
  subjectId: string;
  ruleId: string;
  verdict: OverrideVerdict;
  reason: string;
  by: string;
  on: string;
}

export async function attestationsOfYear(db: Db, year: number, subject?: Omit<SubjectKey, 'year'>): Promise<StoredAttestation[]> {
  let q = db.selectFrom('evaluation_attestations').selectAll().where('year', '=', year).where('deleted_at', 'is', null);
  if (subject) q = q.where('subject_type', '=', subject.subjectType).where('subject_id', '=', subject.subjectId);
  const rows = await q.orderBy('rule_id').execute();
  return rows.map((r) => ({
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    ruleId: r.rule_id,
    value: r.value === 1,
    by: r.attested_by,
    on: r.attested_on,
    note: r.note,
  }));
}

export async function upsertAttestation(
  db: Db,
  newId: () => string,
  k: SubjectKey,
  a: { ruleId: string; value: boolean; by: string; on: string; note: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('evaluation_attestations')
    .values({
      id: newId(),
      subject_type: k.subjectType,
      subject_id: k.subjectId,
      year: k.year,
      rule_id: a.ruleId,
      value: a.value ? 1 : 0,
      attested_by: a.by,
      attested_on: a.on,
      note: a.note,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['subject_type', 'subject_id', 'year', 'rule_id']).doUpdateSet({
        value: a.value ? 1 : 0,
        attested_by: a.by,
        attested_on: a.on,
        note: a.note,
        updated_at: at,
        deleted_at: null,
      }),
    )
    .execute();
}

/** Tombstones one attestation; false when there was none. */
export async function clearAttestation(db: Db, k: SubjectKey, ruleId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_attestations')
    .set({ deleted_at: at, updated_at: at })
    .where('subject_type', '=', k.subjectType)
    .where('subject_id', '=', k.subjectId)
    .where('year', '=', k.year)
    .where('rule_id', '=', ruleId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function overridesOfYear(db: Db, year: number, subject?: Omit<SubjectKey, 'year'>): Promise<StoredOverride[]> {
  let q = db.selectFrom('evaluation_overrides').selectAll().where('year', '=', year).where('deleted_at', 'is', null);
  if (subject) q = q.where('subject_type', '=', subject.subjectType).where('subject_id', '=', subject.subjectId);
  const rows = await q.orderBy('rule_id').execute();
  return rows.map((r) => ({
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    ruleId: r.rule_id,
    verdict: r.verdict as OverrideVerdict,
    reason: r.reason,
    by: r.decided_by,
    on: r.decided_on,
  }));
}

export async function upsertOverride(
  db: Db,
  newId: () => string,
  k: SubjectKey,
  o: { ruleId: string; verdict: OverrideVerdict; reason: string; by: string; on: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('evaluation_overrides')
    .values({
      id: newId(),
      subject_type: k.subjectType,
      subject_id: k.subjectId,
      year: k.year,
      rule_id: o.ruleId,
      verdict: o.verdict,
      reason: o.reason,
      decided_by: o.by,
      decided_on: o.on,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['subject_type', 'subject_id', 'year', 'rule_id']).doUpdateSet({
        verdict: o.verdict,
        reason: o.reason,
        decided_by: o.by,
        decided_on: o.on,
        updated_at: at,
        deleted_at: null,
      }),
    )
    .execute();
}

export async function clearOverride(db: Db, k: SubjectKey, ruleId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_overrides')
    .set({ deleted_at: at, updated_at: at })
    .where('subject_type', '=', k.subjectType)
    .where('subject_id', '=', k.subjectId)
    .where('year', '=', k.year)
    .where('rule_id', '=', ruleId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Recorded figures

export type StoredFigures = FiguresDto & { subjectType: SubjectType; subjectId: string; year: number };

function toFigures(r: Selectable<EvaluationFiguresTable>): StoredFigures {
  let titles: EmulationTitle[] = [];
  try {
    const parsed = JSON.parse(r.security_force_titles) as unknown;
    if (Array.isArray(parsed)) titles = parsed.filter((t: unknown): t is EmulationTitle => typeof t === 'string');
  } catch {
    titles = [];
  }
  return {
    subjectType: r.subject_type as SubjectType,
    subjectId: r.subject_id,
    year: r.year,
    statsComplete: r.stats_complete === 1,
    counts: {
      ky_luat_luc_luong_bao_ve: r.ky_luat_luc_luong_bao_ve,
      ky_luat_can_bo: r.ky_luat_can_bo,
      pham_toi_trong_truong: r.pham_toi_trong_truong,
      te_nan_trong_truong: r.te_nan_trong_truong,
    },
    securityForceLevel: r.security_force_level as FiguresDto['securityForceLevel'],
    securityForceTitles: titles,
    securityForceEligibleForTitles: r.security_force_eligible_for_titles === null ? null : r.security_force_eligible_for_titles === 1,
    by: r.recorded_by,
    on: r.recorded_on,
    note: r.note,
  };
}

/** Figures of a year (and of the year before, for "statistics complete" of the previous window). */
export async function figuresOfYears(db: Db, years: readonly number[]): Promise<Map<string, StoredFigures>> {
  if (years.length === 0) return new Map();
  const rows = await db
    .selectFrom('evaluation_figures')
    .selectAll()
    .where('year', 'in', [...years])
    .execute();
  return new Map(rows.map((r) => [`${r.subject_type}:${r.subject_id}:${r.year}`, toFigures(r)]));
}

export async function upsertFigures(db: Db, newId: () => string, k: SubjectKey, f: FiguresDto, at: string): Promise<void> {
  const cols = {
    stats_complete: f.statsComplete ? 1 : 0,
    ky_luat_luc_luong_bao_ve: f.counts.ky_luat_luc_luong_bao_ve,
    ky_luat_can_bo: f.counts.ky_luat_can_bo,
    pham_toi_trong_truong: f.counts.pham_toi_trong_truong,
    te_nan_trong_truong: f.counts.te_nan_trong_truong,
    security_force_level: f.securityForceLevel,
    security_force_titles: JSON.stringify([...f.securityForceTitles].sort()),
    security_force_eligible_for_titles: f.securityForceEligibleForTitles === null ? null : f.securityForceEligibleForTitles ? 1 : 0,
    recorded_by: f.by,
    recorded_on: f.on,
    note: f.note,
    updated_at: at,
  };
  await db
    .insertInto('evaluation_figures')
    .values({ id: newId(), subject_type: k.subjectType, subject_id: k.subjectId, year: k.year, ...cols, created_at: at })
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'year']).doUpdateSet(cols))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// History

export interface HistoryEntry {
  id: string;
  at: string;
  action: HistoryAction;
  summary: string;
  by: string | null;
  reason: string | null;
}

export async function insertHistory(
  db: Db,
  id: string,
  k: SubjectKey,
  e: { at: string; action: HistoryAction; summary: string; by: string | null; reason: string | null; data?: unknown },
): Promise<void> {
  await db
    .insertInto('evaluation_history')
    .values({
      id,
      subject_type: k.subjectType,
      subject_id: k.subjectId,
      year: k.year,
      at: e.at,
      action: e.action,
      summary: e.summary,
      done_by: e.by,
      reason: e.reason,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

export async function historyOf(db: Db, k: SubjectKey): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('evaluation_history')
    .selectAll()
    .where('subject_type', '=', k.subjectType)
    .where('subject_id', '=', k.subjectId)
    .where('year', '=', k.year)
    .orderBy('at')
    // Entries written in the same instant keep the order they were written in.
    .orderBy(sql`rowid`)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action as HistoryAction, summary: r.summary, by: r.done_by, reason: r.reason }));
}

// ---------------------------------------------------------------------------------------------
// Freezes

export interface FreezeRow {
  id: string;
  year: number;
  at: string;
  by: string;
  note: string | null;
  subjects: number;
}

export async function openFreeze(db: Db, year: number): Promise<FreezeRow | null> {
  const r = await db
    .selectFrom('evaluation_freezes')
    .selectAll()
    .where('year', '=', year)
    .where('unfrozen_at', 'is', null)
    .executeTakeFirst();
  return r ? { id: r.id, year: r.year, at: r.frozen_at, by: r.frozen_by, note: r.note, subjects: r.subjects } : null;
}

/**
 * A new freeze record; `ruleTexts` is the list its frozen rows' criteria texts refer to (form 1,
 * evaluation-frozen.repo.ts), or the text of its rule sets (form 2, frozen-v2.ts frozenRulesText),
 * stored as given.
 */
export async function insertFreeze(db: Db, f: FreezeRow, at: string, ruleTexts: readonly string[] | string | null = null): Promise<void> {
  await db
    .insertInto('evaluation_freezes')
    .values({
      rule_texts: ruleTexts === null ? null : typeof ruleTexts === 'string' ? ruleTexts : JSON.stringify(ruleTexts),
      id: f.id,
      year: f.year,
      frozen_at: f.at,
      frozen_by: f.by,
      note: f.note,
      subjects: f.subjects,
      unfrozen_at: null,
      unfrozen_by: null,
      unfreeze_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function closeFreeze(db: Db, id: string, by: string, reason: string, at: string): Promise<void> {
  await db
    .updateTable('evaluation_freezes')
    .set({ unfrozen_at: at, unfrozen_by: by, unfreeze_reason: reason, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Every freezing of a year, newest first (the log of freezes and unfreezes). */
export async function freezesOf(db: Db, year: number) {
  const rows = await db
    .selectFrom('evaluation_freezes')
    .selectAll()
    .where('year', '=', year)
    .orderBy('frozen_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    frozenAt: r.frozen_at,
    frozenBy: r.frozen_by,
    note: r.note,
    subjects: r.subjects,
    unfrozenAt: r.unfrozen_at,
    unfrozenBy: r.unfrozen_by,
    unfreezeReason: r.unfreeze_reason,
  }));
}
