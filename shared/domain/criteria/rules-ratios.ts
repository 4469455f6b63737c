/**
 * PCT rules: the unit's own ratios (households, staff briefed, departments) and a commune's XA-4
 * over its residential areas and organisations (TT124 art. 5.4).
 *
 * XA-4 is never decided on data that is not there (domain.md §5.6 N7):
 *  - a commune with no residential area recorded is "thiếu dữ liệu: chưa có khu dân cư nào" (every
 *    commune has thôn or tổ dân phố), unless the answer is already a certain failure;
 *  - an organisation whose place in the circular's scope is unknown (an enterprise without size
 *    data) is listed; the verdict is decided only when it is the same whether each such unit is in
 *    the denominator or not (best and worst case), otherwise "thiếu dữ liệu".
 */
import type { SourceRef, SubUnitCategoryFact, UnitFacts } from './facts';
import { byName, lowerFirst, type Outcome } from './outcome';
import type { RuleOf } from './ruleset';
import { capitalise, intText, listNames, numberText, percentText } from './text';
import { RATIO_INFO, SUB_UNIT_CATEGORIES, SUB_UNIT_CATEGORY_LABELS, type EvaluationSettings, type Verdict } from './vocabulary';

/** num/den ≥ p % exactly, p with at most two decimals: num·10000 ≥ round(p·100)·den, in integers. */
export function meetsPercent(num: number, den: number, percent: number): boolean {
  return num * 10_000 >= Math.round(percent * 100) * den;
}

export type ZeroDen = 'khong_ap_dung' | 'dat' | 'khong_dat';

function zeroDenominator(policy: ZeroDen, denominator: string, threshold: string, sources: SourceRef[]): Outcome {
  const base = `${capitalise(denominator)} bằng 0, không có gì để tính tỷ lệ (0/0)`;
  const explanation =
    policy === 'khong_ap_dung'
      ? `Không áp dụng: ${lowerFirst(base)}.`
      : `${base}; theo bộ tiêu chí, trường hợp này được tính là ${policy === 'dat' ? 'đạt' : 'không đạt'}.`;
  return { verdict: policy, value: '0/0', threshold, explanation, sources, missing: [] };
}

export function pct(rule: RuleOf<'PCT'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const key = rule.params.ratio;
  if (key === 'don_vi_dang_ky' || key === 'don_vi_cong_nhan') return subUnitPct(rule, facts, settings);
  const info = RATIO_INFO[key];
  const threshold = `Tối thiểu ${numberText(rule.params.min)}%`;
  let num: number | undefined;
  let den: number | undefined;
  let sources: SourceRef[];
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

/**
 * One denominator's counts. `num`/`den`: eligible units and those counted; `undecided`: eligible
 * units whose outcome is not known; `unk*`: units whose eligibility is not known, by the outcome
 * they would bring if eligible.
 */
export interface Tally {
  label: string;
  num: number;
  undecided: number;
  den: number;
  unkYes: number;
  unkUndecided: number;
  unkNo: number;
}

export const add = (a: Tally, b: Tally): Tally => ({
  label: 'tổng',
  num: a.num + b.num,
  undecided: a.undecided + b.undecided,
  den: a.den + b.den,
  unkYes: a.unkYes + b.unkYes,
  unkUndecided: a.unkUndecided + b.unkUndecided,
  unkNo: a.unkNo + b.unkNo,
});

export const ZERO_TALLY: Tally = { label: 'tổng', num: 0, undecided: 0, den: 0, unkYes: 0, unkUndecided: 0, unkNo: 0 };

export function tallyOf(cat: (typeof SUB_UNIT_CATEGORIES)[number], f: SubUnitCategoryFact, recognition: boolean): Tally {
  const u = f.unknownEligibility;
  const unkYes = u ? (recognition ? u.recognised : u.registered) : 0;
  const unkUndecided = u && recognition ? u.undecided : 0;
  return {
    label: SUB_UNIT_CATEGORY_LABELS[cat],
    num: recognition ? f.recognised : f.registered,
    undecided: recognition ? f.undecided : 0,
    den: f.eligible,
    unkYes,
    unkUndecided,
    unkNo: u ? u.total - unkYes - unkUndecided : 0,
  };
}

/**
 * Decided only when the best case (undecided count, unknown-scope units in when they help) and the
 * worst case (undecided do not count, unknown-scope units in when they hurt) agree.
 */
export function stateOf(t: Tally, p: number): Verdict {
  const worst = meetsPercent(t.num, t.den + t.unkNo + t.unkUndecided, p);
  const best = meetsPercent(t.num + t.undecided + t.unkYes + t.unkUndecided, t.den + t.unkYes + t.unkUndecided, p);
  return worst ? 'dat' : !best ? 'khong_dat' : 'thieu_du_lieu';
}

interface Names {
  unregistered: string[];
  undecided: string[];
  unknown: { label: string; names: string[]; count: number }[];
}

function collect(
  facts: NonNullable<UnitFacts['subUnits']>,
  recognition: boolean,
): { tallies: Tally[]; sources: SourceRef[]; names: Names } {
  const tallies: Tally[] = [];
  const sources: SourceRef[] = [];
  const names: Names = { unregistered: [], undecided: [], unknown: [] };
  for (const cat of SUB_UNIT_CATEGORIES) {
    const f = facts[cat];
    if (!f || (f.eligible === 0 && !f.unknownEligibility?.total)) continue;
    sources.push(...(f.sources ?? []), ...(f.unknownEligibility?.units ?? []));
    tallies.push(tallyOf(cat, f, recognition));
    names.unregistered.push(...(f.unregisteredUnits ?? []).map((s) => s.label));
    if (recognition) names.undecided.push(...(f.undecidedUnits ?? []).map((s) => s.label));
    const u = f.unknownEligibility;
    if (u && u.total > 0)
      names.unknown.push({ label: SUB_UNIT_CATEGORY_LABELS[cat], count: u.total, names: u.units.map((s) => s.label).sort(byName) });
  }
  return { tallies, sources, names };
}

const unknownCount = (t: Tally) => t.unkYes + t.unkUndecided + t.unkNo;
const unknownText = (t: Tally) => (unknownCount(t) ? `${t.den ? ' và ' : ''}${intText(unknownCount(t))} chưa xác định diện áp dụng` : '');
const ratio = (t: Tally) => (t.den ? `${intText(t.num)}/${intText(t.den)} (${percentText(t.num, t.den)})` : '') + unknownText(t);
const share = (t: Tally) => (t.den ? `${intText(t.num)}/${intText(t.den)}` : '') + unknownText(t);

function noResidentialArea(base: Outcome, certainFail: boolean): Outcome {
  const m = 'Danh sách khu dân cư (thôn, tổ dân phố) thuộc xã: chưa có khu dân cư nào';
  if (certainFail)
    return {
      ...base,
      explanation: `${base.explanation} Chưa có khu dân cư nào thuộc xã trong danh sách đơn vị.`,
      missing: [...base.missing, m],
    };
  return {
    ...base,
    verdict: 'thieu_du_lieu',
    value: base.value === '0/0' ? 'Chưa có khu dân cư nào' : base.value,
    explanation: `Thiếu dữ liệu: chưa có khu dân cư nào thuộc xã trong danh sách đơn vị; xã, phường nào cũng có thôn, tổ dân phố nên chưa tính được tỷ lệ.${base.value === '0/0' ? '' : ` Tạm tính: ${base.explanation}`}`,
    missing: [...base.missing, m],
  };
}

function subUnitPct(rule: RuleOf<'PCT'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const key = rule.params.ratio;
  const info = RATIO_INFO[key];
  const recognition = key === 'don_vi_cong_nhan';
  const p = rule.params.min;
  const pooled = settings.subunitPool === 'pooled';
  const threshold = `Tối thiểu ${numberText(p)}%${pooled ? '' : ' ở từng loại đơn vị'}`;
  if (!facts.subUnits) {
    const m = 'Kết quả đăng ký, công nhận của các khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục trực thuộc (cùng năm)';
    return {
      verdict: 'thieu_du_lieu',
      value: 'Chưa có số liệu',
      threshold,
      explanation: `Chưa có ${lowerFirst(m)}.`,
      sources: [],
      missing: [m],
    };
  }
  const hasArea = (facts.subUnits.khu_dan_cu?.eligible ?? 0) > 0;
  const { tallies, sources, names } = collect(facts.subUnits, recognition);
  const total = tallies.reduce(add, ZERO_TALLY);
  if (total.den === 0 && total.unkYes + total.unkUndecided + total.unkNo === 0) {
    const zero = zeroDenominator(rule.params.zeroDenominator ?? 'khong_ap_dung', info.denominator, threshold, sources);
    return hasArea ? zero : noResidentialArea(zero, false);
  }
  const states = (pooled ? [total] : tallies).map((t) => stateOf(t, p));
  const verdict: Verdict = states.includes('khong_dat') ? 'khong_dat' : states.includes('thieu_du_lieu') ? 'thieu_du_lieu' : 'dat';
  const breakdown = tallies.map((t) => `${t.label} ${share(t)}`);
  const totalText = `${intText(total.num)}/${intText(total.den)}${total.den ? ` (${percentText(total.num, total.den)})` : ''}`;
  const value = pooled
    ? `${totalText}${tallies.length > 1 ? ` — ${breakdown.join(', ')}` : ''}`
    : tallies.map((t) => `${t.label} ${ratio(t)}`).join('; ');
  let explanation = pooled
    ? `${intText(total.num)}/${intText(total.den)} ${info.unit}${total.den ? ` (${percentText(total.num, total.den)})` : ''} ${info.verb}, yêu cầu tối thiểu ${numberText(p)}%.`
    : `${tallies.map((t, i) => `${capitalise(t.label)}: ${ratio(t)} ${STATE_WORDS[states[i]!]}`).join('; ')}; yêu cầu tối thiểu ${numberText(p)}% ở từng loại.`;
  if (!recognition && names.unregistered.length) explanation += ` Chưa đăng ký: ${listNames([...names.unregistered].sort(byName))}.`;
  const missing: string[] = [];
  for (const u of names.unknown) {
    explanation += ` ${intText(u.count)} ${u.label} chưa có số liệu quy mô (chưa xác định thuộc diện áp dụng, chưa tính vào tỷ lệ): ${listNames(u.names)}.`;
    if (verdict === 'thieu_du_lieu') missing.push(`Số liệu quy mô của ${intText(u.count)} ${u.label}: ${listNames(u.names)}`);
  }
  if (verdict === 'thieu_du_lieu') {
    if (total.undecided + total.unkUndecided > 0) {
      const n = total.undecided + total.unkUndecided;
      missing.push(
        `Quyết định công nhận của ${intText(n)} đơn vị${names.undecided.length ? `: ${listNames([...names.undecided].sort(byName))}` : ''}`,
      );
      explanation += ` Còn ${intText(n)} đơn vị chưa có quyết định công nhận.`;
    }
    explanation += ' Kết quả phụ thuộc vào các đơn vị còn thiếu dữ liệu.';
  } else if (names.unknown.length) {
    explanation += ' Dù các đơn vị này thuộc diện hay không, kết quả không đổi.';
  }
  const out: Outcome = { verdict, value, threshold, explanation, sources, missing };
  if (hasArea) return out;
  // With no residential area listed, only a failure no residential area could repair stands.
  const certainFail =
    verdict === 'khong_dat' && (pooled ? p >= 100 : !tallies.some((t) => t.label === SUB_UNIT_CATEGORY_LABELS.khu_dan_cu));
  return noResidentialArea(out, certainFail);
}
