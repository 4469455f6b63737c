/**
 * The web host's launch token and data folder, in Chromium (issue 10 items 3 and 10):
 * - the token never leaves the page: another server on 127.0.0.1 that the person navigates to from
 *   the app receives no cookie, header, query or referrer carrying it;
 * - without the token the page says what to do, and the API refuses;
 * - a second host on the same data folder is refused with a Vietnamese message.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect } from './support/fixtures';
import { hostToken, newDataDir, startHost } from './support/host';
import { apiOf } from './support/api';
import { SetupPage } from './pages/SetupPage';

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A bystander server on another loopback port that records every request it receives. */
async function recorder(): Promise<{ origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Máy chủ khác</title><h1>Máy chủ khác</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('the launch token never reaches another server on 127.0.0.1 that the person goes to', async ({ page, host }) => {
  const token = hostToken(host);
  expect(token.length).toBeGreaterThan(20);
  expect(new URL(host.url).search).toBe('');
  const other = await recorder();
  try {
    const setup = new SetupPage(page);
    await setup.open(host.url);
    // The token has left the address bar, and the app works (its calls carry the header).
    expect(page.url()).not.toContain(token);
    expect(page.url()).not.toContain('token');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Thiết lập ban đầu' })).toBeVisible();
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);

    // Follow a link from the app to the other server, then type its address.
    await page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'Liên kết ngoài';
      a.id = 'outside-link';
      document.body.appendChild(a);
    }, `${other.origin}/link?from=app`);
    await page.locator('#outside-link').click();
    await expect(page.getByRole('heading', { name: 'Máy chủ khác' })).toBeVisible();
    await page.goto(`${other.origin}/typed`);
    await expect(page.getByRole('heading', { name: 'Máy chủ khác' })).toBeVisible();
    await page.evaluate(() => fetch('/fetched', { credentials: 'include' }).then((r) => r.text()));

    const paths = other.requests.map((r) => r.url);
    expect(paths).toEqual(expect.arrayContaining(['/link?from=app', '/typed', '/fetched']));
    for (const r of other.requests) {
      expect(r.url, r.url).not.toContain(token);
      expect(r.headers['cookie'], r.url).toBeUndefined();
      expect(r.headers['x-antq-token'], r.url).toBeUndefined();
      expect(JSON.stringify(r.headers), r.url).not.toContain(token);
    }
  } finally {
    await other.close();
  }
});

test('without the token the page says what to do and the API refuses', async ({ page, host }) => {
  const origin = new URL(host.url).origin;
  const res = await page.goto(`${origin}/`);
  expect(res?.status()).toBe(200);
  await expect(page.getByText('Không có mã truy cập. Hãy mở đúng địa chỉ (có mã truy cập)')).toBeVisible();
  // Pasting the printed address into the same tab changes only the fragment: the app starts anyway.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Thiết lập ban đầu' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  const api = await fetch(`${origin}/api/office.get`, { method: 'POST', body: '{}' });
  expect(api.status).toBe(403);
  expect(await api.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Không có quyền thực hiện yêu cầu này.' } });
});

test('a second host on the same data folder is refused with a Vietnamese message; the first keeps working', async ({ host }) => {
  const refused = await startHost(host.dataDir).then(
    async (h) => {
      await h.stop();
      return '';
    },
    (err: Error) => err.message,
  );
  expect(refused).toMatch(/host exited with 1/);
  expect(refused).toContain('đang được một phiên khác của phần mềm sử dụng');
  // The low-level cause is kept in the log (stderr), after the Vietnamese message.
  expect(refused).toContain('Nguyên nhân (chi tiết kỹ thuật)');
  expect(refused).toContain('SQLITE_BUSY');
  expect((await apiOf(host).result('office.get', {})).ok).toBe(true);
});

test('a host refuses to start on an empty antq.db or a folder in its place, saying what to do, and writes nothing', async () => {
  const empty = newDataDir();
  fs.writeFileSync(path.join(empty, 'antq.db'), '');
  const folder = newDataDir();
  fs.mkdirSync(path.join(folder, 'antq.db'));
  for (const [dir, expected] of [
    [empty, 'rỗng (0 byte)'],
    [folder, 'lại là một thư mục'],
  ] as const) {
    const out = await startHost(dir).then(
      async (h) => {
        await h.stop();
        return '';
      },
      (err: Error) => err.message,
    );
    expect(out).toMatch(/host exited with 1/);
    expect(out).toContain(expected);
  }
  expect(fs.statSync(path.join(empty, 'antq.db')).size).toBe(0);
  expect(fs.readdirSync(empty).sort()).toEqual(['antq.db', 'antq.lock']);
  expect(fs.readdirSync(path.join(folder, 'antq.db'))).toEqual([]);
});
