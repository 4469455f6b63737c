/**
 * The protected-field codec of a session: seals and opens the columns the table registry marks
 * `encrypted`, with the data key the keyring holds. Repos take one of these wherever they read or
 * write such a column, so a row never leaves a repo with a sealed value and never reaches the file
 * with a plaintext one.
 *
 * Without a key (locked, or a context built without a keyring) sealing or opening a value throws
 * LOCKED; a NULL stays NULL and needs no key.
 */
import { tableSpec } from '../../../shared/domain/table-registry';
import { AppError } from '../errors';
import type { KeyRing } from './keyring';
import { isSealed, openValue, sealValue } from './field-cipher';

export interface FieldCodec {
  /** The stored text of a value of `table.column` in the row `rowId` (NULL stays NULL). */
  seal(table: string, column: string, rowId: string, value: string | null): string | null;
  /** The plaintext of a stored value (NULL stays NULL); refuses a value that does not open there. */
  open(table: string, column: string, rowId: string, stored: string | null): string | null;
}

function checkEncrypted(table: string, column: string): void {
  if (!tableSpec(table).encrypted.includes(column)) throw new Error(`${table}.${column} is not an encrypted column in the table registry`);
}

const NO_KEY = (): Buffer => {
  throw new AppError('LOCKED', 'Phiên làm việc đã khóa. Hãy đăng nhập lại.');
};

/** The codec over a keyring (absent: every non-NULL value is refused with LOCKED). */
export function fieldCodec(keyring: KeyRing | undefined): FieldCodec {
  const key = () => (keyring ? keyring.current() : NO_KEY());
  return {
    seal(table, column, rowId, value) {
      checkEncrypted(table, column);
      return value === null ? null : sealValue(key(), { table, column, rowId }, value);
    },
    open(table, column, rowId, stored) {
      checkEncrypted(table, column);
      return stored === null ? null : openValue(key(), { table, column, rowId }, stored);
    },
  };
}

/** The codec of a service context. */
export function fieldsOf(ctx: { keyring?: KeyRing | undefined }): FieldCodec {
  return fieldCodec(ctx.keyring);
}

type Row = Record<string, unknown>;

function rowIdOf(table: string, row: Row): string {
  const id = row[tableSpec(table).key[0]!];
  if (typeof id !== 'string') throw new Error(`${table}: a row without its key cannot hold an encrypted value`);
  return id;
}

/** A whole row (as the hand-off moves them) with its encrypted columns sealed; other columns as they are. */
export function sealRow<R extends Row>(codec: FieldCodec, table: string, row: R): R {
  const columns = tableSpec(table).encrypted.filter((c) => c in row);
  if (columns.length === 0) return row;
  const out: Row = { ...row };
  const id = rowIdOf(table, row);
  for (const c of columns) {
    const v = row[c];
    if (v !== null && typeof v !== 'string') throw new Error(`${table}.${c}: an encrypted column holds text`);
    out[c] = codec.seal(table, c, id, v);
  }
  return out as R;
}

/** A whole row read from the file with its encrypted columns opened. */
export function openRow<R extends Row>(codec: FieldCodec, table: string, row: R): R {
  const columns = tableSpec(table).encrypted.filter((c) => c in row);
  if (columns.length === 0) return row;
  const out: Row = { ...row };
  const id = rowIdOf(table, row);
  for (const c of columns) out[c] = codec.open(table, c, id, (row[c] ?? null) as string | null);
  return out as R;
}

export { isSealed };
