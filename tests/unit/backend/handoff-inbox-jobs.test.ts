/**
 * The inbox's checks as a job (issue 16 item 3): while the province inspects a large snapshot
 * (every record through the screens' schemas, then the dry run), the host answers other calls,
 * `jobs.progress` tells how many records were checked, and `jobs.cancel` stops the inspection with
 * nothing written (not even the log of files received). No assertion depends on a time: the
 * host's turns during the call are counted; the longest block is printed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile } from '../../support/handoff-files';
import { watchJob } from '../../support/long-task';
import { sampleRecords } from './activities-records';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { groupedOnTransaction } from '../../../electron/backend/repos/period-counts.repo';

const tmp = useTempDir('antq-inbox-jobs-');
const RECORDS = 4000;
const JOB = 'b2c3d4e5-0000-4000-8000-00000000000';
const jobId = (n: number) => `${JOB}${n}`;
let office: TestBackend;
let province: TestBackend;
let file: string;

/** The province trusts the office's key (as after the officers' key exchange). */
function trust(key: { signPublicKey: string; ageRecipient: string; fingerprint: string }): void {
  const db = new BetterSqlite3(province.backend.databasePath);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
       VALUES (?, 'office', '03006', 'Công an phường Sa Pa', 'xa', ?, ?, ?, 'trusted', 'key-file', NULL, '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    ).run(crypto.randomUUID(), key.signPublicKey, key.ageRecipient, key.fingerprint);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  office = await startBackend(path.join(tmp.path(), 'office'));
  const setup = await office.call('office.setup', SA_PA_SETUP);
  const base = sampleRecords(setup.office.rootUnitId).propaganda;
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    ...base,
    date: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    attendance: 10 + (i % 300),
    topic: `Buổi tuyên truyền số ${i + 1}`,
  }));
  await office.call('activities.saveMany', { kind: 'propaganda', records });
  province = await startBackend(path.join(tmp.path(), 'province'));
  await province.call('office.setup', LAO_CAI_SETUP);
  const officeKey = await identityOf(path.join(tmp.path(), 'office'));
  const provinceKey = await identityOf(path.join(tmp.path(), 'province'));
  trust(officeKey);
  const f = await snapshotFile({ office: officeKey, province: provinceKey, payload: payloadOf(office.backend.databasePath, 2026, 1) });
  fs.mkdirSync(path.join(tmp.path(), 'usb'));
  file = path.join(tmp.path(), 'usb', f.fileName);
  fs.writeFileSync(file, f.bytes);
}, 120_000);
afterEach(() => {
  office.close();
  province.close();
});

describe('handoffInbox.inspect as a job', () => {
  it('yields to the host while it checks a large snapshot, and reports the records checked', async () => {
    const w = await watchJob(province, jobId(1), province.call('handoffInbox.inspect', { path: file, jobId: jobId(1) }));
    const [checked] = (await w.result).files;
    console.log(`inspect: ${w.turns} turns of the host during the call, longest block ${Math.round(w.maxBlockMs)} ms`);
    expect(checked).toMatchObject({ status: 'ready' });
    expect(checked!.dryRun?.changes.find((c) => c.table === 'propaganda_sessions')).toMatchObject({ added: RECORDS });
    expect(w.appInfoBeforeEnd).toBe(true);
    expect(w.turns).toBeGreaterThan(5);
    // Progress moved through the records: several distinct counts, each "Đã kiểm tra n/N bản ghi".
    const counted = w.seen.filter((p) => p.label.startsWith('Đã kiểm tra'));
    const done = [...new Set(counted.map((p) => p.done))];
    expect(done.length).toBeGreaterThan(1);
    for (const p of counted) {
      expect(p.total).toBe(counted[0]!.total);
      expect(p.label).toMatch(/^Đã kiểm tra [\d.]+\/[\d.]+ bản ghi$/);
    }
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(counted[0]!.total!).toBeGreaterThanOrEqual(RECORDS);
    expect(await province.call('jobs.progress', { jobId: jobId(1) })).toMatchObject({ finished: true, cancelled: false });
    // The dry run's figures after are of the file's rows (not the cached figures before).
    const after = checked!.dryRun!.indicators.find((i) => i.before !== i.after);
    expect(after).toBeDefined();
  }, 120_000);

  it('a cancel during the inspection stops it and changes nothing (not even the log of files received)', async () => {
    const before = dumpDatabase(province.backend.databasePath);
    let cancelled: boolean | null = null;
    const w = await watchJob(province, jobId(2), province.send('handoffInbox.inspect', { path: file, jobId: jobId(2) }), async () => {
      // On the host's first turn during the call: the job is running (it stops at its next checkpoint).
      cancelled = (await province.call('jobs.cancel', { jobId: jobId(2) })).cancelled;
    });
    const r = await w.result;
    expect(cancelled).toBe(true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CANCELLED');
    expect(isVietnameseMessage(r.error.message)).toBe(true);
    expect(dumpDatabase(province.backend.databasePath)).toEqual(before);
    const last = await province.call('jobs.progress', { jobId: jobId(2) });
    expect(last).toMatchObject({ cancelled: true, finished: true });
    // The file is still whole: inspected again, it is ready.
    const [again] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(again).toMatchObject({ status: 'ready' });
  }, 120_000);
});

describe('the dry run reads the figures before the landing off its transaction', () => {
  it('the figures before are the last commit’s, computed through their cache: period.figures then reads nothing again', async () => {
    const [checked] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(checked).toMatchObject({ status: 'ready' });
    const dry = checked!.dryRun!;
    const statements = sliceStats.statements;
    const figures = await province.call('period.figures', { from: dry.period.from, to: dry.period.to, unitId: null });
    // Served from what the dry run computed before landing (h18-blocks): no grouped statement ran again.
    expect(sliceStats.statements).toBe(statements);
    const value = new Map<string, number>(figures.comparison.map((r) => [r.key, r.value]));
    expect(dry.indicators.length).toBeGreaterThan(0);
    for (const i of dry.indicators) expect(i.before).toBe(value.get(i.key));
    // The counts before are the province's own rows (the office's 4.000 sessions are not in them).
    expect(dry.counts.find((c) => c.key === 'propaganda_sessions')).toMatchObject({ before: 0, after: RECORDS });
  }, 120_000);
});

describe('the dry run counts the landed rows month by month on its transaction', () => {
  it('the figures after equal period.figures once the file is applied; each kind is read in one statement a month', async () => {
    const statements = groupedOnTransaction.statements;
    const [checked] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(checked).toMatchObject({ status: 'ready' });
    const dry = checked!.dryRun!;
    // The period and the one before are two calendar years: 24 months for each kind placed by date.
    expect(groupedOnTransaction.statements - statements).toBeGreaterThanOrEqual(24);
    await province.call('handoffInbox.apply', { path: file, sha256: checked!.sha256 });
    const figures = await province.call('period.figures', { from: dry.period.from, to: dry.period.to, unitId: null });
    const value = new Map<string, number>(figures.comparison.map((r) => [r.key, r.value]));
    expect(dry.indicators.length).toBeGreaterThan(0);
    for (const i of dry.indicators) expect(i.after).toBe(value.get(i.key));
    expect(dry.indicators.find((i) => i.key === 'propaganda.sessions')?.after).toBe(RECORDS);
  }, 120_000);
});
