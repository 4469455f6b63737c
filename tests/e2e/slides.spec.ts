/**
 * "Trình chiếu" on the Sa Pa fixture (registry of the seed page and its 2020–2022 records): hide and
 * reorder slides (the database keeps the choice), present with the keyboard (→ PageDown ← Home End
 * Space, B blanks and unblanks, Esc leaves), export the same deck as PPTX (a zip with the visible
 * slides in order); screenshots of the screen at 1366×768 and of every slide at 1920×1080.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { test, expect } from './support/fixtures';
import { apiOf } from './support/api';
import type { RunningHost } from './support/host';
import type { Method } from '../../shared/ipc/contract';
import { SlidesPage } from './pages/SlidesPage';
import { loadSaPa } from '../fixtures/sapa';
import { loadSaPaActivities, type Call } from '../fixtures/activity-seeds';

const callOf =
  (host: RunningHost): Call =>
  (m, i) =>
    apiOf(host).result(m as Method, i);

const SHOTS = path.resolve('screenshots');

const TASKS = [
  'Tiếp tục quán triệt, thực hiện nghiêm các chỉ thị, nghị quyết của cấp ủy, chính quyền về công tác bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới.',
  'Đổi mới nội dung, hình thức tuyên truyền, vận động; chú trọng tuyên truyền trên hệ thống loa truyền thanh và mạng xã hội tại các thôn, tổ dân phố vùng sâu, vùng xa, khu du lịch.',
  'Củng cố, nhân rộng các mô hình tự quản về an ninh, trật tự hoạt động hiệu quả; sơ kết, thanh loại các mô hình hoạt động hình thức.',
  'Nâng cao chất lượng tiếp nhận, xử lý nguồn tin của quần chúng; bảo vệ bí mật người cung cấp thông tin; kịp thời khen thưởng tập thể, cá nhân có thành tích.',
  'Tổ chức tốt Ngày hội toàn dân bảo vệ an ninh Tổ quốc và diễn đàn "Công an lắng nghe ý kiến Nhân dân" ở tất cả các xã, phường.',
  'Phối hợp với Mặt trận Tổ quốc và các đoàn thể kiểm tra, đánh giá, công nhận khu dân cư, cơ quan, doanh nghiệp, nhà trường đạt tiêu chuẩn "An toàn về an ninh, trật tự" đúng quy định.',
].join('\n');

test('hide and reorder, present with the keyboard, blank, leave, export PPTX', async ({ page, host, db }) => {
  test.setTimeout(180_000);
  await loadSaPa(host);
  await loadSaPaActivities(callOf(host));
  const p = new SlidesPage(page);
  await page.goto(host.url);
  await p.open();
  await p.year(2022);
  await expect(p.rows).toHaveCount(11);
  await expect(p.row('Trang mở đầu')).toBeVisible();

  // Hide the awards slide; the database keeps it hidden.
  await p.setShown('Thi đua, khen thưởng', false);
  await expect.poll(() => db.get<{ hidden: number }>("SELECT hidden FROM slide_preferences WHERE slide_key = 'awards'")?.hidden).toBe(1);
  // Move the evaluation slide up once, with the keyboard.
  const before = await p.order();
  await p.moveUp('Kết quả "An toàn về ANTT"');
  const at = before.indexOf('Kết quả "An toàn về ANTT"');
  await expect.poll(() => p.order()).toEqual([...before.slice(0, at - 1), before[at]!, before[at - 1]!, ...before.slice(at + 1)]);
  await expect
    .poll(() => db.all<{ slide_key: string }>('SELECT slide_key FROM slide_preferences ORDER BY position').map((r) => r.slide_key))
    .toEqual([
      'title',
      'key-figures',
      'chart-propaganda',
      'chart-tips',
      'chart-models',
      'chart-mass-orgs',
      'evaluation',
      'registrations',
      'models',
      'awards',
      'tasks',
    ]);
  expect(db.all('SELECT slide_key FROM slide_preferences WHERE hidden = 1')).toEqual([{ slide_key: 'awards' }]);
  // The choice is found again after a reload.
  await page.reload();
  await p.open();
  await p.year(2022);
  await expect(page.getByRole('checkbox', { name: 'Trình chiếu trang này: Thi đua, khen thưởng' })).not.toBeChecked();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'slides-screen-1366.png') });

  await p.start();
  await expect(p.number).toHaveText('1/10');
  await expect(p.slide).toContainText('CÔNG AN THỊ XÃ SA PA');
  await p.press('ArrowRight');
  await expect(p.number).toHaveText('2/10');
  await expect(p.slide).toContainText('Số liệu chính năm 2022');
  await expect(p.slide).toContainText('Năm 2021');
  await p.press('PageDown');
  await expect(p.number).toHaveText('3/10');
  await expect(p.slide.getByTestId('slide-chart')).toHaveCount(2);
  await p.press('ArrowLeft');
  await expect(p.number).toHaveText('2/10');
  await p.press('End');
  await expect(p.number).toHaveText('10/10');
  await expect(p.slide).toContainText('Chưa có báo cáo năm 2022');
  await expect(p.slide).not.toContainText('Thi đua, khen thưởng');
  await p.press('Home');
  await expect(p.number).toHaveText('1/10');
  await p.press('Space');
  await expect(p.number).toHaveText('2/10');
  await p.press('PageUp');
  await expect(p.number).toHaveText('1/10');

  await p.press('b');
  await expect(p.blank).toBeVisible();
  await expect(p.slide).toHaveCount(0);
  await p.press('b');
  await expect(p.blank).toHaveCount(0);
  await expect(p.number).toHaveText('1/10');

  await p.press('Escape');
  await expect(p.presenter).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Trình chiếu', level: 2 })).toBeVisible();

  const download = await p.exportPptx();
  expect(download.suggestedFilename()).toBe('trinh-chieu-2022.pptx');
  const file = await download.path();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  expect(slides).toHaveLength(10);
  const last = await zip.file('ppt/slides/slide10.xml')!.async('string');
  expect(last).toContain('Chưa có báo cáo năm 2022');
  const seventh = await zip.file('ppt/slides/slide7.xml')!.async('string');
  expect(seventh).toContain('Kết quả xây dựng');
  // The registration slide (issue 14) follows the evaluation slide moved above it.
  const eighth = await zip.file('ppt/slides/slide8.xml')!.async('string');
  expect(eighth).toContain('Đăng ký xây dựng');
});

test('every slide at 1920×1080', async ({ page, host }) => {
  test.setTimeout(180_000);
  await loadSaPa(host);
  await loadSaPaActivities(callOf(host));
  // Next year's tasks from a draft report: long enough to continue on a second slide.
  const report = await apiOf(host).call('reports.create', { kind: 'tong_ket_nam', from: '2022-01-01', to: '2022-12-31', unitId: null });
  await apiOf(host).call('reports.update', { id: report.id, sections: { phuong_huong: TASKS } });
  await page.setViewportSize({ width: 1920, height: 1080 });
  const p = new SlidesPage(page);
  await page.goto(host.url);
  await p.open();
  await p.year(2022);
  await expect(p.rows).toHaveCount(11);
  await p.start();
  // At 1920×1080 the stage is drawn at its own size.
  await expect(p.presenter.getByTestId('stage')).toHaveAttribute('data-scale', '1.0000');
  fs.mkdirSync(SHOTS, { recursive: true });
  for (let i = 1; i <= 12; i++) {
    await expect(p.number).toHaveText(`${i}/12`);
    await page.screenshot({ path: path.join(SHOTS, `slide-${String(i).padStart(2, '0')}.png`) });
    await p.press('ArrowRight');
  }
  await expect(p.slide).toContainText('Phương hướng, nhiệm vụ năm 2023 (tiếp)');
  await expect(p.slide).toContainText('Theo dự thảo báo cáo (chưa ban hành)');
});
