/**
 * Issue 12 items 4-8 through the real dispatch: Công an tỉnh Lào Cai takes in files of Công an
 * phường Sa Pa from a folder: a new office held until its fingerprint is confirmed, the dry run,
 * apply after an automatic copy, replay, a second file, an older sequence, roll-back, receipt,
 * completeness matrix and its Excel export; and each check refusing a file for its reason with
 * nothing changed but the refusal's log row.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, sha256 } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile, type SnapshotPayloadValue } from '../../support/handoff-files';
import { sampleRecords } from './activities-records';
import type { OfficeIdentity } from '../../../electron/backend/handoff/identity';
import { openContainer, verifyContainerSignature } from '../../../electron/backend/handoff/container';

const tmp = useTempDir('antq-inbox-');
let office: TestBackend;
let province: TestBackend;
let officeKey: OfficeIdentity;
let provinceKey: OfficeIdentity;
let inbox: string;
let rootUnitId: string;

function addPeer(status: 'pending' | 'trusted', key: OfficeIdentity, code = '03006', name = 'Công an phường Sa Pa'): string {
  const id = crypto.randomUUID();
  const db = new BetterSqlite3(province.backend.databasePath);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
       VALUES (?, 'office', ?, ?, 'xa', ?, ?, ?, ?, 'key-file', NULL, '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    ).run(id, code, name, key.signPublicKey, key.ageRecipient, key.fingerprint, status);
  } finally {
    db.close();
  }
  return id;
}

async function propaganda(attendance: number) {
  const rec = sampleRecords(rootUnitId).propaganda;
  await office.call('activities.save', { kind: 'propaganda', id: null, record: { ...rec, attendance } });
}

async function writeFile(payload: SnapshotPayloadValue, opts: Partial<Parameters<typeof snapshotFile>[0]> = {}): Promise<string> {
  const f = await snapshotFile({ office: officeKey, province: provinceKey, payload, ...opts });
  const file = path.join(inbox, f.fileName);
  fs.writeFileSync(file, f.bytes);
  return file;
}

const current = (sequence: number) => payloadOf(office.backend.databasePath, 2026, sequence);
const sessions = () =>
  queryAll<{ attendance: number }>(province.backend.databasePath, 'SELECT attendance FROM propaganda_sessions ORDER BY attendance');
const received = () =>
  queryAll<{ sequence: number; status: string; reason_code: string | null }>(
    province.backend.databasePath,
    'SELECT sequence, status, reason_code FROM handoff_received ORDER BY rowid',
  );
/** Every table but the log of files received, and the audit log (which records that log's rows too). */
const dataDump = () => {
  const d = dumpDatabase(province.backend.databasePath);
  delete d.tables['handoff_received'];
  delete d.tables['audit_log'];
  return d;
};

beforeEach(async () => {
  office = await startBackend(path.join(tmp.path(), 'office'));
  const setup = await office.call('office.setup', SA_PA_SETUP);
  rootUnitId = setup.office.rootUnitId;
  await propaganda(120);
  province = await startBackend(path.join(tmp.path(), 'province'));
  await province.call('office.setup', LAO_CAI_SETUP);
  officeKey = await identityOf(path.join(tmp.path(), 'office'));
  provinceKey = await identityOf(path.join(tmp.path(), 'province'));
  inbox = path.join(tmp.path(), 'usb');
  fs.mkdirSync(inbox);
});
afterEach(() => {
  office.close();
  province.close();
});

describe('the inbox, from a new office to roll-back and receipt', () => {
  it('holds a file of an office not confirmed, then checks, dry-runs, applies, replays', async () => {
    const peer = addPeer('pending', officeKey);
    const file = await writeFile(current(1));
    const held = (await province.call('handoffInbox.inspect', { path: inbox })).files;
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      status: 'held',
      enrol: { peerId: peer, name: 'Công an phường Sa Pa', fingerprint: officeKey.fingerprint },
    });
    expect(received()).toEqual([]);
    const wrong = await province.fail('handoffInbox.confirmOffice', {
      peerId: peer,
      path: null,
      fingerprint: '0000-0000-0000-0000-0000-0000',
    });
    expect(wrong.details?.['reason']).toBe('FINGERPRINT_MISMATCH');
    await province.call('handoffInbox.confirmOffice', { peerId: peer, path: null, fingerprint: officeKey.fingerprint });

    const before = dumpDatabase(province.backend.databasePath);
    const [ready] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(ready).toMatchObject({ status: 'ready', office: { code: '03006' }, year: 2026, sequence: 1, reason: null });
    expect(ready!.dryRun!.changes.find((c) => c.table === 'propaganda_sessions')).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect(ready!.dryRun!.counts.find((c) => c.key === 'propaganda_sessions')).toMatchObject({ before: 0, after: 1 });
    expect(ready!.dryRun!.indicators.find((c) => c.key === 'propaganda.attendance')).toMatchObject({ before: 0, after: 120 });
    expect(dumpDatabase(province.backend.databasePath)).toEqual(before);

    const applied = await province.call('handoffInbox.apply', { path: file, sha256: ready!.sha256 });
    expect(fs.existsSync(applied.backupPath)).toBe(true);
    expect(path.dirname(applied.backupPath)).toBe(path.join(tmp.path(), 'province', 'sao-luu'));
    expect(queryOne(applied.backupPath, 'SELECT COUNT(*) AS n FROM propaganda_sessions')).toEqual({ n: 0 });
    // The copy is one of the app's checked backups (issue 15), listed with its reason and counts.
    const listed = (await province.call('backups.list', {})).entries.find((e) => e.fileName === path.basename(applied.backupPath));
    expect(listed).toMatchObject({ reason: 'handoff', detail: '03006-1', counts: { propaganda_sessions: 0 } });
    expect(sessions()).toEqual([{ attendance: 120 }]);
    expect(received()).toEqual([{ sequence: 1, status: 'applied', reason_code: null }]);
    expect(queryOne(province.backend.databasePath, 'SELECT length(file) AS n, sha256 FROM handoff_received')).toEqual({
      n: fs.statSync(file).size,
      sha256: sha256(file),
    });

    const afterApply = dataDump();
    const [again] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(again).toMatchObject({ status: 'replay', reason: { code: 'REPLAY' } });
    expect(again!.reason!.message).toMatch(/đã được nhận trước đó/);
    const refused = await province.fail('handoffInbox.apply', { path: file, sha256: again!.sha256 });
    expect(refused.details?.['reason']).toBe('REPLAY');
    // Nothing changes but the log: the file presented again is logged once, as a replay.
    expect(dataDump()).toEqual(afterApply);
    expect(received()).toEqual([
      { sequence: 1, status: 'applied', reason_code: null },
      { sequence: 1, status: 'replay', reason_code: 'REPLAY' },
    ]);
  });

  it('takes a second file, refuses an older one, rolls back, writes a receipt, shows the matrix', async () => {
    addPeer('trusted', officeKey);
    const other = await identityOf(path.join(tmp.path(), 'other'));
    addPeer('trusted', other, '03010', 'Công an xã Tả Van');
    const first = await writeFile(current(1));
    const [f1] = (await province.call('handoffInbox.inspect', { path: first })).files;
    const a1 = await province.call('handoffInbox.apply', { path: first, sha256: f1!.sha256 });

    await propaganda(300);
    const second = await writeFile(current(2));
    const [f2] = (await province.call('handoffInbox.inspect', { path: second })).files;
    expect(f2!.dryRun!.changes.find((c) => c.table === 'propaganda_sessions')).toMatchObject({ added: 1, unchanged: 1 });
    await province.call('handoffInbox.apply', { path: second, sha256: f2!.sha256 });
    expect(sessions()).toEqual([{ attendance: 120 }, { attendance: 300 }]);

    // Signed under its own name (the trusted comment must name the file the manifest describes),
    // saved under another one beside the first file.
    const o1 = await snapshotFile({
      office: officeKey,
      province: provinceKey,
      payload: { ...current(1), period: { from: '2026-01-01', to: '2026-06-30' } },
    });
    const older = path.join(inbox, 'ANTQ_03006_2026_1b.antq');
    fs.writeFileSync(older, o1.bytes);
    const before = dataDump();
    const [o] = (await province.call('handoffInbox.inspect', { path: older })).files;
    expect(o).toMatchObject({ status: 'refused', reason: { code: 'OLDER_SEQUENCE' } });
    expect(dataDump()).toEqual(before);

    const rolled = await province.call('handoffInbox.rollback', { receivedId: a1.receivedId });
    expect(rolled.sequence).toBe(1);
    expect(sessions()).toEqual([{ attendance: 120 }]);
    expect(received()).toEqual([
      { sequence: 1, status: 'applied', reason_code: null },
      { sequence: 2, status: 'superseded', reason_code: null },
      { sequence: 1, status: 'refused', reason_code: 'OLDER_SEQUENCE' },
    ]);

    const out = path.join(tmp.path(), 'bien-nhan');
    fs.mkdirSync(out);
    const receipt = await province.call('handoffInbox.writeReceipt', { receivedId: a1.receivedId, folder: out });
    expect(receipt.fileName).toBe('ANTQ_BIENNHAN_03006_2026_1.antq');
    const opened = openContainer(new Uint8Array(fs.readFileSync(receipt.path)));
    verifyContainerSignature(opened, provinceKey.signPublicKey, receipt.fileName);
    expect(opened.manifest).toMatchObject({
      kind: 'receipt',
      sender: { code: '15', fingerprint: provinceKey.fingerprint },
      for: { officeCode: '03006', year: 2026, sequence: 1, sha256: sha256(first), fileName: 'ANTQ_03006_2026_1.antq' },
      status: 'applied',
    });
    expect(() => verifyContainerSignature(opened, officeKey.signPublicKey)).toThrow();
    const history = await province.call('handoffInbox.history', { officeCode: '03006' });
    expect(history.files.find((f) => f.id === a1.receivedId)!.receiptWrittenAt).not.toBeNull();

    const matrix = await province.call('handoffInbox.matrix', {});
    expect(matrix.years).toEqual([2026]);
    expect(matrix.offices).toEqual([
      expect.objectContaining({
        code: '03006',
        neverSent: false,
        cells: [expect.objectContaining({ year: 2026, sequence: 2, current: false, refused: 1 })],
      }),
      expect.objectContaining({ code: '03010', name: 'Công an xã Tả Van', neverSent: true }),
    ]);
    const xlsx = await province.call('handoffInbox.exportMatrix', { folder: out });
    expect(fs.readFileSync(xlsx.path).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('a roll-back after the office key was replaced', () => {
  it('applies a file inspected in the session with the checks of the bytes done once, but the hash and the database checked again', async () => {
    addPeer('trusted', officeKey);
    const first = await writeFile(current(1));
    const firstBytes = fs.readFileSync(first);
    const [f1] = (await province.call('handoffInbox.inspect', { path: first })).files;
    expect(f1).toMatchObject({ status: 'ready', sequence: 1 });
    await propaganda(300);
    const second = await writeFile(current(2));
    const [f2] = (await province.call('handoffInbox.inspect', { path: second })).files;
    expect(f2).toMatchObject({ status: 'ready', sequence: 2 });

    // The stick's file swapped after its dry run (for the other valid file): caught by the hash.
    fs.writeFileSync(first, fs.readFileSync(second));
    const before = dataDump();
    const swapped = await province.fail('handoffInbox.apply', { path: first, sha256: f1!.sha256 });
    expect(swapped.message).toMatch(/đã thay đổi kể từ khi kiểm tra/);
    expect(dataDump()).toEqual(before);

    // The bytes the officer checked last (whatever the name): applied from what the dry run decoded.
    await province.call('handoffInbox.apply', { path: first, sha256: f2!.sha256 });
    expect(sessions()).toEqual([{ attendance: 120 }, { attendance: 300 }]);

    // The first file's bytes, checked before file 2 was applied: the sequence is read again from the database.
    fs.writeFileSync(first, firstBytes);
    const afterTwo = dataDump();
    const older = await province.fail('handoffInbox.apply', { path: first, sha256: f1!.sha256 });
    expect(older.details?.['reason']).toBe('OLDER_SEQUENCE');
    expect(dataDump()).toEqual(afterTwo);
  });

  it('verifies the stored file with the retired key and owns the rows under the current key', async () => {
    const oldPeer = addPeer('trusted', officeKey);
    const first = await writeFile(current(1));
    const [f1] = (await province.call('handoffInbox.inspect', { path: first })).files;
    const a1 = await province.call('handoffInbox.apply', { path: first, sha256: f1!.sha256 });
    // The office was reinstalled: a new key, the old one retired at the province.
    const newKey = await identityOf(path.join(tmp.path(), 'reinstalled'));
    const db = new BetterSqlite3(province.backend.databasePath);
    db.prepare("UPDATE handoff_peers SET status = 'retired', retired_at = '2026-11-22T03:00:00.000Z' WHERE id = ?").run(oldPeer);
    db.close();
    const newPeer = addPeer('trusted', newKey);
    await propaganda(300);
    const second = await writeFile(current(2), { office: newKey });
    const [f2] = (await province.call('handoffInbox.inspect', { path: second })).files;
    await province.call('handoffInbox.apply', { path: second, sha256: f2!.sha256 });
    expect(sessions()).toEqual([{ attendance: 120 }, { attendance: 300 }]);

    await province.call('handoffInbox.rollback', { receivedId: a1.receivedId });
    expect(sessions()).toEqual([{ attendance: 120 }]);
    const owners = queryAll<{ peer_id: string }>(province.backend.databasePath, 'SELECT DISTINCT peer_id FROM handoff_ownership');
    expect(owners).toEqual([{ peer_id: newPeer }]);
  });
});

describe('an office enrolled from its key file in the inbox folder', () => {
  it('shows the new office with its fingerprint, trusts it only when confirmed, then takes its snapshot', async () => {
    await office.call('handoffKeys.exportKeyFile', { folder: inbox });
    await writeFile(current(1));
    const before = dumpDatabase(province.backend.databasePath);
    const files = (await province.call('handoffInbox.inspect', { path: inbox })).files;
    const key = files.find((f) => f.kind === 'key')!;
    const snap = files.find((f) => f.kind === 'snapshot')!;
    expect(key).toMatchObject({
      status: 'held',
      enrol: { peerId: null, code: '03006', name: 'Công an phường Sa Pa', fingerprint: officeKey.fingerprint },
    });
    // The snapshot waits for the confirmation of the key file beside it; nothing is logged.
    expect(snap).toMatchObject({ status: 'held', enrol: null, reason: { code: 'SENDER_PENDING' } });
    expect(snap.reason!.message).toContain('ANTQ_KHOA_03006.antq');
    expect(received()).toEqual([]);
    const wrong = await province.fail('handoffInbox.confirmOffice', {
      peerId: null,
      path: key.path,
      fingerprint: '1111-1111-1111-1111-1111-1111',
    });
    expect(wrong.details?.['reason']).toBe('FINGERPRINT_MISMATCH');
    expect(dumpDatabase(province.backend.databasePath)).toEqual(before);

    await province.call('handoffInbox.confirmOffice', { peerId: null, path: key.path, fingerprint: officeKey.fingerprint });
    const again = (await province.call('handoffInbox.inspect', { path: inbox })).files;
    expect(again.find((f) => f.kind === 'key')).toMatchObject({ status: 'replay', reason: { code: 'KEY_KNOWN' } });
    expect(again.find((f) => f.kind === 'snapshot')).toMatchObject({ status: 'ready', sequence: 1 });
  });
});

describe('each check refuses for its reason and changes nothing', () => {
  beforeEach(() => {
    addPeer('trusted', officeKey);
  });

  async function expectRefusedFile(file: string, code: string, pattern?: RegExp) {
    const before = dataDump();
    const [r] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(r!.status).toBe('refused');
    expect(r!.reason!.code).toBe(code);
    expect(isVietnameseMessage(r!.reason!.message), r!.reason!.message).toBe(true);
    if (pattern) expect(r!.reason!.message).toMatch(pattern);
    expect(dataDump()).toEqual(before);
    const log = received();
    expect(log[log.length - 1]).toMatchObject({ status: 'refused', reason_code: code });
  }

  it('size before reading', async () => {
    const file = path.join(inbox, 'ANTQ_03006_2026_9.antq');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 64 * 1024 * 1024 + 1);
    fs.closeSync(fd);
    const [r] = (await province.call('handoffInbox.inspect', { path: file })).files;
    expect(r).toMatchObject({ status: 'refused', reason: { code: 'FILE_TOO_LARGE' } });
  });

  it('format', async () => {
    const file = path.join(inbox, 'ANTQ_03006_2026_1.antq');
    fs.writeFileSync(file, 'không phải tệp ANTQ');
    await expectRefusedFile(file, 'CONTAINER_MALFORMED');
  });

  it('signature by another key, unknown sender', async () => {
    const stranger = await identityOf(path.join(tmp.path(), 'stranger'));
    await expectRefusedFile(await writeFile(current(1), { office: stranger }), 'SIGNATURE_WRONG_KEY');
    const p = current(2);
    const unknown = { ...p, office: { ...p.office, code: '03999' } };
    await expectRefusedFile(await writeFile(unknown), 'SENDER_UNKNOWN');
  });

  it('recipient and decryption', async () => {
    const stranger = await identityOf(path.join(tmp.path(), 'stranger'));
    await expectRefusedFile(await writeFile(current(1), { province: stranger }), 'WRONG_RECIPIENT');
    const toStranger = { fingerprint: provinceKey.fingerprint, ageRecipient: stranger.ageRecipient };
    const f = await snapshotFile({
      office: { ...officeKey, ageRecipient: stranger.ageRecipient },
      province: toStranger,
      payload: current(2),
    });
    const file = path.join(inbox, f.fileName);
    fs.writeFileSync(file, f.bytes);
    await expectRefusedFile(file, 'NOT_RECIPIENT');
  });

  it('decompression', async () => {
    await expectRefusedFile(await writeFile(current(1), { gzipped: new Uint8Array([1, 2, 3, 4]) }), 'DECOMPRESS_FAILED');
  });

  it('records: schema, scope, foreign ids', async () => {
    const bad = current(1);
    bad.tables['propaganda_sessions']!.rows[0]![bad.tables['propaganda_sessions']!.columns.indexOf('attendance')] = 'nhiều';
    await expectRefusedFile(await writeFile(bad), 'SCHEMA_INVALID', /propaganda_sessions|Tuyên truyền/);

    const out = current(2);
    const t = out.tables['propaganda_sessions']!;
    t.rows[0]![t.columns.indexOf('unit_id')] = '44444444-4444-4444-8444-444444444444';
    await expectRefusedFile(await writeFile(out), 'OUT_OF_SCOPE', /propaganda_sessions/);

    const foreign = current(3);
    const provinceUnit = queryOne<{ id: string }>(province.backend.databasePath, "SELECT id FROM units WHERE code = '02647'")!.id;
    const u = foreign.tables['units']!;
    const root = u.rows[0]!;
    u.rows.push(
      root.map((v, i) =>
        u.columns[i] === 'id'
          ? provinceUnit
          : u.columns[i] === 'parent_id'
            ? root[u.columns.indexOf('id')]!
            : u.columns[i] === 'code'
              ? null
              : v,
      ),
    );
    await expectRefusedFile(await writeFile(foreign), 'FOREIGN_ID', /units/);
  });
});
