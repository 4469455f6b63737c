/**
 * The agencies, enterprises and schools registry through the real UI: each flow checks what the
 * person sees and what the database file holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { cellText } from '../support/cells';
import { OrganizationsPage } from './pages/OrganizationsPage';

interface OrgRow {
  id: string;
  name: string;
  kind: string;
  sub_kind: string;
  unit_id: string;
  managing_level: string;
  tax_code: string | null;
  sector_group: string | null;
  insured_employees: number | null;
  revenue_billion: number | null;
  capital_billion: number | null;
  is_armed_forces: number;
  has_party_org: number;
  has_security_force: number;
  bca_monitored: number;
  sub_unit_count: number | null;
  address: string | null;
  valid_from: string | null;
  valid_to: string | null;
  end_reason: string | null;
  updated_at: string;
  deleted_at: string | null;
}

const orgByName = (db: DbReader, name: string) => db.get<OrgRow>('SELECT * FROM organizations WHERE name = ? AND deleted_at IS NULL', name);
const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const countOrgs = (db: DbReader) => db.get<{ n: number }>('SELECT count(*) AS n FROM organizations')!.n;

const BASE = {
  isArmedForces: false,
  bcaMonitored: false,
  hasPartyOrg: true,
  hasSecurityForce: true,
  subUnitCount: 5,
  sectorGroup: null,
  insuredEmployees: null,
  revenueBillion: null,
  capitalBillion: null,
  taxCode: null,
  address: null,
  validFrom: null,
};

async function seed(host: RunningHost, db: DbReader): Promise<void> {
  const make = async (input: Record<string, unknown>) => {
    const r = await apiOf(host).result('organizations.create', { ...BASE, ...input });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  await make({
    name: 'Ủy ban nhân dân xã Gia Hòa',
    kind: 'co_quan',
    subKind: 'co_quan_hanh_chinh',
    unitId: unitId(db, 'Xã Gia Hòa'),
    managingLevel: 'huyen',
  });
  await make({
    name: 'Trường THCS Gia Hưng',
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    unitId: unitId(db, 'Xã Gia Hưng'),
    managingLevel: 'huyen',
  });
  await make({
    name: 'Công ty TNHH May Đông Nam',
    kind: 'doanh_nghiep',
    subKind: 'von_dau_tu_nuoc_ngoai',
    unitId: unitId(db, 'Xã Gia Hưng'),
    managingLevel: 'tinh',
    sectorGroup: 'nong_lam_thuy_san_cong_nghiep_xay_dung',
    insuredEmployees: 1250,
    revenueBillion: 820.5,
    capitalBillion: 300,
    taxCode: '2700123456',
  });
  await make({
    name: 'Trường Mầm non Gia Hòa',
    kind: 'co_so_giao_duc',
    subKind: 'mam_non',
    unitId: unitId(db, 'Xã Gia Hòa'),
    managingLevel: 'huyen',
  });
}

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('create an agency, an enterprise and a school; each shows its eligibility', async ({ page, db }) => {
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  await expect(orgs.table()).toContainText('Chưa có cơ quan, doanh nghiệp, cơ sở giáo dục nào');

  await orgs.add({
    name: 'Ủy ban nhân dân xã Gia Hòa',
    kind: 'Cơ quan',
    subKind: { label: 'Loại cơ quan, tổ chức', option: 'Cơ quan hành chính' },
    unit: { typed: 'gia hoa', option: /Xã Gia Hòa$/ },
    managingLevel: 'Cấp huyện',
    checks: ['Có tổ chức Đảng', 'Có lực lượng bảo vệ'],
    subUnitCount: '4',
  });
  await orgs.add({
    name: 'Công ty Cổ phần Xi măng Gia Viễn',
    kind: 'Doanh nghiệp',
    subKind: { label: 'Loại hình sở hữu', option: 'Doanh nghiệp nhà nước' },
    unit: { typed: 'gia hung', option: /Xã Gia Hưng$/ },
    managingLevel: 'Cấp tỉnh',
    taxCode: '2700 555 666',
    validFrom: '15/03/2010',
    sectorGroup: 'Nông, lâm nghiệp, thủy sản; công nghiệp, xây dựng',
    insuredEmployees: '850',
    revenueBillion: '1.250,5',
    capitalBillion: '600',
  });
  await orgs.add({
    name: 'Trường Tiểu học Gia Hòa',
    kind: 'Cơ sở giáo dục',
    subKind: { label: 'Cấp học', option: 'Tiểu học' },
    unit: { typed: 'xa gia hoa', option: /Xã Gia Hòa$/ },
    managingLevel: 'Cấp huyện',
    address: 'Thôn Đông, xã Gia Hòa',
  });

  await expect(orgs.rows()).toHaveCount(3);
  await expect(orgs.row('Ủy ban nhân dân xã Gia Hòa')).toContainText('Cơ quan hành chính');
  await expect(orgs.row('Ủy ban nhân dân xã Gia Hòa')).toContainText('Thuộc diện áp dụng');
  await expect(orgs.row('Công ty Cổ phần Xi măng Gia Viễn')).toContainText('Doanh nghiệp nhà nước');
  await expect(orgs.row('Công ty Cổ phần Xi măng Gia Viễn')).toContainText('Thuộc diện áp dụng');
  await expect(orgs.row('Trường Tiểu học Gia Hòa')).toContainText('Không thuộc diện áp dụng');
  await expect(orgs.totals()).toContainText('Tổng cộng: 3');
  await expect(orgs.totals()).toContainText('2 thuộc diện');

  expect(orgByName(db, 'Ủy ban nhân dân xã Gia Hòa')).toMatchObject({
    kind: 'co_quan',
    sub_kind: 'co_quan_hanh_chinh',
    unit_id: unitId(db, 'Xã Gia Hòa'),
    managing_level: 'huyen',
    has_party_org: 1,
    has_security_force: 1,
    is_armed_forces: 0,
    sub_unit_count: 4,
    sector_group: null,
    valid_from: null,
  });
  expect(orgByName(db, 'Công ty Cổ phần Xi măng Gia Viễn')).toMatchObject({
    kind: 'doanh_nghiep',
    sub_kind: 'nha_nuoc',
    tax_code: '2700555666',
    valid_from: '2010-03-15',
    sector_group: 'nong_lam_thuy_san_cong_nghiep_xay_dung',
    insured_employees: 850,
    revenue_billion: 1250.5,
    capital_billion: 600,
  });
  expect(orgByName(db, 'Trường Tiểu học Gia Hòa')).toMatchObject({
    kind: 'co_so_giao_duc',
    sub_kind: 'tieu_hoc',
    address: 'Thôn Đông, xã Gia Hòa',
  });

  const drawer = await orgs.openRow('Trường Tiểu học Gia Hòa');
  await expect(orgs.eligibilityReason(drawer)).toContainText(
    'Cơ sở giáo dục tiểu học, mầm non, nhà trẻ không thuộc phạm vi áp dụng của Thông tư 124/2021/TT-BCA',
  );
});

test('an enterprise whose size makes it small is out of scope, and the reason says why', async ({ page, db }) => {
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  const d = await orgs.openAdd();
  await orgs.fill(d, {
    name: 'Hợp tác xã Dịch vụ Gia Hòa',
    kind: 'Doanh nghiệp',
    subKind: { label: 'Loại hình sở hữu', option: 'Hợp tác xã' },
    unit: { typed: 'gia hoa', option: /Xã Gia Hòa$/ },
    managingLevel: 'Cấp xã',
  });
  // Nothing known about its size yet: the form says so instead of guessing.
  await expect(orgs.formEligibility(d)).toContainText('Cần bổ sung thông tin');
  await expect(orgs.formEligibility(d)).toContainText('Chưa đủ thông tin để xác định quy mô doanh nghiệp');
  await orgs.fill(d, { sectorGroup: 'Thương mại, dịch vụ', insuredEmployees: '11', revenueBillion: '10,01', capitalBillion: '3,01' });
  await expect(orgs.formEligibility(d)).toContainText('Doanh nghiệp nhỏ theo Điều 5 khoản 2 Nghị định 80/2021/NĐ-CP');
  await orgs.save(d);
  await orgs.expectNoDialog();

  await expect(orgs.row('Hợp tác xã Dịch vụ Gia Hòa')).toContainText('Không thuộc diện áp dụng');
  const drawer = await orgs.openRow('Hợp tác xã Dịch vụ Gia Hòa');
  await expect(orgs.eligibilityReason(drawer)).toContainText('Doanh nghiệp nhỏ theo Điều 5 khoản 2 Nghị định 80/2021/NĐ-CP');
  await expect(orgs.eligibilityReason(drawer)).toContainText('11 lao động tham gia BHXH, doanh thu 10,01 tỷ đồng, nguồn vốn 3,01 tỷ đồng');
  await expect(orgs.eligibilityReason(drawer)).toContainText('không thuộc phạm vi áp dụng của Thông tư 124/2021/TT-BCA');
  await expect(orgs.detailField(drawer, 'Tổng doanh thu năm (tỷ đồng)')).toHaveText('10,01');
  expect(orgByName(db, 'Hợp tác xã Dịch vụ Gia Hòa')).toMatchObject({
    sub_kind: 'hop_tac_xa',
    managing_level: 'xa',
    sector_group: 'thuong_mai_dich_vu',
    insured_employees: 11,
    revenue_billion: 10.01,
    capital_billion: 3.01,
  });

  await orgs.closeDrawer();
  await orgs.filterStatus('Không thuộc diện áp dụng');
  await expect(orgs.rows()).toHaveCount(1);
});

test('edit an organisation: typed values survive a refusal, then the change is stored', async ({ page, host, db }) => {
  await seed(host, db);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  const drawer = await orgs.openRow('Trường THCS Gia Hưng');
  await orgs.action(drawer, 'Sửa thông tin');
  const d = orgs.dialog('Sửa thông tin "Trường THCS Gia Hưng"');
  await expect(d).toBeVisible();
  // The tax code belongs to the enterprise: refused, with the existing record named.
  await orgs.fill(d, {
    name: 'Trường THCS Gia Hưng (cơ sở 2)',
    subKind: { label: 'Cấp học', option: 'Liên cấp (có cấp trung học)' },
    taxCode: '2700123456',
  });
  await orgs.save(d);
  await expect(d.getByRole('alert').filter({ hasText: 'Mã số 2700123456 đã được dùng cho "Công ty TNHH May Đông Nam"' })).toBeVisible();
  await expect(d.getByRole('textbox', { name: 'Tên', exact: true })).toHaveValue('Trường THCS Gia Hưng (cơ sở 2)');
  expect(orgByName(db, 'Trường THCS Gia Hưng')?.sub_kind).toBe('thcs');

  await orgs.fill(d, { taxCode: '', unit: { typed: 'gia hoa', option: /Xã Gia Hòa$/ } });
  await orgs.save(d);
  // Back to the detail of the record as stored.
  const updated = orgs.dialog('Trường THCS Gia Hưng (cơ sở 2)');
  await expect(orgs.detailField(updated, 'Cấp học')).toHaveText('Liên cấp (có cấp trung học)');
  await orgs.closeDrawer();
  await expect(orgs.row('Trường THCS Gia Hưng (cơ sở 2)')).toContainText('Liên cấp (có cấp trung học)');
  await expect(orgs.row('Trường THCS Gia Hưng (cơ sở 2)')).toContainText('Xã Gia Hòa');
  expect(orgByName(db, 'Trường THCS Gia Hưng')).toBeUndefined();
  expect(orgByName(db, 'Trường THCS Gia Hưng (cơ sở 2)')).toMatchObject({
    sub_kind: 'lien_cap',
    unit_id: unitId(db, 'Xã Gia Hòa'),
    tax_code: null,
  });
});

test('end an organisation with a date and a reason, then reopen it', async ({ page, host, db }) => {
  await seed(host, db);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  let drawer = await orgs.openRow('Trường Mầm non Gia Hòa');
  await orgs.action(drawer, 'Kết thúc hoạt động');
  const d = orgs.dialog('Kết thúc hoạt động của "Trường Mầm non Gia Hòa"');
  await d.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  await expect(d.getByText('Cần ghi lý do kết thúc.')).toBeVisible();
  const date = d.getByRole('textbox', { name: 'Ngày kết thúc' });
  await date.fill('01/09/2026');
  await date.press('Tab');
  await d.getByRole('textbox', { name: 'Lý do' }).fill('Sáp nhập vào Trường Mầm non Gia Hưng');
  await d.getByRole('button', { name: 'Kết thúc hoạt động' }).click();

  drawer = orgs.dialog('Trường Mầm non Gia Hòa');
  await expect(orgs.detailField(drawer, 'Kết thúc từ')).toHaveText('01/09/2026');
  await expect(orgs.detailField(drawer, 'Lý do kết thúc')).toHaveText('Sáp nhập vào Trường Mầm non Gia Hưng');
  expect(orgByName(db, 'Trường Mầm non Gia Hòa')).toMatchObject({
    valid_to: '2026-09-01',
    end_reason: 'Sáp nhập vào Trường Mầm non Gia Hưng',
  });
  await orgs.closeDrawer();
  await expect(orgs.row('Trường Mầm non Gia Hòa')).toContainText('Kết thúc 01/09/2026');

  await orgs.filterStatus('Đang hoạt động');
  await expect(orgs.row('Trường Mầm non Gia Hòa')).toHaveCount(0);
  await orgs.filterStatus('Đã kết thúc');
  await expect(orgs.rows()).toHaveCount(1);

  drawer = await orgs.openRow('Trường Mầm non Gia Hòa');
  await orgs.action(drawer, 'Khôi phục hoạt động');
  await expect(orgs.detailField(drawer, 'Kết thúc từ')).toHaveCount(0);
  expect(orgByName(db, 'Trường Mầm non Gia Hòa')).toMatchObject({ valid_to: null, end_reason: null });
});

test('filter by unit and kind, and search without diacritics', async ({ page, host, db }) => {
  await seed(host, db);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  await expect(orgs.rows()).toHaveCount(4);

  await orgs.filterUnit('gia hung', /Xã Gia Hưng$/);
  await expect(orgs.rows()).toHaveCount(2);
  await expect(orgs.row('Trường THCS Gia Hưng')).toBeVisible();
  await expect(orgs.row('Công ty TNHH May Đông Nam')).toBeVisible();

  await orgs.filterKind('Doanh nghiệp');
  await expect(orgs.rows()).toHaveCount(1);
  await expect(orgs.totals()).toContainText('Tổng cộng: 1');

  await orgs.clearFilters();
  await expect(orgs.rows()).toHaveCount(4);
  await orgs.search('truong mam non gia hoa');
  await expect(orgs.rows()).toHaveCount(1);
  await expect(orgs.row('Trường Mầm non Gia Hòa')).toBeVisible();
  await orgs.search('DONG NAM');
  await expect(orgs.rows()).toHaveCount(1);
  await expect(orgs.row('Công ty TNHH May Đông Nam')).toBeVisible();
  await orgs.search('2700123');
  await expect(orgs.row('Công ty TNHH May Đông Nam')).toBeVisible();
  await orgs.search('không có tên này');
  await expect(orgs.table()).toContainText('Chưa có cơ quan, doanh nghiệp, cơ sở giáo dục nào phù hợp với bộ lọc.');
});

test('delete a record entered by mistake (kept as a tombstone)', async ({ page, host, db }) => {
  await seed(host, db);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  const drawer = await orgs.openRow('Trường THCS Gia Hưng');
  await orgs.action(drawer, 'Xóa (nhập nhầm)');
  const d = orgs.dialog('Xóa bản ghi nhập nhầm?');
  await d.getByRole('button', { name: 'Xóa', exact: true }).click();
  await orgs.expectNoDialog();
  await expect(orgs.row('Trường THCS Gia Hưng')).toHaveCount(0);
  await expect(orgs.rows()).toHaveCount(3);
  const row = db.get<OrgRow>("SELECT * FROM organizations WHERE name = 'Trường THCS Gia Hưng'");
  expect(row?.deleted_at).toBe('2026-11-22T03:00:00.000Z');
});

const HEADERS = [
  'Tên',
  'Loại',
  'Phân loại',
  'Mã số thuế / mã số doanh nghiệp',
  'Đơn vị (địa bàn)',
  'Cấp quản lý',
  'Thuộc lực lượng vũ trang',
  'Có tổ chức Đảng',
  'Lĩnh vực (doanh nghiệp)',
  'Lao động tham gia BHXH bình quân năm',
  'Tổng doanh thu năm (tỷ đồng)',
  'Tổng nguồn vốn năm (tỷ đồng)',
  'Hoạt động từ ngày',
];

async function writeXlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cơ quan');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-orgs-xlsx-')), 'co-quan.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('Excel import: a bad row blocks everything until fixed; importing the same file again adds nothing', async ({ page, db }) => {
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  const good = [
    'Trường THPT Gia Viễn B',
    'Cơ sở giáo dục',
    'Trung học phổ thông',
    '',
    'Xã Gia Hưng',
    'Cấp tỉnh',
    'Không',
    'Có',
    '',
    '',
    '',
    '',
    '05/09/1998',
  ];
  const badFile = await writeXlsx([
    good,
    [
      'Công ty TNHH Thủy sản Hoa Lư',
      'Doanh nghiệp',
      'Doanh nghiệp tư nhân (ngoài nhà nước)',
      '101234567',
      'Xã Gia Hòa',
      'Cấp xã',
      '',
      '',
      'Nông, lâm nghiệp, thủy sản; công nghiệp, xây dựng',
      8,
      2.5,
      1,
      '',
    ],
  ]);
  let d = await orgs.chooseExcel(badFile);
  await expect(d).toContainText('1 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 1 dòng lỗi');
  await expect(d).toContainText('số 0 ở đầu đã bị mất');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  expect(countOrgs(db)).toBe(0);
  await d.getByRole('button', { name: 'Đóng' }).click();
  await orgs.expectNoDialog();

  const fixed = [
    good,
    [
      'Công ty TNHH Thủy sản Hoa Lư',
      'Doanh nghiệp',
      'Doanh nghiệp tư nhân (ngoài nhà nước)',
      '0101234567',
      'Xã Gia Hòa',
      'Cấp xã',
      '',
      '',
      'Nông, lâm nghiệp, thủy sản; công nghiệp, xây dựng',
      8,
      2.5,
      1,
      '',
    ],
  ];
  const goodFile = await writeXlsx(fixed);
  d = await orgs.chooseExcel(goodFile);
  await expect(d).toContainText('2 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await orgs.expectNoDialog();
  await expect(orgs.rows()).toHaveCount(2);
  await expect(orgs.row('Công ty TNHH Thủy sản Hoa Lư')).toContainText('Không thuộc diện áp dụng');
  expect(orgByName(db, 'Công ty TNHH Thủy sản Hoa Lư')).toMatchObject({
    tax_code: '0101234567',
    insured_employees: 8,
    revenue_billion: 2.5,
    unit_id: unitId(db, 'Xã Gia Hòa'),
  });
  expect(orgByName(db, 'Trường THPT Gia Viễn B')).toMatchObject({ sub_kind: 'thpt', valid_from: '1998-09-05', has_party_org: 1 });
  const before = db.all('SELECT * FROM organizations ORDER BY id');

  d = await orgs.chooseExcel(goodFile);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.all('SELECT * FROM organizations ORDER BY id')).toEqual(before);
});

test('Excel export writes the filtered list in the import layout', async ({ page, host, db }) => {
  await seed(host, db);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  await orgs.filterUnit('gia hung', /Xã Gia Hưng$/);
  await expect(orgs.rows()).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-orgs-export-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header[0]).toMatch(/^Tên/);
  const col = (h: string) => header.findIndex((x) => x.replace(/ \(\*\)$/, '') === h) + 1;
  const names = [2, 3].map((r) => cellText(ws.getRow(r).getCell(col('Tên')).value));
  expect(names.sort()).toEqual(['Công ty TNHH May Đông Nam', 'Trường THCS Gia Hưng']);
  expect(ws.getRow(4).getCell(1).value).toBeNull();
  const companyRow = [2, 3].find((r) => ws.getRow(r).getCell(col('Tên')).value === 'Công ty TNHH May Đông Nam')!;
  const cell = (h: string) => ws.getRow(companyRow).getCell(col(h)).value;
  expect(cell('Mã số thuế / mã số doanh nghiệp')).toBe('2700123456');
  expect(cell('Đơn vị (địa bàn)')).toBe('Xã Gia Hưng');
  expect(cell('Loại')).toBe('Doanh nghiệp');
  expect(cell('Tổng doanh thu năm (tỷ đồng)')).toBe(820.5);
  // The exported file imports back without changing anything.
  const d = await orgs.chooseExcel(file);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
});
