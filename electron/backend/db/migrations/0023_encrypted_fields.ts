/**
 * 0023_encrypted_fields (issue 15 item 2). Frozen once shipped; never edit a migration that has
 * shipped, add a new one.
 *
 * mass_org_members.phone now holds the phone sealed under the office's data key ("enc1:" + base64,
 * electron/backend/keys/field-cipher.ts), so its CHECK (10 or 11 digits) would refuse every write.
 * The new CHECK takes a sealed value, or a plaintext number of the old form: an upgraded file holds
 * those until the first set-up seals them (keys/seal-existing.ts); the app itself never writes one.
 * The digits are still checked by the forms and the import before sealing.
 *
 * tip_informants has no CHECK on its columns and needs no change.
 *
 * The table is rebuilt as 0016 did (SQLite's "12 steps"), with foreign keys off for the step
 * (migrations/index.ts `foreignKeysOff`) and PRAGMA foreign_key_check before the commit.
 */
import { sql, type Kysely } from 'kysely';

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

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE mass_org_members_0020 (
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
      -- ENCRYPTED AT REST: sealed under the data key, bound to this row's id (or, in a file not yet
      -- sealed after an upgrade, the old plaintext number).
      phone TEXT CHECK (phone IS NULL OR phone GLOB 'enc1:?*'
        OR (length(phone) BETWEEN 10 AND 11 AND phone NOT GLOB '*[^0-9]*')),
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
  const list = sql.join(MEMBER_COLUMNS.map((c) => sql.ref(c)));
  await sql`INSERT INTO mass_org_members_0020 (${list}) SELECT ${list} FROM mass_org_members`.execute(db);
  await sql`DROP TABLE mass_org_members`.execute(db);
  await sql`ALTER TABLE mass_org_members_0020 RENAME TO mass_org_members`.execute(db);
  await sql`
    CREATE UNIQUE INDEX mass_org_members_natural_key
      ON mass_org_members(mass_org_id, full_name_folded, ifnull(birth_year, 0)) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX mass_org_members_sort ON mass_org_members(full_name_sort, id)`.execute(db);
  // The paged list's covering index (0020_list_search) went with the old table: the same one again.
  await sql`
    CREATE INDEX mass_org_members_list ON mass_org_members
      (full_name_sort, id, mass_org_id, gender, birth_year, role, joined_on, left_on, full_name_folded)
      WHERE deleted_at IS NULL`.execute(db);
}
