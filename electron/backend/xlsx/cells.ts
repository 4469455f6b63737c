/**
 * Parsing helpers for import specs: cell texts → typed values, each failure a Vietnamese sentence
 * naming the column. Specs combine them; the file reading itself is in workbook.ts.
 */
import { parseDateVi, isValidIsoDate } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';
import { pathOf } from '../../../shared/domain/unit-tree';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { RowIssue } from './spec';

/** Collects issues while a row is parsed; each helper returns a value or null and records why. */
export class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly cells: Readonly<Record<string, string>>,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  private fail(column: string, message: string): null {
    this.issues.push({ column, message: `Cột "${this.headers[column] ?? column}": ${message}` });
    return null;
  }

  raw(column: string): string {
    return (this.cells[column] ?? '').trim();
  }

  text(column: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.raw(column).replace(/\s+/g, ' ').normalize('NFC');
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (opts.max !== undefined && v.length > opts.max) return this.fail(column, `quá dài (tối đa ${opts.max} ký tự).`);
    return v;
  }

  int(column: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.raw(column).replace(/[.\s]/g, '');
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (!/^-?\d+$/.test(v)) return this.fail(column, `"${this.raw(column)}" không phải là số nguyên.`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) return this.fail(column, `không được nhỏ hơn ${opts.min}.`);
    if (opts.max !== undefined && n > opts.max) return this.fail(column, `không được lớn hơn ${opts.max}.`);
    return n;
  }

  /** A decimal number written the Vietnamese way (1.234,5) or plainly (1234.5). */
  decimal(column: string, opts: { required?: boolean; min?: number } = {}): number | null {
    const rawText = this.raw(column);
    if (rawText === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const normalised = /,\d+$/.test(rawText) ? rawText.replace(/\./g, '').replace(',', '.') : rawText.replace(/,/g, '');
    const n = Number(normalised.replace(/\s/g, ''));
    if (!Number.isFinite(n)) return this.fail(column, `"${rawText}" không phải là số.`);
    if (opts.min !== undefined && n < opts.min) return this.fail(column, `không được nhỏ hơn ${opts.min}.`);
    return n;
  }

  /** dd/MM/yyyy (as written and as read from date cells) or yyyy-MM-dd → ISO date. */
  date(column: string, opts: { required?: boolean } = {}): string | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const iso = parseDateVi(v) ?? (isValidIsoDate(v) ? v : null);
    return iso ?? this.fail(column, `"${v}" không phải là ngày hợp lệ (ngày/tháng/năm).`);
  }

  /** One of the allowed labels (compared without diacritics/case) → its value. */
  choice<V extends string>(column: string, labels: Readonly<Record<V, string>>, opts: { required?: boolean } = {}): V | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const folded = foldVietnamese(v);
    for (const [value, label] of Object.entries(labels) as [V, string][]) {
      if (foldVietnamese(label) === folded || foldVietnamese(value) === folded) return value;
    }
    return this.fail(column, `"${v}" không thuộc danh sách cho phép (${Object.values(labels).join(', ')}).`);
  }

  /** Có/Không (also x, 1/0, yes/no). */
  bool(column: string, opts: { required?: boolean } = {}): boolean | null {
    const v = foldVietnamese(this.raw(column));
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    if (['co', 'x', '1', 'yes', 'true', 'dung'].includes(v)) return true;
    if (['khong', '0', 'no', 'false', 'sai'].includes(v)) return false;
    return this.fail(column, `"${this.raw(column)}" phải là "Có" hoặc "Không".`);
  }

  unit(column: string, resolver: UnitResolver, opts: { required?: boolean } = {}): UnitDto | null {
    const v = this.raw(column);
    if (v === '') return opts.required ? this.fail(column, 'không được để trống.') : null;
    const r = resolver.resolve(v);
    return r.ok ? r.unit : this.fail(column, r.message);
  }

  /** Records an issue that involves several columns or the whole row. */
  problem(message: string, column: string | null = null): void {
    this.issues.push({ column, message });
  }
}

/** Column key → header text, for messages. */
export function headerMap(columns: readonly { key: string; header: string }[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c.key, c.header]));
}

export type UnitResolution = { ok: true; unit: UnitDto } | { ok: false; message: string };

/**
 * Finds a unit from what a person typed in a cell: its official code, its full path written with
 * "›", "/" or ">" between levels ("Xã Gia Hòa / Thôn 1"), or its name when that name is unique.
 * Names are compared without diacritics or case.
 */
export class UnitResolver {
  private readonly byCode = new Map<string, UnitDto[]>();
  private readonly byName = new Map<string, UnitDto[]>();
  private readonly byId: Map<string, UnitDto>;

  constructor(units: readonly UnitDto[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      if (u.code) this.byCode.set(u.code, [...(this.byCode.get(u.code) ?? []), u]);
      const key = foldVietnamese(u.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), u]);
    }
  }

  /** The path label used in exports, so that an exported file resolves back to the same unit. */
  label(unit: UnitDto): string {
    const path = pathOf(this.byId, unit.id);
    const unique = (this.byName.get(foldVietnamese(unit.name)) ?? []).length === 1;
    return unique
      ? unit.name
      : path
          .slice(1)
          .map((p) => p.name)
          .join(' / ') || unit.name;
  }

  resolve(text: string): UnitResolution {
    const t = text.trim();
    const codeHits = this.byCode.get(t);
    if (codeHits && codeHits.length === 1) return { ok: true, unit: codeHits[0]! };
    const parts = t
      .split(/\s*[›/>]\s*/)
      .map(foldVietnamese)
      .filter((p) => p.length > 0);
    if (parts.length === 0) return { ok: false, message: 'chưa ghi đơn vị.' };
    const last = parts[parts.length - 1]!;
    const candidates = (this.byName.get(last) ?? []).filter((u) => {
      // Every earlier part must name an ancestor, in order.
      const names = pathOf(this.byId, u.id).map((p) => foldVietnamese(p.name));
      let i = 0;
      for (const n of names.slice(0, -1)) if (n === parts[i]) i++;
      return i === parts.length - 1;
    });
    if (candidates.length === 1) return { ok: true, unit: candidates[0]! };
    if (candidates.length === 0) return { ok: false, message: `không tìm thấy đơn vị "${t}".` };
    const active = candidates.filter((c) => c.validTo === null);
    if (active.length === 1) return { ok: true, unit: active[0]! };
    return {
      ok: false,
      message: `có ${candidates.length} đơn vị tên "${t}"; hãy ghi kèm đơn vị cấp trên, ví dụ "${this.label(candidates[0]!)}".`,
    };
  }
}
