/**
 * What every rule type's check returns (the engine adds the rule's identity and any override), and
 * the small text helpers the checks share.
 */
import { formatDateVi } from '../../lib/dates';
import { compareVietnamese } from '../../lib/text';
import { INCIDENT_CATEGORY_INFO, type IncidentCategory } from '../activities';
import { evaluationPeriod, type SourceRef } from './facts';
import type { EvaluatedKind, Verdict } from './vocabulary';

export interface Outcome {
  verdict: Verdict;
  value: string;
  threshold: string;
  explanation: string;
  sources: SourceRef[];
  missing: string[];
}

/** Vietnamese order for names shown to people, with a code-unit tie-break so it is total. */
export const byName = (a: string, b: string) => compareVietnamese(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export const lowerFirst = (s: string) => (s.length ? `${s[0]!.toLowerCase()}${s.slice(1)}` : s);

export function periodText(kind: EvaluatedKind, year: number): string {
  const p = evaluationPeriod(kind, year);
  return `${formatDateVi(p.from)}–${formatDateVi(p.to)}`;
}

export function incidentUnit(categories: readonly IncidentCategory[]): string {
  const persons = categories.filter((c) => INCIDENT_CATEGORY_INFO[c].persons === true).length;
  if (persons === 0) return 'vụ';
  if (persons === categories.length) return 'người';
  return 'vụ việc';
}
