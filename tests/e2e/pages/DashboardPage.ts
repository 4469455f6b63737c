/** Page model of the dashboard at the top of "Tổng quan": key figures, charts, the commune ranking. */
import { expect, type Locator, type Page } from '@playwright/test';
import { RegistrationPanel } from './RegistrationPanel';

export class DashboardPage {
  constructor(readonly page: Page) {}

  /** The registration figures of the period's last year (issue 14 item 3). */
  registrations(): RegistrationPanel {
    return new RegistrationPanel(this.page);
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await expect(this.page.getByRole('heading', { name: 'Tổng quan', level: 2 })).toBeVisible();
  }

  /** Chooses the year with the overview's "Năm" field (the dashboard follows it). */
  async year(y: number): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Năm' });
    await box.fill(String(y));
    await box.press('Tab');
    // Tab lands in "Từ ngày", whose calendar opens: close it as a person would.
    await this.page.keyboard.press('Escape');
    await expect(this.region(y)).toBeVisible({ timeout: 30_000 });
  }

  region(y: number): Locator {
    return this.page.getByRole('region', { name: `Bảng tổng hợp năm ${y}`, exact: true });
  }

  keyFigure(key: string): Locator {
    return this.page.locator(`[data-testid="key-figure"][data-key="${key}"]`);
  }

  keyValue(key: string): Locator {
    return this.keyFigure(key).getByTestId('key-value');
  }

  keyChange(key: string): Locator {
    return this.keyFigure(key).getByTestId('key-change');
  }

  chart(title: string): Locator {
    return this.page.getByRole('figure', { name: title, exact: true });
  }

  /** The bars drawn in a chart (recharts draws one path per bar with a value). */
  bars(title: string): Locator {
    return this.chart(title).locator('svg .recharts-bar-rectangle path');
  }

  async rankOn(indicator: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: 'Chỉ tiêu xếp hạng' });
    await box.click();
    await this.page.getByRole('option', { name: indicator, exact: true }).click();
    await expect(box).toHaveValue(indicator);
  }

  ranking(): Locator {
    return this.page.getByRole('table', { name: 'Xếp hạng xã, phường' });
  }

  rankingRows(): Locator {
    return this.ranking().getByTestId('ranking-row');
  }

  /** Rank, unit and value of each ranking row, as shown. */
  async rankingTexts(): Promise<{ rank: string; name: string; value: string }[]> {
    const rows = await this.rankingRows().all();
    const out: { rank: string; name: string; value: string }[] = [];
    for (const r of rows) {
      const cells = r.getByRole('cell');
      out.push({ rank: await cells.nth(0).innerText(), name: await cells.nth(1).innerText(), value: await cells.nth(2).innerText() });
    }
    return out;
  }
}
