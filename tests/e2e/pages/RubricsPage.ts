/**
 * Page model of the "Chấm điểm, phân loại" and "Bộ tiêu chí" tabs of the evaluation page: the
 * rubric table and its scoring form, rubric and rule-set file import, the rule-set drawer and the
 * evaluation settings.
 */
import { expect, type Locator, type Page } from '@playwright/test';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type ItemValue = number | boolean | 'khong_ap_dung';

export class RubricsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Đánh giá, công nhận' }).click();
    await expect(this.page.getByRole('heading', { name: 'Đánh giá, công nhận' })).toBeVisible();
  }

  async openRubrics(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Chấm điểm, phân loại' }).click();
    await expect(this.page.getByRole('combobox', { name: 'Biểu điểm' })).toBeVisible();
  }

  async openRuleSets(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Bộ tiêu chí' }).click();
    await expect(this.ruleSetTable()).toBeVisible();
  }

  // ---- rubrics ----

  table(): Locator {
    return this.page.getByRole('table', { name: 'Bảng chấm điểm' });
  }

  row(name: string): Locator {
    return this.table().locator('[role=row][aria-rowindex]').filter({ hasText: name });
  }

  /** Cells of a row: Tên, Trực thuộc, Tự chấm, Thẩm định, Xếp loại, Thao tác (one kind). */
  cells(row: Locator): Locator {
    return row.getByRole('cell');
  }

  counts(): Locator {
    return this.page.getByTestId('rubric-counts');
  }

  async chooseRubric(name: RegExp): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Biểu điểm' }).click();
    await this.page.getByRole('option', { name }).click();
  }

  rubricSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Biểu điểm' });
  }

  async importRubric(file: string): Promise<void> {
    await this.page.getByLabel('Chọn tệp biểu điểm').setInputFiles(file);
  }

  async openScoreForm(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Chấm điểm: ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Chấm điểm: ${name}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async chooseKind(dialog: Locator, kind: 'Tự chấm' | 'Thẩm định'): Promise<void> {
    await dialog.getByText(kind, { exact: true }).click();
  }

  /** Fills one item of the scoring form by its id (e.g. "1.1", "6.1", "L1"). */
  async fillItem(dialog: Locator, id: string, value: ItemValue): Promise<void> {
    const item = dialog.getByRole('group', { name: new RegExp(`^${escape(id)}\\. `) });
    if (typeof value === 'boolean') {
      // Counted once the item shows: counted earlier, a knockout item would be taken for a plain one.
      await expect(item).toBeVisible();
      const isKnockout = (await item.getByRole('radio', { name: 'Có xảy ra' }).count()) > 0;
      const label = isKnockout ? (value ? 'Có xảy ra' : 'Không xảy ra') : value ? /^Đạt/ : /^Không đạt/;
      await item.getByRole('radio', { name: label }).check();
    } else if (value === 'khong_ap_dung') {
      await item.getByRole('checkbox', { name: 'Không áp dụng' }).check();
    } else {
      await item.getByRole('textbox').fill(String(value).replace('.', ','));
    }
  }

  async fillItems(dialog: Locator, items: Record<string, ItemValue>): Promise<void> {
    for (const [id, v] of Object.entries(items)) await this.fillItem(dialog, id, v);
  }

  liveTotal(dialog: Locator): Locator {
    return dialog.getByTestId('live-total');
  }

  // ---- rule sets ----

  ruleSetTable(): Locator {
    return this.page.getByRole('table', { name: 'Danh sách bộ tiêu chí' });
  }

  ruleSetRow(name: string): Locator {
    return this.ruleSetTable().getByRole('row').filter({ hasText: name });
  }

  async importRuleSet(file: string): Promise<void> {
    await this.page.getByLabel('Chọn tệp bộ tiêu chí').setInputFiles(file);
  }

  async viewRuleSet(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Xem tiêu chí: ${name}` }).click();
    const drawer = this.page.getByRole('dialog', { name });
    await expect(drawer).toBeVisible();
    return drawer;
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}
