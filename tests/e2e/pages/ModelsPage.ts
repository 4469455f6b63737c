/** Page model of the models screens: the list with its filters, one model's detail, and their dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface ModelFields {
  name: string;
  type?: string;
  /** Typed into the unit picker and the option whose label ends with it picked. */
  unit?: { typed: string; option: RegExp };
  level?: string;
  foundedOn?: string;
  status?: string;
  note?: string;
}

export interface SiteFields {
  unit?: { typed: string; option: RegExp };
  organization?: string;
  startedOn?: string;
  teams?: string;
  members?: string;
}

export class ModelsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Mô hình, điển hình' }).click();
    await expect(this.page.getByRole('heading', { name: 'Mô hình, điển hình' })).toBeVisible();
  }

  // ---- list ----

  table(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách mô hình' });
  }

  /** Data rows only (header and totals rows left out). */
  rows(): Locator {
    return this.table().locator('[role=row][aria-rowindex]');
  }

  row(name: string): Locator {
    return this.rows().filter({ hasText: name });
  }

  /** The cells of a row, by column position. */
  cells(row: Locator): Locator {
    return row.getByRole('cell');
  }

  totals(): Locator {
    return this.table().getByRole('row', { name: 'Tổng cộng' });
  }

  summary(): Locator {
    return this.page.getByRole('status', { name: 'Số liệu theo Hướng dẫn 22/HD-BCA-V05' });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(text);
  }

  async filter(label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: label });
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async setYear(year: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Năm' }).fill(year);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  }

  // ---- dialogs ----

  dialog(name?: string | RegExp): Locator {
    return name === undefined ? this.page.getByRole('dialog') : this.page.getByRole('dialog', { name });
  }

  async expectNoDialog(): Promise<void> {
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
  }

  async pick(scope: Locator, label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = scope.getByRole('combobox', { name: label });
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label });
    await input.fill(value);
    await input.press('Tab');
  }

  async openTypes(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Danh mục loại mô hình' }).click();
    const d = this.dialog('Danh mục loại mô hình');
    await expect(d).toBeVisible();
    return d;
  }

  typesTable(): Locator {
    return this.dialog('Danh mục loại mô hình').getByRole('table', { name: 'Danh mục loại mô hình' });
  }

  async addModel(f: ModelFields): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Thêm mô hình' }).click();
    const d = this.dialog('Thêm mô hình');
    await expect(d).toBeVisible();
    await this.fillModel(d, f);
    await d.getByRole('button', { name: 'Lưu' }).click();
    return d;
  }

  async fillModel(d: Locator, f: ModelFields): Promise<void> {
    await d.getByRole('textbox', { name: 'Tên mô hình' }).fill(f.name);
    if (f.type) await this.pick(d, 'Loại mô hình', f.type);
    if (f.unit) await this.pick(d, 'Đơn vị xây dựng', f.unit.option, f.unit.typed);
    if (f.level) await this.pick(d, 'Cấp xây dựng', f.level);
    if (f.foundedOn) await this.fillDate(d, 'Ngày xây dựng', f.foundedOn);
    if (f.status) await this.pick(d, 'Trạng thái hiện nay', f.status);
    if (f.note !== undefined) await d.getByRole('textbox', { name: 'Ghi chú' }).fill(f.note);
  }

  async chooseExcel(file: string): Promise<Locator> {
    await this.page.getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.dialog(/^Nhập dữ liệu/);
    await expect(d).toBeVisible();
    return d;
  }

  // ---- one model ----

  title(): Locator {
    return this.page.getByTestId('model-title');
  }

  async openModel(name: string): Promise<void> {
    await this.row(name).click();
    await expect(this.title()).toHaveText(name);
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Danh sách mô hình' }).click();
    await expect(this.table()).toBeVisible();
  }

  field(label: string): Locator {
    return this.page
      .getByRole('table', { name: 'Thông tin mô hình' })
      .getByRole('row')
      .filter({ has: this.page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
      .locator('td');
  }

  async tab(name: string | RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  sitesTable(): Locator {
    return this.page.getByRole('table', { name: 'Điểm áp dụng mô hình' });
  }

  siteRows(): Locator {
    return this.sitesTable().locator('[role=row][aria-rowindex]');
  }

  siteTotals(): Locator {
    return this.sitesTable().getByRole('row', { name: 'Tổng cộng' });
  }

  async action(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name, exact: true }).click();
    const d = this.dialog();
    await expect(d).toBeVisible();
    return d;
  }

  async fillSite(d: Locator, f: SiteFields): Promise<void> {
    if (f.unit) await this.pick(d, 'Đơn vị áp dụng', f.unit.option, f.unit.typed);
    if (f.organization !== undefined) await d.getByRole('textbox', { name: 'Cơ quan, tổ chức áp dụng' }).fill(f.organization);
    if (f.startedOn) await this.fillDate(d, 'Từ ngày', f.startedOn);
    if (f.teams !== undefined) await d.getByRole('textbox', { name: 'Số tổ' }).fill(f.teams);
    if (f.members !== undefined) await d.getByRole('textbox', { name: 'Số thành viên' }).fill(f.members);
  }

  async addSite(f: SiteFields): Promise<Locator> {
    const d = await this.action('Thêm điểm');
    await this.fillSite(d, f);
    await d.getByRole('button', { name: 'Lưu' }).click();
    return d;
  }

  timeline(): Locator {
    return this.page.getByRole('tabpanel', { name: 'Quá trình hoạt động' });
  }
}
