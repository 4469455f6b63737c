import { describe, expect, it } from 'vitest';
import {
  EMPTY_POLICY,
  allowedPersonalColumns,
  normalisePolicy,
  personalPolicySchema,
  personalTables,
  policyDifference,
} from '../../../shared/domain/handoff-policy';
import { parsePolicyJson, policyJson } from '../../../electron/backend/handoff/policy';

describe('policy of personal fields', () => {
  it('offers exactly the tables with personal marks', () => {
    const tables = personalTables().map((t) => t.table);
    expect(tables).toContain('mass_org_members');
    expect(tables).toContain('awards');
    expect(tables).not.toContain('tip_informants');
  });

  it('accepts registry columns and refuses others, duplicates and empty lists', () => {
    expect(personalPolicySchema.safeParse({ mass_org_members: ['full_name', 'phone'] }).success).toBe(true);
    expect(personalPolicySchema.safeParse({ tip_informants: ['name'] }).success).toBe(false);
    expect(personalPolicySchema.safeParse({ mass_org_members: ['unit_id'] }).success).toBe(false);
    expect(personalPolicySchema.safeParse({ awards: ['recipient_name', 'recipient_name'] }).success).toBe(false);
    expect(personalPolicySchema.safeParse({ awards: [] }).success).toBe(false);
    expect(personalPolicySchema.safeParse(['awards']).success).toBe(false);
  });

  it('normalises to registry order and stores equal policies as equal text', () => {
    const a = policyJson({ mass_org_members: ['phone', 'full_name'], awards: ['recipient_name'] });
    const b = policyJson({ awards: ['recipient_name'], mass_org_members: ['full_name', 'phone'] });
    expect(a).toBe(b);
    expect(Object.keys(normalisePolicy(JSON.parse(a) as Record<string, string[]>))).toEqual(['mass_org_members', 'awards']);
  });

  it('reads a missing or broken row as the empty policy', () => {
    expect(parsePolicyJson(null)).toEqual(EMPTY_POLICY);
    expect(parsePolicyJson('{not json')).toEqual(EMPTY_POLICY);
    expect(parsePolicyJson('{"tip_informants":["name"]}')).toEqual(EMPTY_POLICY);
    const p = parsePolicyJson('{"awards":["recipient_name"]}');
    expect(allowedPersonalColumns(p, 'awards')).toEqual(['recipient_name']);
    expect(allowedPersonalColumns(p, 'mass_org_members')).toEqual([]);
  });

  it('lists the columns added and removed', () => {
    expect(policyDifference({ awards: ['recipient_name'] }, { mass_org_members: ['phone'] })).toEqual([
      { table: 'mass_org_members', added: ['phone'], removed: [] },
      { table: 'awards', added: [], removed: ['recipient_name'] },
    ]);
  });
});
