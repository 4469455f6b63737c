/**
 * Methods of the period figures (shared/domain/period/): for a period and a part of the territory,
 * the activity figures of this and the previous equal period with the change, the registry figures
 * of both, one sentence per report section, and the main figures of each unit directly below.
 */
import { z } from 'zod';
import { isoDate, uuid } from '../common';
import { hd22CountsDto } from './models.contract';
import {
  ACTIVITY_INDICATOR_KEYS,
  INDICATORS,
  MAIN_INDICATORS,
  PERIOD_SECTIONS,
  type ActivityIndicatorKey,
  type IndicatorKey,
} from '../../domain/period';
import { INCIDENT_CATEGORIES, INCIDENT_EXCUSES } from '../../domain/activities';

type Keys<K extends string> = [K, ...K[]];

const activityKey = z.enum(ACTIVITY_INDICATOR_KEYS as unknown as Keys<ActivityIndicatorKey>);
const indicatorKey = z.enum(INDICATORS.map((d) => d.key) as unknown as Keys<IndicatorKey>);
const mainKey = z.enum(MAIN_INDICATORS);
const section = z.enum(PERIOD_SECTIONS);

/** Every activity indicator with its value (shared/domain/period/ INDICATORS). */
export const activityFiguresDto = z.record(activityKey, z.number());

export const periodDto = z.object({
  from: z.string(),
  to: z.string(),
  /** "Năm 2022", "Giai đoạn 2020 - 2022". */
  label: z.string(),
  /** "Năm 2022", "Trong 03 năm qua": how a sentence opens. */
  intro: z.string(),
});

export const comparisonRowDto = z.object({
  key: indicatorKey,
  section,
  label: z.string(),
  unit: z.string(),
  depth: z.union([z.literal(0), z.literal(1)]),
  format: z.enum(['int', 'money', 'percent']),
  value: z.number(),
  previous: z.number(),
  difference: z.number(),
  percent: z.number().nullable(),
  text: z.string(),
  /** False for a rate or an average over nothing: shown as "—". */
  hasValue: z.boolean(),
  hasPrevious: z.boolean(),
});
export type ComparisonRowDto = z.infer<typeof comparisonRowDto>;

const organizationFigures = z.object({
  total: z.number().int(),
  byKind: z.object({ co_quan: z.number().int(), doanh_nghiep: z.number().int(), co_so_giao_duc: z.number().int() }),
  eligible: z.number().int(),
  ineligible: z.number().int(),
  incomplete: z.number().int(),
});

const massOrgFigures = z.object({
  organizations: z.number().int(),
  members: z.number().int(),
  effective: z.number().int(),
  byKind: z.array(z.object({ kindId: z.string(), kind: z.string(), organizations: z.number().int(), members: z.number().int(), effective: z.number().int() })),
});

/** A model first present in the scope during the period, and where its new sites are. */
export const newModelDto = z.object({
  modelId: z.string(),
  name: z.string(),
  typeName: z.string(),
  launchedOn: z.string(),
  newSites: z.number().int(),
  communes: z.object({ count: z.number().int(), kinds: z.array(z.string()), only: z.string().nullable() }),
  schools: z.object({ count: z.number().int(), eligible: z.number().int(), levels: z.array(z.string()) }).nullable(),
});
export type NewModelDto = z.infer<typeof newModelDto>;

const registryBlock = z.object({
  models: hd22CountsDto,
  newModels: z.array(newModelDto),
  massOrgs: massOrgFigures,
  organizations: organizationFigures,
});

/** An occurrence excused under Circular 124, with who confirmed it (incidents section). */
export const excusedDto = z.object({
  id: z.string(),
  occurredOn: z.string(),
  unitName: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  count: z.number().int(),
  excuse: z.enum(INCIDENT_EXCUSES),
  reason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
});

export const perUnitDto = z.object({
  unitId: z.string(),
  name: z.string(),
  /** The row of records entered on the chosen unit itself rather than on a unit below it. */
  direct: z.boolean(),
  /** The unit ended before or during the period (its records stay on its own row). */
  endedOn: z.string().nullable(),
  figures: z.record(mainKey, z.number()),
});
export type PerUnitDto = z.infer<typeof perUnitDto>;

export const periodFiguresDto = z.object({
  period: periodDto,
  previous: periodDto,
  /** How a sentence names the previous period ("so với cùng kỳ"). */
  comparedWith: z.string(),
  unitName: z.string(),
  activities: z.object({ current: activityFiguresDto, previous: activityFiguresDto }),
  registry: z.object({ current: registryBlock, previous: registryBlock }),
  /** Every indicator (activity and registry) in the report's order, with the change. */
  comparison: z.array(comparisonRowDto),
  sentences: z.record(section, z.string()),
  excused: z.array(excusedDto),
  perUnit: z.array(perUnitDto),
});
export type PeriodFiguresDto = z.infer<typeof periodFiguresDto>;

export const periodContract = {
  'period.figures': {
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        /** The part of the territory (with everything below it and merged into it); null = the whole office. */
        unitId: uuid.nullable(),
      })
      .strict(),
    output: periodFiguresDto,
  },
} as const;
