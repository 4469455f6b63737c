/**
 * The province's consolidated view (issue 12 item 7) in Chromium: Công an tỉnh Lai Châu holds its
 * own records and those office Bình Lư's applied file brought (simulated: created through the API,
 * then marked as the office's in handoff_ownership with an enrolled key and an applied file). The
 * overview and the period screen show the breakdown "Theo đơn vị gửi" with "chưa gửi" and "thiếu
 * dữ liệu" instead of zeros, lead to the office's records, and those records are read-only.
 */
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { apiOf } from './support/api';
import type { RunningHost } from './support/host';
import { ConsolidationPage } from './pages/ConsolidationPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { PeriodPage } from './pages/PeriodPage';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { UnitsPage } from './pages/UnitsPage';
import { LAI_CHAU_SETUP, organizationInput } from '../support/offices';
import { markOwned, seedAppliedFile, seedOfficePeer, seedUnitMatch, type SeededOffice } from '../support/handoff-seed';
import { MassOrgsPage } from './pages/MassOrgsPage';
import { ModelsPage } from './pages/ModelsPage';
import { EvaluationPage } from './pages/EvaluationPage';

const BINH_LU = 'Công an xã Bình Lư';
const OWNED = 'Dữ liệu do Công an xã Bình Lư gửi lên, chỉ xem tại tỉnh.';

function school(unitId: string, name: string, managingLevel: 'tinh' | 'xa') {
  return organizationInput(unitId, name, { managingLevel });
}

function session(unitId: string, topic: string, attendance: number) {
  return {
    date: '2026-03-10',
    unitId,
    organizationId: null,
    purpose: 'tuyen_truyen',
    form: 'truc_tiep',
    topic,
    venue: 'Nhà văn hóa bản',
    attendance,
    leaflets: 0,
    loudspeakerMinutes: 0,
    posts: 0,
    newsletters: 0,
    commitments: 0,
    note: null,
  } as const;
}

/** The province, its own records, office Bình Lư's records marked as its own, and two offices without figures. */
async function seedProvince(host: RunningHost): Promise<{ orgId: string; kdcId: string; office: SeededOffice; received: string }> {
  const api = apiOf(host);
  await api.call('office.setup', LAI_CHAU_SETUP);
  const units = await api.call('units.list', { includeEnded: true });
  const unit = (name: string) => units.find((u) => u.name === name)!;
  const binhLu = unit('Xã Bình Lư');
  await api.call('organizations.create', school(unit('Phường Đoàn Kết').id, 'Trường THPT Đoàn Kết', 'tinh'));
  await api.call('activities.save', {
    kind: 'propaganda',
    id: null,
    record: session(unit('Phường Đoàn Kết').id, 'Tuyên truyền của tỉnh', 50),
  });

  const kdc = await api.call('units.create', { parentId: binhLu.id, name: 'Bản Lư 1', kind: 'ban', code: null, validFrom: '2025-07-01' });
  await api.call('unitStats.upsert', { rows: [{ unitId: binhLu.id, year: 2026, households: 900, residents: 3600, trongDiem: false }] });
  const org = await api.call('organizations.create', school(kdc.id, 'Trường THCS Bình Lư', 'xa'));
  await api.call('activities.save', { kind: 'propaganda', id: null, record: session(kdc.id, 'Phòng chống ma túy ở Bản Lư', 120) });

  const file = path.join(host.dataDir, 'antq.db');
  const a = seedOfficePeer(file, { officeCode: '03390', name: BINH_LU });
  const received = seedAppliedFile(file, a, { sequence: 3, year: 2026, appliedAt: '2026-11-20T08:30:00.000Z' });
  seedUnitMatch(file, a, '5b0c5a4e-0a43-4d8e-9a43-3a1f1d0c0001', binhLu.id);
  markOwned(file, a, received, 'units', 'id = ?', kdc.id);
  markOwned(file, a, received, 'unit_year_stats', 'unit_id = ?', binhLu.id);
  markOwned(file, a, received, 'organizations', 'unit_id = ?', kdc.id);
  markOwned(file, a, received, 'propaganda_sessions', 'unit_id = ?', kdc.id);
  const b = seedOfficePeer(file, { officeCode: '03394', name: 'Công an xã Sin Suối Hồ' });
  seedUnitMatch(file, b, '5b0c5a4e-0a43-4d8e-9a43-3a1f1d0c0002', unit('Xã Sin Suối Hồ').id);
  const c = seedOfficePeer(file, { officeCode: '03405', name: 'Công an xã Tả Lèng' });
  seedAppliedFile(file, c, { sequence: 1, year: 2025, appliedAt: '2025-12-20T08:30:00.000Z' });
  return { orgId: org.id, kdcId: kdc.id, office: a, received };
}

test.use({ viewport: { width: 1366, height: 768 } });

test('the province overview breaks figures down by sending office and leads to its read-only records', async ({ page, host, db }) => {
  const { orgId, kdcId } = await seedProvince(host);
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();

  // The whole province: the office's school and residential area are in the totals.
  const orgs = page.getByRole('region', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' });
  await expect(orgs.getByLabel('Tổng số')).toHaveText('2');
  await expect(page.getByRole('region', { name: 'Địa bàn' }).getByLabel('Khu dân cư')).toHaveText('1');

  const consol = new ConsolidationPage(page);
  await expect(consol.office(BINH_LU)).toContainText('Gói số 3, áp dụng ngày 20/11/2026');
  await expect(await consol.cell(BINH_LU, 'CQ, DN, CSGD')).toHaveText('1');
  await expect(await consol.cell(BINH_LU, 'Số hộ')).toHaveText('900');
  await expect(consol.office('Công an xã Sin Suối Hồ')).toContainText('chưa gửi');
  await expect(consol.office('Công an xã Tả Lèng')).toContainText('thiếu dữ liệu');
  await expect(consol.office('Công an xã Tả Lèng')).toContainText('Gói số 1, áp dụng ngày 20/12/2025');
  // Missing is never shown as zero.
  await expect(consol.office('Công an xã Sin Suối Hồ').getByRole('cell', { name: '0', exact: true })).toHaveCount(0);
  await consol.section().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/handoff-consolidated-overview.png' });

  // Drill-down: the registry opens on the office's commune, its school marked and read-only.
  await consol.viewRecords(BINH_LU);
  const list = new OrganizationsPage(page);
  await expect(page.getByRole('heading', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' })).toBeVisible();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.row('Trường THCS Bình Lư').getByTestId('owned-badge')).toHaveText('Dữ liệu của đơn vị gửi');
  const drawer = await list.openRow('Trường THCS Bình Lư');
  await expect(drawer.getByTestId('owned-notice')).toContainText(OWNED);
  for (const name of ['Sửa thông tin', 'Kết thúc hoạt động', 'Xóa (nhập nhầm)']) {
    await expect(drawer.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await page.screenshot({ path: 'test-results/handoff-consolidated-owned.png' });

  // The backend refuses too, and nothing changes.
  const before = db.get('SELECT * FROM organizations WHERE id = ?', orgId);
  const refused = await apiOf(host).result('organizations.delete', { id: orgId });
  expect(refused).toEqual({ ok: false, error: { code: 'RULE', message: OWNED, details: { ownedBy: '03390' } } });
  expect(db.get('SELECT * FROM organizations WHERE id = ?', orgId)).toEqual(before);
  expect(db.get<{ n: number }>("SELECT count(*) AS n FROM handoff_ownership WHERE table_name = 'organizations'")!.n).toBe(1);

  // The office's residential area in the province's tree: shown, read-only; its matched commune stays the province's.
  await page.keyboard.press('Escape');
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị hành chính' }).click();
  const tree = new UnitsPage(page);
  await tree.expand('Xã Bình Lư');
  await tree.select('Bản Lư 1');
  await expect(page.getByTestId('owned-notice')).toContainText(OWNED);
  await expect(page.getByTestId('owned-lock').getByRole('button', { name: 'Sửa thông tin', exact: true })).toBeDisabled();
  await tree.select('Xã Bình Lư');
  await expect(page.getByTestId('owned-notice')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sửa thông tin', exact: true })).toBeEnabled();
  expect(db.get<{ name: string }>('SELECT name FROM units WHERE id = ?', kdcId)!.name).toBe('Bản Lư 1');
});

test('the period screen shows each office’s figures, its scope, and its records read-only', async ({ page, host, db }) => {
  await seedProvince(host);
  await page.goto(host.url);
  const period = new PeriodPage(page);
  await period.open();
  // The whole province: the province's session and the office's.
  await expect(
    page.getByRole('region', { name: 'Tuyên truyền, vận động' }).locator('tr[data-key="propaganda.sessions"]').getByRole('cell').nth(1),
  ).toHaveText('2');

  const consol = new ConsolidationPage(page);
  await expect(await consol.cell(BINH_LU, 'Tuyên truyền')).toHaveText('1');
  await expect(await consol.cell(BINH_LU, 'Lượt người')).toHaveText('120');
  await expect(consol.office('Công an xã Sin Suối Hồ')).toContainText('chưa gửi');
  await consol.section().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/handoff-consolidated-period.png' });

  // "Xem số liệu": the screen narrows to the office's commune.
  await consol.viewFigures(BINH_LU);
  await expect(page.getByTestId('period-info')).toContainText('Địa bàn: Xã Bình Lư');
  await expect(consol.section()).toHaveCount(0);

  // Back to the whole province, then to the office's activity records.
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await period.open();
  await consol.viewRecords(BINH_LU);
  const acts = new ActivitiesPage(page);
  await expect(page.getByRole('heading', { name: 'Hoạt động phong trào' })).toBeVisible();
  await expect(acts.rows('buổi tuyên truyền')).toHaveCount(1);
  await acts.rowAction(acts.row('buổi tuyên truyền', 'Phòng chống ma túy ở Bản Lư'), 'Xem, sửa');
  const form = page.getByRole('dialog');
  await expect(form.getByTestId('owned-notice')).toContainText(OWNED);
  await expect(form.getByRole('button', { name: 'Lưu', exact: true })).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Xóa', exact: true })).toBeDisabled();
  expect(
    db.get<{ n: number }>(
      "SELECT count(*) AS n FROM propaganda_sessions WHERE deleted_at IS NULL AND topic = 'Phòng chống ma túy ở Bản Lư'",
    )!.n,
  ).toBe(1);
});

/** A mass organisation and its member, a site of the province's model and a registration that office Bình Lư's file brought. */
async function seedOfficeRecords(
  host: RunningHost,
  office: SeededOffice,
  received: string,
): Promise<{ memberId: string; siteId: string; ownSiteId: string }> {
  const api = apiOf(host);
  const units = await api.call('units.list', { includeEnded: true });
  const unit = (name: string) => units.find((u) => u.name === name)!;
  // Created before they are marked as the office's (the guard refuses records placed in the office's own units).
  const binhLu = unit('Xã Bình Lư');
  const team = await api.call('massOrgs.create', {
    kindId: '9068e308-4a4e-4512-9e34-06939b518384',
    unitId: binhLu.id,
    name: 'Tổ bảo vệ ANTT Bình Lư',
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2025-08-01',
    note: '',
  });
  const member = await api.call('members.create', {
    massOrgId: team.id,
    fullName: 'Lò Văn Minh',
    gender: 'nam',
    birthYear: 1980,
    ethnicity: 'Thái',
    phone: '',
    role: 'to_vien',
    joinedOn: '2025-08-01',
    note: '',
  });
  // The province's own model, applied in the province's ward and (by the office) in Bình Lư.
  const model = await api.call('models.create', {
    name: 'Camera an ninh khu dân cư',
    typeId: 'f28d9677-9cf2-42e6-9c30-af2fa94aede5',
    originUnitId: unit('Phường Đoàn Kết').id,
    originLevel: 'xa',
    foundedOn: '2025-08-01',
    status: 'hoat_dong',
    note: '',
  });
  const site = (unitId: string, note: string) =>
    api.call('modelSites.create', {
      modelId: model.id,
      unitId,
      organizationName: '',
      startedOn: '2025-09-01',
      teams: 1,
      members: 12,
      note,
    });
  const ownSite = await site(unit('Phường Đoàn Kết').id, 'Điểm của tỉnh');
  const officeSite = await site(binhLu.id, 'Điểm của xã');
  await api.call('evaluation.register', {
    subjectType: 'unit',
    subjectId: binhLu.id,
    year: 2026,
    registeredOn: '2026-03-10',
    resolutionNumber: null,
    resolutionDate: null,
    resolutionForm: null,
    planNumber: null,
    planDate: null,
    householdsRegistered: null,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: 'Đăng ký của xã',
  });

  const file = path.join(host.dataDir, 'antq.db');
  markOwned(file, office, received, 'mass_orgs', 'id = ?', team.id);
  markOwned(file, office, received, 'mass_org_members', 'id = ?', member.id);
  markOwned(file, office, received, 'model_sites', 'id = ?', officeSite.id);
  markOwned(file, office, received, 'evaluation_registrations', 'subject_id = ?', binhLu.id);
  return { memberId: member.id, siteId: officeSite.id, ownSiteId: ownSite.id };
}

test('the member dialog, the model sites and the evaluation of an office’s records are marked read-only', async ({ page, host, db }) => {
  const { office, received } = await seedProvince(host);
  const { memberId, siteId, ownSiteId } = await seedOfficeRecords(host, office, received);
  await page.goto(host.url);
  const consol = new ConsolidationPage(page);

  // The member: badge, notice, every field and action disabled.
  const mass = new MassOrgsPage(page);
  await mass.open();
  await mass.openOrg('Tổ bảo vệ ANTT Bình Lư');
  const member = await mass.openMember(mass.orgMembersTable(), 'Lò Văn Minh');
  await expect(consol.badge(member)).toHaveText('Dữ liệu của đơn vị gửi');
  await expect(consol.notice(member)).toContainText(OWNED);
  await consol.expectReadOnly(member, ['Lưu', 'Thôi tham gia', 'Xếp loại', 'Xóa (nhập nhầm)']);
  await page.screenshot({ path: 'test-results/handoff-consolidated-member.png' });
  await page.keyboard.press('Escape');
  const refusedMember = await apiOf(host).result('members.leave', { id: memberId, leftOn: '2026-06-01', reason: 'Chuyển đi' });
  expect(refusedMember).toMatchObject({ ok: false, error: { code: 'RULE', message: OWNED } });
  expect(db.get<{ left_on: string | null }>('SELECT left_on FROM mass_org_members WHERE id = ?', memberId)!.left_on).toBeNull();

  // The model sites: the office's site marked in the list and read-only; the province's own site editable.
  const models = new ModelsPage(page);
  await models.open();
  await models.openModel('Camera an ninh khu dân cư');
  const sites = page.getByRole('table', { name: 'Điểm áp dụng mô hình' });
  const officeRow = sites.locator('[role=row][aria-rowindex]').filter({ hasText: 'Bình Lư' });
  const ownRow = sites.locator('[role=row][aria-rowindex]').filter({ hasText: 'Phường Đoàn Kết' });
  await expect(consol.badge(officeRow)).toHaveText('Dữ liệu của đơn vị gửi');
  await expect(consol.badge(ownRow)).toHaveCount(0);
  await officeRow.click();
  const siteForm = page.getByRole('dialog', { name: 'Sửa điểm áp dụng' });
  await expect(consol.notice(siteForm)).toContainText(OWNED);
  await consol.expectReadOnly(siteForm, ['Lưu', 'Kết thúc hoạt động', 'Xóa (nhập nhầm)']);
  await page.screenshot({ path: 'test-results/handoff-consolidated-site.png' });
  await page.keyboard.press('Escape');
  await ownRow.click();
  await expect(consol.notice(siteForm)).toHaveCount(0);
  await expect(siteForm.getByRole('button', { name: 'Lưu', exact: true })).toBeEnabled();
  await page.keyboard.press('Escape');
  expect(
    db.get<{ n: number }>('SELECT count(*) AS n FROM model_sites WHERE id IN (?, ?) AND deleted_at IS NULL', siteId, ownSiteId)!.n,
  ).toBe(2);

  // The evaluation of the commune whose registration the office sent: marked, every step and edit disabled.
  const evaluation = new EvaluationPage(page);
  await evaluation.open();
  await evaluation.selectYear(2026);
  const drawer = await evaluation.openSubject('Xã Bình Lư');
  await expect(consol.badge(drawer)).toHaveText('Dữ liệu của đơn vị gửi');
  await expect(consol.notice(drawer)).toContainText(OWNED);
  await expect(drawer.getByRole('button', { name: 'Sửa đăng ký', exact: true })).toBeDisabled();
  await expect(drawer.getByRole('button', { name: 'Hủy bước cuối', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/handoff-consolidated-evaluation.png' });
  expect(db.get<{ n: string }>('SELECT note AS n FROM evaluation_registrations')!.n).toBe('Đăng ký của xã');
});
