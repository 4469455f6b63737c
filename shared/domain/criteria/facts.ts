/**
 * The facts of one unit for one evaluation year: everything the engine reads, in one typed,
 * serialisable object (`UnitFacts`), plus its zod schema for crossings (IPC, frozen records) and the
 * few pure helpers that turn records into facts.
 *
 * Missing is explicit. A fact that is absent (undefined) means "not known" and makes the rules
 * that need it "thiếu dữ liệu", naming what is missing; it is never read as 0 or as "no". Where
 * "known to be absent" is itself a fact, it has its own value:
 *  - a document set to null: the unit is known to have no such document (not registered) → the Q1
 *    rule fails visibly;
 *  - an incident table that is present: the year's statistics were entered for every completeness
 *    group not listed in its `missingGroups`, and a category of such a group absent from it had no
 *    occurrence. The facts builder decides, per group, when statistics count as entered (a row of
 *    the group or a declaration "đã nhập đủ"; incident-categories.ts).
 *
 * Sources are whatever the caller wants a person to see as "where the value came from": record
 * ids and labels. The engine copies them into each criterion's result; it never interprets them.
 */
import { z } from 'zod';
import { isValidIsoDate, formatDateVi } from '../../lib/dates';
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_INFO, INCIDENT_EXCUSES, type IncidentCategory, type IncidentRecord } from '../activities';
import {
  COUNT_KEYS,
  DOCUMENT_KINDS,
  EMULATION_TITLES,
  EVALUATED_KINDS,
  FLAG_KEYS,
  OVERRIDE_VERDICTS,
  RATING_SCALES,
  RATING_SUBJECTS,
  SCALE_INFO,
  SUB_UNIT_CATEGORIES,
  type EvaluatedKind,
} from './vocabulary';
import { issueMessages, dottedPath, vietnameseErrorMap } from './zod-vi';
import { COMPLETENESS_GROUPS, type CompletenessGroup } from '../incident-categories';

// ---------------------------------------------------------------------------------------------
// Periods

export interface DateRange {
  from: string;
  to: string;
}

/**
 * The evaluation window of a unit kind for year Y (TT124, domain.md §1.4): residential areas
 * 01/11(Y-1)–31/10(Y); communes, agencies, enterprises and schools 16/11(Y-1)–15/11(Y). Incident
 * counts and "this year against last year" are taken over these windows.
 */
export function evaluationPeriod(kind: EvaluatedKind, year: number): DateRange {
  const y = String(year).padStart(4, '0');
  const p = String(year - 1).padStart(4, '0');
  return kind === 'khu_dan_cu' ? { from: `${p}-11-01`, to: `${y}-10-31` } : { from: `${p}-11-16`, to: `${y}-11-15` };
}

/** Calendar Q1 of the evaluation year (domain.md §5.6 N4), whatever the evaluation window. */
export function firstQuarter(year: number): DateRange {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-03-31` };
}

// ---------------------------------------------------------------------------------------------
// Schema

const isoDate = z
  .string({ error: 'Ngày phải là chuỗi dạng yyyy-MM-dd.' })
  .refine(isValidIsoDate, { error: 'Ngày không hợp lệ (cần dạng yyyy-MM-dd, ngày có thật).' });
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000_000);

export const sourceRefSchema = z.strictObject({
  /** What kind of record: 'incident', 'document', 'model', 'rating', 'unit', 'attestation' … */
  kind: text(40),
  id: z.string().max(100).optional(),
  label: text(500),
});
export type SourceRef = z.output<typeof sourceRefSchema>;

const sources = z.array(sourceRefSchema).max(100_000).optional();

export const attestationSchema = z.strictObject({
  value: z.boolean(),
  /** Who attested (name and post). */
  by: text(200),
  on: isoDate,
  note: z.string().max(2000).optional(),
});
export type Attestation = z.output<typeof attestationSchema>;

export const documentFactSchema = z.strictObject({
  /** The date the document was issued / signed. */
  date: isoDate,
  number: z.string().max(100).optional(),
  title: z.string().max(500).optional(),
  source: sourceRefSchema.optional(),
});
export type DocumentFact = z.output<typeof documentFactSchema>;

export const excuseFactSchema = z.strictObject({
  /** Occurrences this excuse covers. */
  count: z.number().int().min(1).max(1_000_000_000),
  excuse: z.enum(INCIDENT_EXCUSES),
  reason: text(2000),
  /** Who approved the excuse, and when (domain.md §5.6 N3). */
  by: text(200),
  on: isoDate,
  source: sourceRefSchema.optional(),
});
export type ExcuseFact = z.output<typeof excuseFactSchema>;

export const incidentFactSchema = z.strictObject({
  count,
  excuses: z.array(excuseFactSchema).optional(),
  sources,
});
export type IncidentFact = z.output<typeof incidentFactSchema>;

export const incidentTableSchema = z.strictObject({
  /**
   * A category absent here had no occurrence — unless its completeness group is listed in
   * `missingGroups`: then nothing is known about it.
   */
  byCategory: z.partialRecord(z.enum(INCIDENT_CATEGORIES), incidentFactSchema),
  /**
   * Groups of categories whose statistics are not known to be entered (no row of the group and no
   * declaration "đã nhập đủ", domain.md §5.6 N7). Absent (older frozen facts): every group is known.
   */
  missingGroups: z.array(z.enum(COMPLETENESS_GROUPS)).optional(),
  /** Where a group's completeness comes from (an officer's declaration "đã nhập đủ"), shown with the rules of that group. */
  groupSources: z.partialRecord(z.enum(COMPLETENESS_GROUPS), z.array(sourceRefSchema)).optional(),
  sources,
});
export type IncidentTable = z.output<typeof incidentTableSchema>;

export const countFactSchema = z.strictObject({ value: count, sources });
export type CountFact = z.output<typeof countFactSchema>;

export const ratingFactSchema = z
  .strictObject({
    scale: z.enum(RATING_SCALES),
    /** null: rated "không xếp loại" (e.g. active less than 9 months) — neither pass nor fail. */
    level: z.string().nullable(),
    titles: z.array(z.enum(EMULATION_TITLES)).optional(),
    notRatedReason: z.string().max(500).optional(),
    sources,
  })
  .refine((r) => r.level === null || SCALE_INFO[r.scale].levels.includes(r.level), {
    error: 'Mức xếp loại không thuộc thang xếp loại đã chọn.',
    path: ['level'],
  });
export type RatingFact = z.output<typeof ratingFactSchema>;

export const subUnitCategoryFactSchema = z
  .strictObject({
    /** Units in TT124's scope under the commune's authority (excluded organisations are not here). */
    eligible: count,
    registered: count,
    /** Recognised "An toàn về ANTT" for the same year. */
    recognised: count,
    /** Registered units with no recognition outcome yet. */
    undecided: count,
    sources,
    unregisteredUnits: z.array(sourceRefSchema).optional(),
    undecidedUnits: z.array(sourceRefSchema).optional(),
    /**
     * Units whose place in TT124's scope is not known yet (an enterprise without size data): not
     * in `eligible`, but each could enter the denominator, with its registration and decision.
     */
    unknownEligibility: z
      .strictObject({ total: count, registered: count, recognised: count, undecided: count, units: z.array(sourceRefSchema) })
      .refine((u) => u.registered <= u.total && u.recognised + u.undecided <= u.registered, {
        error: 'Số đơn vị chưa xác định diện áp dụng không hợp lệ.',
      })
      .optional(),
  })
  .refine((s) => s.registered <= s.eligible && s.recognised + s.undecided <= s.eligible, {
    error: 'Số đơn vị đăng ký, công nhận, chưa quyết định không được vượt số đơn vị thuộc diện.',
  });
export type SubUnitCategoryFact = z.output<typeof subUnitCategoryFactSchema>;

export const unitFactsSchema = z.strictObject({
  unitId: text(100),
  unitName: text(300),
  unitKind: z.enum(EVALUATED_KINDS),
  year: z.number().int().min(1990).max(2100),
  /** Attestations by rule id: what only a person can judge. */
  attestations: z.record(z.string().min(1).max(64), attestationSchema),
  /** By document kind; null = the unit is known to have none. */
  documents: z.partialRecord(z.enum(DOCUMENT_KINDS), documentFactSchema.nullable()),
  /** This evaluation window's incident statistics. */
  incidents: incidentTableSchema.optional(),
  /** The previous year's, rolled up through merges onto this unit by the facts builder. */
  previousIncidents: incidentTableSchema.optional(),
  households: z.strictObject({ registered: count.optional(), residing: count.optional(), sources }).optional(),
  /** People who must be briefed on the internal rules and the criteria (staff; at schools also learners). */
  staff: z.strictObject({ briefed: count.optional(), total: count.optional(), sources }).optional(),
  /** Internal departments (phòng, ban, tổ, đội; khoa, tổ chuyên môn): titled or rated well / all. */
  departments: z.strictObject({ good: count.optional(), total: count.optional(), sources }).optional(),
  counts: z.partialRecord(z.enum(COUNT_KEYS), countFactSchema),
  /** Why a count is unknown, in Vietnamese, when the builder can say ("chưa có mô hình nào được đánh giá"). */
  countGaps: z.partialRecord(z.enum(COUNT_KEYS), z.string().trim().min(1).max(2000)).optional(),
  ratings: z.partialRecord(z.enum(RATING_SUBJECTS), ratingFactSchema),
  /** For a commune: its residential areas and organisations of the same year (buildSubUnitFacts). */
  subUnits: z.partialRecord(z.enum(SUB_UNIT_CATEGORIES), subUnitCategoryFactSchema).optional(),
  flags: z.partialRecord(z.enum(FLAG_KEYS), z.boolean()),
});
export type UnitFacts = z.output<typeof unitFactsSchema>;

export const overrideSchema = z.strictObject({
  verdict: z.enum(OVERRIDE_VERDICTS),
  reason: z.string().trim().min(1, { error: 'Cần ghi lý do khi thay đổi kết quả của tiêu chí.' }).max(2000),
  by: text(200),
  on: isoDate,
});
export type Override = z.output<typeof overrideSchema>;
export const overridesSchema = z.record(z.string().min(1).max(64), overrideSchema);
export type Overrides = Readonly<Record<string, Override>>;

/** Validates facts crossing a boundary; Vietnamese messages naming the field. */
export function parseUnitFacts(value: unknown): { ok: true; value: UnitFacts } | { ok: false; errors: string[] } {
  const r = unitFactsSchema.safeParse(value, { error: vietnameseErrorMap });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: issueMessages(r.error, (path) => (path.length ? `Trường "${dottedPath(path)}"` : '')) };
}

/** Facts with nothing known yet: every rule that needs input is "thiếu dữ liệu". */
export function emptyFacts(unit: { unitId: string; unitName: string; unitKind: EvaluatedKind; year: number }): UnitFacts {
  return { ...unit, attestations: {}, documents: {}, counts: {}, ratings: {}, flags: {} };
}

// ---------------------------------------------------------------------------------------------
// From records

export type IncidentRow = Pick<
  IncidentRecord,
  'id' | 'category' | 'count' | 'excuse' | 'excuseReason' | 'excuseApprovedBy' | 'excuseApprovedOn' | 'occurredOn' | 'description'
>;

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

function compareSources(a: SourceRef, b: SourceRef): number {
  return cmp(a.kind, b.kind) || cmp(a.label, b.label) || cmp(a.id ?? '', b.id ?? '');
}

/** Sorted and without duplicates, so facts built from the same records in any order are equal. */
export function normaliseSources(list: readonly SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const s of [...list].sort(compareSources)) {
    const key = `${s.kind}\u0000${s.id ?? ''}\u0000${s.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/**
 * The incident table of one unit and window from its incident rows (already filtered to the window
 * and rolled up onto the unit). An excuse counts only when it is complete — ground, reason,
 * approver and date — as the record form requires; whether the category may be excused at all is
 * the engine's business (it reads INCIDENT_CATEGORY_INFO, so the answer cannot drift).
 *
 * `lean`: the table without its sources (no `sources` on a category, none on an excuse), for the
 * verdicts-only pass (verdicts.ts), which reads counts, excuses' grounds and counts and the missing
 * groups, never a source. Every other field is the full table's.
 */
export function incidentTableFromRows(
  rows: readonly IncidentRow[],
  missingGroups?: readonly CompletenessGroup[],
  lean = false,
): IncidentTable {
  // Each category's count, excuses and sources gathered in the rows' order, then written once in
  // the order the categories first appear (the same table as normalising after every row: the
  // sources are a sorted set either way).
  const acc = new Map<IncidentCategory, { count: number; excuses: ExcuseFact[]; sources: SourceRef[] }>();
  const sorted = [...rows].sort((a, b) => cmp(a.occurredOn, b.occurredOn) || cmp(a.id, b.id));
  for (const r of sorted) {
    let a = acc.get(r.category);
    if (!a) acc.set(r.category, (a = { count: 0, excuses: [], sources: [] }));
    a.count += r.count;
    const excused = r.excuse !== null && r.excuseReason && r.excuseApprovedBy && r.excuseApprovedOn;
    if (lean) {
      if (excused)
        a.excuses.push({ count: r.count, excuse: r.excuse!, reason: r.excuseReason!, by: r.excuseApprovedBy!, on: r.excuseApprovedOn! });
      continue;
    }
    const info = INCIDENT_CATEGORY_INFO[r.category];
    const label = `${info.label} ngày ${formatDateVi(r.occurredOn)}${r.count > 1 ? ` (${r.count} ${info.persons ? 'người' : 'vụ'})` : ''}${r.description ? `: ${r.description}` : ''}`;
    const source: SourceRef = { kind: 'incident', id: r.id, label };
    if (excused) {
      a.excuses.push({
        count: r.count,
        excuse: r.excuse!,
        reason: r.excuseReason!,
        by: r.excuseApprovedBy!,
        on: r.excuseApprovedOn!,
        source,
      });
    }
    a.sources.push(source);
  }
  const byCategory: Partial<Record<IncidentCategory, IncidentFact>> = {};
  for (const [c, a] of acc) {
    byCategory[c] = {
      count: a.count,
      ...(a.excuses.length ? { excuses: a.excuses } : {}),
      ...(lean ? {} : { sources: normaliseSources(a.sources) }),
    };
  }
  return { byCategory, ...(missingGroups && missingGroups.length ? { missingGroups: [...missingGroups] } : {}) };
}
