/**
 * The dashboard of "Tổng quan" (issue 13 item 1): the key figures of a year and of the year before
 * with the change, the five-year series of the charts, and the ranking of the units directly below
 * the chosen one on each per-unit indicator. Every figure is the period figures' (period.figures)
 * or the evaluation board's; a figure without data behind it is null ("thiếu dữ liệu"), never 0.
 */
import { z } from 'zod';
import { uuid, year } from '../common';
import { MAIN_INDICATORS } from '../../domain/period';
import { DASHBOARD_FIGURE_KEYS, DASHBOARD_SOURCES, type DashboardFigureKey } from '../../domain/dashboard';
import { registrationBlockDto } from './period.contract';

type Keys<K extends string> = [K, ...K[]];

const figureKey = z.enum(DASHBOARD_FIGURE_KEYS as unknown as Keys<DashboardFigureKey>);
const mainKey = z.enum(MAIN_INDICATORS);

/** A year's figures: a value, or null where the office has no data of the figure's source that year. */
export const yearFiguresDto = z.object({
  year: z.number().int(),
  /** The sources (kinds of records, registries, evaluation) the office has any data of in the year. */
  present: z.array(z.enum(DASHBOARD_SOURCES)),
  figures: z.partialRecord(figureKey, z.number().nullable()),
});
export type YearFiguresDto = z.infer<typeof yearFiguresDto>;

export const keyFigureDto = z.object({
  key: figureKey,
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z
    .object({ value: z.number(), previous: z.number(), difference: z.number(), percent: z.number().nullable(), text: z.string() })
    .nullable(),
});
export type KeyFigureDto = z.infer<typeof keyFigureDto>;

export const rankRowDto = z.object({
  unitId: z.string(),
  name: z.string(),
  endedOn: z.string().nullable(),
  rank: z.number().int(),
  value: z.number(),
  share: z.number().nullable(),
});
export type RankRowDto = z.infer<typeof rankRowDto>;

export const dashboardDto = z.object({
  year: z.number().int(),
  unitName: z.string(),
  /** True at the province: the figures cover the whole province (the offices' data included). */
  province: z.boolean(),
  keyFigures: z.array(keyFigureDto),
  /** Oldest year first; the last one is the chosen year. */
  series: z.array(yearFiguresDto),
  /** The units directly below the chosen one (what a ranking ranks when the year has data). */
  units: z.number().int(),
  /** Per indicator, the units directly below the chosen one, highest first; empty when the year has no data of it. */
  rankings: z.record(mainKey, z.array(rankRowDto)),
  /**
   * The year's registrations and recognitions per kind with the households and the sentences, as
   * period.figures counts them for the year (the same block, not a second count).
   */
  registrations: registrationBlockDto,
});
export type DashboardDto = z.infer<typeof dashboardDto>;

export const dashboardContract = {
  'dashboard.get': {
    input: z
      .object({
        year,
        /** The part of the territory (with everything below it and merged into it); null = the whole office. */
        unitId: uuid.nullable(),
      })
      .strict(),
    output: dashboardDto,
  },
} as const;
