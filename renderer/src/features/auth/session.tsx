/**
 * The open session as the screens see it: who is logged in, with which role, and `can(method)` —
 * whether that role may call a contract method, read from the same matrix dispatch enforces
 * (shared/ipc/access.ts). Screens hide what `can` refuses; the backend refuses it anyway.
 */
import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { Text, Tooltip } from '@mantine/core';
import type { Method } from '../../../../shared/ipc/contract';
import { ROLE_LABELS, type Role } from '../../../../shared/domain/roles';
import { METHOD_ROLES, STEP_ROLES, isAllowed, isStepAllowed, isUndoAllowed } from '../../../../shared/ipc/access';
import type { AdvanceStep, WorkflowState } from '../../../../shared/domain/evaluation';
import type { SessionUser } from './status';
import { AUTH } from './texts';

export interface Session {
  user: SessionUser;
  can: (method: Method) => boolean;
  /** Locks now (the user menu's "Khóa màn hình"). */
  lock: () => void;
  /** Minutes without input before the app locks itself, as the backend holds them. */
  idleMinutes: number;
  /** Reloads the session (after the idle minutes change). */
  refresh: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}

/**
 * `can(method)` for the current user. Without a session (a screen rendered alone) nothing is
 * allowed, so a mistake shows too little rather than too much.
 */
export function useCan(): (method: Method) => boolean {
  const session = useContext(SessionContext);
  return session ? session.can : () => false;
}

/**
 * The evaluation steps the current role may take, and whether it may undo a subject's latest step
 * (STEP_ROLES: the same declaration the evaluation service enforces). No session: none.
 */
export function useStepAccess(): { canTake: (step: AdvanceStep) => boolean; canUndo: (state: WorkflowState) => boolean } {
  const role = useContext(SessionContext)?.user.role ?? null;
  return { canTake: (step) => isStepAllowed(step, role), canUndo: (state) => isUndoAllowed(state, role) };
}

/** The roles that may take a step, as people say them. */
export function stepRolesText(step: AdvanceStep): string {
  return STEP_ROLES[step].map((r) => ROLE_LABELS[r]).join(', ');
}

export function canRole(role: Role, method: Method): boolean {
  return isAllowed(method, role);
}

/** The roles that may call a method, as people say them ("Quản trị, Lãnh đạo"). */
export function rolesText(method: Method): string {
  const roles = METHOD_ROLES[method];
  return roles === 'public' ? '' : roles.map((r) => ROLE_LABELS[r]).join(', ');
}

interface AllowedProps {
  method: Method;
  children: ReactNode;
  /** Shown instead when the role may not (e.g. <OnlyRoles />); nothing by default. */
  fallback?: ReactNode;
  /** Shown greyed inside a tooltip naming the roles that may (for actions people look for). */
  disabled?: ReactNode;
}

/** Renders its children only when the current role may call `method`. */
export function Allowed({ method, children, fallback = null, disabled }: AllowedProps) {
  const can = useCan();
  if (can(method)) return <>{children}</>;
  if (disabled === undefined) return <>{fallback}</>;
  return (
    <Tooltip label={AUTH.onlyRoles(rolesText(method))}>
      <span>{disabled}</span>
    </Tooltip>
  );
}

/**
 * A form or a group of buttons shown to every role but usable only by a role that may call
 * `method`: for the others it sits in a disabled fieldset (every input and button inside disabled),
 * with the roles that may as its title. Like LockedActions for a row an office sent.
 */
export function RoleLocked({ method, children, style }: { method: Method; children: ReactNode; style?: CSSProperties }) {
  const can = useCan();
  if (can(method)) return <>{children}</>;
  return (
    <fieldset
      disabled
      title={AUTH.onlyRoles(rolesText(method))}
      style={{ border: 0, margin: 0, padding: 0, minWidth: 0, ...style }}
      data-testid="role-lock"
    >
      {children}
    </fieldset>
  );
}

/** "Chỉ Quản trị, Lãnh đạo được thực hiện." in place of an action the role may not do. */
export function OnlyRoles({ method }: { method: Method }) {
  return (
    <Text size="sm" c="dimmed" data-testid="only-roles">
      {AUTH.onlyRoles(rolesText(method))}
    </Text>
  );
}
