/**
 * The per-category facts of Circular 124 beyond the names (shared/domain/incident-categories.ts):
 * which excuse grounds each category allows (domain.md §5.6 N3) and the completeness groups (N7).
 */
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_INFO, type IncidentCategory } from '../../../shared/domain/activities';
import {
  COMPLETENESS_GROUPS,
  allowedExcuses,
  completenessGroupOf,
  groupsOf,
  isExcusable,
} from '../../../shared/domain/incident-categories';
import { CQ, GD, KDC, XA } from './criteria-fixtures';

describe('excuse grounds per category', () => {
  it('crimes of class "nghiêm trọng" and above: only detected, handled and reported in time', () => {
    for (const c of ['toi_pham_nghiem_trong', 'toi_pham_rat_nghiem_trong', 'toi_pham_dac_biet_nghiem_trong'] as const) {
      expect(allowedExcuses(c), c).toEqual(['xu_ly_kip_thoi']);
    }
  });

  it('fires, fatal labour accidents, serious incidents, environment and food safety: force majeure alone', () => {
    for (const c of ['chay_no', 'tai_nan_lao_dong', 'su_co_nghiem_trong', 'moi_truong_attp'] as const) {
      expect(allowedExcuses(c), c).toEqual(['bat_kha_khang']);
    }
  });

  it('every other category is never excused, and the category table agrees', () => {
    for (const c of INCIDENT_CATEGORIES) expect(isExcusable(c), c).toBe(INCIDENT_CATEGORY_INFO[c].excusable);
    expect(allowedExcuses('toi_pham_it_nghiem_trong')).toEqual([]);
  });

  it('the shipped criteria of 4.4b, 5.2, 6.3đ and 7.3 name crimes; those of 4.4d, 6.3g name incidents', () => {
    const rule = (rs: typeof KDC, id: string) => rs.rules.find((r) => r.id === id)!;
    const cats = (rs: typeof KDC, id: string) => {
      const r = rule(rs, id);
      return r.type === 'ZERO' ? (r.params.incidents ?? []) : [];
    };
    for (const [rs, id] of [
      [KDC, 'KDC-4b'],
      [XA, 'XA-2.4b'],
      [CQ, 'CQ-3dd'],
      [GD, 'GD-3dd'],
    ] as const) {
      expect(new Set(cats(rs, id).flatMap((c) => allowedExcuses(c))), id).toEqual(new Set(['xu_ly_kip_thoi']));
    }
    for (const [rs, id] of [
      [KDC, 'KDC-4d'],
      [XA, 'XA-2.4d'],
      [CQ, 'CQ-3g'],
      [GD, 'GD-3g'],
    ] as const) {
      expect(new Set(cats(rs, id).flatMap((c) => allowedExcuses(c))), id).toEqual(new Set(['bat_kha_khang']));
    }
  });
});

describe('completeness groups', () => {
  it('every category has exactly one group, and every group has a category', () => {
    const used = new Set(INCIDENT_CATEGORIES.map((c) => completenessGroupOf(c)));
    expect([...used].sort()).toEqual([...COMPLETENESS_GROUPS].sort());
  });

  it('crimes, social evils, security events and fires are apart (a fire says nothing of crimes)', () => {
    const g = (c: IncidentCategory) => completenessGroupOf(c);
    expect(g('toi_pham_it_nghiem_trong')).toBe('toi_pham');
    expect(g('te_nan_xa_hoi')).toBe('te_nan');
    expect(g('an_ninh_chong_dang')).toBe('an_ninh');
    expect(g('chay_no')).toBe('chay_no_su_co');
    expect(groupsOf(['chay_no', 'toi_pham_nghiem_trong', 'toi_pham_rat_nghiem_trong'])).toEqual(['toi_pham', 'chay_no_su_co']);
  });
});
