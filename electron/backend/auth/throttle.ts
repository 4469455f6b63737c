/**
 * The wait after wrong passwords (issue 15 item 1). One count for the whole copy of the app, kept
 * in the database (auth_settings) so restarting does not reset it, and the same whatever name was
 * typed: a count per account would tell which names exist (docs/decisions.md (h15-auth)).
 */

/** Failures allowed before the first wait. */
export const FREE_FAILURES = 2;
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;

/** Seconds the next attempt must wait after `failures` wrong attempts in a row: 0, 0, 30, 60, 120, … 900. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES - 1), MAX_WAIT_SECONDS);
}

/** Seconds still to wait at `now`, rounded up (0: an attempt is accepted). */
export function waitSeconds(failures: number, lastFailureAt: string | null, now: Date): number {
  const delay = delayAfter(failures);
  if (delay === 0 || lastFailureAt === null) return 0;
  const until = Date.parse(lastFailureAt) + delay * 1000;
  // A clock set back before the last failure waits the whole delay, not longer.
  const left = Math.min(until - now.getTime(), delay * 1000);
  return left > 0 ? Math.ceil(left / 1000) : 0;
}
