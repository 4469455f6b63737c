import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIdentity, fingerprint, fingerprintOfPublicKey, IDENTITY_KEY_FILE } from '../../../../electron/backend/handoff/identity';
import { parsePublicKey, sign, verify } from '../../../../electron/backend/handoff/minisign';
import { ageDecrypt, ageEncrypt } from '../../../../electron/backend/handoff/age';
import { HandoffRefusal } from '../../../../electron/backend/handoff/texts';
import { tempDirs } from '../../../support/temp-dir';

const tempDir = tempDirs('antq-identity-');

describe('fingerprint', () => {
  it('is six groups of four digits from SHA-256 of the raw key, as documented', () => {
    const key = new Uint8Array(32).map((_, i) => i);
    const digest = crypto.createHash('sha256').update(key).digest();
    const expected = [0, 1, 2, 3, 4, 5].map((i) => String(digest.readUInt32BE(4 * i) % 10000).padStart(4, '0')).join('-');
    expect(fingerprint(key)).toBe(expected);
    expect(fingerprint(key)).toMatch(/^\d{4}(-\d{4}){5}$/);
    // A fixed vector, so a change of derivation is caught: SHA-256(00 01 … 1f) =
    // 630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd.
    expect(fingerprint(key)).toBe('8873-4246-7544-8175-2492-4728');
    const other = key.slice();
    other[31] = 0;
    expect(fingerprint(other)).not.toBe(fingerprint(key));
    expect(() => fingerprint(new Uint8Array(31))).toThrow();
  });
});

describe('fileIdentity', () => {
  it('creates the key file once (owner-only), and reads the same identity back', async () => {
    const dir = tempDir();
    const source = fileIdentity(dir, () => new Date('2026-12-05T00:00:00Z'));
    expect(await source.read()).toBeNull();
    const id = await source.readOrCreate();
    const file = path.join(dir, IDENTITY_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(id.fingerprint).toMatch(/^\d{4}(-\d{4}){5}$/);
    expect(id.fingerprint).toBe(fingerprintOfPublicKey(id.signPublicKey));
    expect(id.ageRecipient).toMatch(/^age1/);
    expect(id.createdAt).toBe('2026-12-05T00:00:00.000Z');
    // A second source on the same folder (a restart) gets the same keys.
    const again = await fileIdentity(dir).readOrCreate();
    expect(again.signPublicKey).toBe(id.signPublicKey);
    expect(again.ageIdentity).toBe(id.ageIdentity);
    // The keys work: sign/verify, encrypt/decrypt.
    const msg = new TextEncoder().encode('x');
    expect(verify(msg, sign(msg, again.sign, 't'), parsePublicKey(id.signPublicKeyFile)!).ok).toBe(true);
    const cipher = await ageEncrypt(msg, [id.ageRecipient]);
    expect(await ageDecrypt(cipher, again.ageIdentity, 10)).toEqual(msg);
  });

  it('never replaces a damaged key file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, IDENTITY_KEY_FILE), '{"format":"antq-identity"}');
    const source = fileIdentity(dir);
    expect(await source.read()).toBeNull();
    await expect(source.readOrCreate()).rejects.toBeInstanceOf(HandoffRefusal);
    expect(fs.readFileSync(path.join(dir, IDENTITY_KEY_FILE), 'utf8')).toBe('{"format":"antq-identity"}');
  });

  it('two sources racing on one folder end with one identity', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([fileIdentity(dir).readOrCreate(), fileIdentity(dir).readOrCreate()]);
    const c = await fileIdentity(dir).readOrCreate();
    expect(a.signPublicKey).toBe(c.signPublicKey);
    expect(b.signPublicKey).toBe(c.signPublicKey);
  });
});
