/**
 * The live organisations of the file, each with its TT124 eligibility, read and folded once per
 * generation of the organizations table (issue 16 items 2 and 4: a first load of the period figures
 * read the organisations five times — each period's organisations of the year, each period's
 * schools, the registrations' subjects — and folded the eligibility of each row each time; the
 * overview twice more). Every reader of the period figures, the overview and the registrations
 * filters this one list in memory: the same rows the SQL filters gave (the validity test is
 * shared/lib/validity.ts, the SQL form's twin), in the same order where the order can matter.
 *
 * Cached in memory (read-cache.ts `sharedReadOf`) until a commit on `organizations`; without
 * `ctx.generations` it is read again by each caller, as before. The value is shared: read-only.
 * Read on the app's connection, as the period figures read organisations before: through the reader
 * worker the 8.000 rows cost more to send across than to read (measured: the block 131 → 197 ms).
 */
import type { ServiceContext } from '../context';
import { keptInMemory, sharedReadOf } from './read-cache';
import { ORGANIZATIONS_FILE_TABLES } from './read-tables';
import { organizationCountingFacts, queryOrganizations, type OrgRecord } from '../repos/organizations.repo';
import {
  orgEligibility,
  orgEligibilityStatus,
  type EligibilityStatus,
  type Eligibility,
  type OrgKind,
} from '../../../shared/domain/organizations';

export interface FileOrganization {
  record: OrgRecord;
  eligibility: Eligibility;
}

/** Every live organisation of the file (stored order) with its eligibility. */
export function organizationsOfFile(ctx: ServiceContext): Promise<readonly FileOrganization[]> {
  return sharedReadOf(ctx, 'organizations.file', ORGANIZATIONS_FILE_TABLES, [], async () => {
    const records = await queryOrganizations(ctx.db, { unitId: null, year: null, words: [], kind: null, ended: null });
    return records.map((record) => ({ record, eligibility: orgEligibility(record) }));
  });
}

/** An organisation as the counts take it (the overview, the registration figures). */
export interface CountedOrganization {
  id: string;
  unitId: string;
  kind: OrgKind;
  validFrom: string | null;
  validTo: string | null;
  status: EligibilityStatus;
}

/**
 * Every live organisation of the file (stored order) as the counts take it: from the file's
 * organisations when another block already holds them in memory (the period figures), otherwise
 * read narrowly with the status alone (no record, no reason: issue 16 item 2, the overview's first
 * computation). Cached like organizationsOfFile, until a commit on `organizations`; read-only.
 */
export function countedOrganizationsOfFile(ctx: ServiceContext): Promise<readonly CountedOrganization[]> {
  return sharedReadOf(ctx, 'organizations.counted', ORGANIZATIONS_FILE_TABLES, [], async () => {
    const whole = keptInMemory<readonly FileOrganization[]>(ctx, 'organizations.file', ORGANIZATIONS_FILE_TABLES, []);
    if (whole) {
      return (await whole).map(({ record: o, eligibility }) => ({
        id: o.id,
        unitId: o.unitId,
        kind: o.kind,
        validFrom: o.validFrom,
        validTo: o.validTo,
        status: eligibility.status,
      }));
    }
    return (await organizationCountingFacts(ctx.db)).map((f) => ({
      id: f.id,
      unitId: f.unitId,
      kind: f.kind,
      validFrom: f.validFrom,
      validTo: f.validTo,
      status: orgEligibilityStatus(f),
    }));
  });
}

/**
 * The schools as `queryOrganizations(kind: 'co_so_giao_duc')` returned them: that query is answered
 * from the index organizations_kind (kind, valid_to), i.e. by valid_to (open ends first) then in
 * stored order; a stable sort of the stored order gives the same sequence (the period's new-model
 * places take the first of two same-named schools).
 */
export function schoolsInKindOrder(list: readonly FileOrganization[]): FileOrganization[] {
  const schools = list.filter((o) => o.record.kind === 'co_so_giao_duc');
  const rank = (v: string | null) => (v === null ? '' : `~${v}`);
  return schools.sort((a, b) => {
    const x = rank(a.record.validTo);
    const y = rank(b.record.validTo);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
