/** Page model of the unit tree screen: tree, search, detail panel and its dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export class UnitsPage {
  constructor(private readonly page: Page) {}

  tree(): Locator {
    return this.page.getByRole('tree', { name: 'Cây đơn vị' });
  }

  node(name: string): Locator {
    return this.tree().getByRole('treeitem', { name, exact: true });
  }

  detailTitle(): Locator {
    return this.page.getByTestId('unit-title');
  }

  detailField(label: string): Locator {
    return this.page
      .getByRole('table', { name: 'Thông tin đơn vị' })
      .getByRole('row')
      .filter({ has: this.page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
      .locator('td');
  }

  async expand(name: string): Promise<void> {
    await this.tree().getByRole('button', { name: `Mở rộng ${name}`, exact: true }).click();
  }

  async select(name: string): Promise<void> {
    await this.node(name).click();
    await expect(this.detailTitle()).toHaveText(name);
  }

  async search(text: string): Promise<Locator> {
    await this.page.getByRole('textbox', { name: 'Tìm đơn vị' }).fill(text);
    return this.page.getByRole('list', { name: 'Kết quả tìm kiếm' });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async action(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    await expect(this.dialog()).toBeVisible();
  }

  async fillDate(label: string, value: string): Promise<void> {
    const input = this.dialog().getByRole('textbox', { name: label });
    await input.fill(value);
    await input.press('Tab');
  }

  async addChild(fields: { name: string; kind?: string; code?: string; validFrom?: string }): Promise<void> {
    await this.action('Thêm đơn vị trực thuộc');
    const d = this.dialog();
    await d.getByRole('textbox', { name: 'Tên đơn vị' }).fill(fields.name);
    if (fields.kind) {
      await d.getByRole('combobox', { name: 'Loại' }).click();
      await this.page.getByRole('option', { name: fields.kind, exact: true }).click();
    }
    if (fields.code !== undefined) await d.getByRole('textbox', { name: 'Mã' }).fill(fields.code);
    if (fields.validFrom) await this.fillDate('Hoạt động từ', fields.validFrom);
    await d.getByRole('button', { name: 'Lưu' }).click();
  }

  async save(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Lưu' }).click();
  }

  async expectDialogError(message: string | RegExp): Promise<void> {
    await expect(this.dialog().getByText(message)).toBeVisible();
  }

  async expectNoDialog(): Promise<void> {
    await expect(this.dialog()).toHaveCount(0);
  }
}
