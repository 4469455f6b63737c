/**
 * How a stored row of a snapshot is checked with the office's own screens: a row is mapped back to
 * the input of the contract method the screen saves it with (each input field read from a column,
 * 0/1 turned back into yes/no, a JSON column parsed), parsed with that method's own zod schema —
 * imported from the contract, built once when this module loads, never per row — and then given to
 * the cross-field rules the service applies on save (shared/domain). A refusal names the column the
 * failing field came from: `cột "name": Tên đơn vị không được để trống`.
 *
 * The forms of each table are listed in payload-checks.ts; the rules that look at several rows (a
 * model's sites, a member's organisation) in payload-cross.ts.
 */
import type { z } from 'zod';
import type { Rubric } from '../../../shared/domain/criteria/rubric';
import type { contract } from '../../../shared/ipc/contract';

export type Cell = string | number | null;
export type Row = Readonly<Record<string, Cell>>;

/** What a check may need beyond the row: the importer's date and the rubrics it holds. */
export interface CheckContext {
  /** yyyy-MM-dd: the screens refuse dates after "today" (the importer's day). */
  today: string;
  /** The rubric file a stored score was entered against, by its hash, or null when not held here. */
  rubric(hash: string): Rubric | null;
}

/** A check that needs neither: far-future "today", no rubric (tests, tools). */
export const NO_CONTEXT: CheckContext = { today: '9999-12-31', rubric: () => null };

/** A value a column cannot be read as (not 0/1, not JSON): the reason, in Vietnamese. */
class Unreadable {
  constructor(readonly reason: string) {}
}

/** Where an input field's value comes from. */
export type Source =
  | { kind: 'column'; column: string; read: (v: Cell) => unknown }
  | { kind: 'group'; fields: Readonly<Record<string, Source>> }
  | { kind: 'value'; value: unknown };

/** The column as it is. */
export const col = (column: string): Source => ({ kind: 'column', column, read: (v) => v });

/** A yes/no stored as 0/1. */
export const flag = (column: string): Source => ({
  kind: 'column',
  column,
  read: (v) => (v === 1 ? true : v === 0 ? false : new Unreadable('chỉ nhận 0 hoặc 1')),
});

/** A yes/no/unknown stored as 0/1/NULL. */
export const nullableFlag = (column: string): Source => ({
  kind: 'column',
  column,
  read: (v) => (v === null ? null : v === 1 ? true : v === 0 ? false : new Unreadable('chỉ nhận 0, 1 hoặc để trống')),
});

/** A text the form sends as '' for "none" where the column stores NULL. */
export const emptyIfNull = (column: string): Source => ({ kind: 'column', column, read: (v) => (v === null ? '' : v) });

/** A column holding JSON text (an array, an object). */
export const json = (column: string): Source => ({
  kind: 'column',
  column,
  read: (v) => {
    if (typeof v !== 'string') return new Unreadable('phải là chuỗi JSON');
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return new Unreadable('không phải JSON hợp lệ');
    }
  },
});

/** One column given as a one-element list (a declaration row is one group of the form's list). */
export const listOf = (column: string): Source => ({ kind: 'column', column, read: (v) => [v] });

/** A fixed value (the step a registration's dates stand for). */
export const value = (v: unknown): Source => ({ kind: 'value', value: v });

/** Several columns as one object field of the input. */
export const group = (fields: Readonly<Record<string, Source>>): Source => ({ kind: 'group', fields });

/** A field's problem from a cross-field rule: field key → Vietnamese sentence. */
export type FieldErrors = Readonly<Record<string, string>>;

export type ContractMethod = keyof typeof contract;

/** One screen's form as a row of a table is checked with it. */
export interface Form {
  /** The contract method whose input the row is checked as ("part of" when a piece of its schema is used). */
  method: ContractMethod;
  schema: z.ZodType;
  fields: Readonly<Record<string, Source>>;
  /** Only rows where this holds (an end date set: the "end" form). */
  when?: (row: Row) => boolean;
  /** The service's cross-field rules on the parsed input. */
  cross?: (input: Record<string, unknown>, row: Row, ctx: CheckContext) => FieldErrors | string | null;
}

/** The reason of a row check, or null when the row is fine. */
export type RowCheck = (row: Row, ctx: CheckContext) => string | null;

/** The column behind an issue's path (`counts.ky_luat_can_bo` → its column), or null. */
function columnAt(fields: Readonly<Record<string, Source>>, path: readonly PropertyKey[]): string | null {
  let source: Source | undefined = fields[String(path[0])];
  let i = 1;
  while (source?.kind === 'group') source = source.fields[String(path[i++])];
  return source?.kind === 'column' ? source.column : null;
}

/** Zod's own messages are English: those that are not the contract's Vietnamese ones become a plain reason. */
function vietnamese(message: string): string {
  const text = message.replace(/\.$/, '');
  return /[^\u0020-\u007e]/.test(text) ? text : 'giá trị không hợp lệ';
}

function named(column: string | null, reason: string): string {
  return column === null ? reason : `cột "${column}": ${reason}`;
}

function firstFieldError(fields: Form['fields'], errors: FieldErrors | string | null): string | null {
  if (errors === null) return null;
  if (typeof errors === 'string') return errors.replace(/\.$/, '');
  const first = Object.entries(errors)[0];
  if (!first) return null;
  return named(columnAt(fields, [first[0]]), first[1].replace(/\.$/, ''));
}

function inputOf(fields: Form['fields'], row: Row): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const [field, source] of Object.entries(fields)) {
    if (source.kind === 'value') out[field] = source.value;
    else if (source.kind === 'column') {
      const v = source.read(row[source.column] ?? null);
      if (v instanceof Unreadable) return `cột "${source.column}" ${v.reason}`;
      out[field] = v;
    } else {
      const inner = inputOf(source.fields, row);
      if (typeof inner === 'string') return inner;
      out[field] = inner;
    }
  }
  return out;
}

/** Checks one row with one form: null when it passes, else the reason naming the column. */
export function checkWithForm(form: Form, row: Row, ctx: CheckContext): string | null {
  if (form.when && !form.when(row)) return null;
  const input = inputOf(form.fields, row);
  if (typeof input === 'string') return input;
  const parsed = form.schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return named(columnAt(form.fields, issue.path), vietnamese(issue.message));
  }
  return form.cross ? firstFieldError(form.fields, form.cross(parsed.data as Record<string, unknown>, row, ctx)) : null;
}

/** A table's check: each of its forms in turn, the first failure wins. */
export function formsCheck(forms: readonly Form[]): RowCheck {
  return (row, ctx) => {
    for (const form of forms) {
      const reason = checkWithForm(form, row, ctx);
      if (reason !== null) return reason;
    }
    return null;
  };
}

/** The column of a camelCase field (`birthYear` → `birth_year`). */
export function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The fields of a schema read from the same-named snake_case columns, some given otherwise. */
export function fieldsOf(schema: z.ZodObject, overrides: Readonly<Record<string, Source>> = {}): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const key of Object.keys(schema.shape)) out[key] = overrides[key] ?? col(snake(key));
  return out;
}

/** Any of the columns holds a value. */
export const anySet =
  (...columns: string[]) =>
  (row: Row): boolean =>
    columns.some((c) => row[c] !== null && row[c] !== undefined);
