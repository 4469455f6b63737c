/**
 * The record checks the office's own screens run, applied to a snapshot's stored rows: a row is
 * mapped back to the contract's input (snake_case column → camelCase field, 0/1 → boolean where
 * the field is a yes/no) and checked with the same zod schema and cross-field rules. Only record
 * kinds whose table columns are their contract's fields one for one are listed; every other table
 * is checked by type, id shape and the database's own CHECK constraints at insert time.
 */
import type { z } from 'zod';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS, checkActivity, type ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../shared/ipc/contracts/activities.contract';
import { ACTIVITY_TABLES } from '../db/tables/activities';

type Cell = string | number | null;
/** A reason in Vietnamese (no final full stop), or null when the row is fine. */
export type RowCheck = (row: Readonly<Record<string, Cell>>) => string | null;

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return issue.message.replace(/\.$/, '');
}

function activityCheck(kind: ActivityKind): RowCheck {
  const schema = ACTIVITY_INPUTS[kind];
  const bools = new Set(ACTIVITY_FIELDS[kind].filter((f) => f.type === 'bool').map((f) => f.key));
  const fields = Object.keys(schema.shape);
  return (row) => {
    const input: Record<string, unknown> = {};
    for (const field of fields) {
      const v = row[snake(field)] ?? null;
      if (bools.has(field)) {
        if (v !== 0 && v !== 1) return `cột "${snake(field)}" chỉ nhận 0 hoặc 1`;
        input[field] = v === 1;
      } else input[field] = v;
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return firstIssue(parsed.error);
    const cross = Object.values(checkActivity(kind, parsed.data as Record<string, unknown>));
    return cross.length > 0 ? cross[0]!.replace(/\.$/, '') : null;
  };
}

const CHECKS: ReadonlyMap<string, RowCheck> = new Map(ACTIVITY_KINDS.map((kind) => [ACTIVITY_TABLES[kind], activityCheck(kind)]));

/** The screens' check of a table's rows, when the table has one. */
export function domainCheckOf(table: string): RowCheck | null {
  return CHECKS.get(table) ?? null;
}

/** Tables whose rows go through the screens' checks (for the format documentation and tests). */
export function tablesWithDomainChecks(): string[] {
  return [...CHECKS.keys()];
}
