/**
 * Issue 12 loose ends, the province's log of files refused or presented again: a file refused for
 * its size (never read, so no hash) and a replay are logged like every other refusal, each distinct
 * file once; the completeness matrix counts the refusal for the office and year its name claims and
 * does not count a replay; the screen's own refresh after an apply does not log the file it just
 * applied; the log is read once per folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile } from '../../support/handoff-files';
import { factsFromName } from '../../../electron/backend/services/handoff-refusal-log';

const tmp = useTempDir('antq-refusal-log-');
let office: TestBackend;
let province: TestBackend;
let inbox: string;

beforeEach(async () => {
  office = await startBackend(path.join(tmp.path(), 'office'));
  await office.call('office.setup', SA_PA_SETUP);
  province = await startBackend(path.join(tmp.path(), 'province'));
  await province.call('office.setup', LAO_CAI_SETUP);
  const officeKey = await identityOf(path.join(tmp.path(), 'office'));
  const db = new BetterSqlite3(province.backend.databasePath);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
       VALUES (?, 'office', '03006', 'Công an phường Sa Pa', 'xa', ?, ?, ?, 'trusted', 'key-file', NULL, '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    ).run(crypto.randomUUID(), officeKey.signPublicKey, officeKey.ageRecipient, officeKey.fingerprint);
  } finally {
    db.close();
  }
  inbox = path.join(tmp.path(), 'usb');
  fs.mkdirSync(inbox);
});
afterEach(() => {
  office.close();
  province.close();
});

const log = () =>
  queryAll<{
    status: string;
    reason_code: string | null;
    sha256: string | null;
    bytes: number;
    office_code: string | null;
    year: number | null;
  }>(province.backend.databasePath, 'SELECT status, reason_code, sha256, bytes, office_code, year FROM handoff_received ORDER BY rowid');

function sparse(name: string, bytes: number): string {
  const file = path.join(inbox, name);
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
  return file;
}

const refusedOf = async (year: number) =>
  (await province.call('handoffInbox.matrix', {})).offices.find((o) => o.code === '03006')!.cells.find((c) => c.year === year)?.refused;

describe('the log of refused and replayed files', () => {
  it('logs a file refused for its size once, with no hash, counted for the office and year its name claims', async () => {
    const big = 64 * 1024 * 1024 + 1;
    sparse('ANTQ_03006_2026_9.antq', big);
    for (let i = 0; i < 2; i++) {
      const [r] = (await province.call('handoffInbox.inspect', { path: inbox })).files;
      expect(r).toMatchObject({ status: 'refused', reason: { code: 'FILE_TOO_LARGE' } });
    }
    expect(log()).toEqual([
      { status: 'refused', reason_code: 'FILE_TOO_LARGE', sha256: null, bytes: big, office_code: '03006', year: 2026 },
    ]);
    expect(await refusedOf(2026)).toBe(1);
    const history = (await province.call('handoffInbox.history', { officeCode: '03006' })).files;
    expect(history).toEqual([
      expect.objectContaining({
        status: 'refused',
        sha256: null,
        sequence: 9,
      }),
    ]);
    expect(history[0]!.reason?.code).toBe('FILE_TOO_LARGE');
  });

  it('logs a replay once as a replay (not a refusal), but not on the screen refresh after its own apply', async () => {
    const officeKey = await identityOf(path.join(tmp.path(), 'office'));
    const provinceKey = await identityOf(path.join(tmp.path(), 'province'));
    const f = await snapshotFile({ office: officeKey, province: provinceKey, payload: payloadOf(office.backend.databasePath, 2026, 1) });
    const file = path.join(inbox, f.fileName);
    fs.writeFileSync(file, f.bytes);
    const [ready] = (await province.call('handoffInbox.inspect', { path: inbox })).files;
    await province.call('handoffInbox.apply', { path: file, sha256: ready!.sha256 });
    // The screen re-checks the folder after its apply: the file shows as received before, nothing logged.
    const [refreshed] = (await province.call('handoffInbox.inspect', { path: inbox, refresh: true })).files;
    expect(refreshed).toMatchObject({ status: 'replay' });
    expect(log().map((r) => r.status)).toEqual(['applied']);

    // The stick brought again (a copy under another name too): logged once, as a replay.
    fs.copyFileSync(file, path.join(inbox, 'ANTQ_03006_2026_1 (copy).antq'.replace(/[ ()]/g, '_')));
    for (let i = 0; i < 2; i++) {
      const files = (await province.call('handoffInbox.inspect', { path: inbox })).files;
      expect(files.map((x) => x.status)).toEqual(['replay', 'replay']);
    }
    expect(log()).toEqual([
      expect.objectContaining({ status: 'applied' }),
      { status: 'replay', reason_code: 'REPLAY', sha256: ready!.sha256, bytes: f.bytes.length, office_code: '03006', year: 2026 },
    ]);
    expect(await refusedOf(2026)).toBe(0);
    const history = (await province.call('handoffInbox.history', { officeCode: '03006' })).files;
    expect(history.map((h) => h.status).sort()).toEqual(['applied', 'replay']);
    // A replay row is never a file to roll back to.
    const replay = history.find((h) => h.status === 'replay')!;
    expect((await province.fail('handoffInbox.rollback', { receivedId: replay.id })).code).toBe('NOT_FOUND');
  });

  it('logs each distinct refused file of a folder once (the same bytes under two names: one row)', async () => {
    fs.writeFileSync(path.join(inbox, 'ANTQ_03006_2026_1.antq'), 'không phải tệp ANTQ');
    fs.writeFileSync(path.join(inbox, 'ANTQ_03006_2026_2.antq'), 'không phải tệp ANTQ');
    fs.writeFileSync(path.join(inbox, 'ANTQ_03006_2026_3.antq'), 'một tệp hỏng khác');
    const files = (await province.call('handoffInbox.inspect', { path: inbox })).files;
    expect(files.map((x) => x.reason?.code)).toEqual(['CONTAINER_MALFORMED', 'CONTAINER_MALFORMED', 'CONTAINER_MALFORMED']);
    // Not a manifest that could be read: the office and year are those the file name claims.
    expect(log().map((r) => [r.office_code, r.year])).toEqual([
      ['03006', 2026],
      ['03006', 2026],
    ]);
    expect(await refusedOf(2026)).toBe(2);
  });

  it('reads the office, year and sequence a snapshot file name claims', () => {
    expect(factsFromName('ANTQ_03006_2026_12.antq')).toEqual({ peerId: null, officeCode: '03006', year: 2026, sequence: 12 });
    expect(factsFromName('ANTQ_KHOA_03006.antq').officeCode).toBeNull();
    expect(factsFromName('anything.antq').officeCode).toBeNull();
  });
});
