/**
 * `activities.page`: one page of a kind's list with the whole filtered list's size, totals and newest
 * record (what the form carries values from), everything decided in SQL (repos/activities.page.ts).
 * Rows are built as `activities.list` builds them (toRow), but only the page's: names of the
 * organisations and teams its rows name, not of every one in the province.
 *
 * The aggregate (count, sums, newest) reads the whole filtered list; scrolling asks for page after
 * page of the same question, so it is kept per question until a commit writes a table it read
 * (list-cache.ts).
 */
import { type ServiceContext, readDb } from '../context';
import { AppError } from '../errors';
import { cachedFigures } from './list-cache';
import * as repo from '../repos/activities.repo';
import {
  aggregateActivities,
  isSortKeyOf,
  queryActivityPage,
  type ActivityAggregate,
  type ActivityPageQuery,
} from '../repos/activities.page';
import { ACTIVITY_KIND_INFO, activityField, placementBound, type ActivityKind } from '../../../shared/domain/activities';
import type { ActivityRows } from '../../../shared/ipc/contracts/activities.contract';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import { foldVietnamese } from '../../../shared/lib/text';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { loadRefs, scopeOf, toRow, type Refs } from './activities.service';

type PageInput = ParsedInput<'activities.page'>;
type PageOutput = MethodOutput<'activities.page'>;

/** The tables a page's figures are read from (the records, and the names its search looks in). */
const tablesRead = (kind: ActivityKind): string[] => [ACTIVITY_TABLES[kind], 'units', 'unit_lineage', 'organizations', 'mass_orgs'];

/** The stored keys hold (false while the backfill of a file's keys runs: the page computes them). */
const keyed = (ctx: ServiceContext): boolean => !(ctx.listKeys?.running() ?? false);

function aggregate(ctx: ServiceContext, kind: ActivityKind, q: ActivityPageQuery): Promise<ActivityAggregate> {
  return cachedFigures(ctx, tablesRead(kind), `activities.page|${kind}|${JSON.stringify(q)}`, () =>
    aggregateActivities(readDb(ctx), kind, q, keyed(ctx)),
  );
}

function check(input: PageInput): void {
  if (input.from !== null && input.to !== null && input.from > input.to) {
    throw new AppError('VALIDATION', 'Ngày bắt đầu của kỳ không được sau ngày kết thúc.', { from: 'Từ ngày sau đến ngày' });
  }
  if (input.category !== null) {
    const options = activityField(input.kind, ACTIVITY_KIND_INFO[input.kind].category).options;
    if (!options || !(input.category in options)) {
      throw new AppError('VALIDATION', 'Nhóm lọc không hợp lệ với loại hoạt động này.', { category: 'Nhóm lọc không hợp lệ' });
    }
  }
  if (!isSortKeyOf(input.kind, input.page.sort)) {
    throw new AppError('VALIDATION', 'Không sắp xếp được danh sách theo cột này.', { 'page.sort': 'Cột không có trong danh sách' });
  }
}

export async function pageActivities(ctx: ServiceContext, input: PageInput): Promise<PageOutput> {
  check(input);
  const kind = input.kind;
  const refs = await loadRefs(ctx.db, []);
  const scope = scopeOf(refs, input.unitId);
  const q: ActivityPageQuery = {
    unitIds: scope === null ? null : [...scope].sort(),
    from: input.from === null ? null : placementBound(kind, input.from, 'from'),
    to: input.to === null ? null : placementBound(kind, input.to, 'to'),
    category: input.category,
    words: foldVietnamese(input.search)
      .split(' ')
      .filter((w) => w.length > 0),
  };
  const agg = await aggregate(ctx, kind, q);
  const raw =
    agg.total === 0 || input.page.offset >= agg.total ? [] : await queryActivityPage(readDb(ctx), kind, q, input.page, keyed(ctx));
  const stored = raw.map((r) => repo.toStored(kind, r));
  const newest = agg.newestId === null ? null : await repo.findActivity(ctx.db, kind, agg.newestId);
  // Names of the organisations and teams these rows name (a few), with the units already read.
  const shown = newest ? [...stored, newest] : stored;
  const ids = (key: string) => shown.flatMap((r) => ((r as Record<string, unknown>)[key] as string | null | undefined) ?? []);
  const named: Refs = {
    ...refs,
    organizations: new Map((await repo.listRefOrganizations(ctx.db, ids('organizationId'))).map((o) => [o.id, o])),
    teams: new Map((await repo.listRefTeams(ctx.db, ids('teamId'))).map((t) => [t.id, t])),
  };
  const today = ctx.clock.today();
  const rows: ActivityRows[ActivityKind][] = stored.map((s) => toRow(kind, s, named, today));
  // Dispatch checks the output against the kind's member of the union.
  return {
    kind,
    offset: input.page.offset,
    total: agg.total,
    rows,
    totals: agg.totals,
    newest: newest ? toRow(kind, newest, named, today) : null,
  } as PageOutput;
}
