/**
 * Use cases of the organisations registry (cơ quan, doanh nghiệp, cơ sở giáo dục). Each write runs
 * in one transaction and checks the same rules the Excel import checks (checkOrgFacts,
 * findOrgDuplicate, unit placement), so a refused change leaves the database as it was.
 */
import { type ServiceContext, readDb } from '../context';
import { organizationsOfFile, type CountedOrganization, type FileOrganization } from './organizations-of-file';
import { activitiesUsing } from './activities.service';
import type { ParsedInput, UnitDto } from '../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../shared/ipc/contracts/organizations.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import { listUnits, type Db } from '../repos/units.repo';
import {
  findByTaxCode,
  findOrganization,
  insertOrganization,
  listInUnit,
  queryOrganizations,
  tombstoneOrganization,
  updateOrganization,
  writableOf,
  type OrgRecord,
  type OrgWrite,
  storedSubtreeIds,
} from '../repos/organizations.repo';
import {
  ORG_KINDS,
  ORG_LIST_STATUSES,
  activeInYear,
  checkOrgFacts,
  findOrgDuplicate,
  orgEligibility,
  type EligibilityStatus,
  type OrgKind,
  type OrgListStatus,
} from '../../../shared/domain/organizations';
import { pathOf } from '../../../shared/domain/unit-tree';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';

export type UnitIndex = ReadonlyMap<string, UnitDto>;

export async function unitIndex(db: Db): Promise<UnitIndex> {
  return new Map((await listUnits(db, true)).map((u) => [u.id, u]));
}

export function unitPathOf(units: UnitIndex, unitId: string): string[] {
  return pathOf(units, unitId).map((u) => u.name);
}

export function toOrganizationDto(r: OrgRecord, units: UnitIndex): OrganizationDto {
  return { ...r, unitPath: unitPathOf(units, r.unitId), eligibility: orgEligibility(r) };
}

/** Vietnamese order of names, then of the unit path (two schools of one name in two communes). */
export function compareOrganizations(a: OrganizationDto, b: OrganizationDto): number {
  return compareVietnamese(a.name, b.name) || compareVietnamese(a.unitPath.join(' / '), b.unitPath.join(' / '));
}

function unitLabel(units: UnitIndex, unitId: string): string {
  return units.get(unitId)?.name ?? 'đơn vị đã xóa';
}

async function requireOrg(db: Db, id: string): Promise<OrgRecord> {
  const org = await findOrganization(db, id);
  if (!org) throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan, doanh nghiệp, cơ sở giáo dục này (có thể đã bị xóa).');
  return org;
}

/** Field-by-field equality of two writes (an unchanged save must not move updated_at). */
export function sameFacts(a: OrgWrite, b: OrgWrite): boolean {
  return (Object.keys(a) as (keyof OrgWrite)[]).every((k) => a[k] === b[k]);
}

function firstMessage(errors: Record<string, string>): string | null {
  const first = Object.values(errors)[0];
  return first ?? null;
}

/**
 * The rules every write obeys. `current` is the stored record for an update (null for a create):
 * an organisation may only be placed in (or moved to) an active unit, but a record whose unit has
 * since ended can still have its other facts corrected.
 */
async function assertWritable(db: Db, units: UnitIndex, w: OrgWrite, current: OrgRecord | null): Promise<void> {
  const factErrors = checkOrgFacts(w);
  const message = firstMessage(factErrors);
  if (message !== null) throw new AppError('VALIDATION', message, factErrors);
  const unit = units.get(w.unitId);
  if (!unit) {
    throw new AppError('VALIDATION', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Đơn vị không tồn tại' });
  }
  const placing = current === null || current.unitId !== w.unitId;
  if (placing && unit.validTo !== null && w.validTo === null) {
    throw new AppError('RULE', `Không thể gắn vào "${unit.name}" vì đơn vị này đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}.`, {
      unitId: 'Đơn vị đã kết thúc hoạt động',
    });
  }
  const candidates: OrgRecord[] = await listInUnit(db, w.unitId);
  if (w.taxCode !== null) {
    const sameCode = await findByTaxCode(db, w.taxCode);
    if (sameCode) candidates.push(sameCode);
  }
  const dup = findOrgDuplicate({ id: current?.id ?? null, ...w }, candidates, (id) => unitLabel(units, id));
  if (dup)
    throw new AppError('CONFLICT', dup.message, { [dup.field]: dup.field === 'taxCode' ? 'Mã số đã được dùng' : 'Tên đã có ở đơn vị này' });
}

function parseKind(kind: string | null): OrgKind | null {
  if (kind === null) return null;
  if (!(ORG_KINDS as readonly string[]).includes(kind))
    throw new AppError('VALIDATION', 'Loại không hợp lệ.', { kind: 'Loại không hợp lệ' });
  return kind as OrgKind;
}

function parseStatus(status: string | null): OrgListStatus | null {
  if (status === null) return null;
  if (!(ORG_LIST_STATUSES as readonly string[]).includes(status)) {
    throw new AppError('VALIDATION', 'Trạng thái không hợp lệ.', { status: 'Trạng thái không hợp lệ' });
  }
  return status as OrgListStatus;
}

/**
 * The filtered list in Vietnamese order. `year` keeps organisations active at any time in that
 * year; the eligibility statuses filter on the computed TT124 eligibility (derived on read, never
 * stored, so a change of the facts or of the rules shows at once).
 */
export async function listOrganizations(ctx: ServiceContext, filter: ListFilter): Promise<OrganizationDto[]> {
  return filteredOrganizations(ctx, filter, toOrganizationDto);
}

/**
 * listOrganizations with the record → row step given: organizations.page passes rows computed once
 * per data generation (organizations-page.service.ts), so each question only filters and orders.
 */
export async function filteredOrganizations(
  ctx: ServiceContext,
  filter: ListFilter,
  toDto: (r: OrgRecord, units: UnitIndex) => OrganizationDto,
): Promise<OrganizationDto[]> {
  const kind = parseKind(filter.kind);
  const status = parseStatus(filter.status);
  const units = await unitIndex(ctx.db);
  if (filter.unitId !== null && !units.has(filter.unitId)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị dùng để lọc (có thể đã bị xóa).');
  }
  const records = await queryOrganizations(ctx.db, {
    unitId: filter.unitId,
    year: filter.year,
    words: foldVietnamese(filter.search)
      .split(' ')
      .filter((w) => w.length > 0),
    kind,
    ended: status === 'active' ? false : status === 'ended' ? true : null,
  });
  return records
    .map((r) => toDto(r, units))
    .filter((o) => status === null || status === 'active' || status === 'ended' || o.eligibility.status === status)
    .sort(compareOrganizations);
}

export async function getOrganization(ctx: ServiceContext, id: string): Promise<OrganizationDto> {
  return toOrganizationDto(await requireOrg(ctx.db, id), await unitIndex(ctx.db));
}

export async function createOrganization(ctx: ServiceContext, input: ParsedInput<'organizations.create'>): Promise<OrganizationDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const units = await unitIndex(trx);
    const w: OrgWrite = { ...input, validTo: null, endReason: null };
    await assertWritable(trx, units, w, null);
    const id = ctx.newId();
    await insertOrganization(trx, id, w, ctx.clock.timestamp());
    return toOrganizationDto(await requireOrg(trx, id), units);
  });
}

export async function updateOrganizationFacts(ctx: ServiceContext, input: ParsedInput<'organizations.update'>): Promise<OrganizationDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const units = await unitIndex(trx);
    const current = await requireOrg(trx, input.id);
    const { id: _id, ...facts } = input;
    const w: OrgWrite = { ...facts, validTo: current.validTo, endReason: current.endReason };
    await assertWritable(trx, units, w, current);
    if (!sameFacts(w, writableOf(current))) {
      await updateOrganization(trx, current.id, w, ctx.clock.timestamp());
    }
    return toOrganizationDto(await requireOrg(trx, current.id), units);
  });
}

export async function endOrganization(ctx: ServiceContext, input: ParsedInput<'organizations.end'>): Promise<OrganizationDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const units = await unitIndex(trx);
    const current = await requireOrg(trx, input.id);
    if (current.validTo !== null) {
      throw new AppError('RULE', `"${current.name}" đã kết thúc hoạt động từ ngày ${formatDateVi(current.validTo)}.`);
    }
    const w: OrgWrite = { ...writableOf(current), validTo: input.validTo, endReason: input.reason };
    const errors = checkOrgFacts(w);
    const message = firstMessage(errors);
    if (message !== null) throw new AppError('RULE', message, errors);
    await updateOrganization(trx, current.id, w, ctx.clock.timestamp());
    return toOrganizationDto(await requireOrg(trx, current.id), units);
  });
}

export async function reopenOrganization(ctx: ServiceContext, id: string): Promise<OrganizationDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const units = await unitIndex(trx);
    const current = await requireOrg(trx, id);
    if (current.validTo === null) return toOrganizationDto(current, units);
    const unit = units.get(current.unitId);
    if (!unit || unit.validTo !== null) {
      throw new AppError(
        'RULE',
        `Không thể khôi phục vì đơn vị "${unit?.name ?? ''}" đã kết thúc hoạt động. Hãy sửa thông tin để chuyển sang đơn vị đang hoạt động trước.`,
      );
    }
    const w: OrgWrite = { ...writableOf(current), validTo: null, endReason: null };
    const dup = findOrgDuplicate({ id: current.id, ...w }, await listInUnit(trx, current.unitId), (u) => unitLabel(units, u));
    if (dup) throw new AppError('CONFLICT', `Không thể khôi phục: ${dup.message}`);
    await updateOrganization(trx, current.id, w, ctx.clock.timestamp());
    return toOrganizationDto(await requireOrg(trx, current.id), units);
  });
}

/** For records entered by mistake; an organisation that closed is ended, not deleted. */
export async function deleteOrganization(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, id);
    const usedBy = await activitiesUsing(trx, { organizationId: id });
    if (usedBy.length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa "${org.name}" vì đang được dùng trong: ${usedBy.join('; ')}. Hãy sửa hoặc xóa các bản ghi đó trước.`,
      );
    }
    await tombstoneOrganization(trx, id, ctx.clock.timestamp());
    return { id };
  });
}

export interface OrganizationsOverview {
  total: number;
  byKind: Record<OrgKind, number>;
  eligible: number;
  ineligible: number;
  incomplete: number;
}

/**
 * Organisations active at any time in `year` within the unit subtree (null = the whole office),
 * taken from the file's organisations read once (organizations-of-file.ts).
 */
export async function organizationsOverview(
  ctx: ServiceContext,
  opts: { year: number; unitId: string | null },
): Promise<OrganizationsOverview> {
  const all = await organizationsOfFile(ctx);
  const inSub = opts.unitId === null ? null : await storedSubtreeIds(readDb(ctx), opts.unitId);
  return foldOrganizationsOfFile(
    all.filter((o) => activeInYear(o.record.validFrom, o.record.validTo, opts.year) && (inSub === null || inSub.has(o.record.unitId))),
  );
}

/** The overview figures of a list: its size, its kinds and its eligibility statuses. */
function foldOverview<T>(list: readonly T[], kindOf: (o: T) => OrgKind, statusOf: (o: T) => EligibilityStatus): OrganizationsOverview {
  const out: OrganizationsOverview = {
    total: list.length,
    byKind: { co_quan: 0, doanh_nghiep: 0, co_so_giao_duc: 0 },
    eligible: 0,
    ineligible: 0,
    incomplete: 0,
  };
  for (const o of list) {
    out.byKind[kindOf(o)]++;
    out[statusOf(o)]++;
  }
  return out;
}

/** foldOrganizationsOfFile's figures from the organisations as the counts take them (the same object). */
export function foldCountedOrganizations(list: readonly CountedOrganization[]): OrganizationsOverview {
  return foldOverview(
    list,
    (o) => o.kind,
    (o) => o.status,
  );
}

/** The overview figures of organisations (each with its eligibility already folded). */
export function foldOrganizationsOfFile(list: readonly FileOrganization[]): OrganizationsOverview {
  return foldOverview(
    list,
    (o) => o.record.kind,
    (o) => o.eligibility.status,
  );
}
