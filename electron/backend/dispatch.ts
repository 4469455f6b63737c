/**
 * Contract → handlers. Every call is checked here in the same order: the method exists, the input
 * parses, the handler runs, and the output is checked too; nothing thrown crosses the boundary raw.
 */
import { type z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput, type ParsedInput } from '../../shared/ipc/contract';
import { GENERIC_MESSAGES, type Result } from '../../shared/ipc/errors';
import { installVietnameseMessages, unsafeInputMessage } from '../../shared/ipc/messages';
import { findUnsafeInput } from '../../shared/lib/text-safety';
import { AppError } from './errors';
import { runtimeStorageError } from './db/failures';
import type { AccessCheck } from './auth/access-check';
import { checkOutput } from './output-check';

// Messages the schemas do not word themselves come from one Vietnamese error map with the
// field's name (shared/ipc/messages.ts), so no English and no library terms reach a person.
installVietnameseMessages();

export type Handler<M extends Method> = (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in Method]: Handler<M> };
/** The handlers of one feature's methods (a slice of the contract). */
export type HandlersFor<K extends Method> = { [M in K]: Handler<M> };

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchLog {
  error(message: string, err?: unknown): void;
}

function describeIssues(error: z.ZodError): { message: string; details: Record<string, string> } {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!(key in details)) details[key] = issue.message;
  }
  const first = error.issues[0];
  return { message: first ? first.message : GENERIC_MESSAGES.VALIDATION, details };
}

/** Where the data file is, so a storage failure can be named precisely (db/failures.ts). */
export interface DispatchStorage {
  databasePath?: string;
}

/**
 * @param access the role check of accounts (auth/access-check.ts), run before the input is even
 *   looked at; absent only where a test builds a dispatch over hand-made handlers.
 */
export function createDispatch(
  handlers: Handlers,
  log: DispatchLog = console,
  storage: DispatchStorage = {},
  access?: AccessCheck,
): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: GENERIC_MESSAGES.UNKNOWN_METHOD } };
    }
    const refused = access?.(method);
    if (refused) return { ok: false, error: refused };
    const spec = contract[method];
    // Control characters, bidi overrides, lone surrogates and prototype keys are refused in every
    // string and key of every input, before the schema (docs/decisions.md (h3-hostile)).
    const unsafe = findUnsafeInput(input);
    if (unsafe) {
      const message = unsafeInputMessage(unsafe);
      return { ok: false, error: { code: 'VALIDATION', message, details: { [unsafe.path.join('.') || '_']: message } } };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, details } = describeIssues(parsed.error);
      return { ok: false, error: { code: 'VALIDATION', message, details } };
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      const out = await checkOutput(spec.output, value);
      if (!out.success) {
        log.error(`dispatch: ${method} returned a value that does not match its contract`, out.error);
        return { ok: false, error: { code: 'INTERNAL', message: GENERIC_MESSAGES.INTERNAL } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      if (err instanceof AppError) {
        const error = err.details
          ? { code: err.code, message: err.message, details: err.details }
          : { code: err.code, message: err.message };
        return { ok: false, error };
      }
      log.error(`dispatch: ${method} failed`, err);
      // A full disk, a read-only or damaged file: code STORAGE and its own message; the cause is in the log above.
      const failure = runtimeStorageError(err, storage.databasePath);
      if (failure) return { ok: false, error: { code: failure.code, message: failure.message } };
      return { ok: false, error: { code: 'INTERNAL', message: GENERIC_MESSAGES.INTERNAL } };
    }
  };
}
