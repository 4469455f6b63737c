/**
 * The dashboard of "Tổng quan" (method dashboard.get): for a year and a part of the territory, the
 * period figures of each of the last five calendar years (period.service.ts: one call gives a year
 * and the year before, so three calls cover five years) and the recognitions of the evaluation
 * board of each year (evaluation-view.service.ts). Nothing is counted here: the service only
 * gathers, per year, which sources the whole office has any data of, so that a figure without
 * data is null ("thiếu dữ liệu") and not 0, and hands the rest to the pure module
 * shared/domain/dashboard.ts. The registrations of the chosen year are the block period.figures
 * already counted for it (issue 14). Read-only.
 */
import type { ServiceContext } from '../context';
import { periodFigures } from './period.service';
import { computeBoard } from './evaluation-view.service';
import { NoRuleSetError } from './evaluation-facts.service';
import { statisticalYears } from './period-settings.service';
import { getOffice } from '../repos/office.repo';
import { CriteriaError } from '../../../shared/domain/criteria';
import {
  RANKING_INDICATORS,
  dashboardYears,
  keyFigures,
  presentSources,
  rankUnits,
  yearFigures,
  type DashboardFigureKey,
  type DashboardSource,
  type YearData,
} from '../../../shared/domain/dashboard';
import type { EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import type { DashboardDto } from '../../../shared/ipc/contracts/dashboard.contract';

type Values = Partial<Record<DashboardFigureKey, number>>;

type YearPeriod = (y: number) => { from: string; to: string };

/**
 * The evaluation board of a year, or null when no rule set is in force that year (before Circular
 * 124): nothing was evaluated then, so its recognitions are missing data.
 */
async function boardOf(ctx: ServiceContext, year: number, unitId: string | null): Promise<EvaluationBoardDto | null> {
  try {
    const board = (await computeBoard(ctx, { year, category: null, unitId })).board;
    // A year no rule set covers has no computed results: as before, its figures are missing data.
    return board.ruleSetNote === null ? board : null;
  } catch (e) {
    if (e instanceof CriteriaError || e instanceof NoRuleSetError) return null;
    throw e;
  }
}

/** One year as the period figures give it: its values and what the scope holds. */
interface PeriodYear {
  values: Values;
  scope: Omit<YearData, 'decisions'>;
}

/** The chosen period's year and the previous one, from one period.figures result. */
function splitYears(f: PeriodFiguresDto): [PeriodYear, PeriodYear] {
  const now: Values = {};
  const before: Values = {};
  for (const row of f.comparison) {
    now[row.key] = row.value;
    before[row.key] = row.previous;
  }
  const scopeOf = (a: PeriodFiguresDto['activities']['current'], r: PeriodFiguresDto['registry']['current']) => ({
    activities: a,
    models: r.models,
    massOrgs: r.massOrgs,
  });
  return [
    { values: now, scope: scopeOf(f.activities.current, f.registry.current) },
    { values: before, scope: scopeOf(f.activities.previous, f.registry.previous) },
  ];
}

/**
 * What the whole office holds for each year, when the scope is a part of it: the office's own period
 * figures, as the dashboard of the whole office reads them (cached, counted in SQL by the read-only
 * worker, in turns). Issue 16 item 3 (h18-blocks): this read every activity record of the five years
 * and turned each into a row on the host's thread (loadRecords): one block of 3,4 s of the host's CPU
 * at 500 k rows.
 */
async function officeData(
  ctx: ServiceContext,
  years: readonly number[],
  yearPeriod: YearPeriod,
): Promise<Map<number, Omit<YearData, 'decisions'>>> {
  const out = new Map<number, Omit<YearData, 'decisions'>>();
  for (let y = years[years.length - 1]!; y >= years[0]!; y -= 2) {
    const [now, before] = splitYears(await periodFigures(ctx, { ...yearPeriod(y), unitId: null }));
    out.set(y, now.scope);
    if (y - 1 >= years[0]!) out.set(y - 1, before.scope);
  }
  return out;
}

export async function dashboard(ctx: ServiceContext, input: { year: number; unitId: string | null }): Promise<DashboardDto> {
  const years = dashboardYears(input.year);
  const yearPeriod = await statisticalYears(ctx);
  // period.figures refuses an unknown unit with its own message: the chosen year runs first.
  const byYear = new Map<number, PeriodYear>();
  const latest = await periodFigures(ctx, { ...yearPeriod(input.year), unitId: input.unitId });
  for (let y = input.year; y >= years[0]!; y -= 2) {
    const f = y === input.year ? latest : await periodFigures(ctx, { ...yearPeriod(y), unitId: input.unitId });
    const [now, before] = splitYears(f);
    byYear.set(y, now);
    if (y - 1 >= years[0]!) byYear.set(y - 1, before);
  }
  const office = input.unitId === null ? null : await officeData(ctx, years, yearPeriod);

  const series: DashboardDto['series'] = [];
  for (const y of years) {
    const p = byYear.get(y)!;
    const board = await boardOf(ctx, y, input.unitId);
    const officeBoard = input.unitId === null ? board : await boardOf(ctx, y, null);
    const present = presentSources({
      ...(office?.get(y) ?? p.scope),
      decisions: officeBoard?.rows.some((r) => r.decidedOn !== null) ?? false,
    });
    const values: Values = { ...p.values };
    for (const c of board?.counts ?? []) values[`recognised.${c.category}`] = c.recognised;
    series.push({ year: y, present: [...present], figures: yearFigures(values, present) });
  }

  const current = series[series.length - 1]!;
  const previous = series[series.length - 2]!;
  const rankings = Object.fromEntries(
    RANKING_INDICATORS.map((key) => {
      const source = key.slice(0, key.indexOf('.')) as DashboardSource;
      return [key, current.present.includes(source) ? rankUnits(latest.perUnit, key) : []];
    }),
  ) as DashboardDto['rankings'];

  return {
    year: input.year,
    unitName: latest.unitName,
    province: (await getOffice(ctx.db))?.level === 'tinh',
    keyFigures: keyFigures(current.figures, previous.figures),
    units: latest.perUnit.filter((u) => !u.direct).length,
    series,
    rankings,
    // Counted by period.figures for the chosen year (registration-figures.service.ts).
    registrations: latest.registrations,
  };
}
