/**
 * Use cases of the models feature (Guidance 22/HD-BCA-V05): the model-type catalogue, models with
 * their dated status log, ratings and recognitions, sites, and the HD22 figures. Every change runs
 * in one transaction, builds the model's state as it would be afterwards, checks it with the pure
 * rules of shared/domain/models.ts, and writes only when they all pass.
 */
import type { ServiceContext } from '../context';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type {
  Hd22CountsDto,
  ModelDto,
  ModelRatingDto,
  ModelRecognitionDto,
  ModelRowDto,
  ModelTypeDto,
} from '../../../shared/ipc/contracts/models.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import { listUnits, type Db } from '../repos/units.repo';
import * as repo from '../repos/models.repo';
import type { ModelRecognitionRecord } from '../repos/models.repo';
import {
  NEXT_STATUSES,
  checkOriginLevel,
  modelPresentDuring,
  operatingSince,
  spanOverlaps,
  sitesActiveDuring,
  yearOf,
  yearPeriod,
  type ModelStatus,
  type Period,
} from '../../../shared/domain/models';
import { hd22Counts } from '../../../shared/domain/models-hd22';
import { cleanText, compareVietnamese, matchesQuery } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import {
  assertUniqueModelName,
  assertUnitOpenOn,
  assertValid,
  countableModel,
  countableSite,
  loadModel,
  loadWorld,
  modelDto,
  proposedFrom,
  reloadModelDto,
  requireLiveUnit,
  requireUsableType,
  siteDto,
  sortSites,
  subtreeOf,
  typeDto,
  type Loaded,
} from './models-common';

export type { ServiceContext };
export { loadWorld, countableModel, countableSite, proposalFailure, unitClosedMessage, type Proposed, type World } from './models-common';
export { listModelSites, createModelSite, updateModelSite, endModelSite, reopenModelSite, deleteModelSite } from './models-sites.service';

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
    undone: (await repo.listUndoneEvents(ctx.db, id)).map((e) => ({
      id: e.id,
      seq: e.seq,
      status: e.status,
      on: e.on,
      note: e.note,
      createdAt: e.createdAt,
      undoneAt: e.undoneAt,
    })),
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
      {
        foundedOn: input.foundedOn,
        events: [{ status: input.status, on: input.foundedOn }],
        sites: [],
        ratingYears: [],
        recognitionDates: [],
      },
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
    await repo.insertEvent(trx, {
      id: ctx.newId(),
      modelId: id,
      seq: 1,
      status: input.status,
      on: input.foundedOn,
      note: null,
      createdAt: at,
    });
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

/**
 * Undoes the model's last status step, entered by mistake: the step leaves the log, the model is
 * back at the step before, and the undone step is kept (model_status_undos). The first step is the
 * model's creation (delete the model instead) and a retirement ended its sites, so neither is undone.
 */
export async function undoModelStatus(ctx: ServiceContext, id: string): Promise<ModelDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, id);
    const last = l.events[l.events.length - 1];
    const before = l.events[l.events.length - 2];
    if (!last || !before) {
      throw new AppError(
        'RULE',
        `Mô hình "${l.model.name}" chưa có bước nào sau bước đầu tiên để hoàn tác. Nếu mô hình nhập nhầm, hãy xóa mô hình.`,
      );
    }
    if (last.status === 'thanh_loai') {
      throw new AppError(
        'RULE',
        `Mô hình "${l.model.name}" đã thanh loại; không hoàn tác được bước thanh loại vì các điểm áp dụng đã kết thúc theo.`,
      );
    }
    const at = ctx.clock.timestamp();
    await repo.moveEventToUndone(trx, last, ctx.newId(), at);
    await repo.updateModel(trx, l.model.id, { status: before.status }, at);
    return reloadModelDto(trx, l.model.id);
  });
}

/** Retiring ends the model's running sites on the same date (a site cannot outlive its model). */
export async function retireModel(
  ctx: ServiceContext,
  input: ParsedInput<'models.retire'>,
): Promise<{ model: ModelDto; endedSites: number }> {
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
    const same = l.recognitions.find((r) => r.recognisedOn === input.recognisedOn && r.recognisedBy === by && r.decisionNumber === number);
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
