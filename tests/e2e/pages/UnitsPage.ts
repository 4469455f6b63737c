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
    await this.tree()
      .getByRole('button', { name: `Mở rộng ${name}`, exact: true })
      .click();
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
    await d.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  async save(): Promise<void> {
    // Exact: the add dialog also has "Lưu và thêm tiếp".
    await this.dialog().getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  async expectDialogError(message: string | RegExp): Promise<void> {
    await expect(this.dialog().getByText(message)).toBeVisible();
  }

  async expectNoDialog(): Promise<void> {
    await expect(this.dialog()).toHaveCount(0);
  }

  // --- the unit list from Excel (tree tab header) and "Lưu và thêm tiếp" -----------------------

  /** Downloads the unit list template; returns its suggested file name and saved path. */
  async downloadTemplate(dir: string): Promise<{ name: string; file: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    const file = `${dir}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    return { name: download.suggestedFilename(), file };
  }

  /** Chooses an Excel file; returns the preview dialog once the file is checked. */
  async importExcel(file: string): Promise<Locator> {
    await this.page.getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.page.getByRole('dialog', { name: 'Nhập dữ liệu: Đơn vị và khu dân cư' });
    await expect(d).toBeVisible({ timeout: 60_000 });
    return d;
  }

  previewRow(d: Locator, rowNumber: number): Locator {
    return d
      .getByRole('table', { name: 'Kết quả kiểm tra tệp' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: String(rowNumber), exact: true }) });
  }

  async commitImport(d: Locator): Promise<void> {
    await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
    await expect(d).toHaveCount(0, { timeout: 60_000 });
  }

  /** Fills the add dialog (already open) and saves with "Lưu và thêm tiếp": the dialog stays open. */
  async addAndContinue(fields: { name: string; kind?: string; validFrom?: string }): Promise<void> {
    const d = this.dialog();
    await d.getByRole('textbox', { name: 'Tên đơn vị' }).fill(fields.name);
    if (fields.kind) {
      await d.getByRole('combobox', { name: 'Loại' }).click();
      await this.page.getByRole('option', { name: fields.kind, exact: true }).click();
    }
    if (fields.validFrom) await this.fillDate('Hoạt động từ', fields.validFrom);
    await d.getByRole('button', { name: 'Lưu và thêm tiếp' }).click();
  }
}

/**
 * Units across time (issue 3): the tabs of the units screen, yearly figures, merge/split dialogs,
 * the guided 2025 step and the roll-up view. Extends the tree page model above.
 */
export class UnitHistoryPage extends UnitsPage {
  constructor(private readonly p: Page) {
    super(p);
  }

  async openTab(name: 'Cây đơn vị' | 'Số liệu theo năm' | 'Tổng hợp theo đơn vị' | 'Sắp xếp ĐVHC 2025'): Promise<void> {
    await this.p.getByRole('tab', { name }).click();
  }

  /** A Mantine Select by its label (or aria-label), then the option. */
  async choose(label: string, option: string, scope: Locator = this.p.locator('body')): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await this.p.getByRole('option', { name: option, exact: true }).click();
  }

  // --- detail panel: yearly figures -------------------------------------------------------------

  yearTable(): Locator {
    return this.p.getByRole('table', { name: 'Số liệu theo năm của đơn vị' });
  }

  yearRow(year: number): Locator {
    return this.yearTable()
      .getByRole('row')
      .filter({ has: this.p.getByRole('cell', { name: String(year), exact: true }) });
  }

  async editYear(year: number, households: string, residents: string, trongDiem?: boolean): Promise<void> {
    await this.p.getByRole('button', { name: `Sửa số liệu năm ${year}` }).click();
    const row = this.yearTable()
      .getByRole('row')
      .filter({ has: this.p.getByRole('textbox', { name: 'Số hộ' }) });
    await row.getByRole('textbox', { name: 'Số hộ' }).fill(households);
    await row.getByRole('textbox', { name: 'Số nhân khẩu' }).fill(residents);
    if (trongDiem !== undefined) await row.getByRole('checkbox', { name: 'Xã trọng điểm, phức tạp về ANTT' }).setChecked(trongDiem);
    await row.getByRole('button', { name: 'Lưu' }).click();
  }

  // --- office grid ------------------------------------------------------------------------------

  grid(): Locator {
    return this.p.getByRole('table', { name: 'Bảng số liệu theo năm' });
  }

  gridCell(field: 'Số hộ' | 'Số nhân khẩu', unit: string): Locator {
    return this.grid().getByRole('textbox', { name: `${field} — ${unit}`, exact: true });
  }

  gridFlag(unit: string): Locator {
    return this.grid().getByRole('checkbox', { name: `Xã trọng điểm, phức tạp về ANTT — ${unit}`, exact: true });
  }

  gridTotals(): Locator {
    return this.grid().getByRole('row', { name: 'Tổng cộng' });
  }

  async saveGrid(): Promise<void> {
    await this.p.getByRole('button', { name: /^Lưu thay đổi/ }).click();
  }

  // --- merge --------------------------------------------------------------------------------------

  async merge(fields: {
    with: string[];
    date: string;
    reason: string;
    name?: string;
    code?: string;
    keep?: string;
    leave?: string[];
  }): Promise<void> {
    await this.action('Hợp nhất với đơn vị khác');
    const d = this.dialog();
    for (const name of fields.with) await d.getByRole('checkbox', { name, exact: true }).check();
    await this.fillDate('Ngày có hiệu lực', fields.date);
    await d.getByRole('textbox', { name: 'Lý do, căn cứ' }).fill(fields.reason);
    if (fields.keep) {
      await d.getByRole('radio', { name: 'Giữ lại một đơn vị, sáp nhập các đơn vị còn lại vào' }).check();
      await this.choose('Đơn vị được giữ lại', fields.keep, d);
    } else {
      await d.getByRole('textbox', { name: 'Tên đơn vị' }).fill(fields.name ?? '');
      if (fields.code !== undefined) await d.getByRole('textbox', { name: 'Mã' }).fill(fields.code);
    }
    if (fields.leave) await this.leaveBehind(fields.leave);
    await d.getByRole('button', { name: 'Hợp nhất', exact: true }).click();
  }

  // --- records that follow a merged or ended unit -----------------------------------------------

  /** The list of records offered to the successor in the merge or end dialog. */
  transferList(): Locator {
    return this.dialog().getByRole('group', { name: 'Hồ sơ chuyển sang đơn vị kế thừa' });
  }

  transferItem(name: string): Locator {
    return this.transferList().getByRole('checkbox', { name, exact: true });
  }

  /** Unticks records so they stay with the ending unit. */
  async leaveBehind(names: readonly string[]): Promise<void> {
    for (const name of names) await this.transferItem(name).uncheck();
  }

  async endUnit(fields: { date: string; reason: string; successor?: string; leave?: string[] }): Promise<void> {
    await this.action('Kết thúc hoạt động');
    const d = this.dialog();
    await this.fillDate('Ngày kết thúc', fields.date);
    await d.getByRole('textbox', { name: 'Lý do' }).fill(fields.reason);
    if (fields.successor) await this.choose('Đơn vị tiếp nhận hồ sơ', fields.successor, d);
    if (fields.leave) await this.leaveBehind(fields.leave);
    await d.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  }

  /** The moves of records out of the selected unit, in its detail panel. */
  transfers(): Locator {
    return this.p.getByLabel('Hồ sơ đã chuyển sang đơn vị khác');
  }

  async undoTransfer(): Promise<void> {
    await this.transfers().getByRole('button', { name: 'Hoàn tác chuyển hồ sơ' }).click();
  }

  /** Renames the selected unit with the day the new name takes effect. */
  async rename(name: string, effective: string): Promise<void> {
    await this.action('Sửa thông tin');
    await this.dialog().getByRole('textbox', { name: 'Tên đơn vị' }).fill(name);
    await this.fillDate('Có hiệu lực từ', effective);
    await this.save();
  }

  lineage(): Locator {
    return this.p.getByLabel('Quan hệ kế thừa');
  }

  // --- tree as of a year ------------------------------------------------------------------------

  async viewTreeAs(option: string): Promise<void> {
    await this.choose('Xem cây đơn vị', option);
  }

  // --- guided 2025 step ---------------------------------------------------------------------------

  reorgGroup(successor: string): Locator {
    return this.p.getByRole('group', { name: `Nhóm ${successor}`, exact: true });
  }

  async applyReorg(): Promise<void> {
    await this.p.getByRole('button', { name: /^Áp dụng \d+ nhóm$/ }).click();
    await this.dialog().getByRole('button', { name: 'Áp dụng', exact: true }).click();
  }

  // --- roll-up ------------------------------------------------------------------------------------

  rollupTable(): Locator {
    return this.p.getByRole('table', { name: 'Tổng hợp số liệu theo đơn vị' });
  }

  /** The row whose first cell (the unit) is exactly `unit`. */
  rollupRow(unit: string): Locator {
    const exact = new RegExp(`^${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.rollupTable()
      .getByRole('row')
      .filter({ has: this.p.locator('[role="cell"]:first-child', { hasText: exact }) });
  }
}
