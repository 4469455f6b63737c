/**
 * Sending to the province (issue 12 items 2-3), through the contract on a real backend: the
 * snapshot holds exactly the office's rows, never the informant nor unpermitted personal fields
 * (searched for in the decrypted bytes), sequences increase, a corrupted write is caught by the
 * read-back, refusals change nothing, and Debian's minisign and age check the file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startBackend, CATALOGUE_PATH, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { sampleRecords } from './activities-records';
import { provinceIdentity, readSnapshotAsProvince, setPolicy, trustProvince } from '../../support/handoff-send';
import { TO_BAO_VE_ANTT_KIND_ID } from '../../../shared/domain/mass-orgs';
import type { UnitDto } from '../../../shared/ipc/contract';
import { fileIdentity, type OfficeIdentity } from '../../../electron/backend/handoff/identity';
import { HANDOFF_TABLES, parseSnapshotPayload, validatePayloadRows, type SnapshotPayload } from '../../../electron/backend/handoff/payload';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { fileSealKey } from '../../../electron/backend/seal/key-source';
import type { ServiceContext } from '../../../electron/backend/context';
import { writeSnapshot } from '../../../electron/backend/services/handoff-send.service';
import { realDisk, type SnapshotDisk } from '../../../electron/backend/handoff/snapshot-file';

const INFORMANT = {
  name: 'Nguyễn Văn Mật Báo',
  phone: '0912345678',
  address: 'Xóm Kín Đáo số 9',
  idNumber: '037099001234',
  note: 'Người báo tin xin giữ kín',
};
const MEMBER = { fullName: 'Phạm Thị Thành Viên Riêng', phone: '0987654321' };
const AWARDEE = 'Trần Văn Được Khen Riêng';

let dirs: string[];
let t: TestBackend;
let officeDir: string;
let usb: string;
let province: OfficeIdentity;
let office: OfficeIdentity;
let hoa: UnitDto;
let tipId: string;
const closers: (() => void)[] = [];

const dbFile = () => t.backend.databasePath;

async function byName(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  return found[0]!;
}

beforeEach(async () => {
  officeDir = makeTempDir('antq-send-office-');
  usb = makeTempDir('antq-send-usb-');
  const provinceDir = makeTempDir('antq-send-province-');
  dirs = [officeDir, usb, provinceDir];
  t = await startBackend(officeDir);
  await t.call('office.setup', GIA_VIEN_SETUP);
  province = await provinceIdentity(provinceDir);
  office = (await fileIdentity(officeDir).read())!;
  hoa = await byName('Xã Gia Hòa');
  const records = sampleRecords(hoa.id);
  const tip = await t.call('activities.save', { kind: 'tips', id: null, record: records.tips });
  tipId = tip.row.id;
  await t.call('tips.setInformant', { tipId, informant: INFORMANT });
  await t.call('activities.save', {
    kind: 'awards',
    id: null,
    record: { ...records.awards, recipient: 'ca_nhan', recipientName: AWARDEE },
  });
  await t.call('activities.save', { kind: 'incidents', id: null, record: records.incidents });
  await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { address: 'Thôn 1', subUnitCount: 12 }));
  const org = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_ANTT_KIND_ID,
    unitId: hoa.id,
    name: 'Tổ bảo vệ ANTT thôn 1',
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2024-07-01',
    note: '',
  });
  await t.call('members.create', {
    massOrgId: org.id,
    fullName: MEMBER.fullName,
    gender: 'nu',
    birthYear: 1980,
    ethnicity: 'Mường',
    phone: MEMBER.phone,
    role: 'to_truong',
    joinedOn: '2024-07-01',
    note: '',
  });
});

afterEach(() => {
  closers.splice(0).forEach((c) => c());
  t.close();
  dirs.forEach(removeDir);
});

const scope = { year: 2026, from: null, to: null };

async function send() {
  return t.call('handoffSend.write', { scope, folder: usb });
}

async function decrypted(filePath: string): Promise<{ manifest: Record<string, unknown>; json: string; payload: SnapshotPayload }> {
  const { manifest, json } = await readSnapshotAsProvince(new Uint8Array(fs.readFileSync(filePath)), office.signPublicKey, province);
  const parsed = parseSnapshotPayload(JSON.parse(json));
  if (!parsed.ok) throw new Error(parsed.message);
  return { manifest, json, payload: parsed.payload };
}

function serviceContext(): ServiceContext {
  const opened = openDatabase(dbFile(), LATEST_VERSION);
  closers.push(() => opened.raw.close());
  return {
    db: opened.db,
    clock: createClock(t.clock.now),
    newId: () => crypto.randomUUID(),
    catalogue: () => loadCatalogue(CATALOGUE_PATH),
    seal: fileSealKey(officeDir),
    identity: fileIdentity(officeDir),
  };
}

describe('refusals before anything is written', () => {
  it('refuses without a trusted province key, and for a missing folder or a file path, changing nothing', async () => {
    const before = dumpDatabase(dbFile());
    const noKey = await t.fail('handoffSend.write', { scope, folder: usb });
    expect(noKey.message).toMatch(/Chưa có khóa của Công an tỉnh được xác nhận/);
    expect(isVietnameseMessage(noKey.message)).toBe(true);
    const preview = await t.call('handoffSend.preview', scope);
    expect(preview.blockers).toEqual([noKey.message]);

    trustProvince(dbFile(), province);
    const trusted = dumpDatabase(dbFile());
    const missing = await t.fail('handoffSend.write', { scope, folder: path.join(usb, 'khong-co') });
    expect(missing.message).toMatch(/^Thư mục không hợp lệ hoặc không tồn tại\. \(thư mục không tồn tại\)$/);
    fs.writeFileSync(path.join(usb, 'a.txt'), 'x');
    const notFolder = await t.fail('handoffSend.write', { scope, folder: path.join(usb, 'a.txt') });
    expect(notFolder.message).toMatch(/đường dẫn không phải thư mục/);
    const relative = await t.fail('handoffSend.write', { scope, folder: 'usb' });
    expect(relative.message).toMatch(/cần đường dẫn đầy đủ/);
    expect(fs.readdirSync(usb)).toEqual(['a.txt']);
    expect(dumpDatabase(dbFile())).toEqual(trusted);
    expect(trusted.tables['handoff_sent']).toEqual(before.tables['handoff_sent']);
    const badPeriod = await t.fail('handoffSend.preview', { year: 2026, from: '2025-01-01', to: '2025-06-30' });
    expect(badPeriod.message).toMatch(/Kỳ báo cáo phải nằm trong năm đã chọn/);
  });

  it('says "không đánh giá" (null), not 0 đạt, for a year no rule set covers (issue 14 item 4)', async () => {
    const old = await t.call('handoffSend.preview', { year: 2015, from: null, to: null });
    const xa2015 = old.evaluation.byCategory.find((c) => c.category === 'xa')!;
    expect(xa2015.subjects).toBeGreaterThan(0);
    expect(xa2015.dat).toBeNull();
    // A year under Circular 124 counts its đạt as a number (0 here: nothing recorded).
    const now = await t.call('handoffSend.preview', scope);
    expect(now.evaluation.byCategory.find((c) => c.category === 'xa')!.dat).toBe(0);
  });
});

describe('the snapshot file', () => {
  it('holds exactly the office’s rows, without the informant or unpermitted personal fields', async () => {
    trustProvince(dbFile(), province);
    // A unit outside the office's tree, and a tip moved onto it: neither may leave.
    const foreignUnit = '5f4e3d2c-1b0a-4987-8654-3210fedcba98';
    const raw = new BetterSqlite3(dbFile());
    raw
      .prepare(
        `INSERT INTO units (id, parent_id, level, kind, name, name_folded, code, source, created_at, updated_at)
         VALUES (?, NULL, 'xa', 'xa', 'Xã Ngoài Phạm Vi', 'xa ngoai pham vi', NULL, 'manual', 'x', 'x')`,
      )
      .run(foreignUnit);
    const outside = await t.call('activities.save', {
      kind: 'tips',
      id: null,
      record: { ...sampleRecords(hoa.id).tips, summary: 'Tin báo của xã khác không được gửi' },
    });
    raw.prepare('UPDATE tips SET unit_id = ? WHERE id = ?').run(foreignUnit, outside.row.id);
    raw.close();

    const out = await send();
    expect(out.fileName).toBe('ANTQ_373_2026_1.antq');
    expect(out.sequence).toBe(1);
    expect(fs.readdirSync(usb)).toEqual(['ANTQ_373_2026_1.antq']);
    const bytes = fs.readFileSync(out.path);
    expect(out.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(out.bytes).toBe(bytes.length);

    const { manifest, json, payload } = await decrypted(out.path);
    expect(manifest).toMatchObject({ kind: 'snapshot', year: 2026, sequence: 1, recipient: province.fingerprint });
    expect(manifest['period']).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(validatePayloadRows(payload)).toEqual([]);
    // The office's audit-log head travels in the manifest (issue 15 item 3); the log's rows never do.
    // The head as it was when the file was written: the entry just before the send's own entry.
    const last = queryOne(dbFile(), 'SELECT seq, method, prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1')!;
    expect(last['method']).toBe('handoffSend.write');
    expect(manifest['auditHead']).toEqual({ seq: (last['seq'] as number) - 1, hash: last['prev_hash'] });
    expect(json).not.toContain('audit_log');

    // Every row of the office's units, per table; nothing of the foreign unit.
    for (const spec of HANDOFF_TABLES.filter((s) => s.handoff === 'scope')) {
      const ids = payload.tables[spec.name]!.rows.map((r) => String(r[0])).sort();
      const expected = queryAll<{ k: string }>(dbFile(), `SELECT ${spec.key[0]} AS k FROM ${spec.name}`)
        .map((r) => r.k)
        .filter((k) => k !== foreignUnit && k !== outside.row.id)
        .sort();
      expect(ids, spec.name).toEqual(expected);
    }
    expect(payload.tables['tips']!.rows).toHaveLength(1);
    expect(json).not.toContain('Xã Ngoài Phạm Vi');
    expect(json).not.toContain('Tin báo của xã khác');
    // Only the catalogue rows the records point at: one mass-org kind.
    expect(payload.tables['mass_org_kinds']!.rows.map((r) => r[0])).toEqual([TO_BAO_VE_ANTT_KIND_ID]);
    expect(payload.tables['tip_informants']).toBeUndefined();

    // Informant identity and unpermitted personal fields are nowhere in the decrypted bytes.
    for (const v of [...Object.values(INFORMANT), MEMBER.fullName, MEMBER.phone, AWARDEE, 'Mường']) expect(json, v).not.toContain(v);
    expect(payload.omitted).toEqual({
      mass_org_members: ['full_name', 'full_name_folded', 'full_name_sort', 'gender', 'birth_year', 'ethnicity', 'phone'],
      awards: ['recipient_name'],
    });
    // What was meant to go did go (the test can fail).
    expect(json).toContain(sampleRecords(hoa.id).tips.summary);

    const row = queryOne<Record<string, unknown>>(dbFile(), 'SELECT * FROM handoff_sent');
    expect(row).toMatchObject({ sequence: 1, year: 2026, file_name: out.fileName, sha256: out.sha256, bytes: bytes.length, folder: usb });
  });

  it('sends personal fields the province’s policy asks for, and only those', async () => {
    trustProvince(dbFile(), province);
    setPolicy(dbFile(), { mass_org_members: ['full_name'], awards: ['recipient_name'] });
    const preview = await t.call('handoffSend.preview', scope);
    expect(preview.personalSent.join(' ')).toMatch(/họ tên/);
    const { json, payload } = await decrypted((await send()).path);
    expect(json).toContain(MEMBER.fullName);
    expect(json).toContain(AWARDEE);
    expect(json).not.toContain(MEMBER.phone);
    for (const v of Object.values(INFORMANT)) expect(json).not.toContain(v);
    expect(payload.omitted['mass_org_members']).toEqual(['gender', 'birth_year', 'ethnicity', 'phone']);
    expect(validatePayloadRows(payload)).toEqual([]);
  });

  it('sends a phone the policy asks for opened from its sealed form, never the sealed text (issue 15 item 2)', async () => {
    trustProvince(dbFile(), province);
    setPolicy(dbFile(), { mass_org_members: ['full_name', 'phone'] });
    expect(queryOne<{ phone: string }>(dbFile(), 'SELECT phone FROM mass_org_members')!.phone).toMatch(/^enc1:/);
    const { json, payload } = await decrypted((await send()).path);
    expect(json).toContain(MEMBER.phone);
    expect(json).not.toContain('enc1:');
    expect(payload.omitted['mass_org_members']).toEqual(['gender', 'birth_year', 'ethnicity']);
    expect(validatePayloadRows(payload)).toEqual([]);
  });

  it('numbers files 1, 2, … and lists them newest first; a file already in the folder raises the number', async () => {
    trustProvince(dbFile(), province);
    const first = await send();
    t.clock.set('2026-11-23T03:00:00Z');
    const second = await send();
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    expect(second.fileName).toBe('ANTQ_373_2026_2.antq');
    fs.writeFileSync(path.join(usb, 'ANTQ_373_2026_7.antq'), 'đã có');
    expect((await send()).sequence).toBe(8);
    const list = await t.call('handoffSend.list', {});
    expect(list.files.map((f) => f.sequence)).toEqual([8, 2, 1]);
    expect(list.files[2]).toMatchObject({ fileName: first.fileName, sha256: first.sha256, receipt: null });
    expect((await t.call('handoffSend.preview', scope)).nextSequence).toBe(9);
  });

  it('a write corrupted on the way to the disk is caught by the read-back: no file, no record, same number next time', async () => {
    trustProvince(dbFile(), province);
    const ctx = serviceContext();
    const flip: SnapshotDisk = {
      ...realDisk,
      write(folder, fileName, bytes) {
        const bad = new Uint8Array(bytes);
        bad[bad.length - 1200]! ^= 0x01;
        fs.writeFileSync(path.join(folder, fileName), bad);
        return path.join(folder, fileName);
      },
    };
    const before = dumpDatabase(dbFile());
    await expect(writeSnapshot(ctx, { scope, folder: usb }, flip)).rejects.toThrow(/^Tệp vừa ghi đọc lại không khớp/);
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(dumpDatabase(dbFile())).toEqual(before);
    const lost: SnapshotDisk = { ...realDisk, read: () => new Uint8Array(0) };
    await expect(writeSnapshot(ctx, { scope, folder: usb }, lost)).rejects.toThrow(/đọc lại không khớp/);
    expect(fs.readdirSync(usb)).toEqual([]);
    expect((await send()).sequence).toBe(1);
  });

  it('verifies with Debian’s minisign and decrypts with age given the province identity', async () => {
    trustProvince(dbFile(), province);
    const out = await send();
    const work = makeTempDir('antq-send-cli-');
    dirs.push(work);
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: work, encoding: 'utf8' });
    run('tar', ['-xf', out.path]);
    expect(run('minisign', ['-Vm', 'manifest.json', '-P', office.signPublicKey])).toContain(
      `Trusted comment: antq snapshot ${out.fileName}`,
    );
    fs.writeFileSync(path.join(work, 'province.key'), `${province.ageIdentity}\n`, { mode: 0o600 });
    run('age', ['-d', '-i', 'province.key', '-o', 'payload.json.gz', 'payload.json.gz.age']);
    const json = execFileSync('gunzip', ['-c', 'payload.json.gz'], { cwd: work, encoding: 'utf8' });
    expect(json).toBe((await decrypted(out.path)).json);
    expect(JSON.parse(json)).toMatchObject({ format: 'antq-snapshot-payload', version: 1, sequence: 1 });
  });
});
