/**
 * The activity lists' stored keys (migration 0025): the unit's and the title's Vietnamese sort keys
 * and the folded search text of each record, and the units' sort keys. The page query
 * (activities.page.ts) orders and searches by these columns, so a deep page is an index walk and a
 * search folds no text.
 *
 * Who keeps them:
 * - `insertActivities` (save, saveMany, Excel import) writes them with the row (`newRowKeys`).
 * - Everything else (an edit, a hand-off apply's generic rows, a unit created or renamed, rows
 *   written by another program) leaves or marks them NULL — the triggers of 0025 mark them on any
 *   change of a column they are made of — and `fillListKeys` computes what is marked, before every
 *   commit (the transaction hook, on both connections) and once after opening (the backfill).
 *   A unit's new key is copied to its records by a trigger, so a rename re-sorts the lists.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql, type RawBuilder } from 'kysely';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KIND_INFO,
  ACTIVITY_KINDS,
  activityField,
  type ActivityKind,
  type FieldSpec,
} from '../../../shared/domain/activities';
import { OWNERSHIP_TEXTS } from '../../../shared/domain/ownership';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../shared/lib/text';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { FOLD_SQL, VI_SORT_KEY_SQL } from '../db/open';
import type { TransactionHooks } from '../db/open';
import { DELETED_UNIT_NAME, ownSearchText, shownText, titleKeyColumns } from './activities.page';

// ---------------------------------------------------------------------------------------------
// Computed in JavaScript for a new row (the same texts the SQL below builds)

/** A stored text or enum value as text ('' for none; these fields hold strings). */
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What the list shows for a text or enum title field of a stored value (shownText in SQL). */
function shownValue(f: FieldSpec, v: unknown): string {
  if (f.type === 'enum') return v === null || v === undefined ? '' : (f.options?.[str(v)] ?? str(v));
  if (v === null || v === undefined) return f.required ? OWNERSHIP_TEXTS.unknown : '';
  return str(v);
}

/** The keys of a new record (its field values as stored), but sort_unit (read from its unit in SQL). */
export function newRowKeys(kind: ActivityKind, record: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  const { fields } = ACTIVITY_KIND_INFO[kind].title;
  titleKeyColumns(kind).forEach((c, i) => {
    const key = fields[i] as string;
    out[c] = vietnameseSortKey(shownValue(activityField(kind, key), record[key]));
  });
  const parts: string[] = [];
  for (const f of ACTIVITY_FIELDS[kind]) {
    const v = record[f.key];
    if (f.type === 'text' || f.type === 'longtext') parts.push(str(v));
    else if (f.type === 'enum' && f.options) parts.push(v === null || v === undefined ? '' : (f.options[str(v)] ?? ''));
  }
  out['search_folded'] = foldVietnamese(parts.join(' '));
  return out;
}

/** A unit's key as SQL, for a record's `unit_id` (a unit not computed yet is keyed by its name now). */
export const unitKeyOf = (unitId: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`ifnull((SELECT ifnull(u.sort_key, ${sql.raw(VI_SORT_KEY_SQL)}(u.name)) FROM units u WHERE u.id = ${unitId}), ${sql.raw(
    VI_SORT_KEY_SQL,
  )}(${DELETED_UNIT_NAME}))`;

// ---------------------------------------------------------------------------------------------
// Computed in SQL for the rows marked

const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

function fillStatements(): Statement[] {
  const out: Statement[] = [{ sql: `UPDATE units SET sort_key = ${VI_SORT_KEY_SQL}(name) WHERE sort_key IS NULL`, parameters: [] }];
  for (const kind of ACTIVITY_KINDS) {
    const { fields } = ACTIVITY_KIND_INFO[kind].title;
    const titles = titleKeyColumns(kind).map(
      (c, i) => sql`${sql.id(c)} = ${sql.raw(VI_SORT_KEY_SQL)}(${shownText(kind, activityField(kind, fields[i] as string))})`,
    );
    const q = sql`
      UPDATE ${sql.table(ACTIVITY_TABLES[kind])} AS a
      SET sort_unit = ${unitKeyOf(sql.ref('a.unit_id'))}, ${sql.join(titles)},
          search_folded = ${sql.raw(FOLD_SQL)}(${ownSearchText(kind)})
      WHERE a.sort_title IS NULL`.compile(compiler);
    out.push({ sql: q.sql, parameters: q.parameters });
  }
  return out;
}

let statements: Statement[] | null = null;
const prepared = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement[]>();

/** Computes every key marked NULL (units first: their new keys are copied to their records). Rows changed. */
export function fillListKeys(raw: BetterSqlite3.Database): number {
  statements ??= fillStatements();
  let stmts = prepared.get(raw);
  if (!stmts) prepared.set(raw, (stmts = statements.map((s) => raw.prepare(s.sql))));
  let changed = 0;
  stmts.forEach((stmt, i) => (changed += stmt.run(statements![i]!.parameters).changes));
  return changed;
}

/** Runs fillListKeys before every commit of this connection, ahead of what the hook did already (the audit). */
export function installListKeys(conn: { raw: BetterSqlite3.Database; hooks: TransactionHooks }): void {
  const next = conn.hooks.beforeCommit;
  conn.hooks.beforeCommit = () => {
    fillListKeys(conn.raw);
    next?.();
  };
}

/** After opening (and migrating): the keys no commit computed yet, in a transaction of their own. */
export function backfillListKeys(raw: BetterSqlite3.Database): number {
  raw.exec('BEGIN IMMEDIATE');
  try {
    const changed = fillListKeys(raw);
    raw.exec('COMMIT');
    return changed;
  } catch (err) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw err;
  }
}
