/**
 * The province's inbox (issue 12 items 4-5): inspect the files of a folder (every check, then a
 * dry run in a transaction that is rolled back), confirm a new office, apply a file after an
 * automatic copy of the database, roll an office back to a file applied before. Refused files are
 * logged in handoff_received (the only write of a refusal); the data tables change only on apply.
 */
import path from 'node:path';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { InboxDryRunDto, InboxFileDto } from '../../../shared/ipc/contracts/handoff-inbox.contract';
import { MAIN_INDICATORS } from '../../../shared/domain/period';
import { AppError } from '../errors';
import { readDb, type ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import {
  acceptedBySha,
  databaseFile,
  getReceived,
  insertReceived,
  setReceivedStatus,
  supersedeApplied,
  vacuumInto,
} from '../repos/handoff-inbox.repo';
import { FileRefused, forgetDecoded, inspectFile, type CheckedSnapshot, type InspectOptions, type InspectResult } from '../handoff/inspect';
import { countsAfterLanding, land, liveAmongTouched, provinceCounts } from '../handoff/apply';
import { backupDatabase, fileSize, listAntqFiles, readBounded } from '../handoff/inbox-files';
import { RefusalLog, factsFromName, logRefusal, logReplay } from './handoff-refusal-log';
import { tableLabel } from '../handoff/payload';
import { sha256Hex } from '../handoff/container';
import { isHandoffRefusal, refuse, type HandoffRefusal } from '../handoff/texts';
import { periodFigures } from './period.service';
import { keyFileEntries, INBOX_TEXTS } from './handoff-inbox-enrol.service';
import { detachedJob, type Job } from '../jobs/jobs';
import { inspectTexts } from '../handoff/texts';

/** Thrown inside a transaction to roll it back while keeping what was computed. */
class DryRunDone<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

/** The main indicators of a period's figures, as the dry run shows them before and after. */
function mainOf(figures: Awaited<ReturnType<typeof periodFigures>>) {
  const main = new Set<string>(MAIN_INDICATORS);
  return figures.comparison.filter((r) => main.has(r.key)).map((r) => ({ key: r.key, label: r.label, value: r.value }));
}

async function mainIndicators(ctx: ServiceContext, db: Db, period: { from: string; to: string }) {
  // Never cached: inside the dry run's transaction the figures are of rows that are rolled back,
  // and the cache's key does not move without a commit (the "after" read would get "before").
  const uncached: ServiceContext = { ...ctx, db };
  delete uncached.generations;
  return mainOf(await periodFigures(uncached, { ...period, unitId: null }));
}

/** The main indicators of the last commit: period.figures as the screen gets them (cached, off the host's thread). */
async function committedIndicators(ctx: ServiceContext, period: { from: string; to: string }) {
  return mainOf(await periodFigures(ctx, { ...period, unitId: null }));
}

/** What applying the file would change: per kind for the office, and the province's figures before and after. */
export async function dryRun(ctx: ServiceContext, checked: CheckedSnapshot, job: Job = detachedJob()): Promise<InboxDryRunDto> {
  const period = { from: checked.manifest.period.from, to: checked.manifest.period.to };
  job.report(0, null, inspectTexts.dryRun);
  // On the long-write connection when there is one (issue 16 item 3): it pauses at the job's
  // checkpoint between statements and every 100 rows of a batch, the host answers meanwhile, and a
  // cancel rolls it back like the dry run's own end does.
  const transaction = (body: (trx: Db) => Promise<void>) =>
    ctx.longWrite ? ctx.longWrite.run(() => job.checkpoint(), body) : ctx.db.transaction().execute(body);
  try {
    await transaction(async (trx) => {
      // Before the landing the long write's transaction (BEGIN IMMEDIATE: no other commit can land
      // until it ends) sees the last commit, which is what the read-only worker reads: the counts
      // and figures before are read there, the figures through their caches (issue 16 item 3: each
      // kind's GROUP BY on this connection held the host's thread 250–800 ms at 2 M rows). The
      // figures after must see the landed rows: they stay on the transaction.
      const committed = ctx.longWrite !== undefined && ctx.reader !== undefined;
      const countsBefore = await provinceCounts(committed ? readDb(ctx) : trx);
      const indicatorsBefore = committed ? await committedIndicators(ctx, period) : await mainIndicators(ctx, trx, period);
      // The counts after: those before plus what the landing changed among the keys it touched
      // (apply.ts liveAmongTouched), not the whole tables counted again on the host's transaction.
      const touchedBefore = await liveAmongTouched(trx, checked.plan);
      await land(trx, checked.target, checked.plan, null);
      const countsAfter = countsAfterLanding(countsBefore, touchedBefore, await liveAmongTouched(trx, checked.plan));
      const indicatorsAfter = await mainIndicators(ctx, trx, period);
      throw new DryRunDone({
        period,
        changes: checked.plan.changes.map((c) => ({ ...c, label: tableLabel(c.table) })),
        counts: [...countsBefore]
          .map(([table, before]) => ({ key: table, label: tableLabel(table), before, after: countsAfter.get(table) ?? 0 }))
          .filter((c) => c.before !== 0 || c.after !== 0),
        indicators: indicatorsBefore.map((b) => ({
          key: b.key,
          label: b.label,
          before: b.value,
          after: indicatorsAfter.find((a) => a.key === b.key)?.value ?? 0,
        })),
      });
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.value as InboxDryRunDto;
    throw asRefusal(err);
  }
  throw new Error('unreachable');
}

/** A constraint of the database that refused the rows (a natural key taken at the province…) as a refusal. */
function asRefusal(err: unknown): unknown {
  if (isHandoffRefusal(err)) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    console.error('handoff inbox: the rows do not fit the database', err);
    return refuse('FOREIGN_ID', '(dữ liệu trong tệp xung đột với dữ liệu đang có ở tỉnh)');
  }
  return err;
}

export interface ReceiveOptions extends InspectOptions {
  /** Apply the file when every check passes (after the automatic copy). */
  apply?: boolean;
  /** The log of refusals and replays, read once per folder (read here when not given). */
  log?: RefusalLog;
  /** Do not log a replay (the screen's refresh after its own apply). */
  quietReplay?: boolean;
}

export type ReceiveOutcome =
  | { status: 'refused'; sha256: string; reason: HandoffRefusal }
  | { status: 'applied'; sha256: string; receivedId: string; backupPath: string; checked: CheckedSnapshot }
  | InspectResult;

/**
 * One file's bytes through every check; a refusal is logged (status 'refused') and returned. With
 * `apply`, a file that passes is applied. The entry point of the hostile corpus and mutation tests.
 */
export async function receiveFile(
  ctx: ServiceContext,
  bytes: Uint8Array,
  fileName: string,
  options: ReceiveOptions = {},
): Promise<ReceiveOutcome> {
  let result: InspectResult;
  try {
    result = await inspectFile(ctx, bytes, fileName, options);
    if (result.status === 'replay' && !options.quietReplay) {
      await logReplay(ctx, options.log ?? (await RefusalLog.open(ctx)), { name: fileName, bytes: bytes.length, sha256: result.sha256 });
    }
    if (result.status === 'ready' && options.apply) {
      const applied = await applyChecked(ctx, result, bytes, fileName, options.job);
      return { status: 'applied', sha256: result.sha256, ...applied, checked: result };
    }
  } catch (err) {
    const refused = err instanceof FileRefused ? err : isHandoffRefusal(err) ? new FileRefused(err, emptyFacts) : null;
    if (!refused) throw err;
    const sha256 = sha256Hex(bytes);
    const log = options.log ?? (await RefusalLog.open(ctx));
    await logRefusal(ctx, log, { name: fileName, bytes: bytes.length, sha256 }, refused.refusal, refused.facts);
    return { status: 'refused', sha256, reason: refused.refusal };
  }
  return result;
}

const emptyFacts = { peerId: null, officeCode: null, year: null, sequence: null };

/**
 * One write transaction. With a job and the long-write connection (issue 16 item 3), it pauses at
 * the job's checkpoint between statements and every 100 rows (the host answers meanwhile; a cancel
 * rolls it all back); otherwise on the app's connection as before.
 */
async function transact(ctx: ServiceContext, fn: (trx: Db) => Promise<void>, job?: Job): Promise<void> {
  try {
    if (job && ctx.longWrite) await ctx.longWrite.run(() => job.checkpoint(), fn);
    else await ctx.db.transaction().execute(fn);
  } catch (err) {
    throw asRefusal(err);
  }
}

function backupLabel(code: string, sequence: number, at: string): string {
  return `truoc-nhan-goi-${code.replace(/[^A-Za-z0-9-]/g, '_')}-${sequence}-${at.replace(/[:.]/g, '-')}`;
}

async function backup(ctx: ServiceContext, code: string, sequence: number): Promise<string> {
  // The app's backups service: checked, listed in the manifest, rotated with the others (issue 15).
  if (ctx.backups) {
    const made = await ctx.backups.before('handoff', `${code}-${sequence}`);
    return path.join(ctx.backups.folder, made.fileName);
  }
  const file = await databaseFile(ctx.db);
  return backupDatabase(file, backupLabel(code, sequence, ctx.clock.timestamp()), (temp) => vacuumInto(ctx.db, temp));
}

function summaryOf(checked: CheckedSnapshot): string {
  return JSON.stringify({
    office: checked.manifest.office,
    period: checked.manifest.period,
    counts: checked.manifest.counts,
    auditHead: checked.manifest.auditHead ?? null,
    changes: checked.plan.changes,
    evaluation: checked.payload.evaluation.length,
  });
}

async function applyChecked(ctx: ServiceContext, checked: CheckedSnapshot, bytes: Uint8Array, fileName: string, job?: Job) {
  job?.report(0, null, inspectTexts.backup);
  const backupPath = await backup(ctx, checked.manifest.office.code, checked.manifest.sequence);
  job?.report(0, null, inspectTexts.applying);
  const receivedId = ctx.newId();
  const at = ctx.clock.timestamp();
  await transact(
    ctx,
    async (trx) => {
      // The state may have moved since the checks (another apply): refuse rather than land on it.
      if (await acceptedBySha(trx, checked.sha256)) throw refuse('REPLAY');
      await supersedeApplied(trx, checked.peerIds);
      await insertReceived(trx, {
        id: receivedId,
        peer_id: checked.peer.id,
        office_code: checked.manifest.office.code,
        year: checked.manifest.year,
        sequence: checked.manifest.sequence,
        file_name: fileName,
        sha256: checked.sha256,
        bytes: bytes.length,
        status: 'applied',
        reason_code: null,
        reason: null,
        file: bytes,
        summary_json: summaryOf(checked),
        received_at: at,
        applied_at: at,
        receipt_written_at: null,
      });
      await land(trx, checked.target, checked.plan, receivedId);
    },
    job,
  );
  forgetDecoded(ctx);
  return { receivedId, backupPath };
}

function fileDto(path: string, fileName: string, outcome: ReceiveOutcome, dry: InboxDryRunDto | null): InboxFileDto {
  const base = {
    path,
    fileName,
    kind: 'snapshot' as const,
    sha256: outcome.sha256,
    dryRun: dry,
    enrol: null,
    reason: null,
    office: null,
    year: null,
    sequence: null,
  };
  if (outcome.status === 'refused') {
    return { ...base, bytes: 0, status: 'refused', reason: { code: outcome.reason.reason, message: outcome.reason.message } };
  }
  if (outcome.status === 'held') {
    const office = { code: outcome.office.code, name: outcome.office.name };
    if (outcome.peerId === null) {
      // Confirmed through the office's key file beside it (its own card carries the button).
      const reason = { code: 'SENDER_PENDING', message: INBOX_TEXTS.waitsForKeyFile(outcome.keyFileName ?? '') };
      return { ...base, bytes: outcome.bytes, status: 'held', office, reason };
    }
    const enrol = { peerId: outcome.peerId, code: office.code, name: office.name, fingerprint: outcome.fingerprint };
    return { ...base, bytes: outcome.bytes, status: 'held', office, enrol };
  }
  if (outcome.status === 'replay') {
    const r = refuse('REPLAY');
    return { ...base, bytes: outcome.bytes, status: 'replay', reason: { code: r.reason, message: r.message } };
  }
  if (outcome.status === 'applied') throw new Error('inspect never applies');
  const m = outcome.manifest;
  return {
    ...base,
    bytes: outcome.bytes,
    status: 'ready',
    office: { code: m.office.code, name: m.office.name },
    year: m.year,
    sequence: m.sequence,
  };
}

/** Every .antq file of a folder (or the one file) through every check, with a dry run for each file that passes. */
export async function inspectPath(
  ctx: ServiceContext,
  input: { path: string; refresh?: boolean | undefined; jobId?: string | undefined },
): Promise<MethodOutput<'handoffInbox.inspect'>> {
  if (!ctx.jobs) return inspectFiles(ctx, input, detachedJob());
  return ctx.jobs.run(input.jobId, inspectTexts.decrypting, (job) => inspectFiles(ctx, input, job));
}

async function inspectFiles(ctx: ServiceContext, input: { path: string; refresh?: boolean | undefined }, job: Job) {
  const found = listAntqFiles(input.path);
  const { entries, keyFiles } = await keyFileEntries(ctx, found);
  const log = await RefusalLog.open(ctx);
  const files: InboxFileDto[] = [];
  for (const f of found) {
    const keyEntry = entries.get(f.path);
    if (keyEntry) {
      files.push(keyEntry);
      continue;
    }
    let outcome: ReceiveOutcome;
    let bytes: Uint8Array;
    try {
      bytes = readBounded(f.path);
    } catch (err) {
      if (!isHandoffRefusal(err)) throw err;
      // Refused before it was read (too large, unreadable): logged by its name and size, no hash.
      await logRefusal(ctx, log, { name: f.name, bytes: fileSize(f.path), sha256: null }, err, factsFromName(f.name));
      files.push({ ...fileDto(f.path, f.name, { status: 'refused', sha256: '', reason: err }, null) });
      continue;
    }
    outcome = await receiveFile(ctx, bytes, f.name, { keyFiles, log, quietReplay: input.refresh === true, job });
    let dry: InboxDryRunDto | null = null;
    if (outcome.status === 'ready') {
      try {
        dry = await dryRun(ctx, outcome, job);
      } catch (err) {
        if (!isHandoffRefusal(err)) throw err;
        // Refused by the dry run (rows that do not fit the database): logged like any refusal.
        const m = outcome.manifest;
        const facts = { peerId: outcome.peer.id, officeCode: m.office.code, year: m.year, sequence: m.sequence };
        await logRefusal(ctx, log, { name: f.name, bytes: outcome.bytes, sha256: outcome.sha256 }, err, facts);
        outcome = { status: 'refused', sha256: outcome.sha256, reason: err };
      }
    }
    files.push(fileDto(f.path, f.name, outcome, dry));
  }
  return { files } satisfies MethodOutput<'handoffInbox.inspect'>;
}

/** Applies one file of a folder: read again, every check again, the same hash as inspected, copy, one transaction. */
export async function applyPath(
  ctx: ServiceContext,
  input: { path: string; sha256: string; jobId?: string | undefined },
): Promise<MethodOutput<'handoffInbox.apply'>> {
  if (!ctx.jobs) return applyFile(ctx, input, undefined);
  return ctx.jobs.run(input.jobId, inspectTexts.decrypting, (job) => applyFile(ctx, input, job));
}

async function applyFile(ctx: ServiceContext, input: { path: string; sha256: string }, job: Job | undefined) {
  const [file] = listAntqFiles(input.path);
  if (!file || listAntqFiles(input.path).length !== 1) throw new AppError('VALIDATION', 'Hãy chọn đúng một tệp để áp dụng.');
  const bytes = readBounded(file.path);
  // Before anything is applied: the file must be the one whose dry run the officer saw.
  if (sha256Hex(bytes) !== input.sha256) {
    throw new AppError('RULE', 'Tệp đã thay đổi kể từ khi kiểm tra; hãy kiểm tra lại trước khi áp dụng.');
  }
  const outcome = await receiveFile(ctx, bytes, file.name, job ? { apply: true, job } : { apply: true });
  if (outcome.status === 'refused') throw outcome.reason;
  if (outcome.status === 'replay') throw refuse('REPLAY');
  if (outcome.status === 'held') throw refuse('SENDER_PENDING');
  if (outcome.status !== 'applied') throw new Error('unreachable');
  const m = outcome.checked.manifest;
  return {
    receivedId: outcome.receivedId,
    backupPath: outcome.backupPath,
    officeCode: m.office.code,
    sequence: m.sequence,
  } satisfies MethodOutput<'handoffInbox.apply'>;
}

/** Re-applies a file accepted before (keeping every accepted file), after the automatic copy. */
export async function rollbackTo(ctx: ServiceContext, input: { receivedId: string }): Promise<MethodOutput<'handoffInbox.rollback'>> {
  const row = await getReceived(ctx.db, input.receivedId);
  if (!row || (row.status !== 'applied' && row.status !== 'superseded') || !row.file)
    throw new AppError('NOT_FOUND', 'Không tìm thấy gói đã nhận để khôi phục.');
  let checked: InspectResult;
  try {
    checked = await inspectFile(ctx, row.file, row.file_name, { rollbackOf: row.id });
  } catch (err) {
    if (err instanceof FileRefused) throw err.refusal;
    throw err;
  }
  if (checked.status !== 'ready') throw new AppError('RULE', 'Gói này không thể khôi phục (khóa của đơn vị chưa được xác nhận).');
  const ready = checked;
  const backupPath = await backup(ctx, ready.manifest.office.code, ready.manifest.sequence);
  await transact(ctx, async (trx) => {
    await supersedeApplied(trx, ready.peerIds);
    await setReceivedStatus(trx, row.id, 'applied', ctx.clock.timestamp());
    await land(trx, ready.target, ready.plan, row.id);
  });
  forgetDecoded(ctx);
  return { receivedId: row.id, backupPath, officeCode: ready.manifest.office.code, sequence: ready.manifest.sequence };
}
