// The office-wide members list at the scale of Hà Nội (2017: 10.546 tổ chức quần chúng, 135.716
// thành viên). Builds a real office database through the app's own backend code (migrations,
// office set-up from the catalogue, the repository's insert functions, so every derived column is
// what the app writes), then measures:
//   - the time to load the data,
//   - the backend time of members.list (in process, through the contract's dispatch, output checked),
//   - the same call over the built web host's HTTP API, and its size,
//   - members.page (what the screen asks for since issue 16): one page in each order and search,
//     its time and JSON size, in process and over HTTP,
//   - in Chromium: navigation to the section, opening the members tab until the first rows show,
//     the number of rows in the DOM (virtualised: must stay small), scrolling to the last row, and
//     the JSON the browser received for members in all.
// Prints figures; never fails on a time. Needs `npm run build` first (or ANTQ_DIST=<folder>).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN, bundleBackend, openBenchBackend, median } from './support/bundle.mjs';
import { createRng } from './support/rng.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env['ANTQ_DIST'] ?? 'dist';
const ORGS = Number(process.env['BENCH_ORGS'] ?? 10_546);
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? 135_716);
const EFFECTIVE = Math.round((ORGS * 7_288) / 10_546);
/** BENCH_QUICK=1: one run of the whole-list calls (members.list, massOrgs.list) instead of 5 and 3. */
const WHOLE_RUNS = process.env['BENCH_QUICK'] ? 1 : 5;
const NOW = '2026-11-22T03:00:00.000Z';

const hostEntry = path.join(ROOT, DIST, 'host', 'main.mjs');
if (!fs.existsSync(hostEntry) || !fs.existsSync(path.join(ROOT, DIST, 'renderer', 'index.html'))) {
  console.log(
    `members-list: ${path.relative(ROOT, hostEntry)} is missing. Run \`npm run build\` first (or set ANTQ_DIST to a build folder).`,
  );
  process.exit(1);
}

const ms = (t) => `${t.toFixed(0)} ms`;
const n = (x) => x.toLocaleString('vi-VN');

// ---- the app's backend code, bundled from source for this run ---------------------------------
const app = await bundleBackend(
  'members-list',
  `
      export { openBackend } from './electron/backend/index.ts';
      export { openDatabase } from './electron/backend/db/open.ts';
      export { LATEST_VERSION } from './electron/backend/db/migrations/index.ts';
      export { insertOrg } from './electron/backend/repos/mass-orgs.repo.ts';
      export { insertMembers } from './electron/backend/repos/mass-org-members.repo.ts';
      export { fieldCodec } from './electron/backend/keys/fields.ts';
      export { BUILT_IN_KINDS, TO_BAO_VE_ANTT_KIND_ID } from './shared/domain/mass-orgs.ts';
      export { EMPTY_FILTER } from './shared/domain/registries.ts';
    `,
);

// ---- deterministic, plausible data --------------------------------------------------------------
const { next: rand, pick } = createRng(20_171_207);
const HO = [
  'Nguyễn',
  'Nguyễn',
  'Nguyễn',
  'Trần',
  'Trần',
  'Lê',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Đào',
  'Trịnh',
  'Mai',
  'Tạ',
  'Kiều',
  'Khuất',
  'Âu',
];
const DEM_NAM = ['Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Xuân', 'Thanh', 'Mạnh', 'Tiến', 'Duy'];
const DEM_NU = ['Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Phương', 'Kim'];
const TEN_NAM = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Đức',
  'Giang',
  'Hải',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Minh',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thắng',
  'Tuấn',
  'Việt',
  'Ước',
  'Ân',
];
const TEN_NU = [
  'Anh',
  'Ánh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Liên',
  'Linh',
  'Mai',
  'Nga',
  'Ngọc',
  'Oanh',
  'Phương',
  'Thảo',
  'Trang',
  'Uyên',
  'Yến',
  'Ăn',
];
const ETHNIC = ['Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Mường', 'Dao', 'Tày'];
const iso = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-members-'));
let host = null;
let browser = null;
try {
  // ---- 1. the office: Hà Nội before the 2025 reform, its districts and communes ---------------
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  const setup = await call('office.setup', {
    level: 'tinh',
    era: 'truoc_2025',
    provinceCode: '01',
    districtCode: null,
    communeCode: null,
    name: 'Công an thành phố Hà Nội',
    code: 'CATP-HN',
    importChildren: true,
  });
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  console.log(`office: ${setup.office.name}, ${n(setup.unitsCreated)} units (${n(communes.length)} communes)`);

  // ---- 2. load 10.546 organisations, their 2026 ratings and 135.716 members -------------------
  const opened = app.openDatabase(backend.databasePath, app.LATEST_VERSION);
  const at = NOW;
  const t0 = performance.now();
  const orgs = [];
  const kinds = app.BUILT_IN_KINDS.filter((k) => k.code !== 'khac');
  await opened.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ORGS; i++) {
      const unit = communes[i % communes.length];
      const kind = i < communes.length ? kinds[0] : pick(kinds);
      const id = crypto.randomUUID();
      const validFrom = iso(2015 + Math.floor(rand() * 10), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
      await app.insertOrg(
        trx,
        id,
        {
          kindId: kind.id,
          unitId: unit.id,
          name: `${kind.name} số ${i + 1}`,
          decisionIssuer: `UBND ${unit.name}`,
          decisionNumber: `${100 + (i % 900)}/QĐ-UBND`,
          decisionDate: validFrom,
          validFrom: validFrom < '2024-07-01' ? validFrom : '2024-07-01',
          validTo: null,
          endReason: null,
          note: null,
        },
        at,
      );
      orgs.push({ id, scheme: kind.scheme });
    }
    // Hà Nội's proportion of effective organisations (7.288 of 10.546).
    const ratings = orgs.map((o, i) => ({
      id: crypto.randomUUID(),
      mass_org_id: o.id,
      year: 2026,
      level: o.scheme === 'hd01' ? (i < EFFECTIVE ? 'hoan_thanh_tot' : 'hoan_thanh') : i < EFFECTIVE ? 'hieu_qua' : 'chua_hieu_qua',
      not_rated_reason: null,
      reason_note: null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    }));
    for (let i = 0; i < ratings.length; i += 500)
      await trx
        .insertInto('mass_org_ratings')
        .values(ratings.slice(i, i + 500))
        .execute();
    const batch = [];
    for (let i = 0; i < MEMBERS; i++) {
      const org = orgs[i % orgs.length];
      const woman = rand() < 0.35;
      batch.push({
        id: crypto.randomUUID(),
        massOrgId: org.id,
        fullName: `${pick(HO)} ${pick(woman ? DEM_NU : DEM_NAM)} ${pick(woman ? TEN_NU : TEN_NAM)}${rand() < 0.3 ? ` ${pick(woman ? TEN_NU : TEN_NAM)}` : ''}`,
        gender: woman ? 'nu' : 'nam',
        birthYear: 1950 + Math.floor(rand() * 55),
        ethnicity: pick(ETHNIC),
        phone: rand() < 0.8 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null,
        role: i < orgs.length ? 'to_truong' : i < 2 * orgs.length ? 'to_pho' : 'to_vien',
        joinedOn: '2024-07-01',
        leftOn: null,
        leftReason: null,
        note: null,
      });
    }
    // The natural key (organisation, name, birth year) must hold: make rare clashes distinct.
    const seen = new Set();
    for (const m of batch) {
      while (seen.has(`${m.massOrgId}|${m.fullName}|${m.birthYear}`)) m.birthYear += 1;
      seen.add(`${m.massOrgId}|${m.fullName}|${m.birthYear}`);
    }
    // Phones are sealed with the office's key (encrypted at rest), as the app writes them.
    await app.insertMembers(trx, app.fieldCodec(backend.keyring), batch, at);
  });
  const loadMs = performance.now() - t0;
  opened.raw.pragma('wal_checkpoint(TRUNCATE)');
  opened.raw.close();
  console.log(`load: ${n(ORGS)} organisations, ${n(MEMBERS)} members, ${n(ORGS)} ratings in ${ms(loadMs)}`);

  // ---- 3. backend time of members.list (in process, through dispatch) -------------------------
  const input = { ...app.EMPTY_FILTER, year: 2026, massOrgId: null };
  // BENCH_BROWSER_ONLY=1: skip the backend legs (the browser leg still needs the list's size).
  const BROWSER_ONLY = Boolean(process.env['BENCH_BROWSER_ONLY']);
  const rows = (await call('members.page', { ...input, page: { offset: 0, limit: 1, sort: 'fullName', dir: 'asc' } })).total;
  // members.list answers one organisation (an organisation's detail): the largest one's.
  const largest = (
    await call('massOrgs.page', { ...app.EMPTY_FILTER, year: 2026, page: { offset: 0, limit: 1, sort: 'members', dir: 'desc' } })
  ).rows[0];
  const times = [];
  let orgRows = 0;
  for (let i = 0; i < (BROWSER_ONLY ? 0 : WHOLE_RUNS); i++) {
    const s = performance.now();
    const r = await call('members.list', { ...input, massOrgId: largest.id });
    times.push(performance.now() - s);
    orgRows = r.columns.id.length;
  }
  const orgTimes = [];
  for (let i = 0; i < (BROWSER_ONLY ? 0 : Math.min(3, WHOLE_RUNS)); i++) {
    const s = performance.now();
    await call('massOrgs.list', { ...app.EMPTY_FILTER, year: 2026 });
    orgTimes.push(performance.now() - s);
  }
  // members.page: what the screen asks for (one page of 100, the whole list's total).
  const pageInput = (extra, page) => ({
    ...input,
    ...extra,
    page: { offset: 0, limit: 100, sort: 'fullName', dir: 'asc', ...page },
  });
  const pageLegs = [
    ['first page, name order', pageInput({}, {})],
    ['page at row 100.000, name order', pageInput({}, { offset: 100_000 })],
    ['first page, name order descending', pageInput({}, { dir: 'desc' })],
    ['first page, by organisation', pageInput({}, { sort: 'org' })],
    ['first page, by birth year', pageInput({}, { sort: 'birthYear' })],
    ['search "nguyen van an"', pageInput({ search: 'nguyen van an' }, {})],
    ['search "Nguyễn Văn Ấn"', pageInput({ search: 'Nguyễn Văn Ấn' }, {})],
    ['status "đã thôi"', pageInput({ status: 'left' }, {})],
    // What the screen sends first for a new question: the rows before the count (never counted by this call).
    ['first page of a new question, rows before the count (countLater)', pageInput({ year: 2025 }, { countLater: true })],
    ['the same question counted (the second call; first run pays the count)', pageInput({ year: 2025 }, {})],
  ];
  for (const [label, pi] of BROWSER_ONLY ? [] : pageLegs) {
    const t = [];
    let out = null;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      out = await call('members.page', pi);
      t.push(performance.now() - s);
    }
    const bytes = Buffer.byteLength(JSON.stringify(out));
    console.log(
      `backend members.page ${label}: median ${ms(median(t))}, first run ${ms(t[0])} (5 runs), ${n(out.rows.length)} rows of ${n(out.total)}${out.counted ? '' : ' (not counted yet)'}, ${n(bytes)} bytes of JSON`,
    );
  }
  backend.close();
  if (!BROWSER_ONLY)
    console.log(
      `backend members.list (one organisation, the largest: ${n(orgRows)} rows): median ${ms(median(times))}, first ${ms(times[0])} (${WHOLE_RUNS} runs)`,
    );
  if (!BROWSER_ONLY)
    console.log(
      `backend massOrgs.list (whole office, ${n(ORGS)} rows with member counts): median ${ms(median(orgTimes))} (${orgTimes.length} runs)`,
    );

  // ---- 4. the built web host and Chromium --------------------------------------------------
  const child = spawn(process.execPath, [hostEntry, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ANTQ_NOW: NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = child;
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /ANTQ_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${out}`)));
  });
  const u = new URL(url);
  // Every call needs a session (issue 15): log the host in as the bench's Quản trị, as the e2e hosts do.
  const login = await fetch(`${u.origin}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Antq-Token': new URLSearchParams(u.hash.slice(1)).get('token') ?? '' },
    body: JSON.stringify({ username: BENCH_ADMIN.username, password: BENCH_ADMIN.password }),
  });
  if (!(await login.json()).ok) throw new Error('members-list: logging the host in failed');
  const httpStart = performance.now();
  const res = await fetch(`${u.origin}/api/members.page`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Antq-Token': new URLSearchParams(u.hash.slice(1)).get('token') ?? '' },
    body: JSON.stringify({ ...input, page: { offset: 0, limit: 100, sort: 'fullName', dir: 'asc' } }),
  });
  const body = await res.text();
  const httpMs = performance.now() - httpStart;
  console.log(`http members.page (first page of the whole office): ${ms(httpMs)}, ${(body.length / 1024).toFixed(1)} KB of JSON`);
  const pageStart = performance.now();
  const pageRes = await fetch(`${u.origin}/api/members.page`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Antq-Token': new URLSearchParams(u.hash.slice(1)).get('token') ?? '' },
    body: JSON.stringify({ ...input, page: { offset: 0, limit: 100, sort: 'fullName', dir: 'asc' } }),
  });
  const pageBody = await pageRes.text();
  console.log(
    `http members.page (what the screen asks for): ${ms(performance.now() - pageStart)}, ${n(Buffer.byteLength(pageBody))} bytes of JSON`,
  );

  const { chromium } = await import('@playwright/test');
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const pageCalls = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/members.')) pageCalls.push(r);
  });
  const navStart = performance.now();
  // The printed address carries the launch token in its fragment (#token=…): open it as is and use the
  // navigation (appending "#/to-chuc" made the token unreadable, so every call was refused).
  await page.goto(url);
  await page.getByRole('link', { name: 'Tổ chức quần chúng' }).click();
  const orgTable = page.getByRole('table', { name: 'Danh sách tổ chức quần chúng' });
  // The organisations tab loads first (massOrgs.list, the whole 10.546: several seconds under load, and
  // it timed out at 120 s before): wait for it, so the click below times the members list alone.
  await orgTable.locator('[role=row][aria-rowindex]').first().waitFor({ timeout: 900_000 });
  const orgsVisibleMs = performance.now() - navStart;
  const tabStart = performance.now();
  await page.getByRole('tab', { name: 'Thành viên', exact: true }).click();
  const table = page.getByRole('table', { name: 'Danh sách thành viên' });
  await table.locator('[role=row][aria-rowindex]').first().waitFor({ timeout: 300_000 });
  const membersVisibleMs = performance.now() - tabStart;
  // Then the count arrives (the second call): the totals row shows the whole list.
  await table
    .getByRole('row', { name: 'Tổng cộng' })
    .getByText(`Tổng cộng: ${n(rows)} thành viên`)
    .waitFor({ timeout: 300_000 });
  const countedMs = performance.now() - tabStart;
  console.log(`browser: members tab → totals counted: ${ms(countedMs)}`);
  const totals = await table.getByRole('row', { name: 'Tổng cộng' }).innerText();
  const domRows = await table.locator('[role=row][aria-rowindex]').count();
  console.log(`browser: navigation → organisations list rows: ${ms(orgsVisibleMs)}`);
  console.log(
    `browser: members tab → first rows visible: ${ms(membersVisibleMs)} (from navigation: ${ms(orgsVisibleMs + membersVisibleMs)})`,
  );
  console.log(`browser: rows in the DOM: ${domRows} of ${n(rows)} (totals row: ${totals.replace(/\s+/g, ' ').trim()})`);

  const scrollStart = performance.now();
  await table
    .locator('[role=rowgroup]')
    .nth(1)
    .evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
  await table.locator(`[role=row][aria-rowindex="${rows + 1}"]`).waitFor({ state: 'visible', timeout: 60_000 });
  const scrollMs = performance.now() - scrollStart;
  const lastName = await table
    .locator(`[role=row][aria-rowindex="${rows + 1}"] [role=cell]`)
    .first()
    .innerText();
  const domRowsAfter = await table.locator('[role=row][aria-rowindex]').count();
  console.log(`browser: scroll to the end → last row visible ("${lastName}"): ${ms(scrollMs)}; rows in the DOM: ${domRowsAfter}`);
  let sent = 0;
  for (const r of pageCalls) {
    sent += (await (await r.response())?.body())?.length ?? 0;
    const early = (r.postData() ?? '').includes('"countLater":true') ? ' countLater' : '';
    console.log(`browser: ${r.url().split('/api/')[1]}${early}: request → response ${ms(r.timing().responseEnd)}`);
  }
  console.log(
    `browser: ${pageCalls.length} members calls (${[...new Set(pageCalls.map((r) => r.url().split('/api/')[1]))].join(', ')}), ${n(sent)} bytes of JSON in all`,
  );
} finally {
  await browser?.close();
  if (host && host.exitCode === null) {
    await new Promise((resolve) => {
      host.once('exit', resolve);
      host.kill('SIGTERM');
    });
  }
  if (process.env['BENCH_KEEP_DATA']) console.log(`data kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}
