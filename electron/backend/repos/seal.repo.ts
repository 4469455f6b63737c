/**
 * The sealed ledger of freezes and unfreezes (migrations/0010_evaluation_seal.ts) and the reads of
 * the freeze table the seal checks against it. Plain functions over a Kysely db or transaction.
 */
import type { Db } from './units.repo';
import type { FreezeRow } from './evaluation.repo';

export interface LedgerEntry {
  seq: number;
  id: string;
  year: number;
  event: 'freeze' | 'unfreeze' | 'legacy';
  freezeId: string;
  at: string;
  body: string;
  mac: string | null;
}

export async function ledgerEntries(db: Db): Promise<LedgerEntry[]> {
  const rows = await db.selectFrom('evaluation_seal_ledger').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    year: r.year,
    event: r.event as LedgerEntry['event'],
    freezeId: r.freeze_id,
    at: r.at,
    body: r.body,
    mac: r.mac,
  }));
}

export async function hasLegacyEntries(db: Db): Promise<boolean> {
  const r = await db.selectFrom('evaluation_seal_ledger').select('seq').where('mac', 'is', null).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function appendLedgerEntry(db: Db, e: LedgerEntry & { mac: string }, at: string): Promise<void> {
  await db
    .insertInto('evaluation_seal_ledger')
    .values({
      seq: e.seq,
      id: e.id,
      year: e.year,
      event: e.event,
      freeze_id: e.freezeId,
      at: e.at,
      body: e.body,
      mac: e.mac,
      created_at: at,
    })
    .execute();
}

export async function deleteLegacyEntries(db: Db): Promise<void> {
  await db.deleteFrom('evaluation_seal_ledger').where('mac', 'is', null).execute();
}

/** A freeze (evaluation.repo.ts's open-freeze row) with when it was lifted. */
export interface FreezeRecord extends FreezeRow {
  unfrozenAt: string | null;
}

export async function freezeById(db: Db, id: string): Promise<FreezeRecord | null> {
  const r = await db.selectFrom('evaluation_freezes').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? { id: r.id, year: r.year, at: r.frozen_at, by: r.frozen_by, note: r.note, subjects: r.subjects, unfrozenAt: r.unfrozen_at }
    : null;
}
