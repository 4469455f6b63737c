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
import {
  applyTransition,
  carriedRegistration,
  carriedRegistrationNames,
  notSubjectWarning,
  registrableUnit,
} from './evaluation-transition';
import { affectedSubjects } from './evaluation-affected';
import { boardVerdicts, boardYear, EVALUATION_INPUTS, subjectKeys, watchBoard, type BoardYear } from './evaluation-cache';
import { storedReadWith, type StoredCodec } from './read-cache';
import { yearSeal, type SealedFreeze, type YearSeal } from './evaluation-seal.service';
import {
  compareWithFrozen,
  evaluationOrder,
  type EvaluationResult,
  type OverallResult,
  type RuleResult,
} from '../../../shared/domain/criteria';
import { BOARD_CATEGORIES, deadlines, lateWarnings, nextStep, noRuleSetNote, type WorkflowState } from '../../../shared/domain/evaluation';
import { boardCounts, boardSearchText, orderBoardRows, type BoardSortKey } from '../../../shared/domain/evaluation-board';
import type {
  BoardRowDto,
  EvaluationBoardDto,
  EvaluationBoardPageDto,
  EvaluationSubjectDto,
  FiguresDto,
} from '../../../shared/ipc/contracts/evaluation.contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { TABLES } from '../../../shared/domain/table-registry';
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
  const carried = carriedRegistration(data, s);
  // The failing and missing criteria in one walk of the verdicts (8,644 rows at a province's first computation).
  const failing: string[] = [];
  const missing: string[] = [];
  for (const r of e.result.rules) {
    if (r.verdict === 'khong_dat') failing.push(r.ruleId);
    else if (r.verdict === 'thieu_du_lieu') missing.push(r.ruleId);
  }
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
    carriedFrom: carried.names,
    // A unit formed during the year counts as registered through its predecessors.
    registered: reg !== undefined || carried.registered,
    evaluated: e.evaluated,
    failing,
    missing,
  };
}

export async function board(ctx: ServiceContext, input: ParsedInput<'evaluation.board'>): Promise<EvaluationBoardDto> {
  const { jobId } = input;
  // One key per board, whichever call asks (evaluation.board, evaluation.boardPage): the same order of fields.
  const filter = { year: input.year, category: input.category, unitId: input.unitId };
  const compute = () => runJob(ctx, jobId, EVALUATING_LABEL, async (job) => (await computeBoard(ctx, filter, job)).board);
  // The board of an open year with a sound ledger is kept in memory and in the file until a commit
  // on an input table (read-cache.ts storedReadOf): the first look after a restart reads it back.
  // The seal is checked on every load (its key lives outside the file): a frozen year, or any
  // problem or note of the ledger, and the board is made afresh, never kept.
  // The edits after a board read back from the file are noted for the verdicts kept there (evaluation-cache.ts).
  watchBoard(ctx);
  const seal = await yearSeal(ctx, ctx.db, input.year);
  if (seal.locked || seal.problems.length > 0 || seal.notes.length > 0) return compute();
  return storedReadWith(ctx, 'evaluation.board', EVALUATION_INPUTS, [ctx.clock.today(), filter], compute, BOARD_CODEC);
}

/** Rows parsed per host turn when a kept board is read back (~250 KB of JSON, a few ms). */
const ROWS_PER_SLICE = 500;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Where the rows start in a kept board's text; no key of the head is "rows" and no value holds a raw line break. */
const ROWS_START = ',"rows":[\n';
const ROWS_END = '\n]}';

/**
 * The board kept in the file as the board's own JSON, written with one row per line: its head
 * (year, seal, counts, warnings, note), then `"rows":[` and each row on a line of its own.
 * JSON.stringify never writes a raw line break inside a value, so ",\n" only ever separates rows,
 * and the text is still the board as JSON. Read back, the head and each slice of rows is parsed in
 * a turn of its own: a restart never parses the province's 5 MB in one host turn.
 */
export const BOARD_CODEC: StoredCodec<EvaluationBoardDto> = {
  encode: (b) => {
    const { rows, ...head } = b;
    return `${JSON.stringify(head).slice(0, -1)}${ROWS_START}${rows.map((r) => JSON.stringify(r)).join(',\n')}${ROWS_END}`;
  },
  decode: async (text) => {
    const at = text.indexOf(ROWS_START);
    // A board kept by a build before the slices (one line of JSON, same build code in development).
    if (at < 0) return JSON.parse(text) as EvaluationBoardDto;
    const head = JSON.parse(`${text.slice(0, at)}}`) as Omit<EvaluationBoardDto, 'rows'>;
    const body = text.slice(at + ROWS_START.length, text.length - ROWS_END.length);
    const lines = body === '' ? [] : body.split(',\n');
    const rows: BoardRowDto[] = [];
    for (let i = 0; i < lines.length; i += ROWS_PER_SLICE) {
      await nextTurn();
      for (const r of JSON.parse(`[${lines.slice(i, i + ROWS_PER_SLICE).join(',')}]`) as BoardRowDto[]) rows.push(r);
    }
    return { ...head, rows };
  },
};

// ---------------------------------------------------------------------------------------------
// The board by pages

const EVERY_TABLE = TABLES.map((t) => t.name);
/** Questions (category, search, order) kept per board: the screen asks a few in a row. */
const QUESTIONS_KEPT = 8;
/** The rows of each question asked of a board, in its order (the board's rows, not copies). */
const QUESTIONS = new WeakMap<EvaluationBoardDto, Map<string, BoardRowDto[]>>();
/** The folded text the search looks in, per row (a row object is shared while its board is kept). */
const FOLDED = new WeakMap<BoardRowDto, string>();
/**
 * The last board per scope, for the pages after a question's first. The first page of each
 * question asks for the board as a load of the whole board did (a frozen year's, or one with a
 * note of the ledger, is made afresh with its seal checked); the later pages of the question read
 * that same board while no table was written, as the screen scrolled the board it had loaded.
 */
const LAST_BOARDS = new WeakMap<object, Map<string, { generation: string; board: EvaluationBoardDto }>>();

/** The whole board of the page's scope (every category): kept, or computed as `evaluation.board` computes it. */
async function boardOfPage(
  ctx: ServiceContext,
  input: Pick<ParsedInput<'evaluation.boardPage'>, 'year' | 'unitId' | 'jobId'>,
  first: boolean,
): Promise<EvaluationBoardDto> {
  const scope = `${ctx.clock.today()}|${input.year}|${input.unitId ?? ''}`;
  const generations = ctx.generations;
  const generation = generations?.key(EVERY_TABLE);
  let last = generations ? LAST_BOARDS.get(generations) : undefined;
  const kept = last?.get(scope);
  if (!first && kept && kept.generation === generation) return kept.board;
  const whole = await board(ctx, { year: input.year, unitId: input.unitId, category: null, jobId: input.jobId });
  if (generations && generation !== undefined) {
    if (!last) LAST_BOARDS.set(generations, (last = new Map<string, { generation: string; board: EvaluationBoardDto }>()));
    last.delete(scope);
    last.set(scope, { generation, board: whole });
    for (const old of last.keys()) {
      if (last.size <= QUESTIONS_KEPT) break;
      last.delete(old);
    }
  }
  return whole;
}

/** Rows folded per host turn for the search (a first search over a province's board: ~10,500 texts). */
const FOLDS_PER_TURN = 2_000;

/** Folds the search text of every row not folded yet, a slice per turn of the host. */
async function foldAll(rows: readonly BoardRowDto[]): Promise<void> {
  let done = 0;
  for (const r of rows) {
    if (FOLDED.has(r)) continue;
    FOLDED.set(r, foldVietnamese(boardSearchText(r)));
    if (++done % FOLDS_PER_TURN === 0) await nextTurn();
  }
}

/** The whole board in an order, kept per board: every question in that order filters it (a stable order stays one). */
const ORDERS = new WeakMap<EvaluationBoardDto, Map<string, BoardRowDto[]>>();

function orderedRows(whole: EvaluationBoardDto, sort: BoardSortKey, dir: 'asc' | 'desc'): BoardRowDto[] {
  let orders = ORDERS.get(whole);
  if (!orders) ORDERS.set(whole, (orders = new Map<string, BoardRowDto[]>()));
  const key = `${sort}|${dir}`;
  let rows = orders.get(key);
  if (!rows) orders.set(key, (rows = orderBoardRows(whole.rows, sort, dir)));
  return rows;
}

/** A question asked of a board: its category and search, in an order. */
interface BoardQuestion {
  category: ParsedInput<'evaluation.boardPage'>['category'];
  search: string;
  sort: BoardSortKey;
  dir: 'asc' | 'desc';
}

/** The rows of the category and search, in the asked order; kept per board for the question's next pages. */
async function questionRows(whole: EvaluationBoardDto, input: BoardQuestion): Promise<BoardRowDto[]> {
  const words = foldVietnamese(input.search)
    .split(' ')
    .filter((w) => w.length > 0);
  const question = JSON.stringify([input.category, words, input.sort, input.dir]);
  let questions = QUESTIONS.get(whole);
  if (!questions) QUESTIONS.set(whole, (questions = new Map<string, BoardRowDto[]>()));
  const kept = questions.get(question);
  if (kept) return kept;
  if (words.length > 0) await foldAll(whole.rows);
  const rows = orderedRows(whole, input.sort, input.dir).filter(
    (r) => (input.category === null || r.category === input.category) && words.every((w) => FOLDED.get(r)!.includes(w)),
  );
  questions.set(question, rows);
  for (const old of questions.keys()) {
    if (questions.size <= QUESTIONS_KEPT) break;
    questions.delete(old);
  }
  return rows;
}

/**
 * One page of the board (evaluation.boardPage): the whole board of the year and scope is computed
 * and kept as for `evaluation.board` (counts, warnings, seal); the category, the search (diacritics
 * ignored, as `matchesQuery`) and the order are applied to its rows here, and one page of them is sent.
 */
export async function boardPage(ctx: ServiceContext, input: ParsedInput<'evaluation.boardPage'>): Promise<EvaluationBoardPageDto> {
  const { offset, limit, sort, dir } = input.page;
  const whole = await boardOfPage(ctx, input, offset === 0);
  const rows = await questionRows(whole, { category: input.category, search: input.search, sort, dir });
  return {
    unregistered: unregisteredOf(whole, rows).length,
    year: whole.year,
    frozen: whole.frozen,
    counts: whole.counts,
    warnings: whole.warnings,
    ruleSetNote: whole.ruleSetNote,
    offset,
    total: rows.length,
    rows: rows.slice(offset, offset + limit),
  };
}

/** The rows of a question not registered yet (what the board lets one choose), kept per question's rows. */
const UNREGISTERED = new WeakMap<readonly BoardRowDto[], BoardRowDto[]>();

function unregisteredOf(whole: EvaluationBoardDto, rows: readonly BoardRowDto[]): BoardRowDto[] {
  if (whole.frozen) return [];
  let open = UNREGISTERED.get(rows);
  if (!open) UNREGISTERED.set(rows, (open = rows.filter((r) => r.status === 'chua_dang_ky')));
  return open;
}

/**
 * Every subject of a question of the board (evaluation.boardUnregistered) not registered yet, in
 * the board's order: the keys the board's "choose all" takes when its rows come by pages. The board
 * is the one the question's pages read (asked again, and its seal checked, as a first page is); a
 * frozen year has none to choose.
 */
export async function boardUnregistered(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.boardUnregistered'>,
): Promise<{ subjects: { subjectType: BoardRowDto['subjectType']; subjectId: string }[] }> {
  const whole = await boardOfPage(ctx, input, true);
  const rows = await questionRows(whole, { category: input.category, search: input.search, sort: 'default', dir: 'asc' });
  return { subjects: unregisteredOf(whole, rows).map((r) => ({ subjectType: r.subjectType, subjectId: r.subjectId })) };
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

/**
 * Each distinct text's rank in Vietnamese order: texts the collator finds equal share a rank, so
 * comparing two ranks gives the sign compareVietnamese gives (the collator's order is total).
 */
function vietnameseRanks(texts: readonly string[]): Map<string, number> {
  const distinct = [...new Set(texts)].sort(compareVietnamese);
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i > 0 && compareVietnamese(distinct[i - 1]!, distinct[i]!) !== 0) rank++;
    ranks.set(distinct[i]!, rank);
  }
  return ranks;
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
  // By category, parent's name, name (Vietnamese order), id. The parents' names are ranked once (a
  // few hundred distinct names) so the sort compares numbers, and names only within one parent.
  const parents = vietnameseRanks(rows.map((r) => r.parentName ?? ''));
  const sorted = rows
    .filter((r) => input.category === null || r.category === input.category)
    .map((row) => ({ row, category: CATEGORY_ORDER.get(row.category) ?? 0, parent: parents.get(row.parentName ?? '')! }))
    .sort(
      (a, b) =>
        a.category - b.category ||
        a.parent - b.parent ||
        compareVietnamese(a.row.name, b.row.name) ||
        (a.row.subjectId < b.row.subjectId ? -1 : 1),
    )
    .map((x) => x.row);
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
