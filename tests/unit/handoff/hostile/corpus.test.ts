/**
 * Issue 12 item 11, the corpus: every crafted file of corpus.ts fed to the province's inbox through
 * the real dispatch (handoffInbox.inspect on the file's path, then handoffInbox.apply as a user who
 * clicks anyway). Each must be refused with the expected reason code and a Vietnamese message, and
 * the database must be unchanged — a fingerprint of every table (tests/support/db-state.ts) — except
 * for the refusal's own row in handoff_received (a replay's row for a replayed file), which must be there. Then the controls: the forge
 * rebuilds the app's file byte for byte where it must, the untouched base file is ready and applies,
 * so the refusals are not an artefact of a broken set-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbState, diffDbState } from '../../../support/db-state';
import { makeTempDir, removeDir } from '../../../support/temp-dir';
import { queryAll } from '../../../support/sqlite';
import { isVietnameseMessage } from '../../../support/vietnamese';
import { HOSTILE_CASES, forgePayload, type HostileClass, type HostileCase } from './corpus';
import { validRecords } from './schema-cases';
import { minisignSign, readUstar, ustar } from './forge';
import { buildWorld, type Stage } from './world';

let root: string;
let stage: Stage;

beforeAll(async () => {
  root = makeTempDir('antq-hostile-corpus-');
  stage = await buildWorld(root);
}, 120_000);
afterAll(() => {
  stage?.close();
  removeDir(root);
});

const LOG = 'handoff_received';
// The audit log records the refusal's own write (handoff_received) too, as it must.
const dataState = () => dbState(stage.province.backend.databasePath, { exclude: [LOG, 'audit_log'] });
// Everything but the audit log, which records the backup made before an apply is attempted.
const fullState = () => dbState(stage.province.backend.databasePath, { exclude: ['audit_log'] });
const log = () =>
  queryAll<{ sha256: string | null; status: string; reason_code: string | null; file_name: string }>(
    stage.province.backend.databasePath,
    `SELECT sha256, status, reason_code, file_name FROM ${LOG} ORDER BY received_at, rowid`,
  );

async function writeCase(c: HostileCase): Promise<string> {
  const built = await c.build(stage.world);
  const dir = path.join(stage.inbox, c.id);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, built.fileName ?? stage.world.base.fileName);
  if ('sparseBytes' in built) {
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, built.sparseBytes);
    fs.closeSync(fd);
  } else {
    fs.writeFileSync(file, built.bytes);
  }
  return file;
}

describe('the hostile corpus', () => {
  it('has at least 30 files over every class the issue names', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
    const classes: HostileClass[] = [
      'malformed',
      'truncated',
      'bit-flipped',
      'wrong-recipient',
      'unknown-sender',
      'wrong-key',
      'replayed',
      'older-sequence',
      'future-version',
      'oversized',
      'compression-bomb',
      'schema-invalid',
      'out-of-scope',
      'duplicate-id',
      'foreign-id',
      'tar-trick',
      'manifest-trick',
      'trusted-comment',
      'payload-hash',
    ];
    for (const cls of classes) expect(HOSTILE_CASES.filter((c) => c.cls === cls).length, cls).toBeGreaterThan(0);
    expect(new Set(HOSTILE_CASES.map((c) => c.id)).size).toBe(HOSTILE_CASES.length);
  });

  it('the forge rebuilds the app file: same tar layout, same manifest and signature bytes', () => {
    const w = stage.world;
    const entries = readUstar(w.baseBytes);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'manifest.json.minisig', 'payload.json.gz.age']);
    // Same entries through our own ustar writer: byte-identical archive.
    expect(ustar(entries.map((e) => ({ name: e.name, data: e.data }))).equals(w.baseBytes)).toBe(true);
    // Our own minisign signer with the office's key: the app's signature text exactly (Ed25519 is deterministic).
    expect(minisignSign(w.office.key, w.base.manifestBytes, w.base.trustedComment, w.base.untrustedComment)).toBe(w.base.signatureText);
  });

  it.each(HOSTILE_CASES.map((c) => [c.id, c] as const))(
    '%s is refused for its reason and changes nothing',
    async (_id, c) => {
      const file = await writeCase(c);
      const data = dataState();
      const logBefore = log();

      const [r] = (await stage.province.call('handoffInbox.inspect', { path: file })).files;
      expect(r, c.what).toBeDefined();
      const replay = c.cls === 'replayed';
      expect(r!.status, `${c.id}: ${c.what} → ${JSON.stringify(r!.reason)}`).toBe(replay ? 'replay' : 'refused');
      expect(r!.dryRun).toBeNull();
      expect(c.expect, `${c.id}: ${c.what} → ${r!.reason?.code}: ${r!.reason?.message}`).toContain(r!.reason?.code);
      expect(isVietnameseMessage(r!.reason!.message), r!.reason!.message).toBe(true);
      if (c.message) expect(r!.reason!.message).toMatch(c.message);
      expect(diffDbState(data, dataState()), c.id).toEqual([]);

      // The refusal is logged once; a replay is logged once as a replay (not a refusal); a file
      // refused by its size is never read, so it is logged without a hash.
      const logAfter = log();
      expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
      const status = replay ? 'replay' : 'refused';
      const added = logAfter.slice(logBefore.length);
      expect(added.map((x) => ({ status: x.status, reason_code: x.reason_code }))).toEqual([{ status, reason_code: r!.reason!.code }]);
      if (c.unread) expect(added[0]!.sha256).toBeNull();
      else expect(added[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

      // Clicking "apply" anyway: refused again, and this time nothing at all changes.
      const everything = fullState();
      const refused = await stage.province.send('handoffInbox.apply', { path: file, sha256: r!.sha256 || '0'.repeat(64) });
      expect(refused.ok, c.id).toBe(false);
      expect(diffDbState(everything, fullState()), c.id).toEqual([]);
    },
    60_000,
  );

  it('the records of the schema cases without their defect pass every check (their control)', async () => {
    const dir = path.join(stage.inbox, 'schema-control');
    fs.mkdirSync(dir);
    const file = path.join(dir, stage.world.base.fileName);
    fs.writeFileSync(file, await forgePayload(stage.world, (p, w) => validRecords(p, w.office)));
    const before = fullState();
    const [r] = (await stage.province.call('handoffInbox.inspect', { path: file })).files;
    expect(r, JSON.stringify(r?.reason)).toMatchObject({ status: 'ready', sequence: 3 });
    expect(diffDbState(before, fullState())).toEqual([]);
  });

  it('the untouched newest file of the office is ready and applies (the control)', async () => {
    const dir = path.join(stage.inbox, 'control');
    fs.mkdirSync(dir);
    const file = path.join(dir, stage.world.base.fileName);
    fs.writeFileSync(file, stage.world.baseBytes);
    const [r] = (await stage.province.call('handoffInbox.inspect', { path: file })).files;
    expect(r, JSON.stringify(r?.reason)).toMatchObject({ status: 'ready', sequence: 3 });
    const before = dataState();
    await stage.province.call('handoffInbox.apply', { path: file, sha256: r!.sha256 });
    expect(diffDbState(before, dataState())).toContain('propaganda_sessions');
  });
});
