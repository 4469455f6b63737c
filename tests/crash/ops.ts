/**
 * The crash proof's operations (issue 15 item 5): what the child process does through the real
 * services (the functions the contract's handlers call, each owning its transaction), what it writes to the acknowledgement log once an operation has committed, and how the
 * parent checks the file after each SIGKILL.
 *
 * Extension point: an operation is one entry of CRASH_OPS (its weight, how it runs, what its
 * acknowledgement says) plus, for a compound one, its all-or-none check in `partialFindings` and
 * its "still there" check in `lostFindings`.
 *
 * Backups (issue 15 item 4) are one of the operations: a backup through the backups service
 * (VACUUM INTO a temporary name, checked, renamed), acknowledged with its file; after the kill the
 * last acknowledged backup is there and opens with quick_check ok, and every file under a final
 * name in the backups folder does too (a half-written one only ever sits under its temporary name).
 *
 * The audit log (issue 15 item 3) is checked after every kill: the whole chain verifies (an entry
 * half-written or out of step with its change would break it), and every acknowledged operation
 * has its entry (saves by their record ids, freezes, unfreezes and backups by their method).
 */
import fs from 'node:fs';
import { DEFAULT_ROTATION } from '../../shared/domain/backup-rotation';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ServiceContext } from '../../electron/backend/context';
import { saveActivities, saveActivity } from '../../electron/backend/services/activities.service';
import { freeze, freezeLog, unfreeze } from '../../electron/backend/services/evaluation.service';
import type { ActivityInputs } from '../../shared/ipc/contracts/activities.contract';
import { checkChain, CHAIN_START } from '../../shared/domain/audit';
import { sha256Hex } from '../../electron/backend/audit/recorder';
import { withAuditScope } from '../../electron/backend/audit/scope';
import { toEntry } from '../../electron/backend/repos/audit.repo';
import type { AuditLogTable } from '../../electron/backend/db/tables/audit';

export const CRASH_YEAR = 2025;
/** Rows of one saveMany batch: all of them or none must be in the file. */
export const BATCH_ROWS = 5;
export const FREEZER = 'Thượng tá Trần Văn Dũng';

export type Ack =
  | { op: string; kind: 'save'; id: string }
  | { op: string; kind: 'saveMany'; ids: string[] }
  | { op: string; kind: 'freeze'; at: string; subjects: number }
  | { op: string; kind: 'unfreeze'; freezeId: string }
  | { op: string; kind: 'backup'; fileName: string };

export interface OpContext {
  ctx: ServiceContext;
  unitId: string;
  op: string;
}

export interface CrashOp {
  kind: string;
  /** The contract method the operation stands for: the audit entry names it. */
  method: string;
  /** Relative frequency. */
  weight: number;
  /** Runs the operation; returns its acknowledgement once the call has returned ok (committed). */
  run(ctx: OpContext): Promise<Ack>;
}

function propaganda(unitId: string, topic: string): ActivityInputs['propaganda'] {
  return {
    date: '2026-03-10',
    unitId,
    organizationId: null,
    purpose: 'tuyen_truyen',
    form: 'truc_tiep',
    topic,
    venue: 'Nhà văn hóa thôn',
    attendance: 120,
    leaflets: 200,
    loudspeakerMinutes: 0,
    posts: 1,
    newsletters: 0,
    commitments: 45,
    note: null,
  };
}

export const batchTopic = (op: string, j: number) => `Lô ${op} dòng ${j + 1}/${BATCH_ROWS}`;

export const CRASH_OPS: readonly CrashOp[] = [
  {
    kind: 'save',
    method: 'activities.save',
    weight: 5,
    async run({ ctx, unitId, op }) {
      const saved = await saveActivity(ctx, 'propaganda', null, propaganda(unitId, `Buổi ${op}`));
      return { op, kind: 'save', id: saved.id };
    },
  },
  {
    kind: 'saveMany',
    method: 'activities.saveMany',
    weight: 3,
    async run({ ctx, unitId, op }) {
      const records = Array.from({ length: BATCH_ROWS }, (_, j) => propaganda(unitId, batchTopic(op, j)));
      const { ids } = await saveActivities(ctx, 'propaganda', records);
      return { op, kind: 'saveMany', ids };
    },
  },
  {
    kind: 'freezeToggle',
    method: 'evaluation.freeze',
    weight: 2,
    async run({ ctx, op }) {
      const open = (await freezeLog(ctx, CRASH_YEAR)).find((f) => f.unfrozenAt === null);
      if (open) {
        await withAuditScope(null, 'evaluation.unfreeze', () => unfreeze(ctx, { year: CRASH_YEAR, reason: `Mở lại ${op}`, by: FREEZER }));
        return { op, kind: 'unfreeze', freezeId: open.id };
      }
      const r = await freeze(ctx, { year: CRASH_YEAR, by: FREEZER, note: op });
      return { op, kind: 'freeze', at: r.at, subjects: r.subjects };
    },
  },
  {
    kind: 'backup',
    method: 'backups.create',
    weight: 1,
    async run({ ctx, op }) {
      if (!ctx.backups) throw new Error('crash child: no backups service');
      const made = await ctx.backups.create('manual');
      return { op, kind: 'backup', fileName: made.fileName };
    },
  },
];

/** Picks an operation with a seeded generator (mulberry32), so a run can be replayed. */
export function pickOp(random: () => number): CrashOp {
  const total = CRASH_OPS.reduce((n, o) => n + o.weight, 0);
  let x = random() * total;
  for (const o of CRASH_OPS) {
    x -= o.weight;
    if (x < 0) return o;
  }
  return CRASH_OPS[CRASH_OPS.length - 1]!;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Compound operations found half-done in the file: each entry names one. */
export function partialFindings(db: BetterSqlite3.Database): string[] {
  const out: string[] = [];
  const batches = db
    .prepare(
      "SELECT substr(topic, 1, instr(topic, ' dòng ') - 1) AS batch, count(*) AS n FROM propaganda_sessions WHERE topic LIKE 'Lô %' GROUP BY batch",
    )
    .all() as { batch: string; n: number }[];
  for (const b of batches) if (b.n !== BATCH_ROWS) out.push(`${b.batch}: ${b.n}/${BATCH_ROWS} rows`);
  const freezes = db
    .prepare(
      `SELECT f.id, f.subjects, f.unfrozen_at,
         (SELECT count(*) FROM evaluation_frozen_results r WHERE r.freeze_id = f.id) AS results,
         (SELECT count(*) FROM evaluation_seal_ledger l WHERE l.freeze_id = f.id AND l.event = 'freeze') AS sealed,
         (SELECT count(*) FROM evaluation_seal_ledger l WHERE l.freeze_id = f.id AND l.event = 'unfreeze') AS unsealed
       FROM evaluation_freezes f`,
    )
    .all() as { id: string; subjects: number; unfrozen_at: string | null; results: number; sealed: number; unsealed: number }[];
  for (const f of freezes) {
    if (f.results !== f.subjects) out.push(`freeze ${f.id}: ${f.results}/${f.subjects} frozen results`);
    if (f.sealed !== 1) out.push(`freeze ${f.id}: ${f.sealed} ledger entries`);
    if ((f.unfrozen_at !== null) !== (f.unsealed === 1))
      out.push(`freeze ${f.id}: unfrozen_at ${f.unfrozen_at} with ${f.unsealed} unfreeze entries`);
  }
  const orphans = db
    .prepare(
      'SELECT count(*) AS n FROM evaluation_seal_ledger l WHERE NOT EXISTS (SELECT 1 FROM evaluation_freezes f WHERE f.id = l.freeze_id)',
    )
    .get() as { n: number };
  if (orphans.n > 0) out.push(`${orphans.n} ledger entries without their freeze`);
  return [...out, ...auditChainFindings(db)];
}

/** The audit chain from its first entry (synchronously, on the checker's own connection). */
export function auditChainFindings(db: BetterSqlite3.Database): string[] {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditLogTable[];
  const r = checkChain(rows.map(toEntry), CHAIN_START, sha256Hex);
  return r.ok ? [] : [`audit chain broken at entry ${r.broken.seq} (${r.broken.reason})`];
}

/** Acknowledged operations whose effect is not in the file: each entry names one. */
export function lostFindings(db: BetterSqlite3.Database, acks: readonly Ack[], backupDir: string | null = null): string[] {
  const ids = new Set((db.prepare('SELECT id FROM propaganda_sessions').all() as { id: string }[]).map((r) => r.id));
  const freezes = new Map(
    (
      db.prepare('SELECT id, frozen_at, subjects, unfrozen_at FROM evaluation_freezes').all() as {
        id: string;
        frozen_at: string;
        subjects: number;
        unfrozen_at: string | null;
      }[]
    ).map((f) => [f.id, f]),
  );
  const frozenAt = new Set([...freezes.values()].map((f) => `${f.frozen_at}|${f.subjects}`));
  const out: string[] = [];
  for (const a of acks) {
    if (a.kind === 'save' && !ids.has(a.id)) out.push(`${a.op}: saved record ${a.id} missing`);
    if (a.kind === 'saveMany' && a.ids.some((id) => !ids.has(id))) out.push(`${a.op}: batch rows missing`);
    if (a.kind === 'freeze' && !frozenAt.has(`${a.at}|${a.subjects}`)) out.push(`${a.op}: freeze at ${a.at} missing`);
    if (a.kind === 'unfreeze' && !freezes.get(a.freezeId)?.unfrozen_at) out.push(`${a.op}: unfreeze of ${a.freezeId} missing`);
  }
  return [...out, ...auditLostFindings(db, acks), ...(backupDir ? backupFindings(backupDir, acks) : [])];
}

/** Every acknowledged operation has its audit entry (committed with it, so never lost without it). */
export function auditLostFindings(db: BetterSqlite3.Database, acks: readonly Ack[]): string[] {
  const entries = db.prepare('SELECT method, record_ids, summary FROM audit_log').all() as {
    method: string;
    record_ids: string;
    summary: string;
  }[];
  const logged = new Set(entries.flatMap((e) => (JSON.parse(e.record_ids) as string[]).map((id) => `${e.method}|${id}`)));
  const perMethod = new Map<string, number>();
  for (const e of entries) perMethod.set(e.method, (perMethod.get(e.method) ?? 0) + 1);
  const out: string[] = [];
  const acked = new Map<string, number>();
  for (const a of acks) {
    if (a.kind === 'save' && !logged.has(`activities.save|${a.id}`)) out.push(`${a.op}: no audit entry for saved record ${a.id}`);
    if (a.kind === 'saveMany' && a.ids.some((id) => !logged.has(`activities.saveMany|${id}`)))
      out.push(`${a.op}: no audit entry for the batch`);
    if (a.kind === 'backup' && !entries.some((e) => e.method === 'backups.create' && e.summary.includes(a.fileName)))
      out.push(`${a.op}: no audit entry for backup ${a.fileName}`);
    const method = a.kind === 'freeze' ? 'evaluation.freeze' : a.kind === 'unfreeze' ? 'evaluation.unfreeze' : null;
    if (method) acked.set(method, (acked.get(method) ?? 0) + 1);
  }
  for (const [method, n] of acked) {
    const found = perMethod.get(method) ?? 0;
    if (found < n) out.push(`${n} acknowledged ${method} but ${found} audit entries`);
  }
  return out;
}

/** The instant a backup's file name ends with (…-2026-12-06T00-45-03-981Z.db), comparable as text. */
const stampOf = (fileName: string): string | null => /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.db$/.exec(fileName)?.[1] ?? null;

/**
 * The last acknowledged backup is there — unless rotation dropped it because today's newest few
 * came after it (the backups made before a freeze count too) — and every backup under a final name
 * opens with quick_check ok.
 */
export function backupFindings(backupDir: string, acks: readonly Ack[]): string[] {
  const out: string[] = [];
  const files = fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((f) => f.endsWith('.db') && !f.startsWith('.')) : [];
  const last = [...acks].reverse().find((a): a is Extract<Ack, { kind: 'backup' }> => a.kind === 'backup');
  if (last && !files.includes(last.fileName)) {
    const at = stampOf(last.fileName);
    const newer = at === null ? 0 : files.filter((f) => (stampOf(f) ?? '') > at).length;
    if (newer < DEFAULT_ROTATION.today) out.push(`${last.op}: acknowledged backup ${last.fileName} missing`);
  }
  for (const f of files) {
    let check: string;
    try {
      const b = new BetterSqlite3(path.join(backupDir, f), { readonly: true, fileMustExist: true });
      try {
        check = String(b.pragma('quick_check', { simple: true }));
      } finally {
        b.close();
      }
    } catch (err) {
      check = err instanceof Error ? err.message : String(err);
    }
    if (check !== 'ok') out.push(`backup ${f}: ${check}`);
  }
  return out;
}

/** The acknowledgement log: one JSON line per committed operation; a last line cut by the kill is ignored. */
export function parseAcks(text: string): Ack[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((l) => l !== '').map((l) => JSON.parse(l) as Ack);
}
