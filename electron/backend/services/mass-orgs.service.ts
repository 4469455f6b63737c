/**
 * Use cases of mass organisations: the catalogue of kinds, organisations (create, edit, end,
 * reopen, delete), members (add, edit, leave, rejoin, delete), yearly ratings with the HD01 rules,
 * the 20 % quota warning, and the overview figures. Each change runs in one transaction and checks
 * the pure rules of shared/domain/mass-orgs.ts against the rows as they would be afterwards, so a
 * stored rating always satisfies the rules with the stored dates and roles.
 */
import { activitiesUsing } from './activities.service';
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput, UnitDto } from '../../../shared/ipc/contract';
import type {
  MassOrgDto,
  MassOrgKindDto,
  MemberDto,
  MemberRatingDto,
} from '../../../shared/ipc/contracts/mass-orgs.contract';
import type { ListFilter } from '../../../shared/domain/registries';
import { AppError } from '../errors';
import { findUnit, listUnits } from '../repos/units.repo';
import * as repo from '../repos/mass-orgs.repo';
import type { Db } from '../repos/mass-orgs.repo';
import {
  GENDERS,
  HD01_LEVELS,
  MEMBER_ROLES,
  QUOTA_BASE_NOTE,
  RATING_LEVELS,
  TO_BAO_VE_ANTT_KIND_ID,
  checkMemberDates,
  checkMemberRating,
  checkTeamRating,
  encodeRatingCell,
  maskPhone,
  quotaWarnings,
  type Gender,
  type LeaderRating,
  type MemberColumns,
  type RatingCell,
  type MemberRole,
  type NotRatedReason,
  type RatingLevel,
} from '../../../shared/domain/mass-orgs';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';

export type { ServiceContext };

/** Office kinds sort after the shipped ones and before "Khác" (sort order 1000). */
const OFFICE_KIND_SORT_ORDER = 500;

const ORG_STATUSES = ['active', 'ended', 'khong_xep_loai', 'chua_xep_loai', ...RATING_LEVELS] as const;
const MEMBER_STATUSES = ['active', 'left', 'khong_xep_loai', 'chua_xep_loai', ...HD01_LEVELS] as const;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function refuse(violations: readonly string[]): void {
  if (violations.length > 0) throw new AppError('RULE', violations.join(' '));
}

function calendarYear(today: string): number {
  return Number(today.slice(0, 4));
}

async function requireKind(db: Db, id: string): Promise<MassOrgKindDto> {
  const kind = await repo.findKind(db, id);
  if (!kind) throw new AppError('NOT_FOUND', 'Không tìm thấy loại tổ chức.', { kindId: 'Loại tổ chức không tồn tại' });
  return kind;
}

async function requireOrg(db: Db, id: string): Promise<MassOrgDto> {
  const org = await repo.findOrg(db, id);
  if (!org) throw new AppError('NOT_FOUND', 'Không tìm thấy tổ chức (có thể đã bị xóa).');
  return org;
}

async function requireMember(db: Db, id: string): Promise<MemberDto> {
  const member = await repo.findMember(db, id);
  if (!member) throw new AppError('NOT_FOUND', 'Không tìm thấy thành viên (có thể đã bị xóa).');
  return member;
}

async function requireUnit(db: Db, id: string): Promise<UnitDto> {
  const unit = await findUnit(db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị (có thể đã bị xóa).', { unitId: 'Đơn vị không tồn tại' });
  return unit;
}

function checkStatus(status: string | null, allowed: readonly string[]): void {
  if (status !== null && !allowed.includes(status)) {
    throw new AppError('VALIDATION', 'Trạng thái lọc không hợp lệ.', { status: 'Trạng thái không hợp lệ' });
  }
}

/** An organisation's dates against its unit's: a unit that ended cannot hold an organisation that outlives it. */
function checkOrgInUnit(org: { validFrom: string; validTo: string | null }, unit: UnitDto): string | null {
  if (unit.validTo === null) return null;
  if (org.validTo === null || org.validTo > unit.validTo) {
    return `Đơn vị "${unit.name}" đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}; tổ chức thuộc đơn vị này phải kết thúc chậm nhất vào ngày đó.`;
  }
  return null;
}

async function assertUniqueOrg(db: Db, o: { id: string | null; unitId: string; kindId: string; name: string }): Promise<void> {
  const clash = await repo.findOrgByKey(db, o.unitId, o.kindId, o.name);
  if (clash && clash.id !== o.id) {
    throw new AppError('CONFLICT', `Đơn vị này đã có tổ chức cùng loại tên "${clash.name}".`, { name: 'Tên đã có trong đơn vị' });
  }
}

async function assertUniqueMember(db: Db, m: { id: string | null; massOrgId: string; fullName: string; birthYear: number | null }): Promise<void> {
  const clash = await repo.findMemberByKey(db, m.massOrgId, m.fullName, m.birthYear);
  if (clash && clash.id !== m.id) {
    const born = m.birthYear !== null ? `, sinh năm ${m.birthYear}` : '';
    throw new AppError('CONFLICT', `Tổ chức đã có thành viên "${clash.fullName}"${born}.`, { fullName: 'Đã có thành viên này' });
  }
}

/**
 * Every stored rating of an organisation and its members, checked against a proposed state (new
 * dates, kind, roles). Returns the violations, each prefixed with the year and the person.
 */
async function recheckRatings(
  db: Db,
  org: MassOrgDto,
  scheme: MassOrgKindDto['scheme'],
  members: readonly MemberDto[],
): Promise<string[]> {
  const teamRatings = await repo.listOrgRatings(db, org.id);
  const memberRatings = await repo.memberRatingsOfOrg(db, org.id);
  const out: string[] = [];
  const years = new Set<number>([...teamRatings.map((r) => r.year), ...[...memberRatings.values()].flat().map((r) => r.year)]);
  for (const year of [...years].sort()) {
    const team = teamRatings.find((r) => r.year === year) ?? null;
    const leaders = leadersOf(members, memberRatings, year);
    if (team) {
      for (const v of checkTeamRating({ scheme, org, year, leaders }, team)) out.push(`Xếp loại tổ năm ${year}: ${v}`);
    }
    for (const m of members) {
      const r = memberRatings.get(m.id)?.find((x) => x.year === year);
      if (!r) continue;
      for (const v of checkMemberRating({ scheme, org, member: m, year, teamRating: team }, r)) {
        out.push(`Xếp loại năm ${year} của ${m.fullName}: ${v}`);
      }
    }
  }
  return out;
}

function leadersOf(members: readonly MemberDto[], ratings: Map<string, MemberRatingDto[]>, year: number): LeaderRating[] {
  const out: LeaderRating[] = [];
  for (const m of members) {
    const r = ratings.get(m.id)?.find((x) => x.year === year);
    if (!r) continue;
    if (m.role === 'to_truong' || (m.role === 'to_pho' && r.actingLeader)) {
      out.push({ fullName: m.fullName, role: m.role, level: r.level, newlyTransferred: r.newlyTransferred });
    }
  }
  return out;
}

/**
 * The area whose Chủ tịch UBND decides the ratings (HD01): the commune at or above a unit. Units
 * above communes (the district or province office itself) are their own area.
 */
function areaOf(byId: ReadonlyMap<string, UnitDto>, unitId: string, stopAt: string | null): UnitDto | null {
  const start = byId.get(unitId) ?? null;
  let cursor = start;
  for (let steps = 0; cursor && steps < 100; steps++) {
    if (cursor.level === 'xa') return cursor;
    if (cursor.id === stopAt) break;
    cursor = cursor.parentId ? (byId.get(cursor.parentId) ?? null) : null;
  }
  return start;
}

/**
 * The 20 % check of a year over a unit and everything below it (null: the whole office). The quota
 * is checked per managed area — each commune, since its Chủ tịch UBND decides the ratings — so a
 * district-wide view lists each commune that exceeds it rather than pooling communes together.
 * The counts returned are the totals over the whole scope.
 */
async function quotaFor(db: Db, year: number, scopeUnitId: string | null): Promise<MethodOutput<'massorgs.quota'>> {
  const units = await listUnits(db, true);
  const byId = new Map(units.map((u) => [u.id, u]));
  const perUnit = await repo.levelCountsByUnit(db, year, scopeUnitId);
  const areas = new Map<string, { area: UnitDto | null; c: repo.LevelCounts }>();
  const total = { teams: { excellent: 0, good: 0 }, members: { excellent: 0, good: 0 } };
  for (const [unitId, c] of perUnit) {
    const area = areaOf(byId, unitId, scopeUnitId);
    const key = area?.id ?? unitId;
    const entry = areas.get(key) ?? { area, c: { teamsExcellent: 0, teamsGood: 0, membersExcellent: 0, membersGood: 0 } };
    entry.c.teamsExcellent += c.teamsExcellent;
    entry.c.teamsGood += c.teamsGood;
    entry.c.membersExcellent += c.membersExcellent;
    entry.c.membersGood += c.membersGood;
    areas.set(key, entry);
    total.teams.excellent += c.teamsExcellent;
    total.teams.good += c.teamsGood;
    total.members.excellent += c.membersExcellent;
    total.members.good += c.membersGood;
  }
  const warnings = [...areas.values()]
    .sort((a, b) => compareVietnamese(a.area?.name ?? '', b.area?.name ?? ''))
    .flatMap(({ area, c }) =>
      quotaWarnings({
        year,
        areaName: area?.name ?? 'đơn vị',
        teams: { excellent: c.teamsExcellent, good: c.teamsGood },
        members: { excellent: c.membersExcellent, good: c.membersGood },
      }),
    );
  return { ...total, warnings, baseNote: QUOTA_BASE_NOTE };
}

/** The quota of the managed area of an organisation's unit (returned with each rating). */
async function quotaAround(db: Db, year: number, unitId: string): Promise<string[]> {
  const units = await listUnits(db, true);
  const area = areaOf(new Map(units.map((u) => [u.id, u])), unitId, null);
  return (await quotaFor(db, year, area?.id ?? unitId)).warnings;
}

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

export async function listKinds(ctx: ServiceContext): Promise<MassOrgKindDto[]> {
  const kinds = await repo.listKinds(ctx.db);
  return kinds.sort((a, b) => a.sortOrder - b.sortOrder || compareVietnamese(a.name, b.name));
}

async function assertKindNameFree(db: Db, name: string, id: string | null): Promise<void> {
  const clash = await repo.findKindByFoldedName(db, foldVietnamese(name));
  if (clash && clash.id !== id) {
    throw new AppError('CONFLICT', `Đã có loại tổ chức "${clash.name}".`, { name: 'Tên loại đã có' });
  }
}

export async function createKind(ctx: ServiceContext, input: ParsedInput<'massorgkinds.create'>): Promise<MassOrgKindDto> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertKindNameFree(trx, input.name, null);
    const id = ctx.newId();
    await repo.insertKind(trx, { id, name: input.name, sortOrder: OFFICE_KIND_SORT_ORDER, at: ctx.clock.timestamp() });
    return requireKind(trx, id);
  });
}

export async function updateKind(ctx: ServiceContext, input: ParsedInput<'massorgkinds.update'>): Promise<MassOrgKindDto> {
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

export async function listOrgs(ctx: ServiceContext, filter: ListFilter): Promise<MethodOutput<'massorgs.list'>> {
  checkStatus(filter.status, ORG_STATUSES);
  const today = ctx.clock.today();
  const ratingYear = filter.year ?? calendarYear(today);
  const rows = await repo.queryOrgRows(ctx.db, {
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

export async function getOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massorgs.get'>> {
  const org = await requireOrg(ctx.db, id);
  const counts = await repo.countOrgMembers(ctx.db, id, ctx.clock.today());
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
  const kind = await requireKind(trx, next.kindId);
  if (!kind.active && (current === null || current.kindId !== kind.id)) {
    throw new AppError('RULE', `Loại tổ chức "${kind.name}" đã ngừng sử dụng; hãy chọn loại khác.`, { kindId: 'Loại đã ngừng sử dụng' });
  }
  const unit = await requireUnit(trx, next.unitId);
  if (next.validTo !== null && next.validTo < next.validFrom) {
    throw new AppError(
      'RULE',
      `Ngày kết thúc (${formatDateVi(next.validTo)}) không được trước ngày bắt đầu hoạt động (${formatDateVi(next.validFrom)}).`,
      { validTo: 'Trước ngày bắt đầu' },
    );
  }
  if ((next.validTo === null) !== (next.endReason === null)) {
    throw new AppError('VALIDATION', 'Ngày kết thúc và lý do kết thúc phải ghi cùng nhau.', { endReason: 'Cần ghi lý do kết thúc' });
  }
  const inUnit = checkOrgInUnit(next, unit);
  if (inUnit) throw new AppError('RULE', inUnit, { unitId: 'Đơn vị đã kết thúc hoạt động' });
  await assertUniqueOrg(trx, { id: current?.id ?? null, ...next });
  const at = ctx.clock.timestamp();
  if (current === null) {
    const id = ctx.newId();
    await repo.insertOrg(trx, id, next, at);
    return { org: (await requireOrg(trx, id)), membersLeft: 0, membersRestored: 0 };
  }

  const proposed: MassOrgDto = { ...current, ...next };
  // Memberships follow the organisation's end: running ones end with it, and those that ended only
  // because it did end on its new date, or run again when it is reopened.
  const members = (await repo.listOrgMembers(trx, current.id)).map((m) => {
    if (next.validTo !== null && m.leftOn === null) {
      return { ...m, leftOn: next.validTo, leftReason: 'Tổ chức kết thúc hoạt động', leftWithOrg: true, changed: 'left' as const };
    }
    if (m.leftWithOrg && next.validTo === null) return { ...m, leftOn: null, leftReason: null, leftWithOrg: false, changed: 'restored' as const };
    if (m.leftWithOrg && next.validTo !== null && m.leftOn !== next.validTo) return { ...m, leftOn: next.validTo, changed: 'moved' as const };
    return { ...m, changed: null };
  });
  for (const m of members) {
    const v = checkMemberDates(m, proposed);
    if (v) throw new AppError('RULE', `Thành viên ${m.fullName}: ${v}`, { [next.validTo !== current.validTo ? 'validTo' : 'validFrom']: 'Không khớp ngày của thành viên' });
  }
  const oldKind = await requireKind(trx, current.kindId);
  if (kind.scheme !== oldKind.scheme) {
    const rated = (await repo.listOrgRatings(trx, current.id)).length + (await repo.memberRatingsOfOrg(trx, current.id)).size;
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
    await repo.updateMember(trx, m.id, { leftOn: m.leftOn, leftReason: m.leftReason, leftWithOrg: m.leftWithOrg }, at);
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

export async function createOrg(ctx: ServiceContext, input: ParsedInput<'massorgs.create'>): Promise<MassOrgDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, input.unitId);
    if (unit.validTo !== null) {
      throw new AppError('RULE', `Không thể thêm tổ chức vào "${unit.name}" vì đơn vị này đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}.`, {
        unitId: 'Đơn vị đã kết thúc hoạt động',
      });
    }
    return (await saveOrgIn(ctx, trx, null, { ...input, validTo: null, endReason: null })).org;
  });
}

export async function updateOrg(ctx: ServiceContext, input: ParsedInput<'massorgs.update'>): Promise<MassOrgDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const { id: _id, ...fields } = input;
    return (await saveOrgIn(ctx, trx, org, { ...fields, validTo: org.validTo, endReason: org.endReason })).org;
  });
}

export async function endOrg(ctx: ServiceContext, input: ParsedInput<'massorgs.end'>): Promise<MethodOutput<'massorgs.end'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    if (org.validTo !== null) {
      throw new AppError('RULE', `"${org.name}" đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}.`);
    }
    const r = await saveOrgIn(ctx, trx, org, { ...writeOf(org), validTo: input.validTo, endReason: input.reason });
    return { org: r.org, membersLeft: r.membersLeft };
  });
}

export async function reopenOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massorgs.reopen'>> {
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
export async function deleteOrg(ctx: ServiceContext, id: string): Promise<MethodOutput<'massorgs.delete'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, id);
    const usedBy = await activitiesUsing(trx, { teamId: id });
    if (usedBy.length > 0) {
      throw new AppError('RULE', `Không thể xóa "${org.name}" vì tổ đang được ghi trong: ${usedBy.join('; ')}. Hãy sửa hoặc xóa các vụ việc đó trước.`);
    }
    const at = ctx.clock.timestamp();
    const members = await repo.listOrgMembers(trx, org.id);
    await repo.tombstoneMemberRatings(trx, members.map((m) => m.id), null, at);
    for (const m of members) await repo.updateMember(trx, m.id, { deletedAt: at }, at);
    await repo.tombstoneOrgRatings(trx, org.id, null, at);
    await repo.updateOrg(trx, org.id, { deletedAt: at }, at);
    return { id: org.id, membersDeleted: members.length };
  });
}

export async function rateOrg(ctx: ServiceContext, input: ParsedInput<'massorgs.rate'>): Promise<MethodOutput<'massorgs.rate'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const kind = await requireKind(trx, org.kindId);
    const members = await repo.listOrgMembers(trx, org.id);
    const leaders = leadersOf(members, await repo.memberRatingsOfOrg(trx, org.id), input.year);
    const draft = { level: input.level, notRatedReason: input.notRatedReason, reasonNote: input.reasonNote };
    refuse(checkTeamRating({ scheme: kind.scheme, org, year: input.year, leaders }, draft));
    await repo.upsertOrgRating(trx, ctx.newId, org.id, input.year, draft, ctx.clock.timestamp());
    const rating = (await repo.findOrgRating(trx, org.id, input.year))!;
    const warnings = kind.scheme === 'hd01' ? await quotaAround(trx, input.year, org.unitId) : [];
    return { rating, warnings };
  });
}

export async function unrateOrg(ctx: ServiceContext, input: ParsedInput<'massorgs.unrate'>): Promise<{ id: string; year: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, input.id);
    const removed = await repo.tombstoneOrgRatings(trx, org.id, input.year, ctx.clock.timestamp());
    if (removed === 0) throw new AppError('NOT_FOUND', `"${org.name}" chưa có xếp loại năm ${input.year}.`);
    // A leader's rating may not outlive the team rating it was checked against.
    const members = await repo.listOrgMembers(trx, org.id);
    const kind = await requireKind(trx, org.kindId);
    refuse(await recheckRatings(trx, org, kind.scheme, members));
    return { id: org.id, year: input.year };
  });
}

export async function checkQuota(ctx: ServiceContext, input: ParsedInput<'massorgs.quota'>): Promise<MethodOutput<'massorgs.quota'>> {
  if (input.unitId !== null) await requireUnit(ctx.db, input.unitId);
  return quotaFor(ctx.db, input.year, input.unitId);
}

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

export async function listMembers(
  ctx: ServiceContext,
  filter: ParsedInput<'members.list'>,
): Promise<MethodOutput<'members.list'>> {
  checkStatus(filter.status, MEMBER_STATUSES);
  const today = ctx.clock.today();
  const ratingYear = filter.year ?? calendarYear(today);
  const orgRows = await repo.queryMemberOrgs(ctx.db, { massOrgId: filter.massOrgId, unitId: filter.unitId, kindId: filter.kind, activeYear: filter.year });
  const orgIndex = new Map(orgRows.map((o, i) => [o.id, i]));
  const ratings = await repo.memberRatingsOfYear(ctx.db, ratingYear, filter.massOrgId);
  const tuples = await repo.queryMemberTuples(ctx.db, { massOrgId: filter.massOrgId, activeYear: filter.year, words: repo.searchWords(filter.search) });
  const keep = statusTest(filter.status, today);
  const columns: MemberColumns = {
    id: [], fullName: [], org: [], gender: [], birthYear: [], ethnicity: [], role: [], phoneMasked: [], joinedOn: [], leftOn: [], rating: [],
  };
  const used = new Set<number>();
  for (const [id, massOrgId, fullName, gender, birthYear, ethnicity, role, phone, joinedOn, leftOn] of tuples) {
    const org = orgIndex.get(massOrgId);
    if (org === undefined) continue;
    const r = ratings.get(id);
    const cell: RatingCell | null = r ? { level: r[0] as RatingLevel | null, notRatedReason: r[1] as NotRatedReason | null } : null;
    if (!keep(leftOn, cell)) continue;
    used.add(org);
    columns.id.push(id);
    columns.fullName.push(fullName);
    columns.org.push(org);
    columns.gender.push(GENDERS.indexOf(gender as Gender));
    columns.birthYear.push(birthYear);
    columns.ethnicity.push(ethnicity);
    columns.role.push(MEMBER_ROLES.indexOf(role as MemberRole));
    // Lists never carry a whole phone number; members.get does, for the member's own form.
    columns.phoneMasked.push(maskPhone(phone));
    columns.joinedOn.push(joinedOn);
    columns.leftOn.push(leftOn);
    columns.rating.push(encodeRatingCell(cell));
  }
  // Only the organisations the rows refer to are sent, re-indexed in their order.
  const kept = [...used].sort((a, b) => a - b);
  const remap = new Map(kept.map((old, i) => [old, i]));
  columns.org = columns.org.map((o) => remap.get(o)!);
  const orgs = kept.map((i) => {
    const o = orgRows[i]!;
    return { id: o.id, name: o.name, kindId: o.kind_id, unitId: o.unit_id };
  });
  return { ratingYear, orgs, columns };
}

/** The members list's status filter: taking part / left (on today), or the rating of the year. */
function statusTest(status: string | null, today: string): (leftOn: string | null, rating: RatingCell | null) => boolean {
  if (status === null) return () => true;
  if (status === 'active') return (leftOn) => leftOn === null || leftOn >= today;
  if (status === 'left') return (leftOn) => leftOn !== null && leftOn < today;
  if (status === 'chua_xep_loai') return (_l, r) => r === null;
  if (status === 'khong_xep_loai') return (_l, r) => r !== null && r.level === null;
  return (_l, r) => r !== null && r.level === status;
}

export async function getMember(ctx: ServiceContext, id: string): Promise<MethodOutput<'members.get'>> {
  const member = await requireMember(ctx.db, id);
  return { member, ratings: await repo.listMemberRatings(ctx.db, id) };
}

/**
 * Checks and writes a member (a new one when `current` is null) inside the caller's transaction;
 * shared by the service methods and the Excel import. Every stored rating of the organisation must
 * still hold afterwards (a new role, shorter membership...).
 */
export async function saveMemberIn(ctx: ServiceContext, trx: Db, current: MemberDto | null, next: repo.MemberWrite): Promise<MemberDto> {
  const org = await requireOrg(trx, next.massOrgId);
  if (current === null && org.validTo !== null && next.leftOn === null) {
    throw new AppError('RULE', `Không thể thêm thành viên vào "${org.name}" vì tổ chức đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}.`);
  }
  const dates = checkMemberDates(next, org);
  if (dates) throw new AppError('RULE', dates, { [next.leftOn !== (current?.leftOn ?? null) ? 'leftOn' : 'joinedOn']: 'Ngày không hợp lệ' });
  await assertUniqueMember(trx, { id: current?.id ?? null, ...next });
  const at = ctx.clock.timestamp();
  if (current === null) {
    const id = ctx.newId();
    await repo.insertMembers(trx, [{ id, ...next }], at);
    return requireMember(trx, id);
  }
  const kind = await requireKind(trx, org.kindId);
  const proposed: MemberDto = { ...current, ...next };
  const members = (await repo.listOrgMembers(trx, org.id)).map((m) => (m.id === current.id ? proposed : m));
  refuse(await recheckRatings(trx, org, kind.scheme, members));
  // A membership changed by hand no longer follows the organisation's reopening.
  await repo.updateMember(trx, current.id, { ...next, leftWithOrg: false }, at);
  return requireMember(trx, current.id);
}

function memberWriteOf(m: MemberDto): repo.MemberWrite {
  return {
    massOrgId: m.massOrgId,
    fullName: m.fullName,
    gender: m.gender,
    birthYear: m.birthYear,
    ethnicity: m.ethnicity,
    phone: m.phone,
    role: m.role,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    leftReason: m.leftReason,
    note: m.note,
  };
}

export async function createMember(ctx: ServiceContext, input: ParsedInput<'members.create'>): Promise<MemberDto> {
  return ctx.db.transaction().execute((trx) => saveMemberIn(ctx, trx, null, { ...input, leftOn: null, leftReason: null }));
}

export async function updateMember(ctx: ServiceContext, input: ParsedInput<'members.update'>): Promise<MemberDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, input.id);
    const { id: _id, ...fields } = input;
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), ...fields });
  });
}

export async function leaveMember(ctx: ServiceContext, input: ParsedInput<'members.leave'>): Promise<MemberDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, input.id);
    if (member.leftOn !== null) {
      throw new AppError('RULE', `${member.fullName} đã thôi tham gia từ ${formatDateVi(member.leftOn)}.`);
    }
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), leftOn: input.leftOn, leftReason: input.reason });
  });
}

export async function rejoinMember(ctx: ServiceContext, id: string): Promise<MemberDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, id);
    if (member.leftOn === null) return member;
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), leftOn: null, leftReason: null });
  });
}

export async function deleteMember(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, id);
    const at = ctx.clock.timestamp();
    await repo.tombstoneMemberRatings(trx, [member.id], null, at);
    await repo.updateMember(trx, member.id, { deletedAt: at }, at);
    return { id };
  });
}

export async function rateMember(ctx: ServiceContext, input: ParsedInput<'members.rate'>): Promise<MethodOutput<'members.rate'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, input.id);
    const org = await requireOrg(trx, member.massOrgId);
    const kind = await requireKind(trx, org.kindId);
    const teamRating = await repo.findOrgRating(trx, org.id, input.year);
    const draft = {
      level: input.level,
      notRatedReason: input.notRatedReason,
      reasonNote: input.reasonNote,
      actingLeader: input.actingLeader,
      newlyTransferred: input.newlyTransferred,
    };
    refuse(checkMemberRating({ scheme: kind.scheme, org, member, year: input.year, teamRating }, draft));
    await repo.upsertMemberRating(trx, ctx.newId, member.id, input.year, draft, ctx.clock.timestamp());
    const rating = (await repo.listMemberRatings(trx, member.id)).find((r) => r.year === input.year)!;
    const warnings = await quotaAround(trx, input.year, org.unitId);
    return { rating, warnings };
  });
}

export async function unrateMember(ctx: ServiceContext, input: ParsedInput<'members.unrate'>): Promise<{ id: string; year: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, input.id);
    const had = (await repo.listMemberRatings(trx, member.id)).some((r) => r.year === input.year);
    if (!had) throw new AppError('NOT_FOUND', `${member.fullName} chưa có xếp loại năm ${input.year}.`);
    await repo.tombstoneMemberRatings(trx, [member.id], input.year, ctx.clock.timestamp());
    return { id: member.id, year: input.year };
  });
}

// ---------------------------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------------------------

/**
 * The year's figures for the overview and the year-end report: organisations active at any time in
 * the calendar year (in the unit and below it; null = the whole office), their members active in
 * the year, and those rated effective for the year (isEffective), in total and per kind.
 */
export async function massOrgsOverview(
  ctx: ServiceContext,
  opts: { year: number; unitId: string | null },
): Promise<{
  organizations: number;
  members: number;
  effective: number;
  byKind: { kindId: string; kind: string; organizations: number; members: number; effective: number }[];
}> {
  const [rows, kinds] = await Promise.all([repo.overviewByKind(ctx.db, opts.year, opts.unitId), listKinds(ctx)]);
  const byId = new Map(rows.map((r) => [r.kind_id, r]));
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
