/**
 * What the office sets for its period figures (issue 9 items 11 and 13) and the leadership
 * documents it records (item 12): the first day of the statistical year, the trọng án list and the
 * field of crime of each crime category, and the resolutions, directives, programmes and plans
 * issued. Each write is one transaction; bad input is refused with a Vietnamese message and nothing
 * changes.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { findUnit, listUnits } from '../repos/units.repo';
import * as repo from '../repos/period.repo';
import {
  CALENDAR_YEAR_START,
  categoryRules,
  checkYearStart,
  statisticalYear,
  type CategoryRule,
  type DatePeriod,
} from '../../../shared/domain/period';
import { checkLeadershipDoc, leadershipDocKey, type LeadershipDocType } from '../../../shared/domain/leadership';
import { validOn } from '../../../shared/lib/validity';
import { formatDateVi } from '../../../shared/lib/dates';
import type { LeadershipDocDto, PeriodSettingsDto } from '../../../shared/ipc/contracts/period.contract';

/** The office's statistical year named y (the calendar year unless a start day is set): the one year of the dashboard, the slides and the period screen. */
export async function statisticalYears(ctx: ServiceContext): Promise<(year: number) => DatePeriod> {
  const start = (await repo.getStatYearStart(ctx.db))?.start ?? CALENDAR_YEAR_START;
  return (year) => statisticalYear(year, start);
}

export async function getPeriodSettings(ctx: ServiceContext): Promise<PeriodSettingsDto> {
  const [start, stored] = await Promise.all([repo.getStatYearStart(ctx.db), repo.listCategoryRules(ctx.db)]);
  return {
    statYearStart: start?.start ?? CALENDAR_YEAR_START,
    categories: categoryRules(stored),
    saved: start !== null || stored.length > 0,
    updatedBy: start?.updatedBy ?? null,
    updatedAt: start?.updatedAt ?? null,
  };
}

export async function savePeriodSettings(
  ctx: ServiceContext,
  input: { statYearStart: string; categories: CategoryRule[]; by?: string | null | undefined },
): Promise<PeriodSettingsDto> {
  const bad = checkYearStart(input.statYearStart);
  if (bad) throw new AppError('VALIDATION', bad, { statYearStart: bad });
  const seen = new Set<string>();
  for (const c of input.categories) {
    if (seen.has(c.category))
      throw new AppError('VALIDATION', 'Mỗi loại tội phạm chỉ được khai báo một lần.', { categories: 'Trùng loại tội phạm' });
    seen.add(c.category);
  }
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.saveStatYearStart(trx, { id: ctx.newId(), start: input.statYearStart, updatedBy: input.by ?? null, at });
    await repo.saveCategoryRules(trx, input.categories, at);
  });
  return getPeriodSettings(ctx);
}

// ---------------------------------------------------------------------------------------------
// Leadership documents

export async function listLeadershipDocs(
  ctx: ServiceContext,
  input: { from: string | null; to: string | null },
): Promise<LeadershipDocDto[]> {
  const range = input.from !== null || input.to !== null ? { from: input.from ?? '0000-01-01', to: input.to ?? '9999-12-31' } : null;
  const [docs, units] = await Promise.all([repo.listLeadershipDocs(ctx.db, range), listUnits(ctx.db, true)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return docs.map((d) => ({ ...d, unitName: names.get(d.unitId) ?? '(đơn vị đã xóa)' }));
}

interface DocInput {
  id: string | null;
  unitId: string;
  issuedOn: string;
  docType: LeadershipDocType;
  number: string;
  title: string;
  note: string | null;
}

async function checkDoc(db: repo.Db, d: DocInput): Promise<string> {
  const errors = checkLeadershipDoc(d);
  const first = Object.values(errors)[0];
  if (first) throw new AppError('VALIDATION', first, errors);
  const unit = await findUnit(db, d.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  if (!validOn(unit, d.issuedOn)) {
    const msg = `${unit.name} không tồn tại vào ngày ${formatDateVi(d.issuedOn)}: hãy chọn đơn vị ban hành đúng với thời điểm đó.`;
    throw new AppError('VALIDATION', msg, { issuedOn: msg });
  }
  const key = leadershipDocKey(d);
  const twin = (await repo.listLeadershipDocs(db, { from: `${d.issuedOn.slice(0, 4)}-01-01`, to: `${d.issuedOn.slice(0, 4)}-12-31` })).find(
    (x) => x.id !== d.id && leadershipDocKey(x) === key,
  );
  if (twin) {
    const msg = `Văn bản số ${d.number} của ${unit.name} năm ${d.issuedOn.slice(0, 4)} đã được ghi (ngày ${formatDateVi(twin.issuedOn)}).`;
    throw new AppError('CONFLICT', msg, { number: msg });
  }
  return unit.name;
}

export async function saveLeadershipDoc(ctx: ServiceContext, input: DocInput): Promise<LeadershipDocDto> {
  const at = ctx.clock.timestamp();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.id !== null && !(await repo.findLeadershipDoc(trx, input.id))) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản này (có thể đã bị xóa).');
    }
    const unitName = await checkDoc(trx, input);
    const doc = { ...input, id: input.id ?? ctx.newId() };
    if (input.id === null) await repo.insertLeadershipDoc(trx, doc, at);
    else await repo.updateLeadershipDoc(trx, doc, at);
    return { ...doc, unitName };
  });
}

export async function deleteLeadershipDoc(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findLeadershipDoc(trx, id))) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản này (có thể đã bị xóa).');
    await repo.deleteLeadershipDoc(trx, id, ctx.clock.timestamp());
  });
  return { id };
}
