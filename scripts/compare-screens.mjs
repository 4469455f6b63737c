// `node scripts/compare-screens.mjs --before DIR --after DIR [--out DIR] [--tolerance N]`: are the
// screens the same before and after a change that should not change them (a component split)?
// Each DIR is a build (`node scripts/build.mjs --out DIR`) of one version of the app. For each build
// it starts the built web host on a fresh data folder with the same clock, sets the office up the
// same way, seeds the same records through the API, and takes the same screenshots at 1366x768;
// then it compares the pictures pixel by pixel in the browser (a canvas per picture): a pixel
// differs when one of its channels differs by more than the tolerance (default 8 of 255). It writes
// both pictures, a diff picture (differing pixels in red over a faded "after") and report.json.
// Not part of npm test: it needs two builds and takes about a minute.
// The comparison runs inside the page (page.evaluate), where these are the browser's.
/* global Image, document, ImageData */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { seedUnitsAndSessions, setUpGiaVien } from './lib/screen-seed.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const before = arg('before');
const after = arg('after');
if (!before || !after) {
  console.error('usage: node scripts/compare-screens.mjs --before DIST_DIR --after DIST_DIR [--out DIR] [--tolerance N]');
  process.exit(2);
}
const outDir = path.resolve(arg('out', 'screens-compare'));
const tolerance = Number(arg('tolerance', '8'));
fs.mkdirSync(outDir, { recursive: true });

/** Starts a built host on a fresh data folder; resolves its address and a typed-less API caller. */
async function startHost(dist) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-compare-'));
  const host = spawn(process.execPath, [path.join(path.resolve(dist), 'host/main.mjs'), '--data-dir', dataDir], {
    cwd: path.dirname(path.resolve(dist)),
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
    host.on('exit', () => reject(new Error(`host of ${dist} stopped: ${out}`)));
  });
  const u = new URL(url);
  const token = new URLSearchParams(u.hash.slice(1)).get('token');
  const api = async (method, input) => {
    const res = await fetch(`${u.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Antq-Token': token },
      body: JSON.stringify(input),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value;
  };
  return { url, api, stop: () => host.kill('SIGTERM') };
}

/** The same office, units and records in every build. */
async function seed(page, api) {
  await setUpGiaVien(page);
  await seedUnitsAndSessions(api);
  await page.reload();
}

/** The screens whose components were split: units, the activity list and entry grid, the period figures. */
async function takeShots(page, dir) {
  const shot = async (name) => {
    await page.waitForLoadState('networkidle');
    // No loader left (the period figures take a while on a busy machine), then transitions finish.
    await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'), null, { timeout: 60_000 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
    return name;
  };
  const names = [];
  await page.getByRole('tree').waitFor();
  await page.getByRole('button', { name: 'Mở rộng Xã Gia Hòa' }).click();
  await page.getByRole('treeitem', { name: 'Thôn Đông Xuyên' }).click();
  await page.getByTestId('unit-title').filter({ hasText: 'Thôn Đông Xuyên' }).waitFor();
  names.push(await shot('units-village'));
  await page.getByRole('treeitem', { name: 'Xã Gia Hòa' }).click();
  await page.getByTestId('unit-title').filter({ hasText: 'Xã Gia Hòa' }).waitFor();
  names.push(await shot('units-commune'));
  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  await page.getByRole('dialog').waitFor();
  names.push(await shot('units-add-dialog'));
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page.getByRole('navigation').getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await page.getByRole('tab', { name: 'Tuyên truyền, phát động' }).click();
  names.push(await shot('activities-list'));
  await page.getByRole('tabpanel').getByRole('button', { name: 'Nhập nhiều dòng' }).click();
  await page.getByRole('dialog').waitFor();
  await page.getByLabel('Bảng nhập nhiều dòng').waitFor();
  names.push(await shot('activities-grid'));
  await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page.getByRole('navigation').getByRole('link', { name: 'Số liệu theo kỳ' }).click();
  await page.getByRole('heading').first().waitFor();
  names.push(await shot('period'));
  return names;
}

/** Pixel comparison in the browser: counts of differing pixels and a diff picture. */
async function compare(page, a, b) {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const load = (src) =>
        new Promise((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.onerror = reject;
          img.src = src;
        });
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      if (ia.width !== ib.width || ia.height !== ib.height) return { sizeDiffers: true, differing: -1, total: 0, diff: null };
      const w = ia.width;
      const h = ia.height;
      const pixels = (img) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, w, h);
      };
      const pa = pixels(ia).data;
      const pb = pixels(ib);
      const out = new ImageData(w, h);
      let differing = 0;
      let box = null;
      for (let i = 0; i < pa.length; i += 4) {
        const d = Math.max(Math.abs(pa[i] - pb.data[i]), Math.abs(pa[i + 1] - pb.data[i + 1]), Math.abs(pa[i + 2] - pb.data[i + 2]));
        if (d > tolerance) {
          differing++;
          out.data.set([255, 0, 0, 255], i);
          const x = (i / 4) % w;
          const y = Math.floor(i / 4 / w);
          box = box
            ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) }
            : { x0: x, y0: y, x1: x, y1: y };
        } else {
          const g = (pb.data[i] + pb.data[i + 1] + pb.data[i + 2]) / 3;
          out.data.set([g, g, g, 60], i);
        }
      }
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d').putImageData(out, 0, 0);
      return { sizeDiffers: false, differing, total: w * h, box, diff: differing > 0 ? c.toDataURL('image/png') : null };
    },
    { a, b, tolerance },
  );
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const report = { before, after, tolerance, viewport: '1366x768', screens: [] };
try {
  let names = [];
  for (const [label, dist] of [
    ['before', before],
    ['after', after],
  ]) {
    const dir = path.join(outDir, label);
    fs.mkdirSync(dir, { recursive: true });
    const host = await startHost(dist);
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await page.goto(host.url);
      await seed(page, host.api);
      names = await takeShots(page, dir);
      await page.close();
    } finally {
      host.stop();
    }
  }
  const page = await browser.newPage();
  const dataUrl = (label, name) => `data:image/png;base64,${fs.readFileSync(path.join(outDir, label, `${name}.png`)).toString('base64')}`;
  for (const name of names) {
    const r = await compare(page, dataUrl('before', name), dataUrl('after', name));
    if (r.diff) fs.writeFileSync(path.join(outDir, `diff-${name}.png`), Buffer.from(r.diff.split(',')[1], 'base64'));
    const share = r.total > 0 ? r.differing / r.total : 1;
    report.screens.push({
      name,
      differingPixels: r.differing,
      share: Number(share.toFixed(6)),
      box: r.box ?? null,
      sizeDiffers: r.sizeDiffers,
    });
    console.log(
      `${name}: ${r.sizeDiffers ? 'size differs' : `${r.differing} of ${r.total} pixels differ`}${r.box ? ` in ${JSON.stringify(r.box)}` : ''}`,
    );
  }
  fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  console.log(`Pictures and report.json in ${outDir}`);
} finally {
  await browser.close();
}
