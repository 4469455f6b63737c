/**
 * The generic Excel flow shared by every registry: template, preview (nothing written, every row's
 * fate and problems in Vietnamese), commit (all rows or none, only when the file has no error) and
 * export. A row's natural key decides new/update/unchanged, so importing a file twice adds nothing.
 * Repeats inside the file follow one rule for every registry (FileRepeats); warnings (a spec's
 * near-duplicates) are written only when the officer accepts them.
 */
import type { ServiceContext } from '../../context';
import type { ListFilter } from '../../../../shared/domain/registries';
import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import type { AnySpec, ImportStatus } from '../../xlsx/spec';
import { XLSX_TEXTS } from '../../xlsx/texts';
import { IMPORT_TEXTS } from './texts';
import { readWorkbook, writeWorkbook, type ReadRow } from '../../xlsx/workbook';
import type { Db } from '../../repos/units.repo';
import { dataStamp } from '../../repos/data-stamp.repo';
import { detachedJob, type Job } from '../../jobs/jobs';
import { runJob } from '../../jobs/run-job';
import { longTransaction } from '../../jobs/long-write';

export interface PreviewRow {
  rowNumber: number;
  /** 'duplicate': the same values as an earlier row of the file; skipped (written once). */
  status: ImportStatus | 'duplicate' | 'error';
  label: string;
  errors: string[];
  /** Written only when the officer accepts them (e.g. nearly the same as another record). */
  warnings: string[];
  /** For information only (why a row is skipped). */
  notes: string[];
}

export interface Preview {
  title: string;
  rows: PreviewRow[];
  counts: { new: number; update: number; unchanged: number; error: number };
  /** Rows skipped as exact repeats of an earlier row of the file. */
  duplicates: number;
  /** Rows to be written that carry warnings: the commit needs the officer's acceptance. */
  warnings: number;
}

interface Evaluated extends Preview {
  /** Valid values with their status, in file order (exact repeats left out). */
  accepted: { value: unknown; status: ImportStatus }[];
}

/**
 * Decodes and reads the whole file, with every limit checked, before any transaction opens: in
 * slices (xlsx/workbook.ts), with the job's checkpoint between them (the host answers, a cancel
 * stops the reading) and the share of the sheet read as progress.
 */
async function readFile(spec: AnySpec, base64: string, job: Job): Promise<ReadRow[]> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', XLSX_TEXTS.empty);
  return readWorkbook(bytes, spec.columns, spec.title, (done, total) => {
    job.report(done, total > 0 ? total : null, IMPORT_TEXTS.reading);
    return job.checkpoint();
  });
}

function cellErrors(spec: AnySpec, r: ReadRow): string[] {
  return spec.columns.filter((c) => r.errors[c.key] !== undefined).map((c) => `Cột "${c.header}": ${r.errors[c.key]}`);
}

/**
 * A value as text with object keys sorted: equal texts = every imported field the same. The same
 * text JSON.stringify with a key-sorting replacer gives (undefined members left out, undefined in
 * arrays as null), built without a callback per member: it runs for every row of the file.
 */
export function exactKey(value: unknown): string {
  return stable(value) ?? 'null';
}

function stable(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => stable(x) ?? 'null').join(',')}]`;
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const k of keys) {
    const text = stable((v as Record<string, unknown>)[k]);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

interface Earlier {
  rowNumber: number;
  value: unknown;
  exact: string;
}

/**
 * The file's own repeats, one rule for every registry: the same values as an earlier row → skipped
 * (written once); the same natural key with other values → an error (one record, two versions);
 * the same similar key (the spec's near-duplicate rule) → a warning naming what differs.
 */
class FileRepeats {
  private readonly byKey = new Map<string, Earlier>();
  private readonly bySimilar = new Map<string, Earlier>();

  constructor(
    private readonly spec: AnySpec,
    private readonly lookup: unknown,
  ) {}

  check(rowNumber: number, value: unknown): { kind: 'duplicate' | 'conflict'; of: number } | { kind: 'ok'; warnings: string[] } {
    const exact = exactKey(value);
    const key = this.spec.naturalKey(value);
    const earlier = this.byKey.get(key);
    if (earlier !== undefined) return { kind: earlier.exact === exact ? 'duplicate' : 'conflict', of: earlier.rowNumber };
    const row: Earlier = { rowNumber, value, exact };
    this.byKey.set(key, row);
    const warnings: string[] = [];
    const similar = this.spec.similarKey?.(value) ?? null;
    if (similar !== null) {
      const near = this.bySimilar.get(similar);
      if (near === undefined) this.bySimilar.set(similar, row);
      else warnings.push(IMPORT_TEXTS.nearRow(near.rowNumber, this.spec.differences?.(near.value, value, this.lookup) ?? []));
    }
    return { kind: 'ok', warnings };
  }
}

function tally(rows: readonly PreviewRow[]): Pick<Preview, 'counts' | 'duplicates' | 'warnings'> {
  const counts = { new: 0, update: 0, unchanged: 0, error: 0 };
  let duplicates = 0;
  let warnings = 0;
  for (const r of rows) {
    if (r.status === 'duplicate') duplicates++;
    else counts[r.status]++;
    if ((r.status === 'new' || r.status === 'update') && r.warnings.length > 0) warnings++;
  }
  return { counts, duplicates, warnings };
}

/** Rows parsed between two checkpoints' clock reads (a checkpoint only yields once 50 ms passed). */
const ROWS_PER_CHECK = 64;

async function evaluate(ctx: ServiceContext, db: Db, spec: AnySpec, read: readonly ReadRow[], job: Job): Promise<Evaluated> {
  job.report(0, read.length, IMPORT_TEXTS.matching);
  const checkpoint = () => job.checkpoint();
  // Lookups read through the same connection: inside commit's transaction, ctx.db would wait for it.
  const lookup = await spec.prepare({ ...ctx, db: db }, { rows: read.map((r) => r.cells), checkpoint });
  const rows: PreviewRow[] = [];
  let valid: { index: number; value: unknown }[] = [];
  const repeats = new FileRepeats(spec, lookup);
  const row = (r: ReadRow, fields: Partial<PreviewRow> & Pick<PreviewRow, 'status'>): PreviewRow => ({
    rowNumber: r.rowNumber,
    label: '',
    errors: [],
    warnings: [],
    notes: [],
    ...fields,
  });
  for (const [i, r] of read.entries()) {
    if (i % ROWS_PER_CHECK === 0) {
      job.report(i, read.length, IMPORT_TEXTS.checking(i, read.length));
      await checkpoint();
    }
    const unusable = cellErrors(spec, r);
    if (unusable.length > 0) {
      rows.push(row(r, { status: 'error', errors: unusable }));
      continue;
    }
    const parsed = spec.parseRow(r.cells, lookup);
    if (!parsed.ok) {
      rows.push(row(r, { status: 'error', errors: parsed.errors.map((e) => e.message) }));
      continue;
    }
    const repeat = repeats.check(r.rowNumber, parsed.value);
    if (repeat.kind !== 'ok') {
      rows.push(
        repeat.kind === 'duplicate'
          ? row(r, { status: 'duplicate', label: parsed.label, notes: [IMPORT_TEXTS.sameAsRow(repeat.of)] })
          : row(r, { status: 'error', label: parsed.label, errors: [IMPORT_TEXTS.conflictsWithRow(repeat.of)] }),
      );
      continue;
    }
    valid.push({ index: rows.length, value: parsed.value });
    rows.push(row(r, { status: 'new', label: parsed.label, warnings: [...(parsed.warnings ?? []), ...repeat.warnings] }));
  }
  job.report(read.length, read.length, IMPORT_TEXTS.checking(read.length, read.length));
  await checkpoint();
  if (spec.checkRows && valid.length > 0) {
    const problems = await spec.checkRows(
      db,
      { ...ctx, db },
      valid.map((v) => v.value),
    );
    valid = valid.filter((v, i) => {
      const errors = problems[i] ?? [];
      if (errors.length === 0) return true;
      rows[v.index] = { ...rows[v.index]!, status: 'error', errors };
      return false;
    });
    await checkpoint();
  }
  const statuses = await spec.classify(
    db,
    valid.map((v) => v.value),
    { ...ctx, db },
    checkpoint,
  );
  const accepted = valid.map((v, i) => {
    const status = statuses[i] ?? 'new';
    const shown = rows[v.index]!;
    shown.status = status;
    // Nothing is written for an unchanged row: there is nothing to warn about.
    if (status === 'unchanged') shown.warnings = [];
    return { value: v.value, status };
  });
  return { title: spec.title, rows, ...tally(rows), accepted };
}

/**
 * The last preview's result, per database: a commit of the same file (same bytes, same registry,
 * same day) with no row written since the preview began takes it as checked instead of reading and
 * checking the file again (half the work of an import). Any write in between — this connection's
 * (total_changes) or another's (data_version) — and the commit checks the file afresh. One entry per
 * database, replaced by the next preview and dropped by a commit.
 */
interface Checked {
  key: string;
  stamp: string;
  evaluated: Evaluated;
}
const LAST_CHECKED = new WeakMap<object, Checked>();

function checkedKey(ctx: ServiceContext, spec: AnySpec, base64: string): string {
  return `${spec.id}|${ctx.clock.today()}|${createHash('sha256').update(base64).digest('hex')}`;
}

export async function previewImport(ctx: ServiceContext, spec: AnySpec, base64: string, jobId?: string | null): Promise<Preview> {
  return runJob(ctx, jobId, IMPORT_TEXTS.jobPreview(spec.title), async (job) => {
    job.report(0, null, IMPORT_TEXTS.reading);
    const read = await readFile(spec, base64, job);
    const stamp = await dataStamp(ctx.db);
    const evaluated = await evaluate(ctx, ctx.db, spec, read, job);
    LAST_CHECKED.set(ctx.db, { key: checkedKey(ctx, spec, base64), stamp, evaluated });
    const { accepted: _accepted, ...preview } = evaluated;
    return preview;
  });
}

export interface CommitResult {
  created: number;
  updated: number;
  unchanged: number;
  /** The span of placement days of the rows written (specs with `placement` only; absent when none). */
  dates?: { from: string; to: string };
}

function spanOf(spec: AnySpec, values: readonly unknown[]): { from: string; to: string } | undefined {
  if (!spec.placement) return undefined;
  let from: string | null = null;
  let to: string | null = null;
  for (const v of values) {
    const day = spec.placement(v);
    if (day === null) continue;
    if (from === null || day < from) from = day;
    if (to === null || day > to) to = day;
  }
  return from !== null && to !== null ? { from, to } : undefined;
}

function refuseUnwritable(evaluated: Evaluated, acceptWarnings: boolean | undefined): void {
  if (evaluated.counts.error > 0) throw new AppError('VALIDATION', IMPORT_TEXTS.hasErrors(evaluated.counts.error));
  if (evaluated.warnings > 0 && acceptWarnings !== true) throw new AppError('VALIDATION', IMPORT_TEXTS.notAccepted(evaluated.warnings));
}

/** The file checked against the data as it is now: the preview's result when nothing was written since, else checked again. */
async function checkedNow(
  ctx: ServiceContext,
  spec: AnySpec,
  base64: string,
  job: Job,
): Promise<{ evaluated: Evaluated; stamp: string; read: readonly ReadRow[] | null }> {
  const cached = LAST_CHECKED.get(ctx.db);
  LAST_CHECKED.delete(ctx.db);
  if (cached && cached.key === checkedKey(ctx, spec, base64) && cached.stamp === (await dataStamp(ctx.db))) {
    return { evaluated: cached.evaluated, stamp: cached.stamp, read: null };
  }
  // The file is read and checked before the write transaction opens, in slices (the host answers
  // other calls meanwhile), so a large or hostile file never holds the database.
  const read = await readFile(spec, base64, job);
  const stamp = await dataStamp(ctx.db);
  return { evaluated: await evaluate(ctx, ctx.db, spec, read, job), stamp, read };
}

export async function commitImport(
  ctx: ServiceContext,
  spec: AnySpec,
  base64: string,
  options: { acceptWarnings?: boolean | undefined; jobId?: string | null | undefined } = {},
): Promise<CommitResult> {
  return runJob(ctx, options.jobId, IMPORT_TEXTS.jobCommit(spec.title), async (job) => {
    job.report(0, null, IMPORT_TEXTS.reading);
    const checked = await checkedNow(ctx, spec, base64, job);
    refuseUnwritable(checked.evaluated, options.acceptWarnings);
    job.report(1, 1, IMPORT_TEXTS.writing(checked.evaluated.accepted.length));
    // A turn between the file's check (its digest, after the call's validation of the whole file)
    // and the write's start (the connection, BEGIN): together 260 ms of the host at 2m. It throws
    // CANCELLED when cancelled, right before the write transaction, as throwIfCancelled did.
    await job.yieldNow();
    // One transaction, all rows or none, that yields to the host between statements; a cancel
    // during it rolls it back (jobs/long-write.ts).
    return longTransaction(ctx, job, async (trx, stamp) => {
      // What is written is exactly what was checked against the current data: when anything was
      // written since the check began, the rows are checked again inside the transaction.
      let evaluated = checked.evaluated;
      if ((await stamp()) !== checked.stamp) {
        // Only reachable when a write slipped in between the check and this transaction.
        if (checked.read === null) throw new AppError('CONFLICT', IMPORT_TEXTS.changedMeanwhile);
        evaluated = await evaluate(ctx, trx, spec, checked.read, detachedJob());
        refuseUnwritable(evaluated, options.acceptWarnings);
      }
      const changed = evaluated.accepted.filter((a) => a.status !== 'unchanged').map((a) => a.value);
      // The context's db is the transaction too: the app's connection waits for this write.
      if (changed.length > 0) await spec.apply(trx, { ...ctx, db: trx }, changed, () => job.checkpoint());
      const dates = spanOf(spec, changed);
      return {
        created: evaluated.counts.new,
        updated: evaluated.counts.update,
        unchanged: evaluated.counts.unchanged,
        ...(dates ? { dates } : {}),
      };
    });
  });
}

function fileName(title: string, suffix: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${safe} - ${suffix}.xlsx`;
}

export async function templateFile(spec: AnySpec): Promise<{ fileName: string; base64: string }> {
  const buffer = await writeWorkbook({ title: spec.title, columns: spec.columns, rows: [], template: true });
  return { fileName: fileName(spec.title, 'mẫu nhập'), base64: buffer.toString('base64') };
}

/**
 * Exports a registry's rows as the import's layout. Runs as a job (issue 16 item 3): the rows are
 * written into the workbook in slices with a checkpoint between them, so the host keeps answering
 * (and `jobId`, when given, shows "Đã ghi n/N dòng").
 */
export async function exportFile(
  ctx: ServiceContext,
  spec: AnySpec,
  filter: ListFilter,
  jobId?: string,
): Promise<{ fileName: string; base64: string; rows: number }> {
  return runJob(ctx, jobId, IMPORT_TEXTS.jobExport(spec.title), async (job) => {
    // Said at once: reading a province's rows can take seconds before the first row is written.
    job.report(0, null, IMPORT_TEXTS.exportReading);
    const rows = await spec.exportRows(ctx, filter);
    const buffer = await writeWorkbook({ title: spec.title, columns: spec.columns, rows, template: false }, (done, total) => {
      job.report(done, total, done < total ? IMPORT_TEXTS.exportRows(done, total) : IMPORT_TEXTS.exportPacking);
      return job.checkpoint();
    });
    return { fileName: fileName(spec.title, ctx.clock.today()), base64: buffer.toString('base64'), rows: rows.length };
  });
}
