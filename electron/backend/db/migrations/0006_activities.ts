/**
 * 0006_activities: the activity records (propaganda sessions, events, tips with their informants
 * kept apart, mediations, incident statistics, awards). Frozen once shipped; never edit a migration
 * that has shipped, add a new one.
 *
 * One STRICT table per kind; columns mirror the record fields of shared/domain/activities.ts in
 * snake_case. The enum lists in the CHECKs are copies, not imports: a migration must keep meaning
 * what it meant when it ran, whatever the domain file later becomes. Cross-field rules (a tip's
 * outcome needs a legal type, …) are the domain's checkActivity and may change; only invariants
 * that can never change (counts not negative, booleans 0/1, ISO dates) are CHECKs here.
 *
 * Every table has (unit_id, placement date) for the period figures and lists, and deleted_at for
 * the bin (a deleted record keeps its row so the deletion can reach the province and be undone).
 *
 * tip_informants holds the identity of the person who gave a tip. It is a table of its own so that
 * no query over tips can carry it by accident: only the `tips.informant` method reads it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE propaganda_sessions (
      id TEXT PRIMARY KEY NOT NULL,
      date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      unit_id TEXT NOT NULL REFERENCES units(id),
      organization_id TEXT REFERENCES organizations(id),
      purpose TEXT NOT NULL CHECK (purpose IN ('tuyen_truyen', 'phat_dong')),
      form TEXT NOT NULL CHECK (form IN ('truc_tiep', 'loa_truyen_thanh', 'to_roi', 'ban_tin', 'mang_xa_hoi',
        'bao_dai', 'van_nghe', 'hoi_thi', 'chieu_phim', 'khac')),
      topic TEXT NOT NULL CHECK (length(trim(topic)) > 0),
      venue TEXT,
      attendance INTEGER NOT NULL CHECK (attendance >= 0),
      leaflets INTEGER NOT NULL CHECK (leaflets >= 0),
      loudspeaker_minutes INTEGER NOT NULL CHECK (loudspeaker_minutes >= 0),
      posts INTEGER NOT NULL CHECK (posts >= 0),
      newsletters INTEGER NOT NULL CHECK (newsletters >= 0),
      commitments INTEGER NOT NULL CHECK (commitments >= 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX propaganda_sessions_unit_date ON propaganda_sessions(unit_id, date)`.execute(db);
  await sql`CREATE INDEX propaganda_sessions_date ON propaganda_sessions(date)`.execute(db);
  await sql`CREATE INDEX propaganda_sessions_deleted ON propaganda_sessions(deleted_at)`.execute(db);
  await sql`CREATE INDEX propaganda_sessions_organization ON propaganda_sessions(organization_id) WHERE organization_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE activity_events (
      id TEXT PRIMARY KEY NOT NULL,
      date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      unit_id TEXT NOT NULL REFERENCES units(id),
      kind TEXT NOT NULL CHECK (kind IN ('ngay_hoi', 'lang_nghe', 'so_ket', 'tong_ket', 'ra_mat_mo_hinh', 'khac')),
      level TEXT NOT NULL CHECK (level IN ('khu_dan_cu', 'xa', 'huyen', 'tinh')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      venue TEXT,
      attendance INTEGER NOT NULL CHECK (attendance >= 0),
      opinions_raised INTEGER NOT NULL CHECK (opinions_raised >= 0),
      opinions_answered INTEGER NOT NULL CHECK (opinions_answered >= 0),
      gifts INTEGER NOT NULL CHECK (gifts >= 0),
      gifts_value INTEGER NOT NULL CHECK (gifts_value >= 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX activity_events_unit_date ON activity_events(unit_id, date)`.execute(db);
  await sql`CREATE INDEX activity_events_date ON activity_events(date)`.execute(db);
  await sql`CREATE INDEX activity_events_deleted ON activity_events(deleted_at)`.execute(db);

  await sql`
    CREATE TABLE tips (
      id TEXT PRIMARY KEY NOT NULL,
      received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      unit_id TEXT NOT NULL REFERENCES units(id),
      channel TEXT NOT NULL CHECK (channel IN ('truc_tiep', 'dien_thoai', 'don_thu', 'hop_thu', 'mang_xa_hoi',
        'qua_to_chuc', 'khac')),
      category TEXT NOT NULL CHECK (category IN ('an_ninh', 'trat_tu', 'toi_pham', 'ma_tuy', 'te_nan', 'khac')),
      legal_type TEXT CHECK (legal_type IN ('to_giac', 'tin_bao', 'kien_nghi_khoi_to')),
      valuable INTEGER NOT NULL CHECK (valuable IN (0, 1)),
      summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
      status TEXT NOT NULL CHECK (status IN ('dang_xu_ly', 'da_giai_quyet', 'chuyen_co_quan_khac')),
      outcome TEXT CHECK (outcome IN ('khoi_to', 'khong_khoi_to', 'tam_dinh_chi')),
      resolved_on TEXT CHECK (resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      extensions INTEGER NOT NULL CHECK (extensions BETWEEN 0 AND 2),
      criminal_cases INTEGER NOT NULL CHECK (criminal_cases >= 0),
      administrative_cases INTEGER NOT NULL CHECK (administrative_cases >= 0),
      persons_handled INTEGER NOT NULL CHECK (persons_handled >= 0),
      wanted_arrested INTEGER NOT NULL CHECK (wanted_arrested >= 0),
      wanted_surrendered INTEGER NOT NULL CHECK (wanted_surrendered >= 0),
      weapons INTEGER NOT NULL CHECK (weapons >= 0),
      ammunition INTEGER NOT NULL CHECK (ammunition >= 0),
      explosives_kg INTEGER NOT NULL CHECK (explosives_kg >= 0),
      support_tools INTEGER NOT NULL CHECK (support_tools >= 0),
      assets_value INTEGER NOT NULL CHECK (assets_value >= 0),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX tips_unit_received ON tips(unit_id, received_on)`.execute(db);
  await sql`CREATE INDEX tips_received ON tips(received_on)`.execute(db);
  await sql`CREATE INDEX tips_deleted ON tips(deleted_at)`.execute(db);

  // PERSONAL DATA (Nghị định 13/2023/NĐ-CP): the identity of a person who informed the police.
  // Read only by the `tips.informant` method (the tip's own detail view); never joined into a
  // list, an export or a figure. One row per tip at most; it stays while the tip is in the bin.
  await sql`
    CREATE TABLE tip_informants (
      tip_id TEXT PRIMARY KEY NOT NULL REFERENCES tips(id),
      name TEXT,
      phone TEXT,
      address TEXT,
      id_number TEXT,
      note TEXT,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE mediations (
      id TEXT PRIMARY KEY NOT NULL,
      received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      unit_id TEXT NOT NULL REFERENCES units(id),
      -- The mediation team: a mass organisation of the kind "Tổ hòa giải" (checked by the service).
      team_id TEXT REFERENCES mass_orgs(id),
      basis TEXT NOT NULL CHECK (basis IN ('yeu_cau', 'chung_kien', 'phan_cong')),
      case_type TEXT NOT NULL CHECK (case_type IN ('dat_dai', 'hon_nhan_gia_dinh', 'dan_su', 'lang_gieng',
        'vi_pham_nhe', 'khac')),
      summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
      outcome TEXT NOT NULL CHECK (outcome IN ('thanh', 'khong_thanh', 'dang_giai_quyet')),
      closed_on TEXT CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX mediations_unit_received ON mediations(unit_id, received_on)`.execute(db);
  await sql`CREATE INDEX mediations_received ON mediations(received_on)`.execute(db);
  await sql`CREATE INDEX mediations_deleted ON mediations(deleted_at)`.execute(db);
  await sql`CREATE INDEX mediations_team ON mediations(team_id) WHERE team_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY NOT NULL,
      occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      unit_id TEXT NOT NULL REFERENCES units(id),
      organization_id TEXT REFERENCES organizations(id),
      category TEXT NOT NULL CHECK (category IN (
        'toi_pham_it_nghiem_trong', 'toi_pham_nghiem_trong', 'toi_pham_rat_nghiem_trong',
        'toi_pham_dac_biet_nghiem_trong', 'te_nan_xa_hoi', 'vi_pham_khac', 'an_ninh_chong_dang',
        'an_ninh_pha_hoai', 'an_ninh_dao_trai_phep', 'an_ninh_loi_dung_ton_giao', 'an_ninh_ly_khai',
        'an_ninh_tranh_chap', 'an_ninh_kich_dong_khieu_kien', 'chay_no', 'tai_nan_lao_dong',
        'su_co_nghiem_trong', 'tai_nan_giao_thong', 'khieu_kien_dong_nguoi', 'tu_diem_moi',
        'nguoi_te_nan_moi', 'dinh_cong_trai_phep', 'lo_bi_mat_nha_nuoc', 'moi_truong_attp',
        'nhan_vien_vi_pham', 'bao_luc_hoc_duong', 'ky_luat_luc_luong_co_so', 'ky_luat_cong_an_xa',
        'dua_vao_quan_ly', 'dua_ra_khoi_quan_ly')),
      count INTEGER NOT NULL CHECK (count >= 1),
      solved INTEGER NOT NULL CHECK (solved >= 0),
      deaths INTEGER NOT NULL CHECK (deaths >= 0),
      injuries INTEGER NOT NULL CHECK (injuries >= 0),
      description TEXT,
      excuse TEXT CHECK (excuse IN ('bat_kha_khang', 'xu_ly_kip_thoi')),
      excuse_reason TEXT,
      excuse_approved_by TEXT,
      excuse_approved_on TEXT CHECK (excuse_approved_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX incidents_unit_occurred ON incidents(unit_id, occurred_on)`.execute(db);
  await sql`CREATE INDEX incidents_occurred ON incidents(occurred_on)`.execute(db);
  await sql`CREATE INDEX incidents_deleted ON incidents(deleted_at)`.execute(db);
  await sql`CREATE INDEX incidents_organization ON incidents(organization_id) WHERE organization_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE awards (
      id TEXT PRIMARY KEY NOT NULL,
      -- Năm thành tích: the year the award is for, which places it in a period.
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      unit_id TEXT NOT NULL REFERENCES units(id),
      recipient TEXT NOT NULL CHECK (recipient IN ('tap_the', 'ca_nhan')),
      recipient_name TEXT NOT NULL CHECK (length(trim(recipient_name)) > 0),
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
  await sql`CREATE INDEX awards_unit_year ON awards(unit_id, year)`.execute(db);
  await sql`CREATE INDEX awards_year ON awards(year)`.execute(db);
  await sql`CREATE INDEX awards_deleted ON awards(deleted_at)`.execute(db);
  await sql`CREATE INDEX awards_organization ON awards(organization_id) WHERE organization_id IS NOT NULL`.execute(db);
}
