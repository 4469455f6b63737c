/**
 * Pure rules of the unit tree: where a unit may be placed, moves that would create a cycle,
 * effective dates, and building the displayed tree in Vietnamese order.
 */
import { compareVietnamese, foldVietnamese } from '../lib/text';
import { childLevel, communeKindsFor, kindBelongsToLevel, type Era, type UnitKind, type UnitLevel } from './units';
import { formatDateVi } from '../lib/dates';
import { LEVEL_LABELS } from './labels';

export interface TreeUnit {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

/** A name as compared exactly: case, spacing and Unicode form ignored, diacritics kept. */
export function exactNameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
}

/**
 * Would two sibling units with these names be the same unit? Yes when the names are equal up to
 * case, spacing and Unicode form, or when one is written without any diacritics ("Thon 1", typed
 * without a Vietnamese keyboard) and equals the other once both are folded. Two names that both
 * carry diacritics and differ in them are different units: the catalogue has Xã Hoằng Phụ and Xã
 * Hoằng Phú side by side under Huyện Hoằng Hóa.
 */
export function sameUnitName(a: string, b: string): boolean {
  const ka = exactNameKey(a);
  const kb = exactNameKey(b);
  if (ka === kb) return true;
  const fa = foldVietnamese(a);
  const fb = foldVietnamese(b);
  return fa === fb && (fa === ka || fb === kb);
}

/** A refusal with a Vietnamese sentence for the person, or null when allowed. */
export type RuleCheck = string | null;

/** May a unit of `kind` sit directly under a parent at `parentLevel` in this era? */
export function checkPlacement(era: Era, parentLevel: UnitLevel, kind: UnitKind): RuleCheck {
  const expected = childLevel(era, parentLevel);
  if (expected === null) {
    return `Không thể thêm đơn vị trực thuộc ${LEVEL_LABELS[parentLevel]}: đây là cấp thấp nhất.`;
  }
  if (!kindBelongsToLevel(kind, expected)) {
    return `Dưới ${LEVEL_LABELS[parentLevel]} chỉ có thể đặt đơn vị ${LEVEL_LABELS[expected]}.`;
  }
  return checkKindForEra(era, kind);
}

/** Thị trấn exist only before the 2025 reform and đặc khu only after it (domain.md §3.1). */
export function checkKindForEra(era: Era, kind: UnitKind): RuleCheck {
  if (!kindBelongsToLevel(kind, 'xa') || (communeKindsFor(era) as readonly UnitKind[]).includes(kind)) return null;
  return era === 'truoc_2025'
    ? 'Đặc khu chỉ có từ ngày 01/7/2025 (sau sắp xếp đơn vị hành chính); danh mục đang dùng là trước sắp xếp.'
    : 'Thị trấn không còn sau sắp xếp đơn vị hành chính năm 2025; hãy chọn xã, phường hoặc đặc khu.';
}

/**
 * Would placing `id` under `newParentId` make the unit its own ancestor? `parentOf` returns the
 * current parent of any unit. Walks up from the new parent; bounded so a corrupt loop ends.
 */
export function wouldCreateCycle(parentOf: (id: string) => string | null | undefined, id: string, newParentId: string): boolean {
  let cursor: string | null | undefined = newParentId;
  for (let steps = 0; cursor != null && steps < 10_000; steps++) {
    if (cursor === id) return true;
    cursor = parentOf(cursor);
  }
  return false;
}

export function checkMove(parentOf: (id: string) => string | null | undefined, unit: TreeUnit, newParent: TreeUnit, era: Era): RuleCheck {
  if (unit.parentId === null) return 'Không thể chuyển đơn vị gốc (cơ quan sử dụng phần mềm).';
  if (wouldCreateCycle(parentOf, unit.id, newParent.id)) {
    return 'Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.';
  }
  if (newParent.validTo !== null) {
    return `Không thể chuyển vào "${newParent.name}" vì đơn vị này đã kết thúc hoạt động.`;
  }
  return checkPlacement(era, newParent.level, unit.kind);
}

/** The end of a unit cannot come before its start. */
export function checkEndDate(validFrom: string | null, validTo: string): RuleCheck {
  if (validFrom !== null && validTo < validFrom) {
    return `Ngày kết thúc (${formatDateVi(validTo)}) không được trước ngày bắt đầu (${formatDateVi(validFrom)}).`;
  }
  return null;
}

/**
 * The day a rename, re-code or move takes effect: on or after the day the unit began (a change
 * before it existed would rewrite what it never was), not after it ended, and not in the future
 * (a future change would show today a name the unit does not have yet).
 */
export function checkEffectiveDate(unit: { validFrom: string | null; validTo: string | null }, date: string, today: string): RuleCheck {
  if (date > today) {
    return `Ngày có hiệu lực (${formatDateVi(date)}) không được sau ngày hôm nay (${formatDateVi(today)}).`;
  }
  if (unit.validFrom !== null && date < unit.validFrom) {
    return `Ngày có hiệu lực (${formatDateVi(date)}) không được trước ngày đơn vị bắt đầu hoạt động (${formatDateVi(unit.validFrom)}).`;
  }
  if (unit.validTo !== null && date > unit.validTo) {
    return `Ngày có hiệu lực (${formatDateVi(date)}) không được sau ngày đơn vị kết thúc hoạt động (${formatDateVi(unit.validTo)}).`;
  }
  return null;
}

/** Ids of every unit below `rootId` (not including it), depth first. */
export function descendantIds(units: readonly TreeUnit[], rootId: string): string[] {
  const children = childrenIndex(units);
  const out: string[] = [];
  const stack = [...(children.get(rootId) ?? [])].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next.id);
    const kids = children.get(next.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Children of each unit, each list in Vietnamese order (numbers compared as numbers). */
export function childrenIndex<T extends TreeUnit>(units: readonly T[]): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const u of units) {
    const list = map.get(u.parentId);
    if (list) list.push(u);
    else map.set(u.parentId, [u]);
  }
  for (const list of map.values()) list.sort((a, b) => compareVietnamese(a.name, b.name));
  return map;
}

/** One parent's children in childrenIndex's order (a copy, sorted the same stable way). */
export function sortedChildren<T extends TreeUnit>(children: readonly T[]): T[] {
  return [...children].sort((a, b) => compareVietnamese(a.name, b.name));
}

/** Names from the top of the tree down to (and including) the unit. */
export function pathOf<T extends TreeUnit>(byId: ReadonlyMap<string, T>, id: string): T[] {
  const path: T[] = [];
  let cursor = byId.get(id);
  for (let steps = 0; cursor && steps < 10_000; steps++) {
    path.push(cursor);
    cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
  }
  return path.reverse();
}
