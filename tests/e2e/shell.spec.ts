import { test, expect } from './support/fixtures';
import { setupGiaVien } from './support/api';

test('the shell lists every section; sections not built yet say what they will hold', async ({ page, host }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Các phần của phần mềm' });
  await expect(nav.getByRole('link')).toHaveText([
    'Tổng quan',
    'Đơn vị hành chính',
    'Cơ quan, doanh nghiệp, trường học',
    'Mô hình, điển hình',
    'Tổ chức quần chúng',
    'Hoạt động phong trào',
    'Số liệu theo kỳ',
    'Đánh giá, công nhận',
    'Báo cáo',
    'Trình chiếu',
    'Gửi, nhận dữ liệu',
    'Sao lưu dữ liệu',
    // Quản trị (the set-up's account) also sees the accounts screen (issue 15 item 1).
    'Tài khoản',
    // and the audit log (issue 15 item 3).
    'Nhật ký thao tác',
  ]);
  await nav.getByRole('link', { name: 'Báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo' })).toBeVisible();
  // The reports section (issue 13): an empty list on a new office, no invented figures.
  await expect(page.getByRole('button', { name: 'Tạo báo cáo' })).toBeVisible();
  await expect(page.getByText('Chưa có báo cáo nào.', { exact: false })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(/\d+\.\d{3}/);

  await nav.getByRole('link', { name: 'Đơn vị hành chính' }).click();
  await expect(page.getByRole('tree', { name: 'Cây đơn vị' })).toBeVisible();
  await expect(page).toHaveURL(/#\/don-vi$/);
});
