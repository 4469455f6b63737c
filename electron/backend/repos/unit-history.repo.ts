/**
 * Units across time: yearly figures, parent and label history, lineage links, the area type
 * column on units, and the office's era switch after the 2025 step. Plain functions over a Kysely
 * db or transaction; snake_case rows become DTOs/domain values here and nowhere else.
 */
import type { Db } from './units.repo';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { LineageLinkDto, YearStatDto } from '../../../shared/ipc/contracts/unit-history.contract';
import {
  closeCurrent,
  type AreaType,
  type LineageKind,
  type LineageLink,
  type PastInterval,
  type UnitLabel,
} from '../../../shared/domain/lineage';
import type { Era, UnitKind, UnitLevel } from '../../../shared/domain/units';
import type { ScopeLink } from '../../../shared/domain/scope';

const CHUNK = 400;

// ---------------------------------------------------------------------------------------------
// Yearly figures

export interface StatRow {
  id: string;
  unitId: string;
  year: number;
  households: number | null;
  residents: number | null;
  trongDiem: boolean;
  createdAt: string;
  updatedAt: string;
}

function toStat(r: {
  id: string;
  unit_id: string;
  year: number;
  households: number | null;
  residents: number | null;
  trong_diem: number;
  created_at: string;
  updated_at: string;
}): StatRow {
  return {
    id: r.id,
    unitId: r.unit_id,
    year: r.year,
    households: r.households,
    residents: r.residents,
    trongDiem: r.trong_diem === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toYearStatDto(s: StatRow): YearStatDto {
  return {
    unitId: s.unitId,
    year: s.year,
    households: s.households,
    residents: s.residents,
    trongDiem: s.trongDiem,
    updatedAt: s.updatedAt,
  };
}

export async function statsOfUnit(db: Db, unitId: string): Promise<StatRow[]> {
  const rows = await db.selectFrom('unit_year_stats').selectAll().where('unit_id', '=', unitId).orderBy('year', 'desc').execute();
  return rows.map(toStat);
}

export async function statsOfYear(db: Db, year: number): Promise<StatRow[]> {
  const rows = await db.selectFrom('unit_year_stats').selectAll().where('year', '=', year).execute();
  return rows.map(toStat);
}

/** Years that have at least one recorded row, oldest first. */
export async function statYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('unit_year_stats').select('year').distinct().orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function findStat(db: Db, unitId: string, year: number): Promise<StatRow | null> {
  const r = await db.selectFrom('unit_year_stats').selectAll().where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();
  return r ? toStat(r) : null;
}

export interface StatValues {
  unitId: string;
  year: number;
  households: number | null;
  residents: number | null;
  trongDiem: boolean;
}

export async function insertStat(db: Db, id: string, v: StatValues, at: string): Promise<void> {
  await db
    .insertInto('unit_year_stats')
    .values({
      id,
      unit_id: v.unitId,
      year: v.year,
      households: v.households,
      residents: v.residents,
      trong_diem: v.trongDiem ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Many new rows in a few statements (a province's import writes thousands). */
export async function insertStats(db: Db, rows: readonly { id: string; values: StatValues }[], at: string): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('unit_year_stats')
      .values(
        rows.slice(i, i + CHUNK).map(({ id, values: v }) => ({
          id,
          unit_id: v.unitId,
          year: v.year,
          households: v.households,
          residents: v.residents,
          trong_diem: v.trongDiem ? 1 : 0,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}

/** The recorded rows of these unit/year pairs, keyed "unitId/year": one query per year when there are many. */
export async function statsFor(db: Db, pairs: readonly { unitId: string; year: number }[]): Promise<Map<string, StatRow>> {
  const out = new Map<string, StatRow>();
  if (pairs.length <= 20) {
    for (const p of pairs) {
      const s = await findStat(db, p.unitId, p.year);
      if (s) out.set(`${p.unitId}/${p.year}`, s);
    }
    return out;
  }
  for (const year of new Set(pairs.map((p) => p.year))) {
    for (const s of await statsOfYear(db, year)) out.set(`${s.unitId}/${year}`, s);
  }
  return out;
}

export async function updateStat(db: Db, id: string, v: StatValues, at: string): Promise<void> {
  await db
    .updateTable('unit_year_stats')
    .set({ households: v.households, residents: v.residents, trong_diem: v.trongDiem ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Area type and code era (unit_attributes: one row per unit that has either)

export async function areaTypes(db: Db): Promise<Map<string, AreaType | null>> {
  const rows = await db.selectFrom('unit_attributes').select(['unit_id', 'area_type']).execute();
  return new Map(rows.map((r) => [r.unit_id, r.area_type as AreaType | null]));
}

export async function areaTypeOf(db: Db, id: string): Promise<AreaType | null> {
  const r = await db.selectFrom('unit_attributes').select('area_type').where('unit_id', '=', id).executeTakeFirst();
  return (r?.area_type as AreaType | null | undefined) ?? null;
}

async function upsertAttributes(db: Db, id: string, patch: { area_type?: AreaType | null; code_era?: Era }, at: string): Promise<void> {
  await db
    .insertInto('unit_attributes')
    .values({ unit_id: id, area_type: patch.area_type ?? null, code_era: patch.code_era ?? null, updated_at: at })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...patch, updated_at: at }))
    .execute();
}

/** Also touches the unit's updated_at: the unit's data changed. */
export async function setAreaType(db: Db, id: string, value: AreaType | null, at: string): Promise<void> {
  await upsertAttributes(db, id, { area_type: value }, at);
  await db.updateTable('units').set({ updated_at: at }).where('id', '=', id).execute();
}

/** Units whose official code is known to be of an era (no row or NULL = the set-up era). */
export async function codeEras(db: Db): Promise<Map<string, Era | null>> {
  const rows = await db.selectFrom('unit_attributes').select(['unit_id', 'code_era']).execute();
  return new Map(rows.map((r) => [r.unit_id, r.code_era as Era | null]));
}

export async function setCodeEra(db: Db, id: string, era: Era, at: string): Promise<void> {
  await upsertAttributes(db, id, { code_era: era }, at);
}

// ---------------------------------------------------------------------------------------------
// Parent and label history

export async function parentHistory(db: Db): Promise<Map<string, PastInterval<string>[]>> {
  const rows = await db.selectFrom('unit_parents').selectAll().orderBy('valid_to').execute();
  const map = new Map<string, PastInterval<string>[]>();
  for (const r of rows) {
    const list = map.get(r.unit_id) ?? [];
    list.push({ validFrom: r.valid_from, validTo: r.valid_to, value: r.parent_id });
    map.set(r.unit_id, list);
  }
  return map;
}

export async function labelHistory(db: Db): Promise<Map<string, PastInterval<UnitLabel>[]>> {
  const rows = await db.selectFrom('unit_names').selectAll().orderBy('valid_to').execute();
  const map = new Map<string, PastInterval<UnitLabel>[]>();
  for (const r of rows) {
    const list = map.get(r.unit_id) ?? [];
    list.push({ validFrom: r.valid_from, validTo: r.valid_to, value: { name: r.name, kind: r.kind as UnitKind, code: r.code } });
    map.set(r.unit_id, list);
  }
  return map;
}

async function parentHistoryOf(db: Db, unitId: string): Promise<PastInterval<string>[]> {
  const rows = await db.selectFrom('unit_parents').selectAll().where('unit_id', '=', unitId).execute();
  return rows.map((r) => ({ validFrom: r.valid_from, validTo: r.valid_to, value: r.parent_id }));
}

async function labelHistoryOf(db: Db, unitId: string): Promise<PastInterval<UnitLabel>[]> {
  const rows = await db.selectFrom('unit_names').selectAll().where('unit_id', '=', unitId).execute();
  return rows.map((r) => ({
    validFrom: r.valid_from,
    validTo: r.valid_to,
    value: { name: r.name, kind: r.kind as UnitKind, code: r.code },
  }));
}

/** The refusal message when history would be rewritten; null when recorded (or nothing to record). */
export type HistoryWrite = string | null;

/**
 * Records that `unit` sat under its current parent until `lastDay` (it moves on lastDay + 1).
 * Call before changing units.parent_id.
 */
export async function closeParentPeriod(db: Db, unit: UnitDto, lastDay: string, id: string, at: string): Promise<HistoryWrite> {
  if (unit.parentId === null) return null;
  const plan = closeCurrent(unit.parentId, unit.validFrom, await parentHistoryOf(db, unit.id), lastDay);
  if (!plan.ok) return plan.message;
  if (plan.interval) {
    await db
      .insertInto('unit_parents')
      .values({
        id,
        unit_id: unit.id,
        parent_id: unit.parentId,
        valid_from: plan.interval.validFrom,
        valid_to: plan.interval.validTo,
        created_at: at,
      })
      .execute();
  }
  return null;
}

/** Records that `unit` had its current name, kind and code until `lastDay`. Call before renaming. */
export async function closeLabelPeriod(db: Db, unit: UnitDto, lastDay: string, id: string, at: string): Promise<HistoryWrite> {
  const plan = closeCurrent<UnitLabel>(
    { name: unit.name, kind: unit.kind, code: unit.code },
    unit.validFrom,
    await labelHistoryOf(db, unit.id),
    lastDay,
  );
  if (!plan.ok) return plan.message;
  if (plan.interval) {
    const v = plan.interval.value;
    await db
      .insertInto('unit_names')
      .values({
        id,
        unit_id: unit.id,
        name: v.name,
        kind: v.kind,
        code: v.code,
        valid_from: plan.interval.validFrom,
        valid_to: plan.interval.validTo,
        created_at: at,
      })
      .execute();
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lineage

export interface LineageRow extends LineageLink {
  id: string;
  eventId: string;
  note: string | null;
  createdAt: string;
}

function toLineage(r: {
  id: string;
  event_id: string;
  predecessor_id: string;
  successor_id: string;
  effective_date: string;
  kind: string;
  is_primary: number;
  note: string | null;
  created_at: string;
}): LineageRow {
  return {
    id: r.id,
    eventId: r.event_id,
    predecessorId: r.predecessor_id,
    successorId: r.successor_id,
    effectiveDate: r.effective_date,
    kind: r.kind as LineageKind,
    primary: r.is_primary === 1,
    note: r.note,
    createdAt: r.created_at,
  };
}

export async function allLineage(db: Db): Promise<LineageRow[]> {
  const rows = await db.selectFrom('unit_lineage').selectAll().orderBy('effective_date').orderBy('created_at').orderBy('id').execute();
  return rows.map(toLineage);
}

export async function lineageTouching(db: Db, unitId: string): Promise<LineageRow[]> {
  const rows = await db
    .selectFrom('unit_lineage')
    .selectAll()
    .where((eb) => eb.or([eb('predecessor_id', '=', unitId), eb('successor_id', '=', unitId)]))
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
  return rows.map(toLineage);
}

export async function insertLineage(db: Db, rows: readonly LineageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('unit_lineage')
      .values(
        rows.slice(i, i + CHUNK).map((l) => ({
          id: l.id,
          event_id: l.eventId,
          predecessor_id: l.predecessorId,
          successor_id: l.successorId,
          effective_date: l.effectiveDate,
          kind: l.kind,
          is_primary: l.primary ? 1 : 0,
          note: l.note,
          created_at: l.createdAt,
        })),
      )
      .execute();
  }
}

export function linkDto(l: LineageRow, other: UnitDto): LineageLinkDto {
  return {
    eventId: l.eventId,
    unit: {
      id: other.id,
      name: other.name,
      code: other.code,
      kind: other.kind,
      level: other.level,
      validFrom: other.validFrom,
      validTo: other.validTo,
    },
    effectiveDate: l.effectiveDate,
    kind: l.kind,
    primary: l.primary,
    note: l.note,
  };
}

// ---------------------------------------------------------------------------------------------
// Office

/** After the guided 2025 step of a provincial office: it now works with the post-2025 hierarchy. */
export async function setOfficeEra(db: Db, era: Era, at: string): Promise<void> {
  await db.updateTable('office').set({ era, updated_at: at }).execute();
}

// ---------------------------------------------------------------------------------------------
// Units with their lineage: the one loader behind lists, period figures, evaluation and rubrics

export interface LiveUnit {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** Only set when deleted units were asked for (records on them still need a name). */
  deleted: boolean;
}

export interface UnitsWithLineage {
  units: LiveUnit[];
  /** Every predecessor → successor link; `primary` carries the predecessor's figures. */
  links: ScopeLink[];
}

/**
 * Live units (ended ones included) and every lineage link, for whatever rolls records up through
 * merges and splits. `includeDeleted` adds units deleted as mistakes, flagged, so records that
 * still point at them can be named.
 */
export async function loadUnitsWithLineage(db: Db, opts: { includeDeleted?: boolean } = {}): Promise<UnitsWithLineage> {
  let q = db.selectFrom('units').select(['id', 'parent_id', 'level', 'kind', 'name', 'valid_from', 'valid_to', 'deleted_at']);
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  const rows = await q.execute();
  return {
    units: rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      level: r.level as UnitLevel,
      kind: r.kind as UnitKind,
      name: r.name,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      deleted: r.deleted_at !== null,
    })),
    links: await loadLineageLinks(db),
  };
}

/** Every lineage link, without the units. */
export async function loadLineageLinks(db: Db): Promise<ScopeLink[]> {
  const links = await db.selectFrom('unit_lineage').select(['predecessor_id', 'successor_id', 'is_primary']).execute();
  return links.map((l) => ({ predecessorId: l.predecessor_id, successorId: l.successor_id, primary: l.is_primary === 1 }));
}
