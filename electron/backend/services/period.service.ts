/**
 * The period figures (method period.figures): reads the activity records of the period and of the
 * previous equal period once, the registry figures through the registries' own overview functions,
 * the new models with their new sites, and the report figures (leadership documents, Tổ bảo vệ
 * ANTT ratings, Decision 510 classes); the pure engine (shared/domain/period/) counts, compares and
 * words them under the office's incident-category rules. Read-only: no transaction needed beyond
 * each query's own snapshot. Queries live in repos/period.repo.ts.
 */
import { type ServiceContext, readDb } from '../context';
import { AppError } from '../errors';
import { listActivities } from './activities.service';
import { loadWorld, countableModel, countableSite, type World } from './models.service';
import { subtreeOf } from './models-common';
import { countPeriodRecords, type FiledParts, type PartsInFile } from './period-records';
import type { FiledSlices } from './period-slices';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import type { Job } from '../jobs/jobs';
import { runJob } from '../jobs/run-job';
import { cachedReadOf, storedReadOf } from './read-cache';
import { phaseClock } from './phase-cpu';
import { FIGURES_TABLES, FRAME_TABLES, REGISTRY_BLOCK_TABLES, REPORT_INPUT_TABLES, WORLD_TABLES } from './read-tables';
import { foldMassOrgsOverview, listKinds } from './mass-orgs.service';
import { massOrgRowsOf, massOrgYears } from './mass-org-figures';
import { storedSubtreeIds } from '../repos/organizations.repo';
import { organizationsOverview } from './organizations.service';
import { organizationsOfFile, schoolsInKindOrder } from './organizations-of-file';
import { listCategoryRules, listLeadershipDocs, massOrgKindsOf, teamRatingsOfYear } from '../repos/period.repo';
import { listRubrics, scoredClassesOfYear } from './rubrics.service';
import { ACTIVITY_KINDS, type ActivityKind, type ActivityRecords } from '../../../shared/domain/activities';
import {
  DIRECT_GROUP,
  MAIN_INDICATORS,
  breakdownGroups,
  categoryRules,
  classGroupOf,
  compareFigures,
  countingRules,
  graveListText,
  reportFigures,
  comparedWith,
  emptyFigures,
  newModelPlaces,
  periodIntro,
  periodLabel,
  periodSentences,
  previousPeriod,
  registryFigures,
  type ActivityFigures,
  type ActivityRecordSets,
  type ClassRow,
  type CountingRules,
  type DatePeriod,
  type EligibleSchool,
  type PlaceUnit,
} from '../../../shared/domain/period';
import { massOrgKindWords } from '../../../shared/domain/overview';
import { hd22Sets, operatingSpan, siteSpan, yearOf } from '../../../shared/domain/models';
import { hd22Counts } from '../../../shared/domain/models-hd22';
import { activeInYear } from '../../../shared/domain/organizations';
import { unitsInScope } from '../../../shared/domain/scope';
import { TO_BAO_VE_ANTT_KIND_ID } from '../../../shared/domain/mass-orgs';
import { validDuring } from '../../../shared/lib/validity';
import { compareVietnamese } from '../../../shared/lib/text';
import { loadUnitsWithLineage, type LiveUnit } from '../repos/unit-history.repo';
import { formatDateVi } from '../../../shared/lib/dates';
import { getOffice } from '../repos/office.repo';
import { cachedRegistrations } from './registration-figures.service';
import type { NewModelDto, PerUnitDto, PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';

type PeriodUnit = LiveUnit & PlaceUnit;

const activeDuring = (u: { validFrom: string | null; validTo: string | null }, p: DatePeriod) => validDuring(u, p.from, p.to);

/** The office's incident-category rules (trọng án list, fields of crime), defaults where unset. */
export async function loadCountingRules(ctx: ServiceContext): Promise<CountingRules> {
  return countingRules(categoryRules(await listCategoryRules(ctx.db)));
}

/**
 * The deciding Decision 510 class of every subject scored for the year under any rubric in force,
 * placed at its unit (an organisation at the unit it belongs to). Work follows the scores: the
 * subjects of the year are listed only when a rubric has scores, the organisations only when one
 * of them is scored (rubrics.service scoredClassesOfYear: rubricScores' rows that have a score).
 */
async function classRows(ctx: ServiceContext, year: number): Promise<ClassRow[]> {
  const ids = [...new Set((await listRubrics(ctx)).map((r) => r.id))];
  const scored = await scoredClassesOfYear(ctx, year, ids);
  let orgUnit: Map<string, string> | null = null;
  const out: ClassRow[] = [];
  for (const r of scored) {
    if (r.subjectType === 'organization' && !orgUnit) {
      const orgs = (await organizationsOfFile(ctx)).filter((o) => activeInYear(o.record.validFrom, o.record.validTo, year));
      orgUnit = new Map(orgs.map((o) => [o.record.id, o.record.unitId]));
    }
    const unitId = r.subjectType === 'unit' ? r.subjectId : orgUnit!.get(r.subjectId);
    if (unitId) out.push({ unitId, group: classGroupOf(r.category), class: r.finalClass });
  }
  return out;
}

/** Leadership documents, team ratings and classes: read once, counted for both periods. */
async function reportInputs(ctx: ServiceContext, previous: DatePeriod, period: DatePeriod) {
  const [docs, teamsNow, teamsBefore, classesNow, classesBefore] = await Promise.all([
    listLeadershipDocs(ctx.db, { from: previous.from, to: period.to }),
    teamRatingsOfYear(ctx.db, yearOf(period.to), TO_BAO_VE_ANTT_KIND_ID),
    teamRatingsOfYear(ctx.db, yearOf(previous.to), TO_BAO_VE_ANTT_KIND_ID),
    classRows(ctx, yearOf(period.to)),
    classRows(ctx, yearOf(previous.to)),
  ]);
  return { now: { docs, teams: teamsNow, classes: classesNow }, before: { docs, teams: teamsBefore, classes: classesBefore } };
}

export async function loadRecords(ctx: ServiceContext, from: string, to: string): Promise<ActivityRecordSets> {
  const load = <K extends ActivityKind>(kind: K): Promise<ActivityRecords[K][]> =>
    // Rows satisfy the domain records (checked at compile time in activities.contract.ts).
    listActivities(ctx, { kind, unitId: null, from, to, search: '', category: null });
  const sets = await Promise.all(ACTIVITY_KINDS.map(async (k) => [k, await load(k)] as const));
  return Object.fromEntries(sets) as unknown as ActivityRecordSets;
}

/** Education institutions within Circular 124's scope, active during the period, in the units. */
async function eligibleSchools(ctx: ServiceContext, inScope: (unitId: string) => boolean, p: DatePeriod): Promise<EligibleSchool[]> {
  const schools = schoolsInKindOrder(await organizationsOfFile(ctx));
  return schools
    .filter((s) => inScope(s.record.unitId) && activeDuring(s.record, p) && s.eligibility.eligible)
    .map(({ record: s }) => ({ unitId: s.unitId, name: s.name, subKind: s.subKind }));
}

/**
 * Models first present in the units during the period (HD22, shared/domain/models.ts) with their
 * new sites placed in communes and schools, launch order then Vietnamese order of names.
 */
async function newModels(
  ctx: ServiceContext,
  w: World,
  scope: ReadonlySet<string> | null,
  units: ReadonlyMap<string, PlaceUnit>,
  p: DatePeriod,
): Promise<NewModelDto[]> {
  const { models, sites } = countables(w);
  const fresh = hd22Sets(models, sites, { from: p.from, to: p.to, unitIds: scope, ratingYear: yearOf(p.to) }).newModels;
  const inScope = (id: string) => scope === null || scope.has(id);
  const schools = await eligibleSchools(ctx, inScope, p);
  const out: NewModelDto[] = [];
  for (const m of w.models) {
    if (!fresh.has(m.id)) continue;
    const span = operatingSpan(countableModel(m, w).events);
    const newSites = (w.sitesByModel.get(m.id) ?? []).filter((s) => {
      const ss = siteSpan(s, span);
      return inScope(s.unitId) && ss !== null && p.from <= ss.from && ss.from <= p.to;
    });
    const places = newModelPlaces({ name: m.name, originUnitId: m.originUnitId }, newSites, units, schools);
    out.push({
      modelId: m.id,
      name: m.name,
      typeName: w.types.get(m.typeId)?.name ?? '—',
      launchedOn: span?.from ?? m.foundedOn,
      newSites: newSites.length,
      communes: places.communes,
      areas: places.areas,
      schools: places.schools,
    });
  }
  return out.sort((a, b) => a.launchedOn.localeCompare(b.launchedOn) || compareVietnamese(a.name, b.name));
}

/** The models and sites as the HD22 counts take them, built once per world. */
const countablesOf = new WeakMap<World, { models: ReturnType<typeof countableModel>[]; sites: ReturnType<typeof countableSite>[] }>();
function countables(w: World) {
  let c = countablesOf.get(w);
  if (!c) {
    c = {
      models: w.models.map((m) => countableModel(m, w)),
      sites: w.models.flatMap((m) => (w.sitesByModel.get(m.id) ?? []).map(countableSite)),
    };
    countablesOf.set(w, c);
  }
  return c;
}

/** The mass organisations' figures of `year` (one of `years`) in the unit's subtree (massOrgsOverview's). */
async function massOrgFigures(ctx: ServiceContext, years: readonly number[], year: number, unitId: string | null) {
  const [f, kinds] = await Promise.all([massOrgYears(ctx, years), listKinds(ctx)]);
  const inSub = unitId === null ? null : await storedSubtreeIds(ctx.db, unitId);
  return foldMassOrgsOverview(massOrgRowsOf(f, year, inSub, false), kinds);
}

/**
 * The registries' figures for a period. `w`: the models' world, read once per call for both
 * periods (modelsOverview and newModels each read it again before).
 */
async function registryBlock(
  ctx: ServiceContext,
  w: World,
  unitId: string | null,
  scope: ReadonlySet<string> | null,
  units: ReadonlyMap<string, PlaceUnit>,
  p: DatePeriod,
  years: readonly number[],
) {
  const year = yearOf(p.to);
  const { models: countable, sites } = countables(w);
  const models = hd22Counts(countable, sites, { from: p.from, to: p.to, unitIds: subtreeOf(w, unitId), ratingYear: yearOf(p.to) });
  const [massOrgs, organizations, fresh] = await Promise.all([
    massOrgFigures(ctx, years, year, unitId),
    organizationsOverview(ctx, { year, unitId }),
    newModels(ctx, w, scope, units, p),
  ]);
  return { models, massOrgs, organizations, newModels: fresh };
}

/** What a period's figures are counted against: the units, the chosen one, its scope and breakdown, the rules. */
async function periodFrame(ctx: ServiceContext, unitId: string | null) {
  const { units, links } = await loadUnitsWithLineage(ctx.db);
  const byId = new Map(units.map((u) => [u.id, u]));
  // The whole office is the office's own root (at the province, never a unit an office sent).
  const rootId = (await getOffice(ctx.db))?.rootUnitId;
  const root =
    unitId === null ? (units.find((u) => u.id === rootId) ?? units.find((u) => u.parentId === null) ?? null) : (byId.get(unitId) ?? null);
  if (unitId !== null && root === null) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  }
  // The whole office counts every record, also those of a unit deleted by mistake after use.
  const scope = unitId === null ? null : unitsInScope(units, links, unitId);
  const rules = await loadCountingRules(ctx);
  const breakdown = root ? breakdownGroups(units, links, root.id, unitId === null) : null;
  return { units, byId, root, scope, breakdown, rules };
}

/**
 * period.figures. The activity records are read in yearly slices as a job (`jobId`: the screen
 * watches its progress and can cancel it; nothing is written either way).
 */
export async function periodFigures(
  ctx: ServiceContext,
  input: { from: string; to: string; unitId: string | null; jobId?: string | null | undefined },
): Promise<PeriodFiguresDto> {
  // The figures as a whole are kept in memory and in the file (read-cache.ts storedReadOf) until a
  // commit on a table they read: the first look after the app starts again reads them back.
  const key = [ctx.clock.today(), input.from, input.to, input.unitId];
  return storedReadOf(ctx, 'period.figures', FIGURES_TABLES, key, () =>
    runJob(ctx, input.jobId, 'Đang tính số liệu theo kỳ', (job) => computePeriodFigures(ctx, input, job)),
  );
}

async function computePeriodFigures(
  ctx: ServiceContext,
  input: { from: string; to: string; unitId: string | null },
  job: Job,
): Promise<PeriodFiguresDto> {
  if (input.to < input.from) {
    throw new AppError(
      'VALIDATION',
      `Ngày cuối kỳ (${formatDateVi(input.to)}) không được trước ngày đầu kỳ (${formatDateVi(input.from)}).`,
      {
        to: 'Ngày cuối kỳ trước ngày đầu kỳ',
      },
    );
  }
  const period: DatePeriod = { from: input.from, to: input.to };
  const previous = previousPeriod(period.from, period.to);
  const today = ctx.clock.today();
  // The CPU of each step, for the benchmark's account of a first computation (phase-cpu.ts).
  const phases = phaseClock('period.figures');

  // The kinds' parts kept in the file (period-records.ts PartsInFile), under the frame's tables' counters taken before the frame is read.
  const file = partsInFile(ctx, [today, period, previous, input.unitId]);
  // The units, the scope, the breakdown and the rules: reference data, cached until a commit on their tables.
  const frame = await cachedReadOf(ctx, 'period.frame', FRAME_TABLES, [input.unitId], () => periodFrame(ctx, input.unitId));
  const { units, byId, root, scope, breakdown, rules } = frame;
  phases.mark('units and rules');
  const inScope = (id: string) => scope === null || scope.has(id);
  const counted = await countPeriodRecords(readDb(ctx), job, {
    period,
    previous,
    unitIds: units.map((u) => u.id),
    inScope,
    groupOf: breakdown ? breakdown.groupOf : () => null,
    today,
    rules,
    generations: ctx.generations,
    frame,
    file,
  });
  const { current, prior } = counted;
  phases.mark('activity records (both periods)');
  // The rest does not grow with the records, but each step is its own slice for the host.
  await job.checkpoint();
  // What follows does not depend on the activity records: cached until a commit on the tables each block reads (read-tables.ts).
  const inputs = await storedReadOf(ctx, 'period.reportInputs', REPORT_INPUT_TABLES, [today, previous, period], () =>
    reportInputs(ctx, previous, period),
  );
  const report = reportFigures(inputs.now, inScope, period);
  const reportPrior = reportFigures(inputs.before, inScope, previous);
  phases.mark('report inputs');

  await job.checkpoint();
  // The models' world is read only when a block is computed: blocks read back from the file (after a
  // restart, an edit of an activity table) need none of it (~20 ms of CPU at 50k).
  const world = () => cachedReadOf(ctx, 'models.world', WORLD_TABLES, [], () => loadWorld(ctx.db));
  // Both periods' mass organisation figures are read in one pass when a block is computed (mass-org-figures.ts).
  const memberYears = [yearOf(period.to), yearOf(previous.to)];
  const block = (p: DatePeriod) =>
    storedReadOf(ctx, 'period.registryBlock', REGISTRY_BLOCK_TABLES, [today, input.unitId, p], async () =>
      registryBlock(ctx, await world(), input.unitId, scope, byId, p, memberYears),
    );
  const regNow = await block(period);
  await job.checkpoint();
  const regBefore = await block(previous);
  await job.checkpoint();
  const regInput = { year: yearOf(period.to), unitId: input.unitId, periodFrom: period.from };
  phases.mark('registries (both periods)');
  const registrations = await cachedRegistrations(ctx, regInput);
  phases.mark('registrations');
  await job.checkpoint();

  const comparison = compareFigures(
    { ...current, ...registryFigures(regNow.models, regNow.massOrgs, regNow.organizations), ...report },
    { ...prior, ...registryFigures(regBefore.models, regBefore.massOrgs, regBefore.organizations), ...reportPrior },
  );

  const teamKinds = await massOrgKindsOf(ctx.db, counted.mediations.teamIds());
  const sentences = periodSentences({
    period,
    previous,
    current,
    prior,
    models: regNow.models,
    newModels: regNow.newModels.map((m) => ({ name: m.name, communes: m.communes, areas: m.areas, schools: m.schools })),
    massOrgs: regNow.massOrgs,
    organizations: regNow.organizations,
    report,
    reportPrior,
    rules,
    today,
    mediationSources: counted.mediations.sources((teamId) => {
      const k = teamKinds.get(teamId);
      return k ? massOrgKindWords(k.kindId, k.kind) : null;
    }),
  });

  phases.mark('comparison and sentences');
  phases.done();
  const excused = counted.excused.map(({ unitId, ...e }) => ({
    ...e,
    unitName: byId.get(unitId)?.name ?? '(đơn vị đã xóa)',
  }));

  return {
    period: { ...period, label: periodLabel(period.from, period.to), intro: periodIntro(period.from, period.to) },
    previous: { ...previous, label: periodLabel(previous.from, previous.to), intro: periodIntro(previous.from, previous.to) },
    comparedWith: comparedWith(period, previous).versus,
    unitName: root?.name ?? '',
    activities: { current, previous: prior },
    registry: { current: regNow, previous: regBefore },
    report: { current: report, previous: reportPrior },
    registrations,
    graveList: graveListText(rules),
    comparison,
    sentences,
    excused,
    perUnit: root && breakdown ? perUnit(counted.groups, breakdown.children, root, period) : [],
  };
}

/**
 * The kinds' parts of one call kept in the file (db/stored-reads.ts), one value per call's periods,
 * today and unit, valid while the frame's tables are unchanged (the frame stands for the units, the
 * scope, the breakdown and the counting rules a part was counted against); each part carries its own
 * table's counter. None without a store (hand-built contexts).
 */
function partsInFile(ctx: ServiceContext, args: readonly unknown[]): PartsInFile | undefined {
  const stored = ctx.stored;
  if (!stored) return undefined;
  const argsText = JSON.stringify(args);
  const frameKey = stored.key(FRAME_TABLES);
  return {
    version: (kind) => stored.key([ACTIVITY_TABLES[kind]]),
    // Only while the frame's tables are as they were before the frame was read (the parts were counted against it).
    read: () => (stored.key(FRAME_TABLES) === frameKey ? (stored.get<FiledParts>('period.parts', argsText, frameKey) ?? null) : null),
    write: (make) => stored.put('period.parts', argsText, frameKey, null, FRAME_TABLES, () => JSON.stringify(make())),
    // Each slice beside its table's counter of its year (its key holds the partition: no frame counter needed).
    slices: {
      yearKeys: (kind, years) => stored.yearKeys(ACTIVITY_TABLES[kind], years),
      read: (sliceArgs) => stored.get<FiledSlices>('period.slices', sliceArgs, '') ?? null,
      write: (sliceArgs, make) => stored.put('period.slices', sliceArgs, '', null, [], () => JSON.stringify(make())),
    },
  };
}

/**
 * The main figures of each unit directly below the chosen one (shared/domain/period/
 * breakdownGroups): a unit merged away keeps its own records on its own row, so a period spanning a
 * merge shows both the old commune and the new one, and the rows add up to the total. Records
 * entered on the chosen unit itself get a row of their own.
 */
function perUnit(
  groups: ReadonlyMap<string, ActivityFigures>,
  children: readonly PeriodUnit[],
  root: PeriodUnit,
  period: DatePeriod,
): PerUnitDto[] {
  const pick = (id: string) => {
    const f = groups.get(id) ?? emptyFigures();
    return Object.fromEntries(MAIN_INDICATORS.map((k) => [k, f[k]])) as PerUnitDto['figures'];
  };
  const rows: PerUnitDto[] = children
    .filter((c) => activeDuring(c, period) || groups.has(c.id))
    .sort((a, b) => compareVietnamese(a.name, b.name))
    .map((c) => ({
      unitId: c.id,
      name: c.name,
      direct: false,
      endedOn: c.validTo !== null && c.validTo <= period.to ? c.validTo : null,
      figures: pick(c.id),
    }));
  if (groups.has(DIRECT_GROUP)) rows.push({ unitId: root.id, name: root.name, direct: true, endedOn: null, figures: pick(DIRECT_GROUP) });
  return rows;
}
