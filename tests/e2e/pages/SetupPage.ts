/** Page model of the first-run set-up. */
import { expect, type Page } from '@playwright/test';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Thiết lập ban đầu' })).toBeVisible();
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
