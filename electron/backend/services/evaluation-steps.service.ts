/**
 * The changes of one subject's evaluation: registration and the workflow steps, attestations,
 * overrides and recorded figures. Each runs in one transaction, checks the pure rules of
 * shared/domain/evaluation.ts, writes a history entry (who, when, what, why) and is refused while
 * the year is locked by its seal (a deleted freeze record or a faked unfreeze does not unlock it).
 * A workflow step, and its undo, is refused with FORBIDDEN to a role STEP_ROLES does not list for
 * it (shared/ipc/access.ts): dispatch lets in anyone who may take some step; which one is known here.
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { AppError } from '../errors';
import {
  clearAttestation,
  clearOverride,
  insertHistory,
  tombstoneRegistration,
  updateWorkflow,
  upsertAttestation,
  upsertFigures,
  upsertOverride,
  type StoredRegistration,
  type SubjectKey,
  type WorkflowPatch,
} from '../repos/evaluation.repo';
import { evaluateSubject, hasRuleSet, loadRules, subjectKey, type Rules, type Subject, type YearData } from './evaluation-facts.service';
import { loadEvaluationYear, requireSubject, subjectView } from './evaluation-view.service';
import { refuseIfLocked } from './evaluation-seal.service';
import { selectRuleSets, OVERALL_SHORT_LABELS, VERDICT_LABELS } from '../../../shared/domain/criteria';
import {
  DECISION_OUTCOME_LABELS,
  WORKFLOW_STATE_LABELS,
  checkStep,
  stateBefore,
  type WorkflowState,
} from '../../../shared/domain/evaluation';
import type { EvaluationSubjectDto, FiguresDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { STEP_ROLES, refusalMessage, undoRoles } from '../../../shared/ipc/access';
import type { Role } from '../../../shared/domain/roles';
import { formatDateVi } from '../../../shared/lib/dates';

export function validation(details: Record<string, string>): AppError {
  const first = Object.values(details)[0] ?? 'Dữ liệu không hợp lệ.';
  return new AppError('VALIDATION', first, details);
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Runs a change of one subject in a transaction (refused for a frozen year), then returns the view. */
export async function change(
  ctx: ServiceContext,
  key: SubjectKey,
  body: (trx: Db, data: YearData, s: Subject, rules: Rules) => Promise<void>,
  opts: { registrable?: boolean; guard?: (data: YearData, s: Subject) => void } = {},
): Promise<EvaluationSubjectDto> {
  const rules = await loadRules(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const data = await loadEvaluationYear(ctx, trx, key.year, rules);
    // Registration is also recorded for a unit that ended before its decision date (it carries on).
    const s = requireSubject(data, key.subjectType, key.subjectId, opts.registrable === true);
    // Who may do it comes before whether it can be done now, as in dispatch.
    opts.guard?.(data, s);
    await refuseIfLocked(ctx, trx, key.year);
    await body(trx, data, s, rules);
  });
  return subjectView(ctx, key, rules);
}

export function keyOf(input: { subjectType: Subject['type']; subjectId: string; year: number }): SubjectKey {
  return { subjectType: input.subjectType, subjectId: input.subjectId, year: input.year };
}

export function notFuture(today: string, field: string, date: string | null, label: string, errors: Record<string, string>): void {
  if (date !== null && date > today) errors[field] = `${label} (${formatDateVi(date)}) ở tương lai.`;
}

/**
 * Refuses (FORBIDDEN, dispatch's wording) when the session's role is not in `allowed`. Without a
 * session function (a context built by hand: fixtures, the crash child) there is no one to check;
 * inside dispatch a session is always open here, since both methods are not public.
 */
function requireRole(ctx: ServiceContext, allowed: readonly Role[]): void {
  const user = ctx.session?.();
  if (user && !allowed.includes(user.role)) throw new AppError('FORBIDDEN', refusalMessage(allowed, user.role));
}

/** The date of the last step taken, from which the next step may not go back. */
function lastStepDate(r: StoredRegistration): string {
  switch (r.status) {
    case 'da_dang_ky':
      return r.registeredOn;
    case 'tu_danh_gia':
      return r.selfAssessedOn ?? r.registeredOn;
    case 'de_nghi':
      return r.proposedOn ?? r.registeredOn;
    case 'tham_dinh':
      return r.appraisedOn ?? r.registeredOn;
    default:
      return r.decidedOn ?? r.registeredOn;
  }
}

export async function advance(ctx: ServiceContext, input: ParsedInput<'evaluation.advance'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  requireRole(ctx, STEP_ROLES[input.step]);
  return change(ctx, key, async (trx, data, s) => {
    const reg = data.registrations.get(subjectKey(s.type, s.id));
    const state: WorkflowState = reg?.status ?? 'chua_dang_ky';
    // A year no rule set covers has no result: the decision is recorded as taken (null), without a reason.
    const result = input.step === 'quyet_dinh' ? (hasRuleSet(data, s) ? evaluateSubject(data, s).result.overall : null) : undefined;
    const errors = checkStep({
      state,
      step: input.step,
      date: input.date,
      previousDate: reg ? lastStepDate(reg) : null,
      year: input.year,
      today: ctx.clock.today(),
      ...(input.step === 'quyet_dinh' ? { outcome: input.outcome, reason: input.reason } : {}),
      ...(result !== undefined ? { result } : {}),
    });
    if (Object.keys(errors).length) {
      if (errors['step']) throw new AppError('RULE', errors['step'], errors);
      throw validation(errors);
    }
    if (!reg) throw new AppError('RULE', 'Đơn vị chưa đăng ký: cần ghi nhận đăng ký trước.');
    const at = ctx.clock.timestamp();
    let patch: WorkflowPatch;
    let summary: string;
    let by: string | null = null;
    let reason: string | null = null;
    switch (input.step) {
      case 'tu_danh_gia':
        patch = { status: 'tu_danh_gia', self_assessed_on: input.date, self_assessment_chair: input.chair };
        summary = `Họp tự đánh giá ngày ${formatDateVi(input.date)}, chủ trì: ${input.chair}.`;
        by = input.chair;
        break;
      case 'de_nghi':
        patch = { status: 'de_nghi', proposal_number: input.number, proposed_on: input.date };
        summary = `Tờ trình đề nghị công nhận số ${input.number} ngày ${formatDateVi(input.date)}.`;
        by = input.by ?? null;
        break;
      case 'tham_dinh':
        patch = { status: 'tham_dinh', appraised_on: input.date, appraised_by: input.by };
        summary = `Thẩm định hồ sơ ngày ${formatDateVi(input.date)} (${input.by}).`;
        by = input.by;
        break;
      case 'quyet_dinh': {
        patch = {
          status: input.outcome,
          decision: input.outcome,
          decision_number: input.number,
          decided_on: input.date,
          decision_signer: input.signer,
          decision_reason: input.reason,
        };
        const against =
          input.outcome === 'cong_nhan' && result !== 'dat' && result !== null
            ? ` Kết quả đánh giá là "${OVERALL_SHORT_LABELS[result ?? 'thieu_du_lieu']}"; lý do công nhận: ${input.reason ?? ''}.`
            : '';
        summary = `${DECISION_OUTCOME_LABELS[input.outcome]}: quyết định số ${input.number} ngày ${formatDateVi(input.date)}, người ký: ${input.signer}.${against}`;
        by = input.signer;
        reason = input.reason;
        break;
      }
    }
    await updateWorkflow(trx, reg.id, patch, at);
    await insertHistory(trx, ctx.newId(), key, { at, action: 'advance', summary, by, reason, data: { step: input.step, ...patch } });
  });
}

export async function undoStep(ctx: ServiceContext, input: ParsedInput<'evaluation.undoStep'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  // The step undone is the subject's latest: who may take that step may undo it.
  const guard = (data: YearData, s: Subject) => {
    const roles = undoRoles(data.registrations.get(subjectKey(s.type, s.id))?.status ?? 'chua_dang_ky');
    if (roles) requireRole(ctx, roles);
  };
  return change(
    ctx,
    key,
    async (trx, data, s) => {
      const reg = data.registrations.get(subjectKey(s.type, s.id));
      if (!reg) throw new AppError('RULE', 'Đơn vị chưa đăng ký: không có bước nào để hủy.');
      const before = stateBefore(reg.status);
      const at = ctx.clock.timestamp();
      const summary = `Hủy bước "${WORKFLOW_STATE_LABELS[reg.status]}", trở về "${WORKFLOW_STATE_LABELS[before ?? 'chua_dang_ky']}".`;
      if (before === 'chua_dang_ky' || before === null) {
        await tombstoneRegistration(trx, reg.id, at);
      } else {
        let patch: WorkflowPatch;
        switch (reg.status) {
          case 'tu_danh_gia':
            patch = { status: 'da_dang_ky', self_assessed_on: null, self_assessment_chair: null };
            break;
          case 'de_nghi':
            patch = { status: 'tu_danh_gia', proposal_number: null, proposed_on: null };
            break;
          case 'tham_dinh':
            patch = { status: 'de_nghi', appraised_on: null, appraised_by: null };
            break;
          default:
            patch = {
              status: 'tham_dinh',
              decision: null,
              decision_number: null,
              decided_on: null,
              decision_signer: null,
              decision_reason: null,
            };
        }
        await updateWorkflow(trx, reg.id, patch, at);
      }
      await insertHistory(trx, ctx.newId(), key, {
        at,
        action: 'undo',
        summary,
        by: input.by,
        reason: input.reason,
        data: { from: reg.status, to: before },
      });
    },
    { guard },
  );
}

function ruleOf(data: YearData, s: Subject, ruleId: string) {
  for (const set of selectRuleSets(data.ruleSets, s.kind, data.year)) {
    const r = set.rules.find((x) => x.id === ruleId);
    if (r) return r;
  }
  return undefined;
}

export async function attest(ctx: ServiceContext, input: ParsedInput<'evaluation.attest'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx, data, s) => {
    const rule = ruleOf(data, s, input.ruleId);
    if (!rule) throw validation({ ruleId: `Tiêu chí ${input.ruleId} không thuộc bộ tiêu chí áp dụng cho ${s.name} năm ${input.year}.` });
    if (rule.type !== 'ATTESTED')
      throw validation({
        ruleId: `Tiêu chí ${input.ruleId} được tính từ số liệu, không do cán bộ xác nhận; muốn thay đổi kết quả hãy dùng "Thay đổi kết quả" và ghi lý do.`,
      });
    const errors: Record<string, string> = {};
    notFuture(ctx.clock.today(), 'on', input.on, 'Ngày xác nhận', errors);
    if (Object.keys(errors).length) throw validation(errors);
    const at = ctx.clock.timestamp();
    await upsertAttestation(
      trx,
      ctx.newId,
      key,
      { ruleId: input.ruleId, value: input.value, by: input.by, on: input.on, note: input.note },
      at,
    );
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'attest',
      summary: `${input.ruleId} (${rule.title}): xác nhận "${input.value ? 'Có' : 'Không'}" ngày ${formatDateVi(input.on)}.`,
      by: input.by,
      reason: input.note,
    });
  });
}

export async function clearAttest(ctx: ServiceContext, input: ParsedInput<'evaluation.clearAttestation'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx) => {
    const at = ctx.clock.timestamp();
    if (!(await clearAttestation(trx, key, input.ruleId, at)))
      throw new AppError('NOT_FOUND', `Tiêu chí ${input.ruleId} chưa có xác nhận để bỏ.`);
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'clear_attest',
      summary: `${input.ruleId}: bỏ xác nhận.`,
      by: input.by ?? null,
      reason: null,
    });
  });
}

export async function override(ctx: ServiceContext, input: ParsedInput<'evaluation.override'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx, data, s) => {
    const rule = ruleOf(data, s, input.ruleId);
    if (!rule) throw validation({ ruleId: `Tiêu chí ${input.ruleId} không thuộc bộ tiêu chí áp dụng cho ${s.name} năm ${input.year}.` });
    const errors: Record<string, string> = {};
    notFuture(ctx.clock.today(), 'on', input.on, 'Ngày quyết định', errors);
    if (Object.keys(errors).length) throw validation(errors);
    const at = ctx.clock.timestamp();
    await upsertOverride(
      trx,
      ctx.newId,
      key,
      { ruleId: input.ruleId, verdict: input.verdict, reason: input.reason, by: input.by, on: input.on },
      at,
    );
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'override',
      summary: `${input.ruleId} (${rule.title}): kết quả được xác định là "${VERDICT_LABELS[input.verdict]}" ngày ${formatDateVi(input.on)}.`,
      by: input.by,
      reason: input.reason,
    });
  });
}

export async function clearOverrideOf(ctx: ServiceContext, input: ParsedInput<'evaluation.clearOverride'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx) => {
    const at = ctx.clock.timestamp();
    if (!(await clearOverride(trx, key, input.ruleId, at)))
      throw new AppError('NOT_FOUND', `Tiêu chí ${input.ruleId} không có kết quả được thay đổi để bỏ.`);
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'clear_override',
      summary: `${input.ruleId}: bỏ thay đổi kết quả, dùng lại kết quả tính.`,
      by: input.by ?? null,
      reason: null,
    });
  });
}

export async function recordFigures(ctx: ServiceContext, input: ParsedInput<'evaluation.recordFigures'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx, _data, s) => {
    const errors: Record<string, string> = {};
    notFuture(ctx.clock.today(), 'on', input.on, 'Ngày xác nhận', errors);
    if (s.type !== 'organization') {
      const only = 'Chỉ ghi đối với cơ quan, doanh nghiệp, cơ sở giáo dục.';
      for (const [k, v] of Object.entries(input.counts)) if (v !== null) errors[`counts.${k}`] = only;
      if (input.securityForceLevel !== null) errors['securityForceLevel'] = only;
      if (input.securityForceTitles.length) errors['securityForceTitles'] = only;
      if (input.securityForceEligibleForTitles !== null) errors['securityForceEligibleForTitles'] = only;
    } else if (s.kind !== 'co_so_giao_duc') {
      const only = 'Chỉ ghi đối với cơ sở giáo dục.';
      if (input.counts.pham_toi_trong_truong !== null) errors['counts.pham_toi_trong_truong'] = only;
      if (input.counts.te_nan_trong_truong !== null) errors['counts.te_nan_trong_truong'] = only;
    }
    if (Object.keys(errors).length) throw validation(errors);
    const f: FiguresDto = {
      statsComplete: input.statsComplete,
      counts: input.counts,
      securityForceLevel: input.securityForceLevel,
      securityForceTitles: [...new Set(input.securityForceTitles)],
      securityForceEligibleForTitles: input.securityForceEligibleForTitles,
      by: input.by,
      on: input.on,
      note: input.note,
    };
    const at = ctx.clock.timestamp();
    await upsertFigures(trx, ctx.newId, key, f, at);
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'figures',
      summary: `Ghi số liệu do cán bộ xác nhận ngày ${formatDateVi(input.on)}${input.statsComplete ? '; số liệu vụ việc của năm đã đủ' : ''}.`,
      by: input.by,
      reason: input.note,
      data: f,
    });
  });
}
