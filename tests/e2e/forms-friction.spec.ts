/**
 * Friction found entering two real year-end reports (issue 14, items 7 and 9), end to end: the unit
 * picker ranks a unit's own name first and takes the highlighted option on Enter / Tab without
 * submitting the dialog; a negative number is refused with a message; a date after today asks to be
 * confirmed and then saves; the model status dialog pre-selects nothing and a step can be undone;
 * side panels close on Escape and name their close button; the evaluation board shows more than five
 * rows at 1366×768 and keeps its year; toasts stay below the header; focus is not red. Each flow
 * checks the screen and, where data is involved, the database. Screenshots go to screenshots/.
 */
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { ModelsPage } from './pages/ModelsPage';
import { MassOrgsPage } from './pages/MassOrgsPage';
import { agencyInput } from '../support/evaluation-inputs';

const UNIT = 'Đơn vị (xã, khu dân cư)';
const ITEM = 'buổi tuyên truyền';
const PCCC_TYPE = 'f28d9677-9cf2-42e6-9c30-af2fa94aede5';
const SHOTS = 'screenshots';

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const sessions = (db: DbReader) => db.all<Record<string, unknown>>('SELECT * FROM propaganda_sessions WHERE deleted_at IS NULL');

/** Two villages under Xã Gia Hòa, and one named "Thôn Gia Hòa" under Xã Gia Hưng (a later commune in the list). */
async function arrangeVillages(host: RunningHost, db: DbReader): Promise<void> {
  const api = apiOf(host);
  for (const name of ['Thôn An', 'Thôn Bình'])
    await api.call('units.create', { parentId: unitId(db, 'Xã Gia Hòa'), name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  await api.call('units.create', {
    parentId: unitId(db, 'Xã Gia Hưng'),
    name: 'Thôn Gia Hòa',
    kind: 'thon',
    code: null,
    validFrom: '2020-01-01',
  });
}

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('the unit picker lists a village by its own name first; Enter and Tab take the highlighted option and never submit the dialog', async ({
  page,
  host,
  db,
}) => {
  await arrangeVillages(host, db);
  const act = new ActivitiesPage(page);
  await act.open();
  const d = await act.openAdd(ITEM);
  await act.fill(d, {
    Ngày: { date: '15/03/2026' },
    'Hình thức': { pick: 'Loa truyền thanh, xe loa', typed: 'loa' },
    'Nội dung, chủ đề': { text: 'Phòng, chống ma túy' },
    'Lượt người': { number: '120' },
  });

  // Every field but the unit is filled: an Enter that reached the form would save the record.
  const unit = d.getByRole('combobox', { name: UNIT, exact: true });
  await unit.click();
  await unit.fill('thon gia hoa');
  const options = page.getByRole('option');
  await expect(options.first()).toHaveText(/Thôn Gia Hòa$/);
  await expect(options.nth(1)).toHaveText(/Thôn An$/);
  await unit.press('Enter');
  await expect(unit).toHaveValue(/Xã Gia Hưng › Thôn Gia Hòa$/);
  await expect(d).toBeVisible();
  expect(sessions(db)).toHaveLength(0);

  // Tab takes the highlighted option too, and moves on.
  await unit.fill('gia hung');
  await expect(options.first()).toHaveText(/Xã Gia Hưng$/);
  await unit.press('Tab');
  await expect(unit).toHaveValue(/Xã Gia Hưng$/);
  await expect(unit).not.toBeFocused();
  await expect(d).toBeVisible();
  expect(sessions(db)).toHaveLength(0);

  // Back to the village, then the save button saves it with the village.
  await unit.fill('thon gia hoa');
  await unit.press('Tab');
  await act.save(d);
  await act.expectNoDialog();
  expect(sessions(db)).toMatchObject([{ unit_id: unitId(db, 'Thôn Gia Hòa'), attendance: 120 }]);
});

test('a negative number is refused with a message and nothing is saved; a future date is a warning, saved once confirmed', async ({
  page,
  db,
}) => {
  const act = new ActivitiesPage(page);
  await act.open();
  const d = await act.openAdd(ITEM);
  await act.fill(d, {
    Ngày: { date: '10/12/2026' },
    [UNIT]: { pick: /Xã Gia Hòa$/, typed: 'gia hoa' },
    'Hình thức': { pick: 'Loa truyền thanh, xe loa', typed: 'loa' },
    'Nội dung, chủ đề': { text: 'Phòng, chống lừa đảo qua mạng' },
    'Lượt người': { number: '-50' },
  });
  const attendance = d.getByRole('textbox', { name: 'Lượt người', exact: true });
  await attendance.press('Tab');
  // The sign stays as typed (it used to become 50) and the field says why it is wrong.
  await expect(attendance).toHaveValue('-50');
  await expect(d.getByText('Không nhận số âm: hãy nhập số từ 0 trở lên.')).toBeVisible();
  // The date after today (22/11/2026) is flagged under its field, in orange, not as an error.
  await expect(d.getByText('Ngày ở tương lai (hôm nay 22/11/2026): kiểm tra lại trước khi lưu.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/h14-forms-negative-and-future.png` });

  await act.save(d);
  await expect(d).toBeVisible();
  await expect(d.getByText(/Lượt người không được âm/)).toBeVisible();
  expect(sessions(db)).toHaveLength(0);

  // Fixed: the future date now asks to be confirmed, and nothing is saved until it is.
  await attendance.fill('50');
  await act.save(d);
  const notice = d.getByRole('alert', { name: 'Ngày ở tương lai' });
  await expect(notice).toContainText('Ngày: 10/12/2026 – sau ngày hôm nay (22/11/2026).');
  await page.screenshot({ path: `${SHOTS}/h14-forms-future-confirm.png` });
  expect(sessions(db)).toHaveLength(0);
  await notice.getByRole('button', { name: 'Vẫn lưu' }).click();
  await act.expectNoDialog();
  expect(sessions(db)).toMatchObject([{ date: '2026-12-10', attendance: 50 }]);
});

test('a mass organisation founded and a member joined after today: each date is a warning, the save waits for "Vẫn lưu", the dates are kept', async ({
  page,
  db,
}) => {
  const mo = new MassOrgsPage(page);
  await mo.open();
  await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
  const d = mo.dialog('Thêm tổ chức quần chúng');
  await mo.fillOrg(d, {
    kind: 'Tổ hòa giải',
    name: 'Tổ hòa giải thôn mới',
    unit: { typed: 'gia hoa', option: /Xã Gia Hòa$/ },
    decisionDate: '25/11/2026',
    validFrom: '01/12/2026',
  });
  // Both dates are after today (22/11/2026): flagged under their fields, not refused.
  await expect(d.getByText('Ngày ở tương lai (hôm nay 22/11/2026): kiểm tra lại trước khi lưu.')).toHaveCount(2);
  await mo.save(d);
  const notice = mo.futureNotice(d);
  await expect(notice).toContainText('Ngày quyết định: 25/11/2026 – sau ngày hôm nay (22/11/2026).');
  await expect(notice).toContainText('Hoạt động từ: 01/12/2026 – sau ngày hôm nay (22/11/2026).');
  await page.screenshot({ path: `${SHOTS}/h14-forms-future-massorg.png` });
  const orgs = () => db.all<Record<string, unknown>>("SELECT * FROM mass_orgs WHERE name = 'Tổ hòa giải thôn mới'");
  expect(orgs()).toHaveLength(0);
  await notice.getByRole('button', { name: 'Vẫn lưu' }).click();
  await mo.expectNoDialog();
  await expect(mo.title()).toHaveText('Tổ hòa giải thôn mới');
  expect(orgs()).toMatchObject([{ decision_date: '2026-11-25', valid_from: '2026-12-01' }]);

  // The member form: "Sửa lại ngày" leaves the form open, nothing saved; the next save asks again.
  await mo.action('Thêm thành viên');
  const m = mo.dialog(/^Thêm thành viên vào/);
  await mo.fillMember(m, { fullName: 'Lò Văn Mới', gender: 'Nam', role: 'Tổ viên', joinedOn: '15/12/2026' });
  await expect(m.getByText('Ngày ở tương lai (hôm nay 22/11/2026): kiểm tra lại trước khi lưu.')).toBeVisible();
  const members = () => db.all<Record<string, unknown>>("SELECT * FROM mass_org_members WHERE full_name = 'Lò Văn Mới'");
  await mo.save(m);
  await expect(mo.futureNotice(m)).toContainText('Ngày tham gia: 15/12/2026 – sau ngày hôm nay (22/11/2026).');
  await mo.futureNotice(m).getByRole('button', { name: 'Sửa lại ngày' }).click();
  await expect(mo.futureNotice(m)).toHaveCount(0);
  await expect(m).toBeVisible();
  expect(members()).toHaveLength(0);
  await mo.save(m);
  await mo.futureNotice(m).getByRole('button', { name: 'Vẫn lưu' }).click();
  await mo.expectNoDialog();
  await expect(mo.row(mo.orgMembersTable(), 'Lò Văn Mới')).toBeVisible();
  expect(members()).toMatchObject([{ joined_on: '2026-12-15', left_on: null }]);
});

test('the model status dialog pre-selects nothing; the last step can be undone and is kept as undone', async ({ page, host, db }) => {
  const m = await apiOf(host).call('models.create', {
    name: 'Tổ liên gia an toàn PCCC',
    typeId: PCCC_TYPE,
    originUnitId: unitId(db, 'Huyện Gia Viễn'),
    originLevel: 'huyen',
    foundedOn: '2022-03-15',
    status: 'hoat_dong',
    note: '',
  });
  const models = new ModelsPage(page);
  await models.open();
  await models.openModel('Tổ liên gia an toàn PCCC');
  await expect(page.getByRole('button', { name: 'Hoàn tác bước cuối' })).toHaveCount(0);

  const d = await models.action('Chuyển trạng thái');
  const step = d.getByRole('combobox', { name: 'Bước tiếp theo' });
  await expect(step).toHaveValue('');
  await page.screenshot({ path: `${SHOTS}/h14-forms-model-status.png` });
  await models.fillDate(d, 'Ngày', '20/03/2023');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(d.getByText('Hãy chọn bước tiếp theo.')).toBeVisible();
  expect(db.all('SELECT seq FROM model_events WHERE model_id = ?', m.id)).toHaveLength(1);
  await models.pick(d, 'Bước tiếp theo', 'Sơ kết');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await models.expectNoDialog();
  await expect(page.getByText('Đã sơ kết', { exact: true })).toBeVisible();

  const confirm = await models.action('Hoàn tác bước cuối');
  await expect(confirm).toContainText('mô hình trở lại bước "Đi vào hoạt động"');
  await confirm.getByRole('button', { name: 'Hoàn tác', exact: true }).click();
  await models.expectNoDialog();
  await expect(page.getByText('Đang hoạt động', { exact: true }).first()).toBeVisible();
  await models.tab('Quá trình hoạt động');
  await expect(page.getByRole('list', { name: 'Bước đã hoàn tác' })).toContainText('20/03/2023 — Sơ kết (đã hoàn tác ngày 22/11/2026)');
  expect(db.all('SELECT seq, status FROM model_events WHERE model_id = ?', m.id)).toEqual([{ seq: 1, status: 'hoat_dong' }]);
  expect(db.get('SELECT status FROM models WHERE id = ?', m.id)).toEqual({ status: 'hoat_dong' });
  expect(db.all('SELECT seq, status, on_date FROM model_status_undos WHERE model_id = ?', m.id)).toEqual([
    { seq: 2, status: 'so_ket', on_date: '2023-03-20' },
  ]);
});

/** One agency, one enterprise and one school, so the board's counts have a line for every group. */
async function arrangeOrganizations(host: RunningHost, db: DbReader): Promise<void> {
  const where = unitId(db, 'Xã Gia Hưng');
  const api = apiOf(host);
  await api.call(
    'organizations.create',
    agencyInput('Trường THCS Gia Hưng', where, { kind: 'co_so_giao_duc', subKind: 'thcs', managingLevel: 'huyen' }),
  );
  await api.call('organizations.create', agencyInput('Chi cục Thuế khu vực', where, { managingLevel: 'huyen' }));
}

test('the evaluation board shows more than five rows at 1366×768, keeps its year between visits; its side panel closes on Escape and by "Đóng"', async ({
  page,
  host,
  db,
}) => {
  await arrangeVillages(host, db);
  await arrangeOrganizations(host, db);
  await page.reload();
  const ev = new EvaluationPage(page);
  await ev.open();
  await expect(ev.rows().first()).toBeVisible();
  const box = (await ev.table().boundingBox())!;
  const shown = await ev
    .rows()
    .evaluateAll(
      (rows, bottom) => rows.filter((r) => r.getBoundingClientRect().bottom <= bottom && r.getBoundingClientRect().top >= 0).length,
      box.y + box.height,
    );
  expect(shown).toBeGreaterThan(5);
  await page.screenshot({ path: `${SHOTS}/h14-forms-evaluation-board.png` });

  await ev.selectYear(2025);
  await page.getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await expect(page.getByRole('heading', { name: 'Hoạt động phong trào' })).toBeVisible();
  await ev.open();
  await expect(page.getByRole('combobox', { name: 'Năm đánh giá' })).toHaveValue('2025');

  // The name cell: since bulk registration the first cell of a row is its selection box.
  const first = (await ev.rows().first().locator('[role=cell][data-col="name"]').innerText()).trim();
  await ev.openSubject(first);
  await ev.closeSubject();
  const drawer = await ev.openSubject(first);
  await drawer.getByRole('button', { name: 'Đóng', exact: true }).first().click();
  await expect(ev.drawer()).toBeHidden();
});

test('toasts sit below the header; focus shows in blue, not in the red of errors', async ({ page, host, db }) => {
  await arrangeVillages(host, db);
  const act = new ActivitiesPage(page);
  await act.open();
  const d = await act.openAdd(ITEM);
  const topic = d.getByRole('textbox', { name: 'Nội dung, chủ đề' });
  await topic.focus();
  // Polled: the border eases into its focus colour (a transition), so an early read is in between.
  await expect.poll(() => topic.evaluate((el) => getComputedStyle(el).borderColor)).toBe('rgb(34, 139, 230)');
  // Closed from the keyboard, so the focus put back on "Thêm" shows its ring.
  await page.keyboard.press('Escape');
  await act.expectNoDialog();
  await page.getByRole('button', { name: 'Thêm', exact: true }).focus();
  await expect
    .poll(() => page.getByRole('button', { name: 'Thêm', exact: true }).evaluate((el) => getComputedStyle(el).outlineColor))
    .toBe('rgb(34, 139, 230)');

  const form = await act.openAdd(ITEM);
  await act.fill(form, {
    Ngày: { date: '15/03/2026' },
    [UNIT]: { pick: /Thôn An$/, typed: 'thon an' },
    'Hình thức': { pick: 'Loa truyền thanh, xe loa', typed: 'loa' },
    'Nội dung, chủ đề': { text: 'Phòng cháy' },
  });
  await act.save(form);
  const toast = page.getByText('Đã lưu buổi tuyên truyền', { exact: false }).first();
  await expect(toast).toBeVisible();
  const header = (await page.locator('header').first().boundingBox())!;
  const toastBox = (await page.locator('.mantine-Notification-root', { hasText: 'Đã lưu' }).first().boundingBox())!;
  expect(toastBox.y).toBeGreaterThanOrEqual(header.y + header.height);
  expect(sessions(db)).toHaveLength(1);
});
