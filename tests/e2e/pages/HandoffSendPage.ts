/** Page model of "Gửi dữ liệu cho Công an tỉnh" (the office's sending tab of "Gửi, nhận dữ liệu"). */
import { expect, type Locator, type Page } from '@playwright/test';

export class HandoffSendPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Gửi, nhận dữ liệu' }).click();
    await this.page.getByRole('tab', { name: 'Gửi dữ liệu cho Công an tỉnh' }).click();
    await expect(this.page.getByRole('heading', { name: 'Xem trước nội dung sẽ gửi' })).toBeVisible();
  }

  async year(year: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Năm báo cáo' }).click();
    await this.page.getByRole('option', { name: year, exact: true }).click();
  }

  kinds(): Locator {
    return this.page.getByRole('table', { name: 'Số bản ghi theo loại' });
  }

  /** The count cell of one record kind in the preview ("Tin báo, tố giác"). */
  kindRow(label: string): Locator {
    return this.kinds()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: label, exact: true }) });
  }

  units(): Locator {
    return this.page.getByRole('table', { name: 'Số bản ghi theo đơn vị' });
  }

  never(): Locator {
    return this.page.getByRole('list', { name: 'Không bao giờ gửi' });
  }

  blockers(): Locator {
    return this.page.getByRole('alert', { name: 'Chưa gửi được' });
  }

  async write(folder: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Thư mục lưu tệp (ví dụ ổ USB)' }).fill(folder);
    await this.page.getByRole('button', { name: 'Ghi tệp' }).click();
  }

  result(): Locator {
    return this.page.getByRole('status', { name: 'Đã ghi và kiểm tra tệp' });
  }

  writeError(): Locator {
    return this.page.getByRole('alert', { name: 'Không ghi được tệp' });
  }

  sent(): Locator {
    return this.page.getByRole('table', { name: 'Đã gửi' });
  }

  sentRow(fileName: string): Locator {
    return this.sent().getByRole('row').filter({ hasText: fileName });
  }

  async showFullHash(row: Locator): Promise<void> {
    await row.getByRole('button', { name: 'Xem đầy đủ' }).click();
  }

  async importReceipt(filePath: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Đường dẫn tệp biên nhận (ANTQ_BIENNHAN_….antq)' }).fill(filePath);
    await this.page.getByRole('button', { name: 'Nhập biên nhận của tỉnh' }).click();
  }

  receiptOutcome(): Locator {
    return this.page.getByRole('status', { name: 'Nhập biên nhận của tỉnh' });
  }
}
