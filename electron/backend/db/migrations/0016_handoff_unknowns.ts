/**
 * 0016_handoff_unknowns (issue 12, loose ends). Frozen once shipped; never edit a migration that has
 * shipped, add a new one.
 *
 * - mass_org_members.full_name, full_name_folded, full_name_sort, gender and awards.recipient_name
 *   may be NULL. NULL means "not known here": at the province, the value of a personal column the
 *   office's file left out (the province's policy did not ask for it). Before, the province stored
 *   a stand-in ("nam" for a gender), which every count then took for a fact. The CHECKs stay (they
 *   pass on NULL), so a value that is there is still checked; an office's own forms still require
 *   every one of these fields.
 * - handoff_received: `status` may be 'replay' (a file accepted before, presented again: logged
 *   once, not counted as refused), and `sha256` may be NULL for a refused file that was never read
 *   (too large, unreadable, gone before it was read), so it is logged like every other refusal.
 *
 * SQLite cannot drop a NOT NULL or change a CHECK in place: each table is rebuilt (SQLite's
 * "12 steps"): a new table with the changed definition, every row copied by column name, the old
 * table dropped, the new one renamed, its indexes created again. The runner turns foreign keys off
 * for this step (migrations/index.ts `foreignKeysOff`: dropping a parent table with them on would
 * delete-check every child row) and runs PRAGMA foreign_key_check before it commits. No triggers
 * or views exist on these tables.
 */
import { sql, type Kysely } from 'kysely';

/** Copies every row by column name from `table` into `<table>_0016`, then puts the new table in its place. */
async function swap(db: Kysely<any>, table: string, columns: readonly string[]): Promise<void> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`INSERT INTO ${sql.table(`${table}_0016`)} (${list}) SELECT ${list} FROM ${sql.table(table)}`.execute(db);
  await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  await sql`ALTER TABLE ${sql.table(`${table}_0016`)} RENAME TO ${sql.table(table)}`.execute(db);
}

const MEMBER_COLUMNS = [
  'id',
  'mass_org_id',
  'full_name',
  'full_name_folded',
  'full_name_sort',
  'gender',
  'birth_year',
  'ethnicity',
  'phone',
  'role',
  'joined_on',
  'left_on',
  'left_reason',
  'left_with_org',
  'note',
  'created_at',
  'updated_at',
  'deleted_at',
];

async function members(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE mass_org_members_0016 (
      id TEXT PRIMARY KEY NOT NULL,
      mass_org_id TEXT NOT NULL REFERENCES mass_orgs(id),
      -- PERSONAL DATA (Nghị định 13/2023/NĐ-CP): full_name, full_name_folded, full_name_sort,
      -- gender, birth_year, ethnicity, phone identify a person (PERSONAL_MEMBER_FIELDS). NULL: not
      -- known here (at the province, a column the office's file left out); the forms require them.
      full_name TEXT CHECK (length(trim(full_name)) > 0),
      full_name_folded TEXT,
      full_name_sort TEXT,
      gender TEXT CHECK (gender IN ('nam', 'nu')),
      birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
      ethnicity TEXT,
      phone TEXT CHECK (phone IS NULL OR (length(phone) BETWEEN 10 AND 11 AND phone NOT GLOB '*[^0-9]*')),
      -- End of personal data.
      role TEXT NOT NULL CHECK (role IN ('to_truong', 'to_pho', 'to_vien', 'khac')),
      joined_on TEXT NOT NULL,
      left_on TEXT,
      left_reason TEXT,
      left_with_org INTEGER NOT NULL DEFAULT 0 CHECK (left_with_org IN (0, 1)),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (left_on IS NULL OR left_on >= joined_on),
      CHECK (left_on IS NOT NULL OR left_with_org = 0),
      -- The three name columns are known together or not at all.
      CHECK ((full_name IS NULL) = (full_name_folded IS NULL) AND (full_name IS NULL) = (full_name_sort IS NULL))
    ) STRICT`.execute(db);
  await swap(db, 'mass_org_members', MEMBER_COLUMNS);
  // A member whose name is not known (NULL) never clashes with another: NULLs are distinct in a unique index.
  await sql`
    CREATE UNIQUE INDEX mass_org_members_natural_key
      ON mass_org_members(mass_org_id, full_name_folded, ifnull(birth_year, 0)) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX mass_org_members_sort ON mass_org_members(full_name_sort, id)`.execute(db);
}

const AWARD_COLUMNS = [
  'id',
  'year',
  'unit_id',
  'recipient',
  'recipient_name',
  'organization_id',
  'form',
  'issuer',
  'decision_number',
  'decision_date',
  'occasion',
  'note',
  'created_at',
  'updated_at',
  'deleted_at',
];

async function awards(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE awards_0016 (
      id TEXT PRIMARY KEY NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      unit_id TEXT NOT NULL REFERENCES units(id),
      recipient TEXT NOT NULL CHECK (recipient IN ('tap_the', 'ca_nhan')),
      -- PERSONAL DATA. NULL: not known here (at the province, left out of the office's file).
      recipient_name TEXT CHECK (length(trim(recipient_name)) > 0),
      organization_id TEXT REFERENCES organizations(id),
      form TEXT NOT NULL CHECK (form IN ('bang_khen_bo_truong', 'bang_khen_ubnd_tinh', 'giay_khen_giam_doc_ca_tinh',
        'giay_khen_ubnd_huyen', 'giay_khen_ubnd_xa', 'ky_niem_chuong', 'co_thi_dua', 'khac')),
      issuer TEXT NOT NULL,
      decision_number TEXT,
      decision_date TEXT CHECK (decision_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      occasion TEXT,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await swap(db, 'awards', AWARD_COLUMNS);
  await sql`CREATE INDEX awards_unit_year ON awards(unit_id, year)`.execute(db);
  await sql`CREATE INDEX awards_year ON awards(year)`.execute(db);
  await sql`CREATE INDEX awards_deleted ON awards(deleted_at)`.execute(db);
  await sql`CREATE INDEX awards_organization ON awards(organization_id) WHERE organization_id IS NOT NULL`.execute(db);
}

const RECEIVED_COLUMNS = [
  'id',
  'peer_id',
  'office_code',
  'year',
  'sequence',
  'file_name',
  'sha256',
  'bytes',
  'status',
  'reason_code',
  'reason',
  'file',
  'summary_json',
  'received_at',
  'applied_at',
  'receipt_written_at',
];

async function received(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE handoff_received_0016 (
      id TEXT PRIMARY KEY NOT NULL,
      peer_id TEXT REFERENCES handoff_peers(id),
      office_code TEXT,
      year INTEGER,
      sequence INTEGER,
      file_name TEXT NOT NULL,
      -- NULL only for a refused file that was never read (too large, unreadable).
      sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      status TEXT NOT NULL CHECK (status IN ('applied', 'superseded', 'refused', 'replay')),
      reason_code TEXT,
      reason TEXT,
      file BLOB,
      summary_json TEXT,
      received_at TEXT NOT NULL,
      applied_at TEXT,
      receipt_written_at TEXT,
      CHECK (status IN ('refused', 'replay') OR (peer_id IS NOT NULL AND file IS NOT NULL AND sequence IS NOT NULL)),
      CHECK (status = 'refused' OR sha256 IS NOT NULL)
    ) STRICT`.execute(db);
  await swap(db, 'handoff_received', RECEIVED_COLUMNS);
  await sql`CREATE INDEX handoff_received_peer ON handoff_received(peer_id, sequence)`.execute(db);
  await sql`CREATE INDEX handoff_received_sha ON handoff_received(sha256)`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await members(db);
  await awards(db);
  await received(db);
}
