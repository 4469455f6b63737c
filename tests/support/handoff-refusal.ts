/**
 * The reason code of the HandoffRefusal a call throws (anything else is rethrown; no throw at all
 * fails the test): the hand-off module tests' one way to assert a refusal.
 */
import { HandoffRefusal } from '../../electron/backend/handoff/texts';

export function refusalReason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof HandoffRefusal) return err.reason;
    throw err;
  }
  throw new Error('expected a refusal');
}

export async function refusalReasonAsync(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HandoffRefusal) return err.reason;
    throw err;
  }
  throw new Error('expected a refusal');
}
