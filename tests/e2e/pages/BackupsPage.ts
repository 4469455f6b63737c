/** Page model of "Sao lưu dữ liệu": the status, "Sao lưu ngay", the list, copy, restore and its undo. */
import { expect, type Locator, type Page } from '@playwright/test';

export class BackupsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
    await expect(this.page.getByRole('heading', { name: 'Sao lưu dữ liệu', level: 2 })).toBeVisible();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Các bản sao lưu' });
  }

  /** Data rows, newest first. */
  rows(): Locator {
    return this.table().locator('tbody tr');
  }

  /** The rows made for a reason, as the list words it ("Sao lưu ngay", "Trước khi khôi phục"…). */
  rowsOf(reason: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name: reason, exact: true }) });
  }

  lastStatus(): Locator {
    return this.page.getByTestId('backup-last');
  }

  async backupNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Đã sao lưu lúc' })).toBeVisible();
  }

  async copyTo(row: Locator, folder: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Chép bản sao lưu ra thư mục khác (USB)' }).fill(folder);
    await row.getByRole('button', { name: 'Chép ra thư mục' }).click();
  }

  /** Restores the row's backup (confirmed); the app reloads and says so. */
  async restore(row: Locator): Promise<void> {
    await row.getByRole('button', { name: 'Khôi phục' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Khôi phục bản sao lưu' });
    await dialog.getByRole('button', { name: 'Khôi phục' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Đã khôi phục bản sao lưu lúc' })).toBeVisible();
  }

  lastRestore(): Locator {
    return this.page.getByTestId('last-restore');
  }

  async undoRestore(): Promise<void> {
    await this.lastRestore().getByRole('button', { name: 'Hoàn tác khôi phục' }).click();
    await this.page.getByRole('dialog', { name: 'Hoàn tác khôi phục' }).getByRole('button', { name: 'Hoàn tác khôi phục' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Đã hoàn tác khôi phục' })).toBeVisible();
  }

  /** The mark of a backup holding protected values in clear. */
  clearMark(row: Locator): Locator {
    return row.getByTestId('backup-clear-mark');
  }

  /** The rows made before upgrading the data ("Trước khi nâng cấp dữ liệu"), marked or not. */
  migrationRows(): Locator {
    return this.rows().filter({ hasText: 'Trước khi nâng cấp dữ liệu' });
  }

  /** The confirmation of "Xóa hẳn" (a backup holding protected values in clear). */
  eraseDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Xóa hẳn bản sao lưu chưa mã hóa' });
  }
}
