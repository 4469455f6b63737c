/** Page model of the activity screens: the tab of each kind with its filters and list, the record form, the bin and a tip's detail. */
import { expect, type Locator, type Page } from '@playwright/test';

/** How a test fills one field of an activity form. */
export type FieldFill =
  { text: string } | { date: string } | { number: string } | { pick: string | RegExp; typed?: string } | { check: boolean };

export class ActivitiesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Hoạt động phong trào' }).click();
    await expect(this.page.getByRole('heading', { name: 'Hoạt động phong trào' })).toBeVisible();
  }

  async tab(title: string): Promise<void> {
    await this.page.getByRole('tab', { name: title }).click();
    await expect(this.page.getByRole('tab', { name: title })).toHaveAttribute('aria-selected', 'true');
  }

  // ---- list ----

  /** The list of the visible tab ("Danh sách buổi tuyên truyền"). */
  table(item: string): Locator {
    return this.page.getByRole('table', { name: `Danh sách ${item}` });
  }

  rows(item: string): Locator {
    return this.table(item).locator('[role=row][aria-rowindex]');
  }

  row(item: string, text: string | RegExp): Locator {
    return this.rows(item).filter({ hasText: text });
  }

  totals(item: string): Locator {
    return this.table(item).getByRole('row', { name: 'Tổng cộng' });
  }

  /** The line that counts the listed records ("3 buổi tuyên truyền"). */
  count(): Locator {
    return this.page.getByRole('status', { name: 'Số bản ghi' });
  }

  async rowAction(row: Locator, action: 'Xem, sửa' | 'Nhân bản' | 'Xóa'): Promise<void> {
    await row.getByRole('button', { name: /^Thao tác với/ }).click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }

  // ---- filters ----

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(text);
  }

  async filterSelect(label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: label, exact: true });
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async preset(name: 'Năm nay' | 'Năm trước' | 'Tất cả'): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  async period(from: string, to: string): Promise<void> {
    await this.fillDate(this.page.locator('body'), 'Từ ngày', from);
    await this.fillDate(this.page.locator('body'), 'Đến ngày', to);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  }

  // ---- form ----

  dialog(name?: string | RegExp): Locator {
    return name === undefined ? this.page.getByRole('dialog') : this.page.getByRole('dialog', { name });
  }

  async expectNoDialog(): Promise<void> {
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
  }

  async openAdd(item: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Thêm', exact: true }).click();
    const d = this.dialog(`Thêm ${item}`);
    await expect(d).toBeVisible();
    return d;
  }

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label, exact: true });
    await input.fill(value);
    await input.press('Tab');
  }

  async fill(scope: Locator, fields: Record<string, FieldFill>): Promise<void> {
    for (const [label, f] of Object.entries(fields)) {
      if ('text' in f) await scope.getByRole('textbox', { name: label, exact: true }).fill(f.text);
      else if ('date' in f) await this.fillDate(scope, label, f.date);
      else if ('number' in f) await scope.getByRole('textbox', { name: label, exact: true }).fill(f.number);
      else if ('check' in f) await scope.getByRole('checkbox', { name: label, exact: true }).setChecked(f.check);
      else {
        const box = scope.getByRole('combobox', { name: label, exact: true });
        await box.click();
        if (f.typed !== undefined) await box.fill(f.typed);
        await this.page.getByRole('option', { name: f.pick, exact: typeof f.pick === 'string' }).click();
      }
    }
  }

  async save(d: Locator, button: 'Lưu' | 'Lưu và nhập tiếp' = 'Lưu'): Promise<void> {
    await d.getByRole('button', { name: button, exact: true }).click();
  }

  // ---- delete, undo, bin ----

  /**
   * "Hoàn tác" in the notification, which hides as soon as the click lands. The notification may
   * still be sliding in when it is clicked on a loaded machine (a press that starts and ends on
   * different spots is no click), so the click is repeated until the notification has gone.
   */
  async undo(): Promise<void> {
    const button = this.page.getByRole('button', { name: 'Hoàn tác' });
    await expect(async () => {
      if (await button.isVisible()) await button.click({ timeout: 2_000 });
      await expect(button).toBeHidden({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }

  async openBin(item: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Đã xóa gần đây' }).click();
    const d = this.dialog(`Đã xóa gần đây — ${item}`);
    await expect(d).toBeVisible();
    return d;
  }

  // ---- tip detail ----

  tipDetail(): Locator {
    return this.page.getByRole('dialog', { name: /^Nguồn tin ngày/ });
  }

  informantSection(): Locator {
    return this.tipDetail().getByRole('region', { name: 'Người cung cấp tin (bảo mật)' });
  }

  // ---- Excel ----

  async chooseExcel(file: string): Promise<Locator> {
    // Every tab has its own Excel buttons; only the visible tab's panel is a role "tabpanel".
    await this.page.getByRole('tabpanel').getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.dialog(/^Nhập dữ liệu/);
    await expect(d).toBeVisible();
    return d;
  }

  /** One row of the import preview, by its row number in the file. */
  previewRow(d: Locator, rowNumber: number): Locator {
    return d
      .getByRole('table', { name: 'Kết quả kiểm tra tệp' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: String(rowNumber), exact: true }) });
  }

  /** The officer's choice to write the rows the preview warns about (near-duplicates). */
  acceptWarnings(d: Locator): Locator {
    return d.getByRole('checkbox', { name: /^Vẫn ghi các dòng cần lưu ý/ });
  }

  commitButton(d: Locator): Locator {
    return d.getByRole('button', { name: 'Ghi dữ liệu' });
  }

  /** What the list says after an import moved its period filter. */
  importNotice(): Locator {
    return this.page.getByRole('tabpanel').getByRole('status').filter({ hasText: 'Đã chuyển bộ lọc thời gian' });
  }

  periodInput(label: 'Từ ngày' | 'Đến ngày'): Locator {
    return this.page.getByRole('tabpanel').getByRole('textbox', { name: label, exact: true });
  }
}
