import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ageEncrypt, ageRecipientOf, generateAgeIdentity } from '../../../../electron/backend/handoff/age';
import {
  gunzipBounded,
  gzipJson,
  openGzipPayload,
  openSealedPayload,
  parseJsonBytes,
  sealPayload,
} from '../../../../electron/backend/handoff/codec';
import { refusalReason, refusalReasonAsync } from '../../../support/handoff-refusal';

describe('payload codec', () => {
  const value = {
    format: 'antq-snapshot-payload',
    version: 1,
    tables: { units: { columns: ['id', 'name'], rows: [['u1', 'Xã Gia Hòa']] } },
  };

  it('gzip round trip of canonical JSON; sealed round trip for each recipient', async () => {
    const gz = gzipJson(value);
    expect(zlib.gunzipSync(gz).toString('utf8')).toBe(
      '{"format":"antq-snapshot-payload","tables":{"units":{"columns":["id","name"],"rows":[["u1","Xã Gia Hòa"]]}},"version":1}',
    );
    expect(openGzipPayload(gz)).toEqual(value);
    const [a, b] = [await generateAgeIdentity(), await generateAgeIdentity()];
    const sealed = await sealPayload(value, [await ageRecipientOf(a), await ageRecipientOf(b)]);
    expect(await openSealedPayload(sealed, a)).toEqual(value);
    expect(await openSealedPayload(sealed, b)).toEqual(value);
    expect(await refusalReasonAsync(openSealedPayload(sealed, await generateAgeIdentity()))).toBe('NOT_RECIPIENT');
  });

  it('stops a compression bomb at the limit and refuses what is not gzip or JSON', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusalReason(() => gunzipBounded(bomb, 1024 * 1024))).toBe('PAYLOAD_TOO_LARGE');
    const id = await generateAgeIdentity();
    expect(await refusalReasonAsync(openSealedPayload(await ageEncrypt(bomb, [await ageRecipientOf(id)]), id, 1024 * 1024))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const gz = gzipJson(value);
    expect(refusalReason(() => gunzipBounded(gz.slice(0, gz.length - 4)))).toBe('DECOMPRESS_FAILED');
    const flipped = gz.slice();
    flipped[20]! ^= 0xff;
    expect(refusalReason(() => gunzipBounded(flipped))).toBe('DECOMPRESS_FAILED');
    expect(refusalReason(() => gunzipBounded(new TextEncoder().encode('{"not":"gzip"}xxxxxxxx')))).toBe('DECOMPRESS_FAILED');
    expect(refusalReason(() => openGzipPayload(new Uint8Array(zlib.gzipSync('{"a":'))))).toBe('PAYLOAD_INVALID');
    expect(refusalReason(() => parseJsonBytes(new Uint8Array([0x22, 0xc3, 0x22])))).toBe('PAYLOAD_INVALID');
  });
});
