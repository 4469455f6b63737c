/**
 * The one call site for work that needs the office's data key the moment it first exists: a file
 * upgraded from before accounts still holds protected values in clear, and they are sealed under
 * the new key right after `auth.setup` put it in the keyring (issue 15 item 2,
 * keys/seal-existing.ts).
 */
import type { ServiceContext } from '../context';
import { sealExistingProtectedValues } from '../keys/seal-existing';

export async function sealProtectedAfterSetup(ctx: ServiceContext): Promise<void> {
  await sealExistingProtectedValues(ctx);
}
