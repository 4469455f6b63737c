/**
 * Page model of the "Gói của Công an tỉnh" tab of "Gửi, nhận dữ liệu": at the province the policy
 * of personal fields and "Tạo gói gửi các đơn vị"; at an office "Nhập gói của tỉnh" with its
 * preview, the fingerprint confirmation and the lists of packages.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class HandoffPackagePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Gửi, nhận dữ liệu' }).click();
    await this.page.getByRole('tab', { name: 'Gói của Công an tỉnh' }).click();
  }

  // ---- province ----

  policyField(table: string, field: string): Locator {
    return this.page.getByRole('checkbox', { name: `${table}: ${field}` });
  }

  async savePolicy(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lưu chính sách' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Đã lưu chính sách' })).toBeVisible();
  }

  async makePackage(folder: string, rotateKey: boolean): Promise<void> {
    await this.page.getByRole('textbox', { name: /Thư mục lưu gói/ }).fill(folder);
    if (rotateKey) await this.page.getByRole('checkbox', { name: /Thay khóa của tỉnh/ }).check();
    await this.page.getByRole('button', { name: 'Tạo gói gửi các đơn vị' }).click();
  }

  madeMessage(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Đã tạo gói' });
  }

  list(title: 'Các gói đã tạo' | 'Các gói đã áp dụng'): Locator {
    return this.page.getByRole('table', { name: title });
  }

  // ---- office ----

  async inspect(filePath: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /Đường dẫn tệp gói/ }).fill(filePath);
    await this.page.getByRole('button', { name: 'Xem trước' }).click();
  }

  preview(): Locator {
    return this.page.getByRole('heading', { name: /^Gói số \d+ của / });
  }

  note(text: string | RegExp): Locator {
    return this.page.getByRole('note').filter({ hasText: text });
  }

  policyChanges(): Locator {
    return this.page.getByRole('list', { name: 'Chính sách trường cá nhân' });
  }

  files(): Locator {
    return this.page.getByRole('list', { name: 'Bộ tiêu chí và biểu điểm' });
  }

  units(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách đơn vị hành chính' });
  }

  unitRow(code: string): Locator {
    return this.units()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: code, exact: true }) });
  }

  async chooseUnit(name: string, code: string, choice: 'Theo tỉnh' | 'Giữ của đơn vị'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: `Lựa chọn cho ${name} (${code})` })
      .getByRole('radio', { name: choice })
      .check();
  }

  async confirmFingerprint(fp: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /Mã nhận diện của Công an tỉnh/ }).fill(fp);
  }

  async apply(): Promise<void> {
    await this.page.getByRole('button', { name: 'Áp dụng gói' }).click();
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  applied(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Đã áp dụng gói' });
  }
}
