/**
 * The record checks the office's own screens run, applied to a snapshot's stored rows: a row is
 * mapped back to the contract's input (snake_case column → camelCase field, 0/1 → boolean where
 * the field is a yes/no) and checked with the same zod schema and cross-field rules. Only record
 * kinds whose table columns are their contract's fields one for one are listed (the six activity
 * kinds, organisations, mass-organisation members); every other table
 * is checked by type, id shape and the database's own CHECK constraints at insert time.
 */
import type { z } from 'zod';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS, checkActivity, type ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../shared/ipc/contracts/activities.contract';
import { contract } from '../../../shared/ipc/contract';
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

interface Mapping {
  /** Fields that are yes/no (stored 0/1). */
  bools: ReadonlySet<string>;
  /** Fields whose form sends '' for "none" where the column stores NULL. */
  emptyForNull?: ReadonlySet<string>;
  /** Cross-field rules after the schema (reason or null). */
  cross?: (input: Record<string, unknown>) => string | null;
}

/** A check through a contract input schema whose fields are the table's columns in camelCase. */
function contractCheck(schema: z.ZodObject, mapping: Mapping): RowCheck {
  const fields = Object.keys(schema.shape);
  return (row) => {
    const input: Record<string, unknown> = {};
    for (const field of fields) {
      const v = row[snake(field)] ?? null;
      if (mapping.bools.has(field)) {
        if (v !== 0 && v !== 1) return `cột "${snake(field)}" chỉ nhận 0 hoặc 1`;
        input[field] = v === 1;
      } else input[field] = v === null && mapping.emptyForNull?.has(field) ? '' : v;
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return firstIssue(parsed.error);
    return mapping.cross ? mapping.cross(parsed.data) : null;
  };
}

function activityCheck(kind: ActivityKind): RowCheck {
  const bools = new Set(ACTIVITY_FIELDS[kind].filter((f) => f.type === 'bool').map((f) => f.key));
  return contractCheck(ACTIVITY_INPUTS[kind], {
    bools,
    cross: (input) => {
      const reasons = Object.values(checkActivity(kind, input));
      return reasons.length > 0 ? reasons[0]!.replace(/\.$/, '') : null;
    },
  });
}

const CHECKS: ReadonlyMap<string, RowCheck> = new Map([
  ...ACTIVITY_KINDS.map((kind) => [ACTIVITY_TABLES[kind], activityCheck(kind)] as const),
  [
    'organizations',
    contractCheck(contract['organizations.create'].input, {
      bools: new Set(['isArmedForces', 'bcaMonitored', 'hasPartyOrg', 'hasSecurityForce']),
      emptyForNull: new Set(['taxCode']),
    }),
  ],
  ['mass_org_members', contractCheck(contract['members.create'].input, { bools: new Set(), emptyForNull: new Set(['phone']) })],
]);

/** The screens' check of a table's rows, when the table has one. */
export function domainCheckOf(table: string): RowCheck | null {
  return CHECKS.get(table) ?? null;
}

/** Tables whose rows go through the screens' checks (for the format documentation and tests). */
export function tablesWithDomainChecks(): string[] {
  return [...CHECKS.keys()];
}
