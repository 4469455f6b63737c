// `npm run screenshots`: builds nothing; starts the built web host on a scratch data directory,
// walks through the screens and saves PNGs to screenshots/ at office (1366×768) and projector
// (1920×1080) sizes, so people can look at what the app shows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { seedUnitsAndSessions, setUpGiaVien } from './lib/screen-seed.mjs';

const outDir = path.resolve('screenshots');
fs.mkdirSync(outDir, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-shots-'));
const host = spawn(process.execPath, ['dist/host/main.mjs', '--data-dir', dataDir], {
  env: { ...process.env, ANTQ_NOW: '2026-11-22T03:00:00Z' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (c) => {
    out += c;
    const m = /ANTQ_URL=(\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  host.on('exit', () => reject(new Error(out)));
});
const api = async (method, input) => {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Antq-Token': new URLSearchParams(u.hash.slice(1)).get('token') },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return body.value;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [label, width, height] of [
    ['1366x768', 1366, 768],
    ['1920x1080', 1920, 1080],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'vi-VN' });
    const shot = (name) => page.screenshot({ path: path.join(outDir, `${label}-${name}.png`) });
    if (label === '1366x768') {
      await page.goto(url);
      await setUpGiaVien(page, () => shot('01-setup'));
      // A few activity records so the activity and period screens show real rows and sentences.
      const { hoa, hung } = await seedUnitsAndSessions(api);
      const tip = (unitId, receivedOn, legalType, valuable, status, summary) => ({
        receivedOn,
        unitId,
        channel: 'dien_thoai',
        category: 'toi_pham',
        legalType,
        valuable,
        summary,
        status,
        outcome: status === 'da_giai_quyet' ? 'khoi_to' : null,
        resolvedOn: status === 'da_giai_quyet' ? '2026-05-02' : null,
        extensions: 0,
        criminalCases: status === 'da_giai_quyet' ? 1 : 0,
        administrativeCases: 0,
        personsHandled: 2,
        wantedArrested: 0,
        wantedSurrendered: 0,
        weapons: 0,
        ammunition: 0,
        explosivesKg: 0,
        supportTools: 0,
        assetsValue: 0,
        note: null,
      });
      await api('activities.saveMany', {
        kind: 'tips',
        records: [
          tip(hoa.id, '2026-04-20', 'to_giac', true, 'da_giai_quyet', 'Tố giác nhóm trộm cắp xe máy'),
          tip(hung.id, '2026-10-25', 'tin_bao', true, 'dang_xu_ly', 'Tin báo đánh bạc tại bãi sông'),
          tip(hung.id, '2026-06-01', null, false, 'dang_xu_ly', 'Phản ánh tụ tập gây mất trật tự ban đêm'),
        ],
      });
      await page.reload();
    } else {
      await page.goto(url);
    }
    await page.getByRole('tree').waitFor();
    await page.getByRole('button', { name: 'Mở rộng Xã Gia Hòa' }).click();
    await page.getByRole('treeitem', { name: 'Thôn Đông Xuyên' }).click();
    await page.getByTestId('unit-title').filter({ hasText: 'Thôn Đông Xuyên' }).waitFor();
    await shot('02-units');
    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).first().isVisible();
    await page.getByRole('treeitem', { name: 'Xã Gia Hòa' }).click();
    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    await page.getByRole('dialog').waitFor();
    await shot('03-add-unit');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Kết thúc hoạt động' }).click();
    await page.getByRole('dialog').waitFor();
    await shot('04-end-unit');
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Tìm đơn vị' }).fill('thon dong');
    await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).waitFor();
    await shot('05-search');
    const sections = [
      ['Tổng quan', '06-overview'],
      ['Cơ quan, doanh nghiệp, trường học', '07-organizations'],
      ['Mô hình, điển hình', '08-models'],
      ['Tổ chức quần chúng', '09-mass-orgs'],
      ['Hoạt động phong trào', '10-activities'],
      ['Số liệu theo kỳ', '11-period'],
      ['Đánh giá, công nhận', '12-evaluation'],
      ['Báo cáo', '13-coming-soon'],
      ['Sao lưu dữ liệu', '14-backups'],
    ];
    for (const [link, name] of sections) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page
        .getByRole('heading', { name: link === 'Tổng quan' ? 'Tổng quan' : undefined })
        .first()
        .waitFor();
      await page.waitForLoadState('networkidle');
      if (link === 'Tổng quan') await page.getByTestId('sentence').first().waitFor();
      await shot(name);
      if (link === 'Đánh giá, công nhận') {
        await page.getByRole('table', { name: 'Bảng đánh giá' }).locator('[role=row][aria-rowindex]').first().click();
        await page.getByRole('dialog').waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        await shot('12b-subject');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        for (const [tab, name2] of [
          ['Chấm điểm, phân loại', '12c-rubrics'],
          ['Bộ tiêu chí', '12d-rulesets'],
        ]) {
          await page.getByRole('tab', { name: tab }).click();
          await page.waitForLoadState('networkidle');
          await shot(name2);
        }
      }
      if (link === 'Hoạt động phong trào') {
        await page.getByRole('tab', { name: 'Nguồn tin của quần chúng' }).click();
        await page.waitForLoadState('networkidle');
        await shot('10b-tips');
        await page.getByRole('tab', { name: 'Tuyên truyền, phát động' }).click();
        await page.getByRole('tabpanel').getByRole('button', { name: 'Nhập nhiều dòng' }).click();
        await page.getByRole('dialog').waitFor();
        await page.getByLabel('Bảng nhập nhiều dòng').waitFor();
        // Let the modal finish its opening transition so the picture shows it, not the fade.
        await page.waitForTimeout(500);
        await shot('10c-grid');
        await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
    }
    await page.close();
  }
  console.log(`Screenshots in ${outDir}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}
