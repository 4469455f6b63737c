/**
 * Random inputs of the criteria engine for property tests (criteria-properties.test.ts,
 * criteria-verdicts.test.ts): facts of a unit of a kind, shaped by the rule sets it is evaluated
 * against, and the evaluation settings.
 */
import fc from 'fast-check';
import type { IncidentTable, SourceRef, UnitFacts } from '../../../shared/domain/criteria/facts';
import type { RuleSet } from '../../../shared/domain/criteria/ruleset';
import {
  COUNT_KEYS,
  DOCUMENT_KINDS,
  EMULATION_TITLES,
  FLAG_KEYS,
  SCALE_INFO,
  SUB_UNIT_CATEGORIES,
  type EvaluatedKind,
  type EvaluationSettings,
} from '../../../shared/domain/criteria/vocabulary';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../../shared/domain/activities';
import { addDaysIso } from '../../../shared/lib/dates';
import { CQ, GD, KDC, XA } from './criteria-fixtures';

/** Incident categories the shipped rules read (random tables stay small but relevant). */
export const USED: IncidentCategory[] = INCIDENT_CATEGORIES.filter((c) =>
  [KDC, XA, CQ, GD].some((rs) =>
    rs.rules.some(
      (r) =>
        (r.type === 'ZERO' && r.params.incidents?.includes(c)) ||
        (r.type === 'CMP_PREV' && r.params.groups.some((g) => g.incidents.includes(c))),
    ),
  ),
);

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
const source: fc.Arbitrary<SourceRef> = fc.record({
  kind: fc.constantFrom('incident', 'document'),
  id: fc.constantFrom('a', 'b', 'c'),
  label: fc.constantFrom('Vụ 1', 'Vụ 2', 'Văn bản'),
});
const day = fc.integer({ min: 0, max: 240 }).map((d) => addDaysIso('2024-11-01', d));
const excuse = fc.record({
  count: fc.integer({ min: 1, max: 2 }),
  excuse: fc.constantFrom('bat_kha_khang' as const, 'xu_ly_kip_thoi' as const),
  reason: fc.constantFrom('Lũ quét', 'Bắt giữ kịp thời'),
  by: fc.constantFrom('Chủ tịch UBND xã', 'Trưởng Công an xã'),
  on: day,
});
const incidentFact = fc.record(
  { count: fc.integer({ min: 0, max: 3 }), excuses: fc.array(excuse, { maxLength: 2 }), sources: fc.array(source, { maxLength: 2 }) },
  { requiredKeys: ['count'] },
);
const table: fc.Arbitrary<IncidentTable> = fc
  .record(
    { byCategory: fc.dictionary(fc.constantFrom(...USED), incidentFact, { maxKeys: 6 }), sources: fc.array(source, { maxLength: 2 }) },
    { requiredKeys: ['byCategory'] },
  )
  .map((t) => t as IncidentTable);
const attestation = fc.record({ value: fc.boolean(), by: fc.constantFrom('Cán bộ A', 'Cán bộ B'), on: day });
const pair = <A extends string, B extends string>(a: A, b: B) =>
  fc.record({ [a]: opt(fc.integer({ min: 0, max: 12 })), [b]: opt(fc.integer({ min: 0, max: 12 })) });
const subUnit = fc
  .record({ eligible: fc.integer({ min: 0, max: 10 }), a: fc.nat(), b: fc.nat(), c: fc.nat(), sources: fc.array(source, { maxLength: 2 }) })
  .map(({ eligible, a, b, c, sources }) => {
    const registered = eligible === 0 ? 0 : a % (eligible + 1);
    const recognised = registered === 0 ? 0 : b % (registered + 1);
    const undecided = registered - recognised === 0 ? 0 : c % (registered - recognised + 1);
    return { eligible, registered, recognised, undecided, sources };
  });
const rating = fc.constantFrom('hd01' as const, 'xep_loai_tap_the' as const).chain((scale) =>
  fc.record(
    {
      scale: fc.constant(scale),
      level: fc.option(fc.constantFrom(...SCALE_INFO[scale].levels), { nil: null }),
      titles: fc.subarray([...EMULATION_TITLES]),
    },
    { requiredKeys: ['scale', 'level'] },
  ),
);

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function factsArb(kind: EvaluatedKind, sets: readonly RuleSet[]): fc.Arbitrary<UnitFacts> {
  const attested = sets.flatMap((rs) => rs.rules.filter((r) => r.type === 'ATTESTED').map((r) => r.id));
  return fc
    .record({
      attestations: fc.record(Object.fromEntries(attested.map((id) => [id, opt(attestation)]))),
      documents: fc.record(
        Object.fromEntries(
          DOCUMENT_KINDS.map((k) => [k, fc.option(fc.option(fc.record({ date: day }), { nil: null }), { nil: undefined, freq: 4 })]),
        ),
      ),
      incidents: opt(table),
      previousIncidents: opt(table),
      households: opt(pair('registered', 'residing')),
      staff: opt(pair('briefed', 'total')),
      departments: opt(pair('good', 'total')),
      counts: fc.record(Object.fromEntries(COUNT_KEYS.map((k) => [k, opt(fc.record({ value: fc.integer({ min: 0, max: 5 }) }))]))),
      ratings: fc.record({ to_bao_ve_antt: opt(rating), luc_luong_bao_ve: opt(rating) }),
      subUnits: opt(fc.record(Object.fromEntries(SUB_UNIT_CATEGORIES.map((c) => [c, opt(subUnit)])))),
      flags: fc.record(Object.fromEntries(FLAG_KEYS.map((k) => [k, opt(fc.boolean())]))),
    })
    .map((r) => {
      const f: UnitFacts = {
        unitId: 'u',
        unitName: 'Đơn vị thử',
        unitKind: kind,
        year: 2025,
        attestations: clean(r.attestations) as UnitFacts['attestations'],
        documents: clean(r.documents),
        counts: clean(r.counts),
        ratings: clean(r.ratings) as UnitFacts['ratings'],
        flags: clean(r.flags),
      };
      if (r.incidents) f.incidents = r.incidents;
      if (r.previousIncidents) f.previousIncidents = r.previousIncidents;
      if (r.households) f.households = clean(r.households);
      if (r.staff) f.staff = clean(r.staff);
      if (r.departments) f.departments = clean(r.departments);
      if (r.subUnits) f.subUnits = clean(r.subUnits);
      return f;
    });
}

export const settingsArb: fc.Arbitrary<EvaluationSettings> = fc.record({
  reducedMeans: fc.constantFrom('lte' as const, 'lt' as const),
  subunitPool: fc.constantFrom('pooled' as const, 'per_category' as const),
});
