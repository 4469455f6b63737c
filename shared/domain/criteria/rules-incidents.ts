/**
 * The rules on incident statistics: ZERO ("không để xảy ra", with per-incident excuses) and
 * CMP_PREV ("kiềm chế, kéo giảm" against the previous year).
 *
 * Excuses (domain.md §5.6 N3): an excuse counts only when its ground is one Circular 124 allows for
 * the category (incident-categories.ts) — a crime is excused only when detected, handled and
 * reported in time, a fire or accident only by force majeure. An excuse with another ground, even
 * in old data, is ignored and the explanation says so.
 *
 * Completeness (N7): a category with no row is "no occurrence" only when its completeness group is
 * known to be entered; otherwise the rule is "thiếu dữ liệu" and says which group is missing.
 */
import { formatDateVi } from '../../lib/dates';
import { INCIDENT_CATEGORY_INFO, type IncidentCategory } from '../activities';
import {
  COMPLETENESS_GROUPS,
  COMPLETENESS_GROUP_LABELS,
  INCIDENT_EXCUSES,
  INCIDENT_EXCUSE_LABELS,
  allowedExcuses,
  allowedExcusesText,
  completenessGroupOf,
  type CompletenessGroup,
} from '../incident-categories';
import type { IncidentTable, SourceRef, UnitFacts } from './facts';
import { incidentUnit, lowerFirst, periodText, type Outcome } from './outcome';
import type { RuleOf } from './ruleset';
import { intText, joinParts } from './text';
import { COUNT_INFO, type EvaluationSettings, type Verdict } from './vocabulary';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether nothing is known about the category in this table (its group is not entered). */
export function unknownIn(table: IncidentTable, c: IncidentCategory): boolean {
  return !table.byCategory[c] && (table.missingGroups ?? []).includes(completenessGroupOf(c));
}

function groupGap(groups: Iterable<CompletenessGroup>, period: string): string[] {
  const set = new Set(groups);
  return COMPLETENESS_GROUPS.filter((g) => set.has(g)).map(
    (g) => `Thống kê nhóm "${COMPLETENESS_GROUP_LABELS[g]}" kỳ ${period}: chưa có bản ghi nào và chưa xác nhận "đã nhập đủ"`,
  );
}

function threshold(rule: RuleOf<'ZERO'>): string {
  if (rule.params.honourExcuses === false) return 'Không để xảy ra';
  const kinds = INCIDENT_EXCUSES.filter((e) => (rule.params.incidents ?? []).some((c) => allowedExcuses(c).includes(e)));
  if (kinds.length === 0) return 'Không để xảy ra';
  return `Không để xảy ra (trừ trường hợp ${kinds.map((e) => INCIDENT_EXCUSE_LABELS[e].toLowerCase()).join(' hoặc ')})`;
}

interface ZeroAcc {
  parts: string[];
  excused: string[];
  notes: string[];
  missing: string[];
  sources: SourceRef[];
  counted: number;
}

/** One category's occurrences: counted, excused (with an allowed ground) or noted. */
function countCategory(
  acc: ZeroAcc,
  c: IncidentCategory,
  f: NonNullable<IncidentTable['byCategory'][IncidentCategory]>,
  honour: boolean,
): void {
  const info = INCIDENT_CATEGORY_INFO[c];
  const unit = info.persons ? 'người' : 'vụ';
  const allowed = honour ? allowedExcuses(c) : [];
  // A total order (two excuses may share a date and a reason), so the explanation never depends on input order.
  const excuses = [...(f.excuses ?? [])].sort(
    (a, b) => cmp(a.on, b.on) || cmp(a.reason, b.reason) || cmp(a.by, b.by) || cmp(a.excuse, b.excuse) || a.count - b.count,
  );
  const valid = excuses.filter((e) => allowed.includes(e.excuse));
  const wrong = excuses.filter((e) => !allowed.includes(e.excuse));
  const claimed = valid.reduce((s, e) => s + e.count, 0);
  const honoured = Math.min(claimed, f.count);
  acc.counted += f.count - honoured;
  acc.parts.push(`${info.label}: ${intText(f.count)} ${unit}${honoured ? ` (được loại trừ ${intText(honoured)})` : ''}`);
  acc.sources.push(...(f.sources ?? []));
  for (const e of valid) {
    acc.excused.push(
      `${info.label}: ${INCIDENT_EXCUSE_LABELS[e.excuse].toLowerCase()} — ${e.reason} (${e.by} xác nhận ngày ${formatDateVi(e.on)})`,
    );
    if (e.source) acc.sources.push(e.source);
  }
  if (claimed > f.count) {
    acc.notes.push(
      `Số ${unit} ${lowerFirst(info.label)} ghi loại trừ (${intText(claimed)}) lớn hơn số đã xảy ra (${intText(f.count)}); chỉ tính ${intText(f.count)}.`,
    );
  }
  if (wrong.length === 0) return;
  if (!honour) {
    if (allowedExcuses(c).length) acc.notes.push(`Tiêu chí này không cho loại trừ ${lowerFirst(info.label)}.`);
    else acc.notes.push(`${info.label} không thuộc trường hợp được loại trừ theo Thông tư 124.`);
    return;
  }
  if (allowed.length === 0) {
    acc.notes.push(`${info.label} không thuộc trường hợp được loại trừ theo Thông tư 124.`);
    return;
  }
  for (const e of wrong) {
    acc.notes.push(
      `Không tính căn cứ loại trừ "${INCIDENT_EXCUSE_LABELS[e.excuse].toLowerCase()}" ghi cho ${lowerFirst(info.label)} (${intText(e.count)} ${unit}, ${e.by} xác nhận ngày ${formatDateVi(e.on)}): theo Thông tư 124, ${lowerFirst(info.label)} chỉ được loại trừ khi ${allowedExcusesText(c)}.`,
    );
  }
}

export function zero(rule: RuleOf<'ZERO'>, facts: UnitFacts): Outcome {
  const honour = rule.params.honourExcuses !== false;
  const acc: ZeroAcc = { parts: [], excused: [], notes: [], missing: [], sources: [], counted: 0 };
  const period = periodText(facts.unitKind, facts.year);
  if (rule.params.incidents) {
    const table = facts.incidents;
    if (!table) {
      acc.missing.push(`Thống kê tình hình an ninh, trật tự kỳ ${period}`);
    } else {
      acc.sources.push(...(table.sources ?? []));
      const gaps = new Set<CompletenessGroup>();
      for (const g of new Set(rule.params.incidents.map(completenessGroupOf))) acc.sources.push(...(table.groupSources?.[g] ?? []));
      for (const c of rule.params.incidents) {
        const f = table.byCategory[c];
        if (unknownIn(table, c)) gaps.add(completenessGroupOf(c));
        if (!f || f.count === 0) continue;
        countCategory(acc, c, f, honour);
      }
      acc.missing.push(...groupGap(gaps, period));
    }
  }
  for (const k of rule.params.counts ?? []) {
    const f = facts.counts[k];
    if (!f) {
      const why = facts.countGaps?.[k];
      acc.missing.push(why ? `${COUNT_INFO[k].label} (${lowerFirst(why.replace(/\.$/, ''))})` : COUNT_INFO[k].label);
      continue;
    }
    acc.sources.push(...(f.sources ?? []));
    if (f.value > 0) {
      acc.counted += f.value;
      acc.parts.push(`${COUNT_INFO[k].label}: ${intText(f.value)} ${COUNT_INFO[k].unit}`);
    }
  }
  const { parts, excused, notes, missing, sources, counted } = acc;
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
    explanation = `Thiếu dữ liệu: ${missing.map(lowerFirst).join('; ')}.${tail}`;
  } else if (excused.length) {
    verdict = 'dat';
    explanation = `Các trường hợp đã xảy ra đều được loại trừ: ${joinParts(excused)}.${tail}`;
  } else {
    verdict = 'dat';
    explanation = `Không xảy ra trong kỳ đánh giá ${period}.${tail}`;
  }
  const value = parts.length ? joinParts(parts) : missing.length ? 'Chưa có số liệu' : 'Không xảy ra';
  return { verdict, value, threshold: threshold(rule), explanation, sources, missing };
}

function tableSum(
  table: IncidentTable,
  categories: readonly IncidentCategory[],
): { count: number; sources: SourceRef[]; unknown: CompletenessGroup[] } {
  let count = 0;
  const sources: SourceRef[] = [];
  const unknown = new Set<CompletenessGroup>();
  for (const c of categories) {
    if (unknownIn(table, c)) unknown.add(completenessGroupOf(c));
    const f = table.byCategory[c];
    if (!f) continue;
    count += f.count;
    sources.push(...(f.sources ?? []));
  }
  return { count, sources, unknown: [...unknown] };
}

interface CmpRow {
  label: string;
  unit: string;
  cur: number;
  prev: number;
  known: boolean;
}

export function cmpPrev(rule: RuleOf<'CMP_PREV'>, facts: UnitFacts, settings: EvaluationSettings): Outcome {
  const y = facts.year;
  const lte = settings.reducedMeans === 'lte';
  const perGroup = (rule.params.compare ?? 'per_group') === 'per_group';
  const scope = perGroup ? (rule.params.groups.length > 1 ? ' (từng nhóm)' : '') : ' (tính tổng các nhóm)';
  const threshold = lte ? `Không tăng so với năm ${y - 1}${scope}` : `Giảm so với năm ${y - 1}${scope}; nếu cả hai năm đều bằng 0 thì đạt`;
  const missing: string[] = [];
  const curPeriod = periodText(facts.unitKind, y);
  const prevPeriod = periodText(facts.unitKind, y - 1);
  if (!facts.incidents) missing.push(`Thống kê tình hình an ninh, trật tự kỳ ${curPeriod}`);
  if (!facts.previousIncidents)
    missing.push(`Thống kê tình hình an ninh, trật tự năm ${y - 1} (cộng cả các đơn vị trước sắp xếp, sáp nhập)`);
  if (!facts.incidents || !facts.previousIncidents) {
    return {
      verdict: 'thieu_du_lieu',
      value: 'Chưa có số liệu',
      threshold,
      explanation: `Thiếu dữ liệu: ${missing.map(lowerFirst).join('; ')}.`,
      sources: [],
      missing,
    };
  }
  const cur = facts.incidents;
  const prev = facts.previousIncidents;
  const sources: SourceRef[] = [...(cur.sources ?? []), ...(prev.sources ?? [])];
  for (const g of new Set(rule.params.groups.flatMap((x) => x.incidents).map(completenessGroupOf))) {
    sources.push(...(cur.groupSources?.[g] ?? []), ...(prev.groupSources?.[g] ?? []));
  }
  const curGaps = new Set<CompletenessGroup>();
  const prevGaps = new Set<CompletenessGroup>();
  const rows: CmpRow[] = rule.params.groups.map((g) => {
    const c = tableSum(cur, g.incidents);
    const p = tableSum(prev, g.incidents);
    sources.push(...c.sources, ...p.sources);
    c.unknown.forEach((x) => curGaps.add(x));
    p.unknown.forEach((x) => prevGaps.add(x));
    return {
      label: g.label,
      unit: incidentUnit(g.incidents),
      cur: c.count,
      prev: p.count,
      known: c.unknown.length === 0 && p.unknown.length === 0,
    };
  });
  missing.push(...groupGap(curGaps, curPeriod), ...groupGap(prevGaps, `năm ${y - 1} (${prevPeriod})`));
  const passes = (c: number, p: number) => (c === 0 && p === 0) || (lte ? c <= p : c < p);
  const describeFail = (label: string, c: number, p: number, unit: string) =>
    c > p ? `${label} tăng từ ${intText(p)} lên ${intText(c)} ${unit}` : `${label} không giảm (${intText(c)} ${unit}, bằng năm ${y - 1})`;
  const values = rows.map((r) =>
    r.known ? `${r.label}: ${intText(r.cur)} ${r.unit} (năm ${y - 1}: ${intText(r.prev)})` : `${r.label}: chưa đủ số liệu`,
  );
  const gapText = missing.length ? ` Thiếu dữ liệu: ${missing.map(lowerFirst).join('; ')}.` : '';
  let verdict: Verdict;
  let explanation: string;
  if (perGroup) {
    const failing = rows.filter((r) => r.known && !passes(r.cur, r.prev));
    verdict = failing.length ? 'khong_dat' : missing.length ? 'thieu_du_lieu' : 'dat';
    explanation = failing.length
      ? `${failing.map((r) => describeFail(r.label, r.cur, r.prev, r.unit)).join('; ')}.${gapText}`
      : missing.length
        ? gapText.trim()
        : lte
          ? `Không nhóm nào tăng so với năm ${y - 1}.`
          : `Các nhóm đều giảm so với năm ${y - 1} (nhóm không phát sinh trong cả hai năm được coi là đạt).`;
  } else {
    const c = rows.reduce((s, r) => s + r.cur, 0);
    const p = rows.reduce((s, r) => s + r.prev, 0);
    const unit = incidentUnit(rule.params.groups.flatMap((g) => g.incidents));
    if (missing.length) {
      verdict = 'thieu_du_lieu';
      explanation = gapText.trim();
    } else {
      values.unshift(`Tổng: ${intText(c)} ${unit} (năm ${y - 1}: ${intText(p)})`);
      verdict = passes(c, p) ? 'dat' : 'khong_dat';
      explanation =
        verdict === 'dat'
          ? c === 0 && p === 0
            ? `Không phát sinh trong cả hai năm.`
            : `Tổng số ${intText(c)} ${unit}, năm ${y - 1} là ${intText(p)}: ${lte ? 'không tăng' : 'giảm'}.`
          : `${describeFail('Tổng số', c, p, unit)}.`;
    }
  }
  return { verdict, value: joinParts(values), threshold, explanation, sources, missing };
}
