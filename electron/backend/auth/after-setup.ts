/**
 * The one call site for work that needs the office's data key the moment it first exists: a file
 * upgraded from before accounts still holds protected values in clear, and they are to be sealed
 * under the new key right after `auth.setup` (issue 15 item 2, h15-crypt's
 * `sealExistingProtectedValues(ctx)` in electron/backend/keys/). Until that function is merged this
 * does nothing: there is nothing encrypted yet, so nothing is left in clear that would not be anyway.
 */
import type { ServiceContext } from '../context';

export async function sealProtectedAfterSetup(ctx: ServiceContext): Promise<void> {
  // h15-crypt: `await sealExistingProtectedValues(ctx);` goes here (ctx.keyring holds the new key).
  void ctx;
  await Promise.resolve();
}
