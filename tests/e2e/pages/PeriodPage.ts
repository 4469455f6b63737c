/** Page model of "Số liệu theo kỳ": period, unit, the sections' sentences and tables, the per-unit table. */
import { expect, type Locator, type Page } from '@playwright/test';
import { RegistrationPanel } from './RegistrationPanel';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class PeriodPage {
  constructor(readonly page: Page) {}

  /** The registration figures of the period's last year (issue 14 item 3). */
  registrations(): RegistrationPanel {
    return new RegistrationPanel(this.page);
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Số liệu theo kỳ' }).click();
    await expect(this.page.getByRole('heading', { name: 'Số liệu theo kỳ', level: 2 })).toBeVisible();
  }

  async preset(label: 'Năm nay' | 'Năm thống kê' | 'Năm trước' | '3 năm gần nhất' | '5 năm gần nhất' | 'Tùy chọn'): Promise<void> {
    // The segmented control's radio inputs are visually hidden; a person clicks the visible label.
    await this.page.getByText(label, { exact: true }).click();
    await expect(this.page.getByRole('radio', { name: label })).toBeChecked();
  }

  get fromInput(): Locator {
    return this.page.getByRole('textbox', { name: 'Từ ngày' });
  }

  get toInput(): Locator {
    return this.page.getByRole('textbox', { name: 'Đến ngày' });
  }

  /** Types both dates as a person does (dd/mm/yyyy, Tab to leave each field). */
  async period(from: string, to: string): Promise<void> {
    await this.fromInput.fill(from);
    await this.fromInput.press('Tab');
    await this.toInput.fill(to);
    await this.toInput.press('Tab');
  }

  async unit(name: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: 'Đơn vị' });
    await box.click();
    await box.fill(name);
    await this.page
      .getByRole('option', { name: new RegExp(`${escapeRe(name)}$`) })
      .first()
      .click();
  }

  info(): Locator {
    return this.page.getByTestId('period-info');
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  sentence(title: string): Locator {
    return this.section(title).getByTestId('sentence');
  }

  /** The row of an indicator in a section's table, by its label. */
  row(title: string, label: string): Locator {
    return this.section(title)
      .getByRole('table', { name: `Chỉ tiêu: ${title}` })
      .getByRole('row', { name: new RegExp(`^${escapeRe(label)} \\(`) });
  }

  /** [Kỳ này, Kỳ trước, Tăng, giảm] of an indicator. */
  async values(title: string, label: string): Promise<string[]> {
    const cells = this.row(title, label).getByRole('cell');
    return [await cells.nth(1).innerText(), await cells.nth(2).innerText(), await cells.nth(3).innerText()];
  }

  perUnit(): Locator {
    return this.page.getByRole('table', { name: 'Theo đơn vị trực thuộc' });
  }

  perUnitRow(name: string): Locator {
    return this.perUnit()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  perUnitTotal(): Locator {
    return this.perUnit().getByRole('row', { name: 'Tổng cộng' });
  }

  /** The shown value of an indicator ("thiếu dữ liệu" when nothing was entered). */
  async value(title: string, label: string): Promise<string> {
    return (await this.values(title, label))[0]!;
  }

  /** Records a leadership document through the form under "Công tác lãnh đạo, chỉ đạo". */
  async addLeadershipDoc(d: { unit: string; issuedOn: string; type: string; number: string; title: string }): Promise<void> {
    await this.section('Công tác lãnh đạo, chỉ đạo').getByRole('button', { name: 'Thêm văn bản' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Thêm văn bản' });
    const unit = dialog.getByRole('combobox', { name: 'Đơn vị ban hành' });
    await unit.click();
    await unit.fill(d.unit);
    await this.page
      .getByRole('option', { name: new RegExp(`${escapeRe(d.unit)}$`) })
      .first()
      .click();
    await dialog.getByRole('textbox', { name: 'Ngày ban hành' }).fill(d.issuedOn);
    await dialog.getByRole('textbox', { name: 'Ngày ban hành' }).press('Tab');
    await dialog.getByRole('combobox', { name: 'Loại văn bản' }).selectOption({ label: d.type });
    await dialog.getByRole('textbox', { name: 'Số, ký hiệu' }).fill(d.number);
    await dialog.getByRole('textbox', { name: 'Trích yếu' }).fill(d.title);
    await dialog.getByRole('button', { name: 'Lưu văn bản' }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** Opens "Thiết lập", sets the statistical year start and, per crime category, trọng án and field. */
  async settings(s: { statYearStart?: string; categories?: { label: string; grave?: boolean; field?: string }[] }): Promise<void> {
    await this.page.getByRole('button', { name: 'Thiết lập', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Thiết lập số liệu theo kỳ' });
    if (s.statYearStart !== undefined) await dialog.getByRole('textbox', { name: /Năm thống kê bắt đầu/ }).fill(s.statYearStart);
    for (const c of s.categories ?? []) {
      if (c.grave !== undefined) await dialog.getByRole('checkbox', { name: `Trọng án: ${c.label}` }).setChecked(c.grave);
      if (c.field !== undefined) await dialog.getByRole('combobox', { name: `Lĩnh vực: ${c.label}` }).selectOption({ label: c.field });
    }
    await dialog.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await expect(dialog).toHaveCount(0);
  }
}
