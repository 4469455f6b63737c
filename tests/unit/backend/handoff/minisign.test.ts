import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateKeyPair,
  keyIdHex,
  parsePublicKey,
  parseSignature,
  publicKeyBase64,
  publicKeyFileText,
  sign,
  verify,
} from '../../../../electron/backend/handoff/minisign';
import { tempDirs } from '../../../support/temp-dir';

const MINISIGN = '/usr/bin/minisign';

const tempDir = tempDirs('antq-minisign-');

const enc = (s: string) => new TextEncoder().encode(s);

describe('minisign layout', () => {
  const key = generateKeyPair(new Uint8Array(32).fill(7), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));

  it('public key: "Ed" + key id + key, base64, parsed back from the line or the file', () => {
    const line = publicKeyBase64(key);
    expect(line).toHaveLength(56);
    expect(line.startsWith('RW')).toBe(true);
    expect(keyIdHex(key.keyId)).toBe('0807060504030201');
    for (const text of [line, publicKeyFileText(key), publicKeyFileText(key, 'x').replace(/\n/g, '\r\n')]) {
      const parsed = parsePublicKey(text);
      expect(parsed?.publicKey).toEqual(key.publicKey);
      expect(parsed?.keyId).toEqual(key.keyId);
    }
    for (const bad of [
      '',
      'RW' + 'A'.repeat(54),
      line.slice(0, -1),
      line + '=',
      `a\nb\n${line}`,
      Buffer.from('Ed12345678').toString('base64'),
    ]) {
      expect(parsePublicKey(bad), bad).toBeNull();
    }
    // "ED" is the signature algorithm, not a public key's.
    const wrongAlg = Buffer.from(line, 'base64');
    wrongAlg[1] = 0x44;
    expect(parsePublicKey(wrongAlg.toString('base64'))).toBeNull();
  });

  it('signs and verifies; each failure has its own reason', () => {
    const msg = enc('{"a":1}');
    const text = sign(msg, key, 'antq key X.antq');
    expect(text.split('\n')).toHaveLength(5);
    expect(verify(msg, text, key)).toEqual({ ok: true, trustedComment: 'antq key X.antq' });
    expect(verify(enc('{"a":2}'), text, key)).toEqual({ ok: false, reason: 'bad-signature' });
    const other = generateKeyPair();
    expect(verify(msg, text, other)).toEqual({ ok: false, reason: 'wrong-key' });
    // Same key id, different key: the Ed25519 check fails.
    expect(verify(msg, text, { keyId: key.keyId, publicKey: other.publicKey })).toEqual({ ok: false, reason: 'bad-signature' });
    const edited = text.replace('trusted comment: antq key X.antq', 'trusted comment: antq key Y.antq');
    expect(verify(msg, edited, key)).toEqual({ ok: false, reason: 'bad-trusted-comment' });
    for (const bad of [
      '',
      text.replace('untrusted comment: ', 'comment: '),
      text.split('\n').slice(0, 3).join('\n'),
      text + 'x\n',
      text.replace(/\n(.)/, '\n$1$1'),
    ]) {
      expect(verify(msg, bad, key).ok).toBe(false);
      expect(parseSignature(bad)).toBeNull();
    }
    // Legacy (not prehashed) "Ed" signatures are refused as malformed.
    const lines = text.split('\n');
    const raw = Buffer.from(lines[1]!, 'base64');
    raw[1] = 0x64;
    lines[1] = raw.toString('base64');
    expect(verify(msg, lines.join('\n'), key)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is deterministic for a given key (Ed25519) and rejects a non-canonical S', () => {
    const msg = enc('hello');
    expect(sign(msg, key, 't')).toBe(sign(msg, key, 't'));
    const parsed = parseSignature(sign(msg, key, 't'))!;
    // S + L (the group order) is a different encoding of the same scalar: strict RFC 8032 refuses it.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const s = BigInt('0x' + Buffer.from(parsed.signature.slice(32)).reverse().toString('hex'));
    const bumped = Buffer.from((s + L).toString(16).padStart(64, '0'), 'hex').reverse();
    const malleated = { ...parsed, signature: new Uint8Array([...parsed.signature.slice(0, 32), ...bumped]) };
    expect(verify(msg, malleated, key)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('minisign interop with /usr/bin/minisign', () => {
  it('a signature we make verifies with `minisign -Vm file -P <pk>`', () => {
    const dir = tempDir();
    const key = generateKeyPair();
    const file = path.join(dir, 'manifest.json');
    const msg = enc('{"format":"antq","kind":"key"}');
    fs.writeFileSync(file, msg);
    fs.writeFileSync(`${file}.minisig`, sign(msg, key, 'antq key ANTQ_KHOA_X.antq'));
    const out = execFileSync(MINISIGN, ['-Vm', file, '-P', publicKeyBase64(key)], { encoding: 'utf8' });
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain('Trusted comment: antq key ANTQ_KHOA_X.antq');
    // And the CLI refuses a changed file.
    fs.writeFileSync(file, enc('{"format":"antq","kind":"kex"}'));
    expect(() => execFileSync(MINISIGN, ['-Vm', file, '-P', publicKeyBase64(key)], { stdio: 'pipe' })).toThrow();
  });

  it('a key pair and signature made by the CLI verify with ours', () => {
    const dir = tempDir();
    const pk = path.join(dir, 'k.pub');
    const sk = path.join(dir, 'k.key');
    execFileSync(MINISIGN, ['-G', '-W', '-p', pk, '-s', sk], { stdio: 'pipe' });
    const file = path.join(dir, 'data.bin');
    const msg = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff);
    fs.writeFileSync(file, msg);
    execFileSync(MINISIGN, ['-S', '-s', sk, '-m', file, '-t', 'antq receipt R.antq'], { stdio: 'pipe' });
    const publicKey = parsePublicKey(fs.readFileSync(pk, 'utf8'));
    expect(publicKey).not.toBeNull();
    const sigText = fs.readFileSync(`${file}.minisig`, 'utf8');
    expect(verify(msg, sigText, publicKey!)).toEqual({ ok: true, trustedComment: 'antq receipt R.antq' });
    msg[5]! ^= 1;
    expect(verify(msg, sigText, publicKey!)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
