/**
 * The activity records' tables (migrations/0006_activities.ts): plain functions over a Kysely db or
 * transaction. Each kind has its own table whose columns are the record's fields in snake_case, so
 * one mapping (field list of the contract's input schema → columns) serves all six kinds; rows
 * become camelCase records here and nowhere else.
 * The informant of a tip (tip_informants) is tip-informants.repo.ts's.
 */
import { sql, type Kysely } from 'kysely';
import { pushRowKeys, rowKeyColumns, unitKeyOf } from './activities.keys';
import type { Db } from './units.repo';
import type { ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_FIELDS, ACTIVITY_KIND_INFO, placementBound } from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS, type ActivityInputs } from '../../../shared/ipc/contracts/activities.contract';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { batchQuery } from '../db/batch';
import { insertNotedBySet } from './audit.repo';
import { placementYearsOf } from './placement-touch.repo';
import { mapInTurns } from '../jobs/jobs';
import { loadLineageLinks, loadUnitsWithLineage } from './unit-history.repo';

// ---------------------------------------------------------------------------------------------
// Tables and columns

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

interface Column {
  field: string;
  column: string;
  bool: boolean;
}

/** Record field ↔ column, in the contract's field order, per kind. */
const COLUMNS: Readonly<Record<ActivityKind, readonly Column[]>> = Object.fromEntries(
  (Object.keys(ACTIVITY_INPUTS) as ActivityKind[]).map((kind) => {
    const bools = new Set(ACTIVITY_FIELDS[kind].filter((f) => f.type === 'bool').map((f) => f.key));
    const fields = Object.keys(ACTIVITY_INPUTS[kind].shape);
    return [kind, fields.map((field) => ({ field, column: snake(field), bool: bools.has(field) }))];
  }),
) as unknown as Record<ActivityKind, readonly Column[]>;

export function columnsOf(kind: ActivityKind): readonly Column[] {
  return COLUMNS[kind];
}

// The six tables share one shape of code, so queries go through a view of the database whose
// tables are plain column → value maps; the typed row interfaces (db/tables/activities.ts) remain
// what the Database type declares, and COLUMNS is derived from the contract the rows must match.
type SqlValue = string | number | null;
type LooseRow = Record<string, SqlValue>;
type LooseDb = Record<string, LooseRow>;
function loose(db: Db): Kysely<LooseDb> {
  return db as unknown as Kysely<LooseDb>;
}

// ---------------------------------------------------------------------------------------------
// Records

/** A stored record: the fields as entered plus its id and stamps. */
export type StoredActivity<K extends ActivityKind> = ActivityInputs[K] & {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export function toStored<K extends ActivityKind>(kind: K, row: LooseRow): StoredActivity<K> {
  const out: Record<string, unknown> = {};
  for (const c of COLUMNS[kind]) {
    const v = row[c.column] ?? null;
    out[c.field] = c.bool ? v === 1 : v;
  }
  out['id'] = row['id'];
  out['createdAt'] = row['created_at'];
  out['updatedAt'] = row['updated_at'];
  out['deletedAt'] = row['deleted_at'] ?? null;
  // The columns are the contract's fields one for one and the CHECKs keep their values in range.
  return out as StoredActivity<K>;
}

function toColumns(kind: ActivityKind, record: Readonly<Record<string, unknown>>): LooseRow {
  const out: LooseRow = {};
  for (const c of COLUMNS[kind]) {
    const v = record[c.field];
    out[c.column] = c.bool ? (v === true ? 1 : 0) : ((v ?? null) as SqlValue);
  }
  return out;
}

export interface ActivityQuery {
  /** Only records on these units; null = any unit. */
  unitIds: ReadonlySet<string> | null;
  /** Placement date bounds, inclusive (ISO dates); null = open. */
  from: string | null;
  to: string | null;
  /** At most this many (the newest) where the scope is filtered in SQL or absent; else every row. */
  limit?: number | undefined;
}

// SQLite caps the bound parameters of one statement; a larger unit scope is filtered in memory.
const MAX_IN_PARAMS = 5000;

/** Live (not deleted) records of one kind, newest placement first. */
export async function listActivityRows<K extends ActivityKind>(db: Db, kind: K, q: ActivityQuery): Promise<StoredActivity<K>[]> {
  // The column of the kind's placement field; a kind placed on 31/12 of a year gets years as bounds.
  const placement = snake(ACTIVITY_KIND_INFO[kind].placement);
  let query = loose(db).selectFrom(ACTIVITY_TABLES[kind]).selectAll().where('deleted_at', 'is', null);
  if (q.from !== null) query = query.where(placement, '>=', placementBound(kind, q.from, 'from'));
  if (q.to !== null) query = query.where(placement, '<=', placementBound(kind, q.to, 'to'));
  const inSql = q.unitIds !== null && q.unitIds.size <= MAX_IN_PARAMS;
  if (q.unitIds !== null && inSql) {
    if (q.unitIds.size === 0) return [];
    query = query.where('unit_id', 'in', [...q.unitIds]);
  }
  query = query.orderBy(placement, 'desc');
  if (q.limit !== undefined && (q.unitIds === null || inSql)) query = query.limit(q.limit);
  const rows = await query.execute();
  const scope = q.unitIds;
  const kept = scope !== null && !inSql ? rows.filter((r) => scope.has(String(r['unit_id']))) : rows;
  return mapInTurns(kept, (r) => toStored(kind, r));
}

/**
 * Live records of one kind placed in [from, to] (ISO dates, inclusive), in no particular order: what
 * the period figures count. Read through the placement index (migration 0024: the live rows'
 * placement), without the list's names, sort or unit scope.
 */
export async function placedActivityRows<K extends ActivityKind>(
  db: Db,
  kind: K,
  from: string,
  to: string,
  only: { excusedOnly?: boolean } = {},
): Promise<StoredActivity<K>[]> {
  const placement = snake(ACTIVITY_KIND_INFO[kind].placement);
  let query = loose(db)
    .selectFrom(ACTIVITY_TABLES[kind])
    .selectAll()
    .where('deleted_at', 'is', null)
    .where(placement, '>=', placementBound(kind, from, 'from'))
    .where(placement, '<=', placementBound(kind, to, 'to'));
  // Incidents excused under Circular 124 (the period page's list of them).
  if (only.excusedOnly) query = query.where('excuse', 'is not', null);
  const rows = await query.execute();
  return rows.map((r) => toStored(kind, r));
}

/** One record by id; deleted ones too when `includeDeleted`. */
export async function findActivity<K extends ActivityKind>(
  db: Db,
  kind: K,
  id: string,
  includeDeleted = false,
): Promise<StoredActivity<K> | null> {
  let q = loose(db).selectFrom(ACTIVITY_TABLES[kind]).selectAll().where('id', '=', id);
  if (!includeDeleted) q = q.where('deleted_at', 'is', null);
  const row = await q.executeTakeFirst();
  return row ? toStored(kind, row) : null;
}

// Bound parameters per candidate lookup: well below SQLite's limit, and one prepared plan per size.
const LOOKUP_CHUNK = 500;

/** Live records by id (those that exist; any order). One indexed lookup per chunk of ids. */
export async function findActivitiesByIds<K extends ActivityKind>(db: Db, kind: K, ids: readonly string[]): Promise<StoredActivity<K>[]> {
  const out: StoredActivity<K>[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const rows = await loose(db)
      .selectFrom(ACTIVITY_TABLES[kind])
      .selectAll()
      .where('id', 'in', unique.slice(i, i + LOOKUP_CHUNK))
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.push(toStored(kind, r));
  }
  return out;
}

/**
 * Live records whose unit and first natural-key field (the kind's date, or an award's year) are
 * among `keys` (unit id → key values): the only stored records an imported row can repeat or nearly
 * repeat, since both comparisons include those two fields. Each unit's values are one search of the
 * (unit_id, date) index the kind's table has (migration 0006), never a scan of the table.
 */
export async function findActivitiesByUnitKey<K extends ActivityKind>(
  db: Db,
  kind: K,
  keys: ReadonlyMap<string, ReadonlySet<string | number>>,
): Promise<StoredActivity<K>[]> {
  const column = snake(ACTIVITY_KIND_INFO[kind].naturalKey[0]!);
  const out: StoredActivity<K>[] = [];
  for (const [unitId, values] of keys) {
    const list = [...values];
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const rows = await loose(db)
        .selectFrom(ACTIVITY_TABLES[kind])
        .selectAll()
        .where('unit_id', '=', unitId)
        .where(column, 'in', list.slice(i, i + LOOKUP_CHUNK))
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of rows) out.push(toStored(kind, r));
    }
  }
  return out;
}

/** Records in the bin, most recently deleted first. */
export async function listDeletedActivities<K extends ActivityKind>(db: Db, kind: K): Promise<StoredActivity<K>[]> {
  const rows = await loose(db)
    .selectFrom(ACTIVITY_TABLES[kind])
    .selectAll()
    .where('deleted_at', 'is not', null)
    .orderBy('deleted_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => toStored(kind, r));
}

export interface NewActivity {
  id: string;
  record: Readonly<Record<string, unknown>>;
}

/** The columns an inserted record fills, in order: id, the kind's fields, the stamps, the list's keys (but sort_unit). */
function insertColumns(kind: ActivityKind): string[] {
  return ['id', ...COLUMNS[kind].map((c) => c.column), 'created_at', 'updated_at', 'deleted_at', ...keyColumns(kind)];
}

/** The list's keys a new row carries, computed here (activities.keys.ts); sort_unit is read per unit (unitKeysOf). */
const keyColumns = (kind: ActivityKind): readonly string[] => rowKeyColumns(kind);

/** Each new row's values in insertColumns order, then its `sort_unit`, made as the statement runs (no array of every row at once; one array reused: read each before the next). */
function* insertValues(
  kind: ActivityKind,
  rows: readonly NewActivity[],
  at: string,
  unitKeys: ReadonlyMap<string, string>,
): Generator<SqlValue[]> {
  const columns = COLUMNS[kind];
  // One array for every row: the statement binds it as it is yielded (runBatch, runBatchPausing),
  // before the next row is made.
  const values: SqlValue[] = [];
  for (const r of rows) {
    values.length = 0;
    values.push(r.id);
    for (const c of columns) {
      const v = r.record[c.field];
      values.push(c.bool ? (v === true ? 1 : 0) : ((v ?? null) as SqlValue));
    }
    values.push(at, at, null);
    pushRowKeys(kind, r.record, values);
    values.push(unitKeys.get(String(r.record['unitId'])) ?? null);
    yield values;
  }
}

/**
 * The `sort_unit` of each unit the rows are placed in, by the very expression the lists and the
 * fill compute it with (unitKeyOf: the unit's stored key, or its name's, or a deleted unit's), read
 * once per unit rather than by a subquery per row of the move (a province's 5.000 rows name a few
 * hundred communes). 500 ids per statement: under SQLite's variable limit.
 */
async function unitKeysOf(db: Db, rows: readonly NewActivity[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => String(r.record['unitId'])))];
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const values = sql.join(ids.slice(i, i + 500).map((id) => sql`(${id})`));
    const r = await sql<{ id: string; key: string }>`WITH k(id) AS (VALUES ${values})
      SELECT k.id AS id, ${unitKeyOf(sql.ref('k.id'))} AS key FROM k`.execute(db);
    for (const row of r.rows) out.set(row.id, row.key);
  }
  return out;
}

/**
 * New records, inside the caller's transaction (the Excel import, on the long write that pauses between
 * statements). Each batch goes into a TEMP table of the same columns (one prepared single-row INSERT per
 * row: db/batch.ts), then into the table by ONE `INSERT … SELECT`, under the audit's triggers: a statement
 * that fires a trigger keeps a statement journal, paid once per page here instead of once per row and
 * page (docs/decisions.md (h16-writes)). `sort_unit` is read once per unit (unitKeysOf).
 */
export async function insertActivities(
  db: Db,
  kind: ActivityKind,
  rows: readonly NewActivity[],
  at: string,
  batchRows = BATCH_ROWS,
): Promise<void> {
  if (rows.length === 0) return;
  const table = ACTIVITY_TABLES[kind];
  const columns = [...insertColumns(kind), 'sort_unit'];
  // The staging table's name says it holds sort_unit (a connection keeps its TEMP tables).
  const stage = `antq_stage2_${table}`;
  // No declared types: the values keep what was bound, and the table's own affinities apply on the move.
  await sql`CREATE TEMP TABLE IF NOT EXISTS ${sql.id(stage)} (${sql.join(columns.map((c) => sql.id(c)))})`.execute(db);
  const staged = sql`INSERT INTO temp.${sql.id(stage)} (${sql.join(columns.map((c) => sql.id(c)))}) VALUES (${sql.join(
    columns.map(() => sql`${null}`),
  )})`.compile(db).sql;
  const move = sql`INSERT INTO main.${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c)))})
    SELECT ${sql.join(columns.map((c) => sql.ref(`s.${c}`)))}
    FROM temp.${sql.id(stage)} AS s ORDER BY s.rowid`;
  const unitKeys = await unitKeysOf(db, rows);
  // In batches (BATCH_ROWS by default): the long write pauses between statements, so a 100.000-row
  // import is not one uninterrupted run. Each further batch journals again the pages the ones before
  // it dirtied, so a caller that never pauses (saveMany) passes all its rows as one batch.
  for (let i = 0; i < rows.length; i += batchRows) {
    await db.executeQuery(batchQuery(staged, insertValues(kind, rows.slice(i, i + batchRows), at, unitKeys)));
    insertStats.moves++;
    await move.execute(db);
    await sql`DELETE FROM temp.${sql.id(stage)}`.execute(db);
  }
}

/**
 * Rows moved from the staging table by one statement unless the caller says (the Excel import, in its
 * long write): one SQLite call on the host's thread, ~0,11 ms of its CPU a row into a 2 M-row table
 * (2.000 rows: 220–230 ms; docs/decisions-h18-blocks.md).
 */
export const BATCH_ROWS = 500;

/** Moves from the staging table since the process started (tests see the batches). */
export const insertStats = { moves: 0 };

/**
 * New records at once (saveMany, on a connection that never pauses): one prepared single-row INSERT
 * per row with the table's audit INSERT trigger lifted and the rows noted by set (insertNotedBySet,
 * audit.repo.ts, the placement years from the records: placementYearsOf): no statement journal, the raw
 * driver's cost. Values and keys: insertActivities'.
 */
export async function insertActivitiesAtOnce(db: Db, kind: ActivityKind, rows: readonly NewActivity[], at: string): Promise<void> {
  if (rows.length === 0) return;
  const table = ACTIVITY_TABLES[kind];
  const columns = [...insertColumns(kind), 'sort_unit'].map((c) => sql.id(c));
  const insert = sql`INSERT INTO main.${sql.id(table)} (${sql.join(columns)}) VALUES (${sql.join(columns.map(() => sql`${null}`))})`;
  const unitKeys = await unitKeysOf(db, rows);
  const write = batchQuery(insert.compile(db).sql, insertValues(kind, rows, at, unitKeys), { keep: true });
  await insertNotedBySet(
    db,
    table,
    rows.map((r) => r.id),
    async () => void (await db.executeQuery(write)),
    placementYearsOf(
      table,
      rows.map((r) => r.record),
    ),
  );
}

export async function updateActivity(
  db: Db,
  kind: ActivityKind,
  id: string,
  record: Readonly<Record<string, unknown>>,
  at: string,
): Promise<void> {
  await loose(db)
    .updateTable(ACTIVITY_TABLES[kind])
    .set({ ...toColumns(kind, record), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Moves a live record to the bin (deletedAt set) or back (null); false when nothing matched. */
export async function setActivityDeleted(db: Db, kind: ActivityKind, id: string, deletedAt: string | null, at: string): Promise<boolean> {
  const result = await loose(db)
    .updateTable(ACTIVITY_TABLES[kind])
    .set({ deleted_at: deletedAt, updated_at: at })
    .where('id', '=', id)
    .where('deleted_at', deletedAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// What records refer to: units, lineage, organisations, mass organisations (mediation teams)

export interface RefUnit {
  id: string;
  parentId: string | null;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  deleted: boolean;
}

/** Every unit, deleted ones too (flagged), so records on any unit still get a name. */
export async function listRefUnits(db: Db): Promise<RefUnit[]> {
  return (await loadUnitsWithLineage(db, { includeDeleted: true })).units;
}

export interface RefLink {
  predecessorId: string;
  successorId: string;
  primary: boolean;
}

export async function listRefLinks(db: Db): Promise<RefLink[]> {
  return loadLineageLinks(db);
}

export interface RefOrganization {
  id: string;
  name: string;
  unitId: string;
  deleted: boolean;
}

/** Every organisation, or only those of `ids` (a save reads the few its records name, not 8.000). */
export async function listRefOrganizations(db: Db, ids?: readonly string[]): Promise<RefOrganization[]> {
  const out: RefOrganization[] = [];
  for (const chunk of idChunks(ids)) {
    let q = db.selectFrom('organizations').select(['id', 'name', 'unit_id', 'deleted_at']);
    if (chunk !== null) q = q.where('id', 'in', chunk);
    for (const r of await q.execute()) out.push({ id: r.id, name: r.name, unitId: r.unit_id, deleted: r.deleted_at !== null });
  }
  return out;
}

/** null (no restriction) once, or the distinct ids in chunks of bound parameters; none for an empty list. */
function idChunks(ids: readonly string[] | undefined): (string[] | null)[] {
  if (ids === undefined) return [null];
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) out.push(unique.slice(i, i + LOOKUP_CHUNK));
  return out;
}

export interface RefTeam {
  id: string;
  name: string;
  unitId: string;
  /** The kind's built-in code ('to_hoa_giai' for mediation teams); null for kinds the office added. */
  kindCode: string | null;
  kindName: string;
  validTo: string | null;
  deleted: boolean;
}

/** Every mass organisation with its kind (mediation teams are those of kind code 'to_hoa_giai'). */
export async function listRefTeams(db: Db, ids?: readonly string[]): Promise<RefTeam[]> {
  const out: RefTeam[] = [];
  for (const chunk of idChunks(ids)) out.push(...(await refTeams(db, chunk)));
  return out;
}

async function refTeams(db: Db, ids: readonly string[] | null): Promise<RefTeam[]> {
  let q = db
    .selectFrom('mass_orgs')
    .innerJoin('mass_org_kinds', 'mass_org_kinds.id', 'mass_orgs.kind_id')
    .select([
      'mass_orgs.id as id',
      'mass_orgs.name as name',
      'mass_orgs.unit_id as unit_id',
      'mass_orgs.valid_to as valid_to',
      'mass_orgs.deleted_at as deleted_at',
      'mass_org_kinds.code as kind_code',
      'mass_org_kinds.name as kind_name',
    ]);
  if (ids !== null) q = q.where('mass_orgs.id', 'in', ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitId: r.unit_id,
    kindCode: r.kind_code,
    kindName: r.kind_name,
    validTo: r.valid_to,
    deleted: r.deleted_at !== null,
  }));
}

export type ActivityReference = { unitId: string } | { organizationId: string } | { teamId: string };

/** Live records of each kind that refer to the unit, organisation or team (0 omitted). */
export async function countActivitiesReferring(db: Db, ref: ActivityReference): Promise<Map<ActivityKind, number>> {
  const [column, id] =
    'unitId' in ref ? ['unit_id', ref.unitId] : 'organizationId' in ref ? ['organization_id', ref.organizationId] : ['team_id', ref.teamId];
  const out = new Map<ActivityKind, number>();
  for (const kind of Object.keys(ACTIVITY_TABLES) as ActivityKind[]) {
    if (!COLUMNS[kind].some((c) => c.column === column)) continue;
    const row = await loose(db)
      .selectFrom(ACTIVITY_TABLES[kind])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const n = Number(row?.['n'] ?? 0);
    if (n > 0) out.set(kind, n);
  }
  return out;
}
