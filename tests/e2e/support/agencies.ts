/**
 * A district of many state agencies for the scale specs (the board's pages, its progress label, the
 * organisation picker): written straight into a stopped host's database file in one transaction —
 * tens of thousands of organisations.create calls would take minutes. Every agency is a `co_quan`
 * managed at district level, eligible under Circular 124 (party organisation, security force, three
 * sub-units), in force since 2015; ids are fixed, so a spec can name one.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { orgSearchKey } from '../../../electron/backend/repos/organizations.repo';

export interface Agency {
  name: string;
  subKind: string;
  unitId: string;
}

/** The fixed id of the i-th agency written by `writeAgencies`. */
export const agencyId = (i: number): string => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

export function writeAgencies(dataDir: string, count: number, agency: (i: number) => Agency): void {
  const db = new BetterSqlite3(path.join(dataDir, 'antq.db'));
  try {
    const insert = db.prepare(
      `INSERT INTO organizations (id, name, name_folded, kind, sub_kind, is_armed_forces, unit_id, managing_level, bca_monitored,
         has_party_org, has_security_force, sub_unit_count, sector_group, insured_employees, revenue_billion, capital_billion,
         tax_code, address, valid_from, valid_to, end_reason, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, 'co_quan', ?, 0, ?, 'huyen', 0, 1, 1, 3, NULL, NULL, NULL, NULL, NULL, NULL, '2015-01-01', NULL, NULL, ?, ?, NULL)`,
    );
    const at = '2026-11-20T03:00:00.000Z';
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const a = agency(i);
        insert.run(agencyId(i), a.name, orgSearchKey(a.name, null), a.subKind, a.unitId, at, at);
      }
    })();
  } finally {
    db.close();
  }
}
