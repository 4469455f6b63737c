/**
 * The audit log for the screens and the files (issue 15 item 3): the filtered list (paged in SQL),
 * the check of the whole chain (page by page, so 100.000 entries never sit in memory at once), the
 * export to Excel, and the head. The entries themselves are written by audit/recorder.ts.
 */
import type { ServiceContext } from '../context';
import * as repo from '../repos/audit.repo';
import { checkChain, CHAIN_START, shortHash, auditTimeVi, type AuditEntry, type ChainPoint } from '../../../shared/domain/audit';
import { auditFeatureOf, AUDIT_FEATURE_LABELS } from '../../../shared/domain/audit-labels';
import { ROLE_LABELS, isRole } from '../../../shared/domain/roles';
import type { AuditCheckDto, AuditEntryDto, AuditHeadDto } from '../../../shared/ipc/contracts/audit.contract';
import { addDaysIso } from '../../../shared/lib/dates';
import { sha256Hex } from '../audit/recorder';
import { AUDIT_TEXTS } from '../audit/texts';
import { writeWorkbook } from '../xlsx/workbook';

const CHECK_PAGE = 5000;
const EXPORT_MAX = 200_000;

export interface AuditFilterDto {
  from: string | null;
  to: string | null;
  actorId: string | null;
  method: string | null;
  recordId: string | null;
  kind: AuditEntry['kind'] | null;
}

/** Dates of the filter (Vietnam's calendar days) as bounds on the stored UTC instants. */
function toRepoFilter(f: AuditFilterDto): repo.AuditFilter {
  const startOf = (iso: string) => new Date(`${iso}T00:00:00+07:00`).toISOString();
  return {
    from: f.from ? startOf(f.from) : null,
    to: f.to ? startOf(addDaysIso(f.to, 1)) : null,
    actorId: f.actorId,
    method: f.method,
    recordId: f.recordId,
    kind: f.kind,
  };
}

function toDto(e: AuditEntry): AuditEntryDto {
  return {
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    method: e.method,
    feature: auditFeatureOf(e.method),
    recordIds: [...e.recordIds],
    summary: e.summary,
    shortHash: shortHash(e.hash),
  };
}

export async function listAudit(ctx: ServiceContext, input: AuditFilterDto & { offset: number; limit: number }) {
  const { rows, total } = await repo.listEntries(ctx.db, toRepoFilter(input), input.offset, input.limit);
  const features = Object.entries(AUDIT_FEATURE_LABELS).map(([value, label]) => ({ value, label }));
  return { rows: rows.map(toDto), total, actors: await repo.actors(ctx.db), features };
}

export async function auditHead(ctx: ServiceContext): Promise<AuditHeadDto | null> {
  const head = await repo.headPoint(ctx.db);
  return head ? { ...head, shortHash: shortHash(head.hash) } : null;
}

/**
 * Where the check at start may begin: the entry a previous check reached, kept in a file beside
 * the database (audit/checkpoint.ts), when the file still holds that entry with the same hash.
 * Otherwise (no checkpoint, a restored file, an entry changed at that point) the check is full.
 */
async function startPoint(ctx: ServiceContext, checkpoint: ChainPoint | null): Promise<ChainPoint> {
  if (!checkpoint) return CHAIN_START;
  const [entry] = await repo.entriesAfter(ctx.db, checkpoint.seq - 1, 1);
  return entry && entry.seq === checkpoint.seq && entry.hash === checkpoint.hash ? checkpoint : CHAIN_START;
}

/**
 * Checks the chain (from the first entry, or from `checkpoint` when it still matches: the check
 * at start); the result is kept as the session's last check. `save` keeps the point reached.
 */
export async function verifyAudit(
  ctx: ServiceContext,
  opts: { checkpoint?: ChainPoint | null; save?: (point: ChainPoint) => void } = {},
): Promise<AuditCheckDto> {
  const started = Date.now();
  let from = await startPoint(ctx, opts.checkpoint ?? null);
  const fromSeq = from.seq + 1;
  let checked = 0;
  let broken: AuditCheckDto['broken'] = null;
  for (;;) {
    const page = await repo.entriesAfter(ctx.db, from.seq, CHECK_PAGE);
    if (page.length === 0) break;
    const r = checkChain(page, from, sha256Hex);
    checked += r.checked;
    if (!r.ok) {
      broken = { ...r.broken, message: AUDIT_TEXTS.broken(r.broken) };
      break;
    }
    from = r.last;
    if (page.length < CHECK_PAGE) break;
  }
  if (broken === null && from.seq > 0) opts.save?.(from);
  const result: AuditCheckDto = {
    ok: broken === null,
    checkedAt: ctx.clock.now().toISOString(),
    fromSeq,
    checked,
    ms: Date.now() - started,
    head: await auditHead(ctx),
    broken,
  };
  if (ctx.auditState) ctx.auditState.lastCheck = result;
  return result;
}

export async function auditStatus(ctx: ServiceContext): Promise<{ head: AuditHeadDto | null; lastCheck: AuditCheckDto | null }> {
  return { head: await auditHead(ctx), lastCheck: ctx.auditState?.lastCheck ?? null };
}

const roleName = (role: string | null) => (role === null ? '' : isRole(role) ? ROLE_LABELS[role] : role);

export async function exportAudit(ctx: ServiceContext, f: AuditFilterDto): Promise<{ fileName: string; base64: string; rows: number }> {
  const entries = await repo.allEntries(ctx.db, toRepoFilter(f), EXPORT_MAX);
  const c = AUDIT_TEXTS.columns;
  const columns = [
    { key: 'seq', header: c.seq, width: 10 },
    { key: 'at', header: c.at, width: 20 },
    { key: 'actor', header: c.actor, width: 24 },
    { key: 'role', header: c.role, width: 12 },
    { key: 'kind', header: c.kind, width: 16 },
    { key: 'feature', header: c.feature, width: 28 },
    { key: 'method', header: c.method, width: 26 },
    { key: 'ids', header: c.ids, width: 40 },
    { key: 'summary', header: c.summary, width: 60 },
    { key: 'hash', header: c.hash, width: 66 },
  ];
  const rows = entries.map((e) => ({
    seq: e.seq,
    at: auditTimeVi(e.at),
    actor: e.actorName ?? AUDIT_TEXTS.systemActor,
    role: roleName(e.actorRole),
    kind: AUDIT_TEXTS.kinds[e.kind],
    feature: auditFeatureOf(e.method),
    method: e.method,
    ids: e.recordIds.join(', '),
    summary: e.summary,
    hash: e.hash,
  }));
  const buffer = await writeWorkbook({ title: AUDIT_TEXTS.exportTitle, columns, rows, template: false });
  const stamp = auditTimeVi(ctx.clock.now().toISOString()).slice(0, 10).split('/').reverse().join('-');
  return { fileName: AUDIT_TEXTS.exportFile(stamp), base64: buffer.toString('base64'), rows: rows.length };
}
