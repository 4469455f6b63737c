/**
 * The data key of test backends and of tests that build a ServiceContext by hand (issue 15 item 2):
 * one fixed key, so that a context opened on a test backend's file reads what the backend wrote.
 */
import { KeyRing } from '../../electron/backend/keys/keyring';
import { openValue } from '../../electron/backend/keys/field-cipher';
import { fieldsOf, openRow } from '../../electron/backend/keys/fields';

/** 32 fixed bytes (not secret: tests only). */
export const TEST_DATA_KEY: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

/** A keyring holding the test key, as a logged-in session's would. */
export function testKeyring(): KeyRing {
  const ring = new KeyRing();
  ring.set(TEST_DATA_KEY);
  return ring;
}

/** A stored value of an encrypted column opened with `key` (throws unless sealed for that very row). */
export function openStored(key: Uint8Array, table: string, column: string, rowId: string, stored: string | null): string | null {
  return stored === null ? null : openValue(key, { table, column, rowId }, stored);
}

/** A stored row with its encrypted columns (those the registry marks) opened with `key` (a backend's: `t.backend.keyring.current()`). */
export function openedRow<R extends Record<string, unknown>>(key: Uint8Array, table: string, row: R): R {
  const ring = new KeyRing();
  ring.set(key);
  return openRow(fieldsOf({ keyring: ring }), table, row);
}
