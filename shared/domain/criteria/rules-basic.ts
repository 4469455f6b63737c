/**
 * The rule types that read one fact each: ATTESTED (a person's yes/no), DATE_IN_Q1 (documents
 * issued in the first quarter), MIN (a named count at least n) and RATING (a rating at least a level
 * or an accepted title). See ruleset.ts for their parameters.
 */
import { daysInclusive, formatDateVi } from '../../lib/dates';
import { firstQuarter, type SourceRef, type UnitFacts } from './facts';
import { lowerFirst, type Outcome } from './outcome';
import type { RuleOf } from './ruleset';
import { intText, joinParts } from './text';
import {
  COUNT_INFO,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_SHORT_LABELS,
  EMULATION_TITLE_LABELS,
  RATING_SUBJECT_LABELS,
  SCALE_INFO,
  type Verdict,
} from './vocabulary';

export function attested(rule: RuleOf<'ATTESTED'>, facts: UnitFacts): Outcome {
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

export function dateInQ1(rule: RuleOf<'DATE_IN_Q1'>, facts: UnitFacts): Outcome {
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

export function min(rule: RuleOf<'MIN'>, facts: UnitFacts): Outcome {
  const info = COUNT_INFO[rule.params.count];
  const threshold = `Tối thiểu ${intText(rule.params.min)} ${info.unit}`;
  const f = facts.counts[rule.params.count];
  if (!f) {
    const why = facts.countGaps?.[rule.params.count];
    const explanation = why ? `Thiếu dữ liệu: ${lowerFirst(why)}` : `Chưa có số liệu: ${lowerFirst(info.label)}.`;
    return {
      verdict: 'thieu_du_lieu',
      value: 'Chưa có số liệu',
      threshold,
      explanation,
      sources: [],
      missing: [why ? `${info.label} (${lowerFirst(why.replace(/\.$/, ''))})` : info.label],
    };
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

export function rating(rule: RuleOf<'RATING'>, facts: UnitFacts): Outcome {
  const { subject, scale, min: minLevel, orTitles } = rule.params;
  const info = SCALE_INFO[scale];
  const subjectLabel = RATING_SUBJECT_LABELS[subject];
  const minLabel = info.levelLabels[minLevel] ?? minLevel;
  const threshold = `Từ "${minLabel}" trở lên${orTitles?.length ? ` hoặc danh hiệu ${orTitles.map((t) => `"${EMULATION_TITLE_LABELS[t]}"`).join(', ')}` : ''}`;
  const f = facts.ratings[subject];
  if (!f) {
    const m = `Kết quả xếp loại năm ${facts.year} của ${lowerFirst(subjectLabel)}`;
    return {
      verdict: 'thieu_du_lieu',
      value: 'Chưa có thông tin',
      threshold,
      explanation: `Chưa có ${lowerFirst(m)}.`,
      sources: [],
      missing: [m],
    };
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
  const levelText =
    f.level === null ? `Không xếp loại${f.notRatedReason ? ` (${f.notRatedReason})` : ''}` : (info.levelLabels[f.level] ?? f.level);
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
