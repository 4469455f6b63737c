/**
 * Issue 12, Done-when: "a file made by the app verifies with an independent tool". The province's IT
 * checks files with nothing of ours: GNU tar lists and extracts the container, Debian's `minisign`
 * verifies the manifest against the sender's public key (taken from the key file the app exported)
 * with the trusted comment naming the file, `sha256sum` matches the payload to the signed manifest,
 * and Debian's `age` decrypts the payload with the province's identity; gunzip gives the payload
 * JSON. The same for the province's receipt, and the tools refuse a file changed by one byte.
 * (h12-core's container test does this for a container written by writeContainer; this one takes
 * the files the app writes through its contract: handoffSend.write, handoffInbox.writeReceipt.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { useTempDir } from '../../support/temp-dir';
import { sampleRecords } from '../backend/activities-records';

const tmp = useTempDir('antq-independent-');

let office: TestBackend;
let province: TestBackend;

function run(cwd: string, cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function runBytes(cwd: string, cmd: string, args: string[]): Buffer {
  return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The minisign public key line of a key file the app exported (its signed manifest holds it). */
function publicKeyOf(keyFile: string, work: string): string {
  fs.mkdirSync(work, { recursive: true });
  run(work, 'tar', ['-xf', keyFile]);
  return (JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as { signPublicKey: string }).signPublicKey;
}

async function trustKey(from: TestBackend, to: TestBackend, folder: string): Promise<string> {
  fs.mkdirSync(folder, { recursive: true });
  const own = await from.call('handoffKeys.own', {});
  const file = await from.call('handoffKeys.exportKeyFile', { folder });
  await to.call('handoffKeys.trustKeyFile', { path: file.path, fingerprint: own.fingerprint, replaceExisting: false });
  return file.path;
}

beforeEach(async () => {
  office = await startBackend(path.join(tmp.path(), 'office'));
  province = await startBackend(path.join(tmp.path(), 'province'));
  const setup = await office.call('office.setup', SA_PA_SETUP);
  await province.call('office.setup', LAO_CAI_SETUP);
  await office.call('activities.save', {
    kind: 'propaganda',
    id: null,
    record: { ...sampleRecords(setup.office.rootUnitId).propaganda, attendance: 321 },
  });
});
afterEach(() => {
  office.close();
  province.close();
});

describe('files made by the app, checked with tar, minisign, sha256sum, age and gunzip', () => {
  it('a snapshot and its receipt verify and decrypt without the app; a changed byte does not verify', async () => {
    const root = tmp.path();
    const officeKeyFile = await trustKey(office, province, path.join(root, 'keys-office'));
    const provinceKeyFile = await trustKey(province, office, path.join(root, 'keys-province'));
    const usb = path.join(root, 'usb');
    fs.mkdirSync(usb);
    const sent = await office.call('handoffSend.write', { scope: { year: 2026, from: null, to: null }, folder: usb });

    // The province's IT: the office's public key from its key file, then the snapshot.
    const officePk = publicKeyOf(officeKeyFile, path.join(root, 'it-office-key'));
    const work = path.join(root, 'it-snapshot');
    fs.mkdirSync(work);
    expect(run(work, 'tar', ['-tf', sent.path]).trim().split('\n')).toEqual([
      'manifest.json',
      'manifest.json.minisig',
      'payload.json.gz.age',
    ]);
    run(work, 'tar', ['-xf', sent.path]);
    expect(run(work, 'minisign', ['-Vm', 'manifest.json', '-P', officePk])).toContain(`Trusted comment: antq snapshot ${sent.fileName}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as {
      payload: { sha256: string; bytes: number };
      sequence: number;
    };
    expect(run(work, 'sha256sum', ['payload.json.gz.age']).split(' ')[0]).toBe(manifest.payload.sha256);
    expect(fs.statSync(path.join(work, 'payload.json.gz.age')).size).toBe(manifest.payload.bytes);
    const provinceIdentity = (
      JSON.parse(fs.readFileSync(path.join(root, 'province', 'khoa-nhan-dien.key'), 'utf8')) as { ageIdentity: string }
    ).ageIdentity;
    fs.writeFileSync(path.join(work, 'province.key'), `${provinceIdentity}\n`, { mode: 0o600 });
    const gz = runBytes(work, 'age', ['-d', '-i', 'province.key', 'payload.json.gz.age']);
    const payload = JSON.parse(zlib.gunzipSync(gz).toString('utf8')) as {
      format: string;
      office: { code: string };
      sequence: number;
      tables: Record<string, { columns: string[]; rows: unknown[][] }>;
    };
    expect(payload).toMatchObject({ format: 'antq-snapshot-payload', office: { code: SA_PA_SETUP.code }, sequence: manifest.sequence });
    const t = payload.tables['propaganda_sessions']!;
    expect(t.rows.map((r) => r[t.columns.indexOf('attendance')])).toEqual([321]);

    // One byte of the manifest changed: minisign refuses it too.
    const m = fs.readFileSync(path.join(work, 'manifest.json'));
    const at = m.indexOf('"createdAt":"') + 14;
    m[at] = m[at]! ^ 1;
    fs.writeFileSync(path.join(work, 'manifest.json'), m);
    expect(() => run(work, 'minisign', ['-Vm', 'manifest.json', '-P', officePk])).toThrow();
    // And age refuses a payload changed by one byte.
    const p = fs.readFileSync(path.join(work, 'payload.json.gz.age'));
    p[p.length - 10] = p[p.length - 10]! ^ 1;
    fs.writeFileSync(path.join(work, 'payload.json.gz.age'), p);
    expect(() => runBytes(work, 'age', ['-d', '-i', 'province.key', 'payload.json.gz.age'])).toThrow();

    // The province applies it and writes a receipt; the office's IT checks it with the province's key.
    const [checked] = (await province.call('handoffInbox.inspect', { path: sent.path })).files;
    expect(checked?.status, JSON.stringify(checked?.reason)).toBe('ready');
    const applied = await province.call('handoffInbox.apply', { path: sent.path, sha256: checked!.sha256 });
    const out = path.join(root, 'receipts');
    fs.mkdirSync(out);
    const receipt = await province.call('handoffInbox.writeReceipt', { receivedId: applied.receivedId, folder: out });
    const provincePk = publicKeyOf(provinceKeyFile, path.join(root, 'it-province-key'));
    const rwork = path.join(root, 'it-receipt');
    fs.mkdirSync(rwork);
    expect(run(rwork, 'tar', ['-tf', receipt.path]).trim().split('\n')).toEqual(['manifest.json', 'manifest.json.minisig']);
    run(rwork, 'tar', ['-xf', receipt.path]);
    expect(run(rwork, 'minisign', ['-Vm', 'manifest.json', '-P', provincePk])).toContain(
      `Trusted comment: antq receipt ${receipt.fileName}`,
    );
    expect(() => run(rwork, 'minisign', ['-Vm', 'manifest.json', '-P', officePk])).toThrow();
  });
});
