/**
 * Page model of the first-run set-up: the Quản trị account step and the recovery key (on a fresh
 * data folder), then the office step.
 */
import { expect, type Page } from '@playwright/test';
import { ADMIN, type Credentials } from '../support/accounts';

export class SetupPage {
  constructor(private readonly page: Page) {}

  /**
   * Opens the app and reaches the office step: on a fresh folder it first creates the Quản trị
   * account (ADMIN) and keeps the recovery key, as a person must.
   */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Thiết lập ban đầu' })).toBeVisible();
    const createAccount = this.page.getByRole('button', { name: 'Tạo tài khoản Quản trị' });
    const finish = this.page.getByRole('button', { name: 'Hoàn tất thiết lập' });
    await expect(createAccount.or(finish)).toBeVisible();
    if (await createAccount.isVisible()) {
      await this.fillAccount(ADMIN);
      await this.createAccount();
      await this.keepRecoveryKey();
    }
    await expect(finish).toBeVisible();
  }

  /** Opens the app on a fresh folder and stops at the account step. */
  async openAccountStep(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Bước 1: Tài khoản Quản trị' })).toBeVisible();
  }

  async fillAccount(who: Credentials, again: string = who.password): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(who.username);
    await this.page.getByRole('textbox', { name: 'Họ và tên' }).fill(who.displayName);
    await this.page.getByLabel(/^Mật khẩu( \*)?$/).fill(who.password);
    await this.page.getByLabel(/^Nhập lại mật khẩu( \*)?$/).fill(again);
  }

  async createAccount(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo tài khoản Quản trị' }).click();
  }

  /** The recovery key shown once; returns it as shown. */
  recoveryKey() {
    return this.page.getByTestId('recovery-key');
  }

  /** Ticks "kept" on the recovery key step and goes on; returns the key that was shown. */
  async keepRecoveryKey(): Promise<string> {
    // scrypt at the production cost (128 MiB, several derivations) takes seconds on a busy machine.
    await expect(this.page.getByRole('heading', { name: 'Khóa khôi phục' })).toBeVisible({ timeout: 45_000 });
    const key = (await this.recoveryKey().textContent()) ?? '';
    const go = this.page.getByRole('button', { name: 'Tiếp tục' });
    await expect(go).toBeDisabled();
    await this.page.getByRole('checkbox', { name: 'Tôi đã in/ghi lại khóa khôi phục' }).check();
    await go.click();
    return key;
  }

  async chooseLevel(label: RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  async chooseEra(label: 'Sau sắp xếp năm 2025' | 'Trước sắp xếp năm 2025'): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(label) }).check({ force: true });
  }

  /** Types into a searchable select (without diacritics, as people do) and picks the option. */
  async pick(label: string | RegExp, typed: string, option: RegExp): Promise<void> {
    const input = this.page.getByRole('combobox', { name: label });
    await input.click();
    await input.fill(typed);
    await this.page.getByRole('option', { name: option }).click();
  }

  officeName() {
    return this.page.getByRole('textbox', { name: 'Tên cơ quan' });
  }

  officeCode() {
    return this.page.getByRole('textbox', { name: 'Mã cơ quan' });
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  }
}
