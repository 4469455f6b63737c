/**
 * Trust between the province and its offices through the contract (issue 12 item 1): each side's
 * identity, key files written to a folder, previewed, and trusted only with the right fingerprint.
 * Every refusal leaves the database as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { GIA_VIEN_SETUP, NINH_BINH_SETUP } from '../../support/offices';
import { IDENTITY_KEY_FILE, fingerprint } from '../../../electron/backend/handoff/identity';
import { writeContainer, openContainer } from '../../../electron/backend/handoff/container';
import { generateKeyPair, publicKeyBase64 } from '../../../electron/backend/handoff/minisign';
import { ageRecipientOf, generateAgeIdentity } from '../../../electron/backend/handoff/age';

const PROVINCE_SETUP = NINH_BINH_SETUP;

const tmp = useTempDir('antq-keys-');
const open: TestBackend[] = [];
afterEach(() => open.splice(0).forEach((b) => b.close()));

async function backend(name: string, setup: MethodInput<'office.setup'> | null): Promise<TestBackend> {
  const dir = path.join(tmp.path(), name);
  fs.mkdirSync(dir);
  const t = await startBackend(dir);
  open.push(t);
  if (setup) await t.call('office.setup', setup);
  return t;
}

function usb(): string {
  const dir = path.join(tmp.path(), `usb-${open.length}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir);
  return dir;
}

const peersOf = (t: TestBackend) => queryAll(t.backend.databasePath, 'SELECT * FROM handoff_peers ORDER BY created_at, id');

describe('handoff keys', () => {
  it('creates the identity at the first start; shows it once the office is set up', async () => {
    const t = await backend('office', null);
    const dir = path.dirname(t.backend.databasePath);
    expect(fs.statSync(path.join(dir, IDENTITY_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect((await t.fail('handoffKeys.own', {})).message).toContain('chưa được thiết lập');
    await t.call('office.setup', GIA_VIEN_SETUP);
    const own = await t.call('handoffKeys.own', {});
    expect(own.fingerprint).toMatch(/^\d{4}(-\d{4}){5}$/);
    expect(own.role).toBe('office');
    expect(own.office).toEqual({ code: '373', name: 'Công an huyện Gia Viễn', level: 'huyen' });
    expect(own.keyFileName).toBe('ANTQ_KHOA_373.antq');
    // The same identity after a restart.
    t.close();
    const again = await startBackend(dir);
    open.push(again);
    expect((await again.call('handoffKeys.own', {})).signPublicKey).toBe(own.signPublicKey);
  });

  it('an office trusts the province key only with its fingerprint; the province enrols the office', async () => {
    const province = await backend('province', PROVINCE_SETUP);
    const office = await backend('office', GIA_VIEN_SETUP);
    const provinceOwn = await province.call('handoffKeys.own', {});
    expect(provinceOwn.role).toBe('province');
    const folder = usb();
    const exported = await province.call('handoffKeys.exportKeyFile', { folder });
    expect(exported.fileName).toBe('ANTQ_KHOA_T37.antq');
    expect(fs.existsSync(exported.path)).toBe(true);
    expect((await province.fail('handoffKeys.exportKeyFile', { folder })).message).toContain('đã có tệp cùng tên');

    expect((await office.call('handoffKeys.province', {})).trusted).toBeNull();
    const preview = await office.call('handoffKeys.previewKeyFile', { path: exported.path });
    expect(preview).toMatchObject({
      role: 'province',
      officeCode: 'T37',
      name: 'Công an tỉnh Ninh Bình',
      fingerprint: provinceOwn.fingerprint,
      existing: null,
    });
    const before = dumpDatabase(office.backend.databasePath);
    const wrong = provinceOwn.fingerprint.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    const refused = await office.fail('handoffKeys.trustKeyFile', { path: exported.path, fingerprint: wrong });
    expect(refused.message).toContain('Mã nhận diện không khớp');
    expect((await office.fail('handoffKeys.trustKeyFile', { path: exported.path, fingerprint: '1234' })).code).toBe('VALIDATION');
    expect(dumpDatabase(office.backend.databasePath)).toEqual(before);

    // Typed as read on the phone: groups with spaces.
    const trusted = await office.call('handoffKeys.trustKeyFile', {
      path: exported.path,
      fingerprint: provinceOwn.fingerprint.replace(/-/g, ' '),
    });
    expect(trusted).toMatchObject({
      role: 'province',
      status: 'trusted',
      source: 'key-file',
      signPublicKey: provinceOwn.signPublicKey,
      ageRecipient: provinceOwn.ageRecipient,
    });
    expect((await office.call('handoffKeys.province', {})).trusted?.id).toBe(trusted.id);
    // Again: nothing new.
    await office.call('handoffKeys.trustKeyFile', { path: exported.path, fingerprint: provinceOwn.fingerprint });
    expect(peersOf(office)).toHaveLength(1);
    expect(peersOf(office)[0]).toMatchObject({
      status: 'trusted',
      fingerprint: provinceOwn.fingerprint,
      confirmed_at: '2026-11-22T03:00:00.000Z',
    });

    // The province takes the office's key file.
    const officeFile = await office.call('handoffKeys.exportKeyFile', { folder });
    const officeOwn = await office.call('handoffKeys.own', {});
    const p = await province.call('handoffKeys.previewKeyFile', { path: officeFile.path });
    expect(p).toMatchObject({ role: 'office', officeCode: '373', level: 'huyen', replaces: null });
    await province.call('handoffKeys.trustKeyFile', { path: officeFile.path, fingerprint: officeOwn.fingerprint });
    expect((await province.call('handoffKeys.listPeers', {})).map((x) => [x.officeCode, x.status])).toEqual([['373', 'trusted']]);

    // Wrong way round, or one's own key: refused for that reason.
    expect((await office.fail('handoffKeys.previewKeyFile', { path: officeFile.path })).message).toContain('tệp khóa của chính đơn vị');
    expect((await province.fail('handoffKeys.previewKeyFile', { path: exported.path })).message).toContain('tệp khóa của chính đơn vị');
  });

  it('pins the province key: a second province key is refused; a reinstalled office replaces its key only on request', async () => {
    const province = await backend('province', PROVINCE_SETUP);
    const impostor = await backend('impostor', PROVINCE_SETUP);
    const office = await backend('office', GIA_VIEN_SETUP);
    const office2 = await backend('office2', GIA_VIEN_SETUP);
    const folder = usb();
    const real = await province.call('handoffKeys.exportKeyFile', { folder });
    await office.call('handoffKeys.trustKeyFile', {
      path: real.path,
      fingerprint: (await province.call('handoffKeys.own', {})).fingerprint,
    });
    const folder2 = usb();
    const fake = await impostor.call('handoffKeys.exportKeyFile', { folder: folder2 });
    const before = dumpDatabase(office.backend.databasePath);
    const err = await office.fail('handoffKeys.trustKeyFile', {
      path: fake.path,
      fingerprint: (await impostor.call('handoffKeys.own', {})).fingerprint,
    });
    expect(err.message).toContain('Đã có một khóa khác của Công an tỉnh');
    expect(dumpDatabase(office.backend.databasePath)).toEqual(before);

    const first = await office.call('handoffKeys.exportKeyFile', { folder });
    const second = await office2.call('handoffKeys.exportKeyFile', { folder: folder2 });
    const print1 = (await office.call('handoffKeys.own', {})).fingerprint;
    const print2 = (await office2.call('handoffKeys.own', {})).fingerprint;
    const old = await province.call('handoffKeys.trustKeyFile', { path: first.path, fingerprint: print1 });
    const preview = await province.call('handoffKeys.previewKeyFile', { path: second.path });
    expect(preview.replaces?.id).toBe(old.id);
    expect((await province.fail('handoffKeys.trustKeyFile', { path: second.path, fingerprint: print2 })).message).toContain(
      'chọn thay khóa cũ',
    );
    const replaced = await province.call('handoffKeys.trustKeyFile', { path: second.path, fingerprint: print2, replaceExisting: true });
    const rows = peersOf(province);
    expect(rows.find((r) => r['id'] === old.id)).toMatchObject({ status: 'retired', replaced_by: replaced.id });
    expect(rows.find((r) => r['id'] === replaced.id)).toMatchObject({ status: 'trusted' });
  });

  it('refuses damaged, forged, oversized and missing key files, changing nothing', async () => {
    const province = await backend('province', PROVINCE_SETUP);
    const office = await backend('office', GIA_VIEN_SETUP);
    const folder = usb();
    const good = await province.call('handoffKeys.exportKeyFile', { folder });
    const bytes = fs.readFileSync(good.path);
    const put = (name: string, data: Uint8Array) => {
      const p = path.join(folder, name);
      fs.writeFileSync(p, data);
      return p;
    };
    // A key file whose manifest names a fingerprint other than its key's (signed by its own key).
    const forger = generateKeyPair();
    const m = openContainer(new Uint8Array(bytes)).manifest;
    const forged = writeContainer({
      manifest: { ...m, signPublicKey: publicKeyBase64(forger), ageRecipient: await ageRecipientOf(await generateAgeIdentity()) },
      fileName: 'ANTQ_KHOA_T37.antq',
      signer: forger,
    });
    // Signed by another key than the one it carries.
    const foreign = writeContainer({
      manifest: { ...m, sender: { ...m.sender, fingerprint: fingerprint(forger.publicKey) } },
      fileName: 'ANTQ_KHOA_T37.antq',
      signer: forger,
    });
    const flipped = Buffer.from(bytes);
    flipped[600]! ^= 0x01;
    const cases: [string, string][] = [
      [put('flip.antq', flipped), 'Phần mô tả'],
      [put('cut.antq', bytes.subarray(0, 1000)), 'không đúng cấu trúc'],
      [put('forged.antq', forged), 'mã nhận diện ghi trong tệp không khớp'],
      [put('foreign.antq', foreign), 'khóa khác'],
      [put('big.antq', new Uint8Array(300 * 1024)), 'quá lớn'],
      [put('empty.antq', new Uint8Array(0)), 'rỗng'],
      [path.join(folder, 'missing.antq'), 'Không tìm thấy tệp'],
      [folder, 'Không tìm thấy tệp'],
    ];
    const before = dumpDatabase(office.backend.databasePath);
    for (const [p, text] of cases) {
      const err = await office.fail('handoffKeys.previewKeyFile', { path: p });
      expect(err.message, p).toContain(text);
      const err2 = await office.fail('handoffKeys.trustKeyFile', { path: p, fingerprint: '0000-0000-0000-0000-0000-0000' });
      expect(err2.code, p).toBe('RULE');
    }
    expect((await office.fail('handoffKeys.previewKeyFile', { path: 'relative/x.antq' })).code).toBe('VALIDATION');
    expect(dumpDatabase(office.backend.databasePath)).toEqual(before);
    expect((await office.fail('handoffKeys.exportKeyFile', { folder: path.join(folder, 'nope') })).message).toContain(
      'Thư mục không hợp lệ',
    );
  });

  it('confirms a pending key (enrolled from a snapshot) by its fingerprint', async () => {
    const province = await backend('province', PROVINCE_SETUP);
    const key = generateKeyPair();
    const id = '0b7e3f1e-8a52-4f0e-9a39-2f7f3f0d9c11';
    const db = new BetterSqlite3(province.backend.databasePath);
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, created_at, updated_at)
       VALUES (?, 'office', '373', 'Công an huyện Gia Viễn', 'huyen', ?, NULL, ?, 'pending', 'snapshot', '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    ).run(id, publicKeyBase64(key), fingerprint(key.publicKey));
    db.close();
    expect(
      (await province.fail('handoffKeys.confirmPeer', { peerId: id, fingerprint: '1111-1111-1111-1111-1111-1111' })).message,
    ).toContain('không khớp');
    expect(peersOf(province)[0]).toMatchObject({ status: 'pending', confirmed_at: null });
    const ok = await province.call('handoffKeys.confirmPeer', { peerId: id, fingerprint: fingerprint(key.publicKey) });
    expect(ok.status).toBe('trusted');
    expect(
      (
        await province.fail('handoffKeys.confirmPeer', {
          peerId: '0b7e3f1e-8a52-4f0e-9a39-2f7f3f0d9c12',
          fingerprint: fingerprint(key.publicKey),
        })
      ).message,
    ).toContain('Không tìm thấy khóa');
  });
});
