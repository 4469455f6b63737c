/**
 * How a registry plugs into Excel templates, import (preview, then commit) and export. One spec per
 * RegistryId; the generic service in services/xlsx-import/import.service.ts does the file work, so every registry
 * gets the same behaviour: a template with headers and dropdowns, row errors in Vietnamese before
 * anything is written, idempotent re-import by natural key, and text-safe export.
 */
import type { RegistryId, ListFilter } from '../../../shared/domain/registries';
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';

export interface XlsxColumn {
  /** Stable key used by parseRow/exportRows. */
  key: string;
  /** The Vietnamese header written in row 1 and matched (ignoring case/diacritics) on import. */
  header: string;
  width?: number;
  required?: boolean;
  /** Allowed values: written as a dropdown in the template, checked on import by the spec. */
  options?: readonly string[];
  /** An example value shown in the template's second sheet (Hướng dẫn). */
  example?: string;
  /** A short explanation for the instructions sheet. */
  note?: string;
}

export type CellValue = string | number | null;

export interface RowIssue {
  /** The column key the problem is in, or null for the whole row. */
  column: string | null;
  message: string;
}

/**
 * `warnings`: what the officer should look at before writing this row (e.g. it is nearly the same as
 * a stored record); the row is written only when the officer accepts the file's warnings.
 */
export type ParseResult<T> = { ok: true; value: T; label: string; warnings?: string[] } | { ok: false; errors: RowIssue[] };

export type ImportStatus = 'new' | 'update' | 'unchanged';

/** What `prepare` may look at: the file's cell texts, row by row, and a way to yield. */
export interface ImportFile {
  rows: readonly Readonly<Record<string, string>>[];
  /** Yields to the host when the current slice is used up; throws CANCELLED once the person cancelled. */
  checkpoint(): Promise<void>;
}

export interface ImportSpec<T, L = unknown> {
  id: RegistryId;
  /** Vietnamese sheet title, also used for the template and export file names. */
  title: string;
  columns: readonly XlsxColumn[];
  /**
   * Loads, once per import, what parseRow needs (e.g. units by name and code). `file` holds the
   * file's rows as read (before parsing): a spec whose stored records are many (the activity
   * records) reads only the ones the file's rows can match, through an index, never the whole
   * table. `file.checkpoint()` lets the host answer other calls during a long read. Without `file`
   * (a caller that parses rows itself) the spec loads what any row could need.
   */
  prepare(ctx: ServiceContext, file?: ImportFile): Promise<L>;
  /**
   * Turns one row's cell texts (keyed by column key, trimmed, '' when empty; dates already as
   * dd/MM/yyyy) into a value, or lists what is wrong in Vietnamese. Must not write anything.
   */
  parseRow(cells: Readonly<Record<string, string>>, lookup: L): ParseResult<T>;
  /**
   * Same key = same record: importing the same file twice must create nothing new. Two rows of one
   * file with the same key are the same row written twice when their values are equal (the second is
   * skipped), and an error when they differ.
   */
  naturalKey(value: T): string;
  /**
   * Optional near-duplicate rule: two rows of a file with different natural keys but the same
   * similar key (e.g. same date, unit and content, different attendance) are probably the same
   * record entered twice; the later one carries a warning naming what differs (`differences`).
   * null: the row takes no part (e.g. it names the stored record it updates).
   */
  similarKey?(value: T): string | null;
  /** What differs between two values, one Vietnamese phrase per field ("Lượt người: 120 / 150"). */
  differences?(a: T, b: T, lookup: L): string[];
  /** The ISO day a value is placed on in the lists (their period filter), or null: the commit reports the span written. */
  placement?(value: T): string | null;
  /**
   * Optional: rules that need the stored records and all rows together (a registration checked
   * against its year exactly as the service checks it). One list of Vietnamese messages per value,
   * in order; a value with any becomes an error row. Reads through `db` (commit's transaction).
   */
  checkRows?(db: Db, ctx: ServiceContext, values: readonly T[]): Promise<string[][]>;
  /**
   * For each value, in order: would it create a record, change one, or leave one as it is? `ctx`
   * (the import passes it) opens encrypted columns for the comparison (keys/fields.ts). `pause`
   * (the import's job checkpoint) is awaited between the pieces of a long classification (reads by
   * chunk, comparisons), so the host answers other calls meanwhile.
   */
  classify(db: Db, values: readonly T[], ctx?: ServiceContext, pause?: () => Promise<void>): Promise<ImportStatus[]>;
  /**
   * Writes the values inside the caller's transaction (insert or update by natural key). `pause`
   * (the import's job checkpoint) is awaited every few hundred values of a loop that runs no query
   * (between queries the long-write connection pauses by itself: db/long-write.ts).
   */
  apply(db: Db, ctx: ServiceContext, values: readonly T[], pause?: () => Promise<void>): Promise<void>;
  /** Rows for export keyed by column key; an exported file can be imported back unchanged. */
  exportRows(ctx: ServiceContext, filter: ListFilter): Promise<Record<string, CellValue>[]>;
}

/** Registries register their specs here through their handlers module (see services/xlsx-import/registry.ts). */
export type AnySpec = ImportSpec<unknown, unknown>;
