/**
 * Point rubrics for the movement classification (Decision 510/QĐ-BCA-V05 style, domain.md §6.1).
 * Provinces issue their own point tables, so a rubric is data: items with maximum points, ranges,
 * deductions per occurrence with a floor of 0, one level of sub-items, knock-out items, optional
 * "not applicable" with re-normalisation, and the class bands (Xuất sắc, Khá, Trung bình, Yếu).
 * Nothing about bands or points is in code: importing a province's file changes the classes.
 *
 * Points are handled in hundredths as integers, so 0,25-point steps add up exactly. A knock-out
 * caps the class (at the named class, or the lowest band) — it never raises one. Self-score and
 * reviewed score are two calls of `scoreRubric` with two sets of inputs.
 */
import { z } from 'zod';
import { isValidIsoDate } from '../../lib/dates';
import { EVALUATED_KINDS } from './vocabulary';
import { numberText } from './text';
import { dottedPath, inputText, issueMessages, readJson, vietnameseErrorMap } from './zod-vi';

export const RUBRIC_FORMAT = 'antq.rubric';

export const CLASS_IDS = ['xuat_sac', 'kha', 'trung_binh', 'yeu'] as const;
export type ClassId = (typeof CLASS_IDS)[number];

export const CLASS_LABELS: Readonly<Record<ClassId, string>> = {
  xuat_sac: 'Xuất sắc',
  kha: 'Khá',
  trung_binh: 'Trung bình',
  yeu: 'Yếu',
};

/** QĐ510 also classifies districts; otherwise the kinds of Circular 124. */
export const RUBRIC_SUBJECTS = [...EVALUATED_KINDS, 'huyen'] as const;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const itemId = z
  .string({ error: 'Cần mã mục ("id").' })
  .regex(ID_PATTERN, { error: 'Mã mục chỉ gồm chữ không dấu, chữ số, dấu "-", "_", "." (tối đa 64 ký tự).' });
const text = (what: string, max: number) =>
  z
    .string({ error: `Cần ${what}.` })
    .trim()
    .min(1, { error: `Không được để trống ${what}.` })
    .max(max, { error: `${what} quá dài (tối đa ${max} ký tự).` });

const hundredths = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;
const points = (what: string) =>
  z
    .number({ error: `Cần ${what} (số điểm).` })
    .gt(0, { error: `${what} phải lớn hơn 0.` })
    .max(1000, { error: `${what} quá lớn.` })
    .refine(hundredths, { error: `${what} chỉ được có tối đa 2 chữ số thập phân.` });

/** "X không hợp lệ", or "Thiếu x" when the field is absent (never the word "undefined"). */
const badValue = (what: string, allowed: readonly string[]) => (iss: { input: unknown }) =>
  iss.input === undefined
    ? `Thiếu ${what.toLowerCase()}; chỉ chấp nhận: ${allowed.join(', ')}.`
    : `${what} "${inputText(iss.input)}" không hợp lệ; chỉ chấp nhận: ${allowed.join(', ')}.`;

const classId = z.enum(CLASS_IDS, { error: badValue('Xếp loại', CLASS_IDS) });

const leafBase = {
  id: itemId,
  title: text('tên mục', 500),
  clause: text('căn cứ của mục', 300).optional(),
  note: z.string().max(2000).optional(),
};
const naFlag = { allowNotApplicable: z.boolean().optional() };

const fixedItem = z.strictObject({ ...leafBase, ...naFlag, kind: z.literal('fixed'), points: points('Điểm của mục') });
const rangeItem = z
  .strictObject({ ...leafBase, ...naFlag, kind: z.literal('range'), max: points('Điểm tối đa'), step: points('Bước chấm điểm').optional() })
  .refine((i) => i.step === undefined || Math.round(i.max * 100) % Math.round(i.step * 100) === 0, {
    error: 'Điểm tối đa phải là bội số của bước chấm điểm.',
    path: ['step'],
  });
const deductionItem = z.strictObject({
  ...leafBase,
  ...naFlag,
  kind: z.literal('deduction'),
  max: points('Điểm tối đa'),
  perOccurrence: points('Số điểm trừ mỗi lần'),
});
const knockoutItem = z.strictObject({ ...leafBase, kind: z.literal('knockout'), forcesClass: classId.optional() });

const kindError = {
  error: (iss: { input?: unknown }) =>
    iss.input === undefined || (typeof iss.input === 'object' && iss.input !== null && !('kind' in iss.input))
      ? 'Thiếu loại mục ("kind").'
      : 'Loại mục không hợp lệ; chỉ chấp nhận: fixed, range, deduction, knockout, group.',
};
const leafItem = z.discriminatedUnion('kind', [fixedItem, rangeItem, deductionItem, knockoutItem], kindError);
const groupItem = z.strictObject({
  ...leafBase,
  kind: z.literal('group'),
  /** A cap on the sum of the sub-items; by default their sum. */
  max: points('Điểm tối đa của nhóm').optional(),
  items: z.array(leafItem, { error: 'Cần danh sách mục con ("items").' }).min(1, { error: 'Nhóm phải có ít nhất một mục con.' }),
});
const rubricItem = z.discriminatedUnion('kind', [fixedItem, rangeItem, deductionItem, knockoutItem, groupItem], kindError);

export type RubricLeaf = z.output<typeof leafItem>;
export type RubricGroup = z.output<typeof groupItem>;
export type RubricItem = z.output<typeof rubricItem>;

const band = z.strictObject({
  class: classId,
  /** Shown instead of the standard class name, when the province words it differently. */
  label: text('tên xếp loại', 100).optional(),
  /** Lowest total (inclusive) for this class. */
  min: z
    .number({ error: 'Cần điểm tối thiểu ("min") của mức xếp loại.' })
    .min(0, { error: 'Điểm tối thiểu không được âm.' })
    .refine(hundredths, {
      error: 'Điểm tối thiểu chỉ được có tối đa 2 chữ số thập phân.',
    }),
});

function leafMax(i: RubricLeaf): number {
  switch (i.kind) {
    case 'fixed':
      return i.points;
    case 'range':
    case 'deduction':
      return i.max;
    case 'knockout':
      return 0;
  }
}

function childrenMax(g: RubricGroup): number {
  return g.items.reduce((s, c) => s + Math.round(leafMax(c) * 100), 0) / 100;
}

function itemMax(i: RubricItem): number {
  return i.kind === 'group' ? (i.max ?? childrenMax(i)) : leafMax(i);
}

export const rubricSchema = z
  .strictObject({
    format: z.literal(RUBRIC_FORMAT, { error: `Tệp không phải biểu điểm của phần mềm (cần "format": "${RUBRIC_FORMAT}").` }),
    formatVersion: z.literal(1, { error: 'Phiên bản định dạng không được hỗ trợ (cần "formatVersion": 1).' }),
    id: z
      .string({ error: 'Cần mã biểu điểm ("id").' })
      .regex(ID_PATTERN, { error: 'Mã biểu điểm chỉ gồm chữ không dấu, chữ số, dấu "-", "_", ".".' }),
    name: text('tên biểu điểm', 300),
    version: z
      .string({ error: 'Cần ngày hiệu lực ("version").' })
      .refine(isValidIsoDate, { error: 'Ngày hiệu lực không hợp lệ (cần dạng yyyy-MM-dd).' }),
    source: text('căn cứ', 500),
    unitKinds: z
      .array(z.enum(RUBRIC_SUBJECTS, { error: badValue('Loại đơn vị', RUBRIC_SUBJECTS) }))
      .min(1, { error: 'Cần ít nhất một loại đơn vị áp dụng.' }),
    example: z.boolean().optional(),
    note: z.string().max(3000).optional(),
    /** Declared total; must equal the sum of the items, which catches a mistyped point in a file. */
    maxTotal: points('Tổng điểm tối đa'),
    /** When items are "không áp dụng", scale the earned points back to maxTotal. */
    renormalise: z.boolean().optional(),
    items: z.array(rubricItem, { error: 'Cần danh sách mục chấm điểm ("items").' }).min(1, { error: 'Biểu điểm phải có ít nhất một mục.' }),
    bands: z.array(band, { error: 'Cần danh sách mức xếp loại ("bands").' }).min(1, { error: 'Cần ít nhất một mức xếp loại.' }),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    const checkId = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `Mã mục "${id}" bị trùng.` });
      seen.add(id);
    };
    r.items.forEach((it, i) => {
      checkId(it.id, ['items', i, 'id']);
      if (it.kind === 'group') {
        it.items.forEach((c, j) => checkId(c.id, ['items', i, 'items', j, 'id']));
        if (it.max !== undefined && it.max > childrenMax(it)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'max'],
            message: `Điểm tối đa của nhóm (${numberText(it.max)}) lớn hơn tổng điểm các mục con (${numberText(childrenMax(it))}).`,
          });
        }
      }
    });
    const total = r.items.reduce((s, it) => s + Math.round(itemMax(it) * 100), 0) / 100;
    if (Math.round(total * 100) !== Math.round(r.maxTotal * 100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxTotal'],
        message: `Tổng điểm tối đa khai báo (${numberText(r.maxTotal)}) khác tổng điểm các mục (${numberText(total)}).`,
      });
    }
    const classes = r.bands.map((b) => b.class);
    if (new Set(classes).size !== classes.length)
      ctx.addIssue({ code: 'custom', path: ['bands'], message: 'Mỗi mức xếp loại chỉ được khai báo một lần.' });
    const ordered = [...r.bands].sort((a, b) => CLASS_IDS.indexOf(a.class) - CLASS_IDS.indexOf(b.class));
    for (let i = 1; i < ordered.length; i++) {
      if (ordered[i]!.min >= ordered[i - 1]!.min) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message: `Điểm tối thiểu của mức "${CLASS_LABELS[ordered[i]!.class]}" (${numberText(ordered[i]!.min)}) phải thấp hơn của mức "${CLASS_LABELS[ordered[i - 1]!.class]}" (${numberText(ordered[i - 1]!.min)}).`,
        });
      }
    }
    const lowest = ordered[ordered.length - 1];
    if (lowest && lowest.min !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: `Mức thấp nhất ("${CLASS_LABELS[lowest.class]}") phải bắt đầu từ 0 điểm để mọi tổng điểm đều được xếp loại.`,
      });
    }
    const top = ordered[0];
    if (top && top.min > r.maxTotal) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: `Điểm tối thiểu của mức "${CLASS_LABELS[top.class]}" vượt tổng điểm tối đa.`,
      });
    }
    const knockouts = r.items.flatMap((it, i) =>
      it.kind === 'group'
        ? it.items.map((c, j) => ({ c, path: ['items', i, 'items', j, 'forcesClass'] as (string | number)[] }))
        : [{ c: it, path: ['items', i, 'forcesClass'] as (string | number)[] }],
    );
    for (const { c, path } of knockouts) {
      if (c.kind === 'knockout' && c.forcesClass !== undefined && !classes.includes(c.forcesClass)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `Mức xếp loại "${CLASS_LABELS[c.forcesClass]}" không có trong danh sách mức xếp loại của biểu điểm.`,
        });
      }
    }
  });

export type Rubric = z.output<typeof rubricSchema>;

function describePath(input: unknown) {
  return (path: readonly PropertyKey[]): string => {
    if (path.length === 0) return '';
    if (path[0] === 'items' && typeof path[1] === 'number') {
      const raw = (input as { items?: unknown[] } | null)?.items?.[path[1]];
      const id =
        raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? ` ("${(raw as { id: string }).id}")` : '';
      const rest = path.slice(2);
      return `Mục thứ ${path[1] + 1}${id}${rest.length ? `, trường "${dottedPath(rest)}"` : ''}`;
    }
    if (path[0] === 'bands' && typeof path[1] === 'number') {
      const rest = path.slice(2);
      return `Mức xếp loại thứ ${path[1] + 1}${rest.length ? `, trường "${dottedPath(rest)}"` : ''}`;
    }
    return `Trường "${dottedPath(path)}"`;
  };
}

export function validateRubric(value: unknown): { ok: true; value: Rubric } | { ok: false; errors: string[] } {
  const r = rubricSchema.safeParse(value, { error: vietnameseErrorMap });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: issueMessages(r.error, describePath(value)) };
}

/** Loads a rubric file's text: the rubric, or every problem found, in Vietnamese. */
export function parseRubric(jsonText: string): { ok: true; value: Rubric } | { ok: false; errors: string[] } {
  const json = readJson(jsonText);
  if (!json.ok) return json;
  return validateRubric(json.value);
}

export function rubricToJson(rubric: Rubric): string {
  return `${JSON.stringify(rubric, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Scoring

/**
 * One input per scored item: fixed → true/false (met or not); range → the points given;
 * deduction → the number of occurrences; knockout → true when the event occurred;
 * 'khong_ap_dung' where the item allows it. Groups are not scored directly, their sub-items are.
 */
export type RubricInput = number | boolean | 'khong_ap_dung';
export type RubricInputs = Readonly<Record<string, RubricInput>>;

export interface ScoredItem {
  id: string;
  title: string;
  kind: RubricItem['kind'];
  /** null: not scored (missing, invalid or not applicable). */
  points: number | null;
  max: number;
  notApplicable: boolean;
  explanation: string;
  items?: ScoredItem[];
}

export interface RubricScore {
  rubricId: string;
  rubricVersion: string;
  example: boolean;
  /** The total that decides the class (re-normalised when the rubric says so). */
  total: number;
  /** Points earned before any re-normalisation. */
  earned: number;
  maxTotal: number;
  /** Maximum reachable over the applicable items. */
  applicableMax: number;
  items: ScoredItem[];
  /** Class by points alone. */
  classByPoints: ClassId | null;
  /** Final class after knock-outs; null while an input is missing or invalid. */
  class: ClassId | null;
  classLabel: string | null;
  knockouts: { id: string; title: string; forcesClass: ClassId }[];
  explanation: string;
  missing: string[];
  errors: string[];
}

const H = (n: number) => Math.round(n * 100);
const fromH = (h: number) => h / 100;
const pts = (h: number) => numberText(fromH(h));

interface LeafOutcome {
  h: number | null;
  maxH: number;
  na: boolean;
  explanation: string;
  knockout?: boolean;
}

function scoreLeaf(item: RubricLeaf, input: RubricInput | undefined, missing: string[], errors: string[]): LeafOutcome {
  const maxH = H(leafMax(item));
  const where = `Mục "${item.id}" (${item.title})`;
  if (input === undefined) {
    missing.push(`${item.id}: ${item.title}`);
    return { h: null, maxH, na: false, explanation: 'Chưa chấm.' };
  }
  if (input === 'khong_ap_dung') {
    if (item.kind !== 'knockout' && item.allowNotApplicable) return { h: null, maxH: 0, na: true, explanation: 'Không áp dụng.' };
    errors.push(`${where}: biểu điểm không cho phép ghi "không áp dụng".`);
    return { h: null, maxH, na: false, explanation: 'Giá trị không hợp lệ.' };
  }
  switch (item.kind) {
    case 'fixed':
      if (typeof input !== 'boolean') {
        errors.push(`${where}: cần ghi đạt hoặc không đạt (true/false).`);
        return { h: null, maxH, na: false, explanation: 'Giá trị không hợp lệ.' };
      }
      return { h: input ? maxH : 0, maxH, na: false, explanation: input ? `Đạt: ${pts(maxH)} điểm.` : 'Không đạt: 0 điểm.' };
    case 'range': {
      if (typeof input !== 'number' || !Number.isFinite(input) || input < 0 || input > item.max || !hundredths(input)) {
        errors.push(`${where}: điểm phải từ 0 đến ${numberText(item.max)}, tối đa 2 chữ số thập phân.`);
        return { h: null, maxH, na: false, explanation: 'Giá trị không hợp lệ.' };
      }
      if (item.step !== undefined && H(input) % H(item.step) !== 0) {
        errors.push(`${where}: điểm phải là bội số của ${numberText(item.step)}.`);
        return { h: null, maxH, na: false, explanation: 'Giá trị không hợp lệ.' };
      }
      return { h: H(input), maxH, na: false, explanation: `${numberText(input)}/${numberText(item.max)} điểm.` };
    }
    case 'deduction': {
      if (typeof input !== 'number' || !Number.isInteger(input) || input < 0) {
        errors.push(`${where}: cần số lần xảy ra (số nguyên không âm).`);
        return { h: null, maxH, na: false, explanation: 'Giá trị không hợp lệ.' };
      }
      const perH = H(item.perOccurrence);
      const h = Math.max(0, maxH - input * perH);
      return {
        h,
        maxH,
        na: false,
        explanation:
          input === 0
            ? `Không có trường hợp phải trừ: ${pts(maxH)} điểm.`
            : `${input} lần × ${pts(perH)} điểm = trừ ${pts(input * perH)}${input * perH > maxH ? ` (không trừ quá ${pts(maxH)})` : ''}: còn ${pts(h)} điểm.`,
      };
    }
    case 'knockout':
      if (typeof input !== 'boolean') {
        errors.push(`${where}: cần ghi có xảy ra hay không (true/false).`);
        return { h: null, maxH: 0, na: false, explanation: 'Giá trị không hợp lệ.' };
      }
      return {
        h: 0,
        maxH: 0,
        na: false,
        knockout: input,
        explanation: input ? 'Có xảy ra: áp dụng mức xếp loại bắt buộc.' : 'Không xảy ra.',
      };
  }
}

function worse(a: ClassId, b: ClassId): ClassId {
  return CLASS_IDS.indexOf(a) >= CLASS_IDS.indexOf(b) ? a : b;
}

function bandLabel(rubric: Rubric, c: ClassId): string {
  return rubric.bands.find((b) => b.class === c)?.label ?? CLASS_LABELS[c];
}

/** Scores one set of inputs (a self-score or a reviewed score) against a rubric. */
export function scoreRubric(rubric: Rubric, inputs: RubricInputs): RubricScore {
  const missing: string[] = [];
  const errors: string[] = [];
  const knockouts: RubricScore['knockouts'] = [];
  const lowest = [...rubric.bands].sort((a, b) => CLASS_IDS.indexOf(b.class) - CLASS_IDS.indexOf(a.class))[0]!.class;
  const known = new Set<string>();
  const leaf = (item: RubricLeaf): ScoredItem => {
    known.add(item.id);
    const o = scoreLeaf(item, inputs[item.id], missing, errors);
    if (o.knockout && item.kind === 'knockout') knockouts.push({ id: item.id, title: item.title, forcesClass: item.forcesClass ?? lowest });
    return {
      id: item.id,
      title: item.title,
      kind: item.kind,
      points: o.h === null ? null : fromH(o.h),
      max: fromH(o.maxH),
      notApplicable: o.na,
      explanation: o.explanation,
    };
  };
  let earnedH = 0;
  let applicableH = 0;
  const items: ScoredItem[] = rubric.items.map((item) => {
    if (item.kind !== 'group') {
      const s = leaf(item);
      if (s.points !== null) earnedH += H(s.points);
      if (!s.notApplicable) applicableH += H(s.max);
      return s;
    }
    known.add(item.id);
    const children = item.items.map(leaf);
    const capH = item.max === undefined ? null : H(item.max);
    const sumH = children.reduce((s, c) => s + (c.points === null ? 0 : H(c.points)), 0);
    const childMaxH = children.reduce((s, c) => s + (c.notApplicable ? 0 : H(c.max)), 0);
    const gotH = capH === null ? sumH : Math.min(sumH, capH);
    const maxH = capH === null ? childMaxH : Math.min(capH, childMaxH);
    const allNa = children.every((c) => c.notApplicable);
    const anyNull = children.some((c) => c.points === null && !c.notApplicable);
    earnedH += gotH;
    applicableH += maxH;
    return {
      id: item.id,
      title: item.title,
      kind: 'group',
      points: anyNull || allNa ? null : fromH(gotH),
      max: fromH(maxH),
      notApplicable: allNa,
      explanation: allNa
        ? 'Không áp dụng.'
        : `${pts(gotH)}/${pts(maxH)} điểm${capH !== null && sumH > capH ? ` (tổng các mục con ${pts(sumH)}, tính tối đa ${pts(capH)})` : ''}.`,
      items: children,
    };
  });
  for (const id of Object.keys(inputs).sort()) {
    if (!known.has(id)) errors.push(`Mục "${id}" không có trong biểu điểm "${rubric.name}".`);
  }
  for (const it of rubric.items) {
    if (it.kind === 'group' && inputs[it.id] !== undefined) errors.push(`Mục "${it.id}" là nhóm; hãy chấm từng mục con.`);
  }
  const maxTotalH = H(rubric.maxTotal);
  const renormalised = rubric.renormalise === true && applicableH > 0 && applicableH < maxTotalH;
  const totalH = renormalised ? Math.floor((earnedH * maxTotalH) / applicableH) : earnedH;
  const complete = missing.length === 0 && errors.length === 0;
  const sortedBands = [...rubric.bands].sort((a, b) => b.min - a.min);
  const byPoints = complete ? (sortedBands.find((b) => totalH >= H(b.min))?.class ?? lowest) : null;
  let finalClass = byPoints;
  if (finalClass !== null) for (const k of knockouts) finalClass = worse(finalClass, k.forcesClass);
  const totalText = `${pts(totalH)}/${pts(maxTotalH)} điểm${renormalised ? ` (quy đổi từ ${pts(earnedH)}/${pts(applicableH)} điểm của các mục áp dụng)` : ''}`;
  let explanation: string;
  if (!complete) {
    explanation = `${totalText} — chưa xếp loại: ${missing.length ? `còn ${missing.length} mục chưa chấm` : ''}${missing.length && errors.length ? '; ' : ''}${errors.length ? `${errors.length} mục có giá trị không hợp lệ` : ''}.`;
  } else {
    const band = rubric.bands.find((b) => b.class === byPoints)!;
    const higher = sortedBands.filter((b) => b.min > band.min).map((b) => b.min);
    const upper = higher.length ? Math.min(...higher) : null;
    explanation = `${totalText}: ${bandLabel(rubric, byPoints!)} (từ ${numberText(band.min)}${upper !== null ? ` đến dưới ${numberText(upper)}` : ''} điểm)`;
    if (finalClass !== byPoints) {
      explanation += `; do ${knockouts.map((k) => `"${k.title}"`).join(', ')} nên xếp loại ${bandLabel(rubric, finalClass!)}`;
    }
    explanation += '.';
  }
  return {
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    example: rubric.example === true,
    total: fromH(totalH),
    earned: fromH(earnedH),
    maxTotal: rubric.maxTotal,
    applicableMax: fromH(applicableH),
    items,
    classByPoints: byPoints,
    class: finalClass,
    classLabel: finalClass === null ? null : bandLabel(rubric, finalClass),
    knockouts,
    explanation,
    missing,
    errors,
  };
}
