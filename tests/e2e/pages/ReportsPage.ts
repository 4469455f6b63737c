/** Page model of "Báo cáo": the list, a new report, the header settings, the editor, the print view. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await expect(this.page.getByRole('heading', { name: 'Báo cáo', level: 2 })).toBeVisible();
  }

  /** The office's header fields (settings), by their labels. */
  async saveSettings(fields: Record<string, string>): Promise<void> {
    await this.page.getByRole('button', { name: 'Thông tin văn bản của cơ quan' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Thông tin văn bản của cơ quan' });
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: 'Lưu thông tin văn bản' }).click();
    await expect(dialog).toBeHidden();
  }

  async create(kind: 'Tổng kết năm' | 'Sơ kết 6 tháng' | 'Chuyên đề', from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Tạo báo cáo' });
    await dialog.getByRole('combobox', { name: 'Loại báo cáo' }).click();
    await this.page.getByRole('option', { name: kind, exact: true }).click();
    for (const [label, value] of [
      ['Từ ngày', from],
      ['Đến ngày', to],
    ] as const) {
      const box = dialog.getByRole('textbox', { name: label });
      await box.fill(value);
      await box.press('Tab');
    }
    // Tab has moved into the territory picker, whose list opens on focus: a click beside it closes it.
    await dialog.getByRole('heading', { name: 'Tạo báo cáo' }).click();
    await dialog.getByRole('button', { name: 'Tạo báo cáo' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.state()).toBeVisible();
  }

  state(): Locator {
    return this.page.getByTestId('report-state');
  }

  written(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  async writeSection(title: string, text: string): Promise<void> {
    const section = this.written(title);
    await section.getByRole('textbox', { name: title }).fill(text);
    await expect(section.getByText('Chưa lưu')).toBeVisible();
    await section.getByRole('button', { name: 'Lưu' }).click();
    await expect(section.getByText('Chưa lưu')).toBeHidden();
  }

  /** A generated sentence's block, by the heading it sits under. */
  sentence(heading: string): Locator {
    return this.page.locator('section[data-key^="sentence."]').filter({ has: this.page.getByText(heading, { exact: true }) });
  }

  async editSentence(heading: string, text: string): Promise<void> {
    const s = this.sentence(heading);
    await s.getByRole('button', { name: 'Sửa câu' }).click();
    await s.getByRole('textbox').fill(text);
    await s.getByRole('button', { name: 'Lưu' }).click();
    await expect(s.getByText('đã sửa', { exact: true })).toBeVisible();
  }

  async exportXlsx(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Xuất Excel phụ lục' }).click(),
    ]);
    return download;
  }

  async exportDocx(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Xuất Word' }).click(),
    ]);
    return download;
  }

  printView(): Locator {
    return this.page.getByRole('dialog', { name: 'Xem bản in' });
  }

  async openPrintView(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xem bản in' }).click();
    await expect(this.printView().getByTestId('report-document')).toBeVisible();
  }

  async issue(date: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Ban hành báo cáo' });
    const box = dialog.getByRole('textbox', { name: 'Ngày ban hành' });
    await box.fill(date);
    await box.press('Tab');
    await dialog.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
