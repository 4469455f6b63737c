/**
 * Unit levels and kinds (shared/domain/units.ts) and their Vietnamese labels
 * (shared/domain/labels.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  COMMUNE_KINDS,
  DISTRICT_KINDS,
  ERAS,
  KINDS_BY_LEVEL,
  OFFICE_LEVELS,
  PROVINCE_KINDS,
  RESIDENTIAL_KINDS,
  UNIT_KINDS,
  UNIT_LEVELS,
  childLevel,
  communeKindsFor,
  kindBelongsToLevel,
  levelChain,
  levelOfKind,
} from '../../../shared/domain/units';
import { ERA_LABELS, KIND_LABELS, LEVEL_LABELS, OFFICE_LEVEL_LABELS } from '../../../shared/domain/labels';
import { isVietnameseMessage } from '../../support/vietnamese';

describe('levels and kinds', () => {
  it('each kind belongs to exactly one level', () => {
    expect(new Set(UNIT_KINDS).size).toBe(UNIT_KINDS.length);
    for (const kind of UNIT_KINDS) {
      const levels = UNIT_LEVELS.filter((l) => kindBelongsToLevel(kind, l));
      expect(levels).toEqual([levelOfKind(kind)]);
    }
  });

  it('maps kinds to their levels', () => {
    expect(PROVINCE_KINDS.map(levelOfKind)).toEqual(PROVINCE_KINDS.map(() => 'tinh'));
    expect(DISTRICT_KINDS.map(levelOfKind)).toEqual(DISTRICT_KINDS.map(() => 'huyen'));
    expect(COMMUNE_KINDS.map(levelOfKind)).toEqual(COMMUNE_KINDS.map(() => 'xa'));
    expect(RESIDENTIAL_KINDS.map(levelOfKind)).toEqual(RESIDENTIAL_KINDS.map(() => 'khu_dan_cu'));
    expect(levelOfKind('thi_tran')).toBe('xa');
    expect(levelOfKind('dac_khu')).toBe('xa');
    expect(levelOfKind('to_dan_pho')).toBe('khu_dan_cu');
    expect(levelOfKind('thanh_pho_tw')).toBe('tinh');
    expect(levelOfKind('thanh_pho_thuoc_tinh')).toBe('huyen');
  });

  it('KINDS_BY_LEVEL covers every kind once', () => {
    const all = UNIT_LEVELS.flatMap((l) => [...KINDS_BY_LEVEL[l]]);
    expect([...all].sort()).toEqual([...UNIT_KINDS].sort());
  });

  it('has three office levels and two eras', () => {
    expect([...OFFICE_LEVELS]).toEqual(['tinh', 'huyen', 'xa']);
    expect([...ERAS]).toEqual(['truoc_2025', 'sau_2025']);
  });
});

describe('eras', () => {
  it('has a district level before the reform only', () => {
    expect(levelChain('truoc_2025')).toEqual(['tinh', 'huyen', 'xa', 'khu_dan_cu']);
    expect(levelChain('sau_2025')).toEqual(['tinh', 'xa', 'khu_dan_cu']);
  });

  it('gives the level directly below', () => {
    expect(childLevel('truoc_2025', 'tinh')).toBe('huyen');
    expect(childLevel('truoc_2025', 'huyen')).toBe('xa');
    expect(childLevel('truoc_2025', 'xa')).toBe('khu_dan_cu');
    expect(childLevel('truoc_2025', 'khu_dan_cu')).toBeNull();
    expect(childLevel('sau_2025', 'tinh')).toBe('xa');
    expect(childLevel('sau_2025', 'xa')).toBe('khu_dan_cu');
    expect(childLevel('sau_2025', 'khu_dan_cu')).toBeNull();
    expect(childLevel('sau_2025', 'huyen')).toBeNull();
  });

  it('has thị trấn before the reform and đặc khu after it', () => {
    expect([...communeKindsFor('truoc_2025')].sort()).toEqual(['phuong', 'thi_tran', 'xa']);
    expect([...communeKindsFor('sau_2025')].sort()).toEqual(['dac_khu', 'phuong', 'xa']);
  });
});

describe('labels', () => {
  it('names every level, kind, era and office level in Vietnamese', () => {
    expect(Object.keys(LEVEL_LABELS).sort()).toEqual([...UNIT_LEVELS].sort());
    expect(Object.keys(KIND_LABELS).sort()).toEqual([...UNIT_KINDS].sort());
    expect(Object.keys(ERA_LABELS).sort()).toEqual([...ERAS].sort());
    expect(Object.keys(OFFICE_LEVEL_LABELS).sort()).toEqual([...OFFICE_LEVELS].sort());
    for (const label of [...Object.values(LEVEL_LABELS), ...Object.values(ERA_LABELS), ...Object.values(OFFICE_LEVEL_LABELS)]) {
      expect(isVietnameseMessage(label), label).toBe(true);
    }
  });

  it('gives distinct kind labels starting with a capital letter', () => {
    const labels = Object.values(KIND_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l.charAt(0)).toBe(l.charAt(0).toUpperCase());
    expect(KIND_LABELS.thi_tran).toBe('Thị trấn');
    expect(KIND_LABELS.dac_khu).toBe('Đặc khu');
    expect(KIND_LABELS.to_dan_pho).toBe('Tổ dân phố');
  });
});
