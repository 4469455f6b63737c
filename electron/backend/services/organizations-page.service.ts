/**
 * organizations.page (issue 16: no list sends more than a screen plus a page). The organisations of a
 * province (8,000) are filtered and searched in SQL (queryOrganizations: unit subtree, year, kind,
 * ended, folded name), but two parts of the list are TypeScript: the TT124 eligibility the status
 * filter and a column read (orgEligibility, a rule of a dozen facts) and the unit path. Both are
 * computed once per data generation for every organisation (cachedFigures over `organizations` and
 * `units`), and each question (filter, search, order) keeps its ordered rows until a commit writes
 * one of those tables, so scrolling a question is a slice. See docs/decisions.md (h16-lists).
 */
import { type ServiceContext, readDb } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../shared/ipc/contracts/organizations.contract';
import { orderOrgs } from '../../../shared/domain/organizations-list';
import { queryOrganizations, type OrgRecord } from '../repos/organizations.repo';
import { cachedFigures } from './list-cache';
import { filteredOrganizations, toOrganizationDto, unitIndex, type UnitIndex } from './organizations.service';

/** What an organisation's row is computed from: its record and the unit tree (its path). */
const ORG_TABLES = ['organizations', 'units'];

/** Every live organisation's row (eligibility, unit path), by id, for this generation of the data. */
async function rowsById(ctx: ServiceContext): Promise<ReadonlyMap<string, OrganizationDto>> {
  return cachedFigures(ctx, ORG_TABLES, 'organizations.rows', async () => {
    const units = await unitIndex(readDb(ctx));
    const records = await queryOrganizations(readDb(ctx), { unitId: null, year: null, words: [], kind: null, ended: null });
    return new Map(records.map((r) => [r.id, toOrganizationDto(r, units)]));
  });
}

interface Question {
  rows: OrganizationDto[];
  eligible: number;
}

export async function pageOrganizations(
  ctx: ServiceContext,
  input: ParsedInput<'organizations.page'>,
): Promise<MethodOutput<'organizations.page'>> {
  const { page, ...filter } = input;
  const question = await cachedFigures(ctx, ORG_TABLES, `organizations.page|${JSON.stringify([filter, page.sort, page.dir])}`, async () => {
    const known = await rowsById(ctx);
    // A row missing from the generation's map (written between the two reads) is computed here.
    const toDto = (r: OrgRecord, units: UnitIndex) => known.get(r.id) ?? toOrganizationDto(r, units);
    const listed = await filteredOrganizations(ctx, filter, toDto);
    const rows = orderOrgs(listed, page.sort, page.dir);
    return { rows, eligible: rows.filter((o) => o.eligibility.eligible).length } satisfies Question;
  });
  return {
    offset: page.offset,
    total: question.rows.length,
    eligible: question.eligible,
    rows: question.rows.slice(page.offset, page.offset + page.limit),
  };
}
