/**
 * Use cases of the places where a model is applied (điểm mô hình): list, create, update, end,
 * reopen, delete. A site may name the organisation record it is in (agency, enterprise, school):
 * the evaluation counts a model for that organisation through this link, never through a typed
 * name (issue 9 item 5).
 */
import type { ServiceContext } from '../context';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { ModelSiteDto } from '../../../shared/ipc/contracts/models.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import type { Db } from '../repos/units.repo';
import * as repo from '../repos/models.repo';
import type { ModelSiteRecord } from '../repos/models.repo';
import { findOrganization } from '../repos/organizations.repo';
import { SITE_STATES, siteSpan, operatingSpan, spanOverlaps, yearPeriod } from '../../../shared/domain/models';
import { cleanText, matchesQuery } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import {
  assertUnitOpenOn,
  assertValid,
  loadModel,
  loadWorld,
  proposedFrom,
  requireLiveUnit,
  siteDto,
  siteLabel,
  sortSites,
  subtreeOf,
  type Loaded,
} from './models-common';

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
      if (filter.search.trim() !== '' && !matchesQuery(`${m.name} ${dto.unitPath.join(' ')} ${s.organizationName ?? ''}`, filter.search))
        continue;
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

/**
 * The organisation a site is in, when chosen from the registry: it must exist and be located in
 * the site's unit; its name replaces whatever was typed, so the record and the label agree.
 */
async function placeOf(
  db: Db,
  input: { organizationId: string | null; organizationName: string | null },
  unit: { id: string; name: string },
) {
  if (input.organizationId === null) return { organizationId: null, organizationName: cleanOrg(input.organizationName) };
  const org = await findOrganization(db, input.organizationId);
  if (!org)
    throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan, doanh nghiệp, trường học đã chọn (có thể đã bị xóa).', {
      organizationId: 'Không tìm thấy',
    });
  if (org.unitId !== unit.id) {
    const msg = `"${org.name}" không thuộc ${unit.name}; hãy chọn cơ quan, doanh nghiệp, trường học trên địa bàn của điểm mô hình.`;
    throw new AppError('VALIDATION', msg, { organizationId: msg });
  }
  return { organizationId: org.id, organizationName: org.name };
}

export async function createModelSite(ctx: ServiceContext, input: ParsedInput<'modelSites.create'>): Promise<ModelSiteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await loadModel(trx, input.modelId);
    if (l.model.status === 'thanh_loai') {
      throw new AppError(
        'RULE',
        `Mô hình "${l.model.name}" đã thanh loại từ ngày ${formatDateVi(l.model.retiredOn)}; không thể thêm điểm mới.`,
      );
    }
    const unit = requireLiveUnit(l.units, input.unitId, 'unitId');
    assertUnitOpenOn(unit, input.startedOn, 'ngày bắt đầu của điểm', 'unitId');
    const place = await placeOf(trx, input, unit);
    const at = ctx.clock.timestamp();
    const site: ModelSiteRecord = {
      id: ctx.newId(),
      modelId: l.model.id,
      unitId: unit.id,
      ...place,
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
      ...(await placeOf(trx, input, unit)),
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
      (next.organizationId ?? null) === (site.organizationId ?? null) &&
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
          organizationId: next.organizationId ?? null,
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
