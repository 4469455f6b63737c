/**
 * Units and their change log: plain functions over a Kysely db or transaction. Rows are mapped to
 * the contract's UnitDto here and nowhere else.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, UnitsTable, UnitChangesTable } from '../db/schema';
import type { UnitChangeDto, UnitDto } from '../../../shared/ipc/contract';
import type { UnitKind, UnitLevel } from '../../../shared/domain/units';
import { foldVietnamese } from '../../../shared/lib/text';

export type Db = Kysely<Database> | Transaction<Database>;
type UnitRow = Selectable<UnitsTable>;

export function toUnitDto(row: UnitRow): UnitDto {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level as UnitLevel,
    kind: row.kind as UnitKind,
    name: row.name,
    code: row.code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    endReason: row.end_reason,
    source: row.source as UnitDto['source'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function searchKey(name: string, code: string | null): string {
  return foldVietnamese(code ? `${name} ${code}` : name);
}

export async function findUnit(db: Db, id: string): Promise<UnitDto | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toUnitDto(row) : null;
}

/** Live units by id, a few statements for thousands of ids. */
export async function findUnitsByIds(db: Db, ids: readonly string[]): Promise<Map<string, UnitDto>> {
  const out = new Map<string, UnitDto>();
  const CHUNK = 500;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('units')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.set(r.id, toUnitDto(r));
  }
  return out;
}

export async function listUnits(db: Db, includeEnded: boolean): Promise<UnitDto[]> {
  let q = db.selectFrom('units').selectAll().where('deleted_at', 'is', null);
  if (!includeEnded) q = q.where('valid_to', 'is', null);
  const rows = await q.execute();
  return rows.map(toUnitDto);
}

/**
 * Every row of the units table as (id, parent): deleted ones too, the way the registries' subtree
 * queries walk it (WITH RECURSIVE over units.parent_id), so a subtree found here is theirs.
 */
export async function listUnitParents(db: Db): Promise<{ id: string; parentId: string | null }[]> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
}

/** Ids of live units whose folded name and code contain every folded word. */
export async function searchUnitIds(db: Db, foldedWords: readonly string[], includeEnded: boolean): Promise<string[]> {
  let q = db.selectFrom('units').select('id').where('deleted_at', 'is', null);
  if (!includeEnded) q = q.where('valid_to', 'is', null);
  for (const w of foldedWords) {
    // LIKE with an escaped pattern: the folded column already has no case or diacritics.
    q = q.where(sql<boolean>`name_folded LIKE ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  }
  return (await q.execute()).map((r) => r.id);
}

/** Live (not deleted) children of a unit, ended ones included. */
export async function listChildren(db: Db, parentId: string): Promise<UnitDto[]> {
  const rows = await db.selectFrom('units').selectAll().where('parent_id', '=', parentId).where('deleted_at', 'is', null).execute();
  return rows.map(toUnitDto);
}

export interface NewUnitRow {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
  code: string | null;
  validFrom: string | null;
  source: UnitDto['source'];
  at: string;
}

export async function insertUnits(db: Db, units: readonly NewUnitRow[]): Promise<void> {
  // Chunked: SQLite limits the number of bound parameters in one statement.
  const CHUNK = 500;
  for (let i = 0; i < units.length; i += CHUNK) {
    await db
      .insertInto('units')
      .values(
        units.slice(i, i + CHUNK).map((u) => ({
          id: u.id,
          parent_id: u.parentId,
          level: u.level,
          kind: u.kind,
          name: u.name,
          name_folded: searchKey(u.name, u.code),
          code: u.code,
          valid_from: u.validFrom,
          valid_to: null,
          end_reason: null,
          source: u.source,
          created_at: u.at,
          updated_at: u.at,
          deleted_at: null,
        })),
      )
      .execute();
  }
}

export interface UnitPatch {
  name?: string;
  kind?: UnitKind;
  code?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  endReason?: string | null;
  parentId?: string;
  deletedAt?: string;
}

export async function updateUnit(db: Db, current: UnitDto, patch: UnitPatch, at: string): Promise<void> {
  const name = patch.name ?? current.name;
  const code = patch.code !== undefined ? patch.code : current.code;
  await db
    .updateTable('units')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.code !== undefined && { code: patch.code }),
      ...(patch.validFrom !== undefined && { valid_from: patch.validFrom }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
      ...(patch.endReason !== undefined && { end_reason: patch.endReason }),
      ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
      ...(patch.deletedAt !== undefined && { deleted_at: patch.deletedAt }),
      name_folded: searchKey(name, code),
      updated_at: at,
    })
    .where('id', '=', current.id)
    .execute();
}

export interface NewChange {
  id: string;
  unitId: string;
  at: string;
  action: UnitChangeDto['action'];
  summary: string;
  reason: string | null;
  data: unknown;
}

export async function insertChanges(db: Db, changes: readonly NewChange[]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < changes.length; i += CHUNK) {
    await db
      .insertInto('unit_changes')
      .values(
        changes.slice(i, i + CHUNK).map((c) => ({
          id: c.id,
          unit_id: c.unitId,
          at: c.at,
          action: c.action,
          summary: c.summary,
          reason: c.reason,
          data: JSON.stringify(c.data ?? {}),
        })),
      )
      .execute();
  }
}

function toChangeDto(row: Selectable<UnitChangesTable>): UnitChangeDto {
  return {
    id: row.id,
    unitId: row.unit_id,
    at: row.at,
    action: row.action as UnitChangeDto['action'],
    summary: row.summary,
    reason: row.reason,
  };
}

export async function listChanges(db: Db, unitId: string): Promise<UnitChangeDto[]> {
  const rows = await db.selectFrom('unit_changes').selectAll().where('unit_id', '=', unitId).orderBy('at', 'desc').orderBy('id').execute();
  return rows.map(toChangeDto);
}
