/**
 * Making province packages survives a crash between its steps and never gives two packages the
 * same number (issue 12 item 9, left over from the first build): the app is "stopped" between
 * reserving the number, writing the file, switching the key and recording it (the step seams of
 * makePackage throw, leaving the state a crash would), restarted on the same data folder, and the
 * next make finishes or gives up the interrupted one; two makes at the same moment get 1 and 2.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, CATALOGUE_PATH, type TestBackend } from '../../../support/backend';
import { makeTempDir, removeDir } from '../../../support/temp-dir';
import { queryAll } from '../../../support/sqlite';
import { OFFICE_SETUP, PROVINCE_SETUP } from '../../../support/handoff-package';
import { fileIdentity } from '../../../../electron/backend/handoff/identity';
import { rotatableIdentity, PENDING_KEY_FILE } from '../../../../electron/backend/handoff/identity-rotate';
import { openDatabase } from '../../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../../electron/backend/db/migrations';
import { createClock } from '../../../../electron/backend/clock';
import { loadCatalogue } from '../../../../electron/backend/catalogue/catalogue';
import type { ServiceContext } from '../../../../electron/backend/context';
import { makePackage, type MakeSteps } from '../../../../electron/backend/services/handoff-package.service';

let dirs: string[] = [];
let province: TestBackend;
let office: TestBackend;
let provinceDir: string;
let out: string;
const closers: (() => void)[] = [];

function dir(prefix: string): string {
  const d = makeTempDir(prefix);
  dirs.push(d);
  return d;
}

beforeEach(async () => {
  provinceDir = dir('antq-pkm-tinh-');
  province = await startBackend(provinceDir);
  office = await startBackend(dir('antq-pkm-xa-'));
  out = dir('antq-pkm-usb-');
  await province.call('office.setup', PROVINCE_SETUP);
  await office.call('office.setup', OFFICE_SETUP);
});
afterEach(() => {
  for (const c of closers.splice(0)) c();
  province.close();
  office.close();
  for (const d of dirs) removeDir(d);
  dirs = [];
});

/** A second copy of the app's context on the province's folder, whose make the test stops between steps. */
function provinceContext(): ServiceContext {
  const opened = openDatabase(province.backend.databasePath, LATEST_VERSION);
  closers.push(() => opened.raw.close());
  return {
    db: opened.db,
    clock: createClock(province.clock.now),
    newId: () => crypto.randomUUID(),
    catalogue: () => loadCatalogue(CATALOGUE_PATH),
    identity: rotatableIdentity(provinceDir, province.clock.now),
  };
}

class Crash extends Error {}
const crashAt = (step: keyof MakeSteps): MakeSteps => ({
  [step]: () => {
    throw new Crash(`the app stopped ${step}`);
  },
});

/** The app stopped during a make with a key rotation, then started again. */
async function crashThenRestart(step: keyof MakeSteps): Promise<void> {
  await expect(makePackage(provinceContext(), { folder: out, rotateKey: true }, crashAt(step))).rejects.toThrow(Crash);
  province.close();
  province = await startBackend(provinceDir);
}

const fingerprintNow = async () => (await fileIdentity(provinceDir).readOrCreate()).fingerprint;
const packages = () =>
  queryAll(province.backend.databasePath, "SELECT sequence, state FROM handoff_packages WHERE direction = 'made' ORDER BY sequence");

async function applyAtOffice(file: string, confirm: string | null) {
  const preview = await office.call('handoffPackage.inspect', { path: file });
  return office.call('handoffPackage.apply', { path: file, sha256: preview.sha256, confirmFingerprint: confirm, unitChoices: [] });
}

describe('making a package in steps that survive a crash', () => {
  it('stopped after switching the key, before recording: the next make finishes it and takes the next number', async () => {
    const oldFp = await fingerprintNow();
    await crashThenRestart('afterSwitch');
    const newFp = await fingerprintNow();
    expect(newFp).not.toBe(oldFp);
    expect(packages()).toEqual([{ sequence: 1, state: 'pending' }]);

    const next = await province.call('handoffPackage.make', { folder: out, rotateKey: false });
    expect(next.record.fileName).toBe('ANTQ_TINH_CATNB_2.antq');
    expect(packages()).toEqual([
      { sequence: 1, state: 'done' },
      { sequence: 2, state: 'done' },
    ]);
    // The office takes the rotation in package 1, then package 2 verifies with the new key.
    await applyAtOffice(path.join(out, 'ANTQ_TINH_CATNB_1.antq'), oldFp);
    expect((await office.call('handoffPackage.inspect', { path: next.path })).signer).toEqual({ fingerprint: newFp, status: 'trusted' });
    await applyAtOffice(next.path, null);
  });

  it('stopped after writing the file, before switching the key: the next make switches it, as the package says', async () => {
    const oldFp = await fingerprintNow();
    await crashThenRestart('afterWrite');
    expect(await fingerprintNow()).toBe(oldFp);
    expect(fs.existsSync(path.join(provinceDir, PENDING_KEY_FILE))).toBe(true);

    const next = await province.call('handoffPackage.make', { folder: out, rotateKey: false });
    expect(next.record.sequence).toBe(2);
    expect(fs.existsSync(path.join(provinceDir, PENDING_KEY_FILE))).toBe(false);
    const newFp = await fingerprintNow();
    expect(newFp).not.toBe(oldFp);
    expect(next.fingerprint).toBe(newFp);
    expect(packages()).toEqual([
      { sequence: 1, state: 'done' },
      { sequence: 2, state: 'done' },
    ]);
    await applyAtOffice(path.join(out, 'ANTQ_TINH_CATNB_1.antq'), oldFp);
    await applyAtOffice(next.path, null);
  });

  it('stopped before the file was written: the number is given up, the prepared key dropped, the old key kept', async () => {
    const oldFp = await fingerprintNow();
    await crashThenRestart('afterReserve');
    expect(fs.existsSync(path.join(out, 'ANTQ_TINH_CATNB_1.antq'))).toBe(false);

    const next = await province.call('handoffPackage.make', { folder: out, rotateKey: false });
    expect(next.record.sequence).toBe(2);
    expect(await fingerprintNow()).toBe(oldFp);
    expect(fs.existsSync(path.join(provinceDir, PENDING_KEY_FILE))).toBe(false);
    expect(packages()).toEqual([
      { sequence: 1, state: 'abandoned' },
      { sequence: 2, state: 'done' },
    ]);
    // Only finished packages are listed.
    expect((await province.call('handoffPackage.list', {})).map((r) => r.sequence)).toEqual([2]);
    await applyAtOffice(next.path, oldFp);
  });

  it('gives two packages made at the same moment different numbers', async () => {
    const other = dir('antq-pkm-usb2-');
    const [a, b] = await Promise.all([
      province.call('handoffPackage.make', { folder: out, rotateKey: false }),
      province.call('handoffPackage.make', { folder: other, rotateKey: false }),
    ]);
    expect([a.record.sequence, b.record.sequence].sort()).toEqual([1, 2]);
    expect(new Set([path.basename(a.path), path.basename(b.path)]).size).toBe(2);
    expect(packages()).toEqual([
      { sequence: 1, state: 'done' },
      { sequence: 2, state: 'done' },
    ]);
    expect(
      fs.readdirSync(out).filter((n) => n.endsWith('.antq')).length + fs.readdirSync(other).filter((n) => n.endsWith('.antq')).length,
    ).toBe(2);
  });
});
