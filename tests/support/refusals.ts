/**
 * The refusal check of the backend tests: a call that must fail with this code (or one of these),
 * a plain Vietnamese message (matching the pattern, or equal to the text), and the database exactly
 * as it was before the call.
 */
import { expect } from 'vitest';
import type { Method, MethodInput } from '../../shared/ipc/contract';
import type { ErrorBody } from '../../shared/ipc/errors';
import type { TestBackend } from './backend';
import { isVietnameseMessage } from './vietnamese';

export type ExpectRefused = <M extends Method>(
  method: M,
  input: MethodInput<M>,
  code: string | readonly string[],
  pattern?: RegExp | string,
) => Promise<ErrorBody>;

/** `backend` is read at each call (test files open a new backend in beforeEach); `dump` snapshots the database. */
export function refusalChecker(backend: () => TestBackend, dump: () => unknown): ExpectRefused {
  return async (method, input, code, pattern) => {
    const before = dump();
    const error = await backend().fail(method, input);
    if (typeof code === 'string') expect(error.code, error.message).toBe(code);
    else expect(code).toContain(error.code);
    expect(isVietnameseMessage(error.message), error.message).toBe(true);
    if (typeof pattern === 'string') expect(error.message).toBe(pattern);
    else if (pattern) expect(error.message).toMatch(pattern);
    expect(dump()).toEqual(before);
    return error;
  };
}
