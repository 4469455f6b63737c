/**
 * Page model of the login screen, the lock screen (the same form with the user fixed), the
 * recovery form, and the header's user menu (name, role, "Đổi mật khẩu", "Khóa màn hình").
 */
import { expect, type Page } from '@playwright/test';

/** scrypt at the production cost takes seconds on a busy machine: logins wait longer than the default. */
const SLOW = { timeout: 45_000 };

export class LoginPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Đăng nhập' });
  }

  lockHeading() {
    return this.page.getByRole('heading', { name: 'Phiên làm việc đã khóa' });
  }

  username() {
    return this.page.getByRole('textbox', { name: 'Tên đăng nhập' });
  }

  password() {
    return this.page.getByLabel(/^Mật khẩu$/);
  }

  submitButton() {
    return this.page.getByRole('button', { name: /^(Đăng nhập|Mở khóa)$/ });
  }

  /** The countdown shown after repeated wrong passwords ("Thử lại sau 30 giây"). */
  wait() {
    return this.page.getByRole('status').filter({ hasText: /Thử lại sau \d+ giây/ });
  }

  errorAlert() {
    return this.page.getByRole('alert');
  }

  async expectLogin(): Promise<void> {
    await expect(this.heading()).toBeVisible(SLOW);
  }

  /** Types and submits; does not wait for the outcome. */
  async attempt(username: string, password: string): Promise<void> {
    await this.username().fill(username);
    await this.password().fill(password);
    await this.submitButton().click();
  }

  /** Logs in and waits for the workspace (the header's user menu). */
  async login(username: string, password: string): Promise<void> {
    await this.expectLogin();
    await this.attempt(username, password);
    await expect(this.page.getByTestId('user-menu')).toBeVisible(SLOW);
  }

  async expectLocked(displayName: string): Promise<void> {
    await expect(this.lockHeading()).toBeVisible(SLOW);
    await expect(this.page.getByText(displayName, { exact: false }).first()).toBeVisible();
    await expect(this.username()).not.toBeEditable();
    // "Mở khóa" is busy until the backend has locked the session too.
    await expect(this.page.getByRole('button', { name: 'Mở khóa' })).toBeEnabled();
  }

  async unlock(password: string): Promise<void> {
    await this.password().fill(password);
    await this.page.getByRole('button', { name: 'Mở khóa' }).click();
    await expect(this.page.getByTestId('user-menu')).toBeVisible(SLOW);
  }

  // --- the header's user menu

  userMenu() {
    return this.page.getByTestId('user-menu');
  }

  async openUserMenu(): Promise<void> {
    await this.userMenu().click();
  }

  async lockNow(): Promise<void> {
    await this.openUserMenu();
    await this.page.getByRole('menuitem', { name: 'Khóa màn hình' }).click();
  }

  async changePassword(current: string, next: string, again: string = next): Promise<void> {
    await this.openUserMenu();
    await this.page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Đổi mật khẩu' });
    await dialog.getByLabel(/^Mật khẩu hiện tại/).fill(current);
    await dialog.getByLabel(/^Mật khẩu mới/).fill(next);
    await dialog.getByLabel(/^Nhập lại mật khẩu mới/).fill(again);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  }

  // --- recovery with the printed key

  async recover(username: string, key: string, newPassword: string): Promise<void> {
    await this.page.getByRole('button', { name: /Quên mật khẩu Quản trị/ }).click();
    await expect(this.page.getByRole('heading', { name: /Đặt lại mật khẩu Quản trị/ })).toBeVisible();
    await this.page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
    await this.page.getByRole('textbox', { name: 'Khóa khôi phục' }).fill(key);
    await this.page.getByLabel(/^Mật khẩu mới/).fill(newPassword);
    await this.page.getByLabel(/^Nhập lại mật khẩu/).fill(newPassword);
    await this.page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  }
}
