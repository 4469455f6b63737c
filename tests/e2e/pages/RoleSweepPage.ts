/**
 * Page model that walks every section of the navigation, every tab inside it and the first row's
 * detail, and reads the visible, enabled buttons (their accessible text) and any refusal shown —
 * for the role sweeps of roles.spec.ts (issue 15 item 1: a role sees only what it may).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** What one place of the app shows: the buttons a person could press there. */
export interface SweepStop {
  where: string;
  buttons: string[];
  /** Text of any "Chức năng này chỉ dành cho vai trò …" refusal on the screen. */
  refusals: string[];
}

/** Dispatch's and the evaluation service's refusal (shared/ipc/access.ts refusalMessage). */
export const REFUSAL = /Chức năng này chỉ dành cho vai trò/;

export class RoleSweepPage {
  constructor(private readonly page: Page) {}

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Các phần của phần mềm' });
  }

  main(): Locator {
    return this.page.locator('main');
  }

  async sectionNames(): Promise<string[]> {
    const links = this.nav().getByRole('link');
    await expect(links.first()).toBeVisible();
    return (await links.allInnerTexts()).map((t) => t.trim());
  }

  /** Waits until the calls a screen makes on opening have answered and no loader is left. */
  async settle(): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    await expect(this.page.locator('.mantine-Loader-root:visible')).toHaveCount(0, { timeout: 30_000 });
    await this.page.waitForLoadState('networkidle');
  }

  /** Visible, enabled buttons on the page (drawers and dialogs included), by accessible text; tabs and column headers left out. */
  async enabledButtons(): Promise<string[]> {
    const all = this.page.locator('button:visible, [role=button]:visible, a[role=button]:visible');
    return all.evaluateAll((els) =>
      els
        // :disabled also covers a button inside a disabled fieldset.
        .filter((e) => !e.matches(':disabled') && e.getAttribute('aria-disabled') !== 'true' && !e.hasAttribute('data-disabled'))
        // Tabs, and a table's column headers (sorting), choose what is shown: not actions.
        .filter((e) => !['tab', 'radio', 'option'].includes(e.getAttribute('role') ?? '') && !e.closest('[role=columnheader], th'))
        .map((e) => (e.getAttribute('aria-label') || e.textContent || '').replace(/\s+/g, ' ').trim())
        .filter((t) => t !== ''),
    );
  }

  async refusals(): Promise<string[]> {
    const texts = await this.page.getByText(REFUSAL).allInnerTexts();
    return texts.map((t) => t.trim());
  }

  async stop(where: string): Promise<SweepStop> {
    await this.settle();
    return { where, buttons: await this.enabledButtons(), refusals: await this.refusals() };
  }

  /**
   * Every section: its screen, each tab (tabs that appear after a click are visited too), and on
   * each the first row of its first table opened (then closed with Escape).
   */
  async sweep(): Promise<SweepStop[]> {
    const stops: SweepStop[] = [];
    for (const section of await this.sectionNames()) {
      await this.nav().getByRole('link', { name: section, exact: true }).click();
      stops.push(await this.stop(section));
      stops.push(...(await this.firstRow(section)));
      const seen = new Set<string>();
      for (;;) {
        const tabs = this.main().getByRole('tab');
        const names = (await tabs.allInnerTexts()).map((t) => t.trim());
        const next = names.findIndex((n) => !seen.has(n));
        if (next < 0) break;
        seen.add(names[next]!);
        await tabs.nth(next).click();
        const where = `${section} › ${names[next]}`;
        stops.push(await this.stop(where));
        stops.push(...(await this.firstRow(where)));
      }
    }
    return stops;
  }

  /** Opens the first data row of the first table (or the first node of a tree) on screen, if any, and reads what it shows. */
  private async firstRow(where: string): Promise<SweepStop[]> {
    const row = this.main().locator('[role=row][aria-rowindex]:visible, table tbody tr:visible, [role=treeitem]:visible').first();
    if ((await row.count()) === 0) return [];
    const cell = row.locator('[role=cell], td').first();
    await ((await cell.count()) > 0 ? cell : row).click();
    const stop = await this.stop(`${where} › hàng đầu`);
    await this.page.keyboard.press('Escape');
    await this.settle();
    return [stop];
  }
}
