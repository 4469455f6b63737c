/** Page model of the agencies, enterprises and schools registry: filters, table, drawer, dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface OrgFormFields {
  name?: string;
  kind?: 'Cơ quan' | 'Doanh nghiệp' | 'Cơ sở giáo dục';
  /** The sub-kind option, under the label the form gives it for the kind. */
  subKind?: { label: string; option: string };
  /** Typed into the unit picker (any spelling) and the option whose label ends with it picked. */
  unit?: { typed: string; option: RegExp };
  managingLevel?: string;
  taxCode?: string;
  address?: string;
  validFrom?: string;
  checks?: string[];
  subUnitCount?: string;
  sectorGroup?: string;
  insuredEmployees?: string;
  revenueBillion?: string;
  capitalBillion?: string;
}

export class OrganizationsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Cơ quan, doanh nghiệp, trường học' }).click();
    await expect(this.page.getByRole('heading', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' })).toBeVisible();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách cơ quan, doanh nghiệp, cơ sở giáo dục' });
  }

  /** Data rows only (the header and totals rows are left out). */
  rows(): Locator {
    return this.table().locator('[role=row][aria-rowindex]');
  }

  row(name: string): Locator {
    return this.rows().filter({ hasText: name });
  }

  totals(): Locator {
    return this.table().getByRole('row', { name: 'Tổng cộng' });
  }

  dialog(name?: string | RegExp): Locator {
    return name === undefined ? this.page.getByRole('dialog') : this.page.getByRole('dialog', { name });
  }

  async expectNoDialog(): Promise<void> {
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
  }

  // ---- filters ----

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(text);
  }

  private async pickFilter(label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: label, exact: true }).first();
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option }).click();
  }

  async filterUnit(typed: string, option: RegExp): Promise<void> {
    await this.pickFilter('Đơn vị', option, typed);
  }

  async filterKind(option: string): Promise<void> {
    await this.pickFilter('Loại', new RegExp(`^${option}$`));
  }

  async filterStatus(option: string): Promise<void> {
    await this.pickFilter('Trạng thái', new RegExp(`^${option}$`));
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  }

  // ---- form ----

  async openAdd(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Thêm mới' }).click();
    const d = this.dialog('Thêm cơ quan, doanh nghiệp, cơ sở giáo dục');
    await expect(d).toBeVisible();
    return d;
  }

  private async select(d: Locator, label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = d.getByRole('combobox', { name: label, exact: true });
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async fill(d: Locator, f: OrgFormFields): Promise<void> {
    if (f.name !== undefined) await d.getByRole('textbox', { name: 'Tên', exact: true }).fill(f.name);
    if (f.kind) await this.select(d, 'Loại', f.kind);
    if (f.subKind) await this.select(d, f.subKind.label, f.subKind.option);
    if (f.unit) await this.select(d, 'Địa bàn (đơn vị)', f.unit.option, f.unit.typed);
    if (f.managingLevel) await this.select(d, 'Cấp quản lý', f.managingLevel);
    if (f.taxCode !== undefined) await d.getByRole('textbox', { name: 'Mã số thuế / mã số doanh nghiệp' }).fill(f.taxCode);
    if (f.address !== undefined) await d.getByRole('textbox', { name: 'Địa chỉ' }).fill(f.address);
    if (f.validFrom !== undefined) {
      const input = d.getByRole('textbox', { name: 'Hoạt động từ' });
      await input.fill(f.validFrom);
      await input.press('Tab');
    }
    for (const c of f.checks ?? []) await d.getByRole('checkbox', { name: c }).check();
    if (f.subUnitCount !== undefined) await d.getByRole('textbox', { name: /^Số (phòng|khoa)/ }).fill(f.subUnitCount);
    if (f.sectorGroup) await this.select(d, 'Lĩnh vực hoạt động', f.sectorGroup);
    if (f.insuredEmployees !== undefined)
      await d.getByRole('textbox', { name: 'Lao động tham gia BHXH bình quân năm' }).fill(f.insuredEmployees);
    if (f.revenueBillion !== undefined) await d.getByRole('textbox', { name: 'Tổng doanh thu năm (tỷ đồng)' }).fill(f.revenueBillion);
    if (f.capitalBillion !== undefined) await d.getByRole('textbox', { name: 'Tổng nguồn vốn năm (tỷ đồng)' }).fill(f.capitalBillion);
  }

  async save(d: Locator): Promise<void> {
    await d.getByRole('button', { name: 'Lưu' }).click();
  }

  async add(f: OrgFormFields): Promise<void> {
    const d = await this.openAdd();
    await this.fill(d, f);
    await this.save(d);
    await this.expectNoDialog();
  }

  /** The live eligibility shown in the form while typing. */
  formEligibility(d: Locator): Locator {
    return d.getByRole('alert', { name: 'Diện áp dụng theo thông tin đang nhập' });
  }

  // ---- drawer and actions ----

  async openRow(name: string): Promise<Locator> {
    await this.row(name).click();
    const d = this.dialog(name);
    await expect(d).toBeVisible();
    return d;
  }

  detailField(drawer: Locator, label: string): Locator {
    return drawer
      .getByRole('table', { name: 'Thông tin chi tiết' })
      .getByRole('row')
      .filter({ has: this.page.locator('th', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) })
      .locator('td');
  }

  eligibilityReason(drawer: Locator): Locator {
    return drawer.getByTestId('eligibility-reason');
  }

  async action(drawer: Locator, name: string): Promise<void> {
    await drawer.getByRole('button', { name, exact: true }).click();
  }

  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.expectNoDialog();
  }

  // ---- Excel ----

  async chooseExcel(file: string): Promise<Locator> {
    await this.page.getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.dialog(/^Nhập dữ liệu/);
    await expect(d).toBeVisible();
    return d;
  }
}
