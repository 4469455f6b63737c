/**
 * The province's policy of personal fields (issue 12 item 9): which personal columns (the table
 * registry's `personal` marks) an office's snapshot may carry up to the province. Everything not
 * named is left out. Stored in handoff_policy.personal_allowed_json and carried in the province
 * package; the shape is deliberately plain JSON: `{ "<table>": ["column", ...] }`, tables and
 * columns in registry order, no duplicates, no empty lists.
 */
import { z } from 'zod';
import { TABLES } from './table-registry';

export type PersonalPolicy = Readonly<Record<string, readonly string[]>>;

/** Tables that hold personal columns, with those columns, in registry order. */
export function personalTables(): { table: string; columns: readonly string[] }[] {
  return TABLES.filter((t) => t.personal.length > 0).map((t) => ({ table: t.name, columns: t.personal }));
}

/**
 * The policy schema: every table must be one with personal marks and every column one of its
 * marks. A policy naming anything else (another app version's registry, a hand-edited file) is
 * refused rather than partly applied.
 */
export const personalPolicySchema = z
  .record(z.string(), z.array(z.string()).min(1, { error: 'Danh sách trường của một bảng không được rỗng.' }))
  .superRefine((policy, ctx) => {
    const known = new Map(personalTables().map((t) => [t.table, t.columns]));
    for (const [table, columns] of Object.entries(policy)) {
      const allowed = known.get(table);
      if (!allowed) {
        ctx.addIssue({ code: 'custom', message: `Bảng "${table}" không có trường cá nhân nào.`, path: [table] });
        continue;
      }
      const seen = new Set<string>();
      for (const c of columns) {
        if (!allowed.includes(c))
          ctx.addIssue({ code: 'custom', message: `"${c}" không phải trường cá nhân của bảng "${table}".`, path: [table] });
        if (seen.has(c)) ctx.addIssue({ code: 'custom', message: `Trường "${c}" của bảng "${table}" bị lặp.`, path: [table] });
        seen.add(c);
      }
    }
  });

/** Nothing personal goes up: the policy in force before any package. */
export const EMPTY_POLICY: PersonalPolicy = Object.freeze({});

/** The same policy in registry order (tables and columns), so equal policies have equal JSON. */
export function normalisePolicy(policy: PersonalPolicy): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of personalTables()) {
    const chosen = policy[t.table];
    if (!chosen) continue;
    const cols = t.columns.filter((c) => chosen.includes(c));
    if (cols.length > 0) out[t.table] = cols;
  }
  return out;
}

/** The personal columns of a table the policy lets go up (empty: none). */
export function allowedPersonalColumns(policy: PersonalPolicy, table: string): readonly string[] {
  return policy[table] ?? [];
}

/** Column-level difference between two policies, for the office's preview. */
export function policyDifference(before: PersonalPolicy, after: PersonalPolicy): { table: string; added: string[]; removed: string[] }[] {
  const out: { table: string; added: string[]; removed: string[] }[] = [];
  for (const t of personalTables()) {
    const b = before[t.table] ?? [];
    const a = after[t.table] ?? [];
    const added = t.columns.filter((c) => a.includes(c) && !b.includes(c));
    const removed = t.columns.filter((c) => b.includes(c) && !a.includes(c));
    if (added.length > 0 || removed.length > 0) out.push({ table: t.table, added, removed });
  }
  return out;
}
