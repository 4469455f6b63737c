/**
 * Province packages (issue 12 item 9): the packages made or applied (handoff_packages), the policy
 * of personal fields in force (handoff_policy) and the peers a package lists or pins
 * (read with handoff-peers.repo's `peersOfRole`; pinning and rotating go through h12-core's handoff-keys service). Plain functions over a db or transaction; rows mapped here and nowhere else.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export type Db = Kysely<Database> | Transaction<Database>;

export type PackageDirection = 'made' | 'applied';
/** 0014: a made package is 'pending' from its sequence's reservation until its file is written and its key switched. */
export type PackageState = 'pending' | 'done' | 'abandoned';

export interface PackageRow {
  id: string;
  direction: PackageDirection;
  provinceCode: string;
  sequence: number;
  fileName: string;
  sha256: string;
  summaryJson: string;
  createdAt: string;
  state?: PackageState;
  /** Where a made package was written. */
  path?: string | null;
}

/** The packages made or applied; `state` 'done' unless asked otherwise. */
export async function listPackages(db: Db, direction: PackageDirection, state: PackageState = 'done'): Promise<PackageRow[]> {
  const rows = await db
    .selectFrom('handoff_packages')
    .selectAll()
    .where('direction', '=', direction)
    .where('state', '=', state)
    .orderBy('sequence', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction as PackageDirection,
    provinceCode: r.province_code,
    sequence: r.sequence,
    fileName: r.file_name,
    sha256: r.sha256,
    summaryJson: r.summary_json,
    createdAt: r.created_at,
    state: r.state as PackageState,
    path: r.path,
  }));
}

export async function setPackageState(db: Db, id: string, state: PackageState): Promise<void> {
  await db.updateTable('handoff_packages').set({ state }).where('id', '=', id).execute();
}

/** The highest sequence made or applied (for one province's code when given; any state: a sequence is never reused), 0 when none. */
export async function lastPackageSequence(db: Db, direction: PackageDirection, provinceCode?: string): Promise<number> {
  let q = db
    .selectFrom('handoff_packages')
    .select((eb) => eb.fn.max<number | null>('sequence').as('last'))
    .where('direction', '=', direction);
  if (provinceCode !== undefined) q = q.where('province_code', '=', provinceCode);
  const row = await q.executeTakeFirst();
  return row?.last ?? 0;
}

export async function insertPackage(db: Db, row: PackageRow): Promise<void> {
  await db
    .insertInto('handoff_packages')
    .values({
      id: row.id,
      direction: row.direction,
      province_code: row.provinceCode,
      sequence: row.sequence,
      file_name: row.fileName,
      sha256: row.sha256,
      summary_json: row.summaryJson,
      created_at: row.createdAt,
      state: row.state ?? 'done',
      path: row.path ?? null,
    })
    .execute();
}

export interface PolicyRow {
  json: string;
  packageId: string | null;
  updatedAt: string;
}

export async function getPolicyRow(db: Db): Promise<PolicyRow | null> {
  const r = await db.selectFrom('handoff_policy').selectAll().where('singleton', '=', 1).executeTakeFirst();
  return r ? { json: r.personal_allowed_json, packageId: r.package_id, updatedAt: r.updated_at } : null;
}

export async function savePolicyRow(db: Db, row: PolicyRow): Promise<void> {
  await db
    .insertInto('handoff_policy')
    .values({ singleton: 1, personal_allowed_json: row.json, package_id: row.packageId, updated_at: row.updatedAt })
    .onConflict((oc) =>
      oc.column('singleton').doUpdateSet({ personal_allowed_json: row.json, package_id: row.packageId, updated_at: row.updatedAt }),
    )
    .execute();
}
