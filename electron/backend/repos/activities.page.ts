/**
 * One page of an activity list (2 M propaganda rows at a province): filter, search, order, count and
 * totals in SQL. The list's default order (placement date newest first) walks the live placement
 * index of migration 0024, so the first page reads a few days' records, not the table; the unit and
 * the record's text only order the rows of one date (SQLite sorts that right part per date).
 *
 * Text the list shows for a field (an enum's label, a unit's or organisation's name) is built here as
 * SQL from the same field specs the screen uses, so the search and the orders match what is shown.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './units.repo';
import { ACTIVITY_FIELDS, ACTIVITY_KIND_INFO, activityField, type ActivityKind, type FieldSpec } from '../../../shared/domain/activities';
import { OWNERSHIP_TEXTS } from '../../../shared/domain/ownership';
import type { PageRequest } from '../../../shared/ipc/common';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { FOLD_SQL, HAS_WORDS_SQL, VI_SORT_KEY_SQL } from '../db/open';

/** What a unit is called in lists when its row is gone (activities.service.ts says the same). */
export const DELETED_UNIT_NAME = '(đơn vị đã xóa)';

export interface ActivityPageQuery {
  /** Only records on these units; null = any unit. */
  unitIds: readonly string[] | null;
  /** Placement bounds as values of the placement column (a date, or a year for awards); null = open. */
  from: string | number | null;
  to: string | number | null;
  /** A value of the kind's main enum; null = any. */
  category: string | null;
  /** Folded search words; each must occur in the record's text, labels or names. */
  words: readonly string[];
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const col = (key: string): RawBuilder<unknown> => sql.ref(`a.${snake(key)}`);
const viKey = (text: RawBuilder<unknown>): RawBuilder<string | null> => sql`${sql.raw(VI_SORT_KEY_SQL)}(${text})`;

/** An enum's label for the stored value (the value itself when no label, '' when NULL), as fieldText shows it. */
function enumLabel(f: FieldSpec): RawBuilder<string> {
  const whens = Object.entries(f.options ?? {}).map(([value, label]) => sql`WHEN ${value} THEN ${label}`);
  return sql<string>`CASE ${col(f.key)} ${sql.join(whens, sql` `)} ELSE ifnull(${col(f.key)}, '') END`;
}

const unitName = sql<string>`ifnull((SELECT u.name FROM units u WHERE u.id = a.unit_id), ${DELETED_UNIT_NAME})`;
const orgName = sql<string>`ifnull((SELECT o.name FROM organizations o WHERE o.id = a.organization_id), '')`;
const teamName = sql<string>`ifnull((SELECT t.name FROM mass_orgs t WHERE t.id = a.team_id), '')`;

/** What the list shows in a field's cell, as text ('' when empty). */
export function shownText(kind: ActivityKind, f: FieldSpec): RawBuilder<string> {
  switch (f.type) {
    case 'enum':
      return enumLabel(f);
    case 'unit':
      return unitName;
    case 'org':
      return orgName;
    case 'team':
      return teamName;
    default:
      // A required text the office's file left out (NULL at the province) reads "thiếu dữ liệu".
      return f.required ? sql<string>`ifnull(${col(f.key)}, ${OWNERSHIP_TEXTS.unknown})` : sql<string>`ifnull(${col(f.key)}, '')`;
  }
}

/**
 * The stored title-key columns of a kind, one per title field (recordTitle: its title fields' texts,
 * the non-empty ones joined), kept by activities.keys.ts. Comparing the parts one after the other
 * orders as comparing the joined text does (a part that is a prefix of another sorts first either
 * way: the joiner is punctuation, which sorts before letters and digits), and it does not depend on
 * the joiner having a sort key of its own (the awards' en dash has none: vietnameseSortKey puts
 * unknown characters after the letters).
 */
export function titleKeyColumns(kind: ActivityKind): string[] {
  return ACTIVITY_KIND_INFO[kind].title.fields.map((_, i) => (i === 0 ? 'sort_title' : `sort_title${i + 1}`));
}

/** A unit's key as SQL, for a record's `unit_id` (a unit not computed yet is keyed by its name now). */
export const unitKeyOf = (unitId: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`ifnull((SELECT ifnull(u.sort_key, ${sql.raw(VI_SORT_KEY_SQL)}(u.name)) FROM units u WHERE u.id = ${unitId}), ${sql.raw(
    VI_SORT_KEY_SQL,
  )}(${DELETED_UNIT_NAME}))`;

/**
 * The record's keys as the list orders and searches by them: the stored columns, or (`keyed`
 * false: the backfill of a file's keys is still running, activities.keys.ts ListKeysBackfill) the
 * same keys computed per row by the expressions the fill stores, so the results are the same.
 */
const unitKey = (keyed: boolean): RawBuilder<unknown> => (keyed ? sql`a.sort_unit` : unitKeyOf(sql.ref('a.unit_id')));

function titleKey(kind: ActivityKind, i: number, keyed: boolean): RawBuilder<unknown> {
  if (keyed) return sql.ref(`a.${titleKeyColumns(kind)[i]!}`);
  return viKey(shownText(kind, activityField(kind, ACTIVITY_KIND_INFO[kind].title.fields[i] as string)));
}

function titleKeys(kind: ActivityKind, keyed: boolean): RawBuilder<unknown> {
  return sql.join(titleKeyColumns(kind).map((_, i) => titleKey(kind, i, keyed)));
}

const searchText = (kind: ActivityKind, keyed: boolean): RawBuilder<unknown> =>
  keyed ? sql`a.search_folded` : sql`${sql.raw(FOLD_SQL)}(${ownSearchText(kind)})`;

/**
 * The record's own text a search looks in (activities.service.ts `searcher`): the free texts and the
 * enums' labels, joined by spaces; stored folded as `search_folded` (activities.keys.ts).
 */
export function ownSearchText(kind: ActivityKind): RawBuilder<string> {
  const parts: RawBuilder<string>[] = [];
  for (const f of ACTIVITY_FIELDS[kind]) {
    if (f.type === 'text' || f.type === 'longtext') parts.push(sql<string>`ifnull(${col(f.key)}, '')`);
    else if (f.type === 'enum' && f.options)
      parts.push(
        sql<string>`CASE ${col(f.key)} ${sql.join(
          Object.entries(f.options).map(([v, label]) => sql`WHEN ${v} THEN ${label}`),
          sql` `,
        )} ELSE '' END`,
      );
  }
  return sql<string>`(${sql.join(parts, sql` || ' ' || `)})`;
}

/**
 * One folded search word against a record: in its own stored text, or in its unit's, organisation's
 * or team's name. Words never hold a space, so a word occurs in the texts joined by spaces (what the
 * search looked in) exactly when it occurs in one of them.
 * - `whole` (the count and totals, every row of the list): the names holding the word are found once
 *   per query (uncorrelated IN lists over units, organisations, teams), no row looks a name up.
 * - a page (which stops after its rows, walking the list index): a row's names are looked up only
 *   when its own text lacks the word (the fold of a name is memoised per connection), so the first
 *   page does not pay for matching every name of the province.
 */
function wordCondition(kind: ActivityKind, word: string, whole: boolean, keyed: boolean): RawBuilder<SqlBool> {
  const has = (text: RawBuilder<unknown>) => sql`${sql.raw(HAS_WORDS_SQL)}(${text}, ${word})`;
  const name = (table: string, alias: string, column: string) =>
    whole
      ? sql`${sql.ref(`a.${column}`)} IN (SELECT ${sql.ref(`${alias}.id`)} FROM ${sql.table(table)} ${sql.raw(alias)} WHERE ${has(sql.ref(`${alias}.name`))})`
      : has(
          sql`(SELECT ${sql.ref(`${alias}.name`)} FROM ${sql.table(table)} ${sql.raw(alias)} WHERE ${sql.ref(`${alias}.id`)} = ${sql.ref(`a.${column}`)})`,
        );
  const parts: RawBuilder<unknown>[] = [sql`instr(${searchText(kind, keyed)}, ${word}) > 0`, name('units', 'u', 'unit_id')];
  if (ACTIVITY_FIELDS[kind].some((f) => f.type === 'org')) parts.push(name('organizations', 'o', 'organization_id'));
  if (ACTIVITY_FIELDS[kind].some((f) => f.type === 'team')) parts.push(name('mass_orgs', 't', 'team_id'));
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

function placement(kind: ActivityKind): RawBuilder<unknown> {
  return col(ACTIVITY_KIND_INFO[kind].placement);
}

/** The conditions on a record row; the live-row test first so the partial placement index applies. */
function conditions(kind: ActivityKind, q: ActivityPageQuery, whole: boolean, keyed: boolean): Expression<SqlBool> {
  const out: Expression<SqlBool>[] = [sql<SqlBool>`a.deleted_at IS NULL`];
  if (q.from !== null) out.push(sql<SqlBool>`${placement(kind)} >= ${q.from}`);
  if (q.to !== null) out.push(sql<SqlBool>`${placement(kind)} <= ${q.to}`);
  // One parameter whatever the scope's size (a province's subtree can pass SQLite's limit of them).
  if (q.unitIds !== null) out.push(sql<SqlBool>`a.unit_id IN (SELECT value FROM json_each(${JSON.stringify(q.unitIds)}))`);
  if (q.category !== null) out.push(sql<SqlBool>`${col(ACTIVITY_KIND_INFO[kind].category)} = ${q.category}`);
  for (const w of q.words) out.push(wordCondition(kind, w, whole, keyed));
  return sql<SqlBool>`${sql.join(out, sql` AND `)}`;
}

const from = (kind: ActivityKind) => sql`${sql.table(ACTIVITY_TABLES[kind])} AS a`;

/** Fields summed in the totals row (int and money: the sum; yes/no: how many are yes). */
export function totalFields(kind: ActivityKind): FieldSpec[] {
  return ACTIVITY_FIELDS[kind].filter((f) => f.total);
}

export interface ActivityAggregate {
  total: number;
  totals: Record<string, number>;
  /** The record created last (the latest created_at; SQLite takes the bare id from that row). */
  newestId: string | null;
}

/** Size, totals and newest record of the whole filtered list, in one pass. */
export async function aggregateActivities(db: Db, kind: ActivityKind, q: ActivityPageQuery, keyed = true): Promise<ActivityAggregate> {
  const fields = totalFields(kind);
  const sums = fields.map((f, i) =>
    f.type === 'bool' ? sql`sum(${col(f.key)} = 1) AS ${sql.ref(`s${i}`)}` : sql`sum(${col(f.key)}) AS ${sql.ref(`s${i}`)}`,
  );
  const r = await sql<Record<string, number | string | null>>`
    SELECT count(*) AS total, max(a.created_at) AS newest_at, a.id AS newest_id${sql.join(
      sums.map((s) => sql`, ${s}`),
      sql``,
    )}
    FROM ${from(kind)} WHERE ${conditions(kind, q, true, keyed)}`.execute(db);
  const row = r.rows[0]!;
  const totals: Record<string, number> = {};
  fields.forEach((f, i) => (totals[f.key] = Number(row[`s${i}`] ?? 0)));
  const total = Number(row['total'] ?? 0);
  return { total, totals, newestId: total > 0 ? String(row['newest_id']) : null };
}

/**
 * The list's default order: placement date newest first, then the unit's name and the record's title
 * in Vietnamese order, then the id (compareRows in activities.service.ts).
 */
function defaultOrder(kind: ActivityKind, keyed: boolean): RawBuilder<unknown> {
  return sql`${placement(kind)} DESC, ${unitKey(keyed)}, a.unit_id, ${titleKeys(kind, keyed)}, a.id`;
}

/**
 * A column's order as the screen's table sorted it before (DataTable compareValues): numbers and
 * dates by value, yes/no as 1/0, the rest by the text shown in Vietnamese order; empty values last
 * going up and first going down, ties in the default order both ways.
 */
function fieldOrder(kind: ActivityKind, f: FieldSpec, dir: 'asc' | 'desc', keyed: boolean): RawBuilder<unknown> {
  let expr: RawBuilder<unknown>;
  if (f.type === 'int' || f.type === 'money' || f.type === 'year' || f.type === 'date') expr = col(f.key);
  else if (f.type === 'bool') expr = sql`(${col(f.key)} = 1)`;
  else if (f.type === 'unit') expr = unitKey(keyed);
  else if (titleIndex(kind, f.key) >= 0) expr = sql`nullif(${titleKey(kind, titleIndex(kind, f.key), keyed)}, '')`;
  else expr = viKey(sql`nullif(${shownText(kind, f)}, '')`);
  const d = sql.raw(dir === 'desc' ? 'DESC' : 'ASC');
  return sql`(${expr}) IS NULL ${d}, ${expr} ${d}, ${defaultOrder(kind, keyed)}`;
}

/** The position of a field among the kind's title fields (-1: not one); its key is stored. */
const titleIndex = (kind: ActivityKind, key: string): number => (ACTIVITY_KIND_INFO[kind].title.fields as readonly string[]).indexOf(key);

/** Is `key` a field of this kind the list can be ordered by? */
export function isSortKeyOf(kind: ActivityKind, key: string): boolean {
  return key === 'default' || ACTIVITY_FIELDS[kind].some((f) => f.key === key);
}

/** One page of stored rows (every column) in the asked order. */
export async function queryActivityPage(
  db: Db,
  kind: ActivityKind,
  q: ActivityPageQuery,
  page: PageRequest,
  keyed = true,
): Promise<Record<string, string | number | null>[]> {
  const order = page.sort === 'default' ? defaultOrder(kind, keyed) : fieldOrder(kind, activityField(kind, page.sort), page.dir, keyed);
  const r = await sql<Record<string, string | number | null>>`
    SELECT a.* FROM ${from(kind)} WHERE ${conditions(kind, q, false, keyed)}
    ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return r.rows;
}
