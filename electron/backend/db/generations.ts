/**
 * A counter per table, moved by every commit that wrote to it: what a cache of figures computed
 * from some tables keys itself on, so an edit anywhere in those tables makes it stale (issue 16
 * item 4). The counters are moved by the audit hook right before COMMIT (audit/recorder.ts), from
 * the rows the connection's temp triggers noted, so every write path that the audit log sees moves
 * them; a commit that then fails only makes a cache recompute once, never serve a stale figure.
 * Each opened file has its own epoch: a restore opens a new one, so no key survives a swap.
 */
import { randomUUID } from 'node:crypto';

/** What a commit touched: table names, and per table the keys of the rows (bounded; see the audit repo). */
export interface CommitTouch {
  table: string;
  ids: readonly string[];
  /** Rows changed; may exceed ids.length when the audit repo stopped keeping keys. */
  count: number;
  /**
   * The calendar years ('2026') the changed rows were placed in, before and after the change (an
   * activity table's placement, repos/placement-touch.repo.ts). Absent, or holding '*': any year.
   */
  years?: readonly string[] | undefined;
}

export type TouchListener = (touched: readonly CommitTouch[]) => void;

export class TableGenerations {
  readonly epoch = randomUUID();
  readonly #counts = new Map<string, number>();
  readonly #listeners = new Set<TouchListener>();
  /** Per table, the commits that touched it without saying which years ('*' or no years). */
  readonly #anyYear = new Map<string, number>();
  /** Per `table|year`, the commits that touched rows placed in that year. */
  readonly #years = new Map<string, number>();
  #all = 0;

  /** Called by the audit hook before each COMMIT with what the transaction touched. */
  touched(touched: readonly CommitTouch[]): void {
    if (touched.length === 0) return;
    for (const t of touched) {
      this.#counts.set(t.table, (this.#counts.get(t.table) ?? 0) + 1);
      if (!t.years || t.years.includes('*')) this.#anyYear.set(t.table, (this.#anyYear.get(t.table) ?? 0) + 1);
      else for (const y of t.years) this.#years.set(`${t.table}|${y}`, (this.#years.get(`${t.table}|${y}`) ?? 0) + 1);
    }
    for (const listener of this.#listeners) listener(touched);
  }

  /** Every table at once: a write that cannot say what it touched (a bulk raw step, a file swap). */
  bumpAll(): void {
    this.#all++;
    for (const listener of this.#listeners) listener([]);
  }

  /** The generation of one table (0 until a commit touches it). */
  of(table: string): number {
    return (this.#counts.get(table) ?? 0) + this.#all;
  }

  /** One string that changes whenever any of `tables` is written (and differs between files). */
  key(tables: readonly string[]): string {
    return `${this.epoch}:${this.#all}:${tables.map((t) => this.#counts.get(t) ?? 0).join('.')}`;
  }

  /**
   * One string that changes whenever a commit touches a row of `table` placed in `year` (before or
   * after the change), touches `table` without saying the years, or every table moves: what a value
   * computed from one year of one activity table keys itself on (services/period-slices.ts).
   */
  yearKey(table: string, year: string): string {
    return `${this.epoch}:${this.#all}:${this.#anyYear.get(table) ?? 0}:${this.#years.get(`${table}|${year}`) ?? 0}`;
  }

  /**
   * Per-row invalidation (a per-subject cache): the listener gets each commit's touched rows. An
   * empty list means "everything may have changed". Returns the function that unsubscribes.
   */
  subscribe(listener: TouchListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
