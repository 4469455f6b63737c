/**
 * The yearly evaluation's use cases (issue 5): the board, one subject's view, registration and the
 * workflow steps, attestations, overrides, recorded figures, freezing and unfreezing. Each change
 * runs in one transaction, checks the pure rules of shared/domain/evaluation.ts, writes a history
 * entry (who, when, what, why) and refuses anything for a frozen year.
 *
 * Results are never stored while live: they are computed from the records on every read, so an
 * edited incident shows at once. Freezing stores each subject's sealed result with the facts it
 * came from; the board then shows frozen beside live and flags the differences.
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { AppError } from '../errors';
import {
  clearAttestation,
  clearOverride,
  closeFreeze,
  freezesOf,
  frozenResultsOf,
  historyOf,
  insertFreeze,
  insertFrozenResults,
  insertHistory,
  insertRegistration,
  openFreeze,
  tombstoneRegistration,
  updateRegistrationFields,
  updateWorkflow,
  upsertAttestation,
  upsertFigures,
  upsertOverride,
  type FreezeRow,
  type FrozenRow,
  type RegistrationWrite,
  type StoredRegistration,
  type SubjectKey,
  type WorkflowPatch,
} from '../repos/evaluation.repo';
import {
  evaluateAll,
  evaluateSubject,
  findSubject,
  loadRules,
  loadYear,
  subjectKey,
  subjectsUnder,
  type Evaluated,
  type Rules,
  type Subject,
  type YearData,
} from './evaluation-facts.service';
import {
  compareWithFrozen,
  freezeResult,
  selectRuleSets,
  verifyFrozen,
  OVERALL_SHORT_LABELS,
  VERDICT_LABELS,
  type FrozenResult,
  type OverallResult,
} from '../../../shared/domain/criteria';
import {
  ADVANCE_STEP_LABELS,
  BOARD_CATEGORIES,
  BOARD_CATEGORY_LABELS,
  DECISION_OUTCOME_LABELS,
  WORKFLOW_STATE_LABELS,
  checkRegistration,
  checkStep,
  countSentence,
  deadlines,
  lateWarnings,
  nextStep,
  stateBefore,
  type BoardCategory,
  type WorkflowState,
} from '../../../shared/domain/evaluation';
import type {
  BoardRowDto,
  EvaluationBoardDto,
  EvaluationSubjectDto,
  FiguresDto,
} from '../../../shared/ipc/contracts/evaluation.contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { formatDateVi } from '../../../shared/lib/dates';
import { compareVietnamese } from '../../../shared/lib/text';

// ---------------------------------------------------------------------------------------------
// Frozen rows

export interface FrozenRead {
  frozen: FrozenResult | null;
  tampered: boolean;
}

/** Parses and checks a stored frozen row: a row altered outside the app is reported, never trusted silently. */
export function readFrozen(row: FrozenRow): FrozenRead {
  let parsed: FrozenResult;
  try {
    parsed = JSON.parse(row.content) as FrozenResult;
  } catch {
    return { frozen: null, tampered: true };
  }
  const ok =
    typeof parsed === 'object' &&
    parsed !== null &&
    parsed.hash === row.hash &&
    parsed.unitId === row.subjectId &&
    parsed.result?.overall === row.overall &&
    verifyFrozen(parsed);
  return { frozen: parsed, tampered: !ok };
}

async function frozenMessage(db: Db, year: number): Promise<string | null> {
  const f = await openFreeze(db, year);
  return f
    ? `Kết quả năm ${year} đã được chốt ngày ${formatDateVi(f.at.slice(0, 10))} (${f.by}); không thể thay đổi. Muốn thay đổi cần mở lại kết quả năm ${year} và ghi lý do.`
    : null;
}

async function refuseIfFrozen(db: Db, year: number): Promise<void> {
  const msg = await frozenMessage(db, year);
  if (msg) throw new AppError('CONFLICT', msg);
}

function requireSubject(data: YearData, type: Subject['type'], id: string): Subject {
  const s = findSubject(data, type, id);
  if (!s) {
    throw new AppError(
      'NOT_FOUND',
      type === 'unit'
        ? `Không tìm thấy khu dân cư hoặc xã thuộc diện đánh giá năm ${data.year} (có thể đơn vị đã bị xóa hoặc không hoạt động trong năm).`
        : `Không tìm thấy cơ quan, doanh nghiệp, cơ sở giáo dục thuộc diện đánh giá năm ${data.year} (có thể đã bị xóa, không hoạt động trong năm hoặc không thuộc phạm vi Thông tư 124).`,
    );
  }
  return s;
}

function validation(details: Record<string, string>): AppError {
  const first = Object.values(details)[0] ?? 'Dữ liệu không hợp lệ.';
  return new AppError('VALIDATION', first, details);
}

// ---------------------------------------------------------------------------------------------
// Board

const CATEGORY_ORDER = new Map(BOARD_CATEGORIES.map((c, i) => [c, i]));

function failingOf(e: Evaluated): { failing: string[]; missing: string[] } {
  return {
    failing: e.result.rules.filter((r) => r.verdict === 'khong_dat').map((r) => r.ruleId),
    missing: e.result.rules.filter((r) => r.verdict === 'thieu_du_lieu').map((r) => r.ruleId),
  };
}

export async function board(ctx: ServiceContext, input: ParsedInput<'evaluation.board'>): Promise<EvaluationBoardDto> {
  return (await computeBoard(ctx, input)).board;
}

/** The board and the evaluations behind its rows (the export writes every criterion from them). */
export async function computeBoard(ctx: ServiceContext, input: ParsedInput<'evaluation.board'>): Promise<{ board: EvaluationBoardDto; evaluated: Evaluated[] }> {
  const rules = await loadRules(ctx);
  const data = await loadYear(ctx, ctx.db, input.year, rules);
  const scoped = subjectsUnder(data, input.unitId);
  const evaluated = evaluateAll(data, scoped);
  const freeze = await openFreeze(ctx.db, input.year);
  const frozenRows = freeze ? await frozenResultsOf(ctx.db, freeze.id) : new Map<string, FrozenRow>();
  const warnings: string[] = [];

  const rows: BoardRowDto[] = [];
  for (const e of evaluated) {
    const s = e.subject;
    const key = subjectKey(s.type, s.id);
    const reg = data.registrations.get(key);
    let frozen: OverallResult | null = null;
    let tampered = false;
    let differs = false;
    if (freeze) {
      const row = frozenRows.get(key);
      if (row) {
        const read = readFrozen(row);
        tampered = read.tampered;
        if (read.frozen && !tampered) {
          frozen = read.frozen.result.overall;
          differs = compareWithFrozen(read.frozen, e.result).length > 0;
        } else {
          frozen = row.overall as OverallResult;
          differs = true;
          warnings.push(`Kết quả đã chốt của ${s.name} không còn nguyên vẹn (dữ liệu đã bị sửa ngoài phần mềm); cần kiểm tra lại.`);
        }
      } else {
        differs = true;
        warnings.push(`${s.name} chưa có kết quả đã chốt (đơn vị được thêm sau khi chốt năm ${input.year}).`);
      }
    }
    for (const w of e.result.warnings) if (!warnings.includes(w)) warnings.push(w);
    rows.push({
      subjectType: s.type,
      subjectId: s.id,
      name: s.name,
      category: s.category,
      kind: s.kind,
      parentName: s.parentName,
      status: reg?.status ?? 'chua_dang_ky',
      registeredOn: reg?.registeredOn ?? null,
      decisionNumber: reg?.decisionNumber ?? null,
      decidedOn: reg?.decidedOn ?? null,
      live: e.result.overall,
      frozen,
      differs,
      tampered,
      ...failingOf(e),
    });
  }

  const counts = BOARD_CATEGORIES.map((category) => {
    const inCat = rows.filter((r) => r.category === category);
    const total = inCat.length;
    const registered = inCat.filter((r) => r.status !== 'chua_dang_ky').length;
    const dat = inCat.filter((r) => r.live === 'dat').length;
    const recognised = inCat.filter((r) => r.status === 'cong_nhan').length;
    const frozenDat = freeze ? inCat.filter((r) => r.frozen === 'dat').length : null;
    const standard = 'đạt tiêu chuẩn "An toàn về an ninh, trật tự"';
    const sentences =
      total === 0
        ? []
        : [
            countSentence(category, registered, total, 'đã đăng ký phấn đấu'),
            countSentence(category, recognised, total, `được công nhận ${standard}`),
            frozenDat !== null
              ? countSentence(category, frozenDat, total, `${standard} theo kết quả đã chốt`)
              : countSentence(category, dat, total, `${standard} theo kết quả tính hiện tại`),
          ];
    return { category, label: BOARD_CATEGORY_LABELS[category], total, registered, dat, recognised, frozenDat, sentences };
  });

  const filtered = rows
    .filter((r) => input.category === null || r.category === input.category)
    .sort(
      (a, b) =>
        (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0) ||
        compareVietnamese(a.parentName ?? '', b.parentName ?? '') ||
        compareVietnamese(a.name, b.name) ||
        (a.subjectId < b.subjectId ? -1 : 1),
    );
  return {
    board: {
      year: input.year,
      frozen: freeze ? { at: freeze.at, by: freeze.by, note: freeze.note } : null,
      rows: filtered,
      counts,
      warnings,
    },
    evaluated,
  };
}

// ---------------------------------------------------------------------------------------------
// Subject view

function registrationDto(r: StoredRegistration): NonNullable<EvaluationSubjectDto['registration']> {
  const { status: _s, subjectType: _t, subjectId: _i, year: _y, ...dto } = r;
  return dto;
}

export async function subjectView(ctx: ServiceContext, key: SubjectKey, rules?: Rules): Promise<EvaluationSubjectDto> {
  const data = await loadYear(ctx, ctx.db, key.year, rules ?? (await loadRules(ctx)));
  const s = requireSubject(data, key.subjectType, key.subjectId);
  const e = evaluateSubject(data, s);
  const k = subjectKey(s.type, s.id);
  const reg = data.registrations.get(k) ?? null;
  const status: WorkflowState = reg?.status ?? 'chua_dang_ky';
  const freeze = await openFreeze(ctx.db, key.year);
  let frozen: EvaluationSubjectDto['frozen'] = null;
  const warnings = [...lateWarnings(s.kind, key.year, { registeredOn: reg?.registeredOn ?? null, decidedOn: reg?.decidedOn ?? null }), ...e.result.warnings];
  if (freeze) {
    const row = (await frozenResultsOf(ctx.db, freeze.id, { subjectType: s.type, subjectId: s.id })).get(k);
    if (row) {
      const read = readFrozen(row);
      if (read.tampered) warnings.push('Kết quả đã chốt của đơn vị không còn nguyên vẹn (dữ liệu đã bị sửa ngoài phần mềm); không dùng được làm căn cứ.');
      if (read.frozen?.result) {
        frozen = {
          at: freeze.at,
          by: freeze.by,
          result: read.frozen.result,
          differences: read.tampered ? [] : compareWithFrozen(read.frozen, e.result),
          tampered: read.tampered,
        };
      }
    } else warnings.push(`Đơn vị chưa có kết quả đã chốt (được thêm sau khi chốt năm ${key.year}).`);
  }
  const figures = data.figures.get(`${k}:${key.year}`);
  let figuresDto: FiguresDto | null = null;
  if (figures) {
    const { subjectType: _t, subjectId: _i, year: _y, ...rest } = figures;
    figuresDto = rest;
  }
  return {
    subjectType: s.type,
    subjectId: s.id,
    year: key.year,
    name: s.name,
    kind: s.kind,
    category: s.category,
    parentName: s.parentName,
    status,
    nextStep: nextStep(status),
    deadlines: deadlines(s.kind, key.year),
    registration: reg ? registrationDto(reg) : null,
    history: await historyOf(ctx.db, key),
    live: e.result,
    frozen,
    yearFrozen: freeze ? { at: freeze.at, by: freeze.by, note: freeze.note } : null,
    attestations: (data.attestations.get(k) ?? []).map((a) => ({ ruleId: a.ruleId, value: a.value, by: a.by, on: a.on, note: a.note })),
    overrides: (data.overrides.get(k) ?? []).map((o) => ({ ruleId: o.ruleId, verdict: o.verdict, reason: o.reason, by: o.by, on: o.on })),
    figures: figuresDto,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Runs a change of one subject in a transaction (refused for a frozen year), then returns the view. */
async function change(
  ctx: ServiceContext,
  key: SubjectKey,
  body: (trx: Db, data: YearData, s: Subject, rules: Rules) => Promise<void>,
): Promise<EvaluationSubjectDto> {
  const rules = await loadRules(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const data = await loadYear(ctx, trx, key.year, rules);
    const s = requireSubject(data, key.subjectType, key.subjectId);
    await refuseIfFrozen(trx, key.year);
    await body(trx, data, s, rules);
  });
  return subjectView(ctx, key, rules);
}

function keyOf(input: { subjectType: Subject['type']; subjectId: string; year: number }): SubjectKey {
  return { subjectType: input.subjectType, subjectId: input.subjectId, year: input.year };
}

function notFuture(today: string, field: string, date: string | null, label: string, errors: Record<string, string>): void {
  if (date !== null && date > today) errors[field] = `${label} (${formatDateVi(date)}) ở tương lai.`;
}

export async function register(ctx: ServiceContext, input: ParsedInput<'evaluation.register'>): Promise<EvaluationSubjectDto> {
  const key = keyOf(input);
  return change(ctx, key, async (trx, data, s) => {
    const today = ctx.clock.today();
    const errors = checkRegistration({ registeredOn: input.registeredOn, year: input.year, today });
    notFuture(today, 'resolutionDate', input.resolutionDate, 'Ngày nghị quyết', errors);
    notFuture(today, 'planDate', input.planDate, 'Ngày kế hoạch', errors);
    if (input.resolutionDate === null && (input.resolutionNumber !== null || input.resolutionForm !== null)) {
      errors['resolutionDate'] = 'Cần ghi ngày ban hành nghị quyết.';
    }
    if (input.planDate === null && input.planNumber !== null) errors['planDate'] = 'Cần ghi ngày ban hành kế hoạch.';
    const isArea = s.type === 'unit' && s.kind === 'khu_dan_cu';
    if (!isArea && input.householdsRegistered !== null) errors['householdsRegistered'] = 'Chỉ ghi số hộ đăng ký đối với khu dân cư.';
    if (s.type !== 'organization') {
      const only = 'Chỉ ghi đối với cơ quan, doanh nghiệp, cơ sở giáo dục.';
      if (input.staffBriefed !== null) errors['staffBriefed'] = only;
      if (input.staffTotal !== null) errors['staffTotal'] = only;
      if (input.departmentsGood !== null) errors['departmentsGood'] = only;
      if (input.departmentsTotal !== null) errors['departmentsTotal'] = only;
    } else {
      if (input.staffBriefed !== null && input.staffTotal !== null && input.staffBriefed > input.staffTotal) {
        errors['staffBriefed'] = `Số người được quán triệt (${input.staffBriefed}) không được vượt tổng số người (${input.staffTotal}).`;
      }
      const departments = input.departmentsTotal ?? s.org?.subUnitCount ?? null;
      if (input.departmentsGood !== null && departments !== null && input.departmentsGood > departments) {
        errors['departmentsGood'] = `Số phòng, ban đạt (${input.departmentsGood}) không được vượt tổng số phòng, ban (${departments}).`;
      }
    }
    const existing = data.registrations.get(subjectKey(s.type, s.id));
    if (existing?.selfAssessedOn && input.registeredOn > existing.selfAssessedOn) {
      errors['registeredOn'] = `Ngày đăng ký không được sau ngày họp tự đánh giá (${formatDateVi(existing.selfAssessedOn)}).`;
    }
    if (Object.keys(errors).length) throw validation(errors);

    const w: RegistrationWrite = {
      registeredOn: input.registeredOn,
      resolutionNumber: input.resolutionNumber,
      resolutionDate: input.resolutionDate,
      resolutionForm: input.resolutionForm,
      planNumber: input.planNumber,
      planDate: input.planDate,
      householdsRegistered: input.householdsRegistered,
      staffBriefed: input.staffBriefed,
      staffTotal: input.staffTotal,
      departmentsGood: input.departmentsGood,
      departmentsTotal: input.departmentsTotal,
      note: input.note,
    };
    const at = ctx.clock.timestamp();
    const late = input.registeredOn > `${input.year}-03-31` ? ' (sau quý I: không đạt tiêu chí đăng ký trong quý I)' : '';
    if (existing) {
      await updateRegistrationFields(trx, existing.id, w, at);
      await insertHistory(trx, ctx.newId(), key, {
        at,
        action: 'update_registration',
        summary: `Sửa thông tin đăng ký: đăng ký ngày ${formatDateVi(input.registeredOn)}${late}.`,
        by: input.by ?? null,
        reason: null,
        data: w,
      });
    } else {
      await insertRegistration(trx, ctx.newId(), key, w, at);
      await insertHistory(trx, ctx.newId(), key, {
        at,
        action: 'register',
        summary: `Đăng ký phấn đấu đạt tiêu chuẩn năm ${input.year}, ngày ${formatDateVi(input.registeredOn)}${late}.`,
        by: input.by ?? null,
        reason: null,
        data: w,
      });
    }
  });
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
  return change(ctx, key, async (trx, data, s) => {
    const reg = data.registrations.get(subjectKey(s.type, s.id));
    const state: WorkflowState = reg?.status ?? 'chua_dang_ky';
    const result = input.step === 'quyet_dinh' ? evaluateSubject(data, s).result.overall : undefined;
    const errors = checkStep({
      state,
      step: input.step,
      date: input.date,
      previousDate: reg ? lastStepDate(reg) : null,
      year: input.year,
      today: ctx.clock.today(),
      ...(input.step === 'quyet_dinh' ? { outcome: input.outcome, reason: input.reason } : {}),
      ...(result ? { result } : {}),
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
          input.outcome === 'cong_nhan' && result !== 'dat'
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
  return change(ctx, key, async (trx, data, s) => {
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
          patch = { status: 'tham_dinh', decision: null, decision_number: null, decided_on: null, decision_signer: null, decision_reason: null };
      }
      await updateWorkflow(trx, reg.id, patch, at);
    }
    await insertHistory(trx, ctx.newId(), key, { at, action: 'undo', summary, by: input.by, reason: input.reason, data: { from: reg.status, to: before } });
  });
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
    if (rule.type !== 'ATTESTED') throw validation({ ruleId: `Tiêu chí ${input.ruleId} được tính từ số liệu, không do cán bộ xác nhận; muốn thay đổi kết quả hãy dùng "Thay đổi kết quả" và ghi lý do.` });
    const errors: Record<string, string> = {};
    notFuture(ctx.clock.today(), 'on', input.on, 'Ngày xác nhận', errors);
    if (Object.keys(errors).length) throw validation(errors);
    const at = ctx.clock.timestamp();
    await upsertAttestation(trx, ctx.newId, key, { ruleId: input.ruleId, value: input.value, by: input.by, on: input.on, note: input.note }, at);
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
    if (!(await clearAttestation(trx, key, input.ruleId, at))) throw new AppError('NOT_FOUND', `Tiêu chí ${input.ruleId} chưa có xác nhận để bỏ.`);
    await insertHistory(trx, ctx.newId(), key, { at, action: 'clear_attest', summary: `${input.ruleId}: bỏ xác nhận.`, by: input.by ?? null, reason: null });
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
    await upsertOverride(trx, ctx.newId, key, { ruleId: input.ruleId, verdict: input.verdict, reason: input.reason, by: input.by, on: input.on }, at);
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
    if (!(await clearOverride(trx, key, input.ruleId, at))) throw new AppError('NOT_FOUND', `Tiêu chí ${input.ruleId} không có kết quả được thay đổi để bỏ.`);
    await insertHistory(trx, ctx.newId(), key, { at, action: 'clear_override', summary: `${input.ruleId}: bỏ thay đổi kết quả, dùng lại kết quả tính.`, by: input.by ?? null, reason: null });
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

// ---------------------------------------------------------------------------------------------
// Freezing

export async function freeze(ctx: ServiceContext, input: ParsedInput<'evaluation.freeze'>): Promise<{ year: number; subjects: number; at: string }> {
  const rules = await loadRules(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await refuseIfFrozen(trx, input.year);
    const data = await loadYear(ctx, trx, input.year, rules);
    if (data.subjects.length === 0) throw new AppError('RULE', `Năm ${input.year} không có đơn vị nào thuộc diện đánh giá để chốt kết quả.`);
    const evaluated = evaluateAll(data);
    const at = ctx.clock.timestamp();
    const f: FreezeRow = { id: ctx.newId(), year: input.year, at, by: input.by, note: input.note, subjects: evaluated.length };
    await insertFreeze(trx, f, at);
    await insertFrozenResults(
      trx,
      evaluated.map((e) => {
        const sealed = freezeResult(e.result, e.facts);
        return {
          id: ctx.newId(),
          freezeId: f.id,
          year: input.year,
          subjectType: e.subject.type,
          subjectId: e.subject.id,
          overall: sealed.result.overall,
          content: JSON.stringify(sealed),
          hash: sealed.hash,
        };
      }),
      at,
    );
    return { year: input.year, subjects: evaluated.length, at };
  });
}

export async function unfreeze(ctx: ServiceContext, input: ParsedInput<'evaluation.unfreeze'>): Promise<{ year: number; subjects: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await openFreeze(trx, input.year);
    if (!f) throw new AppError('RULE', `Kết quả năm ${input.year} chưa được chốt nên không có gì để mở lại.`);
    await closeFreeze(trx, f.id, input.by, input.reason, ctx.clock.timestamp());
    return { year: input.year, subjects: f.subjects };
  });
}


/** The log of a year's freezes and unfreezes (who, when, why). */
export async function freezeLog(ctx: ServiceContext, year: number): Promise<Awaited<ReturnType<typeof freezesOf>>> {
  return freezesOf(ctx.db, year);
}
