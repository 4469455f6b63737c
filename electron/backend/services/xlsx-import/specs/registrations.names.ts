/**
 * Naming the subject of a registration in a spreadsheet: a residential area or commune (by
 * official code, name or path "Xã … / Thôn …") or an organisation (by tax code, name or
 * "Xã … / Tên cơ quan").
 *
 * Names match exactly — Unicode NFC, case and spacing aside, diacritics kept — because in
 * Vietnamese "Thôn Bắc" and "Thôn Bác" are two places. The diacritic-free fold is used only to
 * suggest what a name written without its marks may have meant. A name several subjects share is
 * refused with their paths, so the officer writes the path.
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
      add({ type: 'unit', id: u.id, name: u.name, chain: this.chain(u.id), validFrom: u.validFrom, validTo: u.validTo }, u.code);
    }
    for (const o of orgs) {
      add(
        { type: 'organization', id: o.id, name: o.name, chain: this.chain(o.unit_id), validFrom: o.valid_from, validTo: o.valid_to },
        o.tax_code,
      );
    }
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

  /** The path a subject is written with in exports (it resolves back to the same subject). */
  pathOf(type: SubjectType, id: string): string {
    const n = this.byKey.get(`${type}:${id}`);
    return n ? this.path(n) : id;
  }

  resolve(text: string, year: number): SubjectResolution {
    const t = text.trim();
    const coded = this.byCode.get(t);
    if (coded && coded.length === 1) return this.ok(coded[0]!);
    const parts = t.split(/\s*[›/>]\s*/).filter((p) => p.length > 0);
    if (parts.length === 0) return { ok: false, message: 'chưa ghi đơn vị.' };
    const hits = this.matching(this.byName, parts.map(exact), exact);
    const inYear = hits.filter((n) => activeInYear(n.validFrom, n.validTo, year));
    const pick = inYear.length > 0 ? inYear : hits;
    if (pick.length === 1) return this.ok(pick[0]!);
    if (pick.length > 1) {
      const paths = pick.map((n) => `"${this.path(n)}"`);
      const listed =
        paths.slice(0, MAX_LISTED).join('; ') + (paths.length > MAX_LISTED ? `; và ${paths.length - MAX_LISTED} nơi khác` : '');
      return { ok: false, message: `có ${pick.length} nơi tên "${t}": ${listed}. Hãy ghi đường dẫn hoặc mã chính thức.` };
    }
    const near = this.matching(this.byFolded, parts.map(foldVietnamese), foldVietnamese);
    if (near.length > 0) {
      const listed = near
        .slice(0, MAX_LISTED)
        .map((n) => `"${this.path(n)}"`)
        .join('; ');
      return { ok: false, message: `không tìm thấy "${t}" (tên cần ghi đúng dấu). Có phải: ${listed}?` };
    }
    return { ok: false, message: `không tìm thấy "${t}" trong danh sách khu dân cư, xã và cơ quan, tổ chức.` };
  }

  /** Subjects whose name is the last part and whose chain holds the earlier parts, in order. */
  private matching(index: ReadonlyMap<string, Named[]>, parts: string[], norm: (s: string) => string): Named[] {
    const last = parts[parts.length - 1]!;
    return (index.get(last) ?? []).filter((n) => {
      const chain = (n.type === 'unit' ? n.chain.slice(0, -1) : n.chain).map(norm);
      let i = 0;
      for (const c of chain) if (c === parts[i]) i++;
      return i === parts.length - 1;
    });
  }

  private ok(n: Named): SubjectResolution {
    return { ok: true, type: n.type, id: n.id, path: this.path(n) };
  }
}
