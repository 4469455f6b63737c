/**
 * Page model of the fast-entry grid ("Nhập nhiều dòng") opened from a tab of the activities page.
 * Every key the tests send goes through `type` / `press`, which count them, so a test can compare
 * the grid's keystrokes with a spreadsheet's.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class EntryGridPage {
  /** Keys sent so far: one per character typed, one per key pressed (a chord such as Ctrl+D is one). */
  keystrokes = 0;

  constructor(private readonly page: Page) {}

  async openActivities(): Promise<void> {
    await this.page.getByRole('link', { name: 'Hoạt động phong trào' }).click();
    await expect(this.page.getByRole('heading', { name: 'Hoạt động phong trào' })).toBeVisible();
  }

  /** Opens the grid from the tab of a kind (its title, e.g. "Tuyên truyền, phát động"). */
  async open(kindTitle: string): Promise<void> {
    await this.page.getByRole('tab', { name: kindTitle }).click();
    await this.page.getByRole('tabpanel', { name: kindTitle }).getByRole('button', { name: 'Nhập nhiều dòng' }).click();
    await expect(this.dialog()).toBeVisible();
    await expect(this.dialog()).toContainText(`Nhập nhiều dòng — ${kindTitle}`);
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Nhập nhiều dòng — / });
  }

  table(): Locator {
    return this.dialog().getByRole('table', { name: 'Bảng nhập nhiều dòng' });
  }

  /** The cell of a column (its label) in a row (1-based, as the grid numbers them). */
  cell(label: string, row: number): Locator {
    return this.dialog().getByLabel(`${label} dòng ${row}`, { exact: true });
  }

  /** Body rows of the grid, the empty row at the end included. */
  rows(): Locator {
    return this.table().locator('tbody tr[aria-rowindex]');
  }

  errorList(): Locator {
    return this.dialog().getByRole('list', { name: 'Các ô chưa hợp lệ' });
  }

  footer(): Locator {
    return this.dialog().getByRole('group', { name: 'Số dòng và tổng cộng' });
  }

  async type(text: string): Promise<void> {
    this.keystrokes += [...text].length;
    await this.page.keyboard.type(text);
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      this.keystrokes += 1;
      await this.page.keyboard.press(key);
    }
  }

  /** Puts text on the clipboard and pastes it with Ctrl+V into the focused cell. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.press('Control+V');
  }

  async save(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Lưu tất cả' }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Hủy' }).click();
  }

  confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Bỏ các dòng chưa lưu?' });
  }
}
