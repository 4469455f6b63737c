/** The single office row: who runs this copy of the app. */
import type { Selectable } from 'kysely';
import type { OfficeTable } from '../db/schema';
import type { OfficeDto } from '../../../shared/ipc/contract';
import type { Era, OfficeLevel } from '../../../shared/domain/units';
import type { Db } from './units.repo';

function toOfficeDto(row: Selectable<OfficeTable>): OfficeDto {
  return {
    id: row.id,
    level: row.level as OfficeLevel,
    era: row.era as Era,
    name: row.name,
    code: row.code,
    provinceCode: row.province_code,
    rootUnitId: row.root_unit_id,
    createdAt: row.created_at,
  };
}

export async function getOffice(db: Db): Promise<OfficeDto | null> {
  const row = await db.selectFrom('office').selectAll().executeTakeFirst();
  return row ? toOfficeDto(row) : null;
}

export async function insertOffice(db: Db, office: OfficeDto): Promise<void> {
  await db
    .insertInto('office')
    .values({
      id: office.id,
      level: office.level,
      era: office.era,
      name: office.name,
      code: office.code,
      province_code: office.provinceCode,
      root_unit_id: office.rootUnitId,
      created_at: office.createdAt,
      updated_at: office.createdAt,
    })
    .execute();
}
