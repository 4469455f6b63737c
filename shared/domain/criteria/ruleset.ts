/**
 * Rule sets as data (domain.md §5, §5.7): the file format, its zod schema with Vietnamese messages,
 * the loader `parseRuleSet`, the export `ruleSetToJson`, and the choice of which rule sets apply to
 * a unit kind in a year.
 *
 * A rule set is one file: the criteria of one instrument for some unit kinds (Circular 124 art. 4
 * for residential areas, …) or a province's added criteria (TT124 art. 8.1). It is versioned by
 * effective date; a result records the id, version and content hash of every rule set used.
 *
 * Rule types (parameters in brackets):
 *  - ATTESTED    a person attests yes/no, with who and when (attestations[rule id]).
 *  - DATE_IN_Q1  every listed document dated 01/01–31/03 of the evaluation year [documents].
 *  - ZERO        no occurrence of the listed incident categories and/or named counts; an
 *                occurrence with an approved excuse is not counted when its category is excusable
 *                (INCIDENT_CATEGORY_INFO) and the rule honours excuses [incidents, counts,
 *                honourExcuses = true].
 *  - MIN         a named count ≥ min [count, min].
 *  - PCT         numerator / denominator ≥ min %, compared exactly as num·100 ≥ min·den (16/25 fails
 *                70 %, 18/25 passes) [ratio, min, zeroDenominator = 'khong_ap_dung'].
 *  - CMP_PREV    this window's count against the previous year's, per group or summed, "≤" or "<"
 *                by the setting reducedMeans [groups, compare = 'per_group'].
 *  - RATING      a rating at least a level of an ordered scale, or one of the accepted titles
 *                [subject, scale, min, orTitles].
 * Any rule may carry notApplicableIf: conditions on the unit's flags (domain's NA_IF).
 */
import { z } from 'zod';
import { isValidIsoDate } from '../../lib/dates';
import { INCIDENT_CATEGORIES } from '../activities';
import { evaluationPeriod } from './facts';
import { hashOf } from './hash';
import {
  COUNT_KEYS,
  DOCUMENT_KINDS,
  EMULATION_TITLES,
  EVALUATED_KINDS,
  FLAG_KEYS,
  RATING_SCALES,
  RATING_SUBJECTS,
  RATIO_KEYS,
  SCALE_INFO,
  type EvaluatedKind,
} from './vocabulary';
import { issueMessages, inputText, readJson, vietnameseErrorMap, dottedPath } from './zod-vi';

export const RULESET_FORMAT = 'antq.ruleset';
export const RULESET_FORMAT_VERSION = 1;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const idSchema = (what: string) =>
  z.string({ error: `Cần ${what} (chuỗi chữ).` }).regex(ID_PATTERN, {
    error: `${what[0]!.toUpperCase()}${what.slice(1)} chỉ gồm chữ không dấu, chữ số, dấu "-", "_", "." (tối đa 64 ký tự).`,
  });

const textSchema = (what: string, max: number) =>
  z
    .string({ error: `Cần ${what}.` })
    .trim()
    .min(1, { error: `${what[0]!.toUpperCase()}${what.slice(1)} không được để trống.`, abort: true })
    .max(max, { error: `${what[0]!.toUpperCase()}${what.slice(1)} quá dài (tối đa ${max} ký tự).` });

const isoDate = z
  .string({ error: 'Cần ngày dạng yyyy-MM-dd.' })
  .refine(isValidIsoDate, { error: 'Ngày không hợp lệ (cần dạng yyyy-MM-dd, ngày có thật).' });

function enumOf<const T extends readonly string[]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `Thiếu ${what.toLowerCase()}; chỉ chấp nhận: ${values.join(', ')}.`
        : `${what} "${inputText(iss.input)}" không có trong danh mục của phần mềm; chỉ chấp nhận: ${values.join(', ')}.`,
  });
}

function uniqueList<T extends z.ZodType>(item: T, what: string) {
  return z
    .array(item, { error: `Cần danh sách ${what}.` })
    .min(1, { error: `Danh sách ${what} không được rỗng.` })
    .refine((xs) => new Set(xs as unknown[]).size === xs.length, { error: `Danh sách ${what} có phần tử trùng nhau.` });
}

const incidentCategory = enumOf(INCIDENT_CATEGORIES, 'Loại vụ việc');

const conditionSchema = z.strictObject({
  flag: enumOf(FLAG_KEYS, 'Thông tin'),
  equals: z.boolean({ error: 'Cần "equals": true hoặc false.' }),
});
export type Condition = z.output<typeof conditionSchema>;

const clauseSchema = textSchema('điều khoản', 300).refine((s) => /Điều\s+\d+/u.test(s.normalize('NFC')), {
  error: 'Điều khoản phải ghi rõ điều (ví dụ "Điều 4 khoản 4 điểm b").',
});

const ruleBase = {
  id: idSchema('mã tiêu chí'),
  clause: clauseSchema,
  title: textSchema('tên tiêu chí', 300),
  explanation: textSchema('giải thích tiêu chí', 3000),
  notApplicableIf: z.array(conditionSchema).min(1, { error: 'Danh sách điều kiện không áp dụng không được rỗng.' }).optional(),
};

const attestedRule = z.strictObject({ ...ruleBase, type: z.literal('ATTESTED'), params: z.strictObject({}).optional() });

const dateRule = z.strictObject({
  ...ruleBase,
  type: z.literal('DATE_IN_Q1'),
  params: z.strictObject({ documents: uniqueList(enumOf(DOCUMENT_KINDS, 'Loại văn bản'), 'văn bản') }),
});

const zeroRule = z.strictObject({
  ...ruleBase,
  type: z.literal('ZERO'),
  params: z
    .strictObject({
      incidents: uniqueList(incidentCategory, 'loại vụ việc').optional(),
      counts: uniqueList(enumOf(COUNT_KEYS, 'Chỉ số'), 'chỉ số').optional(),
      honourExcuses: z.boolean({ error: 'Cần "honourExcuses": true hoặc false.' }).optional(),
    })
    .refine((p) => p.incidents !== undefined || p.counts !== undefined, {
      error: 'Tiêu chí "không để xảy ra" cần ít nhất một loại vụ việc ("incidents") hoặc chỉ số ("counts").',
    }),
});

const minRule = z.strictObject({
  ...ruleBase,
  type: z.literal('MIN'),
  params: z.strictObject({
    count: enumOf(COUNT_KEYS, 'Chỉ số'),
    min: z
      .number({ error: 'Cần số tối thiểu ("min").' })
      .int({ error: 'Số tối thiểu phải là số nguyên.' })
      .min(1, { error: 'Số tối thiểu phải từ 1 trở lên.' })
      .max(1_000_000),
  }),
});

const percentSchema = z
  .number({ error: 'Cần tỷ lệ tối thiểu ("min"), tính bằng %.' })
  .gt(0, { error: 'Tỷ lệ tối thiểu phải lớn hơn 0%.' })
  .max(100, { error: 'Tỷ lệ tối thiểu không được quá 100%.' })
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, { error: 'Tỷ lệ tối thiểu chỉ được có tối đa 2 chữ số thập phân.' });

const pctRule = z.strictObject({
  ...ruleBase,
  type: z.literal('PCT'),
  params: z.strictObject({
    ratio: enumOf(RATIO_KEYS, 'Tỷ lệ'),
    min: percentSchema,
    /** What 0/0 means: by default the rule does not apply (nothing to count). */
    zeroDenominator: enumOf(['khong_ap_dung', 'dat', 'khong_dat'] as const, 'Cách xử lý mẫu số 0').optional(),
  }),
});

const cmpGroup = z.strictObject({
  label: textSchema('tên nhóm', 200),
  incidents: uniqueList(incidentCategory, 'loại vụ việc'),
});

const cmpRule = z.strictObject({
  ...ruleBase,
  type: z.literal('CMP_PREV'),
  params: z.strictObject({
    groups: z.array(cmpGroup, { error: 'Cần danh sách nhóm ("groups").' }).min(1, { error: 'Cần ít nhất một nhóm so sánh.' }),
    compare: enumOf(['per_group', 'aggregate'] as const, 'Cách so sánh').optional(),
  }),
});

const ratingRule = z.strictObject({
  ...ruleBase,
  type: z.literal('RATING'),
  params: z
    .strictObject({
      subject: enumOf(RATING_SUBJECTS, 'Đối tượng xếp loại'),
      scale: enumOf(RATING_SCALES, 'Thang xếp loại'),
      min: textSchema('mức xếp loại tối thiểu', 64),
      orTitles: uniqueList(enumOf(EMULATION_TITLES, 'Danh hiệu'), 'danh hiệu').optional(),
    })
    .superRefine((p, ctx) => {
      const levels = SCALE_INFO[p.scale].levels;
      if (!levels.includes(p.min)) {
        ctx.addIssue({
          code: 'custom',
          path: ['min'],
          message: `Mức "${p.min}" không thuộc thang "${p.scale}"; chỉ chấp nhận: ${levels.join(', ')}.`,
        });
      }
    }),
});

const ruleSchema = z.discriminatedUnion('type', [attestedRule, dateRule, zeroRule, minRule, pctRule, cmpRule, ratingRule], {
  error: (iss) =>
    iss.input === undefined || (typeof iss.input === 'object' && iss.input !== null && !('type' in iss.input))
      ? 'Thiếu loại tiêu chí ("type").'
      : `Loại tiêu chí không hợp lệ; chỉ chấp nhận: ATTESTED, DATE_IN_Q1, ZERO, MIN, PCT, CMP_PREV, RATING.`,
});

export const ruleSetSchema = z
  .strictObject({
    format: z.literal(RULESET_FORMAT, { error: `Tệp không phải bộ tiêu chí của phần mềm (cần "format": "${RULESET_FORMAT}").` }),
    formatVersion: z.literal(RULESET_FORMAT_VERSION, {
      error: `Phiên bản định dạng không được hỗ trợ (cần "formatVersion": ${RULESET_FORMAT_VERSION}).`,
    }),
    id: idSchema('mã bộ tiêu chí'),
    name: textSchema('tên bộ tiêu chí', 300),
    /** Effective date: the version used for a year is the latest in force at the end of its window. */
    version: isoDate,
    unitKinds: uniqueList(enumOf(EVALUATED_KINDS, 'Loại đơn vị'), 'loại đơn vị áp dụng'),
    /** The instrument(s), e.g. "Thông tư 124/2021/TT-BCA, Điều 4". */
    source: textSchema('căn cứ', 500),
    /** 'quoc_gia': a national instrument; 'tinh': criteria a province adds (TT124 art. 8.1). */
    scope: enumOf(['quoc_gia', 'tinh'] as const, 'Phạm vi'),
    issuer: textSchema('cơ quan ban hành', 300).optional(),
    /** An illustration shipped with the app, not a real instrument: shown as such everywhere. */
    example: z.boolean().optional(),
    note: z.string().max(3000).optional(),
    rules: z
      .array(ruleSchema, { error: 'Cần danh sách tiêu chí ("rules").' })
      .min(1, { error: 'Bộ tiêu chí phải có ít nhất một tiêu chí.' }),
  })
  .superRefine((rs, ctx) => {
    const seen = new Map<string, number>();
    rs.rules.forEach((r, i) => {
      const first = seen.get(r.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `Mã tiêu chí "${r.id}" trùng với tiêu chí thứ ${first + 1}.` });
      } else seen.set(r.id, i);
    });
  });

export type RuleSet = z.output<typeof ruleSetSchema>;
export type Rule = RuleSet['rules'][number];
export type RuleOf<T extends Rule['type']> = Extract<Rule, { type: T }>;

function describePath(input: unknown) {
  return (path: readonly PropertyKey[]): string => {
    if (path.length === 0) return '';
    if (path[0] === 'rules' && typeof path[1] === 'number') {
      const i = path[1];
      const raw = (input as { rules?: unknown[] } | null)?.rules?.[i];
      const id =
        raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? ` ("${(raw as { id: string }).id}")` : '';
      const rest = path.slice(2);
      return `Tiêu chí thứ ${i + 1}${id}${rest.length ? `, trường "${dottedPath(rest)}"` : ''}`;
    }
    return `Trường "${dottedPath(path)}"`;
  };
}

/** Validates an already-parsed value as a rule set. */
export function validateRuleSet(value: unknown): { ok: true; value: RuleSet } | { ok: false; errors: string[] } {
  const r = ruleSetSchema.safeParse(value, { error: vietnameseErrorMap });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: issueMessages(r.error, describePath(value)) };
}

/** Loads a rule-set file's text: the rule set, or every problem found, in Vietnamese. */
export function parseRuleSet(jsonText: string): { ok: true; value: RuleSet } | { ok: false; errors: string[] } {
  const json = readJson(jsonText);
  if (!json.ok) return json;
  return validateRuleSet(json.value);
}

/** The file form of a rule set (export): stable, indented JSON that parseRuleSet reads back. */
export function ruleSetToJson(ruleSet: RuleSet): string {
  return `${JSON.stringify(ruleSet, null, 2)}\n`;
}

const hashCache = new WeakMap<RuleSet, string>();

/**
 * Content hash of a rule set: tells two files with the same id and version apart. Cached per
 * object (a rule set is treated as immutable once parsed; edit a copy, never the loaded object).
 */
export function ruleSetHash(ruleSet: RuleSet): string {
  let h = hashCache.get(ruleSet);
  if (h === undefined) {
    h = hashOf(ruleSet);
    hashCache.set(ruleSet, h);
  }
  return h;
}

/**
 * The rule sets that apply to a unit kind in a year: for each rule-set id, the latest version in
 * force on the last day of the kind's evaluation window. National sets first, then provincial,
 * each by id, so the order of results never depends on the order files were loaded in.
 */
export function selectRuleSets(all: readonly RuleSet[], kind: EvaluatedKind, year: number): RuleSet[] {
  const end = evaluationPeriod(kind, year).to;
  const latest = new Map<string, RuleSet>();
  for (const rs of all) {
    if (!rs.unitKinds.includes(kind) || rs.version > end) continue;
    const cur = latest.get(rs.id);
    if (!cur || rs.version > cur.version) latest.set(rs.id, rs);
  }
  return [...latest.values()].sort(compareRuleSets);
}

export function compareRuleSets(a: RuleSet, b: RuleSet): number {
  if (a.scope !== b.scope) return a.scope === 'quoc_gia' ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
