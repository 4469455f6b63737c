/**
 * Issue 15 item 2, against a real backend: every column the registry marks `encrypted` is written
 * sealed through the contract (tips.setInformant, members.create / update; the Excel import is
 * checked in mass-orgs.test.ts), read back opened; no plaintext in the database file, its -wal or
 * a backup (UTF-8 or UTF-16); a deleted tip's informant and a cleared or replaced value leave no
 * ciphertext behind once checkpointed; locked → LOCKED with nothing written; a wrong key → a clear
 * error; sealExistingProtectedValues seals an upgraded file's plaintext once; a personal encrypted
 * column the province asks for travels opened and lands sealed under the province's own key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../../support/backend';
import { useTempDir } from '../../../support/temp-dir';
import { queryAll, queryOne } from '../../../support/sqlite';
import { filesUnder, foundIn } from '../../../support/raw-search';
import { openStored } from '../../../support/keys';
import { activityApi, sampleRecords, setupGiaVien } from '../activities-records';
import { encryptedTables } from '../../../../shared/domain/table-registry';
import { openDatabase } from '../../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../../../electron/backend/clock';
import { sealExistingProtectedValues } from '../../../../electron/backend/keys/seal-existing';
import { isSealed, openValue } from '../../../../electron/backend/keys/field-cipher';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile, type SnapshotPayloadValue } from '../../../support/handoff-files';
import type { ServiceContext } from '../../../../electron/backend/context';

const tmp = useTempDir('antq-crypt-');
let t: TestBackend;
afterEach(() => t?.close());

const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
const INFORMANT = {
  name: 'Hoàng Thị Xuyến Kỳ Diệu',
  phone: '0987123456',
  address: 'Số 17 ngõ Trúc Lâm, thôn Đông Thượng',
  idNumber: '037190008642',
  note: 'Xin giấu tên tuyệt đối',
};
const PHONE_1 = '0912876543';
const PHONE_2 = '0933445566';

/** Every stored value of every encrypted column: sealed, and opening with the backend's key at its own row. */
function checkAllSealed(file: string, dataKey: Uint8Array): number {
  let n = 0;
  for (const { table, columns } of encryptedTables()) {
    const key = table.key[0]!;
    for (const row of queryAll<Record<string, string | null>>(file, `SELECT ${key} AS k, ${columns.join(', ')} FROM ${table.name}`)) {
      for (const c of columns) {
        const v = row[c] ?? null;
        if (v === null) continue;
        expect(isSealed(v), `${table.name}.${c}`).toBe(true);
        expect(() => openStored(dataKey, table.name, c, row['k']!, v)).not.toThrow();
        n++;
      }
    }
  }
  return n;
}

async function office() {
  t = await startBackend(path.join(tmp.path(), 'office'));
  const unit = await setupGiaVien(t);
  const hoa = unit('Xã Gia Hòa');
  const tip = await activityApi(t).save('tips', sampleRecords(hoa.id).tips);
  const team = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_KIND,
    unitId: hoa.id,
    name: 'Tổ bảo vệ ANTT thôn Đông',
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2024-01-01',
    note: '',
  });
  const member = await t.call('members.create', {
    massOrgId: team.id,
    fullName: 'Đinh Văn Tráng',
    gender: 'nam',
    birthYear: 1979,
    ethnicity: 'Kinh',
    phone: PHONE_1,
    role: 'to_truong',
    joinedOn: '2024-07-01',
    note: '',
  });
  return { tip, member, file: t.backend.databasePath, dir: path.join(tmp.path(), 'office') };
}

/** The member of office() with its phone replaced by PHONE_2. */
const memberUpdate = (id: string) =>
  ({
    id,
    fullName: 'Đinh Văn Tráng',
    gender: 'nam',
    birthYear: 1979,
    ethnicity: 'Kinh',
    phone: PHONE_2,
    role: 'to_truong',
    joinedOn: '2024-07-01',
    note: '',
  }) as const;

const secrets = [...Object.values(INFORMANT), PHONE_1, PHONE_2];

describe('protected fields at rest', () => {
  it('are written sealed by every contract path and read back opened; nothing in the file, the -wal or a backup', async () => {
    const o = await office();
    await t.call('tips.setInformant', { tipId: o.tip.id, informant: INFORMANT });
    await t.call('members.update', memberUpdate(o.member.id));
    expect((await t.call('tips.informant', { tipId: o.tip.id })).informant).toMatchObject(INFORMANT);
    expect((await t.call('members.get', { id: o.member.id })).member.phone).toBe(PHONE_2);
    expect(checkAllSealed(o.file, t.backend.keyring.current())).toBe(6);
    await t.call('backups.create', {});
    const backups = filesUnder(path.join(o.dir, 'sao-luu')).filter((f) => !f.endsWith('.json'));
    expect(backups.length).toBeGreaterThan(0);
    expect(fs.existsSync(`${o.file}-wal`)).toBe(true);
    expect(foundIn(o.dir, secrets)).toEqual([]);
    // The search can find: the member's name is in clear (docs/decisions.md (h15-crypt) says why).
    expect(foundIn(o.dir, ['Đinh Văn Tráng']).length).toBeGreaterThan(0);
  });

  it('leaves no ciphertext of a deleted tip’s informant, a cleared one or a replaced phone once checkpointed', async () => {
    const o = await office();
    await t.call('tips.setInformant', { tipId: o.tip.id, informant: INFORMANT });
    const second = await activityApi(t).save('tips', {
      ...sampleRecords(queryOne<{ unit_id: string }>(o.file, 'SELECT unit_id FROM tips')!.unit_id).tips,
    });
    await t.call('tips.setInformant', { tipId: second.id, informant: { ...INFORMANT, name: 'Người thứ hai' } });
    const sealedOf = (tipId: string) => queryOne<Record<string, string>>(o.file, 'SELECT * FROM tip_informants WHERE tip_id = ?', tipId)!;
    const first = sealedOf(o.tip.id);
    const cleared = sealedOf(second.id);
    const oldPhone = queryOne<{ phone: string }>(o.file, 'SELECT phone FROM mass_org_members')!.phone;
    // The raw bytes of each sealed value (nonce ‖ ciphertext ‖ tag) and its stored text.
    const traces = [first, cleared]
      .flatMap((r) => ['name', 'phone', 'address', 'id_number', 'note'].map((c) => r[c]!))
      .concat(oldPhone)
      .flatMap((s) => [s, Buffer.from(s.slice(5), 'base64').toString('latin1')]);

    await t.call('activities.delete', { kind: 'tips', id: o.tip.id });
    await t.call('tips.setInformant', { tipId: second.id, informant: null });
    await t.call('members.update', memberUpdate(o.member.id));
    // The deleted tip keeps only the mark of an erased informant: no identity column holds anything.
    expect(queryAll(o.file, 'SELECT tip_id, name, phone, address, id_number, note FROM tip_informants')).toEqual([
      { tip_id: o.tip.id, name: null, phone: null, address: null, id_number: null, note: null },
    ]);
    t.close(); // checkpoints (TRUNCATE) as the app does when it closes
    const leftover: string[] = [];
    for (const f of [o.file, `${o.file}-wal`].filter((f) => fs.existsSync(f))) {
      const bytes = fs.readFileSync(f);
      traces.forEach(
        (s, i) => bytes.includes(Buffer.from(s, i % 2 === 0 ? 'utf8' : 'latin1')) && leftover.push(`${path.basename(f)} #${i}`),
      );
    }
    expect(leftover).toEqual([]);
    // The test can fail: the new phone's ciphertext is in the file.
    const newPhone = queryOne<{ phone: string }>(o.file, 'SELECT phone FROM mass_org_members')!.phone;
    expect(fs.readFileSync(o.file).includes(Buffer.from(newPhone))).toBe(true);
  });

  it('refuses reading or writing them with LOCKED when the keyring is empty, writing nothing; a wrong key is a clear error', async () => {
    const o = await office();
    await t.call('tips.setInformant', { tipId: o.tip.id, informant: INFORMANT });
    const before = queryAll(o.file, 'SELECT * FROM tip_informants');
    t.backend.keyring.clear();
    expect((await t.fail('tips.informant', { tipId: o.tip.id })).code).toBe('LOCKED');
    expect((await t.fail('tips.setInformant', { tipId: o.tip.id, informant: { ...INFORMANT, name: 'Khác' } })).code).toBe('LOCKED');
    expect((await t.fail('members.get', { id: o.member.id })).code).toBe('LOCKED');
    const team = o.member.massOrgId;
    const create = { massOrgId: team, fullName: 'Người Mới', gender: 'nu', birthYear: 1990, ethnicity: '', phone: PHONE_2 } as const;
    expect((await t.fail('members.create', { ...create, role: 'to_vien', joinedOn: '2024-08-01', note: '' })).code).toBe('LOCKED');
    expect(queryAll(o.file, 'SELECT * FROM tip_informants')).toEqual(before);
    expect(queryAll(o.file, 'SELECT id FROM mass_org_members')).toHaveLength(1);

    t.backend.keyring.set(crypto.randomBytes(32));
    const wrong = await t.fail('tips.informant', { tipId: o.tip.id });
    expect(wrong.code).toBe('INTERNAL');
    expect(wrong.message).toMatch(/Không giải mã được dữ liệu được bảo vệ \(bảng tip_informants, cột name/);
    expect(wrong.message).not.toContain(INFORMANT.name);
  });
});

describe('sealExistingProtectedValues', () => {
  it('seals every plaintext value of an upgraded file in one go, and changes nothing the second time', async () => {
    const o = await office();
    // An upgraded file: values written before issue 15, in clear (the CHECK of 0020 still takes them).
    const raw = new BetterSqlite3(o.file);
    raw.prepare('UPDATE mass_org_members SET phone = ?').run(PHONE_1);
    raw
      .prepare('INSERT INTO tip_informants (tip_id, name, phone, address, id_number, note, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)')
      .run(o.tip.id, INFORMANT.name, INFORMANT.phone, INFORMANT.idNumber, INFORMANT.note, '2026-01-01T00:00:00.000Z');
    raw.close();
    expect((await t.fail('tips.informant', { tipId: o.tip.id })).message).toMatch(/chưa được mã hóa/);

    const opened = openDatabase(o.file, LATEST_VERSION);
    try {
      const ctx: ServiceContext = {
        db: opened.db,
        clock: createClock(),
        newId: newUuid,
        catalogue: () => ({}) as never,
        keyring: t.backend.keyring,
      };
      expect(await sealExistingProtectedValues(ctx)).toEqual({ sealed: { mass_org_members: 1, tip_informants: 4 }, alreadySealed: 0 });
      const once = queryAll(o.file, 'SELECT * FROM tip_informants');
      expect(await sealExistingProtectedValues(ctx)).toEqual({ sealed: { mass_org_members: 0, tip_informants: 0 }, alreadySealed: 5 });
      expect(queryAll(o.file, 'SELECT * FROM tip_informants')).toEqual(once);
    } finally {
      opened.raw.close();
    }
    expect(checkAllSealed(o.file, t.backend.keyring.current())).toBe(5);
    expect((await t.call('tips.informant', { tipId: o.tip.id })).informant).toMatchObject({ ...INFORMANT, address: null });
    expect((await t.call('members.get', { id: o.member.id })).member.phone).toBe(PHONE_1);
  });

  it('is refused with LOCKED, writing nothing, when a plaintext value is there and no key is', async () => {
    const o = await office();
    const raw = new BetterSqlite3(o.file);
    raw.prepare('UPDATE mass_org_members SET phone = ?').run(PHONE_1);
    raw.close();
    const opened = openDatabase(o.file, LATEST_VERSION);
    try {
      const ctx: ServiceContext = { db: opened.db, clock: createClock(), newId: newUuid, catalogue: () => ({}) as never };
      await expect(sealExistingProtectedValues(ctx)).rejects.toMatchObject({ code: 'LOCKED' });
    } finally {
      opened.raw.close();
    }
    expect(queryOne<{ phone: string }>(o.file, 'SELECT phone FROM mass_org_members')!.phone).toBe(PHONE_1);
  });
});

describe('the hand-off of an encrypted personal column the province asks for', () => {
  let province: TestBackend | undefined;
  afterEach(() => province?.close());

  it('leaves the office opened and lands at the province sealed under the province’s own key', async () => {
    t = await startBackend(path.join(tmp.path(), 'office'));
    const setup = await t.call('office.setup', SA_PA_SETUP);
    const team = await t.call('massOrgs.create', {
      kindId: TO_BAO_VE_KIND,
      unitId: setup.office.rootUnitId,
      name: 'Tổ bảo vệ ANTT tổ dân phố 2',
      decisionIssuer: '',
      decisionNumber: '',
      decisionDate: null,
      validFrom: '2025-08-01',
      note: '',
    });
    const { id: _id, ...fields } = memberUpdate('');
    const member = await t.call('members.create', { ...fields, massOrgId: team.id, phone: PHONE_1, joinedOn: '2025-08-01' });
    province = await startBackend(path.join(tmp.path(), 'province'));
    await province.call('office.setup', LAO_CAI_SETUP);
    const provinceKey = crypto.randomBytes(32);
    province.backend.keyring.set(provinceKey);

    const payload = payloadOf(t.backend.databasePath, 2026, 1, t.backend.keyring.current());
    const members = payload.tables['mass_org_members']!;
    expect(members.rows[0]![members.columns.indexOf('phone')]).toBe(PHONE_1);
    await receive(province, payload);

    const stored = queryOne<{ id: string; phone: string }>(province.backend.databasePath, 'SELECT id, phone FROM mass_org_members')!;
    expect(stored.id).toBe(member.id);
    expect(isSealed(stored.phone)).toBe(true);
    // Not the office's sealed text: the office's key does not open it, the province's does.
    expect(() => openStored(t.backend.keyring.current(), 'mass_org_members', 'phone', stored.id, stored.phone)).toThrow(
      /Không giải mã được/,
    );
    expect(openValue(provinceKey, { table: 'mass_org_members', column: 'phone', rowId: stored.id }, stored.phone)).toBe(PHONE_1);
    expect((await province.call('members.get', { id: stored.id })).member.phone).toBe(PHONE_1);
    expect(foundIn(path.join(tmp.path(), 'province'), [PHONE_1])).toEqual([]);

    // The same file again: nothing changed (the stored row is opened to compare, not re-sealed).
    const again = payloadOf(t.backend.databasePath, 2026, 2, t.backend.keyring.current());
    await receive(province, again, false);
    expect(queryOne<{ phone: string }>(province.backend.databasePath, 'SELECT phone FROM mass_org_members')!.phone).toBe(stored.phone);
  });
});

/** The province receives the office's payload as a signed, encrypted file (as in handoff-unknowns.test.ts). */
async function receive(province: TestBackend, payload: SnapshotPayloadValue, trust = true): Promise<void> {
  const officeKey = await identityOf(path.join(tmp.path(), 'office'));
  const provinceKey = await identityOf(path.join(tmp.path(), 'province'));
  if (trust) {
    const db = new BetterSqlite3(province.backend.databasePath);
    try {
      db.prepare(
        `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
         VALUES (?, 'office', '03006', 'Công an phường Sa Pa', 'xa', ?, ?, ?, 'trusted', 'key-file', NULL, '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
      ).run(crypto.randomUUID(), officeKey.signPublicKey, officeKey.ageRecipient, officeKey.fingerprint);
    } finally {
      db.close();
    }
  }
  const inbox = path.join(tmp.path(), 'usb');
  fs.mkdirSync(inbox, { recursive: true });
  const f = await snapshotFile({ office: officeKey, province: provinceKey, payload });
  const file = path.join(inbox, f.fileName);
  fs.writeFileSync(file, f.bytes);
  const [ready] = (await province.call('handoffInbox.inspect', { path: file })).files;
  expect(ready, JSON.stringify(ready?.reason)).toMatchObject({ status: 'ready' });
  await province.call('handoffInbox.apply', { path: file, sha256: ready!.sha256 });
}
