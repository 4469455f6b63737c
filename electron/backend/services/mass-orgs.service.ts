/**
 * Use cases of mass organisations: the catalogue of kinds, organisations (create, edit, end,
 * reopen, delete), members (add, edit, leave, rejoin, delete), yearly ratings with the HD01 rules,
 * the 20 % quota warning, and the overview figures. Each change runs in one transaction and checks
 * the pure rules of shared/domain/mass-orgs.ts against the rows as they would be afterwards, so a
 * stored rating always satisfies the rules with the stored dates and roles.
 */
import { activitiesUsing } from './activities.service';
import { type ServiceContext, readDb } from '../context';
import { fieldsOf } from '../keys/fields';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import * as repo from '../repos/mass-orgs.repo';
import { findUnit } from '../repos/units.repo';
import * as memberRepo from '../repos/mass-org-members.repo';
import type { Db } from '../repos/mass-orgs.repo';
import {
  RATING_LEVELS,
  TO_BAO_VE_ANTT_KIND_ID,
  checkMemberDates,
  checkTeamRating,
  type NotRatedReason,
  type RatingLevel,
  memberNameText,
} from '../../../shared/domain/mass-orgs';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import {
  assertUniqueOrg,
  calendarYear,
  checkOrgWrite,
  checkStatus,
  leadersOf,
  quotaAround,
  quotaFor,
  recheckRatings,
  refuse,
  requireKind,
  requireOrg,
  requireUnit,
} from './mass-orgs.rules';

export type { ServiceContext };
// The xlsx import spec reaches members through this module; their home is mass-org-members.service.ts.
export { listMembers, pageMembers, saveMemberIn } from './mass-org-members.service';

/** Office kinds sort after the shipped ones and before "Khác" (sort order 1000). */
const OFFICE_KIND_SORT_ORDER = 500;

const ORG_STATUSES = ['active', 'ended', 'khong_xep_loai', 'chua_xep_loai', ...RATING_LEVELS] as const;

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

export async function listKinds(ctx: ServiceContext, counted?: ReadonlyMap<string, number>): Promise<MassOrgKindDto[]> {
  const kinds = await repo.listKinds(ctx.db, counted);
  return kinds.sort((a, b) => a.sortOrder - b.sortOrder || compareVietnamese(a.name, b.name));
}

async function assertKindNameFree(db: Db, name: string, id: string | null): Promise<void> {
  const clash = await repo.findKindByFoldedName(db, foldVietnamese(name));
  if (clash && clash.id !== id) {
    throw new AppError('CONFLICT', `Đã có loại tổ chức "${clash.name}".`, { name: 'Tên loại đã có' });
  }
}

export async function createKind(ctx: ServiceContext, input: ParsedInput<'massOrgKinds.create'>): Promise<MassOrgKindDto> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertKindNameFree(trx, input.name, null);
    const id = ctx.newId();
    await repo.insertKind(trx, { id, name: input.name, sortOrder: OFFICE_KIND_SORT_ORDER, at: ctx.clock.timestamp() });
    return requireKind(trx, id);
  });
}

export async function updateKind(ctx: ServiceContext, input: ParsedInput<'massOrgKinds.update'>): Promise<MassOrgKindDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const kind = await requireKind(trx, input.id);
    if (!input.active && kind.id === TO_BAO_VE_ANTT_KIND_ID) {
      throw new AppError(
        'RULE',
        'Không thể ngừng sử dụng loại "Tổ bảo vệ an ninh, trật tự": đây là lực lượng được thành lập theo Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở năm 2023.',
      );
    }
    await assertKindNameFree(trx, input.name, kind.id);
    if (kind.name === input.name && kind.active === input.active) return kind;
    await repo.updateKind(trx, kind.id, { name: input.name, active: input.active }, ctx.clock.timestamp());
    return requireKind(trx, kind.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

export async function listOrgs(ctx: ServiceContext, filter: ListFilter): Promise<MethodOutput<'massOrgs.list'>> {
  checkStatus(filter.status, ORG_STATUSES);
  const today = ctx.clock.today();
  const ratingYear = filter.year ?? calendarYear(today);
  const rows = await repo.queryOrgRows(readDb(ctx), {
    unitId: filter.unitId,
    kindId: filter.kind,
    activeYear: filter.year,
    ratingYear,
    today,
    words: repo.searchWords(filter.search),
    status: filter.status,
  });
  const out = rows.map((r) => ({
    id: r.id,
    kindId: r.kind_id,
    unitId: r.unit_id,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    members: Number(r.members),
    rating: r.has_rating ? { level: r.level as RatingLevel | null, notRatedReason: r.not_rated_reason as NotRatedReason | null } : null,
  }));
  out.sort((a, b) => compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id));
  return { ratingYear, rows: out };
}

export async function getOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massOrgs.get'>> {
  const org = await requireOrg(ctx.db, id);
  const counts = await memberRepo.countOrgMembers(ctx.db, id, ctx.clock.today());
  return { org, ratings: await repo.listOrgRatings(ctx.db, id), activeMembers: counts.active, leftMembers: counts.left };
}

/**
 * Checks and writes an organisation (a new one when `current` is null) inside the caller's
 * transaction: the service methods and the Excel import share it, so both refuse the same things.
 * Ending it ends the memberships still running on the same day; clearing the end restores them;
 * every stored rating must still hold with the new dates and kind.
 */
export async function saveOrgIn(
  ctx: ServiceContext,
  trx: Db,
  current: MassOrgDto | null,
  next: repo.OrgWrite,
): Promise<{ org: MassOrgDto; membersLeft: number; membersRestored: number }> {
  const kind = checkOrgWrite(await repo.findKind(trx, next.kindId), await findUnit(trx, next.unitId), current, next);
  await assertUniqueOrg(trx, { id: current?.id ?? null, ...next });
  const at = ctx.clock.timestamp();
  if (current === null) {
    const id = ctx.newId();
    await repo.insertOrg(trx, id, next, at);
    return { org: await requireOrg(trx, id), membersLeft: 0, membersRestored: 0 };
  }

  const proposed: MassOrgDto = { ...current, ...next };
  // Memberships follow the organisation's end: running ones end with it, and those that ended only
  // because it did end on its new date, or run again when it is reopened.
  const members = (await memberRepo.listOrgMembers(trx, fieldsOf(ctx), current.id)).map((m) => {
    if (next.validTo !== null && m.leftOn === null) {
      return { ...m, leftOn: next.validTo, leftReason: 'Tổ chức kết thúc hoạt động', leftWithOrg: true, changed: 'left' as const };
    }
    if (m.leftWithOrg && next.validTo === null)
      return { ...m, leftOn: null, leftReason: null, leftWithOrg: false, changed: 'restored' as const };
    if (m.leftWithOrg && next.validTo !== null && m.leftOn !== next.validTo)
      return { ...m, leftOn: next.validTo, changed: 'moved' as const };
    return { ...m, changed: null };
  });
  for (const m of members) {
    const v = checkMemberDates(m, proposed);
    if (v)
      throw new AppError('RULE', `Thành viên ${memberNameText(m.fullName)}: ${v}`, {
        [next.validTo !== current.validTo ? 'validTo' : 'validFrom']: 'Không khớp ngày của thành viên',
      });
  }
  const oldKind = await requireKind(trx, current.kindId);
  if (kind.scheme !== oldKind.scheme) {
    const rated = (await repo.listOrgRatings(trx, current.id)).length + (await memberRepo.memberRatingsOfOrg(trx, current.id)).size;
    if (rated > 0) {
      throw new AppError(
        'RULE',
        `Không thể đổi từ "${oldKind.name}" sang "${kind.name}" vì hai loại được xếp loại theo cách khác nhau và tổ chức đã có xếp loại; hãy xóa các xếp loại trước.`,
        { kindId: 'Khác cách xếp loại' },
      );
    }
  }
  refuse(await recheckRatings(trx, proposed, kind.scheme, members));
  await repo.updateOrg(trx, current.id, next, at);
  for (const m of members) {
    if (m.changed === null) continue;
    await memberRepo.updateMember(trx, fieldsOf(ctx), m.id, { leftOn: m.leftOn, leftReason: m.leftReason, leftWithOrg: m.leftWithOrg }, at);
  }
  return {
    org: await requireOrg(trx, current.id),
    membersLeft: members.filter((m) => m.changed === 'left').length,
    membersRestored: members.filter((m) => m.changed === 'restored').length,
  };
}

function writeOf(org: MassOrgDto): repo.OrgWrite {
  return {
    kindId: org.kindId,
    unitId: org.unitId,
    name: org.name,
    decisionIssuer: org.decisionIssuer,
    decisionNumber: org.decisionNumber,
    decisionDate: org.decisionDate,
    validFrom: org.validFrom,
    validTo: org.validTo,
    endReason: org.endReason,
    note: org.note,
  };
}

export async function createOrg(ctx: ServiceContext, input: ParsedInput<'massOrgs.create'>): Promise<MassOrgDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, input.unitId);
    if (unit.validTo !== null) {
      throw new AppError(
        'RULE',
        `Không thể thêm tổ chức vào "${unit.name}" vì đơn vị này đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}.`,
        {
          unitId: 'Đơn vị đã kết thúc hoạt động',
        },
      );
    }
    return (await saveOrgIn(ctx, trx, null, { ...input, validTo: null, endReason: null })).org;
  });
}

export async function updateOrg(ctx: ServiceContext, input: ParsedInput<'massOrgs.update'>): Promise<MassOrgDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const { id: _id, ...fields } = input;
    return (await saveOrgIn(ctx, trx, org, { ...fields, validTo: org.validTo, endReason: org.endReason })).org;
  });
}

export async function endOrg(ctx: ServiceContext, input: ParsedInput<'massOrgs.end'>): Promise<MethodOutput<'massOrgs.end'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    if (org.validTo !== null) {
      throw new AppError('RULE', `"${org.name}" đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}.`);
    }
    const r = await saveOrgIn(ctx, trx, org, { ...writeOf(org), validTo: input.validTo, endReason: input.reason });
    return { org: r.org, membersLeft: r.membersLeft };
  });
}

export async function reopenOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massOrgs.reopen'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, id);
    if (org.validTo === null) return { org, membersRestored: 0 };
    const unit = await requireUnit(trx, org.unitId);
    if (unit.validTo !== null) {
      throw new AppError('RULE', `Không thể khôi phục vì đơn vị "${unit.name}" đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}.`);
    }
    const r = await saveOrgIn(ctx, trx, org, { ...writeOf(org), validTo: null, endReason: null });
    return { org: r.org, membersRestored: r.membersRestored };
  });
}

/** Deleting is for records entered by mistake: the organisation, its members and ratings become tombstones. */
export async function deleteOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massOrgs.delete'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, id);
    const usedBy = await activitiesUsing(trx, { teamId: id });
    if (usedBy.length > 0) {
      throw new AppError(
        'RULE',
        `Không thể xóa "${org.name}" vì tổ đang được ghi trong: ${usedBy.join('; ')}. Hãy sửa hoặc xóa các vụ việc đó trước.`,
      );
    }
    const at = ctx.clock.timestamp();
    const members = await memberRepo.listOrgMembers(trx, fieldsOf(ctx), org.id);
    await memberRepo.tombstoneMemberRatings(
      trx,
      members.map((m) => m.id),
      null,
      at,
    );
    for (const m of members) await memberRepo.updateMember(trx, fieldsOf(ctx), m.id, { deletedAt: at }, at);
    await repo.tombstoneOrgRatings(trx, org.id, null, at);
    await repo.updateOrg(trx, org.id, { deletedAt: at }, at);
    return { id: org.id, membersDeleted: members.length };
  });
}

export async function rateOrg(ctx: ServiceContext, input: ParsedInput<'massOrgs.rate'>): Promise<MethodOutput<'massOrgs.rate'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const kind = await requireKind(trx, org.kindId);
    const members = await memberRepo.listOrgMembers(trx, fieldsOf(ctx), org.id);
    const leaders = leadersOf(members, await memberRepo.memberRatingsOfOrg(trx, org.id), input.year);
    const draft = { level: input.level, notRatedReason: input.notRatedReason, reasonNote: input.reasonNote };
    refuse(checkTeamRating({ scheme: kind.scheme, org, year: input.year, leaders }, draft));
    await repo.upsertOrgRating(trx, ctx.newId, org.id, input.year, draft, ctx.clock.timestamp());
    const rating = (await repo.findOrgRating(trx, org.id, input.year))!;
    const warnings = kind.scheme === 'hd01' ? await quotaAround(trx, input.year, org.unitId) : [];
    return { rating, warnings };
  });
}

export async function unrateOrg(ctx: ServiceContext, input: ParsedInput<'massOrgs.unrate'>): Promise<{ id: string; year: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const removed = await repo.tombstoneOrgRatings(trx, org.id, input.year, ctx.clock.timestamp());
    if (removed === 0) throw new AppError('NOT_FOUND', `"${org.name}" chưa có xếp loại năm ${input.year}.`);
    // A leader's rating may not outlive the team rating it was checked against.
    const members = await memberRepo.listOrgMembers(trx, fieldsOf(ctx), org.id);
    const kind = await requireKind(trx, org.kindId);
    refuse(await recheckRatings(trx, org, kind.scheme, members));
    return { id: org.id, year: input.year };
  });
}

export async function checkQuota(ctx: ServiceContext, input: ParsedInput<'massOrgs.quota'>): Promise<MethodOutput<'massOrgs.quota'>> {
  if (input.unitId !== null) await requireUnit(ctx.db, input.unitId);
  return quotaFor(ctx.db, input.year, input.unitId);
}

// ---------------------------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------------------------

/**
 * The year's figures for the overview and the year-end report: organisations active at any time in
 * the calendar year (in the unit and below it; null = the whole office), their members active in
 * the year, and those rated effective for the year (isEffective), in total and per kind.
 */
export type MassOrgsOverview = {
  organizations: number;
  members: number;
  effective: number;
  byKind: { kindId: string; kind: string; organizations: number; members: number; effective: number }[];
};

/** The figures of rows per kind (summed when a kind has several rows), kinds in their list order. */
export function foldMassOrgsOverview(rows: readonly repo.OverviewRow[], kinds: readonly MassOrgKindDto[]): MassOrgsOverview {
  const byId = new Map<string, { organizations: number; members: number; effective: number }>();
  for (const r of rows) {
    const k = byId.get(r.kind_id) ?? { organizations: 0, members: 0, effective: 0 };
    k.organizations += r.organizations;
    k.members += r.members;
    k.effective += r.effective;
    byId.set(r.kind_id, k);
  }
  const byKind = kinds
    .filter((k) => byId.has(k.id))
    .map((k) => {
      const r = byId.get(k.id)!;
      return { kindId: k.id, kind: k.name, organizations: r.organizations, members: r.members, effective: r.effective };
    });
  const sum = (f: (r: (typeof byKind)[number]) => number) => byKind.reduce((n, r) => n + f(r), 0);
  return {
    organizations: sum((r) => r.organizations),
    members: sum((r) => r.members),
    effective: sum((r) => r.effective),
    byKind,
  };
}

export async function massOrgsOverview(ctx: ServiceContext, opts: { year: number; unitId: string | null }): Promise<MassOrgsOverview> {
  const [rows, kinds] = await Promise.all([repo.overviewByKind(ctx.db, opts.year, opts.unitId), listKinds(ctx)]);
  return foldMassOrgsOverview(rows, kinds);
}
