/**
 * 0005_mass_orgs: grassroots mass organisations, their kinds, members and yearly ratings.
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * The built-in kinds are inserted here with fixed ids (copied, not imported, from
 * shared/domain/mass-orgs.ts BUILT_IN_KINDS, so this step stays what it was when it shipped).
 */
import { sql, type Kysely } from 'kysely';

const KINDS: readonly [id: string, code: string, name: string, scheme: 'hd01' | 'hieu_qua', sortOrder: number][] = [
  ['9068e308-4a4e-4512-9e34-06939b518384', 'to_bao_ve_antt', 'Tổ bảo vệ an ninh, trật tự', 'hd01', 10],
  ['befd1f95-0b1e-4c73-99d1-ff602725cc50', 'to_tu_quan', 'Tổ tự quản', 'hieu_qua', 20],
  ['303858f0-37c3-42aa-920e-a1cfbefe2aa9', 'to_lien_gia_tu_quan', 'Tổ liên gia tự quản', 'hieu_qua', 30],
  ['ab1f4b15-12a2-45b2-944e-f7c88a8d7d7d', 'to_hoa_giai', 'Tổ hòa giải', 'hieu_qua', 40],
  ['f4587f18-bde5-46b0-ba1e-9b328ab6189f', 'to_an_ninh_nhan_dan', 'Tổ an ninh nhân dân', 'hieu_qua', 50],
  ['def9a7b0-dd07-40b3-af49-5cd4efd5d3ba', 'dong_ho_tu_quan', 'Dòng họ tự quản', 'hieu_qua', 60],
  ['e6ccb10d-e3e8-4ce4-b28e-8ebf3d3f12de', 'cum_lien_ket', 'Cụm liên kết', 'hieu_qua', 70],
  ['39b21a67-a313-4388-8809-2a2400c59107', 'cau_lac_bo', 'Câu lạc bộ', 'hieu_qua', 80],
  ['1312ce25-3892-40ae-9161-4b5b43a7e417', 'doi_dan_phong', 'Đội dân phòng', 'hieu_qua', 90],
  ['6b3da810-372c-4d2e-92a3-d7d1ff6eb554', 'to_lien_gia_an_toan_pccc', 'Tổ liên gia an toàn phòng cháy, chữa cháy', 'hieu_qua', 100],
  ['f84d6ba5-adc9-40bf-9132-1ed946930d74', 'khac', 'Khác', 'hieu_qua', 1000],
];

/** The folded form of the names above (lower case, no diacritics, đ → d), as foldVietnamese gives. */
function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE mass_org_kinds (
      id TEXT PRIMARY KEY NOT NULL,
      -- Set for the kinds shipped with the app, NULL for kinds the office added.
      code TEXT UNIQUE,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL UNIQUE,
      -- hd01: Tổ bảo vệ ANTT, 4 levels per HD01/HD-BCA-V05; hieu_qua: effective / not effective.
      rating_scheme TEXT NOT NULL CHECK (rating_scheme IN ('hd01', 'hieu_qua')),
      built_in INTEGER NOT NULL CHECK (built_in IN (0, 1)),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      sort_order INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (built_in = 1 OR rating_scheme = 'hieu_qua')
    ) STRICT`.execute(db);

  for (const [id, code, name, scheme, sortOrder] of KINDS) {
    await sql`
      INSERT INTO mass_org_kinds (id, code, name, name_folded, rating_scheme, built_in, active, sort_order, created_at, updated_at)
      VALUES (${id}, ${code}, ${name}, ${fold(name)}, ${scheme}, 1, 1, ${sortOrder},
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`.execute(db);
  }

  await sql`
    CREATE TABLE mass_orgs (
      id TEXT PRIMARY KEY NOT NULL,
      kind_id TEXT NOT NULL REFERENCES mass_org_kinds(id),
      -- The unit of the office tree the organisation belongs to (usually a khu dân cư or a xã).
      unit_id TEXT NOT NULL REFERENCES units(id),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL,
      -- The founding decision (quyết định thành lập): issuer, number, date; any may be unknown.
      decision_issuer TEXT,
      decision_number TEXT,
      decision_date TEXT,
      valid_from TEXT NOT NULL,
      valid_to TEXT,
      end_reason TEXT,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- Tombstone: a deletion must reach the province with the next snapshot.
      deleted_at TEXT,
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK ((valid_to IS NULL) = (end_reason IS NULL))
    ) STRICT`.execute(db);
  // Natural key: one name per kind inside one unit (compared without diacritics or case).
  await sql`
    CREATE UNIQUE INDEX mass_orgs_natural_key
      ON mass_orgs(unit_id, kind_id, name_folded) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX mass_orgs_kind ON mass_orgs(kind_id)`.execute(db);

  await sql`
    CREATE TABLE mass_org_ratings (
      id TEXT PRIMARY KEY NOT NULL,
      mass_org_id TEXT NOT NULL REFERENCES mass_orgs(id),
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      -- Either a level, or "không xếp loại" with its reason (Tổ bảo vệ ANTT only).
      level TEXT CHECK (level IN ('hoan_thanh_xuat_sac', 'hoan_thanh_tot', 'hoan_thanh', 'khong_hoan_thanh', 'hieu_qua', 'chua_hieu_qua')),
      not_rated_reason TEXT CHECK (not_rated_reason IN ('chua_du_9_thang', 'khieu_nai_to_cao', 'khac')),
      reason_note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- A removed rating keeps its row (and id) so the province learns of the removal.
      deleted_at TEXT,
      CHECK ((level IS NULL) <> (not_rated_reason IS NULL)),
      UNIQUE (mass_org_id, year)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX mass_org_ratings_year ON mass_org_ratings(year, level)`.execute(db);

  await sql`
    CREATE TABLE mass_org_members (
      id TEXT PRIMARY KEY NOT NULL,
      mass_org_id TEXT NOT NULL REFERENCES mass_orgs(id),
      -- PERSONAL DATA (Nghị định 13/2023/NĐ-CP): full_name, full_name_folded, full_name_sort,
      -- gender, birth_year, ethnicity, phone identify a person. They are listed in
      -- PERSONAL_MEMBER_FIELDS (shared/domain/mass-orgs.ts) so that exports can leave them out;
      -- lists show the phone masked, only the member's own edit form shows it whole.
      full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
      full_name_folded TEXT NOT NULL,
      full_name_sort TEXT NOT NULL,
      gender TEXT NOT NULL CHECK (gender IN ('nam', 'nu')),
      birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
      ethnicity TEXT,
      phone TEXT CHECK (phone IS NULL OR (length(phone) BETWEEN 10 AND 11 AND phone NOT GLOB '*[^0-9]*')),
      -- End of personal data.
      role TEXT NOT NULL CHECK (role IN ('to_truong', 'to_pho', 'to_vien', 'khac')),
      joined_on TEXT NOT NULL,
      left_on TEXT,
      left_reason TEXT,
      -- 1 when the membership ended because the organisation ended (reopening restores it).
      left_with_org INTEGER NOT NULL DEFAULT 0 CHECK (left_with_org IN (0, 1)),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (left_on IS NULL OR left_on >= joined_on),
      CHECK (left_on IS NOT NULL OR left_with_org = 0)
    ) STRICT`.execute(db);
  // Natural key inside one organisation: the person's name and birth year.
  await sql`
    CREATE UNIQUE INDEX mass_org_members_natural_key
      ON mass_org_members(mass_org_id, full_name_folded, ifnull(birth_year, 0)) WHERE deleted_at IS NULL`.execute(db);
  // The office-wide list reads members in name order straight from this index.
  await sql`CREATE INDEX mass_org_members_sort ON mass_org_members(full_name_sort, id)`.execute(db);

  await sql`
    CREATE TABLE mass_org_member_ratings (
      id TEXT PRIMARY KEY NOT NULL,
      member_id TEXT NOT NULL REFERENCES mass_org_members(id),
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      level TEXT CHECK (level IN ('hoan_thanh_xuat_sac', 'hoan_thanh_tot', 'hoan_thanh', 'khong_hoan_thanh')),
      not_rated_reason TEXT CHECK (not_rated_reason IN ('chua_du_9_thang', 'khieu_nai_to_cao', 'khac')),
      reason_note TEXT,
      -- A tổ phó in charge of the team in place of the tổ trưởng (the leader rule applies).
      acting_leader INTEGER NOT NULL DEFAULT 0 CHECK (acting_leader IN (0, 1)),
      -- HD01's exception to the leader rule: newly transferred, stated on this rating.
      newly_transferred INTEGER NOT NULL DEFAULT 0 CHECK (newly_transferred IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK ((level IS NULL) <> (not_rated_reason IS NULL)),
      UNIQUE (member_id, year)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX mass_org_member_ratings_year ON mass_org_member_ratings(year, level)`.execute(db);
}
