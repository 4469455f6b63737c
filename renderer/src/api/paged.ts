/**
 * Reads a paged list method (shared/ipc/common.ts pageRequest/pageResult) page by page as the table
 * scrolls. The pages read so far are kept only for the current question (filter, order, reload
 * count): a new filter, a new order or reload() — called after every edit — starts again from the
 * first page, while the rows already shown stay until that page arrives (no flash of an empty list).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Method, MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import type { SortDirection } from '../../../shared/ipc/common';
import { ApiError, call } from './client';

/** A long-task runner (components/LongTask.tsx useLongTask): watches a call made with a fresh job id. */
export interface PageTask {
  start: <T>(work: (jobId: string) => Promise<T>) => Promise<T>;
  cancel: () => void;
}

/** Rows per request: about five screens, well under the contract's limit. */
export const PAGE_SIZE = 100;

type PageOutput<R> = { offset: number; total: number; rows: R[] };
type PagedMethod = {
  [M in Method]: MethodInput<M> extends { page: { offset: number } } ? (MethodOutput<M> extends PageOutput<unknown> ? M : never) : never;
}[Method];
type RowOf<M extends PagedMethod> = MethodOutput<M> extends PageOutput<infer R> ? R : never;
type SortKeyOf<M extends PagedMethod> = MethodInput<M> extends { page: { sort: infer K } } ? K : never;

export interface PagedQuery<M extends PagedMethod> {
  /** The latest answer's extras (totals, year…) and size; undefined before the first page. */
  last: MethodOutput<M> | undefined;
  total: number;
  rowAt: (index: number) => RowOf<M> | undefined;
  /** Every row read so far for the current question (what a per-row lookup such as owners needs). */
  loaded: readonly RowOf<M>[];
  /** Reads the pages holding rows [first, last) that are not read yet. */
  ensure: (first: number, last: number) => void;
  loading: boolean;
  error: ApiError | null;
  /** Forgets every page read (after an edit) and reads the first one again. */
  reload: () => void;
  /** The `key` of the question `last` answers (a screen may hide an answer to another scope). */
  answered: string | undefined;
}

interface Snapshot<M extends PagedMethod> {
  generation: number;
  key?: string;
  last: MethodOutput<M> | undefined;
  pages: Map<number, RowOf<M>[]>;
}

export function usePagedQuery<M extends PagedMethod>(
  method: M,
  filter: Omit<MethodInput<M>, 'page'>,
  sort: { key: SortKeyOf<M>; dir: SortDirection },
  key: string,
  /** Ask for the first page's rows before the list is counted (the method answers `counted: false`), then count. */
  countLater = false,
  /**
   * For a method whose first page may run a long computation (the evaluation board): the first page
   * of each question is a watched job (progress and "Hủy"). `computes` names what the computation
   * is of (the board's year and scope): a new one, or the screen closing, cancels the running job.
   * Other questions (a category, a search, an order) need the same computation: their first page
   * waits for the running one to settle, so its progress stays on screen and "Hủy" stops it.
   */
  task?: { runner: PageTask; computes: string },
): PagedQuery<M> {
  const [reloads, setReloads] = useState(0);
  const [snap, setSnap] = useState<Snapshot<M>>({ generation: -1, last: undefined, pages: new Map() });
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const keyRef = useRef(key);
  keyRef.current = key;
  const taskRef = useRef(task?.runner);
  taskRef.current = task?.runner;
  /** The first page of a question being computed as a watched job, if any. */
  const running = useRef<Promise<unknown> | null>(null);
  const question = `${key}|${String(sort.key)}|${sort.dir}|${reloads}`;

  const fetchPage = useCallback(
    (gen: number, page: number, early = false) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const request = { offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort: sort.key, dir: sort.dir, ...(early ? { countLater: true } : {}) };
      const input = { ...filterRef.current, page: request } as unknown as MethodInput<M>;
      const answering = keyRef.current;
      const long = page === 0 ? taskRef.current : undefined;
      let asked: Promise<MethodOutput<M>>;
      if (long) {
        // An obsolete question never starts a computation of its own.
        const start = () =>
          gen === generation.current ? long.start((jobId) => call(method, { ...input, jobId })) : Promise.reject(new Error('obsolete'));
        const prior = running.current;
        asked = prior ? prior.then(start, start) : start();
        running.current = asked;
        const settled = () => {
          if (running.current === asked) running.current = null;
        };
        asked.then(settled, settled);
      } else asked = call(method, input);
      asked.then(
        (out) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          const result = out as MethodOutput<M> & PageOutput<RowOf<M>>;
          // Rows shown before the count: ask again, this time counted (the rows stay on screen meanwhile).
          if ((out as { counted?: boolean }).counted === false) fetchPage(gen, page);
          setSnap((prev) => {
            // The first page of a new question replaces everything read for the previous one.
            const pages = prev.generation === gen ? new Map(prev.pages) : new Map<number, RowOf<M>[]>();
            pages.set(page, result.rows);
            return { generation: gen, key: answering, last: result, pages };
          });
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setError(err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) }));
          setLoading(false);
        },
      );
    },
    [method, sort.key, sort.dir],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = new Set();
    setLoading(true);
    fetchPage(generation.current, 0, countLater);
    // `question` holds the filter's key, the order and the reload count.
  }, [question, fetchPage, countLater]);
  // A computation made obsolete (another year or scope, the screen closed) is cancelled.
  const computes = task?.computes;
  useEffect(() => () => taskRef.current?.cancel(), [computes]);

  const current = snap.generation === generation.current;
  const ensure = useCallback(
    (first: number, last: number) => {
      if (!current) return;
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last - 1) / PAGE_SIZE); p++) {
        if (!snap.pages.has(p)) fetchPage(snap.generation, p);
      }
    },
    [current, snap, fetchPage],
  );
  const rowAt = useCallback((i: number) => snap.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], [snap]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const loaded = useMemo(() => [...snap.pages.values()].flat(), [snap]);
  const total = (snap.last as PageOutput<unknown> | undefined)?.total ?? 0;
  return useMemo(
    () => ({ last: snap.last, total, rowAt, loaded, ensure, loading, error, reload, answered: snap.key }),
    [snap.last, total, rowAt, loaded, ensure, loading, error, reload, snap.key],
  );
}
