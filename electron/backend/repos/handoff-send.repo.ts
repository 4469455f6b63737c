/**
 * The office's side of the hand-off (issue 12 items 2-3): the rows a snapshot reads, the trusted
 * province key, the policy of personal fields, and the list of files sent (handoff_sent) with
 * their receipts. Plain functions over a Kysely db or transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import type { HandoffPeersTable } from '../db/tables/handoff';
import type { Db } from './units.repo';

// Snapshot tables are read generically (their names and columns come from the payload module), so
// those queries go through a view of the database whose tables are plain column → value maps.
type Cell = string | number | null;
type LooseDb = Record<string, Record<string, Cell>>;
function loose(db: Db): Kysely<LooseDb> {
  return db as unknown as Kysely<LooseDb>;
}

/**
 * Every row of a table as arrays of `columns`, in primary-key order (a snapshot is deterministic
 * for the same data). Columns and table names come from the payload module, never from input.
 */
export async function readTableRows(db: Db, table: string, columns: readonly string[], key: readonly string[]): Promise<Cell[][]> {
  let q = loose(db)
    .selectFrom(table)
    .select(columns as string[]);
  for (const k of key) q = q.orderBy(k);
  const rows = await q.execute();
  return rows.map((r) => columns.map((c) => r[c] ?? null));
}

/** The unit tree as parent links (every unit, ended and deleted ones too). */
export async function unitLinks(db: Db): Promise<{ id: string; parentId: string | null }[]> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
}

/** Every unit's name (for the preview's breakdown by unit). */
export async function unitNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ProvincePeer {
  id: string;
  officeCode: string;
  name: string;
  signPublicKey: string;
  ageRecipient: string | null;
  fingerprint: string;
}

type ProvincePeerColumns = Pick<
  Selectable<HandoffPeersTable>,
  'id' | 'office_code' | 'name' | 'sign_public_key' | 'age_recipient' | 'fingerprint'
>;

function toProvincePeer(row: ProvincePeerColumns): ProvincePeer {
  return {
    id: row.id,
    officeCode: row.office_code,
    name: row.name,
    signPublicKey: row.sign_public_key,
    ageRecipient: row.age_recipient,
    fingerprint: row.fingerprint,
  };
}

/** The province key this office trusts (confirmed by fingerprint), or null. */
export async function trustedProvince(db: Db): Promise<ProvincePeer | null> {
  const row = await db
    .selectFrom('handoff_peers')
    .select(['id', 'office_code', 'name', 'sign_public_key', 'age_recipient', 'fingerprint'])
    .where('role', '=', 'province')
    .where('status', '=', 'trusted')
    .orderBy('confirmed_at', 'desc')
    .executeTakeFirst();
  return row ? toProvincePeer(row) : null;
}

/** A province key by id, whatever its status (a receipt may be signed by a key since retired). */
export async function provinceKeys(db: Db): Promise<(ProvincePeer & { status: string })[]> {
  const rows = await db
    .selectFrom('handoff_peers')
    .select(['id', 'office_code', 'name', 'sign_public_key', 'age_recipient', 'fingerprint', 'status'])
    .where('role', '=', 'province')
    .where('status', 'in', ['trusted', 'retired'])
    .execute();
  return rows.map((row) => ({ ...toProvincePeer(row), status: row.status }));
}

/** handoff_policy.personal_allowed_json, or null when the province has sent no policy. */
export async function policyJson(db: Db): Promise<string | null> {
  const row = await db.selectFrom('handoff_policy').select('personal_allowed_json').where('singleton', '=', 1).executeTakeFirst();
  return row?.personal_allowed_json ?? null;
}

// ---------------------------------------------------------------------------------------------
// Files sent

export interface SentRow {
  id: string;
  sequence: number;
  year: number;
  periodFrom: string;
  periodTo: string;
  fileName: string;
  folder: string;
  sha256: string;
  bytes: number;
  recipientPeerId: string;
  summaryJson: string;
  receiptAt: string | null;
  receiptStatus: string | null;
  receiptSha256: string | null;
  createdAt: string;
}

export async function lastSequence(db: Db): Promise<number> {
  const row = await db
    .selectFrom('handoff_sent')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function insertSent(db: Db, r: SentRow): Promise<void> {
  await db
    .insertInto('handoff_sent')
    .values({
      id: r.id,
      sequence: r.sequence,
      year: r.year,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      file_name: r.fileName,
      folder: r.folder,
      sha256: r.sha256,
      bytes: r.bytes,
      recipient_peer_id: r.recipientPeerId,
      summary_json: r.summaryJson,
      receipt_at: r.receiptAt,
      receipt_status: r.receiptStatus,
      receipt_sha256: r.receiptSha256,
      created_at: r.createdAt,
    })
    .execute();
}

const SENT_COLUMNS = [
  'id',
  'sequence',
  'year',
  'period_from',
  'period_to',
  'file_name',
  'folder',
  'sha256',
  'bytes',
  'recipient_peer_id',
  'summary_json',
  'receipt_at',
  'receipt_status',
  'receipt_sha256',
  'created_at',
] as const;

type SentDbRow = { [K in (typeof SENT_COLUMNS)[number]]: K extends 'sequence' | 'year' | 'bytes' ? number : string | null };

function toSent(r: SentDbRow): SentRow {
  return {
    id: r.id!,
    sequence: r.sequence,
    year: r.year,
    periodFrom: r.period_from!,
    periodTo: r.period_to!,
    fileName: r.file_name!,
    folder: r.folder!,
    sha256: r.sha256!,
    bytes: r.bytes,
    recipientPeerId: r.recipient_peer_id!,
    summaryJson: r.summary_json!,
    receiptAt: r.receipt_at,
    receiptStatus: r.receipt_status,
    receiptSha256: r.receipt_sha256,
    createdAt: r.created_at!,
  };
}

/** Every file sent, newest first. */
export async function listSent(db: Db): Promise<SentRow[]> {
  const rows = await db.selectFrom('handoff_sent').select(SENT_COLUMNS).orderBy('sequence', 'desc').execute();
  return rows.map(toSent);
}

export async function findSentBySequence(db: Db, sequence: number): Promise<SentRow | null> {
  const row = await db.selectFrom('handoff_sent').select(SENT_COLUMNS).where('sequence', '=', sequence).executeTakeFirst();
  return row ? toSent(row) : null;
}

/** Marks a sent file as received by the province (the receipt's time, status and own hash). */
export async function markReceipt(db: Db, id: string, receipt: { at: string; status: string; sha256: string }): Promise<void> {
  await db
    .updateTable('handoff_sent')
    .set({ receipt_at: receipt.at, receipt_status: receipt.status, receipt_sha256: receipt.sha256 })
    .where('id', '=', id)
    .execute();
}
