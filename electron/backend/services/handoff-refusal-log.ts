/**
 * The province's log of files refused or presented again (handoff_received rows with status
 * 'refused' or 'replay'; docs/decisions.md (h12-loose)). Each distinct file is logged once: a refused file
 * by its SHA-256, a file refused before it was read (too large, unreadable) by its name and size,
 * a replay (a file accepted before) by its SHA-256 as a 'replay', which the completeness matrix
 * does not count as refused.
 *
 * The keys of the log are read once per folder import (`RefusalLog.open`) and kept in a set, so
 * logging does not re-read the whole log for each file of a folder.
 */
import type { ServiceContext } from '../context';
import { acceptedBySha, getPeer, insertReceived, loggedRefusals } from '../repos/handoff-inbox.repo';
import { refuse, type HandoffRefusal } from '../handoff/texts';
import type { FileFacts } from '../handoff/inspect';

function keyOf(status: string, sha256: string | null, fileName: string, bytes: number): string {
  return sha256 !== null ? `${status}|${sha256}` : `${status}|unread|${bytes}|${fileName}`;
}

export class RefusalLog {
  private constructor(private readonly keys: Set<string>) {}

  /** The keys of every refusal and replay logged so far (one read). */
  static async open(ctx: ServiceContext): Promise<RefusalLog> {
    const rows = await loggedRefusals(ctx.db);
    return new RefusalLog(new Set(rows.map((r) => keyOf(r.status, r.sha256, r.fileName, r.bytes))));
  }

  /** True the first time a file is seen (the caller then writes its row), false after. */
  claim(status: 'refused' | 'replay', sha256: string | null, fileName: string, bytes: number): boolean {
    const key = keyOf(status, sha256, fileName, bytes);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

/**
 * What a snapshot's file name claims (ANTQ_<office code>_<year>_<sequence>.antq): for a file
 * refused before its manifest could be read, so that the completeness matrix counts it for that
 * office and year. Not verified (neither is a manifest that fails its signature).
 */
export function factsFromName(fileName: string): FileFacts {
  const m = /^ANTQ_([A-Za-z0-9-]{1,40})_(\d{4})_(\d{1,9})\.antq$/i.exec(fileName);
  if (!m) return { peerId: null, officeCode: null, year: null, sequence: null };
  return { peerId: null, officeCode: m[1]!, year: Number(m[2]), sequence: Number(m[3]) };
}

/** Logs a refusal once per distinct file; `sha256` null: the file was never read (its size from stat). */
export async function logRefusal(
  ctx: ServiceContext,
  log: RefusalLog,
  file: { name: string; bytes: number; sha256: string | null },
  refusal: HandoffRefusal,
  facts: FileFacts,
): Promise<void> {
  if (!log.claim('refused', file.sha256, file.name, file.bytes)) return;
  const known = facts.officeCode !== null ? facts : factsFromName(file.name);
  const peer = known.peerId !== null ? await getPeer(ctx.db, known.peerId) : null;
  await insertReceived(ctx.db, {
    id: ctx.newId(),
    peer_id: peer?.id ?? null,
    office_code: known.officeCode,
    year: known.year,
    sequence: known.sequence,
    file_name: file.name,
    sha256: file.sha256,
    bytes: file.bytes,
    status: 'refused',
    reason_code: refusal.reason,
    reason: refusal.message,
    file: null,
    summary_json: null,
    received_at: ctx.clock.timestamp(),
    applied_at: null,
    receipt_written_at: null,
  });
}

/** Logs, once per distinct file, that a file accepted before was presented again (nothing else changes). */
export async function logReplay(
  ctx: ServiceContext,
  log: RefusalLog,
  file: { name: string; bytes: number; sha256: string },
): Promise<void> {
  if (!log.claim('replay', file.sha256, file.name, file.bytes)) return;
  const accepted = await acceptedBySha(ctx.db, file.sha256);
  if (!accepted) return;
  const r = refuse('REPLAY');
  await insertReceived(ctx.db, {
    id: ctx.newId(),
    peer_id: accepted.peer_id,
    office_code: accepted.office_code,
    year: accepted.year,
    sequence: accepted.sequence,
    file_name: file.name,
    sha256: file.sha256,
    bytes: file.bytes,
    status: 'replay',
    reason_code: r.reason,
    reason: r.message,
    file: null,
    summary_json: null,
    received_at: ctx.clock.timestamp(),
    applied_at: null,
    receipt_written_at: null,
  });
}
