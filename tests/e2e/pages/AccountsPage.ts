/** Page model of "Tài khoản" under Quản trị: the accounts table, its dialogs, and the idle-lock minutes. */
import { expect, type Page } from '@playwright/test';

export type RoleLabel = 'Quản trị' | 'Lãnh đạo' | 'Cán bộ' | 'Chỉ xem';

export class AccountsPage {
  constructor(private readonly page: Page) {}

  navLink() {
    return this.page.getByRole('navigation', { name: 'Các phần của phần mềm' }).getByRole('link', { name: 'Tài khoản' });
  }

  async open(): Promise<void> {
    await this.navLink().click();
    await expect(this.page.getByRole('heading', { name: 'Tài khoản', level: 2 })).toBeVisible();
  }

  table() {
    return this.page.getByRole('table', { name: 'Danh sách tài khoản' });
  }

  row(username: string) {
    return this.table().getByRole('row', { name: username, exact: true });
  }

  async add(a: { username: string; displayName: string; role: RoleLabel; password: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Thêm tài khoản' });
    await dialog.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(a.username);
    await dialog.getByRole('textbox', { name: 'Họ và tên' }).fill(a.displayName);
    await dialog.getByRole('radio', { name: a.role }).check();
    await dialog.getByLabel(/^Mật khẩu tạm thời/).fill(a.password);
    await dialog.getByLabel(/^Nhập lại mật khẩu/).fill(a.password);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden({ timeout: 45_000 });
  }

  private async rowAction(username: string, displayName: string, item: string): Promise<void> {
    await this.row(username)
      .getByRole('button', { name: `Thao tác với tài khoản ${displayName}` })
      .click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  async changeRole(username: string, displayName: string, role: RoleLabel): Promise<void> {
    await this.rowAction(username, displayName, 'Đổi vai trò');
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: role }).check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden();
  }

  async toggleDisabled(username: string, displayName: string, item: 'Khóa tài khoản' | 'Mở khóa tài khoản'): Promise<void> {
    await this.rowAction(username, displayName, item);
  }

  async resetPassword(username: string, displayName: string, password: string): Promise<void> {
    await this.rowAction(username, displayName, 'Đặt lại mật khẩu');
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(/^Mật khẩu tạm thời/).fill(password);
    await dialog.getByLabel(/^Nhập lại mật khẩu/).fill(password);
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await expect(dialog).toBeHidden({ timeout: 45_000 });
  }

  async setIdleMinutes(minutes: number): Promise<void> {
    const input = this.page.getByRole('textbox', { name: 'Số phút không thao tác thì tự khóa' });
    await input.fill(String(minutes));
    await this.page.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await expect(this.page.getByText(`Sẽ tự khóa sau ${minutes} phút không thao tác.`)).toBeVisible();
  }
}
