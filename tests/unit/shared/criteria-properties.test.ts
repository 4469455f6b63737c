/**
 * Property tests of the criteria engine over random units of every shipped rule set:
 *  - deterministic: the same facts give the same result, evaluating twice changes nothing;
 *  - the order of records, excuses, sources, sub-units, attestations and rule sets never matters;
 *  - adding passing evidence never turns a pass into a fail;
 *  - filling in missing input never changes a criterion that was already decided.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../../shared/domain/criteria/engine';
import { canonicalJson, hashOf } from '../../../shared/domain/criteria/hash';
import { freezeResult } from '../../../shared/domain/criteria/freeze';
import { unitFactsSchema, type UnitFacts } from '../../../shared/domain/criteria/facts';
import type { RuleSet } from '../../../shared/domain/criteria/ruleset';
import { DOCUMENT_KINDS, SCALE_INFO, SUB_UNIT_CATEGORIES, type EvaluatedKind } from '../../../shared/domain/criteria/vocabulary';
import { INCIDENT_CATEGORY_INFO, type IncidentCategory } from '../../../shared/domain/activities';
import { CQ, GD, KDC, PROVINCE_EXTRA, XA } from './criteria-fixtures';
import { USED, clean, factsArb, settingsArb } from './criteria-arbitraries';

const RUNS = { numRuns: 100 };

const CASES: readonly { name: string; kind: EvaluatedKind; sets: RuleSet[] }[] = [
  { name: 'khu dân cư + tiêu chí tỉnh', kind: 'khu_dan_cu', sets: [KDC, PROVINCE_EXTRA] },
  { name: 'xã', kind: 'xa', sets: [XA] },
  { name: 'doanh nghiệp', kind: 'doanh_nghiep', sets: [CQ] },
  { name: 'cơ sở giáo dục', kind: 'co_so_giao_duc', sets: [GD] },
];

/** Every array rotated by k and every object's keys in reverse order: the same facts, re-ordered. */
function reorder(value: unknown, k: number): unknown {
  if (Array.isArray(value)) {
    const n = value.length;
    return value.map((_, i) => reorder(value[(i + k) % n], k));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((key) => [key, reorder((value as Record<string, unknown>)[key], k)]),
    );
  }
  return value;
}

describe.each(CASES.map((c) => [c.name, c] as const))('engine properties: %s', (_n, { kind, sets }) => {
  const arb = factsArb(kind, sets);

  it('random facts are valid facts', () => {
    fc.assert(
      fc.property(arb, (f) => {
        expect(unitFactsSchema.safeParse(f).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('is deterministic: evaluating twice, or a copy, gives the same result and hash', () => {
    fc.assert(
      fc.property(arb, settingsArb, (f, s) => {
        const a = evaluate(sets, f, s);
        const b = evaluate(sets, structuredClone(f), s);
        expect(b).toEqual(a);
        expect(canonicalJson(b)).toBe(canonicalJson(a));
        expect(freezeResult(b, f)).toEqual(freezeResult(a, f));
        // evaluating does not touch its inputs
        expect(hashOf(f)).toBe(hashOf(structuredClone(f)));
        expect(evaluate(sets, f, s)).toEqual(a);
      }),
      RUNS,
    );
  });

  it('two excuses with the same date and reason, by different people, read the same in either order (a CI counterexample)', () => {
    const excuse = (by: string) => ({ count: 1, excuse: 'xu_ly_kip_thoi' as const, reason: 'Lũ quét', by, on: '2024-11-28' });
    const facts = (bys: string[]) =>
      ({
        unitId: 'u',
        unitName: 'Đơn vị thử',
        unitKind: kind,
        year: 2025,
        attestations: {},
        documents: {},
        counts: {},
        ratings: {},
        flags: {},
        incidents: { byCategory: { chay_no: { count: 1, excuses: bys.map(excuse) } } },
      }) as unknown as UnitFacts;
    const s = { reducedMeans: 'lte', subunitPool: 'pooled' } as Parameters<typeof evaluate>[2];
    const a = evaluate(sets, facts(['Trưởng Công an xã', 'Chủ tịch UBND xã']), s);
    expect(evaluate(sets, facts(['Chủ tịch UBND xã', 'Trưởng Công an xã']), s)).toEqual(a);
  });

  it('does not depend on the order of records, excuses, sources, sub-units, attestations or rule sets', () => {
    fc.assert(
      fc.property(arb, settingsArb, fc.nat({ max: 5 }), (f, s, k) => {
        const shuffled = reorder(f, k) as UnitFacts;
        expect(evaluate([...sets].reverse(), shuffled, s)).toEqual(evaluate(sets, f, s));
      }),
      RUNS,
    );
  });

  it('adding passing evidence never turns a pass into a fail', () => {
    fc.assert(
      fc.property(arb, settingsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (f, s, steps) => {
        const before = evaluate(sets, f, s);
        const g = structuredClone(f);
        for (const step of steps) improve(g, step, sets);
        const after = evaluate(sets, g, s);
        for (const r of before.rules) {
          if (r.verdict === 'dat') expect(after.rules.find((x) => x.ruleId === r.ruleId)!.verdict, r.ruleId).toBe('dat');
        }
        if (before.overall === 'dat') expect(after.overall).toBe('dat');
      }),
      RUNS,
    );
  });

  it('filling in missing input never changes a criterion already decided', () => {
    fc.assert(
      fc.property(arb, arb, settingsArb, (f, donor, s) => {
        const before = evaluate(sets, f, s);
        const after = evaluate(sets, fill(f, donor), s);
        for (const r of before.rules) {
          if (r.verdict !== 'thieu_du_lieu') expect(after.rules.find((x) => x.ruleId === r.ruleId)!.verdict, r.ruleId).toBe(r.verdict);
        }
        if (before.overall !== 'thieu_du_lieu') expect(after.overall).toBe(before.overall);
      }),
      RUNS,
    );
  });
});

/** One step of "more passing evidence", chosen by `n`. */
function improve(f: UnitFacts, n: number, sets: readonly RuleSet[]): void {
  const attested = sets.flatMap((rs) => rs.rules.filter((r) => r.type === 'ATTESTED').map((r) => r.id));
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(n / 16) % xs.length] : undefined);
  switch (n % 16) {
    case 0: {
      const id = pick(attested);
      if (id) f.attestations[id] = { value: true, by: 'Cán bộ C', on: '2025-11-01' };
      break;
    }
    case 1: {
      const k = pick(DOCUMENT_KINDS)!;
      f.documents[k] = { date: '2025-02-01' };
      break;
    }
    case 2: {
      // an approved excuse for an excusable category
      const cat = pick(
        Object.keys(f.incidents?.byCategory ?? {}).filter(
          (c) => INCIDENT_CATEGORY_INFO[c as IncidentCategory].excusable,
        ) as IncidentCategory[],
      );
      const fact = cat && f.incidents!.byCategory[cat];
      if (fact)
        fact.excuses = [
          ...(fact.excuses ?? []),
          { count: 1, excuse: 'bat_kha_khang', reason: 'Thiên tai', by: 'Chủ tịch UBND xã', on: '2025-06-01' },
        ];
      break;
    }
    case 3: {
      const cat = pick(Object.keys(f.incidents?.byCategory ?? {}) as IncidentCategory[]);
      const fact = cat && f.incidents!.byCategory[cat];
      if (fact && fact.count > 0) fact.count -= 1;
      break;
    }
    case 4: {
      const cat = pick(USED)!;
      if (f.previousIncidents) {
        const fact = f.previousIncidents.byCategory[cat];
        f.previousIncidents.byCategory[cat] = { ...fact, count: (fact?.count ?? 0) + 1 };
      }
      break;
    }
    case 5:
      if (f.counts.mo_hinh_hieu_qua) f.counts.mo_hinh_hieu_qua.value += 1;
      break;
    case 6: {
      const k = pick(['ky_luat_luc_luong_bao_ve', 'ky_luat_can_bo', 'pham_toi_trong_truong', 'te_nan_trong_truong'] as const)!;
      const c = f.counts[k];
      if (c && c.value > 0) c.value -= 1;
      break;
    }
    case 7:
      if (f.counts.buoi_tuyen_truyen) f.counts.buoi_tuyen_truyen.value += 1;
      break;
    case 8: {
      const h = f.households;
      if (h?.registered !== undefined && h.residing !== undefined && h.registered < h.residing) h.registered += 1;
      const st = f.staff;
      if (st?.briefed !== undefined && st.total !== undefined && st.briefed < st.total) st.briefed += 1;
      break;
    }
    case 9: {
      const d = f.departments;
      if (d?.good !== undefined && d.total !== undefined && d.good < d.total) d.good += 1;
      break;
    }
    case 10: {
      // a decision recognises an undecided sub-unit
      const cat = pick(SUB_UNIT_CATEGORIES)!;
      const s = f.subUnits?.[cat];
      if (s && s.undecided > 0) {
        s.undecided -= 1;
        s.recognised += 1;
      }
      break;
    }
    case 11: {
      // a sub-unit registers (and awaits its decision)
      const cat = pick(SUB_UNIT_CATEGORIES)!;
      const s = f.subUnits?.[cat];
      if (s && s.registered < s.eligible) {
        s.registered += 1;
        s.undecided += 1;
      }
      break;
    }
    case 12: {
      const subj = pick(['to_bao_ve_antt', 'luc_luong_bao_ve'] as const)!;
      const r = f.ratings[subj];
      if (r && r.level !== null) {
        const levels = SCALE_INFO[r.scale].levels;
        r.level = levels[Math.max(0, levels.indexOf(r.level) - 1)]!;
      }
      break;
    }
    case 13: {
      const subj = pick(['to_bao_ve_antt', 'luc_luong_bao_ve'] as const)!;
      const r = f.ratings[subj];
      if (r) r.titles = [...new Set([...(r.titles ?? []), 'tap_the_lao_dong_tien_tien' as const])];
      break;
    }
    case 14: {
      const id = pick(attested);
      if (id && f.attestations[id]) f.attestations[id] = { ...f.attestations[id], value: true };
      break;
    }
    default: {
      // a late document re-dated into Q1 (a corrected date)
      const k = pick(DOCUMENT_KINDS)!;
      if (f.documents[k]) f.documents[k] = { date: '2025-03-31' };
    }
  }
}

/** `f` with every unknown input taken from `donor`; what `f` knows is kept as it is. */
function fill(f: UnitFacts, donor: UnitFacts): UnitFacts {
  const g = structuredClone(f);
  g.attestations = { ...donor.attestations, ...f.attestations };
  g.documents = { ...donor.documents, ...f.documents };
  g.counts = { ...donor.counts, ...f.counts };
  g.ratings = { ...donor.ratings, ...f.ratings };
  g.flags = { ...donor.flags, ...f.flags };
  // a table or a sub-unit list is one fact: present means complete
  if (!g.incidents && donor.incidents) g.incidents = structuredClone(donor.incidents);
  if (!g.previousIncidents && donor.previousIncidents) g.previousIncidents = structuredClone(donor.previousIncidents);
  if (!g.subUnits && donor.subUnits) g.subUnits = structuredClone(donor.subUnits);
  for (const key of ['households', 'staff', 'departments'] as const) {
    const d = donor[key] as Record<string, unknown> | undefined;
    const own = f[key] as Record<string, unknown> | undefined;
    if (!d && !own) continue;
    (g as Record<string, unknown>)[key] = clean({ ...(d ?? {}), ...clean(own ?? {}) });
  }
  return g;
}
