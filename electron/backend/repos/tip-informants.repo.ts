/**
 * The informant of a tip (personal data, tip_informants): read by `findInformant` only; nothing else
 * touches that table except writing, erasing and removing it here. Every identity column is sealed
 * (keys/fields.ts) and bound to its tip.
 */
import type { Db } from './units.repo';
import type { FieldCodec } from '../keys/fields';

export interface InformantRecord {
  name: string | null;
  phone: string | null;
  address: string | null;
  idNumber: string | null;
  note: string | null;
  updatedAt: string;
}

const INFORMANT = 'tip_informants';
/** The columns that say who the informant is (all of them encrypted). */
const IDENTITY_COLUMNS = ['name', 'phone', 'address', 'id_number', 'note'] as const;

/** The informant of a tip, its encrypted columns opened (LOCKED without the session's key). */
export async function findInformant(db: Db, fields: FieldCodec, tipId: string): Promise<InformantRecord | null> {
  const row = await db.selectFrom('tip_informants').selectAll().where('tip_id', '=', tipId).executeTakeFirst();
  if (!row || IDENTITY_COLUMNS.every((c) => row[c] === null)) return null;
  const open = (column: string, v: string | null) => fields.open(INFORMANT, column, tipId, v);
  return {
    name: open('name', row.name),
    phone: open('phone', row.phone),
    address: open('address', row.address),
    idNumber: open('id_number', row.id_number),
    note: open('note', row.note),
    updatedAt: row.updated_at,
  };
}

/** Writes the informant sealed: every column of the row is encrypted and bound to the tip. */
export async function upsertInformant(
  db: Db,
  fields: FieldCodec,
  tipId: string,
  i: Omit<InformantRecord, 'updatedAt'>,
  at: string,
): Promise<void> {
  const seal = (column: string, v: string | null) => fields.seal(INFORMANT, column, tipId, v);
  const values = {
    name: seal('name', i.name),
    phone: seal('phone', i.phone),
    address: seal('address', i.address),
    id_number: seal('id_number', i.idNumber),
    note: seal('note', i.note),
    updated_at: at,
  };
  await db
    .insertInto('tip_informants')
    .values({ tip_id: tipId, ...values })
    .onConflict((oc) => oc.column('tip_id').doUpdateSet(values))
    .execute();
}

/** Removes the informant row (secure_delete, set at open, overwrites its bytes in the file). */
export async function deleteInformant(db: Db, tipId: string): Promise<void> {
  await db.deleteFrom('tip_informants').where('tip_id', '=', tipId).execute();
}

/*
 * The mark of an erased informant: a tip_informants row whose identity columns are all NULL. A
 * deleted tip keeps it (and only that) in place of its informant, so the bin and the restore can
 * say that the tip had one and that it was erased; the restore removes it. A live tip never has
 * such a row: setting an informant with every field empty deletes the row.
 */
/** Has the tip an informant (a row with any identity column set)? Says nothing of who. */
export async function hasInformant(db: Db, tipId: string): Promise<boolean> {
  const row = await db
    .selectFrom('tip_informants')
    .select('tip_id')
    .where('tip_id', '=', tipId)
    .where((eb) => eb.or(IDENTITY_COLUMNS.map((c) => eb(c, 'is not', null))))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Erases the informant of a tip being deleted: its row is deleted (secure_delete zeroes the cell)
 * and, when it had an identity, the mark takes its place. True when an informant was erased.
 */
export async function eraseInformant(db: Db, tipId: string, at: string): Promise<boolean> {
  const had = await hasInformant(db, tipId);
  await deleteInformant(db, tipId);
  if (had) {
    const cleared = { name: null, phone: null, address: null, id_number: null, note: null };
    await db
      .insertInto('tip_informants')
      .values({ tip_id: tipId, ...cleared, updated_at: at })
      .execute();
  }
  return had;
}

/** Of `tipIds`, those carrying the mark of an erased informant. */
export async function tipsWithErasedInformant(db: Db, tipIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < tipIds.length; i += 500) {
    const rows = await db
      .selectFrom('tip_informants')
      .select('tip_id')
      .where('tip_id', 'in', tipIds.slice(i, i + 500))
      .where((eb) => eb.and(IDENTITY_COLUMNS.map((c) => eb(c, 'is', null))))
      .execute();
    for (const r of rows) out.add(r.tip_id);
  }
  return out;
}

/** Removes the mark of an erased informant (a restored tip); a row with an identity is never touched. */
export async function dropErasedMark(db: Db, tipId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('tip_informants')
    .where('tip_id', '=', tipId)
    .where((eb) => eb.and(IDENTITY_COLUMNS.map((c) => eb(c, 'is', null))))
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// What refers to a unit, an organisation or a mass organisation
