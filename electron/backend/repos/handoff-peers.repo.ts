/** The keys this copy of the app knows (handoff_peers): the province's at an office, the offices' at the province. */
import type { Selectable } from 'kysely';
import type { HandoffPeersTable } from '../db/tables/handoff';
import type { PeerDto } from '../../../shared/ipc/contracts/handoff-keys.contract';
import type { Db } from './units.repo';

export type PeerRole = PeerDto['role'];
export type PeerStatus = PeerDto['status'];
export type PeerSource = PeerDto['source'];

export function toPeerDto(row: Selectable<HandoffPeersTable>): PeerDto {
  return {
    id: row.id,
    role: row.role as PeerRole,
    officeCode: row.office_code,
    name: row.name,
    level: row.level as PeerDto['level'],
    fingerprint: row.fingerprint,
    signPublicKey: row.sign_public_key,
    ageRecipient: row.age_recipient,
    status: row.status as PeerStatus,
    source: row.source as PeerSource,
    confirmedAt: row.confirmed_at,
    retiredAt: row.retired_at,
    replacedBy: row.replaced_by,
    createdAt: row.created_at,
  };
}

export async function listPeers(db: Db): Promise<PeerDto[]> {
  const rows = await db.selectFrom('handoff_peers').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toPeerDto);
}

/** The keys of one role, by office code then age (oldest first). */
export async function peersOfRole(db: Db, role: PeerRole): Promise<PeerDto[]> {
  const rows = await db
    .selectFrom('handoff_peers')
    .selectAll()
    .where('role', '=', role)
    .orderBy('office_code')
    .orderBy('created_at')
    .execute();
  return rows.map(toPeerDto);
}

export async function findPeerById(db: Db, id: string): Promise<PeerDto | null> {
  const row = await db.selectFrom('handoff_peers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPeerDto(row) : null;
}

/** The row of a signing key (minisign base64 line) in a role, whatever its status. */
export async function findPeerByKey(db: Db, role: PeerRole, signPublicKey: string): Promise<PeerDto | null> {
  const row = await db
    .selectFrom('handoff_peers')
    .selectAll()
    .where('role', '=', role)
    .where('sign_public_key', '=', signPublicKey)
    .executeTakeFirst();
  return row ? toPeerDto(row) : null;
}

/** The trusted key of an office (role 'office') or of the province (role 'province') by its code. */
export async function trustedPeerByCode(db: Db, role: PeerRole, officeCode: string): Promise<PeerDto | null> {
  const row = await db
    .selectFrom('handoff_peers')
    .selectAll()
    .where('role', '=', role)
    .where('office_code', '=', officeCode)
    .where('status', '=', 'trusted')
    .executeTakeFirst();
  return row ? toPeerDto(row) : null;
}

/** The province key pinned at this office (the one trusted), or null. */
export async function trustedProvince(db: Db): Promise<PeerDto | null> {
  const row = await db
    .selectFrom('handoff_peers')
    .selectAll()
    .where('role', '=', 'province')
    .where('status', '=', 'trusted')
    .orderBy('confirmed_at', 'desc')
    .executeTakeFirst();
  return row ? toPeerDto(row) : null;
}

export async function peersWith(db: Db, role: PeerRole, status: PeerStatus): Promise<PeerDto[]> {
  const rows = await db
    .selectFrom('handoff_peers')
    .selectAll()
    .where('role', '=', role)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toPeerDto);
}

export interface NewPeerRow {
  id: string;
  role: PeerRole;
  officeCode: string;
  name: string;
  level: PeerDto['level'];
  signPublicKey: string;
  ageRecipient: string | null;
  fingerprint: string;
  status: PeerStatus;
  source: PeerSource;
  at: string;
}

export async function insertPeer(db: Db, p: NewPeerRow): Promise<void> {
  await db
    .insertInto('handoff_peers')
    .values({
      id: p.id,
      role: p.role,
      office_code: p.officeCode,
      name: p.name,
      level: p.level,
      sign_public_key: p.signPublicKey,
      age_recipient: p.ageRecipient,
      fingerprint: p.fingerprint,
      status: p.status,
      source: p.source,
      confirmed_at: p.status === 'trusted' ? p.at : null,
      retired_at: p.status === 'retired' ? p.at : null,
      replaced_by: null,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

/** Marks a key trusted (with the time it was confirmed), refreshing its name and level. */
export async function markPeerTrusted(db: Db, id: string, at: string, name?: { name: string; level: PeerDto['level'] }): Promise<void> {
  await db
    .updateTable('handoff_peers')
    .set({ status: 'trusted', confirmed_at: at, retired_at: null, updated_at: at, ...(name ? { name: name.name, level: name.level } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Retires a key, pointing at the key that replaces it (null: none yet). */
export async function markPeerRetired(db: Db, id: string, at: string, replacedBy: string | null): Promise<void> {
  await db
    .updateTable('handoff_peers')
    .set({ status: 'retired', retired_at: at, replaced_by: replacedBy, updated_at: at })
    .where('id', '=', id)
    .execute();
}
