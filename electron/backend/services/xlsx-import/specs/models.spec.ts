/**
 * Excel layouts of the models registries: 'models' (one row per model) and 'model_sites' (one row
 * per site). Rows obey the same rules as the forms (checkModelState through the service's
 * proposalFailure), checked before anything is written; exported files import back unchanged.
 *
 * Natural keys: a model is its name within the unit that built it; a site is its model, its unit,
 * its organisation (if any) and its start date. Status changes are not imported: each step of the
 * lifecycle needs its own date, so a row whose status differs from the stored one is refused with
 * an explanation, and a new model can only start as Đề xuất, Đã ra mắt or Đang hoạt động.
 */
import type { ServiceContext } from '../../../context';
import type { Db } from '../../../repos/units.repo';
import { listUnits } from '../../../repos/units.repo';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { ImportSpec, ImportStatus, ParseResult, XlsxColumn } from '../../../xlsx/spec';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex } from '../../../xlsx/unit-index';
import { AppError } from '../../../errors';
import { REGISTRY_TITLES } from '../../../../../shared/domain/registries';
import {
  INITIAL_STATUSES,
  MODEL_STATUS_LABELS,
  ORIGIN_LEVEL_LABELS,
  checkOriginLevel,
  type ModelStatus,
  type OriginLevel,
} from '../../../../../shared/domain/models';
import { foldVietnamese } from '../../../../../shared/lib/text';
import { formatDateVi } from '../../../../../shared/lib/dates';
import * as repo from '../../../repos/models.repo';
import type { ModelRecord, ModelSiteRecord, ModelTypeRecord } from '../../../repos/models.repo';
import {
  listModelSites,
  listModels,
  loadWorld,
  proposalFailure,
  unitClosedMessage,
  type Proposed,
  type World,
} from '../../../services/models.service';

/** The proposed state of a stored model, from the loaded world. */
function proposedOf(w: World, m: ModelRecord): Proposed {
  return {
    foundedOn: m.foundedOn,
    events: (w.events.get(m.id) ?? []).map((e) => ({ status: e.status, on: e.on })),
    sites: w.sitesByModel.get(m.id) ?? [],
    ratingYears: (w.ratings.get(m.id) ?? []).map((r) => r.year),
    recognitionDates: (w.recognitions.get(m.id) ?? []).map((r) => r.recognisedOn),
  };
}

interface Lookup {
  world: World;
  resolver: UnitIndex;
  typesByName: Map<string, ModelTypeRecord>;
  today: string;
  /** The first stored model (in `world.models` order) of each modelKey: a row's match without a scan. */
  modelByKey: Map<string, ModelRecord>;
  /** Stored models by folded name, in `world.models` order: a site row's candidates without a scan. */
  modelsByName: Map<string, ModelRecord[]>;
}

async function prepareLookup(ctx: ServiceContext): Promise<Lookup> {
  const world = await loadWorld(ctx.db);
  // Each stored name folded once, not once per row of the file (600 models × 3.000 site rows).
  const modelByKey = new Map<string, ModelRecord>();
  const modelsByName = new Map<string, ModelRecord[]>();
  for (const m of world.models) {
    const key = modelKey(m.originUnitId, m.name);
    if (!modelByKey.has(key)) modelByKey.set(key, m);
    const folded = foldVietnamese(m.name);
    const same = modelsByName.get(folded);
    if (same) same.push(m);
    else modelsByName.set(folded, [m]);
  }
  return {
    modelByKey,
    modelsByName,
    world,
    resolver: new UnitIndex(world.units),
    typesByName: new Map([...world.types.values()].map((t) => [foldVietnamese(t.name), t])),
    today: ctx.clock.today(),
  };
}

function modelKey(originUnitId: string, name: string): string {
  return `${originUnitId}:${foldVietnamese(name)}`;
}

// ---------------------------------------------------------------------------------------------
// Models

export const MODEL_COLUMNS = [
  { key: 'name', header: 'Tên mô hình', required: true, width: 44, example: 'Tổ liên gia an toàn phòng cháy, chữa cháy thôn Đông' },
  {
    key: 'type',
    header: 'Loại mô hình',
    required: true,
    width: 40,
    example: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
    note: 'Tên một loại trong danh mục "Loại mô hình" của phần mềm (có dấu hay không dấu đều được).',
  },
  {
    key: 'originUnit',
    header: 'Đơn vị xây dựng',
    required: true,
    width: 30,
    example: 'Xã Gia Hòa',
    note: 'Đơn vị đã xây dựng mô hình: tên hoặc mã; nếu trùng tên, ghi kèm đơn vị cấp trên, ví dụ "Xã Gia Hòa / Thôn 1".',
  },
  { key: 'originLevel', header: 'Cấp xây dựng', required: true, width: 14, options: Object.values(ORIGIN_LEVEL_LABELS) },
  { key: 'foundedOn', header: 'Ngày xây dựng', required: true, width: 14, example: '15/03/2022' },
  {
    key: 'status',
    header: 'Trạng thái',
    required: true,
    width: 18,
    options: Object.values(MODEL_STATUS_LABELS),
    note: 'Mô hình mới chỉ nhập với trạng thái Đề xuất, Đã ra mắt hoặc Đang hoạt động. Các bước sau (sơ kết, tổng kết, nhân rộng, thanh loại) cần ngày riêng nên ghi trong phần mềm.',
  },
  { key: 'note', header: 'Ghi chú', width: 40 },
] as const satisfies readonly XlsxColumn[];

const MODEL_HEADERS = headerMap(MODEL_COLUMNS);

export interface ModelImportValue {
  /** The stored model this row updates, or null for a new one. */
  matchId: string | null;
  name: string;
  typeId: string;
  originUnitId: string;
  originLevel: OriginLevel;
  foundedOn: string;
  status: ModelStatus;
  note: string | null;
}

export function parseModelRow(cells: Readonly<Record<string, string>>, lookup: Lookup): ParseResult<ModelImportValue> {
  const r = new RowReader(cells, MODEL_HEADERS);
  const name = r.text('name', { required: true, max: 300 });
  const typeText = r.text('type', { required: true });
  const type = typeText === null ? null : (lookup.typesByName.get(foldVietnamese(typeText)) ?? null);
  if (typeText !== null && type === null) {
    r.problem(`Cột "${MODEL_HEADERS['type']}": "${typeText}" không có trong danh mục loại mô hình.`, 'type');
  }
  const origin = r.unit('originUnit', lookup.resolver, { required: true });
  const originLevel = r.choice<OriginLevel>('originLevel', ORIGIN_LEVEL_LABELS, { required: true });
  const foundedOn = r.date('foundedOn', { required: true });
  const status = r.choice<ModelStatus>('status', MODEL_STATUS_LABELS, { required: true });
  const note = r.text('note', { max: 1000 });
  if (
    name === null ||
    type === null ||
    origin === null ||
    originLevel === null ||
    foundedOn === null ||
    status === null ||
    r.issues.length > 0
  ) {
    return { ok: false, errors: r.issues };
  }
  const level = checkOriginLevel(origin.level, originLevel);
  if (level) r.problem(`Cột "${MODEL_HEADERS['originLevel']}": ${level}`, 'originLevel');

  const w = lookup.world;
  const key = modelKey(origin.id, name);
  const match = lookup.modelByKey.get(key) ?? null;
  if (!type.active && match?.typeId !== type.id) {
    r.problem(`Cột "${MODEL_HEADERS['type']}": loại "${type.name}" đã ngừng sử dụng.`, 'type');
  }
  if (match === null || match.foundedOn !== foundedOn) {
    const closed = unitClosedMessage(origin, foundedOn, 'ngày xây dựng mô hình');
    if (closed) r.problem(`Cột "${MODEL_HEADERS['originUnit']}": ${closed}`, 'originUnit');
  }
  let proposed: Proposed;
  if (match === null) {
    if (!(INITIAL_STATUSES as readonly ModelStatus[]).includes(status)) {
      r.problem(
        `Cột "${MODEL_HEADERS['status']}": mô hình mới chỉ nhập với trạng thái ${INITIAL_STATUSES.map((s) => `"${MODEL_STATUS_LABELS[s]}"`).join(', ')}; các bước sau cần ngày riêng nên ghi trong phần mềm.`,
        'status',
      );
    }
    proposed = { foundedOn, events: [{ status, on: foundedOn }], sites: [], ratingYears: [], recognitionDates: [] };
  } else {
    if (match.status !== status) {
      r.problem(
        `Cột "${MODEL_HEADERS['status']}": mô hình đang ở trạng thái "${MODEL_STATUS_LABELS[match.status]}". Việc chuyển trạng thái cần ghi ngày và nội dung nên phải làm trong phần mềm.`,
        'status',
      );
    }
    const p = proposedOf(w, match);
    proposed = { ...p, foundedOn, events: p.events.map((e, i) => (i === 0 ? { ...e, on: foundedOn } : e)) };
  }
  if (r.issues.length > 0) return { ok: false, errors: r.issues };
  const failure = proposalFailure(proposed, w.unitById, lookup.today);
  if (failure) return { ok: false, errors: [{ column: null, message: failure.message }] };
  return {
    ok: true,
    value: { matchId: match?.id ?? null, name, typeId: type.id, originUnitId: origin.id, originLevel, foundedOn, status, note },
    label: `${name} (${origin.name})`,
  };
}

function sameModel(v: ModelImportValue, m: ModelRecord): boolean {
  return v.name === m.name && v.typeId === m.typeId && v.originLevel === m.originLevel && v.foundedOn === m.foundedOn && v.note === m.note;
}

export async function classifyModels(db: Db, values: readonly ModelImportValue[], pause?: () => Promise<void>): Promise<ImportStatus[]> {
  const out: ImportStatus[] = [];
  for (const v of values) {
    await pause?.();
    const current = v.matchId === null ? null : await repo.findModel(db, v.matchId);
    out.push(current === null ? 'new' : sameModel(v, current) ? 'unchanged' : 'update');
  }
  return out;
}

export async function applyModels(db: Db, ctx: ServiceContext, values: readonly ModelImportValue[]): Promise<void> {
  const at = ctx.clock.timestamp();
  for (const v of values) {
    const current = v.matchId === null ? null : await repo.findModel(db, v.matchId);
    if (current === null) {
      const id = ctx.newId();
      await repo.insertModel(db, { ...v, id, at });
      await repo.insertEvent(db, { id: ctx.newId(), modelId: id, seq: 1, status: v.status, on: v.foundedOn, note: null, createdAt: at });
    } else if (!sameModel(v, current)) {
      await repo.updateModel(
        db,
        current.id,
        { name: v.name, typeId: v.typeId, originLevel: v.originLevel, foundedOn: v.foundedOn, note: v.note },
        at,
      );
      if (v.foundedOn !== current.foundedOn) await repo.setFirstEventDate(db, current.id, v.foundedOn);
    }
  }
}

export const modelsSpec: ImportSpec<ModelImportValue, Lookup> = {
  id: 'models',
  title: REGISTRY_TITLES.models,
  columns: MODEL_COLUMNS,
  prepare: prepareLookup,
  parseRow: parseModelRow,
  naturalKey: (v) => modelKey(v.originUnitId, v.name),
  classify: (db, values, _ctx, pause) => classifyModels(db, values, pause),
  apply: applyModels,
  async exportRows(ctx, filter) {
    const units = await listUnits(ctx.db, true);
    const resolver = new UnitIndex(units);
    const byId = new Map(units.map((u) => [u.id, u]));
    return (await listModels(ctx, filter)).map((m) => {
      const unit = byId.get(m.originUnitId);
      return {
        name: m.name,
        type: m.typeName,
        originUnit: unit ? resolver.label(unit) : null,
        originLevel: ORIGIN_LEVEL_LABELS[m.originLevel],
        foundedOn: formatDateVi(m.foundedOn),
        status: MODEL_STATUS_LABELS[m.status],
        note: m.note,
      };
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Sites

export const SITE_COLUMNS = [
  { key: 'model', header: 'Tên mô hình', required: true, width: 44, example: 'Tổ liên gia an toàn phòng cháy, chữa cháy' },
  {
    key: 'modelOrigin',
    header: 'Đơn vị xây dựng mô hình',
    width: 28,
    example: 'Huyện Gia Viễn',
    note: 'Chỉ cần ghi khi có nhiều mô hình cùng tên do các đơn vị khác nhau xây dựng.',
  },
  {
    key: 'unit',
    header: 'Đơn vị áp dụng',
    required: true,
    width: 30,
    example: 'Xã Gia Hòa',
    note: 'Nơi áp dụng mô hình: tên hoặc mã đơn vị; nếu trùng tên, ghi kèm đơn vị cấp trên.',
  },
  {
    key: 'organization',
    header: 'Cơ quan, tổ chức áp dụng',
    width: 32,
    example: 'Trường THCS Gia Hòa',
    note: 'Nếu điểm đặt tại một cơ quan, doanh nghiệp, trường học.',
  },
  { key: 'startedOn', header: 'Từ ngày', required: true, width: 14, example: '01/09/2022' },
  { key: 'endedOn', header: 'Đến ngày', width: 14, note: 'Chỉ ghi khi điểm đã ngừng hoạt động.' },
  { key: 'teams', header: 'Số tổ', required: true, width: 10, example: '1' },
  { key: 'members', header: 'Số thành viên', required: true, width: 14, example: '12' },
  { key: 'note', header: 'Ghi chú', width: 36 },
] as const satisfies readonly XlsxColumn[];

const SITE_HEADERS = headerMap(SITE_COLUMNS);

export interface SiteImportValue {
  matchId: string | null;
  modelId: string;
  unitId: string;
  organizationName: string | null;
  startedOn: string;
  endedOn: string | null;
  teams: number;
  members: number;
  note: string | null;
}

function siteKey(s: { modelId: string; unitId: string; organizationName: string | null; startedOn: string }): string {
  return `${s.modelId}:${s.unitId}:${foldVietnamese(s.organizationName ?? '')}:${s.startedOn}`;
}

function findModel(r: RowReader, lookup: Lookup): ModelRecord | null {
  const name = r.text('model', { required: true });
  if (name === null) return null;
  const folded = foldVietnamese(name);
  let candidates: readonly ModelRecord[] = lookup.modelsByName.get(folded) ?? [];
  const origin = r.raw('modelOrigin') === '' ? null : r.unit('modelOrigin', lookup.resolver);
  if (r.raw('modelOrigin') !== '' && origin === null) return null;
  if (origin !== null) candidates = candidates.filter((m) => m.originUnitId === origin.id);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    r.problem(
      `Cột "${SITE_HEADERS['model']}": không tìm thấy mô hình "${name}"${origin ? ` do "${origin.name}" xây dựng` : ''}. Hãy nhập mô hình trước.`,
      'model',
    );
  } else {
    r.problem(`Có ${candidates.length} mô hình tên "${name}"; hãy ghi cột "${SITE_HEADERS['modelOrigin']}".`, 'modelOrigin');
  }
  return null;
}

export function parseSiteRow(cells: Readonly<Record<string, string>>, lookup: Lookup): ParseResult<SiteImportValue> {
  const r = new RowReader(cells, SITE_HEADERS);
  const model = findModel(r, lookup);
  const unit = r.unit('unit', lookup.resolver, { required: true });
  const organizationName = r.text('organization', { max: 300 });
  const startedOn = r.date('startedOn', { required: true });
  const endedOn = r.date('endedOn');
  const teams = r.int('teams', { required: true, min: 0, max: 1_000_000 });
  const members = r.int('members', { required: true, min: 0, max: 1_000_000_000 });
  const note = r.text('note', { max: 1000 });
  if (model === null || unit === null || startedOn === null || teams === null || members === null || r.issues.length > 0) {
    return { ok: false, errors: r.issues };
  }
  const w = lookup.world;
  const key = siteKey({ modelId: model.id, unitId: unit.id, organizationName, startedOn });
  const stored = w.sitesByModel.get(model.id) ?? [];
  const match = stored.find((s) => siteKey(s) === key) ?? null;
  if (match === null) {
    const closed = unitClosedMessage(unit, startedOn, 'ngày bắt đầu của điểm');
    if (closed) return { ok: false, errors: [{ column: 'unit', message: `Cột "${SITE_HEADERS['unit']}": ${closed}` }] };
  }
  const row = { unitId: unit.id, organizationName, startedOn, endedOn };
  const p = proposedOf(w, model);
  const sites = match === null ? [...stored, row] : stored.map((s) => (s.id === match.id ? { ...s, ...row } : s));
  const failure = proposalFailure({ ...p, sites }, w.unitById, lookup.today);
  if (failure) return { ok: false, errors: [{ column: null, message: failure.message }] };
  return {
    ok: true,
    value: { matchId: match?.id ?? null, modelId: model.id, ...row, teams, members, note },
    label: `${model.name} – ${organizationName ? `${unit.name} – ${organizationName}` : unit.name}`,
  };
}

function sameSite(v: SiteImportValue, s: ModelSiteRecord): boolean {
  return (
    v.endedOn === s.endedOn &&
    v.teams === s.teams &&
    v.members === s.members &&
    v.note === s.note &&
    v.organizationName === s.organizationName
  );
}

export async function classifySites(db: Db, values: readonly SiteImportValue[], pause?: () => Promise<void>): Promise<ImportStatus[]> {
  const out: ImportStatus[] = [];
  for (const v of values) {
    await pause?.();
    const current = v.matchId === null ? null : await repo.findSite(db, v.matchId);
    out.push(current === null ? 'new' : sameSite(v, current) ? 'unchanged' : 'update');
  }
  return out;
}

export async function applySites(db: Db, ctx: ServiceContext, values: readonly SiteImportValue[]): Promise<void> {
  const at = ctx.clock.timestamp();
  const today = ctx.clock.today();
  const units = new Map((await listUnits(db, true)).map((u) => [u.id, u]));
  // Rows are checked one by one against the stored sites; what they cannot see is two rows of the
  // same file overlapping each other, so each model is checked again with all its rows applied.
  const byModel = new Map<string, SiteImportValue[]>();
  for (const v of values) byModel.set(v.modelId, [...(byModel.get(v.modelId) ?? []), v]);
  for (const [modelId, rows] of byModel) {
    const model = await repo.findModel(db, modelId);
    if (!model) throw new AppError('NOT_FOUND', 'Một mô hình trong tệp vừa bị xóa; chưa ghi dữ liệu nào.');
    const stored = await repo.listSites(db, modelId);
    const sites = stored.map((s) => {
      const v = rows.find((x) => x.matchId === s.id);
      return v ? { ...s, endedOn: v.endedOn, organizationName: v.organizationName } : s;
    });
    for (const v of rows) if (v.matchId === null) sites.push({ ...v, id: '', modelId, endReason: null, createdAt: at, updatedAt: at });
    const failure = proposalFailure(
      {
        foundedOn: model.foundedOn,
        events: (await repo.listEvents(db, modelId)).map((e) => ({ status: e.status, on: e.on })),
        sites,
        ratingYears: (await repo.listRatings(db, modelId)).map((r) => r.year),
        recognitionDates: (await repo.listRecognitions(db, modelId)).map((r) => r.recognisedOn),
      },
      units,
      today,
    );
    if (failure) throw new AppError(failure.code, `Mô hình "${model.name}": ${failure.message} Chưa ghi dữ liệu nào.`);
    for (const v of rows) {
      const current = v.matchId === null ? null : stored.find((s) => s.id === v.matchId);
      if (!current) {
        await repo.insertSite(db, { ...v, id: ctx.newId(), modelId, endReason: null, createdAt: at, updatedAt: at });
      } else if (!sameSite(v, current)) {
        await repo.updateSite(
          db,
          current.id,
          {
            organizationName: v.organizationName,
            endedOn: v.endedOn,
            // An end date written in the file has no reason column; reopening clears the old one.
            endReason: v.endedOn === null ? null : v.endedOn === current.endedOn ? current.endReason : null,
            teams: v.teams,
            members: v.members,
            note: v.note,
          },
          at,
        );
      }
    }
  }
}

export const modelSitesSpec: ImportSpec<SiteImportValue, Lookup> = {
  id: 'model_sites',
  title: REGISTRY_TITLES.model_sites,
  columns: SITE_COLUMNS,
  prepare: prepareLookup,
  parseRow: parseSiteRow,
  naturalKey: siteKey,
  classify: (db, values, _ctx, pause) => classifySites(db, values, pause),
  apply: applySites,
  async exportRows(ctx, filter) {
    const w = await loadWorld(ctx.db);
    const resolver = new UnitIndex(w.units);
    const models = new Map(w.models.map((m) => [m.id, m]));
    const label = (id: string | undefined) => {
      const unit: UnitDto | undefined = id === undefined ? undefined : w.unitById.get(id);
      return unit ? resolver.label(unit) : null;
    };
    return (await listModelSites(ctx, filter)).map((s) => ({
      model: s.modelName,
      modelOrigin: label(models.get(s.modelId)?.originUnitId),
      unit: label(s.unitId),
      organization: s.organizationName,
      startedOn: formatDateVi(s.startedOn),
      endedOn: s.endedOn ? formatDateVi(s.endedOn) : null,
      teams: s.teams,
      members: s.members,
      note: s.note,
    }));
  },
};
