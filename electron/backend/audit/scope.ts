/**
 * Who is acting and through which method, for the audit log: an AsyncLocalStorage scope opened
 * around every dispatched call (audit-handlers.ts) and read when a transaction commits
 * (recorder.ts). Carrying it in the async context, rather than as an argument, lets every service
 * keep its signature: the database layer finds the actor itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditKind } from '../../../shared/domain/audit';

/** The account acting, as it is at the time of the call (null: the app itself, "Hệ thống"). */
export interface AuditActor {
  id: string;
  name: string;
  role: string;
}

/** An entry asked for explicitly: a view of protected data, a backup, a restore. */
export interface AuditNote {
  kind: AuditKind;
  summary: string;
  ids: readonly string[];
  /** The method named in the entry when it is not the call's own (the automatic backup). */
  method?: string;
}

export interface AuditScope {
  actor: AuditActor | null;
  method: string;
  /** The note the next commit writes (then cleared). */
  pending: AuditNote | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

export function withAuditScope<T>(actor: AuditActor | null, method: string, fn: () => T): T {
  return storage.run({ actor, method, pending: null }, fn);
}

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** Runs `fn` with `note` pending in the current scope (a fresh "Hệ thống" scope when there is none). */
export function withAuditNote<T>(note: AuditNote, fn: () => T): T {
  const current = storage.getStore();
  return storage.run({ actor: current?.actor ?? null, method: note.method ?? current?.method ?? 'system', pending: note }, fn);
}

/** Asks the current call's next commit for an entry (a view of protected data); outside a call, nothing. */
export function noteAudit(note: AuditNote): void {
  const scope = storage.getStore();
  if (scope) scope.pending = note;
}
