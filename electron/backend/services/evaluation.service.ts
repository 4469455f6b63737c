/**
 * The yearly evaluation's use cases (issue 5), as the handlers see them: the board and one
 * subject's view (evaluation-view.service.ts), the changes of a subject (evaluation-steps.service.ts),
 * and here freezing and unfreezing a year.
 *
 * Results are never stored while live: they are computed from the records on every read, so an
 * edited incident shows at once. Freezing stores each subject's result with the facts it came from
 * and seals the year (evaluation-seal.service.ts): the freeze record and the set of rows under a
 * keyed MAC kept outside the database, in a chained ledger that unfreezing extends.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import {
  closeFreeze,
  freezesOf,
  insertFreeze,
  insertFrozenResults,
  openFreeze,
  type FreezeRow,
  type FrozenRow,
} from '../repos/evaluation.repo';
import { createHash } from 'node:crypto';
import {
  evaluateSubject,
  freezeInputsOf,
  loadRules,
  subjectKey,
  type Evaluated,
  type FreezeInputs,
  type SubjectVerdicts,
  type YearData,
} from './evaluation-facts.service';
import type { Job } from '../jobs/jobs';
import { countLabel, mapWithCheckpoints, runJob } from '../jobs/run-job';
import { dataStamp } from '../repos/data-stamp.repo';
import { insertNotedBySet } from '../repos/audit.repo';
import { longTransaction } from '../jobs/long-write';
import { loadEvaluationYear } from './evaluation-view.service';
import { boardYear } from './evaluation-cache';
import { rowSealer, sealFreeze, sealUnfreeze, yearSeal } from './evaluation-seal.service';
import {
  EVALUATED_KINDS,
  RuleTextList,
  evaluationOrder,
  frozenRulesText,
  sealedInputs,
  sealedRow,
  selectRuleSets,
} from '../../../shared/domain/criteria';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { formatDateVi } from '../../../shared/lib/dates';

export { board, boardPage, boardRows, boardUnregistered, computeBoard, computeBoardResults, subjectView } from './evaluation-view.service';
export { advance, attest, clearAttest, clearOverrideOf, override, recordFigures, undoStep } from './evaluation-steps.service';
export { register, registerMany } from './evaluation-registration.service';

export async function freeze(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.freeze'>,
): Promise<{ year: number; subjects: number; at: string }> {
  return runJob(ctx, input.jobId, 'Đang đọc dữ liệu đánh giá…', (job) => freezeAsJob(ctx, input, job));
}

const alreadyFrozen = (year: number, f: { at: string; by: string } | null) =>
  new AppError(
    'CONFLICT',
    `Kết quả năm ${year} đã được chốt${f ? ` ngày ${formatDateVi(f.at.slice(0, 10))} (${f.by})` : ''}; không thể chốt lại. Muốn chốt lại cần mở lại kết quả năm ${year} và ghi lý do.`,
  );

/** Frozen rows written per statement (the write yields between statements: jobs/long-write.ts). */
const WRITE_CHUNK = 100;

/** A frozen row ready to write: content in stored form, MAC of the sealed content. */
type PreparedRow = FrozenRow & { id: string; freezeId: string; year: number; name: string };

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Seals one subject's result with its facts and puts it in stored form (its criteria texts into `texts`). */
function prepareRow(
  ctx: ServiceContext,
  macOf: ReturnType<typeof rowSealer>,
  freezeId: string,
  year: number,
  e: Evaluated,
  texts: RuleTextList,
): PreparedRow {
  // The sealed JSON and its stored form from one serialisation (sealedRow = freezeResult + stringify + compactFrozen).
  // Encoded once (Buffer.from is native): the seal's hash and the row's MAC both read these bytes.
  const sealed = sealedRow(e.result, e.facts, texts, utf8);
  const row: FrozenRow = {
    subjectType: e.subject.type,
    subjectId: e.subject.id,
    overall: sealed.overall,
    content: sealed.content,
    hash: '',
  };
  row.hash = macOf(freezeId, year, row, sealed.contentUtf8);
  return { ...row, content: sealed.stored, id: ctx.newId(), freezeId, year, name: e.subject.name };
}

/** The rule sets a form-2 freeze stores once (every set in force for an evaluated kind that year) and their SHA-256. */
function yearRules(data: YearData): { text: string; digest: string } {
  const text = frozenRulesText(EVALUATED_KINDS.flatMap((k) => selectRuleSets(data.ruleSets, k, data.year)));
  return { text, digest: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/**
 * Form 2 (frozen-v2.ts): seals one subject's facts, overrides, rule-set references and verdicts;
 * stored as sealed (≈ 1.5 KB, the texts are computed again when read).
 */
function prepareInputsRow(
  ctx: ServiceContext,
  macOf: ReturnType<typeof rowSealer>,
  freezeId: string,
  data: YearData,
  i: FreezeInputs,
  rulesDigest: string,
): PreparedRow {
  const sealed = sealedInputs(i.facts, i.overrides, data.settings, i.sets, i.verdicts, rulesDigest);
  const row: FrozenRow = {
    subjectType: i.subject.type,
    subjectId: i.subject.id,
    overall: sealed.overall,
    content: sealed.content,
    hash: '',
  };
  row.hash = macOf(freezeId, data.year, row);
  return { ...row, id: ctx.newId(), freezeId, year: data.year, name: i.subject.name };
}

/** Every subject's frozen row in the freeze's form, and what the freeze record stores for them (form 1's texts, form 2's rule sets). */
interface Prepared {
  rows: PreparedRow[];
  stored: () => readonly string[] | string | null;
}

async function prepareAll(
  ctx: ServiceContext,
  macOf: ReturnType<typeof rowSealer>,
  freezeId: string,
  data: YearData,
  job?: Job,
  verdicts?: ReadonlyMap<string, SubjectVerdicts>,
): Promise<Prepared> {
  const subjects = evaluationOrder(data.subjects);
  const each = <T>(fn: (s: (typeof subjects)[number]) => T): Promise<T[]> | T[] =>
    job ? mapWithCheckpoints(job, subjects, fn, 'Đang đánh giá', 'đối tượng') : subjects.map(fn);
  if (ctx.frozenForm === 1) {
    const texts = new RuleTextList();
    const rows = await each((s) => prepareRow(ctx, macOf, freezeId, data.year, evaluateSubject(data, s), texts));
    return { rows, stored: () => (texts.texts.length ? texts.texts : null) };
  }
  const rules = yearRules(data);
  const rows = await each((s) =>
    prepareInputsRow(ctx, macOf, freezeId, data, freezeInputsOf(data, s, verdicts?.get(subjectKey(s.type, s.id))), rules.digest),
  );
  return { rows, stored: () => rules.text };
}

/**
 * Every read, every evaluation and the sealing of every row happen in checkpointed slices before
 * the write transaction, so the host answers in between and a cancel writes nothing. The
 * transaction re-checks the seal (a freeze finished meanwhile refuses this one) and whether
 * anything was written meanwhile (another call between two slices): if so the rows are made
 * again, inside the transaction, from what it sees. The transaction itself yields between its
 * statements (jobs/long-write.ts); a cancel during it rolls it back.
 */
async function freezeAsJob(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.freeze'>,
  job: Job,
): Promise<{ year: number; subjects: number; at: string }> {
  const rules = await loadRules(ctx);
  const before = await yearSeal(ctx, ctx.db, input.year, { withRows: false });
  if (before.locked) throw alreadyFrozen(input.year, before.freeze);
  // A backup of the year's data before it is frozen (issue 15 item 4); a failed one refuses the freeze.
  // Copied in steps (the host answers reads meanwhile), its pages shown as progress; a cancel stops it.
  job.report(0, null, 'Đang sao lưu trước khi chốt…');
  await ctx.backups?.before('freeze', String(input.year), (done, total) => {
    job.throwIfCancelled();
    job.report(done, total, countLabel('Đang sao lưu trước khi chốt:', done, total, 'trang'));
  });
  // The label after the backup, so the time of reading the year is not shown (nor measured) as the backup's.
  job.report(0, null, 'Đang đọc dữ liệu đánh giá…');
  const version = await dataStamp(ctx.db);
  // The board's year (evaluation-cache.ts): what it holds for these records is not read again, and
  // its verdicts stand for the verdicts pass of the subjects it kept (form 2 seals verdicts).
  const year = await boardYear(ctx, input.year, job);
  const data = year.data;
  if (data.subjects.length === 0) throw new AppError('RULE', `Năm ${input.year} không có đơn vị nào thuộc diện đánh giá để chốt kết quả.`);
  await job.checkpoint();
  const freezeId = ctx.newId();
  const macOf = rowSealer(ctx);
  let prepared = await prepareAll(ctx, macOf, freezeId, data, job, year.verdicts);
  job.throwIfCancelled();
  job.report(prepared.rows.length, prepared.rows.length, 'Đang ghi kết quả đã chốt…');
  // One transaction (all rows or none) that yields to the host between statements and rolls back
  // when cancelled: on the second connection, readers go on meanwhile (jobs/long-write.ts).
  return longTransaction(ctx, job, async (trx, stamp) => {
    const seal = await yearSeal(ctx, trx, input.year, { withRows: false });
    if (seal.locked) throw alreadyFrozen(input.year, seal.freeze);
    if ((await stamp()) !== version)
      prepared = await prepareAll(ctx, macOf, freezeId, await loadEvaluationYear(ctx, trx, input.year, rules));
    const { rows } = prepared;
    const at = ctx.clock.timestamp();
    const f: FreezeRow = { id: freezeId, year: input.year, at, by: input.by, note: input.note, subjects: rows.length };
    // A freeze record left open outside the app (not in the ledger) would block the new one: close it.
    const stray = await openFreeze(trx, input.year);
    if (stray) await closeFreeze(trx, stray.id, input.by, 'Bản ghi chốt không có trong sổ niêm phong', at);
    await insertFreeze(trx, f, at, prepared.stored());
    // The audit's INSERT trigger lifted for the rows and the rows noted by set (the same count and
    // first ids): single-row INSERTs then keep no statement journal (evaluation-frozen.repo.ts).
    await insertNotedBySet(
      trx,
      'evaluation_frozen_results',
      rows.map((r) => r.id),
      async () => {
        for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
          job.report(i, rows.length, countLabel('Đang ghi', i, rows.length, 'kết quả đã chốt'));
          await insertFrozenResults(trx, rows.slice(i, i + WRITE_CHUNK), at);
        }
      },
    );
    job.report(rows.length, rows.length, countLabel('Đang ghi', rows.length, rows.length, 'kết quả đã chốt'));
    await sealFreeze(
      ctx,
      trx,
      f,
      rows.map((r) => ({ key: `${r.subjectType}:${r.subjectId}`, name: r.name, mac: r.hash })),
    );
    return { year: input.year, subjects: rows.length, at };
  });
}

export async function unfreeze(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.unfreeze'>,
): Promise<{ year: number; subjects: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const seal = await yearSeal(ctx, trx, input.year, { withRows: false });
    const open = await openFreeze(trx, input.year);
    if (!seal.locked) throw new AppError('RULE', `Kết quả năm ${input.year} chưa được chốt nên không có gì để mở lại.`);
    const at = ctx.clock.timestamp();
    if (open) await closeFreeze(trx, open.id, input.by, input.reason, at);
    const freezeId = seal.freeze?.id ?? open?.id ?? '';
    await sealUnfreeze(ctx, trx, input.year, freezeId, input.by, input.reason, at);
    return { year: input.year, subjects: seal.freeze?.subjects ?? open?.subjects ?? 0 };
  });
}

/** The log of a year's freezes and unfreezes (who, when, why). */
export async function freezeLog(ctx: ServiceContext, year: number): Promise<Awaited<ReturnType<typeof freezesOf>>> {
  return freezesOf(ctx.db, year);
}
