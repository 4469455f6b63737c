/**
 * Methods of the models feature: the catalogue of model types, models with their dated status log,
 * yearly effectiveness ratings and exemplar recognitions, and the sites where models are applied
 * (Guidance 22/HD-BCA-V05; shared/domain/models.ts holds the rules and the counting).
 */
import { z } from 'zod';
import { count, isoDate, listFilter, optionalText, requiredText, uuid, year } from '../common';
import { CHANGE_STATUSES, INITIAL_STATUSES, MODEL_GROUPS, MODEL_RATINGS, MODEL_STATUSES, ORIGIN_LEVELS } from '../../domain/models';

export const modelGroup = z.enum(MODEL_GROUPS, { error: 'Nhóm mô hình không hợp lệ.' });
export const modelStatus = z.enum(MODEL_STATUSES, { error: 'Trạng thái mô hình không hợp lệ.' });
export const originLevel = z.enum(ORIGIN_LEVELS, { error: 'Cấp xây dựng không hợp lệ.' });
export const modelRating = z.enum(MODEL_RATINGS, { error: 'Kết quả đánh giá không hợp lệ.' });

export const modelTypeDto = z.object({
  id: z.string(),
  name: z.string(),
  group: modelGroup,
  active: z.boolean(),
  /** Shipped with the app (same id in every office). */
  builtin: z.boolean(),
  /** Live models of this type: a used type can be deactivated but not deleted. */
  models: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelTypeDto = z.infer<typeof modelTypeDto>;

export const modelDto = z.object({
  id: z.string(),
  name: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  typeGroup: modelGroup,
  originUnitId: z.string(),
  originUnitName: z.string(),
  originLevel,
  foundedOn: z.string(),
  status: modelStatus,
  /** The launch (first step after a proposal); null while only proposed. */
  operatingSince: z.string().nullable(),
  retiredOn: z.string().nullable(),
  retireReason: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelDto = z.infer<typeof modelDto>;

/** One row of the models list: the model and the sites counted under the list's filter. */
export const modelRowDto = modelDto.extend({
  sites: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  exemplary: z.boolean(),
});
export type ModelRowDto = z.infer<typeof modelRowDto>;

export const modelEventDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  status: modelStatus,
  on: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ModelEventDto = z.infer<typeof modelEventDto>;

export const modelRatingDto = z.object({
  id: z.string(),
  modelId: z.string(),
  year: z.number().int(),
  rating: modelRating,
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type ModelRatingDto = z.infer<typeof modelRatingDto>;

export const modelRecognitionDto = z.object({
  id: z.string(),
  modelId: z.string(),
  recognisedBy: z.string(),
  decisionNumber: z.string().nullable(),
  recognisedOn: z.string(),
  note: z.string().nullable(),
});
export type ModelRecognitionDto = z.infer<typeof modelRecognitionDto>;

export const modelSiteDto = z.object({
  id: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** Names from the office's root down to the unit, for display. */
  unitPath: z.array(z.string()),
  organizationName: z.string().nullable(),
  /** The organisation record the site is in (agency, enterprise, school), when it is one. */
  organizationId: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  teams: z.number().int(),
  members: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelSiteDto = z.infer<typeof modelSiteDto>;

export const hd22CountsDto = z.object({
  modelTypes: z.number().int(),
  models: z.number().int(),
  sites: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  newModels: z.number().int(),
  newSites: z.number().int(),
  replicated: z.number().int(),
  retired: z.number().int(),
  effective: z.number().int(),
  exemplary: z.number().int(),
});
export type Hd22CountsDto = z.infer<typeof hd22CountsDto>;

const typeName = requiredText('Tên loại mô hình', 200);
const modelName = requiredText('Tên mô hình', 300);
const note = optionalText('Ghi chú', 1000);
const siteFields = {
  unitId: uuid,
  organizationName: optionalText('Tên cơ quan, tổ chức', 300),
  /** The organisation record (chosen from the list); its name replaces the typed one. */
  organizationId: uuid.nullable().default(null),
  startedOn: isoDate,
  teams: count('Số tổ'),
  members: count('Số thành viên'),
  note,
};

export const modelsContract = {
  'modelTypes.list': {
    input: z.object({ includeInactive: z.boolean() }).strict(),
    output: z.array(modelTypeDto),
  },
  'modelTypes.create': {
    input: z.object({ name: typeName, group: modelGroup }).strict(),
    output: modelTypeDto,
  },
  'modelTypes.update': {
    input: z.object({ id: uuid, name: typeName, group: modelGroup, active: z.boolean() }).strict(),
    output: modelTypeDto,
  },
  'modelTypes.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
  /**
   * kind = model type id, status = current status, year = present in that year (domain/models.ts;
   * a proposal that never launched is listed in the years from its proposal to its abandonment).
   * Site figures of a row: its sites in the unit subtree operating in the year (today without one).
   */
  'models.list': {
    input: listFilter,
    output: z.array(modelRowDto),
  },
  'models.get': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({
      model: modelDto,
      sites: z.array(modelSiteDto),
      events: z.array(modelEventDto),
      ratings: z.array(modelRatingDto),
      recognitions: z.array(modelRecognitionDto),
      /** Steps models.changeStatus accepts now (retiring is separate). */
      nextStatuses: z.array(modelStatus),
      /** Steps taken back with models.undoStatus, latest first. */
      undone: z.array(modelEventDto.extend({ undoneAt: z.string() })),
    }),
  },
  'models.create': {
    input: z
      .object({
        name: modelName,
        typeId: uuid,
        originUnitId: uuid,
        originLevel,
        foundedOn: isoDate,
        status: z.enum(INITIAL_STATUSES, { error: 'Mô hình mới chỉ có thể ở trạng thái Đề xuất, Đã ra mắt hoặc Đang hoạt động.' }),
        note,
      })
      .strict(),
    output: modelDto,
  },
  'models.update': {
    input: z
      .object({
        id: uuid,
        name: modelName,
        typeId: uuid,
        originUnitId: uuid,
        originLevel,
        foundedOn: isoDate,
        note,
      })
      .strict(),
    output: modelDto,
  },
  'models.changeStatus': {
    input: z
      .object({
        id: uuid,
        status: z.enum(CHANGE_STATUSES, { error: 'Trạng thái mới không hợp lệ (thanh loại mô hình bằng chức năng riêng).' }),
        on: isoDate,
        note,
      })
      .strict(),
    output: modelDto,
  },
  /** Takes back the last status step (not the first, not a retirement); the step is kept as undone. */
  'models.undoStatus': {
    input: z.object({ id: uuid }).strict(),
    output: modelDto,
  },
  'models.retire': {
    input: z
      .object({
        id: uuid,
        on: isoDate,
        reason: requiredText('Lý do thanh loại', 1000),
      })
      .strict(),
    output: z.object({ model: modelDto, endedSites: z.number().int() }),
  },
  'models.rate': {
    input: z.object({ id: uuid, year, rating: modelRating, note }).strict(),
    output: modelRatingDto,
  },
  'models.recognise': {
    input: z
      .object({
        id: uuid,
        recognisedBy: requiredText('Cơ quan công nhận', 300),
        decisionNumber: optionalText('Số quyết định', 100),
        recognisedOn: isoDate,
        note,
      })
      .strict(),
    output: modelRecognitionDto,
  },
  'models.removeRecognition': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
  'models.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
  /** HD22 figures for a period and a unit subtree (null = the whole office). */
  'models.summary': {
    input: z.object({ from: isoDate, to: isoDate, unitId: uuid.nullable() }).strict(),
    output: hd22CountsDto,
  },
  /** kind = model id, status = dang_hoat_dong | da_ket_thuc, year = operating in that year. */
  'modelSites.list': {
    input: listFilter,
    output: z.array(modelSiteDto),
  },
  'modelSites.create': {
    input: z.object({ modelId: uuid, ...siteFields }).strict(),
    output: modelSiteDto,
  },
  'modelSites.update': {
    input: z.object({ id: uuid, ...siteFields }).strict(),
    output: modelSiteDto,
  },
  'modelSites.end': {
    input: z.object({ id: uuid, endedOn: isoDate, reason: optionalText('Lý do', 1000) }).strict(),
    output: modelSiteDto,
  },
  'modelSites.reopen': {
    input: z.object({ id: uuid }).strict(),
    output: modelSiteDto,
  },
  'modelSites.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
} as const;
