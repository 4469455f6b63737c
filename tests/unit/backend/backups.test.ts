/**
 * Backups through the real backend (issue 15 item 4): a backup written, checked and listed with its
 * counts and sha256; a failure kept in the status; automatic backups every 15 minutes only when
 * something changed, and before a migration; rotation deleting only files its manifest lists;
 * copy to a folder; restore after a backup of the current file, and its undo; hostile backup files
 * refused with nothing changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { MANIFEST_FILE } from '../../../electron/backend/backups/manifest';
import { BACKUP_TEXTS } from '../../../electron/backend/backups/texts';
import { APPLICATION_ID, openDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { DATABASE_FILE } from '../../../electron/backend/index';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { BackupDto } from '../../../shared/ipc/contracts/backups.contract';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-backups-');

let t: TestBackend;
let hoa: UnitDto;

const folder = () => path.join(tmp.path(), 'sao-luu');
const file = () => t.backend.databasePath;
/**
 * The data without the audit log: backups, restores and their undo are entries of the log
 * themselves (tests/unit/backend/audit.test.ts checks those), the records must be as they were.
 */
const dump = () => {
  const { audit_log: _log, ...tables } = dumpDatabase(file()).tables;
  return tables;
};
const orgDeletedAt = (id: string) => queryOne(file(), 'SELECT deleted_at FROM organizations WHERE id = ?', id)?.['deleted_at'];
const backupFiles = () =>
  fs
    .readdirSync(folder())
    .filter((f) => f.endsWith('.db'))
    .sort();

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
  hoa = (await t.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
});
afterEach(() => t.close());

describe('a backup', () => {
  it('is written, checked and listed with its date, reason, size, sha256 and record counts', async () => {
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    const made = await t.call('backups.create', {});
    expect(made).toMatchObject({ reason: 'manual', createdAt: START, userVersion: LATEST_VERSION, detail: null });
    expect(made.fileName).toBe('thu-cong-2026-11-22T03-00-00-000Z.db');
    expect(made.counts.organizations).toBe(1);
    expect(made.counts.units).toBe(19);
    expect(made.counts.tips).toBe(0);
    const backup = path.join(folder(), made.fileName);
    expect(fs.statSync(backup).size).toBe(made.bytes);
    const conn = new BetterSqlite3(backup, { readonly: true });
    try {
      expect(conn.pragma('quick_check', { simple: true })).toBe('ok');
      expect(conn.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(conn.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(conn.prepare('SELECT name FROM organizations').all()).toEqual([{ name: 'Trường THCS Gia Hòa' }]);
    } finally {
      conn.close();
    }
    // No temporary file left; the manifest lists exactly the file, with the sha256 of its bytes.
    expect(fs.readdirSync(folder()).sort()).toEqual([MANIFEST_FILE, made.fileName]);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder(), MANIFEST_FILE), 'utf8')) as { entries: { sha256: string }[] };
    const { createHash } = await import('node:crypto');
    expect(manifest.entries.map((e) => e.sha256)).toEqual([createHash('sha256').update(fs.readFileSync(backup)).digest('hex')]);
    const list = await t.call('backups.list', {});
    expect(list.entries).toEqual([made]);
    expect(list.status).toEqual({ lastSuccess: { at: START, reason: 'manual' }, lastFailure: null, pendingChanges: false });
  });

  it('that fails is reported in the status (with the reason) until a later backup succeeds, and leaves no file', async () => {
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    const before = dump();
    fs.rmSync(folder(), { recursive: true, force: true });
    fs.writeFileSync(folder(), 'not a folder'); // the backups folder cannot be created
    const err = await t.fail('backups.create', {});
    expect(err.message).toMatch(/^Không sao lưu được dữ liệu vào thư mục ".*sao-luu"/);
    const status = await t.call('backups.status', {});
    expect(status.lastFailure).toEqual({ at: START, reason: 'manual', message: err.message });
    expect(status.pendingChanges).toBe(true);
    expect(dump()).toEqual(before);
    // A backup before an action refuses the action with the reason, and nothing changes.
    const year = await t.fail('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn A', note: null });
    expect(year.message).toContain('Vì chưa sao lưu được nên thao tác chưa được thực hiện');
    expect(dump()).toEqual(before);
    fs.rmSync(folder());
    t.clock.set('2026-11-22T03:05:00.000Z');
    await t.call('backups.create', {});
    expect((await t.call('backups.status', {})).lastFailure).toBeNull();
  });
});

describe('automatic backups', () => {
  it('are made at most every 15 minutes, and only when data changed since the last backup', async () => {
    const tick = () => t.backend.backups.autoTick();
    t.clock.set('2026-11-22T03:14:59.000Z');
    expect(tick()).toBeNull(); // changes (the set-up), but not 15 minutes yet
    t.clock.set('2026-11-22T03:15:00.000Z');
    const first = tick();
    expect(first).toMatchObject({ reason: 'auto', createdAt: '2026-11-22T03:15:00.000Z' });
    t.clock.set('2026-11-22T03:45:00.000Z');
    expect(tick()).toBeNull(); // nothing changed since
    expect((await t.call('backups.status', {})).pendingChanges).toBe(false);
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    expect((await t.call('backups.status', {})).pendingChanges).toBe(true);
    const second = tick();
    expect(second).toMatchObject({ reason: 'auto', createdAt: '2026-11-22T03:45:00.000Z' });
    expect(second!.counts.organizations).toBe(1);
    expect((await t.call('backups.list', {})).entries.map((e) => e.id)).toEqual([second!.id, first!.id]);
  });

  it('are made before a migration (listed in the manifest, at the old version)', async () => {
    t.close();
    const dir = path.join(tmp.path(), 'old');
    const old = openDatabase(path.join(dir, DATABASE_FILE), LATEST_VERSION);
    await migrate(old.raw, old.db, MIGRATIONS.slice(0, 5), { backupDir: path.join(dir, 'sao-luu'), now: () => new Date(START) });
    old.raw.close();
    t = await startBackend(dir, '2026-11-23T01:00:00.000Z');
    const list = await t.call('backups.list', {});
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({ reason: 'migration', detail: 'v5', userVersion: 5 });
    expect(list.entries[0]!.fileName).toBe('truoc-nang-cap-v5-2026-11-23T01-00-00-000Z.db');
    expect(list.entries[0]!.counts.units).toBe(0);
    expect(list.entries[0]!.counts.tips).toBeNull(); // the table came later: thiếu dữ liệu, not 0

    // Restoring it goes through the normal open: the old file is migrated again (after its own backup).
    t.clock.set('2026-11-23T02:00:00.000Z');
    await t.call('backups.restore', { id: list.entries[0]!.id });
    expect(queryOne(file(), 'PRAGMA user_version')?.['user_version']).toBe(LATEST_VERSION);
    const after = (await t.call('backups.list', {})).entries.map((e) => [e.reason, e.userVersion]);
    expect(after).toEqual([
      ['migration', 5],
      ['restore', LATEST_VERSION],
      ['migration', 5],
    ]);
    expect(await t.call('office.get', {})).toBeNull();
  });
});

describe('rotation', () => {
  it('after a new backup, deletes the listed backups the policy drops, and only files its manifest lists', async () => {
    // A manifest holding two backups a day (04:00 and 20:00 Vietnam time) for 400 days, each a
    // small file of its own; beside them files the app never wrote, one named like a backup.
    const made = await t.call('backups.create', {});
    const manifestPath = path.join(folder(), MANIFEST_FILE);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { entries: BackupDto[] };
    const start = Date.parse('2025-10-18T21:00:00.000Z');
    const old: BackupDto[] = [];
    for (let day = 0; day < 400; day++) {
      for (const hour of [0, 16]) {
        const at = new Date(start + day * 86_400_000 + hour * 3_600_000).toISOString();
        const fileName = `tu-dong-${at.replace(/[:.]/g, '-')}.db`;
        fs.writeFileSync(path.join(folder(), fileName), at);
        old.push({ ...made, id: fileName.slice(0, -3), fileName, createdAt: at, reason: 'auto' });
      }
    }
    manifest.entries = [...old.reverse(), made].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    const foreign = ['ghi-chu.txt', 'ban-sao-cua-toi.db', 'tu-dong-2025-10-18T21-00-00-001Z.db'];
    for (const f of foreign) fs.writeFileSync(path.join(folder(), f), 'giữ nguyên');

    t.clock.set('2026-11-22T16:00:00.000Z'); // 23:00 in Vietnam: today holds 04:00, 10:00 (made), 20:00 and now
    const newest = await t.call('backups.create', {});
    const entries = (await t.call('backups.list', {})).entries;
    expect(entries[0]!.id).toBe(newest.id);
    const kept = new Set(entries.map((e) => e.fileName));
    expect(kept.has(made.fileName)).toBe(true);
    expect(kept.has('tu-dong-2026-11-21T21-00-00-000Z.db')).toBe(false); // 04:00 today: the 4th of today
    // Every listed file is there; every dropped one is gone; the files the app never wrote stay.
    for (const e of old) expect(fs.existsSync(path.join(folder(), e.fileName))).toBe(kept.has(e.fileName));
    for (const f of foreign) expect(fs.readFileSync(path.join(folder(), f), 'utf8')).toBe('giữ nguyên');
    const dates = entries.map((e) => new Date(Date.parse(e.createdAt) + 7 * 3_600_000).toISOString().slice(0, 10));
    expect(dates.filter((d) => d === '2026-11-22')).toHaveLength(3);
    expect(new Set(dates.filter((d) => d >= '2026-11-09')).size).toBe(14);
    expect(new Set(dates.map((d) => d.slice(0, 7))).size).toBe(12);
    expect(dates.every((d) => d >= '2025-12-01')).toBe(true);
    expect(entries).toHaveLength(3 + 13 + 11);
  });
});

describe('copy to a folder', () => {
  it('writes the backup under its own name, never overwriting, and refuses a missing or relative folder', async () => {
    const made = await t.call('backups.create', {});
    const usb = path.join(tmp.path(), 'usb');
    fs.mkdirSync(usb);
    const { path: copied } = await t.call('backups.copy', { id: made.id, folder: usb });
    expect(copied).toBe(path.join(usb, made.fileName));
    expect(fs.readFileSync(copied).equals(fs.readFileSync(path.join(folder(), made.fileName)))).toBe(true);
    expect((await t.fail('backups.copy', { id: made.id, folder: usb })).message).toBe(BACKUP_TEXTS.copyExists(made.fileName));
    expect((await t.fail('backups.copy', { id: made.id, folder: path.join(usb, 'khong-co') })).message).toBe(
      BACKUP_TEXTS.copyFolderMissing(path.join(usb, 'khong-co')),
    );
    expect((await t.fail('backups.copy', { id: made.id, folder: 'usb' })).message).toBe(BACKUP_TEXTS.copyFolderRelative);
    expect(fs.readdirSync(usb)).toEqual([made.fileName]);
  });
});

describe('restore', () => {
  it('backs up the current file, restores the chosen backup, reopens, and can be undone', async () => {
    const org = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    const made = await t.call('backups.create', {});
    t.clock.set('2026-11-22T04:00:00.000Z');
    await t.call('organizations.delete', { id: org.id });
    expect(orgDeletedAt(org.id)).toBe('2026-11-22T04:00:00.000Z');
    const deleted = dump();

    t.clock.set('2026-11-22T04:10:00.000Z');
    const r = await t.call('backups.restore', { id: made.id });
    expect(r.restored.id).toBe(made.id);
    expect(r.before).toMatchObject({ reason: 'restore', createdAt: '2026-11-22T04:10:00.000Z', detail: made.id.slice(0, 40) });
    expect(r.before.counts.organizations).toBe(0);
    // The record is back, in the file and through the reopened backend.
    expect(orgDeletedAt(org.id)).toBeNull();
    expect(
      (await t.call('organizations.list', { unitId: null, year: null, search: '', kind: null, status: null })).map((o) => o.id),
    ).toEqual([org.id]);
    expect((await t.call('backups.list', {})).lastRestore).toMatchObject({ restored: { id: made.id }, before: { id: r.before.id } });

    t.clock.set('2026-11-22T04:20:00.000Z');
    const undone = await t.call('backups.undoRestore', {});
    expect(undone.restored.id).toBe(r.before.id);
    expect(orgDeletedAt(org.id)).toBe('2026-11-22T04:00:00.000Z');
    expect(dump()).toEqual(deleted);
    expect((await t.call('backups.list', {})).lastRestore).toBeNull();
    expect((await t.fail('backups.undoRestore', {})).message).toBe(BACKUP_TEXTS.noRestoreToUndo);
    // Work goes on on the reopened file.
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường Tiểu học Gia Hòa'));
    expect(queryOne(file(), 'PRAGMA journal_mode')?.['journal_mode']).toBe('wal');
  });

  const hostile: [string, (p: string) => void, (name: string) => string][] = [
    ['not SQLite', (p) => fs.writeFileSync(p, 'Đây không phải cơ sở dữ liệu. '.repeat(50)), BACKUP_TEXTS.notSqlite],
    [
      'another application_id',
      (p) => {
        const c = new BetterSqlite3(p);
        c.pragma('application_id = 1234');
        c.close();
      },
      BACKUP_TEXTS.notOurs,
    ],
    [
      'a newer user_version',
      (p) => {
        const c = new BetterSqlite3(p);
        c.pragma(`user_version = ${LATEST_VERSION + 1}`);
        c.close();
      },
      (name) => BACKUP_TEXTS.newer(name, LATEST_VERSION + 1, LATEST_VERSION),
    ],
    [
      'a corrupted page',
      (p) => {
        const bytes = fs.readFileSync(p);
        const pageSize = bytes.readUInt16BE(16);
        for (let i = pageSize * 2 + 8; i < pageSize * 3; i++) bytes[i] = 0x5a;
        fs.writeFileSync(p, bytes);
      },
      BACKUP_TEXTS.damaged,
    ],
    [
      'a sound file of ours, but not the one backed up',
      (p) => {
        const c = new BetterSqlite3(p);
        c.prepare("UPDATE units SET name = 'Xã Giả Mạo' WHERE name = 'Xã Gia Hòa'").run();
        c.close();
      },
      BACKUP_TEXTS.changed,
    ],
  ];

  for (const [what, spoil, message] of hostile) {
    it(`refuses a backup file with ${what}, in Vietnamese, and changes nothing`, async () => {
      const made = await t.call('backups.create', {});
      await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
      spoil(path.join(folder(), made.fileName));
      const before = dump();
      const filesBefore = backupFiles();
      t.clock.set('2026-11-22T05:00:00.000Z');
      const err = await t.fail('backups.restore', { id: made.id });
      expect(err.message).toBe(message(made.fileName));
      expect(err.message).toContain('Dữ liệu chưa bị thay đổi.');
      expect(dump()).toEqual(before);
      expect(backupFiles()).toEqual(filesBefore); // no backup of the current file either
      expect((await t.call('backups.list', {})).lastRestore).toBeNull();
    });
  }

  it('when the file cannot be replaced, reopens the same file, says so, and changes nothing', async () => {
    const made = await t.call('backups.create', {});
    const org = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    // A folder where the restore's temporary copy goes: the copy fails before the rename.
    fs.mkdirSync(path.join(tmp.path(), `.${DATABASE_FILE}.khoi-phuc.tmp`, 'x'), { recursive: true });
    const before = dump();
    const err = await t.fail('backups.restore', { id: made.id });
    expect(err.message).toBe(BACKUP_TEXTS.swapFailed);
    expect(dump()).toEqual(before);
    expect((await t.call('organizations.get', { id: org.id })).name).toBe('Trường THCS Gia Hòa');
    expect((await t.call('backups.list', {})).lastRestore).toBeNull();
  });

  it('refuses an id the manifest does not list', async () => {
    expect((await t.fail('backups.restore', { id: '../antq' })).code).toBe('NOT_FOUND');
  });
});
