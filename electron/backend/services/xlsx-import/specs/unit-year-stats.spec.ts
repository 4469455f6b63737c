/**
 * Excel layout of yearly households/residents per unit ('unit_year_stats'). Natural key: unit +
 * year. Units are written and read with the names and parents they had in the row's year, so a
 * 2022 sheet still names "Xã Gia Phú" after that commune was merged in 2025.
 *
 * Export with a year lists every commune and residential area that existed in that year, blank
 * where nothing is recorded yet, so the file doubles as an entry form; blank rows import as
 * "unchanged". Without a year it lists every recorded row.
 */
import type { ImportSpec, ImportStatus, CellValue } from '../../../xlsx/spec';
import type { ServiceContext } from '../../../context';
import type { Db } from '../../../repos/units.repo';
import { listUnits } from '../../../repos/units.repo';
import { findStat, labelHistory, parentHistory, statYears, statsOfYear } from '../../../repos/unit-history.repo';
import { writeStats } from '../../../services/unit-history';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex } from '../../../xlsx/unit-index';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { ListFilter } from '../../../../../shared/domain/registries';
import {
  checkFigures,
  existedInYear,
  referenceDateInYear,
  treeAsOf,
  valueOn,
  type PastInterval,
  type UnitLabel,
} from '../../../../../shared/domain/lineage';
import { LEVEL_LABELS } from '../../../../../shared/domain/labels';
import { compareVietnamese, matchesQuery } from '../../../../../shared/lib/text';

export interface UnitYearStatValue {
  unitId: string;
  year: number;
  households: number | null;
  residents: number | null;
  trongDiem: boolean;
}

const COLUMNS = [
  { key: 'year', header: 'Năm', width: 8, required: true, example: '2024', note: 'Năm của số liệu.' },
  {
    key: 'unit',
    header: 'Đơn vị',
    width: 40,
    required: true,
    example: 'Xã Gia Hòa / Thôn 1',
    note: 'Mã chính thức, tên đơn vị (nếu không trùng) hoặc đường dẫn "Xã ... / Thôn ..." theo tên trong năm đó.',
  },
  { key: 'households', header: 'Số hộ', width: 12, example: '1250', note: 'Số hộ đang cư trú; để trống nếu chưa có.' },
  { key: 'residents', header: 'Số nhân khẩu', width: 14, example: '4830', note: 'Không được nhỏ hơn số hộ.' },
  {
    key: 'trongDiem',
    header: 'Xã trọng điểm, phức tạp về ANTT',
    width: 18,
    options: ['Có', 'Không'],
    example: 'Không',
    note: 'Chỉ ghi "Có" cho xã, phường nằm trong danh sách của năm đó.',
  },
] as const;

const HEADERS = headerMap(COLUMNS);

interface Lookup {
  currentYear: number;
  resolverFor(year: number): { resolver: UnitIndex; unitsById: Map<string, UnitDto> };
}

interface YearView {
  resolver: UnitIndex;
  unitsById: Map<string, UnitDto>;
}

/** Units that existed in `year`, with the parent, name, kind and code they had then. */
function unitsOfYear(
  all: readonly UnitDto[],
  parents: ReadonlyMap<string, PastInterval<string>[]>,
  labels: ReadonlyMap<string, PastInterval<UnitLabel>[]>,
  year: number,
  today: string,
): UnitDto[] {
  // Each unit at its own reference day in the year (its last day in it), so a commune that ended
  // mid-year still appears under the name it had; ancestors come from the year-end tree.
  const yearEnd = treeAsOf(all, parents, labels, `${year}-12-31` < today ? `${year}-12-31` : today);
  const byId = new Map(yearEnd.map((u) => [u.id, u]));
  for (const u of all) {
    if (byId.has(u.id) || !existedInYear(u, year)) continue;
    const ref = referenceDateInYear(u, year, today);
    const label = valueOn<UnitLabel>({ name: u.name, kind: u.kind, code: u.code }, labels.get(u.id) ?? [], ref);
    const parentId = u.parentId === null ? null : valueOn(u.parentId, parents.get(u.id) ?? [], ref);
    byId.set(u.id, { ...u, parentId, name: label.name, kind: label.kind, code: label.code });
  }
  return [...byId.values()];
}

async function yearViews(ctx: ServiceContext): Promise<(year: number) => YearView> {
  const all = await listUnits(ctx.db, true);
  const parents = await parentHistory(ctx.db);
  const labels = await labelHistory(ctx.db);
  const today = ctx.clock.today();
  const cache = new Map<number, YearView>();
  return (year) => {
    let v = cache.get(year);
    if (!v) {
      const units = unitsOfYear(all, parents, labels, year, today);
      v = { resolver: new UnitIndex(units), unitsById: new Map(units.map((u) => [u.id, u])) };
      cache.set(year, v);
    }
    return v;
  };
}

function isWithin(unitsById: ReadonlyMap<string, UnitDto>, unitId: string, ancestorId: string): boolean {
  let cursor: string | null = unitId;
  for (let steps = 0; cursor !== null && steps < 10_000; steps++) {
    if (cursor === ancestorId) return true;
    cursor = unitsById.get(cursor)?.parentId ?? null;
  }
  return false;
}

const sameValues = (a: { households: number | null; residents: number | null; trongDiem: boolean }, b: typeof a) =>
  a.households === b.households && a.residents === b.residents && a.trongDiem === b.trongDiem;

export const unitYearStatsSpec: ImportSpec<UnitYearStatValue, Lookup> = {
  id: 'unit_year_stats',
  title: 'Số hộ, nhân khẩu theo năm',
  columns: COLUMNS,

  async prepare(ctx) {
    const views = await yearViews(ctx);
    return { currentYear: Number(ctx.clock.today().slice(0, 4)), resolverFor: views };
  },

  parseRow(cells, lookup) {
    const r = new RowReader(cells, HEADERS);
    const year = r.int('year', { required: true, min: 1990, max: 2100 });
    if (year !== null && year > lookup.currentYear) r.problem(`Cột "Năm": chưa thể ghi số liệu cho năm ${year}.`, 'year');
    const unit = year !== null ? r.unit('unit', lookup.resolverFor(year).resolver, { required: true }) : null;
    const households = r.int('households', { min: 0, max: 1_000_000_000 });
    const residents = r.int('residents', { min: 0, max: 1_000_000_000 });
    const trongDiem = r.bool('trongDiem') ?? false;
    if (unit) {
      if (unit.level !== 'xa' && unit.level !== 'khu_dan_cu') {
        r.problem(`Cột "Đơn vị": số hộ, nhân khẩu chỉ ghi cho xã và khu dân cư; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`, 'unit');
      }
      if (trongDiem && unit.level !== 'xa') {
        r.problem(
          `Cột "${HEADERS['trongDiem']}": chỉ xã, phường mới được xác định là trọng điểm; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`,
          'trongDiem',
        );
      }
    }
    const figures = checkFigures(households, residents);
    if (figures) r.problem(figures, 'residents');
    if (r.issues.length > 0 || year === null || unit === null) return { ok: false, errors: r.issues };
    return { ok: true, value: { unitId: unit.id, year, households, residents, trongDiem }, label: `${unit.name} – năm ${year}` };
  },

  naturalKey: (v) => `${v.unitId}/${v.year}`,
  // The grid shows one year: the commit reports the years written so it can move to them.
  placement: (v) => `${v.year}-12-31`,

  async classify(db: Db, values, _ctx, pause) {
    const out: ImportStatus[] = [];
    for (const v of values) {
      await pause?.();
      const existing = await findStat(db, v.unitId, v.year);
      if (!existing) out.push(v.households === null && v.residents === null && !v.trongDiem ? 'unchanged' : 'new');
      else out.push(sameValues(existing, v) ? 'unchanged' : 'update');
    }
    return out;
  },

  async apply(db, ctx, values) {
    await writeStats(db, ctx, values);
  },

  async exportRows(ctx, filter: ListFilter) {
    const views = await yearViews(ctx);
    const years = filter.year !== null ? [filter.year] : await statYears(ctx.db);
    const out: Record<string, CellValue>[] = [];
    for (const year of years) {
      const view = views(year);
      const stats = new Map((await statsOfYear(ctx.db, year)).map((s) => [s.unitId, s]));
      const rows: { label: string; row: Record<string, CellValue> }[] = [];
      for (const u of view.unitsById.values()) {
        if (u.level !== 'xa' && u.level !== 'khu_dan_cu') continue;
        const s = stats.get(u.id);
        // With a year: every unit of that year (a fill-in form); without: recorded rows only.
        if (!s && filter.year === null) continue;
        if (filter.unitId !== null && !isWithin(view.unitsById, u.id, filter.unitId)) continue;
        if (filter.kind !== null && u.kind !== filter.kind) continue;
        if (filter.search.trim() !== '' && !matchesQuery(`${u.name} ${u.code ?? ''}`, filter.search)) continue;
        if (filter.status === 'trong_diem' && !s?.trongDiem) continue;
        if (filter.status === 'thieu_so_lieu' && s && s.households !== null && s.residents !== null) continue;
        const label = view.resolver.label(u);
        rows.push({
          label,
          row: {
            year,
            unit: label,
            households: s?.households ?? null,
            residents: s?.residents ?? null,
            trongDiem: u.level === 'xa' ? (s?.trongDiem ? 'Có' : 'Không') : null,
          },
        });
      }
      rows.sort((a, b) => compareVietnamese(a.label, b.label));
      out.push(...rows.map((r) => r.row));
    }
    return out;
  },
};
