/**
 * Page model of the "Mã nhận diện và khóa" tab of "Gửi, nhận dữ liệu": the office's fingerprint,
 * the province key status, exporting the key file, importing a key file with the fingerprint
 * confirmation, and the table of known keys.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class HandoffKeysPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Gửi, nhận dữ liệu' }).click();
    await this.page.getByRole('tab', { name: 'Mã nhận diện và khóa' }).click();
    await expect(this.section('Mã nhận diện của đơn vị')).toBeVisible();
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The fingerprint as shown (its accessible name is the whole "dddd-…" text). */
  async ownFingerprint(): Promise<string> {
    const el = this.page.getByTestId('own-fingerprint');
    await expect(el).toBeVisible();
    return (await el.getAttribute('aria-label')) ?? '';
  }

  provinceKey(): Locator {
    return this.page.getByTestId('province-key');
  }

  async exportKeyFile(folder: string): Promise<void> {
    const s = this.section('Xuất tệp khóa');
    await s.getByLabel('Thư mục lưu tệp').fill(folder);
    await s.getByRole('button', { name: 'Xuất tệp khóa' }).click();
  }

  exportStatus(): Locator {
    return this.section('Xuất tệp khóa').getByRole('status');
  }

  exportError(): Locator {
    return this.section('Xuất tệp khóa').getByRole('alert');
  }

  /** Reads a key file; the preview dialog opens when the file is accepted. */
  async readKeyFile(sectionName: string, file: string): Promise<void> {
    const s = this.section(sectionName);
    await s.getByLabel('Đường dẫn tệp khóa').fill(file);
    await s.getByRole('button', { name: 'Đọc tệp khóa' }).click();
  }

  importError(sectionName: string): Locator {
    return this.section(sectionName).getByRole('alert');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Kiểm tra tệp khóa' });
  }

  async previewFingerprint(): Promise<string> {
    return (await this.dialog().getByTestId('preview-fingerprint').getAttribute('aria-label')) ?? '';
  }

  async confirmWith(fingerprint: string): Promise<void> {
    const d = this.dialog();
    await d.getByLabel('Mã nhận diện do bên gửi cung cấp').fill(fingerprint);
    await d.getByRole('button', { name: 'Xác nhận và tin cậy khóa' }).click();
  }

  dialogError(): Locator {
    return this.dialog().getByRole('alert');
  }

  peersTable(): Locator {
    return this.page.getByRole('table', { name: 'Các khóa đã biết' });
  }

  peerRow(name: string): Locator {
    return this.peersTable().getByRole('row').filter({ hasText: name });
  }
}
