/**
 * Use cases of the models feature (Guidance 22/HD-BCA-V05): the model-type catalogue, models with
 * their dated status log, ratings and recognitions, sites, and the HD22 figures. Every change runs
 * in one transaction, builds the model's state as it would be afterwards, checks it with the pure
 * rules of shared/domain/models.ts, and writes only when they all pass.
 */
import type { ServiceContext } from '../context';
import type { ParsedInput, UnitDto } from '../../../shared/ipc/contract';
import type {
  Hd22CountsDto,
  ModelDto,
  ModelRatingDto,
  ModelRecognitionDto,
  ModelRowDto,
  ModelSiteDto,
  ModelTypeDto,
} from '../../../shared/ipc/contracts/models.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import { listUnits, type Db } from '../repos/units.repo';
import * as repo from '../repos/models.repo';
import type {
  ModelEventRecord,
  ModelRatingRecord,
  ModelRecognitionRecord,
  ModelRecord,
  ModelSiteRecord,
  ModelTypeRecord,
} from '../repos/models.repo';
import {
  NEXT_STATUSES,
  SITE_STATES,
  checkModelState,
  checkOriginLevel,
  hd22Counts,
  modelPresentDuring,
  operatingSince,
  siteSpan,
  operatingSpan,
  spanOverlaps,
  sitesActiveDuring,
  yearOf,
  yearPeriod,
  type CountableModel,
  type CountableSite,
  type ModelStateForCheck,
  type RuleFailure,
  type ModelStatus,
  type Period,
  type SiteForCheck,
  type StatusEvent,
} from '../../../shared/domain/models';
import { descendantIds, pathOf } from '../../../shared/domain/unit-tree';
import { cleanText, compareVietnamese, matchesQuery } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';

export type { ServiceContext };

const DELETED_UNIT = '(đơn vị đã xóa)';

// ---------------------------------------------------------------------------------------------
// Loading

/** Everything the lists and counts look at, read once per call (an office has hundreds of models). */
export interface World {
  units: UnitDto[];
  unitById: Map<string, UnitDto>;
  types: Map<string, ModelTypeRecord>;
  models: ModelRecord[];
  events: Map<string, ModelEventRecord[]>;
  ratings: Map<string, ModelRatingRecord[]>;
  recognitions: Map<string, ModelRecognitionRecord[]>;
  sitesByModel: Map<string, ModelSiteRecord[]>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export async function loadWorld(db: Db): Promise<World> {
  const units = await listUnits(db, true);
  const models = await repo.listModels(db);
  return {
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    types: new Map((await repo.listModelTypes(db)).map((t) => [t.id, t])),
    models,
    events: groupBy(await repo.listEvents(db, null), (e) => e.modelId),
    ratings: groupBy(await repo.listRatings(db, null), (r) => r.modelId),
    recognitions: groupBy(await repo.listRecognitions(db, null), (r) => r.modelId),
    sitesByModel: groupBy(await repo.listSites(db, null), (s) => s.modelId),
  };
}

export function countableModel(m: ModelRecord, w: World): CountableModel {
  return {
    id: m.id,
    typeId: m.typeId,
    originUnitId: m.originUnitId,
    events: (w.events.get(m.id) ?? []).map((e) => ({ status: e.status, on: e.on })),
    ratings: (w.ratings.get(m.id) ?? []).map((r) => ({ year: r.year, rating: r.rating })),
    recognitions: (w.recognitions.get(m.id) ?? []).map((r) => ({ on: r.recognisedOn })),
  };
}

export function countableSite(s: ModelSiteRecord): CountableSite {
  return { id: s.id, modelId: s.modelId, unitId: s.unitId, startedOn: s.startedOn, endedOn: s.endedOn, teams: s.teams, members: s.members };
}

/** The unit and everything below it; null = the whole office. */
function subtreeOf(w: World, unitId: string | null): Set<string> | null {
  if (unitId === null) return null;
  if (!w.unitById.has(unitId)) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  return new Set([unitId, ...descendantIds(w.units, unitId)]);
}

// ---------------------------------------------------------------------------------------------
// DTOs

function typeDto(t: ModelTypeRecord, models: number): ModelTypeDto {
  return { ...t, models };
}

function unitName(units: ReadonlyMap<string, UnitDto>, id: string): string {
  return units.get(id)?.name ?? DELETED_UNIT;
}

function modelDto(m: ModelRecord, types: ReadonlyMap<string, ModelTypeRecord>, units: ReadonlyMap<string, UnitDto>, events: readonly StatusEvent[]): ModelDto {
  const type = types.get(m.typeId);
  return {
    id: m.id,
    name: m.name,
    typeId: m.typeId,
    // A type deleted after use cannot happen (deletion refuses used types); the fallback keeps a
    // damaged file readable.
    typeName: type?.name ?? '—',
    typeGroup: type?.group ?? 'khac',
    originUnitId: m.originUnitId,
    originUnitName: unitName(units, m.originUnitId),
    originLevel: m.originLevel,
    foundedOn: m.foundedOn,
    status: m.status,
    operatingSince: operatingSince(events),
    retiredOn: m.retiredOn,
    retireReason: m.retireReason,
    note: m.note,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

function siteDto(s: ModelSiteRecord, modelName: string, units: ReadonlyMap<string, UnitDto>): ModelSiteDto {
  return {
    ...s,
    modelName,
    unitName: unitName(units, s.unitId),
    unitPath: units.has(s.unitId) ? pathOf(units, s.unitId).map((u) => u.name) : [DELETED_UNIT],
  };
}

function siteLabel(s: { unitId: string; organizationName: string | null }, units: ReadonlyMap<string, UnitDto>): string {
  const name = unitName(units, s.unitId);
  return s.organizationName ? `${name} – ${s.organizationName}` : name;
}

function sortSites(sites: ModelSiteDto[]): ModelSiteDto[] {
  return sites.sort(
    (a, b) =>
      compareVietnamese(a.modelName, b.modelName) ||
      compareVietnamese(a.unitPath.join(' / '), b.unitPath.join(' / ')) ||
      compareVietnamese(a.organizationName ?? '', b.organizationName ?? '') ||
      a.startedOn.localeCompare(b.startedOn),
  );
}

// ---------------------------------------------------------------------------------------------
// One model's state, and the check every change goes through

interface Loaded {
  model: ModelRecord;
  events: ModelEventRecord[];
  sites: ModelSiteRecord[];
  ratings: ModelRatingRecord[];
  recognitions: ModelRecognitionRecord[];
  units: Map<string, UnitDto>;
  types: Map<string, ModelTypeRecord>;
}

async function loadModel(db: Db, id: string): Promise<Loaded> {
  const model = await repo.findModel(db, id);
  if (!model) throw new AppError('NOT_FOUND', 'Không tìm thấy mô hình (có thể đã bị xóa).');
  const units = await listUnits(db, true);
  return {
    model,
    events: await repo.listEvents(db, id),
    sites: await repo.listSites(db, id),
    ratings: await repo.listRatings(db, id),
    recognitions: await repo.listRecognitions(db, id),
    units: new Map(units.map((u) => [u.id, u])),
    types: new Map((await repo.listModelTypes(db)).map((t) => [t.id, t])),
  };
}

export interface Proposed {
  foundedOn: string;
  events: readonly StatusEvent[];
  sites: readonly { unitId: string; organizationName: string | null; startedOn: string; endedOn: string | null }[];
  ratingYears: readonly number[];
  recognitionDates: readonly string[];
}

function proposedFrom(l: Loaded): Proposed {
  return {
    foundedOn: l.model.foundedOn,
    events: l.events.map((e) => ({ status: e.status, on: e.on })),
    sites: l.sites,
    ratingYears: l.ratings.map((r) => r.year),
    recognitionDates: l.recognitions.map((r) => r.recognisedOn),
  };
}

/** The first rule the proposed state breaks, or null (used by the forms and the Excel import). */
export function proposalFailure(p: Proposed, units: ReadonlyMap<string, UnitDto>, today: string): RuleFailure | null {
  const sites: SiteForCheck[] = p.sites.map((s) => ({
    label: siteLabel(s, units),
    unitId: s.unitId,
    organizationName: s.organizationName,
    startedOn: s.startedOn,
    endedOn: s.endedOn,
  }));
  const state: ModelStateForCheck = { ...p, sites };
  return checkModelState(state, today);
}

function assertValid(p: Proposed, units: ReadonlyMap<string, UnitDto>, today: string): void {
  const failure = proposalFailure(p, units, today);
  if (failure) throw new AppError(failure.code, failure.message);
}

function requireLiveUnit(units: ReadonlyMap<string, UnitDto>, id: string, field: string): UnitDto {
  const unit = units.get(id);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { [field]: 'Không tìm thấy đơn vị' });
  return unit;
}

/**
 * A unit that had already ended cannot be where something starts. Its start date is not checked:
 * after the 2025 mergers a new commune carries on the models and sites of the communes it replaced.
 */
export function unitClosedMessage(unit: UnitDto, date: string, what: string): string | null {
  if (unit.validTo !== null && unit.validTo < date) {
    return `"${unit.name}" đã kết thúc hoạt động từ ngày ${formatDateVi(unit.validTo)}, trước ${what} (${formatDateVi(date)}).`;
  }
  return null;
}

function assertUnitOpenOn(unit: UnitDto, date: string, what: string, field: string): void {
  const message = unitClosedMessage(unit, date, what);
  if (message) throw new AppError('RULE', message, { [field]: 'Đơn vị đã kết thúc hoạt động' });
}

async function requireUsableType(db: Db, typeId: string, currentTypeId: string | null): Promise<ModelTypeRecord> {
  const type = await repo.findModelType(db, typeId);
  if (!type) throw new AppError('NOT_FOUND', 'Không tìm thấy loại mô hình (có thể đã bị xóa).', { typeId: 'Không tìm thấy loại mô hình' });
  if (!type.active && type.id !== currentTypeId) {
    throw new AppError('RULE', `Loại mô hình "${type.name}" đã ngừng sử dụng; hãy chọn loại khác.`, { typeId: 'Loại mô hình đã ngừng sử dụng' });
  }
  return type;
}

async function assertUniqueModelName(db: Db, originUnit: UnitDto, name: string, exceptId: string | null): Promise<void> {
  const clash = await repo.findModelByKey(db, originUnit.id, name, exceptId);
  if (clash) {
    throw new AppError('CONFLICT', `"${originUnit.name}" đã có mô hình "${clash.name}".`, { name: 'Tên mô hình đã có ở đơn vị này' });
  }
}

async function reloadModelDto(db: Db, id: string): Promise<ModelDto> {
  const l = await loadModel(db, id);
  return modelDto(l.model, l.types, l.units, l.events);
}

// ---------------------------------------------------------------------------------------------
// Model types

export async function listModelTypes(ctx: ServiceContext, includeInactive: boolean): Promise<ModelTypeDto[]> {
  const used = await repo.countModelsByType(ctx.db);
  return (await repo.listModelTypes(ctx.db))
    .filter((t) => includeInactive || t.active)
    .map((t) => typeDto(t, used.get(t.id) ?? 0))
    .sort((a, b) => compareVietnamese(a.name, b.name));
}

async function assertUniqueTypeName(db: Db, name: string, exceptId: string | null): Promise<void> {
  const clash = await repo.findModelTypeByName(db, name, exceptId);
  if (clash) throw new AppError('CONFLICT', `Đã có loại mô hình "${clash.name}".`, { name: 'Tên loại mô hình đã có' });
}

async function typeDtoById(db: Db, id: string): Promise<ModelTypeDto> {
  const t = await repo.findModelType(db, id);
  if (!t) throw new AppError('NOT_FOUND', 'Không tìm thấy loại mô hình (có thể đã bị xóa).');
  return typeDto(t, (await repo.countModelsByType(db)).get(id) ?? 0);
}

export async function createModelType(ctx: ServiceContext, input: ParsedInput<'modelTypes.create'>): Promise<ModelTypeDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const name = cleanText(input.name);
    await assertUniqueTypeName(trx, name, null);
    const id = ctx.newId();
    await repo.insertModelType(trx, { id, name, group: input.group, at: ctx.clock.timestamp() });
    return typeDtoById(trx, id);
  });
}

export async function updateModelType(ctx: ServiceContext, input: ParsedInput<'modelTypes.update'>): Promise<ModelTypeDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findModelType(trx, input.id);
    if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy loại mô hình (có thể đã bị xóa).');
    const name = cleanText(input.name);
    if (name === current.name && input.group === current.group && input.active === current.active) return typeDtoById(trx, current.id);
    await assertUniqueTypeName(trx, name, current.id);
    await repo.updateModelType(trx, current.id, { name, group: input.group, active: input.active }, ctx.clock.timestamp());
    return typeDtoById(trx, current.id);
  });
}

export async function deleteModelType(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findModelType(trx, id);
    if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy loại mô hình (có thể đã bị xóa).');
    const used = (await repo.countModelsByType(trx)).get(id) ?? 0;
    if (used > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa loại "${current.name}" vì đang có ${used} mô hình thuộc loại này. Nếu không dùng nữa, hãy chuyển sang "Ngừng sử dụng".`,
      );
    }
    if (current.builtin) {
      throw new AppError(
        'RULE',
        `Không thể xóa loại có sẵn "${current.name}": các đơn vị dùng chung loại này để tổng hợp số liệu. Nếu không dùng, hãy chuyển sang "Ngừng sử dụng".`,
      );
    }
    await repo.deleteModelType(trx, id, ctx.clock.timestamp());
    return { id };
  });
}

// ---------------------------------------------------------------------------------------------
// Models: reading

export async function listModels(ctx: ServiceContext, filter: ListFilter): Promise<ModelRowDto[]> {
  const w = await loadWorld(ctx.db);
  const unitIds = subtreeOf(w, filter.unitId);
  const today = ctx.clock.today();
  const period: Period | null = filter.year === null ? null : yearPeriod(filter.year);
  // Site figures of a row: its sites in the units operating in the year, or today without a year.
  const countPeriod: Period = period ?? { from: today, to: today };
  const rows: ModelRowDto[] = [];
  for (const m of w.models) {
    if (filter.kind !== null && m.typeId !== filter.kind) continue;
    if (filter.status !== null && m.status !== filter.status) continue;
    const cm = countableModel(m, w);
    const sites = (w.sitesByModel.get(m.id) ?? []).map(countableSite);
    if (period !== null) {
      // A proposal never operates, so it is in no count; the list still shows it in the years
      // between its proposal and its abandonment, so that it can be found and launched.
      const proposal = operatingSince(cm.events) === null && (unitIds === null || unitIds.has(m.originUnitId));
      const shown = proposal
        ? spanOverlaps({ from: m.foundedOn, to: m.retiredOn }, period)
        : modelPresentDuring(cm, sites, unitIds, period);
      if (!shown) continue;
    } else if (unitIds !== null && !unitIds.has(m.originUnitId) && !sites.some((s) => unitIds.has(s.unitId))) {
      continue;
    }
    const dto = modelDto(m, w.types, w.unitById, cm.events);
    if (filter.search.trim() !== '' && !matchesQuery(`${dto.name} ${dto.typeName} ${dto.originUnitName}`, filter.search)) continue;
    const counted = sitesActiveDuring(cm, sites, unitIds, countPeriod);
    rows.push({
      ...dto,
      sites: counted.length,
      teams: counted.reduce((n, s) => n + s.teams, 0),
      members: counted.reduce((n, s) => n + s.members, 0),
      exemplary: cm.recognitions.some((r) => r.on <= countPeriod.to),
    });
  }
  return rows.sort((a, b) => compareVietnamese(a.name, b.name) || compareVietnamese(a.originUnitName, b.originUnitName));
}

export async function getModel(ctx: ServiceContext, id: string) {
  const l = await loadModel(ctx.db, id);
  const dto = modelDto(l.model, l.types, l.units, l.events);
  return {
    model: dto,
    sites: sortSites(l.sites.map((s) => siteDto(s, dto.name, l.units))),
    events: l.events.map((e) => ({ id: e.id, seq: e.seq, status: e.status, on: e.on, note: e.note, createdAt: e.createdAt })),
    ratings: l.ratings.map((r): ModelRatingDto => ({ ...r })),
    recognitions: l.recognitions.map((r): ModelRecognitionDto => ({ ...r })),
    nextStatuses: NEXT_STATUSES[l.model.status].filter((s) => s !== 'thanh_loai'),
  };
}

/** The HD22 figures for a period and a unit subtree (null = the whole office). */
export async function modelsOverview(
  ctx: ServiceContext,
  opts: { from: string; to: string; unitId: string | null },
): Promise<Hd22CountsDto> {
  if (opts.to < opts.from) {
    throw new AppError('RULE', `Ngày cuối kỳ (${formatDateVi(opts.to)}) không được trước ngày đầu kỳ (${formatDateVi(opts.from)}).`, {
      to: 'Ngày cuối kỳ trước ngày đầu kỳ',
    });
  }
  const w = await loadWorld(ctx.db);
  const unitIds = subtreeOf(w, opts.unitId);
  const models = w.models.map((m) => countableModel(m, w));
  const sites = w.models.flatMap((m) => (w.sitesByModel.get(m.id) ?? []).map(countableSite));
  return hd22Counts(models, sites, { from: opts.from, to: opts.to, unitIds, ratingYear: yearOf(opts.to) });
}

// ---------------------------------------------------------------------------------------------
// Models: changes

export async function createModel(ctx: ServiceContext, input: ParsedInput<'models.create'>): Promise<ModelDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const name = cleanText(input.name);
    await requireUsableType(trx, input.typeId, null);
    const units = new Map((await listUnits(trx, true)).map((u) => [u.id, u]));
    const origin = requireLiveUnit(units, input.originUnitId, 'originUnitId');
    const level = checkOriginLevel(origin.level, input.originLevel);
    if (level) throw new AppError('RULE', level, { originLevel: level });
    assertUnitOpenOn(origin, input.foundedOn, 'ngày xây dựng mô hình', 'originUnitId');
    await assertUniqueModelName(trx, origin, name, null);
    assertValid(
      { foundedOn: input.foundedOn, events: [{ status: input.status, on: input.foundedOn }], sites: [], ratingYears: [], recognitionDates: [] },
      units,
      ctx.clock.today(),
    );
    const at = ctx.clock.timestamp();
    const id = ctx.newId();
    await repo.insertModel(trx, {
      id,
      name,
      typeId: input.typeId,
      originUnitId: origin.id,
      originLevel: input.originLevel,
      foundedOn: input.foundedOn,
      status: input.status,
      note: input.note,
      at,
    });
    await repo.insertEvent(trx, { id: ctx.newId(), modelId: id, seq: 1, status: input.status, on: input.foundedOn, note: null, createdAt: at });
    return reloadModelDto(trx, id);
  });
}

export async function updateModel(ctx: ServiceContext, input: ParsedInput<'models.update'>): Promise<ModelDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.id);
    const name = cleanText(input.name);
    await requireUsableType(trx, input.typeId, l.model.typeId);
    const origin = requireLiveUnit(l.units, input.originUnitId, 'originUnitId');
    const level = checkOriginLevel(origin.level, input.originLevel);
    if (level) throw new AppError('RULE', level, { originLevel: level });
    if (origin.id !== l.model.originUnitId || input.foundedOn !== l.model.foundedOn) {
      assertUnitOpenOn(origin, input.foundedOn, 'ngày xây dựng mô hình', 'originUnitId');
    }
    await assertUniqueModelName(trx, origin, name, l.model.id);
    const p = proposedFrom(l);
    const events = p.events.map((e, i) => (i === 0 ? { ...e, on: input.foundedOn } : e));
    assertValid({ ...p, foundedOn: input.foundedOn, events }, l.units, ctx.clock.today());
    const unchanged =
      name === l.model.name &&
      input.typeId === l.model.typeId &&
      origin.id === l.model.originUnitId &&
      input.originLevel === l.model.originLevel &&
      input.foundedOn === l.model.foundedOn &&
      input.note === l.model.note;
    if (unchanged) return modelDto(l.model, l.types, l.units, l.events);
    const at = ctx.clock.timestamp();
    await repo.updateModel(
      trx,
      l.model.id,
      { name, typeId: input.typeId, originUnitId: origin.id, originLevel: input.originLevel, foundedOn: input.foundedOn, note: input.note },
      at,
    );
    if (input.foundedOn !== l.model.foundedOn) await repo.setFirstEventDate(trx, l.model.id, input.foundedOn);
    return reloadModelDto(trx, l.model.id);
  });
}

async function appendEvent(ctx: ServiceContext, trx: Db, l: Loaded, status: ModelStatus, on: string, note: string | null, at: string) {
  const seq = (l.events[l.events.length - 1]?.seq ?? 0) + 1;
  await repo.insertEvent(trx, { id: ctx.newId(), modelId: l.model.id, seq, status, on, note, createdAt: at });
}

export async function changeModelStatus(ctx: ServiceContext, input: ParsedInput<'models.changeStatus'>): Promise<ModelDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.id);
    const p = proposedFrom(l);
    assertValid({ ...p, events: [...p.events, { status: input.status, on: input.on }] }, l.units, ctx.clock.today());
    const at = ctx.clock.timestamp();
    await appendEvent(ctx, trx, l, input.status, input.on, input.note, at);
    await repo.updateModel(trx, l.model.id, { status: input.status }, at);
    return reloadModelDto(trx, l.model.id);
  });
}

/** Retiring ends the model's running sites on the same date (a site cannot outlive its model). */
export async function retireModel(ctx: ServiceContext, input: ParsedInput<'models.retire'>): Promise<{ model: ModelDto; endedSites: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.id);
    const reason = cleanText(input.reason);
    const p = proposedFrom(l);
    const open = l.sites.filter((s) => s.endedOn === null);
    const sites = l.sites.map((s) => (s.endedOn === null ? { ...s, endedOn: input.on } : s));
    assertValid({ ...p, events: [...p.events, { status: 'thanh_loai', on: input.on }], sites }, l.units, ctx.clock.today());
    const at = ctx.clock.timestamp();
    await appendEvent(ctx, trx, l, 'thanh_loai', input.on, reason, at);
    await repo.updateModel(trx, l.model.id, { status: 'thanh_loai', retiredOn: input.on, retireReason: reason }, at);
    for (const s of open) {
      await repo.updateSite(trx, s.id, { endedOn: input.on, endReason: `Mô hình bị thanh loại: ${reason}` }, at);
    }
    return { model: await reloadModelDto(trx, l.model.id), endedSites: open.length };
  });
}

export async function rateModel(ctx: ServiceContext, input: ParsedInput<'models.rate'>): Promise<ModelRatingDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.id);
    const p = proposedFrom(l);
    assertValid({ ...p, ratingYears: [...p.ratingYears, input.year] }, l.units, ctx.clock.today());
    const existing = l.ratings.find((r) => r.year === input.year);
    if (existing && existing.rating === input.rating && existing.note === input.note) return { ...existing };
    await repo.upsertRating(trx, {
      id: existing?.id ?? ctx.newId(),
      modelId: l.model.id,
      year: input.year,
      rating: input.rating,
      note: input.note,
      at: ctx.clock.timestamp(),
    });
    const saved = (await repo.listRatings(trx, l.model.id)).find((r) => r.year === input.year)!;
    return { ...saved };
  });
}

export async function recogniseModel(ctx: ServiceContext, input: ParsedInput<'models.recognise'>): Promise<ModelRecognitionDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.id);
    const p = proposedFrom(l);
    assertValid({ ...p, recognitionDates: [...p.recognitionDates, input.recognisedOn] }, l.units, ctx.clock.today());
    const by = cleanText(input.recognisedBy);
    const number = input.decisionNumber === null ? null : cleanText(input.decisionNumber);
    const same = l.recognitions.find(
      (r) => r.recognisedOn === input.recognisedOn && r.recognisedBy === by && r.decisionNumber === number,
    );
    if (same) throw new AppError('CONFLICT', 'Quyết định công nhận này đã được ghi cho mô hình.');
    const record: ModelRecognitionRecord = {
      id: ctx.newId(),
      modelId: l.model.id,
      recognisedBy: by,
      decisionNumber: number,
      recognisedOn: input.recognisedOn,
      note: input.note,
    };
    await repo.insertRecognition(trx, record, ctx.clock.timestamp());
    return record;
  });
}

export async function removeRecognition(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.findRecognition(trx, id);
    if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy quyết định công nhận (có thể đã bị xóa).');
    await repo.deleteRecognition(trx, id, ctx.clock.timestamp());
    return { id };
  });
}

/** Deleting is for a model entered by mistake; a model that stopped is retired (thanh loại). */
export async function deleteModel(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, id);
    if (l.sites.length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa mô hình "${l.model.name}" vì còn ${l.sites.length} điểm áp dụng. Nếu mô hình không còn hoạt động, hãy dùng chức năng thanh loại.`,
      );
    }
    await repo.updateModel(trx, id, { deletedAt: ctx.clock.timestamp() }, ctx.clock.timestamp());
    return { id };
  });
}

// ---------------------------------------------------------------------------------------------
// Sites

export async function listModelSites(ctx: ServiceContext, filter: ListFilter): Promise<ModelSiteDto[]> {
  const w = await loadWorld(ctx.db);
  const unitIds = subtreeOf(w, filter.unitId);
  const period = filter.year === null ? null : yearPeriod(filter.year);
  if (filter.status !== null && !(SITE_STATES as readonly string[]).includes(filter.status)) return [];
  const out: ModelSiteDto[] = [];
  for (const m of w.models) {
    if (filter.kind !== null && m.id !== filter.kind) continue;
    const span = operatingSpan((w.events.get(m.id) ?? []).map((e) => ({ status: e.status, on: e.on })));
    for (const s of w.sitesByModel.get(m.id) ?? []) {
      if (unitIds !== null && !unitIds.has(s.unitId)) continue;
      if (period !== null && !spanOverlaps(siteSpan(s, span), period)) continue;
      if (filter.status === 'dang_hoat_dong' && s.endedOn !== null) continue;
      if (filter.status === 'da_ket_thuc' && s.endedOn === null) continue;
      const dto = siteDto(s, m.name, w.unitById);
      if (filter.search.trim() !== '' && !matchesQuery(`${m.name} ${dto.unitPath.join(' ')} ${s.organizationName ?? ''}`, filter.search)) continue;
      out.push(dto);
    }
  }
  return sortSites(out);
}

async function loadSite(db: Db, id: string): Promise<{ site: ModelSiteRecord; l: Loaded }> {
  const site = await repo.findSite(db, id);
  if (!site) throw new AppError('NOT_FOUND', 'Không tìm thấy điểm mô hình (có thể đã bị xóa).');
  return { site, l: await loadModel(db, site.modelId) };
}

async function reloadSiteDto(db: Db, id: string): Promise<ModelSiteDto> {
  const { site, l } = await loadSite(db, id);
  return siteDto(site, l.model.name, l.units);
}

function cleanOrg(name: string | null): string | null {
  return name === null ? null : cleanText(name);
}

export async function createModelSite(ctx: ServiceContext, input: ParsedInput<'modelSites.create'>): Promise<ModelSiteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.modelId);
    if (l.model.status === 'thanh_loai') {
      throw new AppError('RULE', `Mô hình "${l.model.name}" đã thanh loại từ ngày ${formatDateVi(l.model.retiredOn)}; không thể thêm điểm mới.`);
    }
    const unit = requireLiveUnit(l.units, input.unitId, 'unitId');
    assertUnitOpenOn(unit, input.startedOn, 'ngày bắt đầu của điểm', 'unitId');
    const at = ctx.clock.timestamp();
    const site: ModelSiteRecord = {
      id: ctx.newId(),
      modelId: l.model.id,
      unitId: unit.id,
      organizationName: cleanOrg(input.organizationName),
      startedOn: input.startedOn,
      endedOn: null,
      endReason: null,
      teams: input.teams,
      members: input.members,
      note: input.note,
      createdAt: at,
      updatedAt: at,
    };
    const p = proposedFrom(l);
    assertValid({ ...p, sites: [...p.sites, site] }, l.units, ctx.clock.today());
    await repo.insertSite(trx, site);
    return reloadSiteDto(trx, site.id);
  });
}

export async function updateModelSite(ctx: ServiceContext, input: ParsedInput<'modelSites.update'>): Promise<ModelSiteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const { site, l } = await loadSite(trx, input.id);
    const unit = requireLiveUnit(l.units, input.unitId, 'unitId');
    if (unit.id !== site.unitId || input.startedOn !== site.startedOn) {
      assertUnitOpenOn(unit, input.startedOn, 'ngày bắt đầu của điểm', 'unitId');
    }
    const next: ModelSiteRecord = {
      ...site,
      unitId: unit.id,
      organizationName: cleanOrg(input.organizationName),
      startedOn: input.startedOn,
      teams: input.teams,
      members: input.members,
      note: input.note,
    };
    const p = proposedFrom(l);
    assertValid({ ...p, sites: l.sites.map((s) => (s.id === site.id ? next : s)) }, l.units, ctx.clock.today());
    const unchanged =
      next.unitId === site.unitId &&
      next.organizationName === site.organizationName &&
      next.startedOn === site.startedOn &&
      next.teams === site.teams &&
      next.members === site.members &&
      next.note === site.note;
    if (!unchanged) {
      await repo.updateSite(
        trx,
        site.id,
        {
          unitId: next.unitId,
          organizationName: next.organizationName,
          startedOn: next.startedOn,
          teams: next.teams,
          members: next.members,
          note: next.note,
        },
        ctx.clock.timestamp(),
      );
    }
    return reloadSiteDto(trx, site.id);
  });
}

export async function endModelSite(ctx: ServiceContext, input: ParsedInput<'modelSites.end'>): Promise<ModelSiteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const { site, l } = await loadSite(trx, input.id);
    if (site.endedOn !== null) {
      throw new AppError('RULE', `Điểm "${siteLabel(site, l.units)}" đã kết thúc từ ngày ${formatDateVi(site.endedOn)}.`);
    }
    const p = proposedFrom(l);
    const sites = l.sites.map((s) => (s.id === site.id ? { ...s, endedOn: input.endedOn } : s));
    assertValid({ ...p, sites }, l.units, ctx.clock.today());
    await repo.updateSite(trx, site.id, { endedOn: input.endedOn, endReason: input.reason }, ctx.clock.timestamp());
    return reloadSiteDto(trx, site.id);
  });
}

export async function reopenModelSite(ctx: ServiceContext, id: string): Promise<ModelSiteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const { site, l } = await loadSite(trx, id);
    if (site.endedOn === null) return siteDto(site, l.model.name, l.units);
    if (l.model.status === 'thanh_loai') {
      throw new AppError('RULE', `Mô hình "${l.model.name}" đã thanh loại nên không thể khôi phục điểm.`);
    }
    const p = proposedFrom(l);
    const sites = l.sites.map((s) => (s.id === site.id ? { ...s, endedOn: null } : s));
    assertValid({ ...p, sites }, l.units, ctx.clock.today());
    await repo.updateSite(trx, site.id, { endedOn: null, endReason: null }, ctx.clock.timestamp());
    return reloadSiteDto(trx, site.id);
  });
}

export async function deleteModelSite(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { site } = await loadSite(trx, id);
    const at = ctx.clock.timestamp();
    await repo.updateSite(trx, site.id, { deletedAt: at }, at);
    return { id };
  });
}

