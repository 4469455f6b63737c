/**
 * Province packages end to end on two real backends (issue 12 item 9): the province sets its
 * policy of personal fields, imports a rule set, enrols the office, renames a commune and makes a
 * package with a key rotation; the office previews it (unpinned key, rotation, policy, files,
 * offices, units) and applies it after confirming the fingerprint; later packages verify against
 * the new key. Every refusal names its reason and leaves every table as it was.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, PROJECT_ROOT, type TestBackend } from '../../../support/backend';
import { makeTempDir, removeDir } from '../../../support/temp-dir';
import { queryAll, queryOne } from '../../../support/sqlite';
import { OFFICE_SETUP, PROVINCE_SETUP, repack, tableChecksums, unpack, writeFile } from '../../../support/handoff-package';
import { fileIdentity } from '../../../../electron/backend/handoff/identity';
import { openContainer } from '../../../../electron/backend/handoff/container';
import { generateKeyPair, publicKeyBase64, sign } from '../../../../electron/backend/handoff/minisign';
import { fingerprint } from '../../../../electron/backend/handoff/identity';
import { rotationTrustedComment } from '../../../../electron/backend/handoff/package-payload';

let dirs: string[] = [];
let province: TestBackend;
let office: TestBackend;
let out: string;
const others: TestBackend[] = [];

function dir(prefix: string): string {
  const d = makeTempDir(prefix);
  dirs.push(d);
  return d;
}

beforeEach(async () => {
  province = await startBackend(dir('antq-pkg-tinh-'));
  office = await startBackend(dir('antq-pkg-xa-'));
  out = dir('antq-pkg-usb-');
  await province.call('office.setup', PROVINCE_SETUP);
  await office.call('office.setup', OFFICE_SETUP);
});
afterEach(() => {
  for (const b of [province, office, ...others.splice(0)]) b.close();
  for (const d of dirs) removeDir(d);
  dirs = [];
});

const dataDir = (b: TestBackend) => path.dirname(b.backend.databasePath);
const identityOf = (b: TestBackend) => fileIdentity(dataDir(b)).readOrCreate();

/** Enrols the office at the province as a key exchange would (h12-core's screen): a trusted peer. */
async function enrolOffice(): Promise<void> {
  const id = await identityOf(office);
  const db = new BetterSqlite3(province.backend.databasePath);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source,
         confirmed_at, created_at, updated_at) VALUES (?, 'office', '13285', 'Công an phường Phủ Lý', 'xa', ?, ?, ?, 'trusted', 'key-file', ?, ?, ?)`,
    ).run('0b6f3c1e-5d1a-4f7e-9c44-000000000001', id.signPublicKey, id.ageRecipient, id.fingerprint, 'x', 'x', 'x');
  } finally {
    db.close();
  }
}

function ruleSetFile(): { fileName: string; base64: string } {
  const base = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, 'resources', 'rulesets', 'example-province-extra.json'), 'utf8'),
  ) as object;
  const value = { ...base, id: 'ninh-binh-khu-dan-cu', name: 'Tiêu chí bổ sung của tỉnh Ninh Bình', version: '2026-01-01', example: false };
  return { fileName: 'Tieu chi Ninh Binh.json', base64: Buffer.from(JSON.stringify(value, null, 2), 'utf8').toString('base64') };
}

async function make(rotateKey = false, b: TestBackend = province, folder = out) {
  return b.call('handoffPackage.make', { folder, rotateKey });
}

/** Applies a package at the office, confirming the fingerprint when none is pinned. */
async function apply(file: string, confirm: string | null = null) {
  const preview = await office.call('handoffPackage.inspect', { path: file });
  return office.call('handoffPackage.apply', { path: file, sha256: preview.sha256, confirmFingerprint: confirm });
}

/** The refusal of inspect and of apply, with every table of the office unchanged. */
async function expectRefused(file: string, reason: string, message?: RegExp): Promise<string> {
  const before = tableChecksums(office.backend.databasePath);
  const bytes = fs.readFileSync(file);
  const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  const a = await office.fail('handoffPackage.inspect', { path: file });
  const b = await office.fail('handoffPackage.apply', { path: file, sha256, confirmFingerprint: '0000-0000-0000-0000-0000-0000' });
  for (const e of [a, b]) {
    expect(e.details?.['reason'], e.message).toBe(reason);
    if (message) expect(e.message).toMatch(message);
  }
  expect(tableChecksums(office.backend.databasePath)).toEqual(before);
  return a.message;
}

describe('a province package from the province to an office', () => {
  it('carries policy, offices, rule sets, units and a rotation; the office previews and applies it atomically', async () => {
    await province.call('handoffPackage.setPolicy', { policy: { mass_org_members: ['phone', 'full_name'] } });
    await province.call('ruleSets.import', ruleSetFile());
    await enrolOffice();
    const phuLy = (await province.call('units.list', { includeEnded: false })).find((u) => u.code === '13285')!;
    await province.call('units.update', {
      id: phuLy.id,
      name: 'Phường Phủ Lý Mới',
      kind: phuLy.kind,
      code: '13285',
      validFrom: phuLy.validFrom,
    });
    const oldKey = await identityOf(province);

    const made = await make(true);
    expect(made.record.fileName).toBe('ANTQ_TINH_CATNB_1.antq');
    expect(made.record.summary).toMatchObject({ sequence: 1, offices: 1, ruleSets: 1, policyTables: 1, units: 130 });
    expect(made.fingerprint).not.toBe(oldKey.fingerprint);
    // The province now signs with the new key; the old key file is kept.
    expect((await fileIdentity(dataDir(province)).readOrCreate()).fingerprint).toBe(made.fingerprint);
    expect(fs.readdirSync(dataDir(province)).filter((n) => n.startsWith('khoa-nhan-dien.cu-'))).toHaveLength(1);
    expect(queryAll(province.backend.databasePath, 'SELECT direction, sequence, file_name FROM handoff_packages')).toEqual([
      { direction: 'made', sequence: 1, file_name: 'ANTQ_TINH_CATNB_1.antq' },
    ]);

    // An independent tool verifies the manifest's signature with the OLD key.
    const opened = openContainer(new Uint8Array(fs.readFileSync(made.path)));
    const tmp = dir('antq-pkg-minisign-');
    fs.writeFileSync(path.join(tmp, 'manifest.json'), opened.manifestBytes);
    fs.writeFileSync(path.join(tmp, 'manifest.json.minisig'), opened.signatureText);
    const cli = execFileSync('minisign', ['-Vm', path.join(tmp, 'manifest.json'), '-P', oldKey.signPublicKey], { encoding: 'utf8' });
    expect(cli).toContain('antq province-package ANTQ_TINH_CATNB_1.antq');
    // …and the rotation's signature with the NEW key, over the documented message.
    const rotation = (opened.manifest as unknown as { rotation: { newSignPublicKey: string; signatureByNew: string } }).rotation;
    fs.writeFileSync(
      path.join(tmp, 'rotation.txt'),
      `antq key rotation\nprovince 37\nold ${oldKey.fingerprint}\nnew ${made.fingerprint}\n`,
    );
    fs.writeFileSync(path.join(tmp, 'rotation.txt.minisig'), rotation.signatureByNew);
    const cli2 = execFileSync('minisign', ['-Vm', path.join(tmp, 'rotation.txt'), '-P', rotation.newSignPublicKey], { encoding: 'utf8' });
    expect(cli2).toContain(`antq rotation ${oldKey.fingerprint}`);

    const me = await identityOf(office);
    const preview = await office.call('handoffPackage.inspect', { path: made.path });
    expect(preview.signer).toEqual({ fingerprint: oldKey.fingerprint, status: 'unpinned' });
    expect(preview.rotation).toEqual({ oldFingerprint: oldKey.fingerprint, newFingerprint: made.fingerprint });
    expect(preview.policy.changes).toEqual([{ table: 'mass_org_members', added: ['full_name', 'phone'], removed: [] }]);
    expect(preview.ruleSets).toEqual([expect.objectContaining({ id: 'ninh-binh-khu-dan-cu', version: '2026-01-01', status: 'new' })]);
    expect(preview.offices).toEqual([
      { code: '13285', name: 'Công an phường Phủ Lý', level: 'xa', fingerprint: me.fingerprint, self: true },
    ]);
    expect(preview.ownEnrolment).toBe('match');
    expect(preview.units.changes).toEqual([
      {
        key: `renamed:${phuLy.id}`,
        code: '13285',
        kind: 'renamed',
        name: 'Phường Phủ Lý',
        before: 'Phường Phủ Lý',
        after: 'Phường Phủ Lý Mới',
        applicable: true,
        conflict: null,
        ours: null,
      },
    ]);

    // No key pinned: the fingerprint must be confirmed, and must be the right one.
    const before = tableChecksums(office.backend.databasePath);
    const none = await office.fail('handoffPackage.apply', { path: made.path, sha256: preview.sha256, confirmFingerprint: null });
    expect(none.details?.['reason']).toBe('PROVINCE_NOT_TRUSTED');
    const wrong = await office.fail('handoffPackage.apply', {
      path: made.path,
      sha256: preview.sha256,
      confirmFingerprint: made.fingerprint,
    });
    expect(wrong.details?.['reason']).toBe('FINGERPRINT_MISMATCH');
    const stale = await office.fail('handoffPackage.apply', {
      path: made.path,
      sha256: '0'.repeat(64),
      confirmFingerprint: oldKey.fingerprint,
    });
    expect(stale.code).toBe('CONFLICT');
    expect(tableChecksums(office.backend.databasePath)).toEqual(before);

    const applied = await office.call('handoffPackage.apply', {
      path: made.path,
      sha256: preview.sha256,
      confirmFingerprint: oldKey.fingerprint.replace(/-/g, ' '),
    });
    expect(applied.message).toContain('Đã áp dụng gói số 1 của Công an tỉnh Ninh Bình');
    expect(applied.message).toContain('đơn vị hành chính: đổi tên 1');
    const db = office.backend.databasePath;
    // The office's own unit takes the province's new name, with the package's reason in its history.
    expect(queryOne(db, "SELECT name FROM units WHERE code = '13285'")).toEqual({ name: 'Phường Phủ Lý Mới' });
    expect(queryAll(db, "SELECT action, reason FROM unit_changes WHERE reason LIKE 'Theo gói%'")).toEqual([
      { action: 'update', reason: 'Theo gói dữ liệu Công an tỉnh số 1 ngày 22/11/2026' },
    ]);
    expect(
      queryAll(
        db,
        'SELECT fingerprint, status, source, replaced_by IS NOT NULL AS replaced FROM handoff_peers ORDER BY created_at, status',
      ),
    ).toEqual([
      { fingerprint: oldKey.fingerprint, status: 'retired', source: 'package', replaced: 1 },
      { fingerprint: made.fingerprint, status: 'trusted', source: 'rotation', replaced: 0 },
    ]);
    expect(queryOne(db, 'SELECT personal_allowed_json AS json FROM handoff_policy')).toEqual({
      json: '{"mass_org_members":["full_name","phone"]}',
    });
    expect(queryAll(db, 'SELECT rule_set_id, version FROM rule_set_files')).toEqual([
      { rule_set_id: 'ninh-binh-khu-dan-cu', version: '2026-01-01' },
    ]);
    expect(queryAll(db, 'SELECT direction, province_code, sequence FROM handoff_packages')).toEqual([
      { direction: 'applied', province_code: 'CATNB', sequence: 1 },
    ]);
    expect((await office.call('handoffPackage.policy', {})).packageSequence).toBe(1);

    // The next package is signed by the new key and verifies against it without a confirmation.
    const second = await make();
    expect((await office.call('handoffPackage.inspect', { path: second.path })).signer.status).toBe('trusted');
    await apply(second.path);
    expect(queryAll(db, 'SELECT sequence FROM handoff_packages ORDER BY sequence')).toEqual([{ sequence: 1 }, { sequence: 2 }]);
    // The first package, signed by the retired key, is refused.
    await expectRefused(made.path, 'SENDER_RETIRED');
  });
});

describe('refusals change nothing', () => {
  /** The office with the province's current key pinned through package 1. */
  async function pinned(): Promise<void> {
    const first = await make();
    await apply(first.path, (await identityOf(province)).fingerprint);
  }

  it('refuses a replay, an older and an equal sequence', async () => {
    await pinned();
    const two = await make();
    const three = await make();
    await apply(three.path);
    await expectRefused(three.path, 'REPLAY');
    expect(await expectRefused(two.path, 'OLDER_SEQUENCE')).toContain('Gói cũ hơn gói đã áp dụng');
    const parts = unpack(new Uint8Array(fs.readFileSync(three.path)));
    (parts.payload as { offices: unknown[] }).offices = [];
    const equal = writeFile(out, 'equal.antq', await repack(dataDir(province), parts));
    await expectRefused(equal, 'OLDER_SEQUENCE');
  });

  it('refuses a package signed by a key other than the pinned one', async () => {
    await pinned();
    const impostor = await startBackend(dir('antq-pkg-impostor-'));
    others.push(impostor);
    await impostor.call('office.setup', PROVINCE_SETUP);
    const folder = dir('antq-pkg-usb2-');
    await make(false, impostor, folder);
    const second = await make(false, impostor, folder);
    expect(await expectRefused(second.path, 'SIGNATURE_WRONG_KEY')).toMatch(/khóa khác/);
  });

  it('refuses a package for another province', async () => {
    const other = await startBackend(dir('antq-pkg-tq-'));
    others.push(other);
    await other.call('office.setup', { ...PROVINCE_SETUP, provinceCode: '08', name: 'Công an tỉnh Tuyên Quang', code: 'CATTQ' });
    const made = await make(false, other);
    expect(await expectRefused(made.path, 'WRONG_RECIPIENT')).toMatch(/mã tỉnh 08/);
  });

  it('refuses a rotation whose new-key signature does not verify', async () => {
    await pinned();
    const parts = unpack(new Uint8Array(fs.readFileSync((await make()).path)));
    const oldFp = (await identityOf(province)).fingerprint;
    const next = generateKeyPair();
    const rotation = {
      newSignPublicKey: publicKeyBase64(next),
      newAgeRecipient: (parts.manifest as { keys: { ageRecipient: string } }).keys.ageRecipient,
      newFingerprint: fingerprint(next.publicKey),
      // Signed by the new key, but over another message than the old key's fingerprint.
      signatureByNew: sign(new TextEncoder().encode('something else'), next, rotationTrustedComment(oldFp)),
    };
    const bad = writeFile(
      out,
      'bad-rotation.antq',
      await repack(dataDir(province), { ...parts, manifest: { ...parts.manifest, rotation } }),
    );
    expect(await expectRefused(bad, 'SIGNATURE_INVALID')).toMatch(/khóa mới/);
    // A rotation signed by another key than the one it names.
    const other = generateKeyPair();
    const forged = { ...rotation, signatureByNew: sign(new TextEncoder().encode(oldFp), other, rotationTrustedComment(oldFp)) };
    const bad2 = writeFile(
      out,
      'bad-rotation2.antq',
      await repack(dataDir(province), { ...parts, manifest: { ...parts.manifest, rotation: forged } }),
    );
    await expectRefused(bad2, 'SIGNATURE_INVALID');
    expect(queryAll(office.backend.databasePath, "SELECT status FROM handoff_peers WHERE role = 'province'")).toEqual([
      { status: 'trusted' },
    ]);
  });

  it('refuses malformed payloads and damaged files', async () => {
    await pinned();
    const good = new Uint8Array(fs.readFileSync((await make()).path));
    const parts = unpack(good);
    const zlib = await import('node:zlib');
    const cases: [string, Uint8Array, string][] = [
      ['not-json', await repack(dataDir(province), parts, new Uint8Array(zlib.gzipSync('{not json'))), 'PAYLOAD_INVALID'],
      ['not-gzip', await repack(dataDir(province), parts, new TextEncoder().encode('plain')), 'DECOMPRESS_FAILED'],
      ['extra-field', await repack(dataDir(province), { ...parts, payload: { ...parts.payload, extra: 1 } }), 'PAYLOAD_INVALID'],
      [
        'bad-policy',
        await repack(dataDir(province), { ...parts, payload: { ...parts.payload, policy: { tip_informants: ['name'] } } }),
        'PAYLOAD_INVALID',
      ],
      ['other-seq', await repack(dataDir(province), { ...parts, payload: { ...parts.payload, sequence: 99 } }), 'PAYLOAD_INVALID'],
      ['bad-manifest', await repack(dataDir(province), { ...parts, manifest: { ...parts.manifest, extra: 'x' } }), 'MANIFEST_INVALID'],
      ['truncated', good.subarray(0, good.length - 700), 'CONTAINER_MALFORMED'],
    ];
    for (const [name, bytes, reason] of cases) await expectRefused(writeFile(out, `${name}.antq`, bytes), reason);
    // Bit flips anywhere: never accepted, never a change.
    const before = tableChecksums(office.backend.databasePath);
    for (let i = 0; i < 40; i++) {
      const flipped = new Uint8Array(good);
      const at = (i * 7919) % flipped.length;
      flipped[at] = flipped[at]! ^ (1 << (i % 8));
      const file = writeFile(out, `flip-${i}.antq`, flipped);
      const r = await office.send('handoffPackage.inspect', { path: file });
      if (r.ok) continue; // a flip in tar padding changes nothing that is read
      expect(r.error.code).not.toBe('INTERNAL');
    }
    expect(tableChecksums(office.backend.databasePath)).toEqual(before);
  });

  it("refuses a rule set that conflicts with the office's own file of the same id and version, and a file of another kind", async () => {
    await province.call('ruleSets.import', ruleSetFile());
    const made = await make();
    const mine = JSON.parse(Buffer.from(ruleSetFile().base64, 'base64').toString('utf8')) as Record<string, unknown>;
    await office.call('ruleSets.import', {
      fileName: 'mine.json',
      base64: Buffer.from(JSON.stringify({ ...mine, name: 'Bản của đơn vị' }), 'utf8').toString('base64'),
    });
    const before = tableChecksums(office.backend.databasePath);
    const e = await office.fail('handoffPackage.inspect', { path: made.path });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/ninh-binh-khu-dan-cu.*2026-01-01/);
    expect(tableChecksums(office.backend.databasePath)).toEqual(before);
    const keyFile = await office.call('handoffKeys.exportKeyFile', { folder: out });
    await expectRefused(keyFile.path, 'KIND_UNEXPECTED');
  });

  it('refuses at the province, and a policy naming non-personal columns', async () => {
    const made = await make();
    const e = await province.fail('handoffPackage.inspect', { path: made.path });
    expect(e.details?.['reason']).toBe('ROLE_UNEXPECTED');
    const before = tableChecksums(province.backend.databasePath);
    const p = await province.fail('handoffPackage.setPolicy', { policy: { tip_informants: ['name'] } });
    expect(p.code).toBe('VALIDATION');
    expect((await office.fail('handoffPackage.setPolicy', { policy: {} })).code).toBe('RULE');
    expect((await office.fail('handoffPackage.make', { folder: out, rotateKey: false })).code).toBe('RULE');
    expect(tableChecksums(province.backend.databasePath)).toEqual(before);
  });
});
