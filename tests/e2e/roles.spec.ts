/**
 * Each role sees only what it may (issue 15 item 1, Done-when), in Chromium:
 * - Chỉ xem walks every section of the navigation, every tab and the first row's detail, and finds
 *   no enabled button whose label is an edit verb, and no refusal on any screen;
 * - Cán bộ walks the same and finds none of the actions reserved to Lãnh đạo or Quản trị (freeze,
 *   issue a report, send and receive hand-off files, trust keys, accounts, copy and restore backups,
 *   the office-wide settings);
 * - the yearly evaluation per step (STEP_ROLES): Cán bộ records the self-assessment and the
 *   proposal, and is offered neither the appraisal nor the decision; Lãnh đạo takes both.
 * Screen AND database. Screenshots (1366x768) go to screenshots/.
 */
import { test, expect } from './support/fixtures';
import type { Page } from '@playwright/test';
import type { RunningHost } from './support/host';
import { apiOf, loginAs } from './support/api';
import { ROLE_ACCOUNTS, type Credentials } from './support/accounts';
import { RoleSweepPage, type SweepStop } from './pages/RoleSweepPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { LoginPage } from './pages/LoginPage';
import { loadGiaVien2022, type Call } from '../fixtures/activity-seeds';
import type { Method, MethodInput } from '../../shared/ipc/contract';
import type { Role } from '../../shared/domain/roles';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${name}.png` });

const callOf =
  (host: RunningHost): Call =>
  (m, i) =>
    apiOf(host).result(m as Method, i);

/**
 * Labels of actions that change data, from the app's texts: a button whose text starts with one of
 * these changes something (reads are "Xem", "Xuất", "In", "Lọc", "Tải", "Đóng", "Sao chép" a sentence …).
 */
const EDIT_VERBS = [
  'Thêm',
  'Sửa',
  'Xóa',
  'Lưu',
  'Nhập',
  'Ghi',
  'Chốt',
  'Mở chốt',
  'Ban hành',
  'Phát hành',
  'Gửi',
  'Tạo',
  'Đăng ký',
  'Khôi phục',
  'Cập nhật',
  'Hủy bước',
  'Hoàn tác',
  'Kết thúc',
  'Hoạt động lại',
  'Thôi tham gia',
  'Tham gia lại',
  'Di chuyển',
  'Sáp nhập',
  'Chia tách',
  'Xếp loại',
  'Chấm điểm',
  'Công nhận',
  'Thay đổi',
  'Xác nhận',
  'Bỏ xác nhận',
  'Áp dụng',
  'Sao lưu',
  'Chép ra',
  'Tin cậy',
  'Đặt lại',
  'Thanh loại',
  'Thiết lập',
  'Đánh dấu',
  'Khai báo',
] as const;
const EDIT = new RegExp(`^(${EDIT_VERBS.join('|')})(\\s|$|:)`, 'i');

/**
 * Actions only Lãnh đạo or Quản trị may take (shared/ipc/access.ts LEAD and ADMIN), by their labels
 * in the app's texts. The evaluation's appraisal and decision share "Ghi nhận bước" with the steps
 * Cán bộ may take: the per-step test below checks them.
 */
const LEAD_ONLY = [
  /^Chốt kết quả năm$/, // evaluation.freeze
  /^Mở chốt$/, // evaluation.unfreeze
  /^Điều chỉnh$/, // evaluation.override
  /^Ban hành$/, // reports.issue
  /^Lưu thông tin văn bản$/, // reports.saveSettings
  /^Ghi tệp$/, // handoffSend.write
  /^Nhập biên nhận của tỉnh$/, // handoffSend.importReceipt
  /^Áp dụng$|^Xác nhận đơn vị$|^Khôi phục về gói này$|^Ghi biên nhận$/, // handoffInbox.apply / confirmOffice / rollback / writeReceipt
  /^Xem trước$|^Áp dụng gói$|^Tạo gói gửi các đơn vị$/, // handoffPackage.inspect / apply / make
  /^Xuất tệp khóa$/, // handoffKeys.exportKeyFile
  /^Chép ra thư mục$/, // backups.copy
  /^Khôi phục$|^Hoàn tác khôi phục$/, // backups.restore / undoRestore
  /^Nhập tệp bộ tiêu chí$|^Nhập tệp biểu điểm$|^Xóa: /, // ruleSets.import / remove, rubrics.import
  /^Thiết lập$|^Lưu thiết lập$/, // period.saveSettings, evaluationSettings.set
] as const;

async function arrange(host: RunningHost): Promise<{ hoaId: string }> {
  const api = apiOf(host);
  await loadGiaVien2022(callOf(host));
  for (const [role, who] of Object.entries(ROLE_ACCOUNTS)) {
    await api.call('accounts.create', { username: who.username, displayName: who.displayName, role: role as Role, password: who.password });
  }
  // Something on every screen to act on: a report, a registered subject, a backup.
  await api.call('reports.create', { kind: 'tong_ket_nam', from: '2022-01-01', to: '2022-12-31', unitId: null });
  const hoa = (await api.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  await api.call('evaluation.register', registration(hoa.id));
  await api.call('backups.create', {});
  return { hoaId: hoa.id };
}

function registration(subjectId: string): MethodInput<'evaluation.register'> {
  return {
    subjectType: 'unit',
    subjectId,
    year: 2026,
    registeredOn: '2026-02-15',
    resolutionNumber: '05-NQ/ĐU',
    resolutionDate: '2026-01-20',
    resolutionForm: 'chuyen_de_rieng',
    planNumber: '12/KH-UBND',
    planDate: '2026-02-10',
    householdsRegistered: null,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: null,
  };
}

/** Logs the API and so the page (one session per backend) in as `who`, and opens the app. */
async function openAs(page: Page, host: RunningHost, who: Credentials): Promise<void> {
  await apiOf(host).call('auth.logout', {});
  await loginAs(host, who);
  await page.goto(host.url);
  await expect(new LoginPage(page).userMenu()).toContainText(who.displayName, { timeout: 45_000 });
}

function offending(stops: SweepStop[], bad: (label: string) => boolean): string[] {
  return stops.flatMap((s) => s.buttons.filter(bad).map((b) => `${s.where}: "${b}"`));
}

test('Chỉ xem: no edit action and no refusal on any screen', async ({ page, host }) => {
  test.setTimeout(300_000);
  await arrange(host);
  await openAs(page, host, ROLE_ACCOUNTS.chi_xem);
  const sweep = new RoleSweepPage(page);
  const stops = await sweep.sweep();
  console.log(`Chỉ xem: ${stops.length} places, ${stops.reduce((n, s) => n + s.buttons.length, 0)} enabled buttons`);
  for (const s of stops) console.log(`  ${s.where}: ${[...new Set(s.buttons)].join(' | ')}`);
  // The walk reached the sections and their read actions.
  expect(stops.length).toBeGreaterThan(15);
  expect(stops.flatMap((s) => s.buttons).some((b) => /^Xuất/.test(b))).toBe(true);
  expect(offending(stops, (b) => EDIT.test(b))).toEqual([]);
  expect(stops.flatMap((s) => s.refusals.map((r) => `${s.where}: ${r}`))).toEqual([]);
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await sweep.settle();
  await shot(page, 'roles-chi-xem-reports');
  await page.getByRole('link', { name: 'Số liệu theo kỳ', exact: true }).click();
  await sweep.settle();
  await shot(page, 'roles-chi-xem-period');
});

test('Cán bộ: none of the actions reserved to Lãnh đạo or Quản trị, and no refusal', async ({ page, host }) => {
  test.setTimeout(300_000);
  await arrange(host);
  await openAs(page, host, ROLE_ACCOUNTS.can_bo);
  const sweep = new RoleSweepPage(page);
  const names = await sweep.sectionNames();
  expect(names).not.toContain('Tài khoản');
  expect(names).not.toContain('Nhật ký');
  const stops = await sweep.sweep();
  console.log(`Cán bộ: ${stops.length} places, ${stops.reduce((n, s) => n + s.buttons.length, 0)} enabled buttons`);
  for (const s of stops) console.log(`  ${s.where}: ${[...new Set(s.buttons)].join(' | ')}`);
  // Cán bộ enters records: edit actions are there.
  expect(stops.flatMap((s) => s.buttons).some((b) => /^Thêm/.test(b))).toBe(true);
  expect(offending(stops, (b) => LEAD_ONLY.some((re) => re.test(b)))).toEqual([]);
  expect(stops.flatMap((s) => s.refusals.map((r) => `${s.where}: ${r}`))).toEqual([]);
});

test('evaluation steps per role: Cán bộ records the self-assessment, Lãnh đạo the decision', async ({ page, host, db }) => {
  test.setTimeout(240_000);
  const { hoaId } = await arrange(host);
  const status = () =>
    db.get<{ status: string }>('SELECT status FROM evaluation_registrations WHERE subject_id = ? AND year = 2026', hoaId)?.status;

  await openAs(page, host, ROLE_ACCOUNTS.can_bo);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2026);
  await shot(page, 'roles-can-bo-board');
  let d = await ev.openSubject('Xã Gia Hòa');
  await ev.step('Họp tự đánh giá', '02/11/2026', { 'Người chủ trì cuộc họp': 'Nguyễn Văn Chủ' });
  await expect(ev.status()).toContainText('Đã tự đánh giá');
  expect(status()).toBe('tu_danh_gia');
  await ev.step('Tờ trình đề nghị công nhận', '05/11/2026', { 'Số tờ trình': '15/TTr-UBND' });
  await expect(ev.status()).toContainText('Đã đề nghị công nhận');
  expect(status()).toBe('de_nghi');
  // The appraisal is Lãnh đạo's: no form, no "Ghi nhận bước", the roles named instead; Cán bộ may
  // still undo its own proposal.
  await expect(d.getByRole('form', { name: 'Thẩm định hồ sơ' })).toHaveCount(0);
  await expect(d.getByRole('button', { name: 'Ghi nhận bước' })).toHaveCount(0);
  await expect(d.getByTestId('only-roles')).toHaveText('Bước tiếp theo "Thẩm định hồ sơ": chỉ Quản trị, Lãnh đạo được thực hiện.');
  await expect(d.getByRole('button', { name: 'Hủy bước' })).toBeVisible();
  await shot(page, 'roles-can-bo-subject');
  // A forged call is refused with the roles named, and changes nothing.
  const forged = await apiOf(host).result('evaluation.advance', {
    subjectType: 'unit',
    subjectId: hoaId,
    year: 2026,
    date: '2026-11-10',
    step: 'tham_dinh',
    by: 'Công an huyện',
  });
  expect(forged.ok ? null : forged.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Chức năng này chỉ dành cho vai trò Quản trị, Lãnh đạo; tài khoản đang đăng nhập có vai trò Cán bộ.',
  });
  expect(status()).toBe('de_nghi');

  await openAs(page, host, ROLE_ACCOUNTS.lanh_dao);
  await ev.open();
  await ev.selectYear(2026);
  d = await ev.openSubject('Xã Gia Hòa');
  await expect(d.getByRole('form', { name: 'Thẩm định hồ sơ' })).toBeVisible();
  await expect(d.getByTestId('only-roles')).toHaveCount(0);
  await ev.step('Thẩm định hồ sơ', '10/11/2026', { 'Cơ quan, người thẩm định': 'Công an huyện Gia Viễn' });
  expect(status()).toBe('tham_dinh');
  await ev.step(
    'Quyết định công nhận',
    '18/11/2026',
    { 'Số quyết định': '120/QĐ-UBND', 'Người ký quyết định': 'Trần Văn Ký' },
    'Không công nhận',
  );
  await expect(ev.status()).toContainText('Không được công nhận');
  expect(status()).toBe('khong_cong_nhan');
  const row = db.get<{ decision_number: string; decision_signer: string }>(
    'SELECT decision_number, decision_signer FROM evaluation_registrations WHERE subject_id = ?',
    hoaId,
  );
  expect(row).toEqual({ decision_number: '120/QĐ-UBND', decision_signer: 'Trần Văn Ký' });

  // Back as Cán bộ: the decision can be neither taken nor undone.
  await openAs(page, host, ROLE_ACCOUNTS.can_bo);
  await ev.open();
  await ev.selectYear(2026);
  d = await ev.openSubject('Xã Gia Hòa');
  await expect(ev.status()).toContainText('Không được công nhận');
  await expect(d.getByRole('button', { name: 'Hủy bước' })).toHaveCount(0);
  await expect(d.getByRole('form')).toHaveCount(0);
});
