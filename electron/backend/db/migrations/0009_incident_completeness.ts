/**
 * 0009_incident_completeness (issue 9): what the yearly evaluation needs so that missing data is
 * never read as zero.
 *
 *  - incident_stats_declarations: an officer's declaration that the incident statistics of one
 *    completeness group (security events, crimes, social evils, fires and accidents …) are fully
 *    entered for a unit or organisation and year. A group counts as entered when it has a row or
 *    such a declaration (domain.md §5.6 N7). Withdrawn declarations keep their row (deleted_at).
 *    The whole-year declarations made before (evaluation_figures.stats_complete) become one
 *    declaration per group, with the same person and date, and the old flag is cleared so there is
 *    one place that says what is complete.
 *  - model_sites.organization_id: the organisation (agency, enterprise, school) a model is applied
 *    in, by its record rather than by typed name. Existing sites are linked when exactly one live
 *    organisation of the same unit has the same name (case, spacing and diacritics aside).
 *
 * Frozen once shipped; never edit a migration that has shipped, add a new one.
 */
import { sql, type Kysely } from 'kysely';

/** The groups as shipped with this migration (shared/domain/incident-categories.ts at the time). */
const GROUPS_AT_0009 = ['an_ninh', 'toi_pham', 'te_nan', 'chay_no_su_co', 'co_quan', 'ky_luat', 'khac'] as const;

/** Name comparison frozen with this migration: NFC, no diacritics, đ → d, lower case, single spaces. */
function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE incident_stats_declarations (
      id TEXT PRIMARY KEY NOT NULL,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit', 'organization')),
      subject_id TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      group_code TEXT NOT NULL CHECK (length(group_code) BETWEEN 1 AND 40),
      declared_by TEXT NOT NULL CHECK (length(trim(declared_by)) > 0),
      declared_on TEXT NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (subject_type, subject_id, year, group_code)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX incident_stats_declarations_year ON incident_stats_declarations(year)`.execute(db);

  const legacy = await sql<{
    id: string;
    subject_type: string;
    subject_id: string;
    year: number;
    recorded_by: string;
    recorded_on: string;
    updated_at: string;
  }>`
    SELECT id, subject_type, subject_id, year, recorded_by, recorded_on, updated_at FROM evaluation_figures WHERE stats_complete = 1`.execute(
    db,
  );
  for (const f of legacy.rows) {
    for (const g of GROUPS_AT_0009) {
      await sql`
        INSERT INTO incident_stats_declarations (id, subject_type, subject_id, year, group_code, declared_by, declared_on, note, created_at, updated_at, deleted_at)
        VALUES (${`${f.id}:${g}`}, ${f.subject_type}, ${f.subject_id}, ${f.year}, ${g}, ${f.recorded_by}, ${f.recorded_on},
                ${'Chuyển từ xác nhận "số liệu vụ việc của năm đã đủ" (cả năm)'}, ${f.updated_at}, ${f.updated_at}, NULL)`.execute(db);
    }
  }
  await sql`UPDATE evaluation_figures SET stats_complete = 0 WHERE stats_complete = 1`.execute(db);

  await sql`ALTER TABLE model_sites ADD COLUMN organization_id TEXT REFERENCES organizations(id)`.execute(db);
  await sql`CREATE INDEX model_sites_organization ON model_sites(organization_id)`.execute(db);
  const sites = await sql<{ id: string; unit_id: string; organization_name: string }>`
    SELECT id, unit_id, organization_name FROM model_sites WHERE organization_name IS NOT NULL`.execute(db);
  if (sites.rows.length === 0) return;
  const orgs = await sql<{ id: string; unit_id: string; name: string }>`
    SELECT id, unit_id, name FROM organizations WHERE deleted_at IS NULL`.execute(db);
  const byKey = new Map<string, string[]>();
  for (const o of orgs.rows) {
    const key = `${o.unit_id}\u0000${foldName(o.name)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), o.id]);
  }
  for (const s of sites.rows) {
    const match = byKey.get(`${s.unit_id}\u0000${foldName(s.organization_name)}`) ?? [];
    if (match.length === 1) await sql`UPDATE model_sites SET organization_id = ${match[0]!} WHERE id = ${s.id}`.execute(db);
  }
}
