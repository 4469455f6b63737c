/** Page model of the province's breakdown "Theo đơn vị gửi" (on the overview and the period screen) and the read-only marks. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ConsolidationPage {
  constructor(private readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Theo đơn vị gửi' });
  }

  table(): Locator {
    return this.section().getByRole('table', { name: 'Theo đơn vị gửi' });
  }

  /** The row of one office, by its name. */
  office(name: string): Locator {
    return this.table().getByRole('row').filter({ hasText: name });
  }

  /** The cell under a column header of an office's row (figures are right after the name and file cells). */
  async cell(office: string, header: string): Promise<Locator> {
    // The table comes with the period figures (a job): wait for its header before reading the columns.
    await expect(this.table().getByRole('columnheader', { name: header, exact: true })).toBeVisible();
    const headers = await this.table().getByRole('columnheader').allTextContents();
    const index = headers.findIndex((h) => h.trim() === header);
    expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
    return this.office(office).getByRole('cell').nth(index);
  }

  async viewFigures(office: string): Promise<void> {
    await this.section()
      .getByRole('button', { name: `Xem số liệu ${office}` })
      .click();
  }

  async viewRecords(office: string): Promise<void> {
    await this.section()
      .getByRole('button', { name: `Xem hồ sơ ${office}` })
      .click();
  }

  // ---- read-only marks of rows an office sent (any screen) ----

  /** The badge "Dữ liệu của đơn vị gửi" inside a scope (a row, a dialog, a drawer). */
  badge(scope: Locator): Locator {
    return scope.getByTestId('owned-badge');
  }

  /** The notice naming the office ("Dữ liệu do … gửi lên, chỉ xem tại tỉnh."). */
  notice(scope: Locator): Locator {
    return scope.getByTestId('owned-notice');
  }

  /** Every named button is there and disabled; every text field of the scope too. */
  async expectReadOnly(scope: Locator, buttons: readonly string[]): Promise<void> {
    for (const name of buttons) await expect(scope.getByRole('button', { name, exact: true })).toBeDisabled();
    for (const box of await scope.getByRole('textbox').all()) await expect(box).toBeDisabled();
  }
}
