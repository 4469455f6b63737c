/** Page model of "Gửi, nhận dữ liệu" → "Nhận dữ liệu" at the province: check a folder, confirm an office, dry run, apply, history, matrix. */
import { expect, type Locator, type Page } from '@playwright/test';

export class HandoffInboxPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Gửi, nhận dữ liệu' }).click();
    await expect(this.page.getByRole('heading', { name: 'Gửi, nhận dữ liệu', level: 2 })).toBeVisible();
    await this.page.getByRole('tab', { name: 'Nhận dữ liệu' }).click();
  }

  /** Types the folder (or file) path and runs every check. */
  async check(path: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Thư mục hoặc tệp' }).fill(path);
    await this.page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Các tệp đã kiểm tra' })).toBeVisible();
  }

  file(fileName: string): Locator {
    return this.page.getByTestId('inbox-file').filter({ has: this.page.getByText(fileName, { exact: true }) });
  }

  status(fileName: string): Locator {
    return this.file(fileName).getByTestId('inbox-file-status');
  }

  reason(fileName: string): Locator {
    return this.file(fileName).getByTestId('inbox-file-reason');
  }

  /** The "Đơn vị mới: …, mã nhận diện …" box of a file. */
  newOffice(fileName: string): Locator {
    return this.file(fileName).getByText(/^Đơn vị mới: /);
  }

  async confirmOffice(fileName: string): Promise<void> {
    await this.file(fileName).getByRole('button', { name: 'Xác nhận đơn vị' }).click();
  }

  /** A row of the dry run's "what changes for that office" table, by record kind. */
  dryRunRow(fileName: string, kind: string | RegExp): Locator {
    return this.file(fileName).getByTestId('inbox-dry-run').getByRole('table').first().getByRole('row', { name: kind });
  }

  /** A row of the dry run's province figures (counts or main indicators), by label. */
  figureRow(fileName: string, table: RegExp, label: string): Locator {
    return this.file(fileName).getByRole('table', { name: table }).getByRole('row', { name: label });
  }

  async apply(fileName: string): Promise<void> {
    await this.file(fileName).getByRole('button', { name: 'Áp dụng' }).click();
    await expect(this.page.getByText(/^Đã áp dụng gói số/)).toBeVisible();
  }

  history(): Locator {
    return this.page.getByRole('table', { name: 'Lịch sử nhận theo đơn vị' });
  }

  historyRow(sequence: number, status: RegExp | string): Locator {
    return this.history()
      .getByTestId('inbox-history-row')
      .filter({ has: this.page.getByRole('cell', { name: String(sequence), exact: true }) })
      .filter({ hasText: status });
  }

  async rollbackTo(sequence: number): Promise<void> {
    await this.historyRow(sequence, 'Đã thay thế').getByRole('button', { name: 'Khôi phục về gói này' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Khôi phục về gói này' }).click();
    await expect(this.page.getByText(`Đã khôi phục về gói số ${sequence}.`)).toBeVisible();
  }

  async writeReceipt(sequence: number, folder: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Thư mục ghi biên nhận' }).fill(folder);
    await this.historyRow(sequence, /Đang áp dụng|Đã thay/)
      .getByRole('button', { name: 'Ghi biên nhận' })
      .click();
    await expect(this.page.getByText(/^Đã ghi biên nhận: /)).toBeVisible();
  }

  matrix(): Locator {
    return this.page.getByRole('table', { name: 'Tình hình nhận dữ liệu theo năm' });
  }

  async exportMatrix(folder: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Thư mục lưu tệp Excel' }).fill(folder);
    await this.page.getByRole('button', { name: 'Xuất Excel' }).click();
    await expect(this.page.getByText(/^Đã xuất: /)).toBeVisible();
  }
}
