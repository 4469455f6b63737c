/**
 * The registry overview: one call gathers the figures of every registry for a period and a unit
 * subtree, in total and for each unit directly below the chosen one, with the sentences reports use.
 */
import { type ServiceContext, readDb } from '../context';
import { getOffice } from '../repos/office.repo';
import { unitYearStats } from '../repos/period.repo';
import { periodIntro } from '../../../shared/domain/period/periods';
import { validDuring } from '../../../shared/lib/validity';
import { childrenIndex, sortedChildren } from '../../../shared/domain/unit-tree';
import type { UnitDto } from '../../../shared/ipc/contract';
import {
  massOrgsSentence,
  modelsSentence,
  organizationsSentence,
  territorySentence,
  type MassOrgFigures,
  type ModelFigures,
  type OrganizationFigures,
  type TerritoryFigures,
} from '../../../shared/domain/overview';
import { foldCountedOrganizations, organizationsOverview, type OrganizationsOverview } from './organizations.service';
import { countedOrganizationsOfFile } from './organizations-of-file';
import { activeInYear, ORG_KINDS } from '../../../shared/domain/organizations';
import { loadWorld, countableModel, countableSite, modelsOverview } from './models.service';
import type { World } from './models-common';
import { subtreeOf } from './models-common';
import { foldMassOrgsOverview, listKinds, massOrgsOverview } from './mass-orgs.service';
import { listUnitParents } from '../repos/units.repo';
import { massOrgRowsOfYear } from './mass-org-figures';
import { yearOf, type CountableModel, type CountableSite } from '../../../shared/domain/models';
import { hd22Counts } from '../../../shared/domain/models-hd22';
import { AppError } from '../errors';
import { cachedRegistrations, type RegistrationBlock } from './registration-figures.service';
import { phaseClock } from './phase-cpu';
import { cachedReadOf, storedReadOf } from './read-cache';
import { OVERVIEW_TABLES, WORLD_TABLES } from './read-tables';
import { formatDateVi } from '../../../shared/lib/dates';
import type { Job } from '../jobs/jobs';
import { runJob } from '../jobs/run-job';

export interface OverviewBlock {
  territory: TerritoryFigures;
  organizations: OrganizationFigures;
  models: ModelFigures;
  massOrgs: MassOrgFigures;
}

export interface Overview extends OverviewBlock {
  sentences: { territory: string; organizations: string; models: string; massOrgs: string };
  /** Registration and recognition of the period's last year (issue 14 item 3). */
  registrations: RegistrationBlock;
  perUnit: ({ unitId: string; name: string } & OverviewBlock)[];
}

/** Active on any day of [from, to]. */
const activeDuring = validDuring;

/**
 * Households and residents of a unit: its own figure for the year when recorded, otherwise the sum
 * of its children's — so a commune and its residential areas are never counted twice.
 */
function territory(
  root: UnitDto | null,
  all: readonly UnitDto[],
  stats: ReadonlyMap<string, { households: number | null; residents: number | null; trongDiem: boolean }>,
  from: string,
  to: string,
  kids: ReadonlyMap<string | null, readonly UnitDto[]> = childrenIndex(all),
): TerritoryFigures {
  const out: TerritoryFigures = { communes: 0, residentialAreas: 0, households: 0, residents: 0, unitsWithFigures: 0, trongDiem: 0 };
  const visit = (u: UnitDto): { households: number; residents: number; any: boolean } => {
    const active = activeDuring(u, from, to);
    if (active && u.level === 'xa') out.communes++;
    if (active && u.level === 'khu_dan_cu') out.residentialAreas++;
    const own = stats.get(u.id);
    if (active && own?.trongDiem) out.trongDiem++;
    let households = 0;
    let residents = 0;
    let any = false;
    for (const k of kids.get(u.id) ?? []) {
      const r = visit(k);
      households += r.households;
      residents += r.residents;
      any ||= r.any;
    }
    if (own && (own.households !== null || own.residents !== null)) {
      out.unitsWithFigures++;
      return { households: own.households ?? households, residents: own.residents ?? residents, any: true };
    }
    return { households, residents, any };
  };
  const roots = root ? [root] : (kids.get(null) ?? []);
  let households = 0;
  let residents = 0;
  for (const r of roots) {
    const v = visit(r);
    households += v.households;
    residents += v.residents;
  }
  out.households = households;
  out.residents = residents;
  return out;
}

export async function overviewBlock(
  ctx: ServiceContext,
  unit: UnitDto | null,
  all: readonly UnitDto[],
  stats: Map<string, { households: number | null; residents: number | null; trongDiem: boolean }>,
  from: string,
  to: string,
): Promise<OverviewBlock> {
  const year = Number(to.slice(0, 4));
  const unitId = unit?.id ?? null;
  const [organizations, models, massOrgs] = await Promise.all([
    organizationsOverview(ctx, { year, unitId }),
    modelsOverview(ctx, { from, to, unitId }),
    massOrgsOverview(ctx, { year, unitId }),
  ]);
  return { territory: territory(unit, all, stats, from, to), organizations, models, massOrgs };
}

/**
 * The registries of the whole office read once (organisations and mass organisations of the year by
 * unit, the models' world, the unit tree as stored), so that the total and each unit below take
 * their figures from memory. Before, each unit's block asked the database again (about 300
 * queries per call at a province, the models' world rebuilt for each).
 */
async function overviewSource(ctx: ServiceContext, job: Job, world: World, from: string, to: string, phases: { mark(step: string): void }) {
  const year = Number(to.slice(0, 4));
  // One read per step, each its own slice for the host (the reads are synchronous SQL).
  // Only what the counts need (no record, no eligibility reason: countedOrganizationsOfFile).
  const orgs = (await countedOrganizationsOfFile(ctx)).filter((o) => activeInYear(o.validFrom, o.validTo, year));
  phases.mark('organisations (counting facts, TT124 status)');
  await job.checkpoint();
  // The members of this year alone, or the two years a one-year period's figures already counted.
  const massRows = await massOrgRowsOfYear(ctx, year);
  phases.mark('mass organisations (members counted per year)');
  await job.checkpoint();
  // The kinds as the mass organisations' screens list them, without their counts of organisations
  // (listKinds' GROUP BY over mass_orgs): the overview shows none of them.
  const kinds = await listKinds(ctx, new Map());
  const parents = await listUnitParents(ctx.db);
  const kids = new Map<string, string[]>();
  for (const u of parents) {
    if (u.parentId === null) continue;
    const list = kids.get(u.parentId);
    if (list) list.push(u.id);
    else kids.set(u.parentId, [u.id]);
  }
  /** The unit and every row below it in the stored tree (the registries' WITH RECURSIVE subtree). */
  const storedSubtree = (rootId: string) => {
    const out = new Set([rootId]);
    const stack = [rootId];
    while (stack.length > 0) for (const k of kids.get(stack.pop()!) ?? []) if (!out.has(k) && out.add(k)) stack.push(k);
    return out;
  };
  const models = world.models.map((m) => countableModel(m, world));
  const sites = world.models.flatMap((m) => (world.sitesByModel.get(m.id) ?? []).map(countableSite));
  const modelsIn = modelsByUnit(models, sites);
  // Each unit's rows, so that a subtree's rows are gathered from its units (not the whole list filtered
  // per unit); the organisations as one tally per unit, summed per subtree.
  const orgsByUnit = new Map<string, OrganizationsOverview>();
  for (const [id, list] of groupBy(orgs, (o) => o.unitId)) orgsByUnit.set(id, foldCountedOrganizations(list));
  const massByUnit = groupBy(massRows, (r) => r.unit_id);
  const within = <T>(byUnit: ReadonlyMap<string, T[]>, inSub: ReadonlySet<string>) => [...inSub].flatMap((id) => byUnit.get(id) ?? []);
  return (unitId: string | null) => {
    const inSub = unitId === null ? null : storedSubtree(unitId);
    const unitIds = subtreeOf(world, unitId);
    // A model counts in a subtree only through its origin or one of its places there (hd22Sets), so
    // a subtree's counts are taken over the models touching it (and all their places) — the same
    // figures as over every model, without walking the province's models for each unit listed.
    const inScope = unitIds === null ? null : modelsIn(unitIds);
    return {
      organizations: inSub === null ? foldCountedOrganizations(orgs) : sumOrganizations([...inSub].map((id) => orgsByUnit.get(id))),
      models: hd22Counts(models, sites, { from, to, unitIds, ratingYear: yearOf(to) }, inScope ?? undefined),
      massOrgs: foldMassOrgsOverview(inSub === null ? massRows : within(massByUnit, inSub), kinds),
    };
  };
}

/** foldCountedOrganizations of the union of disjoint lists, from each list's fold. */
function sumOrganizations(parts: readonly (OrganizationsOverview | undefined)[]): OrganizationsOverview {
  const out = foldCountedOrganizations([]);
  for (const p of parts) {
    if (!p) continue;
    out.total += p.total;
    for (const k of ORG_KINDS) out.byKind[k] += p.byKind[k];
    out.eligible += p.eligible;
    out.ineligible += p.ineligible;
    out.incomplete += p.incomplete;
  }
  return out;
}

/**
 * The models touching some units (their origin or one of their places among them): their indices in
 * the world's order, what hd22Counts needs to count a subtree among the office's models.
 */
function modelsByUnit(models: readonly CountableModel[], sites: readonly CountableSite[]) {
  const at = new Map<string, Set<number>>();
  const note = (unitId: string, i: number) => {
    const set = at.get(unitId);
    if (set) set.add(i);
    else at.set(unitId, new Set([i]));
  };
  const index = new Map(models.map((m, i) => [m.id, i]));
  models.forEach((m, i) => note(m.originUnitId, i));
  for (const s of sites) {
    const i = index.get(s.modelId);
    if (i !== undefined) note(s.unitId, i);
  }
  return (unitIds: ReadonlySet<string>): number[] => {
    const touching = new Set<number>();
    for (const u of unitIds) for (const i of at.get(u) ?? []) touching.add(i);
    return [...touching].sort((a, b) => a - b);
  };
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(keyOf(r));
    if (list) list.push(r);
    else out.set(keyOf(r), [r]);
  }
  return out;
}

/**
 * registry.overview. It reads no activity record: the whole answer is cached until a commit on one of
 * the tables it reads (read-cache.ts, read-tables.ts), keyed on the period, the unit and today (the models' sentence says whether the
 * period has ended).
 */
export function registryOverview(ctx: ServiceContext, opts: { from: string; to: string; unitId: string | null }): Promise<Overview> {
  const key = [ctx.clock.today(), opts.from, opts.to, opts.unitId];
  return storedReadOf(ctx, 'registry.overview', OVERVIEW_TABLES, key, () =>
    runJob(ctx, null, 'Đang tổng hợp số liệu', (job) => computeOverview(ctx, opts, job)),
  );
}

async function computeOverview(
  ctx: ServiceContext,
  opts: { from: string; to: string; unitId: string | null },
  job: Job,
): Promise<Overview> {
  if (opts.to < opts.from) {
    throw new AppError('RULE', `Ngày cuối kỳ (${formatDateVi(opts.to)}) không được trước ngày đầu kỳ (${formatDateVi(opts.from)}).`);
  }
  // The CPU of each step, for the benchmark's account of a first computation (phase-cpu.ts).
  const phases = phaseClock('registry.overview');
  // The models' world holds the units as listUnits(…, true) gives them: read once for both. Read on
  // the app's connection as the period figures read it (through the reader worker its ~7,000 rows
  // cost more to send across than to read: 37–48 ms CPU against 9–27 ms at the 50k province).
  const world = await cachedReadOf(ctx, 'models.world', WORLD_TABLES, [], () => loadWorld(ctx.db));
  const all = world.units;
  phases.mark("models' world (with the units)");
  await job.checkpoint();
  const unit = opts.unitId ? (all.find((u) => u.id === opts.unitId) ?? null) : null;
  if (opts.unitId && !unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn.');
  const year = Number(opts.to.slice(0, 4));
  const stats = await unitYearStats(readDb(ctx), year);
  phases.mark('units and their figures');
  const figuresOf = await overviewSource(ctx, job, world, opts.from, opts.to, phases);
  // The tree's children once per call (each unit's block walked it again: units × units); only the
  // listed children are put in the tree's order (the sums below do not depend on it).
  const kids = new Map<string | null, UnitDto[]>();
  for (const u of all) {
    const list = kids.get(u.parentId);
    if (list) list.push(u);
    else kids.set(u.parentId, [u]);
  }
  const block = (u: UnitDto | null): OverviewBlock => ({
    territory: territory(u, all, stats, opts.from, opts.to, kids),
    ...figuresOf(u?.id ?? null),
  });

  phases.mark('unit tree');
  const total = block(unit);
  // The office's own root (at the province, units an office sent never replace it), else the first root.
  const rootId = (await getOffice(readDb(ctx)))?.rootUnitId;
  const parentId = unit?.id ?? all.find((u) => u.id === rootId)?.id ?? all.find((u) => u.parentId === null)?.id ?? null;
  const children = sortedChildren(kids.get(parentId) ?? []).filter((c) => activeDuring(c, opts.from, opts.to));
  const perUnit = [];
  for (const c of children) {
    await job.checkpoint();
    perUnit.push({ unitId: c.id, name: c.name, ...block(c) });
  }
  await job.checkpoint();
  phases.mark('blocks of the units (folds)');
  const registrations = await cachedRegistrations(ctx, { year, unitId: opts.unitId, periodFrom: opts.from });
  phases.mark('registrations');
  const sentences = {
    territory: territorySentence(total.territory),
    organizations: organizationsSentence(total.organizations),
    models: modelsSentence(total.models, { intro: periodIntro(opts.from, opts.to), ended: opts.to < ctx.clock.today() }),
    massOrgs: massOrgsSentence(total.massOrgs),
  };
  phases.mark('sentences');
  phases.done();
  return { ...total, sentences, registrations, perUnit };
}
