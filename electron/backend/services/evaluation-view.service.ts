/**
 * What the evaluation screens read: the board of a year (rows, counts and the sentences reports
 * quote) and one subject's view. Live results are computed from the records on every read; a frozen
 * year adds each subject's sealed result, verified against the seal (evaluation-seal.service.ts): a
 * result that cannot be verified is "không xác định" in every figure, never its stored value.
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { AppError } from '../errors';
import { historyOf, type StoredRegistration, type SubjectKey } from '../repos/evaluation.repo';
import {
  evaluateForView,
  findSubject,
  verdictsForView,
  loadRules,
  loadYear,
  subjectKey,
  subjectsUnder,
  type Evaluated,
  type Rules,
  type SubjectVerdicts,
  type Subject,
  type YearData,
} from './evaluation-facts.service';
import { applyTransition, carriedRegistrationNames, carriedRegistered, notSubjectWarning, registrableUnit } from './evaluation-transition';
import { affectedSubjects } from './evaluation-affected';
import { boardVerdicts, boardYear, EVALUATION_INPUTS, subjectKeys, watchBoard, type BoardYear } from './evaluation-cache';
import { storedReadOf } from './read-cache';
import { yearSeal, type SealedFreeze, type YearSeal } from './evaluation-seal.service';
import {
  compareWithFrozen,
  evaluationOrder,
  type EvaluationResult,
  type OverallResult,
  type RuleResult,
} from '../../../shared/domain/criteria';
import { BOARD_CATEGORIES, deadlines, lateWarnings, nextStep, noRuleSetNote, type WorkflowState } from '../../../shared/domain/evaluation';
import { boardCounts } from '../../../shared/domain/evaluation-board';
import type { BoardRowDto, EvaluationBoardDto, EvaluationSubjectDto, FiguresDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { compareVietnamese } from '../../../shared/lib/text';
import { detachedJob, type Job } from '../jobs/jobs';
import { mapWithCheckpoints, runJob } from '../jobs/run-job';

/** The year's records with the transition rules applied (subjects on their decision date). */
export async function loadEvaluationYear(ctx: ServiceContext, db: Db, year: number, rules: Rules, job?: Job): Promise<YearData> {
  return applyTransition(await loadYear(ctx, db, year, rules, job ? () => job.checkpoint() : undefined));
}

/** A subject of the year; with `registrable`, also a unit that ended before its decision date. */
export function requireSubject(data: YearData, type: Subject['type'], id: string, registrable = false): Subject {
  const s = findSubject(data, type, id) ?? (registrable && type === 'unit' ? registrableUnit(data, id) : undefined);
  if (!s) {
    throw new AppError(
      'NOT_FOUND',
      type === 'unit'
        ? `Không tìm thấy khu dân cư hoặc xã thuộc diện đánh giá năm ${data.year} (có thể đơn vị đã bị xóa, không hoạt động trong năm hoặc đã kết thúc hoạt động trước ngày xét công nhận).`
        : `Không tìm thấy cơ quan, doanh nghiệp, cơ sở giáo dục thuộc diện đánh giá năm ${data.year} (có thể đã bị xóa, không hoạt động trong năm hoặc không thuộc phạm vi Thông tư 124).`,
    );
  }
  return s;
}

const freezeInfo = (f: SealedFreeze | null) => (f ? { at: f.at, by: f.by, note: f.note } : null);

// ---------------------------------------------------------------------------------------------
// Board

const CATEGORY_ORDER = new Map(BOARD_CATEGORIES.map((c, i) => [c, i]));
const UNSEALED = 'Không kiểm tra được niêm phong của năm (sổ niêm phong hoặc tệp khóa không còn nguyên vẹn).';

interface FrozenCell {
  frozen: OverallResult | null;
  tampered: boolean;
  sealProblem: string | null;
  differs: boolean;
}

/**
 * What a board row reads of a subject's evaluation: its verdicts. Both the full result (the export
 * writes every criterion) and the verdicts-only one (the board) have this shape.
 */
interface BoardEvaluated {
  subject: Subject;
  evaluated: boolean;
  result: Pick<EvaluationResult, 'overall' | 'warnings'> & { rules: readonly Pick<RuleResult, 'ruleId' | 'verdict'>[] };
}

/** A subject's frozen cell: verified result, "không xác định", or none (added after freezing). */
function frozenCell(seal: YearSeal, e: BoardEvaluated, warnings: string[]): FrozenCell {
  if (!seal.locked) return { frozen: null, tampered: false, sealProblem: null, differs: false };
  if (!seal.trusted) return { frozen: null, tampered: true, sealProblem: UNSEALED, differs: true };
  const state = seal.rows.get(subjectKey(e.subject.type, e.subject.id));
  if (!state) {
    warnings.push(`${e.subject.name} chưa có kết quả đã chốt (đơn vị được thêm sau khi chốt năm ${seal.year}).`);
    return { frozen: null, tampered: false, sealProblem: null, differs: true };
  }
  if (!state.ok) return { frozen: null, tampered: true, sealProblem: state.reason, differs: true };
  return {
    frozen: state.verdicts.overall,
    tampered: false,
    sealProblem: null,
    differs: compareWithFrozen({ result: state.verdicts }, e.result).length > 0,
  };
}

function boardRow(data: YearData, e: BoardEvaluated, cell: FrozenCell): BoardRowDto {
  const s = e.subject;
  const reg = data.registrations.get(subjectKey(s.type, s.id));
  return {
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
    ...cell,
    carriedFrom: carriedRegistrationNames(data, s) ?? [],
    // A unit formed during the year counts as registered through its predecessors.
    registered: reg !== undefined || carriedRegistered(data, s),
    evaluated: e.evaluated,
    failing: e.result.rules.filter((r) => r.verdict === 'khong_dat').map((r) => r.ruleId),
    missing: e.result.rules.filter((r) => r.verdict === 'thieu_du_lieu').map((r) => r.ruleId),
  };
}

export async function board(ctx: ServiceContext, input: ParsedInput<'evaluation.board'>): Promise<EvaluationBoardDto> {
  const { jobId, ...filter } = input;
  const compute = () => runJob(ctx, jobId, EVALUATING_LABEL, async (job) => (await computeBoard(ctx, filter, job)).board);
  // The board of an open year with a sound ledger is kept in memory and in the file until a commit
  // on an input table (read-cache.ts storedReadOf): the first look after a restart reads it back.
  // The seal is checked on every load (its key lives outside the file): a frozen year, or any
  // problem or note of the ledger, and the board is made afresh, never kept.
  // The edits after a board read back from the file are noted for the verdicts kept there (evaluation-cache.ts).
  watchBoard(ctx);
  const seal = await yearSeal(ctx, ctx.db, input.year);
  if (seal.locked || seal.problems.length > 0 || seal.notes.length > 0) return compute();
  return storedReadOf(ctx, 'evaluation.board', EVALUATION_INPUTS, [ctx.clock.today(), filter], compute);
}

export const EVALUATING_LABEL = 'Đang đọc dữ liệu đánh giá…';

type BoardInput = Omit<ParsedInput<'evaluation.board'>, 'jobId'>;

/**
 * The board from its verdicts (the screen, the dashboard, the slides, the hand-off snapshot). The
 * year's records and each subject's verdicts are kept while no input table is written
 * (evaluation-cache.ts); the seal and the rows are made on every read.
 */
export async function computeBoard(
  ctx: ServiceContext,
  input: BoardInput,
  job: Job = detachedJob(),
): Promise<{ board: EvaluationBoardDto; evaluated: SubjectVerdicts[] }> {
  const year = await boardYear(ctx, input.year, job);
  const subjects = orderedSubjects(year.data, input.unitId);
  // The kept verdicts, and those of the subjects an edit reached decided now (evaluation-cache.ts).
  const keys = subjectKeys(subjects);
  const evaluated = await boardVerdicts(year, subjects, keys, job);
  return boardOf(ctx, input, year.data, evaluated, year, keys);
}

const ORDERED = new WeakMap<readonly Subject[], Subject[]>();

/** The subjects under the unit in evaluation order; the whole year's order kept per subjects array. */
function orderedSubjects(data: YearData, unitId: string | null): Subject[] {
  if (unitId !== null) return evaluationOrder(subjectsUnder(data, unitId));
  let ordered = ORDERED.get(data.subjects);
  if (!ordered) ORDERED.set(data.subjects, (ordered = evaluationOrder(data.subjects)));
  return ordered;
}

/** The board and the full evaluations behind its rows (the export writes every criterion from them). */
export async function computeBoardResults(
  ctx: ServiceContext,
  input: BoardInput,
  job: Job = detachedJob(),
): Promise<{ board: EvaluationBoardDto; evaluated: (Evaluated & { evaluated: boolean })[] }> {
  const data = await loadEvaluationYear(ctx, ctx.db, input.year, await loadRules(ctx), job);
  const subjects = evaluationOrder(subjectsUnder(data, input.unitId));
  const evaluated = await mapWithCheckpoints(job, subjects, (sub) => evaluateForView(data, sub), 'Đang đánh giá', 'đối tượng');
  return boardOf(ctx, input, data, evaluated);
}

/** The rows, counts and warnings of the board from its subjects' evaluations, with the year's seal. */
async function boardOf<E extends BoardEvaluated>(
  ctx: ServiceContext,
  input: BoardInput,
  data: YearData,
  evaluated: E[],
  cache?: Pick<BoardYear, 'rows' | 'orders'>,
  keys?: readonly string[],
): Promise<{ board: EvaluationBoardDto; evaluated: E[] }> {
  const seal = await yearSeal(ctx, ctx.db, input.year);
  const warnings: string[] = [...seal.problems, ...seal.notes];
  const rows: BoardRowDto[] = [];
  // Rows of an unfrozen year are kept with the verdicts (the frozen cell is then always empty).
  const kept = cache && !seal.locked ? cache.rows : undefined;
  const seen = new Set<string>();
  const byKey = new Map<string, BoardRowDto>();
  for (let i = 0; i < evaluated.length; i++) {
    const e = evaluated[i]!;
    const k = keys?.[i] ?? subjectKey(e.subject.type, e.subject.id);
    let row = kept?.get(k);
    if (!row) {
      row = boardRow(data, e, frozenCell(seal, e, warnings));
      kept?.set(k, row);
    }
    rows.push(row);
    byKey.set(k, row);
    for (const w of e.result.warnings) {
      if (seen.has(w)) continue;
      seen.add(w);
      if (!warnings.includes(w)) warnings.push(w);
    }
  }
  return {
    board: {
      year: input.year,
      frozen: seal.locked ? freezeInfo(seal.freeze) : null,
      rows: sortedRows(rows, byKey, input, cache?.orders),
      counts: boardCounts(rows, seal.locked),
      warnings,
      ruleSetNote: evaluated.every((e) => e.evaluated) ? null : noRuleSetNote(input.year),
    },
    evaluated,
  };
}

/** The rows of the category filter in the board's order; the order (of subjects only) kept per filter. */
function sortedRows(
  rows: readonly BoardRowDto[],
  byKey: ReadonlyMap<string, BoardRowDto>,
  input: BoardInput,
  orders?: Map<string, string[]>,
): BoardRowDto[] {
  const filter = `${input.unitId ?? ''}|${input.category ?? ''}`;
  const order = orders?.get(filter);
  if (order && order.length <= rows.length && order.every((k) => byKey.has(k))) return order.map((k) => byKey.get(k)!);
  const sorted = rows
    .filter((r) => input.category === null || r.category === input.category)
    .sort(
      (a, b) =>
        (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0) ||
        compareVietnamese(a.parentName ?? '', b.parentName ?? '') ||
        compareVietnamese(a.name, b.name) ||
        (a.subjectId < b.subjectId ? -1 : 1),
    );
  orders?.set(
    filter,
    sorted.map((r) => subjectKey(r.subjectType, r.subjectId)),
  );
  return sorted;
}

// ---------------------------------------------------------------------------------------------
// Subject view

function registrationDto(r: StoredRegistration): NonNullable<EvaluationSubjectDto['registration']> {
  const { status: _s, subjectType: _t, subjectId: _i, year: _y, ...dto } = r;
  return dto;
}

function frozenOfSubject(seal: YearSeal, e: Evaluated, warnings: string[]): EvaluationSubjectDto['frozen'] {
  if (!seal.locked || !seal.freeze) return null;
  if (!seal.trusted) {
    warnings.push(`Kết quả đã chốt của đơn vị không xác định: ${UNSEALED}`);
    return null;
  }
  const state = seal.rows.get(subjectKey(e.subject.type, e.subject.id));
  if (!state) {
    warnings.push(`Đơn vị chưa có kết quả đã chốt (được thêm sau khi chốt năm ${seal.year}).`);
    return null;
  }
  if (!state.ok) {
    warnings.push(`Kết quả đã chốt của đơn vị không xác định, không dùng được làm căn cứ: ${state.reason}`);
    return null;
  }
  const frozen = state.frozen();
  if (typeof frozen === 'string') {
    warnings.push(`Kết quả đã chốt của đơn vị không xác định, không dùng được làm căn cứ: ${frozen}`);
    return null;
  }
  return {
    at: seal.freeze.at,
    by: seal.freeze.by,
    result: frozen.result,
    differences: compareWithFrozen(frozen, e.result),
    tampered: false,
  };
}

export async function subjectView(ctx: ServiceContext, key: SubjectKey, rules?: Rules): Promise<EvaluationSubjectDto> {
  const data = await loadEvaluationYear(ctx, ctx.db, key.year, rules ?? (await loadRules(ctx)));
  const s = requireSubject(data, key.subjectType, key.subjectId, true);
  const e = evaluateForView(data, s);
  const k = subjectKey(s.type, s.id);
  const reg = data.registrations.get(k) ?? null;
  const status: WorkflowState = reg?.status ?? 'chua_dang_ky';
  const seal = await yearSeal(ctx, ctx.db, key.year);
  const carried = carriedRegistrationNames(data, s);
  const warnings = [
    ...[notSubjectWarning(data, s)].filter((w): w is string => w !== null),
    ...(carried ? [`Đơn vị bắt đầu hoạt động trong năm: đăng ký và hồ sơ quý I kế thừa từ ${carried.join(', ')}.`] : []),
    ...lateWarnings(s.kind, key.year, { registeredOn: carried ? null : (reg?.registeredOn ?? null), decidedOn: reg?.decidedOn ?? null }),
    ...e.result.warnings,
  ];
  const frozen = frozenOfSubject(seal, e, warnings);
  if (seal.locked) warnings.push(...seal.problems);
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
    yearFrozen: seal.locked ? freezeInfo(seal.freeze) : null,
    attestations: (data.attestations.get(k) ?? []).map((a) => ({ ruleId: a.ruleId, value: a.value, by: a.by, on: a.on, note: a.note })),
    overrides: (data.overrides.get(k) ?? []).map((o) => ({ ruleId: o.ruleId, verdict: o.verdict, reason: o.reason, by: o.by, on: o.on })),
    figures: figuresDto,
    warnings,
    ruleSetNote: e.evaluated ? null : noRuleSetNote(key.year),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows of a few subjects (patching the board after a change)

/**
 * The board rows of `keys` and of the subjects their change can move (evaluation-affected.ts),
 * recomputed from the records: one load of the year and a handful of evaluations instead of the
 * whole board. Subjects that are not on the year's board are left out.
 */
export async function boardRows(
  ctx: ServiceContext,
  year: number,
  keys: readonly { subjectType: Subject['type']; subjectId: string }[],
  rules?: Rules,
): Promise<BoardRowDto[]> {
  const data = await loadEvaluationYear(ctx, ctx.db, year, rules ?? (await loadRules(ctx)));
  const seal = await yearSeal(ctx, ctx.db, year);
  return evaluationOrder(affectedSubjects(data, keys)).map((sub) => {
    const e = verdictsForView(data, sub);
    return boardRow(data, e, frozenCell(seal, e, []));
  });
}
