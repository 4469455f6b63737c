/**
 * The unit list of a province package against an office's tree (package-units.ts): matched by code
 * the first time and by the province's id after, within the office's scope, with a three-way
 * comparison against what the last package said.
 */
import { describe, expect, it } from 'vitest';
import { planUnitChanges, type OfficeUnitState } from '../../../../electron/backend/handoff/package-units';
import type { UnitDto } from '../../../../shared/ipc/contract';

const unit = (id: string, parentId: string | null, code: string | null, name: string, over: Partial<UnitDto> = {}): UnitDto => ({
  id,
  parentId,
  level: parentId === null ? 'huyen' : code ? 'xa' : 'khu_dan_cu',
  kind: parentId === null ? 'huyen' : code ? 'xa' : 'thon',
  name,
  code,
  validFrom: null,
  validTo: null,
  endReason: null,
  source: 'catalogue',
  createdAt: 'x',
  updatedAt: 'x',
  ...over,
});

const mine: UnitDto[] = [
  unit('r', null, '373', 'Huyện Gia Viễn'),
  unit('a', 'r', '14467', 'Xã Gia Hòa'),
  unit('b', 'r', '14470', 'Xã Gia Hưng'),
  unit('c', 'r', '14999', 'Xã Riêng'),
  unit('t', 'a', null, 'Thôn 1'),
  // Another office's commune with a code, outside this office's tree: never compared.
  unit('z', null, '99999', 'Xã Ngoài'),
];
const hex = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const pu = (n: number, code: string, name: string, parent: number | null, validTo: string | null = null) => ({
  id: hex(n),
  parentId: parent === null ? null : hex(parent),
  code,
  name,
  kind: (parent === null ? 'tinh' : parent === 1 ? 'huyen' : 'xa') as 'xa',
  parentCode: null,
  validFrom: null,
  validTo,
});
const PROVINCE = pu(1, '37', 'Tỉnh Ninh Bình', null);
const state = (over: Partial<OfficeUnitState> = {}): OfficeUnitState => ({
  units: mine,
  rootId: 'r',
  era: 'truoc_2025',
  links: [],
  relabelledByOffice: new Set(),
  recodedByOffice: new Set(),
  ...over,
});
const list = [
  PROVINCE,
  pu(2, '373', 'Huyện Gia Viễn', 1),
  pu(3, '14467', 'Xã Gia Hòa Mới', 2),
  pu(4, '14470', 'Xã Gia Hưng', 2, '2025-06-30'),
  pu(5, '14480', 'Xã Gia Lạc', 2),
  pu(6, '15000', 'Xã Khác Huyện', 9),
  pu(9, '374', 'Huyện Khác', 1),
];

describe('planUnitChanges', () => {
  it('finds renamed, ended, added and missing units by official code within the office tree', () => {
    const r = planUnitChanges(state(), { era: 'truoc_2025', list });
    expect(r.compared).toBe(true);
    expect(r.total).toBe(7);
    expect(r.changes.map((c) => [c.kind, c.code, c.before, c.after, c.applicable, c.conflict])).toEqual([
      ['renamed', '14467', 'Xã Gia Hòa', 'Xã Gia Hòa Mới', true, null],
      ['ended', '14470', null, '2025-06-30', true, null],
      ['added', '14480', null, 'Xã Gia Lạc', true, null],
      ['missing', '14999', null, null, false, null],
    ]);
    expect(r.changes.find((c) => c.kind === 'added')).toMatchObject({ parentUnitId: 'r', newKind: 'xa' });
    // Matched in scope (root, Gia Hòa, Gia Hưng): links after applying. Another district's commune is ignored.
    expect(r.matches.map((m) => m.unitId).sort()).toEqual(['a', 'b', 'r']);
  });

  it('does not compare lists of another era', () => {
    const r = planUnitChanges(state(), { era: 'sau_2025', list });
    expect(r).toMatchObject({ era: 'sau_2025', compared: false, total: 7, changes: [] });
  });

  it('matches by the linked id after the province changed a code, and compares with the base', () => {
    const links = [
      { unitId: 'a', provinceUnitId: hex(3), name: 'Xã Gia Hòa', kind: 'xa', code: '14467', validTo: null },
      { unitId: 'b', provinceUnitId: hex(4), name: 'Xã Gia Hưng', kind: 'xa', code: '14470', validTo: null },
    ];
    const ours = mine.map((u) => (u.id === 'b' ? { ...u, name: 'Xã Gia Hưng (đơn vị đặt)' } : u));
    const theirs = [PROVINCE, pu(2, '373', 'Huyện Gia Viễn', 1), pu(3, '20001', 'Xã Gia Hòa', 2), pu(4, '14470', 'Xã Gia Hưng Mới', 2)];
    const r = planUnitChanges(state({ units: ours, links }), { era: 'truoc_2025', list: theirs });
    expect(r.changes.filter((c) => c.applicable).map((c) => [c.kind, c.unitId, c.before, c.after, c.conflict, c.ours])).toEqual([
      ['renamed', 'b', 'Xã Gia Hưng (đơn vị đặt)', 'Xã Gia Hưng Mới', 'office-changed', 'Xã Gia Hưng (đơn vị đặt)'],
      ['recoded', 'a', '14467', '20001', null, null],
    ]);
    // The office's own rename with the province unchanged since the base: nothing to do.
    const same = [PROVINCE, pu(2, '373', 'Huyện Gia Viễn', 1), pu(3, '14467', 'Xã Gia Hòa', 2), pu(4, '14470', 'Xã Gia Hưng', 2)];
    expect(planUnitChanges(state({ units: ours, links }), { era: 'truoc_2025', list: same }).changes.filter((c) => c.applicable)).toEqual(
      [],
    );
  });

  it('without a base, a unit the office renamed itself is a conflict; a code another unit keeps is taken', () => {
    const theirs = [PROVINCE, pu(2, '373', 'Huyện Gia Viễn', 1), pu(3, '14467', 'Xã Gia Hòa Mới', 2), pu(7, '14999', 'Xã Mới Của Tỉnh', 2)];
    const ours = mine.map((u) => (u.id === 'c' ? { ...u, code: '14999' } : u));
    const links = [{ unitId: 'c', provinceUnitId: hex(8), name: 'Xã Riêng', kind: 'xa', code: '14000', validTo: null }];
    const r = planUnitChanges(state({ units: ours, links, relabelledByOffice: new Set(['a']) }), { era: 'truoc_2025', list: theirs });
    expect(r.changes.map((c) => [c.kind, c.code, c.conflict, c.ours])).toEqual([
      ['renamed', '14467', 'office-changed', 'Xã Gia Hòa'],
      ['missing', '14470', null, null],
      ['added', '14999', 'code-taken', 'Xã Riêng'],
      // Linked to a province unit the list no longer has: shown, never removed.
      ['missing', '14999', null, null],
    ]);
  });
});
