/** Page model of the mass organisations section: tabs, lists, organisation detail, dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface OrgFields {
  kind?: string;
  name?: string;
  /** Typed into the unit picker and the option whose label matches picked. */
  unit?: { typed: string; option: RegExp };
  decisionNumber?: string;
  decisionDate?: string;
  decisionIssuer?: string;
  validFrom?: string;
  note?: string;
}

export interface MemberFields {
  fullName?: string;
  gender?: 'Nam' | 'Nữ';
  birthYear?: string;
  ethnicity?: string;
  role?: 'Tổ trưởng' | 'Tổ phó' | 'Tổ viên' | 'Khác';
  phone?: string;
  joinedOn?: string;
  note?: string;
}

export class MassOrgsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Tổ chức quần chúng' }).click();
    await expect(this.page.getByRole('heading', { name: 'Tổ chức quần chúng', level: 2 })).toBeVisible();
  }

  async tab(name: 'Tổ chức' | 'Thành viên' | 'Loại tổ chức'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  // ---- tables ----

  orgsTable(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách tổ chức quần chúng' });
  }

  membersTable(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách thành viên' });
  }

  orgMembersTable(): Locator {
    return this.page.getByRole('table', { name: 'Thành viên của tổ chức' });
  }

  /** Data rows only (header and totals left out). */
  rows(table: Locator): Locator {
    return table.locator('[role=row][aria-rowindex]');
  }

  row(table: Locator, text: string): Locator {
    return this.rows(table).filter({ hasText: text });
  }

  totals(table: Locator): Locator {
    return table.getByRole('row', { name: 'Tổng cộng' });
  }

  // ---- filters ----

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(text);
  }

  private async pick(scope: Locator | Page, label: string, option: string | RegExp, typed?: string): Promise<void> {
    const box = scope.getByRole('combobox', { name: label, exact: true }).first();
    await box.click();
    if (typed !== undefined) await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async filterUnit(typed: string, option: RegExp): Promise<void> {
    await this.pick(this.page, 'Đơn vị', option, typed);
  }

  async filterKind(option: string): Promise<void> {
    await this.pick(this.page, 'Loại tổ chức', option);
  }

  async filterStatus(option: string): Promise<void> {
    await this.pick(this.page, 'Trạng thái, xếp loại', option);
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

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label, exact: true });
    await input.fill(value);
    await input.press('Tab');
  }

  async fillOrg(d: Locator, f: OrgFields): Promise<void> {
    if (f.kind) await this.pick(d, 'Loại tổ chức', f.kind);
    if (f.name !== undefined) await d.getByRole('textbox', { name: 'Tên tổ chức' }).fill(f.name);
    if (f.unit) await this.pick(d, 'Đơn vị', f.unit.option, f.unit.typed);
    if (f.decisionNumber !== undefined) await d.getByRole('textbox', { name: 'Số quyết định' }).fill(f.decisionNumber);
    if (f.decisionDate !== undefined) await this.fillDate(d, 'Ngày quyết định', f.decisionDate);
    if (f.decisionIssuer !== undefined) await d.getByRole('textbox', { name: 'Cơ quan ra quyết định' }).fill(f.decisionIssuer);
    if (f.validFrom !== undefined) await this.fillDate(d, 'Hoạt động từ', f.validFrom);
    if (f.note !== undefined) await d.getByRole('textbox', { name: 'Ghi chú' }).fill(f.note);
  }

  /** The yellow question a save asks about dates after today ("Vẫn lưu" / "Sửa lại ngày"). */
  futureNotice(d: Locator): Locator {
    return d.getByRole('alert', { name: 'Ngày ở tương lai' });
  }

  async save(d: Locator): Promise<void> {
    await d.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  async addOrg(f: OrgFields): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm tổ chức' }).click();
    const d = this.dialog('Thêm tổ chức quần chúng');
    await expect(d).toBeVisible();
    await this.fillOrg(d, f);
    await d.getByRole('button', { name: 'Lưu' }).click();
    await this.expectNoDialog();
  }

  // ---- organisation detail ----

  title(): Locator {
    return this.page.getByTestId('massorg-title');
  }

  async openOrg(name: string): Promise<void> {
    await this.row(this.orgsTable(), name).click();
    await expect(this.title()).toHaveText(name);
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Danh sách tổ chức' }).click();
    await expect(this.orgsTable()).toBeVisible();
  }

  detailField(label: string): Locator {
    return this.page
      .getByRole('table', { name: 'Thông tin tổ chức' })
      .getByRole('row')
      .filter({ has: this.page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
      .locator('td');
  }

  ratingsTable(): Locator {
    return this.page.getByRole('table', { name: 'Xếp loại theo năm' });
  }

  async action(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  async fillMember(d: Locator, f: MemberFields): Promise<void> {
    if (f.fullName !== undefined) await d.getByRole('textbox', { name: 'Họ và tên' }).fill(f.fullName);
    if (f.gender) await this.pick(d, 'Giới tính', f.gender);
    if (f.birthYear !== undefined) await d.getByRole('textbox', { name: 'Năm sinh' }).fill(f.birthYear);
    if (f.ethnicity !== undefined) await d.getByRole('combobox', { name: 'Dân tộc' }).fill(f.ethnicity);
    if (f.role) await this.pick(d, 'Chức danh', f.role);
    if (f.phone !== undefined) await d.getByRole('textbox', { name: 'Số điện thoại' }).fill(f.phone);
    if (f.joinedOn !== undefined) await this.fillDate(d, 'Ngày tham gia', f.joinedOn);
    if (f.note !== undefined) await d.getByRole('textbox', { name: 'Ghi chú' }).fill(f.note);
  }

  async addMember(f: MemberFields): Promise<void> {
    await this.action('Thêm thành viên');
    const d = this.dialog(/^Thêm thành viên vào/);
    await expect(d).toBeVisible();
    await this.fillMember(d, f);
    await d.getByRole('button', { name: 'Lưu' }).click();
    await this.expectNoDialog();
  }

  /** Opens a member's own record from a members table. */
  async openMember(table: Locator, name: string): Promise<Locator> {
    await this.row(table, name).click();
    const d = this.dialog(`Thành viên ${name}`);
    await expect(d).toBeVisible();
    await expect(d.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue(name);
    return d;
  }

  // ---- ratings ----

  async chooseLevel(d: Locator, level: string): Promise<void> {
    await d.getByRole('radio', { name: level, exact: true }).check();
  }

  // ---- Excel ----

  async chooseExcel(file: string): Promise<Locator> {
    await this.page.getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.dialog(/^Nhập dữ liệu/);
    await expect(d).toBeVisible();
    return d;
  }
}
