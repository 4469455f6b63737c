/**
 * The province's receipt at the office (issue 12 item 3): a receipt signed by the pinned province
 * key for a file this office sent marks it received; another office's receipt, an unknown
 * sequence, a wrong hash, a bad or foreign signature, a snapshot instead of a receipt, or an
 * oversized file is refused with a Vietnamese reason and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { dumpDatabase, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { makeReceipt, provinceIdentity, trustProvince, type ReceiptFor } from '../../support/handoff-send';
import type { OfficeIdentity } from '../../../electron/backend/handoff/identity';
import type { MethodOutput } from '../../../shared/ipc/contract';

let dirs: string[];
let t: TestBackend;
let usb: string;
let province: OfficeIdentity;
let impostor: OfficeIdentity;
let sent: MethodOutput<'handoffSend.write'>;

beforeEach(async () => {
  const officeDir = makeTempDir('antq-receipt-office-');
  usb = makeTempDir('antq-receipt-usb-');
  const provinceDir = makeTempDir('antq-receipt-province-');
  const otherDir = makeTempDir('antq-receipt-other-');
  dirs = [officeDir, usb, provinceDir, otherDir];
  t = await startBackend(officeDir);
  await t.call('office.setup', GIA_VIEN_SETUP);
  province = await provinceIdentity(provinceDir);
  impostor = await provinceIdentity(otherDir);
  trustProvince(t.backend.databasePath, province);
  sent = await t.call('handoffSend.write', { scope: { year: 2026, from: null, to: null }, folder: usb });
});

afterEach(() => {
  t.close();
  dirs.forEach(removeDir);
});

function target(over: Partial<ReceiptFor> = {}): ReceiptFor {
  return { officeCode: '373', year: 2026, sequence: sent.sequence, sha256: sent.sha256, fileName: sent.fileName, ...over };
}

function put(name: string, bytes: Uint8Array): string {
  const p = path.join(usb, name);
  fs.writeFileSync(p, bytes);
  return p;
}

describe('the province’s receipt', () => {
  it('marks the file received; the list says so; the same receipt again changes nothing', async () => {
    const r = makeReceipt(province, target());
    const file = put(r.name, r.bytes);
    const out = await t.call('handoffSend.importReceipt', { path: file });
    expect(out).toEqual({ sequence: 1, fileName: 'ANTQ_373_2026_1.antq', receivedAt: '2026-12-03T02:00:00.000Z', alreadyImported: false });
    const row = queryOne<Record<string, unknown>>(t.backend.databasePath, 'SELECT * FROM handoff_sent WHERE sequence = 1');
    expect(row).toMatchObject({ receipt_at: '2026-12-03T02:00:00.000Z', receipt_status: 'applied' });
    expect(row!['receipt_sha256']).toMatch(/^[0-9a-f]{64}$/);
    const list = await t.call('handoffSend.list', {});
    expect(list.files[0]!.receipt).toEqual({ at: '2026-12-03T02:00:00.000Z', status: 'applied' });
    const before = dumpDatabase(t.backend.databasePath);
    expect((await t.call('handoffSend.importReceipt', { path: file })).alreadyImported).toBe(true);
    expect(dumpDatabase(t.backend.databasePath)).toEqual(before);
  });

  it('refuses with a reason and changes nothing: other office, unknown sequence, other year, wrong hash, foreign key, not a receipt, too big', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['other-office.antq', makeReceipt(province, target({ officeCode: '374' })).bytes, /dành cho đơn vị có mã 374/],
      ['unknown.antq', makeReceipt(province, target({ sequence: 9 })).bytes, /chưa gửi tệp số 9/],
      ['year.antq', makeReceipt(province, target({ year: 2025 })).bytes, /không phải số liệu năm 2025/],
      ['hash.antq', makeReceipt(province, target({ sha256: 'a'.repeat(64) })).bytes, /Mã băm trong biên nhận khác với tệp số 1/],
      ['impostor.antq', makeReceipt(impostor, target()).bytes, /khóa khác với khóa đã đăng ký|Chữ ký không hợp lệ/],
      ['snapshot.antq', fs.readFileSync(sent.path), /không phải biên nhận/],
      ['big.antq', new Uint8Array(300 * 1024), /quá lớn/],
      ['garbage.antq', new TextEncoder().encode('không phải tệp ANTQ'), /không đúng cấu trúc tệp ANTQ/],
    ];
    // A receipt whose signed manifest was altered after signing (bit flip inside manifest.json).
    const good = makeReceipt(province, target()).bytes;
    const flipped = new Uint8Array(good);
    const at = Buffer.from(flipped).indexOf('"sequence":1');
    flipped[at + 11] = '2'.charCodeAt(0);
    cases.push(['flipped.antq', flipped, /Chữ ký không hợp lệ/]);
    const before = dumpDatabase(t.backend.databasePath);
    for (const [name, bytes, pattern] of cases) {
      const error = await t.fail('handoffSend.importReceipt', { path: put(name, bytes) });
      expect(error.message, name).toMatch(pattern);
      expect(isVietnameseMessage(error.message), name).toBe(true);
    }
    const missing = await t.fail('handoffSend.importReceipt', { path: path.join(usb, 'khong-co.antq') });
    expect(missing.message).toMatch(/Không tìm thấy tệp/);
    expect(dumpDatabase(t.backend.databasePath)).toEqual(before);
    expect((await t.call('handoffSend.list', {})).files[0]!.receipt).toBeNull();
  });
});
