/**
 * Issue 16 item 3: a new backup's manifest is written, flushed and renamed, and the rotation's old
 * files deleted, on libuv's pool (manifest.ts writeManifestAsync, backups.service.ts listedAsync)
 * instead of on the host's thread. What must not change: the manifest lists the new backup and no
 * temporary file is left; when the manifest cannot be written, the backup fails with its
 * Vietnamese message, the manifest is the one before, and the action that asked for the backup (a
 * freeze) changes nothing. And the WAL's frames are copied into the main file by the checkpoint
 * worker before the backup's own TRUNCATE checkpoint on the host, the copy holding every commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { MANIFEST_FILE } from '../../../electron/backend/backups/manifest';
import { BACKUP_TEXTS } from '../../../electron/backend/backups/texts';
import { CHECKPOINTS } from '../../../electron/backend/db/checkpointer';
import { queryOne } from '../../support/sqlite';

const tmp = useTempDir('antq-backups-manifest-');
let t: TestBackend;

const folder = () => path.join(tmp.path(), 'sao-luu');
const manifestPath = () => path.join(folder(), MANIFEST_FILE);
const manifestTemp = () => path.join(folder(), `.${MANIFEST_FILE}.tmp`);
const manifestText = () => fs.readFileSync(manifestPath(), 'utf8');
/** The data without the audit log (a refused freeze writes its refusal there). */
const data = () => {
  const { audit_log: _log, ...tables } = dumpDatabase(t.backend.databasePath).tables;
  return tables;
};

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const hoa = (await t.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
});
afterEach(() => t.close());

describe('the manifest of a new backup, written off the host', () => {
  it('lists each new backup first, with the file on disk and no temporary file left', async () => {
    const first = await t.call('backups.create', {});
    t.clock.set('2026-11-22T03:05:00.000Z');
    const hoa = (await t.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường Tiểu học Gia Hòa'));
    const second = await t.call('backups.create', {});
    const listed = JSON.parse(manifestText()) as { entries: { id: string; sha256: string; bytes: number }[] };
    expect(listed.entries.map((e) => e.id)).toEqual([second.id, first.id]);
    expect(listed.entries[0]).toMatchObject({ sha256: second.sha256, bytes: second.bytes });
    expect(fs.statSync(path.join(folder(), second.fileName)).size).toBe(second.bytes);
    expect(fs.readdirSync(folder()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await t.call('backups.list', {})).entries.map((e) => e.id)).toEqual([second.id, first.id]);
  });

  it('when the manifest cannot be written: the backup fails with its message, the manifest is unchanged', async () => {
    const first = await t.call('backups.create', {});
    const before = manifestText();
    // A folder where the manifest's temporary file goes: its write fails (EISDIR), on every platform.
    fs.mkdirSync(path.join(manifestTemp(), 'chan'), { recursive: true });
    t.clock.set('2026-11-22T03:10:00.000Z');
    const failed = await t.fail('backups.create', {});
    expect(failed.message).toBe(BACKUP_TEXTS.writeFailed(folder(), BACKUP_TEXTS.whyOther));
    expect(manifestText()).toBe(before);
    const status = await t.call('backups.status', {});
    expect(status.lastFailure).toMatchObject({ reason: 'manual', message: failed.message });
    expect(status.lastSuccess).toMatchObject({ at: first.createdAt });
    expect((await t.call('backups.list', {})).entries.map((e) => e.id)).toEqual([first.id]);
  });

  it('when the manifest cannot be written before a freeze: the freeze is refused and nothing is frozen', async () => {
    fs.mkdirSync(path.join(manifestTemp(), 'chan'), { recursive: true });
    const dataBefore = data();
    const failed = await t.fail('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null });
    expect(failed.message).toBe(BACKUP_TEXTS.beforeAction(BACKUP_TEXTS.writeFailed(folder(), BACKUP_TEXTS.whyOther)));
    expect(await t.call('evaluation.freezes', { year: 2026 })).toEqual([]);
    expect(data()).toEqual(dataBefore);
    expect(fs.existsSync(manifestPath())).toBe(false);
  });
});

describe('the checkpoint before a backup copies the file', () => {
  it('runs on the checkpoint worker, and the copy holds the commit its frames carried', async () => {
    await t.backend.checkpointsSettled();
    const hoa = (await t.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
    const org = await t.call('organizations.create', organizationInput(hoa.id, 'Trường Mầm non Gia Hòa'));
    // The commit is in the -wal (under its bound: no checkpoint asked for by the call).
    await t.backend.checkpointsSettled();
    expect(fs.statSync(`${t.backend.databasePath}-wal`).size).toBeGreaterThan(0);
    const before = CHECKPOINTS.onWorker;
    const made = await t.call('backups.create', {});
    expect(t.backend.backups.lastWay).toBe('copy');
    expect(CHECKPOINTS.onWorker).toBe(before + 1);
    expect(CHECKPOINTS.last).toMatchObject({ busy: 0 });
    expect(CHECKPOINTS.last!.checkpointed).toBe(CHECKPOINTS.last!.log);
    expect(CHECKPOINTS.last!.log).toBeGreaterThan(0);
    const copied = queryOne(path.join(folder(), made.fileName), 'SELECT name FROM organizations WHERE id = ?', org.id);
    expect(copied?.['name']).toBe('Trường Mầm non Gia Hòa');
  });
});
