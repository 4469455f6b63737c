/**
 * The SQL form of "is this row valid in this period" (electron/backend/repos/validity.sql.ts) gives
 * the same answers as the shared one (shared/lib/validity.ts) on a table of cases: boundaries, open
 * ends, null dates, one-day rows.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Expression, type SqlBool } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  notEndedBeforeSql,
  startedBySql,
  validDuringSql,
  validInYearSql,
  validOnSql,
  type ValidityColumns,
} from '../../../electron/backend/repos/validity.sql';
import { notEndedBefore, startedBy, validDuring, validInYear, validOn, type Validity } from '../../../shared/lib/validity';

interface DatedTable {
  id: number;
  valid_from: string | null;
  valid_to: string | null;
}

const ROWS: Validity[] = [
  { validFrom: null, validTo: null },
  { validFrom: '2025-07-01', validTo: null },
  { validFrom: null, validTo: '2025-06-30' },
  { validFrom: '2025-01-01', validTo: '2025-12-31' },
  { validFrom: '2025-07-01', validTo: '2025-07-01' },
  { validFrom: '2024-12-31', validTo: '2025-01-01' },
  { validFrom: '2026-01-01', validTo: null },
  { validFrom: null, validTo: '2024-12-31' },
  { validFrom: '2023-03-15', validTo: '2027-09-30' },
];
const PERIODS: [string, string][] = [
  ['2025-01-01', '2025-12-31'],
  ['2025-01-01', '2025-06-30'],
  ['2025-06-30', '2025-06-30'],
  ['2025-07-01', '2025-07-01'],
  ['2025-07-02', '2025-12-31'],
  ['2024-12-31', '2024-12-31'],
  ['2026-01-01', '2026-12-31'],
  ['1990-01-01', '1990-01-01'],
];
const DAYS = ['2024-12-31', '2025-01-01', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-01'];
const COLS: ValidityColumns = { from: 'valid_from', to: 'valid_to' };

const sqlite = new Database(':memory:');
const db = new Kysely<{ dated: DatedTable }>({ dialect: new SqliteDialect({ database: sqlite }) });
sqlite.exec('CREATE TABLE dated (id INTEGER PRIMARY KEY, valid_from TEXT, valid_to TEXT)');
const insert = sqlite.prepare('INSERT INTO dated (id, valid_from, valid_to) VALUES (?, ?, ?)');
ROWS.forEach((r, i) => insert.run(i, r.validFrom, r.validTo));
afterAll(() => db.destroy());

/** The ids of the rows the SQL condition keeps. */
async function kept(condition: Expression<SqlBool>): Promise<number[]> {
  const rows = await db.selectFrom('dated').select('id').where(condition).orderBy('id').execute();
  return rows.map((r) => r.id);
}
/** The ids of the rows the shared test keeps. */
function expected(test: (v: Validity) => boolean): number[] {
  return ROWS.flatMap((r, i) => (test(r) ? [i] : []));
}

describe('validity.sql.ts agrees with shared/lib/validity.ts', () => {
  it('valid during a period: every row against every period', async () => {
    for (const [from, to] of PERIODS) {
      expect(await kept(validDuringSql(COLS, from, to)), `${from}..${to}`).toEqual(expected((v) => validDuring(v, from, to)));
    }
  });

  it('valid on a day, begun by a day, not ended before a day', async () => {
    for (const day of DAYS) {
      expect(await kept(validOnSql(COLS, day)), day).toEqual(expected((v) => validOn(v, day)));
      expect(await kept(startedBySql(COLS.from, day)), day).toEqual(expected((v) => startedBy(v, day)));
      expect(await kept(notEndedBeforeSql(COLS.to, day)), day).toEqual(expected((v) => notEndedBefore(v, day)));
    }
  });

  it('valid in a calendar year, and the negation used for "ended" lists', async () => {
    for (const year of [2024, 2025, 2026]) {
      expect(await kept(validInYearSql(COLS, year)), String(year)).toEqual(expected((v) => validInYear(v, year)));
    }
    const ended = await kept(sql<SqlBool>`NOT ${notEndedBeforeSql(COLS.to, '2025-07-01')}`);
    expect(ended).toEqual(expected((v) => !notEndedBefore(v, '2025-07-01')));
  });

  it('the table has rows on both sides of each answer (the test can fail)', () => {
    const answers = PERIODS.map(([from, to]) => expected((v) => validDuring(v, from, to)).length);
    expect(Math.min(...answers)).toBeLessThan(ROWS.length);
    expect(Math.max(...answers)).toBeGreaterThan(0);
  });
});
