/**
 * Accounts and roles in Chromium (issue 15 item 1): the set-up's account step and the recovery key,
 * the login screen and its wait after wrong passwords, the idle lock, each role seeing only what it
 * may, the accounts screen, changing one's password, resetting another's, and recovery with the key.
 * Each flow asserts the screen AND the database. Screenshots (1366x768) go to screenshots/.
 */
import { test, expect } from './support/fixtures';
import type { Page } from '@playwright/test';
import type { RunningHost } from './support/host';
import { apiOf, ensureSession, loginAs, setupGiaVien } from './support/api';
import { ADMIN, ROLE_ACCOUNTS, type Credentials } from './support/accounts';
import { SetupPage } from './pages/SetupPage';
import { LoginPage } from './pages/LoginPage';
import { AccountsPage } from './pages/AccountsPage';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { emptyRecord } from '../../shared/domain/activities';
import type { Role } from '../../shared/domain/roles';
import type { MethodInput } from '../../shared/ipc/contract';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${name}.png` });

/** Gia Viễn set up, one account per role besides Quản trị, a tip with its informant; then logged out. */
async function arrangeOffice(host: RunningHost): Promise<{ tipSummary: string; tipId: string }> {
  const api = apiOf(host);
  await setupGiaVien(host);
  for (const [role, who] of Object.entries(ROLE_ACCOUNTS)) {
    await api.call('accounts.create', { username: who.username, displayName: who.displayName, role: role as Role, password: who.password });
  }
  const hoa = (await api.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  const tipSummary = 'Tố giác điểm tập kết hàng lậu';
  const record = { ...emptyRecord('tips', '2026-11-10'), unitId: hoa.id, category: 'trat_tu', valuable: true, summary: tipSummary };
  const saved = await api.call('activities.saveMany', { kind: 'tips', records: [record] } as MethodInput<'activities.saveMany'>);
  await api.call('tips.setInformant', {
    tipId: saved.ids[0]!,
    informant: { name: 'Đỗ Văn Kín', phone: '0988777666', address: null, idNumber: null, note: null },
  });
  await api.call('auth.logout', {});
  return { tipSummary, tipId: saved.ids[0]! };
}

async function logInThroughScreen(page: Page, host: RunningHost, who: Credentials): Promise<LoginPage> {
  await page.goto(host.url);
  const login = new LoginPage(page);
  await login.login(who.username, who.password);
  await expect(login.userMenu()).toContainText(who.displayName);
  return login;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Các phần của phần mềm' });

test('set-up creates the Quản trị account, shows the recovery key once, then the office step', async ({ page, host, db }) => {
  const setup = new SetupPage(page);
  await setup.openAccountStep(host.url);
  await shot(page, 'auth-setup-account');
  // A weak password and a mismatch are refused with the reason, and nothing is written.
  await setup.fillAccount({ ...ADMIN, password: 'abcdefgh' });
  await setup.createAccount();
  await expect(page.getByText('Mật khẩu cần có cả chữ cái và chữ số.')).toBeVisible();
  await setup.fillAccount(ADMIN, 'KhacNhau2026!');
  await setup.createAccount();
  await expect(page.getByText('Hai lần nhập mật khẩu không giống nhau.')).toBeVisible();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM accounts')!.n).toBe(0);

  await setup.fillAccount(ADMIN);
  await setup.createAccount();
  await expect(page.getByRole('heading', { name: 'Khóa khôi phục' })).toBeVisible({ timeout: 45_000 });
  await expect(setup.recoveryKey()).toHaveText(/^[0-9A-Za-z]{4}(-[0-9A-Za-z]{1,4})+$/);
  await expect(page.getByRole('button', { name: 'In' })).toBeVisible();
  await shot(page, 'auth-recovery-key');
  const key = await setup.keepRecoveryKey();
  await expect(page.getByRole('button', { name: 'Hoàn tất thiết lập' })).toBeVisible();

  const rows = db.all<{ username: string; display_name: string; role: string; disabled: number }>(
    'SELECT username, display_name, role, disabled FROM accounts',
  );
  expect(rows).toEqual([{ username: ADMIN.username, display_name: ADMIN.displayName, role: 'quan_tri', disabled: 0 }]);
  expect(db.get<{ n: number }>("SELECT count(*) AS n FROM data_key_wraps WHERE kind = 'recovery'")!.n).toBe(1);
  // The key is not kept in clear anywhere in the file, and a reload never shows it again.
  const compact = key.replace(/-/g, '');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM auth_settings WHERE hex(data_key_check) LIKE ?', `%${compact}%`)!.n).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Hoàn tất thiết lập' })).toBeVisible();
  await expect(setup.recoveryKey()).toHaveCount(0);
});

test('three wrong passwords show the wait as a countdown and a fourth attempt is refused; the message never says whether the name exists', async ({
  page,
  host,
  db,
}) => {
  await ensureSession(host);
  await apiOf(host).call('auth.logout', {});
  await page.goto(host.url);
  const login = new LoginPage(page);
  await login.expectLogin();
  await login.attempt('khongtontai', 'SaiMatKhau1');
  await expect(login.errorAlert()).toBeVisible({ timeout: 45_000 });
  const unknownName = await login.errorAlert().textContent();
  await login.attempt(ADMIN.username, 'SaiMatKhau2');
  await expect(login.errorAlert()).toHaveText(unknownName!, { timeout: 45_000 });
  await login.attempt(ADMIN.username, 'SaiMatKhau3');
  await expect(login.wait()).toHaveText(/^Thử lại sau (30|29|28) giây$/, { timeout: 45_000 });
  await expect(login.submitButton()).toBeDisabled();
  await shot(page, 'auth-login-wait');
  expect(db.get<{ login_failures: number }>('SELECT login_failures FROM auth_settings')).toEqual({ login_failures: 3 });

  // The fourth attempt, with the right password, is refused by the backend while the wait runs.
  const fourth = await apiOf(host).result('auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect(fourth.ok).toBe(false);
  expect((await apiOf(host).call('auth.status', {})).session).toBeNull();
  // A reload keeps counting down (the wait comes from the backend, not the page).
  await page.reload();
  await expect(login.wait()).toBeVisible();
});

test('after the idle minutes the app locks over everything; unlocking as the same user brings the work back', async ({
  page,
  host,
  db,
}) => {
  await setupGiaVien(host);
  await page.clock.install();
  await page.goto(host.url);
  const accounts = new AccountsPage(page);
  await accounts.open();
  await accounts.setIdleMinutes(1);
  expect(db.get('SELECT idle_lock_minutes FROM auth_settings')).toEqual({ idle_lock_minutes: 1 });
  // The session holds the new minutes (the user menu says so) before the clock moves on.
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('idle-after')).toHaveText('Tự khóa sau 1 phút không thao tác');
  // Escape closes the menu once focus is inside it, which a loaded machine may give a moment later: press again until closed.
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('idle-after')).toHaveCount(0, { timeout: 1_000 });
  }).toPass();

  await page.clock.fastForward('00:30');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.clock.fastForward('00:45');
  const login = new LoginPage(page);
  await login.expectLocked(ADMIN.displayName);
  // The workspace is unmounted, not covered: no navigation, no table of accounts in the page.
  await expect(nav(page)).toHaveCount(0);
  await expect(accounts.table()).toHaveCount(0);
  expect((await apiOf(host).call('auth.status', {})).session).toBeNull();
  await shot(page, 'auth-lock');

  await login.unlock(ADMIN.password);
  await expect(accounts.table()).toBeVisible();
  expect((await apiOf(host).call('auth.status', {})).session?.username).toBe(ADMIN.username);

  // "Khóa màn hình" locks at once; "Đăng nhập tài khoản khác" leads to an empty login form.
  await login.lockNow();
  await login.expectLocked(ADMIN.displayName);
  await page.getByRole('button', { name: 'Đăng nhập tài khoản khác' }).click();
  await expect(login.heading()).toBeVisible();
  await expect(login.username()).toHaveValue('');
});

test('each role sees only what it may', async ({ page, host }) => {
  test.setTimeout(180_000);
  const { tipSummary, tipId } = await arrangeOffice(host);
  const act = new ActivitiesPage(page);
  const evaluation = new EvaluationPage(page);
  const freeze = page.getByRole('button', { name: 'Chốt kết quả năm' });

  // Quản trị: the accounts screen.
  let login = await logInThroughScreen(page, host, ADMIN);
  await expect(login.userMenu()).toContainText('Quản trị');
  await expect(nav(page).getByRole('link', { name: 'Tài khoản' })).toBeVisible();

  // Lãnh đạo: may freeze and sees the informant, but no accounts.
  await apiOf(host).call('auth.logout', {});
  login = await logInThroughScreen(page, host, ROLE_ACCOUNTS.lanh_dao);
  await expect(login.userMenu()).toContainText('Lãnh đạo');
  await expect(nav(page).getByRole('link', { name: 'Đơn vị hành chính' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
  await evaluation.open();
  await expect(page.getByRole('button', { name: 'Xuất Excel' }).first()).toBeVisible();
  await expect(freeze).toBeVisible();
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  await act.row('nguồn tin', tipSummary).click();
  await act.informantSection().getByRole('button', { name: 'Hiện thông tin người cung cấp tin' }).click();
  await expect(act.informantSection()).toContainText('Đỗ Văn Kín');
  const leadAccounts = await apiOf(host).result('accounts.list', {});
  expect(leadAccounts.ok ? null : leadAccounts.error.code).toBe('FORBIDDEN');

  // Cán bộ: enters records, cannot freeze, never sees the informant.
  await apiOf(host).call('auth.logout', {});
  login = await logInThroughScreen(page, host, ROLE_ACCOUNTS.can_bo);
  await expect(login.userMenu()).toContainText('Cán bộ');
  await evaluation.open();
  await expect(page.getByRole('button', { name: 'Xuất Excel' }).first()).toBeVisible();
  await expect(freeze).toHaveCount(0);
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  await expect(page.getByRole('tabpanel').getByRole('button', { name: 'Thêm' })).toBeVisible();
  await act.row('nguồn tin', tipSummary).click();
  await expect(act.informantSection()).toContainText('Thông tin người cung cấp tin chỉ Quản trị, Lãnh đạo được xem.');
  await expect(act.informantSection().getByRole('button', { name: 'Hiện thông tin người cung cấp tin' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Đỗ Văn Kín');
  const peek = await apiOf(host).result('tips.informant', { tipId });
  expect(peek.ok ? null : peek.error.code).toBe('FORBIDDEN');

  // Chỉ xem: the same lists with no add, edit or delete; a forged call is refused.
  await apiOf(host).call('auth.logout', {});
  login = await logInThroughScreen(page, host, ROLE_ACCOUNTS.chi_xem);
  await expect(login.userMenu()).toContainText('Chỉ xem');
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  await expect(act.rows('nguồn tin')).toHaveCount(1);
  await expect(page.getByRole('tabpanel').getByRole('button', { name: 'Thêm' })).toHaveCount(0);
  await expect(page.getByRole('tabpanel').getByRole('button', { name: 'Nhập Excel' })).toHaveCount(0);
  await act.row('nguồn tin', tipSummary).click();
  await expect(page.getByRole('button', { name: 'Sửa', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Xóa', exact: true })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Đỗ Văn Kín');
  const forged = await apiOf(host).result('units.create', {
    parentId: null,
    level: 'xa',
    kind: 'xa',
    name: 'Xã Giả Mạo',
    code: null,
    validFrom: '2026-01-01',
  });
  expect(forged.ok ? null : forged.error.code).toBe('FORBIDDEN');
});

test('Quản trị adds an account, changes its role, disables and enables it, and resets its password', async ({ page, host, db }) => {
  test.setTimeout(180_000);
  await setupGiaVien(host);
  await page.goto(host.url);
  const accounts = new AccountsPage(page);
  await accounts.open();
  await expect(accounts.row(ADMIN.username)).toContainText('Quản trị');
  const who = { username: 'nguyen.b', displayName: 'Nguyễn Thị Bình', password: 'TamThoi2026a' };
  await accounts.add({ ...who, role: 'Cán bộ' });
  await expect(accounts.row(who.username)).toContainText('Cán bộ');
  await expect(accounts.row(who.username)).toContainText('Đang dùng');
  await shot(page, 'auth-accounts');
  const stored = () =>
    db.get<{ role: string; disabled: number; must_change_password: number }>(
      'SELECT role, disabled, must_change_password FROM accounts WHERE username = ?',
      who.username,
    );
  expect(stored()).toEqual({ role: 'can_bo', disabled: 0, must_change_password: 1 });

  await accounts.changeRole(who.username, who.displayName, 'Lãnh đạo');
  await expect(accounts.row(who.username)).toContainText('Lãnh đạo');
  expect(stored()?.role).toBe('lanh_dao');

  await accounts.toggleDisabled(who.username, who.displayName, 'Khóa tài khoản');
  await expect(accounts.row(who.username)).toContainText('Đã khóa');
  expect(stored()?.disabled).toBe(1);
  // A disabled account cannot log in.
  const refused = await apiOf(host).result('auth.login', { username: who.username, password: who.password });
  expect(refused.ok).toBe(false);
  await accounts.toggleDisabled(who.username, who.displayName, 'Mở khóa tài khoản');
  await expect(accounts.row(who.username)).toContainText('Đang dùng');
  expect(stored()?.disabled).toBe(0);

  const reset = 'DatLai2026b';
  await accounts.resetPassword(who.username, who.displayName, reset);
  await expect(page.getByText(`Đã đặt lại mật khẩu của ${who.displayName}.`)).toBeVisible();
  // The account logs in with the reset password (and not the old one) through the login screen.
  await apiOf(host).call('auth.logout', {});
  await page.goto(host.url);
  const login = new LoginPage(page);
  await login.expectLogin();
  await shot(page, 'auth-login');
  expect((await apiOf(host).result('auth.login', { username: who.username, password: who.password })).ok).toBe(false);
  await login.login(who.username, reset);
  await expect(login.userMenu()).toContainText('Lãnh đạo');
  expect(
    db.get<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE username = ? AND last_login_at IS NOT NULL', who.username)!.n,
  ).toBe(1);
});

test('a user changes their password and logs in with the new one; the recovery key resets a forgotten Quản trị password', async ({
  page,
  host,
  db,
}) => {
  test.setTimeout(180_000);
  // Set up through the screens to keep the recovery key.
  const setup = new SetupPage(page);
  await setup.openAccountStep(host.url);
  await setup.fillAccount(ADMIN);
  await setup.createAccount();
  const key = await setup.keepRecoveryKey();
  await expect(page.getByRole('button', { name: 'Hoàn tất thiết lập' })).toBeVisible();
  // The office itself through the API (the session the account step opened), then the workspace.
  await setupGiaVien(host);
  await page.reload();
  const hashBefore = db.get<{ h: string }>('SELECT hex(password_hash) AS h FROM accounts')!.h;

  const login = new LoginPage(page);
  const changed = 'DoiMoi2026xyz';
  // A wrong current password is refused and nothing changes.
  await login.changePassword('SaiHienTai1', changed);
  const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
  await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 45_000 });
  expect(db.get<{ h: string }>('SELECT hex(password_hash) AS h FROM accounts')!.h).toBe(hashBefore);
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  await login.changePassword(ADMIN.password, changed);
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible({ timeout: 45_000 });
  expect(db.get<{ h: string }>('SELECT hex(password_hash) AS h FROM accounts')!.h).not.toBe(hashBefore);

  await apiOf(host).call('auth.logout', {});
  await page.goto(host.url);
  await login.expectLogin();
  expect((await apiOf(host).result('auth.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(false);
  await login.login(ADMIN.username, changed);

  // Forgotten: the printed key and a new password.
  await apiOf(host).call('auth.logout', {});
  await page.goto(host.url);
  await login.expectLogin();
  const recovered = 'KhoiPhuc2026q';
  await login.recover(ADMIN.username, key, recovered);
  await expect(login.userMenu()).toContainText(ADMIN.displayName, { timeout: 45_000 });
  expect((await apiOf(host).call('auth.status', {})).session?.role).toBe('quan_tri');
  await apiOf(host).call('auth.logout', {});
  await loginAs(host, { ...ADMIN, password: recovered });
  expect((await apiOf(host).call('auth.status', {})).session?.username).toBe(ADMIN.username);
});
