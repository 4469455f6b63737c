/**
 * The unit list of province packages at an office (issue 12 item 9, migration 0014): the link of
 * each office unit to the province unit it was matched to, with what the last package applied said
 * about it, and which units the office renamed or re-coded itself (its own edits in unit_changes,
 * not those a package made). Plain functions over a db or transaction.
 */
import { sql } from 'kysely';
import type { Db } from './handoff-package.repo';
import type { UnitLink } from '../handoff/package-units';

/** The reason a package's unit changes carry starts with this (see packageReason). */
export const PACKAGE_REASON_PREFIX = 'Theo gói dữ liệu Công an tỉnh';

export async function listUnitLinks(db: Db, provinceCode: string): Promise<UnitLink[]> {
  const rows = await db.selectFrom('handoff_package_units').selectAll().where('province_code', '=', provinceCode).execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    provinceUnitId: r.province_unit_id,
    name: r.name,
    kind: r.kind,
    code: r.code,
    validTo: r.valid_to,
  }));
}

export async function saveUnitLink(db: Db, provinceCode: string, link: UnitLink, packageId: string, at: string): Promise<void> {
  const values = {
    province_code: provinceCode,
    province_unit_id: link.provinceUnitId,
    name: link.name,
    kind: link.kind,
    code: link.code,
    valid_to: link.validTo,
    package_id: packageId,
    updated_at: at,
  };
  await db
    .insertInto('handoff_package_units')
    .values({ unit_id: link.unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}

/** Ids of units whose name or kind (`label`), or code (`code`), the office changed with its own edits. */
export async function unitsChangedByOffice(db: Db, field: 'label' | 'code'): Promise<Set<string>> {
  const changed =
    field === 'label'
      ? sql<boolean>`(json_extract(data, '$.before.name') IS NOT json_extract(data, '$.after.name')
           OR json_extract(data, '$.before.kind') IS NOT json_extract(data, '$.after.kind'))`
      : sql<boolean>`json_extract(data, '$.before.code') IS NOT json_extract(data, '$.after.code')`;
  const rows = await db
    .selectFrom('unit_changes')
    .select('unit_id')
    .distinct()
    .where('action', '=', 'update')
    .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', 'not like', `${PACKAGE_REASON_PREFIX}%`)]))
    .where(changed)
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}
