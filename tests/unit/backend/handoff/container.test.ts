import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageEncrypt, ageRecipientOf, generateAgeIdentity } from '../../../../electron/backend/handoff/age';
import { canonicalJsonBytes } from '../../../../electron/backend/handoff/canonical-json';
import {
  ANTQ_LIMITS,
  openContainer,
  verifyContainerSignature,
  writeContainer,
  type OpenedContainer,
} from '../../../../electron/backend/handoff/container';
import { fingerprint } from '../../../../electron/backend/handoff/identity';
import { generateKeyPair, publicKeyBase64, sign } from '../../../../electron/backend/handoff/minisign';
import { writeTar } from '../../../../electron/backend/handoff/tar';
import { refusalReason } from '../../../support/handoff-refusal';
import { tempDirs } from '../../../support/temp-dir';

const signer = generateKeyPair();
const sender = { code: 'X01', name: 'Công an xã A', level: 'xa', fingerprint: fingerprint(signer.publicKey) };
const base = { format: 'antq', version: 1, sender, createdAt: '2026-12-05T10:00:00.000Z' };
const tempDir = tempDirs('antq-container-');

function untrusted(manifest: unknown): string {
  const m = manifest as { kind: string; sender?: { fingerprint?: string } };
  return `antq ${m.kind} signed by ${m.sender?.fingerprint}`;
}

function sigTar(manifest: unknown, signature: string): Uint8Array {
  return writeTar([
    { name: 'manifest.json', data: canonicalJsonBytes(manifest) },
    { name: 'manifest.json.minisig', data: new TextEncoder().encode(signature) },
  ]);
}

/** A tar of a manifest signed properly, possibly with a hand-made manifest or payload. */
function craft(manifest: unknown, fileName: string, payload?: { name: string; data: Uint8Array }, key = signer): Uint8Array {
  const bytes = canonicalJsonBytes(manifest);
  const kind = (manifest as { kind: string }).kind;
  const entries = [
    { name: 'manifest.json', data: bytes },
    { name: 'manifest.json.minisig', data: new TextEncoder().encode(sign(bytes, key, `antq ${kind} ${fileName}`, untrusted(manifest))) },
  ];
  if (payload) entries.push(payload);
  return writeTar(entries);
}

describe('container', () => {
  const keyFile = () => writeContainer({ manifest: { ...base, kind: 'key', role: 'office' }, fileName: 'ANTQ_KHOA_X01.antq', signer });

  it('writes, opens and verifies a file without payload', () => {
    const bytes = keyFile();
    expect(keyFile()).toEqual(bytes); // deterministic (Ed25519 is)
    const opened = openContainer(bytes);
    expect(opened.manifest.kind).toBe('key');
    expect(opened.manifest['role']).toBe('office');
    expect(opened.payload).toBeNull();
    expect(verifyContainerSignature(opened, publicKeyBase64(signer), 'ANTQ_KHOA_X01.antq')).toEqual({
      signedFileName: 'ANTQ_KHOA_X01.antq',
    });
    expect(refusalReason(() => verifyContainerSignature(opened, publicKeyBase64(signer), 'ANTQ_KHOA_X02.antq'))).toBe(
      'TRUSTED_COMMENT_MISMATCH',
    );
    expect(refusalReason(() => verifyContainerSignature(opened, publicKeyBase64(generateKeyPair())))).toBe('SIGNATURE_WRONG_KEY');
    expect(refusalReason(() => verifyContainerSignature(opened, { keyId: signer.keyId, publicKey: generateKeyPair().publicKey }))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('binds the payload by size and SHA-256', () => {
    const payload = new Uint8Array(5000).map((_, i) => i & 0xff);
    const bytes = writeContainer({
      manifest: { ...base, kind: 'province-package', sequence: 1 },
      fileName: 'ANTQ_TINH_T01_1.antq',
      signer,
      payload,
    });
    const opened = openContainer(bytes);
    expect(opened.payloadName).toBe('payload.json.gz');
    expect(opened.manifest.payload?.bytes).toBe(5000);
    verifyContainerSignature(opened, publicKeyBase64(signer));
    const altered: OpenedContainer = { ...opened, payload: opened.payload!.map((b, i) => (i === 10 ? b ^ 1 : b)) };
    expect(refusalReason(() => verifyContainerSignature(altered, publicKeyBase64(signer)))).toBe('PAYLOAD_HASH_MISMATCH');
    // The same bit flipped inside the file.
    const flipped = bytes.slice();
    flipped[512 * 6 + 10]! ^= 1;
    const reopened = openContainer(flipped);
    expect(refusalReason(() => verifyContainerSignature(reopened, publicKeyBase64(signer)))).toBe('PAYLOAD_HASH_MISMATCH');
  });

  it('refuses crafted files for named reasons', () => {
    const good = keyFile();
    const m = { ...base, kind: 'key', role: 'office' };
    const gz = { name: 'payload.json.gz', data: new Uint8Array(10) };
    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(0), 'FILE_EMPTY'],
      ['not a tar', new TextEncoder().encode('hello'), 'CONTAINER_MALFORMED'],
      ['truncated', good.slice(0, good.length - 512), 'CONTAINER_MALFORMED'],
      ['extended', new Uint8Array([...good, ...new Uint8Array(512)]), 'CONTAINER_MALFORMED'],
      ['future version', craft({ ...m, version: 2 }, 'A.antq'), 'VERSION_UNSUPPORTED'],
      ['other format', craft({ ...m, format: 'zip' }, 'A.antq'), 'FORMAT_UNKNOWN'],
      ['unknown kind', craft({ ...m, kind: 'secret' }, 'A.antq'), 'MANIFEST_INVALID'],
      ['bad fingerprint', craft({ ...m, sender: { ...sender, fingerprint: '1' } }, 'A.antq'), 'MANIFEST_INVALID'],
      [
        'manifest is an array',
        writeTar([
          { name: 'manifest.json', data: new TextEncoder().encode('[1]') },
          { name: 'manifest.json.minisig', data: new Uint8Array(1) },
        ]),
        'MANIFEST_INVALID',
      ],
      [
        'manifest not canonical',
        writeTar([
          { name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(m, null, 1)) },
          { name: 'manifest.json.minisig', data: new Uint8Array(1) },
        ]),
        'MANIFEST_NOT_CANONICAL',
      ],
      ['manifest too large', craft({ ...m, pad: 'x'.repeat(ANTQ_LIMITS.manifestBytes) }, 'A.antq'), 'MANIFEST_TOO_LARGE'],
      ['payload on a key file', craft(m, 'A.antq', gz), 'PAYLOAD_UNEXPECTED'],
      ['package without payload', craft({ ...m, kind: 'province-package' }, 'A.antq'), 'PAYLOAD_MISSING'],
      [
        'declared payload absent',
        craft({ ...m, kind: 'province-package', payload: { name: 'payload.json.gz', bytes: 10, sha256: '0'.repeat(64) } }, 'A.antq'),
        'PAYLOAD_MISSING',
      ],
      [
        'payload size lies',
        craft({ ...m, kind: 'province-package', payload: { name: 'payload.json.gz', bytes: 11, sha256: '0'.repeat(64) } }, 'A.antq', gz),
        'PAYLOAD_SIZE_MISMATCH',
      ],
      [
        'payload of another kind',
        craft({ ...m, kind: 'snapshot', payload: { name: 'payload.json.gz', bytes: 10, sha256: '0'.repeat(64) } }, 'A.antq', gz),
        'CONTAINER_ENTRIES',
      ],
      [
        'signature garbage',
        writeTar([
          { name: 'manifest.json', data: canonicalJsonBytes(m) },
          { name: 'manifest.json.minisig', data: new TextEncoder().encode('nope') },
        ]),
        'SIGNATURE_MALFORMED',
      ],
      ['signature missing', writeTar([{ name: 'manifest.json', data: canonicalJsonBytes(m) }]), 'CONTAINER_ENTRIES'],
      ['untrusted comment edited', sigTar(m, sign(canonicalJsonBytes(m), signer, 'antq key A.antq', 'hello')), 'SIGNATURE_MALFORMED'],
      [
        'signature without final newline',
        sigTar(m, sign(canonicalJsonBytes(m), signer, 'antq key A.antq', untrusted(m)).trimEnd()),
        'SIGNATURE_MALFORMED',
      ],
      [
        'signature in CRLF',
        sigTar(m, sign(canonicalJsonBytes(m), signer, 'antq key A.antq', untrusted(m)).replace(/\n/g, '\r\n')),
        'SIGNATURE_MALFORMED',
      ],
      [
        'other entry',
        writeTar([
          { name: 'manifest.json', data: canonicalJsonBytes(m) },
          { name: 'evil.sh', data: new Uint8Array(1) },
        ]),
        'CONTAINER_ENTRIES',
      ],
    ];
    for (const [what, bytes, reason] of cases)
      expect(
        refusalReason(() => openContainer(bytes)),
        what,
      ).toBe(reason);
    expect(refusalReason(() => openContainer(new Uint8Array(ANTQ_LIMITS.fileBytes + 1)))).toBe('FILE_TOO_LARGE');
    // A parsed manifest that says another kind than the signed comment.
    const lying = openContainer(craft(m, 'A.antq'));
    const relabelled = { ...lying, manifest: { ...lying.manifest, kind: 'receipt' as const } };
    expect(refusalReason(() => verifyContainerSignature(relabelled, publicKeyBase64(signer)))).toBe('TRUSTED_COMMENT_MISMATCH');
    // Manifest bytes changed after signing.
    const edited = { ...lying, manifestBytes: canonicalJsonBytes({ ...m, role: 'province' }) };
    expect(refusalReason(() => verifyContainerSignature(edited, publicKeyBase64(signer)))).toBe('SIGNATURE_INVALID');
    const wrongComment = openContainer(
      writeTar([
        { name: 'manifest.json', data: canonicalJsonBytes(m) },
        {
          name: 'manifest.json.minisig',
          data: new TextEncoder().encode(sign(canonicalJsonBytes(m), signer, 'antq receipt A.antq', untrusted(m))),
        },
      ]),
    );
    expect(refusalReason(() => verifyContainerSignature(wrongComment, publicKeyBase64(signer)))).toBe('TRUSTED_COMMENT_MISMATCH');
  });

  it('refuses to write what it could not read back', () => {
    expect(() => writeContainer({ manifest: { ...base, kind: 'key' }, fileName: 'bad name.antq', signer })).toThrow();
    expect(() => writeContainer({ manifest: { ...base, kind: 'snapshot' }, fileName: 'A.antq', signer })).toThrow();
    expect(() => writeContainer({ manifest: { ...base, kind: 'key', createdAt: 'yesterday' }, fileName: 'A.antq', signer })).toThrow();
  });

  it("the province's IT checks a snapshot with tar, minisign, sha256sum and age", async () => {
    const dir = tempDir();
    const province = await generateAgeIdentity();
    const plain = new TextEncoder().encode('{"format":"antq-snapshot-payload"}');
    const payload = await ageEncrypt(plain, [await ageRecipientOf(province)]);
    const name = 'ANTQ_X01_2026_1.antq';
    fs.writeFileSync(
      path.join(dir, name),
      writeContainer({ manifest: { ...base, kind: 'snapshot', year: 2026 }, fileName: name, signer, payload }),
    );
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8' });
    expect(run('tar', ['-tf', name]).trim().split('\n')).toEqual(['manifest.json', 'manifest.json.minisig', 'payload.json.gz.age']);
    run('tar', ['-xf', name]);
    expect(run('minisign', ['-Vm', 'manifest.json', '-P', publicKeyBase64(signer)])).toContain(`Trusted comment: antq snapshot ${name}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { payload: { sha256: string } };
    expect(run('sha256sum', ['payload.json.gz.age']).split(' ')[0]).toBe(manifest.payload.sha256);
    fs.writeFileSync(path.join(dir, 'province.key'), `${province}\n`, { mode: 0o600 });
    expect(run('age', ['-d', '-i', 'province.key', 'payload.json.gz.age'])).toBe('{"format":"antq-snapshot-payload"}');
  });
});
