/**
 * Per-step roles of the yearly evaluation (issue 15 item 1): every step × every role, and the undo
 * of every step × every role, through the real dispatch against STEP_ROLES (shared/ipc/access.ts).
 * A role may take exactly the steps listed for it and undo exactly the steps it may take; a refusal
 * is FORBIDDEN in dispatch's own wording, naming the roles allowed, and changes nothing. Printed:
 * calls and mismatches (0).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/ipc/contract';
import { ADVANCE_STEPS, type AdvanceStep, type WorkflowState } from '../../../shared/domain/evaluation';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { METHOD_ROLES, STEP_ROLES, forbiddenMessage, isUndoAllowed, refusalMessage, undoRoles } from '../../../shared/ipc/access';
import { startBackend, TEST_ADMIN, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';

const YEAR = 2026;
const PASSWORD = 'mat-khau-vai-tro-1';
const tmp = useTempDir('antq-step-roles-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  for (const role of ROLES) {
    if (role === 'quan_tri') continue;
    await t.call('accounts.create', { username: `tk-${role}`, displayName: ROLE_LABELS[role], role, password: PASSWORD });
  }
});
afterEach(() => t.close());

async function loginAs(role: Role): Promise<void> {
  await t.call('auth.logout', {});
  if (role === 'quan_tri') await t.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  else await t.call('auth.login', { username: `tk-${role}`, password: PASSWORD });
}

const DATES: Readonly<Record<AdvanceStep, string>> = {
  tu_danh_gia: '2026-11-02',
  de_nghi: '2026-11-05',
  tham_dinh: '2026-11-10',
  quyet_dinh: '2026-11-18',
};

function stepInput(subjectId: string, step: AdvanceStep): MethodInput<'evaluation.advance'> {
  const base = { subjectType: 'unit' as const, subjectId, year: YEAR, date: DATES[step] };
  switch (step) {
    case 'tu_danh_gia':
      return { ...base, step, chair: 'Nguyễn Văn Chủ' };
    case 'de_nghi':
      return { ...base, step, number: '15/TTr-UBND' };
    case 'tham_dinh':
      return { ...base, step, by: 'Công an huyện Gia Viễn' };
    case 'quyet_dinh':
      return { ...base, step, outcome: 'cong_nhan', number: '120/QĐ-UBND', signer: 'Trần Văn Ký', reason: 'Đạt qua thẩm định' };
  }
}

function registration(subjectId: string): MethodInput<'evaluation.register'> {
  return {
    subjectType: 'unit',
    subjectId,
    year: YEAR,
    registeredOn: '2026-02-15',
    resolutionNumber: '05-NQ/ĐU',
    resolutionDate: '2026-01-20',
    resolutionForm: 'chuyen_de_rieng',
    planNumber: '12/KH-UBND',
    planDate: '2026-02-10',
    householdsRegistered: null,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: null,
  };
}

const undoInput = (subjectId: string) => ({ subjectType: 'unit' as const, subjectId, year: YEAR, reason: 'Ghi nhầm', by: 'Người thử' });

async function stateOf(subjectId: string): Promise<WorkflowState> {
  return (await t.call('evaluation.subject', { subjectType: 'unit', subjectId, year: YEAR })).status;
}

/** The evaluation tables and the unit's history: what a refused call must leave as it was. */
function evaluationTables(): string {
  const { tables } = dumpDatabase(`${tmp.path()}/antq.db`);
  return JSON.stringify(Object.entries(tables).filter(([name]) => name.startsWith('evaluation_')));
}

describe('the declaration', () => {
  it('the unit records its own steps; the appraisal and the decision are Lãnh đạo’s', () => {
    expect(STEP_ROLES).toEqual({
      tu_danh_gia: ['quan_tri', 'lanh_dao', 'can_bo'],
      de_nghi: ['quan_tri', 'lanh_dao', 'can_bo'],
      tham_dinh: ['quan_tri', 'lanh_dao'],
      quyet_dinh: ['quan_tri', 'lanh_dao'],
    });
    // Dispatch lets in whoever may take some step (or undo a registration); the service decides per step.
    for (const m of ['evaluation.advance', 'evaluation.undoStep'] as const) {
      const union = ROLES.filter((r) => ADVANCE_STEPS.some((s) => STEP_ROLES[s].includes(r)));
      expect(METHOD_ROLES[m]).toEqual(union);
    }
    expect(undoRoles('chua_dang_ky')).toBeNull();
    expect(undoRoles('da_dang_ky')).toEqual(METHOD_ROLES['evaluation.register']);
    expect(undoRoles('cong_nhan')).toEqual(STEP_ROLES.quyet_dinh);
    expect(undoRoles('khong_cong_nhan')).toEqual(STEP_ROLES.quyet_dinh);
    expect(isUndoAllowed('tham_dinh', 'can_bo')).toBe(false);
    expect(isUndoAllowed('de_nghi', 'can_bo')).toBe(true);
  });

  it('a step refused reads exactly like a method refused', () => {
    expect(refusalMessage(STEP_ROLES.quyet_dinh, 'can_bo')).toBe(forbiddenMessage('evaluation.freeze', 'can_bo'));
  });
});

describe('dispatch and the service enforce it: every step × every role', () => {
  it('has 0 mismatches, each refusal names the roles allowed and changes nothing', async () => {
    const hoa = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
    await t.call('evaluation.register', registration(hoa.id));
    const mismatches: string[] = [];
    let calls = 0;
    const expectRefused = async (what: string, role: Role, allowed: readonly Role[], send: () => Promise<unknown>) => {
      const before = evaluationTables();
      const r = (await send()) as Awaited<ReturnType<TestBackend['send']>>;
      calls++;
      if (r.ok || r.error.code !== 'FORBIDDEN') {
        mismatches.push(`${role} ${what}: expected FORBIDDEN, got ${r.ok ? 'OK' : r.error.code}`);
        return;
      }
      // Chỉ xem is refused by dispatch (no step at all); the others by the service. Same wording.
      const expected = role === 'chi_xem' ? forbiddenMessage('evaluation.advance', role) : refusalMessage(allowed, role);
      expect(r.error.message, `${role} ${what}`).toBe(expected);
      if (role !== 'chi_xem') for (const a of allowed) expect(r.error.message).toContain(ROLE_LABELS[a]);
      expect(evaluationTables(), `${role} ${what} changed nothing`).toBe(before);
    };

    // Undo of the registration: the registration's roles.
    for (const role of ROLES) {
      await loginAs(role);
      if (isUndoAllowed('da_dang_ky', role)) {
        const r = await t.send('evaluation.undoStep', undoInput(hoa.id));
        calls++;
        if (!r.ok) mismatches.push(`${role} undo registration: expected OK, got ${r.error.code} ${r.error.message}`);
        await t.call('evaluation.register', registration(hoa.id));
      } else {
        await expectRefused('undo registration', role, METHOD_ROLES['evaluation.register'] as readonly Role[], () =>
          t.send('evaluation.undoStep', undoInput(hoa.id)),
        );
      }
    }

    for (const step of ADVANCE_STEPS) {
      const from = await stateOf(hoa.id);
      for (const role of ROLES) {
        await loginAs(role);
        if (!STEP_ROLES[step].includes(role)) {
          await expectRefused(`advance ${step}`, role, STEP_ROLES[step], () => t.send('evaluation.advance', stepInput(hoa.id, step)));
          continue;
        }
        const r = await t.send('evaluation.advance', stepInput(hoa.id, step));
        calls++;
        if (!r.ok) {
          mismatches.push(`${role} advance ${step}: expected OK, got ${r.error.code} ${r.error.message}`);
          continue;
        }
        // Who took the step may undo it.
        const u = await t.send('evaluation.undoStep', undoInput(hoa.id));
        calls++;
        if (!u.ok) mismatches.push(`${role} undo ${step}: expected OK, got ${u.error.code} ${u.error.message}`);
        expect(await stateOf(hoa.id)).toBe(from);
      }
      // The step taken (by Quản trị); every role that may not take it may not undo it either.
      await loginAs('quan_tri');
      await t.call('evaluation.advance', stepInput(hoa.id, step));
      const after = await stateOf(hoa.id);
      for (const role of ROLES) {
        if (isUndoAllowed(after, role)) continue;
        await loginAs(role);
        await expectRefused(`undo ${step}`, role, STEP_ROLES[step], () => t.send('evaluation.undoStep', undoInput(hoa.id)));
      }
      expect(await stateOf(hoa.id)).toBe(after);
    }
    expect(await stateOf(hoa.id)).toBe('cong_nhan');
    console.log(
      `step roles: ${ADVANCE_STEPS.length + 1} steps × ${ROLES.length} roles (take and undo) = ${calls} calls, ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
  });

  it('who may not take a step is refused before the rules of the step are checked', async () => {
    const hoa = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
    await t.call('evaluation.register', registration(hoa.id));
    await loginAs('can_bo');
    // Out of order (the subject is only registered): still FORBIDDEN, not RULE.
    const r = await t.fail('evaluation.advance', stepInput(hoa.id, 'quyet_dinh'));
    expect(r.code).toBe('FORBIDDEN');
    expect(r.message).toBe('Chức năng này chỉ dành cho vai trò Quản trị, Lãnh đạo; tài khoản đang đăng nhập có vai trò Cán bộ.');
    // The steps Cán bộ may take go through.
    await t.call('evaluation.advance', stepInput(hoa.id, 'tu_danh_gia'));
    await t.call('evaluation.advance', stepInput(hoa.id, 'de_nghi'));
    expect(await stateOf(hoa.id)).toBe('de_nghi');
  });
});
