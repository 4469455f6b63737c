/**
 * The criteria engine (domain.md §5): `evaluate(ruleSets, facts, settings, overrides)` gives, for
 * one unit and year, a result per criterion — verdict, the value found, the threshold, where the
 * value came from, what is missing, an explanation in Vietnamese — and the unit's overall result.
 *
 * Verdicts: 'dat' | 'khong_dat' | 'khong_ap_dung' | 'thieu_du_lieu'. Overall: 'dat' only when every
 * applicable criterion passes; 'chua_dat' as soon as one fails; otherwise 'thieu_du_lieu' while an
 * input is missing. A failure dominates missing input inside a criterion too (one late document
 * fails the Q1 rule whatever the other document says), so adding evidence can only move a verdict
 * from missing to decided, never from pass to fail.
 *
 * Pure and deterministic: no clock, no ids; sources are sorted, so the order of records, excuses,
 * sub-units or attestations in the facts never shows in the result. A person's override keeps the
 * computed verdict beside the overriding one, with the reason, who and when.
 *
 * What the facts builder (backend, later) decides, documented here because the engine relies on
 * it: the incident table is present only when the year's statistics count as entered for the unit;
 * previous-year counts are rolled up through merges onto the unit; a commune's subUnits come from
 * `buildSubUnitFacts` over the residential areas and organisations under its authority, evaluated
 * first (`evaluationOrder`).
 */
import { daysInclusive, formatDateVi } from '../../lib/dates';
import { compareVietnamese } from '../../lib/text';
import { INCIDENT_CATEGORY_INFO, INCIDENT_EXCUSE_LABELS, type IncidentCategory } from '../activities';
import { firstQuarter, evaluationPeriod, normaliseSources, type IncidentTable, type Override, type Overrides, type SourceRef, type UnitFacts } from './facts';
import { ruleSetHash, compareRuleSets, type Rule, type RuleOf, type RuleSet } from './ruleset';
import { capitalise, intText, joinParts, listNames, numberText, percentText } from './text';
import {
  COUNT_INFO,
  DEFAULT_SETTINGS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_SHORT_LABELS,
  EMULATION_TITLE_LABELS,
  EVALUATED_KIND_LABELS,
  FLAG_INFO,
  RATING_SUBJECT_LABELS,
  RATIO_INFO,
  SCALE_INFO,
  SUB_UNIT_CATEGORIES,
  SUB_UNIT_CATEGORY_LABELS,
  VERDICTS,
  type EvaluatedKind,
  type EvaluationSettings,
  type OverallResult,
  type RuleType,
  type Verdict,
} from './vocabulary';

export { evaluationOrder, evaluationStage, buildSubUnitFacts } from './commune';

export class CriteriaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CriteriaError';
  }
}

export interface RuleResult {
  ruleId: string;
  ruleSetId: string;
  clause: string;
  title: string;
  /** The criterion in words, as the rule set states it (kept so a frozen result reads alone). */
  description: string;
  type: RuleType;
  /** The verdict that counts: the override's when there is one. */
  verdict: Verdict;
  /** What the engine found from the facts. */
  computedVerdict: Verdict;
  override?: Override;
  value: string;
  threshold: string;
  explanation: string;
  sources: SourceRef[];
  missing: string[];
}

export interface RuleSetRef {
  id: string;
  name: string;
  version: string;
  hash: string;
  example: boolean;
}

export interface EvaluationResult {
  formatVersion: 1;
  unitId: string;
  unitName: string;
  unitKind: EvaluatedKind;
  year: number;
  ruleSets: RuleSetRef[];
  settings: EvaluationSettings;
  rules: RuleResult[];
  overall: OverallResult;
  summary: string;
  counts: Record<Verdict, number>;
  warnings: string[];
}

interface Outcome {
  verdict: Verdict;
  value: string;
  threshold: string;
  explanation: string;
  sources: SourceRef[];
  missing: string[];
}

/** Vietnamese order for names shown to people, with a code-unit tie-break so it is total. */
const byName = (a: string, b: string) => compareVietnamese(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const lowerFirst = (s: string) => (s.length ? `${s[0]!.toLowerCase()}${s.slice(1)}` : s);

function periodText(kind: EvaluatedKind, year: number): string {
  const p = evaluationPeriod(kind, year);
  return `${formatDateVi(p.from)}–${formatDateVi(p.to)}`;
}

function incidentUnit(categories: readonly IncidentCategory[]): string {
  const persons = categories.filter((c) => INCIDENT_CATEGORY_INFO[c].persons === true).length;
  if (persons === 0) return 'vụ';
  if (persons === categories.length) return 'người';
  return 'vụ việc';
}

// ---------------------------------------------------------------------------------------------
// Not-applicable conditions

type Applicability = { kind: 'applies' } | { kind: 'na'; reason: string } | { kind: 'unknown'; missing: string[] };

function applicability(rule: Rule, facts: UnitFacts): Applicability {
  const missing: string[] = [];
  for (const c of rule.notApplicableIf ?? []) {
    const v = facts.flags[c.flag];
    if (v === undefined) {
      missing.push(`Thông tin "${FLAG_INFO[c.flag].label}"`);
      continue;
    }
    if (v === c.equals) return { kind: 'na', reason: v ? FLAG_INFO[c.flag].whenTrue : FLAG_INFO[c.flag].whenFalse };
  }
  return missing.length ? { kind: 'unknown', missing } : { kind: 'applies' };
}

// ---------------------------------------------------------------------------------------------
// Rule types

function attested(rule: RuleOf<'ATTESTED'>, facts: UnitFacts): Outcome {
  const threshold = 'Có (do cán bộ đánh giá, xác nhận)';
  const a = facts.attestations[rule.id];
  if (!a) {
    return {
      verdict: 'thieu_du_lieu',
      value: 'Chưa xác nhận',
      threshold,
      explanation: 'Nội dung này do cán bộ đánh giá; chưa có xác nhận.',
      sources: [],
      missing: [`Xác nhận của cán bộ: ${rule.title}`],
    };
  }
  const who = `${a.by} xác nhận ngày ${formatDateVi(a.on)}`;
  const note = a.note ? ` Ghi chú: ${a.note}` : '';
  return {
    verdict: a.value ? 'dat' : 'khong_dat',
    value: a.value ? 'Có' : 'Không',
    threshold,
    explanation: a.value ? `${who}: đơn vị đáp ứng yêu cầu.${note}` : `${who}: đơn vị chưa đáp ứng yêu cầu.${note}`,
    sources: [{ kind: 'attestation', id: rule.id, label: `Xác nhận của ${a.by} ngày ${formatDateVi(a.on)}` }],
    missing: [],
  };
}

function dateInQ1(rule: RuleOf<'DATE_IN_Q1'>, facts: UnitFacts): Outcome {
  const q = firstQuarter(facts.year);
  const threshold = `Ban hành trong quý I/${facts.year} (${formatDateVi(q.from)}–${formatDateVi(q.to)})`;
  const values: string[] = [];
  const fails: string[] = [];
  const oks: string[] = [];
  const missing: string[] = [];
  const sources: SourceRef[] = [];
  for (const kind of rule.params.documents) {
    const short = DOCUMENT_SHORT_LABELS[kind];
    const d = facts.documents[kind];
    if (d === undefined) {
      values.push(`${short}: chưa có thông tin`);
      missing.push(`Ngày ban hành: ${DOCUMENT_KIND_LABELS[kind]}`);
      continue;
    }
    if (d === null) {
      values.push(`${short}: không có`);
      fails.push(`Không có ${lowerFirst(DOCUMENT_KIND_LABELS[kind])}`);
      continue;
    }
    if (d.source) sources.push(d.source);
    const desc = `${short}${d.number ? ` số ${d.number}` : ''} ngày ${formatDateVi(d.date)}`;
    values.push(desc);
    if (d.date < q.from) fails.push(`${desc} ban hành trước năm ${facts.year}, không thuộc quý I/${facts.year}`);
    else if (d.date > q.to) fails.push(`${desc} ban hành muộn ${daysInclusive(q.to, d.date) - 1} ngày so với hạn ${formatDateVi(q.to)}`);
    else oks.push(desc);
  }
  let verdict: Verdict;
  let explanation: string;
  if (fails.length) {
    verdict = 'khong_dat';
    explanation = `${fails.join('; ')}.`;
  } else if (missing.length) {
    verdict = 'thieu_du_lieu';
    explanation = `Chưa có ngày ban hành của: ${missing.map((m) => lowerFirst(m.replace('Ngày ban hành: ', ''))).join('; ')}.`;
  } else {
    verdict = 'dat';
    explanation = `${oks.join('; ')}: trong quý I/${facts.year}.`;
  }
  return { verdict, value: joinParts(values), threshold, explanation, sources, missing };
}

function excusableIn(rule: RuleOf<'ZERO'>): boolean {
  return rule.params.honourExcuses !== false && (rule.params.incidents ?? []).some((c) => INCIDENT_CATEGORY_INFO[c].excusable);
}

function zero(rule: RuleOf<'ZERO'>, facts: UnitFacts): Outcome {
  const honour = rule.params.honourExcuses !== false;
  const parts: string[] = [];
  const excused: string[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  const sources: SourceRef[] = [];
  let counted = 0;
  if (rule.params.incidents) {
    const table = facts.incidents;
    if (!table) {
      missing.push(`Thống kê tình hình an ninh, trật tự kỳ ${periodText(facts.unitKind, facts.year)}`);
    } else {
      sources.push(...(table.sources ?? []));
      for (const c of rule.params.incidents) {
        const f = table.byCategory[c];
        if (!f || f.count === 0) continue;
        const info = INCIDENT_CATEGORY_INFO[c];
        const unit = info.persons ? 'người' : 'vụ';
        const excuses = [...(f.excuses ?? [])].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
        const claimed = excuses.reduce((s, e) => s + e.count, 0);
        const honoured = honour && info.excusable ? Math.min(claimed, f.count) : 0;
        counted += f.count - honoured;
        parts.push(`${info.label}: ${intText(f.count)} ${unit}${honoured ? ` (được loại trừ ${intText(honoured)})` : ''}`);
        sources.push(...(f.sources ?? []));
        if (honoured) {
          for (const e of excuses) {
            excused.push(`${info.label}: ${INCIDENT_EXCUSE_LABELS[e.excuse].toLowerCase()} — ${e.reason} (${e.by} xác nhận ngày ${formatDateVi(e.on)})`);
            if (e.source) sources.push(e.source);
          }
          if (claimed > f.count) {
            notes.push(
              `Số ${unit} ${lowerFirst(info.label)} ghi loại trừ (${intText(claimed)}) lớn hơn số đã xảy ra (${intText(f.count)}); chỉ tính ${intText(f.count)}.`,
            );
          }
        } else if (claimed > 0) {
          notes.push(
            info.excusable
              ? `Tiêu chí này không cho loại trừ ${lowerFirst(info.label)}.`
              : `${info.label} không thuộc trường hợp được loại trừ theo Thông tư 124.`,
          );
        }
      }
    }
  }
  for (const k of rule.params.counts ?? []) {
    const f = facts.counts[k];
    if (!f) {
      missing.push(COUNT_INFO[k].label);
      continue;
    }
    sources.push(...(f.sources ?? []));
    if (f.value > 0) {
      counted += f.value;
      parts.push(`${COUNT_INFO[k].label}: ${intText(f.value)} ${COUNT_INFO[k].unit}`);
    }
  }
  const threshold = excusableIn(rule)
    ? 'Không để xảy ra (trừ trường hợp bất khả kháng hoặc đã phát hiện, xử lý, báo cáo kịp thời)'
    : 'Không để xảy ra';
  const tail = notes.length ? ` ${notes.join(' ')}` : '';
  let verdict: Verdict;
  let explanation: string;
  if (counted > 0) {
    verdict = 'khong_dat';
    explanation = excused.length
      ? `Đã xảy ra: ${joinParts(parts)}; còn ${intText(counted)} trường hợp không được loại trừ.${tail}`
      : `Đã xảy ra: ${joinParts(parts)}.${tail}`;
  } else if (missing.length) {
    verdict = 'thieu_du_lieu';
    explanation = `Chưa đủ số liệu để kết luận.${tail}`;
  } else if (excused.length) {
    verdict = 'dat';
    explanation = `Các trường hợp đã xảy ra đều được loại trừ: ${joinParts(excused)}.${tail}`;
  } else {
    verdict = 'dat';
    explanation = `Không xảy ra trong kỳ đánh giá ${periodText(facts.unitKind, facts.year)}.${tail}`;
  }
  const value = parts.length ? joinParts(parts) : missing.length ? 'Chưa có số liệu' : 'Không xảy ra';
  return { verdict, value, threshold, explanation, sources, missing };
}

function min(rule: RuleOf<'MIN'>, facts: UnitFacts): Outcome {
  const info = COUNT_INFO[rule.params.count];
  const threshold = `Tối thiểu ${intText(rule.params.min)} ${info.unit}`;
  const f = facts.counts[rule.params.count];
  if (!f) {
    return { verdict: 'thieu_du_lieu', value: 'Chưa có số liệu', threshold, explanation: `Chưa có số liệu: ${lowerFirst(info.label)}.`, sources: [], missing: [info.label] };
  }
  const ok = f.value >= rule.params.min;
  return {
    verdict: ok ? 'dat' : 'khong_dat',
    value: `${intText(f.value)} ${info.unit}`,
    threshold,
    explanation: `${info.label}: ${intText(f.value)} ${info.unit}, yêu cầu tối thiểu ${intText(rule.params.min)}.`,
    sources: f.sources ?? [],
    missing: [],
  };
}

/** num/den ≥ p % exactly, p with at most two decimals: num·10000 ≥ round(p·100)·den, in integers. */
export function meetsPercent(num: number, den: number, percent: number): boolean {
  return num * 10_000 >= Math.round(percent * 100) * den;
}

type ZeroDen = 'khong_ap_dung' | 'dat' | 'khong_dat';

function zeroDenominator(policy: ZeroDen, denominator: string, threshold: string, sources: SourceRef[]): Outcome {
  const base = `${capitalise(denominator)} bằng 0, không có gì để tính tỷ lệ (0/0)`;
  const explanation =
    policy === 'khong_ap_dung'
      ? `Không áp dụng: ${lowerFirst(base)}.`
      : `${base}; theo bộ tiêu chí, trường hợp này được tính là ${policy === 'dat' ? 'đạt' : 'không đạt'}.`;
  return { verdict: policy, value: '0/0', threshold, explanation, sources, missing: [] };
}

function pct(rule: RuleOf<'PCT'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const key = rule.params.ratio;
  if (key === 'don_vi_dang_ky' || key === 'don_vi_cong_nhan') return subUnitPct(rule, facts, settings);
  const info = RATIO_INFO[key];
  const threshold = `Tối thiểu ${numberText(rule.params.min)}%`;
  let num: number | undefined;
  let den: number | undefined;
  let sources: SourceRef[] = [];
  if (key === 'ho_gia_dinh') {
    num = facts.households?.registered;
    den = facts.households?.residing;
    sources = facts.households?.sources ?? [];
  } else if (key === 'quan_triet') {
    num = facts.staff?.briefed;
    den = facts.staff?.total;
    sources = facts.staff?.sources ?? [];
  } else {
    num = facts.departments?.good;
    den = facts.departments?.total;
    sources = facts.departments?.sources ?? [];
  }
  const missing: string[] = [];
  if (num === undefined) missing.push(capitalise(info.numerator));
  if (den === undefined) missing.push(capitalise(info.denominator));
  if (num === undefined || den === undefined) {
    return {
      verdict: 'thieu_du_lieu',
      value: `${num === undefined ? '?' : intText(num)}/${den === undefined ? '?' : intText(den)}`,
      threshold,
      explanation: `Chưa có ${missing.map(lowerFirst).join(' và ')}.`,
      sources,
      missing,
    };
  }
  if (den === 0) return zeroDenominator(rule.params.zeroDenominator ?? 'khong_ap_dung', info.denominator, threshold, sources);
  if (num > den) {
    return {
      verdict: 'thieu_du_lieu',
      value: `${intText(num)}/${intText(den)}`,
      threshold,
      explanation: `Số liệu không hợp lệ: ${info.numerator} (${intText(num)}) lớn hơn ${info.denominator} (${intText(den)}).`,
      sources,
      missing: [`Số liệu đúng: ${info.numerator} không được lớn hơn ${info.denominator}`],
    };
  }
  const ok = meetsPercent(num, den, rule.params.min);
  return {
    verdict: ok ? 'dat' : 'khong_dat',
    value: `${intText(num)}/${intText(den)} (${percentText(num, den)})`,
    threshold,
    explanation: `${intText(num)}/${intText(den)} ${info.unit} (${percentText(num, den)}) ${info.verb}, yêu cầu tối thiểu ${numberText(rule.params.min)}%.`,
    sources,
    missing: [],
  };
}

const STATE_WORDS: Readonly<Record<Verdict, string>> = {
  dat: 'đạt',
  khong_dat: 'không đạt',
  thieu_du_lieu: 'chưa kết luận',
  khong_ap_dung: 'không áp dụng',
};

interface Tally {
  label: string;
  num: number;
  undecided: number;
  den: number;
}

function subUnitPct(rule: RuleOf<'PCT'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const key = rule.params.ratio;
  const info = RATIO_INFO[key];
  const recognition = key === 'don_vi_cong_nhan';
  const p = rule.params.min;
  const pooled = settings.subunitPool === 'pooled';
  const threshold = `Tối thiểu ${numberText(p)}%${pooled ? '' : ' ở từng loại đơn vị'}`;
  const subUnits = facts.subUnits;
  if (!subUnits) {
    const m = 'Kết quả đăng ký, công nhận của các khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục trực thuộc (cùng năm)';
    return { verdict: 'thieu_du_lieu', value: 'Chưa có số liệu', threshold, explanation: `Chưa có ${lowerFirst(m)}.`, sources: [], missing: [m] };
  }
  const sources: SourceRef[] = [];
  const tallies: Tally[] = [];
  const unregistered: string[] = [];
  const undecidedNames: string[] = [];
  for (const cat of SUB_UNIT_CATEGORIES) {
    const f = subUnits[cat];
    if (!f || f.eligible === 0) continue;
    sources.push(...(f.sources ?? []));
    tallies.push({
      label: SUB_UNIT_CATEGORY_LABELS[cat],
      num: recognition ? f.recognised : f.registered,
      undecided: recognition ? f.undecided : 0,
      den: f.eligible,
    });
    unregistered.push(...(f.unregisteredUnits ?? []).map((s) => s.label));
    if (recognition) undecidedNames.push(...(f.undecidedUnits ?? []).map((s) => s.label));
  }
  const total: Tally = tallies.reduce((t, x) => ({ label: 'tổng', num: t.num + x.num, undecided: t.undecided + x.undecided, den: t.den + x.den }), {
    label: 'tổng',
    num: 0,
    undecided: 0,
    den: 0,
  });
  if (total.den === 0) return zeroDenominator(rule.params.zeroDenominator ?? 'khong_ap_dung', info.denominator, threshold, sources);
  const checked = pooled ? [total] : tallies;
  const state = (t: Tally): Verdict => (meetsPercent(t.num, t.den, p) ? 'dat' : !meetsPercent(t.num + t.undecided, t.den, p) ? 'khong_dat' : 'thieu_du_lieu');
  const states = checked.map(state);
  const verdict: Verdict = states.includes('khong_dat') ? 'khong_dat' : states.includes('thieu_du_lieu') ? 'thieu_du_lieu' : 'dat';
  const ratio = (t: Tally) => `${intText(t.num)}/${intText(t.den)} (${percentText(t.num, t.den)})`;
  const breakdown = tallies.map((t) => `${t.label} ${intText(t.num)}/${intText(t.den)}`);
  const value = pooled
    ? `${ratio(total)}${tallies.length > 1 ? ` — ${breakdown.join(', ')}` : ''}`
    : joinParts(tallies.map((t) => `${t.label} ${ratio(t)}`));
  let explanation = pooled
    ? `${intText(total.num)}/${intText(total.den)} ${info.unit} (${percentText(total.num, total.den)}) ${info.verb}, yêu cầu tối thiểu ${numberText(p)}%.`
    : `${joinParts(tallies.map((t, i) => `${capitalise(t.label)}: ${ratio(t)} ${STATE_WORDS[states[i]!]}`))}; yêu cầu tối thiểu ${numberText(p)}% ở từng loại.`;
  if (!recognition && unregistered.length) explanation += ` Chưa đăng ký: ${listNames([...unregistered].sort(byName))}.`;
  const missing: string[] = [];
  if (verdict === 'thieu_du_lieu') {
    const names = listNames([...undecidedNames].sort(byName));
    missing.push(`Quyết định công nhận của ${intText(total.undecided)} đơn vị${names ? `: ${names}` : ''}`);
    explanation += ` Còn ${intText(total.undecided)} đơn vị chưa có quyết định công nhận; kết quả phụ thuộc vào các đơn vị này.`;
  }
  return { verdict, value, threshold, explanation, sources, missing };
}

function tableSum(table: IncidentTable, categories: readonly IncidentCategory[]): { count: number; sources: SourceRef[] } {
  let count = 0;
  const sources: SourceRef[] = [];
  for (const c of categories) {
    const f = table.byCategory[c];
    if (!f) continue;
    count += f.count;
    sources.push(...(f.sources ?? []));
  }
  return { count, sources };
}

function cmpPrev(rule: RuleOf<'CMP_PREV'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const y = facts.year;
  const lte = settings.reducedMeans === 'lte';
  const perGroup = (rule.params.compare ?? 'per_group') === 'per_group';
  const scope = perGroup ? (rule.params.groups.length > 1 ? ' (từng nhóm)' : '') : ' (tính tổng các nhóm)';
  const threshold = lte
    ? `Không tăng so với năm ${y - 1}${scope}`
    : `Giảm so với năm ${y - 1}${scope}; nếu cả hai năm đều bằng 0 thì đạt`;
  const missing: string[] = [];
  if (!facts.incidents) missing.push(`Thống kê tình hình an ninh, trật tự kỳ ${periodText(facts.unitKind, y)}`);
  if (!facts.previousIncidents) missing.push(`Thống kê tình hình an ninh, trật tự năm ${y - 1} (cộng cả các đơn vị trước sắp xếp, sáp nhập)`);
  if (!facts.incidents || !facts.previousIncidents) {
    return { verdict: 'thieu_du_lieu', value: 'Chưa có số liệu', threshold, explanation: `Chưa đủ số liệu hai năm để so sánh.`, sources: [], missing };
  }
  const cur = facts.incidents;
  const prev = facts.previousIncidents;
  const sources: SourceRef[] = [...(cur.sources ?? []), ...(prev.sources ?? [])];
  const rows = rule.params.groups.map((g) => {
    const c = tableSum(cur, g.incidents);
    const p = tableSum(prev, g.incidents);
    sources.push(...c.sources, ...p.sources);
    return { label: g.label, unit: incidentUnit(g.incidents), cur: c.count, prev: p.count };
  });
  const passes = (c: number, p: number) => (c === 0 && p === 0) || (lte ? c <= p : c < p);
  const describeFail = (label: string, c: number, p: number, unit: string) =>
    c > p ? `${label} tăng từ ${intText(p)} lên ${intText(c)} ${unit}` : `${label} không giảm (${intText(c)} ${unit}, bằng năm ${y - 1})`;
  const values = rows.map((r) => `${r.label}: ${intText(r.cur)} ${r.unit} (năm ${y - 1}: ${intText(r.prev)})`);
  let verdict: Verdict;
  let explanation: string;
  if (perGroup) {
    const failing = rows.filter((r) => !passes(r.cur, r.prev));
    verdict = failing.length ? 'khong_dat' : 'dat';
    explanation = failing.length
      ? `${failing.map((r) => describeFail(r.label, r.cur, r.prev, r.unit)).join('; ')}.`
      : lte
        ? `Không nhóm nào tăng so với năm ${y - 1}.`
        : `Các nhóm đều giảm so với năm ${y - 1} (nhóm không phát sinh trong cả hai năm được coi là đạt).`;
  } else {
    const c = rows.reduce((s, r) => s + r.cur, 0);
    const p = rows.reduce((s, r) => s + r.prev, 0);
    const unit = incidentUnit(rule.params.groups.flatMap((g) => g.incidents));
    values.unshift(`Tổng: ${intText(c)} ${unit} (năm ${y - 1}: ${intText(p)})`);
    verdict = passes(c, p) ? 'dat' : 'khong_dat';
    explanation =
      verdict === 'dat'
        ? c === 0 && p === 0
          ? `Không phát sinh trong cả hai năm.`
          : `Tổng số ${intText(c)} ${unit}, năm ${y - 1} là ${intText(p)}: ${lte ? 'không tăng' : 'giảm'}.`
        : `${describeFail('Tổng số', c, p, unit)}.`;
  }
  return { verdict, value: joinParts(values), threshold, explanation, sources, missing: [] };
}

function rating(rule: RuleOf<'RATING'>, facts: UnitFacts): Outcome {
  const { subject, scale, min: minLevel, orTitles } = rule.params;
  const info = SCALE_INFO[scale];
  const subjectLabel = RATING_SUBJECT_LABELS[subject];
  const minLabel = info.levelLabels[minLevel] ?? minLevel;
  const threshold = `Từ "${minLabel}" trở lên${orTitles?.length ? ` hoặc danh hiệu ${orTitles.map((t) => `"${EMULATION_TITLE_LABELS[t]}"`).join(', ')}` : ''}`;
  const f = facts.ratings[subject];
  if (!f) {
    const m = `Kết quả xếp loại năm ${facts.year} của ${lowerFirst(subjectLabel)}`;
    return { verdict: 'thieu_du_lieu', value: 'Chưa có thông tin', threshold, explanation: `Chưa có ${lowerFirst(m)}.`, sources: [], missing: [m] };
  }
  const sources = f.sources ?? [];
  const titles = [...(f.titles ?? [])].sort();
  const titleText = titles.map((t) => EMULATION_TITLE_LABELS[t]).join(', ');
  if (f.scale !== scale) {
    const m = `Xếp loại theo thang "${info.label}"`;
    return {
      verdict: 'thieu_du_lieu',
      value: `Xếp loại theo thang khác (${SCALE_INFO[f.scale].label})`,
      threshold,
      explanation: `${subjectLabel} được xếp loại theo thang khác với thang tiêu chí yêu cầu.`,
      sources,
      missing: [m],
    };
  }
  const accepted = titles.filter((t) => orTitles?.includes(t));
  const levelText = f.level === null ? `Không xếp loại${f.notRatedReason ? ` (${f.notRatedReason})` : ''}` : (info.levelLabels[f.level] ?? f.level);
  const value = titleText ? `${levelText}; danh hiệu: ${titleText}` : levelText;
  if (accepted.length) {
    return {
      verdict: 'dat',
      value,
      threshold,
      explanation: `${subjectLabel} đạt danh hiệu "${EMULATION_TITLE_LABELS[accepted[0]!]}".`,
      sources,
      missing: [],
    };
  }
  if (f.level === null) {
    return {
      verdict: 'thieu_du_lieu',
      value,
      threshold,
      explanation: `${subjectLabel} không được xếp loại năm ${facts.year}; cán bộ cần xem xét và quyết định.`,
      sources,
      missing: [`Kết quả xếp loại (hoặc quyết định của cán bộ) đối với ${lowerFirst(subjectLabel)}`],
    };
  }
  const ok = info.levels.indexOf(f.level) <= info.levels.indexOf(minLevel);
  return {
    verdict: ok ? 'dat' : 'khong_dat',
    value,
    threshold,
    explanation: `${subjectLabel} được xếp loại "${levelText}"${ok ? ', đạt mức yêu cầu' : `, thấp hơn mức "${minLabel}"`}.`,
    sources,
    missing: [],
  };
}

function compute(rule: Rule, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const app = applicability(rule, facts);
  if (app.kind === 'na') {
    return { verdict: 'khong_ap_dung', value: '—', threshold: '—', explanation: `Không áp dụng vì ${app.reason}.`, sources: [], missing: [] };
  }
  if (app.kind === 'unknown') {
    return {
      verdict: 'thieu_du_lieu',
      value: '—',
      threshold: '—',
      explanation: 'Chưa xác định được tiêu chí có áp dụng cho đơn vị hay không.',
      sources: [],
      missing: app.missing,
    };
  }
  switch (rule.type) {
    case 'ATTESTED':
      return attested(rule, facts);
    case 'DATE_IN_Q1':
      return dateInQ1(rule, facts);
    case 'ZERO':
      return zero(rule, facts);
    case 'MIN':
      return min(rule, facts);
    case 'PCT':
      return pct(rule, facts, settings);
    case 'CMP_PREV':
      return cmpPrev(rule, facts, settings);
    case 'RATING':
      return rating(rule, facts);
  }
}

// ---------------------------------------------------------------------------------------------
// evaluate

function summaryOf(rules: readonly RuleResult[], overall: OverallResult, counts: Record<Verdict, number>): string {
  const applicable = rules.length - counts.khong_ap_dung;
  const na = counts.khong_ap_dung ? `; ${intText(counts.khong_ap_dung)} tiêu chí không áp dụng` : '';
  const ids = (v: Verdict) => listNames(rules.filter((r) => r.verdict === v).map((r) => r.ruleId), 8);
  if (overall === 'dat') return `Đạt: ${intText(applicable)}/${intText(applicable)} tiêu chí áp dụng đều đạt${na}.`;
  if (overall === 'chua_dat') {
    const more = counts.thieu_du_lieu ? `; còn thiếu dữ liệu ở ${intText(counts.thieu_du_lieu)} tiêu chí (${ids('thieu_du_lieu')})` : '';
    return `Chưa đạt: ${intText(counts.khong_dat)} tiêu chí không đạt (${ids('khong_dat')})${more}.`;
  }
  const missing = `thiếu dữ liệu ở ${intText(counts.thieu_du_lieu)} tiêu chí (${ids('thieu_du_lieu')})`;
  return `Chưa kết luận: ${missing}; ${intText(counts.dat)}/${intText(applicable)} tiêu chí áp dụng đã đạt.`;
}

/**
 * Evaluates one unit for one year against one or more rule sets (a national set and a province's
 * additions). Throws CriteriaError when a rule set does not apply to the unit's kind or two sets
 * share a criterion id — both are configuration mistakes to show, not results.
 */
export function evaluate(
  ruleSets: RuleSet | readonly RuleSet[],
  facts: UnitFacts,
  settings: EvaluationSettings = DEFAULT_SETTINGS,
  overrides: Overrides = {},
): EvaluationResult {
  const sets = (Array.isArray(ruleSets) ? [...(ruleSets as readonly RuleSet[])] : [ruleSets as RuleSet]).sort(compareRuleSets);
  if (sets.length === 0) throw new CriteriaError('Chưa có bộ tiêu chí nào để đánh giá.');
  const kindLabel = EVALUATED_KIND_LABELS[facts.unitKind].toLowerCase();
  const owner = new Map<string, string>();
  for (const rs of sets) {
    if (!rs.unitKinds.includes(facts.unitKind)) throw new CriteriaError(`Bộ tiêu chí "${rs.name}" không áp dụng cho ${kindLabel}.`);
    for (const r of rs.rules) {
      const other = owner.get(r.id);
      if (other !== undefined) throw new CriteriaError(`Mã tiêu chí "${r.id}" có trong cả bộ "${other}" và bộ "${rs.id}"; hãy đổi mã trong một bộ.`);
      owner.set(r.id, rs.id);
    }
  }
  const rules: RuleResult[] = [];
  for (const rs of sets) {
    for (const rule of rs.rules) {
      const o = compute(rule, facts, settings);
      const ov = overrides[rule.id];
      rules.push({
        ruleId: rule.id,
        ruleSetId: rs.id,
        clause: rule.clause,
        title: rule.title,
        description: rule.explanation,
        type: rule.type,
        verdict: ov ? ov.verdict : o.verdict,
        computedVerdict: o.verdict,
        ...(ov ? { override: { ...ov } } : {}),
        value: o.value,
        threshold: o.threshold,
        explanation: o.explanation,
        sources: normaliseSources(o.sources),
        missing: [...new Set(o.missing)],
      });
    }
  }
  const warnings = Object.keys(overrides)
    .filter((id) => !owner.has(id))
    .sort()
    .map((id) => `Kết quả ghi đè cho tiêu chí "${id}" không thuộc bộ tiêu chí đang dùng nên không được tính.`);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, rules.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
  const overall: OverallResult = counts.khong_dat > 0 ? 'chua_dat' : counts.thieu_du_lieu > 0 ? 'thieu_du_lieu' : 'dat';
  return {
    formatVersion: 1,
    unitId: facts.unitId,
    unitName: facts.unitName,
    unitKind: facts.unitKind,
    year: facts.year,
    ruleSets: sets.map((rs) => ({ id: rs.id, name: rs.name, version: rs.version, hash: ruleSetHash(rs), example: rs.example === true })),
    settings: { reducedMeans: settings.reducedMeans, subunitPool: settings.subunitPool },
    rules,
    overall,
    summary: summaryOf(rules, overall, counts),
    counts,
    warnings,
  };
}

/** Which rule set version(s) produced a result, for its header: "tt124-xa (10/02/2022)". */
export function ruleSetsText(result: Pick<EvaluationResult, 'ruleSets'>): string {
  return result.ruleSets.map((r) => `${r.name} (hiệu lực ${formatDateVi(r.version)})${r.example ? ' — ví dụ minh họa' : ''}`).join('; ');
}
