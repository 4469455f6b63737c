/**
 * The role matrix (issue 15 item 1): every contract method × every role, called through the real
 * dispatch of a backend, against the declared map of shared/ipc/access.ts. A call is refused with
 * FORBIDDEN exactly where the role is not listed, and with LOCKED for every non-public method when
 * no session is open. The probe input has an unknown key, so an allowed call stops at validation
 * and no handler runs. Printed: calls and mismatches (0).
 */
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../shared/ipc/contract';
import { METHOD_ROLES, type MethodRoles } from '../../../shared/ipc/access';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { startBackend, TEST_ADMIN } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-access-');
const PROBE = { zzAccessProbe: 1 };

describe('the access map', () => {
  it('names every contract method and nothing else', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) {
      const roles = METHOD_ROLES[m];
      if (roles === 'public') continue;
      expect(roles.length, m).toBeGreaterThan(0);
      // Quản trị may do everything.
      expect(roles, m).toContain('quan_tri');
    }
  });

  it('a method missing from the map does not compile', () => {
    const { 'units.list': _dropped, ...rest } = METHOD_ROLES;
    // @ts-expect-error — 'units.list' is missing: a map without it is not a MethodRoles.
    const incomplete: MethodRoles = rest;
    expect(Object.keys(incomplete)).toHaveLength(METHODS.length - 1);
  });

  it('the informant of a tip is read by Lãnh đạo and Quản trị only', () => {
    expect(METHOD_ROLES['tips.informant']).toEqual(['quan_tri', 'lanh_dao']);
  });
});

describe('dispatch enforces it: every method × every role', () => {
  it('has 0 mismatches against the declared matrix', async () => {
    const t = await startBackend(tmp.path());
    const password = 'mat-khau-vai-tro-1';
    for (const role of ROLES) {
      if (role === 'quan_tri') continue;
      await t.call('accounts.create', { username: `tk-${role}`, displayName: ROLE_LABELS[role], role, password });
    }
    const mismatches: string[] = [];
    let calls = 0;
    const check = async (who: Role | null) => {
      for (const method of METHODS) {
        const declared = METHOD_ROLES[method];
        const r = await t.send(method, PROBE);
        calls++;
        const code = r.ok ? 'OK' : r.error.code;
        const expected = declared === 'public' ? 'through' : who === null ? 'LOCKED' : declared.includes(who) ? 'through' : 'FORBIDDEN';
        const got = code === 'LOCKED' || code === 'FORBIDDEN' ? code : 'through';
        if (got !== expected) mismatches.push(`${who ?? 'no session'} ${method}: expected ${expected}, got ${code}`);
        if (code === 'FORBIDDEN' && who !== null && !r.ok) {
          // The refusal names the roles that may and the one the person has.
          expect(r.error.message).toContain(ROLE_LABELS[who]);
          for (const allowed of declared as readonly Role[]) expect(r.error.message).toContain(ROLE_LABELS[allowed]);
        }
      }
    };
    for (const role of ROLES) {
      await t.call('auth.logout', {});
      const username = role === 'quan_tri' ? TEST_ADMIN.username : `tk-${role}`;
      await t.call('auth.login', { username, password: role === 'quan_tri' ? TEST_ADMIN.password : password });
      await check(role);
    }
    await t.call('auth.logout', {});
    await check(null);
    t.close();
    console.log(
      `access matrix: ${METHODS.length} methods × (${ROLES.length} roles + no session) = ${calls} calls, ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
    expect(calls).toBe(METHODS.length * (ROLES.length + 1));
  });
});
