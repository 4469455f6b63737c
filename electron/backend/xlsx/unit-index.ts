/**
 * Strict lookup of the units named in an import, for every sheet (the unit list's parents, and the
 * unit columns of records, organisations, mass organisations, models and yearly figures). Built once
 * per import from the units; every row then costs a few map reads, never a walk over all units.
 *
 * Matching is exact first: an official code, then the name (case and spacing ignored, diacritics
 * kept), then a path "Xã A / Thôn 1". Folding diacritics away is used only to suggest: "Xã Hoằng
 * Phụ" and "Xã Hoằng Phú" fold to the same text and must never be taken for each other.
 */
import { foldVietnamese } from '../../../shared/lib/text';
import type { UnitDto } from '../../../shared/ipc/contract';
import { exactNameKey } from '../../../shared/domain/unit-tree';

export type UnitMatch = { ok: true; unit: UnitDto } | { ok: false; message: string };

/**
 * 'parent': the unit receives a new unit, so it must be active (the unit list sheet).
 * 'record': a record, organisation or figure may belong to a unit that has since ended (its own
 * dates are checked by the sheet); among same-named units the one active unit is taken.
 */
export type UnitRole = 'parent' | 'record';

/** Case and spacing ignored, diacritics kept: "xã  Hoằng phụ" = "Xã Hoằng Phụ" ≠ "Xã Hoằng Phú". */
export const exactKey = exactNameKey;

const MAX_LISTED = 12;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class UnitIndex {
  private readonly byId = new Map<string, UnitDto>();
  private readonly byCode = new Map<string, UnitDto[]>();
  private readonly byExact = new Map<string, UnitDto[]>();
  private readonly byFolded = new Map<string, UnitDto[]>();
  private readonly children = new Map<string, UnitDto[]>();
  private readonly keys = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  /** Exact keys of a unit's ancestors and itself, root first; filled on first use. */
  private readonly chains = new Map<string, readonly string[]>();
  private readonly labels = new Map<string, string>();
  private readonly recordLabels = new Map<string, string>();

  constructor(units: readonly UnitDto[]) {
    for (const u of units) {
      this.byId.set(u.id, u);
      const key = exactKey(u.name);
      const fold = foldVietnamese(u.name);
      this.keys.set(u.id, key);
      this.folded.set(u.id, fold);
      if (u.code) push(this.byCode, u.code, u);
      push(this.byExact, key, u);
      push(this.byFolded, fold, u);
      if (u.parentId !== null && u.validTo === null) push(this.children, u.parentId, u);
    }
  }

  get(id: string): UnitDto | undefined {
    return this.byId.get(id);
  }

  keyOf(unit: UnitDto): string {
    return this.keys.get(unit.id) ?? exactKey(unit.name);
  }

  foldedOf(unit: UnitDto): string {
    return this.folded.get(unit.id) ?? foldVietnamese(unit.name);
  }

  /** Active (not ended) children of a unit. */
  activeChildren(parentId: string): readonly UnitDto[] {
    return this.children.get(parentId) ?? [];
  }

  /** The codes (exact keys) of a unit's ancestors and itself, root first, aligned with `chain`; '' where none. */
  private ancestorCodes(unit: UnitDto): readonly string[] {
    const codes: string[] = [];
    let cursor: UnitDto | undefined = unit;
    while (cursor && codes.length < 10_000) {
      codes.unshift(cursor.code ? exactKey(cursor.code) : '');
      cursor = cursor.parentId !== null ? this.byId.get(cursor.parentId) : undefined;
    }
    return codes;
  }

  /** The path from the nearest ancestor with a code: "16387 / Thôn 1"; null when no ancestor has one. */
  private codedPath(unit: UnitDto): string | null {
    const names = [unit.name];
    let cursor = unit.parentId !== null ? this.byId.get(unit.parentId) : undefined;
    while (cursor && names.length < 10_000) {
      if (cursor.code) return [cursor.code, ...names].join(' / ');
      names.unshift(cursor.name);
      cursor = cursor.parentId !== null ? this.byId.get(cursor.parentId) : undefined;
    }
    return null;
  }

  private chain(unit: UnitDto): readonly string[] {
    const known = this.chains.get(unit.id);
    if (known) return known;
    // Iterative, so a corrupt deep tree cannot overflow the stack; shared prefixes are reused.
    const pending: UnitDto[] = [];
    let cursor: UnitDto | undefined = unit;
    while (cursor && !this.chains.has(cursor.id) && pending.length < 10_000) {
      pending.push(cursor);
      cursor = cursor.parentId !== null ? this.byId.get(cursor.parentId) : undefined;
    }
    let base: readonly string[] = cursor ? (this.chains.get(cursor.id) ?? []) : [];
    for (let i = pending.length - 1; i >= 0; i--) {
      const u = pending[i]!;
      base = [...base, this.keyOf(u)];
      this.chains.set(u.id, base);
    }
    return this.chains.get(unit.id) ?? [];
  }

  /** "Huyện A / Xã B / Thôn 1": the path below the root, as an officer would write it. */
  pathLabel(unit: UnitDto): string {
    const known = this.labels.get(unit.id);
    if (known !== undefined) return known;
    const names: string[] = [];
    let cursor: UnitDto | undefined = unit;
    while (cursor && cursor.parentId !== null && names.length < 10_000) {
      names.unshift(cursor.name);
      cursor = this.byId.get(cursor.parentId);
    }
    const label = names.length > 0 ? names.join(' / ') : unit.name;
    this.labels.set(unit.id, label);
    return label;
  }

  /** What an export writes to name a unit so that it resolves back to the same unit. */
  exportLabel(unit: UnitDto): string {
    const sameName = (this.byExact.get(this.keyOf(unit)) ?? []).filter((u) => u.validTo === null);
    if (sameName.length === 1 && unit.validTo === null) return unit.name;
    // Two live siblings of one name have the same path: then the code (checked to resolve back).
    const path = this.pathLabel(unit);
    const resolvesBack = (t: string) => {
      const m = this.resolve(t);
      return m.ok && m.unit.id === unit.id;
    };
    if (resolvesBack(path)) return path;
    if (unit.code && resolvesBack(unit.code)) return unit.code;
    const coded = this.codedPath(unit);
    return coded !== null && resolvesBack(coded) ? coded : path;
  }

  private listed(units: readonly UnitDto[]): string {
    const shown = units.slice(0, MAX_LISTED).map((u) => `"${this.pathLabel(u)}"`);
    const more = units.length > MAX_LISTED ? ` và ${units.length - MAX_LISTED} đơn vị khác` : '';
    return `${shown.join('; ')}${more}`;
  }

  /**
   * The shortest text naming a unit in a record sheet that resolves back to it: its name, else its
   * path, else its code (the path is kept when nothing is unique, so the import says why).
   */
  label(unit: UnitDto): string {
    const known = this.recordLabels.get(unit.id);
    if (known !== undefined) return known;
    const coded = this.codedPath(unit);
    const tries = [unit.name, this.pathLabel(unit), ...(unit.code ? [unit.code] : []), ...(coded !== null ? [coded] : [])];
    const label =
      tries.find((t) => {
        const m = this.resolve(t, 'record');
        return m.ok && m.unit.id === unit.id;
      }) ?? this.pathLabel(unit);
    this.recordLabels.set(unit.id, label);
    return label;
  }

  /** Among candidates of one name or code: the one active unit, or a message naming them. */
  private pick(text: string, candidates: readonly UnitDto[], role: UnitRole): UnitMatch {
    if (role === 'record' && candidates.length === 1) return { ok: true, unit: candidates[0]! };
    const active = candidates.filter((c) => c.validTo === null);
    if (active.length === 1) return { ok: true, unit: active[0]! };
    if (active.length === 0 && role === 'record') {
      return {
        ok: false,
        message: `có ${candidates.length} đơn vị "${text}" (đã kết thúc hoạt động): ${this.listed(candidates)}. Hãy ghi mã đơn vị.`,
      };
    }
    if (active.length === 0) {
      return { ok: false, message: `"${text}" đã kết thúc hoạt động (${this.listed(candidates)}); không thể ghi đơn vị trực thuộc.` };
    }
    return {
      ok: false,
      message: `có ${active.length} đơn vị "${text}": ${this.listed(active)}. Hãy ghi đường dẫn đầy đủ (ví dụ "${this.pathLabel(active[0]!)}") hoặc mã đơn vị.`,
    };
  }

  resolve(text: string, role: UnitRole = 'parent'): UnitMatch {
    const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (t === '') return { ok: false, message: 'chưa ghi đơn vị.' };
    const byCode = this.byCode.get(t);
    if (byCode) return this.pick(t, byCode, role);
    const whole = this.byExact.get(exactKey(t));
    if (whole) return this.pick(t, whole, role);
    const parts = t
      .split(/\s*[›/>]\s*/)
      .map(exactKey)
      .filter((p) => p.length > 0);
    if (parts.length > 1) {
      const named = this.byExact.get(parts[parts.length - 1]!) ?? [];
      const within = named.filter((u) => {
        // Every earlier part names an ancestor, in order (the root may be left out).
        // An earlier part may also be an ancestor's code ("16387 / Thôn 1": two communes of one name).
        const chain = this.chain(u);
        const codes = this.ancestorCodes(u);
        let i = 0;
        for (let j = 0; j < chain.length - 1 && i < parts.length - 1; j++) if (chain[j] === parts[i] || codes[j] === parts[i]) i++;
        return i === parts.length - 1;
      });
      if (within.length > 0) return this.pick(t, within, role);
    }
    const loose = this.unaccented(t, role);
    if (loose) return loose;
    return { ok: false, message: this.notFound(t, parts, role) };
  }

  /**
   * A name or path typed with no diacritics at all ("xa gia hung / thon 1", no Vietnamese keyboard)
   * is taken when it folds to exactly one unit, as the sibling-name rule does (sameUnitName). Text
   * with some diacritics is never folded to match, and "Xa Hoang Phu" with both Hoằng Phụ and Hoằng
   * Phú is refused with both suggested.
   */
  private unaccented(text: string, role: UnitRole): UnitMatch | null {
    if (foldVietnamese(text) !== exactKey(text)) return null;
    const parts = text
      .split(/\s*[›/>]\s*/)
      .map(foldVietnamese)
      .filter((p) => p.length > 0);
    const named = this.byFolded.get(parts[parts.length - 1] ?? '') ?? [];
    const within = named.filter((u) => {
      if (parts.length === 1) return true;
      const ancestors: string[] = [];
      let cursor = u.parentId !== null ? this.byId.get(u.parentId) : undefined;
      while (cursor && ancestors.length < 10_000) {
        ancestors.unshift(this.foldedOf(cursor));
        cursor = cursor.parentId !== null ? this.byId.get(cursor.parentId) : undefined;
      }
      let i = 0;
      for (const a of ancestors) if (i < parts.length - 1 && a === parts[i]) i++;
      return i === parts.length - 1;
    });
    if (within.length === 0) return null;
    const picked = this.pick(text, within, role);
    return picked.ok ? picked : null;
  }

  private notFound(text: string, parts: readonly string[], role: UnitRole): string {
    const last = parts[parts.length - 1] ?? text;
    const similar = (this.byFolded.get(foldVietnamese(last)) ?? []).filter((u) => role === 'record' || u.validTo === null);
    if (similar.length === 0) return `không tìm thấy đơn vị "${text}".`;
    // Only a suggestion: a name that differs in its diacritics is another unit until the officer says so.
    return `không tìm thấy đơn vị "${text}" (tên phải ghi đúng dấu). Có phải: ${this.listed(similar)}?`;
  }
}
