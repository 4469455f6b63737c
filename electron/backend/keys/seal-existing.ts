/**
 * Seals the plaintext values an upgraded file still holds in the encrypted columns (issue 15 item
 * 2): accounts call it right after set-up puts the new data key in the keyring. One transaction:
 * every plaintext value of every column the table registry marks `encrypted` is sealed to its row;
 * values already sealed are left as they are, so running it again changes nothing.
 *
 * secure_delete (db/open.ts) zeroes the old cells as they are rewritten; the caller's next
 * checkpoint moves the new pages into the main file. Copies made before (the backup before the
 * migration) still hold the old values: docs/decisions.md (h15-crypt) says what is done about them.
 */
import type { ServiceContext } from '../context';
import { encryptedTables } from '../../../shared/domain/table-registry';
import { rewriteEncryptedValues, storedEncryptedValues } from '../repos/encrypted-fields.repo';
import { fieldsOf } from './fields';
import { isSealed } from './field-cipher';

export interface SealReport {
  /** Values sealed now, per table. */
  sealed: Record<string, number>;
  /** Values found already sealed (left as they are). */
  alreadySealed: number;
}

export async function sealExistingProtectedValues(ctx: ServiceContext): Promise<SealReport> {
  const fields = fieldsOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const report: SealReport = { sealed: {}, alreadySealed: 0 };
    for (const { table, columns } of encryptedTables()) {
      const key = table.key[0]!;
      let count = 0;
      for (const row of await storedEncryptedValues(trx, table.name, key, columns)) {
        const changed: Record<string, string | null> = {};
        for (const [column, value] of Object.entries(row.values)) {
          if (value === null) continue;
          if (isSealed(value)) report.alreadySealed++;
          else changed[column] = fields.seal(table.name, column, row.id, value);
        }
        const n = Object.keys(changed).length;
        if (n === 0) continue;
        await rewriteEncryptedValues(trx, table.name, key, row.id, changed);
        count += n;
      }
      report.sealed[table.name] = count;
    }
    return report;
  });
}
