/**
 * The period figures' reading of the activity tables (issue 16): one GROUP BY per kind and slice of
 * years over the columns the figures read (shared/domain/period/grouping.ts COUNTED_FIELDS), each
 * unit folded into its class (the breakdown group and scope it belongs to, passed as JSON and joined
 * through a materialised table), so SQLite returns a few hundred groups instead of every record. The
 * domain's adders then add each group as the sum of its records (figuresAccumulator.addCounted).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './units.repo';
import { columnsOf, placedActivityRows, type StoredActivity } from './activities.repo';
import {
  ACTIVITY_KIND_INFO,
  placedByYear,
  placementBound,
  type ActivityKind,
  type ActivityRecords,
} from '../../../shared/domain/activities';
import { COUNTED_FIELDS } from '../../../shared/domain/period/grouping';
import type { DatePeriod } from '../../../shared/domain/period/periods';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { HostTurns } from '../jobs/jobs';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One group of records: how many, in which period(s), the unit class, and the record they sum to. */
export interface CountedGroup<K extends ActivityKind> {
  /** The unit class's index in the JSON passed in; a unit missing from it: its id, as a string. */
  unitClass: number | string;
  current: boolean;
  previous: boolean;
  n: number;
  /** The key fields' values and the sums' totals, under the record's field names. */
  record: ActivityRecords[K];
}

interface Shape {
  text: string;
  fields: { field: string; bool: boolean }[];
}

const shapes = new Map<string, Shape>();

/**
 * The SELECT list and GROUP BY of a kind (fixed per kind: identifiers from COUNTED_FIELDS only).
 * `byYear`: also grouped by the calendar year of the placement (column `cy`, the year as text), so
 * one statement answers several year slices at once (countedGroupsByYear).
 */
function shapeOf(kind: ActivityKind, byYear = false): Shape {
  const known = shapes.get(`${kind}|${byYear}`);
  if (known) return known;
  const spec = COUNTED_FIELDS[kind] as {
    keys: readonly { field: string; only?: { field: string; whenNull: boolean } }[];
    sums: readonly string[];
  };
  const bools = new Set(
    columnsOf(kind)
      .filter((c) => c.bool)
      .map((c) => c.field),
  );
  const keys = spec.keys.map((k) => {
    const col = `t."${snake(k.field)}"`;
    return k.only ? `CASE WHEN t."${snake(k.only.field)}" IS ${k.only.whenNull ? '' : 'NOT '}NULL THEN ${col} END` : col;
  });
  const sums = spec.sums.map((f) => `sum(t."${snake(f)}")`);
  // Columns 1–4 are the class, the two period flags and the count; then keys, then sums (then the year).
  const placement = snake(ACTIVITY_KIND_INFO[kind].placement);
  // Awards are placed by an integer year; the other kinds by an ISO date ('YYYY-MM-DD').
  const year = placement === 'year' ? `CAST(t."year" AS TEXT)` : `substr(t."${placement}", 1, 4)`;
  const groupBy = [1, 2, 3, ...keys.map((_, i) => 5 + i)].join(', ') + (byYear ? ', cy' : '');
  const text =
    `SELECT coalesce(g.cls, '~' || t.unit_id) AS c0, (t."@" BETWEEN ? AND ?) AS c1, (t."@" BETWEEN ? AND ?) AS c2, count(*) AS c3` +
    [...keys, ...sums].map((e, i) => `, ${e} AS c${4 + i}`).join('') +
    (byYear ? `, ${year} AS cy` : '') +
    ` FROM "${ACTIVITY_TABLES[kind]}" t LEFT JOIN g ON g.unit_id = t.unit_id` +
    ` WHERE t.deleted_at IS NULL AND t."@" >= ? AND t."@" <= ? GROUP BY ${groupBy}`;
  const shape = {
    text: text.replaceAll('"@"', `"${placement}"`),
    fields: [...spec.keys.map((k) => ({ field: k.field, bool: bools.has(k.field) })), ...spec.sums.map((f) => ({ field: f, bool: false }))],
  };
  shapes.set(`${kind}|${byYear}`, shape);
  return shape;
}

/** The statement of countedGroups as SQL text with its parameters (EXPLAIN QUERY PLAN in the decisions, tests). */
export function countedGroupsQuery(
  kind: ActivityKind,
  at: { slice: DatePeriod; period: DatePeriod; previous: DatePeriod; unitClasses: string },
  byYear = false,
): RawBuilder<Record<string, number | string | null>> {
  const b = (iso: string, end: 'from' | 'to') => placementBound(kind, iso, end);
  const params = [
    b(at.period.from, 'from'),
    b(at.period.to, 'to'),
    b(at.previous.from, 'from'),
    b(at.previous.to, 'to'),
    b(at.slice.from, 'from'),
    b(at.slice.to, 'to'),
  ];
  const parts = shapeOf(kind, byYear).text.split('?');
  const body = sql.join(
    parts.map((p, i) => (i < params.length ? sql`${sql.raw(p)}${params[i]}` : sql.raw(p))),
    sql.raw(''),
  );
  return sql`WITH g(unit_id, cls) AS MATERIALIZED (SELECT key, value FROM json_each(${at.unitClasses})) ${body}`;
}

/**
 * The live records of one kind placed in `slice` (inside previous ∪ period), grouped by unit class,
 * period and COUNTED_FIELDS. `unitClasses`: JSON object unit id → class index.
 */
export async function countedGroups<K extends ActivityKind>(
  db: Db,
  kind: K,
  at: { slice: DatePeriod; period: DatePeriod; previous: DatePeriod; unitClasses: string },
): Promise<CountedGroup<K>[]> {
  const { rows } = await countedGroupsQuery(kind, at).execute(db);
  const { fields } = shapeOf(kind);
  return rows.map((row) => groupOf<K>(fields, row));
}

/**
 * countedGroups of several year slices in one statement: the records placed in `at.slice` (the span
 * from the first slice's start to the last one's end, inside previous ∪ period), grouped as
 * countedGroups groups them and by calendar year too. Returns each year's groups ('2026' → groups);
 * a year's groups are exactly what countedGroups gives for the slice of that year within the span
 * (the year is one more group key; the period flags are computed per record either way).
 */
export async function countedGroupsByYear<K extends ActivityKind>(
  db: Db,
  kind: K,
  at: { slice: DatePeriod; period: DatePeriod; previous: DatePeriod; unitClasses: string },
): Promise<Map<string, CountedGroup<K>[]>> {
  const { fields } = shapeOf(kind);
  const out = new Map<string, CountedGroup<K>[]>();
  // Ten years of tips at 2 M rows are ~250 ms of groups for the host: taken in turns (issue 16 item 3).
  const turns = new HostTurns();
  for (const span of spansOf(db, kind, at.slice)) {
    const { rows } = await countedGroupsQuery(kind, { ...at, slice: span }, true).execute(db);
    for (const row of rows) {
      if (turns.due()) await turns.take();
      const year = String(row['cy']);
      let list = out.get(year);
      if (!list) out.set(year, (list = []));
      list.push(groupOf<K>(fields, row));
    }
  }
  return out;
}

/** Groups read on a transaction: how many statements countedGroupsByYear ran, and over how many spans (tests). */
export const groupedOnTransaction = { statements: 0 };

/**
 * The spans countedGroupsByYear reads with one statement each. On a transaction (the hand-off's dry
 * run counting the rows it landed, on the long-write connection: a statement there runs on the
 * host's thread) a kind placed by date is read month by month, so no one statement holds the host
 * (one GROUP BY of two years at 2 M rows: ~700 ms; docs/decisions.md (h18-blocks), "Left"). The long
 * write pauses between statements (db/long-write.ts). The figures do not change: a month's groups
 * are groups of the same year, and the adders add a group as the sum of its records, so a group
 * split across months adds up to the same figures (figuresAccumulator.addCounted). Elsewhere (the
 * read-only worker, the app's connection) one statement reads the whole span.
 */
function spansOf(db: Db, kind: ActivityKind, span: DatePeriod): DatePeriod[] {
  if (!db.isTransaction || placedByYear(kind)) return [span];
  const out: DatePeriod[] = [];
  let from = span.from;
  while (from <= span.to) {
    const [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    out.push({ from, to: last < span.to ? last : span.to });
    from = next;
  }
  groupedOnTransaction.statements += out.length;
  return out;
}

function groupOf<K extends ActivityKind>(fields: Shape['fields'], row: Record<string, number | string | null>): CountedGroup<K> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = row[`c${4 + i}`] ?? null;
    record[f.field] = f.bool ? v === 1 : v;
  }
  return {
    unitClass: row['c0'] as number | string,
    current: row['c1'] === 1,
    previous: row['c2'] === 1,
    n: Number(row['c3']),
    // The key fields and sums are the record's own columns (COUNTED_FIELDS names record fields).
    record: record as unknown as ActivityRecords[K],
  };
}

/** The excused incidents placed in the slice (the period page lists each with who confirmed it). */
export async function excusedIncidents(db: Db, slice: DatePeriod): Promise<StoredActivity<'incidents'>[]> {
  // On a transaction (the hand-off's dry run) month by month, like the groups (spansOf): one read of
  // two years of incidents held the host 725 ms of wall at 2 M records (docs/decisions-h21-io.md).
  // The rows are in no particular order either way (placedActivityRows).
  const out: StoredActivity<'incidents'>[] = [];
  for (const span of spansOf(db, 'incidents', slice))
    out.push(...(await placedActivityRows(db, 'incidents', span.from, span.to, { excusedOnly: true })));
  return out;
}
