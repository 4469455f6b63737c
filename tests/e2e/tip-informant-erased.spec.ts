/**
 * A deleted tip's informant is erased for good, and the screens say so (issue 15 item 2): Lãnh đạo
 * deleting a tip that has an informant is warned first; the bin marks the tip; its restore warns
 * and the notice says the informant is not back; Cán bộ reads the same warning for every tip and
 * learns nothing of whether a tip had an informant. Screen AND database. Screenshots 1366x768.
 */
import type { Page } from '@playwright/test';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { ROLE_ACCOUNTS, type Credentials } from './support/accounts';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { LoginPage } from './pages/LoginPage';
import { emptyRecord } from '../../shared/domain/activities';
import type { MethodInput } from '../../shared/ipc/contract';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${name}.png` });
const WITH = 'Tố giác kho hàng cấm ở bến đò';
const WITHOUT = 'Phản ánh đèn đường hỏng';
const NAME = 'Đinh Thị Giấu Tên';

/** Gia Viễn, Lãnh đạo and Cán bộ accounts, two tips (one with an informant); then logged out. */
async function arrange(host: RunningHost, db: DbReader): Promise<{ withId: string; withoutId: string }> {
  const api = apiOf(host);
  await setupGiaVien(host);
  for (const role of ['lanh_dao', 'can_bo'] as const) await api.call('accounts.create', { ...ROLE_ACCOUNTS[role], role });
  const hoa = db.get<{ id: string }>("SELECT id FROM units WHERE name = 'Xã Gia Hòa'")!.id;
  const tip = (summary: string) => ({ ...emptyRecord('tips', '2026-11-10'), unitId: hoa, category: 'trat_tu', valuable: true, summary });
  const { ids } = await api.call('activities.saveMany', {
    kind: 'tips',
    records: [tip(WITH), tip(WITHOUT)],
  } as MethodInput<'activities.saveMany'>);
  await api.call('tips.setInformant', {
    tipId: ids[0]!,
    informant: { name: NAME, phone: '0977111222', address: null, idNumber: null, note: null },
  });
  await api.call('auth.logout', {});
  return { withId: ids[0]!, withoutId: ids[1]! };
}

async function logIn(page: Page, host: RunningHost, who: Credentials): Promise<ActivitiesPage> {
  await page.goto(host.url);
  const login = new LoginPage(page);
  await login.login(who.username, who.password);
  await expect(login.userMenu()).toContainText(who.displayName);
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  return act;
}

const informantRow = (db: DbReader, tipId: string) =>
  db.get('SELECT name, phone, address, id_number, note FROM tip_informants WHERE tip_id = ?', tipId) ?? null;

test('Lãnh đạo is warned before the informant is erased; the bin marks the tip; its restore warns and says so', async ({
  page,
  host,
  db,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const { withId, withoutId } = await arrange(host, db);
  const act = await logIn(page, host, ROLE_ACCOUNTS.lanh_dao);

  // A tip without an informant goes to the bin at once, as any record does.
  await act.rowAction(act.row('nguồn tin', WITHOUT), 'Xóa');
  await expect(page.getByText(/^Đã chuyển vào mục "Đã xóa gần đây"/)).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Xóa nguồn tin' })).toHaveCount(0);
  expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', withoutId)).not.toEqual({ deleted_at: null });

  // The tip with an informant: the warning first; "Hủy" changes nothing.
  await act.rowAction(act.row('nguồn tin', WITH), 'Xóa');
  const warn = page.getByRole('dialog', { name: 'Xóa nguồn tin' });
  await expect(warn).toContainText('Nguồn tin này có thông tin người cung cấp tin.');
  await expect(warn).toContainText('bị xóa vĩnh viễn');
  await expect(warn).not.toContainText(NAME);
  await shot(page, 'tip-erase-delete-warning');
  await warn.getByRole('button', { name: 'Hủy' }).click();
  expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', withId)).toEqual({ deleted_at: null });
  expect(informantRow(db, withId)).toMatchObject({ name: expect.stringMatching(/^enc1:/) });

  await act.rowAction(act.row('nguồn tin', WITH), 'Xóa');
  await warn.getByRole('button', { name: 'Xóa nguồn tin' }).click();
  await expect(page.getByText(/Thông tin người cung cấp tin đã bị xóa vĩnh viễn\.$/)).toBeVisible();
  await expect(act.row('nguồn tin', WITH)).toHaveCount(0);
  // Only the mark stays: the identity is gone from the file.
  expect(informantRow(db, withId)).toEqual({ name: null, phone: null, address: null, id_number: null, note: null });

  const bin = await act.openBin('nguồn tin');
  const marked = bin.getByRole('row').filter({ hasText: WITH });
  const plain = bin.getByRole('row').filter({ hasText: WITHOUT });
  await expect(marked).toContainText('đã xóa thông tin người cung cấp');
  await expect(plain).not.toContainText('đã xóa thông tin người cung cấp');
  await shot(page, 'tip-erase-bin');

  await marked.getByRole('button', { name: 'Khôi phục' }).click();
  const ask = page.getByRole('dialog', { name: 'Khôi phục nguồn tin' });
  await expect(ask).toContainText('đã bị xóa vĩnh viễn khi xóa nên sẽ không được khôi phục');
  await shot(page, 'tip-erase-restore-warning');
  await ask.getByRole('button', { name: 'Khôi phục không có người cung cấp tin' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByText(/Thông tin người cung cấp tin không được khôi phục \(đã bị xóa vĩnh viễn khi xóa\)\.$/)).toBeVisible();
  await expect(bin.getByRole('row').filter({ hasText: WITH })).toHaveCount(0);
  // The restored tip is live and has no informant row at all.
  expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', withId)).toEqual({ deleted_at: null });
  expect(informantRow(db, withId)).toBeNull();
  await bin.getByRole('button', { name: 'Đóng' }).click();
  await act.row('nguồn tin', WITH).click();
  await act.informantSection().getByRole('button', { name: 'Hiện thông tin người cung cấp tin' }).click();
  await expect(act.informantSection()).toContainText('Chưa ghi thông tin người cung cấp tin');
});

test('Cán bộ reads the same warning for every tip and is never told whether one had an informant', async ({ page, host, db }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const { withId, withoutId } = await arrange(host, db);
  const act = await logIn(page, host, ROLE_ACCOUNTS.can_bo);

  for (const [summary, id] of [
    [WITHOUT, withoutId],
    [WITH, withId],
  ] as const) {
    await act.rowAction(act.row('nguồn tin', summary), 'Xóa');
    const warn = page.getByRole('dialog', { name: 'Xóa nguồn tin' });
    await expect(warn).toContainText('Nếu nguồn tin có thông tin người cung cấp tin, thông tin đó bị xóa vĩnh viễn');
    await expect(warn).not.toContainText('Nguồn tin này có thông tin người cung cấp tin.');
    if (summary === WITH) await shot(page, 'tip-erase-delete-warning-can-bo');
    await warn.getByRole('button', { name: 'Xóa nguồn tin' }).click();
    await expect(warn).toHaveCount(0);
    expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', id)).not.toEqual({ deleted_at: null });
  }
  expect(informantRow(db, withId)).toEqual({ name: null, phone: null, address: null, id_number: null, note: null });

  const bin = await act.openBin('nguồn tin');
  await expect(bin.getByRole('row').filter({ hasText: WITH })).toBeVisible();
  await expect(bin).not.toContainText('đã xóa thông tin người cung cấp');
  await bin.getByRole('row').filter({ hasText: WITH }).getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByText(/Thông tin người cung cấp tin \(nếu có\) không được khôi phục/)).toBeVisible();
  expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', withId)).toEqual({ deleted_at: null });
  expect(informantRow(db, withId)).toBeNull();
  const peek = await apiOf(host).result('tips.hasInformant', { tipId: withoutId });
  expect(peek.ok ? null : peek.error.code).toBe('FORBIDDEN');
});
