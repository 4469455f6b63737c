/**
 * The codec of one protected value (issue 15 item 2): AES-256-GCM under the office's data key,
 * with a fresh random 12-byte nonce per write, stored in the column's existing TEXT as
 *
 *   "enc1:" + base64(nonce ‖ ciphertext ‖ 16-byte tag)
 *
 * The additional authenticated data binds the value to where it lives (format, table, column, row
 * id): a value copied to another row or column, or a byte changed anywhere, fails to open with a
 * clear error; it never opens as garbage. The version prefix lets a later format sit beside this one.
 */
import crypto from 'node:crypto';
import { AppError } from '../errors';

export const FIELD_FORMAT = 'enc1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Where a value lives: its table, its column and its row's key. */
export interface FieldAddress {
  table: string;
  column: string;
  rowId: string;
}

/** Whether a stored text is in the sealed format (as opposed to a plaintext value of an older file). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(FIELD_FORMAT);
}

function aad(at: FieldAddress): Buffer {
  // Lengths first, so no two addresses give the same bytes (a table name ending where a column starts).
  const parts = [FIELD_FORMAT, at.table, at.column, at.rowId].map((p) => Buffer.from(p, 'utf8'));
  return Buffer.concat(parts.flatMap((p) => [Buffer.from(String(p.length).padStart(4, '0')), p]));
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new Error('field-cipher: the data key must be 32 bytes');
}

/** Seals a plaintext for its address. */
export function sealValue(key: Uint8Array, at: FieldAddress, plaintext: string): string {
  checkKey(key);
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(at));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return FIELD_FORMAT + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

/** The error of a value that does not open: named by its address, never its content. */
export function unreadable(at: FieldAddress, reason: string): AppError {
  return new AppError(
    'INTERNAL',
    `Không giải mã được dữ liệu được bảo vệ (bảng ${at.table}, cột ${at.column}, bản ghi ${at.rowId}): ${reason}. ` +
      'Dữ liệu này có thể đã bị sửa trực tiếp trong tệp; hãy khôi phục từ bản sao lưu.',
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Opens a sealed value at its address; any mismatch (tampering, another row, another key) throws. */
export function openValue(key: Uint8Array, at: FieldAddress, stored: string): string {
  checkKey(key);
  if (!isSealed(stored)) throw unreadable(at, 'giá trị chưa được mã hóa');
  const text = stored.slice(FIELD_FORMAT.length);
  if (!BASE64.test(text) || text.length % 4 !== 0) throw unreadable(at, 'sai định dạng');
  const raw = Buffer.from(text, 'base64');
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw unreadable(at, 'sai định dạng');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(at));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw unreadable(at, 'sai khóa hoặc dữ liệu không khớp với vị trí của nó');
  }
}
