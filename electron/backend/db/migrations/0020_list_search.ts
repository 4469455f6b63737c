/**
 * 0020_list_search: the index the
 * paged members list reads (repos/mass-org-members.page.ts). Live members only, in name order,
 * holding every column the list filters, counts and sorts by without reading the row, so the first
 * page is an index walk and the whole list's count reads the index alone (EXPLAIN QUERY PLAN and
 * times in docs/decisions.md (h16-lists)). Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX mass_org_members_list ON mass_org_members
      (full_name_sort, id, mass_org_id, gender, birth_year, role, joined_on, left_on, full_name_folded)
      WHERE deleted_at IS NULL`.execute(db);
}
