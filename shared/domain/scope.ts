/**
 * Which units' records count for a chosen unit, rolled up through merges. A record stays on the
 * unit it was entered for, even after that unit is merged away; it counts for:
 * - that unit, every unit above it in the tree (by current parent), and
 * - the unit that carries it after a merge or split (the primary successor, across any number of
 *   reorganisations), and everything above that.
 * So choosing the commune formed in 2025 from three old communes shows the old communes' records
 * too, and the district total is the sum of its parts. Pure; used by activity lists and the period
 * figures alike.
 */

export interface ScopeUnit {
  id: string;
  parentId: string | null;
}

export interface ScopeLink {
  predecessorId: string;
  successorId: string;
  primary: boolean;
}

interface Index {
  children: Map<string, string[]>;
  /** successor → predecessors whose records it carries (primary links only). */
  carried: Map<string, string[]>;
}

function indexOf(units: readonly ScopeUnit[], links: readonly ScopeLink[]): Index {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const carried = new Map<string, string[]>();
  for (const l of links) {
    if (!l.primary) continue;
    const list = carried.get(l.successorId);
    if (list) list.push(l.predecessorId);
    else carried.set(l.successorId, [l.predecessorId]);
  }
  return { children, carried };
}

function collect(index: Index, rootId: string, into: Set<string>): void {
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (into.has(id)) continue; // also stops cycles in bad data
    into.add(id);
    for (const k of index.children.get(id) ?? []) stack.push(k);
    for (const p of index.carried.get(id) ?? []) stack.push(p);
  }
}

/**
 * `unitsInScope` for many roots over the same units: the index is built once, each call walks only
 * the root's part of the tree (the evaluation asks it for every subject of a province).
 */
export function scopeFinder(units: readonly ScopeUnit[], links: readonly ScopeLink[]): (rootId: string) => Set<string> {
  const index = indexOf(units, links);
  return (rootId) => {
    const out = new Set<string>();
    collect(index, rootId, out);
    return out;
  };
}

/**
 * The ids of the units whose records count for `rootId` (itself included). null = the whole
 * office: every unit.
 */
export function unitsInScope(units: readonly ScopeUnit[], links: readonly ScopeLink[], rootId: string | null): Set<string> {
  if (rootId === null) return new Set(units.map((u) => u.id));
  const out = new Set<string>();
  collect(indexOf(units, links), rootId, out);
  return out;
}

/**
 * For a breakdown by the units directly below the chosen one: unit id → the part it counts in.
 * Parts are the given ids in order; a unit reachable from two parts (bad data) goes to the first.
 * Units of the scope in no part (records entered on the chosen unit itself) are left out.
 */
export function partsOf(units: readonly ScopeUnit[], links: readonly ScopeLink[], partIds: readonly string[]): Map<string, string> {
  const index = indexOf(units, links);
  const out = new Map<string, string>();
  for (const part of partIds) {
    const scope = new Set<string>();
    collect(index, part, scope);
    for (const id of scope) if (!out.has(id)) out.set(id, part);
  }
  return out;
}
