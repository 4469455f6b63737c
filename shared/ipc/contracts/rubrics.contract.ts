/**
 * Methods of the rule-set files, the evaluation settings and the point rubrics (issue 5):
 *  - ruleSets.*: the criteria files shipped with the app and those imported from the province;
 *  - evaluationSettings.*: the office's answers to the open questions of domain.md §5.6;
 *  - rubrics.*: the point tables (Decision 510 style), the self and reviewed scores, the classes.
 * A file travels as { fileName, base64 } both ways, kept byte-for-byte.
 */
import { z } from 'zod';
import { empty, fileBase64, optionalText, requiredText, uuid, year } from '../common';
import { REDUCED_MEANS, SUBUNIT_POOLS } from '../../domain/criteria/vocabulary';
import { CLASS_IDS, RUBRIC_SUBJECTS, type Rubric, type RubricScore } from '../../domain/criteria/rubric';

const fileName = z
  .string({ error: 'Thiếu tên tệp.' })
  .trim()
  .min(1, { error: 'Thiếu tên tệp.' })
  .max(255, { error: 'Tên tệp quá dài (tối đa 255 ký tự).' });

/** "<id>@<version>": one file of a rule set or rubric (an id may have several versions). */
const fileKey = z
  .string({ error: 'Thiếu mã tệp.' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@\d{4}-\d{2}-\d{2}$/, { error: 'Mã tệp không hợp lệ.' });

export const fileUpload = z.object({ fileName, base64: fileBase64 }).strict();
export const fileDto = z.object({ fileName: z.string(), base64: z.string() });
export type RuleSetFileDto = z.infer<typeof fileDto>;

export const importFileResultDto = z.object({
  key: z.string(),
  id: z.string(),
  version: z.string(),
  name: z.string(),
  /** 'unchanged': the same id+version with the same content was already there. */
  status: z.enum(['imported', 'unchanged']),
  message: z.string(),
});
export type ImportFileResultDto = z.infer<typeof importFileResultDto>;

const origin = z.enum(['shipped', 'imported']);

// ---------------------------------------------------------------------------------------------
// Rule sets

export const ruleSetSummaryDto = z.object({
  key: z.string(),
  id: z.string(),
  name: z.string(),
  version: z.string(),
  unitKinds: z.array(z.string()),
  source: z.string(),
  scope: z.enum(['quoc_gia', 'tinh']),
  issuer: z.string().nullable(),
  hash: z.string(),
  /** An illustration shipped with the app, not a real instrument. */
  example: z.boolean(),
  criteria: z.number().int(),
  origin,
  fileName: z.string(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
  /** Years whose frozen results were computed with this file. */
  frozenYears: z.array(z.number().int()),
});
export type RuleSetSummaryDto = z.infer<typeof ruleSetSummaryDto>;

export const ruleSetCriterionDto = z.object({
  id: z.string(),
  clause: z.string(),
  title: z.string(),
  explanation: z.string(),
  type: z.string(),
  notApplicableIf: z.array(z.object({ flag: z.string(), equals: z.boolean() })),
});
export type RuleSetCriterionDto = z.infer<typeof ruleSetCriterionDto>;

export const ruleSetDetailDto = ruleSetSummaryDto.omit({ criteria: true }).extend({
  note: z.string().nullable(),
  criteria: z.array(ruleSetCriterionDto),
});
export type RuleSetDetailDto = z.infer<typeof ruleSetDetailDto>;

// ---------------------------------------------------------------------------------------------
// Settings

export const settingsValue = z
  .object({
    reducedMeans: z.enum(REDUCED_MEANS, { error: 'Cách hiểu "kiềm chế, kéo giảm" không hợp lệ.' }),
    subunitPool: z.enum(SUBUNIT_POOLS, { error: 'Cách tính tỷ lệ 70% không hợp lệ.' }),
  })
  .strict();

export const evaluationSettingsDto = z.object({
  settings: settingsValue,
  defaults: settingsValue,
  /** false while the office has never saved: the defaults are in force. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type EvaluationSettingsDto = z.infer<typeof evaluationSettingsDto>;

// ---------------------------------------------------------------------------------------------
// Rubrics

export const classId = z.enum(CLASS_IDS);
export const rubricSubject = z.enum(RUBRIC_SUBJECTS, { error: 'Loại đối tượng không hợp lệ.' });

export const rubricSummaryDto = z.object({
  key: z.string(),
  id: z.string(),
  name: z.string(),
  version: z.string(),
  unitKinds: z.array(z.string()),
  source: z.string(),
  note: z.string().nullable(),
  example: z.boolean(),
  maxTotal: z.number(),
  bands: z.array(z.object({ class: classId, label: z.string(), min: z.number() })),
  hash: z.string(),
  origin,
  fileName: z.string(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
});
export type RubricSummaryDto = z.infer<typeof rubricSummaryDto>;

/** The parsed rubric (validated on import with parseRubric), for the scoring form. */
const rubricValue = z.custom<Rubric>((v) => typeof v === 'object' && v !== null);
const rubricScoreValue = z.custom<RubricScore>((v) => typeof v === 'object' && v !== null);

export const rubricDetailDto = rubricSummaryDto.extend({ rubric: rubricValue });
export type RubricDetailDto = z.infer<typeof rubricDetailDto>;

export const rubricInput = z.union([z.number(), z.boolean(), z.literal('khong_ap_dung')]);
export const scoreKind = z.enum(['tu_cham', 'tham_dinh'], { error: 'Loại chấm điểm không hợp lệ.' });
export type ScoreKind = z.infer<typeof scoreKind>;

export const scoreCellDto = z.object({
  kind: scoreKind,
  inputs: z.record(z.string(), rubricInput),
  /** Scored against the rubric version in force for the year (may differ from when it was entered). */
  score: rubricScoreValue,
  /** The version the inputs were entered against. */
  enteredVersion: z.string(),
  by: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type ScoreCellDto = z.infer<typeof scoreCellDto>;

export const scoreRowDto = z.object({
  subjectType: z.enum(['unit', 'organization']),
  subjectId: z.string(),
  name: z.string(),
  category: rubricSubject,
  /** The unit above (residential area → commune; organisation → its commune or district). */
  parentName: z.string().nullable(),
  self: scoreCellDto.nullable(),
  reviewed: scoreCellDto.nullable(),
  /** The class that counts: the reviewed score's, else the self-score's. */
  finalClass: classId.nullable(),
  finalLabel: z.string().nullable(),
  finalFrom: scoreKind.nullable(),
});
export type ScoreRowDto = z.infer<typeof scoreRowDto>;

export const rubricScoresDto = z.object({
  /** The rubric version in force for the year (latest effective on or before 31/12). */
  rubric: rubricDetailDto,
  rows: z.array(scoreRowDto),
  counts: z.object({ xuat_sac: z.number(), kha: z.number(), trung_binh: z.number(), yeu: z.number(), chua_xep_loai: z.number() }),
  /** "3 Xuất sắc, 45 Khá, 4 Trung bình" (classes with none are left out). */
  countsText: z.string(),
});
export type RubricScoresDto = z.infer<typeof rubricScoresDto>;

export const rubricsContract = {
  'ruleSets.list': { input: empty, output: z.array(ruleSetSummaryDto) },
  'ruleSets.get': { input: z.object({ key: fileKey }).strict(), output: ruleSetDetailDto },
  'ruleSets.import': { input: fileUpload.extend({ by: optionalText('Người nhập', 200).optional() }).strict(), output: importFileResultDto },
  'ruleSets.export': { input: z.object({ key: fileKey }).strict(), output: fileDto },
  'ruleSets.remove': { input: z.object({ key: fileKey }).strict(), output: z.null() },

  'evaluationSettings.get': { input: empty, output: evaluationSettingsDto },
  'evaluationSettings.set': {
    input: settingsValue.extend({ by: optionalText('Người thay đổi', 200).optional() }).strict(),
    output: evaluationSettingsDto,
  },

  'rubrics.list': { input: empty, output: z.array(rubricSummaryDto) },
  'rubrics.get': { input: z.object({ key: fileKey }).strict(), output: rubricDetailDto },
  'rubrics.import': { input: fileUpload.extend({ by: optionalText('Người nhập', 200).optional() }).strict(), output: importFileResultDto },
  'rubrics.export': { input: z.object({ key: fileKey }).strict(), output: fileDto },
  'rubrics.scores': {
    input: z
      .object({
        year,
        rubricId: z.string({ error: 'Chưa chọn biểu điểm.' }).min(1, { error: 'Chưa chọn biểu điểm.' }).max(64),
        category: rubricSubject.nullable(),
      })
      .strict(),
    output: rubricScoresDto,
  },
  'rubrics.score': {
    input: z
      .object({
        subject: uuid,
        year,
        rubricId: z.string({ error: 'Chưa chọn biểu điểm.' }).min(1, { error: 'Chưa chọn biểu điểm.' }).max(64),
        kind: scoreKind,
        items: z.record(z.string(), rubricInput, { error: 'Điểm các mục không hợp lệ.' }),
        by: requiredText('Người chấm', 200),
        note: optionalText('Ghi chú', 2000),
      })
      .strict(),
    output: scoreRowDto,
  },
} as const;
