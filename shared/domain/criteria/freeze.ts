/**
 * Freezing a year's result (the pure part of issue 5 item 6): a frozen record is a deep copy of the
 * result (with its rule-set ids, versions and hashes, settings and overrides) and of the facts it was
 * computed from, sealed with a hash of its canonical JSON. Later edits of records or rule sets
 * cannot reach it; `verifyFrozen` tells whether a stored record was altered; `compareWithFrozen`
 * shows how today's live result differs from what was frozen.
 *
 * Storing, unfreezing with a reason and recording who did it belong to the backend.
 */
import { NOT_PLAIN, canonicalCopy, canonicalJson, fnv1a64, fnv1a64Utf8 } from './hash';
import { CriteriaError, type EvaluationResult, type RuleResult } from './engine';
import type { UnitFacts } from './facts';
import { compactResultJson, type RuleTextList } from './frozen-texts';
import { VERDICT_LABELS, OVERALL_SHORT_LABELS, type OverallResult, type Verdict } from './vocabulary';

export const FROZEN_FORMAT = 'antq.frozen-result';

export interface FrozenResult {
  format: typeof FROZEN_FORMAT;
  formatVersion: 1;
  unitId: string;
  year: number;
  result: EvaluationResult;
  facts: UnitFacts;
  /** 64-bit FNV-1a of the canonical JSON of everything above. */
  hash: string;
}

type Unsealed = Omit<FrozenResult, 'hash'>;

function seal(body: Unsealed): string {
  return fnv1a64(canonicalJson(body));
}

function deepCopy<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

/** Freezes one unit's result with the facts it came from. The inputs are copied, never shared. */
export function freezeResult(result: EvaluationResult, facts: UnitFacts): FrozenResult {
  if (result.unitId !== facts.unitId || result.year !== facts.year) {
    throw new CriteriaError(
      `Kết quả (${result.unitName}, năm ${result.year}) và dữ liệu đầu vào (${facts.unitName}, năm ${facts.year}) không cùng đơn vị, cùng năm.`,
    );
  }
  const body: Unsealed = {
    format: FROZEN_FORMAT,
    formatVersion: 1,
    unitId: result.unitId,
    year: result.year,
    result: deepCopy(result),
    facts: deepCopy(facts),
  };
  return { ...body, hash: seal(body) };
}

/**
 * What a freeze writes for one result, without building the frozen object: `content` is
 * `JSON.stringify(freezeResult(result, facts))` (what the row's MAC covers), `stored` is
 * `compactFrozen` of that object with `list` (the row as written), `hash` its seal. Made from one
 * canonical serialisation of the result and one of the facts (canonical JSON parsed and written
 * again is itself), instead of three plus two whole-row stringifications (issue 16: sealing was most
 * of a freeze's time). tests/unit/shared/criteria-sealed-row.test.ts proves both strings equal.
 * Given `utf8` (the text's UTF-8 bytes), it also returns `contentUtf8`, the bytes of `content` in
 * pieces, and hashes those bytes (the same hash: canonical JSON holds no lone surrogate, see
 * fnv1a64Utf8); tests/unit/backend/seal-utf8.test.ts proves it.
 */
export function sealedRow(
  result: EvaluationResult,
  facts: UnitFacts,
  list: RuleTextList,
  utf8?: (text: string) => Uint8Array,
): { content: string; stored: string; hash: string; overall: OverallResult; contentUtf8?: readonly Uint8Array[] } {
  if (result.unitId !== facts.unitId || result.year !== facts.year) freezeResult(result, facts); // throws the same error
  // The result's canonical copy serves twice: its JSON is the sealed `result`, and it is the object
  // the stored form is made from (what JSON.parse of that JSON would give, without parsing it).
  const copy = canonicalCopy(result);
  const plain = copy !== NOT_PLAIN;
  const r = plain ? JSON.stringify(copy) : canonicalJson(result);
  const f = canonicalJson(facts);
  const unitId = JSON.stringify(result.unitId);
  const year = JSON.stringify(result.year);
  const format = JSON.stringify(FROZEN_FORMAT);
  // The body's keys in canonical (sorted) order: facts, format, formatVersion, result, unitId, year.
  const bodyHead = '{"facts":';
  const bodyMiddle = `,"format":${format},"formatVersion":1,"result":`;
  const bodyTail = `,"unitId":${unitId},"year":${year}}`;
  // With an encoder (the backend's Buffer.from), the result and the facts are encoded once and both
  // the hash and the row's MAC read those bytes: no concatenated text is flattened or encoded again.
  const rBytes = utf8?.(r);
  const fBytes = utf8?.(f);
  const hash =
    utf8 && rBytes && fBytes
      ? fnv1a64Utf8([utf8(bodyHead), fBytes, utf8(bodyMiddle), rBytes, utf8(bodyTail)])
      : fnv1a64(`${bodyHead}${f}${bodyMiddle}${r}${bodyTail}`);
  // freezeResult's own key order: format, formatVersion, unitId, year, result, facts, hash.
  const head = `{"format":${format},"formatVersion":1,"unitId":${unitId},"year":${year},"result":`;
  const factsHead = ',"facts":';
  const hashTail = `,"hash":${JSON.stringify(hash)}}`;
  const tail = `${factsHead}${f}${hashTail}`;
  const parsed = (plain ? copy : JSON.parse(r)) as Record<string, unknown>;
  return {
    content: `${head}${r}${tail}`,
    stored: `${head}${compactResultJson(parsed, list)}${tail}`,
    hash,
    overall: result.overall,
    ...(utf8 && rBytes && fBytes ? { contentUtf8: [utf8(head), rBytes, utf8(factsHead), fBytes, utf8(hashTail)] } : {}),
  };
}

/** True when the record is exactly what was frozen. */
export function verifyFrozen(frozen: FrozenResult): boolean {
  const { hash, ...body } = frozen;
  try {
    return seal(body) === hash;
  } catch {
    return false;
  }
}

export interface FrozenDifference {
  /** A criterion id, or null for the unit's overall result. */
  ruleId: string | null;
  frozen: Verdict | OverallResult | null;
  live: Verdict | OverallResult | null;
  text: string;
}

/**
 * How today's result differs from the frozen one, in verdicts: what the board shows beside a frozen
 * unit whose records were edited after freezing. Empty when both agree. Reads only verdicts, so the
 * board passes its verdicts-only results (verdicts.ts).
 */
export function compareWithFrozen(
  frozen: { result: Pick<EvaluationResult, 'overall'> & { rules: readonly Pick<RuleResult, 'ruleId' | 'verdict'>[] } },
  live: Pick<EvaluationResult, 'overall'> & { rules: readonly Pick<RuleResult, 'ruleId' | 'verdict'>[] },
): FrozenDifference[] {
  const out: FrozenDifference[] = [];
  const f = frozen.result;
  if (f.overall !== live.overall) {
    out.push({
      ruleId: null,
      frozen: f.overall,
      live: live.overall,
      text: `Kết quả chung: đã chốt "${OVERALL_SHORT_LABELS[f.overall]}", hiện tính lại là "${OVERALL_SHORT_LABELS[live.overall]}".`,
    });
  }
  const liveById = new Map(live.rules.map((r) => [r.ruleId, r]));
  const frozenIds = new Set(f.rules.map((r) => r.ruleId));
  for (const r of f.rules) {
    const l = liveById.get(r.ruleId);
    if (!l)
      out.push({
        ruleId: r.ruleId,
        frozen: r.verdict,
        live: null,
        text: `${r.ruleId}: có trong kết quả đã chốt, không còn trong bộ tiêu chí hiện hành.`,
      });
    else if (l.verdict !== r.verdict) {
      out.push({
        ruleId: r.ruleId,
        frozen: r.verdict,
        live: l.verdict,
        text: `${r.ruleId}: đã chốt "${VERDICT_LABELS[r.verdict]}", hiện tính lại là "${VERDICT_LABELS[l.verdict]}".`,
      });
    }
  }
  for (const l of live.rules) {
    if (!frozenIds.has(l.ruleId))
      out.push({ ruleId: l.ruleId, frozen: null, live: l.verdict, text: `${l.ruleId}: tiêu chí mới, không có trong kết quả đã chốt.` });
  }
  return out;
}
