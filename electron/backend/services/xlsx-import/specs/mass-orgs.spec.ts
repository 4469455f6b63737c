/**
 * Excel import/export of mass organisations ('mass_orgs') and their members ('members').
 *
 * Natural keys make a re-import idempotent: an organisation is (unit, kind, name without
 * diacritics/case), a member is (organisation, name without diacritics/case, birth year). Rows are
 * written through the same checks as the screens (saveOrgIn / saveMemberIn), so a file cannot store
 * what a form would refuse. Ratings are not part of these sheets: they follow the HD01 rules and are
 * given in the app.
 */
import type { ImportSpec, ImportStatus, ParseResult, XlsxColumn, CellValue } from '../../../xlsx/spec';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex } from '../../../xlsx/unit-index';
import { readDb, type ServiceContext } from '../../../context';
import { mapInTurns } from '../../../jobs/jobs';
import { fieldsOf } from '../../../keys/fields';
import type { ListFilter } from '../../../../../shared/domain/registries';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto, MemberDto } from '../../../../../shared/ipc/contracts/mass-orgs.contract';
import { findUnitsByIds, listUnits } from '../../../repos/units.repo';
import * as repo from '../../../repos/mass-orgs.repo';
import type { Db } from '../../../repos/mass-orgs.repo';
import { listKinds, listMembers, listOrgs, saveMemberIn, saveOrgIn } from '../../../services/mass-orgs.service';
import { GENDER_LABELS, ROLE_LABELS, normalizePhone, type Gender, type MemberRole } from '../../../../../shared/domain/mass-orgs';
import { checkNewMember, checkOrgWrite } from '../../../services/mass-orgs.rules';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { foldVietnamese } from '../../../../../shared/lib/text';

// ---------------------------------------------------------------------------------------------
// Shared look-ups
// ---------------------------------------------------------------------------------------------

interface KindLookup {
  byName: Map<string, MassOrgKindDto>;
  all: MassOrgKindDto[];
}

function kindLookup(kinds: MassOrgKindDto[]): KindLookup {
  return { byName: new Map(kinds.map((k) => [foldVietnamese(k.name), k])), all: kinds };
}

function orgKey(unitId: string, kindId: string, name: string): string {
  return `${unitId}|${kindId}|${foldVietnamese(name)}`;
}

/** The kind named in the 'kind' column (both sheets call it "Loại tổ chức"). */
function readKind(r: RowReader, kinds: KindLookup): MassOrgKindDto | null {
  const text = r.text('kind', { required: true });
  if (text === null) return null;
  const kind = kinds.byName.get(foldVietnamese(text));
  if (!kind) {
    const known = kinds.all
      .filter((k) => k.active)
      .map((k) => k.name)
      .join(', ');
    r.problem(`Cột "Loại tổ chức": không có loại tổ chức "${text}" trong danh mục (${known}).`, 'kind');
    return null;
  }
  return kind;
}

/** Unit id → the label that resolves back to the same unit on import. */
function unitLabeller(units: readonly UnitDto[]): (id: string) => string {
  const resolver = new UnitIndex(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  return (id) => {
    const unit = byId.get(id);
    return unit ? resolver.label(unit) : '';
  };
}

function dateCell(iso: string | null): string | null {
  return iso === null ? null : formatDateVi(iso);
}

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

export type OrgImport = repo.OrgWrite;

interface OrgLookup {
  units: UnitIndex;
  kinds: KindLookup;
  /** Natural keys of the organisations already stored (a deactivated kind stays usable for them). */
  existing: Set<string>;
}

const ORG_COLUMNS: readonly XlsxColumn[] = [
  {
    key: 'unit',
    header: 'Đơn vị',
    width: 34,
    required: true,
    example: 'Xã Gia Hòa / Thôn 1',
    note: 'Tên đơn vị (kèm đơn vị cấp trên nếu trùng tên) hoặc mã đơn vị.',
  },
  {
    key: 'kind',
    header: 'Loại tổ chức',
    width: 30,
    required: true,
    example: 'Tổ bảo vệ an ninh, trật tự',
    note: 'Tên loại như trong danh mục "Loại tổ chức" của phần mềm.',
  },
  { key: 'name', header: 'Tên tổ chức', width: 36, required: true, example: 'Tổ bảo vệ an ninh, trật tự thôn 1' },
  { key: 'decisionIssuer', header: 'Cơ quan ra quyết định thành lập', width: 28, example: 'UBND xã Gia Hòa' },
  { key: 'decisionNumber', header: 'Số quyết định', width: 16, example: '125/QĐ-UBND' },
  { key: 'decisionDate', header: 'Ngày quyết định', width: 14, example: '20/06/2024' },
  { key: 'validFrom', header: 'Hoạt động từ ngày', width: 14, required: true, example: '01/07/2024' },
  { key: 'validTo', header: 'Kết thúc từ ngày', width: 14, note: 'Để trống nếu đang hoạt động.' },
  { key: 'endReason', header: 'Lý do kết thúc', width: 28, note: 'Bắt buộc khi có ngày kết thúc.' },
  { key: 'note', header: 'Ghi chú', width: 30 },
];
const ORG_HEADERS = headerMap(ORG_COLUMNS);

function sameOrg(a: repo.OrgWrite, b: MassOrgDto): boolean {
  return (
    a.kindId === b.kindId &&
    a.unitId === b.unitId &&
    a.name === b.name &&
    a.decisionIssuer === b.decisionIssuer &&
    a.decisionNumber === b.decisionNumber &&
    a.decisionDate === b.decisionDate &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo &&
    a.endReason === b.endReason &&
    a.note === b.note
  );
}

export const massOrgsSpec: ImportSpec<OrgImport, OrgLookup> = {
  id: 'mass_orgs',
  title: 'Tổ chức quần chúng',
  columns: ORG_COLUMNS,

  async prepare(ctx: ServiceContext): Promise<OrgLookup> {
    const [units, kinds, orgs] = await Promise.all([listUnits(ctx.db, true), listKinds(ctx), repo.listAllOrgs(ctx.db)]);
    return {
      units: new UnitIndex(units),
      kinds: kindLookup(kinds),
      existing: new Set(orgs.map((o) => orgKey(o.unitId, o.kindId, o.name))),
    };
  },

  parseRow(cells, lookup): ParseResult<OrgImport> {
    const r = new RowReader(cells, ORG_HEADERS);
    const unit = r.unit('unit', lookup.units, { required: true });
    const kind = readKind(r, lookup.kinds);
    const name = r.text('name', { required: true, max: 200 });
    const decisionIssuer = r.text('decisionIssuer', { max: 200 });
    const decisionNumber = r.text('decisionNumber', { max: 50 });
    const decisionDate = r.date('decisionDate');
    const validFrom = r.date('validFrom', { required: true });
    const validTo = r.date('validTo');
    const endReason = r.text('endReason', { max: 500 });
    const note = r.text('note', { max: 1000 });
    if (validFrom && validTo && validTo < validFrom) {
      r.problem(
        `Ngày kết thúc (${formatDateVi(validTo)}) không được trước ngày bắt đầu hoạt động (${formatDateVi(validFrom)}).`,
        'validTo',
      );
    }
    if (validTo && !endReason) r.problem('Cột "Lý do kết thúc": cần ghi lý do khi có ngày kết thúc.', 'endReason');
    if (!validTo && endReason) r.problem('Cột "Kết thúc từ ngày": có lý do kết thúc nhưng chưa ghi ngày kết thúc.', 'validTo');
    if (unit && kind && name && !kind.active && !lookup.existing.has(orgKey(unit.id, kind.id, name))) {
      r.problem(`Cột "Loại tổ chức": loại "${kind.name}" đã ngừng sử dụng, không thể thêm tổ chức mới thuộc loại này.`, 'kind');
    }
    if (unit && unit.validTo !== null && (!validTo || validTo > unit.validTo)) {
      r.problem(
        `Đơn vị "${unit.name}" đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}; tổ chức thuộc đơn vị này phải kết thúc chậm nhất vào ngày đó.`,
        'validTo',
      );
    }
    if (r.issues.length > 0 || !unit || !kind || !name || !validFrom) return { ok: false, errors: r.issues };
    return {
      ok: true,
      label: `${name} (${unit.name})`,
      value: {
        unitId: unit.id,
        kindId: kind.id,
        name,
        decisionIssuer,
        decisionNumber,
        decisionDate,
        validFrom,
        validTo,
        endReason: validTo ? endReason : null,
        note,
      },
    };
  },

  naturalKey: (v) => orgKey(v.unitId, v.kindId, v.name),

  async classify(db: Db, values, _ctx, pause): Promise<ImportStatus[]> {
    // The stored organisations by key, 300 keys per statement (the job's checkpoint between them).
    const found = await repo.findOrgsByKeys(db, values, pause);
    return values.map((v) => {
      const current = found.get(repo.orgLookupKey(v.unitId, v.kindId, v.name)) ?? null;
      return current === null ? 'new' : sameOrg(v, current) ? 'unchanged' : 'update';
    });
  },

  /**
   * New organisations are checked as saveOrgIn checks them (checkOrgWrite: kind, unit, dates) with the
   * kinds and units read once, and written by multi-row INSERTs; a changed one still goes through
   * saveOrgIn (its members follow its dates, its ratings are checked again), after the new ones
   * before it are written. Uniqueness: the file's rows have distinct natural keys (the import marks
   * repeats), and a key with no live organisation in `found` is free.
   */
  async apply(db: Db, ctx: ServiceContext, values): Promise<void> {
    const found = await repo.findOrgsByKeys(db, values);
    const kinds = new Map((await repo.listKinds(db)).map((k) => [k.id, k]));
    const units = await findUnitsByIds(db, [...new Set(values.map((v) => v.unitId))]);
    const at = ctx.clock.timestamp();
    const pending: { id: string; org: repo.OrgWrite }[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await repo.insertOrgs(db, pending, at);
      pending.length = 0;
    };
    for (const v of values) {
      const current = found.get(repo.orgLookupKey(v.unitId, v.kindId, v.name)) ?? null;
      if (current !== null && sameOrg(v, current)) continue;
      if (current !== null) {
        await flush();
        await saveOrgIn(ctx, db, current, v);
        continue;
      }
      checkOrgWrite(kinds.get(v.kindId) ?? null, units.get(v.unitId) ?? null, null, v);
      pending.push({ id: ctx.newId(), org: v });
    }
    await flush();
  },

  async exportRows(ctx: ServiceContext, filter: ListFilter): Promise<Record<string, CellValue>[]> {
    const [list, all, kinds, units] = await Promise.all([
      listOrgs(ctx, filter),
      repo.listAllOrgs(ctx.db),
      listKinds(ctx),
      listUnits(ctx.db, true),
    ]);
    const byId = new Map(all.map((o) => [o.id, o]));
    const kindName = new Map(kinds.map((k) => [k.id, k.name]));
    const label = unitLabeller(units);
    return list.rows.map((row) => {
      const o = byId.get(row.id)!;
      return {
        unit: label(o.unitId),
        kind: kindName.get(o.kindId) ?? '',
        name: o.name,
        decisionIssuer: o.decisionIssuer,
        decisionNumber: o.decisionNumber,
        decisionDate: dateCell(o.decisionDate),
        validFrom: dateCell(o.validFrom),
        validTo: dateCell(o.validTo),
        endReason: o.endReason,
        note: o.note,
      };
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

export type MemberImport = repo.MemberWrite;

interface MemberLookup {
  units: UnitIndex;
  kinds: KindLookup;
  orgs: Map<string, MassOrgDto>;
}

const MEMBER_COLUMNS: readonly XlsxColumn[] = [
  { key: 'unit', header: 'Đơn vị', width: 30, required: true, example: 'Xã Gia Hòa / Thôn 1', note: 'Đơn vị của tổ chức.' },
  { key: 'kind', header: 'Loại tổ chức', width: 28, required: true, example: 'Tổ bảo vệ an ninh, trật tự' },
  {
    key: 'org',
    header: 'Tên tổ chức',
    width: 34,
    required: true,
    example: 'Tổ bảo vệ an ninh, trật tự thôn 1',
    note: 'Tổ chức phải có sẵn trong phần mềm (nhập bảng "Tổ chức quần chúng" trước).',
  },
  { key: 'fullName', header: 'Họ và tên', width: 26, required: true, example: 'Nguyễn Văn An' },
  { key: 'gender', header: 'Giới tính', width: 10, required: true, options: Object.values(GENDER_LABELS), example: 'Nam' },
  { key: 'birthYear', header: 'Năm sinh', width: 10, example: '1980' },
  { key: 'ethnicity', header: 'Dân tộc', width: 12, example: 'Kinh' },
  { key: 'role', header: 'Chức danh', width: 12, required: true, options: Object.values(ROLE_LABELS), example: 'Tổ trưởng' },
  {
    key: 'phone',
    header: 'Số điện thoại',
    width: 15,
    example: '0912345678',
    note: 'Dữ liệu cá nhân: chỉ hiện đầy đủ trong phiếu sửa của thành viên.',
  },
  { key: 'joinedOn', header: 'Ngày tham gia', width: 14, required: true, example: '01/07/2024' },
  { key: 'leftOn', header: 'Ngày thôi tham gia', width: 14, note: 'Để trống nếu còn tham gia.' },
  { key: 'leftReason', header: 'Lý do thôi tham gia', width: 26 },
  { key: 'note', header: 'Ghi chú', width: 26 },
];
const MEMBER_HEADERS = headerMap(MEMBER_COLUMNS);

function memberKey(massOrgId: string, fullName: string, birthYear: number | null): string {
  return `${massOrgId}|${repo.memberNameKey(fullName)}|${birthYear ?? ''}`;
}

function sameMember(a: repo.MemberWrite, b: MemberDto): boolean {
  return (
    a.massOrgId === b.massOrgId &&
    a.fullName === b.fullName &&
    a.gender === b.gender &&
    a.birthYear === b.birthYear &&
    a.ethnicity === b.ethnicity &&
    a.phone === b.phone &&
    a.role === b.role &&
    a.joinedOn === b.joinedOn &&
    a.leftOn === b.leftOn &&
    a.leftReason === b.leftReason &&
    a.note === b.note
  );
}

export const membersSpec: ImportSpec<MemberImport, MemberLookup> = {
  id: 'members',
  title: 'Thành viên tổ chức quần chúng',
  columns: MEMBER_COLUMNS,

  async prepare(ctx: ServiceContext): Promise<MemberLookup> {
    const [units, kinds, orgs] = await Promise.all([listUnits(ctx.db, true), listKinds(ctx), repo.listAllOrgs(ctx.db)]);
    return {
      units: new UnitIndex(units),
      kinds: kindLookup(kinds),
      orgs: new Map(orgs.map((o) => [orgKey(o.unitId, o.kindId, o.name), o])),
    };
  },

  parseRow(cells, lookup): ParseResult<MemberImport> {
    const r = new RowReader(cells, MEMBER_HEADERS);
    const unit = r.unit('unit', lookup.units, { required: true });
    const kind = readKind(r, lookup.kinds);
    const orgName = r.text('org', { required: true, max: 200 });
    let org: MassOrgDto | null = null;
    if (unit && kind && orgName) {
      org = lookup.orgs.get(orgKey(unit.id, kind.id, orgName)) ?? null;
      if (!org) {
        r.problem(
          `Cột "Tên tổ chức": không tìm thấy ${kind.name.toLowerCase()} "${orgName}" thuộc "${unit.name}"; hãy thêm tổ chức trước.`,
          'org',
        );
      }
    }
    const fullName = r.text('fullName', { required: true, max: 100 });
    const gender = r.choice<Gender>('gender', GENDER_LABELS, { required: true });
    const birthYear = r.int('birthYear', { min: 1900, max: 2100 });
    const ethnicity = r.text('ethnicity', { max: 50 });
    const role = r.choice<MemberRole>('role', ROLE_LABELS, { required: true });
    // A phone typed into a number cell loses its leading 0 (912345678): put it back.
    const phoneText = r.raw('phone').replace(/^([1-9]\d{8,9})$/, '0$1');
    const phone = normalizePhone(phoneText);
    if (!phone.ok) r.problem(`Cột "Số điện thoại": ${phone.message}`, 'phone');
    const joinedOn = r.date('joinedOn', { required: true });
    const leftOn = r.date('leftOn');
    const leftReason = r.text('leftReason', { max: 500 });
    const note = r.text('note', { max: 1000 });
    if (joinedOn && leftOn && leftOn < joinedOn) {
      r.problem(`Ngày thôi tham gia (${formatDateVi(leftOn)}) không được trước ngày tham gia (${formatDateVi(joinedOn)}).`, 'leftOn');
    }
    if (!leftOn && leftReason) r.problem('Cột "Ngày thôi tham gia": có lý do thôi tham gia nhưng chưa ghi ngày.', 'leftOn');
    if (org && joinedOn && joinedOn < org.validFrom) {
      r.problem(
        `Ngày tham gia (${formatDateVi(joinedOn)}) không được trước ngày "${org.name}" bắt đầu hoạt động (${formatDateVi(org.validFrom)}).`,
        'joinedOn',
      );
    }
    if (r.issues.length > 0 || !org || !fullName || !gender || !role || !joinedOn || !phone.ok) return { ok: false, errors: r.issues };
    return {
      ok: true,
      label: `${fullName} (${org.name})`,
      value: { massOrgId: org.id, fullName, gender, birthYear, ethnicity, phone: phone.value, role, joinedOn, leftOn, leftReason, note },
    };
  },

  naturalKey: (v) => memberKey(v.massOrgId, v.fullName, v.birthYear),

  async classify(db: Db, values, ctx, pause): Promise<ImportStatus[]> {
    // The stored members by key, 300 keys per statement through the natural key's index (135.716
    // members at province scale), the job's checkpoint between statements.
    const found = await repo.findMembersByKeys(db, fieldsOf(ctx ?? {}), values, pause);
    return values.map((v) => {
      const current = found.get(repo.memberLookupKey(v.massOrgId, v.fullName, v.birthYear)) ?? null;
      return current === null ? 'new' : sameMember(v, current) ? 'unchanged' : 'update';
    });
  },

  /**
   * New members are checked as saveMemberIn checks them (checkNewMember: the organisation exists, has
   * not ended unless the member left, the dates) with the organisations read once, and written by one
   * multi-row INSERT per 400 rows; a changed member still goes through saveMemberIn (its ratings are
   * checked again), after the new ones before it are written, so every check sees the rows above it.
   * Uniqueness: the file's rows have distinct natural keys (the import marks repeats), and a key
   * with no live member in `found` is free.
   */
  async apply(db: Db, ctx: ServiceContext, values): Promise<void> {
    const fields = fieldsOf(ctx);
    const found = await repo.findMembersByKeys(db, fields, values);
    const orgs = await repo.findOrgsByIds(
      db,
      values.map((v) => v.massOrgId),
    );
    const at = ctx.clock.timestamp();
    const pending: (repo.MemberWrite & { id: string })[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await repo.insertMembers(db, fields, pending, at);
      pending.length = 0;
    };
    for (const v of values) {
      const current = found.get(repo.memberLookupKey(v.massOrgId, v.fullName, v.birthYear)) ?? null;
      if (current !== null && sameMember(v, current)) continue;
      if (current !== null) {
        await flush();
        await saveMemberIn(ctx, db, current, v);
        continue;
      }
      checkNewMember(orgs.get(v.massOrgId) ?? null, v);
      pending.push({ id: ctx.newId(), ...v });
    }
    await flush();
  },

  async exportRows(ctx: ServiceContext, filter: ListFilter): Promise<Record<string, CellValue>[]> {
    // Read on the read-only worker, and every per-row step in turns of the host (issue 16 item 3):
    // 135.716 members are two reads of the table and 1,4 s of CPU opening their phones.
    const db = readDb(ctx);
    const [list, members, orgs, kinds, units] = await Promise.all([
      listMembers(ctx, { ...filter, massOrgId: null }),
      repo.listAllMembers(db, fieldsOf(ctx)),
      repo.listAllOrgs(db),
      listKinds(ctx),
      listUnits(db, true),
    ]);
    // The office's own register round-trips in full, phone included; summaries for the province
    // must leave PERSONAL_MEMBER_FIELDS out.
    const byId = new Map(members.map((m) => [m.id, m]));
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const kindName = new Map(kinds.map((k) => [k.id, k.name]));
    const label = unitLabeller(units);
    return mapInTurns(list.columns.id, (id) => {
      const m = byId.get(id)!;
      const o = orgById.get(m.massOrgId)!;
      return {
        unit: label(o.unitId),
        kind: kindName.get(o.kindId) ?? '',
        org: o.name,
        fullName: m.fullName,
        // Not known here (an office's file left it out): an empty cell, never a value.
        gender: m.gender === null ? null : GENDER_LABELS[m.gender],
        birthYear: m.birthYear,
        ethnicity: m.ethnicity,
        role: ROLE_LABELS[m.role],
        phone: m.phone,
        joinedOn: dateCell(m.joinedOn),
        leftOn: dateCell(m.leftOn),
        leftReason: m.leftReason,
        note: m.note,
      };
    });
  },
};
