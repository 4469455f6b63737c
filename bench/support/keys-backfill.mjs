// The first open of a file whose activity lists' keys are missing (the first open after the upgrade
// to 0025; issue 16 item 3): a copy of the cached province with every key nulled by SQL, opened
// through the app. Two ways, on copies made the same way, one after the other:
//   at-open  — the keys computed in one transaction before the host answers (the code before
//              h16-open: `testListKeys.atOpenMax` set above the file's rows);
//   chunked  — ListKeysBackfill: chunks of BACKFILL_CHUNK_MS after the host is up.
// Prints, for each: the open's wall and CPU, the backfill's wall and CPU, the longest gaps between
// turns of a 5 ms timer (wall and the host thread's own CPU), how long `activities.keysProgress` and
// a first page of the propaganda list took to answer while the keys were being computed, and the
// same page once they are.
//   node bench/support/keys-backfill.mjs [rows=50000] [at-open,chunked]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BENCH_ADMIN, bundleBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const modes = (process.argv[3] ?? 'at-open,chunked').split(',');
const app = await bundleBackend('keys-backfill', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);

const TABLES = ['propaganda_sessions', 'activity_events', 'tips', 'mediations', 'incidents', 'awards'];
const TICK_MS = 1000 / 100;
const hostStat = `/proc/self/task/${process.pid}/stat`;
const hostCpu = () => {
  if (!fs.existsSync(hostStat)) return 0;
  const f = fs.readFileSync(hostStat, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
};
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** A copy of the province with every list key NULL (what 0025 leaves before the backfill). */
function unkeyedCopy() {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-keys-'));
  fs.cpSync(dir, copy, { recursive: true });
  const file = fs.readdirSync(copy).find((f) => f.endsWith('.db'));
  const db = new BetterSqlite3(path.join(copy, file));
  db.exec('UPDATE units SET sort_key = NULL');
  for (const t of TABLES) {
    const cols = db.pragma(`table_info(${t})`).map((c) => c.name);
    const keys = ['sort_unit', 'sort_title', 'sort_title2', 'search_folded'].filter((c) => cols.includes(c));
    db.exec(`UPDATE ${t} SET ${keys.map((c) => `${c} = NULL`).join(', ')}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return copy;
}

const PAGE = (offset) => ({
  kind: 'propaganda',
  unitId: null,
  from: null,
  to: null,
  search: '',
  category: null,
  page: { offset, limit: 100, sort: 'default', dir: 'asc' },
});

async function run(mode) {
  const copy = unkeyedCopy();
  const gaps = [];
  let phase = 'open';
  let last = performance.now();
  let lastHost = hostCpu();
  const timer = setInterval(() => {
    const now = performance.now();
    const h = hostCpu();
    if (now - last > 50) gaps.push({ ms: Math.round(now - last), hostMs: Math.round(h - lastHost), phase });
    last = now;
    lastHost = h;
  }, 5);
  const t0 = performance.now();
  const c0 = cpu();
  const backend = await app.openBackend({
    dataDir: copy,
    shell: 'web',
    appVersion: 'bench',
    now: () => new Date(NOW),
    cataloguePath: path.join(process.cwd(), 'resources', 'catalogue', 'admin-units.json'),
    testPasswordCost: { N: 2 ** 10, r: 8, p: 1, keyLength: 64 },
    idleClock: () => 0,
    ...(mode === 'at-open' ? { testListKeys: { atOpenMax: 1e12, budgetMs: 25, unitsPerStep: 2, rowsPerStep: 120 } } : {}),
  });
  const openMs = performance.now() - t0;
  const openCpu = cpu() - c0;
  phase = 'backfill';
  const call = async (method, input) => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  await call('auth.login', { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  let settled = false;
  const done = backend.listKeysSettled().then(() => (settled = true));
  // While the keys are computed: how long a progress call and a list page take to answer.
  const probes = [];
  const pages = [];
  let lastProgress = null;
  while (!settled) {
    const p0 = performance.now();
    lastProgress = (await call('activities.keysProgress', {})) ?? lastProgress;
    probes.push(performance.now() - p0);
    if (!settled && pages.length < 3) {
      const q0 = performance.now();
      await call('activities.page', PAGE(pages.length === 0 ? 0 : 10_000));
      pages.push({ ms: Math.round(performance.now() - q0), during: !settled });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await done;
  const backfillMs = performance.now() - t0 - openMs;
  const backfillCpu = cpu() - c0 - openCpu;
  const after = [];
  for (const offset of [0, 10_000]) {
    const q0 = performance.now();
    await call('activities.page', PAGE(offset));
    after.push(Math.round(performance.now() - q0));
  }
  clearInterval(timer);
  backend.close();
  fs.rmSync(copy, { recursive: true, force: true });
  gaps.sort((a, b) => b.ms - a.ms);
  // The host thread's own CPU in one gap, the largest first, for the open and for the backfill.
  const byHost = (p) =>
    gaps
      .filter((g) => g.phase === p)
      .sort((a, b) => b.hostMs - a.hostMs)
      .slice(0, 5)
      .map((g) => `${g.hostMs}/${g.ms}`)
      .join(', ') || 'none > 50 ms';
  const hostOver = (p, ms) => gaps.filter((g) => g.phase === p && g.hostMs >= ms).length;
  const med = (xs) => (xs.length ? Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]) : 0);
  console.log(
    `${rows} ${mode}: open ${Math.round(openMs)} ms (CPU ${Math.round(openCpu)}), backfill after the open ${Math.round(backfillMs)} ms (CPU ${Math.round(
      backfillCpu,
    )}), rows keyed ${lastProgress?.total ?? '—'}`,
  );
  console.log(
    `  longest gaps (wall/host-thread CPU ms): ${
      gaps
        .slice(0, 6)
        .map((g) => `${g.ms}/${g.hostMs}`)
        .join(', ') || 'none > 50 ms'
    }`,
  );
  console.log(`  most host-thread CPU in one gap (host CPU/wall ms): open ${byHost('open')}; backfill ${byHost('backfill')}`);
  console.log(
    `  gaps with host-thread CPU >= 100 ms: open ${hostOver('open', 100)}, backfill ${hostOver('backfill', 100)}; >= 200 ms: backfill ${hostOver('backfill', 200)}`,
  );
  console.log(
    `  gaps > 200 ms: ${gaps.filter((g) => g.ms > 200).length}; keysProgress answered in median ${med(probes)} ms, max ${Math.round(Math.max(0, ...probes))} ms (${probes.length} calls)`,
  );
  console.log(
    `  propaganda page while keying (offset 0, 10.000): ${pages.map((p) => `${p.ms} ms${p.during ? '' : ' (after)'}`).join(', ') || '—'}; after: ${after.join(', ')} ms`,
  );
}

for (const mode of modes) await run(mode);
