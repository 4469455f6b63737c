// The audit log's costs (issue 15 item 3), in one run on this machine:
// 1. a bulk save of 10.000 activity records (activities.saveMany's service, two batches of 5.000)
//    on the same migrated Gia Viễn database, with and without the audit log installed (the TEMP
//    triggers noting each row, the entry appended before COMMIT), alternated, median of 3 each;
// 2. the check of the whole chain at 100.000 entries (what every start does), and the start of the
//    backend on that file.
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend, median, GIA_VIEN_SETUP, ROOT } from './support/bundle.mjs';
import { SHARES, reseed } from './support/activity-records.mjs';

const NOW = '2026-11-22T03:00:00.000Z';
const ROWS = Number(process.env['BENCH_AUDIT_ROWS'] ?? 10_000);
const ENTRIES = Number(process.env['BENCH_AUDIT_ENTRIES'] ?? 100_000);
const RUNS = 3;
const ms = (t) => `${t.toFixed(0)} ms`;

const app = await bundleBackend(
  'audit',
  [
    "export { openBackend } from './electron/backend/index.ts';",
    "export { openDatabase } from './electron/backend/db/open.ts';",
    "export { migrate } from './electron/backend/db/migrator.ts';",
    "export { MIGRATIONS, LATEST_VERSION } from './electron/backend/db/migrations/index.ts';",
    "export { installAudit, sha256Hex } from './electron/backend/audit/recorder.ts';",
    "export { withAuditScope } from './electron/backend/audit/scope.ts';",
    "export { saveActivities } from './electron/backend/services/activities.service.ts';",
    "export { verifyAudit } from './electron/backend/services/audit.service.ts';",
    "export { insertEntry } from './electron/backend/repos/audit.repo.ts';",
    "export { auditHash, AUDIT_GENESIS } from './shared/domain/audit.ts';",
    "export { createClock, newUuid } from './electron/backend/clock.ts';",
  ].join('\n'),
);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-audit-'));
try {
  // One office set up through the app, copied for each run.
  const template = path.join(work, 'template');
  const { backend, call } = await openBenchBackend(app, template, NOW);
  await call('office.setup', GIA_VIEN_SETUP);
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  backend.close();
  const [, makePropaganda] = SHARES.propaganda;

  async function bulkSave(run, audited) {
    const dir = path.join(work, `run-${run}-${audited ? 'a' : 'n'}`);
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(template, 'antq.db'), path.join(dir, 'antq.db'));
    const opened = app.openDatabase(path.join(dir, 'antq.db'), app.LATEST_VERSION);
    await app.migrate(opened.raw, opened.db, app.MIGRATIONS, { backupDir: dir, now: () => new Date(NOW) });
    if (audited) app.installAudit(opened, () => new Date(NOW));
    const ctx = { db: opened.db, clock: app.createClock(() => new Date(NOW)), newId: app.newUuid, catalogue: () => null };
    reseed();
    const records = Array.from({ length: ROWS }, (_, i) => makePropaganda(communes[i % communes.length].id));
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += 5000) {
      await app.withAuditScope(null, 'activities.saveMany', () => app.saveActivities(ctx, 'propaganda', records.slice(i, i + 5000)));
    }
    const t = performance.now() - t0;
    const entries = audited ? opened.raw.prepare('SELECT count(*) AS n FROM audit_log').get().n : 0;
    opened.raw.close();
    return { t, entries };
  }

  const plain = [];
  const audited = [];
  let entries = 0;
  for (let run = 0; run < RUNS; run++) {
    plain.push((await bulkSave(run, false)).t);
    const a = await bulkSave(run, true);
    audited.push(a.t);
    entries = a.entries;
  }
  const p = median(plain);
  const a = median(audited);
  console.log(`saveMany of ${ROWS.toLocaleString('vi-VN')} records (2 × 5.000), median of ${RUNS}:`);
  console.log(`  without the audit log: ${ms(p)}; with it: ${ms(a)} (${entries} entries); cost ${(((a - p) / p) * 100).toFixed(1)} %`);
  console.log(`  runs without: ${plain.map(ms).join(', ')}; with: ${audited.map(ms).join(', ')}`);

  // A log of ENTRIES entries, chained as the recorder writes them, then the check and a start.
  const big = path.join(work, 'big');
  fs.mkdirSync(big);
  fs.copyFileSync(path.join(template, 'antq.db'), path.join(big, 'antq.db'));
  const opened = app.openDatabase(path.join(big, 'antq.db'), app.LATEST_VERSION);
  await app.migrate(opened.raw, opened.db, app.MIGRATIONS, { backupDir: big, now: () => new Date(NOW) });
  const last = opened.raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? { seq: 0, hash: app.AUDIT_GENESIS };
  let prev = last.hash;
  const t0 = performance.now();
  opened.raw.exec('BEGIN');
  for (let seq = last.seq + 1; seq <= last.seq + ENTRIES; seq++) {
    const f = {
      seq,
      at: new Date(Date.parse(NOW) + seq * 1000).toISOString(),
      kind: 'change',
      actorId: 'a1b2c3d4-0000-4000-8000-000000000001',
      actorName: 'Nguyễn Văn An',
      actorRole: 'can_bo',
      method: 'activities.save',
      recordIds: [`5f0c${String(seq).padStart(8, '0')}-0000-4000-8000-000000000000`],
      summary: 'Thêm 1 buổi tuyên truyền',
      prevHash: prev,
    };
    const e = { ...f, hash: app.auditHash(f, app.sha256Hex) };
    app.insertEntry(opened.raw, e);
    prev = e.hash;
  }
  opened.raw.exec('COMMIT');
  const written = performance.now() - t0;
  const ctx = { db: opened.db, clock: app.createClock(() => new Date(NOW)), newId: app.newUuid, catalogue: () => null };
  const checks = [];
  let result = null;
  for (let i = 0; i < RUNS; i++) {
    const c0 = performance.now();
    result = await app.verifyAudit(ctx);
    checks.push(performance.now() - c0);
  }
  opened.raw.pragma('wal_checkpoint(TRUNCATE)');
  opened.raw.close();
  console.log(`chain of ${result.checked.toLocaleString('vi-VN')} entries (written in ${ms(written)}):`);
  console.log(`  full check: median ${ms(median(checks))} (runs ${checks.map(ms).join(', ')}), ok = ${result.ok}`);
  const s0 = performance.now();
  const started = await app.openBackend({
    dataDir: big,
    shell: 'web',
    appVersion: 'bench',
    now: () => new Date(NOW),
    cataloguePath: path.join(ROOT, 'resources', 'catalogue', 'admin-units.json'),
  });
  const startMs = performance.now() - s0;
  const head = await started.dispatch('audit.head', {});
  started.close();
  console.log(
    `  backend start on that file (open, quick_check, check of the chain): ${ms(startMs)}; last check ok = ${head.value.lastCheck.ok}`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
