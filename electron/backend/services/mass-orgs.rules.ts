/**
 * The checks the mass-organisation use cases share: required rows, uniqueness, status filters,
 * re-checking stored ratings after a change, and the 20 % quota around a unit. Used by
 * mass-orgs.service.ts (kinds, organisations, their ratings) and mass-org-members.service.ts.
 */
import type { MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto, MemberDto, MemberRatingDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { AppError } from '../errors';
import { findUnit, listUnits } from '../repos/units.repo';
import * as repo from '../repos/mass-orgs.repo';
import * as memberRepo from '../repos/mass-org-members.repo';
import type { Db } from '../repos/mass-orgs.repo';
import type { FieldCodec } from '../keys/fields';
import {
  HD01_LEVELS,
  QUOTA_BASE_NOTE,
  checkMemberDates,
  checkMemberRating,
  checkTeamRating,
  quotaWarnings,
  type LeaderRating,
  memberNameText,
} from '../../../shared/domain/mass-orgs';
import { compareVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';

export const MEMBER_STATUSES = ['active', 'left', 'khong_xep_loai', 'chua_xep_loai', ...HD01_LEVELS] as const;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

export function refuse(violations: readonly string[]): void {
  if (violations.length > 0) throw new AppError('RULE', violations.join(' '));
}

export function calendarYear(today: string): number {
  return Number(today.slice(0, 4));
}

export async function requireKind(db: Db, id: string): Promise<MassOrgKindDto> {
  const kind = await repo.findKind(db, id);
  if (!kind) throw new AppError('NOT_FOUND', 'Không tìm thấy loại tổ chức.', { kindId: 'Loại tổ chức không tồn tại' });
  return kind;
}

export async function requireOrg(db: Db, id: string): Promise<MassOrgDto> {
  const org = await repo.findOrg(db, id);
  if (!org) throw new AppError('NOT_FOUND', 'Không tìm thấy tổ chức (có thể đã bị xóa).');
  return org;
}

export async function requireMember(db: Db, fields: FieldCodec, id: string): Promise<MemberDto> {
  const member = await memberRepo.findMember(db, fields, id);
  if (!member) throw new AppError('NOT_FOUND', 'Không tìm thấy thành viên (có thể đã bị xóa).');
  return member;
}

export async function requireUnit(db: Db, id: string): Promise<UnitDto> {
  const unit = await findUnit(db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị (có thể đã bị xóa).', { unitId: 'Đơn vị không tồn tại' });
  return unit;
}

export function checkStatus(status: string | null, allowed: readonly string[]): void {
  if (status !== null && !allowed.includes(status)) {
    throw new AppError('VALIDATION', 'Trạng thái lọc không hợp lệ.', { status: 'Trạng thái không hợp lệ' });
  }
}

/**
 * saveOrgIn's checks of an organisation itself, before its uniqueness, in its order: the kind exists
 * and (for a new organisation or a new kind) is in use, the unit exists, the dates. `kind` and `unit`
 * as read (null: none); returns the kind. The Excel import checks its new rows with it, having read
 * kinds and units once.
 */
export function checkOrgWrite(
  kind: MassOrgKindDto | null,
  unit: UnitDto | null,
  current: MassOrgDto | null,
  next: repo.OrgWrite,
): MassOrgKindDto {
  if (!kind) throw new AppError('NOT_FOUND', 'Không tìm thấy loại tổ chức.', { kindId: 'Loại tổ chức không tồn tại' });
  if (!kind.active && (current === null || current.kindId !== kind.id)) {
    throw new AppError('RULE', `Loại tổ chức "${kind.name}" đã ngừng sử dụng; hãy chọn loại khác.`, { kindId: 'Loại đã ngừng sử dụng' });
  }
  if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị (có thể đã bị xóa).', { unitId: 'Đơn vị không tồn tại' });
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
  return kind;
}

/**
 * saveMemberIn's checks of a new member against its organisation (`org` as read, null: none): the
 * organisation exists, has not ended (unless the member left), the dates.
 */
export function checkNewMember(org: MassOrgDto | null, next: memberRepo.MemberWrite): MassOrgDto {
  if (!org) throw new AppError('NOT_FOUND', 'Không tìm thấy tổ chức (có thể đã bị xóa).');
  if (org.validTo !== null && next.leftOn === null) {
    throw new AppError(
      'RULE',
      `Không thể thêm thành viên vào "${org.name}" vì tổ chức đã kết thúc hoạt động từ ${formatDateVi(org.validTo)}.`,
    );
  }
  const dates = checkMemberDates(next, org);
  if (dates) throw new AppError('RULE', dates, { [next.leftOn !== null ? 'leftOn' : 'joinedOn']: 'Ngày không hợp lệ' });
  return org;
}

/** An organisation's dates against its unit's: a unit that ended cannot hold an organisation that outlives it. */
export function checkOrgInUnit(org: { validFrom: string; validTo: string | null }, unit: UnitDto): string | null {
  if (unit.validTo === null) return null;
  if (org.validTo === null || org.validTo > unit.validTo) {
    return `Đơn vị "${unit.name}" đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}; tổ chức thuộc đơn vị này phải kết thúc chậm nhất vào ngày đó.`;
  }
  return null;
}

export async function assertUniqueOrg(db: Db, o: { id: string | null; unitId: string; kindId: string; name: string }): Promise<void> {
  const clash = await repo.findOrgByKey(db, o.unitId, o.kindId, o.name);
  if (clash && clash.id !== o.id) {
    throw new AppError('CONFLICT', `Đơn vị này đã có tổ chức cùng loại tên "${clash.name}".`, { name: 'Tên đã có trong đơn vị' });
  }
}

export async function assertUniqueMember(
  db: Db,
  fields: FieldCodec,
  m: { id: string | null; massOrgId: string; fullName: string; birthYear: number | null },
): Promise<void> {
  const clash = await memberRepo.findMemberByKey(db, fields, m.massOrgId, m.fullName, m.birthYear);
  if (clash && clash.id !== m.id) {
    const born = m.birthYear !== null ? `, sinh năm ${m.birthYear}` : '';
    throw new AppError('CONFLICT', `Tổ chức đã có thành viên "${memberNameText(clash.fullName)}"${born}.`, {
      fullName: 'Đã có thành viên này',
    });
  }
}

/**
 * Every stored rating of an organisation and its members, checked against a proposed state (new
 * dates, kind, roles). Returns the violations, each prefixed with the year and the person.
 */
export async function recheckRatings(
  db: Db,
  org: MassOrgDto,
  scheme: MassOrgKindDto['scheme'],
  members: readonly MemberDto[],
): Promise<string[]> {
  const teamRatings = await repo.listOrgRatings(db, org.id);
  const memberRatings = await memberRepo.memberRatingsOfOrg(db, org.id);
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
        out.push(`Xếp loại năm ${year} của ${memberNameText(m.fullName)}: ${v}`);
      }
    }
  }
  return out;
}

export function leadersOf(members: readonly MemberDto[], ratings: Map<string, MemberRatingDto[]>, year: number): LeaderRating[] {
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
export function areaOf(byId: ReadonlyMap<string, UnitDto>, unitId: string, stopAt: string | null): UnitDto | null {
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
export async function quotaFor(db: Db, year: number, scopeUnitId: string | null): Promise<MethodOutput<'massOrgs.quota'>> {
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
export async function quotaAround(db: Db, year: number, unitId: string): Promise<string[]> {
  const units = await listUnits(db, true);
  const area = areaOf(new Map(units.map((u) => [u.id, u])), unitId, null);
  return (await quotaFor(db, year, area?.id ?? unitId)).warnings;
}
