/**
 * Issue 9 item 9: merging or ending a unit offers to move what is attached to it (organisations,
 * mass organisations, mediation teams, model sites) to the successor in the same step, listed for
 * the officer, undoable; renames and moves can be dated in the past. Through the real dispatch on
 * a fresh migrated database (Gia Viễn, clock 22/11/2026).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { refusalChecker } from '../../support/refusals';

const tmp = useTempDir('antq-transfer-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = <T = Row>(sql: string, ...params: unknown[]) => queryAll<T>(t.backend.databasePath, sql, ...params);
const row = <T = Row>(sql: string, ...params: unknown[]) => queryOne<T>(t.backend.databasePath, sql, ...params);

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name && u.validTo === null);
  if (found.length !== 1) throw new Error(`expected one active unit named ${name}`);
  return found[0]!;
}

const expectRefused = refusalChecker(() => t, dump);

const kind = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;

async function school(unitId: string, name: string) {
  return t.call('organizations.create', {
    name,
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    isArmedForces: false,
    unitId,
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
    address: 'Thôn Đông',
    validFrom: '2000-09-01',
  });
}

async function massOrg(unitId: string, code: string, name: string) {
  return t.call('massOrgs.create', {
    kindId: kind(code),
    unitId,
    name,
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2024-07-01',
    note: null,
  });
}

async function site(unitId: string) {
  const types = await t.call('modelTypes.list', { includeInactive: false });
  const model = await t.call('models.create', {
    name: 'Camera an ninh',
    typeId: types[0]!.id,
    originUnitId: (await unit('Huyện Gia Viễn')).id,
    originLevel: 'huyen',
    foundedOn: '2022-03-15',
    status: 'hoat_dong',
    note: '',
  });
  return t.call('modelSites.create', {
    modelId: model.id,
    unitId,
    organizationName: '',
    startedOn: '2022-04-01',
    teams: 2,
    members: 18,
    note: '',
  });
}

/** Gia Phú with one of each kind of attached record, plus an ended one that is never offered. */
async function attachedToPhu() {
  const phu = await unit('Xã Gia Phú');
  const org = await school(phu.id, 'Trường THCS Gia Phú');
  const endedOrg = await school(phu.id, 'Trường cũ');
  await t.call('organizations.end', { id: endedOrg.id, validTo: '2024-06-30', reason: 'Giải thể' });
  const tuQuan = await massOrg(phu.id, 'to_tu_quan', 'Tổ tự quản số 1');
  const hoaGiai = await massOrg(phu.id, 'to_hoa_giai', 'Tổ hòa giải thôn Đông');
  const s = await site(phu.id);
  return { phu, org, endedOrg, tuQuan, hoaGiai, site: s };
}

describe('units.attached', () => {
  it('lists the open records of the units by group (teams apart), with their unit, not ended ones', async () => {
    const a = await attachedToPhu();
    const { items } = await t.call('units.attached', { unitIds: [a.phu.id], withDescendants: false });
    expect(items.map((i) => [i.group, i.name, i.unitName])).toEqual([
      ['organizations', 'Trường THCS Gia Phú', 'Xã Gia Phú'],
      ['massOrgs', 'Tổ tự quản số 1', 'Xã Gia Phú'],
      ['teams', 'Tổ hòa giải thôn Đông', 'Xã Gia Phú'],
      ['modelSites', 'Camera an ninh', 'Xã Gia Phú'],
    ]);
    expect(items.find((i) => i.group === 'massOrgs')!.detail).toBe('Tổ tự quản');
  });

  it('includes the units below when asked (an end ends them too)', async () => {
    const phu = await unit('Xã Gia Phú');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await school(thon.id, 'Trường mầm non Thôn Đông');
    expect((await t.call('units.attached', { unitIds: [phu.id], withDescendants: false })).items).toEqual([]);
    const { items } = await t.call('units.attached', { unitIds: [phu.id], withDescendants: true });
    expect(items.map((i) => [i.name, i.unitName])).toEqual([['Trường mầm non Thôn Đông', 'Thôn Đông']]);
  });
});

describe('merge with the records that follow', () => {
  it('moves the chosen records to the successor in the same step, logs them, and undo puts them back', async () => {
    const a = await attachedToPhu();
    const hoa = await unit('Xã Gia Hòa');
    const out = await t.call('units.merge', {
      unitIds: [a.phu.id, hoa.id],
      effectiveDate: '2025-07-01',
      reason: 'Nghị quyết 1674',
      successor: { mode: 'new', name: 'Xã Gia Hưng Mới', kind: 'xa', code: null },
      note: null,
      transfer: [
        { table: 'organizations', id: a.org.id },
        { table: 'mass_orgs', id: a.hoaGiai.id },
        { table: 'model_sites', id: a.site.id },
      ],
    });
    expect(out.transferred).toBe(3);
    const successor = out.successor.id;
    expect(row('SELECT unit_id FROM organizations WHERE id = ?', a.org.id)).toEqual({ unit_id: successor });
    expect(row('SELECT unit_id FROM mass_orgs WHERE id = ?', a.hoaGiai.id)).toEqual({ unit_id: successor });
    expect(row('SELECT unit_id FROM model_sites WHERE id = ?', a.site.id)).toEqual({ unit_id: successor });
    // Not chosen: stays with the ended unit.
    expect(row('SELECT unit_id FROM mass_orgs WHERE id = ?', a.tuQuan.id)).toEqual({ unit_id: a.phu.id });
    expect(rows('SELECT table_name, from_unit_id, to_unit_id, effective_date, undone_at FROM unit_transfers ORDER BY table_name')).toEqual([
      { table_name: 'mass_orgs', from_unit_id: a.phu.id, to_unit_id: successor, effective_date: '2025-07-01', undone_at: null },
      { table_name: 'model_sites', from_unit_id: a.phu.id, to_unit_id: successor, effective_date: '2025-07-01', undone_at: null },
      { table_name: 'organizations', from_unit_id: a.phu.id, to_unit_id: successor, effective_date: '2025-07-01', undone_at: null },
    ]);
    const phuLog = await t.call('units.get', { id: a.phu.id });
    expect(phuLog.history.map((h) => h.summary)).toContainEqual(
      expect.stringMatching(/^Chuyển 3 hồ sơ sang "Xã Gia Hưng Mới" từ ngày 01\/07\/2025/),
    );

    const { batches } = await t.call('units.transfers', { id: a.phu.id });
    expect(batches).toEqual([
      expect.objectContaining({ batchId: out.transferBatchId, count: 3, from: { id: a.phu.id, name: 'Xã Gia Phú' }, undoneAt: null }),
    ]);
    expect(await t.call('units.untransfer', { batchId: out.transferBatchId! })).toEqual({ restored: 3, skipped: 0 });
    expect(row('SELECT unit_id FROM organizations WHERE id = ?', a.org.id)).toEqual({ unit_id: a.phu.id });
    expect(row('SELECT unit_id FROM mass_orgs WHERE id = ?', a.hoaGiai.id)).toEqual({ unit_id: a.phu.id });
    expect(row('SELECT unit_id FROM model_sites WHERE id = ?', a.site.id)).toEqual({ unit_id: a.phu.id });
    expect(row('SELECT count(*) AS n FROM unit_transfers WHERE undone_at IS NULL')).toEqual({ n: 0 });
    await expectRefused('units.untransfer', { batchId: out.transferBatchId! }, 'RULE', /đã được hoàn tác/);
  });

  it('refuses, changing nothing, two mass organisations that would share a name in the successor', async () => {
    const phu = await unit('Xã Gia Phú');
    const hoa = await unit('Xã Gia Hòa');
    const one = await massOrg(phu.id, 'to_hoa_giai', 'Tổ hòa giải thôn Đông');
    const two = await massOrg(hoa.id, 'to_hoa_giai', 'Tổ hòa giải thôn Đông');
    await expectRefused(
      'units.merge',
      {
        unitIds: [phu.id, hoa.id],
        effectiveDate: '2025-07-01',
        reason: 'Nghị quyết 1674',
        successor: { mode: 'new', name: 'Xã Mới', kind: 'xa', code: null },
        note: null,
        transfer: [
          { table: 'mass_orgs', id: one.id },
          { table: 'mass_orgs', id: two.id },
        ],
      },
      'RULE',
      /"Xã Mới" sẽ có hai tổ hòa giải cùng tên "Tổ hòa giải thôn Đông"/,
    );
  });

  it('refuses a record that is not attached to an ending unit', async () => {
    const phu = await unit('Xã Gia Phú');
    const hoa = await unit('Xã Gia Hòa');
    const elsewhere = await school((await unit('Xã Gia Sinh')).id, 'Trường Gia Sinh');
    await expectRefused(
      'units.merge',
      {
        unitIds: [phu.id, hoa.id],
        effectiveDate: '2025-07-01',
        reason: 'Nghị quyết 1674',
        successor: { mode: 'existing', unitId: hoa.id },
        note: null,
        transfer: [{ table: 'organizations', id: elsewhere.id }],
      },
      'RULE',
      /"Trường Gia Sinh" không thuộc đơn vị đang kết thúc/,
    );
  });
});

describe('end with the records that follow', () => {
  it('moves records of the unit and the units below it to the chosen unit from the next day', async () => {
    const phu = await unit('Xã Gia Phú');
    const hoa = await unit('Xã Gia Hòa');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    const org = await school(thon.id, 'Trường mầm non Thôn Đông');
    const out = await t.call('units.end', {
      id: phu.id,
      validTo: '2026-06-30',
      reason: 'Sáp nhập',
      successorId: hoa.id,
      transfer: [{ table: 'organizations', id: org.id }],
    });
    expect(out).toMatchObject({ endedDescendants: 1, transferred: 1 });
    expect(row('SELECT unit_id FROM organizations WHERE id = ?', org.id)).toEqual({ unit_id: hoa.id });
    expect(row('SELECT from_unit_id, to_unit_id, effective_date FROM unit_transfers')).toEqual({
      from_unit_id: thon.id,
      to_unit_id: hoa.id,
      effective_date: '2026-07-01',
    });
  });

  it('refuses, changing nothing, records without a unit to take them, or a unit that ends too', async () => {
    const phu = await unit('Xã Gia Phú');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    const org = await school(phu.id, 'Trường THCS Gia Phú');
    const base = { id: phu.id, validTo: '2026-06-30', reason: 'Sáp nhập', transfer: [{ table: 'organizations' as const, id: org.id }] };
    await expectRefused('units.end', { ...base, successorId: null }, 'VALIDATION', /Hãy chọn đơn vị tiếp nhận hồ sơ/);
    await expectRefused('units.end', { ...base, successorId: thon.id }, 'RULE', /cũng kết thúc hoạt động/);
    const later = await t.call('units.create', {
      parentId: (await unit('Huyện Gia Viễn')).id,
      name: 'Xã Mới',
      kind: 'xa',
      code: null,
      validFrom: '2026-09-01',
    });
    await expectRefused('units.end', { ...base, successorId: later.id }, 'RULE', /chỉ hoạt động từ ngày 01\/09\/2026/);
  });
});

describe('a unit whose records moved', () => {
  it('cannot be deleted as a mistake, since the undo needs it', async () => {
    const root = await unit('Huyện Gia Viễn');
    const hoa = await unit('Xã Gia Hòa');
    const wrong = await t.call('units.create', {
      parentId: root.id,
      name: 'Xã Nhập Nhầm',
      kind: 'xa',
      code: null,
      validFrom: '2020-01-01',
    });
    const org = await school(wrong.id, 'Trường Nhập Nhầm');
    await t.call('units.end', {
      id: wrong.id,
      validTo: '2026-06-30',
      reason: 'Nhập nhầm',
      successorId: hoa.id,
      transfer: [{ table: 'organizations', id: org.id }],
    });
    await expectRefused('units.delete', { id: wrong.id }, 'RULE', /1 lần chuyển hồ sơ sang đơn vị khác/);
  });
});

describe('renames and moves dated in the past', () => {
  it('records the old name up to the day before the effective date, and the tree of an earlier day shows it', async () => {
    const phu = await unit('Xã Gia Phú');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call('units.update', {
      id: thon.id,
      name: 'Thôn Đông Thịnh',
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
      effectiveDate: '2025-03-01',
    });
    expect(rows('SELECT name, valid_from, valid_to FROM unit_names WHERE unit_id = ?', thon.id)).toEqual([
      { name: 'Thôn Đông', valid_from: '2020-01-01', valid_to: '2025-02-28' },
    ]);
    const before = (await t.call('units.asOf', { date: '2025-02-28' })).find((u) => u.id === thon.id)!;
    const after = (await t.call('units.asOf', { date: '2025-03-01' })).find((u) => u.id === thon.id)!;
    expect([before.name, after.name]).toEqual(['Thôn Đông', 'Thôn Đông Thịnh']);
    expect((await t.call('units.get', { id: thon.id })).history.map((h) => h.summary)).toContainEqual(
      expect.stringMatching(/có hiệu lực từ ngày 01\/03\/2025/),
    );
  });

  it('refuses an effective date before the unit began or in the future, changing nothing', async () => {
    const phu = await unit('Xã Gia Phú');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    const input = { id: thon.id, name: 'Thôn Mới', kind: 'thon' as const, code: null, validFrom: '2020-01-01' };
    await expectRefused(
      'units.update',
      { ...input, effectiveDate: '2019-12-31' },
      'RULE',
      /không được trước ngày đơn vị bắt đầu hoạt động \(01\/01\/2020\)/,
    );
    await expectRefused('units.update', { ...input, effectiveDate: '2026-11-23' }, 'RULE', /không được sau ngày hôm nay \(22\/11\/2026\)/);
    await expectRefused(
      'units.move',
      { id: thon.id, newParentId: (await unit('Xã Gia Hòa')).id, effectiveDate: '2019-06-01' },
      'RULE',
      /trước ngày đơn vị bắt đầu/,
    );
  });

  it('a move dated in the past keeps the old parent up to the day before', async () => {
    const phu = await unit('Xã Gia Phú');
    const hoa = await unit('Xã Gia Hòa');
    const thon = await t.call('units.create', { parentId: phu.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call('units.move', { id: thon.id, newParentId: hoa.id, effectiveDate: '2024-01-01' });
    expect(rows('SELECT parent_id, valid_to FROM unit_parents WHERE unit_id = ?', thon.id)).toEqual([
      { parent_id: phu.id, valid_to: '2023-12-31' },
    ]);
    const in2023 = (await t.call('units.asOf', { date: '2023-06-30' })).find((u) => u.id === thon.id)!;
    expect(in2023.parentId).toBe(phu.id);
    const later = await t.call('units.create', {
      parentId: (await unit('Huyện Gia Viễn')).id,
      name: 'Xã Mới',
      kind: 'xa',
      code: null,
      validFrom: '2026-01-01',
    });
    await expectRefused(
      'units.move',
      { id: thon.id, newParentId: later.id, effectiveDate: '2025-06-01' },
      'RULE',
      /"Xã Mới" chỉ hoạt động từ ngày 01\/01\/2026/,
    );
  });
});
