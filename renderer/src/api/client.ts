/**
 * The typed client: method names, inputs and outputs all come from the shared contract, so a call
 * that does not match it does not compile. Failures arrive as ApiError with a Vietnamese message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Method, MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import type { ErrorBody, ErrorCode } from '../../../shared/ipc/errors';
import { defaultTransport, type Transport } from './transport';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string>;
  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details ?? {};
  }
}

let transport: Transport | null = null;

export function setTransport(t: Transport): void {
  transport = t;
}

/**
 * Listeners told when any call comes back LOCKED (the session was locked behind the screen's back:
 * the OS screen lock under Electron, another tab's idle lock): the app then shows its lock screen.
 */
const lockedListeners = new Set<() => void>();

export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  transport ??= defaultTransport();
  const result = await transport(method, input);
  if (!result.ok) {
    if (result.error.code === 'LOCKED') for (const l of lockedListeners) l();
    throw new ApiError(result.error);
  }
  return result.value as MethodOutput<M>;
}

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a value and loads it again when `key` changes or reload() is called: the loading and error
 * handling every screen's query shares (useQuery here; useLongQuery in components/LongTask.tsx runs
 * each load as a watched job). A `null` key means there is nothing to ask yet: no load is made, and
 * the previous key's error is never shown against the new question. `onObsolete` runs when a load's
 * answer is no longer wanted (the key changed, the screen closed).
 */
export function useLoader<T>(load: () => Promise<T>, key: string | null, onObsolete?: () => void): Query<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const obsoleteRef = useRef(onObsolete);
  obsoleteRef.current = onObsolete;

  useEffect(() => {
    let live = true;
    setError(null);
    if (key === null) {
      setLoading(false);
      return;
    }
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) }));
        setLoading(false);
      },
    );
    return () => {
      live = false;
      obsoleteRef.current?.();
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/**
 * Loads a method's result and reloads it when `key` changes or reload() is called.
 * A `null` key means there is nothing to ask yet (say, no rubric chosen): no call is made,
 * and the previous key's error is never shown against the new question.
 */
export function useQuery<M extends Method>(
  method: M,
  input: MethodInput<M>,
  key: string | null = JSON.stringify(input),
): Query<MethodOutput<M>> {
  const inputRef = useRef(input);
  inputRef.current = input;
  return useLoader(() => call(method, inputRef.current), key === null ? null : `${method}\u0000${key}`);
}
