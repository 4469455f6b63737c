/**
 * Point rubrics and rule-set files end to end: scoring a residential area with the shipped example
 * rubric; a province rubric file whose newer version has other bands changing the same unit's
 * class; malformed rubric and rule-set files refused with Vietnamese errors and nothing stored; a
 * province rule-set file imported, listed, readable and removed; the evaluation settings saved.
 * Each flow checks what the person sees and what the database file holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type DbReader } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { RubricsPage, type ItemValue } from './pages/RubricsPage';

const EXAMPLE = JSON.parse(fs.readFileSync(path.resolve('resources/rulesets/rubric-example.json'), 'utf8')) as Record<string, unknown>;
const PROVINCE_RULESET = JSON.parse(fs.readFileSync(path.resolve('resources/rulesets/example-province-extra.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** 86 of 100 points under the example's items (one incident in 6.1: −3). */
const ITEMS_86: Record<string, ItemValue> = {
  '1.1': true,
  '1.2': true,
  '1.3': 6,
  '2': 12,
  '3': 8,
  '4': 12,
  '5': 8,
  '6.1': 1,
  '6.2': 0,
  '6.3': 0,
  L1: false,
  L2: false,
};

const count = (db: DbReader, table: string) => db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

function writeJson(name: string, value: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-files-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return file;
}

function provinceRubric(version: string, bands: { class: string; min: number; label?: string }[]): Record<string, unknown> {
  const { note: _note, ...rest } = EXAMPLE;
  return {
    ...rest,
    id: 'ninh-binh-bieu-diem-khu-dan-cu',
    name: 'Biểu điểm phong trào ở khu dân cư tỉnh Ninh Bình',
    version,
    source: 'Hướng dẫn của Công an tỉnh Ninh Bình',
    example: false,
    bands,
  };
}

let thonDong = '';

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  const units = await apiOf(host).call('units.list', { includeEnded: false });
  const hoa = units.find((u) => u.name === 'Xã Gia Hòa')!;
  thonDong = (
    await apiOf(host).call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2010-01-01' })
  ).id;
  await apiOf(host).call('units.create', { parentId: hoa.id, name: 'Thôn Tây', kind: 'thon', code: null, validFrom: '2010-01-01' });
  await page.goto(host.url);
});

test('score a residential area with the example rubric: totals and class live, then in the table', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRubrics();
  await expect(rb.rubricSelect()).toHaveValue(/^Ví dụ minh họa — không phải biểu điểm chính thức/);
  await expect(page.getByText('Ví dụ minh họa — không phải biểu điểm chính thức', { exact: true })).toBeVisible();
  await expect(rb.counts()).toHaveText('2 chưa xếp loại');
  await expect(rb.cells(rb.row('Thôn Đông')).nth(2)).toHaveText('Chưa chấm');

  const dialog = await rb.openScoreForm('Thôn Đông');
  await rb.fillItems(dialog, ITEMS_86);
  await expect(rb.liveTotal(dialog)).toContainText('86/100');
  await expect(rb.liveTotal(dialog)).toContainText('Khá');
  await expect(dialog.getByTestId('points-6.1')).toHaveText('12/15');
  // Deductions stop at 0: six incidents × 3 points is more than 15.
  await rb.fillItem(dialog, '6.1', 6);
  await expect(dialog.getByTestId('points-6.1')).toHaveText('0/15');
  await expect(rb.liveTotal(dialog)).toContainText('74/100');
  await rb.fillItem(dialog, '6.1', 1);
  // A knock-out caps the class.
  await rb.fillItem(dialog, 'L2', true);
  await expect(rb.liveTotal(dialog)).toContainText('Khá');
  await rb.fillItem(dialog, 'L1', true);
  await expect(rb.liveTotal(dialog)).toContainText('Yếu');
  await rb.fillItem(dialog, 'L1', false);
  await rb.fillItem(dialog, 'L2', false);

  // The scorer's name is required; nothing typed is lost.
  await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(dialog.getByText('Người chấm là bắt buộc.')).toBeVisible();
  await expect(dialog.getByRole('group', { name: /^2\. / }).getByRole('textbox')).toHaveValue('12');
  expect(count(db, 'rubric_scores')).toBe(0);
  await dialog.getByRole('textbox', { name: 'Người chấm' }).fill('Trưởng thôn Nguyễn Văn Bình');
  // Points above an item's maximum: refused under the item, in Vietnamese; nothing stored.
  await rb.fillItem(dialog, '2', 16);
  await expect(dialog.getByTestId('live-explanation')).toContainText('1 mục có giá trị không hợp lệ');
  await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(dialog.getByRole('group', { name: /^2\. / })).toContainText('điểm phải từ 0 đến 15, tối đa 2 chữ số thập phân');
  await expect(dialog.getByRole('alert')).toContainText('Điểm tự chấm chưa hợp lệ');
  expect(count(db, 'rubric_scores')).toBe(0);
  await rb.fillItem(dialog, '2', 12);
  await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(dialog).toBeHidden();

  const row = rb.row('Thôn Đông');
  await expect(rb.cells(row).nth(2)).toHaveText('86/100');
  await expect(rb.cells(row).nth(4)).toContainText('Khá');
  await expect(rb.counts()).toHaveText('1 Khá, 1 chưa xếp loại');
  const stored = db.all<{ subject_id: string; kind: string; inputs: string; scored_by: string; rubric_id: string; year: number }>(
    'SELECT * FROM rubric_scores',
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    subject_id: thonDong,
    kind: 'tu_cham',
    scored_by: 'Trưởng thôn Nguyễn Văn Bình',
    rubric_id: 'vi-du-bieu-diem-khu-dan-cu',
    year: 2026,
  });
  expect(JSON.parse(stored[0]!.inputs)).toEqual(ITEMS_86);

  // The reviewed score, entered separately, decides the class.
  const again = await rb.openScoreForm('Thôn Đông');
  await rb.chooseKind(again, 'Thẩm định');
  await rb.fillItems(again, { ...ITEMS_86, '2': 15, '4': 15, '6.1': 0 });
  await expect(rb.liveTotal(again)).toContainText('95/100');
  await again.getByRole('textbox', { name: 'Người chấm' }).fill('Thiếu tá Trần Hùng');
  await again.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(again).toBeHidden();
  await expect(rb.cells(row).nth(3)).toHaveText('95/100');
  await expect(rb.cells(row).nth(4)).toContainText('Xuất sắc');
  await expect(rb.cells(row).nth(4)).toContainText('(theo thẩm định)');
  expect(db.all('SELECT kind FROM rubric_scores ORDER BY kind')).toEqual([{ kind: 'tham_dinh' }, { kind: 'tu_cham' }]);
});

test('a province rubric file with other bands changes the same unit’s class, without re-scoring', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRubrics();
  const bands2025 = [
    { class: 'xuat_sac', min: 90 },
    { class: 'kha', min: 70 },
    { class: 'trung_binh', min: 50 },
    { class: 'yeu', min: 0 },
  ];
  await rb.importRubric(writeJson('Bieu diem Ninh Binh 2025.json', provinceRubric('2025-01-01', bands2025)));
  await expect(
    page.getByText('Đã nhập biểu điểm "Biểu điểm phong trào ở khu dân cư tỉnh Ninh Bình" (phiên bản 2025-01-01).'),
  ).toBeVisible();
  await expect(rb.rubricSelect()).toHaveValue('Biểu điểm phong trào ở khu dân cư tỉnh Ninh Bình');
  // Not an example: no warning.
  await expect(page.getByText('Ví dụ minh họa — không phải biểu điểm chính thức', { exact: true })).toBeHidden();

  const dialog = await rb.openScoreForm('Thôn Đông');
  await rb.fillItems(dialog, ITEMS_86);
  await dialog.getByRole('textbox', { name: 'Người chấm' }).fill('Trưởng thôn Nguyễn Văn Bình');
  await dialog.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(dialog).toBeHidden();
  const row = rb.row('Thôn Đông');
  await expect(rb.cells(row).nth(4)).toContainText('Khá');
  const before = db.all('SELECT * FROM rubric_scores');

  // The province re-issues its rubric for 2026: from 85 points is "Hoàn thành xuất sắc".
  await rb.importRubric(
    writeJson(
      'Bieu diem Ninh Binh 2026.json',
      provinceRubric('2026-02-01', [
        { class: 'xuat_sac', min: 85, label: 'Hoàn thành xuất sắc' },
        { class: 'kha', min: 70 },
        { class: 'trung_binh', min: 50 },
        { class: 'yeu', min: 0 },
      ]),
    ),
  );
  await expect(rb.cells(row).nth(4)).toContainText('Hoàn thành xuất sắc');
  await expect(rb.cells(row).nth(2)).toHaveText('86/100');
  await expect(page.getByText('Phiên bản hiệu lực từ 01/02/2026, áp dụng cho năm 2026.', { exact: false })).toBeVisible();
  await expect(rb.counts()).toHaveText('1 Hoàn thành xuất sắc, 1 chưa xếp loại');
  // The scores themselves did not change; the province's two files are stored.
  expect(db.all('SELECT * FROM rubric_scores')).toEqual(before);
  expect(db.all('SELECT rubric_id, version, file_name FROM rubric_files ORDER BY version')).toEqual([
    { rubric_id: 'ninh-binh-bieu-diem-khu-dan-cu', version: '2025-01-01', file_name: 'Bieu diem Ninh Binh 2025.json' },
    { rubric_id: 'ninh-binh-bieu-diem-khu-dan-cu', version: '2026-02-01', file_name: 'Bieu diem Ninh Binh 2026.json' },
  ]);
  // The example rubric is still there and still labelled.
  await rb.chooseRubric(/^Ví dụ minh họa — không phải biểu điểm chính thức/);
  await expect(page.getByText('Ví dụ minh họa — không phải biểu điểm chính thức', { exact: true })).toBeVisible();
  await expect(rb.cells(rb.row('Thôn Đông')).nth(2)).toHaveText('Chưa chấm');
});

test('a malformed rubric file is refused with every problem in Vietnamese and nothing is stored', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRubrics();
  await rb.importRubric(
    writeJson('Bieu diem sai.json', {
      ...provinceRubric('2025-01-01', [
        { class: 'xuat_sac', min: 60 },
        { class: 'kha', min: 70 },
        { class: 'yeu', min: 10 },
      ]),
      maxTotal: 90,
    }),
  );
  const alert = rb.alert();
  await expect(alert).toContainText('Không nhập được tệp "Bieu diem sai.json"');
  await expect(alert).toContainText('Tổng điểm tối đa khai báo (90) khác tổng điểm các mục (100).');
  await expect(alert).toContainText('phải bắt đầu từ 0 điểm');
  await expect(alert.getByRole('listitem')).toHaveCount(3);
  expect(count(db, 'rubric_files')).toBe(0);
  // A rule-set file offered as a rubric gets one plain sentence.
  await rb.importRubric(writeJson('tieu-chi.json', PROVINCE_RULESET));
  await expect(rb.alert()).toContainText('Tệp này là bộ tiêu chí, không phải biểu điểm');
  expect(count(db, 'rubric_files')).toBe(0);
  await expect(rb.rubricSelect()).toHaveValue(/^Ví dụ minh họa/);
});

test('import a province rule-set file: listed, criteria readable, exported as stored, removed', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRuleSets();
  await expect(rb.ruleSetRow('Tiêu chuẩn "An toàn về an ninh, trật tự" đối với khu dân cư')).toContainText('Đi kèm phần mềm');

  const value = {
    ...PROVINCE_RULESET,
    id: 'ninh-binh-bo-sung-khu-dan-cu',
    name: 'Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư',
    version: '2025-03-01',
    issuer: 'Ủy ban nhân dân tỉnh Ninh Bình',
    example: false,
  };
  const file = writeJson('Tieu chi Ninh Binh.json', value);
  await rb.importRuleSet(file);
  await expect(
    page.getByText('Đã nhập bộ tiêu chí "Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư" (phiên bản 2025-03-01, 2 tiêu chí).'),
  ).toBeVisible();
  const row = rb.ruleSetRow('Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư');
  await expect(row).toContainText('01/03/2025');
  await expect(row).toContainText('Nhập từ tệp');
  await expect(row).toContainText('Tỉnh bổ sung');
  const stored = db.all<{ rule_set_id: string; content: Buffer; file_name: string }>(
    'SELECT rule_set_id, content, file_name FROM rule_set_files',
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]!.content.equals(fs.readFileSync(file))).toBe(true);

  const drawer = await rb.viewRuleSet('Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư');
  await expect(drawer).toContainText('Ủy ban nhân dân tỉnh Ninh Bình');
  const criteria = drawer.getByRole('listitem');
  await expect(criteria).toHaveCount(2);
  await expect(criteria.nth(1)).toContainText('Có camera giám sát an ninh tại các tuyến đường chính');
  await expect(criteria.nth(1)).toContainText('Điều 2 khoản 2');
  await expect(criteria.nth(1)).toContainText('Cách đánh giá: Cán bộ xác nhận có/không');
  await drawer.getByRole('button', { name: 'Đóng' }).click();

  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Xuất tệp/ }).click();
  const saved = await (await download).path();
  expect(fs.readFileSync(saved).equals(fs.readFileSync(file))).toBe(true);

  // The same file again: nothing new.
  await rb.importRuleSet(file);
  await expect(page.getByText(/đã có, không thay đổi/)).toBeVisible();
  expect(count(db, 'rule_set_files')).toBe(1);

  await row.getByRole('button', { name: /^Xóa/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Xóa bộ tiêu chí đã nhập' });
  await confirm.getByRole('button', { name: 'Xóa' }).click();
  await expect(row).toHaveCount(0);
  expect(count(db, 'rule_set_files')).toBe(0);
  // Shipped files cannot be removed: no button.
  await expect(
    rb.ruleSetRow('Tiêu chuẩn "An toàn về an ninh, trật tự" đối với khu dân cư').getByRole('button', { name: /^Xóa/ }),
  ).toHaveCount(0);
});

test('a bad rule-set file is refused with Vietnamese errors and nothing is stored', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRuleSets();
  const bad = {
    ...PROVINCE_RULESET,
    id: 'ninh-binh-loi',
    version: '2025-02-30',
    unitKinds: ['khu_pho_co'],
    rules: [{ id: 'X-1', clause: 'khoản 1', title: 'Thiếu loại', explanation: 'x' }],
  };
  await rb.importRuleSet(writeJson('Tieu chi loi.json', bad));
  const alert = rb.alert();
  await expect(alert).toContainText('Không nhập được tệp "Tieu chi loi.json"');
  await expect(alert).toContainText('Ngày không hợp lệ');
  await expect(alert).toContainText('Loại đơn vị "khu_pho_co" không có trong danh mục của phần mềm');
  expect(count(db, 'rule_set_files')).toBe(0);
  await expect(rb.ruleSetTable().getByRole('row')).toHaveCount(6);

  // A file that is not JSON at all.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-files-'));
  fs.writeFileSync(path.join(dir, 'bang.xlsx'), 'PK');
  await rb.importRuleSet(path.join(dir, 'bang.xlsx'));
  await expect(rb.alert()).toContainText('Hãy chọn tệp JSON (.json).');
  expect(count(db, 'rule_set_files')).toBe(0);
});

test('evaluation settings: defaults explained, a change saved with who', async ({ page, db }) => {
  const rb = new RubricsPage(page);
  await rb.open();
  await rb.openRuleSets();
  const settings = page.getByRole('region', { name: 'Thiết lập đánh giá' });
  await settings.scrollIntoViewIfNeeded();
  await expect(settings.getByRole('radio', { name: /bằng năm trước vẫn đạt\. \(mặc định\)$/ })).toBeChecked();
  await expect(settings.getByRole('radio', { name: /^Gộp tất cả .* \(mặc định\)$/ })).toBeChecked();
  await expect(settings).toContainText('Đang dùng thiết lập mặc định.');
  expect(count(db, 'evaluation_settings')).toBe(0);
  await settings.getByRole('radio', { name: /bằng năm trước là chưa đạt/ }).check();
  await settings.getByRole('textbox', { name: 'Người thay đổi' }).fill('Trung tá Phạm Minh');
  await settings.getByRole('button', { name: 'Lưu thiết lập' }).click();
  await expect(page.getByText('Đã lưu thiết lập đánh giá.')).toBeVisible();
  await expect(settings).toContainText('người thay đổi: Trung tá Phạm Minh');
  expect(db.all('SELECT reduced_means, subunit_pool, updated_by FROM evaluation_settings')).toEqual([
    { reduced_means: 'lt', subunit_pool: 'pooled', updated_by: 'Trung tá Phạm Minh' },
  ]);
});
