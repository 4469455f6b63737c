/** Page model of "Trình chiếu": year, slide list (show/hide, up/down), the presentation and the PPTX export. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class SlidesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Trình chiếu' }).click();
    await expect(this.page.getByRole('heading', { name: 'Trình chiếu', level: 2 })).toBeVisible();
  }

  async year(y: number): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Năm' }).click();
    await this.page.getByRole('option', { name: String(y), exact: true }).click();
    await expect(this.page.getByRole('combobox', { name: 'Năm' })).toHaveValue(String(y));
    // The deck of that year has arrived (the list and preview belong to it).
    await expect(this.page.getByTestId('preview')).toContainText(`năm ${y}`);
  }

  get rows(): Locator {
    return this.page.getByTestId('slide-row');
  }

  row(label: string): Locator {
    return this.rows.filter({ hasText: label });
  }

  /** Labels of the rows in the list's order, without their numbers. */
  async order(): Promise<string[]> {
    return (await this.rows.allInnerTexts()).map((t) =>
      t
        .split('\n')[0]!
        .replace(/^\d+\.\s*/, '')
        .trim(),
    );
  }

  async setShown(label: string, shown: boolean): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: `Trình chiếu trang này: ${label}` });
    if (shown) await box.check();
    else await box.uncheck();
  }

  /** Moves a slide with the keyboard: focus its button and press Enter. */
  async moveUp(label: string): Promise<void> {
    const button = this.page.getByRole('button', { name: `Đưa "${label}" lên trước` });
    await button.focus();
    await button.press('Enter');
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bắt đầu trình chiếu' }).click();
    await expect(this.presenter).toBeVisible();
  }

  get presenter(): Locator {
    return this.page.getByTestId('presenter');
  }

  /** The slide on the stage ("3/12" and its title). */
  get number(): Locator {
    return this.presenter.getByTestId('slide-number');
  }

  get slide(): Locator {
    return this.presenter.getByTestId('slide');
  }

  get blank(): Locator {
    return this.presenter.getByTestId('blank');
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async exportPptx(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Xuất PowerPoint' }).click(),
    ]);
    return download;
  }
}
