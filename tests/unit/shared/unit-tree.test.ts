/**
 * Pure rules of the unit tree (shared/domain/unit-tree.ts): placement per era, moves that would
 * create a cycle, effective dates, and the tree in Vietnamese order.
 */
import { communeKindsFor } from '../../../shared/domain/units';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkEffectiveDate,
  checkEndDate,
  checkMove,
  checkPlacement,
  childrenIndex,
  descendantIds,
  pathOf,
  wouldCreateCycle,
  type TreeUnit,
} from '../../../shared/domain/unit-tree';
import { UNIT_KINDS, levelOfKind, type Era, type UnitKind } from '../../../shared/domain/units';
import { isVietnameseMessage } from '../../support/vietnamese';

function unit(id: string, parentId: string | null, kind: UnitKind, name: string, extra: Partial<TreeUnit> = {}): TreeUnit {
  return { id, parentId, level: levelOfKind(kind), kind, name, validFrom: null, validTo: null, ...extra };
}

/**
 * A pre-2025 province:
 *   P Tỉnh Ninh Bình
 *   ├─ H1 Huyện Gia Viễn
 *   │  ├─ X1 Xã Gia Hòa ── K10 Thôn 10, K2 Thôn 2, K1 Thôn 1
 *   │  ├─ X2 Xã Gia Hưng ── K21 Thôn Đông
 *   │  └─ X3 Xã Gia Vân (ended 2020-01-01)
 *   └─ H2 Huyện Nho Quan ── X4 Thị trấn Nho Quan
 */
const P = unit('P', null, 'tinh', 'Tỉnh Ninh Bình');
const H1 = unit('H1', 'P', 'huyen', 'Huyện Gia Viễn');
const H2 = unit('H2', 'P', 'huyen', 'Huyện Nho Quan');
const X1 = unit('X1', 'H1', 'xa', 'Xã Gia Hòa');
const X2 = unit('X2', 'H1', 'xa', 'Xã Gia Hưng');
const X3 = unit('X3', 'H1', 'xa', 'Xã Gia Vân', { validFrom: '2000-01-01', validTo: '2020-01-01' });
const X4 = unit('X4', 'H2', 'thi_tran', 'Thị trấn Nho Quan');
const K10 = unit('K10', 'X1', 'thon', 'Thôn 10');
const K2 = unit('K2', 'X1', 'thon', 'Thôn 2');
const K1 = unit('K1', 'X1', 'thon', 'Thôn 1');
const K21 = unit('K21', 'X2', 'thon', 'Thôn Đông');
const TREE: readonly TreeUnit[] = [P, H1, H2, X1, X2, X3, X4, K10, K2, K1, K21];
const byId = new Map(TREE.map((u) => [u.id, u]));
const parentOf = (id: string) => byId.get(id)?.parentId;

const CYCLE = checkMove(parentOf, H1, K1, 'truoc_2025');

describe('checkPlacement', () => {
  describe('after the 2025 reform (tỉnh – xã – khu dân cư)', () => {
    const era: Era = 'sau_2025';
    it.each([
      ['tinh', 'xa'],
      ['tinh', 'phuong'],
      ['tinh', 'dac_khu'],
      ['xa', 'thon'],
      ['xa', 'to_dan_pho'],
      ['xa', 'khac'],
    ] as const)('allows %s → %s', (parent, kind) => {
      expect(checkPlacement(era, parent, kind)).toBeNull();
    });

    it.each([
      ['tinh', 'huyen'],
      ['tinh', 'quan'],
      ['tinh', 'thon'],
      ['tinh', 'tinh'],
      ['xa', 'xa'],
      ['xa', 'huyen'],
      ['huyen', 'xa'], // there is no district level in this era
      ['khu_dan_cu', 'thon'],
      ['khu_dan_cu', 'xa'],
    ] as const)('refuses %s → %s with a Vietnamese sentence', (parent, kind) => {
      const msg = checkPlacement(era, parent, kind);
      expect(msg).not.toBeNull();
      expect(isVietnameseMessage(msg)).toBe(true);
    });

    it('says a xã goes directly under the province', () => {
      expect(checkPlacement(era, 'tinh', 'thon')).toBe('Dưới cấp tỉnh chỉ có thể đặt đơn vị cấp xã.');
    });
  });

  describe('before the 2025 reform (tỉnh – huyện – xã – khu dân cư)', () => {
    const era: Era = 'truoc_2025';
    it.each([
      ['tinh', 'huyen'],
      ['tinh', 'quan'],
      ['tinh', 'thi_xa'],
      ['tinh', 'thanh_pho_thuoc_tinh'],
      ['huyen', 'xa'],
      ['huyen', 'phuong'],
      ['huyen', 'thi_tran'],
      ['xa', 'thon'],
      ['xa', 'ap'],
      ['xa', 'to_dan_pho'],
    ] as const)('allows %s → %s', (parent, kind) => {
      expect(checkPlacement(era, parent, kind)).toBeNull();
    });

    it('refuses a xã directly under a province: it needs a huyện', () => {
      expect(checkPlacement(era, 'tinh', 'xa')).toBe('Dưới cấp tỉnh chỉ có thể đặt đơn vị cấp huyện.');
      expect(checkPlacement(era, 'tinh', 'phuong')).not.toBeNull();
    });

    it('refuses a thôn directly under a huyện', () => {
      expect(checkPlacement(era, 'huyen', 'thon')).toBe('Dưới cấp huyện chỉ có thể đặt đơn vị cấp xã.');
    });

    it.each([
      ['huyen', 'huyen'],
      ['xa', 'xa'],
      ['xa', 'huyen'],
      ['tinh', 'thon'],
    ] as const)('refuses %s → %s', (parent, kind) => {
      expect(checkPlacement(era, parent, kind)).not.toBeNull();
    });
  });

  it('nothing can be placed under a khu dân cư, in either era', () => {
    for (const era of ['truoc_2025', 'sau_2025'] as const) {
      for (const kind of UNIT_KINDS) {
        expect(checkPlacement(era, 'khu_dan_cu', kind)).toBe('Không thể thêm đơn vị trực thuộc khu dân cư: đây là cấp thấp nhất.');
      }
    }
  });

  it('for each era and parent level, exactly the kinds of the next level (that exist in that era) are allowed', () => {
    const next: Record<Era, Record<string, string | null>> = {
      truoc_2025: { tinh: 'huyen', huyen: 'xa', xa: 'khu_dan_cu', khu_dan_cu: null },
      sau_2025: { tinh: 'xa', huyen: null, xa: 'khu_dan_cu', khu_dan_cu: null },
    };
    for (const era of ['truoc_2025', 'sau_2025'] as const) {
      for (const parent of ['tinh', 'huyen', 'xa', 'khu_dan_cu'] as const) {
        for (const kind of UNIT_KINDS) {
          const allowed = checkPlacement(era, parent, kind) === null;
          const existsInEra = levelOfKind(kind) !== 'xa' || communeKindsFor(era).includes(kind as never);
          expect(allowed, `${era} ${parent} → ${kind}`).toBe(levelOfKind(kind) === next[era][parent] && existsInEra);
        }
      }
    }
  });
});

describe('wouldCreateCycle', () => {
  it('is true for the unit itself, its child and its grandchild', () => {
    expect(wouldCreateCycle(parentOf, 'H1', 'H1')).toBe(true);
    expect(wouldCreateCycle(parentOf, 'H1', 'X1')).toBe(true);
    expect(wouldCreateCycle(parentOf, 'H1', 'K1')).toBe(true);
    expect(wouldCreateCycle(parentOf, 'P', 'K21')).toBe(true);
  });

  it('is false for siblings, cousins, ancestors and other branches', () => {
    expect(wouldCreateCycle(parentOf, 'K1', 'X2')).toBe(false);
    expect(wouldCreateCycle(parentOf, 'X1', 'H2')).toBe(false);
    expect(wouldCreateCycle(parentOf, 'K1', 'P')).toBe(false);
    expect(wouldCreateCycle(parentOf, 'X1', 'X2')).toBe(false);
  });

  it('ends on a corrupt loop that does not contain the unit', () => {
    const loop: Record<string, string> = { a: 'b', b: 'a' };
    expect(wouldCreateCycle((id) => loop[id], 'c', 'a')).toBe(false);
    expect(wouldCreateCycle((id) => loop[id], 'b', 'a')).toBe(true);
  });

  it('stops at an unknown parent', () => {
    expect(wouldCreateCycle(() => undefined, 'a', 'b')).toBe(false);
  });
});

describe('checkMove', () => {
  it('refuses moving a unit into itself, its child or its grandchild', () => {
    expect(CYCLE).toBe('Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.');
    expect(checkMove(parentOf, X1, X1, 'truoc_2025')).toBe(CYCLE);
    expect(checkMove(parentOf, X1, K1, 'truoc_2025')).toBe(CYCLE);
    expect(checkMove(parentOf, H1, X1, 'truoc_2025')).toBe(CYCLE);
    expect(checkMove(parentOf, H1, K2, 'truoc_2025')).toBe(CYCLE);
  });

  it('allows moving a thôn to a sibling xã and a xã to another huyện', () => {
    expect(checkMove(parentOf, K1, X2, 'truoc_2025')).toBeNull();
    expect(checkMove(parentOf, X1, H2, 'truoc_2025')).toBeNull();
  });

  it('refuses moving the root, whatever the target', () => {
    for (const target of TREE) {
      expect(checkMove(parentOf, P, target, 'truoc_2025')).toBe('Không thể chuyển đơn vị gốc (cơ quan sử dụng phần mềm).');
    }
  });

  it('refuses an ended target, naming it', () => {
    const msg = checkMove(parentOf, K1, X3, 'truoc_2025');
    expect(msg).toBe('Không thể chuyển vào "Xã Gia Vân" vì đơn vị này đã kết thúc hoạt động.');
  });

  it('refuses a target at the wrong level', () => {
    expect(checkMove(parentOf, X1, X2, 'truoc_2025')).toBe('Dưới cấp xã chỉ có thể đặt đơn vị khu dân cư.');
    expect(checkMove(parentOf, X2, K1, 'truoc_2025')).toBe('Không thể thêm đơn vị trực thuộc khu dân cư: đây là cấp thấp nhất.');
    expect(checkMove(parentOf, K1, H2, 'truoc_2025')).toBe('Dưới cấp huyện chỉ có thể đặt đơn vị cấp xã.');
    // the same move is valid or not depending on the era
    expect(checkMove(parentOf, X1, P, 'truoc_2025')).toBe('Dưới cấp tỉnh chỉ có thể đặt đơn vị cấp huyện.');
    expect(checkMove(parentOf, X1, P, 'sau_2025')).toBeNull();
  });
});

describe('checkEndDate', () => {
  it('allows ending on the start day or later', () => {
    expect(checkEndDate('2025-07-01', '2025-07-01')).toBeNull();
    expect(checkEndDate('2025-07-01', '2025-07-02')).toBeNull();
  });

  it('allows any end when the start is unknown', () => {
    expect(checkEndDate(null, '1900-01-01')).toBeNull();
  });

  it('refuses an end before the start, with both dates as people write them', () => {
    expect(checkEndDate('2025-07-01', '2025-06-30')).toBe('Ngày kết thúc (30/06/2025) không được trước ngày bắt đầu (01/07/2025).');
  });

  it('property: refused exactly when validTo < validFrom', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (from, to) => {
        expect(checkEndDate(from, to) !== null).toBe(new Date(to) < new Date(from));
      }),
    );
  });
});

describe('childrenIndex', () => {
  it('groups children by parent (null for the root) in Vietnamese order, numbers as numbers', () => {
    const index = childrenIndex(TREE);
    expect(index.get(null)?.map((u) => u.id)).toEqual(['P']);
    expect(index.get('X1')?.map((u) => u.name)).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 10']);
    expect(index.get('H1')?.map((u) => u.name)).toEqual(['Xã Gia Hòa', 'Xã Gia Hưng', 'Xã Gia Vân']);
    expect(index.get('P')?.map((u) => u.name)).toEqual(['Huyện Gia Viễn', 'Huyện Nho Quan']);
    expect(index.has('K1')).toBe(false);
  });

  it('orders đ after d and ư after u', () => {
    const units = [
      unit('a', 'X', 'thon', 'Thôn Đông'),
      unit('b', 'X', 'thon', 'Thôn Dương'),
      unit('c', 'X', 'thon', 'Thôn Ưu'),
      unit('d', 'X', 'thon', 'Thôn Uy'),
    ];
    expect(
      childrenIndex(units)
        .get('X')
        ?.map((u) => u.name),
    ).toEqual(['Thôn Dương', 'Thôn Đông', 'Thôn Uy', 'Thôn Ưu']);
  });

  it('keeps the extra fields of the units it is given', () => {
    const units = [{ ...K1, code: '01' }];
    expect(childrenIndex(units).get('X1')?.[0]?.code).toBe('01');
  });

  it('does not reorder the input array', () => {
    const input = [K10, K2, K1];
    childrenIndex(input);
    expect(input.map((u) => u.id)).toEqual(['K10', 'K2', 'K1']);
  });
});

describe('descendantIds', () => {
  it('lists every unit below, depth first, children in Vietnamese order, without the unit itself', () => {
    expect(descendantIds(TREE, 'H1')).toEqual(['X1', 'K1', 'K2', 'K10', 'X2', 'K21', 'X3']);
    expect(descendantIds(TREE, 'P')).toEqual(['H1', 'X1', 'K1', 'K2', 'K10', 'X2', 'K21', 'X3', 'H2', 'X4']);
  });

  it('is empty for a leaf and for an unknown id', () => {
    expect(descendantIds(TREE, 'K1')).toEqual([]);
    expect(descendantIds(TREE, 'nope')).toEqual([]);
  });
});

describe('pathOf', () => {
  it('lists the units from the top down to the unit itself', () => {
    expect(pathOf(byId, 'K2').map((u) => u.name)).toEqual(['Tỉnh Ninh Bình', 'Huyện Gia Viễn', 'Xã Gia Hòa', 'Thôn 2']);
    expect(pathOf(byId, 'P').map((u) => u.id)).toEqual(['P']);
  });

  it('is empty for an unknown id and stops at a missing parent', () => {
    expect(pathOf(byId, 'nope')).toEqual([]);
    const orphan = new Map([['o', unit('o', 'gone', 'thon', 'Thôn lẻ')]]);
    expect(pathOf(orphan, 'o').map((u) => u.id)).toEqual(['o']);
  });

  it('ends on a corrupt loop', () => {
    const loop = new Map([
      ['a', unit('a', 'b', 'thon', 'A')],
      ['b', unit('b', 'a', 'thon', 'B')],
    ]);
    const path = pathOf(loop, 'a');
    expect(path.length).toBeGreaterThan(0);
    expect(path.length).toBeLessThanOrEqual(10_000);
  });
});

/** A random tree of n units: unit i's parent is some unit before it (unit 0 is the root). */
const randomTree = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.integer({ min: 0, max: i }))).map((parents) => {
    const units: TreeUnit[] = [unit('u0', null, 'tinh', 'Gốc')];
    parents.forEach((p, i) => units.push(unit(`u${i + 1}`, `u${p}`, 'xa', `Đơn vị ${i + 1}`)));
    return units;
  }),
);

/** Descendants by breadth-first search over the child lists: a different walk from the code's. */
function descendantsBfs(units: readonly TreeUnit[], id: string): Set<string> {
  const out = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    for (const u of units) {
      if (u.parentId === cur && !out.has(u.id)) {
        out.add(u.id);
        queue.push(u.id);
      }
    }
  }
  return out;
}

describe('properties over random trees', () => {
  it('moving a unit under itself or any of its descendants is always refused as a cycle; anywhere else never is', () => {
    fc.assert(
      fc.property(randomTree, fc.nat(), fc.nat(), (units, i, j) => {
        const a = units[i % units.length]!;
        const b = units[j % units.length]!;
        const ids = new Map(units.map((u) => [u.id, u]));
        const up = (id: string) => ids.get(id)?.parentId;
        const below = descendantsBfs(units, a.id);
        const intoOwnBranch = a.id === b.id || below.has(b.id);
        expect(wouldCreateCycle(up, a.id, b.id)).toBe(intoOwnBranch);
        if (a.parentId !== null) {
          const msg = checkMove(up, a, b, 'sau_2025');
          if (intoOwnBranch) expect(msg).toBe(CYCLE);
          else expect(msg).not.toBe(CYCLE);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every descendant of every unit is refused as a new parent', () => {
    fc.assert(
      fc.property(randomTree, (units) => {
        const ids = new Map(units.map((u) => [u.id, u]));
        const up = (id: string) => ids.get(id)?.parentId;
        for (const a of units) {
          for (const d of descendantIds(units, a.id)) expect(wouldCreateCycle(up, a.id, d)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('descendantIds lists exactly the BFS descendants, once each', () => {
    fc.assert(
      fc.property(randomTree, fc.nat(), (units, i) => {
        const a = units[i % units.length]!;
        const listed = descendantIds(units, a.id);
        expect(new Set(listed).size).toBe(listed.length);
        expect(new Set(listed)).toEqual(descendantsBfs(units, a.id));
        expect(listed).not.toContain(a.id);
      }),
      { numRuns: 1000 },
    );
  });

  it('pathOf ends at the unit, starts at the root, and each step is the parent of the next', () => {
    fc.assert(
      fc.property(randomTree, fc.nat(), (units, i) => {
        const a = units[i % units.length]!;
        const path = pathOf(new Map(units.map((u) => [u.id, u])), a.id);
        expect(path[0]?.id).toBe('u0');
        expect(path[path.length - 1]?.id).toBe(a.id);
        for (let k = 1; k < path.length; k++) expect(path[k]!.parentId).toBe(path[k - 1]!.id);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkEffectiveDate (renames and moves dated in the past)', () => {
  const unit = { validFrom: '2020-01-01', validTo: null };
  it("allows any day from the unit's start up to today", () => {
    expect(checkEffectiveDate(unit, '2020-01-01', '2026-11-22')).toBeNull();
    expect(checkEffectiveDate(unit, '2026-11-22', '2026-11-22')).toBeNull();
    expect(checkEffectiveDate({ validFrom: null, validTo: null }, '1990-01-01', '2026-11-22')).toBeNull();
  });

  it('refuses a day before the start, after the end, or in the future, in Vietnamese with the dates', () => {
    expect(checkEffectiveDate(unit, '2019-12-31', '2026-11-22')).toBe(
      'Ngày có hiệu lực (31/12/2019) không được trước ngày đơn vị bắt đầu hoạt động (01/01/2020).',
    );
    expect(checkEffectiveDate(unit, '2026-11-23', '2026-11-22')).toBe(
      'Ngày có hiệu lực (23/11/2026) không được sau ngày hôm nay (22/11/2026).',
    );
    const msg = checkEffectiveDate({ validFrom: '2020-01-01', validTo: '2025-06-30' }, '2025-07-01', '2026-11-22');
    expect(msg).toBe('Ngày có hiệu lực (01/07/2025) không được sau ngày đơn vị kết thúc hoạt động (30/06/2025).');
    expect(isVietnameseMessage(msg!)).toBe(true);
  });
});
