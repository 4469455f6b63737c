/** Page model of the evaluation screens: the board, one subject's drawer and their dialogs. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface RegistrationFields {
  registeredOn: string;
  resolutionNumber?: string;
  resolutionDate?: string;
  planNumber?: string;
  planDate?: string;
  householdsRegistered?: string;
  staffBriefed?: string;
  staffTotal?: string;
  departmentsGood?: string;
  departmentsTotal?: string;
}

export const VERDICT_TEXT = /^(Đạt|Không đạt|Không áp dụng|Thiếu dữ liệu)$/;

export class EvaluationPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Đánh giá, công nhận' }).click();
    await expect(this.page.getByRole('heading', { name: 'Đánh giá, công nhận', level: 2 })).toBeVisible();
  }

  async selectYear(year: number): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Năm đánh giá' }).click();
    await this.page.getByRole('option', { name: String(year), exact: true }).click();
    await expect(this.page.getByRole('combobox', { name: 'Năm đánh giá' })).toHaveValue(String(year));
  }

  async category(label: string): Promise<void> {
    // Mantine hides the radio input itself; its visible label sits beside it in the same control.
    const radio = this.page.getByRole('radio', { name: label, exact: true });
    await radio.locator('xpath=..').click();
    await expect(radio).toBeChecked();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Tìm kiếm' }).fill(text);
  }

  // ---- board ----

  table(): Locator {
    return this.page.getByRole('table', { name: 'Bảng đánh giá' });
  }

  rows(): Locator {
    return this.table().locator('[role=row][aria-rowindex]');
  }

  row(name: string): Locator {
    // The name column (the board may start with a selection box).
    return this.rows().filter({ has: this.page.locator('[role=cell][data-col="name"]').getByText(name, { exact: true }) });
  }

  counts(): Locator {
    return this.page.getByRole('status', { name: 'Số liệu đánh giá' });
  }

  /** The board's totals row ("Tổng cộng: N", N the rows of the whole filter, not those read). */
  totals(): Locator {
    return this.table().getByRole('row', { name: 'Tổng cộng' });
  }

  /** The rows' scrolling area. */
  scroller(): Locator {
    return this.table().locator('[role=rowgroup]').nth(1);
  }

  /** The text of the name cell of the first row shown. */
  async firstName(): Promise<string> {
    return (await this.rows().first().locator('[role=cell][data-col="name"]').innerText()).trim();
  }

  /** The progress of a long task (LongTask.tsx) inside `scope`: label, bar and "Hủy". */
  longTask(scope: Locator | Page = this.page): Locator {
    return scope.getByTestId('long-task');
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByRole('textbox', { name: label });
    await input.fill(value);
    await input.press('Tab');
  }

  // ---- subject ----

  drawer(): Locator {
    return this.page.getByRole('dialog', { name: 'Đánh giá đối tượng' });
  }

  async openSubject(name: string): Promise<Locator> {
    await this.row(name).click();
    const d = this.drawer();
    await expect(d.getByRole('heading', { name, level: 3 })).toBeVisible();
    return d;
  }

  async closeSubject(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.drawer()).toBeHidden();
  }

  criteria(): Locator {
    return this.drawer().getByRole('table', { name: 'Bảng tiêu chí' });
  }

  /** The row of one criterion, by its id (KDC-1a, XA-4b, …). */
  criterion(ruleId: string): Locator {
    return this.criteria().locator(`tbody tr[data-rule="${ruleId}"]`);
  }

  /** The cells of a criterion row: clause, criterion, value, threshold, verdict, [frozen], sources, actions. */
  cell(
    ruleId: string,
    column: 'clause' | 'criterion' | 'value' | 'threshold' | 'verdict' | 'sources' | 'actions',
    frozen = false,
  ): Locator {
    const order = frozen
      ? ['clause', 'criterion', 'value', 'threshold', 'verdict', 'frozen', 'sources', 'actions']
      : ['clause', 'criterion', 'value', 'threshold', 'verdict', 'sources', 'actions'];
    return this.criterion(ruleId).getByRole('cell').nth(order.indexOf(column));
  }

  async register(f: RegistrationFields): Promise<void> {
    const form = this.drawer().getByRole('form', { name: 'Đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự"' });
    await this.fillDate(form, 'Ngày đăng ký', f.registeredOn);
    if (f.resolutionNumber) await form.getByRole('textbox', { name: 'Số nghị quyết' }).fill(f.resolutionNumber);
    if (f.resolutionDate) await this.fillDate(form, 'Ngày nghị quyết', f.resolutionDate);
    if (f.planNumber) await form.getByRole('textbox', { name: 'Số kế hoạch' }).fill(f.planNumber);
    if (f.planDate) await this.fillDate(form, 'Ngày kế hoạch', f.planDate);
    const nums: [keyof RegistrationFields, string][] = [
      ['householdsRegistered', 'Số hộ gia đình đăng ký'],
      ['staffBriefed', 'Số người được quán triệt'],
      ['staffTotal', 'Tổng số người'],
      ['departmentsGood', 'Số phòng, ban, tổ, đội đạt'],
      ['departmentsTotal', 'Tổng số phòng, ban, tổ, đội'],
    ];
    for (const [key, label] of nums) {
      const v = f[key];
      if (v !== undefined) await form.getByRole('textbox', { name: label, exact: true }).fill(v);
    }
    await form.getByRole('button', { name: 'Ghi nhận đăng ký' }).click();
    await expect(form).toBeHidden();
  }

  /** Fills and submits the form of the next step. */
  async step(
    name: 'Họp tự đánh giá' | 'Tờ trình đề nghị công nhận' | 'Thẩm định hồ sơ' | 'Quyết định công nhận',
    date: string,
    fields: Record<string, string>,
    outcome?: string,
  ): Promise<void> {
    const form = this.drawer().getByRole('form', { name });
    const dateLabel = {
      'Họp tự đánh giá': 'Ngày họp tự đánh giá',
      'Tờ trình đề nghị công nhận': 'Ngày tờ trình',
      'Thẩm định hồ sơ': 'Ngày thẩm định',
      'Quyết định công nhận': 'Ngày quyết định',
    }[name];
    await this.fillDate(form, dateLabel, date);
    if (outcome) {
      await form.getByRole('combobox', { name: 'Kết quả quyết định' }).click();
      await this.page.getByRole('option', { name: outcome }).click();
    }
    for (const [label, value] of Object.entries(fields)) await form.getByRole('textbox', { name: label, exact: true }).fill(value);
    await form.getByRole('button', { name: 'Ghi nhận bước' }).click();
    await expect(form).toBeHidden();
  }

  status(): Locator {
    return this.drawer().getByRole('region').first();
  }

  // ---- incident statistics completeness (issue 9 item 3) ----

  completeness(): Locator {
    return this.drawer().getByRole('region', { name: 'Số liệu vụ việc đã nhập đủ' });
  }

  /** The status line of one completeness group in the panel. */
  completenessGroup(label: string): Locator {
    return this.completeness().getByRole('group', { name: label, exact: true });
  }

  /** Declares exactly these groups complete (the others unticked) and saves. */
  async declareComplete(year: number, groups: readonly string[], by: string): Promise<void> {
    await this.completeness().getByRole('button', { name: 'Xác nhận đã nhập đủ' }).click();
    const d = this.dialog(`Số liệu vụ việc năm ${year} đã nhập đủ`);
    const boxes = d.getByRole('checkbox');
    // Counted once the dialog shows its groups: counted earlier, none would be set.
    await expect(boxes.first()).toBeVisible();
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const name = (await box.getAttribute('aria-label')) ?? (await d.locator(`label[for="${await box.getAttribute('id')}"]`).innerText());
      await box.setChecked(groups.includes(name.trim()));
    }
    await d.getByRole('textbox', { name: 'Người xác nhận' }).fill(by);
    await d.getByRole('button', { name: 'Lưu' }).click();
    await expect(d).toBeHidden();
  }

  // ---- selecting rows and registering them at once; registrations from Excel (issue 14 item 2) ----

  async selectAllVisible(): Promise<void> {
    await this.table().getByRole('checkbox', { name: 'Chọn tất cả đơn vị chưa đăng ký đang hiển thị' }).check();
  }

  async selectRow(name: string): Promise<void> {
    await this.row(name)
      .getByRole('checkbox', { name: `Chọn ${name}` })
      .check();
  }

  /** "Chọn cả N đơn vị chưa đăng ký theo bộ lọc": every unregistered row of the filter, read or not. */
  chooseAllOfFilter(): Locator {
    return this.page.getByRole('button', { name: /^Chọn cả .* đơn vị chưa đăng ký theo bộ lọc$/ });
  }

  selectionBar(): Locator {
    return this.page.getByRole('region', { name: /^Đã chọn .* đơn vị chưa đăng ký$/ });
  }

  /** Opens the bulk dialog from the selection bar, fills one date and one plan, and submits. */
  async registerSelected(f: { registeredOn: string; planNumber?: string; planDate?: string }): Promise<void> {
    await this.selectionBar()
      .getByRole('button', { name: /^Đăng ký .* đơn vị$/ })
      .click();
    const d = this.dialog(/^Ghi nhận đăng ký năm/);
    await expect(d).toBeVisible();
    await this.fillDate(d, 'Ngày đăng ký', f.registeredOn);
    if (f.planNumber) await d.getByRole('textbox', { name: 'Số kế hoạch' }).fill(f.planNumber);
    if (f.planDate) await this.fillDate(d, 'Ngày kế hoạch', f.planDate);
    await d.getByRole('button', { name: /^Đăng ký .* đơn vị$/ }).click();
    await expect(d).toBeHidden();
  }

  /** Chooses a registrations file on the board; returns the preview dialog. */
  async chooseRegistrationsFile(file: string): Promise<Locator> {
    await this.page.getByLabel('Chọn tệp Excel').setInputFiles(file);
    const d = this.dialog('Nhập dữ liệu: Đăng ký phấn đấu');
    await expect(d).toBeVisible({ timeout: 120_000 });
    return d;
  }

  /** The board's plain note for a year without a rule set. */
  ruleSetNote(): Locator {
    return this.page.getByRole('note').filter({ hasText: /chưa có bộ tiêu chí trong ứng dụng/ });
  }
}
