import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend } from '../../../electron/backend/index';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { loginAsAdmin, TEST_PASSWORD_COST } from '../../support/backend';

let dir: string;
let backend: Backend;

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-usage-'));
  backend = await openBackend({
    dataDir: dir,
    shell: 'web',
    appVersion: 'test',
    now: () => new Date('2026-11-22T03:00:00Z'),
    cataloguePath: path.resolve('resources/catalogue/admin-units.json'),
    testPasswordCost: TEST_PASSWORD_COST,
  });
  await loginAsAdmin(backend);
  await call('office.setup', GIA_VIEN_SETUP);
});

afterEach(() => {
  backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('units.usage', () => {
  it('counts the active records attached to a unit and the units below it, not ended or deleted ones', async () => {
    const units = await call<{ id: string; name: string }[]>('units.list', { includeEnded: false });
    const hoa = units.find((u) => u.name === 'Xã Gia Hòa')!;
    const hung = units.find((u) => u.name === 'Xã Gia Hưng')!;
    const thon = await call<{ id: string }>('units.create', {
      parentId: hoa.id,
      name: 'Thôn Đông',
      kind: 'thon',
      code: null,
      validFrom: '2024-01-01',
    });
    expect(await call('units.usage', { id: hoa.id })).toEqual({ organizations: 0, massOrgs: 0, modelSites: 0 });

    const school = {
      name: 'Trường THCS Gia Hòa',
      kind: 'co_so_giao_duc',
      subKind: 'thcs',
      isArmedForces: false,
      unitId: thon.id,
      managingLevel: 'huyen',
      bcaMonitored: false,
      hasPartyOrg: true,
      hasSecurityForce: true,
      subUnitCount: 4,
      sectorGroup: null,
      insuredEmployees: null,
      revenueBillion: null,
      capitalBillion: null,
      taxCode: null,
      address: null,
      validFrom: '2000-09-01',
    };
    const kept = await call<{ id: string }>('organizations.create', school);
    const ended = await call<{ id: string }>('organizations.create', { ...school, name: 'Trường cũ' });
    await call('organizations.end', { id: ended.id, validTo: '2026-06-30', reason: 'Sáp nhập trường' });
    await call('organizations.create', { ...school, name: 'Trường Gia Hưng', unitId: hung.id });
    const kind = BUILT_IN_KINDS.find((k) => k.code === 'to_tu_quan')!;
    await call('massOrgs.create', {
      kindId: kind.id,
      unitId: hoa.id,
      name: 'Tổ tự quản số 1',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-07-01',
      note: null,
    });

    expect(await call('units.usage', { id: hoa.id })).toEqual({ organizations: 1, massOrgs: 1, modelSites: 0 });
    expect(await call('units.usage', { id: thon.id })).toEqual({ organizations: 1, massOrgs: 0, modelSites: 0 });
    expect(await call('units.usage', { id: hung.id })).toEqual({ organizations: 1, massOrgs: 0, modelSites: 0 });
    expect(kept.id).toMatch(/^[0-9a-f-]{36}$/);

    // The unit can still be ended; the records stay attached, as the dialog warns.
    await call('units.end', { id: hoa.id, validTo: '2026-11-01', reason: 'Sáp nhập' });
    expect(await call('units.usage', { id: hoa.id })).toEqual({ organizations: 1, massOrgs: 1, modelSites: 0 });
  });

  it('refuses an unknown unit with a Vietnamese message', async () => {
    const r = await backend.dispatch('units.usage', { id: '00000000-0000-4000-8000-000000000000' });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị (có thể đã bị xóa).' } });
  });
});
