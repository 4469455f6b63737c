/**
 * The world the hostile corpus and the mutation test attack, made by the app on temporary data
 * folders: Công an tỉnh Lào Cai (the province, with a record of its own in Phường Cam Đường), the
 * office Công an phường Sa Pa (a hamlet under its ward, propaganda sessions, three files sent one
 * after the other) and a second office, Công an xã Bát Xát (one file, applied). Keys are exchanged
 * as officers do (key files, fingerprints confirmed) both ways; the province has applied Bát Xát's file and Sa Pa's
 * second file, so Sa Pa's first file is older and its third is new (the valid base every case is
 * forged from, and the positive control).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startBackend, type TestBackend } from '../../../support/backend';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../../support/handoff-offices';
import { identityOf } from '../../../support/handoff-files';
import { queryOne } from '../../../support/sqlite';
import { fingerprint } from '../../../../electron/backend/handoff/identity';
import { sampleRecords } from '../../backend/activities-records';
import type { World } from './corpus';
import { disassemble, partyFromDataDir, strangerParty } from './snapshot-forge';

export const BAT_XAT_SETUP = {
  ...SA_PA_SETUP,
  communeCode: '02683',
  name: 'Công an xã Bát Xát',
  code: '02683',
} as const;

const YEAR = 2026;

export interface Stage {
  world: World;
  province: TestBackend;
  office: TestBackend;
  other: TestBackend;
  /** A folder for the files of the test. */
  inbox: string;
  close(): void;
}

/** `to` trusts `from`'s key the way officers do: key file on the stick, fingerprint read aloud. */
async function trustKey(from: TestBackend, to: TestBackend, folder: string): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  const own = await from.call('handoffKeys.own', {});
  const file = await from.call('handoffKeys.exportKeyFile', { folder });
  await to.call('handoffKeys.trustKeyFile', { path: file.path, fingerprint: own.fingerprint, replaceExisting: false });
}

async function propaganda(b: TestBackend, unitId: string, attendance: number): Promise<string> {
  const rec = sampleRecords(unitId).propaganda;
  const r = await b.call('activities.save', { kind: 'propaganda', id: null, record: { ...rec, attendance } });
  return r.row.id;
}

/** The office's next snapshot file, written by the app's own export (handoffSend.write) into a folder of its own. */
async function sendFile(office: TestBackend, folder: string): Promise<{ fileName: string; bytes: Buffer; sequence: number }> {
  fs.mkdirSync(folder, { recursive: true });
  const sent = await office.call('handoffSend.write', { scope: { year: YEAR, from: null, to: null }, folder });
  return { fileName: sent.fileName, bytes: fs.readFileSync(sent.path), sequence: sent.sequence };
}

async function applyFile(province: TestBackend, inbox: string, file: { fileName: string; bytes: Buffer }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(inbox, 'apply-'));
  const p = path.join(dir, file.fileName);
  fs.writeFileSync(p, file.bytes);
  const [r] = (await province.call('handoffInbox.inspect', { path: p })).files;
  if (r?.status !== 'ready') throw new Error(`world: ${file.fileName} not ready: ${JSON.stringify(r?.reason)}`);
  await province.call('handoffInbox.apply', { path: p, sha256: r.sha256 });
}

export async function buildWorld(root: string): Promise<Stage> {
  const dirs = { office: path.join(root, 'office'), other: path.join(root, 'other'), province: path.join(root, 'province') };
  const inbox = path.join(root, 'usb');
  fs.mkdirSync(inbox, { recursive: true });
  const province = await startBackend(dirs.province);
  const office = await startBackend(dirs.office);
  const other = await startBackend(dirs.other);
  const close = () => [province, office, other].forEach((b) => b.close());
  try {
    await province.call('office.setup', LAO_CAI_SETUP);
    const officeRoot = (await office.call('office.setup', SA_PA_SETUP)).office.rootUnitId;
    const otherRoot = (await other.call('office.setup', BAT_XAT_SETUP)).office.rootUnitId;
    const hamlet = await office.call('units.create', {
      parentId: officeRoot,
      name: 'Tổ dân phố 1',
      kind: 'to_dan_pho',
      code: null,
      validFrom: '2025-07-01',
    });
    const foreignUnitId = queryOne<{ id: string }>(province.backend.databasePath, "SELECT id FROM units WHERE code = '02671'")!.id;
    const ownRecordId = await propaganda(province, foreignUnitId, 77);
    const otherRecordId = await propaganda(other, otherRoot, 55);

    for (const dir of Object.values(dirs)) await identityOf(dir);
    const officeKeys = await partyFromDataDir(dirs.office, SA_PA_SETUP.code, fingerprint);
    const otherKeys = await partyFromDataDir(dirs.other, BAT_XAT_SETUP.code, fingerprint);
    const provinceKeys = await partyFromDataDir(dirs.province, LAO_CAI_SETUP.code, fingerprint);
    await trustKey(office, province, path.join(root, 'keys', 'office'));
    await trustKey(other, province, path.join(root, 'keys', 'other'));
    await trustKey(province, office, path.join(root, 'keys', 'province'));
    await trustKey(province, other, path.join(root, 'keys', 'province-again'));

    await propaganda(office, officeRoot, 120);
    await propaganda(office, hamlet.id, 60);
    const sent = path.join(root, 'sent');
    const first = await sendFile(office, path.join(sent, '1'));
    await propaganda(office, officeRoot, 300);
    const second = await sendFile(office, path.join(sent, '2'));
    await propaganda(office, officeRoot, 450);
    const third = await sendFile(office, path.join(sent, '3'));
    await applyFile(province, inbox, await sendFile(other, path.join(sent, 'other')));
    await applyFile(province, inbox, second);

    const world: World = {
      base: await disassemble(third.fileName, third.bytes, provinceKeys.ageIdentity),
      baseBytes: third.bytes,
      applied: second,
      older: first,
      office: { ...officeKeys, rootUnitId: officeRoot, communeId: hamlet.id },
      other: { ...otherKeys, unitId: otherRoot, recordId: otherRecordId, recordTable: 'propaganda_sessions' },
      province: { ...provinceKeys, foreignUnitId, ownRecordId, ownRecordTable: 'propaganda_sessions' },
      stranger: await strangerParty('03999', fingerprint),
      elsewhere: await strangerParty('10', fingerprint),
    };
    return { world, province, office, other, inbox, close };
  } catch (err) {
    close();
    throw err;
  }
}
