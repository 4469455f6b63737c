/**
 * Backups made before the protected fields were sealed (issue 15 items 2 and 4, h15-keys): a file
 * upgraded from before issue 15 is backed up before its migration with informants in clear; after
 * set-up seals the live file, the backups list marks that backup, Quản trị erases it (overwritten,
 * deleted, dropped from the list), and the raw-byte search of the data folder finds the protected
 * value before and nothing after. Only listed backups holding clear values are erased.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { readFixture } from '../../support/upgrade-fixtures';
import { filesUnder, foundIn } from '../../support/raw-search';
import { queryAll } from '../../support/sqlite';
import { isSealed } from '../../../electron/backend/keys/field-cipher';

const tmp = useTempDir('antq-backups-clear-');
let t: TestBackend | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'upgrade');
/** Values the v18 fixture holds in its informant columns, in clear. */
const SECRETS = ['Giá trị tip_informants.name số 1 (Hà Nội, Đắk Lắk)', 'Giá trị tip_informants.id_number số 3 (Hà Nội, Đắk Lắk)'];
const MANIFEST = 'danh-sach-sao-luu.json';

async function upgradedOffice(): Promise<{ dir: string; backups: string }> {
  const dir = path.join(tmp.path(), 'office');
  fs.mkdirSync(dir, { recursive: true });
  readFixture(FIXTURES, 18, path.join(dir, 'antq.db'));
  // Opens (the backup before migrating v18), migrates, sets up the Quản trị account: set-up seals.
  t = await startBackend(dir);
  return { dir, backups: path.join(dir, 'sao-luu') };
}

describe('backups holding protected values in clear', () => {
  it('are marked after set-up sealed the file, and erased by Quản trị: the raw search finds the value before, nothing after', async () => {
    const o = await upgradedOffice();
    const live = queryAll<{ name: string | null }>(t!.backend.databasePath, 'SELECT name FROM tip_informants WHERE name IS NOT NULL');
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((r) => isSealed(r.name!))).toBe(true);

    await t!.call('backups.create', {});
    const list = await t!.call('backups.list', {});
    const byReason = Object.fromEntries(list.entries.map((e) => [e.reason, e]));
    expect(byReason['migration']).toMatchObject({ detail: 'v18', clearProtected: true });
    expect(byReason['manual']).toMatchObject({ clearProtected: false });
    const migration = byReason['migration']!;

    // Before: the protected values are readable in the pre-migration backup (the live file's old
    // pages still hold them too until the checkpoint at close; no other backup does).
    const before = foundIn(o.dir, SECRETS);
    expect(before.filter((f) => f.startsWith(`${migration.fileName}:`))).toHaveLength(SECRETS.length);
    expect(before.filter((f) => !f.startsWith(`${migration.fileName}:`) && !f.startsWith('antq.db'))).toEqual([]);

    // A backup without clear values is not erased this way; a name not listed is not found; nothing changes.
    const files = filesUnder(o.backups).sort();
    const refused = await t!.fail('backups.eraseClear', { ids: [migration.id, byReason['manual']!.id] });
    expect(refused.code).toBe('RULE');
    expect(refused.message).toContain('không chứa dữ liệu bảo vệ chưa mã hóa');
    expect((await t!.fail('backups.eraseClear', { ids: ['khong-co'] })).code).toBe('NOT_FOUND');
    expect(filesUnder(o.backups).sort()).toEqual(files);

    expect(await t!.call('backups.eraseClear', { ids: [migration.id] })).toEqual({ erased: [migration.fileName] });
    expect(fs.existsSync(path.join(o.backups, migration.fileName))).toBe(false);
    const after = await t!.call('backups.list', {});
    expect(after.entries.map((e) => e.id)).toEqual([byReason['manual']!.id]);
    const manifest = JSON.parse(fs.readFileSync(path.join(o.backups, MANIFEST), 'utf8')) as { entries: { id: string }[] };
    expect(manifest.entries.map((e) => e.id)).toEqual([byReason['manual']!.id]);
    const audit = queryAll<{ summary: string }>(t!.backend.databasePath, 'SELECT summary FROM audit_log ORDER BY seq');
    expect(audit.map((a) => a.summary)).toContain(`Xóa hẳn bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa (${migration.fileName})`);

    t!.close(); // checkpoints (TRUNCATE) as the app does when it closes
    t = null;
    expect(foundIn(o.dir, SECRETS)).toEqual([]);
  });

  it('a list written by an older version (no marks) is marked by looking at each file once', async () => {
    const o = await upgradedOffice();
    const file = path.join(o.backups, MANIFEST);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown>[] };
    for (const e of stored.entries) delete e['clearProtected'];
    fs.writeFileSync(file, JSON.stringify(stored));

    const list = await t!.call('backups.list', {});
    expect(list.entries.map((e) => [e.reason, e.clearProtected])).toEqual([['migration', true]]);
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { clearProtected?: boolean }[] };
    expect(kept.entries.map((e) => e.clearProtected)).toEqual([true]);
  });

  it('is Quản trị’s: Cán bộ and Lãnh đạo are refused and nothing is erased', async () => {
    const o = await upgradedOffice();
    const [migration] = (await t!.call('backups.list', {})).entries;
    for (const role of ['lanh_dao', 'can_bo'] as const) {
      const who = { username: `tk-${role}`, displayName: role, role, password: 'MatKhau2026' };
      await t!.call('accounts.create', who);
      await t!.call('auth.logout', {});
      await t!.call('auth.login', { username: who.username, password: who.password });
      expect((await t!.fail('backups.eraseClear', { ids: [migration!.id] })).code).toBe('FORBIDDEN');
      await t!.call('auth.logout', {});
      await t!.call('auth.login', { username: 'quantri', password: 'QuanTri2026!' });
    }
    expect(fs.existsSync(path.join(o.backups, migration!.fileName))).toBe(true);
  });
});

describe('restoring a backup made before set-up', () => {
  it('seals its protected values under the open session’s key: the live file holds none in clear', async () => {
    const o = await upgradedOffice();
    const [migration] = (await t!.call('backups.list', {})).entries;
    await t!.call('backups.restore', { id: migration!.id });
    expect((await t!.call('auth.status', {})).session?.username).toBe('quantri');
    const live = queryAll<{ tip_id: string; name: string | null }>(
      t!.backend.databasePath,
      'SELECT tip_id, name FROM tip_informants WHERE name IS NOT NULL ORDER BY tip_id',
    );
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((r) => isSealed(r.name!))).toBe(true);
    t!.close();
    t = null;
    expect(foundIn(o.dir, SECRETS).filter((f) => f.startsWith('antq.db'))).toEqual([]);
  });
});
