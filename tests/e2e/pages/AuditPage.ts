/** Page model of "Nhật ký thao tác": the filters, the list (one page), the integrity check, the export, the head. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Nhật ký thao tác' }).click();
    await expect(this.page.getByRole('heading', { name: 'Nhật ký thao tác', level: 2 })).toBeVisible();
  }

  /** Data rows of the current page, newest first. */
  rows(): Locator {
    return this.page.getByRole('table', { name: 'Nhật ký thao tác' }).locator('tbody tr');
  }

  row(seq: number): Locator {
    return this.page.locator(`tbody tr[data-seq="${seq}"]`);
  }

  async filterFeature(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Chức năng' }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async filterRecord(id: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Mã bản ghi' }).fill(id);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bỏ lọc' }).click();
  }

  /** Runs the check; returns the result (the green line or the red alert). */
  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    return this.page.getByTestId('audit-check');
  }

  head(): Locator {
    return this.page.getByTestId('audit-head');
  }

  async export(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Xuất Excel' }).click();
    return (await download).suggestedFilename();
  }
}
