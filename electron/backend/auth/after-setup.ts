/**
 * The one call site for work that needs the office's data key the moment it first exists: a file
 * upgraded from before accounts still holds protected values in clear, and they are sealed under
 * the new key right after `auth.setup` put it in the keyring (issue 15 item 2). The function that
 * does it, `sealExistingProtectedValues(ctx)` (electron/backend/keys/seal-existing.ts), is on
 * branch h15-crypt, not on this one: at the merge, this body becomes that one call.
 */
import type { ServiceContext } from '../context';

export async function sealProtectedAfterSetup(ctx: ServiceContext): Promise<void> {
  // MERGE h15-crypt: `await sealExistingProtectedValues(ctx);` (import from '../keys/seal-existing').
  void ctx;
  await Promise.resolve();
}
