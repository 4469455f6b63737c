/**
 * Model types, models, their status log, ratings, recognitions and sites: plain functions over a
 * Kysely db or transaction. Rows become camelCase records here and nowhere else; the service joins
 * them with units and types into the contract's DTOs.
 */
import type { Selectable } from 'kysely';
import type {
  ModelEventsTable,
  ModelRatingsTable,
  ModelRecognitionsTable,
  ModelSitesTable,
  ModelsTable,
  ModelTypesTable,
} from '../db/tables/models';
import type { Db } from './units.repo';
import type { ModelGroup, ModelRating, ModelStatus, OriginLevel } from '../../../shared/domain/models';
import { foldVietnamese } from '../../../shared/lib/text';

// ---------------------------------------------------------------------------------------------
// Types

export interface ModelTypeRecord {
  id: string;
  name: string;
  group: ModelGroup;
  active: boolean;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
}

function toType(row: Selectable<ModelTypesTable>): ModelTypeRecord {
  return {
    id: row.id,
    name: row.name,
    group: row.category as ModelGroup,
    active: row.active === 1,
    builtin: row.builtin === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listModelTypes(db: Db): Promise<ModelTypeRecord[]> {
  const rows = await db.selectFrom('model_types').selectAll().where('deleted_at', 'is', null).execute();
  return rows.map(toType);
}

export async function findModelType(db: Db, id: string): Promise<ModelTypeRecord | null> {
  const row = await db.selectFrom('model_types').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toType(row) : null;
}

/** A live type with the same name (ignoring case and diacritics), other than `exceptId`. */
export async function findModelTypeByName(db: Db, name: string, exceptId: string | null): Promise<ModelTypeRecord | null> {
  let q = db.selectFrom('model_types').selectAll().where('name_folded', '=', foldVietnamese(name)).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  const row = await q.executeTakeFirst();
  return row ? toType(row) : null;
}

/** Live models per type id. */
export async function countModelsByType(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('models')
    .select(['type_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .groupBy('type_id')
    .execute();
  return new Map(rows.map((r) => [r.type_id, Number(r.n)]));
}

export async function insertModelType(db: Db, t: { id: string; name: string; group: ModelGroup; at: string }): Promise<void> {
  await db
    .insertInto('model_types')
    .values({
      id: t.id,
      name: t.name,
      name_folded: foldVietnamese(t.name),
      category: t.group,
      active: 1,
      builtin: 0,
      created_at: t.at,
      updated_at: t.at,
      deleted_at: null,
    })
    .execute();
}

export async function updateModelType(
  db: Db,
  id: string,
  patch: { name: string; group: ModelGroup; active: boolean },
  at: string,
): Promise<void> {
  await db
    .updateTable('model_types')
    .set({
      name: patch.name,
      name_folded: foldVietnamese(patch.name),
      category: patch.group,
      active: patch.active ? 1 : 0,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteModelType(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('model_types').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Models

export interface ModelRecord {
  id: string;
  name: string;
  typeId: string;
  originUnitId: string;
  originLevel: OriginLevel;
  foundedOn: string;
  status: ModelStatus;
  retiredOn: string | null;
  retireReason: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

function toModel(row: Selectable<ModelsTable>): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    typeId: row.type_id,
    originUnitId: row.origin_unit_id,
    originLevel: row.origin_level as OriginLevel,
    foundedOn: row.founded_on,
    status: row.status as ModelStatus,
    retiredOn: row.retired_on,
    retireReason: row.retire_reason,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listModels(db: Db): Promise<ModelRecord[]> {
  const rows = await db.selectFrom('models').selectAll().where('deleted_at', 'is', null).execute();
  return rows.map(toModel);
}

export async function findModel(db: Db, id: string): Promise<ModelRecord | null> {
  const row = await db.selectFrom('models').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toModel(row) : null;
}

/** The live model with this name built by this unit (the natural key), other than `exceptId`. */
export async function findModelByKey(db: Db, originUnitId: string, name: string, exceptId: string | null): Promise<ModelRecord | null> {
  let q = db
    .selectFrom('models')
    .selectAll()
    .where('origin_unit_id', '=', originUnitId)
    .where('name_folded', '=', foldVietnamese(name))
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  const row = await q.executeTakeFirst();
  return row ? toModel(row) : null;
}

export interface NewModel {
  id: string;
  name: string;
  typeId: string;
  originUnitId: string;
  originLevel: OriginLevel;
  foundedOn: string;
  status: ModelStatus;
  note: string | null;
  at: string;
}

export async function insertModel(db: Db, m: NewModel): Promise<void> {
  await db
    .insertInto('models')
    .values({
      id: m.id,
      name: m.name,
      name_folded: foldVietnamese(m.name),
      type_id: m.typeId,
      origin_unit_id: m.originUnitId,
      origin_level: m.originLevel,
      founded_on: m.foundedOn,
      status: m.status,
      retired_on: null,
      retire_reason: null,
      note: m.note,
      created_at: m.at,
      updated_at: m.at,
      deleted_at: null,
    })
    .execute();
}

export interface ModelPatch {
  name?: string;
  typeId?: string;
  originUnitId?: string;
  originLevel?: OriginLevel;
  foundedOn?: string;
  status?: ModelStatus;
  retiredOn?: string | null;
  retireReason?: string | null;
  note?: string | null;
  deletedAt?: string;
}

export async function updateModel(db: Db, id: string, patch: ModelPatch, at: string): Promise<void> {
  await db
    .updateTable('models')
    .set({
      ...(patch.name !== undefined && { name: patch.name, name_folded: foldVietnamese(patch.name) }),
      ...(patch.typeId !== undefined && { type_id: patch.typeId }),
      ...(patch.originUnitId !== undefined && { origin_unit_id: patch.originUnitId }),
      ...(patch.originLevel !== undefined && { origin_level: patch.originLevel }),
      ...(patch.foundedOn !== undefined && { founded_on: patch.foundedOn }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.retiredOn !== undefined && { retired_on: patch.retiredOn }),
      ...(patch.retireReason !== undefined && { retire_reason: patch.retireReason }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.deletedAt !== undefined && { deleted_at: patch.deletedAt }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Status log

export interface ModelEventRecord {
  id: string;
  modelId: string;
  seq: number;
  status: ModelStatus;
  on: string;
  note: string | null;
  createdAt: string;
}

function toEvent(row: Selectable<ModelEventsTable>): ModelEventRecord {
  return {
    id: row.id,
    modelId: row.model_id,
    seq: row.seq,
    status: row.status as ModelStatus,
    on: row.on_date,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** Events of the given models (all live models when `modelId` is null), in log order. */
export async function listEvents(db: Db, modelId: string | null): Promise<ModelEventRecord[]> {
  let q = db.selectFrom('model_events').selectAll();
  if (modelId) q = q.where('model_id', '=', modelId);
  const rows = await q.orderBy('model_id').orderBy('seq').execute();
  return rows.map(toEvent);
}

export async function insertEvent(db: Db, e: ModelEventRecord): Promise<void> {
  await db
    .insertInto('model_events')
    .values({ id: e.id, model_id: e.modelId, seq: e.seq, status: e.status, on_date: e.on, note: e.note, created_at: e.createdAt })
    .execute();
}

/**
 * Takes the model's last step out of its log and keeps it in model_status_undos (0018) with the
 * time it was undone; the caller checks that the step may be undone.
 */
export async function moveEventToUndone(db: Db, e: ModelEventRecord, undoId: string, at: string): Promise<void> {
  await db
    .insertInto('model_status_undos')
    .values({
      id: undoId,
      model_id: e.modelId,
      seq: e.seq,
      status: e.status,
      on_date: e.on,
      note: e.note,
      recorded_at: e.createdAt,
      undone_at: at,
    })
    .execute();
  await db.deleteFrom('model_events').where('id', '=', e.id).execute();
}

/** The steps undone for a model, latest first. */
export async function listUndoneEvents(db: Db, modelId: string): Promise<(ModelEventRecord & { undoneAt: string })[]> {
  const rows = await db.selectFrom('model_status_undos').selectAll().where('model_id', '=', modelId).orderBy('undone_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    modelId: r.model_id,
    seq: r.seq,
    status: r.status as ModelStatus,
    on: r.on_date,
    note: r.note,
    createdAt: r.recorded_at,
    undoneAt: r.undone_at,
  }));
}

/** The first step's date follows the model's founding date. */
export async function setFirstEventDate(db: Db, modelId: string, on: string): Promise<void> {
  await db.updateTable('model_events').set({ on_date: on }).where('model_id', '=', modelId).where('seq', '=', 1).execute();
}

// ---------------------------------------------------------------------------------------------
// Ratings

export interface ModelRatingRecord {
  id: string;
  modelId: string;
  year: number;
  rating: ModelRating;
  note: string | null;
  updatedAt: string;
}

function toRating(row: Selectable<ModelRatingsTable>): ModelRatingRecord {
  return {
    id: row.id,
    modelId: row.model_id,
    year: row.year,
    rating: row.rating as ModelRating,
    note: row.note,
    updatedAt: row.updated_at,
  };
}

export async function listRatings(db: Db, modelId: string | null): Promise<ModelRatingRecord[]> {
  let q = db.selectFrom('model_ratings').selectAll();
  if (modelId) q = q.where('model_id', '=', modelId);
  const rows = await q.orderBy('year').execute();
  return rows.map(toRating);
}

export async function upsertRating(
  db: Db,
  r: { id: string; modelId: string; year: number; rating: ModelRating; note: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('model_ratings')
    .values({ id: r.id, model_id: r.modelId, year: r.year, rating: r.rating, note: r.note, created_at: r.at, updated_at: r.at })
    .onConflict((oc) => oc.columns(['model_id', 'year']).doUpdateSet({ rating: r.rating, note: r.note, updated_at: r.at }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Recognitions

export interface ModelRecognitionRecord {
  id: string;
  modelId: string;
  recognisedBy: string;
  decisionNumber: string | null;
  recognisedOn: string;
  note: string | null;
}

function toRecognition(row: Selectable<ModelRecognitionsTable>): ModelRecognitionRecord {
  return {
    id: row.id,
    modelId: row.model_id,
    recognisedBy: row.recognised_by,
    decisionNumber: row.decision_number,
    recognisedOn: row.recognised_on,
    note: row.note,
  };
}

export async function listRecognitions(db: Db, modelId: string | null): Promise<ModelRecognitionRecord[]> {
  let q = db.selectFrom('model_recognitions').selectAll().where('deleted_at', 'is', null);
  if (modelId) q = q.where('model_id', '=', modelId);
  const rows = await q.orderBy('recognised_on').orderBy('id').execute();
  return rows.map(toRecognition);
}

export async function findRecognition(db: Db, id: string): Promise<ModelRecognitionRecord | null> {
  const row = await db.selectFrom('model_recognitions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toRecognition(row) : null;
}

export async function insertRecognition(db: Db, r: ModelRecognitionRecord, at: string): Promise<void> {
  await db
    .insertInto('model_recognitions')
    .values({
      id: r.id,
      model_id: r.modelId,
      recognised_by: r.recognisedBy,
      decision_number: r.decisionNumber,
      recognised_on: r.recognisedOn,
      note: r.note,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
}

export async function deleteRecognition(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('model_recognitions').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Sites

export interface ModelSiteRecord {
  id: string;
  modelId: string;
  unitId: string;
  organizationName: string | null;
  /** The organisation record the site is in (migration 0009); absent = none. */
  organizationId?: string | null;
  startedOn: string;
  endedOn: string | null;
  endReason: string | null;
  teams: number;
  members: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

function toSite(row: Selectable<ModelSitesTable>): ModelSiteRecord {
  return {
    id: row.id,
    modelId: row.model_id,
    unitId: row.unit_id,
    organizationName: row.organization_name,
    organizationId: row.organization_id,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    teams: row.teams,
    members: row.members,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Live sites of one model, or of every model when `modelId` is null. */
export async function listSites(db: Db, modelId: string | null): Promise<ModelSiteRecord[]> {
  let q = db.selectFrom('model_sites').selectAll().where('deleted_at', 'is', null);
  if (modelId) q = q.where('model_id', '=', modelId);
  const rows = await q.execute();
  return rows.map(toSite);
}

export async function findSite(db: Db, id: string): Promise<ModelSiteRecord | null> {
  const row = await db.selectFrom('model_sites').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toSite(row) : null;
}

export async function insertSite(db: Db, s: ModelSiteRecord): Promise<void> {
  await db
    .insertInto('model_sites')
    .values({
      id: s.id,
      model_id: s.modelId,
      unit_id: s.unitId,
      organization_name: s.organizationName,
      organization_id: s.organizationId ?? null,
      started_on: s.startedOn,
      ended_on: s.endedOn,
      end_reason: s.endReason,
      teams: s.teams,
      members: s.members,
      note: s.note,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      deleted_at: null,
    })
    .execute();
}

export interface SitePatch {
  unitId?: string;
  organizationName?: string | null;
  organizationId?: string | null;
  startedOn?: string;
  endedOn?: string | null;
  endReason?: string | null;
  teams?: number;
  members?: number;
  note?: string | null;
  deletedAt?: string;
}

export async function updateSite(db: Db, id: string, patch: SitePatch, at: string): Promise<void> {
  await db
    .updateTable('model_sites')
    .set({
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.organizationName !== undefined && { organization_name: patch.organizationName }),
      ...(patch.organizationId !== undefined && { organization_id: patch.organizationId }),
      ...(patch.startedOn !== undefined && { started_on: patch.startedOn }),
      ...(patch.endedOn !== undefined && { ended_on: patch.endedOn }),
      ...(patch.endReason !== undefined && { end_reason: patch.endReason }),
      ...(patch.teams !== undefined && { teams: patch.teams }),
      ...(patch.members !== undefined && { members: patch.members }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.deletedAt !== undefined && { deleted_at: patch.deletedAt }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}
