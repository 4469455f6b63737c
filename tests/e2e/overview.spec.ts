import { test, expect, readDb } from './support/fixtures';
import { loadHaNoi } from '../fixtures/hanoi';
import { loadSaPa } from '../fixtures/sapa';
import { newDataDir, startHost } from './support/host';
import { setupGiaVien } from './support/api';

test('the overview reproduces the Sa Pa model figures for 2020–2022', async ({ page, host, db }) => {
  await loadSaPa(host);
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await page.getByRole('textbox', { name: 'Từ ngày' }).fill('01/01/2020');
  await page.getByRole('textbox', { name: 'Từ ngày' }).press('Tab');
  await page.getByRole('textbox', { name: 'Đến ngày' }).fill('31/12/2022');
  await page.getByRole('textbox', { name: 'Đến ngày' }).press('Tab');

  const models = page.getByRole('region', { name: 'Mô hình' });
  // 2020–2022 has ended by the fixed clock (22/11/2026): no "Hiện nay" (issue 14 item 8).
  await expect(models.getByTestId('sentence')).toHaveText(
    'Trong 03 năm qua, trên địa bàn có 14 loại mô hình với tổng số 88 điểm mô hình hoạt động. Số điểm mô hình mới xây dựng là 38 điểm mô hình.',
  );
  await expect(models.getByLabel('Điểm mô hình', { exact: true })).toHaveText('88');
  await expect(models.getByLabel('Điểm mới')).toHaveText('38');

  // The same figures per commune add up to the total.
  const perUnit = page.getByRole('table', { name: 'Theo đơn vị' });
  await expect(perUnit.getByRole('row', { name: 'Tổng cộng' }).getByRole('cell').nth(5)).toHaveText('88');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM model_sites')!.n).toBe(88);
});

test('the overview says what is empty without inventing figures', async ({ page, host }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('region', { name: 'Mô hình' }).getByTestId('sentence')).toHaveText('Chưa có mô hình nào trong danh sách.');
  await expect(page.getByRole('region', { name: 'Tổ chức quần chúng' }).getByTestId('sentence')).toHaveText(
    'Chưa có tổ chức quần chúng nào trong danh sách.',
  );
  await expect(page.getByRole('region', { name: 'Địa bàn' }).getByTestId('sentence')).toHaveText(
    'Địa bàn có 18 xã, phường và 0 khu dân cư.',
  );
});

test('the overview reproduces the Hà Nội mass-organisation figures', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = newDataDir();
  await loadHaNoi(dataDir);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    const section = page.getByRole('region', { name: 'Tổ chức quần chúng' });
    await expect(section.getByTestId('sentence')).toHaveText(
      // By kind as the office records them (issue 14 item 8): the fixture spreads them evenly over ten kinds.
      'Trên địa bàn có 10.546 tổ chức quần chúng ' +
        '(1.055 Tổ bảo vệ an ninh, trật tự; 1.055 tổ tự quản; 1.055 tổ liên gia tự quản; 1.055 tổ hòa giải; 1.055 tổ an ninh nhân dân; 1.055 dòng họ tự quản; 1.054 cụm liên kết; 1.054 câu lạc bộ; 1.054 đội dân phòng; 1.054 tổ liên gia an toàn phòng cháy, chữa cháy) ' +
        'với 135.716 thành viên, trong đó có 7.288/10.546 tổ chức (69,1%) được đánh giá là hoạt động hiệu quả, hoàn thành tốt nhiệm vụ được giao.',
      { timeout: 120_000 },
    );
    await expect(section.getByLabel('Thành viên')).toHaveText('135.716');
    const perUnit = page.getByRole('table', { name: 'Theo đơn vị' });
    await expect(perUnit.getByRole('row', { name: 'Tổng cộng' }).getByRole('cell').nth(6)).toHaveText('10.546');
    const stored = readDb(dataDir).get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members WHERE deleted_at IS NULL');
    expect(stored?.n).toBe(135_716);
  } finally {
    await host.stop();
  }
});
