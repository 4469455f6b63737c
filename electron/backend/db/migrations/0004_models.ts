/**
 * 0004_models: model types (with the starter catalogue), models, their status log, yearly ratings,
 * exemplar recognitions, and sites. Frozen once shipped; never edit a migration that has shipped,
 * add a new one.
 */
import { sql, type Kysely } from 'kysely';

/**
 * The starter catalogue of model types, taken from the kinds offices report (domain.md §4.3 and the
 * district reports of Sa Pa and Gia Viễn), named in our own words. The ids are fixed so that every
 * office shares them and the province can add up figures by type. Kept here literally (not imported)
 * because a migration must not change when the app's code does.
 */
const STARTER_TYPES: readonly (readonly [id: string, name: string, group: string])[] = [
  ['7754e074-b76c-4565-b382-7cc9b609b664', 'Khu dân cư tự quản về an ninh, trật tự', 'tu_quan'],
  ['901aed40-ef2e-490a-8965-1bdff2a4bced', 'Thôn, tổ dân phố an toàn về an ninh, trật tự', 'tu_quan'],
  ['52c1dbb3-4666-4ff4-a9b0-f3dec71b38f3', 'Nhóm hộ tự quản về an ninh, trật tự và vệ sinh môi trường', 'tu_quan'],
  ['3d79b769-b0a9-4c68-b20a-e73542416cbc', 'Camera giám sát an ninh, trật tự', 'camera_an_ninh'],
  ['2e2cc829-3a39-4107-bf74-606a3a2c0b4a', 'Xã, khu dân cư không có tệ nạn ma túy', 'phong_chong_ma_tuy'],
  ['f28d9677-9cf2-42e6-9c30-af2fa94aede5', 'Tổ liên gia an toàn phòng cháy, chữa cháy', 'pccc'],
  ['b9fae8fe-cafe-4bd4-bcc6-082397e13c64', 'Tuyến đường tự quản về trật tự, an toàn giao thông', 'giao_thong'],
  ['e32cb3ee-63d1-4d31-a035-fb3d1eacfb3c', 'Hòa giải mâu thuẫn, tranh chấp ở cơ sở', 'hoa_giai'],
  ['1888f399-1469-4173-893f-e216ff58f4c1', 'Cơ sở tôn giáo bình yên về an ninh, trật tự', 'ton_giao'],
  ['bb964dd6-720c-4c0c-8a5f-7985b874d144', 'Dòng họ tự quản về an ninh, trật tự', 'dong_ho'],
  ['65c168ac-b5ed-4288-a3df-2e6265ec098d', 'Cụm liên kết an toàn về an ninh, trật tự vùng giáp ranh', 'lien_ket_giap_ranh'],
  ['cdaceb26-2680-4f74-ad2f-ba67de0144c7', 'Trường học an toàn về an ninh, trật tự', 'co_quan_dn_truong_hoc'],
  ['d5eca60e-eb71-4ca8-af90-45199d8dc133', 'Cơ quan, doanh nghiệp, khu công nghiệp an toàn về an ninh, trật tự', 'co_quan_dn_truong_hoc'],
  ['56a0b164-7e96-40b4-9435-adda13d6b18a', 'Câu lạc bộ tìm hiểu, phổ biến pháp luật', 'co_quan_dn_truong_hoc'],
  ['6d356d25-1bb5-4331-b9ea-8063fdbc6a09', 'Quản lý, giáo dục, giúp đỡ người có nguy cơ vi phạm pháp luật', 'khac'],
  ['87bc9952-4c0f-4065-ba2e-ced1ea81bc50', 'Khu, điểm du lịch an toàn', 'khac'],
];

/** Written into created_at/updated_at of the starter rows: the same in every office. */
const STARTER_AT = '2026-11-22T00:00:00.000Z';

/** The search key of a name as the app computes it then (NFC, lower case, đ→d, no marks). */
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

const GROUPS = sql.raw(
  "('tu_quan', 'camera_an_ninh', 'phong_chong_ma_tuy', 'pccc', 'giao_thong', 'hoa_giai', 'ton_giao', 'dong_ho', 'lien_ket_giap_ranh', 'co_quan_dn_truong_hoc', 'khac')",
);
const STATUSES = sql.raw("('de_xuat', 'ra_mat', 'hoat_dong', 'so_ket', 'tong_ket', 'nhan_rong', 'thanh_loai')");

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE model_types (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ${GROUPS}),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  // Two live types may not share a name (compared without diacritics or case).
  await sql`CREATE UNIQUE INDEX model_types_name ON model_types(name_folded) WHERE deleted_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE models (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL,
      type_id TEXT NOT NULL REFERENCES model_types(id),
      origin_unit_id TEXT NOT NULL REFERENCES units(id),
      origin_level TEXT NOT NULL CHECK (origin_level IN ('xa', 'huyen', 'tinh')),
      founded_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ${STATUSES}),
      retired_on TEXT,
      retire_reason TEXT,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK ((status = 'thanh_loai') = (retired_on IS NOT NULL)),
      CHECK (retired_on IS NULL OR retired_on >= founded_on),
      CHECK ((retired_on IS NULL) = (retire_reason IS NULL))
    ) STRICT`.execute(db);
  // The natural key: one name per origin unit among live models.
  await sql`CREATE UNIQUE INDEX models_name_per_origin ON models(origin_unit_id, name_folded) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX models_type ON models(type_id)`.execute(db);
  await sql`CREATE INDEX models_status ON models(status)`.execute(db);

  await sql`
    CREATE TABLE model_events (
      id TEXT PRIMARY KEY NOT NULL,
      model_id TEXT NOT NULL REFERENCES models(id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      status TEXT NOT NULL CHECK (status IN ${STATUSES}),
      on_date TEXT NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (model_id, seq)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE model_ratings (
      id TEXT PRIMARY KEY NOT NULL,
      model_id TEXT NOT NULL REFERENCES models(id),
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      rating TEXT NOT NULL CHECK (rating IN ('hieu_qua', 'chua_hieu_qua')),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (model_id, year)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE model_recognitions (
      id TEXT PRIMARY KEY NOT NULL,
      model_id TEXT NOT NULL REFERENCES models(id),
      recognised_by TEXT NOT NULL CHECK (length(trim(recognised_by)) > 0),
      decision_number TEXT,
      recognised_on TEXT NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX model_recognitions_model ON model_recognitions(model_id)`.execute(db);

  await sql`
    CREATE TABLE model_sites (
      id TEXT PRIMARY KEY NOT NULL,
      model_id TEXT NOT NULL REFERENCES models(id),
      unit_id TEXT NOT NULL REFERENCES units(id),
      organization_name TEXT CHECK (organization_name IS NULL OR length(trim(organization_name)) > 0),
      started_on TEXT NOT NULL,
      ended_on TEXT,
      end_reason TEXT,
      teams INTEGER NOT NULL CHECK (teams >= 0),
      members INTEGER NOT NULL CHECK (members >= 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK (ended_on IS NOT NULL OR end_reason IS NULL)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX model_sites_model ON model_sites(model_id)`.execute(db);
  await sql`CREATE INDEX model_sites_unit ON model_sites(unit_id)`.execute(db);

  for (const [id, name, group] of STARTER_TYPES) {
    await sql`
      INSERT INTO model_types (id, name, name_folded, category, active, builtin, created_at, updated_at)
      VALUES (${id}, ${name}, ${fold(name)}, ${group}, 1, 1, ${STARTER_AT}, ${STARTER_AT})`.execute(db);
  }
}
