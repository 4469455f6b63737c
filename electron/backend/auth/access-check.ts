/**
 * The role check dispatch runs before anything else of a call (issue 15 item 1): the declared map
 * of shared/ipc/access.ts against the open session. No session (never opened, locked, or idle too
 * long) → LOCKED, except the public methods; a role the method does not list → FORBIDDEN naming
 * the roles that may. A call let through counts as activity for the idle lock, except the polled
 * ones (PASSIVE_METHODS).
 */
import type { Method } from '../../../shared/ipc/contract';
import { forbiddenMessage, isAllowed, isPublic, PASSIVE_METHODS } from '../../../shared/ipc/access';
import type { ErrorBody } from '../../../shared/ipc/errors';
import type { SessionState } from './session';
import { AUTH_TEXTS } from './texts';

export type AccessCheck = (method: Method) => ErrorBody | null;

export function createAccessCheck(state: SessionState): AccessCheck {
  return (method) => {
    if (isPublic(method)) return null;
    const user = state.current();
    if (!user) return { code: 'LOCKED', message: AUTH_TEXTS.needSession };
    if (!isAllowed(method, user.role)) return { code: 'FORBIDDEN', message: forbiddenMessage(method, user.role) };
    if (!PASSIVE_METHODS.has(method)) state.touch();
    return null;
  };
}
