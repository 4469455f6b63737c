/**
 * Every handler runs inside an audit scope naming the method and the account acting, so whatever
 * the call commits is logged with them (scope.ts, recorder.ts). One wrapper over the whole handler
 * map, like the ownership guard: no service needs to know.
 */
import type { Handlers } from '../dispatch';
import type { ServiceContext } from '../context';
import { withAuditScope, type AuditActor } from './scope';

/** The account of the open session, or null (no session yet: the app acts, "Hệ thống"). */
export type ActorSource = () => AuditActor | null;

export function scopeHandlers(handlers: Handlers, actor: ActorSource): Handlers {
  const out: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const inner = handler as (input: unknown) => unknown;
    out[method] = (input: unknown) => withAuditScope(actor(), method, () => inner(input));
  }
  return out as Handlers;
}

/** The open session's account as the log records it (accounts: electron/backend/auth/session.ts). */
export function sessionActor(ctx: ServiceContext): ActorSource {
  return () => {
    const user = ctx.session?.() ?? null;
    return user ? { id: user.accountId, name: user.displayName || user.username, role: user.role } : null;
  };
}
