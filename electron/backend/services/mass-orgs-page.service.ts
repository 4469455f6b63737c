/**
 * massOrgs.page (issue 16: no list sends more than a screen plus a page). The mass organisations of a
 * province (10,546) are filtered in SQL and searched by folded word starts exactly as massOrgs.list
 * does (listOrgs: unit subtree, kind, year, status, each row's rating and member count of the year);
 * each question (filter, day, order) keeps its ordered rows and totals until a commit writes one of
 * the tables they were read from (cachedFigures over ctx.generations), so scrolling is a slice. The
 * order needs the kind's name and the unit's path (the cells the table sorted by), computed once per
 * question. See docs/decisions.md (h16-massorgs).
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { MassOrgRowDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { orderMassOrgs } from '../../../shared/domain/mass-orgs-list';
import { pathOf } from '../../../shared/domain/unit-tree';
import { listKinds } from '../repos/mass-orgs.repo';
import { cachedFigures } from './list-cache';
import { listOrgs } from './mass-orgs.service';
import { unitIndex } from './organizations.service';

/** What a row, its order and the totals are read from: a write to any of them changes the answer. */
const MASS_ORG_PAGE_TABLES = ['mass_orgs', 'mass_org_ratings', 'mass_org_members', 'mass_org_kinds', 'units'];

interface Question {
  ratingYear: number;
  rows: MassOrgRowDto[];
  members: number;
}

async function answer(ctx: ServiceContext, input: ParsedInput<'massOrgs.page'>): Promise<Question> {
  const { page, ...filter } = input;
  const { ratingYear, rows } = await listOrgs(ctx, filter);
  let names = { kindName: (_: string) => '', unitPath: (_: string) => '' };
  if (page.sort === 'kind' || page.sort === 'unit') {
    const kinds = new Map((await listKinds(ctx.db)).map((k) => [k.id, k.name]));
    const units = await unitIndex(ctx.db);
    const paths = new Map<string, string>();
    const unitPath = (id: string): string => {
      let text = paths.get(id);
      if (text === undefined) {
        const p = pathOf(units, id);
        text = (p.length > 1 ? p.slice(1) : p).map((u) => u.name).join(' › ');
        paths.set(id, text);
      }
      return text;
    };
    names = { kindName: (id) => kinds.get(id) ?? '', unitPath };
  }
  return {
    ratingYear,
    rows: orderMassOrgs(rows, page.sort, page.dir, names),
    members: rows.reduce((n, o) => n + o.members, 0),
  };
}

export async function pageOrgs(ctx: ServiceContext, input: ParsedInput<'massOrgs.page'>): Promise<MethodOutput<'massOrgs.page'>> {
  const { page, ...filter } = input;
  // The day is part of the question: "còn hoạt động" and the members counted without a year depend on it.
  const key = `massOrgs.page|${ctx.clock.today()}|${JSON.stringify([filter, page.sort, page.dir])}`;
  const question = await cachedFigures(ctx, MASS_ORG_PAGE_TABLES, key, () => answer(ctx, input));
  return {
    offset: page.offset,
    total: question.rows.length,
    ratingYear: question.ratingYear,
    members: question.members,
    rows: question.rows.slice(page.offset, page.offset + page.limit),
  };
}
