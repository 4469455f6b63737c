/**
 * Which units' records count for a chosen unit (shared/domain/scope.ts): the unit, everything below
 * it, and units merged into any of them through primary lineage links, across chains of
 * reorganisations; bad data (cycles) must not hang; per-part breakdowns put each unit in one part.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partsOf, unitsInScope, type ScopeLink, type ScopeUnit } from '../../../shared/domain/scope';

const u = (id: string, parentId: string | null = null): ScopeUnit => ({ id, parentId });
const merge = (predecessorId: string, successorId: string, primary = true): ScopeLink => ({ predecessorId, successorId, primary });
const sorted = (s: Set<string>) => [...s].sort();

// A district with three communes (A, B, C), villages under A and B; in 2025 A and B merge into a
// new commune N (created under the district), and the villages move under N.
const district = [u('huyen'), u('A', 'huyen'), u('B', 'huyen'), u('C', 'huyen'), u('N', 'huyen'), u('a1', 'N'), u('b1', 'N'), u('c1', 'C')];
const reform = [merge('A', 'N'), merge('B', 'N')];

describe('unitsInScope', () => {
  it('null is the whole office', () => {
    expect(sorted(unitsInScope(district, reform, null))).toEqual(['A', 'B', 'C', 'N', 'a1', 'b1', 'c1', 'huyen']);
  });

  it('is the unit and everything below it', () => {
    expect(sorted(unitsInScope(district, [], 'C'))).toEqual(['C', 'c1']);
    expect(sorted(unitsInScope(district, [], 'c1'))).toEqual(['c1']);
    expect(sorted(unitsInScope(district, [], 'huyen'))).toEqual(['A', 'B', 'C', 'N', 'a1', 'b1', 'c1', 'huyen']);
  });

  it('of a successor carries the units merged into it; a predecessor does not carry its successor', () => {
    expect(sorted(unitsInScope(district, reform, 'N'))).toEqual(['A', 'B', 'N', 'a1', 'b1']);
    expect(sorted(unitsInScope(district, reform, 'A'))).toEqual(['A']);
  });

  it('follows chains of merges and what sits below each predecessor', () => {
    const units = [u('x'), u('y'), u('z'), u('x1', 'x'), u('y1', 'y')];
    const links = [merge('x', 'y'), merge('y', 'z')];
    expect(sorted(unitsInScope(units, links, 'z'))).toEqual(['x', 'x1', 'y', 'y1', 'z']);
    expect(sorted(unitsInScope(units, links, 'y'))).toEqual(['x', 'x1', 'y', 'y1']);
    expect(sorted(unitsInScope(units, links, 'x'))).toEqual(['x', 'x1']);
  });

  it('follows only primary links: after a split the records go with the primary successor alone', () => {
    const units = [u('P'), u('S1'), u('S2')];
    const links = [merge('P', 'S1', true), merge('P', 'S2', false)];
    expect(sorted(unitsInScope(units, links, 'S1'))).toEqual(['P', 'S1']);
    expect(sorted(unitsInScope(units, links, 'S2'))).toEqual(['S2']);
  });

  it('stops on cycles in bad data (links or parents)', () => {
    const units = [u('p'), u('q'), u('r', 's'), u('s', 'r')];
    expect(sorted(unitsInScope(units, [merge('p', 'q'), merge('q', 'p')], 'p'))).toEqual(['p', 'q']);
    expect(sorted(unitsInScope(units, [], 'r'))).toEqual(['r', 's']);
    expect(sorted(unitsInScope(units, [merge('p', 'p')], 'p'))).toEqual(['p']);
  });

  it('of an id no unit has is that id alone', () => {
    expect(sorted(unitsInScope(district, reform, 'unknown'))).toEqual(['unknown']);
  });
});

describe('partsOf', () => {
  it('maps every unit of each part (merged ones included) to that part, leaving out the chosen unit itself', () => {
    const parts = partsOf(district, reform, ['N', 'C']);
    expect(Object.fromEntries([...parts].sort())).toEqual({ A: 'N', B: 'N', N: 'N', a1: 'N', b1: 'N', C: 'C', c1: 'C' });
    expect(parts.has('huyen')).toBe(false);
  });

  it('puts a unit reachable from two parts (bad data) in the first only', () => {
    const units = [u('P1'), u('P2'), u('shared', 'P1')];
    const parts = partsOf(units, [merge('shared', 'P2')], ['P2', 'P1']);
    expect(parts.get('shared')).toBe('P2');
    expect(parts.get('P1')).toBe('P1');
  });
});

// ---------------------------------------------------------------------------------------------

/** Random forests with random primary links (at most one primary link per predecessor). */
const world = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.record({
      parents: fc.array(fc.option(fc.nat({ max: n - 1 }), { nil: null }), { minLength: n, maxLength: n }),
      links: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n }),
      root: fc.nat({ max: n - 1 }),
    }),
  )
  .map(({ parents, links, root }) => {
    // Parents only point to lower ids, so the tree has no cycle; links may form any shape.
    const units = parents.map((p, i) => u(`u${i}`, p !== null && p < i ? `u${p}` : null));
    const seen = new Set<number>();
    const scopeLinks: ScopeLink[] = [];
    for (const [from, to] of links) {
      if (from === to || seen.has(from)) continue;
      seen.add(from);
      scopeLinks.push(merge(`u${from}`, `u${to}`));
    }
    return { units, links: scopeLinks, root: `u${root}` };
  });

describe('properties', () => {
  it('the scope of a unit is itself plus the scopes of its children and of the units merged into it', () => {
    fc.assert(
      fc.property(world, ({ units, links, root }) => {
        const scope = unitsInScope(units, links, root);
        const expected = new Set([root]);
        const next = [
          ...units.filter((x) => x.parentId === root).map((x) => x.id),
          ...links.filter((l) => l.successorId === root).map((l) => l.predecessorId),
        ];
        for (const id of next) for (const x of unitsInScope(units, links, id)) expected.add(x);
        expect(sorted(scope)).toEqual(sorted(expected));
      }),
    );
  });

  it('parts cover the scope of the chosen unit except the chosen unit, each unit in one part', () => {
    fc.assert(
      fc.property(world, ({ units, links, root }) => {
        const children = units.filter((x) => x.parentId === root).map((x) => x.id);
        const parts = partsOf(units, links, children);
        const covered = new Set(children.flatMap((c) => [...unitsInScope(units, links, c)]));
        expect(sorted(new Set(parts.keys()))).toEqual(sorted(covered));
        for (const [id, part] of parts) {
          expect(children).toContain(part);
          expect(unitsInScope(units, links, part).has(id)).toBe(true);
        }
        // Without links, the parts and the root itself are exactly the root's scope.
        if (links.length === 0) {
          expect(sorted(new Set([root, ...parts.keys()]))).toEqual(sorted(unitsInScope(units, [], root)));
        }
      }),
    );
  });
});
