/**
 * The dashboard of "Tổng quan" (method dashboard.get): for a year and a part of the territory, the
 * period figures of each of the last five years (period.service.ts, one call per calendar year) and
 * the recognitions of the evaluation board of each year (evaluation-view.service.ts). Nothing is
 * counted here: this service only says, per year, which sources the office has any data of, so a
 * figure without data is null ("thiếu dữ liệu") and not 0, and hands the rest to the pure module
 * shared/domain/dashboard.ts. Read-only.
 */
import type { ServiceContext } from '../context';
import { loadCountingRules, loadRecords, periodFigures } from './period.service';
import { computeBoard } from './evaluation-view.service';
import { modelsOverview } from './models.service';
import { massOrgsOverview } from './mass-orgs.service';
import { getOffice } from '../repos/office.repo';
import { activityFigures, type ActivityRecordSets, type CountingRules } from '../../../shared/domain/period';
import {
  ACTIVITY_PRESENCE,
  RANKING_INDICATORS,
  dashboardYears,
  keyFigures,
  rankUnits,
  yearFigures,
  type DashboardFigureKey,
  type DashboardSource,
} from '../../../shared/domain/dashboard';
import { CriteriaError } from '../../../shared/domain/criteria';
import type { EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import type { DashboardDto } from '../../../shared/ipc/contracts/dashboard.contract';

const yearPeriod = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });

/** The values the dashboard takes from a year's period figures and board (the figures of the scope). */
function valuesOf(f: PeriodFiguresDto, board: EvaluationBoardDto | null): Partial<Record<DashboardFigureKey, number>> {
  const out: Partial<Record<DashboardFigureKey, number>> = {};
  for (const row of f.comparison) out[row.key] = row.value;
  for (const c of board?.counts ?? []) out[`recognised.${c.category}`] = c.recognised;
  return out;
}

/**
 * The evaluation board of a year, or null when no rule set is in force that year (before Circular
 * 124): nothing was evaluated then, so its recognitions are missing data.
 */
async function boardOf(ctx: ServiceContext, year: number, unitId: string | null): Promise<EvaluationBoardDto | null> {
  try {
    return (await computeBoard(ctx, { year, category: null, unitId })).board;
  } catch (e) {
    if (e instanceof CriteriaError) return null;
    throw e;
  }
}

interface OfficeYear {
  records: ActivityRecordSets;
  rules: CountingRules;
  today: string;
}

/**
 * The sources the whole office has any data of in the year: records of a kind placed in the year,
 * a model operating or a mass organisation active during it, a recognition decision taken for it.
 * Office-wide, so a commune without tips in a year the office recorded tips shows 0, not a gap.
 */
async function presentSources(
  ctx: ServiceContext,
  y: number,
  office: OfficeYear,
  board: EvaluationBoardDto | null,
): Promise<Set<DashboardSource>> {
  const p = yearPeriod(y);
  const present = new Set<DashboardSource>();
  const activities = activityFigures(office.records, () => true, p.from, p.to, office.today, office.rules);
  for (const [source, key] of Object.entries(ACTIVITY_PRESENCE) as [DashboardSource, keyof typeof activities][]) {
    if (activities[key] > 0) present.add(source);
  }
  const [models, massOrgs] = await Promise.all([
    modelsOverview(ctx, { ...p, unitId: null }),
    massOrgsOverview(ctx, { year: y, unitId: null }),
  ]);
  if (models.models > 0 || models.sites > 0) present.add('models');
  if (massOrgs.organizations > 0) present.add('massOrgs');
  if (board?.rows.some((r) => r.decidedOn !== null)) present.add('recognition');
  return present;
}

export async function dashboard(ctx: ServiceContext, input: { year: number; unitId: string | null }): Promise<DashboardDto> {
  const years = dashboardYears(input.year);
  const office = await getOffice(ctx.db);
  const records = await loadRecords(ctx, yearPeriod(years[0]!).from, yearPeriod(input.year).to);
  const officeYear: OfficeYear = { records, rules: await loadCountingRules(ctx), today: ctx.clock.today() };

  const series: DashboardDto['series'] = [];
  let latest: PeriodFiguresDto | null = null;
  for (const y of years) {
    // period.figures refuses an unknown unit with its own message; it runs first.
    const f = await periodFigures(ctx, { ...yearPeriod(y), unitId: input.unitId });
    const board = await boardOf(ctx, y, input.unitId);
    const officeBoard = input.unitId === null ? board : await boardOf(ctx, y, null);
    const present = await presentSources(ctx, y, officeYear, officeBoard);
    series.push({ year: y, present: [...present], figures: yearFigures(valuesOf(f, board), present) });
    if (y === input.year) latest = f;
  }

  const current = series[series.length - 1]!;
  const previous = series[series.length - 2]!;
  const rankings = Object.fromEntries(
    RANKING_INDICATORS.map((key) => {
      const source = key.slice(0, key.indexOf('.')) as DashboardSource;
      const rows = latest && current.present.includes(source) ? rankUnits(latest.perUnit, key) : [];
      return [key, rows];
    }),
  ) as DashboardDto['rankings'];

  return {
    year: input.year,
    unitName: latest?.unitName ?? '',
    province: office?.level === 'tinh',
    keyFigures: keyFigures(current.figures, previous.figures),
    units: latest ? latest.perUnit.filter((u) => !u.direct).length : 0,
    series,
    rankings,
  };
}
