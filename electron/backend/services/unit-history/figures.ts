/**
 * Yearly figures of a unit (households, residents, the "xã trọng điểm" flag) and its area type
 * (nông thôn / đô thị): reading, the office-wide list of a year, and checked writes.
 */
import type { ServiceContext } from '../../context';
import type { MethodOutput, ParsedInput } from '../../../../shared/ipc/contract';
import type { StatsRowDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { AppError } from '../../errors';
import { findUnitsByIds, insertChanges, type Db } from '../../repos/units.repo';
import {
  areaTypeOf,
  areaTypes,
  findStat,
  insertStats,
  statsFor,
  setAreaType as writeAreaType,
  statsOfUnit,
  statsOfYear,
  toYearStatDto,
  updateStat,
  type StatValues,
} from '../../repos/unit-history.repo';
import { requireUnit } from '../units.service';
import { AREA_TYPE_LABELS, checkFigures, existedInYear, referenceDateInYear, type StatsLevel } from '../../../../shared/domain/lineage';
import { LEVEL_LABELS } from '../../../../shared/domain/labels';
import { matchesQuery } from '../../../../shared/lib/text';
import { isWithin, labelOn, loadHistory, parentOn, sortByParentThenName } from './as-of';
import { yearOf } from './common';

const STATS_LEVEL_SET: ReadonlySet<string> = new Set<StatsLevel>(['xa', 'khu_dan_cu']);

export async function getUnitStats(ctx: ServiceContext, unitId: string): Promise<MethodOutput<'unitStats.get'>> {
  const unit = await requireUnit(ctx.db, unitId);
  const rows = await statsOfUnit(ctx.db, unitId);
  const current = yearOf(ctx.clock.today());
  const years = new Set(rows.map((r) => r.year));
  // The last ten years the unit existed in: enough to enter what a report compares.
  for (let y = current; y > current - 10; y--) if (existedInYear(unit, y)) years.add(y);
  return {
    unitId,
    level: unit.level,
    areaType: await areaTypeOf(ctx.db, unitId),
    canFlag: unit.level === 'xa',
    years: [...years].sort((a, b) => b - a),
    rows: rows.map(toYearStatDto),
  };
}

export async function listUnitStats(ctx: ServiceContext, input: ParsedInput<'unitStats.list'>): Promise<MethodOutput<'unitStats.list'>> {
  const today = ctx.clock.today();
  const year = input.year ?? yearOf(today);
  const h = await loadHistory(ctx.db);
  const stats = new Map((await statsOfYear(ctx.db, year)).map((s) => [s.unitId, s]));
  const areas = await areaTypes(ctx.db);
  const rows: StatsRowDto[] = [];
  for (const u of h.all) {
    if (u.level !== input.level || !existedInYear(u, year)) continue;
    const ref = referenceDateInYear(u, year, today);
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
    const label = labelOn(h, u, ref);
    if (input.kind !== null && label.kind !== input.kind) continue;
    if (input.search.trim() !== '' && !matchesQuery(`${label.name} ${u.name} ${label.code ?? ''}`, input.search)) continue;
    const s = stats.get(u.id);
    if (input.status === 'trong_diem' && !s?.trongDiem) continue;
    if (input.status === 'thieu_so_lieu' && s && s.households !== null && s.residents !== null) continue;
    const parentId = parentOn(h, u, ref);
    const parent = parentId ? h.byId.get(parentId) : undefined;
    rows.push({
      unitId: u.id,
      name: label.name,
      kind: label.kind,
      code: label.code,
      level: u.level,
      parentId,
      parentName: parent ? labelOn(h, parent, ref).name : null,
      validFrom: u.validFrom,
      validTo: u.validTo,
      areaType: areas.get(u.id) ?? null,
      households: s?.households ?? null,
      residents: s?.residents ?? null,
      trongDiem: s?.trongDiem ?? false,
      recorded: s !== undefined,
    });
  }
  return { year, rows: sortByParentThenName(rows) };
}

export interface StatsWriteResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Checks and writes yearly figures (insert or update by unit + year). Every problem is collected
 * first, keyed `rows.<i>.<field>`, so a grid can mark each bad cell; then nothing is written.
 */
export async function writeStats(db: Db, ctx: ServiceContext, values: readonly StatValues[]): Promise<StatsWriteResult> {
  const today = ctx.clock.today();
  const current = yearOf(today);
  const details: Record<string, string> = {};
  const seen = new Map<string, number>();
  // Read once for the whole batch: an import writes thousands of rows.
  const units = await findUnitsByIds(db, [...new Set(values.map((v) => v.unitId))]);
  for (const [i, v] of values.entries()) {
    const key = `${v.unitId}/${v.year}`;
    const unit = units.get(v.unitId);
    const at = (field: string, message: string) => {
      details[`rows.${i}.${field}`] ??= message;
    };
    if (!unit) {
      at('unitId', 'Không tìm thấy đơn vị (có thể đã bị xóa).');
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) at('unitId', `"${unit.name}" năm ${v.year} có hai dòng (dòng ${first + 1} và dòng ${i + 1}).`);
    seen.set(key, i);
    if (!STATS_LEVEL_SET.has(unit.level))
      at('unitId', `Số hộ, nhân khẩu chỉ ghi cho xã và khu dân cư; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`);
    if (v.year > current) at('year', `Chưa thể ghi số liệu cho năm ${v.year} (năm hiện tại là ${current}).`);
    else if (!existedInYear(unit, v.year)) at('year', `"${unit.name}" không hoạt động trong năm ${v.year}.`);
    if (v.trongDiem && unit.level !== 'xa')
      at('trongDiem', `Chỉ xã, phường mới được xác định là trọng điểm, phức tạp về ANTT; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`);
    const figures = checkFigures(v.households, v.residents);
    if (figures) at('residents', `${unit.name}, năm ${v.year}: ${figures}`);
  }
  const problems = Object.values(details);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : '';
    throw new AppError('RULE', `${problems[0]}${more}`, details);
  }
  const at = ctx.clock.timestamp();
  const result: StatsWriteResult = { created: 0, updated: 0, unchanged: 0 };
  const recorded = await statsFor(db, values);
  const inserts: { id: string; values: StatValues }[] = [];
  for (const v of values) {
    const existing = recorded.get(`${v.unitId}/${v.year}`);
    if (!existing) {
      if (v.households === null && v.residents === null && !v.trongDiem) {
        result.unchanged++;
        continue;
      }
      inserts.push({ id: ctx.newId(), values: v });
      result.created++;
    } else if (existing.households === v.households && existing.residents === v.residents && existing.trongDiem === v.trongDiem) {
      result.unchanged++;
    } else {
      await updateStat(db, existing.id, v, at);
      result.updated++;
    }
  }
  await insertStats(db, inserts, at);
  return result;
}

export async function upsertUnitStats(ctx: ServiceContext, input: ParsedInput<'unitStats.upsert'>): Promise<StatsWriteResult> {
  return ctx.db.transaction().execute((trx) => writeStats(trx, ctx, input.rows));
}

export async function setTrongDiem(ctx: ServiceContext, input: ParsedInput<'units.trongDiem'>): Promise<MethodOutput<'units.trongDiem'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findStat(trx, input.id, input.year);
    await writeStats(trx, ctx, [
      {
        unitId: input.id,
        year: input.year,
        households: existing?.households ?? null,
        residents: existing?.residents ?? null,
        trongDiem: input.value,
      },
    ]);
    const saved = await findStat(trx, input.id, input.year);
    if (saved) return toYearStatDto(saved);
    // Clearing the flag of a year that had no row: nothing stored, the answer is the empty year.
    return { unitId: input.id, year: input.year, households: null, residents: null, trongDiem: false, updatedAt: ctx.clock.timestamp() };
  });
}

export async function setUnitAreaType(ctx: ServiceContext, input: ParsedInput<'units.areaType'>): Promise<MethodOutput<'units.areaType'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, input.id);
    if (!STATS_LEVEL_SET.has(unit.level)) {
      throw new AppError(
        'RULE',
        `Loại địa bàn nông thôn / đô thị chỉ ghi cho xã và khu dân cư; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`,
      );
    }
    const before = await areaTypeOf(trx, unit.id);
    if (before === input.areaType) return { id: unit.id, areaType: before };
    const at = ctx.clock.timestamp();
    await writeAreaType(trx, unit.id, input.areaType, at);
    await insertChanges(trx, [
      {
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'update',
        summary: input.areaType
          ? `Xác định loại địa bàn: ${AREA_TYPE_LABELS[input.areaType]}.`
          : 'Bỏ xác định loại địa bàn nông thôn / đô thị.',
        reason: null,
        data: { before: { areaType: before }, after: { areaType: input.areaType } },
      },
    ]);
    return { id: unit.id, areaType: input.areaType };
  });
}
