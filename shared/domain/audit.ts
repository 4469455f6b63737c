/**
 * The audit log's chain (issue 15 item 3), as pure functions: the canonical encoding of an entry
 * that its hash covers, the check of a run of entries against the previous entry's hash, and the
 * short Vietnamese summary built from what a change touched (tables, operations, counts; never a
 * value of any column, so no protected or personal field can reach the log).
 *
 * The hash itself (SHA-256) is passed in: shared/ is pure and the backend has node:crypto.
 */

/** The `prev_hash` of the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** At most this many record ids are kept per entry (the counts in the summary stay exact). */
export const AUDIT_MAX_IDS = 20;

/** Version tag inside the encoding: a future change of the encoding changes the tag. */
const ENCODING_TAG = 'antq-audit-1';

export type AuditKind = 'change' | 'view' | 'system';

/** The fields an entry's hash covers, in the order they are encoded. */
export interface AuditFields {
  seq: number;
  at: string;
  kind: AuditKind;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  method: string;
  recordIds: readonly string[];
  summary: string;
  prevHash: string;
}

export interface AuditEntry extends AuditFields {
  hash: string;
}

/**
 * The bytes an entry's hash is taken over: a JSON array of the fields in a fixed order (strings,
 * integers, null and an array of strings have one JSON form each), the previous hash included.
 */
export function canonicalAuditEncoding(f: AuditFields): string {
  return JSON.stringify([
    ENCODING_TAG,
    f.seq,
    f.at,
    f.kind,
    f.actorId,
    f.actorName,
    f.actorRole,
    f.method,
    [...f.recordIds],
    f.summary,
    f.prevHash,
  ]);
}

export type HashHex = (text: string) => string;

export function auditHash(f: AuditFields, sha256Hex: HashHex): string {
  return sha256Hex(canonicalAuditEncoding(f));
}

/** Why an entry breaks the chain. */
export type AuditBreakReason =
  /** Its fields do not give its hash: the row was edited. */
  | 'edited'
  /** Its prev_hash is not the previous entry's hash: an entry before it was removed or replaced. */
  | 'unlinked'
  /** Its seq does not follow the previous one: entries were removed. */
  | 'gap';

export interface AuditBreak {
  seq: number;
  at: string;
  method: string;
  reason: AuditBreakReason;
}

/** Where a check starts: the entry before the first one checked (genesis: nothing before). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainPoint = { seq: 0, hash: AUDIT_GENESIS };

/**
 * Checks entries (in seq order) that follow `from`; returns the first broken one, or the new last
 * point. Runs over any slice, so the backend can check page by page without holding every entry.
 */
export function checkChain(
  entries: Iterable<AuditEntry>,
  from: ChainPoint,
  sha256Hex: HashHex,
): { ok: true; last: ChainPoint; checked: number } | { ok: false; broken: AuditBreak; checked: number } {
  let last = from;
  let checked = 0;
  for (const e of entries) {
    const at = { seq: e.seq, at: e.at, method: e.method };
    if (e.seq !== last.seq + 1) return { ok: false, broken: { ...at, reason: 'gap' }, checked };
    if (e.prevHash !== last.hash) return { ok: false, broken: { ...at, reason: 'unlinked' }, checked };
    if (auditHash(e, sha256Hex) !== e.hash) return { ok: false, broken: { ...at, reason: 'edited' }, checked };
    checked++;
    last = { seq: e.seq, hash: e.hash };
  }
  return { ok: true, last, checked };
}

/** What one table had done to it in one change. */
export interface TouchedTable {
  table: string;
  op: 'I' | 'U' | 'D';
  count: number;
}

const OP_WORDS: Readonly<Record<TouchedTable['op'], string>> = { I: 'thêm', U: 'sửa', D: 'xóa' };

/**
 * "Thêm 1 nguồn tin; sửa 2 đơn vị": per operation, the tables in the order given, each with its
 * count and its Vietnamese name (labels; a table with no label is named as the database names it).
 */
export function summarizeTouched(touched: readonly TouchedTable[], labels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  for (const op of ['I', 'U', 'D'] as const) {
    const items = touched.filter((t) => t.op === op && t.count > 0).map((t) => `${t.count} ${labels[t.table] ?? t.table}`);
    if (items.length > 0) parts.push(`${OP_WORDS[op]} ${items.join(', ')}`);
  }
  const text = parts.join('; ');
  return text === '' ? '' : text.charAt(0).toUpperCase() + text.slice(1);
}

/** Ids in first-seen order, without repeats, at most AUDIT_MAX_IDS. */
export function boundIds(ids: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length >= AUDIT_MAX_IDS) break;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** The head shown to people and carried in files: "#1.234 · 9f2c4a1b". */
export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}

/** An instant as the office reads it, in Vietnam's time (UTC+7): "05/12/2026 14:03:27". */
export function auditTimeVi(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 7 * 3600 * 1000).toISOString();
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 19)}`;
}
