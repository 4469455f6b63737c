/**
 * What the models feature's use cases share (models.service.ts, models-sites.service.ts): the
 * world read once per call, DTO mapping, one model's state as loaded, and the checks every change
 * goes through.
 */
import type { UnitDto } from '../../../shared/ipc/contract';
import type { ModelDto, ModelSiteDto, ModelTypeDto } from '../../../shared/ipc/contracts/models.contract';
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
  checkModelState,
  operatingSince,
  type CountableModel,
  type CountableSite,
  type ModelStateForCheck,
  type RuleFailure,
  type SiteForCheck,
  type StatusEvent,
} from '../../../shared/domain/models';
import { pathOf } from '../../../shared/domain/unit-tree';
import { compareVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';

export const DELETED_UNIT = '(đơn vị đã xóa)';

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

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
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
export function subtreeOf(w: World, unitId: string | null): Set<string> | null {
  if (unitId === null) return null;
  if (!w.unitById.has(unitId))
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  // The same set as descendantIds(w.units, unitId) (its order does not matter here), from the
  // world's children index built once per world rather than once per unit asked.
  const kids = childrenOf(w);
  const out = new Set([unitId]);
  const stack = [unitId];
  while (stack.length > 0) for (const k of kids.get(stack.pop()!) ?? []) if (!out.has(k) && out.add(k)) stack.push(k);
  return out;
}

/** The world's units by parent (ids, unsorted): built once per world. */
const childrenOfWorld = new WeakMap<World, Map<string, string[]>>();
function childrenOf(w: World): Map<string, string[]> {
  let kids = childrenOfWorld.get(w);
  if (!kids) {
    kids = new Map();
    for (const u of w.units) {
      if (u.parentId === null) continue;
      const list = kids.get(u.parentId);
      if (list) list.push(u.id);
      else kids.set(u.parentId, [u.id]);
    }
    childrenOfWorld.set(w, kids);
  }
  return kids;
}

// ---------------------------------------------------------------------------------------------
// DTOs

export function typeDto(t: ModelTypeRecord, models: number): ModelTypeDto {
  return { ...t, models };
}

export function unitName(units: ReadonlyMap<string, UnitDto>, id: string): string {
  return units.get(id)?.name ?? DELETED_UNIT;
}

export function modelDto(
  m: ModelRecord,
  types: ReadonlyMap<string, ModelTypeRecord>,
  units: ReadonlyMap<string, UnitDto>,
  events: readonly StatusEvent[],
): ModelDto {
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

export function siteDto(s: ModelSiteRecord, modelName: string, units: ReadonlyMap<string, UnitDto>): ModelSiteDto {
  return {
    ...s,
    organizationId: s.organizationId ?? null,
    modelName,
    unitName: unitName(units, s.unitId),
    unitPath: units.has(s.unitId) ? pathOf(units, s.unitId).map((u) => u.name) : [DELETED_UNIT],
  };
}

export function siteLabel(s: { unitId: string; organizationName: string | null }, units: ReadonlyMap<string, UnitDto>): string {
  const name = unitName(units, s.unitId);
  return s.organizationName ? `${name} – ${s.organizationName}` : name;
}

export function sortSites(sites: ModelSiteDto[]): ModelSiteDto[] {
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

export interface Loaded {
  model: ModelRecord;
  events: ModelEventRecord[];
  sites: ModelSiteRecord[];
  ratings: ModelRatingRecord[];
  recognitions: ModelRecognitionRecord[];
  units: Map<string, UnitDto>;
  types: Map<string, ModelTypeRecord>;
}

export async function loadModel(db: Db, id: string): Promise<Loaded> {
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

export function proposedFrom(l: Loaded): Proposed {
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

export function assertValid(p: Proposed, units: ReadonlyMap<string, UnitDto>, today: string): void {
  const failure = proposalFailure(p, units, today);
  if (failure) throw new AppError(failure.code, failure.message);
}

export function requireLiveUnit(units: ReadonlyMap<string, UnitDto>, id: string, field: string): UnitDto {
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

export function assertUnitOpenOn(unit: UnitDto, date: string, what: string, field: string): void {
  const message = unitClosedMessage(unit, date, what);
  if (message) throw new AppError('RULE', message, { [field]: 'Đơn vị đã kết thúc hoạt động' });
}

export async function requireUsableType(db: Db, typeId: string, currentTypeId: string | null): Promise<ModelTypeRecord> {
  const type = await repo.findModelType(db, typeId);
  if (!type) throw new AppError('NOT_FOUND', 'Không tìm thấy loại mô hình (có thể đã bị xóa).', { typeId: 'Không tìm thấy loại mô hình' });
  if (!type.active && type.id !== currentTypeId) {
    throw new AppError('RULE', `Loại mô hình "${type.name}" đã ngừng sử dụng; hãy chọn loại khác.`, {
      typeId: 'Loại mô hình đã ngừng sử dụng',
    });
  }
  return type;
}

export async function assertUniqueModelName(db: Db, originUnit: UnitDto, name: string, exceptId: string | null): Promise<void> {
  const clash = await repo.findModelByKey(db, originUnit.id, name, exceptId);
  if (clash) {
    throw new AppError('CONFLICT', `"${originUnit.name}" đã có mô hình "${clash.name}".`, { name: 'Tên mô hình đã có ở đơn vị này' });
  }
}

export async function reloadModelDto(db: Db, id: string): Promise<ModelDto> {
  const l = await loadModel(db, id);
  return modelDto(l.model, l.types, l.units, l.events);
}
