/**
 * Methods of the yearly evaluation (issue 5): the board of a year, one subject's registration,
 * workflow, live and frozen result, attestations and overrides, freezing and the XLSX export.
 *
 * A subject is a registry unit (residential area, commune) or an organisation
 * (`subjectType` + `subjectId`). Results carry every criterion's value, threshold, verdict,
 * explanation, sources and what is missing, as the engine (shared/domain/criteria) gives them.
 */
import { z } from 'zod';
import { isoDate, optionalText, pageRequest, pageResult, requiredText, uuid, year, count } from '../common';
import { BOARD_SORT_KEYS } from '../../domain/evaluation-board';
import { jobIdInput } from './jobs.contract';
import {
  ADVANCE_STEPS,
  BOARD_CATEGORIES,
  DECISION_OUTCOMES,
  HISTORY_ACTIONS,
  type MANUAL_COUNT_KEYS,
  RESOLUTION_FORMS,
  SUBJECT_TYPES,
  WORKFLOW_STATES,
} from '../../domain/evaluation';
import {
  EVALUATED_KINDS,
  OVERALL_RESULTS,
  OVERRIDE_VERDICTS,
  RULE_TYPES,
  VERDICTS,
  REDUCED_MEANS,
  SUBUNIT_POOLS,
  EMULATION_TITLES,
  XEP_LOAI_TAP_THE_LEVELS,
} from '../../domain/criteria/vocabulary';

const subjectType = z.enum(SUBJECT_TYPES, { error: 'Loại đối tượng không hợp lệ.' });
const boardCategory = z.enum(BOARD_CATEGORIES, { error: 'Nhóm đối tượng không hợp lệ.' });
const overall = z.enum(OVERALL_RESULTS);
const verdict = z.enum(VERDICTS);
const workflowState = z.enum(WORKFLOW_STATES);

/** Identifies one subject in one year. */
const subjectKey = {
  subjectType,
  subjectId: uuid,
  year,
};

const person = (label: string) => requiredText(label, 200);

// ---------------------------------------------------------------------------------------------
// Results (output)

export const sourceRefDto = z.object({ kind: z.string(), id: z.string().optional(), label: z.string() });

export const overrideDto = z.object({
  verdict: z.enum(OVERRIDE_VERDICTS),
  reason: z.string(),
  by: z.string(),
  on: z.string(),
});

export const ruleResultDto = z.object({
  ruleId: z.string(),
  ruleSetId: z.string(),
  clause: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.enum(RULE_TYPES),
  verdict,
  computedVerdict: verdict,
  override: overrideDto.optional(),
  value: z.string(),
  threshold: z.string(),
  explanation: z.string(),
  sources: z.array(sourceRefDto),
  missing: z.array(z.string()),
});
export type RuleResultDto = z.infer<typeof ruleResultDto>;

export const evaluationResultDto = z.object({
  formatVersion: z.literal(1),
  unitId: z.string(),
  unitName: z.string(),
  unitKind: z.enum(EVALUATED_KINDS),
  year: z.number().int(),
  ruleSets: z.array(z.object({ id: z.string(), name: z.string(), version: z.string(), hash: z.string(), example: z.boolean() })),
  settings: z.object({ reducedMeans: z.enum(REDUCED_MEANS), subunitPool: z.enum(SUBUNIT_POOLS) }),
  rules: z.array(ruleResultDto),
  overall,
  summary: z.string(),
  counts: z.record(verdict, z.number().int()),
  warnings: z.array(z.string()),
});
export type EvaluationResultDto = z.infer<typeof evaluationResultDto>;

export const frozenDifferenceDto = z.object({
  ruleId: z.string().nullable(),
  frozen: z.string().nullable(),
  live: z.string().nullable(),
  text: z.string(),
});

export const freezeInfoDto = z.object({ at: z.string(), by: z.string(), note: z.string().nullable() });

// ---------------------------------------------------------------------------------------------
// Board

export const boardRowDto = z.object({
  subjectType,
  subjectId: z.string(),
  name: z.string(),
  category: boardCategory,
  /** The rule-set kind (khu_dan_cu, xa, phuong, co_quan, …). */
  kind: z.enum(EVALUATED_KINDS),
  /** The commune (for residential areas and organisations) or district above the subject. */
  parentName: z.string().nullable(),
  status: workflowState,
  registeredOn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decidedOn: z.string().nullable(),
  live: overall,
  frozen: overall.nullable(),
  /** True when the live result differs from the frozen one in any verdict. */
  differs: z.boolean(),
  /**
   * True when the year is frozen and this subject's frozen result cannot be verified (changed or
   * deleted outside the app, or the seal itself is damaged): it counts as "không xác định".
   */
  tampered: z.boolean(),
  /** Why the frozen result is "không xác định" (null when it is verified or there is none). */
  sealProblem: z.string().nullable(),
  /** Units whose registration and Q1 documents this one carries (a unit formed during the year). */
  carriedFrom: z.array(z.string()),
  /** Registered itself or through every predecessor: what the "đã đăng ký" count counts. */
  registered: z.boolean(),
  /** False when no rule set covers the kind in the year (before Circular 124): `live` is then no verdict. */
  evaluated: z.boolean(),
  /** Rule ids whose (live) verdict is "không đạt". */
  failing: z.array(z.string()),
  /** Rule ids whose (live) verdict is "thiếu dữ liệu". */
  missing: z.array(z.string()),
});
export type BoardRowDto = z.infer<typeof boardRowDto>;

export const boardCountDto = z.object({
  category: boardCategory,
  label: z.string(),
  /** Subjects in scope (eligible organisations only). */
  total: z.number().int(),
  registered: z.number().int(),
  /** Live result "đạt"; null when none of the category's subjects was evaluated (no rule set that year). */
  dat: z.number().int().nullable(),
  /** Recognition decisions taken ("cong_nhan"). */
  recognised: z.number().int(),
  /** Frozen result "đạt", when the year is frozen (verified rows only). */
  frozenDat: z.number().int().nullable(),
  /** Frozen results that cannot be verified ("không xác định"), when the year is frozen. */
  frozenUnknown: z.number().int().nullable(),
  /** The sentences reports quote, e.g. "709/730 khu dân cư đạt tiêu chuẩn …". */
  sentences: z.array(z.string()),
});
export type BoardCountDto = z.infer<typeof boardCountDto>;

export const evaluationBoardDto = z.object({
  year: z.number().int(),
  frozen: freezeInfoDto.nullable(),
  rows: z.array(boardRowDto),
  counts: z.array(boardCountDto),
  /** Problems to show above the board (a tampered frozen row, a rule-set error). */
  warnings: z.array(z.string()),
  /** Set when no rule set covers (some of) the year's subjects: says so plainly (shared/domain/evaluation.ts noRuleSetNote). */
  ruleSetNote: z.string().nullable(),
});
export type EvaluationBoardDto = z.infer<typeof evaluationBoardDto>;

/**
 * One page of the board (evaluation.boardPage): the rows of the category and search in the asked
 * order, with the whole scope's counts, notes and warnings (the same as the whole board's).
 */
export const evaluationBoardPageDto = pageResult(boardRowDto).extend({
  /** How many rows of the question (category and search) are not registered yet: what "choose them all" would choose. */
  unregistered: z.number().int().nonnegative(),
  year: z.number().int(),
  frozen: freezeInfoDto.nullable(),
  counts: z.array(boardCountDto),
  warnings: z.array(z.string()),
  ruleSetNote: z.string().nullable(),
});
export type EvaluationBoardPageDto = z.infer<typeof evaluationBoardPageDto>;

// ---------------------------------------------------------------------------------------------
// Subject

export const registrationDto = z.object({
  id: z.string(),
  registeredOn: z.string(),
  late: z.boolean(),
  resolutionNumber: z.string().nullable(),
  resolutionDate: z.string().nullable(),
  resolutionForm: z.enum(RESOLUTION_FORMS).nullable(),
  planNumber: z.string().nullable(),
  planDate: z.string().nullable(),
  householdsRegistered: z.number().int().nullable(),
  staffBriefed: z.number().int().nullable(),
  staffTotal: z.number().int().nullable(),
  departmentsGood: z.number().int().nullable(),
  departmentsTotal: z.number().int().nullable(),
  note: z.string().nullable(),
  selfAssessedOn: z.string().nullable(),
  selfAssessmentChair: z.string().nullable(),
  proposalNumber: z.string().nullable(),
  proposedOn: z.string().nullable(),
  appraisedOn: z.string().nullable(),
  appraisedBy: z.string().nullable(),
  decision: z.enum(DECISION_OUTCOMES).nullable(),
  decisionNumber: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionSigner: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type RegistrationDto = z.infer<typeof registrationDto>;

export const historyEntryDto = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(HISTORY_ACTIONS),
  summary: z.string(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});

export const attestationDto = z.object({
  ruleId: z.string(),
  value: z.boolean(),
  by: z.string(),
  on: z.string(),
  note: z.string().nullable(),
});

export const overrideEntryDto = z.object({
  ruleId: z.string(),
  verdict: z.enum(OVERRIDE_VERDICTS),
  reason: z.string(),
  by: z.string(),
  on: z.string(),
});

/** What an officer recorded for a subject and year because no registry holds it. */
export const figuresDto = z.object({
  /** The year's incident statistics are complete (a category with no record had no occurrence). */
  statsComplete: z.boolean(),
  counts: z.object({
    ky_luat_luc_luong_bao_ve: z.number().int().nullable(),
    ky_luat_can_bo: z.number().int().nullable(),
    pham_toi_trong_truong: z.number().int().nullable(),
    te_nan_trong_truong: z.number().int().nullable(),
  } satisfies Record<(typeof MANUAL_COUNT_KEYS)[number], unknown>),
  securityForceLevel: z.enum(XEP_LOAI_TAP_THE_LEVELS).nullable(),
  securityForceTitles: z.array(z.enum(EMULATION_TITLES)),
  securityForceEligibleForTitles: z.boolean().nullable(),
  by: z.string(),
  on: z.string(),
  note: z.string().nullable(),
});
export type FiguresDto = z.infer<typeof figuresDto>;

export const evaluationSubjectDto = z.object({
  subjectType,
  subjectId: z.string(),
  year: z.number().int(),
  name: z.string(),
  kind: z.enum(EVALUATED_KINDS),
  category: boardCategory,
  parentName: z.string().nullable(),
  status: workflowState,
  /** The next step allowed, or null (register first / decided). */
  nextStep: z.enum(ADVANCE_STEPS).nullable(),
  deadlines: z.object({ registration: z.string(), decision: z.string() }),
  registration: registrationDto.nullable(),
  history: z.array(historyEntryDto),
  live: evaluationResultDto,
  frozen: z
    .object({
      at: z.string(),
      by: z.string(),
      result: evaluationResultDto,
      differences: z.array(frozenDifferenceDto),
      tampered: z.boolean(),
    })
    .nullable(),
  yearFrozen: freezeInfoDto.nullable(),
  attestations: z.array(attestationDto),
  overrides: z.array(overrideEntryDto),
  /** Figures recorded by an officer (null: none recorded). */
  figures: figuresDto.nullable(),
  warnings: z.array(z.string()),
  /** Set when no rule set covers the subject's kind in the year: `live` has no criteria and is no verdict. */
  ruleSetNote: z.string().nullable(),
});
export type EvaluationSubjectDto = z.infer<typeof evaluationSubjectDto>;

// ---------------------------------------------------------------------------------------------
// Inputs

const optionalCount = (label: string) => count(label).nullable();

/** The Q1 documents and figures of a registration (what `evaluation.register` records besides the subject). */
const registrationFields = {
  /** The date of the registration form (bản đăng ký). After 31/03 it is accepted but fails the Q1 criterion. */
  registeredOn: isoDate,
  resolutionNumber: optionalText('Số nghị quyết', 100),
  resolutionDate: isoDate.nullable(),
  resolutionForm: z.enum(RESOLUTION_FORMS, { error: 'Hình thức nghị quyết không hợp lệ.' }).nullable(),
  planNumber: optionalText('Số kế hoạch', 100),
  planDate: isoDate.nullable(),
  /** Residential areas: households that signed up. */
  householdsRegistered: optionalCount('Số hộ đăng ký'),
  /** Organisations: staff briefed on the internal rules and criteria, of all staff. */
  staffBriefed: optionalCount('Số người được quán triệt'),
  staffTotal: optionalCount('Tổng số người'),
  /** Organisations: departments titled or rated well, of all departments. */
  departmentsGood: optionalCount('Số phòng, ban đạt'),
  departmentsTotal: optionalCount('Tổng số phòng, ban'),
  note: optionalText('Ghi chú', 1000),
  /** Who recorded the registration (kept in the history). */
  by: optionalText('Người ghi nhận', 200).optional(),
};

const registerInput = z.object({ ...subjectKey, ...registrationFields }).strict();

const subjectRef = z.object({ subjectType, subjectId: uuid }).strict();
/** The most subjects one bulk registration takes (evaluation.registerMany). */
export const REGISTER_MANY_MAX = 10_000;
const manySubjects = z
  .array(subjectRef)
  .min(1, { error: 'Chưa chọn đơn vị nào.' })
  .max(REGISTER_MANY_MAX, { error: 'Quá nhiều đơn vị trong một lần (tối đa 10.000).' });

const stepBase = { ...subjectKey, date: isoDate };

const advanceInput = z.discriminatedUnion(
  'step',
  [
    z.object({ ...stepBase, step: z.literal('tu_danh_gia'), chair: person('Người chủ trì cuộc họp') }).strict(),
    z
      .object({
        ...stepBase,
        step: z.literal('de_nghi'),
        number: requiredText('Số tờ trình', 100),
        /** Who signed or sent the proposal (kept in the history). */
        by: optionalText('Người ký tờ trình', 200).optional(),
      })
      .strict(),
    z.object({ ...stepBase, step: z.literal('tham_dinh'), by: person('Cơ quan, người thẩm định') }).strict(),
    z
      .object({
        ...stepBase,
        step: z.literal('quyet_dinh'),
        outcome: z.enum(DECISION_OUTCOMES, { error: 'Kết quả quyết định không hợp lệ.' }),
        number: requiredText('Số quyết định', 100),
        signer: person('Người ký quyết định'),
        /** Required when recognising a subject whose result is not "đạt". */
        reason: optionalText('Lý do', 2000),
      })
      .strict(),
  ],
  { error: 'Bước không hợp lệ.' },
);

/** The board's question, as its pages and its "choose all" ask it: year, scope, category, search. */
const boardQuestion = {
  year,
  category: boardCategory.nullable(),
  unitId: uuid.nullable(),
  search: z.string().max(200, { error: 'Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).' }),
  jobId: jobIdInput,
};

export const evaluationContract = {
  'evaluation.board': {
    input: z
      .object({
        year,
        category: boardCategory.nullable(),
        /** A unit subtree (its descendants and the organisations managed inside it), or null for the office. */
        unitId: uuid.nullable(),
        /** Watch and cancel the computation (jobs.progress / jobs.cancel). */
        jobId: jobIdInput,
      })
      .strict(),
    output: evaluationBoardDto,
  },
  /**
   * The board read by pages (issue 16 item 2): the whole board of the year and scope is computed
   * (and kept) as `evaluation.board` computes it; a call answers one page of its rows, filtered by
   * category and a search ignoring diacritics (name and commune), in the board's order or a
   * column's, with the scope's counts, notes and warnings. The first page of a question may run
   * the first computation: `jobId` watches and cancels it.
   */
  'evaluation.boardPage': {
    input: z.object({ ...boardQuestion, page: pageRequest(BOARD_SORT_KEYS) }).strict(),
    output: evaluationBoardPageDto,
  },
  /**
   * Every subject of the board's question (year, scope, category, search as `evaluation.boardPage`)
   * not registered yet, in the board's order: what the board's "choose all" chooses when the rows
   * come by pages. Keys only; the same kept board as the pages.
   */
  'evaluation.boardUnregistered': {
    input: z.object(boardQuestion).strict(),
    output: z.object({ subjects: z.array(subjectRef) }),
  },
  'evaluation.subject': {
    input: z.object(subjectKey).strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.register': {
    input: registerInput,
    output: evaluationSubjectDto,
  },
  /**
   * One registration date and the same documents for many subjects of a year (from the board's
   * selection): every subject through the rules of `evaluation.register`, all or none. Subjects
   * already registered are refused (their own documents would be overwritten). Returns the board
   * rows the change touched, so the screen patches them instead of reloading the board.
   */
  'evaluation.registerMany': {
    input: z
      .object({
        year,
        subjects: manySubjects,
        registeredOn: isoDate,
        resolutionNumber: registrationFields.resolutionNumber,
        resolutionDate: registrationFields.resolutionDate,
        resolutionForm: registrationFields.resolutionForm,
        planNumber: registrationFields.planNumber,
        planDate: registrationFields.planDate,
        note: registrationFields.note,
        by: registrationFields.by,
      })
      .strict(),
    output: z.object({ registered: z.number().int(), rows: z.array(boardRowDto) }),
  },
  /**
   * The board rows of some subjects recomputed, with the rows their change can move (the commune
   * above, a successor carrying the registration): what the screen patches after a step.
   */
  'evaluation.boardRows': {
    input: z.object({ year, subjects: manySubjects }).strict(),
    output: z.object({ rows: z.array(boardRowDto) }),
  },
  'evaluation.advance': {
    input: advanceInput,
    output: evaluationSubjectDto,
  },
  'evaluation.undoStep': {
    input: z.object({ ...subjectKey, reason: requiredText('Lý do hủy bước', 1000), by: person('Người thực hiện') }).strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.attest': {
    input: z
      .object({
        ...subjectKey,
        ruleId: requiredText('Mã tiêu chí', 64),
        value: z.boolean({ error: 'Cần chọn có hoặc không.' }),
        by: person('Người xác nhận'),
        on: isoDate,
        note: optionalText('Ghi chú', 2000),
      })
      .strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.clearAttestation': {
    input: z
      .object({ ...subjectKey, ruleId: requiredText('Mã tiêu chí', 64), by: optionalText('Người thực hiện', 200).optional() })
      .strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.override': {
    input: z
      .object({
        ...subjectKey,
        ruleId: requiredText('Mã tiêu chí', 64),
        verdict: z.enum(OVERRIDE_VERDICTS, { error: 'Kết quả không hợp lệ.' }),
        reason: requiredText('Lý do', 2000),
        by: person('Người quyết định'),
        on: isoDate,
      })
      .strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.clearOverride': {
    input: z
      .object({ ...subjectKey, ruleId: requiredText('Mã tiêu chí', 64), by: optionalText('Người thực hiện', 200).optional() })
      .strict(),
    output: evaluationSubjectDto,
  },
  /**
   * Figures no registry holds (who and when): the year's incident statistics declared complete,
   * an organisation's discipline counts, its security force's rating. null = not known.
   */
  'evaluation.recordFigures': {
    input: z
      .object({
        ...subjectKey,
        statsComplete: z.boolean({ error: 'Cần chọn số liệu vụ việc đã đủ hay chưa.' }),
        counts: z
          .object({
            ky_luat_luc_luong_bao_ve: optionalCount('Số thành viên lực lượng bảo vệ bị kỷ luật'),
            ky_luat_can_bo: optionalCount('Số cá nhân bị kỷ luật'),
            pham_toi_trong_truong: optionalCount('Số người phạm tội'),
            te_nan_trong_truong: optionalCount('Số người mắc tệ nạn xã hội bị kỷ luật'),
          })
          .strict(),
        securityForceLevel: z.enum(XEP_LOAI_TAP_THE_LEVELS, { error: 'Mức xếp loại không hợp lệ.' }).nullable(),
        securityForceTitles: z.array(z.enum(EMULATION_TITLES, { error: 'Danh hiệu không hợp lệ.' })).max(2),
        /** Whether the security force is among those that take part in emulation titles (null: not known). */
        securityForceEligibleForTitles: z.boolean().nullable().default(null),
        by: person('Người xác nhận'),
        on: isoDate,
        note: optionalText('Ghi chú', 1000),
      })
      .strict(),
    output: evaluationSubjectDto,
  },
  'evaluation.freeze': {
    input: z.object({ year, by: person('Người chốt kết quả'), note: optionalText('Ghi chú', 1000), jobId: jobIdInput }).strict(),
    output: z.object({ year: z.number().int(), subjects: z.number().int(), at: z.string() }),
  },
  'evaluation.unfreeze': {
    input: z.object({ year, reason: requiredText('Lý do mở lại', 1000), by: person('Người mở lại') }).strict(),
    output: z.object({ year: z.number().int(), subjects: z.number().int() }),
  },
  /** Every freezing of a year, newest first, with who unfroze it, when and why. */
  'evaluation.freezes': {
    input: z.object({ year }).strict(),
    output: z.array(
      z.object({
        id: z.string(),
        year: z.number().int(),
        frozenAt: z.string(),
        frozenBy: z.string(),
        note: z.string().nullable(),
        subjects: z.number().int(),
        unfrozenAt: z.string().nullable(),
        unfrozenBy: z.string().nullable(),
        unfreezeReason: z.string().nullable(),
      }),
    ),
  },
  'evaluation.export': {
    input: z.object({ year, category: boardCategory.nullable(), unitId: uuid.nullable() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
} as const;
