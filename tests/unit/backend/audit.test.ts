/**
 * The audit log through the real backend (issue 15 item 3): every committed change is one entry
 * written in its own transaction (with the method, the ids and a summary that never holds a
 * protected value), a rolled-back change leaves none, a view of a tip's informant is an entry,
 * backups and restores are entries, the table refuses UPDATE and DELETE, and a row edited in the
 * file (triggers dropped) is found and named at the next start and on demand.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { installAudit, sha256Hex } from '../../../electron/backend/audit/recorder';
import { withAuditScope } from '../../../electron/backend/audit/scope';
import { CHECKPOINT_FILE } from '../../../electron/backend/audit/checkpoint';
import { MODEL_GROUPS } from '../../../shared/domain/models';
import { AUDIT_GENESIS, auditHash, type AuditFields } from '../../../shared/domain/audit';

const tmp = useTempDir('antq-audit-');
const auditRows = (file: string) => queryAll<Record<string, unknown>>(file, 'SELECT * FROM audit_log ORDER BY seq');

describe('entries of changes made through the contract', () => {
  let t: TestBackend;
  let file: string;
  let unitId: string;
  beforeEach(async () => {
    t = await startBackend(tmp.path());
    file = t.backend.databasePath;
    const unit = await setupGiaVien(t);
    unitId = unit('Xã Gia Hòa').id;
  });
  afterEach(() => t.close());

  it('logs each change once, with its method, ids and a Vietnamese summary, chained', async () => {
    const before = auditRows(file).length;
    const api = activityApi(t);
    t.clock.set('2026-11-22T04:00:00.000Z');
    const saved = await api.save('propaganda', sampleRecords(unitId).propaganda);
    const rows = auditRows(file);
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({
      seq: before + 1,
      at: '2026-11-22T04:00:00.000Z',
      kind: 'change',
      // The account of the session, as it was (tests/support/backend.ts logs in as Quản trị).
      actor_name: TEST_ADMIN.displayName,
      actor_role: 'quan_tri',
      method: 'activities.save',
      summary: 'Thêm 1 buổi tuyên truyền',
    });
    expect(JSON.parse(last['record_ids'] as string)).toEqual([saved.id]);
    expect(last['prev_hash']).toBe(rows.at(-2)!['hash']);
    // Reads write nothing.
    await api.list('propaganda');
    await t.call('units.list', { includeEnded: true });
    expect(auditRows(file)).toHaveLength(before + 1);
    const listed = await t.call('audit.list', { recordId: saved.id });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({ method: 'activities.save', feature: 'Hoạt động, nguồn tin, vụ việc' });
  });

  it('a refused change leaves no entry', async () => {
    const before = auditRows(file);
    const r = await t.send('units.create', { parentId: unitId, name: '', kind: 'thon', code: null, validFrom: '2020-01-01' });
    expect(r.ok).toBe(false);
    const unknown = await t.send('activities.save', {
      kind: 'propaganda',
      id: null,
      record: { ...sampleRecords(unitId).propaganda, unitId: '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f' },
    });
    expect(unknown.ok).toBe(false);
    expect(auditRows(file)).toEqual(before);
  });

  it('every view of an informant is an entry; no protected value ever reaches the log', async () => {
    const api = activityApi(t);
    const tip = await api.save('tips', sampleRecords(unitId).tips);
    const informant = { name: 'Lò Văn Bí Mật', phone: '0912345678', address: 'Bản Hẻo', idNumber: '037090001234', note: 'Giữ kín' };
    await t.call('tips.setInformant', { tipId: tip.id, informant });
    await t.call('tips.informant', { tipId: tip.id });
    await t.call('tips.informant', { tipId: tip.id });
    const views = auditRows(file).filter((r) => r['kind'] === 'view');
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ method: 'tips.informant', summary: 'Xem thông tin người cung cấp tin' });
    expect(JSON.parse(views[0]!['record_ids'] as string)).toEqual([tip.id]);
    const text = JSON.stringify(auditRows(file));
    for (const v of Object.values(informant)) expect(text).not.toContain(v);
    // A refused view (unknown tip) is no entry.
    await t.fail('tips.informant', { tipId: '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f' });
    expect(auditRows(file).filter((r) => r['kind'] === 'view')).toHaveLength(2);
  });

  it('a backup and a restore are entries; the restored file gets the restore entry', async () => {
    const backup = await t.call('backups.create', {});
    const made = auditRows(file).at(-1)!;
    expect(made).toMatchObject({ kind: 'system', method: 'backups.create' });
    expect(made['summary']).toContain(backup.fileName);
    expect((await t.call('backups.status', {})).pendingChanges).toBe(false);
    await activityApi(t).save('propaganda', sampleRecords(unitId).propaganda);
    await t.call('backups.restore', { id: backup.id });
    const after = auditRows(file);
    // The restored file holds the log as it was when the copy was taken (before the backup's own
    // entry), then the restore's entry.
    const restoreEntry = after.find((r) => r['method'] === 'backups.restore' && r['kind'] === 'system');
    expect(restoreEntry?.['seq']).toBeGreaterThanOrEqual(made['seq'] as number);
    expect(restoreEntry!['summary']).toContain(`Khôi phục dữ liệu từ bản sao lưu ${backup.fileName}`);
    expect(after.some((r) => r['method'] === 'activities.save' && (r['seq'] as number) > (made['seq'] as number))).toBe(false);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });

  it('lists with filters, paged in SQL, exports to Excel and gives the head', async () => {
    const api = activityApi(t);
    t.clock.set('2026-12-01T02:00:00.000Z');
    for (let i = 0; i < 5; i++) await api.save('propaganda', { ...sampleRecords(unitId).propaganda, topic: `Buổi ${i}` });
    t.clock.set('2026-12-03T02:00:00.000Z');
    await api.save('events', sampleRecords(unitId).events);
    const all = await t.call('audit.list', {});
    const page = await t.call('audit.list', { method: 'activities', offset: 2, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.seq)).toEqual([all.rows[2]!.seq, all.rows[3]!.seq]);
    expect((await t.call('audit.list', { method: 'activities.save', from: '2026-12-03', to: '2026-12-03' })).total).toBe(1);
    expect((await t.call('audit.list', { from: '2026-12-02' })).rows.map((r) => r.summary)).toEqual(['Thêm 1 hoạt động, ngày hội']);
    expect((await t.call('audit.list', { kind: 'view' })).total).toBe(0);
    const head = await t.call('audit.head', {});
    expect(head.head).toMatchObject({ seq: all.rows[0]!.seq, shortHash: all.rows[0]!.shortHash });
    expect(head.lastCheck).toMatchObject({ ok: true });
    const out = await t.call('audit.export', { method: 'activities' });
    expect(out.rows).toBe(6);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Số thứ tự');
    expect(ws.getRow(7).getCell(9).value).toBe('Thêm 1 hoạt động, ngày hội');
    expect(ws.getRow(7).getCell(2).value).toBe('03/12/2026 09:00:00');
  });
});

describe('the table and the chain', () => {
  it('refuses UPDATE and DELETE of an entry', async () => {
    const t = await startBackend(tmp.path());
    await setupGiaVien(t);
    t.close();
    const db = new BetterSqlite3(path.join(tmp.path(), 'antq.db'));
    try {
      expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 1").run()).toThrow(/không được sửa/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/không được xóa/);
    } finally {
      db.close();
    }
  });

  it('a row edited in the file is named at the next start and on demand', async () => {
    const dir = tmp.path();
    let t = await startBackend(dir);
    const unit = await setupGiaVien(t);
    const api = activityApi(t);
    for (let i = 0; i < 3; i++) await api.save('propaganda', { ...sampleRecords(unit('Xã Gia Hòa').id).propaganda, topic: `B ${i}` });
    t.close();
    const db = new BetterSqlite3(path.join(dir, 'antq.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = 'Thêm 0 buổi tuyên truyền' WHERE seq = 3").run();
    db.close();
    t = await startBackend(dir);
    try {
      const { lastCheck } = await t.call('audit.head', {});
      expect(lastCheck).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, method: 'activities.save', reason: 'edited' } });
      expect(lastCheck!.broken!.message).toBe(
        'Nhật ký thao tác bị sửa tại mục số 3 (22/11/2026 10:00:00, thao tác activities.save): nội dung không khớp mã băm, dòng này đã bị sửa trực tiếp trong tệp.',
      );
      const again = await t.call('audit.verify', {});
      expect(again.broken?.seq).toBe(3);
      // The app still works and keeps logging after the break.
      await activityApi(t).save('propaganda', sampleRecords(unit('Xã Gia Hòa').id).propaganda);
    } finally {
      t.close();
    }
  });
});

describe('the check at start', () => {
  it('starts from the checkpoint the last check reached; the check on demand is always full', async () => {
    const dir = tmp.path();
    let t = await startBackend(dir);
    const unit = await setupGiaVien(t);
    const unitId = unit('Xã Gia Hòa').id;
    for (let i = 0; i < 3; i++) await activityApi(t).save('propaganda', { ...sampleRecords(unitId).propaganda, topic: `B ${i}` });
    t.close();
    const count = () => auditRows(path.join(dir, 'antq.db')).length;
    const n1 = count();
    // The second start checks everything and keeps the point reached (the last entry).
    t = await startBackend(dir);
    expect((await t.call('audit.head', {})).lastCheck).toMatchObject({ ok: true, fromSeq: 1, checked: n1 });
    await activityApi(t).save('propaganda', { ...sampleRecords(unitId).propaganda, topic: 'B 3' });
    t.close();
    const n2 = count();
    expect(JSON.parse(fs.readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8'))).toMatchObject({ seq: n1 });
    // An entry before the checkpoint edited: the start (after the checkpoint) does not see it, the full check names it.
    const db = new BetterSqlite3(path.join(dir, 'antq.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 2").run();
    db.close();
    t = await startBackend(dir);
    try {
      expect((await t.call('audit.head', {})).lastCheck).toMatchObject({ ok: true, fromSeq: n1 + 1, checked: n2 - n1 });
      expect((await t.call('audit.verify', {})).broken).toMatchObject({ seq: 2, reason: 'edited' });
    } finally {
      t.close();
    }
    // The entry at the checkpoint (now n2) changed: no longer the same hash, so the start checks it all.
    expect(JSON.parse(fs.readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8'))).toMatchObject({ seq: n2 });
    const db2 = new BetterSqlite3(path.join(dir, 'antq.db'));
    db2
      .prepare("UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = ?")
      .run(n2);
    db2.close();
    t = await startBackend(dir);
    try {
      expect((await t.call('audit.head', {})).lastCheck).toMatchObject({ ok: false, fromSeq: 1, broken: { seq: 2 } });
    } finally {
      t.close();
    }
  });
});

describe('the recorder on a bare connection', () => {
  let opened: OpenedDatabase;
  beforeEach(async () => {
    opened = openDatabase(path.join(tmp.path(), 'antq.db'), LATEST_VERSION);
    await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: tmp.path(), now: () => new Date() });
    installAudit(opened, () => new Date('2026-12-05T01:00:00.000Z'));
  });
  afterEach(() => opened.raw.close());
  const count = () => (opened.raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const insertType = (db: typeof opened.db, name: string) =>
    sql`INSERT INTO model_types (id, name, name_folded, category, created_at, updated_at)
        VALUES (${name}, ${name}, ${name}, ${MODEL_GROUPS[0]}, 'x', 'x')`.execute(db);

  it('a rolled-back transaction leaves no entry and no note for the next one', async () => {
    await expect(
      withAuditScope(null, 'modelTypes.create', () =>
        opened.db.transaction().execute(async (trx) => {
          await insertType(trx, 'a');
          throw new Error('hủy');
        }),
      ),
    ).rejects.toThrow('hủy');
    expect(count()).toBe(0);
    await withAuditScope({ id: 'u1', name: 'Lê Thị Hoa', role: 'can_bo' }, 'modelTypes.create', () =>
      opened.db.transaction().execute((trx) => insertType(trx, 'b')),
    );
    const row = opened.raw.prepare('SELECT * FROM audit_log').get() as Record<string, unknown>;
    expect(row).toMatchObject({ seq: 1, actor_id: 'u1', actor_name: 'Lê Thị Hoa', actor_role: 'can_bo', record_ids: '["b"]' });
    expect(row['summary']).toBe('Thêm 1 loại mô hình');
    const fields: AuditFields = {
      seq: 1,
      at: '2026-12-05T01:00:00.000Z',
      kind: 'change',
      actorId: 'u1',
      actorName: 'Lê Thị Hoa',
      actorRole: 'can_bo',
      method: 'modelTypes.create',
      recordIds: ['b'],
      summary: 'Thêm 1 loại mô hình',
      prevHash: AUDIT_GENESIS,
    };
    expect(row['hash']).toBe(auditHash(fields, sha256Hex));
  });

  it('a failing append rolls the change back with it', async () => {
    opened.raw.exec("CREATE TEMP TRIGGER refuse_log BEFORE INSERT ON main.audit_log BEGIN SELECT RAISE(ABORT, 'đĩa đầy'); END");
    await expect(withAuditScope(null, 'x', () => opened.db.transaction().execute((trx) => insertType(trx, 'c')))).rejects.toThrow(
      'đĩa đầy',
    );
    expect(opened.raw.prepare("SELECT count(*) AS n FROM model_types WHERE id = 'c'").get()).toEqual({ n: 0 });
  });

  it('a write outside any transaction gets one, with its entry', async () => {
    await withAuditScope(null, 'modelTypes.create', () => insertType(opened.db, 'd'));
    expect(count()).toBe(1);
    await opened.db.selectFrom('model_types').selectAll().execute();
    expect(count()).toBe(1);
  });

  it('a transaction that touches nothing writes nothing', async () => {
    await withAuditScope(null, 'x', () => opened.db.transaction().execute((trx) => trx.selectFrom('units').selectAll().execute()));
    expect(count()).toBe(0);
  });
});
