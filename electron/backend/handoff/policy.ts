/**
 * The policy of personal fields as stored in handoff_policy.personal_allowed_json (issue 12 item
 * 9). Shape: `{ "<table>": ["column", ...] }` (see shared/domain/handoff-policy.ts); a missing row
 * means EMPTY_POLICY (nothing personal goes up). The snapshot export reads it with
 * `parsePolicyJson(row?.personal_allowed_json ?? null)` and keeps only `allowedPersonalColumns`.
 */
import {
  EMPTY_POLICY,
  allowedPersonalColumns,
  normalisePolicy,
  personalPolicySchema,
  personalTables,
  type PersonalPolicy,
} from '../../../shared/domain/handoff-policy';

export { EMPTY_POLICY, allowedPersonalColumns, normalisePolicy, personalPolicySchema, personalTables, type PersonalPolicy };

/**
 * The stored JSON as a policy. Only a validated policy is ever written, so a row that no longer
 * parses is read as EMPTY_POLICY: leaving personal data out is the safe reading.
 */
export function parsePolicyJson(text: string | null): PersonalPolicy {
  if (text === null) return EMPTY_POLICY;
  try {
    const r = personalPolicySchema.safeParse(JSON.parse(text));
    return r.success ? normalisePolicy(r.data) : EMPTY_POLICY;
  } catch {
    return EMPTY_POLICY;
  }
}

/** The JSON text to store (registry order, so equal policies store equal text). */
export function policyJson(policy: PersonalPolicy): string {
  return JSON.stringify(normalisePolicy(policy));
}
