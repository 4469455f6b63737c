/**
 * Issue 16 items 2–3, the backup before freezing a year or applying a hand-off file: a copy of the
 * database file (checkpoint, file system copy, the same checks) instead of SQLite's copy in steps,
 * the copy in steps when the file cannot be held still, and the last backup reused when nothing was
 * written since and its bytes are unchanged. Seen from outside: the files of the backups folder
 * (their bytes, their inode), the manifest, the audit log, the freezes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { MANIFEST_FILE } from '../../../electron/backend/backups/manifest';
import { overwriteAndDelete } from '../../../electron/backend/backups/backup-file';
import type { BackupDto } from '../../../shared/ipc/contracts/backups.contract';

const tmp = useTempDir('antq-backups-reuse-');
const YEAR = 2026;
const FREEZER = 'Thượng tá Trần Văn Dũng';
let t: TestBackend;
let communeId: string;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  communeId = (await t.call('units.list', { includeEnded: false })).find((u) => u.level === 'xa')!.id;
});
afterEach(() => t.close());

const folder = () => path.join(tmp.path(), 'sao-luu');
const fileOf = (b: BackupDto) => path.join(folder(), b.fileName);
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const inode = (file: string) => fs.statSync(file).ino;
const listed = (): BackupDto[] =>
  (JSON.parse(fs.readFileSync(path.join(folder(), MANIFEST_FILE), 'utf8')) as { entries: BackupDto[] }).entries;
const freezeBackup = () => listed().find((e) => e.reason === 'freeze')!;
const later = (minutes: number) => t.clock.set(new Date(Date.parse('2026-11-22T03:00:00.000Z') + minutes * 60_000).toISOString());

function readOnly<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const organizations = (file: string) => readOnly(file, (db) => db.prepare('SELECT name FROM organizations ORDER BY name').pluck().all());
const auditMentions = (id: string) =>
  readOnly(t.backend.databasePath, (db) => JSON.stringify(db.prepare('SELECT * FROM audit_log').all()).includes(id));

/** Flips bytes in the middle of a file (its size unchanged). */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const at = Math.floor(fs.fstatSync(fd).size / 2);
    fs.writeSync(fd, Buffer.from('hong hong hong'), 0, 14, at);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the backup as a copy of the file', () => {
  it('is a sound copy in rollback-journal mode holding every record, made without the copy in steps', async () => {
    await t.call('organizations.create', organizationInput(communeId, 'Trường THCS Gia Hòa'));
    let steps = 0;
    const made = await t.backend.backups.before('freeze', String(YEAR), () => steps++);
    expect(t.backend.backups.lastWay).toBe('copy');
    expect(steps).toBeLessThanOrEqual(3); // its start and its end, not a step per 256 pages
    const file = fileOf(made);
    expect(readOnly(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect([...fs.readFileSync(file).subarray(18, 20)]).toEqual([1, 1]);
    expect(organizations(file)).toEqual(['Trường THCS Gia Hòa']);
    expect(made.sha256).toBe(sha256(file));
    expect(made.bytes).toBe(fs.statSync(file).size);
    expect(made.counts.organizations).toBe(1);
    expect(fs.readdirSync(folder()).sort()).toEqual([MANIFEST_FILE, made.fileName]);
  });

  it('falls back to the copy in steps when a reader on an older snapshot keeps the checkpoint from completing', async () => {
    await t.call('organizations.create', organizationInput(communeId, 'Trường THCS Gia Hòa'));
    // A reader whose snapshot rests on frames of the -wal: a TRUNCATE checkpoint cannot complete.
    const reader = new BetterSqlite3(t.backend.databasePath, { readonly: true, fileMustExist: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM organizations').get();
      const probe = new BetterSqlite3(t.backend.databasePath, { fileMustExist: true, timeout: 0 });
      try {
        const [r] = probe.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        expect(r!.busy).toBe(1); // the situation the fallback is for
      } finally {
        probe.close();
      }
      let steps = 0;
      const made = await t.backend.backups.before('freeze', String(YEAR), () => steps++);
      expect(t.backend.backups.lastWay).toBe('stepped');
      expect(steps).toBeGreaterThan(0);
      const file = fileOf(made);
      expect(readOnly(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
      expect(organizations(file)).toEqual(['Trường THCS Gia Hòa']);
      expect(made.sha256).toBe(sha256(file));
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
  });
});

describe('the last backup reused', () => {
  it('when nothing was written since: the freeze’s backup is the same bytes under its own name, its digest checked', async () => {
    const manual = await t.call('backups.create', {});
    expect(t.backend.backups.lastWay).toBe('copy');
    later(1);
    await t.call('evaluation.freeze', { year: YEAR, by: FREEZER, note: null });
    const frozen = freezeBackup();
    expect(frozen.fileName).toMatch(/^truoc-khoa-nam-2026-/);
    expect(frozen.fileName).not.toBe(manual.fileName);
    expect(frozen.sha256).toBe(manual.sha256);
    expect(inode(fileOf(frozen))).toBe(inode(fileOf(manual))); // a hard link, not a copy
    expect(sha256(fileOf(frozen))).toBe(manual.sha256);
    expect(frozen.counts).toEqual(manual.counts);
    expect(auditMentions(frozen.id)).toBe(true);
    expect((await t.call('evaluation.freezes', { year: YEAR })).length).toBe(1);
    // The rotation and the erase treat each name as its own: one name gone, the other whole.
    overwriteAndDelete(fileOf(manual));
    expect(fs.existsSync(fileOf(manual))).toBe(false);
    expect(sha256(fileOf(frozen))).toBe(manual.sha256);
  });

  it('not after a write between two freezes: the second freeze’s backup is a new copy holding the write', async () => {
    await t.call('evaluation.freeze', { year: YEAR, by: FREEZER, note: null });
    const first = freezeBackup();
    expect(t.backend.backups.lastWay).toBe('copy');
    later(1);
    await t.call('evaluation.unfreeze', { year: YEAR, by: FREEZER, reason: 'Sửa số liệu' });
    await t.call('organizations.create', organizationInput(communeId, 'Trường THCS Gia Hòa'));
    later(2);
    await t.call('evaluation.freeze', { year: YEAR, by: FREEZER, note: null });
    const second = freezeBackup();
    expect(second.id).not.toBe(first.id);
    expect(t.backend.backups.lastWay).toBe('copy');
    expect(inode(fileOf(second))).not.toBe(inode(fileOf(first)));
    expect(second.sha256).not.toBe(first.sha256);
    expect(organizations(fileOf(second))).toEqual(['Trường THCS Gia Hòa']);
    expect(organizations(fileOf(first))).toEqual([]);
  });

  it('not after a commit of another connection (the app did not write it)', async () => {
    const manual = await t.call('backups.create', {});
    const other = new BetterSqlite3(t.backend.databasePath, { fileMustExist: true });
    try {
      other.prepare("UPDATE units SET name = name || ' ' WHERE id = ?").run(communeId);
    } finally {
      other.close();
    }
    later(1);
    const made = await t.backend.backups.before('freeze', String(YEAR));
    expect(t.backend.backups.lastWay).toBe('copy');
    expect(inode(fileOf(made))).not.toBe(inode(fileOf(manual)));
    expect(made.sha256).not.toBe(manual.sha256);
  });

  it('not when the earlier backup’s bytes changed since it was written: a new copy, the changed file left as it is', async () => {
    const manual = await t.call('backups.create', {});
    damage(fileOf(manual));
    const damaged = sha256(fileOf(manual));
    later(1);
    const made = await t.backend.backups.before('freeze', String(YEAR));
    expect(t.backend.backups.lastWay).toBe('copy');
    expect(inode(fileOf(made))).not.toBe(inode(fileOf(manual)));
    expect(made.sha256).toBe(sha256(fileOf(made)));
    expect(made.sha256).not.toBe(damaged);
    expect(readOnly(fileOf(made), (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(sha256(fileOf(manual))).toBe(damaged);
  });

  it('a freeze refuses, nothing frozen, when the earlier backup is damaged and a new copy cannot be written', async () => {
    const manual = await t.call('backups.create', {});
    damage(fileOf(manual));
    later(1);
    // The new copy's temporary name is taken by a folder: the backup fails.
    const stamp = '2026-11-22T03-01-00-000Z';
    fs.mkdirSync(path.join(folder(), `.truoc-khoa-nam-${YEAR}-${stamp}.db.tmp`));
    const err = await t.fail('evaluation.freeze', { year: YEAR, by: FREEZER, note: null });
    expect(err.message).toContain('Vì chưa sao lưu được nên thao tác chưa được thực hiện');
    expect((await t.call('evaluation.freezes', { year: YEAR })).length).toBe(0);
    expect(listed().filter((e) => e.reason === 'freeze')).toEqual([]);
    expect(fs.readdirSync(folder()).filter((f) => f.endsWith('.db'))).toEqual([manual.fileName]);
    expect((await t.call('backups.status', {})).lastFailure).toMatchObject({ reason: 'freeze' });
  });
});
