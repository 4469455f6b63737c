/**
 * Mutation test of the container: 1,200 random bit flips, byte changes, truncations and
 * extensions of a valid signed snapshot file. Every one must be refused by openContainer or
 * verifyContainerSignature with a HandoffRefusal (never accepted, never another exception):
 * the tar must be the canonical serialisation, the signature text exactly as written, the manifest
 * canonical and signed, the payload bound by its SHA-256.
 */
import { describe, expect, it } from 'vitest';
import { ageRecipientOf, generateAgeIdentity } from '../../../../electron/backend/handoff/age';
import { sealPayload } from '../../../../electron/backend/handoff/codec';
import { openContainer, verifyContainerSignature, writeContainer } from '../../../../electron/backend/handoff/container';
import { fingerprint } from '../../../../electron/backend/handoff/identity';
import { generateKeyPair, publicKeyBase64 } from '../../../../electron/backend/handoff/minisign';
import { HandoffRefusal } from '../../../../electron/backend/handoff/texts';

/** xorshift32: the same mutations on every run. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

describe('container mutations', () => {
  it('refuses every one of 1,200 mutations of a valid file, for a named reason', async () => {
    const signer = generateKeyPair();
    const name = 'ANTQ_373_2026_1.antq';
    const id = await generateAgeIdentity();
    const payload = await sealPayload(
      { format: 'antq-snapshot-payload', rows: Array.from({ length: 50 }, (_, i) => [`id-${i}`, `Thôn ${i}`]) },
      [await ageRecipientOf(id)],
    );
    const manifest = {
      format: 'antq',
      version: 1,
      kind: 'snapshot',
      sender: { code: '373', name: 'Công an huyện Gia Viễn', level: 'huyen', fingerprint: fingerprint(signer.publicKey) },
      createdAt: '2026-11-22T03:00:00.000Z',
      year: 2026,
      sequence: 1,
    };
    const good = writeContainer({ manifest, fileName: name, signer, payload });
    const pk = publicKeyBase64(signer);
    verifyContainerSignature(openContainer(good), pk, name);

    const rand = prng(0x5eed);
    const reasons = new Map<string, number>();
    let accepted = 0;
    for (let i = 0; i < 1200; i++) {
      let bytes: Uint8Array;
      const mode = i % 6;
      if (mode <= 1) {
        bytes = good.slice();
        const at = rand(bytes.length);
        bytes[at]! ^= 1 << rand(8);
      } else if (mode === 2) {
        bytes = good.slice();
        const at = rand(bytes.length);
        bytes[at] = (bytes[at]! + 1 + rand(255)) & 0xff;
      } else if (mode === 3) {
        bytes = good.slice(0, rand(good.length));
      } else if (mode === 4) {
        const extra = new Uint8Array(1 + rand(1024)).map(() => (rand(3) === 0 ? rand(256) : 0));
        bytes = new Uint8Array([...good, ...extra]);
      } else {
        const at = rand(good.length);
        const inserted = new Uint8Array(1 + rand(600)).map(() => rand(256));
        bytes = new Uint8Array([...good.slice(0, at), ...inserted, ...good.slice(at)]);
      }
      try {
        verifyContainerSignature(openContainer(bytes), pk, name);
        accepted++;
      } catch (err) {
        if (!(err instanceof HandoffRefusal)) throw err;
        reasons.set(err.reason, (reasons.get(err.reason) ?? 0) + 1);
      }
    }
    expect(accepted).toBe(0);
    // The refusals are spread over several layers, not one catch-all.
    expect(reasons.size).toBeGreaterThanOrEqual(4);
  });
});
