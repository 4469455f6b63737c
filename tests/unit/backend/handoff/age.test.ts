import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ageDecrypt, ageEncrypt, ageRecipientOf, generateAgeIdentity, isAgeRecipient } from '../../../../electron/backend/handoff/age';
import { refusalReasonAsync } from '../../../support/handoff-refusal';
import { tempDirs } from '../../../support/temp-dir';

const AGE = '/usr/bin/age';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/handoff');
const tempDir = tempDirs('antq-age-');

const katIdentity = fs
  .readFileSync(path.join(FIXTURES, 'kat-identity.txt'), 'utf8')
  .split('\n')
  .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;

describe('age wrapper', () => {
  it('round-trips to several recipients; each identity decrypts alone; others are not recipients', async () => {
    const [a, b, c] = await Promise.all([generateAgeIdentity(), generateAgeIdentity(), generateAgeIdentity()]);
    const ra = await ageRecipientOf(a);
    expect(isAgeRecipient(ra)).toBe(true);
    const plain = new TextEncoder().encode('dữ liệu '.repeat(20000));
    const cipher = await ageEncrypt(plain, [ra, await ageRecipientOf(b)]);
    expect(await ageDecrypt(cipher, a, plain.length)).toEqual(plain);
    expect(await ageDecrypt(cipher, b, plain.length)).toEqual(plain);
    expect(await refusalReasonAsync(ageDecrypt(cipher, c, plain.length))).toBe('NOT_RECIPIENT');
  });

  it('bounds the output, and refuses altered or truncated ciphertext', async () => {
    const id = await generateAgeIdentity();
    const plain = new Uint8Array(200_000).fill(65);
    const cipher = await ageEncrypt(plain, [await ageRecipientOf(id)]);
    expect(await refusalReasonAsync(ageDecrypt(cipher, id, 100_000))).toBe('PAYLOAD_TOO_LARGE');
    const flipped = cipher.slice();
    flipped[flipped.length - 100]! ^= 1;
    expect(await refusalReasonAsync(ageDecrypt(flipped, id, 1e6))).toBe('DECRYPT_FAILED');
    // A truncated file never passes as a shorter one.
    expect(await refusalReasonAsync(ageDecrypt(cipher.slice(0, cipher.length - 10), id, 1e6))).toBe('DECRYPT_FAILED');
    const headerEnd = new TextDecoder('latin1').decode(cipher.slice(0, 400)).indexOf('\n---') + 10;
    const badHeader = cipher.slice();
    badHeader[headerEnd]! ^= 1;
    expect(await refusalReasonAsync(ageDecrypt(badHeader, id, 1e6))).toBe('DECRYPT_FAILED');
    expect(await refusalReasonAsync(ageDecrypt(new Uint8Array(0), id, 1e6))).toBe('DECRYPT_FAILED');
  });

  it('refuses recipients that are not native X25519 ones', () => {
    for (const r of [
      '',
      'age1',
      'AGE1W8HXVVQMW7T7USJTAE6RC5KUF5LM9RT0QF73NKL7AE97DQDWT5ZSDD6DFW',
      'age1w8hxvvqmw7t7usjtae6rc5kuf5lm9rt0qf73nkl7ae97dqdwt5zsdd6dfq',
    ]) {
      expect(isAgeRecipient(r), r).toBe(false);
    }
    expect(isAgeRecipient('age1w8hxvvqmw7t7usjtae6rc5kuf5lm9rt0qf73nkl7ae97dqdwt5zsdd6dfw')).toBe(true);
  });

  it('known answers: files made once by the age CLI decrypt to the known plaintext', async () => {
    expect(await ageRecipientOf(katIdentity)).toBe('age1w8hxvvqmw7t7usjtae6rc5kuf5lm9rt0qf73nkl7ae97dqdwt5zsdd6dfw');
    const short = await ageDecrypt(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'kat-short.age'))), katIdentity, 1e6);
    expect(new TextDecoder().decode(short)).toBe(fs.readFileSync(path.join(FIXTURES, 'kat-plain.txt'), 'utf8'));
    const long = await ageDecrypt(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'kat-long.age'))), katIdentity, 1e6);
    expect(long).toEqual(new Uint8Array(70_000).map((_, i) => (i * 7 + 3) & 0xff));
  });
});

describe('age without WebCrypto X25519 (as a runtime whose crypto lacks it)', () => {
  it('falls back to the pure-JS X25519 and gives the same answers', async () => {
    const importKey = vi
      .spyOn(globalThis.crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('X25519 not supported here', 'NotSupportedError'));
    try {
      const short = await ageDecrypt(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'kat-short.age'))), katIdentity, 1e6);
      expect(new TextDecoder().decode(short)).toBe(fs.readFileSync(path.join(FIXTURES, 'kat-plain.txt'), 'utf8'));
      expect(await ageRecipientOf(katIdentity)).toBe('age1w8hxvvqmw7t7usjtae6rc5kuf5lm9rt0qf73nkl7ae97dqdwt5zsdd6dfw');
      const id = await generateAgeIdentity();
      const plain = new TextEncoder().encode('fallback');
      const cipher = await ageEncrypt(plain, [await ageRecipientOf(id)]);
      expect(importKey).toHaveBeenCalled();
      importKey.mockRestore();
      // Made on the fallback path, read on the WebCrypto path.
      expect(await ageDecrypt(cipher, id, 100)).toEqual(plain);
    } finally {
      importKey.mockRestore();
    }
  });
});

describe('age interop with /usr/bin/age', () => {
  it('our file decrypts with `age -d -i <identity file>`', async () => {
    const dir = tempDir();
    const id = await generateAgeIdentity();
    const other = await generateAgeIdentity();
    const idFile = path.join(dir, 'id.txt');
    fs.writeFileSync(idFile, `${id}\n`, { mode: 0o600 });
    const plain = new Uint8Array(150_000).map((_, i) => (i * 13) & 0xff);
    const file = path.join(dir, 'p.age');
    fs.writeFileSync(file, await ageEncrypt(plain, [await ageRecipientOf(other), await ageRecipientOf(id)]));
    const out = execFileSync(AGE, ['-d', '-i', idFile, file]);
    expect(new Uint8Array(out)).toEqual(plain);
  });

  it('a file made by `age -r` decrypts with ours', async () => {
    const dir = tempDir();
    const id = await generateAgeIdentity();
    const input = path.join(dir, 'in.bin');
    const plain = new TextEncoder().encode('Công an xã — tệp từ age CLI\n'.repeat(5000));
    fs.writeFileSync(input, plain);
    const out = path.join(dir, 'out.age');
    execFileSync(AGE, ['-r', await ageRecipientOf(id), '-o', out, input]);
    expect(await ageDecrypt(new Uint8Array(fs.readFileSync(out)), id, plain.length)).toEqual(plain);
  });
});
