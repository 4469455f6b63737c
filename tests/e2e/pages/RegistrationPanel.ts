/**
 * Page model of the registration figures shown on "Tổng quan" and "Số liệu theo kỳ" (issue 14 item
 * 3): the two sentences, the table per kind and group, the households registered.
 */
import type { Locator, Page } from '@playwright/test';

export const REGISTRATION_TITLE = 'Đăng ký, công nhận "An toàn về an ninh, trật tự"';

export class RegistrationPanel {
  constructor(readonly page: Page) {}

  region(): Locator {
    return this.page.getByRole('region', { name: REGISTRATION_TITLE, exact: true });
  }

  sentence(): Locator {
    return this.region().getByTestId('sentence');
  }

  recognition(): Locator {
    return this.region().getByTestId('recognition-sentence');
  }

  households(): Locator {
    return this.region().getByLabel('Hộ gia đình đăng ký', { exact: true });
  }

  /** [Số đơn vị, Đã đăng ký, Được công nhận] of a kind or group, by its label ("Khu dân cư"). */
  async row(label: string): Promise<string[]> {
    const row = this.region()
      .getByRole('table', { name: 'Đăng ký, công nhận theo loại đơn vị' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: label, exact: true }) });
    const cells = row.getByRole('cell');
    return [await cells.nth(1).innerText(), await cells.nth(2).innerText(), await cells.nth(3).innerText()];
  }
}
