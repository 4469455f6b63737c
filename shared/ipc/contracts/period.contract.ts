/**
 * Methods of the period figures (shared/domain/period/): for a period and a part of the territory,
 * the activity figures of this and the previous equal period with the change, the registry figures
 * of both, one sentence per report section, and the main figures of each unit directly below.
 */
import { z } from 'zod';
import { empty, isoDate, optionalText, requiredText, uuid } from '../common';
import { hd22CountsDto } from './models.contract';
import {
  ACTIVITY_INDICATOR_KEYS,
  CRIME_FIELDS,
  INDICATORS,
  MAIN_INDICATORS,
  PERIOD_SECTIONS,
  REGISTRATION_GROUPS,
  REPORT_INDICATOR_KEYS,
  type ActivityIndicatorKey,
  type IndicatorKey,
  type ReportIndicatorKey,
} from '../../domain/period';
import { CRIME_CATEGORIES, INCIDENT_CATEGORIES, INCIDENT_EXCUSES, type IncidentCategory } from '../../domain/activities';
import { LEADERSHIP_DOC_TYPES } from '../../domain/leadership';

type Keys<K extends string> = [K, ...K[]];

const activityKey = z.enum(ACTIVITY_INDICATOR_KEYS as unknown as Keys<ActivityIndicatorKey>);
const indicatorKey = z.enum(INDICATORS.map((d) => d.key) as unknown as Keys<IndicatorKey>);
const mainKey = z.enum(MAIN_INDICATORS);
const reportKey = z.enum(REPORT_INDICATOR_KEYS as unknown as Keys<ReportIndicatorKey>);
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
  /** Nothing entered behind the figure (no rating, no score): "thiếu dữ liệu". */
  missing: z.boolean(),
  missingPrevious: z.boolean(),
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
  byKind: z.array(
    z.object({
      kindId: z.string(),
      kind: z.string(),
      organizations: z.number().int(),
      members: z.number().int(),
      effective: z.number().int(),
    }),
  ),
});

/** A model first present in the scope during the period, and where its new sites are. */
export const newModelDto = z.object({
  modelId: z.string(),
  name: z.string(),
  typeName: z.string(),
  launchedOn: z.string(),
  newSites: z.number().int(),
  communes: z.object({ count: z.number().int(), kinds: z.array(z.string()), only: z.string().nullable(), names: z.array(z.string()) }),
  /** Units above the communes (huyện) where the model was newly built. */
  areas: z.array(z.string()),
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

const registrationCountDto = z.object({ total: z.number().int(), registered: z.number().int(), recognised: z.number().int() });

/** Registration and recognition of the period's last year per kind and group, households, sentences (issue 14 item 3). */
export const registrationBlockDto = z.object({
  figures: z.object({
    year: z.number().int(),
    groups: z.record(z.enum(REGISTRATION_GROUPS), registrationCountDto),
    households: z.object({ registered: z.number().int().nullable(), recorded: z.number().int(), missing: z.number().int() }),
  }),
  sentences: z.object({ registration: z.string(), recognition: z.string() }),
});
export type RegistrationBlockDto = z.infer<typeof registrationBlockDto>;

export const periodFiguresDto = z.object({
  period: periodDto,
  previous: periodDto,
  /** How a sentence names the previous period ("so với cùng kỳ"). */
  comparedWith: z.string(),
  unitName: z.string(),
  activities: z.object({ current: activityFiguresDto, previous: activityFiguresDto }),
  registry: z.object({ current: registryBlock, previous: registryBlock }),
  /** Leadership documents, Tổ bảo vệ ANTT ratings and Decision 510 classes of both periods. */
  report: z.object({ current: z.record(reportKey, z.number()), previous: z.record(reportKey, z.number()) }),
  registrations: registrationBlockDto,
  /** The office's trọng án list as the screen names it ("tội phạm rất nghiêm trọng; …"). */
  graveList: z.string(),
  /** Every indicator (activity and registry) in the report's order, with the change. */
  comparison: z.array(comparisonRowDto),
  sentences: z.record(section, z.string()),
  excused: z.array(excusedDto),
  perUnit: z.array(perUnitDto),
});
export type PeriodFiguresDto = z.infer<typeof periodFiguresDto>;

const crimeCategory = z.enum(CRIME_CATEGORIES as unknown as Keys<IncidentCategory>, { error: 'Loại tội phạm không hợp lệ.' });
const crimeField = z.enum(CRIME_FIELDS, { error: 'Lĩnh vực tội phạm không hợp lệ.' });
const categoryRule = z.object({ category: crimeCategory, grave: z.boolean(), field: crimeField.nullable() }).strict();

/** The office's period settings (issue 9 items 11 and 13). */
export const periodSettingsDto = z.object({
  /** First day of the statistical year, "MM-DD"; "01-01" = the calendar year. */
  statYearStart: z.string(),
  categories: z.array(categoryRule),
  /** false while the office has never saved: the shipped defaults are in force. */
  saved: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type PeriodSettingsDto = z.infer<typeof periodSettingsDto>;

export const leadershipDocDto = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  issuedOn: z.string(),
  docType: z.enum(LEADERSHIP_DOC_TYPES),
  number: z.string(),
  title: z.string(),
  note: z.string().nullable(),
});
export type LeadershipDocDto = z.infer<typeof leadershipDocDto>;

/** One enrolled office in the province's breakdown "Theo đơn vị gửi" (issue 12 item 7). */
export const officeBreakdownDto = z.object({
  officeCode: z.string(),
  name: z.string(),
  /** 'da_gui': figures from its applied files; 'chua_gui': no file applied; 'thieu_du_lieu': none for the period's year. */
  status: z.enum(['da_gui', 'chua_gui', 'thieu_du_lieu']),
  lastFile: z
    .object({ fileName: z.string(), sequence: z.number().int(), year: z.number().int().nullable(), appliedAt: z.string().nullable() })
    .nullable(),
  /** The province units its data sits in (the matched commune, or its own top units): the drill-down filter. */
  unitIds: z.array(z.string()),
  /** null unless status is 'da_gui': missing data is never shown as 0. */
  activity: z.record(mainKey, z.number()).nullable(),
  registry: z
    .object({
      residentialAreas: z.number().int(),
      households: z.number().int().nullable(),
      residents: z.number().int().nullable(),
      organizations: z.number().int(),
      modelSites: z.number().int(),
      massOrgs: z.number().int(),
      members: z.number().int(),
    })
    .nullable(),
});
export type OfficeBreakdownDto = z.infer<typeof officeBreakdownDto>;

export const periodContract = {
  'period.figures': {
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        /** The part of the territory (with everything below it and merged into it); null = the whole office. */
        unitId: uuid.nullable(),
        /** A client-made id to watch the reading (jobs.progress) and cancel it (jobs.cancel); optional. */
        jobId: uuid.nullish(),
      })
      .strict(),
    output: periodFiguresDto,
  },
  /** At the province: the figures of each enrolled office for the period; at an office, no rows. */
  'period.byOffice': {
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: z.object({ province: z.boolean(), offices: z.array(officeBreakdownDto) }),
  },
  'period.settings': { input: empty, output: periodSettingsDto },
  'period.saveSettings': {
    input: z
      .object({
        statYearStart: z.string({ error: 'Ngày bắt đầu năm thống kê không hợp lệ.' }),
        categories: z.array(categoryRule).max(CRIME_CATEGORIES.length),
        by: optionalText('Người thay đổi', 200).optional(),
      })
      .strict(),
    output: periodSettingsDto,
  },
  'leadershipDocs.list': {
    input: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }).strict(),
    output: z.array(leadershipDocDto),
  },
  'leadershipDocs.save': {
    input: z
      .object({
        id: uuid.nullable(),
        unitId: uuid,
        issuedOn: isoDate,
        docType: z.enum(LEADERSHIP_DOC_TYPES, { error: 'Loại văn bản không hợp lệ.' }),
        number: requiredText('Số, ký hiệu', 60),
        title: requiredText('Trích yếu', 500),
        note: optionalText('Ghi chú', 500),
      })
      .strict(),
    output: leadershipDocDto,
  },
  'leadershipDocs.delete': { input: z.object({ id: uuid }).strict(), output: z.object({ id: z.string() }) },
} as const;
