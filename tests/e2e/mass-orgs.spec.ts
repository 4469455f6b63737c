/**
 * Mass organisations end to end: organisations of both rating schemes, members (phones masked in
 * lists), HD01 ratings with the refused leader rating, the nine-month rule and the 20 % warning,
 * filters and search, ending/reopening/deleting, the catalogue of kinds, and Excel import/export.
 * Each flow checks what the person sees and what the database file holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { MassOrgsPage } from './pages/MassOrgsPage';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';

/** A phone as the file holds it: sealed under the session's data key (docs/decisions.md (h15-crypt)), never in clear. */
const SEALED = expect.stringMatching(/^enc1:[A-Za-z0-9+/]+=*$/);

const KIND = Object.fromEntries(BUILT_IN_KINDS.map((k) => [k.code, k.id])) as Record<string, string>;

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const orgRow = (db: DbReader, name: string) =>
  db.get<Record<string, unknown>>('SELECT * FROM mass_orgs WHERE name = ? AND deleted_at IS NULL', name);
const memberRow = (db: DbReader, name: string) =>
  db.get<Record<string, unknown>>('SELECT * FROM mass_org_members WHERE full_name = ?', name);

async function createOrg(host: RunningHost, unit: string, kind: string, name: string, validFrom = '2024-07-01'): Promise<{ id: string }> {
  return apiOf(host).call('massOrgs.create', {
    kindId: KIND[kind]!,
    unitId: unit,
    name,
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom,
    note: null,
  });
}

async function createMember(
  host: RunningHost,
  orgId: string,
  fullName: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string }> {
  return apiOf(host).call('members.create', {
    massOrgId: orgId,
    fullName,
    gender: 'nam',
    birthYear: 1980,
    ethnicity: 'Kinh',
    phone: '',
    role: 'to_vien',
    joinedOn: '2024-07-01',
    note: null,
    ...extra,
  });
}

let thonDong: string;
let thonTay: string;

test.beforeEach(async ({ host, page, db }) => {
  await setupGiaVien(host);
  const hoa = unitId(db, 'Xã Gia Hòa');
  thonDong = (
    await apiOf(host).call('units.create', { parentId: hoa, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' })
  ).id;
  thonTay = (await apiOf(host).call('units.create', { parentId: hoa, name: 'Thôn Tây', kind: 'thon', code: null, validFrom: '2020-01-01' }))
    .id;
  await page.goto(host.url);
});

test('create an organisation of each rating scheme and rate the one rated hiệu quả', async ({ page, db }) => {
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.addOrg({
    kind: 'Tổ bảo vệ an ninh, trật tự',
    name: 'Tổ bảo vệ ANTT thôn Đông',
    unit: { typed: 'thon dong', option: /Thôn Đông$/ },
    decisionNumber: '125/QĐ-UBND',
    decisionDate: '20/06/2024',
    decisionIssuer: 'UBND xã Gia Hòa',
    validFrom: '01/07/2024',
  });
  await expect(mo.title()).toHaveText('Tổ bảo vệ ANTT thôn Đông');
  await expect(mo.detailField('Quyết định thành lập')).toHaveText('Số 125/QĐ-UBND ngày 20/06/2024 của UBND xã Gia Hòa');
  await expect(mo.detailField('Kỳ đánh giá năm 2026')).toContainText('15/11/2025 – 14/11/2026; tổ hoạt động 12 tháng trong kỳ');
  expect(orgRow(db, 'Tổ bảo vệ ANTT thôn Đông')).toMatchObject({
    kind_id: KIND['to_bao_ve_antt'],
    unit_id: thonDong,
    decision_number: '125/QĐ-UBND',
    decision_date: '2024-06-20',
    decision_issuer: 'UBND xã Gia Hòa',
    valid_from: '2024-07-01',
    valid_to: null,
  });

  await mo.back();
  // A missing name is refused in the form; what was typed stays.
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const d = mo.dialog('Thêm tổ chức quần chúng');
  await mo.fillOrg(d, { kind: 'Tổ hòa giải', unit: { typed: 'gia hoa', option: /Xã Gia Hòa$/ }, validFrom: '01/03/2026' });
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(d.getByText('Tên tổ chức không được để trống.')).toBeVisible();
  await expect(d.getByRole('textbox', { name: 'Hoạt động từ' })).toHaveValue('01/03/2026');
  await mo.fillOrg(d, { name: 'Tổ hòa giải xã Gia Hòa' });
  await d.getByRole('button', { name: 'Lưu' }).click();
  await mo.expectNoDialog();
  await expect(mo.title()).toHaveText('Tổ hòa giải xã Gia Hòa');

  await mo.action('Xếp loại');
  const r = mo.dialog('Xếp loại "Tổ hòa giải xã Gia Hòa"');
  await expect(r.getByRole('radio')).toHaveCount(2);
  await expect(r.getByRole('radio', { name: 'Hoàn thành tốt' })).toHaveCount(0);
  await mo.chooseLevel(r, 'Hoạt động hiệu quả');
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await mo.expectNoDialog();
  await expect(mo.ratingsTable().getByRole('row').filter({ hasText: '2026' })).toContainText('Hoạt động hiệu quả');

  await mo.back();
  await expect(mo.rows(mo.orgsTable())).toHaveCount(2);
  await expect(mo.row(mo.orgsTable(), 'Tổ hòa giải xã Gia Hòa')).toContainText('Hoạt động hiệu quả');
  await expect(mo.totals(mo.orgsTable())).toContainText('Tổng cộng: 2 tổ chức');
  const hg = orgRow(db, 'Tổ hòa giải xã Gia Hòa')!;
  expect(hg).toMatchObject({ kind_id: KIND['to_hoa_giai'], valid_from: '2026-03-01', decision_number: null });
  expect(db.all('SELECT year, level, not_rated_reason FROM mass_org_ratings WHERE mass_org_id = ?', hg['id'])).toEqual([
    { year: 2026, level: 'hieu_qua', not_rated_reason: null },
  ]);
});

test('add, edit, leave and delete members; the phone is masked in lists and whole only in the member’s form', async ({
  page,
  host,
  db,
}) => {
  await createOrg(host, thonDong, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT thôn Đông');
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.openOrg('Tổ bảo vệ ANTT thôn Đông');

  await mo.addMember({
    fullName: 'Nguyễn Thị Lan',
    gender: 'Nữ',
    birthYear: '1985',
    ethnicity: 'Mường',
    role: 'Tổ trưởng',
    phone: '0912 345 678',
    joinedOn: '01/07/2024',
  });
  const row = mo.row(mo.orgMembersTable(), 'Nguyễn Thị Lan');
  await expect(row).toContainText('09******78');
  await expect(row).toContainText('Tổ trưởng');
  await expect(page.getByText('0912345678')).toHaveCount(0);
  expect(memberRow(db, 'Nguyễn Thị Lan')).toMatchObject({
    gender: 'nu',
    birth_year: 1985,
    ethnicity: 'Mường',
    role: 'to_truong',
    phone: SEALED,
    joined_on: '2024-07-01',
  });

  // A bad phone is refused with a Vietnamese message; what was typed stays; nothing is written.
  await mo.action('Thêm thành viên');
  const add = mo.dialog(/^Thêm thành viên vào/);
  await mo.fillMember(add, { fullName: 'Trần Văn Nhầm', gender: 'Nam', phone: '0912' });
  await add.getByRole('button', { name: 'Lưu' }).click();
  await expect(add.getByText('Số điện thoại "0912" không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84).').first()).toBeVisible();
  await expect(add.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue('Trần Văn Nhầm');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members')!.n).toBe(1);
  await add.getByRole('textbox', { name: 'Số điện thoại' }).fill('');
  await add.getByRole('button', { name: 'Lưu' }).click();
  await mo.expectNoDialog();

  const m = await mo.openMember(mo.orgMembersTable(), 'Nguyễn Thị Lan');
  await expect(m.getByRole('textbox', { name: 'Số điện thoại' })).toHaveValue('0912345678');
  await m.getByRole('textbox', { name: 'Họ và tên' }).fill('Nguyễn Thị Lan Anh');
  await mo.fillMember(m, { role: 'Tổ phó', phone: '+84 987 654 321' });
  await m.getByRole('button', { name: 'Lưu' }).click();
  await expect(m.getByRole('textbox', { name: 'Số điện thoại' })).toHaveValue('0987654321');
  await page.keyboard.press('Escape');
  await mo.expectNoDialog();
  await expect(mo.row(mo.orgMembersTable(), 'Nguyễn Thị Lan Anh')).toContainText('09******21');
  expect(memberRow(db, 'Nguyễn Thị Lan Anh')).toMatchObject({
    role: 'to_pho',
    phone: SEALED,
    full_name_folded: 'nguyen thi lan anh',
  });

  const again = await mo.openMember(mo.orgMembersTable(), 'Nguyễn Thị Lan Anh');
  await again.getByRole('button', { name: 'Thôi tham gia' }).click();
  const leave = mo.dialog('Nguyễn Thị Lan Anh thôi tham gia');
  await mo.fillDate(leave, 'Ngày thôi tham gia', '31/10/2026');
  await leave.getByRole('textbox', { name: 'Lý do' }).fill('Chuyển công tác');
  await leave.getByRole('button', { name: 'Thôi tham gia' }).click();
  const lanAnh = mo.dialog('Thành viên Nguyễn Thị Lan Anh');
  await expect(lanAnh).toContainText('Đã thôi từ 31/10/2026');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(lanAnh).toBeHidden({ timeout: 1000 });
  }).toPass();
  await expect(mo.row(mo.orgMembersTable(), 'Nguyễn Thị Lan Anh')).toContainText('31/10/2026');
  expect(memberRow(db, 'Nguyễn Thị Lan Anh')).toMatchObject({ left_on: '2026-10-31', left_reason: 'Chuyển công tác' });
  await expect(mo.detailField('Thành viên')).toHaveText('1 đang tham gia, 1 đã thôi');

  const wrong = await mo.openMember(mo.orgMembersTable(), 'Trần Văn Nhầm');
  await wrong.getByRole('button', { name: 'Xóa (nhập nhầm)' }).click();
  await wrong.getByRole('button', { name: 'Xóa', exact: true }).click();
  await mo.expectNoDialog();
  await expect(mo.row(mo.orgMembersTable(), 'Trần Văn Nhầm')).toHaveCount(0);
  expect(memberRow(db, 'Trần Văn Nhầm')!['deleted_at']).not.toBeNull();
});

test('rate a team and its members: a leader above the team is refused, the 20 % excess is a warning', async ({ page, host, db }) => {
  const a = await createOrg(host, thonDong, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT thôn Đông');
  const b = await createOrg(host, thonTay, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT thôn Tây');
  const leader = await createMember(host, a.id, 'Đinh Văn Hùng', { role: 'to_truong' });
  await createMember(host, a.id, 'Phạm Văn Đức');
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.openOrg('Tổ bảo vệ ANTT thôn Đông');

  await mo.action('Xếp loại');
  let r = mo.dialog('Xếp loại "Tổ bảo vệ ANTT thôn Đông"');
  await expect(r).toContainText('Kỳ đánh giá: 15/11/2025 – 14/11/2026');
  await mo.chooseLevel(r, 'Hoàn thành tốt');
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await mo.expectNoDialog();
  await expect(mo.ratingsTable()).toContainText('Hoàn thành tốt');

  // The tổ trưởng above the team: the rule is shown while choosing and saving is blocked.
  const m = await mo.openMember(mo.orgMembersTable(), 'Đinh Văn Hùng');
  await m.getByRole('button', { name: 'Xếp loại' }).click();
  r = mo.dialog('Xếp loại thành viên Đinh Văn Hùng');
  await expect(r).toContainText('Xếp loại của tổ năm này: Hoàn thành tốt');
  await mo.chooseLevel(r, 'Hoàn thành xuất sắc');
  const rules = r.getByRole('alert').filter({ hasText: 'Chưa phù hợp quy định HD01/HD-BCA-V05' });
  await expect(rules).toContainText('Mức xếp loại của tổ trưởng (Hoàn thành xuất sắc) không được cao hơn mức của tổ (Hoàn thành tốt)');
  await expect(r.getByRole('button', { name: 'Lưu xếp loại' })).toBeDisabled();
  await mo.chooseLevel(r, 'Hoàn thành tốt');
  await expect(rules).toHaveCount(0);
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  const memberDialog = mo.dialog('Thành viên Đinh Văn Hùng');
  await expect(memberDialog).toBeVisible();
  // The member dialog comes back after the rating closes; Escape is retried until it has focus.
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(memberDialog).toBeHidden({ timeout: 1000 });
  }).toPass();
  await expect(mo.row(mo.orgMembersTable(), 'Đinh Văn Hùng')).toContainText('Hoàn thành tốt');
  expect(db.get('SELECT year, level FROM mass_org_member_ratings WHERE member_id = ?', leader.id)).toEqual({
    year: 2026,
    level: 'hoan_thanh_tot',
  });

  // Lowering the team below its leader is refused by the backend, with nothing changed.
  await mo.action('Xếp loại');
  r = mo.dialog('Xếp loại "Tổ bảo vệ ANTT thôn Đông"');
  await mo.chooseLevel(r, 'Hoàn thành');
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await expect(r.getByRole('alert')).toContainText(
    'Tổ trưởng Đinh Văn Hùng đang được xếp loại "Hoàn thành tốt", cao hơn mức "Hoàn thành" của tổ.',
  );
  await expect(r.getByRole('radio', { name: 'Hoàn thành', exact: true })).toBeChecked();
  await r.getByRole('button', { name: 'Hủy' }).click();
  expect(db.get('SELECT level FROM mass_org_ratings WHERE mass_org_id = ?', a.id)).toEqual({ level: 'hoan_thanh_tot' });

  // One excellent team for one good team in the commune: more than 20 %, saved with a warning.
  await mo.back();
  await mo.openOrg('Tổ bảo vệ ANTT thôn Tây');
  await mo.action('Xếp loại');
  r = mo.dialog('Xếp loại "Tổ bảo vệ ANTT thôn Tây"');
  await mo.chooseLevel(r, 'Hoàn thành xuất sắc');
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await mo.expectNoDialog();
  const warning = 'Năm 2026, Xã Gia Hòa có 1 tổ được xếp loại "Hoàn thành xuất sắc", vượt quá 20% số tổ "Hoàn thành tốt" (1 tổ, tối đa 0).';
  await expect(page.getByRole('alert').filter({ hasText: 'Lưu ý tỉ lệ "Hoàn thành xuất sắc"' })).toContainText(warning);
  expect(db.get('SELECT level FROM mass_org_ratings WHERE mass_org_id = ?', b.id)).toEqual({ level: 'hoan_thanh_xuat_sac' });
  await mo.back();
  await expect(page.getByRole('alert').filter({ hasText: warning })).toContainText('trong từng xã, phường');
});

test('a team operating under nine months in the period is not rated', async ({ page, host, db }) => {
  const c = await createOrg(host, thonTay, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT xóm Mới', '2026-02-16');
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.openOrg('Tổ bảo vệ ANTT xóm Mới');
  await expect(mo.detailField('Kỳ đánh giá năm 2026')).toContainText(
    'tổ mới hoạt động 8 tháng 30 ngày trong kỳ (dưới 9 tháng: không xếp loại)',
  );
  await mo.action('Xếp loại');
  const r = mo.dialog('Xếp loại "Tổ bảo vệ ANTT xóm Mới"');
  await mo.chooseLevel(r, 'Hoàn thành');
  await expect(r.getByRole('alert')).toContainText('Tổ chỉ hoạt động 16/02/2026 – 14/11/2026: 8 tháng 30 ngày trong kỳ đánh giá năm 2026');
  await expect(r.getByRole('button', { name: 'Lưu xếp loại' })).toBeDisabled();
  await mo.chooseLevel(r, 'Không xếp loại');
  await r.getByRole('combobox', { name: 'Lý do không xếp loại' }).click();
  await page.getByRole('option', { name: 'Hoạt động chưa đủ 9 tháng trong kỳ' }).click();
  await r.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await mo.expectNoDialog();
  await expect(mo.ratingsTable()).toContainText('Không xếp loại (hoạt động chưa đủ 9 tháng trong kỳ)');
  expect(db.get('SELECT level, not_rated_reason FROM mass_org_ratings WHERE mass_org_id = ?', c.id)).toEqual({
    level: null,
    not_rated_reason: 'chua_du_9_thang',
  });
});

test('filter organisations and members by unit, kind, status; search names without diacritics', async ({ page, host, db }) => {
  const hung = unitId(db, 'Xã Gia Hưng');
  const a = await createOrg(host, thonDong, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT thôn Đông');
  const b = await createOrg(host, hung, 'to_hoa_giai', 'Tổ hòa giải xã Gia Hưng');
  const c = await createOrg(host, thonTay, 'to_tu_quan', 'Tổ tự quản đường làng', '2020-01-01');
  await apiOf(host).call('massOrgs.end', { id: c.id, validTo: '2026-06-30', reason: 'Giải thể' });
  await createMember(host, a.id, 'Nguyễn Văn An', { phone: '0912345678' });
  await createMember(host, a.id, 'Nguyễn Văn Ấn', { birthYear: 1990 });
  await createMember(host, b.id, 'Lê Thị Đào', { gender: 'nu' });
  await createMember(host, b.id, 'Nguyễn Văn Bình');

  const mo = new MassOrgsPage(page);
  await mo.open();
  const orgs = mo.orgsTable();
  await expect(mo.rows(orgs)).toHaveCount(3);
  await mo.search('bao ve thon dong');
  await expect(mo.rows(orgs)).toHaveCount(1);
  await expect(mo.rows(orgs).first()).toContainText('Tổ bảo vệ ANTT thôn Đông');
  await mo.clearFilters();
  await mo.filterUnit('gia hung', /Xã Gia Hưng$/);
  await expect(mo.rows(orgs)).toHaveCount(1);
  await expect(mo.rows(orgs).first()).toContainText('Tổ hòa giải xã Gia Hưng');
  await expect(mo.totals(orgs)).toContainText('Tổng cộng: 1 tổ chức');
  await mo.clearFilters();
  await mo.filterKind('Tổ tự quản');
  await expect(mo.rows(orgs)).toHaveCount(1);
  await mo.clearFilters();
  await mo.filterStatus('Đã kết thúc');
  await expect(mo.rows(orgs)).toHaveCount(1);
  await expect(mo.rows(orgs).first()).toContainText('Kết thúc từ 30/06/2026');

  await mo.tab('Thành viên');
  const members = mo.membersTable();
  await expect(mo.rows(members)).toHaveCount(4);
  await expect(mo.totals(members)).toContainText('Tổng cộng: 4 thành viên');
  await expect(mo.totals(members)).toContainText('1 nữ');
  await expect(mo.row(members, 'Nguyễn Văn An')).toContainText('09******78');
  await expect(page.getByText('0912345678')).toHaveCount(0);
  await mo.search('nguyen van an');
  await expect(mo.rows(members)).toHaveCount(2);
  await expect(mo.rows(members).nth(0)).toContainText('Nguyễn Văn An');
  await expect(mo.rows(members).nth(1)).toContainText('Nguyễn Văn Ấn');
  await mo.search('DAO');
  await expect(mo.rows(members)).toHaveCount(1);
  await expect(mo.rows(members).first()).toContainText('Tổ hòa giải xã Gia Hưng');
  await mo.search('');
  await mo.filterUnit('gia hoa', /Xã Gia Hòa$/);
  await expect(mo.rows(members)).toHaveCount(2);
  await mo.clearFilters();
  await mo.filterKind('Tổ hòa giải');
  await expect(mo.rows(members)).toHaveCount(2);
  await expect(mo.totals(members)).toContainText('Tổng cộng: 2 thành viên');
});

test('end an organisation with its members, reopen it, and delete a mistaken one', async ({ page, host, db }) => {
  const a = await createOrg(host, thonDong, 'to_hoa_giai', 'Tổ hòa giải thôn Đông');
  const m1 = await createMember(host, a.id, 'Vũ Thị Hoa', { gender: 'nu' });
  await createMember(host, a.id, 'Bùi Văn Nam');
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.openOrg('Tổ hòa giải thôn Đông');
  await mo.action('Kết thúc hoạt động');
  const d = mo.dialog('Kết thúc hoạt động của "Tổ hòa giải thôn Đông"');
  await expect(d).toContainText('2 thành viên đang tham gia sẽ thôi tham gia cùng ngày');
  await mo.fillDate(d, 'Ngày kết thúc', '30/06/2026');
  await d.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  await expect(d.getByText('Lý do không được để trống.')).toBeVisible();
  await d.getByRole('textbox', { name: 'Lý do' }).fill('Sáp nhập với tổ hòa giải thôn Tây');
  await d.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  await mo.expectNoDialog();
  await expect(page.getByText('Kết thúc từ 30/06/2026')).toBeVisible();
  await expect(mo.detailField('Lý do kết thúc')).toHaveText('Sáp nhập với tổ hòa giải thôn Tây');
  expect(orgRow(db, 'Tổ hòa giải thôn Đông')).toMatchObject({ valid_to: '2026-06-30', end_reason: 'Sáp nhập với tổ hòa giải thôn Tây' });
  expect(db.get('SELECT left_on, left_with_org FROM mass_org_members WHERE id = ?', m1.id)).toEqual({
    left_on: '2026-06-30',
    left_with_org: 1,
  });
  await expect(page.getByRole('button', { name: 'Thêm thành viên' })).toHaveCount(0);

  await mo.action('Khôi phục hoạt động');
  await expect(page.getByText('Đang hoạt động', { exact: true })).toBeVisible();
  expect(orgRow(db, 'Tổ hòa giải thôn Đông')).toMatchObject({ valid_to: null, end_reason: null });
  expect(db.get('SELECT left_on FROM mass_org_members WHERE id = ?', m1.id)).toEqual({ left_on: null });

  await mo.action('Xóa (nhập nhầm)');
  const del = mo.dialog('Xóa tổ chức nhập nhầm?');
  await expect(del).toContainText('cùng 2 thành viên');
  await del.getByRole('button', { name: 'Xóa', exact: true }).click();
  await expect(mo.orgsTable()).toBeVisible();
  await expect(mo.row(mo.orgsTable(), 'Tổ hòa giải thôn Đông')).toHaveCount(0);
  expect(db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM mass_orgs WHERE id = ?', a.id)!.deleted_at).not.toBeNull();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members WHERE deleted_at IS NULL')!.n).toBe(0);
});

test('the catalogue of kinds: add, rename and stop using a kind; the statutory kind stays', async ({ page, db }) => {
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.tab('Loại tổ chức');
  const table = page.getByRole('table', { name: 'Danh mục loại tổ chức' });
  await expect(table.getByRole('row')).toHaveCount(12);
  await page.getByRole('button', { name: 'Thêm loại tổ chức' }).click();
  let d = mo.dialog('Thêm loại tổ chức');
  await d.getByRole('textbox', { name: 'Tên loại tổ chức' }).fill('tổ hòa giải');
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(d.getByRole('alert')).toHaveText('Đã có loại tổ chức "Tổ hòa giải".');
  await d.getByRole('textbox', { name: 'Tên loại tổ chức' }).fill('Đội thanh niên xung kích');
  await d.getByRole('button', { name: 'Lưu' }).click();
  await mo.expectNoDialog();
  await expect(table.getByRole('row').filter({ hasText: 'Đội thanh niên xung kích' })).toContainText('Hiệu quả / chưa hiệu quả');
  expect(db.get('SELECT rating_scheme, built_in, active FROM mass_org_kinds WHERE name = ?', 'Đội thanh niên xung kích')).toEqual({
    rating_scheme: 'hieu_qua',
    built_in: 0,
    active: 1,
  });

  await page.getByRole('button', { name: 'Sửa Câu lạc bộ' }).click();
  d = mo.dialog('Sửa loại "Câu lạc bộ"');
  await d.getByRole('textbox', { name: 'Tên loại tổ chức' }).fill('Câu lạc bộ phòng, chống tội phạm');
  await d.getByRole('switch', { name: 'Đang sử dụng' }).uncheck({ force: true });
  await d.getByRole('button', { name: 'Lưu' }).click();
  await mo.expectNoDialog();
  await expect(table.getByRole('row').filter({ hasText: 'Câu lạc bộ phòng, chống tội phạm' })).toContainText('Ngừng sử dụng');
  expect(db.get('SELECT name, active FROM mass_org_kinds WHERE id = ?', KIND['cau_lac_bo'])).toEqual({
    name: 'Câu lạc bộ phòng, chống tội phạm',
    active: 0,
  });

  await page.getByRole('button', { name: 'Sửa Tổ bảo vệ an ninh, trật tự' }).click();
  d = mo.dialog('Sửa loại "Tổ bảo vệ an ninh, trật tự"');
  await expect(d.getByRole('switch', { name: 'Đang sử dụng' })).toBeDisabled();
  await d.getByRole('button', { name: 'Hủy' }).click();

  // A kind no longer in use is not offered for a new organisation.
  await mo.tab('Tổ chức');
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const form = mo.dialog('Thêm tổ chức quần chúng');
  await form.getByRole('combobox', { name: 'Loại tổ chức' }).click();
  await expect(page.getByRole('option', { name: 'Đội thanh niên xung kích' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Câu lạc bộ phòng, chống tội phạm' })).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------
// Excel
// ---------------------------------------------------------------------------------------------

const ORG_HEADERS = [
  'Đơn vị',
  'Loại tổ chức',
  'Tên tổ chức',
  'Cơ quan ra quyết định thành lập',
  'Số quyết định',
  'Ngày quyết định',
  'Hoạt động từ ngày',
  'Kết thúc từ ngày',
  'Lý do kết thúc',
  'Ghi chú',
];
const MEMBER_HEADERS = [
  'Đơn vị',
  'Loại tổ chức',
  'Tên tổ chức',
  'Họ và tên',
  'Giới tính',
  'Năm sinh',
  'Dân tộc',
  'Chức danh',
  'Số điện thoại',
  'Ngày tham gia',
  'Ngày thôi tham gia',
  'Lý do thôi tham gia',
  'Ghi chú',
];

async function writeXlsx(headers: string[], rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-massorgs-xlsx-')), 'to-chuc.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('Excel import of organisations and members: a bad row writes nothing until fixed; the same file again adds nothing', async ({
  page,
  db,
}) => {
  const mo = new MassOrgsPage(page);
  await mo.open();
  const good = [
    'Xã Gia Hòa / Thôn Đông',
    'Tổ bảo vệ an ninh, trật tự',
    'Tổ bảo vệ ANTT thôn Đông',
    'UBND xã Gia Hòa',
    '125/QĐ-UBND',
    '20/06/2024',
    '01/07/2024',
    '',
    '',
    '',
  ];
  const bad = ['Thôn Tây', 'Tổ văn nghệ', 'Tổ văn nghệ thôn Tây', '', '', '', '31/02/2026', '', '', ''];
  let d = await mo.chooseExcel(await writeXlsx(ORG_HEADERS, [good, bad]));
  await expect(d).toContainText('1 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 1 dòng lỗi');
  await expect(d).toContainText('Cột "Loại tổ chức": không có loại tổ chức "Tổ văn nghệ" trong danh mục');
  await expect(d).toContainText('Cột "Hoạt động từ ngày": "31/02/2026" không phải là ngày hợp lệ (ngày/tháng/năm).');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_orgs')!.n).toBe(0);

  const fixedFile = await writeXlsx(ORG_HEADERS, [
    good,
    ['Thôn Tây', 'to hoa giai', 'Tổ hòa giải thôn Tây', '', '', '', '01/03/2026', '', '', 'Nhập từ sổ theo dõi'],
  ]);
  d = await mo.chooseExcel(fixedFile);
  await expect(d).toContainText('2 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await mo.expectNoDialog();
  await expect(mo.rows(mo.orgsTable())).toHaveCount(2);
  expect(orgRow(db, 'Tổ hòa giải thôn Tây')).toMatchObject({
    unit_id: thonTay,
    kind_id: KIND['to_hoa_giai'],
    valid_from: '2026-03-01',
    note: 'Nhập từ sổ theo dõi',
  });
  expect(orgRow(db, 'Tổ bảo vệ ANTT thôn Đông')).toMatchObject({
    unit_id: thonDong,
    decision_number: '125/QĐ-UBND',
    decision_date: '2024-06-20',
  });
  const orgsBefore = db.all('SELECT * FROM mass_orgs ORDER BY id');
  d = await mo.chooseExcel(fixedFile);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.all('SELECT * FROM mass_orgs ORDER BY id')).toEqual(orgsBefore);

  // Members go into the organisations just imported.
  await mo.tab('Thành viên');
  const lan = [
    'Thôn Đông',
    'Tổ bảo vệ an ninh, trật tự',
    'Tổ bảo vệ ANTT thôn Đông',
    'Nguyễn Thị Lan',
    'Nữ',
    1985,
    'Kinh',
    'Tổ trưởng',
    '0912345678',
    '01/07/2024',
    '',
    '',
    '',
  ];
  const badMember = [
    'Thôn Đông',
    'Tổ bảo vệ an ninh, trật tự',
    'Tổ bảo vệ ANTT thôn Đông',
    'Trần Văn Bảo',
    'Nam',
    1990,
    'Kinh',
    'Tổ viên',
    '09123',
    '01/07/2024',
    '',
    '',
    '',
  ];
  d = await mo.chooseExcel(await writeXlsx(MEMBER_HEADERS, [lan, badMember]));
  await expect(d).toContainText('1 dòng lỗi');
  await expect(d).toContainText('Số điện thoại "09123" không hợp lệ');
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members')!.n).toBe(0);
  const membersFile = await writeXlsx(MEMBER_HEADERS, [lan, [...badMember.slice(0, 8), '0987654321', ...badMember.slice(9)]]);
  d = await mo.chooseExcel(membersFile);
  await expect(d).toContainText('2 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await mo.expectNoDialog();
  await expect(mo.rows(mo.membersTable())).toHaveCount(2);
  await expect(mo.row(mo.membersTable(), 'Nguyễn Thị Lan')).toContainText('09******78');
  expect(memberRow(db, 'Nguyễn Thị Lan')).toMatchObject({ gender: 'nu', birth_year: 1985, role: 'to_truong', phone: SEALED });
  d = await mo.chooseExcel(membersFile);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members')!.n).toBe(2);
});

test('Excel export writes the filtered organisations and members in the import layout', async ({ page, host, db }) => {
  const a = await createOrg(host, thonDong, 'to_bao_ve_antt', 'Tổ bảo vệ ANTT thôn Đông');
  await createOrg(host, unitId(db, 'Xã Gia Hưng'), 'to_hoa_giai', 'Tổ hòa giải xã Gia Hưng');
  await createMember(host, a.id, 'Nguyễn Thị Lan', { gender: 'nu', phone: '0912345678', role: 'to_truong' });
  const mo = new MassOrgsPage(page);
  await mo.open();
  await mo.filterUnit('gia hoa', /Xã Gia Hòa$/);
  await expect(mo.rows(mo.orgsTable())).toHaveCount(1);

  const save = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-massorgs-export-')), download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/ \(\*\)$/, ''));
    const rows = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const values = ws.getRow(r).values as unknown[];
      if (values.length === 0) continue;
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
    }
    return { file, rows };
  };

  const orgs = await save();
  expect(orgs.rows).toEqual([
    expect.objectContaining({
      'Đơn vị': 'Thôn Đông',
      'Loại tổ chức': 'Tổ bảo vệ an ninh, trật tự',
      'Tên tổ chức': 'Tổ bảo vệ ANTT thôn Đông',
      'Hoạt động từ ngày': '01/07/2024',
    }),
  ]);
  let d = await mo.chooseExcel(orgs.file);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 1 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Đóng' }).click();

  await mo.tab('Thành viên');
  await expect(mo.rows(mo.membersTable())).toHaveCount(1);
  const members = await save();
  // The office's own register keeps the whole number, so that the file imports back unchanged.
  expect(members.rows).toEqual([
    expect.objectContaining({
      'Họ và tên': 'Nguyễn Thị Lan',
      'Giới tính': 'Nữ',
      'Chức danh': 'Tổ trưởng',
      'Số điện thoại': '0912345678',
      'Tên tổ chức': 'Tổ bảo vệ ANTT thôn Đông',
    }),
  ]);
  d = await mo.chooseExcel(members.file);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 1 dòng không đổi, 0 dòng lỗi');
});
