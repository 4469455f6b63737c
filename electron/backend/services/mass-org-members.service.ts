/**
 * Use cases of the members of mass organisations: list (135,000 rows, in name order), add, edit,
 * leave, rejoin, delete, and their yearly ratings under HD01. Each change runs in one transaction
 * and re-checks the pure rules of shared/domain/mass-orgs.ts against the rows as they would be.
 */
import { type ServiceContext, readDb } from '../context';
import { fieldsOf } from '../keys/fields';
import { HostTurns } from '../jobs/jobs';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { MemberDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { AppError } from '../errors';
import * as repo from '../repos/mass-orgs.repo';
import * as memberRepo from '../repos/mass-org-members.repo';
import { countMemberPage, pageOrgs, pageRatings, queryMemberPage } from '../repos/mass-org-members.page';
import type { Db } from '../repos/mass-orgs.repo';
import {
  GENDERS,
  MEMBER_ROLES,
  checkMemberDates,
  checkMemberRating,
  maskPhone,
  memberNameText,
  type Gender,
  type MemberRole,
  type NotRatedReason,
  type RatingLevel,
} from '../../../shared/domain/mass-orgs';
import { encodeRatingCell, type MemberColumns, type RatingCell } from '../../../shared/domain/mass-org-members-list';
import { formatDateVi } from '../../../shared/lib/dates';
import { cachedFigures, peekFigures } from './list-cache';
import {
  assertUniqueMember,
  calendarYear,
  checkNewMember,
  checkStatus,
  quotaAround,
  recheckRatings,
  refuse,
  requireKind,
  requireMember,
  requireOrg,
  MEMBER_STATUSES,
} from './mass-orgs.rules';

const UNKNOWN_MEMBER_FIELDS = 'Thành viên này không rõ họ tên hoặc giới tính (đơn vị không gửi lên tỉnh); không sửa được tại đây.';

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

/**
 * The members of one organisation (members.list), or of the whole office when `massOrgId` is null —
 * only for the Excel export, which writes a file; no screen receives the office's list whole.
 */
export async function listMembers(
  ctx: ServiceContext,
  filter: Omit<ParsedInput<'members.list'>, 'massOrgId'> & { massOrgId: string | null },
): Promise<MethodOutput<'members.list'>> {
  checkStatus(filter.status, MEMBER_STATUSES);
  const today = ctx.clock.today();
  const ratingYear = filter.year ?? calendarYear(today);
  // The office's whole list (the export: 135.716 members in a province) is read on the read-only
  // worker; one organisation's members (tens) on the app's connection, where a round trip costs less.
  const db = filter.massOrgId === null ? readDb(ctx) : ctx.db;
  const orgRows = await memberRepo.queryMemberOrgs(db, {
    massOrgId: filter.massOrgId,
    unitId: filter.unitId,
    kindId: filter.kind,
    activeYear: filter.year,
  });
  const orgIndex = new Map(orgRows.map((o, i) => [o.id, i]));
  const ratings = await memberRepo.memberRatingsOfYear(db, ratingYear, filter.massOrgId);
  const tuples = await memberRepo.queryMemberTuples(db, fieldsOf(ctx), {
    massOrgId: filter.massOrgId,
    activeYear: filter.year,
    words: repo.searchWords(filter.search),
  });
  const keep = statusTest(filter.status, today);
  const columns: MemberColumns = {
    id: [],
    fullName: [],
    org: [],
    gender: [],
    birthYear: [],
    ethnicity: [],
    role: [],
    phoneMasked: [],
    joinedOn: [],
    leftOn: [],
    rating: [],
  };
  const used = new Set<number>();
  const turns = new HostTurns();
  for (const [id, massOrgId, fullName, gender, birthYear, ethnicity, role, phone, joinedOn, leftOn] of tuples) {
    if (turns.due()) await turns.take();
    const org = orgIndex.get(massOrgId);
    if (org === undefined) continue;
    const r = ratings.get(id);
    const cell: RatingCell | null = r ? { level: r[0] as RatingLevel | null, notRatedReason: r[1] as NotRatedReason | null } : null;
    if (!keep(leftOn, cell)) continue;
    used.add(org);
    columns.id.push(id);
    columns.fullName.push(fullName);
    columns.org.push(org);
    // -1: not known here (an office's file left it out).
    columns.gender.push(gender === null ? -1 : GENDERS.indexOf(gender as Gender));
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

/**
 * One page of the members list: filter, search, order and count in SQL, so a province's 135,000
 * members cost one index walk for the first screen, and only a page travels to the screen.
 */
/** The tables a members page's count reads (organisations, their units, members, ratings). */
const MEMBER_PAGE_TABLES = ['mass_org_members', 'mass_orgs', 'mass_org_member_ratings', 'units'];

export async function pageMembers(ctx: ServiceContext, input: ParsedInput<'members.page'>): Promise<MethodOutput<'members.page'>> {
  checkStatus(input.status, MEMBER_STATUSES);
  const today = ctx.clock.today();
  const ratingYear = input.year ?? calendarYear(today);
  const q = {
    massOrgId: input.massOrgId,
    unitId: input.unitId,
    kindId: input.kind,
    activeYear: input.year,
    ratingYear,
    words: repo.searchWords(input.search),
    status: input.status,
    today,
  };
  // The count is the dearest part of a page (the whole filtered list); later pages of the question reuse it.
  // Asked with countLater and not counted yet: the rows go now, the count comes with the next call.
  const question = `members.page|${JSON.stringify(q)}`;
  const known = peekFigures<Awaited<ReturnType<typeof countMemberPage>>>(ctx, MEMBER_PAGE_TABLES, question);
  const counted = known !== undefined || input.page.countLater !== true;
  const counts = counted
    ? (known ?? (await cachedFigures(ctx, MEMBER_PAGE_TABLES, question, () => countMemberPage(readDb(ctx), q))))
    : null;
  const tuples =
    counts !== null && (counts.total === 0 || input.page.offset >= counts.total) ? [] : await queryMemberPage(readDb(ctx), q, input.page);
  const orgs = await pageOrgs(ctx.db, [...new Set(tuples.map((t) => t.mass_org_id))]);
  const ratings = await pageRatings(
    ctx.db,
    tuples.map((t) => t.id),
    ratingYear,
  );
  // The stored phone is sealed (docs/decisions.md (h15-crypt)): opened here only to be masked.
  const fields = fieldsOf(ctx);
  const rows = tuples.map((t) => {
    const o = orgs.get(t.mass_org_id)!;
    const r = ratings.get(t.id);
    return {
      id: t.id,
      massOrgId: t.mass_org_id,
      orgName: o.name,
      kindId: o.kind_id,
      unitId: o.unit_id,
      fullName: t.full_name,
      gender: t.gender as Gender | null,
      birthYear: t.birth_year,
      ethnicity: t.ethnicity,
      role: t.role as MemberRole,
      // Lists never carry a whole phone number; members.get does, for the member's own form.
      phoneMasked: maskPhone(fields.open('mass_org_members', 'phone', t.id, t.phone)),
      joinedOn: t.joined_on,
      leftOn: t.left_on,
      rating: r ? { level: r.level as RatingLevel | null, notRatedReason: r.not_rated_reason as NotRatedReason | null } : null,
    };
  });
  if (counts === null) {
    const upTo = input.page.offset + rows.length + (rows.length === input.page.limit ? 1 : 0);
    return { offset: input.page.offset, total: upTo, rows, ratingYear, genders: { women: 0, men: 0, unknown: 0 }, counted: false };
  }
  const genders = { women: counts.women, men: counts.men, unknown: counts.total - counts.women - counts.men };
  return { offset: input.page.offset, total: counts.total, rows, ratingYear, genders, counted: true };
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
  const member = await requireMember(ctx.db, fieldsOf(ctx), id);
  return { member, ratings: await memberRepo.listMemberRatings(ctx.db, id) };
}

/**
 * Checks and writes a member (a new one when `current` is null) inside the caller's transaction;
 * shared by the service methods and the Excel import. Every stored rating of the organisation must
 * still hold afterwards (a new role, shorter membership...).
 */
export async function saveMemberIn(
  ctx: ServiceContext,
  trx: Db,
  current: MemberDto | null,
  next: memberRepo.MemberWrite,
): Promise<MemberDto> {
  // A new member: the checks the Excel import runs on its new rows too (mass-orgs.rules.ts).
  const org = current === null ? checkNewMember(await repo.findOrg(trx, next.massOrgId), next) : await requireOrg(trx, next.massOrgId);
  if (current !== null) {
    const dates = checkMemberDates(next, org);
    if (dates) throw new AppError('RULE', dates, { [next.leftOn !== current.leftOn ? 'leftOn' : 'joinedOn']: 'Ngày không hợp lệ' });
  }
  await assertUniqueMember(trx, fieldsOf(ctx), { id: current?.id ?? null, ...next });
  const at = ctx.clock.timestamp();
  if (current === null) {
    const id = ctx.newId();
    await memberRepo.insertMembers(trx, fieldsOf(ctx), [{ id, ...next }], at);
    return requireMember(trx, fieldsOf(ctx), id);
  }
  const kind = await requireKind(trx, org.kindId);
  const proposed: MemberDto = { ...current, ...next };
  const members = (await memberRepo.listOrgMembers(trx, fieldsOf(ctx), org.id)).map((m) => (m.id === current.id ? proposed : m));
  refuse(await recheckRatings(trx, org, kind.scheme, members));
  // A membership changed by hand no longer follows the organisation's reopening.
  await memberRepo.updateMember(trx, fieldsOf(ctx), current.id, { ...next, leftWithOrg: false }, at);
  return requireMember(trx, fieldsOf(ctx), current.id);
}

function memberWriteOf(m: MemberDto): memberRepo.MemberWrite {
  // Only an office's member at the province lacks these (the guard refuses changes to it first).
  if (m.fullName === null || m.gender === null) throw new AppError('RULE', UNKNOWN_MEMBER_FIELDS);
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
    const member = await requireMember(trx, fieldsOf(ctx), input.id);
    const { id: _id, ...fields } = input;
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), ...fields });
  });
}

export async function leaveMember(ctx: ServiceContext, input: ParsedInput<'members.leave'>): Promise<MemberDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, fieldsOf(ctx), input.id);
    if (member.leftOn !== null) {
      throw new AppError('RULE', `${memberNameText(member.fullName)} đã thôi tham gia từ ${formatDateVi(member.leftOn)}.`);
    }
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), leftOn: input.leftOn, leftReason: input.reason });
  });
}

export async function rejoinMember(ctx: ServiceContext, id: string): Promise<MemberDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, fieldsOf(ctx), id);
    if (member.leftOn === null) return member;
    return saveMemberIn(ctx, trx, member, { ...memberWriteOf(member), leftOn: null, leftReason: null });
  });
}

export async function deleteMember(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, fieldsOf(ctx), id);
    const at = ctx.clock.timestamp();
    await memberRepo.tombstoneMemberRatings(trx, [member.id], null, at);
    await memberRepo.updateMember(trx, fieldsOf(ctx), member.id, { deletedAt: at }, at);
    return { id };
  });
}

export async function rateMember(ctx: ServiceContext, input: ParsedInput<'members.rate'>): Promise<MethodOutput<'members.rate'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, fieldsOf(ctx), input.id);
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
    await memberRepo.upsertMemberRating(trx, ctx.newId, member.id, input.year, draft, ctx.clock.timestamp());
    const rating = (await memberRepo.listMemberRatings(trx, member.id)).find((r) => r.year === input.year)!;
    const warnings = await quotaAround(trx, input.year, org.unitId);
    return { rating, warnings };
  });
}

export async function unrateMember(ctx: ServiceContext, input: ParsedInput<'members.unrate'>): Promise<{ id: string; year: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await requireMember(trx, fieldsOf(ctx), input.id);
    const had = (await memberRepo.listMemberRatings(trx, member.id)).some((r) => r.year === input.year);
    if (!had) throw new AppError('NOT_FOUND', `${memberNameText(member.fullName)} chưa có xếp loại năm ${input.year}.`);
    await memberRepo.tombstoneMemberRatings(trx, [member.id], input.year, ctx.clock.timestamp());
    return { id: member.id, year: input.year };
  });
}
