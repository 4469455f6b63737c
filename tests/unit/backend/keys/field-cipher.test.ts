/**
 * The protected-field codec (issue 15 item 2): AES-256-GCM bound to table, column and row; any
 * change, another row or column, another key: a clear error, never garbage.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIELD_FORMAT, isSealed, openValue, sealValue } from '../../../../electron/backend/keys/field-cipher';
import { fieldCodec, openRow, sealRow } from '../../../../electron/backend/keys/fields';
import { KeyRing } from '../../../../electron/backend/keys/keyring';
import { AppError } from '../../../../electron/backend/errors';

const KEY = crypto.randomBytes(32);
const AT = { table: 'tip_informants', column: 'phone', rowId: '0b7f6c1e-2d44-4b7a-9c1e-6a1d2f3b4c5d' };
const PHONE = '0912345678';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : `other: ${String(err)}`;
  }
  return 'no error';
}

describe('sealValue / openValue', () => {
  it('round-trips text (Vietnamese, empty, long) in the versioned format, with a fresh nonce each time', () => {
    for (const text of [PHONE, 'Nguyễn Thị Bích Ngọc', '', 'x'.repeat(5000)]) {
      const sealed = sealValue(KEY, AT, text);
      expect(sealed.startsWith(FIELD_FORMAT)).toBe(true);
      expect(isSealed(sealed)).toBe(true);
      expect(openValue(KEY, AT, sealed)).toBe(text);
    }
    const a = sealValue(KEY, AT, PHONE);
    const b = sealValue(KEY, AT, PHONE);
    expect(a).not.toBe(b);
    // nonce 12 + tag 16 + the bytes of the text
    expect(Buffer.from(a.slice(FIELD_FORMAT.length), 'base64')).toHaveLength(12 + 16 + PHONE.length);
    expect(a).not.toContain(PHONE);
    expect(isSealed(PHONE)).toBe(false);
  });

  it('refuses a value copied to another row, another column or another table', () => {
    const sealed = sealValue(KEY, AT, PHONE);
    for (const other of [
      { ...AT, rowId: '1b7f6c1e-2d44-4b7a-9c1e-6a1d2f3b4c5d' },
      { ...AT, column: 'id_number' },
      { ...AT, table: 'mass_org_members' },
    ]) {
      const error = codeOf(() => openValue(KEY, other, sealed));
      expect(error).toMatch(/^INTERNAL: Không giải mã được dữ liệu được bảo vệ/);
      expect(error).toContain(other.table);
      expect(error).not.toContain(PHONE);
    }
  });

  it('refuses a wrong key', () => {
    const sealed = sealValue(KEY, AT, PHONE);
    expect(codeOf(() => openValue(crypto.randomBytes(32), AT, sealed))).toMatch(/sai khóa/);
    expect(() => sealValue(crypto.randomBytes(16), AT, PHONE)).toThrow(/32 bytes/);
  });

  it('refuses every single-byte change (nonce, ciphertext, tag), a truncation, bad base64 and a plaintext', () => {
    const sealed = sealValue(KEY, AT, PHONE);
    const raw = Buffer.from(sealed.slice(FIELD_FORMAT.length), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 0x01;
      expect(
        codeOf(() => openValue(KEY, AT, FIELD_FORMAT + bad.toString('base64'))),
        `byte ${i}`,
      ).toMatch(/^INTERNAL/);
    }
    expect(codeOf(() => openValue(KEY, AT, FIELD_FORMAT + raw.subarray(0, 20).toString('base64')))).toMatch(/sai định dạng/);
    expect(codeOf(() => openValue(KEY, AT, FIELD_FORMAT + raw.subarray(0, raw.length - 1).toString('base64')))).toMatch(/^INTERNAL/);
    expect(codeOf(() => openValue(KEY, AT, `${FIELD_FORMAT}!!!`))).toMatch(/sai định dạng/);
    expect(codeOf(() => openValue(KEY, AT, PHONE))).toMatch(/chưa được mã hóa/);
  });
});

describe('the session codec', () => {
  it('refuses with LOCKED without a key (a NULL needs none), and after the keyring is cleared', () => {
    const none = fieldCodec(undefined);
    expect(none.seal('tip_informants', 'name', AT.rowId, null)).toBeNull();
    expect(codeOf(() => none.seal('tip_informants', 'name', AT.rowId, 'A'))).toMatch(/^LOCKED/);
    const ring = new KeyRing();
    ring.set(KEY);
    const codec = fieldCodec(ring);
    const sealed = codec.seal('tip_informants', 'name', AT.rowId, 'Trần Văn Bảo')!;
    expect(codec.open('tip_informants', 'name', AT.rowId, sealed)).toBe('Trần Văn Bảo');
    ring.clear();
    expect(codeOf(() => codec.open('tip_informants', 'name', AT.rowId, sealed))).toMatch(/^LOCKED/);
    expect(codeOf(() => codec.seal('tip_informants', 'name', AT.rowId, 'A'))).toMatch(/^LOCKED/);
  });

  it('only handles columns the registry marks encrypted', () => {
    const ring = new KeyRing();
    ring.set(KEY);
    expect(() => fieldCodec(ring).seal('tips', 'content', AT.rowId, 'x')).toThrow(/not an encrypted column/);
    expect(() => fieldCodec(ring).seal('mass_org_members', 'full_name', AT.rowId, 'x')).toThrow(/not an encrypted column/);
  });

  it('seals and opens whole rows by their key, leaving other columns alone', () => {
    const ring = new KeyRing();
    ring.set(KEY);
    const codec = fieldCodec(ring);
    const row = { id: AT.rowId, full_name: 'Lò Văn Sáng', phone: PHONE, birth_year: 1980 };
    const sealed = sealRow(codec, 'mass_org_members', row);
    expect(sealed.full_name).toBe('Lò Văn Sáng');
    expect(isSealed(sealed.phone)).toBe(true);
    expect(openRow(codec, 'mass_org_members', sealed)).toEqual(row);
    // Moved to another member: refused.
    expect(codeOf(() => openRow(codec, 'mass_org_members', { ...sealed, id: crypto.randomUUID() }))).toMatch(/^INTERNAL/);
  });
});
