/**
 * The board's verdicts kept in the file across restarts (issue 16 item 2): after a restart with
 * edits in between, only the subjects those edits reach are decided again.
 *
 * What is kept (under `stored_reads`, name `evaluation.boardState`, one per year): each subject's
 * verdicts, the order of the rows per filter, what the invalidation needs of the records the
 * verdicts were decided from (the rows' places for incidents, propaganda and tips; the other slices
 * as read), and every row touched since those records were read (the in-memory touch log of
 * evaluation-cache.ts, with each table's count: a table whose count exceeds its kept ids is 'all').
 *
 * Why it never shows a stale verdict:
 * - The value is made when it is written (`StoredReads.putLatest`), and stored under the counters
 *   of `table_versions` read in the same synchronous turn: the touches it holds are every commit of
 *   this process up to those counters (a touch is logged before its COMMIT, so a failed commit only
 *   adds to it). It is noted again after each commit and written when the backend is idle or the
 *   file closes.
 * - It is read back only under the same counters and build (`StoredReads.get`): a commit it does not
 *   know (a crash after a commit and before the write, an upgrade, a restored file whose counters
 *   differ) serves nothing, and the year is computed whole.
 * - After a restart, every slice is read afresh; the counters are read again after the reads and the
 *   in-memory log must be empty: a commit during the reads serves nothing.
 * - A touch of the rule sets or settings, of the units, lineage or organisations (the subjects and
 *   scopes), a touch without ids, another day, a frozen year (or a ledger with problems or notes),
 *   a verdict that does not decode to its subject: the whole year is computed.
 * - Otherwise the subjects the touches reach are found exactly as between two loads in one session
 *   (evaluation-invalidate.ts `touchedSubjects`), with the kept records as the old ones.
 */
import type { BoardYear } from './evaluation-cache';
import { subjectKey, type Subject, type SubjectVerdicts, type YearData } from './evaluation-facts.service';
import type { SliceName, SliceValues } from './evaluation-facts.slices';
import type { Touches } from './evaluation-invalidate';
import { OVERALL_RESULTS, ruleVerdictOf, VERDICTS, type OverallResult, type Verdict } from '../../../shared/domain/criteria';

export const KEPT_NAME = 'evaluation.boardState';
const FORMAT = 1;

type Place = [id: string, unitId: string, organizationId: string | null];

/** What the invalidation reads of the records the verdicts were decided from. */
interface KeptRecords {
  incidents: Place[];
  propaganda: Place[];
  tips: Place[];
  registrations: [string, unknown][];
  figures: [string, unknown][];
  attestations: [string, unknown][];
  overrides: [string, unknown][];
  declarations: [string, unknown][];
  households: [string, unknown][];
  models: unknown[];
  teamRatings: unknown[];
}

export interface KeptState {
  format: number;
  year: number;
  today: string;
  touches: [string, string[] | 'all'][];
  /** Rule ids, numbered for the verdicts below. */
  ruleIds: string[];
  /** Per subject: key, evaluated (0/1), overall, the four counts (VERDICTS order), then per rule: rule, verdict, computed. */
  verdicts: (string | number)[][];
  /** Subjects with warnings: [index into `verdicts`, warnings]. */
  warnings: [number, string[]][];
  /** Per filter, the rows' order as indexes into `verdicts`. */
  orders: [string, number[]][];
  records: KeptRecords;
}

const V = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));
const O = new Map<OverallResult, number>(OVERALL_RESULTS.map((v, i) => [v, i]));

const places = (rows: readonly { id: string; unitId: string; organizationId?: string | null }[]): Place[] =>
  rows.map((r) => [r.id, r.unitId, r.organizationId ?? null]);

/** The state of a year's entry for the file, or undefined when it cannot be kept exactly. */
export function encodeKept(entry: BoardYear & { today: string; values: SliceValues }, touches: Touches | 'all'): KeptState | undefined {
  if (touches === 'all') return undefined;
  const ruleIds: string[] = [];
  const ruleNo = new Map<string, number>();
  const verdicts: (string | number)[][] = [];
  const warnings: [number, string[]][] = [];
  const index = new Map<string, number>();
  const year = entry.data.year;
  for (const [key, v] of entry.verdicts) {
    const r = v.result;
    // Only what decodes back to the same value is kept.
    if (subjectKey(v.subject.type, v.subject.id) !== key || r.unitId !== v.subject.id || r.unitKind !== v.subject.kind || r.year !== year) {
      return undefined;
    }
    const row: (string | number)[] = [key, v.evaluated ? 1 : 0, O.get(r.overall)!, ...VERDICTS.map((x) => r.counts[x])];
    if (Object.keys(r.counts).length !== VERDICTS.length) return undefined;
    for (const rule of r.rules) {
      let n = ruleNo.get(rule.ruleId);
      if (n === undefined) {
        ruleNo.set(rule.ruleId, (n = ruleIds.length));
        ruleIds.push(rule.ruleId);
      }
      row.push(n, V.get(rule.verdict)!, V.get(rule.computedVerdict)!);
    }
    index.set(key, verdicts.length);
    if (r.warnings.length > 0) warnings.push([verdicts.length, r.warnings]);
    verdicts.push(row);
  }
  const orders: [string, number[]][] = [];
  for (const [filter, keys] of entry.orders) {
    const at = keys.map((k) => index.get(k));
    if (at.every((i): i is number => i !== undefined)) orders.push([filter, at]);
  }
  const v = entry.values;
  return {
    format: FORMAT,
    year,
    today: entry.today,
    touches: [...touches].map(([t, ids]) => [t, ids === 'all' ? 'all' : [...ids]]),
    ruleIds,
    verdicts,
    warnings,
    orders,
    records: {
      incidents: places(v.incidents),
      propaganda: places(v.propaganda),
      tips: places(v.tips.map((t) => ({ ...t, organizationId: null }))),
      registrations: [...v.registrations],
      figures: [...v.figures],
      attestations: [...v.attestations],
      overrides: [...v.overrides],
      declarations: [...v.declarations],
      households: [...v.households],
      models: v.models,
      teamRatings: v.teamRatings,
    },
  };
}

/** The touches the state holds. */
export function keptTouches(state: KeptState): Touches {
  return new Map(state.touches.map(([t, ids]) => [t, ids === 'all' ? 'all' : new Set(ids)]));
}

/**
 * The year's data as the kept verdicts saw it, for the slices in `changed` (the others are `next`'s:
 * nothing touched them). Only what `touchedSubjects` reads of the old records is filled.
 */
export function keptYear(state: KeptState, next: YearData, changed: readonly SliceName[]): YearData {
  const r = state.records;
  const old: YearData = { ...next };
  const rows = (p: Place[]) => p.map(([id, unitId, organizationId]) => ({ id, unitId, organizationId }));
  for (const name of changed) {
    switch (name) {
      case 'incidents':
        old.incidents = rows(r.incidents) as unknown as YearData['incidents'];
        break;
      case 'propaganda':
        old.propaganda = rows(r.propaganda) as unknown as YearData['propaganda'];
        break;
      case 'tips':
        old.tips = rows(r.tips) as unknown as YearData['tips'];
        break;
      case 'registrations':
      case 'figures':
      case 'attestations':
      case 'overrides':
      case 'declarations':
      case 'households':
        (old as unknown as Record<string, unknown>)[name] = new Map(r[name]);
        break;
      case 'models':
        old.models = r.models as YearData['models'];
        break;
      case 'teamRatings':
        old.teamRatings = r.teamRatings as YearData['teamRatings'];
        break;
      default:
        // The units and organisations are structural: the caller computes the year whole.
        break;
    }
  }
  return old;
}

/**
 * The kept verdicts and orders of the subjects outside `moved`, decoded with `data`'s subjects;
 * undefined when one does not decode (a subject no longer there, an unknown verdict).
 */
export function keptVerdicts(
  state: KeptState,
  data: YearData,
  moved: ReadonlySet<string>,
): Pick<BoardYear, 'verdicts' | 'orders'> | undefined {
  const byKey = new Map<string, Subject>(data.subjects.map((s) => [subjectKey(s.type, s.id), s]));
  const warningsOf = new Map(state.warnings);
  const verdicts = new Map<string, SubjectVerdicts>();
  for (let i = 0; i < state.verdicts.length; i++) {
    const row = state.verdicts[i]!;
    const key = row[0] as string;
    if (moved.has(key)) continue;
    const subject = byKey.get(key);
    const overall = OVERALL_RESULTS[row[2] as number];
    if (!subject || overall === undefined || row.length < 7 || (row.length - 7) % 3 !== 0) return undefined;
    // In VERDICTS' order, as `evaluate` writes its counts.
    const counts: Record<Verdict, number> = {
      dat: row[3] as number,
      khong_dat: row[4] as number,
      khong_ap_dung: row[5] as number,
      thieu_du_lieu: row[6] as number,
    };
    // Sized once, each criterion's verdicts the shared object (ruleVerdictOf), as evaluateVerdicts gives them.
    const rules = new Array<SubjectVerdicts['result']['rules'][number]>((row.length - 7) / 3);
    for (let j = 7, at = 0; j < row.length; j += 3) {
      const ruleId = state.ruleIds[row[j] as number];
      const verdict = VERDICTS[row[j + 1] as number];
      const computedVerdict = VERDICTS[row[j + 2] as number];
      if (ruleId === undefined || verdict === undefined || computedVerdict === undefined) return undefined;
      rules[at++] = ruleVerdictOf(ruleId, verdict, computedVerdict);
    }
    verdicts.set(key, {
      subject,
      evaluated: row[1] === 1,
      result: {
        unitId: subject.id,
        unitKind: subject.kind,
        year: data.year,
        rules,
        overall,
        counts,
        warnings: warningsOf.get(i) ?? [],
      },
    });
  }
  const keys = state.verdicts.map((row) => row[0] as string);
  // The order depends on the subjects only (names, categories, parents), the same as when it was kept.
  const orders = new Map<string, string[]>(state.orders.map(([filter, at]) => [filter, at.map((i) => keys[i]!)]));
  return { verdicts, orders };
}
