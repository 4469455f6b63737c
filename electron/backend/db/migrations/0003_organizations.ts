/**
 * 0003_organizations: agencies, enterprises and schools of the office's area (domain.md §4.1).
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 *
 * The enum lists below are copies, not imports: a migration must keep meaning what it meant when
 * it ran, whatever shared/domain/organizations.ts later becomes.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE organizations (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_folded TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('co_quan', 'doanh_nghiep', 'co_so_giao_duc')),
      sub_kind TEXT NOT NULL,
      is_armed_forces INTEGER NOT NULL CHECK (is_armed_forces IN (0, 1)),
      unit_id TEXT NOT NULL REFERENCES units(id),
      managing_level TEXT NOT NULL CHECK (managing_level IN ('xa', 'huyen', 'tinh', 'bo')),
      bca_monitored INTEGER NOT NULL CHECK (bca_monitored IN (0, 1)),
      has_party_org INTEGER NOT NULL CHECK (has_party_org IN (0, 1)),
      has_security_force INTEGER NOT NULL CHECK (has_security_force IN (0, 1)),
      sub_unit_count INTEGER CHECK (sub_unit_count IS NULL OR sub_unit_count >= 0),
      sector_group TEXT CHECK (sector_group IS NULL OR sector_group IN ('nong_lam_thuy_san_cong_nghiep_xay_dung', 'thuong_mai_dich_vu')),
      insured_employees REAL CHECK (insured_employees IS NULL OR insured_employees >= 0),
      revenue_billion REAL CHECK (revenue_billion IS NULL OR revenue_billion >= 0),
      capital_billion REAL CHECK (capital_billion IS NULL OR capital_billion >= 0),
      tax_code TEXT CHECK (tax_code IS NULL OR length(tax_code) > 0),
      address TEXT,
      valid_from TEXT,
      valid_to TEXT,
      end_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      CHECK (
        (kind = 'co_quan' AND sub_kind IN ('co_quan_nha_nuoc', 'co_quan_hanh_chinh', 'don_vi_su_nghiep_cong_lap',
          'to_chuc_chinh_tri_xa_hoi', 'to_chuc_xa_hoi_nghe_nghiep', 'khac'))
        OR (kind = 'doanh_nghiep' AND sub_kind IN ('nha_nuoc', 'tu_nhan', 'von_dau_tu_nuoc_ngoai', 'hop_tac_xa', 'khac'))
        OR (kind = 'co_so_giao_duc' AND sub_kind IN ('nha_tre', 'mam_non', 'tieu_hoc', 'thcs', 'thpt', 'lien_cap',
          'gdnn_gdtx', 'cao_dang', 'dai_hoc', 'khac'))
      ),
      CHECK (kind = 'doanh_nghiep' OR (sector_group IS NULL AND insured_employees IS NULL
        AND revenue_billion IS NULL AND capital_billion IS NULL)),
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
      CHECK ((valid_to IS NULL) = (end_reason IS NULL))
    ) STRICT`.execute(db);
  // A tax code names one legal entity for its whole life: unique among records not deleted.
  await sql`
    CREATE UNIQUE INDEX organizations_tax_code
      ON organizations(tax_code)
      WHERE tax_code IS NOT NULL AND deleted_at IS NULL`.execute(db);
  // Lists filter by unit subtree, kind and activity; duplicate checks look up name within a unit.
  await sql`CREATE INDEX organizations_unit ON organizations(unit_id, name_folded)`.execute(db);
  await sql`CREATE INDEX organizations_kind ON organizations(kind, valid_to)`.execute(db);
}
