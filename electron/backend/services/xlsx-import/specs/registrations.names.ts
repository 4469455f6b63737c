/**
 * Naming the subject of a registration in a spreadsheet: a residential area or commune (by
 * official code, name or path "Xã … / Thôn …") or an organisation (by tax code, name or
 * "Xã … / Tên cơ quan").
 *
 * Names match exactly — Unicode NFC, case and spacing aside, diacritics kept — because in
 * Vietnamese "Thôn Bắc" and "Thôn Bác" are two places. The diacritic-free fold is used only to
 * suggest what a name written without its marks may have meant. A name several subjects share is
 * refused with their paths, so the officer writes the path. A part of a path may be an ancestor's
 * official code ("16387 / Thôn 1"): two live communes of one name under one district ("Xã Đông Khê",
 * 16387 and 16408) have the same path, and so have the hamlets and organisations under them. The
 * export writes, for each subject, the first of its path, its code and that coded path which
 * resolves back to it (`exportLabel`), as UnitIndex.exportLabel does for the other sheets.
 */
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { SubjectType } from '../../../../../shared/domain/evaluation';
import { evaluatedKindOfUnit } from '../../../../../shared/domain/evaluation';
import { activeInYear } from '../../../../../shared/domain/organizations';
import { foldVietnamese } from '../../../../../shared/lib/text';

interface OrgLike {
  id: string;
  name: string;
  tax_code: string | null;
  unit_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

interface Named {
  type: SubjectType;
  id: string;
  name: string;
  /** The unit chain the subject sits in, top first (for a unit: up to itself; for an organisation: up to its unit). */
  chain: string[];
  /** Exact keys of every unit above the subject (the office's top unit included), top first. */
  aboveKeys: string[];
  /** Their folded keys (for suggestions), aligned with aboveKeys. */
  aboveFolded: string[];
  /** Their official codes, aligned with aboveKeys ('' where a unit has none). */
  aboveCodes: string[];
  /** The subject's own official code or tax code, if any. */
  code: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export type SubjectResolution = { ok: true; type: SubjectType; id: string; path: string } | { ok: false; message: string };

/** Exact form of a name: NFC, lower case, single spaces. */
const exact = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

const MAX_LISTED = 5;

export class SubjectNames {
  private readonly unitsById: Map<string, UnitDto>;
  private readonly byCode = new Map<string, Named[]>();
  private readonly byName = new Map<string, Named[]>();
  private readonly byFolded = new Map<string, Named[]>();
  private readonly byKey = new Map<string, Named>();

  constructor(units: readonly UnitDto[], orgs: readonly OrgLike[]) {
    this.unitsById = new Map(units.map((u) => [u.id, u]));
    const push = (m: Map<string, Named[]>, k: string, n: Named) => m.set(k, [...(m.get(k) ?? []), n]);
    const add = (n: Named, code: string | null) => {
      this.byKey.set(`${n.type}:${n.id}`, n);
      if (code) push(this.byCode, code.trim(), n);
      push(this.byName, exact(n.name), n);
      push(this.byFolded, foldVietnamese(n.name), n);
    };
    for (const u of units) {
      if (evaluatedKindOfUnit(u.kind) === null) continue;
      const code = u.code?.trim() || null;
      const above = u.parentId === null ? this.ancestry(null) : this.ancestry(u.parentId);
      add(
        { type: 'unit', id: u.id, name: u.name, chain: this.chain(u.id), ...above, code, validFrom: u.validFrom, validTo: u.validTo },
        code,
      );
    }
    for (const o of orgs) {
      const code = o.tax_code?.trim() || null;
      add(
        {
          type: 'organization',
          id: o.id,
          name: o.name,
          chain: this.chain(o.unit_id),
          ...this.ancestry(o.unit_id),
          code,
          validFrom: o.valid_from,
          validTo: o.valid_to,
        },
        code,
      );
    }
  }

  /** Keys and codes of `unitId` and the units above it, top first (none for null). */
  private ancestry(unitId: string | null): Pick<Named, 'aboveKeys' | 'aboveFolded' | 'aboveCodes'> {
    const out: Pick<Named, 'aboveKeys' | 'aboveFolded' | 'aboveCodes'> = { aboveKeys: [], aboveFolded: [], aboveCodes: [] };
    let cursor = unitId === null ? undefined : this.unitsById.get(unitId);
    for (let steps = 0; cursor && steps < 10_000; steps++) {
      out.aboveKeys.push(exact(cursor.name));
      out.aboveFolded.push(foldVietnamese(cursor.name));
      out.aboveCodes.push(cursor.code ? exact(cursor.code) : '');
      cursor = cursor.parentId === null ? undefined : this.unitsById.get(cursor.parentId);
    }
    out.aboveKeys.reverse();
    out.aboveFolded.reverse();
    out.aboveCodes.reverse();
    return out;
  }

  /** Names of the units from the top down to `unitId`, the office's own top unit left out. */
  private chain(unitId: string): string[] {
    const out: string[] = [];
    let cursor = this.unitsById.get(unitId);
    for (let steps = 0; cursor && steps < 10_000; steps++) {
      out.push(cursor.name);
      cursor = cursor.parentId === null ? undefined : this.unitsById.get(cursor.parentId);
    }
    out.reverse();
    return out.length > 1 ? out.slice(1) : out;
  }

  private path(n: Named): string {
    return n.type === 'unit' ? n.chain.join(' / ') : [...n.chain, n.name].join(' / ');
  }

  /** The path a subject is shown with: "Xã … / Thôn …" (not necessarily unique). */
  pathOf(type: SubjectType, id: string): string {
    const n = this.byKey.get(`${type}:${id}`);
    return n ? this.path(n) : id;
  }

  /**
   * What an export writes to name a subject so that the import of `year` resolves it back to the
   * same subject: its path, else its code (official code or tax code), else the path from its
   * nearest ancestor with a code ("16387 / Thôn 1"); the plain path when none does (the import then
   * says why).
   */
  exportLabel(type: SubjectType, id: string, year: number): string {
    const n = this.byKey.get(`${type}:${id}`);
    if (!n) return id;
    const path = this.path(n);
    const tries = [path, ...(n.code ? [n.code] : []), ...this.codedPaths(n)];
    return (
      tries.find((t) => {
        const r = this.resolve(t, year);
        return r.ok && r.type === type && r.id === id;
      }) ?? path
    );
  }

  /** Paths that start at an ancestor's code, nearest ancestor first: "16387 / Thôn 1", "380 / Xã Đông Khê / Thôn 1". */
  private codedPaths(n: Named): string[] {
    const out: string[] = [];
    // Names below the office's top unit, aligned with the end of the ancestry (chain drops the top).
    const names = n.type === 'unit' ? n.chain.slice(0, -1) : n.chain;
    const above = n.aboveCodes.length;
    for (let j = above - 1; j >= 0 && out.length < 2; j--) {
      const code = n.aboveCodes[j];
      if (!code) continue;
      // Units strictly below ancestor j: the last (above - 1 - j) names of the chain.
      const below = above - 1 - j;
      out.push([code, ...names.slice(names.length - below), n.name].join(' / '));
    }
    return out;
  }

  resolve(text: string, year: number): SubjectResolution {
    const t = text.trim();
    const coded = this.byCode.get(t);
    if (coded && coded.length === 1) return this.ok(coded[0]!);
    const parts = t.split(/\s*[›/>]\s*/).filter((p) => p.length > 0);
    if (parts.length === 0) return { ok: false, message: 'chưa ghi đơn vị.' };
    const hits = this.matching(this.byName, parts.map(exact), 'aboveKeys');
    const inYear = hits.filter((n) => activeInYear(n.validFrom, n.validTo, year));
    const pick = inYear.length > 0 ? inYear : hits;
    if (pick.length === 1) return this.ok(pick[0]!);
    if (pick.length > 1) {
      // Two live communes of one name have one path: each is then shown with what names it alone.
      const plain = pick.map((n) => this.path(n));
      const shared = plain.length !== new Set(plain).size;
      const paths = pick.map((n, i) => {
        const other = shared ? (n.code ?? this.codedPaths(n)[0]) : undefined;
        return other ? `"${plain[i]}" (ghi "${other}")` : `"${plain[i]}"`;
      });
      const listed =
        paths.slice(0, MAX_LISTED).join('; ') + (paths.length > MAX_LISTED ? `; và ${paths.length - MAX_LISTED} nơi khác` : '');
      return { ok: false, message: `có ${pick.length} nơi tên "${t}": ${listed}. Hãy ghi đường dẫn hoặc mã chính thức.` };
    }
    const near = this.matching(this.byFolded, parts.map(foldVietnamese), 'aboveFolded');
    if (near.length > 0) {
      const listed = near
        .slice(0, MAX_LISTED)
        .map((n) => `"${this.path(n)}"`)
        .join('; ');
      return { ok: false, message: `không tìm thấy "${t}" (tên cần ghi đúng dấu). Có phải: ${listed}?` };
    }
    return { ok: false, message: `không tìm thấy "${t}" trong danh sách khu dân cư, xã và cơ quan, tổ chức.` };
  }

  /**
   * Subjects whose name is the last part and whose units above hold the earlier parts, in order,
   * each by its name or its official code (the office's top unit may be left out).
   */
  private matching(index: ReadonlyMap<string, Named[]>, parts: string[], keys: 'aboveKeys' | 'aboveFolded'): Named[] {
    const last = parts[parts.length - 1]!;
    const codes = parts.map(exact);
    return (index.get(last) ?? []).filter((n) => {
      const above = n[keys];
      let i = 0;
      for (let j = 0; j < above.length && i < parts.length - 1; j++) {
        if (above[j] === parts[i] || (n.aboveCodes[j] !== '' && n.aboveCodes[j] === codes[i])) i++;
      }
      return i === parts.length - 1;
    });
  }

  private ok(n: Named): SubjectResolution {
    return { ok: true, type: n.type, id: n.id, path: this.path(n) };
  }
}
