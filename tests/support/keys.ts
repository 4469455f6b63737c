/**
 * The data key of test backends and of tests that build a ServiceContext by hand (issue 15 item 2):
 * one fixed key, so that a context opened on a test backend's file reads what the backend wrote.
 */
import { KeyRing } from '../../electron/backend/keys/keyring';

/** 32 fixed bytes (not secret: tests only). */
export const TEST_DATA_KEY: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

/** A keyring holding the test key, as a logged-in session's would. */
export function testKeyring(): KeyRing {
  const ring = new KeyRing();
  ring.set(TEST_DATA_KEY);
  return ring;
}
